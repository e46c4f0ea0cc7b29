// The key figures of each budget and exercice (results, affectation, épargne, debt ratio), picked from the tables for the summaries.
import { cellOf, figureId, type Cell, type Table } from '../report/table.js';

export interface KeyFigure {
  table: Table;
  row: string;
  column: string;
  /** The row's own label (the table's first text cell). */
  label: string;
  cell: Cell;
  id: string;
}

export interface KeyGroup {
  scope: string;
  /** The budget's label, from the table titles (`Budget principal — …`). */
  budget: string;
  period: string;
  figures: KeyFigure[];
}

/** Which cells make the summary, table by table; rows absent or all-zero optional ones are left out. */
const PICKS: Record<string, { row: string; column: string; optional?: boolean }[]> = {
  execution: [
    { row: 'fonctionnement-cumule', column: 'solde' },
    { row: 'investissement-cumule', column: 'solde' },
    { row: 'investissement-rar', column: 'solde' },
    { row: 'global', column: 'solde' },
  ],
  affectation: [
    { row: 'besoin-financement', column: 'montant' },
    { row: '1068', column: 'montant', optional: true },
    { row: 'r002', column: 'montant', optional: true },
    { row: 'd002', column: 'montant', optional: true },
  ],
  epargne: [{ row: 'epargne-brute', column: 'montant' }],
};

export const budgetOf = (t: Table): string => t.title.split(' — ')[0] ?? t.scope;

export function labelOf(t: Table, rowId: string): string {
  const row = t.rows.find((r) => r.id === rowId);
  const first = row && Object.values(row.cells).find((c) => c.kind === 'text' && c.text !== '');
  return first && first.kind === 'text' ? first.text : rowId;
}

export function keyFigures(tables: Table[]): KeyGroup[] {
  const groups = new Map<string, KeyGroup>();
  for (const t of tables) {
    const picks = PICKS[t.id];
    // Multi-year tables are summarised by their last year's ratio and encours.
    const multi = /-\d{4}$/.test(t.scope);
    const cells = multi ? multiYearPicks(t) : (picks ?? []);
    for (const p of cells) {
      const row = t.rows.find((r) => r.id === p.row);
      if (!row) continue;
      const cell = cellOf(row, p.column);
      if (cell.kind === 'empty') continue;
      if ('optional' in p && p.optional && cell.kind === 'amount' && cell.cents === 0n) continue;
      // A multi-year figure joins its year's group (the column it was picked from).
      const [budgetId, span] = splitScope(t.scope);
      const period = multi ? p.column : span;
      const key = `${budgetId}.${period}`;
      if (!groups.has(key)) groups.set(key, { scope: key, budget: budgetOf(t) || budgetId, period, figures: [] });
      groups.get(key)!.figures.push({ table: t, row: p.row, column: p.column, label: multi ? `${labelOf(t, p.row)} (${p.column})` : labelOf(t, p.row), cell, id: figureId(t, row, p.column) });
    }
  }
  return [...groups.values()];
}

function multiYearPicks(t: Table): { row: string; column: string }[] {
  // The last year of the tables' span (a declared series may run a year further, without ledgers).
  const last = t.scope.split('-').pop();
  if (!last) return [];
  if (t.id === 'desendettement') return [{ row: 'encours', column: last }, { row: 'ratio', column: last }];
  if (t.id === 'epargne') return [{ row: 'epargne-brute', column: last }, { row: 'epargne-nette', column: last }];
  return [];
}

export function splitScope(scope: string): [string, string] {
  const i = scope.lastIndexOf('.');
  return i < 0 ? [scope, ''] : [scope.slice(0, i), scope.slice(i + 1)];
}
