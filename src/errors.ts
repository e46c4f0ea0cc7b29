// Named errors, caught once at the top of the CLI and mapped to exit codes.
import { t } from './messages/index.js';

/** Where a problem sits in an input: file, 1-based line and column (or a spreadsheet cell). */
export interface Location {
  file: string;
  line?: number;
  column?: string | number;
  cell?: string;
}

export interface InputProblem extends Location {
  message: string;
  value?: string;
}

/** A value quoted in an error is cut to this many characters: an error never replays a whole line of a file. */
export const VALUE_SHOWN = 80;

export function shownValue(v: string): string {
  const chars = [...v];
  return chars.length > VALUE_SHOWN ? `${chars.slice(0, VALUE_SHOWN).join('')}…` : v;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line ?? '', p.column ?? ''].filter((x) => x !== '').join(':');
  const cell = p.cell ? ` (${p.cell})` : '';
  const value = p.value !== undefined ? ` ${t('cli.valueSuffix', { value: JSON.stringify(shownValue(p.value)) })}` : '';
  return `${where}${cell}: ${p.message}${value}`;
}

/** Unusable input: exit code 2, nothing written. Carries every problem found, not only the first. */
export class InputError extends Error {
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[] | InputProblem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

/**
 * check over several folders: some were unusable (their problems are in the report, which was written), the others were
 * checked. Exit code 2, like any unusable input; the problems are listed on stderr too.
 */
export class FoldersUnusable extends Error {
  readonly problems: InputProblem[];
  readonly folders: string[];
  constructor(problems: InputProblem[], folders: string[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'FoldersUnusable';
    this.problems = problems;
    this.folders = folders;
  }
}

/** Bad command line: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A check failed or a diff found differences: exit code 1, output already written. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}
