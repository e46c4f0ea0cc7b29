// A loaded budget folder, the product's model: manifest, budgets by exercice, plans, side tables, inputs with their hash.
import type { Plan } from '../nomenclature/plan.js';
import type { BudgetInfo, Model } from './budget.js';
import type { LedgerRow } from './ledger.js';
import type { Manifest } from './manifest.js';
import type { DocumentFacts } from './document.js';
import type { CofinancementRow, DetteRow, PublishedFigure, SerieRow } from './side-tables.js';

export interface InputFile {
  path: string;
  role: string;
  sha256: string;
}

export interface LoadedFolder {
  dir: string;
  manifest: Manifest;
  model: Model;
  /** Plans used, by exercice. */
  plans: Map<number, Plan>;
  inputs: InputFile[];
  cofinancement: CofinancementRow[];
  /** Side tables of a multi-year folder (manifest "dette", "serie", "publie"); undefined when not declared. */
  dette?: DetteRow[];
  serie?: SerieRow[];
  publie?: PublishedFigure[];
  /** Facts readers report (lines merged, plan chosen by the file…), added to provenance options. */
  readerNotes?: Record<string, string | number | boolean>;
  /** What official files (TOTEM, CFU, SCDL) say about themselves: kind, crédits, declared totals, accounting part. */
  documents?: DocumentFacts[];
}

/** One side of a diff: the rows of a ledger file or of a folder's ledgers, unfolded, with their budgets and plans. */
export interface Side {
  /** The path as given on the command line. */
  path: string;
  rows: LedgerRow[];
  budgets: BudgetInfo[];
  plans: Map<number, Plan>;
  inputs: InputFile[];
  nomenclature: string;
}
