// A byte-cut, string-scanned reader of a worksheet's XML: rows of (column, kind, text) cells, then the merged ranges; cost follows the cells written, not the row addresses.
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

/** One row's cells, in the order written (arrays reused from row to row: copy what must outlive the callback). */
export interface ScannedRow {
  n: number;
  cols: Int32Array;
  kinds: Uint8Array;
  texts: string[];
}

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

/**
 * A text of the piece as a string of its own. V8 makes a substring of 13 characters or more a view of its parent:
 * a label kept from each row would keep each piece of the sheet alive (1 GB at 1 M rows).
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

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

export class SheetScanner {
  readonly row: ScannedRow = { n: 0, cols: new Int32Array(64), kinds: new Uint8Array(64), texts: [] };
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
      const close = s.indexOf(q === 34 ? '"' : "'", k + 2);
      if (close < 0 || close > gt) return;
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

  private push(col: number, kind: number, text: string): void {
    const r = this.row;
    if (r.n === r.cols.length) {
      const cols = new Int32Array(r.n * 2);
      cols.set(r.cols);
      const kinds = new Uint8Array(r.n * 2);
      kinds.set(r.kinds);
      r.cols = cols;
      r.kinds = kinds;
    }
    r.cols[r.n] = col;
    r.kinds[r.n] = kind;
    r.texts[r.n] = text;
    r.n++;
  }

  /** Scans the rows of `s` (which ends at a row boundary); false when the callback stopped. */
  scan(s: string): boolean {
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
      const gt = s.indexOf('>', c);
      if (gt < 0 || gt > to) return;
      this.attrs(s, c + 2, gt);
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
          text = xmlText(s.slice(gt + 1, close));
          next = close + 4;
        }
        if (shared && si !== undefined) {
          if (text !== '') this.shared.set(si, cellAddress(s, at));
          else text = this.shared.get(si) ?? '';
        }
        formula = text;
        k = s.indexOf('<', next);
      } else if (n === 105 && n2 === 115) {
        // <is>: an inline string.
        const close = s.indexOf('</is>', k);
        const end = close < 0 || close > b ? b : close;
        inline = runsText(s, k + 3, end);
        k = s.indexOf('<', end + 1);
      } else {
        const gt = s.indexOf('>', k);
        if (gt < 0) break;
        k = s.indexOf('<', gt);
      }
    }
    if (inline !== undefined && (t === T_INLINE || vs < 0)) return this.push(col, Kind.Str, own(inline));
    if (vs < 0) {
      if (formula !== undefined) this.push(col, Kind.NoCache, formula);
      return;
    }
    switch (t) {
      case T_S: {
        const i = ve - vs <= 10 ? digits(s, vs, ve) : -1;
        const str = i >= 0 ? this.ctx.strings[i] : undefined;
        return str === undefined ? this.push(col, Kind.BadRef, s.slice(vs, ve)) : this.push(col, Kind.Str, str);
      }
      case T_STR:
      case T_INLINE:
        return this.push(col, Kind.Str, own(xmlText(s.slice(vs, ve))));
      case T_B:
        return this.push(col, Kind.Bool, s.slice(vs, ve).trim());
      case T_E:
        return this.push(col, Kind.Err, xmlText(s.slice(vs, ve)));
      case T_D:
        return this.push(col, Kind.IsoDate, xmlText(s.slice(vs, ve)));
      default: {
        const v = s.slice(vs, ve);
        const x = v.includes('&') || v.includes('\r') ? xmlText(v) : v;
        if (!NUMBER.test(x)) return this.push(col, Kind.BadNum, x);
        const dated = style >= 0 && this.ctx.dateStyles[style] === true;
        return this.push(col, dated ? Kind.Date : Kind.Num, x);
      }
    }
  }

  /** The XML after the cells: the merged ranges. */
  tail(s: string): void {
    for (let i = s.indexOf('<mergeCell'); i >= 0; i = s.indexOf('<mergeCell', i + 10)) {
      if (!isSep(s.charCodeAt(i + 10))) continue;
      const gt = s.indexOf('>', i);
      if (gt < 0) break;
      const m = /\sref\s*=\s*["']([^"']*)["']/.exec(s.slice(i, gt));
      if (m) this.merges.push(m[1]!);
    }
  }
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
export type SheetPiece = { rows: string; tail?: undefined } | { rows?: undefined; tail: string };

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
    yield { rows: buf.toString('utf8', 0, cut + ROW_END.length) };
    carry = buf.subarray(cut + ROW_END.length);
  }
  const rest = carry ? carry.toString('utf8') : '';
  const end = rest.indexOf(DATA_END);
  yield { rows: end < 0 ? rest : rest.slice(0, end) };
  yield { tail: end < 0 ? '' : rest.slice(end) };
}
