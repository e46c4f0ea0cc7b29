// Results of the year per section, carried results, RAR, besoin de financement and the global result.
import type { Cents } from '../money/cents.js';
import { realisedTotal, rarTotal, type ExerciceBudget, type FlowData } from '../model/budget.js';

export interface SectionResult {
  recettes: Cents;
  depenses: Cents;
  /** recettes − dépenses of the year. */
  solde: Cents;
  /** R002/R001 positive, D002/D001 negative; 0 when absent. */
  reporte: Cents;
  /** Résultat à affecter (F) or solde d'exécution cumulé (I). */
  cumule: Cents;
}

export interface RarTotals {
  recettes: Cents;
  depenses: Cents;
  solde: Cents;
}

export interface Resultats {
  fonctionnement: SectionResult;
  investissement: SectionResult;
  rarInvestissement: RarTotals;
  rarFonctionnement: RarTotals;
  /** Solde d'exécution cumulé + RAR recettes − RAR dépenses of investment: negative is a besoin. */
  besoinFinancement: Cents;
  /** Fonctionnement cumulé + investissement cumulé + all RAR recettes − all RAR dépenses. */
  resultatGlobal: Cents;
}

function carried(d: FlowData, r: FlowData): Cents {
  return (r.reporte?.amount ?? 0n) - (d.reporte?.amount ?? 0n);
}

function section(d: FlowData, r: FlowData): SectionResult {
  const recettes = realisedTotal(r);
  const depenses = realisedTotal(d);
  const solde = recettes - depenses;
  const reporte = carried(d, r);
  return { recettes, depenses, solde, reporte, cumule: solde + reporte };
}

function rar(d: FlowData, r: FlowData): RarTotals {
  const recettes = rarTotal(r);
  const depenses = rarTotal(d);
  return { recettes, depenses, solde: recettes - depenses };
}

export function computeResultats(ex: ExerciceBudget): Resultats {
  const { FD, FR, ID, IR } = ex.flows;
  const fonctionnement = section(FD, FR);
  const investissement = section(ID, IR);
  const rarInvestissement = rar(ID, IR);
  const rarFonctionnement = rar(FD, FR);
  const besoinFinancement = investissement.cumule + rarInvestissement.solde;
  const resultatGlobal = fonctionnement.cumule + investissement.cumule + rarInvestissement.solde + rarFonctionnement.solde;
  return { fonctionnement, investissement, rarInvestissement, rarFonctionnement, besoinFinancement, resultatGlobal };
}
