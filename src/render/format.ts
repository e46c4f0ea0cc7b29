// Display formatting of amounts, percentages and ratios: rounded once, half away from zero.
import { centsToString, D, groupThousands as group, type Cents, type Dec } from '../money/cents.js';
import type { Cell } from '../report/table.js';

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

/**
 * A cell as display text, shared by the human writers. A not-meaningful cell becomes a numbered note
 * (its reason is pushed on `notes` once); `mark` dresses that number for the medium.
 */
export function displayCell(
  cell: Cell | undefined,
  locale: Locale,
  notes: string[],
  text: (s: string) => string = (s) => s,
  mark: (n: number) => string = (n) => `n.s.(${n})`,
): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return text(cell.text);
    case 'amount':
      return formatAmount(cell.cents, locale);
    case 'percent':
      return formatPercent(cell.value, locale);
    case 'ratio':
      return formatRatio(cell.value, locale);
    case 'ns': {
      let i = notes.indexOf(cell.reason);
      if (i < 0) i = notes.push(cell.reason) - 1;
      return mark(i + 1);
    }
    case 'empty':
      return '';
  }
}
