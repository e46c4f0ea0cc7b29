// Every budget document of a budget, year by year, as its tables; and which years of the model are budgets only.
import { budgetAfter, budgetView } from '../compute/budget-document.js';
import type { BudgetInfo } from '../model/budget.js';
import { natDecLabel, type DocumentFacts } from '../model/document.js';
import type { Plan } from '../nomenclature/plan.js';
import { creditsTable, equilibreTable, repriseTable } from './budget-document.js';
import type { Table } from './table.js';

/** Budget documents in the order they are voted: BP, BP rectifié, BS, then the DMs by file name. */
const ORDER = ['01', '04', '03', '02'];
const PREFIX: Record<string, string> = { '01': 'bp', '04': 'bpr', '03': 'bs', '02': 'dm' };

const rank = (d: DocumentFacts) => (ORDER.includes(d.natDec) ? ORDER.indexOf(d.natDec) : ORDER.length);
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** Years of a budget that only budget documents describe: no CA table, no execution check for them. */
export function budgetOnlyYears(documents: readonly DocumentFacts[] | undefined, budget: string): Set<number> {
  const docs = (documents ?? []).filter((d) => d.budget === budget);
  const executed = new Set(docs.filter((d) => d.kind === 'execution').map((d) => d.exercice));
  return new Set(docs.filter((d) => d.kind === 'budget' && !executed.has(d.exercice)).map((d) => d.exercice));
}

export function budgetDocumentTables(budget: BudgetInfo, documents: readonly DocumentFacts[] | undefined, plans: Map<number, Plan>): Table[] {
  const tables: Table[] = [];
  const docs = (documents ?? []).filter((d) => d.budget === budget.id && d.kind === 'budget');
  const titled = (t: Table): Table => ({ ...t, title: `${budget.label} — ${t.title}` });
  for (const exercice of [...new Set(docs.map((d) => d.exercice))].sort((a, b) => a - b)) {
    const scope = `${budget.id}.${exercice}`;
    const plan = plans.get(exercice);
    const labelOf = (code: string) => plan?.chapter(code)?.libCourt ?? '';
    const year = docs.filter((d) => d.exercice === exercice).sort((a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const used = new Map<string, number>();
    for (const d of year) {
      const base = PREFIX[d.natDec] ?? `natdec${d.natDec || 'x'}`;
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      const prefix = base === 'dm' || n > 1 ? `${base}${n}` : base;
      const many = year.filter((o) => o.natDec === d.natDec).length > 1 || d.natDec === '02';
      const ctx = { scope, prefix, labelOf, what: `${natDecLabel(d.natDec)} ${exercice}${many ? ` (${baseName(d.file)})` : ''}` };
      const view = budgetView(d);
      tables.push(titled(creditsTable(ctx, view)));
      tables.push(titled(equilibreTable(ctx, view)));
      const reprise = repriseTable(ctx, view, exercice);
      if (reprise) tables.push(titled(reprise));
    }
    // A DM alone shows its movements; with the BP of its year, the budget after them as well.
    const bp = year.find((d) => d.natDec === '01');
    const dms = year.filter((d) => d.natDec === '02');
    if (bp && dms.length > 0) {
      const ctx = { scope, prefix: 'apres-dm', labelOf, what: `budget ${exercice} après ${dms.length} décision${dms.length > 1 ? 's' : ''} modificative${dms.length > 1 ? 's' : ''} (BP + DM)` };
      const view = budgetAfter(bp, dms);
      tables.push(titled(creditsTable(ctx, view, 'crédits par chapitre')));
      tables.push(titled(equilibreTable(ctx, view)));
    }
  }
  return tables;
}

/** The report's heading word: "compte administratif" unless every document read is a budget. */
export function reportHeading(documents: readonly DocumentFacts[] | undefined): string | undefined {
  if (!documents || documents.length === 0 || documents.some((d) => d.kind === 'execution')) return undefined;
  const kinds = [...new Set(documents.map((d) => `${natDecLabel(d.natDec)} ${d.exercice}`))];
  return `${kinds.join(', ')} — un budget, pas une exécution`;
}
