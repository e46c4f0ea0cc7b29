// Nomenclature rules on a parsed row: the chapter exists, fits the section and sens, and agrees with `nature`.
import type { InputProblem } from '../errors.js';
import type { LedgerRow } from '../model/ledger.js';
import type { AccountInfo, ChapterInfo, Flow, Plan } from '../nomenclature/plan.js';
import { didYouMean, nearestChapters } from './row-tolerance.js';

type Locate = (column: string) => Omit<InputProblem, 'message' | 'value'>;

const SECTION_NAME = { F: 'fonctionnement', I: 'investissement' } as const;

/**
 * Checks one row against the plan de comptes. May fill `chapitre` from `compte` when only the account is
 * given (real files often do that), which is why it returns the row it accepted.
 */
export function validateAgainstPlan(row: LedgerRow, plan: Plan, locate: Locate): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (column: string, message: string, value: string) =>
    problems.push({ ...locate(column), message, value });

  if (row.chapitre === '') {
    if (row.compte !== '' && row.nature !== '') {
      const derived = plan.chapterOfAccount(row.compte, row.sens, row.nature);
      if (derived === undefined) {
        at('compte', `account ${row.compte} has no chapter for a ${row.nature} ${row.sens} flow in plan ${plan.id}`, row.compte);
        return problems;
      }
      row.chapitre = derived;
    } else {
      // A section total without a chapter split.
      if (row.nature !== '') at('nature', 'a section total (empty chapitre) must have an empty nature', row.nature);
      if (row.compte !== '') at('compte', 'a section total (empty chapitre) must have an empty compte', row.compte);
      if (row.rar !== 0n) at('rar', 'a section total (empty chapitre) carries no restes à réaliser: put them on chapter rows', String(row.rar));
      return problems;
    }
  }

  const chapter = plan.chapter(row.chapitre);
  if (!chapter) {
    at('chapitre', `unknown chapter ${row.chapitre} in plan ${plan.id}${excelHint(plan, row)}`, row.chapitre);
    return problems;
  }
  if (chapter.section !== row.section) {
    at(
      'section',
      `chapter ${chapter.code} belongs to section ${chapter.section} (${SECTION_NAME[chapter.section]}), not ${row.section}${excelHint(plan, row)}`,
      row.section,
    );
  }
  if (!chapter.sens.includes(row.sens)) {
    at('sens', `chapter ${chapter.code} cannot carry sens ${row.sens} (only ${chapter.sens.join(', ')})${excelHint(plan, row)}`, row.sens);
  }
  switch (chapter.kind) {
    case 'ordre':
      if (row.nature !== 'ordre') at('nature', `chapter ${chapter.code} is an order-operation chapter: nature must be ordre`, row.nature);
      break;
    case 'reporte':
      if (row.nature !== '') at('nature', `chapter ${chapter.code} is a carried result: nature must be empty`, row.nature);
      if (row.compte !== '') at('compte', `chapter ${chapter.code} is a carried result: compte must be empty`, row.compte);
      break;
    case 'sans-execution':
      if (row.realise !== 0n || row.rar !== 0n) {
        at('realise', `chapter ${chapter.code} carries no execution (budget only): realise and rar must be empty`, String(row.realise));
      }
      break;
    case 'reel':
      if (row.nature !== 'reel') at('nature', `chapter ${chapter.code} holds real operations: nature must be reel`, row.nature);
      break;
  }
  if (row.compte !== '' && chapter.kind !== 'reporte' && row.nature !== '') {
    const account = plan.account(row.compte);
    if (!account) {
      at('compte', `unknown account ${row.compte} in plan ${plan.id}`, row.compte);
    } else {
      const expected = plan.chapterOfAccount(row.compte, row.sens, row.nature);
      const parent = chapter.tiersOperation !== undefined ? chapter.code : row.chapitre;
      if (expected === undefined) {
        at('compte', `account ${row.compte} cannot carry a ${row.nature} ${row.sens} flow in plan ${plan.id}`, row.compte);
      } else if (expected !== parent && expected !== row.chapitre && !alsoAllowed(account, row, chapter)) {
        at('chapitre', `account ${row.compte} is budgeted in chapter ${expected} for a ${row.nature} ${row.sens} flow, not ${row.chapitre}`, row.chapitre);
      }
    }
  }
  return problems;
}

/** A one- or two-digit chapter may be a code Excel cut the zeros of: name the nearest chapters that fit. */
function excelHint(plan: Plan, row: LedgerRow): string {
  return /^\d{1,2}$/.test(row.chapitre) ? didYouMean(nearestChapters(plan, row.chapitre, row.section, row.sens)) : '';
}

/**
 * Beyond the account's first flow: an order line may sit in the chapter of its other order flow (796 → 042 between
 * sections, 043 inside the section), and the special chapters (016/017 APA, RSA; 018) gather accounts of any chapter.
 */
function alsoAllowed(account: AccountInfo, row: LedgerRow, chapter: ChapterInfo): boolean {
  if (chapter.special && chapter.section === row.section) return true;
  if (row.nature !== 'ordre') return false;
  const flows: Flow[] = row.sens === 'D' ? ['DOES', 'DOIS'] : ['ROES', 'ROIS'];
  return flows.some((f) => account.chapters[f] === row.chapitre);
}
