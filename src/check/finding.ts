// Helpers shared by the checks: where a figure sits, how amounts read in messages and in machine fields.
import { centsToString, D, groupThousands, type Cents, type Dec } from '../money/cents.js';
import { formatAmount } from '../money/format.js';
import type { CheckContext, Finding } from './types.js';
import { t as tr } from '../messages/index.js';

/** `3 329 960,40`: messages speak the report's language. */
export const eur = (c: Cents): string => formatAmount(c, 'fr');

/** A printed figure at its own precision: `3 203 353`, `12,1`, `495 968,04`. */
export function printed(v: Dec, places: number): string {
  const s = v.toFixed(places, D.ROUND_HALF_UP);
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.') as [string, string | undefined];
  const body = groupThousands(i, ' ') + (f ? `,${f}` : '');
  return neg ? `-${body}` : body;
}

/** Plain decimal strings for the published/computed/difference fields. */
export const plain = (c: Cents): string => centsToString(c);

/** Where to point a finding on a computed figure: its publie.csv line when printed, else the folder. */
export function figureLocation(ctx: CheckContext, figureId: string): Pick<Finding, 'file' | 'line' | 'column'> {
  const p = ctx.publie?.find((f) => baseId(f.id) === figureId);
  if (p) return { file: p.file, line: p.line, column: 1 };
  return { file: ctx.path };
}

/** A publie.csv id may carry `#where` to tell repeated prints of one figure apart; the lookup ignores it. */
export function baseId(id: string): string {
  const i = id.indexOf('#');
  return i < 0 ? id : id.slice(0, i);
}

export function computeHint(ctx: CheckContext): string {
  return tr('check.seeCompute', { path: ctx.path });
}
