// Reads cofinancement.csv (budget,partenaire,montant): who pays what share of an annexe's expenses.
import { readSmallCsv } from './publie.js';
import type { CofinancementRow } from '../model/side-tables.js';
import { InputError, type InputProblem } from '../errors.js';
import { parsePlainAmount } from '../money/cents.js';
import { t } from '../messages/index.js';

export const COFINANCEMENT_HEADER = ['budget', 'partenaire', 'montant'] as const;

export async function readCofinancement(path: string, displayName = path): Promise<CofinancementRow[]> {
  const { rows: records } = await readSmallCsv(path, displayName, COFINANCEMENT_HEADER);
  const problems: InputProblem[] = [];
  const rows: CofinancementRow[] = [];
  for (const { line, fields } of records) {
    const { budget, partenaire, montant } = fields as Record<(typeof COFINANCEMENT_HEADER)[number], string>;
    const v = parsePlainAmount(montant);
    if (v === undefined) {
      problems.push({ file: displayName, line, column: '3 (montant)', message: t('read.cofinNotAmount'), value: montant });
      continue;
    }
    if (partenaire === '') problems.push({ file: displayName, line, column: '2 (partenaire)', message: t('read.partenaireEmpty'), value: '' });
    rows.push({ budget, partenaire, montant: v, line });
  }
  if (problems.length) throw new InputError(problems);
  return rows;
}
