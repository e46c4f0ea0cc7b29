// The EMPRUNT annex as état de la dette rows (the shape of dette.csv), and the merge of several years' annexes.
import type { Cents } from '../../money/cents.js';
import type { DetteRow } from '../../model/side-tables.js';
import type { EmpruntsRead } from './emprunt.js';

/**
 * What an exercice's annex gives: encours at 01/01 (as the previous year's 31/12), and for the exercice the encours at
 * 31/12, the interest and, when the file has it, the capital repaid. New loans come from the ledger.
 */
export function empruntsToDette(exercice: number, emprunts: EmpruntsRead, file: string): DetteRow[] | undefined {
  const own = emprunts.own;
  if (own.length === 0) return undefined;
  const total = (pick: (r: (typeof own)[number]) => Cents | undefined): Cents | undefined =>
    own.some((r) => pick(r) !== undefined) ? own.reduce((t, r) => t + (pick(r) ?? 0n), 0n) : undefined;
  const line = own[0]!.line;
  const opening = total((r) => r.encours0101);
  const rows: DetteRow[] = [];
  if (opening !== undefined) rows.push({ exercice: exercice - 1, encours: opening, file, line });
  const row: DetteRow = { exercice, file, line };
  const encours = total((r) => r.encours3112);
  const interets = total((r) => r.interets);
  const amortissement = total((r) => r.amortissement);
  if (encours !== undefined) row.encours = encours;
  if (interets !== undefined) row.interets = interets;
  if (amortissement !== undefined) row.amortissement = amortissement;
  rows.push(row);
  return rows;
}

/**
 * One row per exercice from the annexes of several years: a year's own annex wins over the opening encours that the
 * next year's annex gives for it (they agree when the files do; the état de la dette shows the gap when not).
 */
export function mergeDetteRows(rows: readonly DetteRow[]): DetteRow[] {
  const own = (r: DetteRow) => r.interets !== undefined || r.amortissement !== undefined;
  const byYear = new Map<number, DetteRow>();
  for (const r of [...rows].sort((a, b) => Number(own(b)) - Number(own(a)))) {
    const first = byYear.get(r.exercice);
    if (!first) byYear.set(r.exercice, { ...r });
    else for (const k of ['encours', 'interets', 'amortissement', 'empruntsNouveaux'] as const) if (first[k] === undefined && r[k] !== undefined) first[k] = r[k];
  }
  return [...byYear.values()].sort((a, b) => a.exercice - b.exercice);
}
