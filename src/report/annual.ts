// The single-year tables beside the execution: épargne, état de la dette (annex, dette.csv or ledger), capacité, ratios.
import { asMaybe, Evaluator, type EvaluationContext } from '../compute/aggregate.js';
import { annexDebt } from '../compute/dette-annexe.js';
import { definitionById } from '../definitions/index.js';
import type { Cents } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import type { Plan } from '../nomenclature/plan.js';
import type { LoadedFolder } from '../model/folder.js';
import type { Maybe } from '../compute/epargne.js';
import { epargneAnnuelleTable } from './epargne-annuelle.js';
import { capaciteTable, detteAnnexeTable, detteAnnuelle, detteAnnuelleTable, encoursRatio } from './dette-annuelle.js';
import { parsePopulation, ratiosTable, type Population } from './ratios.js';
import { annexAudit, detteAuditTables } from './dette-audit.js';
import type { Table } from './table.js';

export interface AnnualInput {
  folder: LoadedFolder;
  budget: string;
  exercice: number;
  ex: ExerciceBudget;
  plan: Plan;
  scope: string;
  excludeCessions: boolean;
  definition?: string;
}

/** Population: the manifest's, else the document's InformationsGenerales (PopTot, French-formatted text). */
function populationOf(inp: AnnualInput): Population {
  const p = inp.folder.manifest.entite?.population;
  if (p !== undefined) return { value: p, source: 'manifest entite.population' };
  const doc = inp.folder.documents?.find((d) => d.budget === inp.budget && d.exercice === inp.exercice);
  const text = doc?.informations?.get('PopTot');
  if (text !== undefined) {
    const n = parsePopulation(text);
    if (n !== undefined) return { value: n, source: `${doc!.file} InformationsGenerales PopTot` };
    return { reason: `InformationsGenerales PopTot of ${doc!.file} is not a whole number: "${text}"` };
  }
  return { reason: 'neither the manifest (entite.population) nor the file (InformationsGenerales PopTot) gives the population' };
}

/** What the evaluator of any definition needs for one exercice: the ledger, the plan, and the figures from outside it. */
export function annualContext(inp: AnnualInput) {
  const { folder, budget, exercice, ex, plan } = inp;
  const definition = definitionById(inp.definition);
  if (!definition) throw new Error(`unknown definition ${inp.definition}: the command checks the name`);
  const categorie = folder.manifest.entite?.categorie ?? 'autre';
  const doc = folder.documents?.find((d) => d.budget === budget && d.exercice === exercice);
  const annex = doc?.loans && doc.loans.length > 0 ? { debt: annexDebt(doc.loans, exercice), file: doc.file } : undefined;
  // dette.csv belongs to the first (principal) budget, as in the multi-year tables.
  const principal = budget === folder.model.budgets[0]?.id;
  const rows = principal ? (folder.dette ?? []) : [];
  const ledgerEv = new Evaluator(definition, { ex, norme: plan.norme, categorie });
  const dette = detteAnnuelle({
    ...(annex ? { annex } : {}),
    ...(rows.find((r) => r.exercice === exercice && r.file !== doc?.file) ? { row: rows.find((r) => r.exercice === exercice)! } : {}),
    ...(rows.find((r) => r.exercice === exercice - 1 && r.file !== doc?.file) ? { previous: rows.find((r) => r.exercice === exercice - 1)! } : {}),
    ev: ledgerEv,
  });
  const encours = encoursRatio(dette);
  const population = populationOf(inp);
  const external = new Map<string, Maybe<Cents>>([['encours', encours]]);
  const context: EvaluationContext = { ex, norme: plan.norme, categorie, external };
  return { definition, categorie, annex, dette, encours, population, context };
}

export function annualTables(inp: AnnualInput): Table[] {
  const { folder, exercice, scope } = inp;
  const { definition, categorie, annex, dette, encours, population, context } = annualContext(inp);
  const ev = new Evaluator(definition, context);
  const tables: Table[] = [epargneAnnuelleTable(ev, scope, exercice, inp.excludeCessions), detteAnnuelleTable(scope, exercice, dette)];
  if (annex) tables.push(detteAnnexeTable(scope, exercice, annex.debt));
  // The debt annex audit (docs/dette.md): a CA / CFU annex only.
  const audit = annexAudit(folder.documents?.find((d) => d.budget === inp.budget && d.exercice === exercice), inp.ex, inp.plan.norme, categorie);
  if (audit) tables.push(...detteAuditTables(scope, audit));
  const brute = ev.get(inp.excludeCessions && ev.aggregate('epargne-brute-hors-cessions') ? 'epargne-brute-hors-cessions' : 'epargne-brute');
  // The definition's encours where it has one (OFGL: a closing balance, n.s. on a ledger), else the état de la dette's.
  const encoursUsed = asMaybe(ev.get('encours'));
  tables.push(capaciteTable(scope, exercice, encoursUsed, 'value' in brute ? { value: brute.value } : brute, categorie, folder.manifest.entite?.plafondDesendettement));
  tables.push(ratiosTable(ev, scope, exercice, categorie, population));
  return tables;
}
