// The `ofgl` definition: the aggregates as the Observatoire des finances et de la gestion publique locales computes them from the DGFiP balances.
import { CA_DEFINITION } from './ca.js';
import { deriveAggregates, HORS_CESSIONS } from './derive.js';
import type { AccountTerm, AggregateDef, Definition, FlowCode, MinTerm, Term, TermsByKey } from './types.js';

// Source: OFGL, « Les comptes des collectivités », table of formulas (notation D = débit réel, C = crédit réel of the
// balance: D = OBNETDEB − OOBDEB, C = OBNETCRE − OOBCRE; docs/dgfip.md). The formulas are written on account numbers,
// whatever the chapter, and are the same for M57 and M14 (both plans keep the class 6 / class 7 numbers they use);
// other normes (M4x, M52, M61…) get no OFGL figure here.
const SOURCE = 'OFGL, « Les comptes des collectivités », table des formules (D = débit réel, C = crédit réel)';

const acc = (flow: FlowCode, accounts: readonly string[], except?: readonly string[], sign: 1 | -1 = 1): AccountTerm => ({
  sign,
  flow,
  operation: 'reel',
  accounts,
  ...(except ? { except } : {}),
});
const ref = (id: string, sign: 1 | -1 = 1): Term => ({ sign, ref: id });
const minDC = (account: string): MinTerm => ({ sign: -1, min: [acc('ID', [account]), acc('IR', [account])], label: `min(D${account}; C${account})` });
const m57m14 = (terms: readonly Term[]): TermsByKey => ({ M57: terms, M14: terms });

// Proceeds of sales (775), their VNC (675) and the différences sur réalisations (676 / 776), the investment
// subsidies transferred (777), the dotations (68) and reprises (78) are out of both sides: they are not running flows.
export const OFGL_RECETTES_EXCEPT = ['775', '776', '777', '78'] as const;
export const OFGL_DEPENSES_EXCEPT = ['65541', '675', '676', '68'] as const;

const aggregates: AggregateDef[] = [
  {
    id: 'recettes-reelles-fonctionnement',
    label: 'Recettes de fonctionnement (OFGL)',
    // C 7 − C 775 − C 776 − C 777 − C 78: class 7 real credits only (013 atténuations de charges, class 6, is not in it).
    terms: m57m14([acc('FR', ['7'], OFGL_RECETTES_EXCEPT)]),
    source: `${SOURCE}: recettes de fonctionnement = C 7 − C 775 − C 776 − C 777 − C 78`,
  },
  {
    id: 'depenses-reelles-fonctionnement',
    label: 'Dépenses de fonctionnement (OFGL)',
    // D 6 − D 65541 − D 675 − D 676 − D 68: class 6 real debits only (014 atténuations de produits, class 7, is not in it).
    terms: m57m14([acc('FD', ['6'], OFGL_DEPENSES_EXCEPT)]),
    source: `${SOURCE}: dépenses de fonctionnement = D 6 − D 65541 − D 675 − D 676 − D 68`,
  },
  {
    id: 'epargne-brute',
    label: 'Épargne brute (OFGL)',
    terms: m57m14([ref('recettes-reelles-fonctionnement'), ref('depenses-reelles-fonctionnement', -1)]),
    source: `${SOURCE}: épargne brute = recettes de fonctionnement − dépenses de fonctionnement`,
  },
  {
    id: 'epargne-gestion',
    label: 'Épargne de gestion (OFGL)',
    // Not épargne brute + interest: the OFGL takes the management flows alone, 70 to 75 against 60 to 65 (no
    // financial or exceptional items, 66 / 76 / 67 / 77, no 68 / 78).
    terms: m57m14([acc('FR', ['70', '71', '72', '73', '74', '75']), acc('FD', ['60', '61', '62', '63', '64', '65'], undefined, -1)]),
    source: `${SOURCE}: épargne de gestion = C 70..75 − D 60..65`,
  },
  {
    id: 'capital-rembourse',
    label: 'Remboursements d’emprunts hors gestion active de la dette (OFGL)',
    // Revolving drawings repaid in the year (16449) and refinancing (166) appear on both sides: the smaller side is
    // active debt management, not repayment.
    terms: m57m14([acc('ID', ['16']), minDC('16449'), minDC('166')]),
    source: `${SOURCE}: remboursements = D 16 − min(D 16449; C 16449) − min(D 166; C 166)`,
  },
  {
    id: 'emprunts-nouveaux',
    label: 'Emprunts hors gestion active de la dette (OFGL)',
    terms: m57m14([acc('IR', ['16']), minDC('16449'), minDC('166')]),
    source: `${SOURCE}: emprunts = C 16 − min(D 16449; C 16449) − min(D 166; C 166)`,
  },
  {
    id: 'epargne-nette',
    label: 'Épargne nette (OFGL)',
    terms: m57m14([ref('epargne-brute'), ref('capital-rembourse', -1)]),
    source: `${SOURCE}: épargne nette = épargne brute − remboursements hors gestion active`,
  },
  {
    id: 'encours',
    label: 'Encours de la dette au 31/12 (OFGL)',
    // A balance, not a flow: 165 deposits are in it, accrued interest (1688) and bond premiums (169) are not.
    terms: m57m14([{ sign: 1, balance: 'closing', side: 'credit', accounts: ['16'], except: ['1688', '169'] }]),
    source: `${SOURCE}: encours = solde créditeur de clôture de 16 − 1688 − 169 (165 compris)`,
  },
  {
    id: 'depenses-equipement-brut',
    label: 'Dépenses d’équipement (OFGL)',
    // 204 (subventions d'équipement versées) is not the entity's equipment; 237 / 238 credits are advances paid back.
    terms: m57m14([acc('ID', ['20', '21', '23'], ['204']), acc('IR', ['237', '238'], undefined, -1)]),
    source: `${SOURCE}: dépenses d’équipement = D 20 + D 21 + D 23 − D 204 − C 237 − C 238`,
  },
];

export const OFGL_DEFINITION: Definition = {
  id: 'ofgl',
  label: 'OFGL (Observatoire des finances et de la gestion publique locales)',
  source: SOURCE,
  // The aggregates the OFGL's table does not give (interest, personnel, taxes, DGF, works by staff) keep the ca's
  // terms; those that only take 775 out of recettes go: the OFGL recettes leave it out already.
  aggregates: deriveAggregates(CA_DEFINITION.aggregates, aggregates, HORS_CESSIONS),
  ratios: CA_DEFINITION.ratios,
  external: ['population'],
};
