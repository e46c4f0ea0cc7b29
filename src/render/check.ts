// The three outputs of check: text lines for people, JSON (sitiv-ca.check/1) for machines, GitHub annotations for CI.
import type { Provenance } from '../report/provenance.js';
import { t } from '../messages/index.js';
import { csvField, recordsInDialect } from './csv.js';
import { countBySeverity, sortFindings } from '../check/run.js';
import type { Check, Finding, Severity } from '../check/types.js';

export interface CheckReport {
  schema: 'sitiv-ca.check/1';
  /** Findings below this severity are left out of the text output (counted in its summary); machine formats list all. */
  severity?: Severity;
  /** The findings of each folder, in the order of `folders` (the text output groups by folder). */
  perFolder?: Finding[][];
  provenance: Provenance;
  options: { strict: boolean; only: string[]; skip: string[]; tolerance: string };
  /** `unusable`: the folder could not be read; its problems are error findings of the pseudo-check `input`. */
  folders: { path: string; plafond: number | null; population: number | null; errors: number; warnings: number; infos: number; unusable?: true }[];
  checks: Pick<Check, 'id' | 'level' | 'stage' | 'title'>[];
  findings: Finding[];
}

export const CHECK_FORMATS = ['text', 'json', 'github', 'csv'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** -o extension → check format (github annotations have none). */
export const CHECK_EXTENSIONS: Record<string, CheckFormat> = { txt: 'text', json: 'json', csv: 'csv' };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const atLeast = (f: Finding, min: Severity) => RANK[f.severity] <= RANK[min];

/** `FILE:LINE:COL` with the parts a finding has, and the spreadsheet cell when it came from XLSX. */
export function location(f: Finding): string {
  const parts = [f.file ?? '', f.line ?? '', f.line !== undefined ? (f.column ?? '') : ''].filter((x) => x !== '');
  return `${parts.join(':')}${f.cell ? ` (${f.cell})` : ''}`;
}

function counts(n: Record<Severity, number>): string {
  return [t('check.errors', { n: n.error }), t('check.warnings', { n: n.warning }), t('check.infos', { n: n.info })].join(', ');
}

function summary(r: CheckReport): string {
  const n = countBySeverity(r.findings);
  const tolerance = r.options.tolerance.replace('.', ',');
  return t('check.summary', { counts: counts(n), folders: t('check.folders', { n: r.folders.length }), checks: t('check.checks', { n: r.checks.length }), tolerance });
}

/** The severities the filter hid, for the summary (`42 infos not shown: --severity info shows them`). */
function hidden(found: readonly Finding[], min: Severity): string {
  const n = countBySeverity(found.filter((f) => !atLeast(f, min)));
  const parts = [...(n.warning ? [t('check.warnings', { n: n.warning })] : []), ...(n.info ? [t('check.infos', { n: n.info })] : [])];
  return parts.length ? ` ${t('check.hidden', { counts: parts.join(', '), severity: n.info ? 'info' : 'warning' })}` : '';
}

/** `publie.csv:21, 60, 65` — the places a shared hint applies to, the folder's prefix dropped. */
function places(folder: string, found: readonly Finding[]): string {
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  const out: string[] = [];
  let lastFile: string | undefined;
  for (const f of found) {
    const file = (f.file ?? folder).startsWith(prefix) ? f.file!.slice(prefix.length) : (f.file ?? folder);
    const at = f.line !== undefined ? String(f.line) : '';
    out.push(file === lastFile && at ? at : at ? `${file}:${at}` : file);
    lastFile = file;
  }
  return out.join(', ');
}

/**
 * For people: findings grouped by folder, sorted by file and line; a hint shared by several findings given once after the
 * folder's findings, with the places it applies to; a summary per folder (when there are several) and in total.
 */
export function renderText(r: CheckReport): string {
  const min = r.severity ?? 'info';
  const groups = r.perFolder ?? [r.findings];
  const lines: string[] = [];
  groups.forEach((found, i) => {
    const folder = r.folders[i]?.path ?? '';
    const shown = sortFindings(found.filter((f) => atLeast(f, min)));
    const byHint = new Map<string, Finding[]>();
    for (const f of shown) if (f.hint) byHint.set(f.hint, [...(byHint.get(f.hint) ?? []), f]);
    if (groups.length > 1 && shown.length > 0) lines.push(t('check.folderHeading', { folder }));
    for (const f of shown) {
      lines.push(`${location(f)}: ${t(SEVERITY_WORD[f.severity])} [${f.checkId}] ${f.message}`);
      if (f.hint && byHint.get(f.hint)!.length === 1) lines.push(`    ${t('check.hint', { hint: f.hint })}`);
    }
    for (const [hint, list] of byHint) {
      if (list.length < 2) continue;
      lines.push(`    ${t('check.hint', { hint })}`);
      lines.push(`      ${t('check.hintFor', { places: places(folder, list) })}`);
    }
    if (groups.length > 1) lines.push(t('check.folderSummary', { folder, counts: counts(countBySeverity(found)) }) + hidden(found, min));
  });
  lines.push(summary(r) + (groups.length > 1 ? '' : hidden(r.findings, min)));
  return lines.join('\n') + '\n';
}

const SEVERITY_WORD = { error: 'check.severityError', warning: 'check.severityWarning', info: 'check.severityInfo' } as const;

const CSV_HEADER = ['severity', 'checkId', 'file', 'line', 'column', 'cell', 'figureId', 'published', 'computed', 'difference', 'message', 'hint'] as const;

/** One line per finding, every finding (the filter is for people); --dialect fr writes it as a French Excel opens it. */
export function renderCsv(r: CheckReport, dialect?: string): string | Uint8Array {
  const records = [[...CSV_HEADER], ...r.findings.map((f) => CSV_HEADER.map((k) => (f[k] === undefined ? '' : String(f[k]))))];
  if (dialect && dialect !== 'neutral') return recordsInDialect(records, dialect, ['published', 'computed', 'difference'].map((k) => CSV_HEADER.indexOf(k as never)));
  return records.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

export function renderJson(r: CheckReport): string {
  const n = countBySeverity(r.findings);
  return (
    JSON.stringify(
      {
        schema: r.schema,
        provenance: r.provenance,
        options: r.options,
        summary: { status: n.error > 0 ? 'failed' : 'passed', errors: n.error, warnings: n.warning, infos: n.info },
        folders: r.folders,
        checks: r.checks,
        findings: r.findings.map((f) => ({
          severity: f.severity,
          checkId: f.checkId,
          message: f.message,
          file: f.file ?? null,
          line: f.line ?? null,
          column: f.column ?? null,
          ...(f.cell ? { cell: f.cell } : {}),
          figureId: f.figureId ?? null,
          published: f.published ?? null,
          computed: f.computed ?? null,
          difference: f.difference ?? null,
          hint: f.hint ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Workflow-command escaping: data and property values differ (properties also escape `:` and `,`). */
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning' } as const;

/** Errors and warnings become annotations; infos (figures not checked, flows listed) only count in the summary. */
export function renderGithub(r: CheckReport): string {
  const lines = r.findings.filter((f) => f.severity !== 'info').map((f) => {
    const props = [
      ...(f.file ? [`file=${escProp(f.file)}`] : []),
      ...(f.line !== undefined ? [`line=${f.line}`] : []),
      ...(f.line !== undefined && f.column !== undefined ? [`col=${f.column}`] : []),
      `title=${escProp(`[${f.checkId}]`)}`,
    ];
    const body = f.hint ? `${f.message}\n${f.hint}` : f.message;
    return `::${COMMAND[f.severity as 'error' | 'warning']} ${props.join(',')}::${escData(body)}`;
  });
  lines.push(summary(r));
  return lines.join('\n') + '\n';
}

export const RENDERERS: Record<CheckFormat, (r: CheckReport, dialect?: string) => string | Uint8Array> = { text: renderText, json: renderJson, github: renderGithub, csv: renderCsv };
