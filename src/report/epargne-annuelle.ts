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

/** The value a formula gives from the rows' values, to keep it only where the definition makes it true. */
function formulaHolds(f: Formula, values: ReadonlyMap<string, bigint>, v: bigint): boolean {
  const at = (o: unknown): bigint | undefined => (o && typeof o === 'object' && 'row' in o ? values.get((o as { row: string }).row) : undefined);
  if (f.op === 'sub') {
    const a = at(f.a);
    const b = at(f.b);
    return a !== undefined && b !== undefined && a - b === v;
  }
  if (f.op === 'add') {
    const parts = f.refs.map(at);
    return parts.every((x) => x !== undefined) && parts.reduce((t, x) => t! + x!, 0n) === v;
  }
  return false;
}

export function epargneAnnuelleTable(ev: Evaluator, scope: string, exercice: number, excludeCessions: boolean): Table {
  // --exclude-cessions: recettes and épargne brute are taken hors cessions, and the cessions lines go. A definition
  // whose recettes leave 775 out already (ofgl, decret-2023) has no hors-cessions aggregates: its own are used.
  const has = (id: string) => ev.aggregate(id) !== undefined;
  const hors = (id: string) => (excludeCessions && has(`${id}-hors-cessions`) ? `${id}-hors-cessions` : id);
  const lines: Line[] = [
    { id: 'recettes-reelles', aggregate: hors('recettes-reelles-fonctionnement') },
    { id: 'depenses-reelles', aggregate: 'depenses-reelles-fonctionnement' },
    { id: 'epargne-brute', aggregate: hors('epargne-brute'), role: 'total', formula: { op: 'sub', a: ref('recettes-reelles'), b: ref('depenses-reelles') } },
    { id: 'interets', aggregate: 'interets-dette' },
    { id: 'epargne-gestion', aggregate: hors('epargne-gestion'), role: 'total', formula: { op: 'add', refs: [ref('epargne-brute'), ref('interets')] } },
    ...(excludeCessions || !has('epargne-brute-hors-cessions')
      ? []
      : [
          { id: 'cessions', aggregate: 'cessions' },
          { id: 'epargne-brute-hors-cessions', aggregate: 'epargne-brute-hors-cessions', role: 'total' as const, formula: { op: 'sub' as const, a: ref('epargne-brute'), b: ref('cessions') } },
        ]),
    { id: 'capital-rembourse', aggregate: 'capital-rembourse' },
    { id: 'epargne-nette', aggregate: hors('epargne-nette'), role: 'total', formula: { op: 'sub', a: ref('epargne-brute'), b: ref('capital-rembourse') } },
  ];
  const notes: string[] = [];
  const values = new Map<string, bigint>();
  const rows: Row[] = lines.map((l) => {
    const a = ev.aggregate(l.aggregate)!;
    const v = ev.get(l.aggregate);
    const terms = ev.terms(l.aggregate);
    if (terms) notes.push(`${a.label}: ${describeTerms(terms, ev.definition)}`);
    if ('value' in v) values.set(l.id, v.value);
    // A formula is written only where the definition makes it hold (OFGL épargne de gestion is not brute + intérêts).
    const formula = l.formula && 'value' in v && formulaHolds(l.formula, values, v.value) ? l.formula : undefined;
    return {
      id: l.id,
      role: l.role ?? 'item',
      cells: { libelle: text(a.label), montant: cellOf(v) },
      ...(formula ? { formulas: { montant: formula } } : {}),
    };
  });
  notes.push(`definition: ${ev.definition.id} (${ev.definition.label})`);
  return { id: 'epargne', scope, title: `Épargne ${exercice}`, columns: [{ id: 'libelle', label: '', kind: 'text' }, { id: 'montant', label: 'Montant', kind: 'amount' }], rows, notes };
}
