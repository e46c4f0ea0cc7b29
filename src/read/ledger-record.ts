// Turns one ledger record (column name → text) into a validated LedgerRow, or the problems that prevent it.
import { t } from '../messages/index.js';
import { z } from 'zod';
import type { InputProblem } from '../errors.js';
import type { Cents } from '../money/cents.js';
import { parsePlainAmount } from '../money/cents.js';
import type { LedgerRow } from '../model/ledger.js';

/** Reads an amount cell; a reader for another dialect passes its own. Returns a message when unreadable. */
export type AmountParser = (text: string) => Cents | { error: string };

export const plainAmount: AmountParser = (text) => {
  const v = parsePlainAmount(text);
  if (v !== undefined) return v;
  if (/^-?\d+\.\d{3,}$/.test(text)) return { error: t('ledger.moreThanTwoDecimals') };
  return { error: t('ledger.notAnAmount') };
};

/** Where a column of the current record sits, for messages (line and column name, or a sheet cell). */
export type Locate = (column: string) => Omit<InputProblem, 'message' | 'value'>;

/** The shape of a ledger row's text fields; the nomenclature rules come after, in validate-row.ts. */
const RowShape = z.object({
  budget: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  exercice: z.string().regex(/^(19|20|21)\d{2}$/),
  section: z.enum(['F', 'I']),
  sens: z.enum(['D', 'R']),
  chapitre: z.string().regex(/^(\d+[A-Z]?)?$/),
  compte: z.string().regex(/^([0-9]{1,12}[A-Z0-9]*)?$/),
  nature: z.enum(['reel', 'ordre', '']),
});

/** The message of a cell that fails its shape, looked up when it is reported (in the language of that moment). */
const SHAPE_MESSAGE = {
  budget: 'ledger.badBudget',
  exercice: 'ledger.badExercice',
  section: 'ledger.badSection',
  sens: 'ledger.badSens',
  chapitre: 'ledger.badChapitre',
  compte: 'ledger.badCompte',
  nature: 'ledger.badNature',
} as const;

const AMOUNT_COLUMNS = [
  ['realise', 'realise'],
  ['rar', 'rar'],
  ['credits_ouverts', 'creditsOuverts'],
  ['rar_precedent', 'rarPrecedent'],
] as const;

export function parseLedgerRecord(
  fields: Record<string, string>,
  file: string,
  line: number,
  locate: Locate,
  parseAmount: AmountParser = plainAmount,
): { row?: LedgerRow; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const shape = RowShape.safeParse({
    budget: fields.budget ?? '',
    exercice: fields.exercice ?? '',
    section: fields.section ?? '',
    sens: fields.sens ?? '',
    chapitre: fields.chapitre ?? '',
    compte: fields.compte ?? '',
    nature: fields.nature ?? '',
  });
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const column = String(issue.path[0]) as keyof typeof SHAPE_MESSAGE;
      problems.push({ ...locate(column), message: t(SHAPE_MESSAGE[column]), value: fields[column] ?? '' });
    }
  }
  const amounts: Partial<Record<(typeof AMOUNT_COLUMNS)[number][1], Cents>> = {};
  for (const [column, key] of AMOUNT_COLUMNS) {
    const text = (fields[column] ?? '').trim();
    if (text === '') continue;
    const v = parseAmount(text);
    if (typeof v === 'bigint') amounts[key] = v;
    else problems.push({ ...locate(column), message: t('ledger.amountProblem', { column, error: v.error }), value: fields[column] ?? '' });
  }
  if (problems.length > 0 || !shape.success) return { problems };
  const s = shape.data;
  const row: LedgerRow = {
    budget: s.budget,
    exercice: Number(s.exercice),
    section: s.section,
    sens: s.sens,
    chapitre: s.chapitre,
    compte: s.compte,
    nature: s.nature,
    realise: amounts.realise ?? 0n,
    rar: amounts.rar ?? 0n,
    file,
    line,
  };
  if (amounts.creditsOuverts !== undefined) row.creditsOuverts = amounts.creditsOuverts;
  if (amounts.rarPrecedent !== undefined) row.rarPrecedent = amounts.rarPrecedent;
  for (const opt of ['fonction', 'operation', 'libelle'] as const) {
    const v = fields[opt];
    if (v !== undefined && v !== '') row[opt] = v;
  }
  return { row, problems };
}
