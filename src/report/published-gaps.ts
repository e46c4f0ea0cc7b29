// The published figures (publie.csv) that differ from the computed ones, shown beside them by compute (check judges them).
import { decimalToCents, roundCentsTo, type Cents } from '../money/cents.js';
import { PRECISION_UNIT_CENTS, type PublishedFigure } from '../model/side-tables.js';
import { amount, text, type Row, type Table } from './table.js';

/**
 * One row per published figure whose computed value, rounded half-up to the printed unit, is not the
 * printed value. Amounts only: a printed percentage or ratio is compared by `check`. Figures without an id
 * (printed figures no computation yields) are left to `check`, which reports them as info.
 */
export function publishedGapsTable(tables: Table[], published: readonly PublishedFigure[]): Table | undefined {
  const cells = new Map<string, Cents>();
  for (const t of tables) {
    for (const r of t.rows) {
      for (const [column, cell] of Object.entries(r.cells)) {
        if (cell.kind === 'amount') cells.set(`${t.scope}.${t.id}.${r.id}.${column}`, cell.cents);
      }
    }
  }
  const rows: Row[] = [];
  let compared = 0;
  for (const p of published) {
    const computed = cells.get(p.id.split('#')[0] ?? '');
    const printed = decimalToCents(p.valeur);
    if (computed === undefined || printed === undefined || p.precision === '0.1') continue;
    compared++;
    const rounded = roundCentsTo(computed, PRECISION_UNIT_CENTS[p.precision]);
    if (rounded === printed) continue;
    rows.push({
      id: `ligne-${p.line}`,
      role: 'item',
      cells: {
        figure: text(p.id),
        source: text(p.source),
        publie: amount(printed),
        calcule: amount(computed),
        ecart: amount(printed - computed),
      },
      formulas: { ecart: { op: 'sub', a: { row: `ligne-${p.line}`, column: 'publie' }, b: { row: `ligne-${p.line}`, column: 'calcule' } } },
    });
  }
  if (compared === 0) return undefined;
  return {
    id: 'ecarts',
    scope: 'publie',
    title: `Chiffres publiés qui diffèrent du calcul (${rows.length} sur ${compared} montants comparés)`,
    columns: [
      { id: 'figure', label: 'Figure', kind: 'text' },
      { id: 'source', label: 'Où il est imprimé', kind: 'text' },
      { id: 'publie', label: 'Publié', kind: 'amount' },
      { id: 'calcule', label: 'Calculé', kind: 'amount' },
      { id: 'ecart', label: 'Écart', kind: 'amount' },
    ],
    rows,
    notes: [
      'a printed figure matches when the computed value rounded half-up to its printed unit equals it; sitiv-ca check judges each difference (rounding of whole-euro tables, truncation, presentation)',
    ],
  };
}
