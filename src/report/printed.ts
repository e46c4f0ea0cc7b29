// Which tables the printed documents (XLSX, HTML, PDF) carry: all but the single-year analysis of earlier exercices, with a note.
import { t, tl, type Lang } from '../messages/index.js';
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

/** A table none of whose figures can be computed: every figure cell is n.s., but for at most one (a ceiling, a population). */
function uncomputableReason(x: Table): string | undefined {
  let figures = 0;
  const reasons = new Map<string, number>();
  for (const r of x.rows) {
    for (const c of Object.values(r.cells)) {
      if (c.kind === 'text' || c.kind === 'empty') continue;
      figures++;
      if (c.kind === 'ns') reasons.set(c.reason, (reasons.get(c.reason) ?? 0) + 1);
    }
  }
  const nsCount = [...reasons.values()].reduce((a, b) => a + b, 0);
  if (nsCount < 2 || nsCount < figures - 1) return undefined;
  // The reason most cells give (a ledger at section level: the same reason everywhere).
  return [...reasons].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * For the HTML / PDF report: a table in which nothing can be computed (SITIV's ledgers give each section as one total:
 * épargne, dette, capacité and ratios are all n.s.) prints as one line of a table "Tableaux non calculés" in its place,
 * instead of a page of n.s. cells; every other writer keeps the table whole.
 */
export function collapseUncomputable(tables: readonly Table[], lang: Lang): Table[] {
  const out: Table[] = [];
  const byScope = new Map<string, Table>();
  for (const x of tables) {
    const reason = uncomputableReason(x);
    if (reason === undefined) {
      out.push(x);
      continue;
    }
    let holder = byScope.get(x.scope);
    if (!holder) {
      holder = {
        id: 'non-calcules',
        scope: x.scope,
        title: tl(lang, 'report.uncomputableTitle', { scope: x.title.split(' — ')[0]! }),
        columns: [
          { id: 'tableau', label: tl(lang, 'report.uncomputableTable'), kind: 'text' },
          { id: 'raison', label: tl(lang, 'report.uncomputableReason'), kind: 'text' },
        ],
        rows: [],
        notes: [tl(lang, 'report.uncomputableNote')],
      };
      byScope.set(x.scope, holder);
      out.push(holder);
    }
    holder.rows.push({ id: x.id, role: 'item', cells: { tableau: { kind: 'text', text: x.title }, raison: { kind: 'text', text: reason } } });
  }
  return out;
}
