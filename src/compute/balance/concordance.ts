// Concordance of a compte administratif with the DGFiP balance of the same budget and year: the figures the assembly checks agree.
import type { Cents } from '../../money/cents.js';
import type { BalanceResult } from './results.js';

/** The part of a CA's results the concordance needs (src/compute/resultats.ts Resultats fits). */
export interface CaSections {
  fonctionnement: { recettes: Cents; depenses: Cents; solde: Cents };
  investissement: { recettes: Cents; depenses: Cents; solde: Cents };
}

export interface ConcordanceLine {
  /** Stable id: `fonctionnement.recettes`, `investissement.solde`, … */
  id: string;
  section: 'fonctionnement' | 'investissement';
  item: 'recettes' | 'depenses' | 'solde';
  ca: Cents;
  balance: Cents;
  /** ca − balance; 0 when they agree. */
  ecart: Cents;
}

export interface Concordance {
  lines: ConcordanceLine[];
  /** Every line agrees to the cent. */
  concordant: boolean;
}

const SECTIONS = ['fonctionnement', 'investissement'] as const;
const ITEMS = ['recettes', 'depenses', 'solde'] as const;

/**
 * Titres and mandats of the year, real and order, per section, compared to the cent. Carried results (001/002) and
 * RAR are left out on both sides: the balance has none, and the CA's year figures exclude them.
 */
export function concordance(ca: CaSections, balance: Pick<BalanceResult, 'fonctionnement' | 'investissement'>): Concordance {
  const lines: ConcordanceLine[] = [];
  for (const section of SECTIONS) {
    for (const item of ITEMS) {
      const a = ca[section][item];
      const b = balance[section][item];
      lines.push({ id: `${section}.${item}`, section, item, ca: a, balance: b, ecart: a - b });
    }
  }
  return { lines, concordant: lines.every((l) => l.ecart === 0n) };
}
