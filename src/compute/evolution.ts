// Evolutions of a yearly series: N/N−1 − 1, first-to-last, the seed's "moyenne" (mean of yearly evolutions) and CAGR.
import { D, type Cents, type Dec } from '../money/cents.js';
import { t } from '../messages/index.js';

/** A rate in percent units (12.14 means 12,14 %), unrounded; or why it is not meaningful. */
export type Rate = { value: Dec } | { reason: string };

/** One figure per year; undefined when the year is missing (no ledger for it). */
export type YearValue = { exercice: number; value: Cents | undefined };

const HUNDRED = new D(100);

/**
 * b / a − 1 in percent. Not meaningful when a figure is missing, the base is zero, or the sign changes
 * (a rate from a deficit to a surplus says nothing). Two negative figures give the change of the magnitude.
 */
export function evolution(a: Cents | undefined, b: Cents | undefined, what = { from: 'N−1', to: 'N' }): Rate {
  if (a === undefined) return { reason: t('report.noFigureFor', { year: what.from }) };
  if (b === undefined) return { reason: t('report.noFigureFor', { year: what.to }) };
  if (a === 0n) return { reason: t('report.baseZero', { year: what.from }) };
  if ((a < 0n && b > 0n) || (a > 0n && b < 0n)) return { reason: t('report.signChange', { from: what.from, to: what.to }) };
  return { value: new D(b.toString()).div(new D(a.toString())).minus(1).times(HUNDRED) };
}

/** Evolution of each year against the year before; the first year has none (undefined). */
export function yearlyEvolutions(series: readonly YearValue[]): (Rate | undefined)[] {
  return series.map((y, i) => {
    if (i === 0) return undefined;
    const prev = series[i - 1]!;
    return evolution(prev.value, y.value, { from: String(prev.exercice), to: String(y.exercice) });
  });
}

/** Last / first − 1: the seed's "2022/2018" column. */
export function firstToLast(series: readonly YearValue[]): Rate {
  const first = series[0];
  const last = series[series.length - 1];
  if (!first || !last || series.length < 2) return { reason: t('report.fewerThanTwoYears') };
  return evolution(first.value, last.value, { from: String(first.exercice), to: String(last.exercice) });
}

/**
 * The seed's "moyenne": the arithmetic mean of the yearly evolutions, unrounded (3,5 % for 12,1 / 1,2 / −6,1 /
 * 6,8 %). Not meaningful as soon as one yearly evolution is not.
 */
export function meanOfYearlyEvolutions(yearly: readonly (Rate | undefined)[]): Rate {
  const rates = yearly.filter((r): r is Rate => r !== undefined);
  if (rates.length === 0) return { reason: t('report.fewerThanTwoYears') };
  let total = new D(0);
  for (const r of rates) {
    if ('reason' in r) return { reason: t('report.yearlyNotMeaningful', { reason: r.reason }) };
    total = total.plus(r.value);
  }
  return { value: total.div(rates.length) };
}

/**
 * Compound annual growth rate: (last / first)^(1 / years) − 1, years being the exercices between them. Needs two
 * figures of the same sign, non-zero; two negative figures are not meaningful (no growth rate of a deficit).
 */
export function cagr(series: readonly YearValue[]): Rate {
  const first = series[0];
  const last = series[series.length - 1];
  if (!first || !last || series.length < 2) return { reason: t('report.fewerThanTwoYears') };
  const years = last.exercice - first.exercice;
  if (years <= 0) return { reason: t('report.fewerThanTwoYears') };
  const e = evolution(first.value, last.value, { from: String(first.exercice), to: String(last.exercice) });
  if ('reason' in e) return e;
  if (first.value! < 0n) return { reason: t('report.negativeNoCagr') };
  if (last.value === 0n) return { value: new D(-100) };
  const ratio = new D(last.value!.toString()).div(new D(first.value!.toString()));
  return { value: ratio.pow(new D(1).div(years)).minus(1).times(HUNDRED) };
}
