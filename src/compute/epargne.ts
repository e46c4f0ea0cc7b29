// Épargne of one exercice: brute (real recettes − real dépenses of fonctionnement, order and 002 excluded), de gestion, nette.
import type { Cents } from '../money/cents.js';
import type { ExerciceBudget, FlowData } from '../model/budget.js';
import { t as msg } from '../messages/index.js';

export type Maybe<T> = { value: T } | { reason: string };

function realOnly(flow: FlowData, excludePrefixes: string[]): Maybe<Cents> {
  if (flow.declaredTotal) {
    return {
      reason: msg('report.sectionTotalOnly', { flow: `${flow.section}${flow.sens}`, line: flow.declaredTotal.line }),
    };
  }
  let t = 0n;
  for (const c of flow.chapters.values()) {
    if (c.nature !== 'reel') continue;
    t += c.realise;
    if (excludePrefixes.length === 0) continue;
    for (const [compte, a] of c.accounts) {
      if (excludePrefixes.some((p) => compte.startsWith(p))) t -= a.realise;
    }
  }
  return { value: t };
}

export interface EpargneOptions {
  /** Account prefixes left out of real recettes (775: asset sales, as national aggregates do). */
  excludeRecettes?: string[];
}

export function recettesReelles(ex: ExerciceBudget, o: EpargneOptions = {}): Maybe<Cents> {
  return realOnly(ex.flows.FR, o.excludeRecettes ?? []);
}

export function depensesReelles(ex: ExerciceBudget): Maybe<Cents> {
  return realOnly(ex.flows.FD, []);
}

export function epargneBrute(ex: ExerciceBudget, o: EpargneOptions = {}): Maybe<Cents> {
  const r = recettesReelles(ex, o);
  const d = depensesReelles(ex);
  if ('reason' in r) return r;
  if ('reason' in d) return d;
  return { value: r.value - d.value };
}

/** Épargne de gestion = épargne brute + intérêts de la dette (66111 + 66112). */
export function epargneGestion(brute: Maybe<Cents>, interets: Maybe<Cents>): Maybe<Cents> {
  if ('reason' in brute) return brute;
  if ('reason' in interets) return { reason: msg('report.interetsUnknown', { reason: interets.reason }) };
  return { value: brute.value + interets.value };
}

/** Épargne nette = épargne brute − capital repaid (amortissement of the debt). */
export function epargneNette(brute: Maybe<Cents>, amortissement: Maybe<Cents>): Maybe<Cents> {
  if ('reason' in brute) return brute;
  if ('reason' in amortissement) return { reason: msg('report.amortissementUnknown', { reason: amortissement.reason }) };
  return { value: brute.value - amortissement.value };
}

/** Whether proceeds of asset sales (775…) can be told apart: chapter 77 absent, or fully detailed by account. */
export function cessionsDetaillees(ex: ExerciceBudget): boolean {
  const c77 = ex.flows.FR.chapters.get('77');
  if (!c77) return true;
  let detailed = 0n;
  for (const a of c77.accounts.values()) detailed += a.realise;
  return detailed === c77.realise;
}
