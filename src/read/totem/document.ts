// Reads a TOTEM DocumentBudgetaire or a CFU (budget and accounting parts) into ledger rows, loans and the document's facts.
import { InputError, type InputProblem } from '../../errors.js';
import { parsePlainAmount } from '../../money/cents.js';
import type { BudgetInfo } from '../../model/budget.js';
import type { LedgerRow } from '../../model/ledger.js';
import { resolvePlan, type Plan } from '../../nomenclature/plan.js';
import { budgetIdFrom, lineToRow, RowMerger, type BudgetLine, type ColumnNames } from './budget-line.js';
import { decodeLabel } from './decode-label.js';
import { EmpruntCollector, type EmpruntsRead } from './emprunt.js';
import { CREDIT_FIELDS, EXECUTION_NAT_DEC, natDecLabel, type CreditLine, type DocumentFacts } from '../../model/document.js';
import { identifierProblems } from '../identifiers.js';
import { ComptableCollector, NS_COMPTA } from './comptable.js';
import { checkDeclaredTotals, TOTAL_FIELDS, type TotalledLine, type TotalRecord } from './declared-totals.js';
import { streamXml, type FlatRecord, type XmlElement, type XmlHandlers } from './xml-stream.js';
import { LineFolder, type FoldTargets } from './line-fold.js';
import { ScanBail, scanXml } from './byte-scan.js';
import { t } from '../../messages/index.js';

/** The amount elements of a record (MtReal, MtPrev, CredOuv, MtRAR3112…): each once, its value in V. */
const AMOUNT_ELEMENT = /^(Mt[A-Z0-9]|CredOuv$)/;

export const NS_TOTEM = 'http://www.minefi.gouv.fr/cp/demat/docbudgetaire';
export const NS_CFU = 'http://www.minefi.gouv.fr/cp/demat/doccfu';

export type DocumentKind = 'totem' | 'cfu';

export { NAT_DEC } from '../../model/document.js';

export interface DocumentHeader {
  kind: DocumentKind;
  nomenclature: string;
  exercice: number;
  natDec: string;
  /** Collectivité (LibelleColl) and budget (LibelleEtab) labels, entities decoded. */
  collectivite: string;
  etablissement: string;
  idColl: string;
  idEtab: string;
  codBud: string;
}

export interface DocumentRead {
  header: DocumentHeader;
  budget: BudgetInfo;
  plan: Plan;
  rows: LedgerRow[];
  /** LigneBudget elements read (account lines only). */
  lines: number;
  /** Lines summed into an earlier line of the same key. */
  merged: number;
  emprunts: EmpruntsRead;
  /** Kind, crédits, declared totals, accounting part, identifiers: what checks and budget tables read. */
  facts: DocumentFacts;
  /** Things the user should know, printed on stderr by the caller. */
  notices: string[];
}

export interface DocumentOptions {
  /** Shown in messages instead of the path. */
  displayName?: string;
  /** Budget id to give the rows (--budget, or the folder manifest's single budget). */
  budgetId?: string;
  /** Budgets a folder manifest declares: the file's budget must be one of them. */
  budgets?: BudgetInfo[];
  /** The folder's plan resolver (records the plans used for provenance); the file's nomenclature must agree with it. */
  planFor?: (exercice: number, named?: string) => Plan;
}

const COLUMNS: ColumnNames = {
  nature: 'Nature',
  contNat: 'ContNat',
  codRD: 'CodRD',
  opBudg: 'OpBudg',
  section: 'CaracSup',
  mtReal: 'MtReal',
  mtRar3112: 'MtRAR3112',
  mtRarPrec: 'MtRARPrec',
  mtPrev: 'MtPrev',
  credOuv: 'CredOuv',
};

/** The TOTEM element of each crédit field. */
const CREDIT_ELEMENT: Record<(typeof CREDIT_FIELDS)[number], (typeof TOTAL_FIELDS)[number]> = { mtBudgPrec: 'MtBudgPrec', mtRarPrec: 'MtRARPrec', mtPropNouv: 'MtPropNouv', mtPrev: 'MtPrev', credOuv: 'CredOuv' };

const HEADER_BLOCKS = new Set(['EnTeteDocBudgetaire', 'EnTeteBudget', 'BlocBudget']);
const RECORDS = new Set(['LigneBudget', 'EMPRUNT']);

interface RawRecord {
  local: string;
  line: number;
  fields: Map<string, string>;
  /** calculated="true": a line the ODM tool chain added (a total), never an account line. */
  calculated: boolean;
}

type XmlParse = (path: string, file: string, handlers: XmlHandlers) => void | Promise<void>;

/**
 * The byte scanner first (byte-scan.ts, several times saxes' speed on the plain XML of TOTEM files); when it meets
 * anything it does not read itself, the whole document is read again through saxes, from a fresh state, so that
 * every error and message is saxes' and the reader's own.
 */
export async function readBudgetDocument(path: string, options: DocumentOptions = {}): Promise<DocumentRead> {
  // The fallback parser is loaded with the scanner (a few ms): an XML input always has it at hand, and only XML does.
  await import('saxes');
  if (process.env.SITIV_CA_XML !== 'saxes') {
    try {
      return await readDocumentWith(path, options, scanXml);
    } catch (e) {
      if (!(e instanceof ScanBail)) throw e;
    }
  }
  return readDocumentWith(path, options, streamXml);
}

export async function readDocumentWith(path: string, options: DocumentOptions, parse: XmlParse): Promise<DocumentRead> {
  const file = options.displayName ?? path;
  const header = new Map<string, { value: string; line: number }>();
  const problems: InputProblem[] = [];
  const merger = new RowMerger();
  // Lines the byte scanner hands over flat, folded into what the first line of their key made (line-fold.ts).
  const folder = new LineFolder();
  /** Set by open() when it has just started a LigneBudget record: what flat() may take over. */
  let flatCandidate = false;
  let spare: RawRecord | undefined;
  const emprunts = new EmpruntCollector(file);
  const summaries: TotalRecord[] = [];
  const totalled: TotalledLine[] = [];
  const totalledBy = new Map<string, TotalledLine>();
  const credits: CreditLine[] = [];
  const creditsBy = new Map<string, CreditLine>();
  const comptable = new ComptableCollector(file);
  let inComptable = false;
  let calculatedSkipped = 0;
  let compte1068: DocumentFacts['compte1068'];
  const informations = new Map<string, string>();
  const informationLines = new Map<string, number>();
  let kind: DocumentKind | undefined;
  let inTotem = false;
  let headerBlock: string | undefined;
  let record: RawRecord | undefined;
  let lines = 0;
  let budgets = 0;
  let ctx: { plan: Plan; budget: BudgetInfo; exercice: number; natDec: string; execution: boolean } | undefined;

  const fail = (line: number, message: string, value?: string, column?: string): never => {
    throw new InputError({ file, line, ...(column ? { column } : {}), message, ...(value !== undefined ? { value } : {}) });
  };

  const settle = (line: number) => {
    const get = (name: string) => header.get(name)?.value.trim() ?? '';
    const nomenclature = get('Nomenclature');
    const exer = get('Exer');
    if (nomenclature === '') fail(line, 'no Nomenclature in EnTeteBudget before the first LigneBudget: the plan de comptes cannot be chosen');
    if (!/^\d{4}$/.test(exer)) fail(header.get('Exer')?.line ?? line, 'no exercice (Exer) in BlocBudget before the first LigneBudget', exer);
    const exercice = Number(exer);
    let plan: Plan;
    try {
      plan = resolvePlan(nomenclature, exercice);
    } catch (e) {
      if (e instanceof InputError) {
        fail(header.get('Nomenclature')!.line, e.problems[0]!.message.replace(/^no plan/, 'unknown nomenclature: no plan'), nomenclature, 'Nomenclature');
      }
      throw e;
    }
    if (options.planFor) {
      // A folder's manifest names its own plan (per exercice possibly): the file must agree with it.
      const expected = options.planFor(exercice, nomenclature);
      if (expected.declinaison !== plan.declinaison || expected.norme !== plan.norme) {
        fail(header.get('Nomenclature')!.line, `the file's nomenclature ${nomenclature} differs from the folder manifest's (${expected.norme}-${expected.declinaison})`, nomenclature, 'Nomenclature');
      }
      plan = expected;
    }
    const natDec = get('NatDec');
    const budget = chooseBudget(get, options, file, line);
    ctx = { plan, budget, exercice, natDec, execution: kind === 'cfu' || EXECUTION_NAT_DEC.has(natDec) };
  };

  const open = (el: XmlElement, depth: number) => {
    flatCandidate = false;
    if (depth === 0) {
      if (el.local === 'DocumentBudgetaire' && el.uri === NS_TOTEM) {
        kind = 'totem';
        inTotem = true;
      } else if (el.local === 'CompteFinancierUnique' && el.uri === NS_CFU) {
        kind = 'cfu';
      } else {
        fail(
          el.line,
          `not a TOTEM budget document: root element {${el.uri || 'no namespace'}}${el.local}, expected DocumentBudgetaire in ${NS_TOTEM} or CompteFinancierUnique in ${NS_CFU}`,
          el.local,
        );
      }
      return;
    }
    if (kind === 'cfu' && el.local === 'DocumentBudgetaire' && el.uri === NS_TOTEM) inTotem = true;
    if (kind === 'cfu' && el.uri === NS_COMPTA) {
      if (el.local === 'DocumentComptable') inComptable = true;
      else if (inComptable) comptable.open(el);
      return;
    }
    if (!inTotem || el.uri !== NS_TOTEM) return;
    if (el.local === 'Information' && !record) {
      const code = el.attr('Code');
      const v = el.attr('V');
      if (code && v !== undefined) {
        informations.set(code, v);
        informationLines.set(code, el.line);
      }
      return;
    }
    if (record) {
      const v = el.attr('V');
      const code = el.attr('Code');
      const key = code ? `${el.local}@${code}` : el.local;
      if (AMOUNT_ELEMENT.test(el.local)) {
        // An amount written twice, or not in V, would be one figure silently chosen or silently 0.
        if (v === undefined) fail(el.line, `amount element ${el.local} without its V attribute (a TOTEM amount is written <${el.local} V="123.45"/>; text content is not read)`, el.local, el.local);
        if (record.fields.has(key)) fail(el.line, `amount element ${el.local} given twice in one ${record.local} (first value ${record.fields.get(key)}): which one is the figure cannot be told`, v, el.local);
      }
      if (v !== undefined) record.fields.set(key, v);
      return;
    }
    if (HEADER_BLOCKS.has(el.local)) {
      headerBlock = el.local;
      return;
    }
    const v = headerBlock ? el.attr('V') : undefined;
    if (v !== undefined) {
      header.set(el.local, { value: v, line: el.line });
      return;
    }
    if (RECORDS.has(el.local)) {
      const calculated = el.attr('calculated') === 'true';
      // The record of the last folded line is kept for the next (its fields stayed empty): no Map per line.
      if (spare) {
        record = spare;
        record.local = el.local;
        record.line = el.line;
        record.calculated = calculated;
        spare = undefined;
      } else record = { local: el.local, line: el.line, fields: new Map(), calculated };
      flatCandidate = el.local === 'LigneBudget' && !record.calculated;
      return;
    }
    if (el.local === 'Budget' && ++budgets > 1) {
      fail(el.line, 'a second Budget element: one budget per document is read (split the file, one budget each)', 'Budget');
    }
  };

  const close = (local: string, uri: string) => {
    if (kind === 'cfu' && local === 'DocumentBudgetaire' && uri === NS_TOTEM) inTotem = false;
    if (uri === NS_COMPTA) {
      if (local === 'DocumentComptable') inComptable = false;
      else if (inComptable) comptable.close(local);
      return;
    }
    if (uri !== NS_TOTEM) return;
    if (local === headerBlock) headerBlock = undefined;
    if (!record || local !== record.local) return;
    const r = record;
    record = undefined;
    if (r.local === 'EMPRUNT') {
      emprunts.add(r.fields, r.line);
      return;
    }
    endLine(r);
  };

  /** A LigneBudget's end: a calculated line set aside, or an account line converted, checked and summed. */
  const endLine = (r: RawRecord): FoldTargets | undefined => {
    if (!ctx) settle(r.line);
    const f = (name: string) => r.fields.get(name) ?? '';
    // Calculated lines (chapter and group totals) are never summed: chapter totals are checked against their lines.
    if (r.calculated || (!r.fields.has('Nature') && r.fields.has('ChapitreNature'))) {
      if (r.fields.has('ChapitreNature')) summaries.push(r);
      else calculatedSkipped++;
      return undefined;
    }
    lines++;
    const line: BudgetLine = {
      line: r.line,
      nature: f('Nature'),
      contNat: f('ContNat'),
      codRD: f('CodRD'),
      opBudg: f('OpBudg'),
      section: f('CaracSup@Section'),
      mtReal: f('MtReal'),
      mtRar3112: f('MtRAR3112'),
      mtRarPrec: f('MtRARPrec'),
      mtPrev: f('MtPrev'),
      credOuv: f('CredOuv'),
    };
    const c = ctx!;
    const out = lineToRow(line, { file, budget: c.budget.id, exercice: c.exercice, plan: c.plan, execution: c.execution, columns: COLUMNS });
    problems.push(...out.problems);
    if (!out.row) return undefined;
    const row = out.row;
    const parsed: TotalledLine['amounts'] = {};
    for (const name of TOTAL_FIELDS) {
      const t = f(name).trim();
      const v = t === '' ? undefined : parsePlainAmount(t);
      if (v !== undefined) parsed[name] = v;
    }
    const nat = row.nature === '' ? (line.opBudg.trim() === '1' ? 'ordre' : 'reel') : row.nature;
    // Folded by (chapitre, sens, nature, opération), the only things a declared total selects lines by: one entry
    // per combination instead of one object per line (a chapter total sums the same amounts either way).
    const operation = f('Operation').trim();
    const tkey = `${row.chapitre}|${row.sens}|${nat}|${operation}`;
    let totalledLine = totalledBy.get(tkey);
    if (totalledLine) {
      for (const name of TOTAL_FIELDS) if (parsed[name] !== undefined) totalledLine.amounts[name] = (totalledLine.amounts[name] ?? 0n) + parsed[name];
    } else {
      totalledLine = { chapitre: row.chapitre, sens: row.sens, nature: nat, operation, amounts: { ...parsed } };
      totalledBy.set(tkey, totalledLine);
      totalled.push(totalledLine);
    }
    let credit: CreditLine = { section: row.section, sens: row.sens, chapitre: row.chapitre, compte: row.compte, nature: row.nature, line: r.line };
    if (f('Operation').trim() !== '') credit.operation = f('Operation').trim();
    if (parsed.MtReal !== undefined) credit.mtReal = parsed.MtReal;
    for (const k of CREDIT_FIELDS) if (parsed[CREDIT_ELEMENT[k]] !== undefined) credit[k] = parsed[CREDIT_ELEMENT[k]];
    const is1068 = row.compte === '1068' && row.sens === 'R';
    // Lines whose figures depend on more than their key and plain amounts are kept one by one: carried results
    // (a second one is a finding), 1068 (its MtCumulDM), chapters without execution (their amounts are checked).
    const foldable = !(row.nature === '' || is1068 || c.plan.chapter(row.chapitre)?.kind === 'sans-execution');
    if (foldable) {
      // Folded by everything a reader of the crédits selects or sums by, and by which amounts the line states, so
      // that each folded entry is the sum of lines that each had the same amounts present: memory by keys, not lines.
      let present = credit.mtReal === undefined ? '0' : '1';
      for (const k of CREDIT_FIELDS) present += credit[k] === undefined ? '0' : '1';
      const ckey = `${row.section}|${row.sens}|${row.chapitre}|${row.compte}|${row.nature}|${credit.operation ?? ''}|${present}`;
      const seen = creditsBy.get(ckey);
      if (seen) {
        if (credit.mtReal !== undefined) seen.mtReal = seen.mtReal! + credit.mtReal;
        for (const k of CREDIT_FIELDS) if (credit[k] !== undefined) seen[k] = seen[k]! + credit[k];
        credit = seen;
      } else {
        creditsBy.set(ckey, credit);
        credits.push(credit);
      }
    } else credits.push(credit);
    if (is1068) {
      const cumul = f('MtCumulDM').trim();
      const voted = cumul !== '' ? parsePlainAmount(cumul) : (parsed.CredOuv ?? parsed.MtPrev);
      compte1068 = { line: r.line, ...(voted !== undefined ? { voted: (compte1068?.voted ?? 0n) + voted } : {}), ...(parsed.MtReal !== undefined ? { executed: (compte1068?.executed ?? 0n) + parsed.MtReal } : {}) };
    }
    const merged = merger.add(row);
    if (!foldable) return undefined;
    return { row: merged, totalled: totalledLine, credit, execution: c.execution };
  };

  const flat = () => {
    const ok = flatCandidate && headerBlock === undefined && ctx !== undefined;
    flatCandidate = false;
    return ok;
  };

  /** A LigneBudget handed over whole: folded when its key is known, else through the same path as the child events. */
  const flatClose = (rec: FlatRecord): boolean => {
    for (let k = 0; k < rec.n; k++) if (rec.names[k] === 'LigneBudget' || rec.names[k] === 'DocumentBudgetaire') return false;
    const r = record!;
    record = undefined;
    if (folder.fold(rec)) {
      spare = r;
      lines++;
      merger.merged++;
      return true;
    }
    // What the child events would have stored: each V under its name, name@Code when a Code is given.
    for (let k = 0; k < rec.n; k++) {
      const code = rec.code(k);
      r.fields.set(code ? `${rec.names[k]}@${code}` : rec.names[k]!, rec.value(k));
    }
    const targets = endLine(r);
    if (targets) folder.learn(rec, targets);
    return true;
  };

  await parse(path, file, { open, close, flat, flatClose });
  folder.flush();
  if (!kind) fail(1, 'no root element');
  if (!ctx) fail(1, 'no LigneBudget: the document holds no budget line');
  problems.push(...emprunts.problems, ...comptable.problems);
  const rows = merger.result();
  const declaredTotals = checkDeclaredTotals(summaries, totalled, file, problems);
  if (problems.length > 0) throw new InputError(problems);

  const c = ctx!;
  const get = (name: string) => decodeLabel(header.get(name)?.value ?? '');
  const docHeader: DocumentHeader = {
    kind: kind!,
    nomenclature: get('Nomenclature'),
    exercice: c.exercice,
    natDec: c.natDec,
    collectivite: get('LibelleColl'),
    etablissement: get('LibelleEtab'),
    idColl: get('IdColl'),
    idEtab: get('IdEtab'),
    codBud: get('CodBud'),
  };
  const notices: string[] = [];
  if (merger.merged > 0) {
    notices.push(t('read.linesMerged', { file, n: merger.merged, lines, rows: rows.length }));
  }
  if (!c.execution) {
    notices.push(t('read.budgetNotExecution', { file, document: natDecLabel(c.natDec), field: 'MtPrev' }));
  }
  const loans = emprunts.result();
  const crd = loans.own.some((l) => l.encours3112 !== undefined) ? loans.own.reduce((t, l) => t + (l.encours3112 ?? 0n), 0n) : undefined;
  const sirets = (['IdColl', 'IdEtab'] as const)
    .filter((n) => header.has(n))
    .map((n): { field: string; value: string; line: number } => ({ field: n, value: header.get(n)!.value.trim(), line: header.get(n)!.line }));
  if (comptable.header.siret) sirets.push({ field: 'Collectivite/@Siret', ...comptable.header.siret });
  const identifiers = identifierProblems(header.get('NatDec'), sirets);
  for (const p of identifiers) notices.push(`${file}:${p.line}: ${p.field} ${p.value}: ${p.message}`);
  const facts: DocumentFacts = {
    file,
    budget: c.budget.id,
    exercice: c.exercice,
    natDec: c.natDec,
    kind: c.execution ? 'execution' : 'budget',
    plan: c.plan,
    credits,
    declaredTotals,
    calculatedSkipped,
    ...(kind === 'cfu' && comptable.lines.length > 0 ? { comptable: comptable.lines } : {}),
    ...(crd !== undefined ? { crdOwn: crd } : {}),
    ...(compte1068 ? { compte1068 } : {}),
    identifiers,
    loans: loans.all,
    ...(loans.ratioFields.size > 0 ? { annexRatios: loans.ratioFields } : {}),
    informations,
    informationLines,
  };
  const wrong = declaredTotals.filter((t) => t.declared !== t.computed).length;
  if (declaredTotals.length > 0 || calculatedSkipped > 0) {
    const n = summaries.length + calculatedSkipped;
    const checked = t('input.declaredChecked', { n: declaredTotals.length, wrong });
    notices.push(t('input.calculatedLeftOut', { file, n, checked: wrong > 0 ? t('input.declaredSeeCheck', { checked }) : checked }));
  }
  return { header: docHeader, budget: c.budget, plan: c.plan, rows, lines, merged: merger.merged, emprunts: loans, facts, notices };
}

function chooseBudget(get: (name: string) => string, options: DocumentOptions, file: string, line: number): BudgetInfo {
  const label = decodeLabel(get('LibelleEtab') || get('LibelleColl')) || 'Budget';
  const derived = budgetIdFrom(get('IdEtab') || get('IdColl') || get('LibelleColl'));
  if (options.budgetId) {
    const declared = options.budgets?.find((b) => b.id === options.budgetId);
    return declared ?? { id: options.budgetId, label };
  }
  if (!options.budgets) return { id: derived, label };
  if (options.budgets.length === 1) return options.budgets[0]!;
  // Budgets sharing a SIRET (an annexe under the commune's) are told apart by their CodBud.
  const byCodBud = get('CodBud') ? options.budgets.find((b) => b.id === budgetIdFrom(`${get('IdEtab') || get('IdColl')}-${get('CodBud')}`)) : undefined;
  if (byCodBud) return byCodBud;
  const match = options.budgets.find((b) => b.id === derived);
  if (match) return match;
  throw new InputError({
    file,
    line,
    message: `the manifest declares several budgets (${options.budgets.map((b) => b.id).join(', ')}) and none is this file's (${derived}, from IdEtab/IdColl): declare it under that id`,
    value: derived,
  });
}
