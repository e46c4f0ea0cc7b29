// Reads dette.csv (exercice,amortissement,interets,emprunts_nouveaux,encours_31_12): a debt table given as input.
import type { DetteLoanRow, DetteRow } from '../model/side-tables.js';
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

/** dette.csv with a loan column: one line per loan and year; the year's row sums them (docs/dette.md). */
export const DETTE_LOAN_HEADER = ['exercice', 'emprunt', 'encours_01_01', 'amortissement', 'interets', 'emprunts_nouveaux', 'encours_31_12'] as const;

const LOAN_FIELDS = [
  ['encours_01_01', 'encours0101'],
  ['amortissement', 'amortissement'],
  ['interets', 'interets'],
  ['emprunts_nouveaux', 'empruntsNouveaux'],
  ['encours_31_12', 'encours3112'],
] as const;

/** The loans' sum for a column, undefined when no loan gives it; the encours only when every loan gives it. */
function total(loans: DetteLoanRow[], key: 'amortissement' | 'interets' | 'empruntsNouveaux' | 'encours3112', all = false): Cents | undefined {
  const given = loans.filter((l) => l[key] !== undefined);
  if (given.length === 0 || (all && given.length < loans.length)) return undefined;
  return given.reduce((t, l) => t + l[key]!, 0n);
}

async function readDetteLoans(path: string, displayName: string): Promise<DetteRow[]> {
  const { rows } = await readSmallCsv(path, displayName, DETTE_LOAN_HEADER);
  const problems: InputProblem[] = [];
  const byYear = new Map<number, DetteLoanRow[]>();
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const before = problems.length;
    const ex = fields.exercice!;
    if (!/^\d{4}$/.test(ex)) problems.push({ file: displayName, line, column: '1 (exercice)', message: 'exercice must be a year such as 2022', value: ex });
    const emprunt = fields.emprunt!;
    if (emprunt === '') problems.push({ file: displayName, line, column: '2 (emprunt)', message: t('dette.csvLoanMissing'), value: '' });
    const row: DetteLoanRow = { exercice: Number(ex), emprunt, file: displayName, line };
    LOAN_FIELDS.forEach(([column, key], i) => {
      const text = fields[column]!;
      if (text === '') return;
      const v = parsePrintedNumber(text);
      const c = v ? decimalToCents(v) : undefined;
      if (c === undefined) {
        problems.push({ file: displayName, line, column: `${i + 3} (${column})`, message: 'not an amount (e.g. "264710.48" or "264 710,48", at most two decimals)', value: text });
        return;
      }
      row[key] = c;
    });
    const key = `${ex}|${emprunt}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ file: displayName, line, column: '2 (emprunt)', message: t('dette.csvLoanTwice', { exercice: ex, line: first }), value: emprunt });
    if (problems.length > before) continue;
    seen.set(key, line);
    byYear.set(row.exercice, [...(byYear.get(row.exercice) ?? []), row]);
  }
  if (problems.length > 0) throw new InputError(problems);
  // A loan's CRD at 01/01, when left empty, is its CRD at 31/12 of the year before in the same file.
  for (const [year, loans] of byYear) {
    for (const l of loans) {
      if (l.encours0101 !== undefined) continue;
      const before = byYear.get(year - 1)?.find((p) => p.emprunt === l.emprunt)?.encours3112;
      if (before !== undefined) l.encours0101 = before;
    }
  }
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([exercice, loans]) => {
      const row: DetteRow = { exercice, file: displayName, line: loans[0]!.line, loans };
      const set = (k: 'amortissement' | 'interets' | 'empruntsNouveaux', v: Cents | undefined) => v !== undefined && (row[k] = v);
      set('amortissement', total(loans, 'amortissement'));
      set('interets', total(loans, 'interets'));
      set('empruntsNouveaux', total(loans, 'empruntsNouveaux'));
      const encours = total(loans, 'encours3112', true);
      if (encours !== undefined) row.encours = encours;
      return row;
    });
}

export async function readDette(path: string, displayName = path): Promise<DetteRow[]> {
  // The loan column is told by the header; any other header is read (and refused) as the yearly table.
  const head = (await readSmallCsv(path, displayName, DETTE_HEADER).then(() => undefined, (e: unknown) => e));
  if (head !== undefined) {
    const loans = await readDetteLoans(path, displayName).catch((e: unknown) => ({ failed: e }));
    if (!('failed' in loans)) return loans;
    // A loan-column header with bad rows: its own problems; any other header: the yearly table's message.
    if (!(loans.failed instanceof InputError && /header must be/.test(loans.failed.message))) throw loans.failed;
    throw head;
  }
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
