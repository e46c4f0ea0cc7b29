// Cell helpers and the input shared by the multi-year tables (présentation détaillée, dette, épargne, désendettement).
import type { Categorie, Ratio } from '../compute/desendettement.js';
import type { Sourced } from '../compute/dette.js';
import type { Maybe } from '../compute/epargne.js';
import type { Rate } from '../compute/evolution.js';
import type { Cents, Dec } from '../money/cents.js';
import type { BudgetInfo, ExerciceBudget } from '../model/budget.js';
import type { Plan } from '../nomenclature/plan.js';
import type { DetteRow } from '../model/side-tables.js';
import { decimalToCents } from '../money/cents.js';
import type { PublishedFigure } from '../model/side-tables.js';
import type { SerieRow } from '../model/side-tables.js';
import { amount, empty, ns, type Cell, type Column } from './table.js';

export interface MultiYearInput {
  budget: BudgetInfo;
  years: ReadonlyMap<number, ExerciceBudget>;
  plans: ReadonlyMap<number, Plan>;
  dette?: readonly DetteRow[];
  serie?: readonly SerieRow[];
  /** Published figures by stable id. */
  publie?: ReadonlyMap<string, PublishedFigure>;
  categorie?: Categorie;
  plafondDesendettement?: number;
  /** Unit of the ledger figures: "1" when they are whole euros as printed. */
  precision?: '0.01' | '1';
  excludeCessions?: boolean;
  /** The definition of the aggregates (`ca` when absent). */
  definition?: string;
}

export const percent = (value: Dec): Cell => ({ kind: 'percent', value });
export const ratioCell = (value: Dec): Cell => ({ kind: 'ratio', value });
export const rateCell = (r: Rate | undefined): Cell => (r === undefined ? empty : 'value' in r ? percent(r.value) : ns(r.reason));
export const maybeCell = (m: Maybe<Cents> | Sourced): Cell => ('value' in m ? amount(m.value) : ns(m.reason));
export const ratioOf = (r: Ratio): Cell => ('value' in r ? ratioCell(r.value) : ns(r.reason));
export const col = (id: string, label: string, kind: Column['kind']): Column => ({ id, label, kind });

export function range(first: number, last: number): number[] {
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

export function yearRows(years: number[], make: (y: number) => Cell): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const y of years) out[String(y)] = make(y);
  return out;
}

export function publishedCents(p: PublishedFigure | undefined): Cents | undefined {
  return p ? decimalToCents(p.valeur) : undefined;
}
