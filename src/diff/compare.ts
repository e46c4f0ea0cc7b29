// The diff core: two lists of ledger rows matched by key into compared lines, findings and subtotals (pure).
import type { Cents } from '../money/cents.js';
import type { LedgerRow, Section, Sens } from '../model/ledger.js';
import { compareKeys, keyFunction, keyString, type Level, type LineKey } from './key.js';
import { absDelta, measure, passes, sumMeasures, type Measure, type Thresholds } from './measure.js';

export type Mode = 'same-year' | 'year-over-year';
export type Status = 'changed' | 'added' | 'removed' | 'unchanged';

export interface DiffLine {
  key: LineKey;
  status: Status;
  realise: Measure;
  rar: Measure;
  /** The first libellé either side gives for the line (NEW first). */
  libelle?: string;
}

export interface Subtotal {
  budget: string;
  exercice?: number;
  section: Section;
  sens: Sens;
  realise: Measure;
  rar: Measure;
}

/** The mode is the caller's: it decides `byExercice` and `showUnchanged`. */
export interface DiffOptions extends Thresholds {
  level: Level;
  /** Same-year over several exercices: the exercice is part of the key. */
  byExercice: boolean;
  section?: Section;
  budget?: string;
  /** Show unchanged lines too (they never count as findings). */
  showUnchanged: boolean;
  sort: 'key' | 'delta';
  /** Order of budgets in the output (manifest order); others follow by id. */
  budgetOrder: string[];
}

export interface DiffResult {
  /** Every compared line in scope (budget and section filters), in key order. */
  all: DiffLine[];
  /** The lines to show, filtered and sorted. */
  shown: DiffLine[];
  /** Shown lines that differ: a non-empty list is exit code 1. */
  findings: DiffLine[];
  subtotals: Subtotal[];
  counts: Record<Status, number>;
}

interface Acc {
  key: LineKey;
  old?: { realise: Cents; rar: Cents };
  new?: { realise: Cents; rar: Cents };
  libelle: { old?: string; new?: string };
}

function fold(acc: Map<string, Acc>, rows: LedgerRow[], side: 'old' | 'new', keyOf: (r: LedgerRow) => LineKey): void {
  for (const r of rows) {
    const key = keyOf(r);
    const k = keyString(key);
    let a = acc.get(k);
    if (!a) {
      a = { key, libelle: {} };
      acc.set(k, a);
    }
    const s = (a[side] ??= { realise: 0n, rar: 0n });
    s.realise += r.realise;
    s.rar += r.rar;
    if (r.libelle) a.libelle[side] ??= r.libelle;
  }
}

function statusOf(a: Acc, realise: Measure, rar: Measure): Status {
  if (!a.old) return 'added';
  if (!a.new) return 'removed';
  return realise.delta === 0n && rar.delta === 0n ? 'unchanged' : 'changed';
}

export function diffRows(oldRows: LedgerRow[], newRows: LedgerRow[], o: DiffOptions): DiffResult {
  const inScope = (r: LedgerRow) => (o.section === undefined || r.section === o.section) && (o.budget === undefined || r.budget === o.budget);
  const olds = oldRows.filter(inScope);
  const news = newRows.filter(inScope);
  const keyOf = keyFunction(olds, news, { level: o.level, byExercice: o.byExercice });
  const acc = new Map<string, Acc>();
  fold(acc, olds, 'old', keyOf);
  fold(acc, news, 'new', keyOf);

  const byKey = compareKeys(o.budgetOrder);
  const all: DiffLine[] = [...acc.values()]
    .map((a) => {
      const realise = measure(a.old?.realise, a.new?.realise);
      const rar = measure(a.old?.rar, a.new?.rar);
      const line: DiffLine = { key: a.key, status: statusOf(a, realise, rar), realise, rar };
      const libelle = a.libelle.new ?? a.libelle.old;
      if (libelle !== undefined) line.libelle = libelle;
      return line;
    })
    .sort((a, b) => byKey(a.key, b.key));

  const thresholds = o.minDelta !== undefined || o.minPct !== undefined;
  const moved = (l: DiffLine) => passes(l.realise, o) || passes(l.rar, o);
  const shown = all.filter((l) => {
    if (l.status === 'unchanged') return o.showUnchanged && !thresholds;
    return moved(l);
  });
  if (o.sort === 'delta') {
    shown.sort((a, b) => cmpDesc(absDelta(a.realise), absDelta(b.realise)) || cmpDesc(absDelta(a.rar), absDelta(b.rar)) || byKey(a.key, b.key));
  }
  const findings = shown.filter((l) => l.status !== 'unchanged');
  const counts: Record<Status, number> = { changed: 0, added: 0, removed: 0, unchanged: 0 };
  for (const l of findings) counts[l.status]++;
  counts.unchanged = all.filter((l) => l.status === 'unchanged').length;
  return { all, shown, findings, subtotals: subtotals(all, olds, news, o), counts };
}

const cmpDesc = (a: bigint, b: bigint): number => (a > b ? -1 : a < b ? 1 : 0);

/** Sum of every line of a (budget, exercice, section, sens), carried results 001/002 included, whatever the filters on amounts. */
function subtotals(all: DiffLine[], olds: LedgerRow[], news: LedgerRow[], o: DiffOptions): Subtotal[] {
  const groups = new Map<string, { head: Omit<Subtotal, 'realise' | 'rar'>; lines: DiffLine[] }>();
  for (const l of all) {
    const { budget, exercice, section, sens } = l.key;
    const g = [budget, exercice ?? '', section, sens].join('|');
    let entry = groups.get(g);
    if (!entry) {
      const head: Omit<Subtotal, 'realise' | 'rar'> = { budget, section, sens };
      if (exercice !== undefined) head.exercice = exercice;
      entry = { head, lines: [] };
      groups.set(g, entry);
    }
    entry.lines.push(l);
  }
  const has = (rows: LedgerRow[], h: Omit<Subtotal, 'realise' | 'rar'>) =>
    rows.some((r) => r.budget === h.budget && r.section === h.section && r.sens === h.sens && (h.exercice === undefined || r.exercice === h.exercice));
  return [...groups.values()].map(({ head, lines }) => {
    const present = (side: 'old' | 'new') => has(side === 'old' ? olds : news, head);
    return { ...head, realise: sumMeasures(lines.map((l) => l.realise), present), rar: sumMeasures(lines.map((l) => l.rar), present) };
  });
}
