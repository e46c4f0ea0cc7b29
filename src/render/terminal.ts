// Terminal writer: the report's tables drawn as boxes, French format by default, colour only on a TTY.
import type { ChalkInstance } from 'chalk';
import type { Provenance } from '../report/provenance.js';
import type { Cell, Table } from '../report/table.js';
import { NO_PAINT, renderBox, type BoxPaint } from './box.js';
import { provenanceLines } from './csv.js';
import { displayCell } from './format.js';
import type { Locale } from '../money/format.js';
import { sanitizeText } from '../text/sanitize.js';

export interface TerminalOptions {
  locale: Locale;
  color: boolean;
  /** Given only when colour is on: chalk loads only for a terminal. */
  chalk?: ChalkInstance;
}

function show(cell: Cell | undefined, locale: Locale, notes: string[]): string {
  return displayCell(cell, locale, notes);
}

export function renderTable(t: Table, o: TerminalOptions): string {
  const c = o.color ? o.chalk : undefined;
  const paint: BoxPaint = c ? { border: c.grey, head: c.cyan, strong: c.bold } : NO_PAINT;
  const notes: string[] = [];
  const strongRows = new Set<number>();
  const rows = t.rows.map((r, i) => {
    if (r.role === 'total') strongRows.add(i);
    return t.columns.map((col) => show(r.cells[col.id], o.locale, notes));
  });
  const box = renderBox(
    { head: t.columns.map((col) => col.label), align: t.columns.map((col) => (col.kind === 'text' ? 'left' : 'right')), rows, strongRows },
    paint,
  );
  const lines = [paint.strong(sanitizeText(t.title)), box];
  notes.forEach((n, i) => lines.push(`  n.s.(${i + 1}) not meaningful: ${sanitizeText(n)}`));
  for (const n of t.notes) lines.push(`  note: ${sanitizeText(n)}`);
  return lines.join('\n');
}

export function renderTerminal(tables: Table[], provenance: Provenance, o: TerminalOptions, heading?: string): string {
  const parts: string[] = [];
  if (heading) parts.push(sanitizeText(heading));
  for (const t of tables) parts.push(renderTable(t, o));
  parts.push(provenanceLines(provenance).map((l) => `# ${l}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
