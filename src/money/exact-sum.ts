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
