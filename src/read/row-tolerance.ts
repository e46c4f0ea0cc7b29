// Ledger cells as spreadsheets leave them → the codes of docs/ledger.md: long section / sens / nature words, empty nature, chapters without their leading zeros.
import type { Plan } from '../nomenclature/plan.js';
import { normalizeName } from './header-map.js';
import { t } from '../messages/index.js';

const SECTION_WORDS: Record<string, 'F' | 'I'> = { f: 'F', fonctionnement: 'F', fonct: 'F', i: 'I', investissement: 'I', invest: 'I' };
const SENS_WORDS: Record<string, 'D' | 'R'> = { d: 'D', depense: 'D', depenses: 'D', r: 'R', recette: 'R', recettes: 'R' };
const NATURE_WORDS: Record<string, 'reel' | 'ordre'> = { reel: 'reel', reelle: 'reel', r: 'reel', ordre: 'ordre', o: 'ordre', 'operation d ordre': 'ordre', 'operation reelle': 'reel' };

/** One spelling of a code (`Fonctionnement` → `F`); undefined when the word is not one (the row's validation says so). */
const word = <T>(table: Record<string, T>, text: string): T | undefined => (text === '' ? undefined : table[normalizeName(text).replace(/'/g, ' ')]);

/** A chapter code written back with the zeros Excel drops (`11` → `011`), with the count of lines it applied to. */
export interface Restoration {
  from: string;
  to: string;
}

export interface Tolerated {
  /** The fields to validate, codes normalised. */
  fields: Record<string, string>;
  restored?: Restoration;
}

/** Chapters of the plan that fit a section and sens. */
function fits(plan: Plan, code: string, section: string, sens: string): boolean {
  const c = plan.chapter(code);
  return c !== undefined && c.section === section && c.sens.includes(sens as 'D' | 'R');
}

/** The zero-padded codes a numeric chapter may have lost its zeros from. */
const padded = (code: string): string[] => [...new Set([code.padStart(2, '0'), code.padStart(3, '0')])].filter((c) => c !== code);

/**
 * Normalises one record's code cells. Section, sens and nature accept their long French forms; an empty nature is
 * the chapter's own (040–043 order, the others real); a numeric chapter that is no chapter of this section and sens
 * but becomes one, and only one, when left-padded is restored. The rest is left for validation to report.
 */
export function tolerate(fields: Record<string, string>, planFor: (exercice: number) => Plan | undefined): Tolerated {
  const out = { ...fields };
  const section = word(SECTION_WORDS, out.section ?? '');
  if (section) out.section = section;
  const sens = word(SENS_WORDS, out.sens ?? '');
  if (sens) out.sens = sens;
  const nature = word(NATURE_WORDS, out.nature ?? '');
  if (nature) out.nature = nature;
  const exercice = /^\d{4}$/.test(out.exercice ?? '') ? Number(out.exercice) : undefined;
  const plan = exercice !== undefined ? planFor(exercice) : undefined;
  if (!plan || (out.section !== 'F' && out.section !== 'I') || (out.sens !== 'D' && out.sens !== 'R')) return { fields: out };
  let restored: Restoration | undefined;
  const chapitre = out.chapitre ?? '';
  if (/^\d{1,2}$/.test(chapitre) && !fits(plan, chapitre, out.section, out.sens)) {
    const found = padded(chapitre).filter((c) => fits(plan, c, out.section!, out.sens!));
    if (found.length === 1) {
      restored = { from: chapitre, to: found[0]! };
      out.chapitre = found[0]!;
    }
  }
  if ((out.nature ?? '') === '' && out.chapitre) {
    const c = plan.chapter(out.chapitre);
    if (c?.kind === 'ordre') out.nature = 'ordre';
    else if (c?.kind === 'reel') out.nature = 'reel';
  }
  return restored ? { fields: out, restored } : { fields: out };
}

/**
 * The nearest chapters of the plan in this section and sens to a code that is none, for "did you mean": the padded
 * forms first when several fit, else the two numerically closest.
 */
export function nearestChapters(plan: Plan, code: string, section: string, sens: string): string[] {
  if (/^\d{1,2}$/.test(code)) {
    const found = padded(code).filter((c) => fits(plan, c, section, sens));
    if (found.length > 1) return found;
  }
  if (!/^\d+$/.test(code)) return [];
  const n = Number(code);
  const candidates = plan
    .chapters()
    .filter((c) => /^\d+$/.test(c.code) && c.section === section && c.sens.includes(sens as 'D' | 'R') && c.kind !== 'sans-execution')
    .map((c) => ({ code: c.code, d: Math.abs(Number(c.code) - n) }))
    .sort((a, b) => a.d - b.d || a.code.localeCompare(b.code));
  return candidates.slice(0, 2).map((c) => c.code);
}

export function didYouMean(codes: string[]): string {
  if (codes.length === 0) return '';
  return codes.length === 1 ? t('read.didYouMeanOne', { code: codes[0]! }) : t('read.didYouMeanMany', { codes: codes.slice(0, -1).join(', '), last: codes.at(-1)! });
}

/** One notice per restoration with its line count, the form issue 15 asks for. */
export function restorationNotices(file: string, counts: Map<string, number>): string[] {
  return [...counts].map(([key, n]) => {
    const [from, to] = key.split('→');
    return t('read.zerosRestored', { file, from: from ?? '', to: to ?? '', n });
  });
}
