// What an official document (TOTEM / CFU) carries beside its lines: its EMPRUNT annex records and InformationsGenerales.
import type { Cents } from '../money/cents.js';

/** The fields of one EMPRUNT record the état de la dette needs (read/totem/emprunt.ts fills them). */
export interface AnnexLoan {
  /** CodTypEmpr as written (01, 02, 05–10). */
  type: string;
  line: number;
  anneeEncaissement?: number;
  montantInitial?: Cents;
  encours0101?: Cents;
  encours3112?: Cents;
  interets?: Cents;
  amortissement?: Cents;
}

export interface DocumentExtras {
  budget: string;
  exercice: number;
  file: string;
  /** Every loan record of the annex (own, refinancing, guaranteed), with its CodTypEmpr. */
  loans: readonly AnnexLoan[];
  /** InformationsGenerales: Code → V as written (PopTot "3 446", ratios "646,40"). */
  informations: Map<string, string>;
}
