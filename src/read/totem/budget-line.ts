// One line of an official budget document (TOTEM LigneBudget or SCDL row) → a validated LedgerRow; repeated keys merged.
import type { InputProblem } from '../../errors.js';
import type { Cents } from '../../money/cents.js';
import { addAmounts } from '../../model/budget.js';
import type { LedgerRow, Nature, Sens } from '../../model/ledger.js';
import type { Plan } from '../../nomenclature/plan.js';
import { plainAmount, type AmountParser } from '../ledger-record.js';
import { validateAgainstPlan } from '../validate-row.js';

/** Text fields of a line, already normalised to the TOTEM codes (CodRD D/R, OpBudg 0/1, section F/I). */
export interface BudgetLine {
  line: number;
  nature: string;
  contNat: string;
  codRD: string;
  opBudg: string;
  /** Section the file states (TOTEM CaracSup Section, SCDL BGT_SECTION), '' when absent. */
  section: string;
  mtReal: string;
  mtRar3112: string;
  mtRarPrec: string;
  mtPrev: string;
  credOuv: string;
  fonction?: string;
  operation?: string;
  /** Account label when the format carries one (SCDL BGT_NATURE_LABEL). */
  libelle?: string;
}

/** The name of each field in the source format, for messages. */
export type ColumnNames = Record<Exclude<keyof BudgetLine, 'line' | 'fonction' | 'operation' | 'libelle'>, string>;

export interface LineContext {
  file: string;
  budget: string;
  exercice: number;
  plan: Plan;
  /** A CA or CFU: MtReal and MtRAR3112 are the execution. Budgets (BP, BS, DM) carry no execution. */
  execution: boolean;
  columns: ColumnNames;
  /** Reads an amount cell; TOTEM amounts are plain ("1234.50"), SCDL files may follow a regional dialect. */
  parseAmount?: AmountParser;
}

const CARRIED = new Set(['001', '002']);
const AFFECTATION = '1068';

function amount(text: string, column: string, parse: AmountParser, at: (column: string, message: string, value: string) => void): Cents | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = parse(t);
  if (typeof v === 'bigint') return v;
  at(column, `not an amount: ${v.error}`, text);
  return undefined;
}

/**
 * Converts a line. Carried results (001/002) become chapter rows with empty nature and compte, whose amount is what the
 * document carries: MtReal in a CA (MtPrev when an exporter left MtReal empty), MtPrev in a budget, where 1068 (the
 * affectation taken over) is likewise the amount voted and every other line has no execution. The chapter comes
 * from ContNat or, when absent, from the plan for the account's flow; the section always from the chapter.
 */
export function lineToRow(l: BudgetLine, ctx: LineContext): { row?: LedgerRow; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const { columns: c, plan } = ctx;
  const at = (column: string, message: string, value: string) => problems.push({ file: ctx.file, line: l.line, column, message, value });
  const sens = l.codRD.trim();
  if (sens !== 'D' && sens !== 'R') at(c.codRD, 'sens must be D (dépense) or R (recette)', l.codRD);
  const op = l.opBudg.trim();
  const nature: Exclude<Nature, ''> | undefined = op === '0' ? 'reel' : op === '1' ? 'ordre' : undefined;
  if (!nature) at(c.opBudg, 'must say whether the operation is real (0) or order (1)', l.opBudg);
  const parse = ctx.parseAmount ?? plainAmount;
  const realise = amount(l.mtReal, c.mtReal, parse, at);
  const rar = amount(l.mtRar3112, c.mtRar3112, parse, at);
  const rarPrecedent = amount(l.mtRarPrec, c.mtRarPrec, parse, at);
  const prevision = amount(l.mtPrev, c.mtPrev, parse, at);
  const creditsOuverts = amount(l.credOuv, c.credOuv, parse, at);
  let compte = l.nature.trim();
  let chapitre = l.contNat.trim();
  if (!/^[0-9][0-9A-Z]*$/.test(compte)) at(c.nature, 'the account (nature) must be an account number', l.nature);
  if (problems.length > 0 || !nature) return { problems };
  const s = sens as Sens;

  // A line whose "account" is a chapter without accounts (001, 002, 021, 023, 020, 022, 024).
  const asChapter = plan.chapter(compte);
  if (CARRIED.has(compte) || (asChapter && (asChapter.kind === 'reporte' || asChapter.kind === 'sans-execution') && (chapitre === '' || chapitre === compte))) {
    chapitre = compte;
    compte = '';
  }
  if (chapitre === '') {
    const derived = plan.chapterOfAccount(compte, s, nature);
    if (derived === undefined) {
      at(c.nature, `account ${compte} has no chapter for a ${nature} ${s} flow in plan ${plan.id} (and ${c.contNat} is empty)`, compte);
      return { problems };
    }
    chapitre = derived;
  }
  let info = plan.chapter(chapitre);
  if (!info) {
    // An aggregate code above the plan's chapters (SCDL "4544" for 45442): the account's own chapter, if it lies below.
    const derived = plan.chapterOfAccount(compte, s, nature);
    if (derived !== undefined && derived.startsWith(chapitre)) {
      chapitre = derived;
      info = plan.chapter(chapitre);
    }
  }
  if (!info) {
    at(c.contNat, `unknown chapter ${chapitre} in plan ${plan.id}`, chapitre);
    return { problems };
  }
  const stated = l.section.trim();
  if (stated !== '' && stated !== info.section) {
    at(c.section, `chapter ${info.code} belongs to section ${info.section}, the file says ${stated}`, stated);
    return { problems };
  }
  const carried = info.kind === 'reporte';
  // In a budget (BP, BS, DM) the affectation of N−1 taken over is as certain as 001/002: 1068 at the amount voted.
  const isAffectation = compte === AFFECTATION && s === 'R' && nature === 'reel';
  let executed: Cents;
  if (ctx.execution) executed = carried ? (realise ?? prevision ?? 0n) : (realise ?? 0n);
  else executed = carried || isAffectation ? (prevision ?? 0n) : 0n;
  const row: LedgerRow = {
    budget: ctx.budget,
    exercice: ctx.exercice,
    section: info.section,
    sens: s,
    chapitre,
    compte: carried ? '' : compte,
    nature: carried ? '' : nature,
    realise: executed,
    rar: !carried && ctx.execution ? (rar ?? 0n) : 0n,
    file: ctx.file,
    line: l.line,
  };
  if (l.libelle && !carried) row.libelle = l.libelle;
  if (creditsOuverts !== undefined && !carried) row.creditsOuverts = creditsOuverts;
  if (rarPrecedent !== undefined && !carried) row.rarPrecedent = rarPrecedent;
  const locate = (column: string) => ({ file: ctx.file, line: l.line, column: columnFor(column, c) });
  problems.push(...validateAgainstPlan(row, plan, locate));
  if (problems.length > 0) return { problems };
  return { row, problems };
}

/** validate-row speaks ledger column names; messages should name the source format's. */
function columnFor(ledgerColumn: string, c: ColumnNames): string {
  switch (ledgerColumn) {
    case 'compte':
      return c.nature;
    case 'chapitre':
      return c.contNat;
    case 'sens':
      return c.codRD;
    case 'nature':
      return c.opBudg;
    case 'section':
      return c.section;
    case 'realise':
      return c.mtReal;
    case 'rar':
      return c.mtRar3112;
    default:
      return ledgerColumn;
  }
}

/** A budget id the ledger accepts (letters, digits, _ and -, at most 32) from a SIRET or a name. */
export function budgetIdFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'budget';
}


/** Sums lines that share (section, sens, chapter, account, nature): official files repeat them per fonction or opération. */
export class RowMerger {
  private readonly rows = new Map<string, LedgerRow>();
  /** Lines folded into an earlier line of the same key. */
  merged = 0;

  /** Returns the row the line was summed into (its own copy for the first line of a key). */
  add(row: LedgerRow): LedgerRow {
    const key = `${row.budget}|${row.exercice}|${row.section}|${row.sens}|${row.chapitre}|${row.compte}|${row.nature}`;
    const first = this.rows.get(key);
    if (!first) {
      // Fonction and opération are what made the lines distinct; once summed they no longer describe the row.
      const { fonction: _f, operation: _o, ...rest } = row;
      this.rows.set(key, rest);
      return rest;
    }
    this.merged++;
    addAmounts(first, row);
    return first;
  }

  /** Rows in first-seen order; carried rows whose amount is zero are dropped (a zero 001/002 is no carried result). */
  result(): LedgerRow[] {
    return [...this.rows.values()].filter((r) => !(r.nature === '' && r.realise === 0n));
  }
}
