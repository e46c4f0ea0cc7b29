// État de la dette per year: amortissement, intérêts, annuité, new loans, encours and its roll-forward.
import type { Cents } from '../money/cents.js';
import type { ChapterData, ExerciceBudget } from '../model/budget.js';
import { DEBT_EXCLUSIONS, isDebtPrincipalAccount, isInterestAccount } from '../nomenclature/debt-accounts.js';
import type { DetteRow } from '../model/side-tables.js';
import type { Maybe } from './epargne.js';
import { t } from '../messages/index.js';
import { t as tr } from '../messages/index.js';

/** Where a debt figure comes from: the declared debt table or the ledger's accounts. */
export type DebtSource = 'dette' | 'ledger';
export type Sourced = { value: Cents; source: DebtSource } | { reason: string };

export interface DebtYear {
  exercice: number;
  amortissement: Sourced;
  interets: Sourced;
  /** amortissement + intérêts. */
  annuite: Maybe<Cents>;
  empruntsNouveaux: Sourced;
  /** Encours at 31/12 as declared (the ledger alone cannot give it). */
  encours: Maybe<Cents>;
  /** encours(N−1) − amortissement(N) + emprunts nouveaux(N); encours(N−1) is the declared one when given. */
  encoursCalcule: Maybe<Cents>;
  /** encours declared − encours rolled forward; non-zero means the published encours disagrees. */
  ecartEncours: Maybe<Cents>;
}

const EXCLUDED = DEBT_EXCLUSIONS.map((e) => e.prefix).join(', ');

/** Sum of the accounts of a chapter that pass a filter; a reason when the chapter is not detailed by account. */
function accountSum(chapter: ChapterData | undefined, keep: (compte: string) => boolean, what: string): Maybe<Cents> {
  if (!chapter || chapter.nature !== 'reel') return { value: 0n };
  let detailed = 0n;
  let kept = 0n;
  for (const [compte, a] of chapter.accounts) {
    detailed += a.realise;
    if (keep(compte)) kept += a.realise;
  }
  if (detailed !== chapter.realise) {
    return { reason: t('report.chapterNotDetailed', { what, code: chapter.code, line: chapter.line }) };
  }
  return { value: kept };
}

/** Capital repaid (D) or new loans (R) from the ledger: the `ca` definition's accounts (1641, 1643, 16441, 163, 168 except 1688). */
export function debtPrincipalFromLedger(ex: ExerciceBudget, sens: 'D' | 'R'): Maybe<Cents> {
  const flow = sens === 'D' ? ex.flows.ID : ex.flows.IR;
  if (flow.declaredTotal) return { reason: t('report.sectionTotalOnlyShort', { flow: `I${sens}`, line: flow.declaredTotal.line }) };
  const what = sens === 'D' ? 'capital repaid' : 'new loans';
  return accountSum(flow.chapters.get('16'), isDebtPrincipalAccount, `${what} (excluding ${EXCLUDED})`);
}

/** Interest on debt from the ledger: 66111 + 66112 in chapter 66. */
export function interetsFromLedger(ex: ExerciceBudget): Maybe<Cents> {
  const flow = ex.flows.FD;
  if (flow.declaredTotal) return { reason: t('report.sectionTotalOnlyShort', { flow: 'FD', line: flow.declaredTotal.line }) };
  return accountSum(flow.chapters.get('66'), isInterestAccount, 'interest (66111 + 66112)');
}

function pick(declared: Cents | undefined, ledger: (() => Maybe<Cents>) | undefined, missing: string): Sourced {
  if (declared !== undefined) return { value: declared, source: 'dette' };
  if (!ledger) return { reason: missing };
  const m = ledger();
  return 'value' in m ? { value: m.value, source: 'ledger' } : m;
}

/**
 * The état de la dette for the given exercices. A figure of dette.csv wins over the ledger (the ledger is
 * used where the cell is empty); a dette.csv row for the year before the first gives the opening encours.
 */
export function etatDeLaDette(exercices: readonly number[], declared: readonly DetteRow[], ledger: ReadonlyMap<number, ExerciceBudget>): DebtYear[] {
  const byYear = new Map(declared.map((d) => [d.exercice, d]));
  const out: DebtYear[] = [];
  let previous: Maybe<Cents> | undefined;
  for (const exercice of exercices) {
    const d = byYear.get(exercice);
    const ex = ledger.get(exercice);
    const none = tr('report.noDebtFigureBoth', { year: exercice });
    const amortissement = pick(d?.amortissement, ex ? () => debtPrincipalFromLedger(ex, 'D') : undefined, none);
    const interets = pick(d?.interets, ex ? () => interetsFromLedger(ex) : undefined, none);
    const empruntsNouveaux = pick(d?.empruntsNouveaux, ex ? () => debtPrincipalFromLedger(ex, 'R') : undefined, none);
    const annuite: Maybe<Cents> =
      'value' in amortissement && 'value' in interets ? { value: amortissement.value + interets.value } : { reason: 'reason' in amortissement ? amortissement.reason : (interets as { reason: string }).reason };
    const encours: Maybe<Cents> = d?.encours !== undefined ? { value: d.encours } : { reason: tr('report.noEncoursCsv', { year: exercice }) };
    const prevDeclared = byYear.get(exercice - 1)?.encours;
    const opening: Maybe<Cents> =
      prevDeclared !== undefined ? { value: prevDeclared } : previous ?? { reason: tr('report.noEncours', { year: exercice - 1 }) };
    let encoursCalcule: Maybe<Cents>;
    if ('reason' in opening) encoursCalcule = opening;
    else if ('reason' in amortissement) encoursCalcule = amortissement;
    else if ('reason' in empruntsNouveaux) encoursCalcule = empruntsNouveaux;
    else encoursCalcule = { value: opening.value - amortissement.value + empruntsNouveaux.value };
    const ecartEncours: Maybe<Cents> =
      'value' in encours && 'value' in encoursCalcule ? { value: encours.value - encoursCalcule.value } : { reason: 'reason' in encours ? encours.reason : (encoursCalcule as { reason: string }).reason };
    out.push({ exercice, amortissement, interets, annuite, empruntsNouveaux, encours, encoursCalcule, ecartEncours });
    previous = 'value' in encours ? encours : encoursCalcule;
  }
  return out;
}

/** Chapter 16 realised in the ledger (chapter level, exclusions not applied): what a presentation by chapter prints. */
export function chapitre16(ex: ExerciceBudget | undefined, sens: 'D' | 'R'): Maybe<Cents> {
  if (!ex) return { reason: tr('report.noLedgerYear') };
  const flow = sens === 'D' ? ex.flows.ID : ex.flows.IR;
  if (flow.declaredTotal) return { reason: tr('report.sectionTotalOnlyI', { sens }) };
  return { value: flow.chapters.get('16')?.realise ?? 0n };
}
