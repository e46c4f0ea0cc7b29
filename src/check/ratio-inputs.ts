// Gathers what a budget's ratios need for one exercice: its ledger, norme, category, encours (31/12 and 01/01) and populations.
import type { Maybe } from '../compute/epargne.js';
import type { Cents } from '../money/cents.js';
import { addRow, emptyModel, exerciceOf, type ExerciceBudget } from '../model/budget.js';
import type { DocumentFacts } from '../model/document.js';
import { parsePopulation } from '../report/ratios.js';
import type { PopulationFigure, RatioInputs } from './ratio-eval.js';
import type { CheckContext } from './types.js';

/** An amount figure of the compute report (`scope.dette.encours-0101.montant`), or why there is none. */
function amountFigure(ctx: CheckContext, id: string): Maybe<Cents> {
  const c = ctx.figures.get(id)?.cell;
  if (c?.kind === 'amount') return { value: c.cents };
  if (c?.kind === 'ns') return { reason: c.reason };
  return { reason: `${id} is not computed` };
}

/**
 * The population the ratios table uses (the manifest's, else the file's PopTot) and the others at hand: the file's
 * PopTot when the manifest wins, every other `Pop…` code of InformationsGenerales, and PopTot + NbResSec (the DGF
 * population counts one inhabitant per résidence secondaire, CGCT L2334-2).
 */
function populations(ctx: CheckContext, budget: string, exercice: number): Pick<RatioInputs, 'population' | 'otherPopulations'> {
  const doc = ctx.folder.documents?.find((d) => d.budget === budget && d.exercice === exercice);
  const info = doc?.informations ?? new Map<string, string>();
  const found: PopulationFigure[] = [];
  const manifest = ctx.folder.manifest.entite?.population;
  if (manifest !== undefined) found.push({ value: manifest, source: 'manifest entite.population' });
  for (const [code, v] of info) {
    const n = code.startsWith('Pop') ? parsePopulation(v) : undefined;
    if (n !== undefined) found.push({ value: n, source: `${doc!.file} ${code}` });
  }
  const tot = parsePopulation(info.get('PopTot') ?? '');
  const sec = parsePopulation(info.get('NbResSec') ?? '');
  if (tot !== undefined && sec !== undefined && sec > 0) found.push({ value: tot + sec, source: `${doc!.file} PopTot + NbResSec` });
  // The standard is the ratios table's (report/annual.ts): the manifest's, else PopTot.
  const standard = manifest !== undefined ? found[0] : found.find((p) => p.source.endsWith(' PopTot'));
  const seen = new Set(standard ? [standard.value] : []);
  const others = found.filter((p) => !seen.has(p.value) && seen.add(p.value));
  if (!standard) return { population: { reason: 'neither the manifest (entite.population) nor the file (InformationsGenerales PopTot) gives a whole population' }, otherPopulations: others };
  return { population: standard, otherPopulations: others };
}

/** Where the encours figures sit in the compute report; by default the single-year tables of the exercice. */
export interface EncoursIds {
  encours: string;
  encours0101: string;
}

/** Undefined when the budget has no execution for that exercice (a budget document, a year not loaded). */
export function ratioInputs(ctx: CheckContext, budget: string, exercice: number, ids?: EncoursIds): RatioInputs | undefined {
  const ex = ctx.folder.model.data.get(budget)?.get(exercice);
  const plan = ctx.folder.plans.get(exercice);
  if (!ex || !plan) return undefined;
  const scope = `${budget}.${exercice}`;
  return {
    ex,
    norme: plan.norme,
    categorie: ctx.folder.manifest.entite?.categorie ?? 'autre',
    // The ratios table's own encours (31/12, else rolled forward from 01/01) and the état de la dette's opening one.
    encours: amountFigure(ctx, ids?.encours ?? `${scope}.ratios.encours-par-habitant.numerateur`),
    encours0101: amountFigure(ctx, ids?.encours0101 ?? `${scope}.dette.encours-0101.montant`),
    ...populations(ctx, budget, exercice),
  };
}

/** A budget primitif's votes (MtPrev) folded like realised amounts: the budget its printed ratios are computed on. */
function votedExercice(doc: DocumentFacts): ExerciceBudget {
  const model = emptyModel([{ id: doc.budget, label: doc.budget }]);
  for (const c of doc.credits) {
    if (c.mtPrev === undefined) continue;
    addRow(model, { budget: doc.budget, exercice: doc.exercice, section: c.section, sens: c.sens, chapitre: c.chapitre, compte: c.compte, nature: c.nature, realise: c.mtPrev, rar: 0n, file: doc.file, line: c.line });
  }
  return exerciceOf(model, doc.budget, doc.exercice);
}

/**
 * The inputs of a budget primitif's ratios: its votes, and no encours (its EMPRUNT annex forecasts the year, it
 * states no encours at 31/12 the ratios could take).
 */
export function votedInputs(ctx: CheckContext, doc: DocumentFacts): RatioInputs | undefined {
  const plan = doc.plan ?? ctx.folder.plans.get(doc.exercice);
  if (!plan) return undefined;
  const none = { reason: 'a budget primitif states no encours at 31/12 (its EMPRUNT annex is a forecast)' };
  return {
    ex: votedExercice(doc),
    norme: plan.norme,
    categorie: ctx.folder.manifest.entite?.categorie ?? 'autre',
    encours: none,
    encours0101: none,
    ...populations(ctx, doc.budget, doc.exercice),
  };
}
