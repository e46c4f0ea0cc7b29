// A DGFiP balance as read: the per-entity slots its lines fold into, how an account feeds them, the entities found.
import type { InputProblem } from '../errors.js';
import type { ExactSums } from '../money/exact-sum.js';
import type { Plan } from '../nomenclature/plan.js';
import { BALANCE_SLOT_SPECS } from '../definitions/balance-slots.js';

/** Slot indexes of an entity's accumulator; every amount lands in zero or more of them. */
export const B = {
  FD_REEL: 0,
  FD_ORDRE: 1,
  FR_REEL: 2,
  FR_ORDRE: 3,
  ID_REEL: 4,
  ID_ORDRE: 5,
  IR_REEL: 6,
  IR_ORDRE: 7,
  /** Real mandats on interest accounts (66111, 66112). */
  INTERETS: 8,
  /** Real mandats on debt principal accounts: capital repaid. */
  CAPITAL: 9,
  /** Real titres on debt principal accounts: new loans. */
  EMPRUNTS: 10,
  /** Real titres on 775: proceeds of asset sales. */
  CESSIONS: 11,
  /** BECRE − BEDEB of debt principal accounts: encours at 01/01. */
  ENCOURS_DEBUT: 12,
  /** SC − SD of debt principal accounts: encours at 31/12. */
  ENCOURS_FIN: 13,
} as const;

/** The slots of the balance's own figures (B above). */
export const BASE_BUCKETS = 14;
/**
 * Slots BASE_BUCKETS + i: the account lists of the named definitions (ofgl, decret-2023), as data in
 * definitions/balance-slots.ts, each folded from the column it names.
 */
export const BUCKET_COUNT = BASE_BUCKETS + BALANCE_SLOT_SPECS.length;

export type BucketName = keyof typeof B;

/** An entity's sums once the file is read: exact, one bigint per slot. */
export type Totals = Record<BucketName, bigint>;

export interface AccountClass {
  compte: string;
  /** Slots receiving real dépenses (OBNETDEB − OOBDEB), order dépenses (OOBDEB), real recettes, order recettes. */
  dReel: number;
  dOrdre: number;
  rReel: number;
  rOrdre: number;
  debt: boolean;
  interest: boolean;
  sale: boolean;
  /** Extra slots of the named definitions this account feeds, flat (slot, column code) pairs (definitions/balance-slots.ts COLUMN). */
  extra: readonly number[];
  /** debt || interest || sale || extra slots: one test on the common line. */
  special: boolean;
  /** Chapter the plan gives each flow; '' when the plan has none and the account class decided the section. */
  chapitres: { dReel: string; dOrdre: string; rReel: string; rOrdre: string };
}

/** Classifies an account under a plan (undefined: no plan, the account class decides); the reader memoises it per account. */
export type Classifier = (plan: Plan | undefined, compte: string) => AccountClass;

export interface EntitySums {
  key: string;
  exer: string;
  ident: string;
  cbudg: string;
  siren: string;
  insee: string;
  ndept: string;
  lbudg: string;
  ctype: string;
  categ: string;
  nomen: string;
  /** Plan id, or how the lines were classified without a plan. */
  plan: string;
  /** NOMEN|EXER: the classification context of its accounts. */
  ctxKey: string;
  /** Line of the file where the entity first appears. */
  firstLine: number;
  /** Lines folded in. */
  lines: number;
  /** Lines of this entity that were rejected: its figures then miss them. */
  rejected: number;
  sums: ExactSums;
}

export interface BalanceRead {
  file: string;
  bytes: number;
  /** Data lines (header and blank lines excluded). */
  lines: number;
  header: boolean;
  entities: EntitySums[];
  rejectedCount: number;
  /** The first MAX_LISTED rejected lines, with line and column. */
  rejected: InputProblem[];
  /** Rejected lines that could not be tied to an entity (key columns unreadable). */
  unattributed: number;
}
