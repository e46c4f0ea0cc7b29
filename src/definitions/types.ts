// The shape of a definition: aggregates and ratios written as data (account terms with signs), evaluated by compute/.
// Lowest rank: no import from the model or the readers, so that every layer (compute, check, docs) can read them.

/** A flow of the budget: section (F/I) and sens (D/R). */
export type FlowCode = 'FD' | 'FR' | 'ID' | 'IR';

/** Which operations a term takes: real (cash), order (accounting transfers), or both. */
export type OperationKind = 'reel' | 'ordre' | 'tout';

/** Takes amounts realised in the year from the ledger. */
export interface AccountTerm {
  sign: 1 | -1;
  flow: FlowCode;
  operation: OperationKind;
  /** Chapters taken; absent = every chapter of the flow with that operation kind. */
  chapters?: readonly string[];
  /** Account prefixes taken inside those chapters (needs the account split); absent = the whole chapters. */
  accounts?: readonly string[];
  /** Account prefixes left out of what the term takes (needs the account split where they can sit). */
  except?: readonly string[];
}

/** Takes another aggregate of the same definition, or a figure given from outside (encours, population). */
export interface RefTerm {
  sign: 1 | -1;
  ref: string;
}

/**
 * The smaller of two account terms, signed (OFGL: `− min(D16449; C16449)` takes out line-of-credit drawings repaid
 * in the year, `− min(D166; C166)` refinancing). Both terms take the year's movements.
 */
export interface MinTerm {
  sign: 1 | -1;
  min: readonly [AccountTerm, AccountTerm];
  /** How a bridge line names it (`min(D16449; C16449)`). */
  label: string;
}

/**
 * A balance of accounts at a date, not a movement of the year (OFGL encours: the closing credit balance of 16).
 * A ledger carries no balances: the aggregate is then `n.s.`; a DGFiP balance gives them (BEDEB / BECRE, SD / SC).
 */
export interface BalanceTerm {
  sign: 1 | -1;
  balance: 'opening' | 'closing';
  /** credit: credit − debit (SC − SD); debit: debit − credit. */
  side: 'credit' | 'debit';
  accounts: readonly string[];
  except?: readonly string[];
}

export type Term = AccountTerm | RefTerm | MinTerm | BalanceTerm;

/** Norme families a definition distinguishes; `default` applies to every other. */
export type NormeKey = 'M57' | 'M14' | 'default';
/** Entity categories (the manifest's `entite.categorie`). */
export type CategorieKey = 'commune' | 'epci-fp' | 'syndicat' | 'departement' | 'region' | 'autre';

/**
 * The terms of an aggregate, by norme and optionally by category: `M57:commune` wins over `M57`, which wins over
 * `default`. A key with an empty list, or no matching key, means the aggregate does not exist for that entity.
 */
export type TermsByKey = Partial<Record<NormeKey | `${Exclude<NormeKey, 'default'>}:${CategorieKey}` | `default:${CategorieKey}`, readonly Term[]>>;

export interface AggregateDef {
  id: string;
  label: string;
  terms: TermsByKey;
  /** Where the definition comes from (instruction, code, article), for docs and notes. */
  source: string;
}

export type RatioUnit = 'par-habitant' | 'pourcentage' | 'annees';

export interface RatioDef {
  id: string;
  label: string;
  /** Aggregate (or external figure) ids; per category where the definition differs by category. */
  numerator: string | Partial<Record<CategorieKey | 'default', string>>;
  /** An aggregate id, an external figure, or `population`. */
  denominator: string;
  unit: RatioUnit;
  /** The `InformationsGenerales` code the TOTEM / CFU file prints it under. */
  code?: string;
  source: string;
}

/** A named set of definitions (`ca` by default, `ofgl`, `decret-2023`). */
export interface Definition {
  id: string;
  label: string;
  /** Where the definition as a whole comes from (for the notes and docs/definitions.md). */
  source?: string;
  aggregates: readonly AggregateDef[];
  ratios: readonly RatioDef[];
  /** Figures the evaluator receives from outside the ledger (the debt's encours, the population). */
  external: readonly string[];
}

export const isRefTerm = (t: Term): t is RefTerm => 'ref' in t;
export const isMinTerm = (t: Term): t is MinTerm => 'min' in t;
export const isBalanceTerm = (t: Term): t is BalanceTerm => 'balance' in t;
export const isAccountTerm = (t: Term): t is AccountTerm => 'flow' in t;
