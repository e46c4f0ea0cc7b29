// Co-financement of an annexe: each partner's amount and share, checked against the expenses it covers.
import { D, type Cents, type Dec } from '../money/cents.js';

export interface Partner {
  partenaire: string;
  montant: Cents;
}

export interface CofinancementLine extends Partner {
  /** Share of the total in percent, unrounded (rounded once, for display). Undefined when the total is 0. */
  part?: Dec;
}

export interface Cofinancement {
  lines: CofinancementLine[];
  total: Cents;
  /** The expenses the partners cover (realised fonctionnement dépenses of the annexe). */
  couvert: Cents;
  ecart: Cents;
}

export function computeCofinancement(partners: Partner[], couvert: Cents): Cofinancement {
  let total = 0n;
  for (const p of partners) total += p.montant;
  const lines = partners.map((p) => {
    const line: CofinancementLine = { ...p };
    if (total !== 0n) line.part = new D(p.montant.toString()).times(100).div(total.toString());
    return line;
  });
  return { lines, total, couvert, ecart: total - couvert };
}
