// Loads one self-describing budget file (TOTEM / CFU XML, SCDL CSV) as if it were a folder with a one-ledger manifest.
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
}

interface FileRead {
  format: 'totem' | 'cfu' | 'scdl';
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
  return ['.xml', '.csv'].includes(extname(path).toLowerCase());
}

async function readAny(path: string, options: LoadFileOptions): Promise<FileRead> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xml') {
    const { readBudgetDocument } = await import('./totem/document.js');
    const doc = await readBudgetDocument(path, { displayName: path, ...(options.budgetId ? { budgetId: options.budgetId } : {}) });
    if (options.nomenclature) {
      options.notice?.(`${path}: the file names its nomenclature (${doc.header.nomenclature}); --nomenclature is not used`);
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
  throw new InputError({
    file: path,
    message: 'a single file must be a TOTEM / CFU XML document or an SCDL budget CSV; a ledger CSV needs a folder with manifest.json',
  });
}

export async function loadFile(path: string, options: LoadFileOptions = {}): Promise<LoadedFolder> {
  if (options.nomenclature) {
    // A bad --nomenclature is a usage error, found before the file is read.
    const { isKnownNomenclature, knownDeclinaisons } = await import('../nomenclature/plan.js');
    if (!isKnownNomenclature(options.nomenclature)) {
      throw new UsageError(`unknown --nomenclature ${options.nomenclature} (known: ${knownDeclinaisons().join(', ')}, M14)`);
    }
  }
  const notice = options.notice ?? ((m: string) => writeDiagnostic('notice', m));
  const read = await readAny(path, { ...options, notice });
  for (const n of read.notices) notice(n);
  const model = emptyModel(read.budgets);
  const problems: InputProblem[] = [];
  const held = new Set(read.rows.filter((r) => isBudgetRow(read.documents, r)));
  for (const row of read.rows) if (!held.has(row)) problems.push(...addRow(model, row));
  for (const row of budgetRowsToKeep(read.documents, [...held])) problems.push(...addRow(model, row));
  if (problems.length > 0) throw new InputError(problems);
  const first = [...read.plans.values()][0];
  const manifest = {
    schema: 'sitiv-ca.manifest/1',
    nomenclature: first ? `${first.norme}-${first.declinaison}` : (options.nomenclature ?? ''),
    precision: '0.01',
    budgets: read.budgets,
    ledgers: [basename(path)],
    ...(read.collectivite ? { entite: { nom: read.collectivite, categorie: 'autre' } } : {}),
  } as Manifest;
  const readerNotes: Record<string, string | number | boolean> = { format: read.format, linesMerged: read.merged };
  if (read.natDec) readerNotes.natDec = read.natDec;
  return {
    dir: path,
    manifest,
    model,
    plans: read.plans,
    inputs: [{ path, role: `ledger (${read.format})`, sha256: await sha256File(path) }],
    cofinancement: [],
    readerNotes,
    documents: read.documents,
    ...(read.dette && read.dette.length > 0 ? { dette: read.dette } : {}),
  };
}
