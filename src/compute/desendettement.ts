// Capacité de désendettement: encours 31/12/N ÷ épargne brute N in years, the reference ceilings, and the seed's own variant.
import { D, type Cents, type Dec } from '../money/cents.js';
import { t } from '../messages/index.js';

export type Ratio = { value: Dec } | { reason: string; exceeded: true };

/**
 * Standard ratio, unrounded (displayed with one decimal). When épargne brute is zero or negative the authority
 * could never repay from its savings: not meaningful, and the ceiling is treated as exceeded.
 */
export function capaciteDesendettement(encours: Cents, epargneBrute: Cents): Ratio {
  if (epargneBrute <= 0n) {
    return { reason: t('report.epargneNotPositive', { sign: epargneBrute === 0n ? t('report.zero') : t('report.negative') }), exceeded: true };
  }
  return { value: new D(encours.toString()).div(new D(epargneBrute.toString())) };
}

export type Categorie = 'commune' | 'epci-fp' | 'syndicat' | 'departement' | 'region' | 'autre';

export interface Plafond {
  id: string;
  label: string;
  annees: number;
  /** Categories the ceiling is set for; empty for an entity's own ceiling. */
  categories: readonly Categorie[];
  source: string;
}

const LPFP = 'LPFP 2018-2022 (loi n° 2018-32 du 22 janvier 2018), art. 29: plafond national de référence';

/** Reference ceilings, data rather than code: the middle of each LPFP range. */
export const PLAFONDS_REFERENCE: readonly Plafond[] = [
  { id: 'lpfp-communes-epci', label: 'Communes et EPCI à fiscalité propre', annees: 12, categories: ['commune', 'epci-fp'], source: LPFP },
  { id: 'lpfp-departements', label: 'Départements', annees: 10, categories: ['departement'], source: LPFP },
  { id: 'lpfp-regions', label: 'Régions', annees: 9, categories: ['region'], source: LPFP },
];

/** The entity's own ceiling wins; else the reference ceiling of its category; else none. */
export function plafondApplicable(categorie: Categorie, plafondEntite?: number): Plafond | undefined {
  if (plafondEntite !== undefined) {
    return { id: 'entite', label: "Plafond fixé par l'entité", annees: plafondEntite, categories: [], source: 'manifest.json entite.plafondDesendettement' };
  }
  return PLAFONDS_REFERENCE.find((p) => p.categories.includes(categorie));
}

/** Whether a ratio is beyond the ceiling: strictly above it, compared unrounded; a not-meaningful ratio always is. */
export function auDelaDuPlafond(ratio: Ratio, plafond: Plafond): boolean {
  if ('reason' in ratio) return true;
  return ratio.value.greaterThan(plafond.annees);
}

/** The ratio as displayed: one decimal, half away from zero. */
export function roundRatio(v: Dec): Dec {
  return v.toDecimalPlaces(1, D.ROUND_HALF_UP);
}

/**
 * The seed's own method, read off its ratio table: capital restant dû au 01/01/N ÷ épargne brute N (the 01/01
 * encours, where the standard ratio takes the 31/12 one). Same not-meaningful rule.
 */
export function ratioAuPremierJanvier(capital0101: Dec, epargneBrute: Dec): Ratio {
  if (epargneBrute.lessThanOrEqualTo(0)) {
    return { reason: t('report.epargneNotPositive', { sign: epargneBrute.isZero() ? t('report.zero') : t('report.negative') }), exceeded: true };
  }
  return { value: capital0101.div(epargneBrute) };
}
