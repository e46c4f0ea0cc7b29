// The official plans de comptes at run time: chapters, accounts and account → chapter per flow, read lazily from the committed data/plans.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { applyRows, applyToMap, FORMAT, type PlanDelta, type PlanRows, type Row } from './plan-delta.js';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Section, Sens } from '../model/ledger.js';
import { t } from '../messages/index.js';

export type ChapterKind = 'reel' | 'ordre' | 'reporte' | 'sans-execution';

export interface ChapterInfo {
  code: string;
  libelle: string;
  libCourt: string;
  type: 'G' | 'C' | 'L';
  section: Section;
  special: boolean;
  kind: ChapterKind;
  sens: Sens[];
}

export type Flow = 'DR' | 'RR' | 'DOES' | 'ROES' | 'DOIS' | 'ROIS';

export interface AccountInfo {
  code: string;
  libelle: string;
  chapters: Partial<Record<Flow, string>>;
}

export interface PlanRef {
  /** norme-declinaison-year, the year being the one the plan serves (its ODM folder), e.g. M57-M57_D-2024. */
  id: string;
  norme: string;
  declinaison: string;
  /** The exercice the plan serves. */
  exercice: number;
}

export interface Plan extends PlanRef {
  /** The file's own Exer attribute: older than `exercice` when the plan did not change (the 2022 M57 plan says 2020). */
  exer: number;
  /** How the declinaison was chosen when the nomenclature named only a norme (M57 after 2022, M14), in French for the provenance. */
  chosenBy?: string;
  /** Exact chapter, or for an opération pour compte de tiers (a 454…/455…/458… code followed by an operation number, e.g. 4581001 or 4544110) the parent chapter of the plan whose code is the longest prefix (4581, 45441…), with `tiersOperation` set. undefined when unknown. */
  chapter(code: string): (ChapterInfo & { tiersOperation?: string }) | undefined;
  chapters(): ChapterInfo[];
  /** Every account code the plan lists (both views), in code order. */
  accountCodes(): readonly string[];
  /** The account, or its nearest listed parent by prefix (e.g. 6811 → 681 if 6811 absent); undefined when none. */
  account(code: string): AccountInfo | undefined;
  /** The chapter the plan assigns to an account for a flow: section/sens/real-or-order → Flow ('D'+'reel' → DR, 'D'+'ordre' between sections → DOES, ...). For order operations try DOES then DOIS (resp. ROES then ROIS). */
  chapterOfAccount(code: string, sens: Sens, nature: 'reel' | 'ordre'): string | undefined;
}

/** Third-party operation chapters (454x travaux d'office…, 455x EPLE, 456x M14 EPLE, 458x sous mandat) all sit under 45. */
const TIERS_PREFIX = '45';
const FLOWS: readonly Flow[] = ['DR', 'RR', 'DOES', 'ROES', 'DOIS', 'ROIS'];

type ChapterRow = [string, string, string, 'G' | 'C' | 'L', Section, 0 | 1, ChapterKind, string];
/** [code, libelle, DR, RR, DOES, ROES, DOIS, ROIS] with trailing empty flows dropped. */
type AccountRow = [string, string, ...string[]];

/** data/plans/index.json: norme → declinaison → [year the plan serves, its Exer attribute] in year order. */
interface IndexFile {
  format: number;
  normes: Record<string, Record<string, [number, number][]>>;
}

/** One line of data/plans/<norme>.ndjson: a declinaison's plans, the first year whole, each next one as a delta. */
interface DeclinaisonChain {
  declinaison: string;
  years: { year: number; exer: number; base?: PlanRows; delta?: PlanDelta }[];
}

// From the package root, so that src/ (vitest), dist/ (tsc) and dist/bundle/ (esbuild) all find it.
const DATA = new URL('data/plans/', PACKAGE_ROOT);

let indexCache: IndexFile | undefined;
const chainCache = new Map<string, DeclinaisonChain>();
const planCache = new Map<string, Plan>();

function readData(name: string): string {
  const url = new URL(name, DATA);
  try {
    return readFileSync(url, 'utf8');
  } catch (e) {
    // A missing data/plans is a broken installation, not bad user input.
    throw new Error(`plan de comptes data not found (${url.pathname}): ${(e as Error).message}`);
  }
}

function checkFormat(name: string, json: { format?: number }): void {
  if (json.format !== FORMAT) throw new Error(`plan de comptes data ${name} is in format ${json.format}, expected ${FORMAT}`);
}

function loadIndex(): IndexFile {
  if (!indexCache) {
    const json = JSON.parse(readData('index.json')) as IndexFile;
    checkFormat('index.json', json);
    indexCache = json;
  }
  return indexCache;
}

function allRefs(): (PlanRef & { exer: number })[] {
  const out: (PlanRef & { exer: number })[] = [];
  for (const [norme, decls] of Object.entries(loadIndex().normes)) {
    for (const [declinaison, years] of Object.entries(decls)) {
      for (const [exercice, exer] of years) out.push({ id: planId(norme, declinaison, exercice), norme, declinaison, exercice, exer });
    }
  }
  return out;
}

function planId(norme: string, declinaison: string, year: number): string {
  return `${norme}-${declinaison}-${year}`;
}

/** Every bundled plan, by norme, declinaison and the year it serves. */
export function availablePlans(): PlanRef[] {
  return allRefs();
}

/** A norme file's first line: its declinaisons, each line's [byte offset after this header, byte length]. */
interface NormeHeader {
  format?: number;
  declinaisons: string[];
  offsets: [number, number][];
}

/**
 * Only the declinaison's own line of its norme's file is read and parsed: the file is one header line, then one
 * line per declinaison at the byte offset the header gives.
 */
function loadChain(norme: string, declinaison: string): DeclinaisonChain {
  const key = `${norme}|${declinaison}`;
  let chain = chainCache.get(key);
  if (chain) return chain;
  const name = `${norme}.ndjson`;
  const url = new URL(name, DATA);
  let fd: number;
  try {
    fd = openSync(url, 'r');
  } catch (e) {
    throw new Error(`plan de comptes data not found (${url.pathname}): ${(e as Error).message}`);
  }
  try {
    // The header is a few hundred bytes; grow the read until its newline in case it ever is not.
    let head = Buffer.alloc(4096);
    let n = readSync(fd, head, 0, head.length, 0);
    let nl = head.subarray(0, n).indexOf(10);
    while (nl < 0 && n === head.length) {
      const bigger = Buffer.alloc(head.length * 4);
      n = readSync(fd, bigger, 0, bigger.length, 0);
      head = bigger;
      nl = head.subarray(0, n).indexOf(10);
    }
    if (nl < 0) throw new Error(`plan de comptes data ${name}: no header line`);
    const header = JSON.parse(head.toString('utf8', 0, nl)) as NormeHeader;
    checkFormat(name, header);
    const at = header.declinaisons.indexOf(declinaison);
    if (at < 0) throw new Error(`plan de comptes data ${name} has no declinaison ${declinaison}`);
    const [offset, length] = header.offsets[at]!;
    const line = Buffer.alloc(length);
    if (readSync(fd, line, 0, length, nl + 1 + offset) !== length) throw new Error(`plan de comptes data ${name} is truncated`);
    chain = JSON.parse(line.toString('utf8')) as DeclinaisonChain;
  } finally {
    closeSync(fd);
  }
  chainCache.set(key, chain);
  return chain;
}

/**
 * The rows of one year: the chain's base with every delta up to that year applied. Chapters keep the plan's order
 * (chapters() lists them so); accounts are a lookup table, patched in place, delta by delta.
 */
function rowsOf(chain: DeclinaisonChain, year: number): { chapters: Row[]; accounts: Map<string, Row>; exer: number } {
  let chapters: Row[] = [];
  const accounts = new Map<string, Row>();
  for (const y of chain.years) {
    if (y.base) {
      chapters = y.base.chapters;
      accounts.clear();
      for (const r of y.base.accounts) accounts.set(r[0], r);
    } else {
      chapters = applyRows(chapters, y.delta?.chapters);
      applyToMap(accounts, y.delta?.accounts);
    }
    if (y.year === year) return { chapters, accounts, exer: y.exer };
  }
  throw new Error(`plan de comptes data: no ${chain.declinaison} plan for ${year}`);
}

// Lookups run once per ledger row, so they hand out the cached objects themselves, frozen rather than copied.
function toChapter(r: ChapterRow): ChapterInfo {
  const [code, libelle, libCourt, type, section, special, kind, sens] = r;
  const info = { code, libelle, libCourt, type, section, special: special === 1, kind, sens: Object.freeze([...sens]) as Sens[] };
  return Object.freeze(info);
}

function toAccount(r: AccountRow): AccountInfo {
  const chapters: Partial<Record<Flow, string>> = {};
  FLOWS.forEach((flow, i) => {
    const chap = r[i + 2];
    if (chap) chapters[flow] = chap;
  });
  return Object.freeze({ code: r[0], libelle: r[1], chapters: Object.freeze(chapters) });
}

function buildPlan(ref: PlanRef & { exer: number }, file: { chapters: ChapterRow[]; accounts: Map<string, AccountRow> }): Plan {
  const chapterList = file.chapters.map(toChapter);
  const chapterMap = new Map(chapterList.map((c) => [c.code, c]));
  // Rows stay as parsed; an account becomes an object on its first lookup (a run touches a few dozen of 3 500).
  const rowMap = file.accounts;
  const built = new Map<string, AccountInfo>();
  const accountAt = (code: string): AccountInfo | undefined => {
    let a = built.get(code);
    if (a === undefined) {
      const r = rowMap.get(code);
      if (r === undefined) return undefined;
      a = toAccount(r);
      built.set(code, a);
    }
    return a;
  };
  const tiersChapters = chapterList.filter((c) => c.code.startsWith(TIERS_PREFIX)).sort((a, b) => b.code.length - a.code.length);

  const account = (code: string): AccountInfo | undefined => {
    for (let n = code.length; n > 0; n--) {
      const found = accountAt(code.slice(0, n));
      if (found) return found;
    }
    return undefined;
  };

  // A parent account (706, 2183 in M57) carries no flow of its own, but files often post on it: it then
  // takes the chapter that all its sub-accounts share for that flow, when they share one.
  const childMemo = new Map<string, string | undefined>();
  // Codes in string order put an account's sub-accounts right after it, so a prefix is one contiguous run.
  let sorted: string[] | undefined;
  const chapterOfChildren = (code: string, flow: Flow): string | undefined => {
    const key = `${code}|${flow}`;
    if (childMemo.has(key)) return childMemo.get(key);
    const sortedCodes = (sorted ??= [...rowMap.keys()].sort());
    let lo = 0;
    let hi = sortedCodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedCodes[mid]! <= code) lo = mid + 1;
      else hi = mid;
    }
    const found = new Set<string>();
    for (let i = lo; i < sortedCodes.length && sortedCodes[i]!.startsWith(code); i++) {
      const chap = accountAt(sortedCodes[i]!)!.chapters[flow];
      if (chap) found.add(chap);
    }
    const result = found.size === 1 ? [...found][0] : undefined;
    childMemo.set(key, result);
    return result;
  };

  return {
    id: ref.id,
    norme: ref.norme,
    declinaison: ref.declinaison,
    exercice: ref.exercice,
    exer: ref.exer,
    chapter(code) {
      const exact = chapterMap.get(code);
      if (exact) return exact;
      if (!code.startsWith(TIERS_PREFIX)) return undefined;
      const parent = tiersChapters.find((c) => code.length > c.code.length && code.startsWith(c.code));
      if (!parent) return undefined;
      return Object.freeze({ ...parent, tiersOperation: code.slice(parent.code.length) });
    },
    chapters() {
      return [...chapterList];
    },
    accountCodes() {
      return (sorted ??= [...rowMap.keys()].sort());
    },
    account,
    chapterOfAccount(code, sens, nature) {
      const found = account(code);
      if (!found) return undefined;
      const flows: Flow[] =
        nature === 'reel' ? [sens === 'D' ? 'DR' : 'RR'] : sens === 'D' ? ['DOES', 'DOIS'] : ['ROES', 'ROIS'];
      for (const flow of flows) {
        const chap = found.chapters[flow] ?? chapterOfChildren(found.code, flow);
        if (chap) return chap;
      }
      return undefined;
    },
  };
}

function loadPlan(ref: PlanRef): Plan {
  let plan = planCache.get(ref.id);
  if (!plan) {
    const { chapters, accounts, exer } = rowsOf(loadChain(ref.norme, ref.declinaison), ref.exercice);
    plan = buildPlan({ ...ref, exer }, { chapters: chapters as ChapterRow[], accounts: accounts as Map<string, AccountRow> });
    planCache.set(ref.id, plan);
  }
  return plan;
}

/** How the plan's year relates to the document's. */
export type PlanRule = 'own-year' | 'nearest-earlier' | 'nearest-later';

export function planRule(planYear: number, exercice: number): PlanRule {
  return planYear === exercice ? 'own-year' : planYear < exercice ? 'nearest-earlier' : 'nearest-later';
}

/** What else is known when a nomenclature names a norme rather than a declinaison (a plain M57 after 2022, M14). */
export interface PlanHint {
  /** The declinaison the document itself names (TOTEM Nomenclature M57-M57_A). */
  declinaison?: string;
  /** The entity's population (manifest entite.population), which sets the M57 / M14 declinaison of a commune. */
  population?: number;
}

export interface PlanChoice {
  plan: Plan;
  rule: PlanRule;
  /** How the declinaison was chosen when the nomenclature did not name one (French, for the provenance). */
  declinaisonNote?: string;
}

/** The last year a single M57 plan was published; from 2023 there are only M57_A / M57_D / M57_P. */
const LAST_PLAIN_M57 = 2022;
/** Population threshold of the abridged plans (M57_A, M14 500–3 500) for communes. */
const ABRIDGED_BELOW = 3500;

function parseName(name: string): { norme?: string; decl: string } {
  const wanted = name.trim().toUpperCase();
  const dash = wanted.indexOf('-');
  return dash >= 0 ? { norme: wanted.slice(0, dash), decl: wanted.slice(dash + 1) } : { decl: wanted };
}

/**
 * A norme named without its declinaison: M57 after 2022 and M14 (which never had a plain plan) take the
 * declinaison the document names when it is of that norme, else the one the population implies.
 */
function pickDeclinaison(decl: string, exercice: number, hint: PlanHint): { decl: string; note?: string } {
  const named = hint.declinaison ? parseName(hint.declinaison).decl : undefined;
  const fromFile = (prefix: string) => (named && named.startsWith(prefix) ? named : undefined);
  const pop = hint.population;
  if (decl === 'M57' && exercice > LAST_PLAIN_M57) {
    const f = fromFile('M57_');
    if (f) return { decl: f, note: t('read.planNamedByDocument', { norme: 'M57', after: t('read.planAfter', { year: LAST_PLAIN_M57 }), decl: f }) };
    if (pop !== undefined) {
      const d = pop < ABRIDGED_BELOW ? 'M57_A' : 'M57_D';
      return { decl: d, note: t('read.planByPopulation', { norme: 'M57', after: t('read.planAfter', { year: LAST_PLAIN_M57 }), decl: d, pop, cmp: ` ${pop < ABRIDGED_BELOW ? '<' : '≥'} ${ABRIDGED_BELOW}` }) };
    }
    return { decl: 'M57_D', note: t('read.planM57Default', { year: LAST_PLAIN_M57 }) };
  }
  if (decl === 'M14') {
    const f = fromFile('M14_');
    if (f) return { decl: f, note: t('read.planNamedByDocument', { norme: 'M14', after: '', decl: f }) };
    if (pop !== undefined) {
      const d = pop < 500 ? 'M14_COM_INF500' : pop < ABRIDGED_BELOW ? 'M14_COM_500_3500' : 'M14_COM_SUP3500';
      return { decl: d, note: t('read.planByPopulation', { norme: 'M14', after: '', decl: d, pop, cmp: '' }) };
    }
    return { decl: 'M14_COM_SUP3500', note: t('read.planM14Default') };
  }
  return { decl };
}

/**
 * The plan for a document of `exercice`: the plan of that year, else the nearest earlier, else the nearest later.
 * `nomenclature` is a declinaison as in the ODM tree (M57, M57_A, M14_COM_500_3500, M43_D, M52…), optionally
 * prefixed by its norme (M57-M57_A, M4-M43_D), or a norme whose declinaison the hint settles (M57 after 2022, M14).
 * Only that declinaison's data is read. Throws InputError (file '(nomenclature)') listing the known declinaisons.
 */
export function choosePlan(nomenclature: string, exercice: number, hint: PlanHint = {}): PlanChoice {
  const parsed = parseName(nomenclature);
  const { decl, note } = pickDeclinaison(parsed.decl, exercice, hint);
  const index = loadIndex().normes;
  let found: { norme: string; declinaison: string; years: [number, number][] } | undefined;
  for (const [norme, decls] of Object.entries(index)) {
    if (parsed.norme !== undefined && norme.toUpperCase() !== parsed.norme) continue;
    for (const [d, years] of Object.entries(decls)) if (d.toUpperCase() === decl) found = { norme, declinaison: d, years };
  }
  if (!found) {
    const available = Object.values(index).flatMap((d) => Object.keys(d)).sort();
    throw new InputError({
      file: '(nomenclature)',
      message: `no plan de comptes for declinaison "${nomenclature}"; available: ${available.join(', ')}`,
      value: nomenclature,
    });
  }
  const years = found.years.map(([y]) => y);
  const exact = years.find((y) => y === exercice);
  const earlier = years.filter((y) => y < exercice).pop();
  const later = years.find((y) => y > exercice);
  // Only a non-finite exercice leaves all three undefined; the latest plan is then the least surprising.
  const year = exact ?? earlier ?? later ?? years[years.length - 1]!;
  const { norme, declinaison } = found;
  const cached = loadPlan({ id: planId(norme, declinaison, year), norme, declinaison, exercice: year });
  // The cached plan is shared by every choice; the reason for this one travels on a copy of its (method) fields.
  const plan = note ? Object.freeze({ ...cached, chosenBy: note }) : cached;
  return { plan, rule: planRule(year, exercice), ...(note ? { declinaisonNote: note } : {}) };
}

/** choosePlan's plan alone. */
export function resolvePlan(nomenclature: string, exercice: number, hint: PlanHint = {}): Plan {
  return choosePlan(nomenclature, exercice, hint).plan;
}

/** Whether choosePlan understands a name (a bundled declinaison, with or without its norme, or M14): for usage errors before any file is read. */
export function isKnownNomenclature(name: string): boolean {
  const { norme, decl } = parseName(name);
  if (decl === 'M14' && (norme === undefined || norme === 'M14')) return true;
  return Object.entries(loadIndex().normes).some(
    ([n, decls]) => (norme === undefined || n.toUpperCase() === norme) && Object.keys(decls).some((d) => d.toUpperCase() === decl),
  );
}

/** The declinaisons bundled, for messages. */
export function knownDeclinaisons(): string[] {
  return Object.values(loadIndex().normes).flatMap((d) => Object.keys(d)).sort();
}
