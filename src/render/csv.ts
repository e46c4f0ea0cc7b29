// CSV writer: one line per figure (stable id, table, row, column, value), no grouping, `.` decimal.
import type { Provenance } from '../report/provenance.js';
import { figureId, type Table } from '../report/table.js';
import { cellValue } from './json.js';
import { sanitizeText } from '../text/sanitize.js';

/** Quotes a field, and neutralises text that a spreadsheet would run as a formula. */
export function csvField(v: string): string {
  // Most fields are plain: tested by character codes first, the regular expressions only for the rest.
  if (!needsCare(v)) return v;
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A formula-like first character (= + - @ tab CR) or a character that needs quoting (" , LF CR). */
function needsCare(v: string): boolean {
  const f = v.charCodeAt(0);
  if (f === 61 || f === 43 || f === 45 || f === 64 || f === 9 || f === 13) return true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

export function renderCsv(tables: Table[], provenance: Provenance): string {
  const lines = ['id,table,ligne,colonne,libelle,valeur,raison'];
  for (const t of tables) {
    const labelCol = t.columns.find((c) => c.kind === 'text' && c.id !== 'chapitre') ?? t.columns[0];
    for (const r of t.rows) {
      const labelCell = labelCol ? r.cells[labelCol.id] : undefined;
      const label = labelCell?.kind === 'text' ? labelCell.text : '';
      for (const c of t.columns) {
        const cell = r.cells[c.id];
        if (!cell) continue;
        const v = cellValue(cell);
        if (!v) continue;
        lines.push(
          [figureId(t, r, c.id), `${t.scope}.${t.id}`, r.id, c.id, label, v.value ?? '', v.reason ?? ''].map(csvField).join(','),
        );
      }
    }
  }
  lines.push(...provenanceLines(provenance).map((l) => ['provenance', '', '', '', l, '', ''].map(csvField).join(',')));
  return lines.join('\n') + '\n';
}

/** `plan de comptes 2025: M57-M57_D-2024 (pas de plan 2025 : le plus proche antérieur)`: the plan and why it serves the exercice. */
export function planLine(pl: Provenance['plans'][number]): string {
  return `plan de comptes ${pl.exercice}: ${pl.plan}${planRuleText(pl)}`;
}

/** Why this plan serves this exercice, when it is not simply the exercice's own. */
function planRuleText(pl: Provenance['plans'][number]): string {
  const parts: string[] = [];
  if (pl.rule === 'nearest-earlier') parts.push(`pas de plan ${pl.exercice} : le plus proche antérieur`);
  if (pl.rule === 'nearest-later') parts.push(`pas de plan ${pl.exercice} ni antérieur : le plus proche postérieur`);
  if (pl.chosenBy) parts.push(pl.chosenBy);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function provenanceLines(p: Provenance): string[] {
  const out = [`${p.tool.name} ${p.tool.version}`];
  for (const i of p.inputs) out.push(`input ${i.role} ${i.path} sha256:${i.sha256}`);
  for (const pl of p.plans) out.push(planLine(pl));
  const opts = Object.entries(p.options).map(([k, v]) => `${k}=${v}`);
  if (opts.length) out.push(`options ${opts.join(' ')}`);
  // File names and options come from the user: one line each, no control character (a CSV comment line stays one line).
  return out.map((l) => sanitizeText(l));
}
