// Épargne of one exercice (gestion, brute, hors cessions, nette) from the definition's aggregates, each line naming its accounts.
import type { Evaluated, Evaluator } from '../compute/aggregate.js';
import { describeTerms } from '../definitions/describe.js';
import { amount, ns, text, type Cell, type Formula, type Row, type Table } from './table.js';

const cellOf = (e: Evaluated): Cell => ('value' in e ? amount(e.value) : ns(e.reason));

interface Line {
  id: string;
  aggregate: string;
  role?: Row['role'];
  formula?: Formula;
}

const ref = (row: string) => ({ row, column: 'montant' });

export function epargneAnnuelleTable(ev: Evaluator, scope: string, exercice: number, excludeCessions: boolean): Table {
  // --exclude-cessions: recettes and épargne brute are taken hors cessions, and the cessions lines go.
  const lines: Line[] = [
    { id: 'recettes-reelles', aggregate: excludeCessions ? 'recettes-reelles-fonctionnement-hors-cessions' : 'recettes-reelles-fonctionnement' },
    { id: 'depenses-reelles', aggregate: 'depenses-reelles-fonctionnement' },
    { id: 'epargne-brute', aggregate: excludeCessions ? 'epargne-brute-hors-cessions' : 'epargne-brute', role: 'total', formula: { op: 'sub', a: ref('recettes-reelles'), b: ref('depenses-reelles') } },
    { id: 'interets', aggregate: 'interets-dette' },
    { id: 'epargne-gestion', aggregate: excludeCessions ? 'epargne-gestion-hors-cessions' : 'epargne-gestion', role: 'total', formula: { op: 'add', refs: [ref('epargne-brute'), ref('interets')] } },
    ...(excludeCessions
      ? []
      : [
          { id: 'cessions', aggregate: 'cessions' },
          { id: 'epargne-brute-hors-cessions', aggregate: 'epargne-brute-hors-cessions', role: 'total' as const, formula: { op: 'sub' as const, a: ref('epargne-brute'), b: ref('cessions') } },
        ]),
    { id: 'capital-rembourse', aggregate: 'capital-rembourse' },
    { id: 'epargne-nette', aggregate: excludeCessions ? 'epargne-nette-hors-cessions' : 'epargne-nette', role: 'total', formula: { op: 'sub', a: ref('epargne-brute'), b: ref('capital-rembourse') } },
  ];
  const notes: string[] = [];
  const rows: Row[] = lines.map((l) => {
    const a = ev.aggregate(l.aggregate)!;
    const v = ev.get(l.aggregate);
    const terms = ev.terms(l.aggregate);
    if (terms) notes.push(`${a.label}: ${describeTerms(terms, ev.definition)}`);
    return {
      id: l.id,
      role: l.role ?? 'item',
      cells: { libelle: text(a.label), montant: cellOf(v) },
      ...(l.formula && 'value' in v ? { formulas: { montant: l.formula } } : {}),
    };
  });
  notes.push(`definition: ${ev.definition.id} (${ev.definition.label})`);
  return { id: 'epargne', scope, title: `Épargne ${exercice}`, columns: [{ id: 'libelle', label: '', kind: 'text' }, { id: 'montant', label: 'Montant', kind: 'amount' }], rows, notes };
}
