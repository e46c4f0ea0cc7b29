// Layouts of the "Détail des restes à réaliser" table: the plan's own chapters (default) or a named printed layout (SITIV).
import type { Section } from '../model/ledger.js';
import type { Plan } from './plan.js';

export interface RarRow {
  /** Chapter code, or the code shown for an aggregate row. */
  code: string;
  /** Fixed label; absent means the plan's Lib_court for `code` at run time. */
  label?: string;
  /** The row sums every chapter whose code starts with this prefix (and is not a row of its own). */
  aggregatePrefix?: string;
  /** Sens the chapter can carry (the plan's); absent = both. A sens it cannot carry is shown empty, not 0,00. */
  sens?: readonly ('D' | 'R')[];
}

export interface RarBlock {
  section: Section;
  rows: RarRow[];
}

const chapters = (...codes: string[]): RarRow[] => codes.map((code) => ({ code }));

/** SITIV's printed layout (seed report, §1): investissement first, with its 018 / 016 / 017 / 6586 rows and one "45" row. */
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

/** Named layouts a manifest can ask for (`"rarLayout": "sitiv"`); anything else gets the plan's own chapters. */
export const RAR_LAYOUTS: Readonly<Record<string, RarBlock[]>> = { sitiv: RAR_LAYOUT };

/**
 * The plan's own layout: every real chapter of the section that the plan opens in a sens (those that can carry
 * RAR), investissement first, in the plan's order. A third-party chapter (4541, 4581…) sums its per-operation
 * chapters (4581001…) by prefix.
 */
export function planRarLayout(plan: Plan): RarBlock[] {
  const chapters = plan.chapters().filter((c) => c.kind === 'reel' && c.sens.length > 0);
  return (['I', 'F'] as const).map((section) => ({
    section,
    rows: chapters
      .filter((c) => c.section === section)
      .map((c) => ({ code: c.code, sens: [...c.sens], ...(c.code.startsWith('45') ? { aggregatePrefix: c.code } : {}) })),
  }));
}
