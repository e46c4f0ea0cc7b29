// A ratio or an aggregate of a definition, evaluated exactly (a fraction of integers) and compared with a printed figure.
import { Evaluator, type Contribution, type Evaluated } from '../compute/aggregate.js';
import type { Maybe } from '../compute/epargne.js';
import type { CategorieKey, Definition, RatioDef } from '../definitions/types.js';
import { REPORTE_D002, REPORTE_R002 } from '../definitions/variants.js';
import { roundedQuotient, type Cents, type Quotient } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import { numeratorOf } from '../report/ratios.js';
import { t as tr } from '../messages/index.js';

export interface PopulationFigure {
  value: number;
  /** Where it was read: `manifest entite.population`, `ca.xml PopTot`, `PopTot + NbResSec`… */
  source: string;
}

/** Everything a ratio needs beyond the definition, as the standard reads it, with the alternatives variants try. */
export interface RatioInputs {
  ex: ExerciceBudget;
  norme: string;
  categorie: CategorieKey;
  /** The encours the ratios use (at 31/12) and the one at 01/01. */
  encours: Maybe<Cents>;
  encours0101: Maybe<Cents>;
  population: PopulationFigure | { reason: string };
  /** Other population figures the same file or the manifest gives. */
  otherPopulations: readonly PopulationFigure[];
}

export type Value = { value: Cents; composition: Contribution[] };

/** What a ratio (or an aggregate) came to: the exact value and what it was made of. */
export interface Evaluation {
  /** The value in its printed unit (euros per inhabitant, a fraction for percentages, years, euros). */
  value: Quotient;
  numerator: Value;
  denominator?: Value;
  population?: PopulationFigure;
}

export type Outcome = Evaluation | { reason: string };

export interface Choices {
  encours?: 'ouverture';
  population?: PopulationFigure;
}

function evaluator(def: Definition, inp: RatioInputs, c: Choices): Evaluator {
  const reporte = (f: 'FR' | 'FD'): Maybe<Cents> => ({ value: inp.ex.flows[f].reporte?.amount ?? 0n });
  const external = new Map<string, Maybe<Cents>>([
    ['encours', c.encours === 'ouverture' ? inp.encours0101 : inp.encours],
    [REPORTE_R002, reporte('FR')],
    [REPORTE_D002, reporte('FD')],
  ]);
  return new Evaluator(def, { ex: inp.ex, norme: inp.norme, categorie: inp.categorie, external });
}

/** One ratio under a definition: per inhabitant in euros, percentages as a fraction, years; n.s. with the reason. */
export function evaluateRatio(def: Definition, ratioId: string, inp: RatioInputs, c: Choices = {}): Outcome {
  const r = def.ratios.find((x) => x.id === ratioId);
  if (!r) return { reason: tr('check.noRatio', { definition: def.id, ratio: ratioId }) };
  const ev = evaluator(def, inp, c);
  const num = ev.get(numeratorOf(r, inp.categorie));
  if ('reason' in num) return num;
  if (r.denominator === 'population') {
    const pop = c.population ?? inp.population;
    if ('reason' in pop) return pop;
    if (pop.value <= 0) return { reason: `population ${pop.value}` };
    return { value: { num: num.value, den: 100n * BigInt(pop.value) }, numerator: num, population: pop };
  }
  return divide(r, num, ev.get(r.denominator));
}

function divide(r: RatioDef, num: Value, den: Evaluated): Outcome {
  if ('reason' in den) return den;
  if (den.value === 0n) return { reason: tr('check.isZero', { what: r.denominator }) };
  if (r.unit === 'annees' && den.value < 0n) return { reason: tr('check.isNegative', { what: r.denominator }) };
  return { value: { num: num.value, den: den.value }, numerator: num, denominator: den };
}

/** One aggregate in euros (a publie.csv amount). */
export function evaluateAggregate(def: Definition, id: string, inp: RatioInputs, c: Choices = {}): Outcome {
  const e = evaluator(def, inp, c).get(id);
  return 'reason' in e ? e : { value: { num: e.value, den: 100n }, numerator: e };
}

/** num / den truncated toward zero to `decimals` places, as a plain decimal string. */
export function truncatedQuotient({ num, den }: Quotient, decimals: number): string {
  const a = (num < 0n ? -num : num) * 10n ** BigInt(decimals);
  const b = den < 0n ? -den : den;
  const q = a / b;
  const negative = q !== 0n && num < 0n !== den < 0n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const int = decimals === 0 ? digits : digits.slice(0, -decimals);
  return `${negative ? '-' : ''}${int}${decimals === 0 ? '' : `.${digits.slice(-decimals)}`}`;
}

/** The value as it would be printed: `scale` 100 for a percentage, rounded half away from zero or truncated. */
export function printedAs(q: Quotient, decimals: number, scale: bigint, rounding: 'arrondi' | 'troncature' = 'arrondi'): string {
  const scaled = { num: q.num * scale, den: q.den };
  return rounding === 'arrondi' ? roundedQuotient(scaled, decimals) : truncatedQuotient(scaled, decimals);
}

export const sameValue = (a: Quotient, b: Quotient): boolean => a.num * b.den === b.num * a.den;
