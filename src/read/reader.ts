// What every format reader is given (path, plan by exercice, dialect options, folder context) and yields (batches of validated rows).
import type { BudgetInfo } from '../model/budget.js';
import type { DocumentFacts } from '../model/document.js';
import type { LedgerRow } from '../model/ledger.js';
import type { DetteRow } from '../model/side-tables.js';
import { resolvePlan, type Plan, type PlanHint } from '../nomenclature/plan.js';
import type { ReadOptions } from './dialect/options.js';

/** What self-describing files (TOTEM, SCDL) need from the folder; `note` records reader facts in provenance. */
export interface ReaderContext {
  budgets: BudgetInfo[];
  nomenclature: string;
  note?: (key: string, value: string | number | boolean) => void;
  /** Debt figures a file carries (TOTEM EMPRUNT annex), used when the manifest names no dette table. */
  dette?: (rows: DetteRow[]) => void;
  /** The facts of each official document read, given before its rows. */
  document?: (facts: DocumentFacts) => void;
  /**
   * Set for a folder without manifest: each TOTEM / CFU file reads with the plan it names (a budget principal in M57
   * beside an annexe in M49), the first plan of each exercice being recorded for the report.
   */
  ownPlan?: (exercice: number, plan: Plan) => void;
}

export type LedgerReader = (
  path: string,
  displayName: string,
  planFor: (exercice: number) => Plan,
  options?: ReadOptions,
  context?: ReaderContext,
) => AsyncIterable<LedgerRow[]>;

/**
 * The folder's plan per exercice (nearest-year rule, see choosePlan), cached in `plans` for the provenance. A
 * document that names its own declinaison (`named`, e.g. a TOTEM M57-M57_A) refines a manifest that names only its
 * norme (M57); the entity's population settles a bare M57 after 2022 otherwise.
 */
export function planResolver(
  declinaison: string,
  plans: Map<number, Plan>,
  perExercice: Record<string, string> = {},
  hint: PlanHint = {},
): (exercice: number, named?: string) => Plan {
  const resolve = (exercice: number, named?: string): Plan => {
    let p = plans.get(exercice);
    if (!p) {
      const wanted = perExercice[String(exercice)] ?? declinaison;
      const bare = wanted.trim().toUpperCase();
      const own = named?.trim().toUpperCase().split('-').pop();
      const refined = own && own.startsWith(`${bare}_`) ? own : wanted;
      p = resolvePlan(refined, exercice, { ...hint, ...(named ? { declinaison: named } : {}) });
      plans.set(exercice, p);
    }
    return p;
  };
  SPECS.set(resolve, { declinaison, perExercice, hint });
  return resolve;
}

/** What a resolver was made of, as data: another thread makes the same one (read/csv-parallel.ts). */
export interface PlanSpec {
  declinaison: string;
  perExercice: Record<string, string>;
  hint: PlanHint;
}

const SPECS = new WeakMap<object, PlanSpec>();

/** The spec of a resolver made by planResolver, or undefined for any other function. */
export function planSpecOf(planFor: object): PlanSpec | undefined {
  return SPECS.get(planFor);
}
