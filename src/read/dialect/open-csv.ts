// Opens a ledger CSV in whatever dialect it is written: decoded text, delimiter and amount parser for csv-ledger.ts.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import type { AmountParser } from '../ledger-record.js';
import { parseDialectAmount, type DecimalEvidence, type DecimalMark } from './amount.js';
import { byteChunks, detectDecimal, detectDelimiter, firstLine } from './detect.js';
import { decode, type Encoding } from './encoding.js';
import type { ReadOptions } from './options.js';

export const AMOUNT_COLUMNS = ['realise', 'rar', 'credits_ouverts', 'rar_precedent'];

export interface CsvDialect {
  encoding: Encoding;
  bom: boolean;
  delimiter: string;
  /** Undefined when nothing in the file settles it: then only whole amounts without separators are read. */
  decimal: DecimalMark | undefined;
  settledBy?: DecimalEvidence;
  crlf: boolean;
}

export interface OpenedCsv {
  dialect: CsvDialect;
  input: NodeJS.ReadableStream;
  delimiter: string;
  parseAmount: AmountParser;
}

export function amountParser(decimal: DecimalMark | undefined, settledBy?: DecimalEvidence): AmountParser {
  return (text) => parseDialectAmount(text, decimal, settledBy);
}

export async function openCsv(path: string, displayName: string, options: ReadOptions = {}): Promise<OpenedCsv> {
  const buf = await readFile(path).catch(() => {
    throw new InputError({ file: displayName, message: 'file not found' });
  });
  const { text, encoding, bom } = decode(buf, displayName, options.encoding);
  const header = firstLine(text);
  const delimiter = options.delimiter ?? detectDelimiter(header);
  let decimal = options.decimal;
  let settledBy: DecimalEvidence | undefined;
  if (decimal === undefined) {
    settledBy = await detectDecimal(text, delimiter, AMOUNT_COLUMNS);
    // The neutral dialect of docs/ledger.md: a comma-separated file has a decimal point.
    decimal = settledBy?.mark ?? (delimiter === ',' ? '.' : undefined);
  }
  return {
    dialect: { encoding, bom, delimiter, decimal, ...(settledBy ? { settledBy } : {}), crlf: /\r\n/.test(text.slice(0, header.length + 2)) },
    // csv-parse works on bytes: UTF-8 buffers are its fast path (a BOM is skipped by the reader's `bom` option).
    input: Readable.from(byteChunks(encoding === 'utf-8' ? buf : Buffer.from(text, 'utf8'))),
    delimiter,
    parseAmount: amountParser(decimal, settledBy),
  };
}
