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
  | { kind: 'mismatch'; computed: string; computedPlain: string; tried: number }
  /** One variant, or two together when no single one reproduces the figure. */
  | { kind: 'variant'; variants: Variant[]; computed: string; computedPlain: string; difference: string; alsoBy?: Variant[] };

export const evaluate = (def: Definition, target: Target, inp: RatioInputs, c: Choices = {}): Outcome =>
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

/** The inputs a variant takes: one choice per other population figure, the encours at 01/01, or the standard ones. */
function candidates(v: Variant, inp: RatioInputs): Choices[] {
  const encours: Choices = v.inputs?.encours === 'ouverture' ? { encours: 'ouverture' } : {};
  if (v.inputs?.population === 'autre') return inp.otherPopulations.map((population) => ({ ...encours, population }));
  return [encours];
}

export interface JudgeOptions {
  /**
   * The ledgers are in whole euros (manifest precision "1"): every line was rounded on its own, so an amount made of
   * n lines may sit n × 0,50 € from the exact one (as published.figure allows for sums). Amounts only.
   */
  wholeEuroLines?: boolean;
}

/** Two variants at once, for a figure no single one reproduces (edits of both; inputs of both). */
function combine(a: Variant, b: Variant): Variant {
  return { id: `${a.id} + ${b.id}`, explanation: a.explanation, edits: [...a.edits, ...b.edits], inputs: { ...a.inputs, ...b.inputs } };
}

const conflict = (a: Variant, b: Variant) => Object.keys(a.inputs ?? {}).some((k) => k in (b.inputs ?? {}));

export function judge(def: Definition, target: Target, inp: RatioInputs, pub: PrintedFigure, opts: JudgeOptions = {}): Verdict {
  const standard = evaluate(def, target, inp, {});
  if ('reason' in standard) return { kind: 'ns', reason: standard.reason };
  const sc = scales(target, pub);
  const slack = (e: Evaluation) => (opts.wholeEuroLines && target.kind === 'aggregate' ? 50n * BigInt(e.numerator.composition.length + 1) : 0n);
  const reproduces = (e: Evaluation, rounding: 'arrondi' | 'troncature'): bigint | undefined => {
    const exact = sc.find((s) => printedAs(e.value, pub.decimals, s, rounding) === pub.plain);
    if (exact !== undefined || slack(e) === 0n) return exact;
    // An amount: published euros × 100 against the exact cents, within the lines' rounding.
    const gap = BigInt(new D(pub.plain).times(100).toFixed(0)) - e.numerator.value;
    return (gap < 0n ? -gap : gap) <= slack(e) ? 1n : undefined;
  };
  if (reproduces(standard, 'arrondi') !== undefined) return { kind: 'match' };
  const computed = shown(target, standard, pub.decimals, sc[0]!);
  let tried = 0;
  const effective: Variant[] = [];
  const attempt = (parts: Variant[]): Verdict | undefined => {
    const v = parts.length === 1 ? parts[0]! : combine(parts[0]!, parts[1]!);
    const rounding = v.inputs?.rounding ?? 'arrondi';
    const vdef = applyVariant(def, v);
    for (const c of candidates(v, inp)) {
      const found = evaluate(vdef, target, inp, c);
      // A variant that changes nothing here explains nothing.
      if ('reason' in found || (rounding === 'arrondi' && sameValue(found.value, standard.value))) continue;
      if (parts.length === 1 && !effective.includes(v)) effective.push(v);
      tried += 1;
      const scale = reproduces(found, rounding);
      if (scale !== undefined) {
        const diff = difference(standard, found, rounding, pub.decimals, scale);
        const lines = slack(found) > 0n && printedAs(found.value, pub.decimals, scale, rounding) !== pub.plain ? t('ratios.diffLines', { n: found.numerator.composition.length + 1, slack: eur(slack(found)) }) : '';
        return { kind: 'variant', variants: parts, computed: shown(target, standard, pub.decimals, scale), computedPlain: printedAs(standard.value, pub.decimals, scale), difference: [diff, lines].filter(Boolean).join(t('ratios.sep')) };
      }
    }
    return undefined;
  };
  // Every single variant that reproduces it: the first is named, the others said (a coarse precision lets several fit).
  const singles = VARIANTS.map((v) => attempt([v])).filter((x): x is Extract<Verdict, { kind: 'variant' }> => x?.kind === 'variant');
  if (singles.length > 0) return { ...singles[0]!, alsoBy: singles.slice(1).flatMap((x) => x.variants) };
  // Two variants together, among those that change the figure at all: for amounts only, where matching to the printed
  // unit by chance is out of reach; a ratio printed to one or two decimals would find spurious pairs.
  if (target.kind === 'aggregate') {
    for (let i = 0; i < effective.length; i++) {
      for (let j = i + 1; j < effective.length; j++) {
        if (conflict(effective[i]!, effective[j]!)) continue;
        const found = attempt([effective[i]!, effective[j]!]);
        if (found) return found;
      }
    }
  }
  return { kind: 'mismatch', computed, computedPlain: printedAs(standard.value, pub.decimals, sc[0]!), tried };
}

/** The variants' names and one-line explanations, in the interface language. */
export const variantNames = (vs: readonly Variant[]): string => vs.map((v) => v.id).join(' + ');
export const explanation = (vs: readonly Variant[]): string => vs.map((v) => tDynamic(`ratios.${v.explanation}`)).join(t('ratios.and'));

/** What the variant changed: numerator, denominator (with the accounts that make the change), population, rounding. */
function difference(std: Evaluation, found: Evaluation, rounding: 'arrondi' | 'troncature', decimals: number, scale: bigint): string {
  const parts: string[] = [];
  const side = (key: 'ratios.diffNumerator' | 'ratios.diffDenominator', a?: Evaluation['numerator'], b?: Evaluation['numerator']) => {
    if (!a || !b || a.value === b.value) return;
    const br = bridge(a.composition, b.composition, b.value - a.value);
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
  return parts.join(t('ratios.sep'));
}

const signed = (c: bigint): string => (c < 0n ? `− ${eur(-c)}` : `+ ${eur(c)}`);

const MAX_BRIDGE = 5;

/** The accounts (or chapters, where the ledger has no accounts) whose amounts differ between the two compositions. */
export function bridge(from: readonly Contribution[], to: readonly Contribution[], change?: bigint): string {
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
  // What no account carries: figures given from outside the ledger's accounts (the carried 002, the encours).
  const total = (cs: readonly Contribution[]) => cs.reduce((x, c) => x + c.amount, 0n);
  const outside = change === undefined ? 0n : change - (total(to) - total(from));
  // Said only beside accounts: alone, it is the whole change, already given.
  if (outside !== 0n && moved.length > 0) moved.push([t('ratios.outside'), outside]);
  const listed = moved.slice(0, MAX_BRIDGE).map(([k, v]) => `${v < 0n ? '−' : '+'} ${k} ${eur(v < 0n ? -v : v)}`);
  if (moved.length > MAX_BRIDGE) listed.push(t('ratios.bridgeMore', { n: moved.length - MAX_BRIDGE }));
  return listed.join(', ');
}
