// Which rows of budget documents (BP, BS, DM) enter the model: the one reprise per budget and year that continuity reads.
import type { DocumentFacts } from '../model/document.js';
import type { LedgerRow } from '../model/ledger.js';

/** A BP takes the previous year's results over first; a BP rectifié or a BS when there is no BP. DMs never do. */
const REPRISE_ORDER = ['01', '04', '03'];

/**
 * The rows of the budget documents to fold into the model. A year that has its execution (CA, CFU) keeps only that;
 * otherwise the first of its BP / BP rectifié / BS gives the year its carried 001/002, 1068 and RAR taken over (every
 * other amount of a budget row is 0). A DM's amounts are movements on the budget: they never enter the model.
 */
export function budgetRowsToKeep(documents: readonly DocumentFacts[], held: readonly LedgerRow[]): LedgerRow[] {
  const key = (budget: string, exercice: number) => `${budget}|${exercice}`;
  const executed = new Set(documents.filter((d) => d.kind === 'execution').map((d) => key(d.budget, d.exercice)));
  const chosen = new Map<string, DocumentFacts>();
  for (const d of documents) {
    if (d.kind !== 'budget' || executed.has(key(d.budget, d.exercice))) continue;
    const rank = REPRISE_ORDER.indexOf(d.natDec);
    if (rank < 0) continue;
    const k = key(d.budget, d.exercice);
    const first = chosen.get(k);
    if (!first || rank < REPRISE_ORDER.indexOf(first.natDec)) chosen.set(k, d);
  }
  return held.filter((r) => chosen.get(key(r.budget, r.exercice))?.file === r.file);
}

/** Whether a row comes from a budget document (its fate waits until every file is read). */
export function isBudgetRow(documents: readonly DocumentFacts[], row: LedgerRow): boolean {
  const of = documents.filter((d) => d.file === row.file && d.budget === row.budget && d.exercice === row.exercice);
  return of.length > 0 && of.every((d) => d.kind === 'budget');
}
