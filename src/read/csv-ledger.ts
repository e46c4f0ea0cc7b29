// Reads a ledger CSV (the neutral dialect of docs/ledger.md) as batches of validated rows.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import { LEDGER_COLUMNS, OPTIONAL_COLUMNS, rowKey, type LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { parseLedgerRecord, plainAmount, type AmountParser } from './ledger-record.js';
import { validateAgainstPlan } from './validate-row.js';

export interface CsvLedgerOptions {
  /** The plan de comptes for an exercice (the nearest-year rule is the caller's). */
  planFor: (exercice: number) => Plan;
  delimiter?: string;
  parseAmount?: AmountParser;
  /** An already decoded text stream (dialect detection decodes other encodings first). */
  input?: NodeJS.ReadableStream;
  /** Shown in messages instead of the path (e.g. a path relative to the manifest). */
  displayName?: string;
  batchSize?: number;
}

const KNOWN = new Set<string>([...LEDGER_COLUMNS, ...OPTIONAL_COLUMNS]);

const Header = z.array(z.string()).superRefine((cols, ctx) => {
  LEDGER_COLUMNS.forEach((name, i) => {
    if (cols[i] !== name) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message:
          cols.includes(name)
            ? `column ${name} must come at position ${i + 1} (header order: ${LEDGER_COLUMNS.join(',')})`
            : `missing column ${name} (header must start with ${LEDGER_COLUMNS.join(',')})`,
      });
    }
  });
  cols.forEach((name, i) => {
    if (i >= LEDGER_COLUMNS.length && !KNOWN.has(name)) {
      ctx.addIssue({ code: 'custom', path: [i], message: `unknown column ${JSON.stringify(name)} (optional columns: ${OPTIONAL_COLUMNS.join(', ')})` });
    }
  });
});

export async function* readLedgerCsv(path: string, options: CsvLedgerOptions): AsyncGenerator<LedgerRow[]> {
  const file = options.displayName ?? path;
  const batchSize = options.batchSize ?? 2048;
  const parseAmount = options.parseAmount ?? plainAmount;
  const source = options.input ?? createReadStream(path);
  const parser = source.pipe(
    parse({
      delimiter: options.delimiter ?? ',',
      bom: true,
      // Line numbers are counted here rather than with csv-parse's `info`, which copies an object per record
      // (a fifth of the reading time); empty lines are kept so that every line is counted.
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    }),
  );
  let nextLine = 1;
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  let header: string[] | undefined;
  let batch: LedgerRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // A record starts on `nextLine`; a quoted field may span lines, and they count too.
      const line = nextLine;
      nextLine += 1;
      for (const field of record) if (field.includes('\n')) nextLine += field.split('\n').length - 1;
      if (record.length === 1 && record[0] === '') continue;
      if (!header) {
        const cols = record.map((c) => c.trim());
        const check = Header.safeParse(cols);
        if (!check.success) {
          for (const issue of check.error.issues) {
            const i = Number(issue.path[0]);
            problems.push({ file, line, column: i + 1, message: issue.message, value: cols[i] ?? '' });
          }
          throw new InputError(problems);
        }
        header = cols;
        continue;
      }
      const columnNumber = (name: string) => header!.indexOf(name) + 1;
      const locate = (name: string) => ({ file, line, column: `${columnNumber(name)} (${name})` });
      if (record.length !== header.length) {
        problems.push({
          file,
          line,
          column: Math.min(record.length, header.length) + 1,
          message: `expected ${header.length} fields, found ${record.length}`,
          value: record.join(options.delimiter ?? ','),
        });
        continue;
      }
      const fields: Record<string, string> = {};
      header.forEach((name, i) => (fields[name] = (record[i] ?? '').trim()));
      const parsed = parseLedgerRecord(fields, file, line, locate, parseAmount);
      problems.push(...parsed.problems);
      const row = parsed.row;
      if (!row) continue;
      const planProblems = validateAgainstPlan(row, options.planFor(row.exercice), locate);
      if (planProblems.length > 0) {
        problems.push(...planProblems);
        continue;
      }
      const key = rowKey(row);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ ...locate('chapitre'), message: `line repeats the key of line ${first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)`, value: key });
        continue;
      }
      seen.set(key, line);
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'ENOENT') throw new InputError({ file, message: 'file not found' });
    if (e.code?.startsWith('CSV_')) throw new InputError({ file, line: e.lines, message: `CSV syntax: ${e.message}` });
    throw err;
  }
  if (!header) problems.push({ file, line: 1, message: 'empty file: expected the header ' + LEDGER_COLUMNS.join(',') });
  if (problems.length > 0) throw new InputError(problems);
  if (batch.length > 0) yield batch;
}
