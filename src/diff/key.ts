// The key a diff matches lines on: budget, (exercice), section, sens, chapitre, and the compte where both sides detail it.
import type { LedgerRow, Section, Sens } from '../model/ledger.js';

export type Level = 'chapitre' | 'compte';

export interface LineKey {
  budget: string;
  /** Only when the comparison is keyed by exercice (same-year mode over several exercices). */
  exercice?: number;
  section: Section;
  sens: Sens;
  /** Empty for a section total without chapter split. */
  chapitre: string;
  /** Empty at chapter level. */
  compte: string;
}

export interface KeyRules {
  level: Level;
  byExercice: boolean;
}

const groupOf = (r: LedgerRow, byExercice: boolean): string =>
  [r.budget, byExercice ? r.exercice : '', r.section, r.sens, r.chapitre].join('|');

/** Which chapters of a side carry account detail, and whether the side carries any at all. */
function accountDetail(rows: LedgerRow[], byExercice: boolean): { groups: Map<string, boolean>; any: boolean } {
  const groups = new Map<string, boolean>();
  let any = false;
  for (const r of rows) {
    const g = groupOf(r, byExercice);
    const has = r.compte !== '';
    any ||= has;
    groups.set(g, (groups.get(g) ?? false) || has);
  }
  return { groups, any };
}

/**
 * The key function for a pair of sides. A chapter is compared account by account only when both sides detail it
 * (a side without that chapter counts as detailed when it details accounts elsewhere); otherwise the accounts are
 * summed into the chapter, so a ledger by account still matches a ledger by chapter.
 */
export function keyFunction(oldRows: LedgerRow[], newRows: LedgerRow[], rules: KeyRules): (r: LedgerRow) => LineKey {
  const sides = [accountDetail(oldRows, rules.byExercice), accountDetail(newRows, rules.byExercice)];
  const detailed = new Map<string, boolean>();
  const byAccount = (g: string): boolean => {
    let v = detailed.get(g);
    if (v === undefined) {
      v = rules.level === 'compte' && sides.every((s) => s.groups.get(g) ?? s.any);
      detailed.set(g, v);
    }
    return v;
  };
  return (r) => {
    const key: LineKey = {
      budget: r.budget,
      section: r.section,
      sens: r.sens,
      chapitre: r.chapitre,
      compte: byAccount(groupOf(r, rules.byExercice)) ? r.compte : '',
    };
    if (rules.byExercice) key.exercice = r.exercice;
    return key;
  };
}

export function keyString(k: LineKey): string {
  return [k.budget, k.exercice ?? '', k.section, k.sens, k.chapitre, k.compte].join('|');
}

/** A row id inside a budget's table: `FD.011.60611`, `FR.002`, `ID.total` (section total), prefixed by the exercice when keyed by it. */
export function lineId(k: LineKey): string {
  const parts = [`${k.section}${k.sens}`, k.chapitre === '' ? 'total' : k.chapitre];
  if (k.compte !== '') parts.push(k.compte);
  if (k.exercice !== undefined) parts.unshift(String(k.exercice));
  return parts.join('.');
}

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Key order: budget (in the given order), exercice, section F then I, sens D then R, chapitre, compte. */
export function compareKeys(budgetOrder: string[]): (a: LineKey, b: LineKey) => number {
  const rank = (b: string) => {
    const i = budgetOrder.indexOf(b);
    return i < 0 ? budgetOrder.length : i;
  };
  return (a, b) =>
    rank(a.budget) - rank(b.budget) ||
    cmp(a.budget, b.budget) ||
    cmp(a.exercice ?? 0, b.exercice ?? 0) ||
    cmp(a.section, b.section) ||
    cmp(a.sens, b.sens) ||
    cmp(a.chapitre, b.chapitre) ||
    cmp(a.compte, b.compte);
}
