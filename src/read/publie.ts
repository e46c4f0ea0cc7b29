// Reads publie.csv (id,exercice,valeur,precision,source): figures as printed in a report, French number format accepted.
import { readWholeText } from './whole-file.js';
import { inchMarkNotice, parseCsvSafely } from './csv-safe.js';
import { InputError, type InputProblem } from '../errors.js';
import { D, type Dec } from '../money/cents.js';
import type { PrintedPrecision, PublishedFigure } from '../model/side-tables.js';
import { writeDiagnostic } from '../text/sanitize.js';
import { t } from '../messages/index.js';

const PRECISIONS: readonly string[] = ['0.01', '0.1', '1'];

/**
 * A number as printed: `2 814 257`, `3 329 960,40`, `-6,1`, `12,1 %`, `−10,0`, or the plain `2814257.00`.
 * Grouping by spaces (plain, no-break or narrow no-break); a comma is the decimal mark, or a dot when no comma
 * is present. Returns undefined when the text is not a number.
 */
export function parsePrintedNumber(text: string): Dec | undefined {
  let s = text.trim().replace(/[\u00a0\u202f\u2009 ]/g, '').replace(/%$/, '').replace(/^\u2212/, '-');
  if (s.includes(',')) {
    if (s.includes('.')) return undefined;
    s = s.replace(',', '.');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return new D(s);
}


export interface SmallCsv {
  rows: { line: number; fields: Record<string, string> }[];
}

/** A small side table with an exact header; every problem carries file, line and column. */
export async function readSmallCsv(path: string, displayName: string, header: readonly string[]): Promise<SmallCsv> {
  const text = await readWholeText(path, displayName);
  const { records, inchMarks } = parseCsvSafely(text, displayName);
  const head = (records[0]?.record ?? []).map((c) => c.trim());
  if (head.join(',') !== header.join(',')) {
    throw new InputError({ file: displayName, line: 1, column: 1, message: t('read.headerMustBe', { header: header.join(',') }), value: head.join(',') });
  }
  const problems: InputProblem[] = [];
  const rows: SmallCsv['rows'] = [];
  for (const { record, line } of records.slice(1)) {
    if (record.length !== header.length) {
      problems.push({ file: displayName, line, column: Math.min(record.length, header.length) + 1, message: t('read.fieldCount', { expected: header.length, found: record.length }), value: record.join(',') });
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((name, i) => (fields[name] = (record[i] ?? '').trim()));
    rows.push({ line, fields });
  }
  if (problems.length > 0) throw new InputError(problems);
  const notice = inchMarkNotice(displayName, inchMarks);
  if (notice) writeDiagnostic('notice', notice);
  return { rows };
}

export const PUBLIE_HEADER = ['id', 'exercice', 'valeur', 'precision', 'source'] as const;

export async function readPublie(path: string, displayName = path): Promise<PublishedFigure[]> {
  const { rows } = await readSmallCsv(path, displayName, PUBLIE_HEADER);
  const problems: InputProblem[] = [];
  const out: PublishedFigure[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const at = (n: number, column: string, message: string, value: string) =>
      problems.push({ file: displayName, line, column: `${n} (${column})`, message, value });
    const before = problems.length;
    if (!/^\d{4}$/.test(fields.exercice!)) at(2, 'exercice', 'exercice must be a year such as 2022', fields.exercice!);
    const valeur = parsePrintedNumber(fields.valeur!);
    if (!valeur) at(3, 'valeur', 'not a number (e.g. "2 814 257", "12,1" or "2814257.00")', fields.valeur!);
    if (!PRECISIONS.includes(fields.precision!)) at(4, 'precision', `precision must be one of ${PRECISIONS.join(', ')}`, fields.precision!);
    const id = fields.id!;
    if (id !== '') {
      const first = seen.get(id);
      if (first !== undefined) at(1, 'id', `figure already published at line ${first}`, id);
      else seen.set(id, line);
    }
    if (problems.length > before || !valeur) continue;
    out.push({ id, exercice: Number(fields.exercice), valeur, precision: fields.precision as PrintedPrecision, source: fields.source!, file: displayName, line });
  }
  if (problems.length > 0) throw new InputError(problems);
  return out;
}
