// Reads a ledger CSV as batches of validated rows: tolerant header and rows, and a byte-level fast path that folds rows by combination.
import { t } from '../messages/index.js';
import { labelBounds, labelText } from './label-text.js';
import { InputError, type InputProblem } from '../errors.js';
import { rowKey, type LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { CsvRecord, type FastLines, fileChunks, scanRecords } from './csv-records.js';
import type { DecimalMark } from './dialect/amount.js';
import { HEADER_MIN_SCORE, headerScore, ignoredNotice, mapHeader, type ColumnMap, type LedgerColumn } from './header-map.js';
import { parseLedgerRecord, plainAmount, type AmountParser } from './ledger-record.js';
import { restorationNotices, tolerate } from './row-tolerance.js';
import { validateAgainstPlan } from './validate-row.js';
import { textFingerprint } from './text-fingerprint.js';
import { BloomCheck, CandidateCheck, KeySet, type RepeatCheck } from './repeat-check.js';
import { ShortTexts } from './short-texts.js';
import type { LedgerSink } from '../model/ledger-sink.js';
import { foldOnWorker, parallelTaken, planHalves, type ParallelSource, type SegmentFold, type SegmentStart } from './csv-parallel.js';

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
  /** Set when the chunks are the file's own bytes: a large file may then be folded on two threads (csv-parallel.ts). */
  parallel?: ParallelSource;
  /**
   * Without `fold`: each batch handed to this as soon as it is full, instead of all of them yielded at the end (convert
   * holds rows in its own form). The problems still throw at the end, after rows were handed: the caller writes
   * nothing before the reader has returned.
   */
  handOver?: (rows: LedgerRow[]) => void;
  /**
   * Without `fold`: where the rows go, in file order, instead of batches (convert's column table). A row of a known
   * spelling whose amounts are short plain numbers goes in by its combination's handle (`keyed`), without a row object;
   * any other through `push`. The problems still throw at the end, as with `handOver`.
   */
  sink?: LedgerSink;
  /** Without `fold`: every row through the full validation and the exact repeated-line check (the reference of the tests). */
  rowByRow?: boolean;
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

/**
 * The running figures of every combination, in typed arrays by id: one cache line a row, no object touched. Sized for
 * 8192 combinations (about 300 KB) from the start, as RawTable below: growing reassigns the fields, which the compiled
 * hot loop took for constants, and V8 then throws that code away and compiles it again (two to four recompiles of
 * 25-50 ms in the first megabyte of the benchmark's ledger, while the loop ran uncompiled).
 */
class Folds {
  sums = new Float64Array(4 * 8192);
  lines = new Int32Array(8192);
  firstLine = new Int32Array(8192);
  /** Bits 4 and 8: crédits ouverts and RAR taken over given; 1: libellé taken. */
  flags = new Uint8Array(8192);
  /**
   * Two 32-bit hashes of the combination's normalised key, the seed of its rows' fingerprints: the same on every
   * thread and every pass (an id is not), so that the halves of a parallel read can be checked against each other.
   */
  seed1 = new Int32Array(8192);
  seed2 = new Int32Array(8192);
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
      this.seed1 = grow(this.seed1, n);
      this.seed2 = grow(this.seed2, n);
    }
    return this.count++;
  }
}

/**
 * The key cells of records as written (`11` and `011`, `F` and `Fonctionnement` are two), each with the combination it
 * validated to: an open-addressing table of indices over one arena of bytes, so that a lookup is a hash, a probe and a
 * compare, no object touched. Many spellings may give one Canon.
 */
class RawTable {
  // Sized for 8192 spellings of about 32 bytes (see Folds).
  private slots = new Int32Array(1 << 14);
  /** Per spelling: its hash, length and offset in the arena, side by side (one cache line a probe). */
  private meta = new Int32Array(3 * 8192);
  /** The combination id a spelling folds into, -1 when its rows go one by one (special chapters, problems). */
  canon = new Int32Array(8192);
  /** The restoration a spelling stands for (`11→011`), counted per line. */
  restored: (string | undefined)[] = [];
  private arena = new Uint8Array(1 << 18);
  private arenaView: DataView = new DataView(this.arena.buffer);
  private used = 0;
  count = 0;

  /** The index of the spelling of bytes [s, e) of `buf` (`view` over the same bytes), or -1. */
  find(buf: Uint8Array, view: DataView, s: number, e: number, h: number): number {
    const slots = this.slots;
    const meta = this.meta;
    const mask = slots.length - 1;
    const n = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = slots[i]! - 1;
      if (r < 0) return -1;
      const m = 3 * r;
      if (meta[m] !== h || meta[m + 1] !== n) continue;
      const arena = this.arena;
      const av = this.arenaView;
      const o = meta[m + 2]! - s;
      if (n < 4) {
        let k = s;
        while (k < e && arena[o + k] === buf[k]) k++;
        if (k === e) return r;
        continue;
      }
      // Four bytes a compare; the last four compared as one word too, overlapping the ones before (equal already).
      let k = s;
      while (k + 4 <= e && av.getInt32(o + k) === view.getInt32(k)) k += 4;
      if (k + 4 <= e) continue;
      if (k === e || av.getInt32(o + e - 4) === view.getInt32(e - 4)) return r;
    }
  }

  add(buf: Uint8Array, s: number, e: number, h: number, canon: number, restored: string | undefined): number {
    const r = this.count++;
    if (r === this.canon.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.meta = grow(this.meta);
      this.canon = grow(this.canon);
    }
    if (this.used + e - s > this.arena.length) {
      const bigger = new Uint8Array(Math.max(2 * this.arena.length, this.used + e - s));
      bigger.set(this.arena);
      this.arena = bigger;
      this.arenaView = new DataView(bigger.buffer);
    }
    this.arena.set(buf.subarray(s, e), this.used);
    this.meta[3 * r] = h;
    this.meta[3 * r + 1] = e - s;
    this.meta[3 * r + 2] = this.used;
    this.canon[r] = canon;
    this.restored[r] = restored;
    this.used += e - s;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(r);
    return r;
  }

  clear(): void {
    this.slots.fill(0);
    this.restored = [];
    this.used = 0;
    this.count = 0;
  }

  private place(r: number): void {
    const mask = this.slots.length - 1;
    let i = this.meta[3 * r]! & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = r + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let r = 0; r < this.count; r++) this.place(r);
  }
}

/** Two 32-bit hashes of a normalised combination key (the seeds of its rows' fingerprints). */
function keySeeds(key: string, into: Folds, id: number): void {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x2545f491 | 0;
  for (let i = 0; i < key.length; i++) {
    const x = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  into.seed1[id] = h1;
  into.seed2[id] = h2;
}

/** Two 32-bit hashes of (seeds, a[as..ae), b[bs..be)) into out: computed in locals, never in captured variables (which box). */
function fingerprint(out: Int32Array, s1: number, s2: number, a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): void {
  let h1 = Math.imul(s1 + 1, 0x9e3779b1);
  let h2 = 0x811c9dc5 ^ s2;
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

const FNV = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

/**
 * Hash of a spelling's bytes [s, e) (`view` over `buf`): of its length and its last 16 bytes (sens, chapitre, compte
 * and nature in the usual layout, where spellings differ), read four at a time; the compare tells the rest apart. 30
 * bits: a small integer.
 */
function spanHash(buf: Uint8Array, view: DataView, s: number, e: number): number {
  let h = Math.imul(FNV ^ (e - s), PRIME);
  if (e - s >= 16) {
    h = Math.imul(h ^ view.getInt32(e - 16, true), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ view.getInt32(e - 12, true), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ view.getInt32(e - 8, true), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ view.getInt32(e - 4, true), 0x9e3779b1);
  } else for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p]!, PRIME);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) & 0x3fffffff;
}

/** Key columns not side by side: their bytes gathered in file order (each then 0x1f) into `out`; returns the length. */
function gather(buf: Uint8Array, start: Int32Array, end: Int32Array, keyIdx: Int32Array, out: Uint8Array): number {
  let at = 0;
  for (let k = 0; k < keyIdx.length; k++) {
    const f = keyIdx[k]!;
    out.set(buf.subarray(start[f]!, end[f]!), at);
    at += end[f]! - start[f]!;
    out[at++] = 0x1f;
  }
  return at;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;


/** What the hot loop does with a field: skips it (key cells, fonction, libellé… found again by their bounds), or parses an amount (FIELD_AMOUNT + its index). */
const FIELD_SKIP = 0;
const FIELD_AMOUNT = 1;

/** The kinds of a header's fields, from `col` (the file index of each ledger column, -1 when absent; amounts at 7–10). */
function fieldKinds(nf: number, col: Int32Array): Uint8Array {
  const kind = new Uint8Array(nf).fill(FIELD_SKIP);
  for (let a = 0; a < 4; a++) if (col[7 + a]! >= 0) kind[col[7 + a]!] = FIELD_AMOUNT + a;
  return kind;
}

/** The first quote at or after `p` before `end`, or `end`. */
function quoteFrom(buf: Buffer, p: number, end: number): number {
  const q = buf.subarray(p, end).indexOf(QUOTE);
  return q < 0 ? end : p + q;
}

/** The first byte of [s, e) that is not a blank (a space, or `tab`: TAB unless it is the delimiter), or e. */
function blankStart(buf: Uint8Array, s: number, e: number, tab: number): number {
  while (s < e && (buf[s] === SPACE || buf[s] === tab)) s++;
  return s;
}

/** The end of [s, e) without its trailing blanks (see blankStart). */
function blankEnd(buf: Uint8Array, s: number, e: number, tab: number): number {
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === tab)) e--;
  return e;
}

/** The key fields' bounds trimmed of blanks, as the full parser gives them (for `gather`). */
function trimFields(buf: Uint8Array, start: Int32Array, stop: Int32Array, idx: Int32Array, trimTab: number): void {
  for (let k = 0; k < idx.length; k++) {
    const f = idx[k]!;
    const s = blankStart(buf, start[f]!, stop[f]!, trimTab);
    stop[f] = blankEnd(buf, s, stop[f]!, trimTab);
    start[f] = s;
  }
}

interface Pass {
  problems: InputProblem[];
  notices: string[];
  batches: LedgerRow[][];
  /** Rows handed over (`handOver`) before a fingerprint of the unfolded check matched one seen: the pass stopped there. */
  unsure?: number;
}

/** How a pass over unfolded rows checks repeated lines: by 64-bit fingerprints, stopping at the first match; exactly, skipping the rows already handed over. */
type RowCheck = { exact: false } | { exact: true; skip: number };

/** A pass over chunks that can be read again (an array, or an object whose iterator opens the file anew). */
const rereadable = (chunks: Iterable<Uint8Array>): boolean => (chunks[Symbol.iterator]() as unknown) !== chunks;

/** Lines the hot loop took by their key's bytes (internal: tests prove that path is taken). */
export const keyBytesTaken = { lines: 0 };

export async function* readLedgerCsv(path: string, options: CsvLedgerOptions): AsyncGenerator<LedgerRow[]> {
  const chunks = options.input ? await streamChunks(options.input) : options.chunks ?? { [Symbol.iterator]: () => fileChunks(path) };
  const notice = options.notice ?? ((m: string) => process.stderr.write(`${t('cli.noticePrefix', { message: m })}\n`));
  // The repeated-line check in memory by keys: a Bloom filter, and a second pass for what it cannot tell (rare); exact
  // from the start when the bytes cannot be read twice.
  const twice = rereadable(chunks);
  let pass = options.fold && options.parallel && !options.input ? await inHalves(path, options, options.parallel) : undefined;
  if (!pass) {
    const bloom = twice && options.fold ? new BloomCheck() : undefined;
    // Unfolded rows: fingerprints of their keys while the bytes can be read again; at the first fingerprint seen before
    // (a repeated line or, about 10⁻⁸ at 1 M rows, two keys alike) the file is read again with the exact check.
    pass = foldPass(path, options, chunks, bloom ?? new KeySet(), twice && !options.rowByRow ? { exact: false } : { exact: true, skip: 0 }).finish();
    if (bloom && bloom.candidates.count > 0) pass = foldPass(path, options, chunks, new CandidateCheck(bloom)).finish();
    if (pass.unsure !== undefined) pass = foldPass(path, options, chunks, new KeySet(), { exact: true, skip: pass.unsure }).finish();
  }
  for (const n of pass.notices) notice(n);
  if (pass.problems.length > 0) throw new InputError(pass.problems);
  yield* pass.batches;
}

/** One pass of the reader over its chunks, its figures still open: `finish` hands them over (see csv-parallel.ts for the rest). */
export interface FoldRun {
  problems: InputProblem[];
  /** Whether rows were still folded at the end (a section total stops folding), and how many went one by one. */
  folding: boolean;
  unfolded: number;
  /** Lines read (LF-terminated), the base of the next segment's line numbers. */
  lines: number;
  /** The figures of this pass as data (a parallel segment's reply). */
  segment(): SegmentFold;
  /** Adds a later segment's figures, its lines numbered from `base` + 1. */
  absorb(seg: SegmentFold, base: number): void;
  finish(): Pass;
}

/**
 * A large file folded on two threads: this one folds the first part while a worker folds the rest, each with its own
 * repeated-line filter, then the worker's figures are added to this thread's. Taken only when it is certainly what one
 * pass gives: no problem on either side, no candidate of either filter, none of the worker's rows possibly seen here,
 * every row folded on the worker's side and still folding here (a section total stops that). Undefined otherwise: the
 * caller then reads the whole file on this thread, with today's messages.
 */
async function inHalves(path: string, options: CsvLedgerOptions, source: ParallelSource): Promise<Pass | undefined> {
  const delimiter = options.delimiter ?? ',';
  const plan = planHalves(path, source.offset, delimiter, options.columns);
  if (!plan) return undefined;
  const budgets = options.fold?.budgets;
  const reply = foldOnWorker({
    path,
    start: plan.cut,
    end: plan.size,
    header: plan.header,
    displayName: options.displayName ?? path,
    delimiter,
    ...(options.decimal ? { decimal: options.decimal } : {}),
    ...(source.settledBy ? { settledBy: source.settledBy } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
    ...(budgets ? { budgets: [...budgets] } : {}),
    plan: source.plan,
  });
  const bloom = new BloomCheck();
  const first = foldPass(path, options, fileChunks(path, source.offset, 1 << 20, plan.cut), bloom);
  const r = await reply;
  if (!r.ok || first.problems.length > 0 || !first.folding || r.problems > 0 || !r.folding || r.unfolded > 0) return undefined;
  // The worker's rows into this filter, as if read here: any candidate (a repeat in its half, across the cut, or two
  // keys alike) sends the file to the one-thread read, which tells them apart exactly.
  bloom.addAll(r.fingerprints, r.count);
  if (bloom.candidates.count > 0) return undefined;
  first.absorb(r.seg, first.lines);
  parallelTaken.count++;
  return first.finish();
}

export function foldPass(
  path: string,
  options: CsvLedgerOptions,
  chunks: Iterable<Uint8Array>,
  keys: RepeatCheck,
  rowCheck: RowCheck = { exact: true, skip: 0 },
  segment?: SegmentStart,
): FoldRun {
  const file = options.displayName ?? path;
  const batchSize = options.batchSize ?? 2048;
  const parseAmount = options.parseAmount ?? plainAmount;
  const delimiter = options.delimiter ?? ',';
  const markByte = (options.decimal ?? (options.parseAmount ? undefined : '.'))?.charCodeAt(0) ?? -1;
  const fold = options.fold;

  const problems: InputProblem[] = [];
  const notices: string[] = [];
  let out: LedgerRow[] = [];
  const ready: LedgerRow[][] = [];
  const handOver = fold ? undefined : options.handOver;
  const sink = fold ? undefined : options.sink;
  let handed = 0;
  let skip = rowCheck.exact ? rowCheck.skip : 0;
  const push = (row: LedgerRow) => {
    if (skip > 0) {
      skip--;
      return;
    }
    if (sink) {
      handed++;
      return sink.push(row);
    }
    out.push(row);
    if (out.length >= batchSize) {
      if (handOver) {
        handed += out.length;
        handOver(out);
      } else ready.push(out);
      out = [];
    }
  };

  // The header, found below any title rows.
  let header: string[] | undefined;
  let col: Int32Array | undefined;
  /** File indices of the key columns, in file order (the bytes a Raw is found by). */
  let keyIdx = new Int32Array(0);
  /** Whether the key columns sit side by side: a Raw is then found by the one span of their bytes. */
  let span = false;
  /** Per field of the header: what the hot loop does with it (FIELD_*). */
  let fieldKind: Uint8Array = new Uint8Array(0);
  let columns = new Map<LedgerColumn, number>();
  /** The key columns of `columns` (a combination's probe reads these alone). */
  let keyColumns: [LedgerColumn, number][] = [];
  const pending: { line: number; cells: string[] }[] = [];
  let titleRows = 0;
  let blankRows = 0;
  let dataRows = 0;
  const inchLines: number[] = [];
  const restorations = new Map<string, number>();

  // Key cells as written, by hash of their bytes; normalised combinations by key, in the order of their first line.
  const raws = new RawTable();
  const canons = new Map<string, Canon>();
  /** Canons by id (the slot of their figures). */
  const byId: Canon[] = [];
  // A Buffer, as the reader's: one shape for `keyAt.buf` (a field that takes two shapes costs the hot loop a recompile).
  let scratch = Buffer.allocUnsafe(256);
  /** The spelling of a record's key cells: its index in `raws`, or -1; `keyAt` says where its bytes are. */
  const keyAt = { buf: scratch as Uint8Array, s: 0, e: 0, h: 0 };
  const lookup = (buf: Uint8Array, start: Int32Array, end: Int32Array): number => {
    let b = buf;
    let ks = start[keyIdx[0]!]!;
    let ke = end[keyIdx[keyIdx.length - 1]!]!;
    if (!span) {
      if (scratch.length < ke - ks + keyIdx.length) scratch = Buffer.allocUnsafe(2 * (ke - ks + keyIdx.length));
      b = scratch;
      ke = gather(buf, start, end, keyIdx, scratch);
      ks = 0;
    }
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const h = spanHash(b, view, ks, ke);
    keyAt.buf = b;
    keyAt.s = ks;
    keyAt.e = ke;
    keyAt.h = h;
    return raws.find(b, view, ks, ke, h);
  };
  const folds = new Folds();
  const seen = new Map<string, number>();
  let folding = fold !== undefined;
  /** Rows handed over one by one (special chapters, other budgets, not folding). */
  let oneByOne = 0;
  const unfolded = fold === undefined;
  /** Set when an unfolded row's fingerprint was seen before: the rows handed over until then; the pass stops. */
  let unsure: number | undefined;

  const adopt = (cells: string[], line: number): boolean => {
    const mapped = mapHeader(cells, options.columns);
    if (mapped.problems.length > 0) {
      for (const p of mapped.problems) problems.push({ file, line, column: p.index + 1, message: p.message, value: p.value });
      throw new InputError(problems);
    }
    header = cells;
    columns = mapped.index;
    keyColumns = [...columns].filter(([name]) => (KEY_COLUMNS as readonly string[]).includes(name));
    col = new Int32Array(14).fill(-1);
    const ALL: LedgerColumn[] = [...KEY_COLUMNS, 'realise', 'rar', 'credits_ouverts', 'rar_precedent', 'fonction', 'operation', 'libelle'];
    ALL.forEach((c, i) => (col![i] = columns.get(c) ?? -1));
    keyIdx = Int32Array.from([...col.subarray(0, 7)].filter((i) => i >= 0).sort((a, b) => a - b));
    span = keyIdx.length > 0 && keyIdx[keyIdx.length - 1]! - keyIdx[0]! === keyIdx.length - 1;
    fieldKind = fieldKinds(cells.length, col);
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
    for (const [name, i] of amounts ? columns : keyColumns) fields[name] = name === 'libelle' ? labelText(r, i, delimiter) : r.text(i).trim();
    const tol = tolerate(fields, options.planFor);
    const sink: InputProblem[] = [];
    const locate = amounts ? locator(r.line) : () => ({ file });
    const parsed = parseLedgerRecord(tol.fields, file, r.line, locate, parseAmount);
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
    return { row, ...(tol.restored ? { restored: `${tol.restored.from}→${tol.restored.to}` } : {}) };
  };

  const repeated = (line: number, first: number, key: string): void => {
    problems.push({ ...locator(line)('chapitre'), message: t('ledger.repeatedLine', { first }), value: key });
  };

  const countRestored = (key: string | undefined) => {
    if (key) restorations.set(key, (restorations.get(key) ?? 0) + 1);
  };

  const prefixOf = (row: LedgerRow) => [row.budget, row.exercice, row.section, row.sens, row.chapitre, row.compte, row.nature].join('|');

  const newCanon = (key: string, row: LedgerRow): Canon => {
    const c: Canon = { row, id: folds.add(), big: [0n, 0n, 0n, 0n] };
    keySeeds(key, folds, c.id);
    canons.set(key, c);
    byId[c.id] = c;
    return c;
  };

  /** The combination a validated row folds into, or undefined when its rows must go one by one. */
  const canonFor = (row: LedgerRow): Canon | undefined => {
    const special = CARRIED.has(row.chapitre) || row.chapitre === '' || options.planFor(row.exercice).chapter(row.chapitre)?.kind === 'sans-execution';
    if (special || (fold?.budgets && !fold.budgets.has(row.budget))) return undefined;
    const key = prefixOf(row);
    let c = canons.get(key);
    if (!c) {
      // A literal, not a copy with properties deleted (which leaves a slow dictionary object for every row after).
      const { budget, exercice, section, sens, chapitre, compte, nature, realise, rar, file: f, line } = row;
      c = newCanon(key, { budget, exercice, section, sens, chapitre, compte, nature, realise, rar, file: f, line });
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
      fingerprint(fp, folds.seed1[canon.id]!, folds.seed2[canon.id]!, f, 0, f.length, o, 0, o.length);
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
    if (unfolded) return checkUnfolded(row, r.line, restored, rowCheck.exact ? -1 : prefixId(prefixOf(row)));
    const key = rowKey(row);
    const first = seen.get(key);
    if (first !== undefined) return repeated(r.line, first, key);
    seen.set(key, r.line);
    countRestored(restored);
    oneByOne++;
    push(row);
  };

  /** Ids of the normalised (budget … nature) prefixes of unfolded rows, for their fingerprints. */
  const prefixIds = new Map<string, number>();
  const prefixId = (key: string): number => {
    let id = prefixIds.get(key);
    if (id === undefined) prefixIds.set(key, (id = prefixIds.size));
    return id;
  };
  /** The repeated-line check of an unfolded row, then the row handed on. */
  const checkUnfolded = (row: LedgerRow, line: number, restored: string | undefined, pid: number): void => {
    if (rowCheck.exact) {
      const key = rowKey(row);
      const first = seen.get(key);
      if (first !== undefined) return repeated(line, first, key);
      seen.set(key, line);
    } else {
      textFingerprint(fp, pid, row.fonction ?? '', row.operation ?? '');
      if (keys.add(fp[0]!, fp[1]!, line) !== 0) {
        unsure ??= handed;
        return;
      }
    }
    countRestored(restored);
    push(row);
  };

  /**
   * Unfolded rows (convert): the key cells validated once per spelling, as the fold path does, the other cells read as
   * the full validation reads them. A spelling is cached only when no amount can change its verdict (not a section
   * total, not a chapter without execution); an amount the dialect refuses, or an uncached spelling, sends the record
   * through `slowPath`, whose messages are the full validation's.
   */
  const protos: LedgerRow[] = [];
  const protoPrefix: number[] = [];
  const rowCents: (bigint | undefined)[] = [undefined, undefined, undefined, undefined];
  const cachedRow = (r: CsvRecord): void => {
    let ri = lookup(r.buf, r.start, r.end);
    if (ri < 0) {
      const probe = validate(r, false);
      const p = probe.row;
      let pi = -1;
      if (p && p.chapitre !== '' && options.planFor(p.exercice).chapter(p.chapitre)?.kind !== 'sans-execution') {
        pi = protos.length;
        protos.push(p);
        protoPrefix.push(rowCheck.exact ? -1 : prefixId(prefixOf(p)));
      }
      ri = raws.add(keyAt.buf, keyAt.s, keyAt.e, keyAt.h, pi, probe.restored);
    }
    const pi = raws.canon[ri]!;
    if (pi < 0) return slowPath(r);
    if (sink !== undefined && !rowCheck.exact && !r.anyQuoted && keyedRow(r, pi, ri)) return;
    const c = col!;
    for (let a = 0; a < 4; a++) {
      const i = c[7 + a]!;
      let v: bigint | undefined;
      if (i >= 0) {
        const x = fastCents(r.buf, r.start[i]!, r.end[i]!, markByte);
        if (x === x) {
          if (r.end[i]! > r.start[i]!) v = BigInt(x);
        } else {
          const text = r.text(i).trim();
          if (text !== '') {
            const parsed = parseAmount(text);
            if (typeof parsed !== 'bigint') return slowPath(r);
            v = parsed;
          }
        }
      }
      rowCents[a] = v;
    }
    const p = protos[pi]!;
    const row: LedgerRow = {
      budget: p.budget,
      exercice: p.exercice,
      section: p.section,
      sens: p.sens,
      chapitre: p.chapitre,
      compte: p.compte,
      nature: p.nature,
      realise: rowCents[0] ?? 0n,
      rar: rowCents[1] ?? 0n,
      file,
      line: r.line,
    };
    if (rowCents[2] !== undefined) row.creditsOuverts = rowCents[2];
    if (rowCents[3] !== undefined) row.rarPrecedent = rowCents[3];
    const fi = c[11]!;
    const oi = c[12]!;
    const li = c[13]!;
    if (fi >= 0) {
      const v = r.text(fi).trim();
      if (v !== '') row.fonction = v;
    }
    if (oi >= 0) {
      const v = r.text(oi).trim();
      if (v !== '') row.operation = v;
    }
    if (li >= 0) {
      const v = labelText(r, li, delimiter);
      if (v !== '') row.libelle = v;
    }
    checkUnfolded(row, r.line, raws.restored[ri], protoPrefix[pi]!);
  };

  /**
   * `cachedRow` into the sink: a row of a cached spelling (proto pi, spelling ri), unquoted, its amounts all empty or
   * short plain numbers, goes in by its combination's handle as exact cents in doubles, its free texts decoded once per
   * byte spelling. The same row, check and order as the rows path; false when it must be built as a row.
   */
  const shortTexts = new ShortTexts();
  const sinkKeys: number[] = [];
  const plain = new Float64Array(4);
  const bounds = new Int32Array(2);
  /** Bytes [s, e) of the record as UTF-8 (every column decoded alike: the table holds one text per byte spelling). */
  const utf8 = (buf: Buffer, s: number, e: number, i: number): string => {
    if (s === e) return '';
    return shortTexts.find(buf, s, e, i) ?? shortTexts.keep(buf.toString('utf8', s, e));
  };
  const keyedRow = (r: CsvRecord, pi: number, ri: number): boolean => {
    const c = col!;
    const buf = r.buf;
    for (let a = 0; a < 4; a++) {
      const i = c[7 + a]!;
      // Absent: réalisé and RAR 0, the others NaN (as the rows path leaves them undefined).
      let v = a < 2 ? 0 : NaN;
      if (i >= 0 && r.end[i]! > r.start[i]!) {
        const x = fastCents(buf, r.start[i]!, r.end[i]!, markByte);
        if (x !== x) return false;
        // -0.00 is the cents 0, as BigInt(-0) is.
        v = x || 0;
      }
      plain[a] = v;
    }
    const fi = c[11]!;
    const oi = c[12]!;
    const li = c[13]!;
    const fo = fi >= 0 ? utf8(buf, r.start[fi]!, r.end[fi]!, fi).trim() : '';
    const op = oi >= 0 ? utf8(buf, r.start[oi]!, r.end[oi]!, oi).trim() : '';
    let lib = '';
    if (li >= 0 && labelBounds(r, li, delimiter, bounds)) lib = utf8(buf, bounds[0]!, bounds[1]!, li);
    else if (li >= 0) return false;
    textFingerprint(fp, protoPrefix[pi]!, fo, op);
    if (keys.add(fp[0]!, fp[1]!, r.line) !== 0) {
      unsure ??= handed;
      return true;
    }
    countRestored(raws.restored[ri]);
    let handle = sinkKeys[pi];
    if (handle === undefined) sinkKeys[pi] = handle = sink!.key(protos[pi]!);
    sink!.keyed(handle, plain[0]!, plain[1]!, plain[2]!, plain[3]!, fo === '' ? undefined : fo, op === '' ? undefined : op, lib === '' ? undefined : lib, file, r.line);
    handed++;
    return true;
  };

  const cents = new Float64Array(4);

  /** A spelling first seen, validated (its key cells alone) and added to `raws`, its bytes [s, e) of `b`: its index. */
  const register = (r: CsvRecord, b: Uint8Array, s: number, e: number, h: number): number => {
    const probe = validate(r, false);
    const c = probe.row ? canonFor(probe.row) : undefined;
    return raws.add(b, s, e, h, c ? c.id : -1, probe.restored);
  };

  /** The hot loop's line as the full parser gives it (blanks trimmed around each field), for what it validates or takes as text. */
  const lineRecord = new CsvRecord();
  const recordOf = (buf: Buffer, start: Int32Array, stop: Int32Array, nf: number, trimTab: number, line: number, from: number, next: number): CsvRecord => {
    const r = lineRecord;
    if (r.start.length < nf) {
      r.start = new Int32Array(nf);
      r.end = new Int32Array(nf);
    }
    for (let f = 0; f < nf; f++) {
      const a = blankStart(buf, start[f]!, stop[f]!, trimTab);
      r.start[f] = a;
      r.end[f] = blankEnd(buf, a, stop[f]!, trimTab);
    }
    r.buf = buf;
    r.count = nf;
    r.line = line;
    r.from = from;
    r.to = next - 1 > from && buf[next - 2] === CR ? next - 2 : next - 1;
    r.anyQuoted = false;
    r.inchMark = false;
    return r;
  };

  /** A data record the line scanner below left (quotes, blanks, odd amounts, a new combination, problems). */
  const onData = (r: CsvRecord) => {
    const c = col!;
    if (r.count !== header!.length) {
      if (r.blank()) {
        if (r.count > 1 || r.end[0]! > r.start[0]!) blankRows++;
        return;
      }
      problems.push({ file, line: r.line, column: Math.min(r.count, header!.length) + 1, message: t('ledger.fieldCount', { expected: header!.length, found: r.count }), value: r.buf.toString('utf8', r.from, r.to) });
      return;
    }
    if (r.start[c[0]!] === r.end[c[0]!] && r.blank()) {
      blankRows++;
      return;
    }
    dataRows++;
    if (r.inchMark) inchLines.push(r.line);
    if (unfolded && !options.rowByRow) return cachedRow(r);
    if (!folding || r.anyQuoted) return slowPath(r);
    const buf = r.buf;
    let ri = lookup(buf, r.start, r.end);
    if (ri < 0) ri = register(r, keyAt.buf, keyAt.s, keyAt.e, keyAt.h);
    const ci = raws.canon[ri]!;
    if (ci < 0) return slowPath(r);
    const canon = byId[ci]!;
    const restored = raws.restored[ri];
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
            problems.push({ ...locator(r.line)(AMOUNTS[a]![0]), message: t('ledger.amountProblem', { column: AMOUNTS[a]![0], error: p.error }), value: text });
            bad = true;
          }
        }
      }
      cents[a] = v;
    }
    if (bad) return;
    const fi = c[11]!;
    const oi = c[12]!;
    fingerprint(fp, folds.seed1[canon.id]!, folds.seed2[canon.id]!, buf, fi >= 0 ? r.start[fi]! : 0, fi >= 0 ? r.end[fi]! : 0, buf, oi >= 0 ? r.start[oi]! : 0, oi >= 0 ? r.end[oi]! : 0);
    const first = keys.add(fp[0]!, fp[1]!, r.line);
    if (first !== 0) {
      const row = canon.row;
      const key = [prefixOf(row), c[11]! >= 0 ? r.text(c[11]!).trim() : '', c[12]! >= 0 ? r.text(c[12]!).trim() : ''].join('|');
      return repeated(r.line, first, key);
    }
    countRestored(restored);
    const li = c[13]!;
    addTo(canon, r.line, cents, present & 12, r, li);
  };

  /**
   * The hot loop: whole unquoted lines of a known, valid combination, folded straight from the bytes. One pass over a
   * line: each field's bytes looked at once, for the delimiter and the line end only (no byte-class table), except an
   * amount's, parsed to cents as they are found; field bounds in two reused arrays; then one probe of the key's hash.
   * Quotes are found ahead by memchr (a line holding one is left to the full parser). It stops at the first line it
   * cannot take as simply, which goes through `onData` with its messages, and is called again after it.
   */
  let fStart = new Int32Array(0);
  let fEnd = new Int32Array(0);
  const fastValues = new Float64Array(4);
  /** The next quote in the reader's buffer (or the end of its whole lines). */
  let quoteAt = -1;
  /** Lines the last `scan` took (a variable, not a property of `fast` written on the way out: V8 deoptimised the loop there). */
  let scanned = 0;
  /**
   * Lines the scans took by their key's bytes: the last scan's, added up when its line count is read (after each scan).
   * The loop's way out only assigns: a property written there cost four deoptimisations, a `+=` five, and a `+=` at
   * its way in one (no type feedback there before the loop is compiled).
   */
  let keyedLines = 0;
  let lastKeyed = 0;
  const fast: FastLines = {
    get lines() {
      keyedLines += lastKeyed;
      lastKeyed = 0;
      return scanned;
    },
    begin(buf, end) {
      quoteAt = quoteFrom(buf, 0, end);
    },
    scan(buf, p, end, line0) {
      scanned = 0;
      if (!header || !folding) return p;
      const nf = header.length;
      if (fStart.length < nf) {
        fStart = new Int32Array(nf);
        fEnd = new Int32Array(nf);
      }
      const kind = fieldKind;
      const start = fStart;
      const stop = fEnd;
      const delim = delimiter.charCodeAt(0);
      // Blanks trimmed around a field: spaces, and tabs unless the tab is the delimiter.
      const trimTab = delim === TAB ? SPACE : TAB;
      const mark = markByte;
      const c = col!;
      const b0 = c[0]!;
      const fi = c[11]!;
      const oi = c[12]!;
      const li = c[13]!;
      const k0 = keyIdx[0]!;
      const kLast = keyIdx[keyIdx.length - 1]!;
      const bySpan = span;
      // The key is the line's first fields (the project's own layout): found by its bytes before the fields are.
      const prefix = span && k0 === 0 && b0 === 0 && keyIdx.length > 1 ? keyIdx.length : 0;
      const rawCanon = raws.canon;
      const restoredAt = raws.restored;
      const values = fastValues;
      values.fill(0);
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const wordEnd = buf.length;
      const delim4 = Math.imul(delim, 0x01010101);
      const { sums, lines, firstLine, flags, seed1, seed2 } = folds;
      const last = nf - 1;
      let line = line0;
      let n = 0;
      let keyed = 0;
      // Lines that end before `quoteAt` hold no quote (the next one in the buffer, found once a buffer and after each).
      if (quoteAt < p) quoteAt = quoteFrom(buf, p, end);
      const quote = quoteAt;
      rows: while (p < end) {
        let i = p;
        let f = 0;
        let ri = -1;
        let ks = 0;
        let ke = 0;
        let h = 0;
        let viaKey = false;
        if (prefix > 0 && buf[p] !== delim) {
          // The key's bytes as written (the first `prefix` fields) found four bytes at a time: the word's delimiters
          // flagged exactly (no borrow from a lower byte), counted, the last one's byte found by its flag. A spelling
          // seen before, byte for byte, is the same fields: the line goes on from the first field after the key. A
          // newline in the key's words, blanks around it or a spelling not seen yet: the line is read field by field.
          let q = p;
          let left = prefix;
          let e = -1;
          while (q + 4 <= wordEnd) {
            const w = view.getInt32(q, true);
            const y = w ^ 0x0a0a0a0a;
            if (~(((y & 0x7f7f7f7f) + 0x7f7f7f7f) | y | 0x7f7f7f7f) !== 0) break;
            const x = w ^ delim4;
            let t = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
            const n = Math.imul((t >>> 7) & 0x01010101, 0x01010101) >>> 24;
            if (n < left) {
              left -= n;
              q += 4;
              continue;
            }
            for (; left > 1; left--) t &= t - 1;
            e = q + ((31 - Math.clz32(t & -t)) >>> 3);
            break;
          }
          if (e > p) {
            const hh = spanHash(buf, view, p, e);
            const r = raws.find(buf, view, p, e, hh);
            if (r >= 0 && rawCanon[r]! >= 0) {
              ri = r;
              viaKey = true;
              ks = p;
              ke = e;
              h = hh;
              i = e + 1;
              f = prefix;
            }
          }
        }
        for (; ; f++) {
          const k = kind[f]!;
          const s = i;
          let ch = buf[i]!;
          if (k >= FIELD_AMOUNT) {
            // Cents of `-1234.5` straight from the bytes, the shapes `fastCents` takes (inlined here: read as the field
            // is found, not scanned again); any other (blanks, a third decimal, a sign elsewhere) leaves the line to
            // the full parser.
            let neg = false;
            if (ch === 0x2d) {
              neg = true;
              ch = buf[++i]!;
            }
            const d0 = i;
            let v = 0;
            while (ch >= 0x30 && ch <= 0x39) {
              v = v * 10 + (ch - 0x30);
              ch = buf[++i]!;
            }
            const digits = i - d0;
            if (digits > 13) break rows;
            v *= 100;
            if (ch === mark && digits > 0) {
              ch = buf[++i]!;
              if (ch < 0x30 || ch > 0x39) break rows;
              v += (ch - 0x30) * 10;
              ch = buf[++i]!;
              if (ch >= 0x30 && ch <= 0x39) {
                v += ch - 0x30;
                ch = buf[++i]!;
              }
            }
            if (digits === 0 && i !== s) break rows;
            values[k - FIELD_AMOUNT] = neg ? -v : v;
            if (ch === CR && buf[i + 1] === LF) ch = buf[++i]!;
            start[f] = s;
            stop[f] = ch === LF && buf[i - 1] === CR ? i - 1 : i;
          } else {
            // Four bytes at a time while they hold neither the delimiter nor a newline (a zero byte of w ^ delim4 or
            // w ^ LF4: its lowest flag is exact), then byte by byte to the one that ends the field.
            while (ch !== delim && ch !== LF && i + 4 <= wordEnd) {
              const w = view.getInt32(i, true);
              const x = w ^ delim4;
              const y = w ^ 0x0a0a0a0a;
              const t = (((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080;
              if (t !== 0) {
                i += (31 - Math.clz32(t & -t)) >>> 3;
                ch = buf[i]!;
                break;
              }
              i += 4;
              ch = buf[i]!;
            }
            while (ch !== delim && ch !== LF) ch = buf[++i]!;
            start[f] = s;
            stop[f] = ch === LF && i > s && buf[i - 1] === CR ? i - 1 : i;
          }
          if (ch === delim) {
            if (f === last) break rows;
            i++;
            continue;
          }
          if (ch !== LF || f !== last) break rows;
          i++;
          break;
        }
        if (i > quote) break;
        if (ri < 0) {
          if (start[b0] === stop[b0]) break;
          if (bySpan) {
            ks = blankStart(buf, start[k0]!, stop[kLast]!, trimTab);
            ke = blankEnd(buf, ks, stop[kLast]!, trimTab);
            h = spanHash(buf, view, ks, ke);
            ri = raws.find(buf, view, ks, ke, h);
          } else {
            trimFields(buf, start, stop, keyIdx, trimTab);
            ri = lookup(buf, start, stop);
          }
        }
        // The line as the full parser gives it, made only for a new spelling or a first libellé.
        let record: CsvRecord | undefined;
        if (ri < 0) {
          // A spelling not seen yet: validated here, and its line taken as the others (left to `onData`, each of the
          // first lines cost a parse and a lookup more, in code not yet compiled).
          record = recordOf(buf, start, stop, nf, trimTab, line, p, i);
          ri = bySpan ? register(record, buf, ks, ke, h) : register(record, keyAt.buf, keyAt.s, keyAt.e, keyAt.h);
          // Tables that grew are new arrays: this loop's copies are stale, `onData` takes the line.
          if (raws.canon !== rawCanon || folds.sums !== sums) break;
        }
        const id = rawCanon[ri]!;
        if (id < 0) break;
        // The combination's first libellé, taken as `onData` takes it.
        const label = li >= 0 && (flags[id]! & 1) === 0 && stop[li]! > start[li]!;
        let fs = 0;
        let fe = 0;
        let os = 0;
        let oe = 0;
        if (fi >= 0) {
          fs = blankStart(buf, start[fi]!, stop[fi]!, trimTab);
          fe = blankEnd(buf, fs, stop[fi]!, trimTab);
        }
        if (oi >= 0) {
          os = blankStart(buf, start[oi]!, stop[oi]!, trimTab);
          oe = blankEnd(buf, os, stop[oi]!, trimTab);
        }
        fingerprint(fp, seed1[id]!, seed2[id]!, buf, fs, fe, buf, os, oe);
        if (keys.add(fp[0]!, fp[1]!, line) !== 0) break;
        let present = 0;
        if (c[9]! >= 0 && stop[c[9]!]! > start[c[9]!]!) present |= 4;
        if (c[10]! >= 0 && stop[c[10]!]! > start[c[10]!]!) present |= 8;
        if (restoredAt[ri] !== undefined) countRestored(restoredAt[ri]);
        // The first libellé: of a line taken by its key's bytes, from the field's own (the key's were not marked).
        if (label) addTo(byId[id]!, line, values, present, record ?? (viaKey ? buf.toString('utf8', start[li]!, stop[li]!).trim() : recordOf(buf, start, stop, nf, trimTab, line, p, i)), li);
        else {
          if (lines[id] === 0 || line < firstLine[id]!) firstLine[id] = line;
          lines[id]!++;
          for (let a = 0; a < 4; a++) {
            const t = sums[4 * id + a]! + values[a]!;
            if (t > SAFE || t < -SAFE) {
              byId[id]!.big[a]! += BigInt(t);
              sums[4 * id + a] = 0;
            } else sums[4 * id + a] = t;
          }
          flags[id]! |= present;
        }
        p = i;
        line++;
        n++;
        if (viaKey) keyed++;
        dataRows++;
      }
      // Nothing here that needs type feedback: the loop may run compiled from its first call (OSR), which never came
      // here before, and an operation without feedback is a deoptimisation (nine of them on the benchmark's ledger).
      scanned = n;
      lastKeyed = keyed;
      return p;
    },
  };

  const onRecord = (r: CsvRecord): boolean | void => {
    if (header) {
      onData(r);
      return unsure === undefined;
    }
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

  if (segment) adopt(segment.header, 0);
  const stats = { lines: 0 };
  const errors = scanRecords(chunks, delimiter, onRecord, [], fast, stats);
  for (const e of errors) problems.push({ file, line: e.line, message: e.message });
  if (!header) {
    if (pending.length > 0) adopt(pending[0]!.cells, pending[0]!.line);
    else problems.push({ file, line: 1, message: t('ledger.emptyFile') });
  }
  keys.finish();

  const segmentFold = (): SegmentFold => {
    const list = [...canons.entries()].filter(([, c]) => folds.lines[c.id]! > 0);
    const n = list.length;
    const out: SegmentFold = {
      keys: list.map(([k]) => k),
      rows: list.map(([, c]) => c.row),
      firstLine: new Int32Array(n),
      lines: new Int32Array(n),
      flags: new Uint8Array(n),
      sums: new Float64Array(4 * n),
      big: [],
      blankRows,
      dataRows,
      inchLines,
      restorations: [...restorations],
    };
    list.forEach(([, c], j) => {
      out.firstLine[j] = folds.firstLine[c.id]!;
      out.lines[j] = folds.lines[c.id]!;
      out.flags[j] = folds.flags[c.id]!;
      for (let a = 0; a < 4; a++) out.sums[4 * j + a] = folds.sums[4 * c.id + a]!;
      out.big.push(...c.big);
    });
    return out;
  };

  const absorb = (seg: SegmentFold, base: number): void => {
    for (let j = 0; j < seg.keys.length; j++) {
      const key = seg.keys[j]!;
      const c = canons.get(key) ?? newCanon(key, { ...seg.rows[j]! });
      const i = c.id;
      const { sums, lines, firstLine, flags } = folds;
      if (lines[i] === 0) firstLine[i] = seg.firstLine[j]! + base;
      lines[i]! += seg.lines[j]!;
      for (let a = 0; a < 4; a++) {
        c.big[a]! += seg.big[4 * j + a]!;
        const t = sums[4 * i + a]! + seg.sums[4 * j + a]!;
        if (t > SAFE || t < -SAFE) {
          c.big[a]! += BigInt(t);
          sums[4 * i + a] = 0;
        } else sums[4 * i + a] = t;
      }
      const f = flags[i]!;
      const g = seg.flags[j]!;
      // The libellé of the earliest line that has one: this segment's lines all come before the absorbed one's.
      if ((f & 1) === 0 && (g & 1) !== 0) c.row.libelle = seg.rows[j]!.libelle!;
      flags[i] = f | g;
      // The exercice's plan known to the caller too (its provenance lists the plans used).
      options.planFor(c.row.exercice);
    }
    blankRows += seg.blankRows;
    dataRows += seg.dataRows;
    for (const l of seg.inchLines) inchLines.push(l + base);
    for (const [k, n] of seg.restorations) restorations.set(k, (restorations.get(k) ?? 0) + n);
  };

  const finish = (): Pass => {
    keyBytesTaken.lines += keyedLines + lastKeyed;
    keyedLines = lastKeyed = 0;
    if (folding) flush();
    if (titleRows > 0) notices.push(t('ledger.titleRows', { file, n: titleRows }));
    if (blankRows > 0) notices.push(t('ledger.blankRows', { file, n: blankRows }));
    if (inchLines.length > 0) {
      const first = inchLines.slice(0, 10).join(', ');
      const lines = inchLines.length > 10 ? t('ledger.andMore', { shown: first, more: inchLines.length - 10 }) : first;
      notices.push(t(inchLines.length > 1 ? 'ledger.inchMarkLines' : 'ledger.inchMarkLine', { file, lines }));
    }
    notices.push(...restorationNotices(file, restorations));
    if (header && dataRows === 0 && problems.length === 0) notices.push(`warning: ${t('ledger.headerOnly', { file })}`); // the level, read by read/csv-notices.ts
    if (out.length > 0) ready.push(out);
    return { problems, notices, batches: ready, ...(unsure !== undefined ? { unsure } : {}) };
  };

  return { problems, folding, unfolded: oneByOne, lines: stats.lines, segment: segmentFold, absorb, finish };
}
