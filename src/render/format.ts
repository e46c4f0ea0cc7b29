// A table cell as display text for the human writers (terminal, Markdown): numbers through money/format.ts, notes numbered.
import { formatAmount, formatPercent, formatRatio, type Locale } from '../money/format.js';
import type { Cell } from '../report/table.js';

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
