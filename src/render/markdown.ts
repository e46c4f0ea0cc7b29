// Markdown writer: GitHub tables with right-aligned figures, for pull-request comments in CI.
import type { Provenance } from '../report/provenance.js';
import type { Cell, Table } from '../report/table.js';
import { provenanceLines } from './csv.js';
import { displayCell } from './format.js';
import type { Locale } from '../money/format.js';
import { sanitizeText } from '../text/sanitize.js';

/** Pipes and line breaks would break the table; HTML is left inert by escaping `<`. */
function escape(s: string): string {
  return sanitizeText(s.replace(/\r?\n|\r/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n|\r/g, ' ');
}

function show(cell: Cell | undefined, locale: Locale, notes: string[]): string {
  return displayCell(cell, locale, notes, escape, (n) => `n.s.<sup>(${n})</sup>`);
}

export function renderMarkdownTable(t: Table, locale: Locale): string {
  const notes: string[] = [];
  const head = `| ${t.columns.map((c) => escape(c.label) || ' ').join(' | ')} |`;
  const align = `|${t.columns.map((c) => (c.kind === 'text' ? ':---' : '---:')).join('|')}|`;
  const body = t.rows.map((r) => {
    const cells = t.columns.map((c) => {
      const s = show(r.cells[c.id], locale, notes);
      return r.role === 'total' && s !== '' ? `**${s}**` : s;
    });
    return `| ${cells.join(' | ')} |`;
  });
  const out = [`### ${escape(t.title)}`, '', head, align, ...body];
  if (notes.length || t.notes.length) out.push('');
  notes.forEach((n, i) => out.push(`<sup>(${i + 1})</sup> not meaningful: ${escape(n)}  `));
  for (const n of t.notes) out.push(`note: ${escape(n)}  `);
  return out.join('\n');
}

export function renderMarkdown(tables: Table[], provenance: Provenance, locale: Locale, heading?: string): string {
  const parts: string[] = [];
  if (heading) parts.push(`## ${escape(heading)}`);
  for (const t of tables) parts.push(renderMarkdownTable(t, locale));
  parts.push(['<details><summary>Provenance</summary>', '', ...provenanceLines(provenance).map((l) => `    ${l}`), '', '</details>'].join('\n'));
  return parts.join('\n\n') + '\n';
}
