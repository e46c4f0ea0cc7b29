// Judges a printed ratio or amount: equal to the standard definition at its printed precision, or reproduced by a known variant, or neither.
import type { Contribution } from '../compute/aggregate.js';
import type { Definition } from '../definitions/types.js';
import { applyVariant, VARIANTS, type Variant } from '../definitions/variants.js';
import { t, tDynamic } from '../messages/index.js';
import { D } from '../money/cents.js';
import { eur, printed } from './finding.js';
import type { PrintedFigure } from './printed-figure.js';
import { evaluateAggregate, evaluateRatio, printedAs, sameValue, type Choices, type Evaluation, type Outcome, type RatioInputs } from './ratio-eval.js';

export type Target = { kind: 'ratio'; id: string; percent: boolean } | { kind: 'aggregate'; id: string };

export type Verdict =
  | { kind: 'match' }
  | { kind: 'ns'; reason: string }
  | { kind: 'mismatch'; computed: string; tried: number }
  | { kind: 'variant'; variant: Variant; computed: string; difference: string };

const evaluate = (def: Definition, target: Target, inp: RatioInputs, c: Choices): Outcome =>
  target.kind === 'ratio' ? evaluateRatio(def, target.id, inp, c) : evaluateAggregate(def, target.id, inp, c);

/** Percentages may be printed as a percentage (with or without its sign) or as a fraction: both are read. */
function scales(target: Target, pub: PrintedFigure): bigint[] {
  if (target.kind !== 'ratio' || !target.percent) return [1n];
  return pub.percent ? [100n] : [100n, 1n];
}

/** How a value reads in a message, at the printed precision. */
function shown(target: Target, e: Evaluation, decimals: number, scale: bigint): string {
  const p = printedAs(e.value, decimals, scale);
  if (target.kind === 'aggregate') return printed(new D(p), decimals);
  return `${printed(new D(p), decimals)}${scale === 100n ? ' %' : ''}`;
}

function candidates(v: Variant, inp: RatioInputs): Choices[] {
  if (v.inputs?.population === 'autre') return inp.otherPopulations.map((population) => ({ population }));
  if (v.inputs?.encours === 'ouverture') return [{ encours: 'ouverture' }];
  return [{}];
}

export function judge(def: Definition, target: Target, inp: RatioInputs, pub: PrintedFigure): Verdict {
  const standard = evaluate(def, target, inp, {});
  if ('reason' in standard) return { kind: 'ns', reason: standard.reason };
  const sc = scales(target, pub);
  if (sc.some((s) => printedAs(standard.value, pub.decimals, s) === pub.plain)) return { kind: 'match' };
  const computed = shown(target, standard, pub.decimals, sc[0]!);
  let tried = 0;
  for (const v of VARIANTS) {
    const rounding = v.inputs?.rounding ?? 'arrondi';
    const vdef = applyVariant(def, v);
    for (const c of candidates(v, inp)) {
      const found = evaluate(vdef, target, inp, c);
      // A variant that changes nothing here explains nothing.
      if ('reason' in found || (rounding === 'arrondi' && sameValue(found.value, standard.value))) continue;
      tried += 1;
      const scale = sc.find((s) => printedAs(found.value, pub.decimals, s, rounding) === pub.plain);
      if (scale !== undefined) return { kind: 'variant', variant: v, computed: shown(target, standard, pub.decimals, scale), difference: difference(standard, found, rounding, pub.decimals, scale) };
    }
  }
  return { kind: 'mismatch', computed, tried };
}

/** The variant's one-line explanation, in the interface language. */
export const explanation = (v: Variant): string => tDynamic(`ratios.${v.explanation}`);

/** What the variant changed: numerator, denominator (with the accounts that make the change), population, rounding. */
function difference(std: Evaluation, found: Evaluation, rounding: 'arrondi' | 'troncature', decimals: number, scale: bigint): string {
  const parts: string[] = [];
  const side = (key: 'ratios.diffNumerator' | 'ratios.diffDenominator', a?: Evaluation['numerator'], b?: Evaluation['numerator']) => {
    if (!a || !b || a.value === b.value) return;
    const br = bridge(a.composition, b.composition);
    parts.push(t(key, { from: eur(a.value), to: eur(b.value), change: signed(b.value - a.value) }) + (br ? ` [${br}]` : ''));
  };
  side('ratios.diffNumerator', std.numerator, found.numerator);
  side('ratios.diffDenominator', std.denominator, found.denominator);
  if (std.population && found.population && std.population.value !== found.population.value) {
    parts.push(t('ratios.diffPopulation', { from: String(std.population.value), to: String(found.population.value), source: found.population.source }));
  }
  if (rounding === 'troncature') {
    const p = (r: 'arrondi' | 'troncature') => printed(new D(printedAs(found.value, decimals, scale, r)), decimals);
    parts.push(t('ratios.diffRounding', { truncated: p('troncature'), rounded: p('arrondi') }));
  }
  return parts.join('; ');
}

const signed = (c: bigint): string => (c < 0n ? `− ${eur(-c)}` : `+ ${eur(c)}`);

const MAX_BRIDGE = 5;

/** The accounts (or chapters, where the ledger has no accounts) whose amounts differ between the two compositions. */
export function bridge(from: readonly Contribution[], to: readonly Contribution[]): string {
  const net = new Map<string, bigint>();
  const add = (cs: readonly Contribution[], s: bigint) => {
    for (const c of cs) {
      const key = c.compte ?? `${t('ratios.chapter')} ${c.chapitre}`;
      net.set(key, (net.get(key) ?? 0n) + s * c.amount);
    }
  };
  add(to, 1n);
  add(from, -1n);
  const moved = [...net].filter(([, v]) => v !== 0n);
  const listed = moved.slice(0, MAX_BRIDGE).map(([k, v]) => `${v < 0n ? '−' : '+'} ${k} ${eur(v < 0n ? -v : v)}`);
  if (moved.length > MAX_BRIDGE) listed.push(t('ratios.bridgeMore', { n: moved.length - MAX_BRIDGE }));
  return listed.join(', ');
}
