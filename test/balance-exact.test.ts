// Exact sums at scale: the number-with-BigInt-spill accumulator against a plain BigInt reference.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExactSums } from '../src/money/exact-sum.js';
// @ts-expect-error plain ESM script shared with the benchmark
import { prng } from '../scripts/gen-balance.mjs';

describe('ExactSums', () => {
  it('sums a million random amounts exactly like BigInt', () => {
    const rand = prng(2026) as () => number;
    const s = new ExactSums(2);
    let ref0 = 0n;
    let ref1 = 0n;
    for (let i = 0; i < 1_000_000; i++) {
      // Up to ±10^15 cents (the parser's bound): large enough that slot 0 crosses 2^53 many times.
      const v = Math.floor(rand() * 1e15) * (rand() < 0.3 ? -1 : 1);
      const w = Math.floor(rand() * 1e9);
      s.add(0, v);
      s.add(1, w);
      ref0 += BigInt(v);
      ref1 += BigInt(w);
    }
    expect(s.total(0)).toBe(ref0);
    expect(s.total(1)).toBe(ref1);
    // The slow path really ran: the fast part alone could not hold these totals.
    expect(s.big).not.toBeNull();
  });

  it('does not lose a cent just past 2^53', () => {
    const s = new ExactSums(1);
    s.add(0, Number.MAX_SAFE_INTEGER);
    s.add(0, 1);
    s.add(0, 1);
    expect(s.total(0)).toBe(BigInt(Number.MAX_SAFE_INTEGER) + 2n);
    s.add(0, -Number.MAX_SAFE_INTEGER);
    s.add(0, -Number.MAX_SAFE_INTEGER);
    expect(s.total(0)).toBe(2n - BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('equals the BigInt sum for any list of safe amounts, merged or not (property)', () => {
    const amount = fc.integer({ min: -(2 ** 52), max: 2 ** 52 });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), fc.array(amount, { maxLength: 50 }), (xs, ys) => {
        const a = new ExactSums(1);
        const b = new ExactSums(1);
        for (const x of xs) a.add(0, x);
        for (const y of ys) b.add(0, y);
        a.merge(b);
        expect(a.total(0)).toBe([...xs, ...ys].reduce((t, x) => t + BigInt(x), 0n));
      }),
      { numRuns: 500 },
    );
  });
});
