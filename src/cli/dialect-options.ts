// Input dialect overrides shared by commands that read ledgers: --delimiter, --decimal, --encoding, --sheet.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { columnMapProblems } from '../read/header-map.js';
import { UsageError } from '../errors.js';
import { encodingOf, ENCODING_NAMES } from '../read/dialect/encoding.js';
import { DELIMITERS, type ReadOptions } from '../read/dialect/options.js';
import { t } from '../messages/index.js';

export interface DialectOpts {
  delimiter?: string;
  decimal?: string;
  encoding?: string;
  sheet?: string;
  columns?: string;
}

export function addDialectOptions(cmd: Command): Command {
  return cmd
    .option('--delimiter <char>', t('cli.delimiterOption'))
    .option('--decimal <mark>', t('cli.decimalOption'))
    .option('--encoding <name>', t('cli.encodingOption'))
    .option('--sheet <name>', t('cli.sheetOption'))
    .option('--columns <file>', t('cli.columnsOption'));
}

/** Validates the overrides before any input is read. */
export function readOptionsFrom(opts: DialectOpts): ReadOptions {
  const out: ReadOptions = {};
  if (opts.delimiter !== undefined) {
    const d = opts.delimiter === 'tab' || opts.delimiter === '\\t' ? '\t' : opts.delimiter;
    if (!(DELIMITERS as readonly string[]).includes(d)) throw new UsageError(t('cli.unknownDelimiter', { value: JSON.stringify(opts.delimiter) }));
    out.delimiter = d;
  }
  if (opts.decimal !== undefined) {
    if (opts.decimal !== ',' && opts.decimal !== '.') throw new UsageError(t('cli.unknownDecimal', { value: JSON.stringify(opts.decimal) }));
    out.decimal = opts.decimal;
  }
  if (opts.encoding !== undefined) {
    const e = encodingOf(opts.encoding);
    if (!e) throw new UsageError(t('cli.unknownEncoding', { value: JSON.stringify(opts.encoding), known: ENCODING_NAMES.join(', ') }));
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
    throw new UsageError((e as NodeJS.ErrnoException).code === 'ENOENT' ? t('cli.columnsFileNotFound', { path }) : t('cli.columnsNotJson', { path, reason: (e as Error).message }));
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || Object.values(json).some((v) => typeof v !== 'string')) {
    throw new UsageError(t('cli.columnsNotObject', { path, example: '{"Montant mandaté": "realise"}' }));
  }
  const problems = columnMapProblems(json as Record<string, string>);
  if (problems.length > 0) throw new UsageError(t('cli.columnsProblems', { path, problems: problems.join('; ') }));
  return json as Record<string, string>;
}
