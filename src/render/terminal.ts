// Terminal writer: the report's tables laid out with cli-table3, French format by default, colour only on a TTY.
import Table3 from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { Provenance } from '../report/provenance.js';
import type { Cell, Table } from '../report/table.js';
import { provenanceLines } from './csv.js';
import { displayCell, type Locale } from './format.js';

export interface TerminalOptions {
  locale: Locale;
  color: boolean;
  /** Given only when colour is on: chalk loads only for a terminal. */
  chalk?: ChalkInstance;
}

const plain = (s: string) => s;

function show(cell: Cell | undefined, locale: Locale, notes: string[]): string {
  return displayCell(cell, locale, notes);
}

export function renderTable(t: Table, o: TerminalOptions): string {
  const bold = o.color && o.chalk ? o.chalk.bold : plain;
  const notes: string[] = [];
  const out = new Table3({
    head: t.columns.map((c) => c.label),
    colAligns: t.columns.map((c) => (c.kind === 'text' ? 'left' : 'right')),
    style: { head: o.color ? ['cyan'] : [], border: o.color ? ['grey'] : [] },
    // No rule between body rows: the report's tables read as lists.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of t.rows) {
    const cells = t.columns.map((c) => show(r.cells[c.id], o.locale, notes));
    out.push(r.role === 'total' ? cells.map((s) => bold(s)) : cells);
  }
  const lines = [bold(t.title), out.toString()];
  notes.forEach((n, i) => lines.push(`  n.s.(${i + 1}) not meaningful: ${n}`));
  for (const n of t.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export function renderTerminal(tables: Table[], provenance: Provenance, o: TerminalOptions, heading?: string): string {
  const parts: string[] = [];
  if (heading) parts.push(heading);
  for (const t of tables) parts.push(renderTable(t, o));
  parts.push(provenanceLines(provenance).map((l) => `# ${l}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
