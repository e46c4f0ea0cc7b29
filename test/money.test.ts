// Exact money: plain amount parsing, half-away-from-zero display rounding, properties over random cents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToString, D, parsePlainAmount, ratio, roundCentsTo, roundedQuotient } from '../src/money/cents.js';
import { formatAmount, formatPercent, formatRatio, oneDecimal } from '../src/money/format.js';

describe('parsePlainAmount', () => {
  it.each([
    ['0', 0n],
    ['1', 100n],
    ['1.5', 150n],
    ['1.05', 105n],
    ['-0.01', -1n],
    ['3329960.40', 332996040n],
    ['90071992547409.91', 9007199254740991n],
    ['123456789012345678.99', 12345678901234567899n], // beyond 2^53: bigint keeps it exact
  ])('%s → %s cents', (text, cents) => {
    expect(parsePlainAmount(text)).toBe(cents);
  });
  it.each(['', '1.', '.5', '1.234', '1,5', '1 234', '+1', '--1', '1e3', 'NaN'])('rejects %j', (text) => {
    expect(parsePlainAmount(text)).toBeUndefined();
  });
  it('round-trips every amount through centsToString (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (c) => {
        expect(parsePlainAmount(centsToString(c))).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('display rounding is half away from zero, once', () => {
  it.each([
    ['0.05', '0.1'],
    ['-0.05', '-0.1'],
    ['2.25', '2.3'],
    ['-2.25', '-2.3'],
    ['2.2499999', '2.2'],
    ['13.8256', '13.8'],
    ['-0.04', '0.0'],
  ])('%s → %s', (v, expected) => {
    expect(oneDecimal(new D(v))).toBe(expected);
  });
  it('French and English formats', () => {
    expect(formatAmount(332996040n)).toBe('3 329 960,40');
    expect(formatAmount(-8264045n)).toBe('-82 640,45');
    expect(formatAmount(5n)).toBe('0,05');
    expect(formatAmount(332996040n, 'en')).toBe('3,329,960.40');
    expect(formatPercent(new D('53'))).toBe('53,0 %');
    expect(formatPercent(new D('-6.675'), 'en')).toBe('-6.7%');
    expect(formatRatio(new D('3.65'))).toBe('3,7');
  });
  it('roundCentsTo rounds to the euro half away from zero', () => {
    expect(roundCentsTo(227223192n, 100n)).toBe(227223200n); // 2 272 231,92 → 2 272 232
    expect(roundCentsTo(150n, 100n)).toBe(200n);
    expect(roundCentsTo(-150n, 100n)).toBe(-200n);
    expect(roundCentsTo(149n, 100n)).toBe(100n);
    expect(roundCentsTo(-149n, 100n)).toBe(-100n);
  });
  it('ratio divides exactly and refuses a zero base', () => {
    // capacité de désendettement of the seed's 2022 column: 2 227 482 / 621 317
    expect(oneDecimal(ratio(222748200n, 62131700n)!)).toBe('3.6');
    expect(ratio(1n, 0n)).toBeUndefined();
  });
  it('percentages of random parts never drift from the exact fraction (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), (a, b) => {
        const whole = a + b;
        const pct = new D(a.toString()).times(100).div(whole.toString());
        // one decimal, half-up: compare with integer arithmetic on 1000 × a / whole
        const scaled = (a * 1000n * 2n + whole) / (whole * 2n); // round(a*1000/whole) half-up, positive
        expect(oneDecimal(pct)).toBe(`${scaled / 10n}.${scaled % 10n}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('roundedQuotient: exact ratio rounding in integers', () => {
  it('rounds half away from zero on both signs and never prints -0', () => {
    expect(roundedQuotient({ num: 25n, den: 10n }, 1)).toBe('2.5');
    expect(roundedQuotient({ num: 1025n, den: 1000n }, 1)).toBe('1.0');
    expect(roundedQuotient({ num: 1050n, den: 1000n }, 1)).toBe('1.1');
    expect(roundedQuotient({ num: -1050n, den: 1000n }, 1)).toBe('-1.1');
    expect(roundedQuotient({ num: 1050n, den: -1000n }, 1)).toBe('-1.1');
    expect(roundedQuotient({ num: -4n, den: 100n }, 1)).toBe('0.0');
    expect(roundedQuotient({ num: 2n, den: 3n }, 2)).toBe('0.67');
    expect(roundedQuotient({ num: 5n, den: 2n }, 0)).toBe('3');
    expect(() => roundedQuotient({ num: 1n, den: 0n }, 1)).toThrow(RangeError);
  });

  it('gives the digits of decimal.js division rounded ROUND_HALF_UP, for any amounts up to 10^18 cents', () => {
    const big = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
    fc.assert(
      fc.property(big, big.filter((d) => d !== 0n), fc.integer({ min: 0, max: 4 }), (num, den, decimals) => {
        const expected = new D(num.toString()).div(new D(den.toString())).toFixed(decimals, D.ROUND_HALF_UP);
        const normalised = /^-0\.?0*$/.test(expected) ? expected.slice(1) : expected;
        expect(roundedQuotient({ num, den }, decimals)).toBe(normalised);
      }),
      { numRuns: 5000 },
    );
  });

  it('hits the exact halves, where a float would wobble', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (k, den) => {
        // num / den = k + 0.05 exactly when num = (20k + 1) · den / 20: choose den a multiple of 20.
        const d = den * 20n;
        const num = (20n * k + (k < 0n ? -1n : 1n)) * den;
        const expected = new D(num.toString()).div(new D(d.toString())).toFixed(1, D.ROUND_HALF_UP);
        expect(roundedQuotient({ num, den: d }, 1)).toBe(expected === '-0.0' ? '0.0' : expected);
      }),
      { numRuns: 2000 },
    );
  });
});
