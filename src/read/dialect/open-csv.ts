// Opens a ledger CSV in whatever dialect it is written: UTF-8 bytes, delimiter and amount parser for csv-ledger.ts.
import { isUtf8 } from 'node:buffer';
import { readWhole } from '../whole-file.js';
import { Readable } from 'node:stream';
import { InputError } from '../../errors.js';
import type { AmountParser } from '../ledger-record.js';
import { parseDialectAmount, type DecimalEvidence, type DecimalMark } from './amount.js';
import { byteChunks, detectDecimal, detectDelimiter, textChunks } from './detect.js';
import { decode, sniffEncoding, type Encoding } from './encoding.js';
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
  const buf = await readWhole(path, displayName);
  // UTF-8 stays bytes (validated, never copied into one big string); other encodings are decoded, then re-encoded.
  const sniffed = options.encoding ?? sniffEncoding(buf);
  let utf8: Buffer;
  let bom = false;
  if (sniffed === 'utf-8' && isUtf8(buf)) {
    bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    utf8 = bom ? buf.subarray(3) : buf;
  } else {
    const decoded = decode(buf, displayName, sniffed);
    bom = decoded.bom;
    utf8 = Buffer.from(decoded.text, 'utf8');
  }
  const nl = utf8.indexOf(0x0a);
  const header = utf8.subarray(0, nl < 0 ? utf8.length : nl).toString('utf8').replace(/\r$/, '');
  const delimiter = options.delimiter ?? detectDelimiter(header);
  let decimal = options.decimal;
  let settledBy: DecimalEvidence | undefined;
  if (decimal === undefined) {
    settledBy = await detectDecimal(textChunks(utf8), delimiter, AMOUNT_COLUMNS);
    // The neutral dialect of docs/ledger.md: a comma-separated file has a decimal point.
    decimal = settledBy?.mark ?? (delimiter === ',' ? '.' : undefined);
  }
  return {
    dialect: { encoding: sniffed, bom, delimiter, decimal, ...(settledBy ? { settledBy } : {}), crlf: nl > 0 && utf8[nl - 1] === 0x0d },
    // csv-parse works on bytes: UTF-8 buffers are its fast path.
    input: Readable.from(byteChunks(utf8)),
    delimiter,
    parseAmount: amountParser(decimal, settledBy),
  };
}
