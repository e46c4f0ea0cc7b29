// `check --compte-gestion BALANCE`: each budget's CA section results against the DGFiP balance of the same budget and year, as check findings.
import type { Finding } from './types.js';
import { computeResultats } from '../compute/resultats.js';
import { centsToString } from '../money/cents.js';
import type { LoadedFolder } from '../model/folder.js';
import type { BalanceRead, EntitySums } from '../model/balance.js';
import { formatAmount } from '../money/format.js';
import { concordance } from '../compute/balance/concordance.js';
import { computeBalanceResult } from '../compute/balance/results.js';

export const CHECK_ID = 'concordance.compte-gestion';

const ITEM_LABEL = { recettes: 'recettes', depenses: 'dépenses', solde: 'solde' } as const;

/** Upper case, no accents, letters and digits only: `Budget annexe « TNO »` → `BUDGETANNEXETNO`. */
function squash(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * Which balance entity is this budget: the only one of the year for a one-budget folder; the budget listed first
 * (the budget principal) ↔ CBUDG 1; another budget ↔ the one entity whose LBUDG contains its id or its label.
 */
export function matchEntity(
  budgets: { id: string; label: string }[],
  budgetIndex: number,
  candidates: EntitySums[],
): EntitySums | undefined {
  if (candidates.length === 1 && budgets.length === 1) return candidates[0];
  if (budgetIndex === 0) {
    const principal = candidates.filter((c) => c.cbudg.replace(/^0+/, '') === '1');
    if (principal.length === 1) return principal[0];
  }
  const b = budgets[budgetIndex]!;
  const strip = (s: string) => squash(s).replace(/^BUDGET(ANNEXE)?/, '');
  const names = [strip(b.label), squash(b.id)].filter((n) => n.length >= 2);
  const found = candidates.filter((c) => {
    const l = squash(c.lbudg);
    return names.some((n) => l.includes(n));
  });
  return found.length === 1 ? found[0] : undefined;
}

export function compteGestionFindings(folder: LoadedFolder, balance: BalanceRead, folderPath: string): Finding[] {
  const findings: Finding[] = [];
  const budgets = folder.model.budgets;
  if (balance.rejectedCount > 0) {
    findings.push({
      severity: 'warning',
      checkId: CHECK_ID,
      file: balance.file,
      message: `${balance.rejectedCount} line(s) of the balance rejected (first: ${balance.rejected[0]?.line ?? '?'}:${balance.rejected[0]?.column ?? '?'}): the concordance misses them`,
      hint: `see: sitiv-ca compute ${balance.file} --by entity`,
    });
  }
  budgets.forEach((budget, index) => {
    const years = folder.model.data.get(budget.id);
    if (!years) return;
    for (const exercice of [...years.keys()].sort((a, b) => a - b)) {
      const candidates = balance.entities.filter((e) => Number(e.exer) === exercice);
      const entity = matchEntity(budgets, index, candidates);
      if (!entity) {
        findings.push({
          severity: 'warning',
          checkId: CHECK_ID,
          file: balance.file,
          message: `${budget.id} ${exercice}: no entity of the balance could be told to be this budget (${candidates.length} of ${exercice}${candidates.length ? `: ${candidates.slice(0, 5).map((c) => `${c.ident}/${c.cbudg} ${c.lbudg}`).join('; ')}` : ''})`,
        });
        continue;
      }
      const ca = computeResultats(years.get(exercice)!);
      const bal = computeBalanceResult(entity.sums.totals());
      const c = concordance(ca, bal);
      const where = `${entity.ident}/${entity.cbudg} ${entity.lbudg}`;
      for (const l of c.lines) {
        if (l.ecart === 0n) continue;
        findings.push({
          severity: 'error',
          checkId: CHECK_ID,
          file: folderPath,
          figureId: `${budget.id}.${exercice}.compteGestion.${l.id}`,
          message: `${budget.id} ${exercice}: ${l.section} ${ITEM_LABEL[l.item]} of the CA ${formatAmount(l.ca)} ≠ compte de gestion ${formatAmount(l.balance)} (${where}, line ${entity.firstLine})`,
          computed: centsToString(l.ca),
          published: centsToString(l.balance),
          difference: centsToString(l.ecart),
        });
      }
      if (c.concordant) {
        findings.push({
          severity: 'info',
          checkId: CHECK_ID,
          file: folderPath,
          message: `${budget.id} ${exercice}: section results agree with the compte de gestion to the cent (${where})`,
        });
      }
    }
  });
  return findings;
}
