// CSV writer: one line per figure (stable id, table, row, column, value), no grouping, `.` decimal.
import type { Provenance } from '../report/provenance.js';
import type { Table } from '../report/table.js';
import { figureRecords } from './json.js';
import { t } from '../messages/index.js';
import { groupThousands } from '../money/cents.js';
import { encode, type Encoding } from '../read/dialect/encoding.js';
import { OUT_DIALECTS } from '../read/dialect/write-csv.js';
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

const HEADER = ['id', 'table', 'ligne', 'colonne', 'libelle', 'valeur', 'raison'];

export function renderCsv(tables: Table[], provenance: Provenance): string {
  return [HEADER, ...csvRecords(tables, provenance)].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * The same records in a dialect of docs/dialects.md (`fr`: `;`, decimal comma with U+00A0 grouping in the value column,
 * CRLF, Windows-1252), as a French Excel opens it. A character Windows-1252 lacks (− → ≤) is written as its nearest ASCII.
 */
export function renderCsvInDialect(tables: Table[], provenance: Provenance, dialect: string): Uint8Array {
  return recordsInDialect([HEADER, ...csvRecords(tables, provenance)], dialect, [HEADER.indexOf('valeur')]);
}

/** Records (the first is the header) in a CSV dialect; plain decimals in the `numeric` columns take the dialect's marks. */
export function recordsInDialect(records: string[][], dialect: string, numeric: readonly number[]): Uint8Array {
  const d = OUT_DIALECTS[dialect];
  if (!d) throw new Error(`no CSV dialect ${dialect}`);
  const quote = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
    return safe.includes(d.delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = records.map((r, k) =>
    r.map((v, i) => quote(k > 0 && numeric.includes(i) && d.amount !== 'plain' ? frenchNumber(v, d.amount.group, d.amount.decimal) : v)).join(d.delimiter),
  );
  return encode(encodable(lines.join(d.eol) + d.eol, d.encoding), d.encoding, d.bom);
}

/** `-1234.50` → `-1 234,50`; anything that is not a plain decimal is left as it is. */
function frenchNumber(v: string, group: string, decimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return v;
  return `${m[1]}${groupThousands(m[2]!, group)}${m[3] !== undefined ? decimal + m[3] : ''}`;
}

const ASCII_FALLBACK: Record<string, string> = { '\u2212': '-', '\u2192': '->', '\u2190': '<-', '\u2194': '<->', '\u2264': '<=', '\u2265': '>=', '\u202f': '\u00a0', '\u2009': ' ' };

function encodable(text: string, encoding: Encoding): string {
  try {
    encode(text, encoding);
    return text;
  } catch {
    let out = '';
    for (const ch of text) {
      try {
        encode(ch, encoding);
        out += ch;
      } catch {
        out += ASCII_FALLBACK[ch] ?? '?';
      }
    }
    return out;
  }
}

function csvRecords(tables: Table[], provenance: Provenance): string[][] {
  const lines: string[][] = [];
  for (const f of figureRecords(tables)) lines.push([f.id, f.table, f.row, f.column, f.label, f.value ?? '', f.reason ?? '']);
  lines.push(...provenanceLines(provenance).map((l) => ['provenance', '', '', '', l, '', '']));
  return lines;
}

/** `plan de comptes 2025: M57-M57_D-2024 (pas de plan 2025 : le plus proche antérieur)`: the plan and why it serves the exercice. */
export function planLine(pl: Provenance['plans'][number]): string {
  return `${t('report.provenancePlan')} ${pl.exercice}: ${pl.plan}${planRuleText(pl)}`;
}

/** Why this plan serves this exercice, when it is not simply the exercice's own. */
function planRuleText(pl: Provenance['plans'][number]): string {
  const parts: string[] = [];
  if (pl.rule === 'nearest-earlier') parts.push(t('report.planNearestEarlier', { exercice: pl.exercice }));
  if (pl.rule === 'nearest-later') parts.push(t('report.planNearestLater', { exercice: pl.exercice }));
  if (pl.chosenBy) parts.push(pl.chosenBy);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/**
 * A `# …` comment line of a CSV body: a spreadsheet splits it into cells at each comma or semicolon, so every such cell
 * that would start a formula (a file named `a,=1+1.csv`) gets the apostrophe any cell gets; readers with comment='#' skip it.
 */
export function commentLine(text: string): string {
  return `# ${sanitizeText(text).replace(/([,;])([=+\-@])/g, "$1'$2")}`;
}

/** Provenance as lines; `human` words them in the interface language (terminal, Markdown, XLSX), the CSV keeps them fixed. */
export function provenanceLines(p: Provenance, human = false): string[] {
  const say = human ? (w: 'input' | 'plan' | 'options') => t(`report.provenance${w === 'input' ? 'Input' : w === 'plan' ? 'Plan' : 'Options'}`) : (w: string) => (w === 'plan' ? 'plan de comptes' : w);
  const out = [`${p.tool.name} ${p.tool.version}`];
  for (const i of p.inputs) out.push(`${say('input')} ${i.role} ${i.path} sha256:${i.sha256}`);
  for (const pl of p.plans) out.push(`${say('plan')} ${pl.exercice}: ${pl.plan}${planRuleText(pl)}`);
  const opts = Object.entries(p.options).map(([k, v]) => `${k}=${v}`);
  if (opts.length) out.push(`${say('options')} ${opts.join(' ')}`);
  // File names and options come from the user: one line each, no control character (a CSV comment line stays one line).
  return out.map((l) => sanitizeText(l));
}
