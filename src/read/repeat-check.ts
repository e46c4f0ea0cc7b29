// The repeated-line check of the ledger reader: sets of 64-bit fingerprints, exact (by keys) or a Bloom filter whose memory does not grow with the rows.

export interface RepeatCheck {
  add(h1: number, h2: number, line: number): number;
  /** Called at the end of a pass. */
  finish(): void;
}

/** Open-addressing set of 64-bit fingerprints of full keys with the line that brought each, interleaved (one cache line a probe). */
export class KeySet implements RepeatCheck {
  private slots = new Int32Array(3 << 10);
  private size = 0;
  get count(): number {
    return this.size;
  }
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
  finish(): void {}
  has(h1: number, h2: number): boolean {
    if (this.size === 0) return false;
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const at = 3 * i;
      if (slots[at + 2] === 0) return false;
      if (slots[at] === h1 && slots[at + 1] === h2) return true;
    }
  }
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.add(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Sets bit `pos` of the 512-bit block at word `base`; non-zero when it was not set before. */
function setBit(bits: Int32Array, base: number, pos: number): number {
  const w = base + (pos >>> 5);
  const m = 1 << (pos & 31);
  const old = bits[w]!;
  bits[w] = old | m;
  return ~old & m;
}

/**
 * First pass of the check, in a memory that does not grow with the rows: a blocked Bloom filter of 8 MiB (8 bits of one
 * 64-byte block a key). It never misses a repeat; it may take a new key for one seen (about 10⁻⁹ a key at 1 M keys,
 * 10⁻⁵ at 4 M): such keys are kept as candidates, and a second pass over the file checks them exactly.
 * Why batches: probed as they come, keys cost one memory miss each (200-260 ns a key of a 1 M-row ledger, a quarter of
 * `compute`): the filter is far larger than the caches and the streamed file evicts it. So keys are queued, 131 072 at
 * a time, sorted by counting into 512 buckets of 256 blocks (16 KiB of the filter, which stays in the L1 cache while
 * its bucket is probed), and the buckets probed in the filter's order: the filter is then swept once a batch, in
 * order. Which of two equal keys is probed first does not matter: both are candidates either way.
 */
export class BloomCheck implements RepeatCheck {
  static readonly BATCH = 1 << 17;
  private bits = new Int32Array(1 << 21);
  private queue = new Int32Array(2 * BloomCheck.BATCH);
  private sorted = new Int32Array(2 * BloomCheck.BATCH);
  private bucketOf = new Uint16Array(BloomCheck.BATCH);
  private starts = new Int32Array(513);
  private queued = 0;
  /**
   * The first batch is small: its sweep then comes before the reader's hot loop is compiled, which compiles the call
   * with it (a call first made after is a deoptimisation and a recompile, 20-45 ms on the benchmark's machine).
   */
  private limit = 2 * 1024;
  readonly candidates = new KeySet();
  add(h1: number, h2: number): number {
    const q = this.queued;
    this.queue[q] = h1;
    this.queue[q + 1] = h2;
    this.queued = q + 2;
    if (q + 2 === this.limit) this.finish();
    return 0;
  }
  finish(): void {
    this.batch(this.queue, this.queued >>> 1);
    this.queued = 0;
    this.limit = this.queue.length;
  }
  /** Probes the `n` fingerprints (pairs of int32) of `keys` in one sweep of the filter (a batch of at most BATCH). */
  batch(keys: Int32Array, n: number): void {
    const { sorted, bucketOf, starts } = this;
    starts.fill(0);
    for (let k = 0; k < n; k++) {
      const b = (mix(keys[2 * k]!) & 0x1ffff) >>> 8;
      bucketOf[k] = b;
      starts[b + 1]!++;
    }
    for (let b = 1; b <= 512; b++) starts[b]! += starts[b - 1]!;
    for (let k = 0; k < n; k++) {
      const at = 2 * starts[bucketOf[k]!]!++;
      sorted[at] = keys[2 * k]!;
      sorted[at + 1] = keys[2 * k + 1]!;
    }
    this.probe(sorted, 2 * n);
  }
  private probe(keys: Int32Array, end: number): void {
    const bits = this.bits;
    for (let q = 0; q < end; q += 2) {
      // The fingerprint's halves mixed again (murmur3's finaliser): its low bits alone are not spread enough.
      const h1 = mix(keys[q]!);
      const h2 = mix(keys[q + 1]! ^ h1);
      const h3 = mix(h2 + 0x9e3779b9);
      const base = (h1 & 0x1ffff) << 4;
      // Eight independent 9-bit positions in the block, from disjoint bits of h2, h3 and h1's bits above the block's (a
      // pattern shared by two keys of a block would be a sure miss); all eight set (`|`, not `||`). Positions written out
      // rather than chosen in a loop by shifts: 2.5-3.5x faster (the helper is inlined).
      const fresh =
        setBit(bits, base, h2 & 511) |
        setBit(bits, base, (h2 >>> 9) & 511) |
        setBit(bits, base, (h2 >>> 18) & 511) |
        setBit(bits, base, ((h2 >>> 27) | (h3 << 5)) & 511) |
        setBit(bits, base, (h3 >>> 4) & 511) |
        setBit(bits, base, (h3 >>> 13) & 511) |
        setBit(bits, base, (h3 >>> 22) & 511) |
        setBit(bits, base, (h1 >>> 17) & 511);
      if (fresh === 0) this.candidates.add(keys[q]!, keys[q + 1]!, 1);
    }
  }
  /** Adds the fingerprints `fps[0..n)` (in pairs) of a later part of the file, as if its rows had been read here. */
  addAll(fps: Int32Array, n: number): void {
    for (let q = 0; q < n; q += 2) this.add(fps[q]!, fps[q + 1]!);
    this.finish();
  }
}

/**
 * The worker's half of a parallel read: every fingerprint kept, in pairs, none checked there. The main thread adds
 * them to its own filter after its half (`BloomCheck.addAll`): a repeat inside the worker's half or across the cut is
 * then a candidate there, and the file is read again on one thread.
 */
export class KeepOnly implements RepeatCheck {
  /** 8 bytes a row of the worker's half: past 4 M rows (32 MiB) the file is read on one thread, in memory by keys. */
  static readonly MAX = 1 << 23;
  kept: Int32Array;
  count = 0;
  full = false;
  /** `rows`: an upper bound of the rows to come (their pages are touched only as rows arrive). */
  constructor(rows: number) {
    this.kept = new Int32Array(Math.min(KeepOnly.MAX, Math.max(1 << 12, 2 * rows)));
  }
  add(h1: number, h2: number): number {
    const k = this.count;
    let a = this.kept;
    if (k === a.length) {
      if (k >= KeepOnly.MAX) {
        this.full = true;
        return 0;
      }
      const b = new Int32Array(Math.min(KeepOnly.MAX, 2 * k));
      b.set(a);
      this.kept = a = b;
    }
    a[k] = h1;
    a[k + 1] = h2;
    this.count = k + 2;
    return 0;
  }
  finish(): void {}
}

/** Second pass: exact, for the fingerprints the first pass could not tell apart only. */
export class CandidateCheck implements RepeatCheck {
  private exact = new KeySet();
  constructor(private candidates: KeySet) {}
  add(h1: number, h2: number, line: number): number {
    return this.candidates.has(h1, h2) ? this.exact.add(h1, h2, line) : 0;
  }
  finish(): void {}
}
