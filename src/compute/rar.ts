// Restes à réaliser by chapter, in a report layout (every chapter listed, zeros shown), with totals (I) and (II).
import type { Cents } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import type { Section } from '../model/ledger.js';

export interface RarLayoutRow {
  code: string;
  label?: string;
  /** Sums every chapter whose code starts with this prefix (the report's "45" row). */
  aggregatePrefix?: string;
  sens?: readonly ('D' | 'R')[];
}

export interface RarLayoutSection {
  section: Section;
  rows: RarLayoutRow[];
}

export interface RarLine {
  code: string;
  label?: string;
  depenses: Cents;
  recettes: Cents;
  /** Sens the chapter can carry; absent = both. */
  sens?: readonly ('D' | 'R')[];
  /** True for a chapter the layout does not list but the ledger has RAR on. */
  extra: boolean;
}

export interface RarSection {
  section: Section;
  depenses: Cents;
  recettes: Cents;
  lines: RarLine[];
}

export function computeRarDetail(ex: ExerciceBudget, layout: RarLayoutSection[]): RarSection[] {
  return layout.map(({ section, rows }) => {
    const d = ex.flows[`${section}D`].chapters;
    const r = ex.flows[`${section}R`].chapters;
    const claimed = new Set<string>();
    // A chapter goes to the longest matching prefix row (45411 before 4541), whatever the rows' order.
    const owner = new Map<string, RarLayoutRow>();
    const byLength = [...rows].sort((a, b) => (b.aggregatePrefix ?? b.code).length - (a.aggregatePrefix ?? a.code).length);
    for (const code of new Set([...d.keys(), ...r.keys()])) {
      const row = byLength.find((x) => (x.aggregatePrefix ? code.startsWith(x.aggregatePrefix) : code === x.code));
      if (row) owner.set(code, row);
    }
    const take = (chapters: typeof d, row: RarLayoutRow): Cents => {
      let t = 0n;
      for (const [code, c] of chapters) {
        if (owner.get(code) === row) {
          t += c.rar;
          claimed.add(code);
        }
      }
      return t;
    };
    const lines: RarLine[] = rows.map((row) => ({
      code: row.code,
      ...(row.label !== undefined ? { label: row.label } : {}),
      ...(row.sens !== undefined ? { sens: row.sens } : {}),
      depenses: take(d, row),
      recettes: take(r, row),
      extra: false,
    }));
    const extraCodes = [...new Set([...d.keys(), ...r.keys()])]
      .filter((code) => !claimed.has(code) && ((d.get(code)?.rar ?? 0n) !== 0n || (r.get(code)?.rar ?? 0n) !== 0n))
      .sort();
    for (const code of extraCodes) {
      lines.push({ code, depenses: d.get(code)?.rar ?? 0n, recettes: r.get(code)?.rar ?? 0n, extra: true });
    }
    let depenses = 0n;
    let recettes = 0n;
    for (const c of d.values()) depenses += c.rar;
    for (const c of r.values()) recettes += c.rar;
    return { section, depenses, recettes, lines };
  });
}
