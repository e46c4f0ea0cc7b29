// Reads cofinancement.csv (budget,partenaire,montant): who pays what share of an annexe's expenses.
import { readWholeText } from './whole-file.js';
import { parse } from 'csv-parse/sync';
import type { CofinancementRow } from '../model/side-tables.js';
import { InputError, type InputProblem } from '../errors.js';
import { parsePlainAmount, type Cents } from '../money/cents.js';

export async function readCofinancement(path: string, displayName = path): Promise<CofinancementRow[]> {
  const text = await readWholeText(path).catch(() => {
    throw new InputError({ file: displayName, message: 'file not found' });
  });
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  const problems: InputProblem[] = [];
  const header = (records[0] ?? []).map((c) => c.trim());
  const expected = ['budget', 'partenaire', 'montant'];
  if (header.join(',') !== expected.join(',')) {
    throw new InputError({ file: displayName, line: 1, column: 1, message: `header must be ${expected.join(',')}`, value: header.join(',') });
  }
  const rows: CofinancementRow[] = [];
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    if (rec.length !== 3) {
      problems.push({ file: displayName, line, column: rec.length + 1, message: `expected 3 fields, found ${rec.length}`, value: rec.join(',') });
      return;
    }
    const [budget, partenaire, montant] = rec.map((c) => c.trim()) as [string, string, string];
    const v = parsePlainAmount(montant);
    if (v === undefined) {
      problems.push({ file: displayName, line, column: '3 (montant)', message: 'montant: not an amount (digits, optional "-", "." and at most two decimals)', value: montant });
      return;
    }
    if (partenaire === '') problems.push({ file: displayName, line, column: '2 (partenaire)', message: 'partenaire is empty', value: '' });
    rows.push({ budget, partenaire, montant: v, line });
  });
  if (problems.length) throw new InputError(problems);
  return rows;
}
