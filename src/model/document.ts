// What an official file (TOTEM, CFU, SCDL) says about itself beyond its rows: its kind, its crédits, its declared totals.
import type { AnnexLoan } from './annex.js';
import type { Cents } from '../money/cents.js';
import type { Nature, Section, Sens } from './ledger.js';
import type { Plan } from '../nomenclature/plan.js';

/** NatDec codes the product knows: which document a file is. */
export const NAT_DEC: Record<string, string> = {
  '01': 'budget primitif',
  '02': 'décision modificative',
  '03': 'budget supplémentaire',
  '04': 'budget primitif rectifié',
  '09': 'compte administratif',
  '10': 'compte financier unique',
};

/** NatDec codes of documents that carry an execution (realised amounts, RAR); every other one is a budget. */
export const EXECUTION_NAT_DEC = new Set(['09', '10']);

/** The amounts a budget line votes or takes over; each undefined when the file leaves it empty. */
export interface CreditAmounts {
  /** Crédits of the previous budget (BP of N−1 in a BP, the budget before this decision in a DM). */
  mtBudgPrec?: Cents;
  /** RAR of N−1 taken over. */
  mtRarPrec?: Cents;
  /** New proposals of the executive. */
  mtPropNouv?: Cents;
  /** What the assembly votes in this document. */
  mtPrev?: Cents;
  /** Crédits ouverts (previous + RAR + voted) where the file states them. */
  credOuv?: Cents;
}

export const CREDIT_FIELDS = ['mtBudgPrec', 'mtRarPrec', 'mtPropNouv', 'mtPrev', 'credOuv'] as const;
export type CreditField = (typeof CREDIT_FIELDS)[number];

/** One account line of a budget document, classified like a ledger row (carried 001/002 have compte ''). */
export interface CreditLine extends CreditAmounts {
  section: Section;
  sens: Sens;
  chapitre: string;
  compte: string;
  nature: Nature;
  line: number;
  /** Opération d'équipement the line belongs to, when the file says (TOTEM Operation). */
  operation?: string;
  /** Realised amount (MtReal), in an execution document. */
  mtReal?: Cents;
}

/** A declared chapter total (a CFU calculated line) compared with the account lines it totals, one amount at a time. */
export interface DeclaredTotal {
  line: number;
  chapitre: string;
  sens: Sens;
  /** Which lines it totals: real (reel), order (ordre) or both (''); no opération, one opération, or all. */
  nature: Nature;
  operation: 'none' | 'all' | string;
  /** The TOTEM element compared (MtReal, CredOuv…). */
  field: string;
  declared: Cents;
  computed: Cents;
}

/** The accounting part of a CFU (DocumentComptable): its lines by état, agrégat and chapter. */
export interface ComptableLine {
  line: number;
  etat: string;
  agregat: string;
  modeTraitement: string;
  intitule: string;
  chapitre: string;
  nature: string;
  codeRD: string;
  section: string;
  operation: string;
  mtNet?: Cents;
  mtNetPrec?: Cents;
  mtRealNettes?: Cents;
  mtPrevisions?: Cents;
}

/** A value the file states that the product does not know or that fails its key (NatDec, SIRET). */
export interface IdentifierProblem {
  line: number;
  field: string;
  value: string;
  message: string;
}

export interface DocumentFacts {
  file: string;
  budget: string;
  exercice: number;
  natDec: string;
  /** The plan the document was read with (its chapters' labels). */
  plan?: Plan;
  /** A CA or CFU carries an execution; a BP, BS or DM only votes crédits. */
  kind: 'execution' | 'budget';
  /**
   * Account lines with their crédits (every document; what a budget document is about). A TOTEM reader may sum lines
   * that agree on section, sens, chapter, account, nature, opération and which amounts they state into one entry
   * (the first line's): every reader of this list selects and sums by those.
   */
  credits: CreditLine[];
  /** CFU calculated chapter totals, checked against their lines. */
  declaredTotals: DeclaredTotal[];
  /** Calculated lines skipped without a check (group totals: Groupe, RegroupNature…). */
  calculatedSkipped: number;
  /** The CFU's accounting part, when present. */
  comptable?: ComptableLine[];
  /** Capital restant dû at 31/12 of own loans (EMPRUNT annex), when the annex gives it. */
  crdOwn?: Cents;
  /** 1068 voted over the year (MtCumulDM, else CredOuv) and executed (MtReal), when the file has a 1068 line. */
  compte1068?: { voted?: Cents; executed?: Cents; line: number };
  identifiers: IdentifierProblem[];
  /** Every EMPRUNT record (own, refinancing, guaranteed) with its CodTypEmpr: the single-year état de la dette. */
  loans?: readonly AnnexLoan[];
  /** The annex's summary record (CodTypEmpr 10): RReelFon, AnnuitNetDette… as written. */
  annexRatios?: ReadonlyMap<string, string>;
  /** InformationsGenerales: Code → V as written (PopTot "3 446", ratios "646,40"). */
  informations?: Map<string, string>;
  /** The line of each InformationsGenerales code, for findings on a published ratio. */
  informationLines?: Map<string, number>;
}

export function natDecLabel(natDec: string): string {
  return NAT_DEC[natDec] ?? `document NatDec ${natDec || '(none)'}`;
}
