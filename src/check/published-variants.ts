// A publie.csv figure that differs from the computed one: which known variant of its definition reproduces it, if any.
import { definitionById } from '../definitions/index.js';
import type { Definition } from '../definitions/types.js';
import { PRECISION_DECIMALS, type PublishedFigure } from '../model/side-tables.js';
import { numeratorOf } from '../report/ratios.js';
import { baseId, plain, printed } from './finding.js';
import { verdictFinding } from './published-ratios.js';
import { ratioInputs, type EncoursIds } from './ratio-inputs.js';
import type { CheckContext, Finding } from './types.js';
import { D } from '../money/cents.js';
import type { Cell } from '../report/table.js';
import { printedAs, type Outcome } from './ratio-eval.js';
import { evaluate, judge, type Target } from './variant-explain.js';

/** Rows of the épargne tables (single-year `epargne`, multi-year `epargne`) and the aggregate each shows. */
const EPARGNE_ROWS: Record<string, string> = {
  'recettes-reelles': 'recettes-reelles-fonctionnement',
  'depenses-reelles': 'depenses-reelles-fonctionnement',
  'epargne-brute': 'epargne-brute',
  'epargne-gestion': 'epargne-gestion',
  cessions: 'cessions',
  'epargne-brute-hors-cessions': 'epargne-brute-hors-cessions',
  'capital-rembourse': 'capital-rembourse',
  'epargne-nette': 'epargne-nette',
};

interface Located {
  budget: string;
  exercice: number;
  target: Target;
  ids?: EncoursIds;
}

const ratioTarget = (def: Definition, id: string): Target | undefined => {
  const r = def.ratios.find((x) => x.id === id);
  return r ? { kind: 'ratio', id: r.id, percent: r.unit === 'pourcentage' } : undefined;
};

/** The figure ids of compute whose definition is data: ratios (and their two sides), épargne rows, the capacité. */
function locate(def: Definition, id: string, categorie: Parameters<typeof numeratorOf>[1]): Located | undefined {
  let m = /^(.+)\.(\d{4})\.ratios\.([^.]+)\.(valeur|numerateur|denominateur)$/.exec(id);
  if (m) {
    const r = def.ratios.find((x) => x.id === m![3]);
    if (!r) return undefined;
    const side = m[4] === 'numerateur' ? numeratorOf(r, categorie) : r.denominator;
    const target: Target | undefined = m[4] === 'valeur' ? ratioTarget(def, r.id) : side === 'population' ? undefined : { kind: 'aggregate', id: side };
    return target && { budget: m[1]!, exercice: Number(m[2]), target };
  }
  m = /^(.+)\.(\d{4})\.epargne\.([^.]+)\.montant$/.exec(id);
  if (m && EPARGNE_ROWS[m[3]!]) return { budget: m[1]!, exercice: Number(m[2]), target: { kind: 'aggregate', id: EPARGNE_ROWS[m[3]!]! } };
  m = /^(.+)\.(\d{4})\.capacite\.ratio\.valeur$/.exec(id);
  if (m) return { budget: m[1]!, exercice: Number(m[2]), target: ratioTarget(def, 'encours-epargne-brute')! };
  // Multi-year tables: `principal.2018-2022.epargne.epargne-brute.2019`, `principal.2018-2022.desendettement.ratio.2019`.
  m = /^(.+)\.(\d{4}-\d{4})\.(epargne|desendettement)\.([^.]+)\.(\d{4})$/.exec(id);
  if (m) {
    const [, budget, span, table, row, year] = m as unknown as [string, string, string, string, string, string];
    const y = Number(year);
    const ids = { encours: `${budget}.${span}.desendettement.encours.${y}`, encours0101: `${budget}.${span}.desendettement.encours.${y - 1}` };
    if (table === 'epargne' && EPARGNE_ROWS[row]) return { budget, exercice: y, target: { kind: 'aggregate', id: EPARGNE_ROWS[row]! }, ids };
    if (table === 'desendettement' && row === 'ratio') return { budget, exercice: y, target: ratioTarget(def, 'encours-epargne-brute')!, ids };
  }
  return undefined;
}

/**
 * The warning naming the variant that reproduces a publie.csv figure the standard definition does not, at the
 * printed precision; undefined when no variant does (published.figure keeps its error) or the id has no definition.
 */
export function explainPublished(ctx: CheckContext, p: PublishedFigure, base: Omit<Finding, 'severity' | 'message'>): Finding | undefined {
  const def = definitionById()!;
  const where = locate(def, baseId(p.id), ctx.folder.manifest.entite?.categorie ?? 'autre');
  if (!where) return undefined;
  const inp = ratioInputs(ctx, where.budget, where.exercice, where.ids);
  const cell = ctx.figures.get(baseId(p.id))?.cell;
  // Variants are edits of the definition the table used: where the table took the figure from elsewhere (a debt
  // table's amortissement in the multi-year épargne nette), they would explain another figure.
  if (!inp || !cell || !agrees(cell, evaluate(def, where.target, inp))) return undefined;
  const decimals = PRECISION_DECIMALS[p.precision];
  const plain = p.valeur.toFixed(decimals);
  const v = judge(def, where.target, inp, { plain, decimals, percent: false }, { wholeEuroLines: ctx.folder.manifest.precision === '1' });
  if (v.kind !== 'variant') return undefined;
  const source = p.source ? ` (${p.source})` : '';
  return verdictFinding(v, `${p.id}${source}`, printed(p.valeur, decimals), base);
}

/** Whether the evaluated standard is the figure the table shows (to the cent; ratios to 12 decimals). */
function agrees(cell: Cell, o: Outcome): boolean {
  if ('reason' in o) return false;
  const q = new D(o.value.num.toString()).div(o.value.den.toString());
  // Per-inhabitant ratios are amounts rounded to the cent; aggregates are whole cents already.
  if (cell.kind === 'amount') return printedAs(o.value, 2, 1n) === plain(cell.cents);
  if (cell.kind === 'percent') return q.times(100).toDecimalPlaces(12).eq(cell.value.toDecimalPlaces(12));
  if (cell.kind === 'ratio') return q.toDecimalPlaces(12).eq(cell.value.toDecimalPlaces(12));
  return false;
}
