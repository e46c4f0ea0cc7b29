// The ratios of the CA (CGCT R2313-1) and the three the M57 CFU adds, from the definition's ratio list.
import type { Evaluator } from '../compute/aggregate.js';
import type { CategorieKey, RatioDef } from '../definitions/types.js';
import { D, groupThousands, type Cents } from '../money/cents.js';
import { amount, empty, ns, text, type Cell, type Row, type Table } from './table.js';
import { t as tr } from '../messages/index.js';

export type Population = { value: number; source: string } | { reason: string };

export function numeratorOf(r: RatioDef, categorie: CategorieKey): string {
  return typeof r.numerator === 'string' ? r.numerator : (r.numerator[categorie] ?? r.numerator.default!);
}

/** Cents ÷ inhabitants, rounded once to the cent, half away from zero (a per-inhabitant amount as the CA prints it). */
function perHead(c: Cents, pop: number): Cents {
  const q = new D(c.toString()).div(pop).toDecimalPlaces(0, D.ROUND_HALF_UP);
  return BigInt(q.toFixed(0));
}

export function ratiosTable(ev: Evaluator, scope: string, exercice: number, categorie: CategorieKey, population: Population): Table {
  const rows: Row[] = [];
  const label = (id: string) => ev.aggregate(id)?.label ?? (id === 'encours' ? 'Encours de la dette au 31/12' : id);
  rows.push({
    id: 'population',
    role: 'head',
    cells: { libelle: text('Population'), numerateur: 'value' in population ? text(groupThousands(String(population.value), ' ')) : ns(population.reason) },
  });
  for (const r of ev.definition.ratios) {
    const numId = numeratorOf(r, categorie);
    const num = ev.get(numId);
    const numCell: Cell = 'value' in num ? amount(num.value) : ns(num.reason);
    let denCell: Cell = empty;
    let value: Cell;
    let formula = false;
    if (r.denominator === 'population') {
      if ('reason' in population) value = ns(tr('report.noPopulation', { reason: population.reason }));
      else if (population.value === 0) value = ns(tr('report.populationZero'));
      else value = 'value' in num ? amount(perHead(num.value, population.value)) : numCell;
    } else {
      const den = ev.get(r.denominator);
      denCell = 'value' in den ? amount(den.value) : ns(den.reason);
      if ('reason' in num) value = numCell;
      else if ('reason' in den) value = denCell;
      else if (den.value === 0n) value = ns(tr('report.isZero', { what: label(r.denominator) }));
      else if (r.unit === 'annees' && den.value < 0n) value = ns(tr('report.isNegativeDebt', { what: label(r.denominator) }));
      else {
        const q = new D(num.value.toString()).div(new D(den.value.toString()));
        value = r.unit === 'pourcentage' ? { kind: 'percent', value: q.mul(100) } : { kind: 'ratio', value: q };
        formula = r.unit === 'pourcentage';
      }
    }
    rows.push({
      id: r.id,
      role: 'item',
      cells: { libelle: text(r.label), numerateur: numCell, denominateur: denCell, valeur: value, code: text(r.code ?? '') },
      ...(formula ? { formulas: { valeur: { op: 'pct' as const, part: { row: r.id, column: 'numerateur' }, whole: { row: r.id, column: 'denominateur' } } } } : {}),
    });
  }
  const notes = [
    tr('report.ratiosNote'),
    ...('value' in population ? [`population: ${population.source}`] : []),
    ...ev.definition.ratios.map((r) => `${r.id}: ${label(numeratorOf(r, categorie))} ÷ ${r.denominator === 'population' ? 'population' : label(r.denominator)} — ${r.source}`),
  ];
  return {
    id: 'ratios',
    scope,
    title: `Ratios ${exercice} (CGCT R2313-1 et CFU)`,
    columns: [
      { id: 'libelle', label: '', kind: 'text' },
      { id: 'numerateur', label: 'Numérateur', kind: 'amount' },
      { id: 'denominateur', label: 'Dénominateur', kind: 'amount' },
      { id: 'valeur', label: 'Valeur', kind: 'ratio' },
      { id: 'code', label: 'Code', kind: 'text' },
    ],
    rows,
    notes,
  };
}

/** `3 446`, `3 446,00` or `3446` (InformationsGenerales PopTot) as a whole number of inhabitants; undefined otherwise. */
export function parsePopulation(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/,0+$/, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}
