// A label cell of a CSV record as written: quoted, its text exactly; unquoted, with the blanks the scanner trimmed.
import type { CsvRecord } from './csv-records.js';

const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * `libelle` keeps its spaces (convert writes labels as written, issue 11 item 13): the record scanner trims blanks
 * around unquoted fields for every column, so they are taken back here, up to the delimiters around the field.
 */
export function labelText(r: CsvRecord, i: number, delimiter: string): string {
  if (i >= r.count) return '';
  const s = r.start[i]!;
  const e = r.end[i]!;
  if (r.anyQuoted && e - s >= 2 && r.buf[s] === QUOTE && r.buf[e - 1] === QUOTE) return r.text(i);
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
  return r.buf.toString('utf8', a, b);
}
