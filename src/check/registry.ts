// Every check, in stage order; parse, nomenclature and duplicate rules live in the readers (unreadable input exits 2).
import { flows } from './between-budgets.js';
import { r001, r002, rarContinuity } from './continuity.js';
import { annuite, detteLedger, encoursOpening, encoursRollForward } from './dette.js';
import { affectationDecision, creditsOuverts, ordreBalance } from './identities.js';
import { rarTotals, sectionTotal } from './totals.js';
import { publishedFigure } from './published.js';
import { publishedRatio } from './published-ratios.js';
import { besoinNonCouvert, desendettement, l1612_14 } from './thresholds.js';
import { STAGES, type Check, type Level } from './types.js';
import { UsageError } from '../errors.js';
import { budgetEquilibre, cfuAccounting, declaredTotals, identifiers } from './documents.js';
import { annexLedger, annexRollForward, guaranteeRatios } from './dette-annexe.js';

export const CHECKS: readonly Check[] = [
  sectionTotal,
  rarTotals,
  affectationDecision,
  ordreBalance,
  creditsOuverts,
  annuite,
  encoursRollForward,
  r001,
  r002,
  rarContinuity,
  encoursOpening,
  detteLedger,
  flows,
  publishedFigure,
  publishedRatio,
  desendettement,
  l1612_14,
  besoinNonCouvert,
  identifiers,
  declaredTotals,
  budgetEquilibre,
  cfuAccounting,
  annexRollForward,
  annexLedger,
  guaranteeRatios,
].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));

export interface Selection {
  strict: boolean;
  only: string[];
  skip: string[];
}

/** `identity` selects every `identity.*` check; an id that selects nothing is a usage error. */
function matches(pattern: string, id: string): boolean {
  return id === pattern || id.startsWith(`${pattern}.`);
}

export function selectChecks(sel: Selection, all: readonly Check[] = CHECKS): Check[] {
  for (const p of [...sel.only, ...sel.skip]) {
    if (!all.some((c) => matches(p, c.id))) {
      throw new UsageError(`unknown check ${p} (known: ${all.map((c) => c.id).join(', ')})`);
    }
  }
  const levels: Level[] = sel.strict ? ['basic', 'strict'] : ['basic'];
  return all.filter((c) => {
    if (sel.skip.some((p) => matches(p, c.id))) return false;
    // --only names checks explicitly: their level does not matter.
    if (sel.only.length > 0) return sel.only.some((p) => matches(p, c.id));
    return levels.includes(c.level);
  });
}
