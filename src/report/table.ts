// The one table model every writer renders: typed cells, row roles, stable ids and optional formulas.
import type { Cents, Dec } from '../money/cents.js';

export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'amount'; cents: Cents }
  /** A percentage, in percent units (53.0 means 53,0 %), unrounded. */
  | { kind: 'percent'; value: Dec }
  /** A ratio in years (capacité de désendettement), unrounded. */
  | { kind: 'ratio'; value: Dec }
  /** Not meaningful, with the reason (JSON null). */
  | { kind: 'ns'; reason: string }
  | { kind: 'empty' };

export type ColumnKind = 'text' | 'amount' | 'percent' | 'ratio';

export interface Column {
  id: string;
  label: string;
  kind: ColumnKind;
}

export type RowRole = 'head' | 'item' | 'total';

export interface CellRef {
  row: string;
  column: string;
}

/** An argument of min / max / sub: a cell, a constant amount (an input such as a decided 1068) or a sub-formula. */
export type Operand = CellRef | { cents: Cents } | Formula;

/**
 * How a derived cell is made, so a spreadsheet writer can emit a live formula. Percent formulas (pct, evo, cagr,
 * mean of percent cells) give the percentage in percent units, as the cell holds it.
 */
export type Formula =
  | { op: 'sum'; refs: CellRef[] }
  | { op: 'sub'; a: Operand; b: Operand }
  /** a − each of refs (crédits annulés = ouverts − réalisé − RAR). */
  | { op: 'minus'; a: CellRef; refs: CellRef[] }
  | { op: 'add'; refs: CellRef[] }
  | { op: 'pct'; part: CellRef; whole: CellRef }
  | { op: 'min' | 'max'; args: Operand[] }
  /** a ÷ b (a ratio in years). */
  | { op: 'div'; a: CellRef; b: CellRef }
  /** Evolution from b to a: (a / b − 1), as a percentage. */
  | { op: 'evo'; a: CellRef; b: CellRef }
  /** Compound annual growth from first to last over `years` years, as a percentage. */
  | { op: 'cagr'; first: CellRef; last: CellRef; years: number }
  /** Arithmetic mean of percentage cells. */
  | { op: 'mean'; refs: CellRef[] };

export interface Row {
  id: string;
  role: RowRole;
  cells: Record<string, Cell>;
  formulas?: Record<string, Formula>;
}

export interface Table {
  /** Table id inside its budget and exercice (execution, rar, affectation…). */
  id: string;
  /** Scope of the ids: `<budget>.<exercice>`; multi-year tables use their first-last span. */
  scope: string;
  title: string;
  columns: Column[];
  rows: Row[];
  notes: string[];
  /**
   * Left out of the printed documents (XLSX, HTML, PDF) to keep them within their page budget: the single-year analysis
   * of a multi-year folder's earlier exercices (report/printed.ts). Every other writer gives it.
   */
  printOmitted?: boolean;
}

export const text = (t: string): Cell => ({ kind: 'text', text: t });
export const amount = (c: Cents): Cell => ({ kind: 'amount', cents: c });
export const ns = (reason: string): Cell => ({ kind: 'ns', reason });
export const empty: Cell = { kind: 'empty' };

/** `<budget>.<exercice>.<table>.<row>.<column>`: the name of a figure in JSON, CSV and publie.csv. */
export function figureId(table: Table, row: Row | string, column: string): string {
  return `${table.scope}.${table.id}.${typeof row === 'string' ? row : row.id}.${column}`;
}

export function cellOf(row: Row, column: string): Cell {
  return row.cells[column] ?? empty;
}
