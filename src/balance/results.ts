// From an entity's exact sums to its results: sections of the year, épargne, encours and capacité de désendettement (pure).
import type { Cents, Quotient } from '../money/cents.js';
import { totalsFrom, type Totals } from './buckets.js';

export interface SectionYear {
  /** Titres of the year, real and order. */
  recettes: Cents;
  /** Mandats of the year, real and order. */
  depenses: Cents;
  /** recettes − dépenses: résultat (F) or solde d'exécution (I) of the year, without carried results. */
  solde: Cents;
}

export type Maybe<T> = { value: T } | { value: null; reason: string };

export interface BalanceResult {
  fonctionnement: SectionYear;
  investissement: SectionYear;
  recettesReellesFonctionnement: Cents;
  depensesReellesFonctionnement: Cents;
  interets: Cents;
  epargneGestion: Cents;
  epargneBrute: Cents;
  remboursementCapital: Cents;
  epargneNette: Cents;
  empruntsNouveaux: Cents;
  cessions: Cents;
  encoursDebut: Cents;
  encours: Cents;
  /** encours ÷ épargne brute, in years, as the exact quotient (render rounds it to one decimal). */
  capaciteDesendettement: Maybe<Quotient>;
}

export interface ResultOptions {
  /** Take proceeds of asset sales (775) out of real recettes, as national aggregates do. */
  excludeCessions?: boolean;
}

/** What a balance cannot give: said in every output instead of being invented. */
export const BALANCE_GAPS = {
  restesARealiser: 'a DGFiP balance carries no restes à réaliser',
  resultatsReportes: 'a DGFiP balance carries no results carried from the previous year (001/002)',
} as const;

function section(recettes: Cents, depenses: Cents): SectionYear {
  return { recettes, depenses, solde: recettes - depenses };
}

export function capaciteDesendettement(encours: Cents, epargneBrute: Cents): Maybe<Quotient> {
  if (epargneBrute <= 0n) {
    return { value: null, reason: `épargne brute ≤ 0 (${epargneBrute < 0n ? 'négative' : 'nulle'}): capacité de désendettement not meaningful` };
  }
  return { value: { num: encours, den: epargneBrute } };
}

export function computeBalanceResult(totals: Totals | readonly bigint[], options: ResultOptions = {}): BalanceResult {
  const t = Array.isArray(totals) ? totalsFrom(totals) : (totals as Totals);
  const fonctionnement = section(t.FR_REEL + t.FR_ORDRE, t.FD_REEL + t.FD_ORDRE);
  const investissement = section(t.IR_REEL + t.IR_ORDRE, t.ID_REEL + t.ID_ORDRE);
  const rrf = options.excludeCessions ? t.FR_REEL - t.CESSIONS : t.FR_REEL;
  const drf = t.FD_REEL;
  const epargneBrute = rrf - drf;
  return {
    fonctionnement,
    investissement,
    recettesReellesFonctionnement: rrf,
    depensesReellesFonctionnement: drf,
    interets: t.INTERETS,
    epargneGestion: epargneBrute + t.INTERETS,
    epargneBrute,
    remboursementCapital: t.CAPITAL,
    epargneNette: epargneBrute - t.CAPITAL,
    empruntsNouveaux: t.EMPRUNTS,
    cessions: t.CESSIONS,
    encoursDebut: t.ENCOURS_DEBUT,
    encours: t.ENCOURS_FIN,
    capaciteDesendettement: capaciteDesendettement(t.ENCOURS_FIN, epargneBrute),
  };
}
