// Writes convert's column table as CSV in a dialect, byte for byte what renderLedgerCsv writes, in 1 MiB slabs.
import { centsToString } from '../money/cents.js';
import { AMOUNT_COLUMNS, FREE_COLUMNS, type AmountColumn, type FreeColumn, type LedgerTable, type TextColumn } from '../model/ledger-table.js';
import { formatDialectAmount } from '../read/dialect/amount.js';
import { encode } from '../read/dialect/encoding.js';
import { csvQuote, type CsvOutDialect } from '../read/dialect/write-csv.js';
import { inertText } from '../sheet/safe-text.js';
import { ByteSink } from './byte-sink.js';

const ROWS_PER_PIECE = 512;

/** Below this many cents the euros are a small integer, which V8 prints fast; above, centsToString's BigInt way. */
const SMALL = 2 ** 31 * 100;

/** centsToString of integer cents |v| < SMALL, without a BigInt: euros and cents by one exact division. */
function smallCents(v: number): string {
  const a = v < 0 ? -v : v;
  const euros = Math.floor(a / 100);
  const c = a - euros * 100;
  return `${v < 0 ? '-' : ''}${euros}.${c < 10 ? '0' : ''}${c}`;
}

export function renderLedgerTableCsv(table: LedgerTable, d: CsvOutDialect): Buffer[] {
  const columns = table.columns();
  const quote = csvQuote(d.delimiter);
  const plain = d.amount === 'plain';
  const style = d.amount === 'plain' ? undefined : d.amount;
  // Each distinct text rendered once.
  const cell: ((i: number) => string)[] = columns.map((c) => {
    if (c === 'exercice') return (i) => String(table.exercice[i]);
    if ((AMOUNT_COLUMNS as readonly string[]).includes(c)) {
      const a = table.amounts[c as AmountColumn];
      return (i) => {
        const v = a[i]!;
        if (Number.isNaN(v)) return '';
        if (plain && v !== Infinity) return v < SMALL && v > -SMALL ? smallCents(v) : centsToString(v);
        const cents = table.cents(c as AmountColumn, i)!;
        return style ? formatDialectAmount(cents, style) : centsToString(cents);
      };
    }
    if ((FREE_COLUMNS as readonly string[]).includes(c)) {
      const values = table.free[c as FreeColumn];
      return (i) => {
        const v = values[i];
        return v === undefined ? '' : quote(inertText(v));
      };
    }
    const ids = table.texts[c as TextColumn];
    const shown = table.dicts[c as TextColumn].values.map((v) => quote(inertText(v)));
    return (i) => {
      const id = ids[i]!;
      return id < 0 ? '' : shown[id]!;
    };
  });
  const utf8 = d.encoding === 'utf-8';
  const sink = new ByteSink();
  const pieces: Uint8Array[] = [];
  const out = (text: string, first = false) => {
    if (utf8) sink.write(first && d.bom ? `\ufeff${text}` : text);
    // encode() gives UTF-16 its byte-order mark every time: only the first piece keeps it.
    else pieces.push(d.encoding === 'utf-16le' && !first ? Buffer.from(text, 'utf16le') : encode(text, d.encoding, first && d.bom));
  };
  out(columns.join(d.delimiter) + d.eol, true);
  let piece = '';
  const last = cell.length - 1;
  for (let i = 0; i < table.length; i++) {
    let line = '';
    for (let j = 0; j < last; j++) line += cell[j]!(i) + d.delimiter;
    piece += line + cell[last]!(i) + d.eol;
    if ((i + 1) % ROWS_PER_PIECE === 0) {
      out(piece);
      piece = '';
    }
  }
  if (piece) out(piece);
  return utf8 ? sink.slices() : pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
}

