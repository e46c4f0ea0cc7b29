// The ledger row: the one shape every reader produces and every computation consumes.
import type { Cents } from '../money/cents.js';

export type Section = 'F' | 'I';
export type Sens = 'D' | 'R';
/** `reel` moves cash, `ordre` is an accounting transfer; empty for carried results and section totals. */
export type Nature = 'reel' | 'ordre' | '';

export interface LedgerRow {
  budget: string;
  exercice: number;
  section: Section;
  sens: Sens;
  /** Empty for a section total without a chapter split. */
  chapitre: string;
  /** Empty for a line at chapter level. */
  compte: string;
  nature: Nature;
  realise: Cents;
  rar: Cents;
  creditsOuverts?: Cents;
  /** RAR of 31/12/N−1 taken over in this budget (official formats carry it). */
  rarPrecedent?: Cents;
  fonction?: string;
  operation?: string;
  libelle?: string;
  /** Where the row was read: file and 1-based line (a spreadsheet row for XLSX). */
  file: string;
  line: number;
  cell?: string;
}

/** Readers hand rows over in batches, so that millions of lines never sit in one array. */
export type RowBatches = AsyncIterable<LedgerRow[]>;

export const LEDGER_COLUMNS = [
  'budget',
  'exercice',
  'section',
  'sens',
  'chapitre',
  'compte',
  'nature',
  'realise',
  'rar',
] as const;

export const OPTIONAL_COLUMNS = [
  'credits_ouverts',
  'fonction',
  'operation',
  'libelle',
  'rar_precedent',
] as const;

/** The full key on which a repeated line is an error. */
export function rowKey(r: LedgerRow): string {
  return [
    r.budget,
    r.exercice,
    r.section,
    r.sens,
    r.chapitre,
    r.compte,
    r.nature,
    r.fonction ?? '',
    r.operation ?? '',
  ].join('|');
}
