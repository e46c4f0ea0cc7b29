// Nomenclature rules on a parsed row: the chapter exists, fits the section and sens, and agrees with `nature`.
import { t } from '../messages/index.js';
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
        at('compte', t('ledger.noChapterForFlow', { compte: row.compte, nature: row.nature, sens: row.sens, plan: plan.id }), row.compte);
        return problems;
      }
      row.chapitre = derived;
    } else {
      // A section total without a chapter split.
      if (row.nature !== '') at('nature', t('ledger.totalWithNature'), row.nature);
      if (row.compte !== '') at('compte', t('ledger.totalWithCompte'), row.compte);
      if (row.rar !== 0n) at('rar', t('ledger.totalWithRar'), String(row.rar));
      return problems;
    }
  }

  const chapter = plan.chapter(row.chapitre);
  if (!chapter) {
    at('chapitre', t('ledger.unknownChapter', { chapitre: row.chapitre, plan: plan.id, hint: excelHint(plan, row) }), row.chapitre);
    return problems;
  }
  if (chapter.section !== row.section) {
    at(
      'section',
      t('ledger.chapterSection', { chapitre: chapter.code, section: chapter.section, sectionName: SECTION_NAME[chapter.section], given: row.section, hint: excelHint(plan, row) }),
      row.section,
    );
  }
  if (!chapter.sens.includes(row.sens)) {
    at('sens', t('ledger.chapterSens', { chapitre: chapter.code, sens: row.sens, allowed: chapter.sens.join(', '), hint: excelHint(plan, row) }), row.sens);
  }
  switch (chapter.kind) {
    case 'ordre':
      if (row.nature !== 'ordre') at('nature', t('ledger.orderChapter', { chapitre: chapter.code }), row.nature);
      break;
    case 'reporte':
      if (row.nature !== '') at('nature', t('ledger.carriedNature', { chapitre: chapter.code }), row.nature);
      if (row.compte !== '') at('compte', t('ledger.carriedCompte', { chapitre: chapter.code }), row.compte);
      break;
    case 'sans-execution':
      if (row.realise !== 0n || row.rar !== 0n) {
        at('realise', t('ledger.noExecution', { chapitre: chapter.code }), String(row.realise));
      }
      break;
    case 'reel':
      if (row.nature !== 'reel') at('nature', t('ledger.realChapter', { chapitre: chapter.code }), row.nature);
      break;
  }
  if (row.compte !== '' && chapter.kind !== 'reporte' && row.nature !== '') {
    const account = plan.account(row.compte);
    if (!account) {
      at('compte', t('ledger.unknownAccount', { compte: row.compte, plan: plan.id }), row.compte);
    } else {
      const expected = plan.chapterOfAccount(row.compte, row.sens, row.nature);
      const parent = chapter.tiersOperation !== undefined ? chapter.code : row.chapitre;
      if (expected === undefined) {
        at('compte', t('ledger.accountFlow', { compte: row.compte, nature: row.nature, sens: row.sens, plan: plan.id }), row.compte);
      } else if (expected !== parent && expected !== row.chapitre && !alsoAllowed(account, row, chapter)) {
        at('chapitre', t('ledger.accountChapter', { compte: row.compte, expected, nature: row.nature, sens: row.sens, chapitre: row.chapitre }), row.chapitre);
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
