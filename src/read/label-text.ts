// A label cell of a CSV record as written: quoted, its text exactly; unquoted, with the blanks the scanner trimmed.
import type { CsvRecord } from './csv-records.js';

const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
const SCRATCH = new Int32Array(2);

/**
 * `libelle` keeps its spaces (convert writes labels as written, issue 11 item 13): the record scanner trims blanks
 * around unquoted fields for every column, so they are taken back here, up to the delimiters around the field.
 */
export function labelText(r: CsvRecord, i: number, delimiter: string): string {
  if (i >= r.count) return '';
  const at = SCRATCH;
  if (!labelBounds(r, i, delimiter, at)) return r.text(i);
  return r.buf.toString('utf8', at[0], at[1]);
}

/** The bytes [at[0], at[1]) of an unquoted label cell (i < r.count), blanks around it taken back; false when quoted. */
export function labelBounds(r: CsvRecord, i: number, delimiter: string, at: Int32Array): boolean {
  const s = r.start[i]!;
  const e = r.end[i]!;
  if (r.anyQuoted && e - s >= 2 && r.buf[s] === QUOTE && r.buf[e - 1] === QUOTE) return false;
  const tab = delimiter !== '\t';
  const blank = (b: number | undefined) => b === SPACE || (tab && b === TAB);
  let a = s;
  while (a > r.from && blank(r.buf[a - 1])) a--;
  let b = e;
  while (b < r.to && blank(r.buf[b])) b++;
  if (b === r.to && i === r.count - 1) {
    // The last field: the record's bounds stop at its trimmed end; its blanks run to the line end.
    let k = b;
    while (k < r.buf.length && blank(r.buf[k])) k++;
    if (k > b && (r.buf[k] === 0x0a || r.buf[k] === 0x0d)) b = k;
  }
  at[0] = a;
  at[1] = b;
  return true;
}
