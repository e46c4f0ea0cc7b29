// Which accounts count as debt principal, interest and asset sales, read from the `ca` definition (src/definitions/ca.ts),
// so the multi-year tables, the DGFiP `--by entity` path and the single-year tables take one rule.
import { CA_DEFINITION } from '../definitions/ca.js';
import type { AccountTerm } from '../definitions/types.js';

/** Chapter-16 accounts that move cash without being a loan taken or a loan repaid. */
export interface DebtExclusion {
  prefix: string;
  reason: string;
}

/** Account prefix of chapter 16 (emprunts et dettes assimilées). */
export const DEBT_PREFIX = '16';

/** The account terms of an aggregate of the `ca` definition (every norme takes the same accounts for these three). */
function accountTerms(id: string): readonly AccountTerm[] {
  const a = CA_DEFINITION.aggregates.find((x) => x.id === id);
  const terms = (a?.terms.default ?? []).filter((t): t is AccountTerm => 'flow' in t && t.accounts !== undefined);
  if (terms.length === 0) throw new Error(`definition ca: ${id} has no account terms`);
  return terms;
}

const CAPITAL = accountTerms('capital-rembourse');
const INTEREST = accountTerms('interets-dette');
const SALES = accountTerms('cessions');

const inTerms = (terms: readonly AccountTerm[], compte: string) =>
  terms.some((t) => t.accounts!.some((p) => compte.startsWith(p)) && !(t.except ?? []).some((p) => compte.startsWith(p)));

/**
 * Why a chapter-16 account the definition leaves out of capital repaid and new loans is left out (for notes).
 * 16441 is not here: the `ca` definition counts it (the loan side of a revolving loan is repaid capital).
 */
export const DEBT_EXCLUSIONS: readonly DebtExclusion[] = [
  { prefix: '165', reason: 'dépôts et cautionnements reçus' },
  { prefix: '166', reason: 'refinancement de dette' },
  { prefix: '1645', reason: 'emprunts revolving (remboursements temporaires)' },
  { prefix: '16449', reason: 'tirages sur ligne de trésorerie' },
  { prefix: '1688', reason: 'intérêts courus' },
];

/** Interest on debt: the gap between épargne de gestion and épargne brute. */
export const INTEREST_ACCOUNTS: readonly string[] = INTEREST.flatMap((t) => t.accounts!);

/** Proceeds of asset sales (cessions), taken out of national savings aggregates. */
export const ASSET_SALE_PREFIX = SALES[0]!.accounts![0]!;

/** The exclusion that applies to an account, if any: lets reports say why a 16x line was left out. */
export function debtExclusion(compte: string): DebtExclusion | undefined {
  return DEBT_EXCLUSIONS.find((e) => compte.startsWith(e.prefix));
}

/** Capital repaid (D) or new loan (R) when the line is real: the accounts of the `ca` definition's capital repaid. */
export function isDebtPrincipalAccount(compte: string): boolean {
  return inTerms(CAPITAL, compte);
}

/** Sub-accounts (e.g. 661121) count with their parent. */
export function isInterestAccount(compte: string): boolean {
  return inTerms(INTEREST, compte);
}

export function isAssetSaleAccount(compte: string): boolean {
  return inTerms(SALES, compte);
}
