// From an entity's exact sums to its results: sections of the year, épargne, encours and capacité de désendettement (pure).
import type { Cents, Quotient } from '../../money/cents.js';
import type { ExactSlots, ExactSums } from '../../money/exact-sum.js';
import { B, type BucketName, type Totals } from '../../model/balance.js';

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

/** The amounts of a balance result, in the order of the output columns. */
export const AMOUNT_FIELDS = [
  'fonctionnementRecettes', 'fonctionnementDepenses', 'fonctionnementSolde',
  'investissementRecettes', 'investissementDepenses', 'investissementSolde',
  'recettesReellesFonctionnement', 'depensesReellesFonctionnement', 'interets',
  'epargneGestion', 'epargneBrute', 'remboursementCapital', 'epargneNette', 'empruntsNouveaux', 'cessions',
  'encoursDebut', 'encours',
] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

type Terms = readonly (readonly [BucketName, 1 | -1])[];

/**
 * Every amount as a signed sum of slots: the definitions of docs/dgfip.md, written once, evaluated either in BigInt
 * (balanceAmounts, behind computeBalanceResult) or, when the slots are small enough, in exact safe integers
 * (balanceAmountsFast).
 */
function formulas(excludeCessions: boolean): Record<AmountField, Terms> {
  const rrf: Terms = excludeCessions ? [['FR_REEL', 1], ['CESSIONS', -1]] : [['FR_REEL', 1]];
  const brute: Terms = [...rrf, ['FD_REEL', -1]];
  return {
    fonctionnementRecettes: [['FR_REEL', 1], ['FR_ORDRE', 1]],
    fonctionnementDepenses: [['FD_REEL', 1], ['FD_ORDRE', 1]],
    fonctionnementSolde: [['FR_REEL', 1], ['FR_ORDRE', 1], ['FD_REEL', -1], ['FD_ORDRE', -1]],
    investissementRecettes: [['IR_REEL', 1], ['IR_ORDRE', 1]],
    investissementDepenses: [['ID_REEL', 1], ['ID_ORDRE', 1]],
    investissementSolde: [['IR_REEL', 1], ['IR_ORDRE', 1], ['ID_REEL', -1], ['ID_ORDRE', -1]],
    recettesReellesFonctionnement: rrf,
    depensesReellesFonctionnement: [['FD_REEL', 1]],
    interets: [['INTERETS', 1]],
    epargneGestion: [...brute, ['INTERETS', 1]],
    epargneBrute: brute,
    remboursementCapital: [['CAPITAL', 1]],
    epargneNette: [...brute, ['CAPITAL', -1]],
    empruntsNouveaux: [['EMPRUNTS', 1]],
    cessions: [['CESSIONS', 1]],
    encoursDebut: [['ENCOURS_DEBUT', 1]],
    encours: [['ENCOURS_FIN', 1]],
  };
}

/** Per option, each formula as (slot index, sign) pairs in AMOUNT_FIELDS order. */
const COMPILED = [false, true].map((x) => {
  const f = formulas(x);
  return AMOUNT_FIELDS.map((name) => f[name].map(([slot, sign]) => [B[slot], sign] as const));
});
const compiled = (o: ResultOptions) => COMPILED[o.excludeCessions ? 1 : 0]!;

/**
 * Below this bound on every slot, a sum of up to 5 signed slots stays under 2^53 (5 · 2^49 < 2^52): exact in a
 * number. 2^49 cents is 5.6 trillion euros, beyond any French local budget; above it the BigInt path takes over.
 */
const FAST_SLOT_LIMIT = 2 ** 49;

/** The amounts in AMOUNT_FIELDS order as exact safe integers, or undefined when a slot is too large for that. */
export function balanceAmountsFast(slots: ArrayLike<number>, options: ResultOptions = {}): number[] | undefined {
  for (let i = 0; i < slots.length; i++) {
    const v = slots[i]!;
    if (!(v < FAST_SLOT_LIMIT && v > -FAST_SLOT_LIMIT)) return undefined;
  }
  return compiled(options).map((terms) => {
    let t = 0;
    for (const [i, sign] of terms) t += sign * slots[i]!;
    return t;
  });
}

/** The amounts in AMOUNT_FIELDS order, exact in BigInt whatever their size. */
export function balanceAmounts(totals: readonly bigint[], options: ResultOptions = {}): bigint[] {
  return compiled(options).map((terms) => {
    let t = 0n;
    for (const [i, sign] of terms) t += sign === 1 ? totals[i]! : -totals[i]!;
    return t;
  });
}

export function capaciteDesendettement(encours: Cents, epargneBrute: Cents): Maybe<Quotient> {
  if (epargneBrute <= 0n) {
    return { value: null, reason: `épargne brute ≤ 0 (${epargneBrute < 0n ? 'négative' : 'nulle'}): capacité de désendettement not meaningful` };
  }
  return { value: { num: encours, den: epargneBrute } };
}

export function computeBalanceResult(totals: Totals | readonly bigint[], options: ResultOptions = {}): BalanceResult {
  const slots = Array.isArray(totals) ? (totals as readonly bigint[]) : (Object.keys(B) as BucketName[]).map((k) => (totals as Totals)[k]);
  const values = balanceAmounts(slots, options);
  const a = Object.fromEntries(AMOUNT_FIELDS.map((name, i) => [name, values[i]!])) as Record<AmountField, Cents>;
  return {
    fonctionnement: { recettes: a.fonctionnementRecettes, depenses: a.fonctionnementDepenses, solde: a.fonctionnementSolde },
    investissement: { recettes: a.investissementRecettes, depenses: a.investissementDepenses, solde: a.investissementSolde },
    recettesReellesFonctionnement: a.recettesReellesFonctionnement,
    depensesReellesFonctionnement: a.depensesReellesFonctionnement,
    interets: a.interets,
    epargneGestion: a.epargneGestion,
    epargneBrute: a.epargneBrute,
    remboursementCapital: a.remboursementCapital,
    epargneNette: a.epargneNette,
    empruntsNouveaux: a.empruntsNouveaux,
    cessions: a.cessions,
    encoursDebut: a.encoursDebut,
    encours: a.encours,
    capaciteDesendettement: capaciteDesendettement(a.encours, a.epargneBrute),
  };
}

/** What an output line needs: the amounts in AMOUNT_FIELDS order (exact safe integers, or BigInt when large) and the capacité. */
export interface BalanceFigures {
  amounts: readonly (number | bigint)[];
  capaciteDesendettement: Maybe<Quotient>;
}

const ENCOURS = AMOUNT_FIELDS.indexOf('encours');
const EPARGNE_BRUTE = AMOUNT_FIELDS.indexOf('epargneBrute');

/** An entity's figures straight from its sums: in safe integers when every slot allows, else in BigInt. */
export function balanceFigures(sums: ExactSums, options: ResultOptions = {}): BalanceFigures {
  const fast = sums.big === null ? balanceAmountsFast(sums.fast, options) : undefined;
  const amounts = fast ?? balanceAmounts(sums.totals(), options);
  return {
    amounts,
    capaciteDesendettement: capaciteDesendettement(BigInt(amounts[ENCOURS]!), BigInt(amounts[EPARGNE_BRUTE]!)),
  };
}

const ROW: number[] = [];

/** The same figures for row `row` of a table of slots (compute --by entity), without an object per entity. */
export function balanceFiguresAt(slots: ExactSlots, row: number, options: ResultOptions = {}): BalanceFigures {
  const fast = slots.hasBig(row) ? undefined : balanceAmountsFast(slots.fastRow(row, ROW), options);
  const amounts = fast ?? balanceAmounts(slots.totals(row), options);
  return {
    amounts,
    capaciteDesendettement: capaciteDesendettement(BigInt(amounts[ENCOURS]!), BigInt(amounts[EPARGNE_BRUTE]!)),
  };
}
