// DGFiP amounts from bytes to cents: signs, both decimal marks, quotes, empty fields, and what is refused.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmountText, parseCents, parseCentsBig } from '../src/read/dgfip/amount.js';

const cents = (t: string) => parseAmountText(t);

describe('DGFiP amounts', () => {
  it('reads both decimal marks, signs and short fractions', () => {
    expect(cents('1234.56')).toBe(123456n);
    expect(cents('1234,56')).toBe(123456n);
    expect(cents('-1234,5')).toBe(-123450n);
    expect(cents('+7')).toBe(700n);
    expect(cents('0')).toBe(0n);
    expect(cents('-0.01')).toBe(-1n);
    expect(cents('12.')).toBe(1200n);
    expect(cents(',5')).toBe(50n);
    expect(cents('"3,20"')).toBe(320n);
    expect(cents('12.500')).toBe(1250n);
    expect(cents('')).toBe(0n);
  });

  it('refuses what is not a cent amount', () => {
    for (const t of ['12a4.50', '-', '.', '1.2.3', '1,234.56', '1 234,56', '1e5', '12.505', '--1', ' 12', 'NaN']) {
      expect(cents(t), t).toBeUndefined();
    }
  });

  it('hands amounts of 10^15 cents and more to the BigInt parser, exactly', () => {
    const buf = Buffer.from('12345678901234567.89');
    expect(parseCents(buf, 0, buf.length)).toBe(Infinity);
    expect(parseCentsBig(buf, 0, buf.length)).toBe(1234567890123456789n);
    expect(cents('-99999999999999999999,99')).toBe(-9999999999999999999999n);
    // The largest amount the number path keeps: 15 digits of cents.
    const edge = Buffer.from('9999999999999.99');
    expect(parseCents(edge, 0, edge.length)).toBe(999999999999999);
  });

  it('agrees with a BigInt reading of any integer-cents text (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.constantFrom('.', ','), (c, mark) => {
        const abs = c < 0n ? -c : c;
        const text = `${c < 0n ? '-' : ''}${abs / 100n}${mark}${(abs % 100n).toString().padStart(2, '0')}`;
        expect(cents(text)).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });
});
