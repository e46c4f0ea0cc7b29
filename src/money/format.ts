// Number formatting for people (messages, tables): amounts grouped, one-decimal percentages and ratios, rounded once, half away from zero.
import { centsToString, D, groupThousands as group, type Cents, type Dec } from './cents.js';

export type Locale = 'fr' | 'en';

/** `3 329 960,40` (fr) or `3,329,960.40` (en); grouping is a plain space so a terminal copy pastes cleanly. */
export function formatAmount(c: Cents, locale: Locale = 'fr'): string {
  const plain = centsToString(c);
  const neg = plain.startsWith('-');
  const [i, f] = (neg ? plain.slice(1) : plain).split('.') as [string, string];
  const body = locale === 'fr' ? `${group(i, ' ')},${f}` : `${group(i, ',')}.${f}`;
  return neg ? `-${body}` : body;
}

/** One decimal, half away from zero, as a plain string (`-6.7`): machine formats. */
export function oneDecimal(v: Dec): string {
  const s = v.toDecimalPlaces(1, D.ROUND_HALF_UP).toFixed(1, D.ROUND_HALF_UP);
  return s === '-0.0' ? '0.0' : s;
}

export function formatPercent(v: Dec, locale: Locale = 'fr'): string {
  const s = oneDecimal(v);
  return locale === 'fr' ? `${s.replace('.', ',')} %` : `${s}%`;
}

export function formatRatio(v: Dec, locale: Locale = 'fr'): string {
  const s = oneDecimal(v);
  return locale === 'fr' ? s.replace('.', ',') : s;
}
