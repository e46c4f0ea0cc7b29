// The side tables of a budget folder as read (cofinancement, dette, série, publié) and the printed precision of published figures.
import type { Cents, Dec } from '../money/cents.js';

export interface CofinancementRow {
  budget: string;
  partenaire: string;
  montant: Cents;
  line: number;
}

export interface DetteRow {
  exercice: number;
  /** undefined when the cell is empty: the figure then comes from the ledger, or is unknown. */
  amortissement?: Cents;
  interets?: Cents;
  empruntsNouveaux?: Cents;
  encours?: Cents;
  file: string;
  line: number;
  /** The loans of the year, when dette.csv has a loan column (docs/dette.md): the row then sums them. */
  loans?: DetteLoanRow[];
}

/** One loan of one year in a dette.csv with a loan column; undefined when the cell is empty. */
export interface DetteLoanRow {
  exercice: number;
  emprunt: string;
  encours0101?: Cents;
  amortissement?: Cents;
  interets?: Cents;
  empruntsNouveaux?: Cents;
  encours3112?: Cents;
  file: string;
  line: number;
}

export interface SerieRow {
  /** Series name, e.g. epargne-brute, capital-restant-du-0101, capacite-desendettement. */
  id: string;
  exercice: number;
  valeur: Dec;
  source: string;
  file: string;
  line: number;
}

/** The series the reports know; another id is kept but shown nowhere, so it is refused to catch typos. */
export const KNOWN_SERIES = ['epargne-brute', 'capital-restant-du-0101', 'capacite-desendettement'] as const;
export type SerieId = (typeof KNOWN_SERIES)[number];

/** exercice → value of one series. */
export function serieValues(rows: readonly SerieRow[], id: SerieId): Map<number, Dec> {
  return new Map(rows.filter((r) => r.id === id).map((r) => [r.exercice, r.valeur]));
}

export type PrintedPrecision = '0.01' | '0.1' | '1';
/** The printed unit in cents (for amounts) and the decimals it shows. */
export const PRECISION_UNIT_CENTS: Record<PrintedPrecision, Cents> = { '0.01': 1n, '0.1': 10n, '1': 100n };
export const PRECISION_DECIMALS: Record<PrintedPrecision, number> = { '0.01': 2, '0.1': 1, '1': 0 };

export interface PublishedFigure {
  /** Stable id of the computed figure; empty when no computation yields the printed figure. */
  id: string;
  exercice: number;
  valeur: Dec;
  precision: PrintedPrecision;
  source: string;
  file: string;
  line: number;
}

/** id → published figure, the figures without an id left out (nothing to compare them with). */
export function publishedById(figures: readonly PublishedFigure[]): Map<string, PublishedFigure> {
  return new Map(figures.filter((f) => f.id !== '').map((f) => [f.id, f]));
}
