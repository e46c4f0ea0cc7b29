// Evolutions: the seed's printed yearly, 2022/2018 and "moyenne" figures rebuilt exactly, and each edge case by hand.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cagr, evolution, firstToLast, meanOfYearlyEvolutions, yearlyEvolutions, type Rate, type YearValue } from '../src/compute/evolution.js';
import { D } from '../src/money/cents.js';
import { oneDecimal } from '../src/money/format.js';

const SEED = readFileSync(new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url), 'utf8').split('\n');
/** Cells of a seed line (1-based), tab-separated as printed. */
const seedCells = (line: number) => SEED[line - 1]!.split('\t');
const euros = (s: string) => BigInt(s.replace(/\s/g, '')) * 100n;
const pct = (s: string) => s.replace('%', '').replace(',', '.');
const YEARS = [2018, 2019, 2020, 2021, 2022];

const shown = (r: Rate | undefined) => (r && 'value' in r ? oneDecimal(r.value) : r ? `n.s.: ${r.reason}` : undefined);
const series = (values: (bigint | undefined)[], first = 2018): YearValue[] => values.map((value, i) => ({ exercice: first + i, value }));

describe('golden: the seed\'s évolution rows (seed l.716–757)', () => {
  // [label, line of the totals, line of the printed evolutions]
  const TABLES: [string, number, number][] = [
    ['Fonctionnement dépenses', 716, 717],
    ['Fonctionnement recettes', 725, 726],
    ['Investissement dépenses', 749, 750],
    ['Investissement recettes', 756, 757],
  ];
  for (const [label, totalLine, evoLine] of TABLES) {
    it(`${label}: yearly, 2022/2018 and moyenne as printed`, () => {
      const totals = seedCells(totalLine).slice(1, 6).map(euros);
      const printed = seedCells(evoLine);
      expect(printed[1]).toBe('-');
      const s = series(totals);
      const yearly = yearlyEvolutions(s);
      expect(yearly[0]).toBeUndefined();
      expect(yearly.slice(1).map(shown)).toEqual(printed.slice(2, 6).map(pct));
      expect(shown(firstToLast(s))).toBe(pct(printed[6]!));
      expect(shown(meanOfYearlyEvolutions(yearly))).toBe(pct(printed[7]!));
    });
  }

  it('"moyenne" is the arithmetic mean of the unrounded yearly evolutions, not CAGR nor (2022/2018)/4', () => {
    const totals = seedCells(725).slice(1, 6).map(euros); // Fonctionnement recettes: printed moyenne −0,7 %
    const s = series(totals);
    const mean = meanOfYearlyEvolutions(yearlyEvolutions(s)) as { value: InstanceType<typeof D> };
    // Hand computation: (−2,598 + 4,692 − 10,018 + 5,218) / 4 = −0,676 %
    expect(mean.value.toDecimalPlaces(3).toString()).toBe('-0.676');
    expect(shown(cagr(s))).toBe('-0.9');
    const fl = firstToLast(s) as { value: InstanceType<typeof D> };
    expect(oneDecimal(fl.value.div(4))).toBe('-0.9');
  });

  it('CAGR of the four tables (labelled beside the moyenne): 3,3 / −0,9 / −8,8 / −6,4 %', () => {
    const got = [716, 725, 749, 756].map((l) => shown(cagr(series(seedCells(l).slice(1, 6).map(euros)))));
    expect(got).toEqual(['3.3', '-0.9', '-8.8', '-6.4']);
  });
});

describe('evolution(a, b) by hand', () => {
  it('112 / 100 − 1 = 12 %', () => {
    expect(shown(evolution(10000n, 11200n))).toBe('12.0');
    expect((evolution(10000n, 11200n) as { value: InstanceType<typeof D> }).value.toString()).toBe('12');
  });
  it('a fall to zero is −100 %', () => expect(shown(evolution(5000n, 0n))).toBe('-100.0'));
  it('zero base is not meaningful, never Infinity', () => {
    expect(evolution(0n, 100n)).toEqual({ reason: 'base N−1 is zero' });
    expect(evolution(0n, 0n)).toEqual({ reason: 'base N−1 is zero' });
  });
  it('a sign change is not meaningful', () => {
    expect(evolution(-100n, 100n)).toEqual({ reason: 'sign change between N−1 and N' });
    expect(evolution(100n, -1n)).toEqual({ reason: 'sign change between N−1 and N' });
  });
  it('two negative figures: change of the magnitude (−100 → −150 is +50 %)', () => expect(shown(evolution(-10000n, -15000n))).toBe('50.0'));
  it('a missing year is not meaningful', () => {
    expect(evolution(undefined, 100n)).toEqual({ reason: 'no figure for N−1' });
    expect(evolution(100n, undefined)).toEqual({ reason: 'no figure for N' });
  });
  it('names the years in the reasons of a series', () => {
    const y = yearlyEvolutions(series([100n, undefined, 300n]));
    expect(y[1]).toEqual({ reason: 'no figure for 2019' });
    expect(y[2]).toEqual({ reason: 'no figure for 2019' });
  });
  it('property: never NaN or Infinity, n.s. exactly on zero base or sign change', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (a, b) => {
        const r = evolution(a, b);
        const nsExpected = a === 0n || (a < 0n && b > 0n) || (a > 0n && b < 0n);
        if ('reason' in r) return nsExpected;
        return !nsExpected && r.value.isFinite();
      }),
    );
  });
});

describe('mean, first-to-last and CAGR by hand', () => {
  it('mean of +10 %, −10 %, +30 % is +10 %', () => {
    const s = series([10000n, 11000n, 9900n, 12870n]);
    expect(yearlyEvolutions(s).slice(1).map(shown)).toEqual(['10.0', '-10.0', '30.0']);
    expect(shown(meanOfYearlyEvolutions(yearlyEvolutions(s)))).toBe('10.0');
    expect(shown(firstToLast(s))).toBe('28.7');
  });
  it('the mean is not meaningful when one yearly evolution is not', () => {
    const m = meanOfYearlyEvolutions(yearlyEvolutions(series([0n, 100n, 200n])));
    expect(m).toEqual({ reason: 'a yearly evolution is not meaningful (base 2018 is zero)' });
  });
  it('CAGR of 100 → 121 over two years is exactly 10 %', () => {
    const r = cagr(series([10000n, 11000n, 12100n]));
    expect('value' in r && r.value.toDecimalPlaces(12).toString()).toBe('10');
  });
  it('CAGR from a zero base, across a sign change, on negatives, or with a missing end is not meaningful', () => {
    expect(cagr(series([0n, 5n]))).toEqual({ reason: 'base 2018 is zero' });
    expect(cagr(series([-5n, 5n]))).toEqual({ reason: 'sign change between 2018 and 2019' });
    expect(cagr(series([-5n, -10n]))).toEqual({ reason: 'negative figures: no compound growth rate' });
    expect(cagr(series([5n, 6n, undefined]))).toEqual({ reason: 'no figure for 2020' });
    expect(cagr(series([5n]))).toEqual({ reason: 'fewer than two years' });
  });
  it('CAGR to zero is −100 %', () => expect(shown(cagr(series([5000n, 100n, 0n])))).toBe('-100.0'));
  it('uses the exercices, not the count of values, as the number of years', () => {
    const r = cagr([{ exercice: 2018, value: 10000n }, { exercice: 2020, value: 12100n }]);
    expect('value' in r && oneDecimal(r.value)).toBe('10.0');
  });
  it(`covers ${YEARS.length} columns with one fewer yearly evolution`, () => {
    expect(yearlyEvolutions(series([1n, 2n, 3n, 4n, 5n])).filter((r) => r !== undefined)).toHaveLength(4);
  });
});
