// Says in words which accounts an aggregate takes ("FD réel: 66 (66111, 66112)"), for the notes of every table.
import type { Definition, Term } from './types.js';
import { isBalanceTerm, isMinTerm, isRefTerm } from './types.js';

export const FLOW_LABELS: Record<string, string> = { FD: 'dépenses de fonctionnement', FR: 'recettes de fonctionnement', ID: 'dépenses d’investissement', IR: 'recettes d’investissement' };
const OP: Record<string, string> = { reel: 'réelles', ordre: 'd’ordre', tout: 'réelles et d’ordre' };

export function describeTerms(terms: readonly Term[], def: Definition): string {
  return terms
    .map((t, i) => {
      const sign = t.sign === 1 ? (i === 0 ? '' : '+ ') : '− ';
      if (isRefTerm(t)) {
        const a = def.aggregates.find((x) => x.id === t.ref);
        return `${sign}${a ? a.label.toLowerCase() : t.ref}`;
      }
      if (isMinTerm(t)) return `${sign}${t.label}`;
      if (isBalanceTerm(t)) {
        const except = t.except ? `, sauf ${t.except.join(', ')}` : '';
        return `${sign}solde ${t.side === 'credit' ? 'créditeur' : 'débiteur'} ${t.balance === 'closing' ? 'de clôture' : 'd’ouverture'} (comptes ${t.accounts.join(', ')}${except})`;
      }
      const where = t.chapters ? `chapitre${t.chapters.length > 1 ? 's' : ''} ${t.chapters.join(', ')}` : 'tous chapitres';
      const accounts = t.accounts ? `, comptes ${t.accounts.join(', ')}` : '';
      const except = t.except ? `, sauf ${t.except.join(', ')}` : '';
      return `${sign}${FLOW_LABELS[t.flow]} ${OP[t.operation]} (${where}${accounts}${except})`;
    })
    .join(' ');
}
