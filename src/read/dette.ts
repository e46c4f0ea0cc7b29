// Reads dette.csv (exercice,amortissement,interets,emprunts_nouveaux,encours_31_12): a debt table given as input.
import type { DetteRow } from '../model/side-tables.js';
import { InputError, type InputProblem } from '../errors.js';
import type { Cents } from '../money/cents.js';
import { decimalToCents } from '../money/cents.js';
import { parsePrintedNumber, readSmallCsv } from './publie.js';
import { t } from '../messages/index.js';

export const DETTE_HEADER = ['exercice', 'amortissement', 'interets', 'emprunts_nouveaux', 'encours_31_12'] as const;

const FIELDS = [
  ['amortissement', 'amortissement'],
  ['interets', 'interets'],
  ['emprunts_nouveaux', 'empruntsNouveaux'],
  ['encours_31_12', 'encours'],
] as const;

export async function readDette(path: string, displayName = path): Promise<DetteRow[]> {
  const { rows } = await readSmallCsv(path, displayName, DETTE_HEADER);
  const problems: InputProblem[] = [];
  const out: DetteRow[] = [];
  const seen = new Map<number, number>();
  for (const { line, fields } of rows) {
    const before = problems.length;
    const ex = fields.exercice!;
    if (!/^\d{4}$/.test(ex)) problems.push({ file: displayName, line, column: '1 (exercice)', message: t('read.exerciceYear'), value: ex });
    const row: DetteRow = { exercice: Number(ex), file: displayName, line };
    FIELDS.forEach(([column, key], i) => {
      const text = fields[column]!;
      if (text === '') return;
      const v = parsePrintedNumber(text);
      const c = v ? decimalToCents(v) : undefined;
      if (c === undefined) {
        problems.push({ file: displayName, line, column: `${i + 2} (${column})`, message: t('read.detteNotAmount'), value: text });
        return;
      }
      row[key] = c;
    });
    const first = seen.get(row.exercice);
    if (first !== undefined) problems.push({ file: displayName, line, column: '1 (exercice)', message: t('read.exerciceTwice', { line: first }), value: ex });
    if (problems.length > before) continue;
    seen.set(row.exercice, line);
    out.push(row);
  }
  if (problems.length > 0) throw new InputError(problems);
  return out.sort((a, b) => a.exercice - b.exercice);
}
