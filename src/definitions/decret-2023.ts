// The `decret-2023` definition: recettes and dépenses réelles de fonctionnement as LFI 2023 art. 113 (filet de sécurité) and its decree define them.
import { CA_DEFINITION } from './ca.js';
import { deriveAggregates, HORS_CESSIONS } from './derive.js';
import type { AccountTerm, AggregateDef, Definition, TermsByKey } from './types.js';

// Source: loi n° 2022-1726 du 30 décembre 2022 de finances pour 2023, art. 113 (dotation « filet de sécurité »
// against the rise of energy prices), and its application decree: the épargne brute is recettes réelles − dépenses
// réelles de fonctionnement, each « le montant des opérations budgétaires nettes des annulations » of the year,
// except order operations and the accounts listed. Unlike the CA's « opérations réelles et mixtes », dotations (68)
// and reprises (78) are left out whole, real (semi-budgetary) ones included.
const SOURCE = 'LFI 2023 (loi n° 2022-1726), art. 113, et son décret d’application (filet de sécurité)';

const real = (flow: AccountTerm['flow'], except: readonly string[]): AccountTerm => ({ sign: 1, flow, operation: 'reel', except });
const both = (t: AccountTerm): TermsByKey => ({ M57: [t], M14: [t] });

export const DECRET_DEPENSES_EXCEPT = ['675', '68', '676'] as const;
export const DECRET_RECETTES_EXCEPT = ['775', '777', '78'] as const;

const aggregates: AggregateDef[] = [
  {
    id: 'recettes-reelles-fonctionnement',
    label: 'Recettes réelles de fonctionnement (décret 2023)',
    terms: both(real('FR', DECRET_RECETTES_EXCEPT)),
    source: `${SOURCE}: opérations budgétaires nettes des annulations, hors opérations d’ordre, 775 (produits des cessions), 777 (quote-part des subventions transférée), 78 (reprises sur amortissements et provisions)`,
  },
  {
    id: 'depenses-reelles-fonctionnement',
    label: 'Dépenses réelles de fonctionnement (décret 2023)',
    terms: both(real('FD', DECRET_DEPENSES_EXCEPT)),
    source: `${SOURCE}: opérations budgétaires nettes des annulations, hors opérations d’ordre, 675 (valeur comptable des immobilisations cédées), 68 (dotations aux amortissements et provisions), 676 (différences sur réalisations positives)`,
  },
];

export const DECRET_2023_DEFINITION: Definition = {
  id: 'decret-2023',
  label: 'décret 2023 (LFI 2023 art. 113, filet de sécurité)',
  source: SOURCE,
  // The decree defines recettes and dépenses réelles (and so the épargne brute and what is built on it); the other
  // aggregates keep the ca's terms. 775 is out of its recettes already: the hors-cessions aggregates go.
  aggregates: deriveAggregates(CA_DEFINITION.aggregates, aggregates, HORS_CESSIONS),
  ratios: CA_DEFINITION.ratios,
  external: CA_DEFINITION.external,
};
