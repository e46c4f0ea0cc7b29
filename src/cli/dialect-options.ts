// Input dialect overrides shared by commands that read ledgers: --delimiter, --decimal, --encoding, --sheet.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { encodingOf, ENCODING_NAMES } from '../read/dialect/encoding.js';
import { DELIMITERS, type ReadOptions } from '../read/dialect/options.js';

export interface DialectOpts {
  delimiter?: string;
  decimal?: string;
  encoding?: string;
  sheet?: string;
}

export function addDialectOptions(cmd: Command): Command {
  return cmd
    .option('--delimiter <char>', 'CSV delimiter of the ledgers: ";" "," "tab" or "|" (default: detected from the header)')
    .option('--decimal <mark>', 'decimal mark of the ledgers\' amounts: "," or "." (default: detected from the amounts)')
    .option('--encoding <name>', 'text encoding of the ledgers: utf-8, windows-1252, iso-8859-1 (default: UTF-8, else Windows-1252)')
    .option('--sheet <name>', 'worksheet of XLSX ledgers (default: the first)');
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
  return out;
}
