// The état de la dette of one year from the EMPRUNT annex: own loans by CodTypEmpr rules, guaranteed loans apart.
import { empruntType, type DebtColumn } from '../definitions/emprunt-types.js';
import type { Cents } from '../money/cents.js';
import type { AnnexLoan } from '../model/annex.js';

export type { AnnexLoan };

export type DebtTotals = Record<DebtColumn, Cents>;

export interface AnnexDebt {
  own: DebtTotals;
  ownLoans: number;
  /** Per CodTypEmpr: count and raw totals, for the annex table. */
  byType: Map<string, { count: number; totals: DebtTotals }>;
  guaranteed: { count: number; totals: DebtTotals };
  /** Codes the rules do not know, left out (with their lines). */
  unknown: { type: string; line: number }[];
}

const zero = (): DebtTotals => ({ encours0101: 0n, amortissement: 0n, interets: 0n, empruntsNouveaux: 0n, encours3112: 0n });

function values(l: AnnexLoan, exercice: number): DebtTotals {
  return {
    encours0101: l.encours0101 ?? 0n,
    amortissement: l.amortissement ?? 0n,
    interets: l.interets ?? 0n,
    // A loan encashed in the year is drawn in the year: its original amount.
    empruntsNouveaux: l.anneeEncaissement === exercice ? (l.montantInitial ?? 0n) : 0n,
    encours3112: l.encours3112 ?? 0n,
  };
}

export function annexDebt(loans: readonly AnnexLoan[], exercice: number): AnnexDebt {
  const out: AnnexDebt = { own: zero(), ownLoans: 0, byType: new Map(), guaranteed: { count: 0, totals: zero() }, unknown: [] };
  for (const l of loans) {
    const t = empruntType(l.type);
    if (!t) {
      out.unknown.push({ type: l.type, line: l.line });
      continue;
    }
    const v = values(l, exercice);
    const slot = out.byType.get(t.code) ?? { count: 0, totals: zero() };
    slot.count++;
    for (const k of Object.keys(v) as DebtColumn[]) slot.totals[k] += v[k];
    out.byType.set(t.code, slot);
    if (t.role === 'garanti') {
      out.guaranteed.count++;
      for (const k of Object.keys(v) as DebtColumn[]) out.guaranteed.totals[k] += v[k];
      continue;
    }
    if (t.columns.length === 0) continue;
    if (t.role === 'propre') out.ownLoans++;
    for (const k of t.columns) out.own[k] += v[k];
  }
  return out;
}
