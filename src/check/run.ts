// Runs the selected checks over one folder's context and sorts every finding by file, line and column.
import type { Check, CheckContext, Finding, Severity } from './types.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function runChecks(ctx: CheckContext, checks: readonly Check[]): Finding[] {
  return sortFindings(checks.flatMap((c) => c.run(ctx)));
}

/** Code-unit order, not the locale's: the same report on every machine. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings(findings: Finding[]): Finding[] {
  const num = (n: number | undefined) => n ?? 0;
  return [...findings].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      num(a.line) - num(b.line) ||
      num(a.column) - num(b.column) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.checkId, b.checkId) ||
      cmp(a.message, b.message),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}
