// The per-entity sums a DGFiP balance is folded into: one slot per (section, sens, real/order) plus the debt and savings slots.

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

export const BUCKET_COUNT = 14;

export type BucketName = keyof typeof B;

/** An entity's sums once the file is read: exact, one bigint per slot. */
export type Totals = Record<BucketName, bigint>;
