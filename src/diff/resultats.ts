// The section results of each side of a diff, through the same model and computation as `compute`.
import { computeResultats, type Resultats } from '../compute/resultats.js';
import { InputError, type InputProblem } from '../errors.js';
import type { Cents } from '../money/cents.js';
import { addRow, emptyModel, type BudgetInfo, type Model } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import { measure, type Measure } from './measure.js';

/** Folds a side's rows into the budget model; cross-row problems (a repeated 002…) make the side unusable. */
export function modelOf(rows: LedgerRow[], budgets: BudgetInfo[]): Model {
  const known = new Set(budgets.map((b) => b.id));
  const all = [...budgets];
  for (const r of rows) {
    if (!known.has(r.budget)) {
      known.add(r.budget);
      all.push({ id: r.budget, label: r.budget });
    }
  }
  const model = emptyModel(all);
  const problems: InputProblem[] = [];
  for (const r of rows) problems.push(...addRow(model, r));
  if (problems.length > 0) throw new InputError(problems);
  return model;
}

export function resultatsOf(model: Model, budget: string, exercice: number): Resultats | undefined {
  const ex = model.data.get(budget)?.get(exercice);
  return ex ? computeResultats(ex) : undefined;
}

export type ResultItem =
  | 'fonctionnement-recettes'
  | 'fonctionnement-depenses'
  | 'fonctionnement-solde'
  | 'fonctionnement-reporte'
  | 'fonctionnement-cumule'
  | 'investissement-recettes'
  | 'investissement-depenses'
  | 'investissement-solde'
  | 'investissement-reporte'
  | 'investissement-cumule'
  | 'rar-investissement-solde'
  | 'besoin-financement'
  | 'resultat-global';

export const RESULT_ITEMS: { id: ResultItem; label: string; section?: 'F' | 'I'; total?: boolean; pick: (r: Resultats) => Cents }[] = [
  { id: 'fonctionnement-recettes', label: "Fonctionnement — recettes de l'exercice", section: 'F', pick: (r) => r.fonctionnement.recettes },
  { id: 'fonctionnement-depenses', label: "Fonctionnement — dépenses de l'exercice", section: 'F', pick: (r) => r.fonctionnement.depenses },
  { id: 'fonctionnement-solde', label: "Fonctionnement — résultat de l'exercice", section: 'F', pick: (r) => r.fonctionnement.solde },
  { id: 'fonctionnement-reporte', label: 'Fonctionnement — résultat reporté (002)', section: 'F', pick: (r) => r.fonctionnement.reporte },
  { id: 'fonctionnement-cumule', label: 'Fonctionnement — résultat à affecter', section: 'F', total: true, pick: (r) => r.fonctionnement.cumule },
  { id: 'investissement-recettes', label: "Investissement — recettes de l'exercice", section: 'I', pick: (r) => r.investissement.recettes },
  { id: 'investissement-depenses', label: "Investissement — dépenses de l'exercice", section: 'I', pick: (r) => r.investissement.depenses },
  { id: 'investissement-solde', label: "Investissement — solde d'exécution de l'exercice", section: 'I', pick: (r) => r.investissement.solde },
  { id: 'investissement-reporte', label: 'Investissement — solde reporté (001)', section: 'I', pick: (r) => r.investissement.reporte },
  { id: 'investissement-cumule', label: "Investissement — solde d'exécution cumulé", section: 'I', total: true, pick: (r) => r.investissement.cumule },
  { id: 'rar-investissement-solde', label: 'Investissement — solde des restes à réaliser', section: 'I', pick: (r) => r.rarInvestissement.solde },
  { id: 'besoin-financement', label: 'Besoin (−) ou excédent (+) de financement', section: 'I', total: true, pick: (r) => r.besoinFinancement },
  { id: 'resultat-global', label: 'Résultat global cumulé net des RAR', total: true, pick: (r) => r.resultatGlobal },
];

export interface ResultComparison {
  budget: string;
  oldExercice: number;
  newExercice: number;
  items: { id: ResultItem; label: string; total: boolean; value: Measure }[];
}

/** Old and new results of one budget, item by item; `section` keeps only that section's items. */
export function compareResultats(
  budget: string,
  oldExercice: number,
  newExercice: number,
  oldR: Resultats | undefined,
  newR: Resultats | undefined,
  section?: 'F' | 'I',
): ResultComparison {
  const items = RESULT_ITEMS.filter((i) => section === undefined || i.section === section).map((i) => ({
    id: i.id,
    label: i.label,
    total: i.total ?? false,
    value: measure(oldR ? i.pick(oldR) : undefined, newR ? i.pick(newR) : undefined),
  }));
  return { budget, oldExercice, newExercice, items };
}
