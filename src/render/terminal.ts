// Terminal writer: the report's tables drawn as boxes, French format by default, colour only on a TTY.
import type { ChalkInstance } from 'chalk';
import type { Provenance } from '../report/provenance.js';
import type { Cell, Table } from '../report/table.js';
import { NO_PAINT, renderBox, wrapLine, type BoxPaint } from './box.js';
import { provenanceLines } from './csv.js';
import { displayCell } from './format.js';
import type { Locale } from '../money/format.js';
import { t } from '../messages/index.js';
import { sanitizeText } from '../text/sanitize.js';

export interface TerminalOptions {
  locale: Locale;
  color: boolean;
  /** Given only when colour is on: chalk loads only for a terminal. */
  chalk?: ChalkInstance;
  /** The terminal's width, when output goes to one (or COLUMNS says): tables are fitted to it. */
  width?: number;
}

function show(cell: Cell | undefined, locale: Locale, notes: string[]): string {
  return displayCell(cell, locale, notes);
}

/** A note under a table, indented by two, wrapped to the terminal's width with continuation lines indented by four. */
function noteLines(note: string, width: number | undefined): string {
  if (width === undefined) return `  ${note}`;
  const [first = '', ...rest] = wrapLine(note, Math.max(20, width - 2));
  const tail = rest.length > 0 ? wrapLine(rest.join(' '), Math.max(20, width - 4)).map((l) => `    ${l}`) : [];
  return [`  ${first}`, ...tail].join('\n');
}

export function renderTable(table: Table, o: TerminalOptions): string {
  const c = o.color ? o.chalk : undefined;
  const paint: BoxPaint = c ? { border: c.grey, head: c.cyan, strong: c.bold } : NO_PAINT;
  const notes: string[] = [];
  const strongRows = new Set<number>();
  const rows = table.rows.map((r, i) => {
    if (r.role === 'total') strongRows.add(i);
    return table.columns.map((col) => show(r.cells[col.id], o.locale, notes));
  });
  const box = renderBox(
    {
      head: table.columns.map((col) => col.label),
      align: table.columns.map((col) => (col.kind === 'text' ? 'left' : 'right')),
      rows,
      strongRows,
      ...(o.width !== undefined ? { maxWidth: o.width } : {}),
    },
    paint,
  );
  const title = sanitizeText(table.title);
  const lines = [...(o.width !== undefined ? wrapLine(title, o.width) : [title]).map((l) => paint.strong(l)), box];
  notes.forEach((n, i) => lines.push(noteLines(`n.s.(${i + 1}) ${t('report.notMeaningful', { reason: sanitizeText(n) })}`, o.width)));
  for (const n of table.notes) lines.push(noteLines(t('report.note', { note: sanitizeText(n) }), o.width));
  return lines.join('\n');
}

export function renderTerminal(tables: Table[], provenance: Provenance, o: TerminalOptions, heading?: string): string {
  const parts: string[] = [];
  if (heading) parts.push(sanitizeText(heading));
  for (const t of tables) parts.push(renderTable(t, o));
  parts.push(provenanceLines(provenance, true).map((l) => `# ${l}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
