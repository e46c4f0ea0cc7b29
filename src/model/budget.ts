// The budget model: ledger rows folded into budgets → exercices → (section, sens) → chapters → accounts.
import type { InputProblem } from '../errors.js';
import { addOptional, type Cents } from '../money/cents.js';
import type { LedgerRow, Nature, Section, Sens } from './ledger.js';

export interface Amounts {
  realise: Cents;
  rar: Cents;
  creditsOuverts?: Cents;
  rarPrecedent?: Cents;
}

/** Adds `from` into `into`: realised and RAR always, crédits ouverts and RAR taken over when either side has them. */
export function addAmounts(into: Amounts, from: Amounts): void {
  into.realise += from.realise;
  into.rar += from.rar;
  const co = addOptional(into.creditsOuverts, from.creditsOuverts);
  if (co !== undefined) into.creditsOuverts = co;
  const rp = addOptional(into.rarPrecedent, from.rarPrecedent);
  if (rp !== undefined) into.rarPrecedent = rp;
}

/** Where a figure was read, for findings: file, line and, for a spreadsheet, the row's cell (Feuille1!A12). */
export interface Source {
  file: string;
  line: number;
  cell?: string;
}

export function sourceOf(row: Source): Source {
  return row.cell ? { file: row.file, line: row.line, cell: row.cell } : { file: row.file, line: row.line };
}

export interface ChapterData extends Amounts, Source {
  code: string;
  nature: Exclude<Nature, ''>;
  /** Account-level detail when the ledger has it (compte → amounts). */
  accounts: Map<string, Amounts>;
}

export interface FlowData {
  section: Section;
  sens: Sens;
  /** The realised total given without a chapter split, if any. */
  declaredTotal?: { realise: Cents } & Source;
  chapters: Map<string, ChapterData>;
  /** 001 / 002 carried in this sens (R: excédent, D: déficit); undefined when absent. */
  reporte?: { amount: Cents } & Source;
}

export type FlowKey = `${Section}${Sens}`;
export const FLOW_KEYS: FlowKey[] = ['FD', 'FR', 'ID', 'IR'];

export interface ExerciceBudget {
  budget: string;
  exercice: number;
  flows: Record<FlowKey, FlowData>;
}

export interface BudgetInfo {
  id: string;
  label: string;
}

export interface Model {
  budgets: BudgetInfo[];
  /** budget id → exercice → data */
  data: Map<string, Map<number, ExerciceBudget>>;
}

const CARRIED = new Set(['001', '002']);

function emptyFlow(section: Section, sens: Sens): FlowData {
  return { section, sens, chapters: new Map() };
}

export function emptyModel(budgets: BudgetInfo[]): Model {
  return { budgets, data: new Map(budgets.map((b) => [b.id, new Map()])) };
}

export function exerciceOf(model: Model, budget: string, exercice: number): ExerciceBudget {
  let years = model.data.get(budget);
  if (!years) {
    years = new Map();
    model.data.set(budget, years);
  }
  let ex = years.get(exercice);
  if (!ex) {
    ex = {
      budget,
      exercice,
      flows: { FD: emptyFlow('F', 'D'), FR: emptyFlow('F', 'R'), ID: emptyFlow('I', 'D'), IR: emptyFlow('I', 'R') },
    };
    years.set(exercice, ex);
  }
  return ex;
}

/**
 * Folds one validated row into the model. Returns the problems that only show across rows
 * (an unknown budget, a realised amount given both as a section total and by chapter).
 */
export function addRow(model: Model, row: LedgerRow): InputProblem[] {
  const at = (column: string, message: string, value: string): InputProblem[] => [
    { file: row.file, line: row.line, column, message, value },
  ];
  if (!model.budgets.some((b) => b.id === row.budget)) {
    return at('budget', `budget ${row.budget} is not declared in the manifest (${model.budgets.map((b) => b.id).join(', ')})`, row.budget);
  }
  const flow = exerciceOf(model, row.budget, row.exercice).flows[`${row.section}${row.sens}`];
  if (CARRIED.has(row.chapitre)) {
    if (flow.reporte) {
      return at('chapitre', `carried result ${row.chapitre} ${row.sens} already given at line ${flow.reporte.line}`, row.chapitre);
    }
    flow.reporte = { amount: row.realise, ...sourceOf(row) };
    return [];
  }
  if (row.chapitre === '') {
    if (flow.declaredTotal) {
      return at('chapitre', `section total already given at line ${flow.declaredTotal.line}`, '');
    }
    const split = [...flow.chapters.values()].find((c) => c.realise !== 0n);
    if (split) {
      return at('realise', `a section total is given while chapter ${split.code} (line ${split.line}) carries a realised amount: chapter rows of a section total carry rar only`, String(row.realise));
    }
    flow.declaredTotal = { realise: row.realise, ...sourceOf(row) };
    return [];
  }
  if (flow.declaredTotal && row.realise !== 0n) {
    return at('realise', `the section total of line ${flow.declaredTotal.line} already gives the realised amount: chapter rows carry rar only`, String(row.realise));
  }
  let chapter = flow.chapters.get(row.chapitre);
  if (!chapter) {
    chapter = {
      code: row.chapitre,
      nature: row.nature === '' ? 'reel' : row.nature,
      realise: 0n,
      rar: 0n,
      accounts: new Map(),
      ...sourceOf(row),
    };
    flow.chapters.set(row.chapitre, chapter);
  }
  addAmounts(chapter, row);
  if (row.compte !== '') {
    const acc = chapter.accounts.get(row.compte) ?? { realise: 0n, rar: 0n };
    acc.realise += row.realise;
    acc.rar += row.rar;
    chapter.accounts.set(row.compte, acc);
  }
  return [];
}

/** The realised total of a flow, excluding carried results: the declared total, else the sum of chapters. */
export function realisedTotal(flow: FlowData): Cents {
  if (flow.declaredTotal) return flow.declaredTotal.realise;
  let t = 0n;
  for (const c of flow.chapters.values()) t += c.realise;
  return t;
}

export function rarTotal(flow: FlowData): Cents {
  let t = 0n;
  for (const c of flow.chapters.values()) t += c.rar;
  return t;
}

/** Whether chapter-level figures (épargne, presentation by chapter) can be computed for this flow. */
export function hasChapterSplit(flow: FlowData): boolean {
  return flow.declaredTotal === undefined;
}
