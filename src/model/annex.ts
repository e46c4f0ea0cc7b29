// One record of an official document's EMPRUNT annex, as the single-year état de la dette and the debt audit read it.
import type { Cents } from '../money/cents.js';

/** The fields of one EMPRUNT record the état de la dette and its audit need (read/totem/emprunt.ts fills them). */
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
  /** NumContrat, ObjEmpr, LibOrgaPreteur, CodArticle (chapter-16 account, e.g. 1641) as written. */
  numero?: string;
  objet?: string;
  preteur?: string;
  compte?: string;
  /** Rate type at the vote date (CodTyptxDtVote), else the initial one (CodTyptxInit): F fixe, V / R variable… */
  typeTaux?: string;
  /** DureeRest: years left to the last maturity, as written ("6.67"). */
  dureeRestante?: string;
  /** CodProfilAmort (F in fine, C capital constant, X other with ProfilAmort in words…). */
  profilAmort?: string;
  /** Guaranteed loans: NomBenefEmprGaranti, CodTypEmprGaranti and PartGarantie (percent of the loan guaranteed) as written. */
  beneficiaire?: string;
  typeGarantie?: string;
  partGarantie?: string;
}
