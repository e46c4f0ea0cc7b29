// What every format reader is given (path, plan by exercice, dialect options, folder context) and yields (batches of validated rows).
import type { BudgetInfo } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import type { DetteRow } from '../model/side-tables.js';
import { resolvePlan, type Plan } from '../nomenclature/plan.js';
import type { ReadOptions } from './dialect/options.js';

/** What self-describing files (TOTEM, SCDL) need from the folder; `note` records reader facts in provenance. */
export interface ReaderContext {
  budgets: BudgetInfo[];
  nomenclature: string;
  note?: (key: string, value: string | number | boolean) => void;
  /** Debt figures a file carries (TOTEM EMPRUNT annex), used when the manifest names no dette table. */
  dette?: (rows: DetteRow[]) => void;
}

export type LedgerReader = (
  path: string,
  displayName: string,
  planFor: (exercice: number) => Plan,
  options?: ReadOptions,
  context?: ReaderContext,
) => AsyncIterable<LedgerRow[]>;

export function planResolver(declinaison: string, plans: Map<number, Plan>, perExercice: Record<string, string> = {}): (exercice: number) => Plan {
  return (exercice) => {
    let p = plans.get(exercice);
    if (!p) {
      p = resolvePlan(perExercice[String(exercice)] ?? declinaison, exercice);
      plans.set(exercice, p);
    }
    return p;
  };
}
