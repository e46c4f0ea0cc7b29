// Folds the LigneBudget lines the byte scanner hands over flat into what the first line of their key made: amounts from bytes to cents, no object per line.
import { addOptional, type Cents } from '../../money/cents.js';
import type { CreditField, CreditLine } from '../../model/document.js';
import type { LedgerRow } from '../../model/ledger.js';
import type { TotalledLine } from './declared-totals.js';
import type { FlatRecord } from './xml-stream.js';

/** The amounts a line may carry, in the order of TOTAL_FIELDS (declared-totals.ts): bit i of a slot's mask. */
const AMOUNTS = ['MtReal', 'MtRAR3112', 'MtPrev', 'CredOuv', 'MtBudgPrec', 'MtRARPrec', 'MtPropNouv'] as const;
const CREDIT_OF: (CreditField | 'mtReal' | undefined)[] = ['mtReal', undefined, 'mtPrev', 'credOuv', 'mtBudgPrec', 'mtRarPrec', 'mtPropNouv'];
const MT_REAL = 0;
const MT_RAR = 1;
const CRED_OUV = 3;
const MT_RAR_PREC = 5;

/** The fields that decide how a line is classified and merged: Nature, ContNat, CodRD, OpBudg, CaracSup@Section, Operation. */
const KEY_FIELDS = 6;
const SECTION = 4;
const CARAC = -2;
/** A field that makes the line something else than an account line (a chapter total): never folded. */
const STOP = -3;
/** A child the reader does not read on an account line. */
const NONE = -4;
const ROLE = new Map<string, number>([
  ['Nature', 0],
  ['ContNat', 1],
  ['CodRD', 2],
  ['OpBudg', 3],
  ['CaracSup', CARAC],
  ['Operation', 5],
  ['ChapitreNature', STOP],
  ...AMOUNTS.map((a, i): [string, number] => [a, 100 + i]),
]);
const SECTION_CODE = 'Section';

/** What the first line of a key made, and where the later lines of that key add up until `flush`. */
export interface FoldTargets {
  /** The merged row (RowMerger's own object), the declared totals' entry, the line's crédits. */
  row: LedgerRow;
  totalled: TotalledLine;
  credit: CreditLine;
  /** A CA / CFU: MtReal and MtRAR3112 are execution; a budget executes nothing on an account line. */
  execution: boolean;
}

interface Slot extends FoldTargets {
  keys: string[];
  mask: number;
  hash: number;
  next: Slot | undefined;
  /** Sums in exact doubles (each below 2^53), carried into `big` before they could leave that range; made at the first fold (a key seen once costs none). */
  sums: Float64Array | undefined;
  big: bigint[] | undefined;
  folded: number;
}

/** Past this, a double sum is carried into a bigint: one more amount (< 10^15) keeps it exact. */
const CARRY = 4e15;

/**
 * Lines are keyed by the raw bytes of their key fields and which amounts they carry. A line folds only into a slot a
 * line of the very same key has made through the full path (lineToRow, the plan checks); lines that are carried
 * results, 1068, chapters without execution, or anything not plain are never learned, so they always take that path.
 */
export class LineFolder {
  private readonly slots = new Map<number, Slot>();
  private readonly all: Slot[] = [];
  private readonly ks = new Int32Array(KEY_FIELDS);
  private readonly ke = new Int32Array(KEY_FIELDS);
  private readonly cents = new Float64Array(AMOUNTS.length);
  private mask = 0;
  private hash = 0;
  private readonly names: string[] = new Array<string>(32).fill('');
  private readonly roles = new Int32Array(32);

  /** Adds the line into its slot: false when there is none or the line is not plain (the caller takes the full path). */
  fold(rec: FlatRecord): boolean {
    if (this.all.length === 0 || !this.scan(rec)) return false;
    const slot = this.find(rec.buf);
    if (!slot) return false;
    const s = (slot.sums ??= new Float64Array(AMOUNTS.length));
    const big = (slot.big ??= AMOUNTS.map(() => 0n));
    const c = this.cents;
    for (let i = 0; i < AMOUNTS.length; i++) {
      if ((this.mask & (1 << i)) === 0) continue;
      const v = s[i]! + c[i]!;
      if (v > CARRY || v < -CARRY) {
        big[i]! += BigInt(v);
        s[i] = 0;
      } else s[i] = v;
    }
    slot.folded++;
    return true;
  }

  /** After the full path took a line: a slot for its key, when the line is plain and its key has none yet. */
  learn(rec: FlatRecord, targets: FoldTargets): void {
    if (!this.scan(rec) || this.find(rec.buf)) return;
    const keys: string[] = [];
    for (let j = 0; j < KEY_FIELDS; j++) keys.push(this.ks[j]! < 0 ? '' : rec.buf.toString('latin1', this.ks[j]!, this.ke[j]!));
    const slot: Slot = { ...targets, keys, mask: this.mask, hash: this.hash, next: this.slots.get(this.hash), sums: undefined, big: undefined, folded: 0 };
    this.slots.set(this.hash, slot);
    this.all.push(slot);
  }

  /** Adds every folded amount to its targets, as the full path would have line by line. */
  flush(): void {
    for (const slot of this.all) {
      const sums = slot.sums;
      const big = slot.big;
      if (slot.folded === 0 || !sums || !big) continue;
      for (let i = 0; i < AMOUNTS.length; i++) {
        if ((slot.mask & (1 << i)) === 0) continue;
        const total: Cents = big[i]! + BigInt(sums[i]!);
        const name = AMOUNTS[i]!;
        slot.totalled.amounts[name] = (slot.totalled.amounts[name] ?? 0n) + total;
        const cf = CREDIT_OF[i];
        if (cf) slot.credit[cf] = addOptional(slot.credit[cf], total)!;
        if (i === MT_REAL && slot.execution) slot.row.realise += total;
        else if (i === MT_RAR && slot.execution) slot.row.rar += total;
        else if (i === CRED_OUV) slot.row.creditsOuverts = addOptional(slot.row.creditsOuverts, total)!;
        else if (i === MT_RAR_PREC) slot.row.rarPrecedent = addOptional(slot.row.rarPrecedent, total)!;
        sums[i] = 0;
        big[i] = 0n;
      }
      slot.folded = 0;
    }
  }

  /** Finds the key fields and parses the amounts of a record: false when it is not a plain account line. */
  private scan(rec: FlatRecord): boolean {
    const b = rec.buf;
    const ks = this.ks;
    const ke = this.ke;
    ks.fill(-1);
    ke.fill(-1);
    let mask = 0;
    const names = this.names;
    const roles = this.roles;
    for (let k = 0; k < rec.n; k++) {
      // The same children in the same order line after line: the role found for the name at this place is kept.
      const nm = rec.names[k]!;
      let role: number;
      if (k < names.length && names[k] === nm) role = roles[k]!;
      else {
        role = ROLE.get(nm) ?? NONE;
        if (k < names.length) {
          names[k] = nm;
          roles[k] = role;
        }
      }
      if (role === NONE) continue;
      if (role === STOP) return false;
      const cs = rec.cStart[k]!;
      const hasCode = cs >= 0 && rec.cEnd[k]! > cs;
      if (role === CARAC) {
        // CaracSup is read as CaracSup@Section only; other codes (or none) are not read.
        if (!hasCode || !sameBytes(b, cs, rec.cEnd[k]!, SECTION_CODE)) continue;
        role = SECTION;
      } else if (hasCode) return false;
      if (rec.special[k] === 1) return false;
      const s = rec.vStart[k]!;
      const e = rec.vEnd[k]!;
      if (role < 100) {
        ks[role] = s;
        ke[role] = e;
        continue;
      }
      if (s === e) continue;
      const v = plainCents(b, s, e);
      if (Number.isNaN(v)) return false;
      this.cents[role - 100] = v;
      mask |= 1 << (role - 100);
    }
    let h = mask + 1;
    for (let j = 0; j < KEY_FIELDS; j++) {
      h = Math.imul(h ^ (j + 1), 0x01000193);
      for (let m = ks[j]!; m < ke[j]!; m++) h = Math.imul(h ^ b[m]!, 0x01000193);
    }
    this.mask = mask;
    this.hash = h | 0;
    return true;
  }

  private find(b: Buffer): Slot | undefined {
    for (let slot = this.slots.get(this.hash); slot; slot = slot.next) {
      if (slot.hash !== this.hash || slot.mask !== this.mask) continue;
      let same = true;
      for (let j = 0; j < KEY_FIELDS && same; j++) same = this.ks[j]! < 0 ? slot.keys[j] === '' : sameBytes(b, this.ks[j]!, this.ke[j]!, slot.keys[j]!);
      if (same) return slot;
    }
    return undefined;
  }
}

function sameBytes(b: Buffer, s: number, e: number, text: string): boolean {
  if (e - s !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (b[s + k] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * The cents of `-?digits(.d{1,2})?` (what parsePlainAmount reads, without surrounding spaces), at most 13 integer
 * digits so that any one amount stays far below 2^53; NaN for anything else (the full path then reads it).
 */
export function plainCents(b: Uint8Array, s: number, e: number): number {
  let neg = false;
  if (b[s] === 45) {
    neg = true;
    s++;
  }
  let v = 0;
  const start = s;
  while (s < e) {
    const d = b[s]! - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    s++;
  }
  const digits = s - start;
  if (digits === 0 || digits > 13) return NaN;
  v *= 100;
  if (s < e) {
    if (b[s] !== 46 || e - s < 2 || e - s > 3) return NaN;
    const d1 = b[s + 1]! - 48;
    if (d1 < 0 || d1 > 9) return NaN;
    v += d1 * 10;
    if (e - s === 3) {
      const d2 = b[s + 2]! - 48;
      if (d2 < 0 || d2 > 9) return NaN;
      v += d2;
    }
  }
  return neg ? -v : v;
}
