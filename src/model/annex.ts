// One record of an official document's EMPRUNT annex, as the single-year état de la dette reads it.
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
