// The diff as report tables: lines, subtotals per section and sens, and the section results of each side, per budget.
import { amount, empty, ns, text, type Cell, type Column, type Row, type Table } from '../report/table.js';
import type { DiffLine, DiffResult, Mode, Subtotal } from './compare.js';
import { lineId, type LineKey } from './key.js';
import type { Measure } from './measure.js';
import type { ResultComparison } from './resultats.js';
import { t as tr } from '../messages/index.js';

export interface DiffLayout {
  mode: Mode;
  oldExercice: number;
  newExercice: number;
  byExercice: boolean;
  /** Exercices covered, for the scope of multi-exercice same-year tables. */
  exercices: number[];
  budgets: { id: string; label: string }[];
  labelOf: (key: LineKey) => string;
  /** Whether any line carries restes à réaliser on either side (else the RAR columns are left out). */
  withRar: boolean;
  notes: string[];
}

const FLOW_LABEL = { FD: 'Fonctionnement — dépenses', FR: 'Fonctionnement — recettes', ID: 'Investissement — dépenses', IR: 'Investissement — recettes' } as const;

function sides(l: DiffLayout): { old: string; new: string; delta: string; pct: string } {
  return l.mode === 'year-over-year'
    ? { old: String(l.oldExercice), new: String(l.newExercice), delta: 'évolution', pct: 'évol. %' }
    : { old: 'OLD', new: 'NEW', delta: 'écart', pct: 'écart %' };
}

function measureColumns(prefix: 'realise' | 'rar' | 'valeur', name: string, l: DiffLayout): Column[] {
  const s = sides(l);
  return [
    { id: `${prefix}_old`, label: `${name} ${s.old}`, kind: 'amount' },
    { id: `${prefix}_new`, label: `${name} ${s.new}`, kind: 'amount' },
    { id: `${prefix}_delta`, label: `${name} ${s.delta}`, kind: 'amount' },
    { id: `${prefix}_pct`, label: `${name} ${s.pct}`, kind: 'percent' },
  ];
}

function measureCells(prefix: string, m: Measure): Record<string, Cell> {
  const pct: Cell = m.pct !== undefined ? { kind: 'percent', value: m.pct } : ns(m.nsReason ?? 'not meaningful');
  return {
    [`${prefix}_old`]: m.old !== undefined ? amount(m.old) : empty,
    [`${prefix}_new`]: m.new !== undefined ? amount(m.new) : empty,
    [`${prefix}_delta`]: amount(m.delta),
    [`${prefix}_pct`]: pct,
  };
}

function scopeOf(budget: string, l: DiffLayout): string {
  if (l.mode === 'year-over-year') return `${budget}.${l.oldExercice}-${l.newExercice}`;
  const first = l.exercices[0] ?? l.oldExercice;
  const last = l.exercices[l.exercices.length - 1] ?? first;
  return first === last ? `${budget}.${first}` : `${budget}.${first}-${last}`;
}

export function keyText(k: LineKey): string {
  return [k.exercice, k.section, k.sens, k.chapitre === '' ? 'total' : k.chapitre, k.compte].filter((x) => x !== undefined && x !== '').join(' ');
}

function linesTable(budget: { id: string; label: string }, lines: DiffLine[], l: DiffLayout): Table {
  const columns: Column[] = [
    { id: 'ligne', label: 'ligne', kind: 'text' },
    { id: 'libelle', label: 'libellé', kind: 'text' },
    { id: 'statut', label: 'statut', kind: 'text' },
    ...measureColumns('realise', 'réalisé', l),
    ...(l.withRar ? measureColumns('rar', 'RAR', l) : []),
  ];
  const rows: Row[] = lines.map((d) => ({
    id: lineId(d.key),
    role: 'item',
    cells: {
      ligne: text(keyText(d.key)),
      libelle: text(l.labelOf(d.key) || d.libelle || ''),
      statut: text(d.status),
      ...measureCells('realise', d.realise),
      ...(l.withRar ? measureCells('rar', d.rar) : {}),
    },
  }));
  const title =
    l.mode === 'year-over-year' ? `${budget.label} — évolution ligne à ligne ${l.oldExercice} → ${l.newExercice}` : `${budget.label} — écarts ligne à ligne`;
  const notes = rows.length === 0 ? [tr('report.diffNoLine')] : [];
  return { id: 'diff-lines', scope: scopeOf(budget.id, l), title, columns, rows, notes };
}

function subtotalsTable(budget: { id: string; label: string }, subs: Subtotal[], l: DiffLayout): Table {
  const columns: Column[] = [
    { id: 'libelle', label: 'section et sens', kind: 'text' },
    ...measureColumns('realise', 'réalisé', l),
    ...(l.withRar ? measureColumns('rar', 'RAR', l) : []),
  ];
  const rows: Row[] = subs.map((s) => {
    const flow = `${s.section}${s.sens}` as keyof typeof FLOW_LABEL;
    return {
      id: s.exercice !== undefined ? `${s.exercice}.${flow}` : flow,
      role: 'total',
      cells: {
        libelle: text(`${s.exercice !== undefined ? `${s.exercice} ` : ''}${FLOW_LABEL[flow]}`),
        ...measureCells('realise', s.realise),
        ...(l.withRar ? measureCells('rar', s.rar) : {}),
      },
    };
  });
  return {
    id: 'diff-subtotals',
    scope: scopeOf(budget.id, l),
    title: `${budget.label} — totaux par section et sens`,
    columns,
    rows,
    notes: [tr('report.diffEveryLine')],
  };
}

function resultatsTable(budget: { id: string; label: string }, c: ResultComparison, l: DiffLayout): Table {
  const columns: Column[] = [{ id: 'libelle', label: 'résultat', kind: 'text' }, ...measureColumns('valeur', 'montant', l)];
  const rows: Row[] = c.items.map((i) => ({ id: i.id, role: i.total ? 'total' : 'item', cells: { libelle: text(i.label), ...measureCells('valeur', i.value) } }));
  const scope =
    l.mode === 'year-over-year' ? scopeOf(budget.id, l) : l.byExercice ? `${budget.id}.${c.oldExercice}` : scopeOf(budget.id, l);
  const when = l.byExercice ? ` ${c.oldExercice}` : '';
  return { id: 'diff-resultats', scope, title: `${budget.label} — résultats de chaque côté${when}`, columns, rows, notes: [] };
}

export function diffTables(result: DiffResult, resultats: ResultComparison[], l: DiffLayout): Table[] {
  const tables: Table[] = [];
  const budgetIds = new Set([...result.all.map((d) => d.key.budget), ...resultats.map((r) => r.budget)]);
  for (const budget of l.budgets) {
    if (!budgetIds.has(budget.id)) continue;
    tables.push(linesTable(budget, result.shown.filter((d) => d.key.budget === budget.id), l));
    tables.push(subtotalsTable(budget, result.subtotals.filter((s) => s.budget === budget.id), l));
    for (const c of resultats.filter((r) => r.budget === budget.id)) tables.push(resultatsTable(budget, c, l));
  }
  if (tables.length > 0 && l.notes.length > 0) tables[0] = { ...tables[0]!, notes: [...l.notes, ...tables[0]!.notes] };
  return tables;
}
