// Per-account classification of balance movements (section, chapter, real/order, debt, interest, cession), computed once per distinct account.
import { isAssetSaleAccount, isDebtPrincipalAccount, isInterestAccount } from '../../nomenclature/debt-accounts.js';
import type { Plan } from '../../nomenclature/plan.js';
import type { Section, Sens } from '../../model/ledger.js';
import { B, BASE_BUCKETS, type AccountClass } from '../../model/balance.js';
import { extraSlotsOf } from '../../definitions/balance-slots.js';

/** Without a chapter, classes 6 and 7 are fonctionnement and every other budgetary account investissement. */
export function sectionOfClass(compte: string): Section {
  const c = compte.charCodeAt(0);
  return c === 54 || c === 55 ? 'F' : 'I';
}

const SLOT: Record<`${Section}${Sens}${'reel' | 'ordre'}`, number> = {
  FDreel: B.FD_REEL,
  FDordre: B.FD_ORDRE,
  FRreel: B.FR_REEL,
  FRordre: B.FR_ORDRE,
  IDreel: B.ID_REEL,
  IDordre: B.ID_ORDRE,
  IRreel: B.IR_REEL,
  IRordre: B.IR_ORDRE,
};

function flow(plan: Plan | undefined, compte: string, sens: Sens, nature: 'reel' | 'ordre'): { slot: number; chapitre: string } {
  const chapitre = plan?.chapterOfAccount(compte, sens, nature) ?? '';
  const section = (chapitre && plan?.chapter(chapitre)?.section) || sectionOfClass(compte);
  return { slot: SLOT[`${section}${sens}${nature}`], chapitre };
}

export function classifyAccount(plan: Plan | undefined, compte: string): AccountClass {
  const dr = flow(plan, compte, 'D', 'reel');
  const dordre = flow(plan, compte, 'D', 'ordre');
  const rr = flow(plan, compte, 'R', 'reel');
  const rordre = flow(plan, compte, 'R', 'ordre');
  const debt = isDebtPrincipalAccount(compte);
  const interest = isInterestAccount(compte);
  const sale = isAssetSaleAccount(compte);
  const extra = extraSlotsOf(compte).map((v, i) => (i % 2 === 0 ? BASE_BUCKETS + v : v));
  return {
    compte,
    dReel: dr.slot,
    dOrdre: dordre.slot,
    rReel: rr.slot,
    rOrdre: rordre.slot,
    debt,
    interest,
    sale,
    extra,
    special: debt || interest || sale || extra.length > 0,
    chapitres: { dReel: dr.chapitre, dOrdre: dordre.chapitre, rReel: rr.chapitre, rOrdre: rordre.chapitre },
  };
}
