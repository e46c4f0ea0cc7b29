// A byte-cut, string-scanned reader of a worksheet's XML: rows of (column, kind, value) cells, then the merged ranges; cost follows the cells written, not the row addresses.
import { runsText, xmlText } from './xml-text.js';

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
 * A short clean number is not made a string: its text is `src[starts[k], ends[k])` (ASCII), read by `textOf`.
 */
export interface ScannedRow {
  n: number;
  cols: Int32Array;
  kinds: Uint8Array;
  /** The text, or undefined for a number left in place in `src`. */
  texts: (string | undefined)[];
  /** A text cell's index in the shared strings (-1: not a shared string). */
  sidx: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** The piece being scanned, one character a byte (latin1). */
  src: string;
}

/** The text of cell k of a scanned row. */
export function textOf(row: ScannedRow, k: number): string {
  return row.texts[k] ?? row.src.slice(row.starts[k], row.ends[k]);
}

/** Spans longer than this are copied out as strings of their own (a V8 substring of 13 or more keeps its parent alive). */
const SPAN_MAX = 12;

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

/** The decimal integer s[a, b) (at most 9 digits), -1 when it is not one. */
function digits(s: string, a: number, b: number): number {
  if (b <= a || b - a > 9) return -1;
  let n = 0;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** s[a, b) is `-?digits(.digits?)?`: a clean number (what NUMBER accepts, without its exponent or leading dot). */
function plainNumber(s: string, a: number, b: number): boolean {
  let k = s.charCodeAt(a) === 45 ? a + 1 : a;
  const d0 = k;
  while (k < b && s.charCodeAt(k) - 48 >>> 0 <= 9) k++;
  if (k === d0) return false;
  if (k === b) return true;
  if (s.charCodeAt(k) !== 46) return false;
  k++;
  while (k < b && s.charCodeAt(k) - 48 >>> 0 <= 9) k++;
  return k === b;
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
    src: '',
  };
  /**
   * The piece's bytes and the same as a latin1 string: positions in one are positions in the other, structure is
   * ASCII, and every text is decoded from the bytes as UTF-8 (what decoding the whole piece gives: a broken sequence
   * never swallows the ASCII `<` after it).
   */
  private buf: Buffer = Buffer.alloc(0);
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

  /** Reads r, t, s and si of the tag `s[i, gt)` in one walk. */
  private attrs(s: string, i: number, gt: number): void {
    this.aCol = 0;
    this.aRow = -1;
    this.aT = 0;
    this.aS = -1;
    this.aSi = undefined;
    for (let k = i; k < gt; k++) {
      if (s.charCodeAt(k) !== 61) continue;
      const q = s.charCodeAt(k + 1);
      if (q !== 34 && q !== 39) continue;
      let close = k + 2;
      while (close < gt && s.charCodeAt(close) !== q) close++;
      // No closing quote before the tag's first `>`: the tag is read no further.
      if (close >= gt) return;
      let ns = k;
      while (ns > i && s.charCodeAt(ns - 1) > 32) ns--;
      const len = k - ns;
      if (len === 1) {
        const c = s.charCodeAt(ns);
        if (c === 114) this.ref(s, k + 2, close);
        else if (c === 116) this.aT = close > k + 2 ? s.charCodeAt(k + 2) + 256 * (close - k - 2) : 0;
        else if (c === 115) this.aS = digits(s, k + 2, close);
      } else if (len === 2 && s.charCodeAt(ns) === 115 && s.charCodeAt(ns + 1) === 105) this.aSi = s.slice(k + 2, close);
      k = close;
    }
  }

  /** A cell or row reference `BC12` / `12`: letters to a column, digits to a row. */
  private ref(s: string, a: number, b: number): void {
    let col = 0;
    let k = a;
    for (; k < b; k++) {
      const c = s.charCodeAt(k);
      if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
      else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
      else break;
    }
    this.aCol = col > 0 && col <= 16384 ? col : 0;
    this.aRow = k < b ? digits(s, k, b) : -1;
  }

  /** The text of bytes [a, b) of the piece, UTF-8 decoded, a string of its own. */
  private utf(a: number, b: number): string {
    if (b - a <= SPAN_MAX) {
      const s = this.row.src;
      let k = a;
      while (k < b && s.charCodeAt(k) < 128) k++;
      // A short substring is a copy in V8: ASCII needs no decoding.
      if (k === b) return s.slice(a, b);
    }
    return this.buf.toString('utf8', a, b);
  }

  private push(col: number, kind: number, text: string | undefined, sidx = -1, a = 0, b = 0): void {
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
    r.ends[k] = b;
  }

  /** Scans the rows of `buf` (which ends at a row boundary); false when the callback stopped. */
  scan(buf: Buffer): boolean {
    this.buf = buf;
    const s = (this.row.src = buf.toString('latin1'));
    let p = 0;
    for (;;) {
      const i = s.indexOf('<row', p);
      if (i < 0) return true;
      if (!isSep(s.charCodeAt(i + 4))) {
        p = i + 4;
        continue;
      }
      const gt = s.indexOf('>', i);
      if (gt < 0) return true;
      this.attrs(s, i + 4, gt);
      const r = this.aRow > 0 ? this.aRow : this.lastRow + 1;
      this.lastRow = r;
      this.row.n = 0;
      if (s.charCodeAt(gt - 1) === 47) {
        p = gt + 1;
      } else {
        let end = s.indexOf('</row>', gt);
        if (end < 0) end = s.length;
        this.cells(s, gt + 1, end);
        p = end + 6;
      }
      if (!this.onRow(r, this.row)) return false;
    }
  }

  private cells(s: string, from: number, to: number): void {
    let col = 0;
    let c = s.indexOf('<c', from);
    while (c >= 0 && c < to) {
      if (!isSep(s.charCodeAt(c + 2))) {
        c = s.indexOf('<c', c + 2);
        continue;
      }
      // Short hops by hand: a builtin call costs more than the few characters between them.
      let gt = c + 3;
      while (gt < to && s.charCodeAt(gt) !== 62) gt++;
      if (gt >= to) return;
      this.attrs(s, c + 2, gt);
      col = this.aCol > 0 ? this.aCol : col + 1;
      const t = this.aT;
      const style = this.aS;
      if (s.charCodeAt(gt - 1) === 47) {
        c = nextCell(s, gt + 1);
        continue;
      }
      // The two shapes writers use for nearly every cell, read in place: `<v>…</v></c>` and `<is><t>…</t></is></c>`.
      if (s.charCodeAt(gt + 1) === 60) {
        const n1 = s.charCodeAt(gt + 2);
        if (n1 === 118 && s.charCodeAt(gt + 3) === 62) {
          let e = gt + 4;
          while (e < to && s.charCodeAt(e) !== 60) e++;
          if (e + 8 <= to && endsValue(s, e)) {
            this.value(s, gt + 4, e, col, t, style);
            c = nextCell(s, e + 8);
            continue;
          }
        } else if (n1 === 105 && s.charCodeAt(gt + 3) === 115 && s.charCodeAt(gt + 4) === 62 && s.charCodeAt(gt + 5) === 60 && s.charCodeAt(gt + 6) === 116) {
          const c7 = s.charCodeAt(gt + 7);
          let tg = -1;
          if (c7 === 62) tg = gt + 7;
          else if (c7 === 32) {
            tg = gt + 8;
            while (tg < to && s.charCodeAt(tg) !== 62) tg++;
          }
          if (tg > 0 && tg < to && s.charCodeAt(tg - 1) !== 47) {
            let e = tg + 1;
            while (e < to && s.charCodeAt(e) !== 60) e++;
            if (e + 13 <= to && endsInline(s, e)) {
              const raw = this.utf(tg + 1, e);
              this.push(col, Kind.Str, raw.includes('&') || raw.includes('\r') ? xmlText(raw) : raw);
              c = nextCell(s, e + 13);
              continue;
            }
          }
        }
      }
      let end = s.indexOf('</c>', gt);
      if (end < 0 || end > to) end = to;
      this.cell(s, gt + 1, end, col, t, style, c);
      c = s.indexOf('<c', end);
    }
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
        this.attrs(s, k + 2, gt);
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
              const raw = this.utf(gt + 1, tc);
              inline = raw.includes('&') || raw.includes('\r') ? xmlText(raw) : raw;
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
    this.value(s, vs, ve, col, t, style);
  }

  /** A cell's `<v>` text `s[vs, ve)`, read as its type says. */
  private value(s: string, vs: number, ve: number, col: number, t: number, style: number): void {
    switch (t) {
      case T_S: {
        const i = ve - vs <= 10 ? digits(s, vs, ve) : -1;
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
        if (ve - vs <= SPAN_MAX && plainNumber(s, vs, ve)) return this.push(col, kind, undefined, -1, vs, ve);
        const v = this.utf(vs, ve);
        const x = v.includes('&') || v.includes('\r') ? xmlText(v) : v;
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

/** Where the next `<c` is, from p (-1: none). */
function nextCell(s: string, p: number): number {
  return s.charCodeAt(p) === 60 && s.charCodeAt(p + 1) === 99 ? p : s.indexOf('<c', p);
}

/** `</v></c>` at e. */
function endsValue(s: string, e: number): boolean {
  return (
    s.charCodeAt(e + 1) === 47 &&
    s.charCodeAt(e + 2) === 118 &&
    s.charCodeAt(e + 3) === 62 &&
    s.charCodeAt(e + 4) === 60 &&
    s.charCodeAt(e + 5) === 47 &&
    s.charCodeAt(e + 6) === 99 &&
    s.charCodeAt(e + 7) === 62
  );
}

/** `</t></is></c>` at e. */
function endsInline(s: string, e: number): boolean {
  return (
    s.charCodeAt(e + 1) === 47 &&
    s.charCodeAt(e + 2) === 116 &&
    s.charCodeAt(e + 3) === 62 &&
    s.charCodeAt(e + 4) === 60 &&
    s.charCodeAt(e + 5) === 47 &&
    s.charCodeAt(e + 6) === 105 &&
    s.charCodeAt(e + 7) === 115 &&
    s.charCodeAt(e + 8) === 62 &&
    s.charCodeAt(e + 9) === 60 &&
    s.charCodeAt(e + 10) === 47 &&
    s.charCodeAt(e + 11) === 99 &&
    s.charCodeAt(e + 12) === 62
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
