// Loads a budget folder: manifest, ledgers (through the reader of each format), side tables, provenance.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile, LoadedFolder } from '../model/folder.js';
import { InputError, type InputProblem } from '../errors.js';
import { addRow, emptyModel, type Model } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import type { Plan, PlanHint } from '../nomenclature/plan.js';
import { readCofinancement } from './cofinancement.js';
import type { CofinancementRow } from '../model/side-tables.js';
import { readDette } from './dette.js';
import type { DetteRow } from '../model/side-tables.js';
import { readPublie } from './publie.js';
import type { PublishedFigure } from '../model/side-tables.js';
import { readSerie } from './serie.js';
import type { SerieRow } from '../model/side-tables.js';
import { readerFor } from './formats.js';
import { inputFile } from './input-file.js';
import { planResolver, type ReaderContext } from './reader.js';
import { sha256File } from './hash.js';
import { sha256Concurrent } from './dgfip/hash.js';
import type { ReadOptions } from './dialect/options.js';
import { readManifest } from './manifest.js';
import type { Manifest } from '../model/manifest.js';
import type { DocumentFacts } from '../model/document.js';
import { budgetRowsToKeep, isBudgetRow } from './documents.js';
import { LEDGER_LIMIT, SIDE_LIMIT, checkReadable } from './whole-file.js';
import { writeDiagnostic } from '../text/sanitize.js';
import { t } from '../messages/index.js';

/**
 * Every ledger the manifest lists, through the reader of its format: each batch goes to `onBatch`, input problems
 * join `problems` (so that one bad file does not hide the next), and the ledgers' inputs (with sha256) are returned.
 */
async function readLedgers(
  dir: string,
  manifest: Manifest,
  planFor: (exercice: number) => Plan,
  readOptions: ReadOptions,
  context: ReaderContext,
  onBatch: (batch: LedgerRow[]) => void,
  problems: InputProblem[],
): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const name of manifest.ledgers) {
    const path = join(dir, name);
    // A FIFO, a device or an oversized file is refused before anything (the hash included) starts reading it.
    try {
      checkReadable(path, path, LEDGER_LIMIT);
    } catch (e) {
      if (e instanceof InputError && e.problems[0]?.message === 'file not found') {
        throw new InputError({ file: path, message: t('read.ledgerNotFound') });
      }
      throw e;
    }
    // Hashed while it is read (on a worker thread when large: the second core), awaited after.
    const sha = sha256Concurrent(path, statSync(path).size).catch(() => {
      throw new InputError({ file: path, message: t('read.ledgerNotFound') });
    });
    sha.catch(() => {});
    const reader = await readerFor(path);
    try {
      for await (const batch of reader(path, path, planFor, readOptions, context)) onBatch(batch);
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
    inputs.push(inputFile(path, 'ledger', await sha));
  }
  return inputs;
}

/** The manifest's column mapping applies unless `--columns` gives one. */
function withColumns(readOptions: ReadOptions, manifest: Manifest): ReadOptions {
  const columns = readOptions.columns ?? (manifest as { columns?: Record<string, string> }).columns;
  return columns ? { ...readOptions, columns } : readOptions;
}

function populationHint(manifest: Manifest): PlanHint {
  const population = manifest.entite?.population;
  return population !== undefined ? { population } : {};
}

/** The folder's manifest.json or, when it has none, the one its official files imply (announced by a notice). */
async function manifestOf(dir: string, notice: (m: string) => void): Promise<{ manifest: Manifest; path?: string; inputs: InputFile[]; implied?: true }> {
  try {
    const { manifest, path } = await readManifest(dir);
    return { manifest, path, inputs: [inputFile(path, 'manifest', await sha256File(path))] };
  } catch (e) {
    if (!(e instanceof InputError) || !e.problems[0]?.message.startsWith('missing ')) throw e;
    const implied = await (await import('./no-manifest.js')).impliedManifest(dir);
    if (!implied) throw e;
    notice(implied.notice);
    return { manifest: implied.manifest, inputs: [], implied: true };
  }
}

const stderrNotice = (m: string) => writeDiagnostic('notice', m);

export async function loadFolder(dir: string, readOptions: ReadOptions = {}, notice: (m: string) => void = stderrNotice): Promise<LoadedFolder> {
  // The path as given names the manifest in messages (provenance paths are relative to the working directory).
  const { manifest, path, inputs, implied } = await manifestOf(dir, notice);
  const manifestPath = path ?? dir;
  const plans = new Map<number, Plan>();
  const planFor = planResolver(manifest.nomenclature, plans, manifest.nomenclatures, populationHint(manifest));
  const model: Model = emptyModel(manifest.budgets);
  const problems: InputProblem[] = [];
  const readerNotes: Record<string, string | number | boolean> = {};
  const fileDette: DetteRow[] = [];
  const documents: DocumentFacts[] = [];
  const held: LedgerRow[] = [];
  const context: ReaderContext = {
    budgets: manifest.budgets,
    nomenclature: manifest.nomenclature,
    note: (k, v) => (readerNotes[k] = v),
    dette: (rows) => fileDette.push(...rows),
    document: (facts) => documents.push(facts),
    ...(implied ? { ownPlan: (y: number, p: Plan) => void (plans.has(y) || plans.set(y, p)) } : {}),
  };
  // The model sums rows by combination anyway: the CSV reader may hand them over summed (memory by keys, not rows).
  const folding: ReadOptions = { ...withColumns(readOptions, manifest), fold: { budgets: new Set(manifest.budgets.map((b) => b.id)) } };
  inputs.push(
    ...(await readLedgers(dir, manifest, planFor, folding, context, (batch) => {
      for (const row of batch) {
        if (documents.length > 0 && isBudgetRow(documents, row)) held.push(row);
        else problems.push(...addRow(model, row));
      }
    }, problems)),
  );
  for (const row of budgetRowsToKeep(documents, held)) problems.push(...addRow(model, row));
  const side = async <T>(name: string | undefined, role: string, read: (path: string, display: string) => Promise<T>): Promise<T | undefined> => {
    if (!name) return undefined;
    const path = join(dir, name);
    try {
      checkReadable(path, path, SIDE_LIMIT);
      const v = await read(path, path);
      inputs.push(inputFile(path, role, await sha256File(path)));
      return v;
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  const cofinancement: CofinancementRow[] = (await side(manifest.cofinancement, 'cofinancement', readCofinancement)) ?? [];
  const dette = (await side(manifest.dette, 'dette', readDette)) ?? (fileDette.length > 0 ? (await import('./totem/dette-rows.js')).mergeDetteRows(fileDette) : undefined);
  const serie = await side(manifest.serie, 'serie', readSerie);
  const publie = await side(manifest.publie, 'publie', readPublie);
  if (problems.length > 0) throw new InputError(problems);
  noticeEmptyBudgets(manifest, model, manifestPath, documents);
  return { dir, manifest, model, plans, inputs, cofinancement, ...(documents.length > 0 ? { documents } : {}), ...(Object.keys(readerNotes).length > 0 ? { readerNotes } : {}), ...(dette ? { dette } : {}), ...(serie ? { serie } : {}), ...(publie ? { publie } : {}) };
}

export interface FolderRows {
  dir: string;
  manifest: Manifest;
  rows: LedgerRow[];
  plans: Map<number, Plan>;
  /** The manifest and the ledgers, with their sha256 (side tables are not read). */
  inputs: InputFile[];
}

/** The validated rows of every ledger of a folder, unfolded: for commands that compare rows (diff) rather than compute. */
export async function readFolderRows(dir: string, readOptions: ReadOptions = {}): Promise<FolderRows> {
  const { manifest, inputs, implied } = await manifestOf(dir, stderrNotice);
  const plans = new Map<number, Plan>();
  const planFor = planResolver(manifest.nomenclature, plans, manifest.nomenclatures, populationHint(manifest));
  const rows: LedgerRow[] = [];
  const problems: InputProblem[] = [];
  const context: ReaderContext = { budgets: manifest.budgets, nomenclature: manifest.nomenclature, ...(implied ? { ownPlan: (y: number, p: Plan) => void (plans.has(y) || plans.set(y, p)) } : {}) };
  const folding: ReadOptions = { ...withColumns(readOptions, manifest), fold: {} };
  inputs.push(...(await readLedgers(dir, manifest, planFor, folding, context, (batch) => rows.push(...batch), problems)));
  if (problems.length > 0) throw new InputError(problems);
  return { dir, manifest, rows, plans, inputs };
}

/** A budget the manifest declares but no ledger line names: its tables would be all zeros, so it is said. */
function noticeEmptyBudgets(manifest: Manifest, model: Model, manifestPath: string, documents: readonly DocumentFacts[] = []): void {
  for (const b of manifest.budgets) {
    // A budget only DMs describe has no model year but its tables (the DMs'): it is not empty.
    if ((model.data.get(b.id)?.size ?? 0) === 0 && !documents.some((d) => d.budget === b.id)) writeDiagnostic('warning', t('input.budgetWithoutLine', { manifest: manifestPath, budget: b.id, ledgers: manifest.ledgers.join(', ') }));
  }
}
