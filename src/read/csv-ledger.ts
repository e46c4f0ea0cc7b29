// Reads a ledger CSV as batches of validated rows: tolerant header and rows, and a byte-level fast path that folds rows by combination.
import { labelText } from './label-text.js';
import { InputError, type InputProblem } from '../errors.js';
import { rowKey, type LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { type CsvRecord, fileChunks, scanRecords } from './csv-records.js';
import type { DecimalMark } from './dialect/amount.js';
import { HEADER_MIN_SCORE, headerScore, ignoredNotice, mapHeader, type ColumnMap, type LedgerColumn } from './header-map.js';
import { parseLedgerRecord, plainAmount, type AmountParser } from './ledger-record.js';
import { restorationNotices, tolerate } from './row-tolerance.js';
import { validateAgainstPlan } from './validate-row.js';

export interface FoldOptions {
  /** Budgets the caller knows; rows of others are handed over one by one, so each gets its own message. */
  budgets?: ReadonlySet<string>;
}

export interface CsvLedgerOptions {
  /** The plan de comptes for an exercice (the nearest-year rule is the caller's). */
  planFor: (exercice: number) => Plan;
  delimiter?: string;
  parseAmount?: AmountParser;
  /** The decimal mark the fast path may assume (`parseAmount` decides every other shape). */
  decimal?: DecimalMark;
  /** UTF-8 bytes of the file (dialect detection decodes other encodings first); default: the file at `path`. */
  chunks?: Iterable<Uint8Array>;
  /** An already decoded stream (tests; read whole). */
  input?: NodeJS.ReadableStream;
  /** Shown in messages instead of the path (e.g. a path relative to the manifest). */
  displayName?: string;
  batchSize?: number;
  /** Column names no synonym covers: their name → ledger column (`--columns`, manifest `columns`). */
  columns?: ColumnMap;
  /**
   * Rows of one combination (budget, exercice, section, sens, chapitre, compte, nature) handed over as one row that
   * sums them (its line the first one): for readers that fold anyway (compute, check, diff). Not for convert.
   */
  fold?: FoldOptions;
  notice?: (message: string) => void;
}

/** Title rows above the header: further down than this, the file is not a ledger. */
const HEADER_SEARCH_ROWS = 50;
const KEY_COLUMNS = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature'] as const;
const AMOUNTS = [
  ['realise', 'realise'],
  ['rar', 'rar'],
  ['credits_ouverts', 'creditsOuverts'],
  ['rar_precedent', 'rarPrecedent'],
] as const;
const CARRIED = new Set(['001', '002']);
const SAFE = 2 ** 52;

/** A normalised combination whose rows are summed here, one row handed over at the end. */
interface Canon {
  row: LedgerRow;
  /** Slot of its figures in `Folds`. */
  id: number;
  /** Amounts beyond safe integers, summed exactly. */
  big: bigint[];
}

/** The running figures of every combination, in typed arrays by id: one cache line a row, no object touched. */
class Folds {
  sums = new Float64Array(4 * 1024);
  lines = new Int32Array(1024);
  firstLine = new Int32Array(1024);
  /** Bits 4 and 8: crédits ouverts and RAR taken over given; 1: libellé taken. */
  flags = new Uint8Array(1024);
  count = 0;
  add(): number {
    if (this.count === this.lines.length) {
      const n = this.count * 2;
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      this.sums = grow(this.sums, 4 * n);
      this.lines = grow(this.lines, n);
      this.firstLine = grow(this.firstLine, n);
      this.flags = grow(this.flags, n);
    }
    return this.count++;
  }
}

/** The key cells of a record as written (bytes, 0x1f between them): many may give one Canon (`11` and `011`). */
interface Raw {
  bytes: Uint8Array;
  next: Raw | undefined;
  /** Undefined: the rows go one by one through the full validation (special chapters, problems). */
  canon: Canon | undefined;
  restored?: string;
}

/** Open-addressing set of 64-bit fingerprints of full keys with the line that brought each, interleaved (one cache line a probe). */
class KeySet {
  private slots = new Int32Array(3 << 16);
  private size = 0;
  /** The line that already holds this fingerprint, or 0 after adding it. */
  add(h1: number, h2: number, line: number): number {
    if (this.size * 6 >= this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let i = h1 & mask;
    for (;;) {
      const at = 3 * i;
      const l = slots[at + 2]!;
      if (l === 0) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = line;
        this.size++;
        return 0;
      }
      if (slots[at] === h1 && slots[at + 1] === h2) return l;
      i = (i + 1) & mask;
    }
  }
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.add(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

/** Two 32-bit hashes of (id, a[as..ae), b[bs..be)) into out: computed in locals, never in captured variables (which box). */
function fingerprint(out: Int32Array, id: number, a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): void {
  let h1 = Math.imul(id + 1, 0x9e3779b1);
  let h2 = 0x811c9dc5 ^ id;
  for (let p = as; p < ae; p++) {
    const x = a[p]!;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
  h2 = Math.imul(h2 + 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  for (let p = bs; p < be; p++) {
    const x = b[p]!;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out[0] = h1;
  out[1] = h2;
}

async function streamChunks(input: NodeJS.ReadableStream): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of input as AsyncIterable<Buffer | string>) out.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  return out;
}

/** Cents of a plain amount straight from bytes (`-1234.5`, `12,50` with a comma mark), NaN for any other shape. */
function fastCents(buf: Buffer, s: number, e: number, mark: number): number {
  if (s === e) return 0;
  let i = s;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let v = 0;
  let digits = 0;
  while (i < e) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
    i++;
  }
  if (digits === 0 || digits > 13) return NaN;
  let frac = 0;
  if (i < e) {
    if (buf[i] !== mark) return NaN;
    i++;
    const d1 = buf[i]! - 48;
    if (i >= e || d1 < 0 || d1 > 9) return NaN;
    frac = d1 * 10;
    i++;
    if (i < e) {
      const d2 = buf[i]! - 48;
      if (d2 < 0 || d2 > 9 || i + 1 !== e) return NaN;
      frac += d2;
    }
  }
  const c = v * 100 + frac;
  return neg ? -c : c;
}

export async function* readLedgerCsv(path: string, options: CsvLedgerOptions): AsyncGenerator<LedgerRow[]> {
  const file = options.displayName ?? path;
  const batchSize = options.batchSize ?? 2048;
  const parseAmount = options.parseAmount ?? plainAmount;
  const delimiter = options.delimiter ?? ',';
  const markByte = (options.decimal ?? (options.parseAmount ? undefined : '.'))?.charCodeAt(0) ?? -1;
  const notice = options.notice ?? ((m: string) => process.stderr.write(`notice: ${m}\n`));
  const chunks = options.input ? await streamChunks(options.input) : options.chunks ?? fileChunks(path);
  const fold = options.fold;

  const problems: InputProblem[] = [];
  const notices: string[] = [];
  let out: LedgerRow[] = [];
  const ready: LedgerRow[][] = [];
  const push = (row: LedgerRow) => {
    out.push(row);
    if (out.length >= batchSize) {
      ready.push(out);
      out = [];
    }
  };

  // The header, found below any title rows.
  let header: string[] | undefined;
  let col: Int32Array | undefined;
  let columns = new Map<LedgerColumn, number>();
  const pending: { line: number; cells: string[] }[] = [];
  let titleRows = 0;
  let blankRows = 0;
  let dataRows = 0;
  const inchLines: number[] = [];
  const restorations = new Map<string, number>();

  // Key cells as written, by hash of their bytes; normalised combinations by key, in the order of their first line.
  const raws = new Map<number, Raw>();
  const canons = new Map<string, Canon>();
  const folds = new Folds();
  const keys = new KeySet();
  const seen = new Map<string, number>();
  let folding = fold !== undefined;

  const adopt = (cells: string[], line: number): boolean => {
    const mapped = mapHeader(cells, options.columns);
    if (mapped.problems.length > 0) {
      for (const p of mapped.problems) problems.push({ file, line, column: p.index + 1, message: p.message, value: p.value });
      throw new InputError(problems);
    }
    header = cells;
    columns = mapped.index;
    col = new Int32Array(14).fill(-1);
    const ALL: LedgerColumn[] = [...KEY_COLUMNS, 'realise', 'rar', 'credits_ouverts', 'rar_precedent', 'fonction', 'operation', 'libelle'];
    ALL.forEach((c, i) => (col![i] = columns.get(c) ?? -1));
    const n = ignoredNotice(file, mapped.ignored);
    if (n) notices.push(n);
    return true;
  };

  const locator = (line: number) => (name: string) => {
    const i = columns.get(name as LedgerColumn);
    return { file, line, column: i === undefined ? name : `${i + 1} (${name})` };
  };

  /** The validation every reader does; `amounts: false` validates the key cells alone (a combination's probe). */
  const validate = (r: CsvRecord, amounts: boolean): { row?: LedgerRow; restored?: string } => {
    const fields: Record<string, string> = {};
    for (const [name, i] of columns) if (amounts || (KEY_COLUMNS as readonly string[]).includes(name)) fields[name] = name === 'libelle' ? labelText(r, i, delimiter) : r.text(i).trim();
    const t = tolerate(fields, options.planFor);
    const sink: InputProblem[] = [];
    const locate = amounts ? locator(r.line) : () => ({ file });
    const parsed = parseLedgerRecord(t.fields, file, r.line, locate, parseAmount);
    sink.push(...parsed.problems);
    let row = parsed.row;
    if (row) {
      const planProblems = validateAgainstPlan(row, options.planFor(row.exercice), locate);
      if (planProblems.length > 0) {
        sink.push(...planProblems);
        row = undefined;
      }
    }
    if (amounts) problems.push(...sink);
    if (!row) return {};
    return { row, ...(t.restored ? { restored: `${t.restored.from}→${t.restored.to}` } : {}) };
  };

  const repeated = (line: number, first: number, key: string): void => {
    problems.push({ ...locator(line)('chapitre'), message: `line repeats the key of line ${first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)`, value: key });
  };

  const countRestored = (key: string | undefined) => {
    if (key) restorations.set(key, (restorations.get(key) ?? 0) + 1);
  };

  const prefixOf = (row: LedgerRow) => [row.budget, row.exercice, row.section, row.sens, row.chapitre, row.compte, row.nature].join('|');

  /** The combination a validated row folds into, or undefined when its rows must go one by one. */
  const canonFor = (row: LedgerRow): Canon | undefined => {
    const special = CARRIED.has(row.chapitre) || row.chapitre === '' || options.planFor(row.exercice).chapter(row.chapitre)?.kind === 'sans-execution';
    if (special || (fold?.budgets && !fold.budgets.has(row.budget))) return undefined;
    const key = prefixOf(row);
    let c = canons.get(key);
    if (!c) {
      const base: LedgerRow = { ...row };
      delete base.fonction;
      delete base.operation;
      delete base.libelle;
      delete base.creditsOuverts;
      delete base.rarPrecedent;
      c = { row: base, id: folds.add(), big: [0n, 0n, 0n, 0n] };
      canons.set(key, c);
    }
    return c;
  };

  /** Every folded combination handed over, in the order of their first line (the model keeps that order). */
  const flush = () => {
    const { sums, lines, firstLine, flags } = folds;
    const list = [...canons.values()].filter((c) => lines[c.id]! > 0).sort((x, y) => firstLine[x.id]! - firstLine[y.id]!);
    for (const c of list) {
      const i = c.id;
      const row: LedgerRow = { ...c.row, file, line: firstLine[i]! };
      row.realise = BigInt(sums[4 * i]!) + c.big[0]!;
      row.rar = BigInt(sums[4 * i + 1]!) + c.big[1]!;
      if (flags[i]! & 4) row.creditsOuverts = BigInt(sums[4 * i + 2]!) + c.big[2]!;
      if (flags[i]! & 8) row.rarPrecedent = BigInt(sums[4 * i + 3]!) + c.big[3]!;
      push(row);
    }
    canons.clear();
    raws.clear();
  };

  /** 64-bit fingerprint of (combination id, fonction, operation), the repeated-line check of folded rows. */
  const fp = new Int32Array(2);
  const addTo = (c: Canon, line: number, values: Float64Array, present: number, libelle: CsvRecord | string | undefined, li: number) => {
    const id = c.id;
    const { sums, lines, firstLine, flags } = folds;
    if (lines[id] === 0 || line < firstLine[id]!) firstLine[id] = line;
    lines[id]!++;
    for (let a = 0; a < 4; a++) {
      const s = sums[4 * id + a]! + values[a]!;
      if (s > SAFE || s < -SAFE) {
        c.big[a]! += BigInt(s);
        sums[4 * id + a] = 0;
      } else sums[4 * id + a] = s;
    }
    const f = flags[id]!;
    flags[id] = f | present;
    if ((f & 1) === 0 && libelle !== undefined) {
      const l = typeof libelle === 'string' ? libelle : li >= 0 ? libelle.text(li).trim() : '';
      if (l) {
        c.row.libelle = l;
        flags[id]! |= 1;
      }
    }
  };

  const slowValues = new Float64Array(4);
  /** A record through the full validation (quoted fields, special chapters, combinations with problems). */
  const slowPath = (r: CsvRecord) => {
    const { row, restored } = validate(r, true);
    if (!row) return;
    if (row.chapitre === '' && folding) {
      // A section total interacts with the chapter rows before and after it (docs/ledger.md): from here on, in order.
      flush();
      folding = false;
    }
    const canon = folding ? canonFor(row) : undefined;
    if (canon) {
      const f = Buffer.from(row.fonction ?? '', 'utf8');
      const o = Buffer.from(row.operation ?? '', 'utf8');
      fingerprint(fp, canon.id, f, 0, f.length, o, 0, o.length);
      const first = keys.add(fp[0]!, fp[1]!, r.line);
      if (first !== 0) return repeated(r.line, first, rowKey(row));
      countRestored(restored);
      const big = [row.realise, row.rar, row.creditsOuverts ?? 0n, row.rarPrecedent ?? 0n];
      for (let a = 0; a < 4; a++) {
        const v = big[a]!;
        if (v > BigInt(SAFE) || v < -BigInt(SAFE)) {
          canon.big[a]! += v;
          slowValues[a] = 0;
        } else slowValues[a] = Number(v);
      }
      return addTo(canon, r.line, slowValues, (row.creditsOuverts !== undefined ? 4 : 0) | (row.rarPrecedent !== undefined ? 8 : 0), row.libelle, -1);
    }
    const key = rowKey(row);
    const first = seen.get(key);
    if (first !== undefined) return repeated(r.line, first, key);
    seen.set(key, r.line);
    countRestored(restored);
    push(row);
  };

  const cents = new Float64Array(4);

  const onData = (r: CsvRecord) => {
    const c = col!;
    if (r.count !== header!.length) {
      if (r.blank()) {
        if (r.count > 1 || r.end[0]! > r.start[0]!) blankRows++;
        return;
      }
      problems.push({ file, line: r.line, column: Math.min(r.count, header!.length) + 1, message: `expected ${header!.length} fields, found ${r.count}`, value: r.buf.toString('utf8', r.from, r.to) });
      return;
    }
    if (r.start[c[0]!] === r.end[c[0]!] && r.blank()) {
      blankRows++;
      return;
    }
    dataRows++;
    if (r.inchMark) inchLines.push(r.line);
    if (!folding || r.anyQuoted) return slowPath(r);
    // Hash of the 7 key fields' bytes (FNV-1a), then the key cells as written among that hash's.
    const buf = r.buf;
    let h = 0x811c9dc5;
    let keyLen = 0;
    for (let k = 0; k < 7; k++) {
      const i = c[k]!;
      if (i >= 0) {
        for (let p = r.start[i]!, e = r.end[i]!; p < e; p++) h = Math.imul(h ^ buf[p]!, 0x01000193);
        keyLen += r.end[i]! - r.start[i]!;
      }
      h = Math.imul(h ^ 0x1f, 0x01000193);
      keyLen++;
    }
    // 30 bits: a small integer key, never a boxed number (a chain per hash tells the rest apart).
    h &= 0x3fffffff;
    let raw = raws.get(h);
    while (raw) {
      const bytes = raw.bytes;
      let same = bytes.length === keyLen;
      let at = 0;
      for (let k = 0; k < 7 && same; k++) {
        const i = c[k]!;
        if (i >= 0) {
          for (let p = r.start[i]!, e = r.end[i]!; p < e; p++) {
            if (bytes[at++] !== buf[p]) {
              same = false;
              break;
            }
          }
        }
        if (same && bytes[at++] !== 0x1f) same = false;
      }
      if (same) break;
      raw = raw.next;
    }
    if (!raw) {
      const bytes = new Uint8Array(keyLen);
      let at = 0;
      for (let k = 0; k < 7; k++) {
        const i = c[k]!;
        if (i >= 0) {
          bytes.set(buf.subarray(r.start[i]!, r.end[i]!), at);
          at += r.end[i]! - r.start[i]!;
        }
        bytes[at++] = 0x1f;
      }
      const probe = validate(r, false);
      raw = { bytes, next: raws.get(h), canon: probe.row ? canonFor(probe.row) : undefined, ...(probe.restored ? { restored: probe.restored } : {}) };
      raws.set(h, raw);
    }
    const canon = raw.canon;
    if (!canon) return slowPath(r);
    // Amounts straight to cents; any other shape goes through the dialect's parser, with its messages.
    let bad = false;
    let present = 0;
    for (let a = 0; a < 4; a++) {
      const i = c[7 + a]!;
      if (i < 0) {
        cents[a] = 0;
        continue;
      }
      if (r.end[i]! > r.start[i]!) present |= 1 << a;
      let v = fastCents(buf, r.start[i]!, r.end[i]!, markByte);
      if (Number.isNaN(v)) {
        const text = r.text(i).trim();
        if (text === '') {
          v = 0;
          present &= ~(1 << a);
        } else {
          const p = parseAmount(text);
          if (typeof p === 'bigint') {
            if (p > BigInt(SAFE) || p < -BigInt(SAFE)) {
              canon.big[a]! += p;
              v = 0;
            } else v = Number(p);
          } else {
            problems.push({ ...locator(r.line)(AMOUNTS[a]![0]), message: `${AMOUNTS[a]![0]}: ${p.error}`, value: text });
            bad = true;
          }
        }
      }
      cents[a] = v;
    }
    if (bad) return;
    const fi = c[11]!;
    const oi = c[12]!;
    fingerprint(fp, canon.id, buf, fi >= 0 ? r.start[fi]! : 0, fi >= 0 ? r.end[fi]! : 0, buf, oi >= 0 ? r.start[oi]! : 0, oi >= 0 ? r.end[oi]! : 0);
    const first = keys.add(fp[0]!, fp[1]!, r.line);
    if (first !== 0) {
      const row = canon.row;
      const key = [prefixOf(row), c[11]! >= 0 ? r.text(c[11]!).trim() : '', c[12]! >= 0 ? r.text(c[12]!).trim() : ''].join('|');
      return repeated(r.line, first, key);
    }
    countRestored(raw.restored);
    const li = c[13]!;
    addTo(canon, r.line, cents, present & 12, r, li);
  };

  const onRecord = (r: CsvRecord): void => {
    if (header) return onData(r);
    if (r.blank()) return;
    const cells = r.texts().map((x) => x.trim());
    if (r.line === 1 && cells[0]?.charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
    if (headerScore(cells, options.columns) >= HEADER_MIN_SCORE) {
      titleRows = pending.length;
      adopt(cells, r.line);
      return;
    }
    pending.push({ line: r.line, cells });
    if (pending.length >= HEADER_SEARCH_ROWS) adopt(pending[0]!.cells, pending[0]!.line);
  };

  const errors = scanRecords(chunks, delimiter, onRecord);
  for (const e of errors) problems.push({ file, line: e.line, message: e.message });
  if (!header) {
    if (pending.length > 0) adopt(pending[0]!.cells, pending[0]!.line);
    else problems.push({ file, line: 1, message: 'empty file: expected a header naming the ledger columns (budget, exercice, section, sens, chapitre, compte, nature, realise, rar)' });
  }
  if (folding) flush();
  if (titleRows > 0) notices.push(`${file}: ${titleRows} title row${titleRows > 1 ? 's' : ''} above the header skipped`);
  if (blankRows > 0) notices.push(`${file}: ${blankRows} blank row${blankRows > 1 ? 's' : ''} skipped`);
  if (inchLines.length > 0) {
    const shown = inchLines.slice(0, 10).join(', ') + (inchLines.length > 10 ? ` and ${inchLines.length - 10} more` : '');
    notices.push(`${file}: a " inside an unquoted field is read as text (an inch mark?) on line${inchLines.length > 1 ? 's' : ''} ${shown}`);
  }
  notices.push(...restorationNotices(file, restorations));
  if (header && dataRows === 0 && problems.length === 0) notices.push(`warning: ${file}: the ledger holds only its header: no line is read from it`);
  for (const n of notices) notice(n);
  if (problems.length > 0) throw new InputError(problems);
  for (const b of ready) yield b;
  if (out.length > 0) yield out;
}
