// HTML writer: one self-contained report (inline CSS, charts as inline SVG, no script) for screen and A4 print.
import { TOOL } from '../version.js';
import type { Locale } from '../money/format.js';
import type { Provenance } from '../report/provenance.js';
import { figureId, type Table } from '../report/table.js';
import { chartSpecs } from './chart-specs.js';
import { docText, type DocText } from './document-text.js';
import { displayCell } from './format.js';
import { escapeHtml as esc } from './html-escape.js';
import { keyFigures, splitScope, type KeyFigure, type KeyGroup } from './key-figures.js';
import { renderChartSvg } from './svg-chart.js';

export interface HtmlInput {
  tables: Table[];
  provenance: Provenance;
  heading?: string;
  entity?: string;
  lang: Locale;
}

/** Tables with more columns than this print on a landscape page. */
const WIDE_COLUMNS = 6;

function css(footerLeft: string, t: DocText): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  return `
:root { --ink: #1d2430; --muted: #5d6673; --rule: #c9ced6; --band: #f3f5f8; --accent: #1f4e99; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink); font-size: 10pt; line-height: 1.35; }
body { margin: 0 auto; max-width: 1120px; padding: 16px 24px; }
h1 { font-size: 20pt; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 14pt; margin: 18px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 3px; }
h3 { font-size: 11pt; margin: 12px 0 6px; }
.lead { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0 0 4px; }
caption { text-align: left; font-weight: bold; font-size: 10pt; padding: 4px 0; }
th, td { padding: 2px 6px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
thead th { border-bottom: 1.5px solid var(--ink); text-align: left; background: var(--band); }
th.n, td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 1px solid var(--ink); }
td.code { white-space: nowrap; color: var(--muted); }
.notes { font-size: 7.5pt; color: var(--muted); margin: 2px 0 10px; padding-left: 18px; }
.block { margin-bottom: 14px; }
.keys td.n { font-size: 10pt; }
.keys { max-width: 1000px; }
.keys td:first-child { min-width: 20em; }
.keys a { color: inherit; text-decoration: none; }
figure.chart { margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; max-width: 760px; height: auto; display: block; margin: 0 auto; }
figcaption { font-size: 8pt; color: var(--muted); text-align: center; }
.colophon { font-size: 8pt; color: var(--muted); }
.colophon code { font-size: 7.5pt; word-break: break-all; }
sup { font-size: 70%; }
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: ${q(footerLeft)}; font-size: 7.5pt; color: #5d6673; }
  @bottom-center { content: ${q(t.page + ' ')} counter(page) " / " counter(pages); font-size: 7.5pt; color: #5d6673; }
  @bottom-right { content: ${q(`${TOOL.name} ${TOOL.version}`)}; font-size: 7.5pt; color: #5d6673; } }
@page wide { size: A4 landscape; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  /* The colophon is a few lines: it follows the last section on its page rather than taking one of its own. */
  section.colophon { break-before: auto; margin-top: 24px; }
  .wide { page: wide; }
  h2, h3, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .block { break-inside: avoid; }
  .block.long { break-inside: auto; }
  figure.chart svg { max-width: 17cm; }
  a { color: inherit; text-decoration: none; }
}`;
}

function tableHtml(t: Table, lang: Locale, text: DocText): string {
  const notes: string[] = [];
  const mark = (n: number) => `${text.ns}<sup>(${n})</sup>`;
  const head = t.columns.map((c) => `<th scope="col" class="${c.kind === 'text' ? 't' : 'n'}">${esc(c.label)}</th>`).join('');
  const body = t.rows
    .map((r) => {
      const cells = t.columns
        .map((c) => {
          const cell = r.cells[c.id];
          const shown = displayCell(cell, lang, notes, esc, mark);
          if (!cell || cell.kind === 'text' || cell.kind === 'empty') return `<td class="${c.id === 'chapitre' ? 'code' : 't'}">${shown}</td>`;
          return `<td class="n" data-id="${esc(figureId(t, r, c.id))}">${shown}</td>`;
        })
        .join('');
      return `<tr class="${r.role}">${cells}</tr>`;
    })
    .join('\n');
  const allNotes = [...t.notes.map((n) => esc(n)), ...notes.map((n, i) => `${mark(i + 1)} ${esc(text.nsLong)} : ${esc(n)}`)];
  const wide = t.columns.length > WIDE_COLUMNS;
  const cls = ['block', wide ? 'wide' : '', t.rows.length > 30 ? 'long' : ''].filter(Boolean).join(' ');
  return `<div class="${cls}" id="${esc(`${t.scope}.${t.id}`)}"><table><caption>${esc(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>${allNotes.length ? `<ul class="notes">${allNotes.map((n) => `<li>${n}</li>`).join('')}</ul>` : ''}</div>`;
}

/** Key figures per budget: one column per exercice (the year in a label reads N), linked to their tables. */
function summaryHtml(tables: Table[], lang: Locale, text: DocText): string {
  const byBudget = new Map<string, KeyGroup[]>();
  for (const g of keyFigures(tables)) {
    const b = splitScope(g.scope)[0];
    byBudget.set(b, [...(byBudget.get(b) ?? []), g]);
  }
  const blocks = [...byBudget.values()].map((groups) => {
    const periods = groups.map((g) => g.period);
    const keyOf = (f: KeyFigure) => `${f.table.id}.${f.row}`;
    const lines = new Map<string, { label: string; total: boolean; cells: Map<string, KeyFigure> }>();
    for (const g of groups) {
      for (const f of g.figures) {
        const k = keyOf(f);
        const label = periods.length > 1 ? f.label.replace(/ \(\d{4}\)$/, '').replace(new RegExp(`\\b${g.period}\\b`, 'g'), 'N') : f.label;
        if (!lines.has(k)) lines.set(k, { label, total: f.row === 'global' || f.row === 'besoin-financement', cells: new Map() });
        lines.get(k)!.cells.set(g.period, f);
      }
    }
    const head = `<tr><th scope="col"></th>${periods.map((p) => `<th scope="col" class="n">${esc(p.replace('-', '–'))}</th>`).join('')}</tr>`;
    const rows = [...lines.values()]
      .map((l) => {
        const cells = periods
          .map((p) => {
            const f = l.cells.get(p);
            if (!f) return '<td class="n"></td>';
            const v = displayCell(f.cell, lang, [], esc, () => text.ns);
            const unit = f.cell.kind === 'amount' ? '\u00a0€' : f.cell.kind === 'ratio' ? `\u00a0${text.annees}` : '';
            return `<td class="n" data-id="${esc(f.id)}"><a href="#${esc(`${f.table.scope}.${f.table.id}`)}">${v}${f.cell.kind === 'ns' ? '' : unit}</a></td>`;
          })
          .join('');
        return `<tr${l.total ? ' class="total"' : ''}><td>${esc(l.label)}</td>${cells}</tr>`;
      })
      .join('\n');
    return `<div class="block"><table class="keys"><caption>${esc(groups[0]!.budget)}</caption><thead>${head}</thead><tbody>
${rows}
</tbody></table></div>`;
  });
  return `<section id="synthese"><h2>${esc(text.chiffresCles)}</h2>${blocks.join('\n')}</section>`;
}

function colophonHtml(p: Provenance, text: DocText): string {
  const inputs = p.inputs.map((i) => `<li>${esc(i.role)} <code>${esc(i.path)}</code><br><code>sha256 ${esc(i.sha256)}</code></li>`).join('');
  const plans = p.plans.map((pl) => `<li>${pl.exercice} : ${esc(pl.plan)}</li>`).join('');
  const opts = Object.entries(p.options).map(([k, v]) => `<li><code>${esc(k)}=${esc(String(v))}</code></li>`).join('');
  return `<section id="provenance" class="colophon"><h2>${esc(text.colophon)}</h2>
<p>${esc(text.colophonIntro)} ${esc(`${p.tool.name} ${p.tool.version}`)}.</p>
<h3>${esc(text.entrees)}</h3><ul>${inputs}</ul>
<h3>${esc(text.plans)}</h3><ul>${plans}</ul>
${opts ? `<h3>${esc(text.options)}</h3><ul>${opts}</ul>` : ''}
</section>`;
}

export function renderHtml(input: HtmlInput): string {
  const { tables, lang } = input;
  const text = docText(lang);
  const entity = input.entity ?? input.heading?.split(' — ')[0] ?? '';
  const title = input.heading ?? text.documentTitle(entity);
  const periods = [...new Set(tables.map((t) => splitScope(t.scope)[1]).filter((p) => /^\d{4}$/.test(p)))].sort();
  const span = periods.length > 1 ? `${periods[0]}–${periods[periods.length - 1]}` : (periods[0] ?? '');
  const charts = chartSpecs(tables, lang, text).map((c) => `<figure class="chart" id="${esc(c.id)}">${renderChartSvg(c, lang)}</figure>`);
  // Tables by budget, in the order of the model; the cross-budget ones (published gaps) last.
  const groups = new Map<string, Table[]>();
  for (const t of tables) {
    const b = t.scope === 'publie' ? '' : splitScope(t.scope)[0];
    groups.set(b, [...(groups.get(b) ?? []), t]);
  }
  const sections = [...groups.entries()].map(([b, ts]) => {
    const heading = b ? (ts[0]!.title.split(' — ')[0] ?? b) : text.tableaux;
    return `<section class="tables" id="budget-${esc(b || 'autres')}"><h2>${esc(heading)}</h2>\n${ts.map((t) => tableHtml(t, lang, text)).join('\n')}</section>`;
  });
  const footer = [entity, span ? `${text.exercice} ${span}` : ''].filter(Boolean).join(' — ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${TOOL.name} ${TOOL.version}`)}">
<title>${esc(`${title}${span ? ` ${span}` : ''}`)}</title>
<style>${css(footer, text)}</style>
</head>
<body>
<header><h1>${esc(title)}${span ? ` ${esc(span)}` : ''}</h1><p class="lead">${esc(text.generatedBy)} ${esc(`${TOOL.name} ${TOOL.version}`)}</p></header>
${summaryHtml(tables, lang, text)}
${charts.length ? `<section id="graphiques"><h2>${esc(text.graphiques)}</h2>\n${charts.join('\n')}</section>` : ''}
${sections.join('\n')}
${colophonHtml(input.provenance, text)}
</body>
</html>
`;
}
