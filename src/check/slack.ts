// How far two sums of printed figures may drift apart on rounding alone: half a unit per figure rounded on its own.
import type { Cents } from '../money/cents.js';
import type { ExerciceBudget, FlowKey } from '../model/budget.js';
import type { CheckContext } from './types.js';

/** The ledgers' own unit: a folder transcribed from a report in whole euros rounds every line. */
export function ledgerUnit(ctx: CheckContext): Cents {
  return ctx.folder.manifest.precision === '1' ? 100n : 1n;
}

/** Number of figures that enter a sum over these flows (chapters, section totals, carried results). */
export function figureCount(ex: ExerciceBudget, keys: FlowKey[], withCarried = true): number {
  let n = 0;
  for (const k of keys) {
    const f = ex.flows[k];
    n += f.declaredTotal ? 1 : f.chapters.size;
    if (withCarried && f.reporte) n += 1;
  }
  return n;
}

/** Zero for ledgers in cents; n × half a euro for ledgers in whole euros. */
export function slack(ctx: CheckContext, figures: number): Cents {
  const unit = ledgerUnit(ctx);
  return unit <= 1n ? 0n : (BigInt(figures) * unit) / 2n;
}

export const abs = (c: Cents): Cents => (c < 0n ? -c : c);
