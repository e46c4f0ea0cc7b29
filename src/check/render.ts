// The three outputs of check: text lines for people, JSON (sitiv-ca.check/1) for machines, GitHub annotations for CI.
import type { InputProblem } from '../errors.js';
import type { Provenance } from '../report/provenance.js';
import { countBySeverity } from './run.js';
import type { Check, Finding } from './types.js';

export interface CheckReport {
  schema: 'sitiv-ca.check/1';
  provenance: Provenance;
  options: { strict: boolean; only: string[]; skip: string[]; tolerance: string };
  folders: { path: string; plafond: number | null; population: number | null; errors: number; warnings: number; infos: number }[];
  checks: Pick<Check, 'id' | 'level' | 'stage' | 'title'>[];
  findings: Finding[];
}

export const CHECK_FORMATS = ['text', 'json', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** `FILE:LINE:COL` with the parts a finding has, and the spreadsheet cell when it came from XLSX. */
export function location(f: Finding): string {
  const parts = [f.file ?? '', f.line ?? '', f.line !== undefined ? (f.column ?? '') : ''].filter((x) => x !== '');
  return `${parts.join(':')}${f.cell ? ` (${f.cell})` : ''}`;
}

function summary(r: CheckReport): string {
  const n = countBySeverity(r.findings);
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const tolerance = r.options.tolerance.replace('.', ',');
  return `sitiv-ca check: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.info, 'info')} in ${plural(r.folders.length, 'folder')} (${plural(r.checks.length, 'check')}; tolerance ${tolerance} €)`;
}

export function renderText(r: CheckReport): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    lines.push(`${location(f)}: ${f.severity} [${f.checkId}] ${f.message}`);
    if (f.hint) lines.push(`    hint: ${f.hint}`);
  }
  lines.push(summary(r));
  return lines.join('\n') + '\n';
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

export const RENDERERS: Record<CheckFormat, (r: CheckReport) => string> = { text: renderText, json: renderJson, github: renderGithub };

/** Unreadable input under --format github: the readers' problems as annotations too (the run then exits 2). */
export function renderInputProblemsGithub(problems: readonly InputProblem[]): string {
  return problems
    .map((p) => {
      const col = typeof p.column === 'number' ? p.column : Number.parseInt(String(p.column ?? ''), 10);
      const props = [
        ...(p.file ? [`file=${escProp(p.file)}`] : []),
        ...(p.line !== undefined ? [`line=${p.line}`] : []),
        ...(p.line !== undefined && Number.isInteger(col) ? [`col=${col}`] : []),
        `title=${escProp('[input]')}`,
      ];
      const where = p.cell ? ` (${p.cell})` : '';
      const value = p.value !== undefined ? ` (value: ${JSON.stringify(p.value)})` : '';
      return `::error ${props.join(',')}::${escData(`${p.message}${where}${value}`)}\n`;
    })
    .join('');
}
