// Turns one ledger record (column name → text) into a validated LedgerRow, or the problems that prevent it.
import { t } from '../messages/index.js';
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

/** The shape of a ledger row's text fields, in the order problems are reported; the nomenclature rules come after, in validate-row.ts. */
const ROW_SHAPE: readonly [keyof typeof SHAPE_MESSAGE, (v: string) => boolean][] = [
  ['budget', (v) => /^[A-Za-z0-9_-]{1,32}$/.test(v)],
  ['exercice', (v) => /^(19|20|21)\d{2}$/.test(v)],
  ['section', (v) => v === 'F' || v === 'I'],
  ['sens', (v) => v === 'D' || v === 'R'],
  ['chapitre', (v) => /^(\d+[A-Z]?)?$/.test(v)],
  ['compte', (v) => /^([0-9]{1,12}[A-Z0-9]*)?$/.test(v)],
  ['nature', (v) => v === 'reel' || v === 'ordre' || v === ''],
];

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
  // Plain tests, not a schema library: this runs once per distinct spelling of a key, thousands of times a ledger.
  let shaped = true;
  for (const [column, ok] of ROW_SHAPE) {
    const v = fields[column] ?? '';
    if (!ok(v)) {
      shaped = false;
      problems.push({ ...locate(column), message: t(SHAPE_MESSAGE[column]), value: v });
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
  if (problems.length > 0 || !shaped) return { problems };
  const row: LedgerRow = {
    budget: fields.budget ?? '',
    exercice: Number(fields.exercice),
    section: fields.section as LedgerRow['section'],
    sens: fields.sens as LedgerRow['sens'],
    chapitre: fields.chapitre ?? '',
    compte: fields.compte ?? '',
    nature: (fields.nature ?? '') as LedgerRow['nature'],
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
