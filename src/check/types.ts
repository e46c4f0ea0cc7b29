// The vocabulary of `sitiv-ca check`: a check (id, level, stage, pure run) and the findings it returns.
import type { Cents } from '../money/cents.js';
import type { LoadedFolder } from '../model/folder.js';
import type { ComputeReport } from '../report/compute-report.js';
import type { Cell, Row, Table } from '../report/table.js';
import type { PublishedFigure } from '../model/side-tables.js';

export type Severity = 'error' | 'warning' | 'info';
export type Level = 'basic' | 'strict';

/** Structure before arithmetic: a later stage assumes the earlier ones hold. */
export const STAGES = ['parse', 'nomenclature', 'duplicates', 'identities', 'cross', 'published', 'thresholds'] as const;
export type Stage = (typeof STAGES)[number];

export interface Finding {
  severity: Severity;
  checkId: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** A spreadsheet cell (Feuille1!C12) when the row came from XLSX. */
  cell?: string;
  figureId?: string;
  /** Values as plain decimal strings (`-1234.50`; one decimal for ratios and percentages). */
  published?: string;
  computed?: string;
  difference?: string;
  hint?: string;
}

export interface CheckOptions {
  /** --strict: thresholds crossed become errors (they warn otherwise: a crossed ceiling is not a wrong figure). */
  strict: boolean;
  /** Extra tolerance on published amounts, in cents (0: the printed unit only). */
  tolerance: Cents;
  /** Inhabitants, for the L1612-14 referral level (5 % from 20 000). */
  population?: number;
  /** Ceiling of the capacité de désendettement in years. */
  plafond?: number;
}

/** A figure of the compute report, reachable by its stable id. */
export interface FigureRef {
  table: Table;
  row: Row;
  column: string;
  cell: Cell;
}

export interface CheckContext {
  /** The folder as given on the command line (for hints). */
  path: string;
  /** The folder as execution checks see it: years only budget documents describe are left out. */
  folder: LoadedFolder;
  /** Every year, budget documents' included: continuity (CA N−1 → BP N) reads it. */
  fullModel?: LoadedFolder['model'];
  report: ComputeReport;
  figures: Map<string, FigureRef>;
  /** publie.csv as read by the folder loader (src/read/publie.ts); undefined when the manifest names none. */
  publie?: PublishedFigure[];
  options: CheckOptions;
}

export interface Check {
  id: string;
  level: Level;
  stage: Stage;
  /** One line for --help and the JSON report. */
  title: string;
  run(ctx: CheckContext): Finding[];
}
