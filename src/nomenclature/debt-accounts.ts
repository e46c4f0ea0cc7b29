// Which accounts count as debt principal, interest and asset sales: one table shared by savings, debt and ratio features.

/** Chapter-16 accounts that move cash without being a loan taken or a loan repaid. */
export interface DebtExclusion {
  prefix: string;
  reason: string;
}

/** Account prefix of chapter 16 (emprunts et dettes assimilées). */
export const DEBT_PREFIX = '16';

export const DEBT_EXCLUSIONS: readonly DebtExclusion[] = [
  { prefix: '165', reason: 'dépôts et cautionnements reçus' },
  { prefix: '166', reason: 'refinancement de dette' },
  { prefix: '16441', reason: "emprunts revolving (opérations afférentes à l'emprunt)" },
  { prefix: '1645', reason: 'emprunts revolving (remboursements temporaires)' },
  { prefix: '16449', reason: 'tirages sur ligne de trésorerie' },
  { prefix: '1688', reason: 'intérêts courus' },
];

/** Interest on debt: the gap between épargne de gestion and épargne brute. */
export const INTEREST_ACCOUNTS: readonly string[] = ['66111', '66112'];

/** Proceeds of asset sales (cessions), taken out of national savings aggregates. */
export const ASSET_SALE_PREFIX = '775';

/** The exclusion that applies to an account, if any: lets reports say why a 16x line was left out. */
export function debtExclusion(compte: string): DebtExclusion | undefined {
  return DEBT_EXCLUSIONS.find((e) => compte.startsWith(e.prefix));
}

/** Capital repaid (D) or new loan (R) when the line is real: a chapter-16 account outside the exclusions. */
export function isDebtPrincipalAccount(compte: string): boolean {
  return compte.startsWith(DEBT_PREFIX) && debtExclusion(compte) === undefined;
}

/** Sub-accounts (e.g. 661121) count with their parent. */
export function isInterestAccount(compte: string): boolean {
  return INTEREST_ACCOUNTS.some((a) => compte.startsWith(a));
}

export function isAssetSaleAccount(compte: string): boolean {
  return compte.startsWith(ASSET_SALE_PREFIX);
}
