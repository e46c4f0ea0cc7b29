// Reads an SCDL "budget" CSV (schema.data.gouv.fr scdl/budget) into ledger rows, classifying unlabelled lines by the plan.
import { readWhole } from '../whole-file.js';
import { InputError, type InputProblem } from '../../errors.js';
import type { BudgetInfo } from '../../model/budget.js';
import type { LedgerRow } from '../../model/ledger.js';
import { resolvePlan, type Plan } from '../../nomenclature/plan.js';
import { decimalEvidence, parseDialectAmount, type DecimalEvidence } from '../dialect/amount.js';
import { decode } from '../dialect/encoding.js';
import { duplicateHeaderProblem, inchMarkNotice, parseCsvSafely, type CsvRecord } from '../csv-safe.js';
import type { ReadOptions } from '../dialect/options.js';
import type { AmountParser } from '../ledger-record.js';
import { budgetIdFrom, lineToRow, RowMerger, type ColumnNames } from '../totem/budget-line.js';
import { SCDL_COLUMNS, SCDL_REQUIRED } from './columns.js';
import { t } from '../../messages/index.js';
import { EXECUTION_NAT_DEC, type CreditLine, type DocumentFacts } from '../../model/document.js';
import { identifierProblems } from '../identifiers.js';

export interface ScdlOptions {
  displayName?: string;
  /** Declinaison of the plan (SCDL files do not name it): M57, M14_COM_500_3500… Needed unless planFor is given. */
  nomenclature?: string;
  /** The folder's plan resolver, which records the plans it hands out. */
  planFor?: (exercice: number) => Plan;
  budgetId?: string;
  budgets?: BudgetInfo[];
  readOptions?: ReadOptions;
}

export interface ScdlRead {
  rows: LedgerRow[];
  budgets: BudgetInfo[];
  /** BGT_NOM of the first line. */
  collectivite: string;
  plans: Map<number, Plan>;
  lines: number;
  merged: number;
  notices: string[];
  /** One per budget, exercice and document kind the file holds. */
  facts: DocumentFacts[];
}

/** SCDL spells the document out ("Budget primitif"); the TOTEM NatDec code it stands for, or the text itself. */
const NATDEC_CODES: Record<string, string> = {
  'budget primitif': '01',
  'decision modificative': '02',
  'budget supplementaire': '03',
  'budget primitif rectifie': '04',
  'compte administratif': '09',
  'compte financier unique': '10',
};

const COLUMNS: ColumnNames = {
  nature: 'BGT_NATURE',
  contNat: 'BGT_CONTNAT',
  codRD: 'BGT_CODRD',
  opBudg: 'BGT_OPBUDG',
  section: 'BGT_SECTION',
  mtReal: 'BGT_MTREAL',
  mtRar3112: 'BGT_MTRAR3112',
  mtRarPrec: 'BGT_MTRARPREC',
  mtPrev: 'BGT_MTPREV',
  credOuv: 'BGT_CREDOUV',
};

const AMOUNTS = ['BGT_MTREAL', 'BGT_MTBUDGPREC', 'BGT_MTRARPREC', 'BGT_MTPROPNOUV', 'BGT_MTPREV', 'BGT_CREDOUV', 'BGT_MTRAR3112'];

/** SCDL spells the codes out in French; TOTEM codes are accepted too. */
const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const SECTION: Record<string, string> = { fonctionnement: 'F', investissement: 'I', f: 'F', i: 'I', '': '' };
const OPBUDG: Record<string, string> = { reel: '0', ordre: '1', '0': '0', '1': '1' };
const CODRD: Record<string, string> = { depense: 'D', recette: 'R', d: 'D', r: 'R' };
/** Execution documents: the CA, the CFU; NatDec codes 09/10 when a file writes codes. */
const isExecution = (natdec: string) => /^(compte|09$|10$)/.test(fold(natdec));

export async function readScdl(path: string, options: ScdlOptions = {}): Promise<ScdlRead> {
  const file = options.displayName ?? path;
  const buf = await readWhole(path, file);
  const { text } = decode(buf, file, options.readOptions?.encoding);
  const delimiter = options.readOptions?.delimiter ?? scdlDelimiter(text);
  const { records, inchMarks } = parseCsvSafely(text, file, { delimiter });
  // The schema writes a decimal point; a file re-saved by a spreadsheet may use a comma, proven by its first such cell.
  let decimal = options.readOptions?.decimal;
  let settledBy: DecimalEvidence | undefined;
  if (decimal === undefined) {
    settledBy = decimalOf(records, AMOUNTS);
    decimal = settledBy?.mark ?? '.';
  }
  const parseAmount: AmountParser = (t) => parseDialectAmount(t, decimal, settledBy);

  const plans = new Map<number, Plan>();
  const planFor = (exercice: number): Plan => {
    let p = plans.get(exercice);
    if (!p) {
      if (options.planFor) p = options.planFor(exercice);
      else if (options.nomenclature) p = resolvePlan(options.nomenclature, exercice);
      else throw new InputError({ file, message: 'an SCDL file does not name its nomenclature: give it (--nomenclature M57, M14_COM_500_3500…) or list the file in a folder manifest' });
      plans.set(exercice, p);
    }
    return p;
  };

  const problems: InputProblem[] = [];
  const merger = new RowMerger();
  const budgets = new Map<string, BudgetInfo>();
  const natDecs = new Set<string>();
  let header: string[] | undefined;
  let collectivite = '';
  let lines = 0;
  const facts = new Map<string, DocumentFacts>();
  const sirets: { field: string; value: string; line: number }[] = [];
  let natDecSeen: { value: string; line: number } | undefined;
  for (const { record, line } of records) {
    if (!header) {
      header = record.map((c) => c.trim());
      const twice = duplicateHeaderProblem(header, file, line);
      if (twice) throw new InputError(twice);
      const missing = SCDL_REQUIRED.filter((c) => !header!.includes(c));
      if (missing.length > 0) {
        throw new InputError({ file, line, message: `not an SCDL budget file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (SCDL columns: ${SCDL_COLUMNS.join(',')})` });
      }
      continue;
    }
    if (record.length !== header.length) {
      problems.push({ file, line, column: Math.min(record.length, header.length) + 1, message: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const get = (name: string) => (record[header!.indexOf(name)] ?? '').trim();
    const at = (column: string, message: string, value: string) => problems.push({ file, line, column, message, value });
    lines++;
    const year = get('BGT_ANNEE');
    if (!/^\d{4}$/.test(year)) {
      at('BGT_ANNEE', 'the exercice must be a year such as 2021', year);
      continue;
    }
    const natdec = get('BGT_NATDEC');
    natDecs.add(natdec);
    const natCode = NATDEC_CODES[fold(natdec)] ?? (/^\d{2}$/.test(natdec) ? natdec : '');
    natDecSeen ??= { value: natCode || natdec, line };
    if (get('BGT_SIRET') !== '' && !sirets.some((s) => s.value === get('BGT_SIRET'))) sirets.push({ field: 'BGT_SIRET', value: get('BGT_SIRET'), line });
    collectivite ||= get('BGT_NOM');
    const budget = budgetFor(get('BGT_SIRET'), get('BGT_NOM'), options, budgets, file, line);
    const section = SECTION[fold(get('BGT_SECTION'))];
    const opBudg = OPBUDG[fold(get('BGT_OPBUDG'))];
    const codRD = CODRD[fold(get('BGT_CODRD'))];
    if (section === undefined) at('BGT_SECTION', 'section must be fonctionnement, investissement or empty', get('BGT_SECTION'));
    if (opBudg === undefined) at('BGT_OPBUDG', 'must be réel or ordre', get('BGT_OPBUDG'));
    if (codRD === undefined) at('BGT_CODRD', 'must be dépense or recette', get('BGT_CODRD'));
    if (section === undefined || opBudg === undefined || codRD === undefined) continue;
    const out = lineToRow(
      {
        line,
        nature: get('BGT_NATURE'),
        contNat: get('BGT_CONTNAT'),
        codRD,
        opBudg,
        section,
        mtReal: get('BGT_MTREAL'),
        mtRar3112: get('BGT_MTRAR3112'),
        mtRarPrec: get('BGT_MTRARPREC'),
        mtPrev: get('BGT_MTPREV'),
        credOuv: get('BGT_CREDOUV'),
        // As written (convert keeps labels): only the key cells are trimmed.
        libelle: record[header!.indexOf('BGT_NATURE_LABEL')] ?? '',
      },
      { file, budget: budget.id, exercice: Number(year), plan: planFor(Number(year)), execution: isExecution(natdec), columns: COLUMNS, parseAmount },
    );
    problems.push(...out.problems);
    if (!out.row) continue;
    merger.add(out.row);
    const key = `${budget.id}|${year}|${natCode || natdec}`;
    let f = facts.get(key);
    if (!f) {
      const execution = natCode !== '' ? EXECUTION_NAT_DEC.has(natCode) : isExecution(natdec);
      f = { file, budget: budget.id, exercice: Number(year), natDec: natCode || natdec, kind: execution ? 'execution' : 'budget', plan: planFor(Number(year)), credits: [], declaredTotals: [], calculatedSkipped: 0, identifiers: [] };
      facts.set(key, f);
    }
    const r = out.row;
    const credit: CreditLine = { section: r.section, sens: r.sens, chapitre: r.chapitre, compte: r.compte, nature: r.nature, line };
    const pairs = [['mtBudgPrec', 'BGT_MTBUDGPREC'], ['mtRarPrec', 'BGT_MTRARPREC'], ['mtPropNouv', 'BGT_MTPROPNOUV'], ['mtPrev', 'BGT_MTPREV'], ['credOuv', 'BGT_CREDOUV']] as const;
    for (const [k, column] of pairs) {
      const t = get(column);
      const v = t === '' ? undefined : parseAmount(t);
      if (typeof v === 'bigint') credit[k] = v;
    }
    f.credits.push(credit);
  }
  if (!header) problems.push({ file, line: 1, message: `empty file: expected the SCDL header ${SCDL_COLUMNS.join(',')}` });
  if (problems.length > 0) throw new InputError(problems);
  const rows = merger.result();
  const notices: string[] = [];
  const inch = inchMarkNotice(file, inchMarks);
  if (inch) notices.push(inch);
  if (merger.merged > 0) {
    notices.push(t('read.linesMerged', { file, n: merger.merged, lines, rows: rows.length }));
  }
  const budgetDocs = [...natDecs].filter((n) => !isExecution(n));
  if (budgetDocs.length > 0) {
    notices.push(t('read.budgetNotExecution', { file, document: budgetDocs.join(', '), field: 'BGT_MTPREV' }));
  }
  const identifiers = identifierProblems(natDecSeen, sirets);
  for (const p of identifiers) notices.push(`${file}:${p.line}: ${p.field} ${p.value}: ${p.message}`);
  const all = [...facts.values()];
  if (all[0]) all[0].identifiers = identifiers;
  return { rows, budgets: [...budgets.values()], collectivite, plans, lines, merged: merger.merged, notices, facts: all };
}

/** The distinct budgets (SIRET and name) of an SCDL file, for a folder that has no manifest. */
export async function scdlBudgets(path: string): Promise<{ siret: string; label: string }[]> {
  const buf = await readWhole(path);
  const { text } = decode(buf, path, undefined);
  const records = parseCsvSafely(text, path, { delimiter: scdlDelimiter(text) }).records.map((r) => r.record);
  const header = (records[0] ?? []).map((c) => c.trim().replace(/^\ufeff/, ''));
  const si = header.indexOf('BGT_SIRET');
  const no = header.indexOf('BGT_NOM');
  const out = new Map<string, { siret: string; label: string }>();
  for (const r of records.slice(1)) {
    const siret = (r[si] ?? '').trim();
    const label = (r[no] ?? '').trim();
    if (!out.has(`${siret}|${label}`)) out.set(`${siret}|${label}`, { siret, label });
  }
  return [...out.values()];
}

/** The delimiter that splits the header into SCDL columns (a comma in the schema; `;` from French spreadsheets). */
function scdlDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const head = nl < 0 ? text : text.slice(0, nl);
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = head.split(d).filter((c) => /^"?BGT_/.test(c.trim().replace(/^\ufeff/, ''))).length;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** The first amount cell that proves the decimal mark, if any. */
function decimalOf(records: CsvRecord[], columns: string[]): DecimalEvidence | undefined {
  const header = records[0]?.record.map((c) => c.trim().replace(/^\ufeff/, '')) ?? [];
  const indices = columns.map((c) => header.indexOf(c)).filter((i) => i >= 0);
  for (const { record, line } of records.slice(1)) {
    for (const i of indices) {
      const v = record[i]?.trim();
      const mark = v ? decimalEvidence(v) : undefined;
      if (mark) return { mark, line, value: v! };
    }
  }
  return undefined;
}

/** The budget a line belongs to: --budget, the manifest's single budget, or the SIRET of the line. */
function budgetFor(siret: string, nom: string, options: ScdlOptions, seen: Map<string, BudgetInfo>, file: string, line: number): BudgetInfo {
  const key = siret || nom;
  const known = seen.get(key);
  if (known) return known;
  let chosen: BudgetInfo | undefined;
  const derived = budgetIdFrom(siret || nom);
  if (options.budgetId) chosen = options.budgets?.find((b) => b.id === options.budgetId) ?? { id: options.budgetId, label: nom || options.budgetId };
  else if (options.budgets?.length === 1) chosen = options.budgets[0]!;
  else if (options.budgets) {
    chosen = options.budgets.find((b) => b.id === derived);
    if (!chosen) {
      throw new InputError({ file, line, column: 'BGT_SIRET', message: `the manifest declares several budgets (${options.budgets.map((b) => b.id).join(', ')}) and none is this line's (${derived}): declare it under that id`, value: siret });
    }
  } else chosen = { id: derived, label: nom || derived };
  if ((options.budgetId || options.budgets?.length === 1) && seen.size > 0) {
    throw new InputError({ file, line, column: 'BGT_SIRET', message: `the file holds several budgets (SIRET ${[...seen.keys()].join(', ')}, ${key}) but a single budget id is given`, value: siret });
  }
  seen.set(key, chosen);
  return chosen;
}
