// A budget document (BP, BS, DM) as what it is: crédits by section, sens and chapter, its équilibre and its reprise.
import { addOptional, type Cents } from '../money/cents.js';
import { CREDIT_FIELDS, type CreditAmounts, type CreditLine, type DocumentFacts } from '../model/document.js';
import type { Nature, Section, Sens } from '../model/ledger.js';

export interface ChapterCredits extends CreditAmounts {
  section: Section;
  sens: Sens;
  chapitre: string;
  nature: Nature;
}

export interface OrdrePair {
  label: string;
  depense: Cents;
  recette: Cents;
}

export interface SectionBalance {
  section: Section;
  /** Crédits of the document: voted (MtPrev) plus RAR taken over (MtRARPrec), carried 001/002 included. */
  depenses: Cents;
  recettes: Cents;
}

export interface Reprise {
  /** Carried results as voted: positive excédent (R001 / R002), negative déficit (D001 / D002); undefined when absent. */
  resultatInvestissement?: Cents;
  resultatFonctionnement?: Cents;
  compte1068?: Cents;
  rarDepenses: Cents;
  rarRecettes: Cents;
}

export interface BudgetView {
  chapters: ChapterCredits[];
  sections: SectionBalance[];
  ordre: OrdrePair[];
  reprise: Reprise;
}

/** What a line puts into the budget: the crédits voted and the RAR taken over. */
export const votedOf = (a: CreditAmounts): Cents => (a.mtPrev ?? 0n) + (a.mtRarPrec ?? 0n);

const SECTION_ORDER: Record<string, number> = { FD: 0, FR: 1, ID: 2, IR: 3 };

/** Credit lines summed by section, sens and chapter, in the order of the CA tables (F D, F R, I D, I R; codes ascending). */
export function chapterCredits(lines: readonly CreditLine[]): ChapterCredits[] {
  const byKey = new Map<string, ChapterCredits>();
  for (const l of lines) {
    const key = `${l.section}${l.sens}|${l.chapitre}`;
    let c = byKey.get(key);
    if (!c) {
      c = { section: l.section, sens: l.sens, chapitre: l.chapitre, nature: l.nature };
      byKey.set(key, c);
    }
    for (const f of CREDIT_FIELDS) {
      const v = addOptional(c[f], l[f]);
      if (v !== undefined) c[f] = v;
    }
  }
  return [...byKey.values()].sort(
    (a, b) => SECTION_ORDER[`${a.section}${a.sens}`]! - SECTION_ORDER[`${b.section}${b.sens}`]! || (a.chapitre < b.chapitre ? -1 : a.chapitre > b.chapitre ? 1 : 0),
  );
}

/** The order operations that must balance (CGCT instructions: 023 = 021, 042 = 040 both ways, 041 and 043 inside). */
const PAIRS: { label: string; d: [Section, string]; r: [Section, string] }[] = [
  { label: 'virement 023 → 021', d: ['F', '023'], r: ['I', '021'] },
  { label: 'ordre 042 → 040', d: ['F', '042'], r: ['I', '040'] },
  { label: 'ordre 040 → 042', d: ['I', '040'], r: ['F', '042'] },
  { label: 'ordre 041 (patrimoniales)', d: ['I', '041'], r: ['I', '041'] },
  { label: 'ordre 043 (intérieures)', d: ['F', '043'], r: ['F', '043'] },
];

export function budgetView(doc: Pick<DocumentFacts, 'credits'>): BudgetView {
  return viewOf(chapterCredits(doc.credits), doc.credits);
}

/** The budget after a BP and its DMs: every crédit summed chapter by chapter (a DM's MtPrev is a movement on the BP). */
export function budgetAfter(bp: DocumentFacts, dms: readonly DocumentFacts[]): BudgetView {
  const lines = [bp, ...dms].flatMap((d) => d.credits.map((l): CreditLine => ({ ...l, ...(d === bp ? {} : { mtBudgPrec: undefined, credOuv: undefined, mtPropNouv: undefined }) })));
  const chapters = chapterCredits(lines).map((c) => {
    const { mtBudgPrec: _b, credOuv: _c, mtPropNouv: _p, ...rest } = c;
    return rest;
  });
  return viewOf(chapters, lines);
}

function viewOf(chapters: ChapterCredits[], lines: readonly CreditLine[]): BudgetView {
  const total = (section: Section, sens: Sens) => chapters.filter((c) => c.section === section && c.sens === sens).reduce((t, c) => t + votedOf(c), 0n);
  const sections: SectionBalance[] = (['F', 'I'] as const).map((s) => ({ section: s, depenses: total(s, 'D'), recettes: total(s, 'R') }));
  const chapter = (section: Section, sens: Sens, code: string) => chapters.find((c) => c.section === section && c.sens === sens && c.chapitre === code);
  const ordre: OrdrePair[] = [];
  for (const p of PAIRS) {
    const d = chapter(p.d[0], 'D', p.d[1]);
    const r = chapter(p.r[0], 'R', p.r[1]);
    if (!d && !r) continue;
    ordre.push({ label: p.label, depense: d ? votedOf(d) : 0n, recette: r ? votedOf(r) : 0n });
  }
  const carried = (section: Section, code: string): Cents | undefined => {
    const r = chapter(section, 'R', code);
    const d = chapter(section, 'D', code);
    if (!r && !d) return undefined;
    return (r ? votedOf(r) : 0n) - (d ? votedOf(d) : 0n);
  };
  const l1068 = lines.filter((l) => l.compte === '1068' && l.sens === 'R');
  const reprise: Reprise = {
    rarDepenses: lines.filter((l) => l.sens === 'D').reduce((t, l) => t + (l.mtRarPrec ?? 0n), 0n),
    rarRecettes: lines.filter((l) => l.sens === 'R').reduce((t, l) => t + (l.mtRarPrec ?? 0n), 0n),
  };
  const inv = carried('I', '001');
  const fon = carried('F', '002');
  if (inv !== undefined) reprise.resultatInvestissement = inv;
  if (fon !== undefined) reprise.resultatFonctionnement = fon;
  if (l1068.length > 0) reprise.compte1068 = l1068.reduce((t, l) => t + (l.mtPrev ?? 0n), 0n);
  return { chapters, sections, ordre, reprise };
}
