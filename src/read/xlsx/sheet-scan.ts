// A byte-cut, byte-scanned reader of a worksheet's XML: rows of (column, kind, value) cells, then the merged ranges; cost follows the cells written, not the row addresses.
import { runsText, xmlText } from './xml-text.js';
import { ShortTexts } from '../short-texts.js';

/** What a cell holds; the text is the one needed to read it further. */
export const Kind = {
  /** A number: text is its XML form (a clean decimal). */
  Num: 1,
  /** Text (shared, inline, or a formula's text result). */
  Str: 2,
  /** A boolean: text `1` or `0`. */
  Bool: 3,
  /** A spreadsheet error (`#N/A`): text is the code. */
  Err: 4,
  /** A number in a date format: text is the serial. */
  Date: 5,
  /** A formula without a cached result: text is the formula, or the master cell of a shared one. */
  NoCache: 6,
  /** A numeric cell whose text is no clean number (`0x10`): text as written. */
  BadNum: 7,
  /** An ISO 8601 date cell (`t="d"`). */
  IsoDate: 8,
  /** A shared-string index outside the table: text as written. */
  BadRef: 9,
} as const;

/**
 * One row's cells, in the order written (arrays reused from row to row: copy what must outlive the callback).
 * A short clean number is not made a string: its text is `bytes[starts[k], ends[k])` (ASCII), read by `textOf`.
 */
export interface ScannedRow {
  n: number;
  cols: Int32Array;
  kinds: Uint8Array;
  /** The text, or undefined for a number left in place in `bytes`. */
  texts: (string | undefined)[];
  /** A text cell's index in the shared strings (-1: not a shared string). */
  sidx: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** The piece being scanned. */
  bytes: Buffer;
}

/** The text of cell k of a scanned row. */
export function textOf(row: ScannedRow, k: number): string {
  return row.texts[k] ?? row.bytes.toString('latin1', row.starts[k], row.ends[k]);
}

/** Numbers longer than this are made strings at once (the fast readers of the ledger take at most 15 digits). */
const SPAN_MAX = 16;

export interface ScanContext {
  strings: string[];
  /** By cell style index: the number format shows a date. */
  dateStyles: boolean[];
}

/** Called for each row; return false to stop the scan. */
export type OnRow = (row: number, cells: ScannedRow) => boolean;

/** XML clean decimal: what a spreadsheet writes in `<v>` for a number (no hex, no trailing letters). */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const isSep = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/** The `t` attributes, coded as `attrs` reads them (first character + 256 × length). */
const T_S = 115 + 256;
const T_STR = 115 + 256 * 3;
const T_INLINE = 105 + 256 * 9;
const T_B = 98 + 256;
const T_E = 101 + 256;
const T_D = 100 + 256;
const T_SHARED = 115 + 256 * 6;

/** The decimal integer b[a, e) (at most 9 digits), -1 when it is not one. */
function digits(b: Uint8Array, a: number, e: number): number {
  if (e <= a || e - a > 9) return -1;
  let n = 0;
  for (let k = a; k < e; k++) {
    const c = b[k]! - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** b[a, e) is `-?digits(.digits?)?`: a clean number (what NUMBER accepts, without its exponent or leading dot). */
function plainNumber(b: Uint8Array, a: number, e: number): boolean {
  let k = b[a] === 45 ? a + 1 : a;
  const d0 = k;
  while (k < e && b[k]! - 48 >>> 0 <= 9) k++;
  if (k === d0) return false;
  if (k === e) return true;
  if (b[k] !== 46) return false;
  k++;
  while (k < e && b[k]! - 48 >>> 0 <= 9) k++;
  return k === e;
}

const grown = <T extends Int32Array | Uint8Array>(a: T, n: number): T => {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
};

export class SheetScanner {
  readonly row: ScannedRow = {
    n: 0,
    cols: new Int32Array(64),
    kinds: new Uint8Array(64),
    texts: [],
    sidx: new Int32Array(64),
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    bytes: Buffer.alloc(0),
  };
  /**
   * The piece's bytes, and the same as a latin1 string when a shape off the usual path needs a string search:
   * positions in one are positions in the other, structure is ASCII, and every text is decoded from the bytes as
   * UTF-8 (what decoding the whole piece gives: a broken sequence never swallows the ASCII `<` after it).
   */
  private buf: Buffer = Buffer.alloc(0);
  private str: string | undefined;
  /** Merged ranges (`H2:H3`), known once the XML after the cells is read. */
  merges: string[] = [];
  /** Number of the last row seen. */
  lastRow = 0;
  private readonly shared = new Map<string, string>();
  // The attributes of the tag being read, as numbers where they are numbers (no string made for them).
  /** Column letters of `r` (0: none or unreadable). */
  private aCol = 0;
  /** Digits of `r` (-1: none). */
  private aRow = -1;
  /** `t`: its first character code plus 256 × its length (0: none), e.g. `s` 371, `str` 883. */
  private aT = 0;
  /** `s` (-1: none). */
  private aS = -1;
  private aSi: string | undefined;

  constructor(
    private readonly ctx: ScanContext,
    private readonly onRow: OnRow,
  ) {}

  /** The piece as a string (one character a byte), made on first need. */
  private text(): string {
    return (this.str ??= this.buf.toString('latin1'));
  }

  /** No attribute read yet: the values `attrs` and `tagEnd` start from. */
  private noAttrs(): void {
    this.aCol = 0;
    this.aRow = -1;
    this.aT = 0;
    this.aS = -1;
    this.aSi = undefined;
  }

  /** Reads r, t, s and si of the tag at [i, gt) in one walk. */
  private attrs(i: number, gt: number): void {
    const b = this.buf;
    this.noAttrs();
    for (let k = i; k < gt; k++) {
      if (b[k] !== 61) continue;
      const q = b[k + 1];
      if (q !== 34 && q !== 39) continue;
      let close = k + 2;
      while (close < gt && b[close] !== q) close++;
      // No closing quote before the tag's first `>`: the tag is read no further.
      if (close >= gt) return;
      this.attr(i, k, close);
      k = close;
    }
  }

  /**
   * `attrs(i, gt)` and the search of `gt` in one walk over the tag's bytes (they were walked twice): the tag whose
   * attributes start at i (a separator) ends at its first `>` after i, returned; -1 when a `<` or the piece's end comes
   * first (the string search then reads the cell). A value that runs into that `>` ends the walk, as in `attrs`.
   */
  private tagEnd(i: number): number {
    const b = this.buf;
    const len = b.length;
    this.noAttrs();
    for (let k = i + 1; k < len; k++) {
      const ch = b[k]!;
      if (ch === 62) return k;
      if (ch === 60) return -1;
      if (ch !== 61) continue;
      const q = b[k + 1];
      if (q !== 34 && q !== 39) continue;
      let close = k + 2;
      while (close < len && b[close] !== q && b[close] !== 62 && b[close] !== 60) close++;
      if (close >= len || b[close] === 60) return -1;
      if (b[close] === 62) return close;
      this.attr(i, k, close);
      k = close;
    }
    return -1;
  }

  /** The attribute whose `=` is at k and whose quoted value ends at close (the tag's attributes start at i): r, t, s or si kept. */
  private attr(i: number, k: number, close: number): void {
    const b = this.buf;
    let ns = k;
    while (ns > i && b[ns - 1]! > 32) ns--;
    const n = k - ns;
    if (n === 1) {
      const c = b[ns];
      if (c === 114) this.ref(k + 2, close);
      else if (c === 116) this.aT = close > k + 2 ? b[k + 2]! + 256 * (close - k - 2) : 0;
      else if (c === 115) this.aS = digits(b, k + 2, close);
    } else if (n === 2 && b[ns] === 115 && b[ns + 1] === 105) this.aSi = b.toString('latin1', k + 2, close);
  }

  /** A cell or row reference `BC12` / `12` at [a, e): letters to a column, digits to a row. */
  private ref(a: number, e: number): void {
    const b = this.buf;
    let col = 0;
    let k = a;
    for (; k < e; k++) {
      const c = b[k]!;
      if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
      else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
      else break;
    }
    this.aCol = col > 0 && col <= 16384 ? col : 0;
    this.aRow = k < e ? digits(b, k, e) : -1;
  }

  /** The text of bytes [a, e) of the piece, UTF-8 decoded, a string of its own. */
  private utf(a: number, e: number): string {
    return this.buf.toString('utf8', a, e);
  }

  /** utf(a, e) of an XML text, its entities and carriage returns resolved: `&` and CR are ASCII, so looked for in the bytes. */
  private resolved(a: number, e: number): string {
    const b = this.buf;
    for (let k = a; k < e; k++) {
      const c = b[k];
      if (c === 38 || c === 13) return xmlText(this.utf(a, e));
    }
    return this.utf(a, e);
  }

  // Short inline texts (a fonction, a label) repeat from row to row: the last string of each byte spelling is given
  // again, neither decoded nor held twice.
  private readonly short = new ShortTexts();

  /** The text of an inline string's bytes [a, e) in column col, entities and carriage returns resolved (`xmlText`). */
  private inlineText(a: number, e: number, col: number): string {
    if (e === a) return '';
    return this.short.find(this.buf, a, e, col) ?? this.short.keep(this.resolved(a, e));
  }

  private push(col: number, kind: number, text: string | undefined, sidx = -1, a = 0, e = 0): void {
    const r = this.row;
    if (r.n === r.cols.length) {
      const n = r.n * 2;
      r.cols = grown(r.cols, n);
      r.kinds = grown(r.kinds, n);
      r.sidx = grown(r.sidx, n);
      r.starts = grown(r.starts, n);
      r.ends = grown(r.ends, n);
    }
    const k = r.n++;
    r.cols[k] = col;
    r.kinds[k] = kind;
    r.texts[k] = text;
    r.sidx[k] = sidx;
    r.starts[k] = a;
    r.ends[k] = e;
  }

  /** Scans the rows of `buf` (which ends at a row boundary); false when the callback stopped. */
  scan(buf: Buffer): boolean {
    this.buf = buf;
    this.str = undefined;
    this.row.bytes = buf;
    const b = buf;
    const len = b.length;
    let p = 0;
    for (;;) {
      if (p >= len) return true;
      // `<row` where the last one ended, else searched as a string.
      let i = p;
      if (!(b[p] === 60 && b[p + 1] === 114 && b[p + 2] === 111 && b[p + 3] === 119 && isSep(b[p + 4]!))) {
        const s = this.text();
        i = s.indexOf('<row', p);
        if (i < 0) return true;
        if (!isSep(s.charCodeAt(i + 4))) {
          p = i + 4;
          continue;
        }
      }
      let gt = i + 4;
      while (gt < len && b[gt] !== 62) gt++;
      if (gt >= len) return true;
      this.attrs(i + 4, gt);
      const r = this.aRow > 0 ? this.aRow : this.lastRow + 1;
      this.lastRow = r;
      this.row.n = 0;
      p = b[gt - 1] === 47 ? gt + 1 : this.cells(gt + 1) + 6;
      if (!this.onRow(r, this.row)) return false;
    }
  }

  /**
   * The cells of the row whose content starts at `from`; returns where the row ends (its `</row>`, or the end of
   * the piece). The usual shapes are read byte by byte, each step stopping at the next `<`, so that no `</row>` is
   * passed over; any other shape goes on from there through the string search (`cellsAt`).
   */
  private cells(from: number): number {
    const b = this.buf;
    const len = b.length;
    let col = 0;
    let c = from;
    for (;;) {
      if (!(b[c] === 60 && b[c + 1] === 99 && isSep(b[c + 2]!))) {
        if (b[c] === 60 && b[c + 1] === 47 && b[c + 2] === 114 && b[c + 3] === 111 && b[c + 4] === 119 && b[c + 5] === 62) return c;
        return this.cellsAt(c, col);
      }
      const gt = this.tagEnd(c + 2);
      if (gt < 0) return this.cellsAt(c, col);
      const at = this.aCol > 0 ? this.aCol : col + 1;
      const t = this.aT;
      const style = this.aS;
      if (b[gt - 1] === 47) {
        col = at;
        c = gt + 1;
        continue;
      }
      // The two shapes writers use for nearly every cell: `<v>…</v></c>` and `<is><t>…</t></is></c>`.
      if (b[gt + 1] === 60) {
        const n1 = b[gt + 2];
        if (n1 === 118 && b[gt + 3] === 62) {
          let e = gt + 4;
          while (e < len && b[e] !== 60) e++;
          if (endsValue(b, e)) {
            col = at;
            this.value(gt + 4, e, col, t, style);
            c = e + 8;
            continue;
          }
        } else if (n1 === 105 && b[gt + 3] === 115 && b[gt + 4] === 62 && b[gt + 5] === 60 && b[gt + 6] === 116) {
          const c7 = b[gt + 7];
          let tg = -1;
          if (c7 === 62) tg = gt + 7;
          else if (c7 === 32) {
            tg = gt + 8;
            while (tg < len && b[tg] !== 62 && b[tg] !== 60) tg++;
          }
          if (tg > 0 && tg < len && b[tg] === 62 && b[tg - 1] !== 47) {
            let e = tg + 1;
            while (e < len && b[e] !== 60) e++;
            if (endsInline(b, e)) {
              col = at;
              this.push(col, Kind.Str, this.inlineText(tg + 1, e, col));
              c = e + 13;
              continue;
            }
          }
        }
      }
      return this.cellsAt(c, col);
    }
  }

  /** The rest of a row's cells from `from` by string search, the column before them being `col`; returns the row's end. */
  private cellsAt(from: number, col: number): number {
    const s = this.text();
    let to = s.indexOf('</row>', from);
    if (to < 0) to = s.length;
    let c = s.indexOf('<c', from);
    while (c >= 0 && c < to) {
      if (!isSep(s.charCodeAt(c + 2))) {
        c = s.indexOf('<c', c + 2);
        continue;
      }
      const gt = s.indexOf('>', c);
      if (gt < 0 || gt > to) return to;
      this.attrs(c + 2, gt);
      col = this.aCol > 0 ? this.aCol : col + 1;
      const t = this.aT;
      const style = this.aS;
      if (s.charCodeAt(gt - 1) === 47) {
        c = s.indexOf('<c', gt);
        continue;
      }
      let end = s.indexOf('</c>', gt);
      if (end < 0 || end > to) end = to;
      this.cell(s, gt + 1, end, col, t, style, c);
      c = s.indexOf('<c', end);
    }
    return to;
  }

  private cell(s: string, a: number, b: number, col: number, t: number, style: number, at: number): void {
    // The common cell, `<v>…</v>` first: read in place.
    let vs = -1;
    let ve = -1;
    let formula: string | undefined;
    let inline: string | undefined;
    for (let k = s.charCodeAt(a) === 60 ? a : s.indexOf('<', a); k >= 0 && k < b; ) {
      const n = s.charCodeAt(k + 1);
      const n2 = s.charCodeAt(k + 2);
      if (n === 118 && (n2 === 62 || isSep(n2))) {
        // <v>
        const gt = n2 === 62 ? k + 2 : s.indexOf('>', k);
        if (s.charCodeAt(gt - 1) === 47) {
          vs = ve = gt;
          k = s.indexOf('<', gt);
          continue;
        }
        const close = s.indexOf('</v>', gt);
        if (close < 0 || close > b) break;
        vs = gt + 1;
        ve = close;
        k = close + 4 < b ? s.indexOf('<', close + 4) : -1;
      } else if (n === 102 && (n2 === 62 || isSep(n2))) {
        // <f>: the formula; a shared one's later cells carry only its index.
        const gt = s.indexOf('>', k);
        if (gt < 0 || gt > b) break;
        this.attrs(k + 2, gt);
        const si = this.aSi;
        const shared = this.aT === T_SHARED;
        let text = '';
        let next = gt + 1;
        if (s.charCodeAt(gt - 1) !== 47) {
          const close = s.indexOf('</f>', gt);
          if (close < 0 || close > b) break;
          text = xmlText(this.utf(gt + 1, close));
          next = close + 4;
        }
        if (shared && si !== undefined) {
          if (text !== '') this.shared.set(si, cellAddress(s, at));
          else text = this.shared.get(si) ?? '';
        }
        formula = text;
        k = s.indexOf('<', next);
      } else if (n === 105 && n2 === 115) {
        // <is>: an inline string; one plain `<t>` read in place, anything else (runs, phonetics) by runsText.
        const close = s.indexOf('</is>', k);
        const end = close < 0 || close > b ? b : close;
        inline = undefined;
        if (s.charCodeAt(k + 3) === 62 && s.charCodeAt(k + 4) === 60 && s.charCodeAt(k + 5) === 116) {
          const c6 = s.charCodeAt(k + 6);
          const gt = c6 === 62 ? k + 6 : c6 === 32 ? s.indexOf('>', k + 6) : -1;
          if (gt > 0 && gt < end && s.charCodeAt(gt - 1) !== 47) {
            const tc = s.indexOf('</t>', gt);
            if (tc >= 0 && tc + 4 === end) {
              inline = this.resolved(gt + 1, tc);
            }
          }
        }
        if (inline === undefined) {
          const item = this.utf(k + 3, end);
          inline = runsText(item, 0, item.length);
        }
        k = s.indexOf('<', end + 1);
      } else {
        const gt = s.indexOf('>', k);
        if (gt < 0) break;
        k = s.indexOf('<', gt);
      }
    }
    if (inline !== undefined && (t === T_INLINE || vs < 0)) return this.push(col, Kind.Str, inline);
    if (vs < 0) {
      if (formula !== undefined) this.push(col, Kind.NoCache, formula);
      return;
    }
    this.value(vs, ve, col, t, style);
  }

  /** A cell's `<v>` text at [vs, ve), read as its type says. */
  private value(vs: number, ve: number, col: number, t: number, style: number): void {
    const b = this.buf;
    switch (t) {
      case T_S: {
        const i = ve - vs <= 10 ? digits(b, vs, ve) : -1;
        const str = i >= 0 ? this.ctx.strings[i] : undefined;
        return str === undefined ? this.push(col, Kind.BadRef, this.utf(vs, ve)) : this.push(col, Kind.Str, str, i);
      }
      case T_STR:
      case T_INLINE:
        return this.push(col, Kind.Str, xmlText(this.utf(vs, ve)));
      case T_B:
        return this.push(col, Kind.Bool, this.utf(vs, ve).trim());
      case T_E:
        return this.push(col, Kind.Err, xmlText(this.utf(vs, ve)));
      case T_D:
        return this.push(col, Kind.IsoDate, xmlText(this.utf(vs, ve)));
      default: {
        const kind = style >= 0 && this.ctx.dateStyles[style] === true ? Kind.Date : Kind.Num;
        // The common number, left in place.
        if (ve - vs <= SPAN_MAX && plainNumber(b, vs, ve)) return this.push(col, kind, undefined, -1, vs, ve);
        const x = this.resolved(vs, ve);
        if (!NUMBER.test(x)) return this.push(col, Kind.BadNum, x);
        return this.push(col, kind, x);
      }
    }
  }

  /** The XML after the cells: the merged ranges. */
  tail(buf: Buffer): void {
    const s = buf.toString('utf8');
    for (let i = s.indexOf('<mergeCell'); i >= 0; i = s.indexOf('<mergeCell', i + 10)) {
      if (!isSep(s.charCodeAt(i + 10))) continue;
      const gt = s.indexOf('>', i);
      if (gt < 0) break;
      const m = /\sref\s*=\s*["']([^"']*)["']/.exec(s.slice(i, gt));
      if (m) this.merges.push(m[1]!);
    }
  }
}

/** `</v></c>` at e. */
function endsValue(b: Uint8Array, e: number): boolean {
  return (
    b[e + 1] === 47 &&
    b[e + 2] === 118 &&
    b[e + 3] === 62 &&
    b[e + 4] === 60 &&
    b[e + 5] === 47 &&
    b[e + 6] === 99 &&
    b[e + 7] === 62
  );
}

/** `</t></is></c>` at e. */
function endsInline(b: Uint8Array, e: number): boolean {
  return (
    b[e + 1] === 47 &&
    b[e + 2] === 116 &&
    b[e + 3] === 62 &&
    b[e + 4] === 60 &&
    b[e + 5] === 47 &&
    b[e + 6] === 105 &&
    b[e + 7] === 115 &&
    b[e + 8] === 62 &&
    b[e + 9] === 60 &&
    b[e + 10] === 47 &&
    b[e + 11] === 99 &&
    b[e + 12] === 62
  );
}

/** `BC12` → 55; `fallback` when the address has no letters. */
export function columnOf(ref: string, fallback: number): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n > 0 && n <= 16384 ? n : fallback;
}

/** The row number of an address (`BC12` → 12), undefined when it has none. */
export function rowOf(ref: string): number | undefined {
  const m = /^[A-Za-z]{1,3}(\d{1,7})$/.exec(ref);
  return m ? Number(m[1]) : undefined;
}

/** The `r` of the cell tag starting at `at`. */
function cellAddress(s: string, at: number): string {
  const gt = s.indexOf('>', at);
  const m = /\sr\s*=\s*["']([^"']*)["']/.exec(s.slice(at, gt));
  return m ? m[1]! : '';
}

const ROW_END = Buffer.from('</row>');
const DATA_END = '</sheetData>';

/** A piece of the sheet XML: rows (cut after a `</row>`, so no row straddles two pieces and UTF-8 stays whole), or the XML after the cells. */
export type SheetPiece = { rows: Buffer; tail?: undefined } | { rows?: undefined; tail: Buffer };

/** Cuts a sheet's inflated chunks into pieces of whole rows, then its tail (the merged ranges live there). */
export async function* sheetPieces(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<SheetPiece> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf: Buffer = carry && carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = buf.lastIndexOf(ROW_END);
    if (cut < 0) {
      carry = buf;
      continue;
    }
    yield { rows: buf.subarray(0, cut + ROW_END.length) };
    carry = buf.subarray(cut + ROW_END.length);
  }
  const rest = carry ?? Buffer.alloc(0);
  const end = rest.indexOf(DATA_END);
  yield { rows: end < 0 ? rest : rest.subarray(0, end) };
  yield { tail: end < 0 ? Buffer.alloc(0) : rest.subarray(end) };
}
