// Exact sums of integer cents at speed: plain safe-integer numbers, spilling into a BigInt before 2^53 can lose a cent.

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * One slot per sum. Adding a safe integer v (|v| ≤ 2^53 − 1) to a safe total is exact whenever the result is itself
 * a safe integer: a true sum beyond 2^53 − 1 can only round to 2^53 or more, which the range check catches, and the
 * two operands then go to the BigInt part instead. The total is big + fast, always exact.
 */
export class ExactSums {
  /** A plain array of doubles: a balance has thousands of entities, and a Float64Array costs 3× more to allocate. */
  readonly fast: number[];
  big: bigint[] | null = null;

  constructor(readonly size: number) {
    this.fast = new Array<number>(size).fill(0.5);
    // Filled with a double first so that the array's elements are doubles from the start (no transition per add).
    this.fast.fill(0);
  }

  /** v must be a safe integer (the amount parser guarantees |v| < 10^15, differences of two < 2·10^15). */
  add(i: number, v: number): void {
    const s = this.fast[i]! + v;
    if (s <= MAX && s >= -MAX) this.fast[i] = s;
    else this.spill(i, v);
  }

  /** The slow path: amounts too long for a number, and totals about to pass 2^53. */
  addBig(i: number, v: bigint): void {
    this.big ??= new Array<bigint>(this.size).fill(0n);
    this.big[i] = this.big[i]! + v;
  }

  private spill(i: number, v: number): void {
    this.addBig(i, BigInt(this.fast[i]!) + BigInt(v));
    this.fast[i] = 0;
  }

  total(i: number): bigint {
    const f = BigInt(this.fast[i]!);
    return this.big ? this.big[i]! + f : f;
  }

  totals(): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.total(i));
    return out;
  }

  /** Folds another accumulator in (worker results, split entities). */
  merge(o: ExactSums): void {
    for (let i = 0; i < this.size; i++) {
      this.addBig(i, o.total(i));
    }
  }
}

/** An accumulator holding given totals (a worker's results, merged on the main thread). */
export function sumsFromTotals(totals: readonly bigint[]): ExactSums {
  const s = new ExactSums(totals.length);
  totals.forEach((t, i) => {
    if (t !== 0n) s.addBig(i, t);
  });
  return s;
}

/**
 * Many rows of exact sums in one Float64Array (row-major, `width` slots a row), spilling per slot into a sparse
 * BigInt map exactly as ExactSums does: the per-entity state of a DGFiP balance, 8 bytes a slot and no object per row.
 */
export class ExactSlots {
  fast: Float64Array;
  /** Spilled parts, by flat index row · width + slot; null until a total nears 2^53. */
  big: Map<number, bigint> | null = null;
  /** Rows with a spilled part (their totals take the BigInt path). */
  bigRows: Set<number> | null = null;
  rows = 0;

  constructor(
    readonly width: number,
    capacity = 256,
  ) {
    this.fast = new Float64Array(Math.max(1, capacity) * width);
  }

  /** A new row of zeros; its index. */
  addRow(): number {
    const r = this.rows++;
    if (this.rows * this.width > this.fast.length) {
      const next = new Float64Array(Math.max(this.fast.length * 2, this.rows * this.width));
      next.set(this.fast);
      this.fast = next;
    }
    return r;
  }

  /** v must be a safe integer, as for ExactSums#add. */
  add(row: number, i: number, v: number): void {
    const k = row * this.width + i;
    const s = this.fast[k]! + v;
    if (s <= MAX && s >= -MAX) this.fast[k] = s;
    else {
      this.addBig(row, i, BigInt(this.fast[k]!) + BigInt(v));
      this.fast[k] = 0;
    }
  }

  addBig(row: number, i: number, v: bigint): void {
    this.big ??= new Map();
    this.bigRows ??= new Set();
    const k = row * this.width + i;
    this.big.set(k, (this.big.get(k) ?? 0n) + v);
    this.bigRows.add(row);
  }

  hasBig(row: number): boolean {
    return this.bigRows !== null && this.bigRows.has(row);
  }

  total(row: number, i: number): bigint {
    const k = row * this.width + i;
    const f = BigInt(this.fast[k]!);
    return this.big ? (this.big.get(k) ?? 0n) + f : f;
  }

  totals(row: number): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < this.width; i++) out.push(this.total(row, i));
    return out;
  }

  /** Row `row`'s fast parts (valid only when !hasBig(row)), copied into `into`. */
  fastRow(row: number, into: number[]): number[] {
    const base = row * this.width;
    for (let i = 0; i < this.width; i++) into[i] = this.fast[base + i]!;
    return into;
  }

  /** Adds row `from` of another table into row `row` of this one (a worker's half, merged). */
  mergeRow(row: number, o: ExactSlots, from: number): void {
    if (!o.hasBig(from)) {
      const base = from * o.width;
      for (let i = 0; i < this.width; i++) {
        const v = o.fast[base + i]!;
        if (v !== 0) this.add(row, i, v);
      }
      return;
    }
    for (let i = 0; i < this.width; i++) {
      const t = o.total(from, i);
      if (t !== 0n) this.addBig(row, i, t);
    }
  }

  /** One row as a standalone accumulator (the object view of an entity). */
  sumsOf(row: number): ExactSums {
    return sumsFromTotals(this.totals(row));
  }

  /** After a structured clone (worker → main thread): the prototype back. */
  static revive(o: ExactSlots): ExactSlots {
    return Object.setPrototypeOf(o, ExactSlots.prototype) as ExactSlots;
  }
}
