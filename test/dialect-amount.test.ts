// Amount parsing per dialect: every accepted notation, the ambiguous case refused, and format→parse round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEvidence, formatDialectAmount, parseDialectAmount, type AmountStyle } from '../src/read/dialect/amount.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseDialectAmount, decimal comma', () => {
  const cases: [string, bigint][] = [
    ['1234,56', 123456n],
    ['1 234,56', 123456n],
    [`1${NBSP}234${NBSP}567,8`, 123456780n],
    [`3${NNBSP}329${NNBSP}960,40`, 332996040n],
    ["1'234,56", 123456n],
    ['1.234,56', 123456n],
    ['1.234', 123400n],
    ['-1 234,56 €', -123456n],
    [`1 234,56${NBSP}€`, 123456n],
    ['\u22121 234,56', -123456n],
    ['(1 234,56)', -123456n],
    ['(1 234,56 €)', -123456n],
    ['1 234,56-', -123456n],
    ['0,05', 5n],
    ['12', 1200n],
    ['  7,5  ', 750n],
  ];
  for (const [text, cents] of cases) it(`reads ${JSON.stringify(text)} as ${cents} cents`, () => expect(parseDialectAmount(text, ',')).toBe(cents));

  it('refuses a third decimal, mixed groupings and malformed groups', () => {
    expect(parseDialectAmount('1,234', ',')).toEqual({ error: "more than two decimals in this file's dialect (decimal comma)" });
    expect(parseDialectAmount('1 234.567,00', ',')).toEqual({ error: "not an amount in this file's dialect (decimal comma)" });
    expect(parseDialectAmount('12.34', ',', { mark: ',', line: 3, value: '5,50' })).toEqual({
      error: `not an amount in this file's dialect (decimal comma, settled by line 3: "5,50")`,
    });
    expect(parseDialectAmount('1 23,00', ',')).toEqual({ error: "not an amount in this file's dialect (decimal comma)" });
    expect(parseDialectAmount('--5', ',')).toEqual({ error: "not an amount in this file's dialect (decimal comma)" });
    expect(parseDialectAmount('abc', ',')).toEqual({ error: "not an amount in this file's dialect (decimal comma)" });
  });
});

describe('parseDialectAmount, decimal point', () => {
  it('reads the neutral notation and grouped English amounts', () => {
    expect(parseDialectAmount('3329960.40', '.')).toBe(332996040n);
    expect(parseDialectAmount('-0.5', '.')).toBe(-50n);
    expect(parseDialectAmount('1,234.56', '.')).toBe(123456n);
    expect(parseDialectAmount("1'234'567.89", '.')).toBe(123456789n);
    expect(parseDialectAmount('(12.00)', '.')).toBe(-1200n);
  });
  it('refuses a decimal comma', () => {
    expect(parseDialectAmount('12,5', '.')).toEqual({ error: "not an amount in this file's dialect (decimal point)" });
  });
});

describe('an undetermined decimal mark', () => {
  it('reads whole amounts and refuses any "." or "," rather than guess', () => {
    expect(parseDialectAmount('1 234', undefined)).toBe(123400n);
    expect(parseDialectAmount('-12', undefined)).toBe(-1200n);
    const msg = (v: string) => ({
      error: `ambiguous amount: nothing in the file settles the decimal mark, so "${v}" could be read two ways (pass --decimal , or --decimal .)`,
    });
    expect(parseDialectAmount('1.234', undefined)).toEqual(msg('1.234'));
    expect(parseDialectAmount('1,234', undefined)).toEqual(msg('1,234'));
  });
});

describe('decimalEvidence', () => {
  it('settles the mark only on proof', () => {
    expect(decimalEvidence('12,50')).toBe(',');
    expect(decimalEvidence('12.5')).toBe('.');
    expect(decimalEvidence('1.234.567')).toBe(',');
    expect(decimalEvidence('1,234,567')).toBe('.');
    expect(decimalEvidence('1.234,5')).toBe(',');
    expect(decimalEvidence('1,234.5')).toBe('.');
    expect(decimalEvidence('1234.567')).toBe('.');
    expect(decimalEvidence('0,123')).toBe(',');
    expect(decimalEvidence('1.234')).toBeUndefined();
    expect(decimalEvidence('999,000')).toBeUndefined();
    expect(decimalEvidence('1 234')).toBeUndefined();
    expect(decimalEvidence('libellé')).toBeUndefined();
  });
});

const MAX = 2n ** 53n;
const style = fc.oneof(
  fc.record({
    decimal: fc.constant(',' as const),
    group: fc.constantFrom('' as const, ' ' as const, NBSP as '\u00a0', NNBSP as '\u202f', "'" as const, '.' as const),
    negative: fc.constantFrom('-' as const, '\u2212' as const, '()' as const, 'trailing' as const),
    euro: fc.boolean(),
  }),
  fc.record({
    decimal: fc.constant('.' as const),
    group: fc.constantFrom('' as const, ' ' as const, NBSP as '\u00a0', NNBSP as '\u202f', "'" as const, ',' as const),
    negative: fc.constantFrom('-' as const, '\u2212' as const, '()' as const, 'trailing' as const),
    euro: fc.boolean(),
  }),
) as fc.Arbitrary<AmountStyle>;
const cents = fc.oneof(
  fc.bigInt({ min: -MAX, max: MAX }),
  fc.bigInt({ min: MAX - 10_000n, max: MAX }),
  fc.bigInt({ min: -MAX, max: -MAX + 10_000n }),
  fc.bigInt({ min: -100_000n, max: 100_000n }),
);

describe('format then parse, in every dialect', () => {
  it('gives back the same cents', () => {
    fc.assert(
      fc.property(cents, style, (c, s) => {
        const text = formatDialectAmount(c, s);
        expect(parseDialectAmount(text, s.decimal)).toBe(c);
      }),
      { numRuns: 20_000 },
    );
  });
  it('and the written amount proves its own decimal mark (two decimals are always written)', () => {
    fc.assert(
      fc.property(cents, style, (c, s) => {
        expect(decimalEvidence(formatDialectAmount(c, s))).toBe(s.decimal);
      }),
      { numRuns: 5_000 },
    );
  });
});
