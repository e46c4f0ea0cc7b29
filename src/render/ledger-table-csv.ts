// Writes convert's column table as CSV in a dialect, byte for byte what renderLedgerCsv writes, in 1 MiB slabs.
import { centsToString } from '../money/cents.js';
import { AMOUNT_COLUMNS, FREE_COLUMNS, type AmountColumn, type FreeColumn, type LedgerTable, type TextColumn } from '../model/ledger-table.js';
import { formatDialectAmount } from '../read/dialect/amount.js';
import { encode } from '../read/dialect/encoding.js';
import { csvQuote, type CsvOutDialect } from '../read/dialect/write-csv.js';
import { inertText } from '../sheet/safe-text.js';
import { putCents, putInt } from './digits.js';

const ROWS_PER_PIECE = 512;
const SLAB = 1 << 20;

/** centsToString of cents held as a safe integer, without a BigInt (the digits by putCents). */
const scratch = Buffer.alloc(24);
const centsText = (v: number): string => scratch.toString('latin1', 0, putCents(scratch, 0, v));

const enum Col {
  Code,
  Exercice,
  Plain,
  Styled,
  Free,
}

/**
 * UTF-8 output (the neutral dialect, and any dialect re-encoded to UTF-8) is written straight into byte slabs: codes
 * as the bytes of their quoted text, made once a distinct value; amounts digit by digit from the integer cents; free
 * text byte by byte when it needs neither quotes nor the formula guard, else through csvQuote/inertText as text.
 * The 1 M-row XLSX → CSV table took 1.3–1.7 s to write the string way (a string a line, then encoding it), 0.5–0.9 s this way.
 */
class Bytes {
  readonly slabs: Buffer[] = [];
  buf = Buffer.allocUnsafe(SLAB);
  pos = 0;

  /** Room for n more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.slabs.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(SLAB, n));
    this.pos = 0;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    if (n > 16) buf.set(b, p);
    else for (let k = 0; k < n; k++) buf[p + k] = b[k]!;
    this.pos = p + n;
  }

  /** A non-negative safe integer, in decimal. */
  uint(v: number): void {
    this.pos = putInt(this.buf, this.pos, v);
  }

  /** Cents (a safe integer): [-]euros.cc, as centsToString. */
  cents(v: number): void {
    this.room(24);
    this.pos = putCents(this.buf, this.pos, v);
  }

  /**
   * A free text as `quote(inertText(s))` gives it: bytes written as the text is walked; the first character that
   * needs quotes or the guard (a quote, the delimiter, a line break, a blank at either end, a leading =+-@' …) or a
   * surrogate sends the whole text the general way.
   */
  free(s: string, delim: number, quote: (s: string) => string): void {
    const n = s.length;
    if (n === 0) return;
    const c0 = s.charCodeAt(0);
    const cl = s.charCodeAt(n - 1);
    // = + - @ tab CR ' and blanks at either end.
    if (c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64 || c0 === 9 || c0 === 13 || c0 === 39 || c0 === 32 || cl === 32 || cl === 9) {
      this.text(quote(inertText(s)));
      return;
    }
    this.room(n * 3);
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 128) {
        if (c === 34 || c === delim || c === 10 || c === 13) {
          this.text(quote(s));
          return;
        }
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      } else {
        this.text(quote(s));
        return;
      }
    }
    this.pos = p;
  }
}

export function renderLedgerTableCsv(table: LedgerTable, d: CsvOutDialect): Buffer[] {
  return d.encoding === 'utf-8' && d.delimiter.length === 1 && d.delimiter.charCodeAt(0) < 128 ? utf8Csv(table, d) : textCsv(table, d);
}

function utf8Csv(table: LedgerTable, d: CsvOutDialect): Buffer[] {
  const columns = table.columns();
  const quote = csvQuote(d.delimiter);
  const delim = d.delimiter.charCodeAt(0);
  const style = d.amount === 'plain' ? undefined : d.amount;
  const kinds = columns.map((c) =>
    c === 'exercice'
      ? Col.Exercice
      : (AMOUNT_COLUMNS as readonly string[]).includes(c)
        ? style
          ? Col.Styled
          : Col.Plain
        : (FREE_COLUMNS as readonly string[]).includes(c)
          ? Col.Free
          : Col.Code,
  );
  const codeIds = columns.map((c, j) => (kinds[j] === Col.Code ? table.texts[c as TextColumn] : undefined));
  const codeBytes = columns.map((c, j) => (kinds[j] === Col.Code ? table.dicts[c as TextColumn].values.map((v) => Buffer.from(quote(inertText(v)), 'utf8')) : undefined));
  const amounts = columns.map((c, j) => (kinds[j] === Col.Plain || kinds[j] === Col.Styled ? table.amounts[c as AmountColumn] : undefined));
  const free = columns.map((c, j) => (kinds[j] === Col.Free ? table.free[c as FreeColumn] : undefined));
  const eol = Buffer.from(d.eol, 'utf8');
  const out = new Bytes();
  out.text(`${d.bom ? '\ufeff' : ''}${columns.join(d.delimiter)}${d.eol}`);
  const last = columns.length - 1;
  const exercice = table.exercice;
  for (let i = 0; i < table.length; i++) {
    for (let j = 0; j <= last; j++) {
      switch (kinds[j]) {
        case Col.Code: {
          const id = codeIds[j]![i]!;
          if (id >= 0) out.bytes(codeBytes[j]![id]!);
          break;
        }
        case Col.Exercice: {
          const e = exercice[i]!;
          if (e >= 0) {
            out.room(11);
            out.uint(e);
          } else out.text(String(e));
          break;
        }
        case Col.Plain: {
          const v = amounts[j]![i]!;
          if (v !== v) break;
          if (v === Infinity) out.text(centsToString(table.cents(columns[j] as AmountColumn, i)!));
          else out.cents(v);
          break;
        }
        case Col.Styled: {
          const v = amounts[j]![i]!;
          if (v === v) out.text(formatDialectAmount(table.cents(columns[j] as AmountColumn, i)!, style!));
          break;
        }
        default: {
          const v = free[j]![i];
          if (v !== undefined) out.free(v, delim, quote);
        }
      }
      if (j < last) {
        out.room(1);
        out.buf[out.pos++] = delim;
      } else out.bytes(eol);
    }
  }
  return [...out.slabs, out.buf.subarray(0, out.pos)];
}

/**
 * Other encodings: each line made as text, the pieces encoded (encode() knows every encoding the dialects name). Not
 * the UTF-8 slabs decoded and re-encoded: a lone surrogate (an XLSX cell's `&#xD83D;`) would come back as U+FFFD,
 * where this way UTF-16 keeps it and windows-1252's refusal names it.
 */
function textCsv(table: LedgerTable, d: CsvOutDialect): Buffer[] {
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
        if (plain && v !== Infinity) return centsText(v);
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
  const pieces: Uint8Array[] = [];
  // encode() gives UTF-16 its byte-order mark every time: only the first piece keeps it.
  const out = (text: string, first = false) => pieces.push(d.encoding === 'utf-16le' && !first ? Buffer.from(text, 'utf16le') : encode(text, d.encoding, first && d.bom));
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
  return pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
}
