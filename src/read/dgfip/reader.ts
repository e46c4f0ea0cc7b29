// Streams a DGFiP balance through one reused 1 MiB buffer and folds every line into its entity's exact sums.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError, type InputProblem } from '../../errors.js';
import { B, EntityTable, balanceReadOf, type AccountClass, type BalanceRead, type Classifier } from '../../model/balance.js';
import { planForNomen, type PlanChoice } from '../../nomenclature/dgfip-nomen.js';
import { parseCents, parseCentsBig } from './amount.js';
import { t } from '../../messages/index.js';
import { A, AMOUNT_COLUMNS, defaultLayout, layoutFromHeader, looksLikeHeader, type Layout } from './columns.js';

export const CHUNK = 1 << 20;
/** Rejected lines kept with their detail; the rest are only counted. */
export const MAX_LISTED = 1000;
const PROGRESS_EVERY = 64 << 20;

const ROLE_SKIP = -2;
const ROLE_COMPTE = -1;

/** A classification context: one per (NOMEN, EXER), with its memo of accounts already classified. */
interface PlanContext {
  choice: PlanChoice;
  byNumber: Map<number, AccountClass>;
  byText: Map<string, AccountClass>;
}

export interface ReadOptions {
  /** How an account's movements land in the slots (compute/balance/classify.ts): the reader holds no accounting rule. */
  classify: Classifier;
  /** Called about every 64 MiB with the line number reached and the bytes read so far. */
  onProgress?: (lines: number, bytes: number) => void;
}

class Scanner {
  private readonly layout: Layout;
  private readonly seps: Int32Array;
  private readonly vals = new Float64Array(AMOUNT_COLUMNS.length);
  private readonly amountCols: Int32Array;
  private readonly plans = new Map<string, PlanContext>();
  readonly table = new EntityTable();
  /** Row of the entity being read in the table; -1 before the first. */
  private current = -1;
  /** Classification context of each row (NOMEN|EXER). */
  private ctxOf: PlanContext[] = [];
  /** Rows whose EXER is not four digits: each of their lines is rejected. */
  private readonly badExer = new Set<number>();
  private ctx: PlanContext | undefined;
  /** Bytes of EXER, IDENT and CBUDG of the current entity, to spot a change without building a string. */
  private readonly keyBuf = new Uint8Array(512);
  private readonly keyLen = new Int32Array(3);
  private readonly keyCols: Int32Array;
  lineNo = 0;
  dataLines = 0;
  rejectedCount = 0;
  unattributed = 0;
  readonly rejected: InputProblem[] = [];
  private buf: Buffer = Buffer.alloc(0);
  /** Whether the layout allows the prefix fast path: every entity column before the varying ones. */
  private readonly fast: boolean;
  /** Index of the first varying field (FONCTION, COMPTE or an amount). */
  private readonly tailFrom: number;
  /** Per varying field: the amount index, ROLE_COMPTE or ROLE_SKIP. */
  private readonly roles: Int8Array;
  /** The current entity's line start up to its first varying field, separator included. */
  private readonly prefix = new Uint8Array(4096);
  /**
   * The same bytes as doubles (little-endian, as the line is read), for the eight-at-a-time comparison. Two eight-byte
   * words compare equal as doubles exactly when their bits are equal, but for NaN (never equal: the line then goes the
   * careful way, which is right) and for +0 / −0 (seven zero bytes): a prefix holding a zero byte is not kept.
   */
  private readonly prefixWords = new Float64Array(this.prefix.buffer);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private prefixLen = 0;

  constructor(
    private readonly file: string,
    layout: Layout,
    private readonly classify: Classifier,
  ) {
    this.layout = layout;
    this.seps = new Int32Array(layout.count + 1);
    this.amountCols = Int32Array.from(AMOUNT_COLUMNS.map((c) => layout.index[c]));
    this.keyCols = Int32Array.of(layout.index.EXER, layout.index.IDENT, layout.index.CBUDG);
    const idx = layout.index;
    const varying = [idx.FONCTION, idx.COMPTE, ...AMOUNT_COLUMNS.map((c) => idx[c])];
    this.tailFrom = Math.min(...varying);
    this.fast = this.tailFrom > 0 && Math.max(idx.EXER, idx.IDENT, idx.CBUDG, idx.NOMEN) < this.tailFrom;
    this.roles = new Int8Array(layout.count - this.tailFrom).fill(ROLE_SKIP);
    this.roles[idx.COMPTE - this.tailFrom] = ROLE_COMPTE;
    AMOUNT_COLUMNS.forEach((c, a) => (this.roles[idx[c] - this.tailFrom] = a));
  }

  /** Folds every complete line of buf[from, end); returns where the unfinished last line starts. */
  chunk(buf: Buffer, from: number, end: number, final: boolean): number {
    if (buf !== this.buf) {
      this.buf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    // Up to the last newline every line is complete, so the inner loops need no bounds check.
    const limit = end > from ? buf.lastIndexOf(10, end - 1) + 1 : from;
    let ls = from;
    while (ls < limit) {
      const next = this.fast ? this.fastLine(ls, limit) : -1;
      ls = next >= 0 ? next : this.slowLine(ls, limit);
    }
    if (final && ls < end) ls = this.slowLine(ls, end);
    return ls;
  }

  /**
   * The common line: same entity columns as the line before, byte for byte (four at a time), then only the
   * varying fields (FONCTION, COMPTE, the amounts) are walked, amounts parsed as they pass. Anything unusual (an
   * entity change, quotes, a wrong field count, a long or malformed amount) returns -1 and the line goes the
   * careful way, which reports problems with their column.
   */
  private fastLine(ls: number, limit: number): number {
    const buf = this.buf;
    const P = this.prefixLen;
    if (P === 0 || ls + P > limit) return -1;
    // Eight bytes at a time, little-endian (no byte swap), the saved prefix read as aligned words: cheaper here than
    // Buffer#compare's argument checks, and half the compares of four-byte words (the compare was 22 % of the line).
    const view = this.view;
    const pw = this.prefixWords;
    let k = 0;
    for (; k + 8 <= P; k += 8) if (view.getFloat64(ls + k, true) !== pw[k >> 3]) return -1;
    for (; k < P; k++) if (buf[ls + k] !== this.prefix[k]) return -1;
    const roles = this.roles;
    const last = roles.length - 1;
    const vals = this.vals;
    let i = ls + P;
    let key = 1;
    let b = 0;
    for (let f = 0; f <= last; f++) {
      const role = roles[f]!;
      b = buf[i]!;
      if (role >= 0) {
        let neg = false;
        if (b === 45) {
          neg = true;
          b = buf[++i]!;
        }
        // Integer digits, then the usual two decimals, in straight-line loops; anything rarer goes the careful way.
        let v = 0;
        let nd = 0;
        let d = b - 48;
        while (d >= 0 && d <= 9) {
          v = v * 10 + d;
          nd++;
          b = buf[++i]!;
          d = b - 48;
        }
        if (b === 46 || b === 44) {
          // A digit after the mark means the newline is further on, so buf[i + 2] is still inside the line.
          const d1 = buf[i + 1]! - 48;
          if (d1 < 0 || d1 > 9) return -1;
          const d2 = buf[i + 2]! - 48;
          if (d2 >= 0 && d2 <= 9) {
            v = v * 100 + d1 * 10 + d2;
            i += 3;
          } else {
            v = v * 100 + d1 * 10;
            i += 2;
          }
          b = buf[i]!;
          if (b >= 48 && b <= 57) return -1;
        } else {
          if (nd === 0 && neg) return -1;
          v *= 100;
        }
        // Up to 13 digits before the cents: the value stays below 10^15, far inside the safe integers.
        if (nd > 13) return -1;
        vals[role] = neg ? -v : v;
      } else if (role === ROLE_COMPTE) {
        let n = 0;
        for (;;) {
          const d = b - 48;
          if (d < 0 || d > 9) break;
          key = key * 10 + d;
          n++;
          b = buf[++i]!;
        }
        if (n === 0 || n > 14) return -1;
      } else {
        while (b !== 59 && b !== 10 && b !== 13) b = buf[++i]!;
      }
      if (f < last) {
        if (b !== 59) return -1;
        i++;
      } else if (b === 13) {
        if (buf[i + 1] !== 10) return -1;
        i++;
      } else if (b !== 10) return -1;
    }
    const cls = this.ctx!.byNumber.get(key);
    if (cls === undefined) return -1;
    this.lineNo++;
    this.dataLines++;
    this.fold(this.current, cls);
    return i + 1;
  }

  /** A line the careful way: every separator located, every problem reported with its column. */
  private slowLine(ls: number, end: number): number {
    const buf = this.buf;
    const nl = buf.indexOf(10, ls);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    const seps = this.seps;
    const cap = seps.length;
    let nsep = 0;
    for (let i = ls; i < lineEnd; i++) {
      if (buf[i] === 59) {
        if (nsep < cap) seps[nsep] = i;
        nsep++;
      }
    }
    this.lineNo++;
    this.line(ls, lineEnd, nsep);
    return lineEnd === end ? end : lineEnd + 1;
  }

  private fieldStart(k: number, lineStart: number): number {
    return k === 0 ? lineStart : this.seps[k - 1]! + 1;
  }

  private fieldEnd(k: number, lineEnd: number): number {
    return k === this.layout.count - 1 ? lineEnd : this.seps[k]!;
  }

  private line(lineStart: number, lineEndRaw: number, nsep: number): void {
    const buf = this.buf;
    let lineEnd = lineEndRaw;
    if (lineEnd > lineStart && buf[lineEnd - 1] === 13) lineEnd--;
    if (lineEnd === lineStart) return;
    this.dataLines++;
    const layout = this.layout;
    if (nsep !== layout.count - 1) {
      this.fieldCountProblem(lineStart, lineEnd, nsep);
      return;
    }
    if (!this.sameKey(lineStart, lineEnd)) this.switchEntity(lineStart, lineEnd);
    const g = this.current;
    if (this.badExer.has(g)) {
      // No prefix saved: every line of the entity comes this way and is rejected.
      this.prefixLen = 0;
      const s = this.fieldStart(layout.index.EXER, lineStart);
      this.reject({ line: this.lineNo, column: 'EXER', message: t('dgfip.exerNotYear'), value: buf.toString('utf8', s, this.fieldEnd(layout.index.EXER, lineEnd)) }, g);
      return;
    }
    if (this.fast) {
      const P = this.seps[this.tailFrom - 1]! + 1 - lineStart;
      // A zero byte would let +0 and −0 compare equal (see prefixWords): such an entity's lines go the careful way.
      let zero = false;
      if (P <= this.prefix.length) {
        const prefix = this.prefix;
        for (let k = 0; k < P; k++) zero = (prefix[k] = buf[lineStart + k]!) === 0 || zero;
      }
      this.prefixLen = P <= this.prefix.length && !zero ? P : 0;
    }

    const ci = layout.index.COMPTE;
    const cs = this.fieldStart(ci, lineStart);
    const ce = this.fieldEnd(ci, lineEnd);
    const cls = this.account(cs, ce);
    if (cls === undefined) {
      this.reject({ line: this.lineNo, column: 'COMPTE', message: 'no account number', value: buf.toString('utf8', cs, ce) }, g);
      return;
    }

    const vals = this.vals;
    const cols = this.amountCols;
    let slow = false;
    for (let a = 0; a < cols.length; a++) {
      const k = cols[a]!;
      const s = this.fieldStart(k, lineStart);
      const e = this.fieldEnd(k, lineEnd);
      const v = parseCents(buf, s, e);
      if (v !== v) {
        this.reject({ line: this.lineNo, column: AMOUNT_COLUMNS[a], message: 'not an amount', value: buf.toString('utf8', s, e) }, g);
        return;
      }
      if (v === Infinity) slow = true;
      vals[a] = v;
    }
    if (slow) {
      this.table.lines[g] = this.table.lines[g]! + 1;
      this.addBig(g, cls, lineStart, lineEnd);
      return;
    }
    this.fold(g, cls);
  }

  /** Adds the amounts in this.vals (safe integers) to the entity's sums. */
  private fold(g: number, cls: AccountClass): void {
    const vals = this.vals;
    const table = this.table;
    table.lines[g] = table.lines[g]! + 1;
    const sums = table.sums;
    const ood = vals[A.OOBDEB]!;
    const ooc = vals[A.OOBCRE]!;
    const dReel = vals[A.OBNETDEB]! - ood;
    const rReel = vals[A.OBNETCRE]! - ooc;
    if (dReel !== 0) sums.add(g, cls.dReel, dReel);
    if (ood !== 0) sums.add(g, cls.dOrdre, ood);
    if (rReel !== 0) sums.add(g, cls.rReel, rReel);
    if (ooc !== 0) sums.add(g, cls.rOrdre, ooc);
    if (!cls.special) return;
    if (cls.debt) {
      sums.add(g, B.CAPITAL, dReel);
      sums.add(g, B.EMPRUNTS, rReel);
      sums.add(g, B.ENCOURS_DEBUT, vals[A.BECRE]! - vals[A.BEDEB]!);
      sums.add(g, B.ENCOURS_FIN, vals[A.SC]! - vals[A.SD]!);
    }
    if (cls.interest) sums.add(g, B.INTERETS, dReel);
    if (cls.sale) sums.add(g, B.CESSIONS, rReel);
    const x = cls.extra;
    for (let i = 0; i < x.length; i += 2) {
      const c = x[i + 1]!;
      // The columns of definitions/balance-slots.ts COLUMN, in its order.
      const v = c === 0 ? dReel : c === 1 ? ood : c === 2 ? vals[A.OBNETDEB]! : c === 3 ? rReel : c === 4 ? ooc : c === 5 ? vals[A.OBNETCRE]!
        : c === 6 ? vals[A.SC]! - vals[A.SD]! : c === 7 ? vals[A.SD]! - vals[A.SC]! : c === 8 ? vals[A.BECRE]! - vals[A.BEDEB]! : vals[A.BEDEB]! - vals[A.BECRE]!;
      if (v !== 0) sums.add(g, x[i]!, v);
    }
  }

  /** A line with an amount of 10^15 cents or more: the same folding in BigInt. */
  private addBig(g: number, cls: AccountClass, lineStart: number, lineEnd: number): void {
    const v: bigint[] = [];
    for (const k of this.amountCols) v.push(parseCentsBig(this.buf, this.fieldStart(k, lineStart), this.fieldEnd(k, lineEnd))!);
    const s = this.table.sums;
    const ood = v[A.OOBDEB]!;
    const ooc = v[A.OOBCRE]!;
    const dReel = v[A.OBNETDEB]! - ood;
    const rReel = v[A.OBNETCRE]! - ooc;
    s.addBig(g, cls.dReel, dReel);
    s.addBig(g, cls.dOrdre, ood);
    s.addBig(g, cls.rReel, rReel);
    s.addBig(g, cls.rOrdre, ooc);
    if (cls.debt) {
      s.addBig(g, B.CAPITAL, dReel);
      s.addBig(g, B.EMPRUNTS, rReel);
      s.addBig(g, B.ENCOURS_DEBUT, v[A.BECRE]! - v[A.BEDEB]!);
      s.addBig(g, B.ENCOURS_FIN, v[A.SC]! - v[A.SD]!);
    }
    if (cls.interest) s.addBig(g, B.INTERETS, dReel);
    if (cls.sale) s.addBig(g, B.CESSIONS, rReel);
    const x = cls.extra;
    for (let i = 0; i < x.length; i += 2) {
      const c = x[i + 1]!;
      const val = c === 0 ? dReel : c === 1 ? ood : c === 2 ? v[A.OBNETDEB]! : c === 3 ? rReel : c === 4 ? ooc : c === 5 ? v[A.OBNETCRE]!
        : c === 6 ? v[A.SC]! - v[A.SD]! : c === 7 ? v[A.SD]! - v[A.SC]! : c === 8 ? v[A.BECRE]! - v[A.BEDEB]! : v[A.BEDEB]! - v[A.BECRE]!;
      s.addBig(g, x[i]!, val);
    }
  }

  /** Digit-only account numbers are memoised under a number (a leading 1 keeps "0601" and "601" apart). */
  private account(s: number, e: number): AccountClass | undefined {
    const buf = this.buf;
    if (e - s >= 2 && buf[s] === 34 && buf[e - 1] === 34) {
      s++;
      e--;
    }
    if (s === e) return undefined;
    const ctx = this.ctx!;
    if (e - s <= 14) {
      let k = 1;
      let i = s;
      for (; i < e; i++) {
        const d = buf[i]! - 48;
        if (d < 0 || d > 9) break;
        k = k * 10 + d;
      }
      if (i === e) {
        let cls = ctx.byNumber.get(k);
        if (cls === undefined) {
          cls = this.classify(ctx.choice.plan, buf.toString('latin1', s, e));
          ctx.byNumber.set(k, cls);
        }
        return cls;
      }
    }
    const text = buf.toString('utf8', s, e).trim();
    if (text === '') return undefined;
    let cls = ctx.byText.get(text);
    if (cls === undefined) {
      cls = this.classify(ctx.choice.plan, text);
      ctx.byText.set(text, cls);
    }
    return cls;
  }

  private sameKey(lineStart: number, lineEnd: number): boolean {
    if (this.current < 0) return false;
    const buf = this.buf;
    const kb = this.keyBuf;
    const cols = this.keyCols;
    let off = 0;
    for (let c = 0; c < 3; c++) {
      const s = this.fieldStart(cols[c]!, lineStart);
      const e = this.fieldEnd(cols[c]!, lineEnd);
      const len = this.keyLen[c]!;
      if (e - s !== len) return false;
      for (let i = 0; i < len; i++) if (buf[s + i] !== kb[off + i]) return false;
      off += len;
    }
    return true;
  }

  private switchEntity(lineStart: number, lineEnd: number): void {
    const idx = this.layout.index;
    const buf = this.buf;
    const kb = this.keyBuf;
    const cols = this.keyCols;
    let off = 0;
    // Byte loops rather than Buffer#copy, whose argument checks cost more than these few bytes.
    for (let c = 0; c < 3; c++) {
      const s = this.fieldStart(cols[c]!, lineStart);
      const e = Math.min(this.fieldEnd(cols[c]!, lineEnd), s + 160);
      for (let k = s; k < e; k++) kb[off++] = buf[k]!;
      this.keyLen[c] = e - s;
    }
    // One string for the whole line, split once: cheaper than a Buffer#toString per descriptive field.
    const fields = buf.toString('utf8', lineStart, lineEnd).split(';');
    // join, not a template: a flat string, where a template would keep the whole line alive through its slices.
    const key = [fields[idx.EXER]!.trim(), fields[idx.IDENT]!.trim(), fields[idx.CBUDG]!.trim()].join('|');
    const g = this.table.index.get(key) ?? this.newEntity(key, fields);
    this.current = g;
    this.ctx = this.ctxOf[g];
  }

  /** Once per entity and budget: its descriptive columns, and the classification context of its NOMEN and EXER. */
  private newEntity(key: string, fields: string[]): number {
    const idx = this.layout.index;
    const t = (k: number) => (fields[k] ?? '').trim();
    const exer = t(idx.EXER);
    const nomen = t(idx.NOMEN);
    const ctxKey = `${nomen}|${exer}`;
    let ctx = this.plans.get(ctxKey);
    if (!ctx) {
      ctx = { choice: planForNomen(nomen, Number(exer)), byNumber: new Map(), byText: new Map() };
      this.plans.set(ctxKey, ctx);
    }
    const g = this.table.add(
      key,
      {
      exer,
      ident: t(idx.IDENT),
      cbudg: t(idx.CBUDG),
      siren: t(idx.SIREN),
      insee: t(idx.INSEE),
      ndept: t(idx.NDEPT),
      lbudg: t(idx.LBUDG),
      ctype: t(idx.CTYPE),
      categ: t(idx.CATEG),
      nomen,
      plan: ctx.choice.label,
      },
      this.lineNo,
    );
    this.ctxOf[g] = ctx;
    if (!/^\d{4}$/.test(exer)) this.badExer.add(g);
    return g;
  }

  private fieldCountProblem(lineStart: number, lineEnd: number, nsep: number): void {
    const fields = nsep + 1;
    const names = this.layout.names;
    const problem: Omit<InputProblem, 'file'> =
      fields < this.layout.count
        ? {
            line: this.lineNo,
            column: names[fields] ?? fields + 1,
            message: `missing column: the line has ${fields} fields, ${this.layout.count} expected (first missing: ${names[fields]}, column ${fields + 1})`,
          }
        : {
            line: this.lineNo,
            column: this.layout.count + 1,
            message: `extra field: the line has ${fields} fields, ${this.layout.count} expected`,
          };
    // Only the entity being read can be blamed: a short line's fields may have shifted.
    const owner = this.current >= 0 && nsep >= this.keyIndexMax() && this.sameKey(lineStart, lineEnd) ? this.current : -1;
    this.reject(problem, owner);
  }

  private keyIndexMax(): number {
    const idx = this.layout.index;
    return Math.max(idx.EXER, idx.IDENT, idx.CBUDG);
  }

  /** A line longer than the read buffer: one rejected line, its bytes skipped up to the next newline. */
  longLine(): void {
    this.lineNo++;
    this.dataLines++;
    this.prefixLen = 0;
    this.reject({ line: this.lineNo, message: t('dgfip.lineTooLong', { max: CHUNK }) }, -1);
  }

  private reject(p: Omit<InputProblem, 'file'>, owner: number): void {
    this.rejectedCount++;
    if (owner >= 0) this.table.rejected[owner] = this.table.rejected[owner]! + 1;
    else this.unattributed++;
    if (this.rejected.length < MAX_LISTED) this.rejected.push({ file: this.file, ...p });
  }
}

/** Reads the first line to learn the layout; throws InputError when a header lacks a required column. */
function detectLayout(file: string, first: string): Layout {
  const firstField = first.split(';', 1)[0] ?? '';
  if (!looksLikeHeader(firstField)) return defaultLayout();
  const layout = layoutFromHeader(first);
  if ('missing' in layout) {
    throw new InputError({
      file,
      line: 1,
      message: `not a DGFiP balance: the header lacks ${layout.missing.join(', ')}`,
      value: first.slice(0, 120),
    });
  }
  return layout;
}

/** Where the data starts and how its columns are laid out, from the file's first line. */
export interface Prelude {
  layout: Layout;
  /** Byte offset of the first data line (after a BOM and a header). */
  dataStart: number;
  /** 1 when line 1 is a header, else 0: the line number before the first data line. */
  headerLines: number;
  size: number;
}

/** What one byte range of the file gives: its entities in order of appearance, its counts and rejects. */
export interface RangeRead {
  /** Physical lines consumed, counting from lineBase. */
  lineNo: number;
  dataLines: number;
  bytes: number;
  table: EntityTable;
  rejectedCount: number;
  rejected: InputProblem[];
  unattributed: number;
}

export function openBalance(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new InputError({ file, message: 'is a folder, expected a DGFiP balance file' });
  }
  return fd;
}

export function readPrelude(fd: number, file: string): Prelude {
  const size = fstatSync(fd).size;
  const head = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, size)));
  const n = readSync(fd, head, 0, head.length, 0);
  let from = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) from = 3;
  const nl = head.indexOf(10, from);
  const firstEnd = nl < 0 || nl >= n ? n : nl;
  const layout = detectLayout(file, head.toString('utf8', from, firstEnd));
  if (!layout.header) return { layout, dataStart: from, headerLines: 0, size };
  return { layout, dataStart: nl < 0 || nl >= n ? n : nl + 1, headerLines: 1, size };
}

/**
 * Folds the lines of bytes [start, end) (start at a line start, end at a line end or the end of the file) through one
 * reused 1 MiB buffer. Line numbers count from lineBase, the number of the line before start.
 */
export function scanRange(
  fd: number,
  file: string,
  layout: Layout,
  start: number,
  end: number,
  lineBase: number,
  options: ReadOptions,
): RangeRead {
  const scanner = new Scanner(file, layout, options.classify);
  scanner.lineNo = lineBase;
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = start;
  let filled = 0;
  let nextReport = PROGRESS_EVERY;
  for (;;) {
    const want = Math.min(CHUNK - filled, end - pos);
    const n = want > 0 ? readSync(fd, buf, filled, want, pos) : 0;
    if (n === 0) {
      scanner.chunk(buf, 0, filled, true);
      break;
    }
    pos += n;
    filled += n;
    const rest = scanner.chunk(buf, 0, filled, false);
    if (rest === 0 && filled === CHUNK) {
      // No newline in a whole buffer: that line is rejected and skipped, the lines after it are read.
      scanner.longLine();
      filled = 0;
      for (;;) {
        const m = Math.min(CHUNK, end - pos) > 0 ? readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos) : 0;
        if (m === 0) break;
        pos += m;
        const nl = buf.subarray(0, m).indexOf(10);
        if (nl >= 0) {
          buf.copyWithin(0, nl + 1, m);
          filled = m - nl - 1;
          break;
        }
      }
    } else {
      buf.copyWithin(0, rest, filled);
      filled -= rest;
    }
    if (options.onProgress && pos - start >= nextReport) {
      nextReport += PROGRESS_EVERY;
      options.onProgress(scanner.lineNo, pos - start);
    }
  }
  return {
    lineNo: scanner.lineNo,
    dataLines: scanner.dataLines,
    bytes: pos - start,
    table: scanner.table,
    rejectedCount: scanner.rejectedCount,
    rejected: scanner.rejected,
    unattributed: scanner.unattributed,
  };
}

/** The whole file on this thread. */
export function readBalance(file: string, options: ReadOptions): BalanceRead {
  const fd = openBalance(file);
  try {
    const p = readPrelude(fd, file);
    const r = scanRange(fd, file, p.layout, p.dataStart, p.size, p.headerLines, options);
    return balanceReadOf({
      file,
      bytes: p.size,
      lines: r.dataLines,
      header: p.layout.header,
      table: r.table,
      rejectedCount: r.rejectedCount,
      rejected: r.rejected,
      unattributed: r.unattributed,
    });
  } finally {
    closeSync(fd);
  }
}
