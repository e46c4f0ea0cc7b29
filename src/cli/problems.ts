// Input problems for people: one message per mistake (identical problems on many lines collapsed), at most 50 per file.
import { formatProblem, type InputProblem } from '../errors.js';
import { t } from '../messages/index.js';
import { writeDiagnostic } from '../text/sanitize.js';

/** Distinct messages shown per file before the rest is only counted. */
export const MAX_PER_FILE = 50;
const MAX_VALUES = 3;

interface Group {
  first: InputProblem;
  lines: number[];
  values: string[];
}

/**
 * The lines a person reads: problems with the same file, column and message form one group, in the order of their first
 * line; a group on one line prints as before (`file:line:col (cell): message (value: …)`), a group on several lines as
 * `file:first–last (N lines) (col): message`. Machine formats (check --format json / github) list every problem instead.
 */
export function collapseProblems(problems: readonly InputProblem[], max = MAX_PER_FILE): string[] {
  const byFile = new Map<string, Map<string, Group>>();
  for (const p of problems) {
    let groups = byFile.get(p.file);
    if (!groups) byFile.set(p.file, (groups = new Map()));
    // Problems without a line (a whole-file problem) never merge with each other.
    const key = p.line === undefined ? `#${groups.size}` : `${p.column ?? ''}\u0000${p.message}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { first: p, lines: p.line !== undefined ? [p.line] : [], values: p.value !== undefined ? [p.value] : [] });
    else {
      g.lines.push(p.line!);
      if (p.value !== undefined && !g.values.includes(p.value)) g.values.push(p.value);
    }
  }
  const out: string[] = [];
  for (const [file, groups] of byFile) {
    const list = [...groups.values()];
    for (const g of list.slice(0, max)) out.push(g.lines.length > 1 ? collapsed(g) : formatProblem(g.first));
    if (list.length > max) out.push(t('cli.moreInFile', { file, n: list.length - max }));
  }
  return out;
}

function collapsed(g: Group): string {
  const lines = [...g.lines].sort((a, b) => a - b);
  const span = t('cli.collapsedLines', { first: lines[0]!, last: lines[lines.length - 1]!, n: lines.length });
  const column = g.first.column !== undefined ? ` (${g.first.column})` : '';
  const shown = g.values.slice(0, MAX_VALUES).map((v) => JSON.stringify(v));
  const values =
    g.values.length === 0
      ? ''
      : g.values.length === 1
        ? ` ${t('cli.valueSuffix', { value: shown[0]! })}`
        : ` ${t('cli.valuesSuffix', { values: shown.join(', ') + (g.values.length > MAX_VALUES ? ', …' : '') })}`;
  return `${g.first.file}:${span}${column}: ${g.first.message}${values}`;
}

export function writeProblems(problems: readonly InputProblem[]): void {
  // File names and values come from the input: sanitised (no control character reaches the terminal).
  for (const line of collapseProblems(problems)) writeDiagnostic('', t('cli.errorPrefix', { message: line }));
}
