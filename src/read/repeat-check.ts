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
 * Why buckets: probed as they come, keys cost one memory miss each (200-260 ns a key of a 1 M-row ledger, a quarter of
 * `compute`): the filter is far larger than the caches and the streamed file evicts it. So each key is queued in the
 * bucket of its block, one of 512 buckets of 256 blocks (16 KiB of the filter, which stays in the L1 cache while its
 * bucket is probed); when a bucket is full, the buckets are probed in the filter's order: one ordered sweep of the
 * filter. Which of two equal keys is probed first does not matter: both are candidates either way.
 */
export class BloomCheck implements RepeatCheck {
  private static readonly BUCKETS = 512;
  /** Keys a bucket holds: the sweep comes when one is full, after about 200 000 keys (256 a bucket on average). */
  private static readonly CAPACITY = 512;
  private bits = new Int32Array(1 << 21);
  /** Bucket b's keys at [2 × CAPACITY × b, …): the block hash (h1 mixed) and h2 of each. */
  private queued = new Int32Array(2 * BloomCheck.BUCKETS * BloomCheck.CAPACITY);
  private counts = new Int32Array(BloomCheck.BUCKETS);
  /**
   * The first sweep comes early (a bucket of 4): it then runs before the reader's hot loop is compiled, which compiles
   * the call with it (a call first made after is a deoptimisation and a recompile, 20-45 ms on the benchmark's machine).
   */
  private capacity = 4;
  /** Fingerprints the filter could not tell from one seen before, as (h1 mixed, h2): see `isCandidate`. */
  readonly candidates = new KeySet();
  /** Sweeps so far (tests: a repeat across sweeps). */
  sweeps = 0;
  /** What the reads ahead of a sweep found, kept so that they are not optimised away. */
  private touched = 0;
  add(h1: number, h2: number): number {
    const m = mix(h1);
    const b = (m & 0x1ffff) >>> 8;
    const c = this.counts[b]!;
    const at = 2 * (b * BloomCheck.CAPACITY + c);
    this.queued[at] = m;
    this.queued[at + 1] = h2;
    this.counts[b] = c + 1;
    if (c + 1 === this.capacity) this.finish();
    return 0;
  }
  /** Whether the fingerprint (h1, h2) is a candidate (after `finish`). */
  isCandidate(h1: number, h2: number): boolean {
    return this.candidates.has(mix(h1), h2);
  }
  /** Probes every queued key, bucket after bucket (the filter's order). */
  finish(): void {
    const { bits, queued, counts } = this;
    let touched = 0;
    for (let b = 0; b < BloomCheck.BUCKETS; b++) {
      const from = 2 * b * BloomCheck.CAPACITY;
      const end = from + 2 * counts[b]!;
      if (end === from) continue;
      // The bucket's 16 KiB read in order first, one word a cache line: the hardware prefetcher streams them, where
      // the keys' random order would wait on a memory miss for most of its blocks (the sweep took twice as long).
      for (let w = b << 12, stop = w + 4096; w < stop; w += 16) touched |= bits[w]!;
      for (let q = from; q < end; q += 2) {
        // h1 was mixed when queued (murmur3's finaliser: the fingerprint's low bits alone are not spread enough).
        const h1 = queued[q]!;
        const h2 = mix(queued[q + 1]! ^ h1);
        const h3 = mix(h2 + 0x9e3779b9);
        const base = (h1 & 0x1ffff) << 4;
        // Eight independent 9-bit positions in the block, from disjoint bits of h2, h3 and h1's bits above the block's
        // (a pattern shared by two keys of a block would be a sure miss); all eight set (`|`, not `||`). Positions
        // written out rather than chosen in a loop by shifts: 2.5-3.5x faster (the helper is inlined).
        const fresh =
          setBit(bits, base, h2 & 511) |
          setBit(bits, base, (h2 >>> 9) & 511) |
          setBit(bits, base, (h2 >>> 18) & 511) |
          setBit(bits, base, ((h2 >>> 27) | (h3 << 5)) & 511) |
          setBit(bits, base, (h3 >>> 4) & 511) |
          setBit(bits, base, (h3 >>> 13) & 511) |
          setBit(bits, base, (h3 >>> 22) & 511) |
          setBit(bits, base, (h1 >>> 17) & 511);
        if (fresh === 0) this.candidates.add(h1, queued[q + 1]!, 1);
      }
    }
    counts.fill(0);
    this.capacity = BloomCheck.CAPACITY;
    this.sweeps++;
    this.touched = touched;
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
  constructor(private bloom: BloomCheck) {}
  add(h1: number, h2: number, line: number): number {
    return this.bloom.isCandidate(h1, h2) ? this.exact.add(h1, h2, line) : 0;
  }
  finish(): void {}
}
