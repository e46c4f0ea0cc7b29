// Layout of the report's "Détail des restes à réaliser" table, as data: row order and aggregate rows, labels from the plan.
import type { Section } from '../model/ledger.js';

export interface RarRow {
  /** Chapter code, or the code shown for an aggregate row. */
  code: string;
  /** Fixed label; absent means the plan's Lib_court for `code` at run time. */
  label?: string;
  /** The row sums every chapter whose code starts with this prefix (and is not a row of its own). */
  aggregatePrefix?: string;
}

export interface RarBlock {
  section: Section;
  rows: RarRow[];
}

const chapters = (...codes: string[]): RarRow[] => codes.map((code) => ({ code }));

/** Investissement first, as the seed report prints it. */
export const RAR_LAYOUT: RarBlock[] = [
  {
    section: 'I',
    rows: [
      ...chapters('018', '10', '13', '16', '18', '20', '204', '21', '22', '23', '26', '27'),
      // 45xx chapters differ by plan (4541 vs 45411/45412…) and each operation has its own; the report shows one line.
      { code: '45', label: "Chapitres d'opérations pour compte de tiers", aggregatePrefix: '45' },
    ],
  },
  {
    section: 'F',
    rows: chapters('011', '012', '014', '016', '017', '65', '6586', '66', '67'),
  },
];
