// The `ca` definition: aggregates and ratios as the compte administratif prints them (instructions M57 and M14, CGCT R2313-1).
import type { AccountTerm, AggregateDef, Definition, RatioDef, Term } from './types.js';

const real = (flow: AccountTerm['flow'], rest: Partial<AccountTerm> = {}, sign: 1 | -1 = 1): AccountTerm => ({ sign, flow, operation: 'reel', ...rest });
const ref = (id: string, sign: 1 | -1 = 1): Term => ({ sign, ref: id });

/** Chapter-16 accounts of capital repaid: loans proper (1641 euros, 1643 devises, 16441 opérations afférentes à
 * l'emprunt, 163 obligataires, 168 autres dettes) — not 165 deposits, 166 refinancing, 16449 line-of-credit drawings,
 * 1645 temporary repayments, 1688 accrued interest (ICNE). */
export const CAPITAL_ACCOUNTS = ['1641', '1643', '16441', '163', '168'] as const;
export const CAPITAL_EXCEPT = ['1688'] as const;

const aggregates: AggregateDef[] = [
  {
    id: 'recettes-reelles-fonctionnement',
    label: 'Recettes réelles de fonctionnement',
    // Instruction M57 tome II / M14: real operations of the section; order operations (042, 043) and the carried 002 apart.
    terms: { default: [real('FR')] },
    source: 'instructions M57 et M14: opérations réelles de la section de fonctionnement, hors 002',
  },
  {
    id: 'depenses-reelles-fonctionnement',
    label: 'Dépenses réelles de fonctionnement',
    terms: { default: [real('FD')] },
    source: 'instructions M57 et M14: opérations réelles de la section de fonctionnement, hors 002',
  },
  {
    id: 'epargne-brute',
    label: 'Épargne brute',
    terms: { default: [ref('recettes-reelles-fonctionnement'), ref('depenses-reelles-fonctionnement', -1)] },
    source: 'capacité d’autofinancement brute: RRF − DRF (instruction M57, annexe de présentation croisée; R2313-1 ratio 11)',
  },
  {
    id: 'interets-dette',
    label: 'Intérêts de la dette',
    // 66112 is the year's ICNE net of the reversal of N−1's (a negative mandat): the ledger's 66112 is already net.
    terms: { default: [real('FD', { chapters: ['66'], accounts: ['66111', '66112'] })] },
    source: 'comptes 66111 (intérêts réglés à l’échéance) + 66112 (ICNE de l’exercice nets de la contre-passation N−1)',
  },
  {
    id: 'epargne-gestion',
    label: 'Épargne de gestion',
    terms: { default: [ref('epargne-brute'), ref('interets-dette')] },
    source: 'épargne brute + intérêts de la dette (66111 + 66112)',
  },
  {
    id: 'cessions',
    label: 'Produits des cessions d’immobilisations',
    // 776 / 675 / 676 are order flows (042 / 040): out of real operations by construction.
    terms: { default: [real('FR', { chapters: ['77'], accounts: ['775'] })] },
    source: 'compte 775 (réel, chapitre 77); 675, 676, 776 sont des opérations d’ordre',
  },
  {
    id: 'epargne-brute-hors-cessions',
    label: 'Épargne brute hors cessions',
    terms: { default: [ref('epargne-brute'), ref('cessions', -1)] },
    source: 'épargne brute − 775',
  },
  // Under --exclude-cessions (national aggregates leave asset sales out of recettes).
  {
    id: 'recettes-reelles-fonctionnement-hors-cessions',
    label: 'Recettes réelles de fonctionnement hors cessions',
    terms: { default: [ref('recettes-reelles-fonctionnement'), ref('cessions', -1)] },
    source: 'RRF − 775',
  },
  {
    id: 'epargne-gestion-hors-cessions',
    label: 'Épargne de gestion hors cessions',
    terms: { default: [ref('epargne-brute-hors-cessions'), ref('interets-dette')] },
    source: 'épargne brute hors cessions + intérêts',
  },
  {
    id: 'epargne-nette-hors-cessions',
    label: 'Épargne nette hors cessions',
    terms: { default: [ref('epargne-brute-hors-cessions'), ref('capital-rembourse', -1)] },
    source: 'épargne brute hors cessions − capital remboursé',
  },
  {
    id: 'capital-rembourse',
    label: 'Remboursement du capital de la dette',
    terms: { default: [real('ID', { chapters: ['16'], accounts: CAPITAL_ACCOUNTS, except: CAPITAL_EXCEPT })] },
    source: 'chapitre 16 en dépenses réelles: 1641, 1643, 16441, 163, 168 sauf 1688 (ni 165, 166, 16449, 1645)',
  },
  {
    id: 'emprunts-nouveaux',
    label: 'Emprunts nouveaux',
    terms: { default: [real('IR', { chapters: ['16'], accounts: CAPITAL_ACCOUNTS, except: CAPITAL_EXCEPT })] },
    source: 'chapitre 16 en recettes réelles, mêmes comptes que le capital remboursé',
  },
  {
    id: 'epargne-nette',
    label: 'Épargne nette',
    terms: { default: [ref('epargne-brute'), ref('capital-rembourse', -1)] },
    source: 'épargne brute − remboursement du capital (R2313-1 ratio 12 du CFU)',
  },
  {
    id: 'depenses-personnel',
    label: 'Dépenses de personnel',
    terms: { default: [real('FD', { chapters: ['012'] })] },
    source: 'chapitre 012 (R2313-1 ratio 7)',
  },
  {
    id: 'travaux-regie',
    label: 'Travaux en régie',
    // 722 is credited by an order operation (042) that moves the cost of works done by staff to investment.
    terms: { default: [{ sign: 1, flow: 'FR', operation: 'ordre', chapters: ['042'], accounts: ['722'] }] },
    source: 'compte 722 (opération d’ordre, chapitre 042)',
  },
  {
    id: 'depenses-reelles-fonctionnement-hors-regie',
    label: 'Dépenses réelles de fonctionnement hors travaux en régie',
    terms: { default: [ref('depenses-reelles-fonctionnement'), ref('travaux-regie', -1)] },
    source: 'R2313-1 ratio 1 (communes et groupements): DRF − travaux en régie (722)',
  },
  {
    id: 'depenses-equipement-brut',
    label: 'Dépenses d’équipement brut',
    // 204 is a chapter of its own in M14 and M57: chapter 20 is "20 except 204" by construction.
    terms: { default: [real('ID', { chapters: ['20', '21', '23'] }), ref('travaux-regie')] },
    source: 'R2313-1 ratios 4 et 9: chapitres 20 (hors 204), 21, 23 + travaux en régie (722)',
  },
  {
    id: 'impositions-directes',
    label: 'Produit des impositions directes',
    terms: {
      // M14 as real files use it: 73111 impôts directs locaux.
      M14: [real('FR', { chapters: ['73'], accounts: ['73111'] })],
      // M57: the contributions directes 7311x (73111 taxes foncières et d'habitation, 73112 CVAE, 73113 TASCOM,
      // 73114 IFER) — not the rest of 731 (TEOM, DMTO, taxe de séjour are not direct taxes).
      M57: [real('FR', { chapters: ['731', '73'], accounts: ['7311'] })],
    },
    source: 'R2313-1 ratio 2: M14 73111; M57 7311x (plans de comptes M14 2021 et M57 2020, chapitre 73 / 731)',
  },
  {
    id: 'dgf',
    label: 'Dotation globale de fonctionnement',
    terms: {
      // Plans M14 2021 and M57 2020, chapter 74: DGF of the entity's category.
      'M14:commune': [real('FR', { chapters: ['74'], accounts: ['7411', '74121', '74123', '74127'] })],
      'M14:epci-fp': [real('FR', { chapters: ['74'], accounts: ['74124', '74126'] })],
      'M57:commune': [real('FR', { chapters: ['74'], accounts: ['74111', '741121', '741123', '741127'] })],
      'M57:epci-fp': [real('FR', { chapters: ['74'], accounts: ['741124', '741126'] })],
      'M57:departement': [real('FR', { chapters: ['74'], accounts: ['7412'] })],
    },
    source: 'R2313-1 ratio 6: M14 7411 + 74121 + 74123 + 74127 (communes), 74124 + 74126 (EPCI); M57 74111 + 741121 + 741123 + 741127 (communes), 741124 + 741126 (EPCI), 7412x (départements)',
  },
  {
    id: 'depenses-reelles-fonctionnement-et-remboursement',
    label: 'Dépenses réelles de fonctionnement et remboursement de la dette en capital',
    terms: { default: [ref('depenses-reelles-fonctionnement'), ref('capital-rembourse')] },
    source: 'R2313-1 ratio 8: DRF + remboursement du capital',
  },
];

// CGCT R2313-1: ratios 1 to 10 of communes of 3 500 inhabitants and more (R5211-15 for groupements); the M57 CFU
// presentation adds ratios 11 to 13.
const R2313 = 'CGCT R2313-1';
const CFU = 'CFU (M57)';

const ratios: RatioDef[] = [
  {
    id: 'drf-par-habitant',
    label: 'Dépenses réelles de fonctionnement / population',
    numerator: { default: 'depenses-reelles-fonctionnement', commune: 'depenses-reelles-fonctionnement-hors-regie', 'epci-fp': 'depenses-reelles-fonctionnement-hors-regie', syndicat: 'depenses-reelles-fonctionnement-hors-regie' },
    denominator: 'population',
    unit: 'par-habitant',
    code: 'ValDepRFonc',
    source: `${R2313}, ratio 1`,
  },
  { id: 'impositions-directes-par-habitant', label: 'Produit des impositions directes / population', numerator: 'impositions-directes', denominator: 'population', unit: 'par-habitant', code: 'ValProdImpo', source: `${R2313}, ratio 2` },
  { id: 'rrf-par-habitant', label: 'Recettes réelles de fonctionnement / population', numerator: 'recettes-reelles-fonctionnement', denominator: 'population', unit: 'par-habitant', code: 'ValRecRFonc', source: `${R2313}, ratio 3` },
  { id: 'equipement-par-habitant', label: 'Dépenses d’équipement brut / population', numerator: 'depenses-equipement-brut', denominator: 'population', unit: 'par-habitant', code: 'ValDepEq', source: `${R2313}, ratio 4` },
  { id: 'encours-par-habitant', label: 'Encours de la dette au 31/12 / population', numerator: 'encours', denominator: 'population', unit: 'par-habitant', code: 'ValEncDettePop', source: `${R2313}, ratio 5` },
  { id: 'dgf-par-habitant', label: 'DGF / population', numerator: 'dgf', denominator: 'population', unit: 'par-habitant', code: 'ValDGFPop', source: `${R2313}, ratio 6` },
  { id: 'personnel-drf', label: 'Dépenses de personnel / dépenses réelles de fonctionnement', numerator: 'depenses-personnel', denominator: 'depenses-reelles-fonctionnement', unit: 'pourcentage', code: 'ValDepPers', source: `${R2313}, ratio 7` },
  { id: 'drf-remboursement-rrf', label: '(DRF + remboursement du capital) / recettes réelles de fonctionnement', numerator: 'depenses-reelles-fonctionnement-et-remboursement', denominator: 'recettes-reelles-fonctionnement', unit: 'pourcentage', code: 'ValDepFoncRemDette', source: `${R2313}, ratio 8` },
  { id: 'equipement-rrf', label: 'Dépenses d’équipement brut / recettes réelles de fonctionnement', numerator: 'depenses-equipement-brut', denominator: 'recettes-reelles-fonctionnement', unit: 'pourcentage', code: 'ValDepEqB', source: `${R2313}, ratio 9` },
  { id: 'encours-rrf', label: 'Encours de la dette / recettes réelles de fonctionnement', numerator: 'encours', denominator: 'recettes-reelles-fonctionnement', unit: 'pourcentage', code: 'ValEncDetteRecFonc', source: `${R2313}, ratio 10` },
  { id: 'epargne-brute-rrf', label: 'Épargne brute / recettes réelles de fonctionnement', numerator: 'epargne-brute', denominator: 'recettes-reelles-fonctionnement', unit: 'pourcentage', code: 'ValEparRFonc', source: `${CFU}, ratio 11` },
  { id: 'epargne-nette-rrf', label: 'Épargne nette / recettes réelles de fonctionnement', numerator: 'epargne-nette', denominator: 'recettes-reelles-fonctionnement', unit: 'pourcentage', code: 'ValEparNetRFonc', source: `${CFU}, ratio 12` },
  { id: 'encours-epargne-brute', label: 'Encours de la dette / épargne brute (années)', numerator: 'encours', denominator: 'epargne-brute', unit: 'annees', code: 'ValEncDetteEpar', source: `${CFU}, ratio 13` },
];

export const CA_DEFINITION: Definition = {
  id: 'ca',
  label: 'compte administratif (instructions M57 / M14, CGCT R2313-1)',
  aggregates,
  ratios,
  // The encours at 31/12 comes from the état de la dette; the population from the manifest or the file.
  external: ['encours', 'population'],
};
