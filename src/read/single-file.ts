// Loads one self-describing budget file (TOTEM / CFU XML, SCDL CSV) as if it were a folder with a one-ledger manifest.
import { inputFile } from './input-file.js';
import { basename, extname } from 'node:path';
import { InputError, UsageError, type InputProblem } from '../errors.js';
import { addRow, emptyModel, type BudgetInfo } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import type { DetteRow } from '../model/side-tables.js';
import type { ReadOptions } from './dialect/options.js';
import type { LoadedFolder } from '../model/folder.js';
import { sha256File } from './hash.js';
import type { Manifest } from '../model/manifest.js';
import { t } from '../messages/index.js';
import { writeDiagnostic } from '../text/sanitize.js';
import type { DocumentFacts } from '../model/document.js';
import { budgetRowsToKeep, isBudgetRow } from './documents.js';

export interface LoadFileOptions {
  /** Budget id for the rows instead of the one derived from the file (SIRET). */
  budgetId?: string;
  /** Plan declinaison for formats that do not name one (SCDL). A TOTEM file names its own. */
  nomenclature?: string;
  readOptions?: ReadOptions;
  /** Where notices go (stderr by default). */
  notice?: (message: string) => void;
  /** A lone ledger: the entity name for the headings (default: none). */
  entite?: string;
}

export interface FileRead {
  format: 'totem' | 'cfu' | 'scdl' | 'ledger';
  rows: LedgerRow[];
  budgets: BudgetInfo[];
  collectivite: string;
  plans: Map<number, Plan>;
  merged: number;
  notices: string[];
  dette?: DetteRow[];
  natDec?: string;
  documents: DocumentFacts[];
}

/** Whether compute can take this path as a file rather than a folder. */
export function isSingleFileFormat(path: string): boolean {
  return ['.xml', '.csv', '.xlsx'].includes(extname(path).toLowerCase());
}

/**
 * A lone ledger (CSV / XLSX of docs/ledger.md) without a folder: the defaults a manifest would give (the plan for the
 * exercices found, one budget per distinct `budget` value labelled by it, no entity name), each said in one notice.
 */
async function readLedgerAlone(path: string, options: LoadFileOptions): Promise<FileRead> {
  const { planResolver } = await import('./reader.js');
  const { readerFor } = await import('./formats.js');
  const nomenclature = options.nomenclature ?? 'M57';
  const plans = new Map<number, Plan>();
  const reader = await readerFor(path);
  const rows: LedgerRow[] = [];
  for await (const batch of reader(path, path, planResolver(nomenclature, plans), options.readOptions ?? {})) rows.push(...batch);
  const ids = [...new Set(rows.map((r) => r.budget))];
  const years = [...plans.keys()].sort();
  const notices = [
    t('read.aloneAssumptions', {
      file: path,
      plan: options.nomenclature ? nomenclature : t('read.aloneDefaultPlan', { plan: nomenclature }),
      years: years.join(', ') || '-',
      budgets: ids.join(', ') || '-',
      entity: options.entite ? JSON.stringify(options.entite) : t('read.aloneNoEntity'),
    }),
  ];
  return {
    format: 'ledger',
    rows,
    budgets: ids.map((id) => ({ id, label: id })),
    collectivite: options.entite ?? '',
    plans,
    merged: 0,
    notices,
    documents: [],
  };
}

/** A self-describing file (or a lone ledger) read as compute reads it: its rows, budgets, the plan it names, its documents. */
export async function readBudgetFile(path: string, options: LoadFileOptions): Promise<FileRead> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xml') {
    const { readBudgetDocument } = await import('./totem/document.js');
    const doc = await readBudgetDocument(path, { displayName: path, ...(options.budgetId ? { budgetId: options.budgetId } : {}) });
    if (options.nomenclature) {
      options.notice?.(t('read.nomenclatureIgnored', { file: path, nomenclature: doc.header.nomenclature }));
    }
    return {
      format: doc.header.kind,
      rows: doc.rows,
      budgets: [doc.budget],
      collectivite: doc.header.collectivite,
      plans: new Map([[doc.header.exercice, doc.plan]]),
      merged: doc.merged,
      notices: doc.notices,
      dette: (await import('./totem/dette-rows.js')).empruntsToDette(doc.header.exercice, doc.emprunts, path)?.filter((r) => doc.facts.kind === 'execution' || r.exercice < doc.header.exercice),
      natDec: doc.header.natDec,
      documents: [doc.facts],
    };
  }
  const { isScdlFile } = await import('./scdl/sniff.js');
  if (ext === '.csv' && (await isScdlFile(path))) {
    const { readScdl } = await import('./scdl/scdl.js');
    const read = await readScdl(path, {
      displayName: path,
      ...(options.nomenclature ? { nomenclature: options.nomenclature } : {}),
      ...(options.budgetId ? { budgetId: options.budgetId } : {}),
      ...(options.readOptions ? { readOptions: options.readOptions } : {}),
    });
    return { format: 'scdl', rows: read.rows, budgets: read.budgets, collectivite: read.collectivite, plans: read.plans, merged: read.merged, notices: read.notices, documents: read.facts };
  }
  return readLedgerAlone(path, options);
}

export async function loadFile(path: string, options: LoadFileOptions = {}): Promise<LoadedFolder> {
  if (options.nomenclature) {
    // A bad --nomenclature is a usage error, found before the file is read.
    const { isKnownNomenclature, knownDeclinaisons } = await import('../nomenclature/plan.js');
    if (!isKnownNomenclature(options.nomenclature)) {
      throw new UsageError(t('read.unknownNomenclature', { value: options.nomenclature, known: `${knownDeclinaisons().join(', ')}, M14` }));
    }
  }
  const notice = options.notice ?? ((m: string) => writeDiagnostic('', t('cli.noticePrefix', { message: m })));
  const read = await readBudgetFile(path, { ...options, notice });
  for (const n of read.notices) notice(n);
  const model = emptyModel(read.budgets);
  const problems: InputProblem[] = [];
  const held = new Set(read.rows.filter((r) => isBudgetRow(read.documents, r)));
  for (const row of read.rows) if (!held.has(row)) problems.push(...addRow(model, row));
  for (const row of budgetRowsToKeep(read.documents, [...held])) problems.push(...addRow(model, row));
  if (problems.length > 0) throw new InputError(problems);
  const manifest = impliedManifest(path, read, options);
  const readerNotes: Record<string, string | number | boolean> = { format: read.format, linesMerged: read.merged };
  if (read.natDec) readerNotes.natDec = read.natDec;
  return {
    dir: path,
    manifest,
    model,
    plans: read.plans,
    inputs: [inputFile(path, `ledger (${read.format})`, await sha256File(path))],
    cofinancement: [],
    readerNotes,
    documents: read.documents,
    ...(read.dette && read.dette.length > 0 ? { dette: read.dette } : {}),
  };
}

/** The manifest a file stands for: the plan it was read with (one rule for the file and for a folder made from it), its budgets, its entity. */
export function impliedManifest(path: string, read: FileRead, options: Pick<LoadFileOptions, 'entite' | 'nomenclature'> = {}): Manifest {
  const first = [...read.plans.values()][0];
  const entity = options.entite ?? read.collectivite;
  return {
    schema: 'sitiv-ca.manifest/1',
    nomenclature: first ? `${first.norme}-${first.declinaison}` : (options.nomenclature ?? ''),
    precision: '0.01',
    budgets: read.budgets,
    ledgers: [basename(path)],
    ...(entity ? { entite: { nom: entity, categorie: categorieOfNomenclature(first?.declinaison ?? '') } } : {}),
  } as Manifest;
}

/**
 * The entity's category as far as the plan tells it (a file carries no manifest): M14 communes, M52 départements,
 * M71 régions; anything else (M57 is shared by all) stays `autre`, and no ceiling is assumed.
 */
export function categorieOfNomenclature(declinaison: string): 'commune' | 'departement' | 'region' | 'autre' {
  const d = declinaison.toUpperCase();
  if (d.startsWith('M14_COM')) return 'commune';
  if (d.startsWith('M52')) return 'departement';
  if (d.startsWith('M71')) return 'region';
  return 'autre';
}
