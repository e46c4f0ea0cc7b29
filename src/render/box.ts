// Box-drawn text tables for the terminal writer, in cli-table3's default look, at a fraction of its start-up cost.
import { sanitizeText } from '../text/sanitize.js';

export type Align = 'left' | 'right';

export interface BoxTable {
  head: string[];
  align: Align[];
  rows: string[][];
  /** Rows (by index) drawn with `strong` (totals in bold on a colour terminal). */
  strongRows?: ReadonlySet<number>;
}

export interface BoxPaint {
  border: (s: string) => string;
  head: (s: string) => string;
  strong: (s: string) => string;
}

const plain = (s: string) => s;
export const NO_PAINT: BoxPaint = { border: plain, head: plain, strong: plain };

// Combining marks take no column of their own (a decomposed "é" is one column wide).
const ZERO_WIDTH = /[\u0300-\u036f\u200b-\u200d\u2060\ufeff]/g;

/** Terminal-safe text, one string per line of the cell. */
function cellLines(text: string): string[] {
  return sanitizeText(text, true).split('\n');
}

/** Columns a line takes: one per code point, none for combining marks and zero-width characters. */
export function displayWidth(line: string): number {
  let n = 0;
  for (const _ of line.replace(ZERO_WIDTH, '')) n++;
  return n;
}

function pad(line: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(line)));
  return align === 'right' ? gap + line : line + gap;
}

/** The table as lines: top rule, head, body rows (no rules between them), bottom rule. */
export function renderBox(t: BoxTable, paint: BoxPaint = NO_PAINT): string {
  const all = [t.head, ...t.rows].map((r) => r.map(cellLines));
  const cols = Math.max(t.head.length, ...t.rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) =>
    Math.max(0, ...all.map((r) => Math.max(0, ...(r[c] ?? ['']).map(displayWidth)))),
  );
  const rule = (l: string, m: string, r: string) => paint.border(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const bar = paint.border('│');
  const out = [rule('┌', '┬', '┐')];
  all.forEach((row, i) => {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    const style = i === 0 ? paint.head : t.strongRows?.has(i - 1) ? paint.strong : plain;
    for (let k = 0; k < height; k++) {
      const cells = widths.map((w, c) => ` ${style(pad(row[c]?.[k] ?? '', w, t.align[c] ?? 'left'))} `);
      out.push(bar + cells.join(bar) + bar);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
