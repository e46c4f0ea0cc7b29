// Reads a ledger from an XLSX workbook, streaming its sheet XML: header found below a title block, numbers exact to the cent.
import { columnLetter } from '../sheet/column-letter.js';
import { InputError, type InputProblem } from '../errors.js';
import { t } from '../messages/index.js';
import { centsToString, D, decimalToCents, type Cents } from '../money/cents.js';
import { rowKey, type LedgerRow } from '../model/ledger.js';
import type { LedgerKey } from '../model/ledger-sink.js';
import type { Plan } from '../nomenclature/plan.js';
import { decimalEvidence, parseDialectAmount, type DecimalEvidence } from './dialect/amount.js';
import { AMOUNT_COLUMNS } from './dialect/open-csv.js';
import type { ReadOptions } from './dialect/options.js';
import { parseLedgerRecord, plainAmount } from './ledger-record.js';
import { validateAgainstPlan } from './validate-row.js';
import { HEADER_MIN_SCORE, headerScore, ignoredNotice, mapHeader, REQUIRED_COLUMNS, type ColumnMap } from './header-map.js';
import { restorationNotices, tolerate } from './row-tolerance.js';
import { writeDiagnostic } from '../text/sanitize.js';
import { Kind, SheetScanner, columnOf, rowOf, sheetPieces, textOf, type ScannedRow } from './xlsx/sheet-scan.js';
import { TupleMap } from './xlsx/key-index.js';
import { parseDateStyles, parseSharedStrings, readWorkbook } from './xlsx/workbook.js';
import { RowKeys } from './xlsx/key-set.js';
import { ZipError, ZipReader } from './xlsx/zip.js';

/** A title block above the header is common; further down than this, the sheet is not a ledger. */
const HEADER_SEARCH_ROWS = 50;

/** Excel significant digits: noise beyond them (0.30000000000000004) is not data. */
const EXCEL_DIGITS = 15;

/** Below this size (uncompressed) a sheet is inflated whole, so its merged ranges are known before its rows. */
let WHOLE_SHEET_BYTES = 32 << 20;

/** Tests: stream every sheet (0) to exercise the one-pass path on small workbooks. */
export function setWholeSheetBytes(n: number): void {
  WHOLE_SHEET_BYTES = n;
}

const BATCH = 2048;

/**
 * The cent an Excel number stands for: its shortest decimal representation when that has at most two decimals,
 * else the same rounded to Excel's 15 significant digits; anything finer is data we refuse to round.
 */
export function numberToCents(n: number): Cents | { error: string } {
  if (!Number.isFinite(n)) return { error: `not a finite number (${n})` };
  const shortest = new D(String(n));
  const cents = decimalToCents(shortest) ?? decimalToCents(shortest.toSignificantDigits(EXCEL_DIGITS));
  return cents ?? { error: `numeric cell holds ${String(n)}: more than two decimals (amounts are euros and cents)` };
}

const PLAIN_INTEGER = /^(?:0|[1-9]\d{0,14})$/;

/** At most 15 digits and two decimals: the XML text is then the shortest form of its double, read straight to cents. */
const SHORT_DECIMAL = /^-?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** numberToCents of the number a clean `<v>` text stands for, without a float or a Decimal on the common shapes. */
function numberTextToCents(text: string): Cents | { error: string } {
  const m = SHORT_DECIMAL.exec(text);
  if (m && m[1]!.length + (m[2]?.length ?? 0) <= EXCEL_DIGITS) {
    const digits = m[2] === undefined ? `${m[1]}00` : `${m[1]}${m[2].padEnd(2, '0')}`;
    const v = BigInt(digits);
    return text.charCodeAt(0) === 45 ? -v : v;
  }
  return numberToCents(Number(text));
}

/** The cents of a short clean number `s[a, b)` (bytes) (SHORT_DECIMAL's shape, at most 15 digits), NaN for any other. */
function spanCents(s: Uint8Array, a: number, b: number): number {
  let k = a;
  const negative = s[k]! === 45;
  if (negative) k++;
  const d0 = k;
  let v = 0;
  for (; k < b; k++) {
    const c = s[k]! - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  const whole = k - d0;
  if (whole === 0 || whole > 13) return NaN;
  let decimals = 0;
  if (k < b) {
    if (s[k]! !== 46) return NaN;
    for (k++; k < b; k++) {
      const c = s[k]! - 48;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
      decimals++;
    }
    if (decimals === 0 || decimals > 2) return NaN;
  }
  if (decimals < 2) v *= decimals === 1 ? 10 : 100;
  return negative ? -v : v;
}

/** The integer of 1 to 9 plain digits `s[a, b)` (bytes), -1 for any other text. */
function smallInt(s: Uint8Array, a: number, b: number): number {
  if (b <= a || b - a > 9) return -1;
  let v = 0;
  for (let k = a; k < b; k++) {
    const c = s[k]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The seven key fields (budget … nature), each as (how read, value): 0 absent, 1 shared string index, 2 small integer. */
const KEY_WIDTH = 14;

/** Excel serial → Date as exceljs computes it (1900 or 1904 system). */
const serialToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  ref: string;
}

function parseMerge(ref: string): Merge | undefined {
  const [a, b] = ref.split(':');
  if (!a || !b) return undefined;
  const r0 = rowOf(a);
  const r1 = rowOf(b);
  const c0 = columnOf(a.replace(/\d+$/, ''), 0);
  const c1 = columnOf(b.replace(/\d+$/, ''), 0);
  if (r0 === undefined || r1 === undefined || c0 === 0 || c1 === 0) return undefined;
  return { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1), ref };
}

/** What a later pass knows that the first could not: the merged ranges, the decimal mark proved further down. */
interface Knowledge {
  merges?: Merge[];
  evidence?: DecimalEvidence;
  /** Rows up to this one were handed over by an earlier pass: read (for the repeated-line check), not handed again. */
  skipThrough?: number;
}

interface PassResult {
  /** The last row handed over. */
  yieldedThrough: number;
  problems: InputProblem[];
  /** A text amount was refused before the sheet's decimal mark was known. */
  premature: boolean;
  evidence?: DecimalEvidence;
  merges: string[];
  headerRow: number;
  columns: number[];
}

/** The key fields of a validated combination, and what the reader keeps with them. */
interface Combination extends LedgerKey {
  /** Its number among the validated combinations (the repeated-line key). */
  id: number;
  restored?: string;
  /** Its handle in options.sink, once a row of it went there. */
  sinkKey?: number;
}

interface Sheet {
  name: string;
  part: string;
  date1904: boolean;
  strings: string[];
  dateStyles: boolean[];
}

const notReadable = (file: string, e: unknown) => new InputError({ file, message: t('xlsx.unreadable', { reason: (e as Error).message }) });

export async function* readLedgerXlsx(
  path: string,
  displayName: string,
  planFor: (exercice: number) => Plan,
  options: ReadOptions = {},
): AsyncGenerator<LedgerRow[]> {
  const file = displayName;
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new InputError({ file, message: 'file not found' });
    throw notReadable(file, e);
  }
  try {
    let sheet: Sheet;
    let size: number;
    try {
      const wb = await readWorkbook(zip);
      // A hidden or very hidden sheet is read only when named: by default, the first sheet a person sees.
      const ws = options.sheet !== undefined ? wb.sheets.find((s) => s.name === options.sheet) : wb.sheets.find((s) => s.state === 'visible');
      if (!ws) {
        throw new InputError({ file, message: `no sheet ${JSON.stringify(options.sheet ?? '')} (sheets: ${wb.sheets.map((w) => JSON.stringify(w.name)).join(', ')})` });
      }
      const entry = zip.entries.get(ws.part);
      if (!entry) throw new ZipError(`no ${ws.part} in the archive`);
      size = entry.size;
      const strings = wb.stringsPart ? parseSharedStrings((await zip.read(wb.stringsPart)).toString('utf8')) : [];
      const dateStyles = wb.stylesPart ? parseDateStyles((await zip.read(wb.stylesPart)).toString('utf8')) : [];
      sheet = { name: ws.name, part: ws.part, date1904: wb.date1904, strings, dateStyles };
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw notReadable(file, e);
    }
    // A small sheet is inflated whole: its merged ranges (after its cells) are known before the first row is read.
    let whole: Buffer | undefined;
    const knowledge: Knowledge = {};
    if (size <= WHOLE_SHEET_BYTES) {
      try {
        whole = await zip.read(sheet.part);
      } catch (e) {
        throw notReadable(file, e);
      }
      const scanner = new SheetScanner({ strings: [], dateStyles: [] }, () => true);
      const end = whole.lastIndexOf('</sheetData>');
      scanner.tail(end < 0 ? Buffer.alloc(0) : whole.subarray(end));
      knowledge.merges = scanner.merges.map(parseMerge).filter((m): m is Merge => m !== undefined);
    }
    const chunks = () => (whole ? [whole] : zip.stream(sheet.part));
    const first = yield* pass(chunks(), sheet, file, planFor, options, knowledge, 'first');
    // What only the end of a streamed sheet told: its merged ranges over the ledger's cells, or a decimal mark that
    // settles text amounts refused above it. A second pass, with that knowledge, gives the same messages as if known.
    const merges = knowledge.merges ?? first.merges.map(parseMerge).filter((m): m is Merge => m !== undefined);
    const over = !knowledge.merges && first.headerRow > 0 ? merges.filter((m) => m.r1 >= first.headerRow && first.columns.some((c) => c >= m.c0 && c <= m.c1)) : [];
    if (first.problems.length === 0 && over.length === 0) return;
    if (over.length > 0 || (first.premature && first.evidence !== undefined)) {
      // Rows already handed over are not handed again; with merges over the rows, none is (they were read unmerged).
      const again: Knowledge = { merges, ...(first.evidence ? { evidence: first.evidence } : {}), skipThrough: first.yieldedThrough };
      const second = yield* pass(chunks(), sheet, file, planFor, options, again, over.length > 0 ? 'check' : 'rest');
      if (second.problems.length > 0) throw new InputError(second.problems);
      if (over.length > 0) {
        throw new InputError({ file, cell: `${sheet.name}!${over[0]!.ref}`, message: t('xlsx.mergedLargeSheet', { ranges: over.slice(0, 5).map((m) => m.ref).join(', ') }) });
      }
      return;
    }
    throw new InputError(first.problems);
  } finally {
    await zip.close();
  }
}

/**
 * One read of the sheet. `first`: rows are yielded and notices written; `rest`: rows past those the first pass
 * yielded are; `check`: only problems are gathered.
 */
async function* pass(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  sheet: Sheet,
  file: string,
  planFor: (exercice: number) => Plan,
  options: ReadOptions,
  knowledge: Knowledge,
  mode: 'first' | 'rest' | 'check',
): AsyncGenerator<LedgerRow[], PassResult> {
  const emit = mode !== 'check';
  const reader = new LedgerSheet(sheet, file, planFor, options, knowledge, emit, mode === 'first');
  const scanner = new SheetScanner({ strings: sheet.strings, dateStyles: sheet.dateStyles }, (r, cells) => reader.row(r, cells));
  reader.scanner = scanner;
  try {
    for await (const piece of sheetPieces(chunks)) {
      if (piece.rows !== undefined) {
        if (!scanner.scan(piece.rows)) break;
      } else scanner.tail(piece.tail);
      if (emit && reader.ready.length > 0) {
        const ready = reader.ready;
        reader.ready = [];
        for (const b of ready) yield b;
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw notReadable(file, e);
  }
  const result = reader.finish();
  for (const b of reader.ready) yield b;
  return result;
}

/** Header columns by field index: the name, the sheet column, whether an amount. */
interface Field {
  name: string;
  col: number;
  amount: boolean;
}

class LedgerSheet {
  scanner!: SheetScanner;
  ready: LedgerRow[][] = [];
  private batch: LedgerRow[] = [];
  private readonly problems: InputProblem[] = [];
  private readonly seen = new Map<string, number>();
  private readonly keys = new RowKeys();
  private readonly restored = new Map<string, number>();
  private readonly combos = new Map<string, Combination>();
  private headerRow = 0;
  private fields: Field[] = [];
  private byName = new Map<string, number>();
  private colField = new Int16Array(0);
  private firstColumn = 1;
  private cellPrefix = '';
  private titleRows = 0;
  private dataRows = 0;
  private lastDataRow = 0;
  private evidence: DecimalEvidence | undefined;
  private premature = false;
  private yieldedThrough = 0;
  private readonly fk: number[] = [];
  /** By field: the row's cell index holding it, or -1 when its text is in `ft` (merged, or absent: ''). */
  private readonly fc: number[] = [];
  private readonly ft: string[] = [];
  /** By field: one of the seven key fields. */
  private isKey = new Uint8Array(0);
  /** The key cells as read (shared string ids, small integers) → the combination they were validated as. */
  private readonly byCells = new TupleMap<Combination>(KEY_WIDTH);
  private readonly cellKey = new Int32Array(KEY_WIDTH);
  /** By field: its ledger text ('' when empty), its cents (as `an`'s exact double when a short clean number). */
  private readonly tv: string[] = [];
  private readonly am: (Cents | undefined)[] = [];
  private an = new Float64Array(0);
  private readonly sink: ReadOptions['sink'];
  /** Field index of the key columns, the amounts (realise, rar, credits_ouverts, rar_precedent), fonction/operation/libelle; -1 absent. */
  private keyAt = new Int16Array(7);
  private amountAt = new Int16Array(4);
  private optAt = new Int16Array(3);
  private readonly comboIds = new Map<string, number>();
  private readonly merges: Merge[];
  /** Values of the first cells of merged ranges, by `row:col`. */
  private readonly masters = new Map<string, [number, string]>();
  private readonly masterKeys = new Set<string>();

  constructor(
    private readonly sheet: Sheet,
    private readonly file: string,
    private readonly planFor: (exercice: number) => Plan,
    private readonly options: ReadOptions,
    private readonly knowledge: Knowledge,
    private readonly emit: boolean,
    /** Notices are written once, by the first pass. */
    private readonly notices: boolean,
  ) {
    this.evidence = options.decimal ? { mark: options.decimal } : knowledge.evidence;
    this.sink = options.sink;
    this.merges = knowledge.merges ?? [];
    for (const m of this.merges) this.masterKeys.add(`${m.r0}:${m.c0}`);
  }

  /** The merge whose non-first cell (r, c) is, if any. */
  private mergeAt(r: number, c: number): Merge | undefined {
    for (const m of this.merges) if (r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && (r !== m.r0 || c !== m.c0)) return m;
    return undefined;
  }

  row(r: number, cells: ScannedRow): boolean {
    if (this.masterKeys.size > 0) {
      for (let k = 0; k < cells.n; k++) {
        const key = `${r}:${cells.cols[k]}`;
        if (this.masterKeys.has(key)) this.masters.set(key, [cells.kinds[k]!, textOf(cells, k)]);
      }
    }
    if (this.headerRow === 0) return this.header(r, cells);
    if (r <= this.headerRow) return true;
    this.data(r, cells);
    return true;
  }

  /** The value a person sees in (r, c): a merged cell shows the first cell of its range. */
  private merged(r: number, c: number): [number, string] | undefined {
    const m = this.mergeAt(r, c);
    return m ? (this.masters.get(`${m.r0}:${m.c0}`) ?? [0, '']) : undefined;
  }

  private header(r: number, cells: ScannedRow): boolean {
    if (r > HEADER_SEARCH_ROWS) return false;
    let width = 0;
    for (let k = 0; k < cells.n; k++) width = Math.max(width, cells.cols[k]!);
    const texts: string[] = new Array<string>(width).fill('');
    for (let k = 0; k < cells.n; k++) if (cells.kinds[k] === Kind.Str) texts[cells.cols[k]! - 1] = textOf(cells, k).trim();
    if (this.merges.length > 0) {
      for (let c = 1; c <= width; c++) {
        const v = this.merged(r, c);
        if (v) texts[c - 1] = v[0] === Kind.Str ? v[1].trim() : '';
      }
    }
    // The header mapping of the CSV reader (header-map.ts): synonyms, any order, unknown columns ignored.
    if (headerScore(texts, this.options.columns as ColumnMap | undefined) < HEADER_MIN_SCORE) {
      if (cells.n > 0) this.titleRows++;
      return true;
    }
    const mapped = mapHeader(texts, this.options.columns as ColumnMap | undefined);
    const name = this.sheet.name;
    if (mapped.problems.length) {
      throw new InputError(mapped.problems.map((p) => ({ file: this.file, line: r, column: p.index + 1, cell: `${name}!${columnLetter(p.index + 1)}${r}`, message: p.message, value: p.value })));
    }
    const notice = ignoredNotice(this.file, mapped.ignored);
    if (notice && this.notices) writeDiagnostic('notice', notice);
    this.headerRow = r;
    let maxCol = 0;
    for (const [n, i] of mapped.index) {
      this.fields.push({ name: n as string, col: i + 1, amount: AMOUNT_COLUMNS.includes(n as string) });
      maxCol = Math.max(maxCol, i + 1);
    }
    this.colField = new Int16Array(maxCol + 1).fill(-1);
    this.fields.forEach((f, j) => {
      this.colField[f.col] = j;
      this.byName.set(f.name, j);
    });
    const at = (n: string) => this.byName.get(n) ?? -1;
    this.keyAt = Int16Array.from(['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature'], at);
    this.amountAt = Int16Array.from(['realise', 'rar', 'credits_ouverts', 'rar_precedent'], at);
    this.optAt = Int16Array.from(['fonction', 'operation', 'libelle'], at);
    this.isKey = new Uint8Array(this.fields.length);
    this.an = new Float64Array(this.fields.length);
    for (const j of this.keyAt) if (j >= 0) this.isKey[j] = 1;
    this.firstColumn = Math.min(...this.fields.map((f) => f.col));
    this.cellPrefix = `${name}!${columnLetter(this.firstColumn)}`;
    return true;
  }

  private locate(r: number, name: string) {
    const j = this.byName.get(name);
    const c = j !== undefined ? this.fields[j]!.col : this.firstColumn;
    return { file: this.file, line: r, column: `${c} (${name})`, cell: `${this.sheet.name}!${columnLetter(c)}${r}` };
  }

  /** A cell's value as text, as the error messages quote it. */
  private shown(kind: number, text: string): string {
    switch (kind) {
      case Kind.Num:
        return String(Number(text));
      case Kind.Date:
        return serialToDate(Number(text), this.sheet.date1904).toISOString();
      case Kind.IsoDate:
        return new Date(text).toISOString();
      case Kind.NoCache:
        return `=${text}`;
      case Kind.Bool:
        return String(text === '1' || text === 'true');
      default:
        return text;
    }
  }

  /** The error of a cell that cannot hold ledger text or an amount, if it is such a cell. */
  private cellError(kind: number, text: string): string | undefined {
    switch (kind) {
      case Kind.Bool:
        return `a boolean (${text === '1' || text === 'true'}) where text or a number is expected`;
      case Kind.Date:
      case Kind.IsoDate: {
        const d = kind === Kind.Date ? serialToDate(Number(text), this.sheet.date1904) : new Date(text);
        return Number.isNaN(d.getTime()) ? t('xlsx.notCleanNumber', { value: JSON.stringify(text) }) : `a date (${d.toISOString().slice(0, 10)}) where text or a number is expected`;
      }
      case Kind.Err:
        return `spreadsheet error ${text}`;
      case Kind.BadNum:
        return t('xlsx.notCleanNumber', { value: JSON.stringify(text) });
      case Kind.BadRef:
        return t('xlsx.badSharedString', { value: text });
      default:
        return undefined;
    }
  }

  /** The text of field j in the row being read. */
  private text(cells: ScannedRow, j: number): string {
    const k = this.fc[j]!;
    return k >= 0 ? textOf(cells, k) : this.ft[j]!;
  }

  /**
   * The key cells of the row as read, in `cellKey`: true when each is absent, a shared string or a small integer
   * (their ledger text is then a function of that alone), so that a row read before stands for this one.
   */
  private cellsKey(cells: ScannedRow): boolean {
    if (this.merges.length > 0) return false;
    const fk = this.fk;
    const fc = this.fc;
    const keyAt = this.keyAt;
    const out = this.cellKey;
    for (let q = 0; q < 7; q++) {
      const j = keyAt[q]!;
      let how = 0;
      let v = 0;
      if (j >= 0 && fk[j] !== 0) {
        const k = fc[j]!;
        const kind = fk[j];
        if (kind === Kind.Str && cells.sidx[k]! >= 0) {
          how = 1;
          v = cells.sidx[k]!;
        } else if (kind === Kind.Num && cells.texts[k] === undefined && (v = smallInt(cells.bytes, cells.starts[k]!, cells.ends[k]!)) >= 0) how = 2;
        else return false;
      }
      out[2 * q] = how;
      out[2 * q + 1] = v;
    }
    return true;
  }

  private data(r: number, cells: ScannedRow): void {
    const fields = this.fields;
    const nf = fields.length;
    const fk = this.fk;
    const fc = this.fc;
    const ft = this.ft;
    for (let j = 0; j < nf; j++) {
      fk[j] = 0;
      fc[j] = -1;
      ft[j] = '';
    }
    const colField = this.colField;
    for (let k = 0; k < cells.n; k++) {
      const c = cells.cols[k]!;
      const j = c < colField.length ? colField[c]! : -1;
      if (j >= 0) {
        fk[j] = cells.kinds[k]!;
        fc[j] = k;
      }
    }
    let mergedIn: (Merge | undefined)[] | undefined;
    if (this.merges.length > 0) {
      for (let j = 0; j < nf; j++) {
        const m = this.mergeAt(r, fields[j]!.col);
        if (!m) continue;
        (mergedIn ??= [])[j] = m;
        const v = this.masters.get(`${m.r0}:${m.c0}`) ?? [0, ''];
        fk[j] = v[0];
        fc[j] = -1;
        ft[j] = v[1];
      }
    }
    const amountAt = this.amountAt;
    // The decimal mark: the first text amount of the sheet that proves one (in the order the CSV reader looks).
    if (this.evidence === undefined) {
      for (let a = 0; a < 4; a++) {
        const j = amountAt[a]!;
        if (j < 0 || fk[j] !== Kind.Str) continue;
        const v = this.text(cells, j);
        const mark = decimalEvidence(v);
        if (mark) {
          this.evidence = { mark, line: r, value: v.trim() };
          break;
        }
      }
    }
    let blank = true;
    for (let j = 0; j < nf; j++) {
      if (fk[j] !== 0 && !(fk[j] === Kind.Str && this.text(cells, j).trim() === '')) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    this.dataRows++;
    this.lastDataRow = r;

    // Key cells read before: the combination they were validated as, their fields not read again.
    const known = this.cellsKey(cells);
    let combo = known ? this.byCells.get(this.cellKey) : undefined;
    const isKey = this.isKey;
    const problems = this.problems;
    const tv = this.tv;
    const am = this.am;
    const an = this.an;
    // Every amount a short clean number, held as a double: the row can go to the sink without a BigInt.
    let plain = true;
    for (let j = 0; j < nf; j++) {
      tv[j] = '';
      am[j] = undefined;
      an[j] = NaN;
      if (combo !== undefined && isKey[j] === 1) continue;
      const f = fields[j]!;
      const kind = fk[j]!;
      if (kind === Kind.NoCache) {
        problems.push({ ...this.locate(r, f.name), message: `${f.name}: formula without a cached value (open and save the workbook in a spreadsheet application)`, value: `=${this.text(cells, j)}` });
        continue;
      }
      if (f.amount) {
        const m = mergedIn?.[j];
        if (m) {
          problems.push({
            ...this.locate(r, f.name),
            message: `${f.name}: the cell is inside the merged range ${this.sheet.name}!${m.ref}: a merged cell over amounts is not the same amount twice (unmerge it and give each line its amount)`,
            value: kind === 0 ? '' : this.shown(kind, this.text(cells, j)),
          });
          continue;
        }
        let cents: Cents | { error: string } | undefined;
        if (kind === Kind.Num) {
          const k = fc[j]!;
          const v = k >= 0 && cells.texts[k] === undefined ? spanCents(cells.bytes, cells.starts[k]!, cells.ends[k]!) : NaN;
          if (v === v) {
            an[j] = v;
            continue;
          }
          cents = numberTextToCents(this.text(cells, j));
        } else if (kind === Kind.Str) {
          const text = this.text(cells, j);
          if (text.trim() !== '') {
            cents = parseDialectAmount(text, this.evidence?.mark, this.evidence);
            if (typeof cents !== 'bigint' && this.evidence === undefined) this.premature = true;
          }
        } else if (kind !== 0) cents = { error: this.cellError(kind, this.text(cells, j))! };
        if (cents === undefined) continue;
        plain = false;
        if (typeof cents === 'bigint') am[j] = cents;
        else problems.push({ ...this.locate(r, f.name), message: `${f.name}: ${cents.error}`, value: this.shown(kind, this.text(cells, j)) });
      } else if (kind === Kind.Str) {
        const text = this.text(cells, j);
        tv[j] = f.name === 'libelle' ? text : text.trim();
      } else if (kind === Kind.Num) {
        // An integer written plainly (2022, 60611) is its own shortest form: no float round trip.
        const text = this.text(cells, j);
        tv[j] = PLAIN_INTEGER.test(text) ? text : String(Number(text));
      } else if (kind !== 0) {
        const text = this.text(cells, j);
        problems.push({ ...this.locate(r, f.name), message: `${f.name}: ${this.cellError(kind, text)!}`, value: this.shown(kind, text) });
      }
    }
    const keyAt = this.keyAt;
    let raw = '';
    if (combo === undefined) {
      for (let k = 0; k < 7; k++) {
        const j = keyAt[k]!;
        raw += j >= 0 ? tv[j]! + '\u001f' : '\u001f';
      }
      combo = this.combos.get(raw);
      if (combo && known) this.byCells.set(this.cellKey, combo);
    }
    const optAt = this.optAt;
    let led: LedgerRow;
    if (combo) {
      // A combination already validated: only the amounts and the free text differ.
      const fo = optAt[0]! >= 0 ? tv[optAt[0]!]! : '';
      const op = optAt[1]! >= 0 ? tv[optAt[1]!]! : '';
      const li = optAt[2]! >= 0 ? tv[optAt[2]!]! : '';
      if (combo.restored) this.restored.set(combo.restored, (this.restored.get(combo.restored) ?? 0) + 1);
      if (plain && this.sink) return this.keepKeyed(combo, r, fo, op, li);
      led = {
        budget: combo.budget,
        exercice: combo.exercice,
        section: combo.section,
        sens: combo.sens,
        chapitre: combo.chapitre,
        compte: combo.compte,
        nature: combo.nature,
        realise: this.cents(amountAt[0]!) ?? 0n,
        rar: this.cents(amountAt[1]!) ?? 0n,
        file: this.file,
        line: r,
      };
      const co = this.cents(amountAt[2]!);
      if (co !== undefined) led.creditsOuverts = co;
      const rp = this.cents(amountAt[3]!);
      if (rp !== undefined) led.rarPrecedent = rp;
      if (fo !== '') led.fonction = fo;
      if (op !== '') led.operation = op;
      if (li !== '') led.libelle = li;
    } else {
      const record: Record<string, string> = {};
      for (let j = 0; j < nf; j++) {
        const name = fields[j]!.name;
        const c = this.cents(j);
        if (c !== undefined) record[name] = centsToString(c);
        else if (!fields[j]!.amount) record[name] = tv[j]!;
      }
      const locate = (name: string) => this.locate(r, name);
      const tolerated = tolerate(record, this.planFor);
      const restored = tolerated.restored ? `${tolerated.restored.from}→${tolerated.restored.to}` : undefined;
      if (restored) this.restored.set(restored, (this.restored.get(restored) ?? 0) + 1);
      const parsed = parseLedgerRecord(tolerated.fields, this.file, r, locate, plainAmount);
      problems.push(...parsed.problems);
      if (!parsed.row) return;
      led = parsed.row;
      const plan = this.planFor(led.exercice);
      const planProblems = validateAgainstPlan(led, plan, locate);
      if (planProblems.length > 0) {
        problems.push(...planProblems);
        return;
      }
      // Cached only when the verdict cannot depend on the amounts (section totals, chapters without execution).
      if (led.chapitre !== '' && plan.chapter(led.chapitre)?.kind !== 'sans-execution') {
        const { budget, exercice, section, sens, chapitre, compte, nature } = led;
        const key = [budget, exercice, section, sens, chapitre, compte, nature].join('|');
        // One id per combination as validated: `11` and `011` written in two rows are one combination.
        let id = this.comboIds.get(key);
        if (id === undefined) this.comboIds.set(key, (id = this.comboIds.size));
        const entry: Combination = { budget, exercice, section, sens, chapitre, compte, nature, id, ...(restored ? { restored } : {}) };
        this.combos.set(raw, entry);
        if (known) this.byCells.set(this.cellKey, entry);
        return this.keep(led, r, id);
      }
      return this.keep(led, r, -1);
    }
    this.keep(led, r, combo.id);
  }

  /** The cents read for field j (-1: no such field), undefined when absent. */
  private cents(j: number): Cents | undefined {
    if (j < 0) return undefined;
    const v = this.an[j]!;
    return v === v ? BigInt(v) : this.am[j];
  }

  /** Amount a of the row (realise, rar, credits_ouverts, rar_precedent) as the sink takes it: cents, NaN when absent. */
  private plainAt(a: number, absent: number): number {
    const j = this.amountAt[a]!;
    if (j < 0) return absent;
    const v = this.an[j]!;
    return v === v ? v : absent;
  }

  /** The repeated-line error: row r has the key of line `first`. */
  private repeats(led: LedgerRow, r: number, first: number): void {
    this.problems.push({ ...this.locate(r, 'chapitre'), message: `line repeats the key of line ${first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)`, value: rowKey(led) });
  }

  /** keep() for a row of a validated combination whose amounts are all plain: no row object unless it repeats. */
  private keepKeyed(combo: Combination, r: number, fo: string, op: string, li: string): void {
    const first = this.keys.add(combo.id, fo, op, r);
    if (first) {
      const led: LedgerRow = { ...keyOf(combo), realise: 0n, rar: 0n, file: this.file, line: r };
      if (fo !== '') led.fonction = fo;
      if (op !== '') led.operation = op;
      return this.repeats(led, r, first);
    }
    if (r <= (this.knowledge.skipThrough ?? 0) || this.problems.length > 0 || !this.emit) return;
    const sink = this.sink!;
    sink.keyed(
      (combo.sinkKey ??= sink.key(combo)),
      this.plainAt(0, 0),
      this.plainAt(1, 0),
      this.plainAt(2, NaN),
      this.plainAt(3, NaN),
      fo === '' ? undefined : fo,
      op === '' ? undefined : op,
      li === '' ? undefined : li,
      this.file,
      r,
    );
    this.yieldedThrough = r;
  }

  /**
   * The repeated-line check, then the row into its batch: on a fingerprint of the combination's id, fonction and
   * opération (`id` ≥ 0), or for a row no combination holds (a section total) on its whole key.
   */
  private keep(led: LedgerRow, r: number, id: number): void {
    led.cell = `${this.cellPrefix}${r}`;
    let first: number | undefined;
    if (id >= 0) first = this.keys.add(id, led.fonction ?? '', led.operation ?? '', r) || undefined;
    else {
      const key = rowKey(led);
      first = this.seen.get(key);
      if (first === undefined) this.seen.set(key, r);
    }
    if (first !== undefined) return this.repeats(led, r, first);
    if (r <= (this.knowledge.skipThrough ?? 0)) return;
    if (this.sink) {
      // Straight to the sink, in file order with the keyed rows, while the sheet has no problem.
      if (this.problems.length === 0 && this.emit) {
        this.sink.push(led);
        this.yieldedThrough = r;
      }
      return;
    }
    this.batch.push(led);
    if (this.batch.length >= BATCH) {
      this.handOver();
      this.batch = [];
    }
  }

  /** The batch to the caller while the sheet has no problem (a problem makes the whole read fail). */
  private handOver(): void {
    if (this.problems.length === 0 && this.emit && this.batch.length > 0) {
      this.ready.push(this.batch);
      this.yieldedThrough = this.batch.at(-1)!.line;
    }
    this.batch = [];
  }

  finish(): PassResult {
    const file = this.file;
    if (this.headerRow === 0) {
      const last = Math.min(this.scanner.lastRow, HEADER_SEARCH_ROWS);
      throw new InputError({
        file,
        cell: `${this.sheet.name}!A1:A${last}`,
        message: `no ledger header in the first ${HEADER_SEARCH_ROWS} rows of sheet ${JSON.stringify(this.sheet.name)} (expected a row naming ${REQUIRED_COLUMNS.join(', ')})`,
      });
    }
    if (this.notices) {
      if (this.titleRows > 0) writeDiagnostic('notice', t('ledger.titleRows', { file, n: this.titleRows }));
      const blank = this.lastDataRow > this.headerRow ? this.lastDataRow - this.headerRow - this.dataRows : 0;
      if (blank > 0) writeDiagnostic('notice', t('ledger.blankRows', { file, n: blank }));
      for (const n of restorationNotices(file, this.restored)) writeDiagnostic('notice', n);
    }
    if (this.batch.length > 0) this.handOver();
    return {
      problems: this.problems,
      premature: this.premature,
      ...(this.evidence && !this.options.decimal ? { evidence: this.evidence } : {}),
      merges: this.scanner.merges,
      headerRow: this.headerRow,
      columns: this.fields.map((f) => f.col),
      yieldedThrough: this.yieldedThrough,
    };
  }
}

/** The key fields of a combination. */
function keyOf(c: Combination): LedgerKey {
  return { budget: c.budget, exercice: c.exercice, section: c.section, sens: c.sens, chapitre: c.chapitre, compte: c.compte, nature: c.nature };
}
