// Detection of a CSV file's dialect: the delimiter from its header line, the decimal mark from its amounts.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { decimalEvidence, type DecimalEvidence } from './amount.js';
import { DELIMITERS } from './options.js';

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').trim();

/**
 * The delimiter that splits the header line into ledger column names (`budget`, `exercice`…); failing that, the
 * candidate that occurs most. A comma when nothing else is there (a one-column file).
 */
export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const fields = headerLine.split(d);
    if (fields.length > 1 && unquote(fields[0]!) === 'budget' && unquote(fields[1]!) === 'exercice') return d;
    if (fields.length - 1 > bestCount) {
      best = d;
      bestCount = fields.length - 1;
    }
  }
  return best;
}

/**
 * Reads the amount columns until one value proves the decimal mark; undefined when none does (then a number like
 * `1.234` is an error, not a guess). Stops at the first proof: a file has one dialect, and a later cell that does
 * not fit it is reported by the parser with the proof it contradicts.
 */
export async function detectDecimal(text: Iterable<string>, delimiter: string, amountColumns: string[]): Promise<DecimalEvidence | undefined> {
  const parser = Readable.from(text).pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }),
  );
  let indices: number[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!indices) {
        const header = record.map((c) => c.trim());
        indices = amountColumns.map((c) => header.indexOf(c)).filter((i) => i >= 0);
        continue;
      }
      for (const i of indices) {
        const v = record[i];
        if (v === undefined || v === '') continue;
        const mark = decimalEvidence(v);
        if (mark) {
          parser.destroy();
          return { mark, line: info.lines, value: v.trim() };
        }
      }
    }
  } catch (e) {
    // A syntax error is the reader's to report, with its line; detection just stops there.
    if (!(e as { code?: string }).code?.startsWith('CSV_')) throw e;
  }
  return undefined;
}

/** Slices of a buffer for a byte stream; the CSV parser decodes each field whole, so a cut character is fine. */
export function* byteChunks(buf: Uint8Array, size = 1 << 16): Generator<Buffer> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** UTF-8 bytes as text slices, decoded on demand: detection usually stops within the first lines. */
export function* textChunks(utf8: Uint8Array, size = 1 << 16): Generator<string> {
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i < utf8.length; i += size) {
    const s = dec.decode(utf8.subarray(i, i + size), { stream: true });
    if (s) yield s;
  }
  const rest = dec.decode();
  if (rest) yield rest;
}

export function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
}

/** Hands a long text to a stream in slices, so the CSV parser never holds one huge chunk of records. */
export function* chunks(text: string, size = 1 << 16): Generator<string> {
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    // Never cut a surrogate pair: a lone half would come out as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield text.slice(i, end);
    i = end;
  }
}
