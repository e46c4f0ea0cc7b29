// The official plans de comptes at run time: chapters, accounts and account → chapter per flow, read from generated/plans.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Section, Sens } from '../model/ledger.js';

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
  id: string;
  norme: string;
  declinaison: string;
  exercice: number;
}

export interface Plan extends PlanRef {
  /** Exact chapter, or for an opération pour compte de tiers (a 454…/455…/458… code followed by an operation number, e.g. 4581001 or 4544110) the parent chapter of the plan whose code is the longest prefix (4581, 45441…), with `tiersOperation` set. undefined when unknown. */
  chapter(code: string): (ChapterInfo & { tiersOperation?: string }) | undefined;
  chapters(): ChapterInfo[];
  /** The account, or its nearest listed parent by prefix (e.g. 6811 → 681 if 6811 absent); undefined when none. */
  account(code: string): AccountInfo | undefined;
  /** The chapter the plan assigns to an account for a flow: section/sens/real-or-order → Flow ('D'+'reel' → DR, 'D'+'ordre' between sections → DOES, ...). For order operations try DOES then DOIS (resp. ROES then ROIS). */
  chapterOfAccount(code: string, sens: Sens, nature: 'reel' | 'ordre'): string | undefined;
}

/** Must match FORMAT in scripts/gen-nomenclature.mjs. */
const FORMAT = 1;
const FLOWS: readonly Flow[] = ['DR', 'RR', 'DOES', 'ROES', 'DOIS', 'ROIS'];
/** Third-party operation chapters (454x travaux d'office…, 455x EPLE, 456x M14 EPLE, 458x sous mandat) all sit under 45. */
const TIERS_PREFIX = '45';

type ChapterRow = [string, string, string, 'G' | 'C' | 'L', Section, 0 | 1, ChapterKind, string];
/** [code, libelle, DR, RR, DOES, ROES, DOIS, ROIS] with trailing empty flows dropped. */
type AccountRow = [string, string, ...string[]];

interface PlanFile extends PlanRef {
  format: number;
  chapters: ChapterRow[];
  accounts: AccountRow[];
}

interface IndexFile {
  format: number;
  plans: (PlanRef & { file: string })[];
}

// From the package root, so that src/ (vitest), dist/ (tsc) and dist/bundle/ (esbuild) all find it.
const GENERATED = new URL('generated/plans/', PACKAGE_ROOT);

let indexCache: IndexFile | undefined;
const planCache = new Map<string, Plan>();

function readJson<T>(name: string): T {
  const url = new URL(name, GENERATED);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (e) {
    // A missing generated/ is an installation problem, not bad user input.
    throw new Error(
      `plan de comptes data not found (${url.pathname}); run \`npm run build\` to generate it: ${(e as Error).message}`,
    );
  }
  const json = JSON.parse(text) as T & { format?: number };
  if (json.format !== FORMAT) {
    throw new Error(`plan de comptes data ${url.pathname} is in format ${json.format}, expected ${FORMAT}; run \`npm run build\``);
  }
  return json;
}

function loadIndex(): IndexFile {
  indexCache ??= readJson<IndexFile>('index.json');
  return indexCache;
}

export function availablePlans(): PlanRef[] {
  return loadIndex().plans.map(({ id, norme, declinaison, exercice }) => ({ id, norme, declinaison, exercice }));
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

function buildPlan(file: PlanFile): Plan {
  const chapterList = file.chapters.map(toChapter);
  const chapterMap = new Map(chapterList.map((c) => [c.code, c]));
  // Rows stay as parsed; an account becomes an object on its first lookup (a run touches a few dozen of 3 500).
  const rowMap = new Map<string, AccountRow>();
  for (const r of file.accounts) rowMap.set(r[0], r);
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
    id: file.id,
    norme: file.norme,
    declinaison: file.declinaison,
    exercice: file.exercice,
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

function loadPlan(ref: PlanRef & { file: string }): Plan {
  let plan = planCache.get(ref.id);
  if (!plan) {
    plan = buildPlan(readJson<PlanFile>(ref.file));
    planCache.set(ref.id, plan);
  }
  return plan;
}

/** Nearest-year rule: the plan of that declinaison for that exercice; else the nearest earlier year; else the nearest later. Declinaison as in the XML (M57, M57_A, M57_D, M57_P, M14_COM_500_3500, M14_COM_SUP3500); accept also forms like 'M57-M57_A' (norme-declinaison) and 'M14-M14_COM_500_3500'. Throws InputError (from src/errors.ts, with file '(nomenclature)') naming the declinaison and listing the available ones when no plan exists for it. */
export function resolvePlan(declinaison: string, exercice: number): Plan {
  const wanted = declinaison.trim().toUpperCase();
  const dash = wanted.indexOf('-');
  const norme = dash >= 0 ? wanted.slice(0, dash) : undefined;
  const decl = dash >= 0 ? wanted.slice(dash + 1) : wanted;
  const plans = loadIndex().plans;
  const candidates = plans.filter(
    (p) => p.declinaison.toUpperCase() === decl && (norme === undefined || p.norme.toUpperCase() === norme),
  );
  if (candidates.length === 0) {
    const available = [...new Set(plans.map((p) => p.declinaison))].sort();
    throw new InputError({
      file: '(nomenclature)',
      message: `no plan de comptes for declinaison "${declinaison}"; available: ${available.join(', ')}`,
      value: declinaison,
    });
  }
  const exact = candidates.find((p) => p.exercice === exercice);
  const earlier = candidates.filter((p) => p.exercice < exercice).sort((a, b) => b.exercice - a.exercice)[0];
  const later = candidates.filter((p) => p.exercice > exercice).sort((a, b) => a.exercice - b.exercice)[0];
  // Only a non-finite exercice leaves all three undefined; the latest plan is then the least surprising.
  const latest = [...candidates].sort((a, b) => b.exercice - a.exercice)[0]!;
  return loadPlan(exact ?? earlier ?? later ?? latest);
}
