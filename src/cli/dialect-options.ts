// Input dialect overrides shared by commands that read ledgers: --delimiter, --decimal, --encoding, --sheet.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { columnMapProblems } from '../read/header-map.js';
import { UsageError } from '../errors.js';
import { encodingOf, ENCODING_NAMES } from '../read/dialect/encoding.js';
import { DELIMITERS, type ReadOptions } from '../read/dialect/options.js';

export interface DialectOpts {
  delimiter?: string;
  decimal?: string;
  encoding?: string;
  sheet?: string;
  columns?: string;
}

export function addDialectOptions(cmd: Command): Command {
  return cmd
    .option('--delimiter <char>', 'CSV delimiter of the ledgers: ";" "," "tab" or "|" (default: detected from the header)')
    .option('--decimal <mark>', 'decimal mark of the ledgers\' amounts: "," or "." (default: detected from the amounts)')
    .option('--encoding <name>', 'text encoding of the ledgers: utf-8, windows-1252, iso-8859-1 (default: UTF-8, else Windows-1252)')
    .option('--sheet <name>', 'worksheet of XLSX ledgers (default: the first)')
    .option('--columns <file>', 'JSON file mapping the ledgers\' column names to ledger columns, {"Montant mandaté": "realise"} (default: manifest "columns", then the synonyms)');
}

/** Validates the overrides before any input is read. */
export function readOptionsFrom(opts: DialectOpts): ReadOptions {
  const out: ReadOptions = {};
  if (opts.delimiter !== undefined) {
    const d = opts.delimiter === 'tab' || opts.delimiter === '\\t' ? '\t' : opts.delimiter;
    if (!(DELIMITERS as readonly string[]).includes(d)) throw new UsageError(`unknown delimiter ${JSON.stringify(opts.delimiter)} (";" "," "tab" or "|")`);
    out.delimiter = d;
  }
  if (opts.decimal !== undefined) {
    if (opts.decimal !== ',' && opts.decimal !== '.') throw new UsageError(`unknown decimal mark ${JSON.stringify(opts.decimal)} ("," or ".")`);
    out.decimal = opts.decimal;
  }
  if (opts.encoding !== undefined) {
    const e = encodingOf(opts.encoding);
    if (!e) throw new UsageError(`unknown encoding ${JSON.stringify(opts.encoding)} (known: ${ENCODING_NAMES.join(', ')})`);
    out.encoding = e;
  }
  if (opts.sheet !== undefined) out.sheet = opts.sheet;
  if (opts.columns !== undefined) out.columns = readColumnMap(opts.columns);
  return out;
}

/** A `--columns` file: an object of column name → ledger column; its problems are usage errors, named. */
function readColumnMap(path: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--columns ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(e as Error).message})`}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || Object.values(json).some((v) => typeof v !== 'string')) {
    throw new UsageError(`--columns ${path}: expected an object of column name → ledger column, such as {"Montant mandaté": "realise"}`);
  }
  const problems = columnMapProblems(json as Record<string, string>);
  if (problems.length > 0) throw new UsageError(`--columns ${path}: ${problems.join('; ')}`);
  return json as Record<string, string>;
}
