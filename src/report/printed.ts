// Which tables the printed documents (XLSX, HTML, PDF) carry: all but the single-year analysis of earlier exercices, with a note.
import { t } from '../messages/index.js';
import type { Table } from './table.js';

/**
 * Leaves out the tables marked `printOmitted` (the chapters, épargne, dette, capacité and ratios of a multi-year
 * folder's earlier exercices: every year's would take SITIV 2018–2022 from 37 to 69 A4 pages) and says so in a note on
 * the first printed table of the same budget and kind, naming the years left out and the outputs that give them.
 */
export function printedTables(tables: readonly Table[]): Table[] {
  const omitted = tables.filter((x) => x.printOmitted);
  if (omitted.length === 0) return [...tables];
  const budgetOf = (x: Table) => x.scope.split('.')[0]!;
  const yearsOf = new Map<string, Set<string>>();
  for (const x of omitted) {
    const key = `${budgetOf(x)}|${x.id}`;
    yearsOf.set(key, (yearsOf.get(key) ?? new Set()).add(x.scope.slice(budgetOf(x).length + 1)));
  }
  return tables
    .filter((x) => !x.printOmitted)
    .map((x) => {
      const years = yearsOf.get(`${budgetOf(x)}|${x.id}`);
      if (!years) return x;
      return { ...x, notes: [...x.notes, t('dette.printedLastYearOnly', { years: [...years].sort().join(', ') })] };
    });
}
