// Loads a budget folder: manifest, ledgers (through the reader of each format), side tables, provenance.
import { extname, join } from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import { addRow, emptyModel, type Model } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import { resolvePlan, type Plan } from '../nomenclature/plan.js';
import { readCofinancement, type CofinancementRow } from './cofinancement.js';
import { readLedgerCsv } from './csv-ledger.js';
import { sha256File } from './hash.js';
import { readManifest, type Manifest } from './manifest.js';

export interface InputFile {
  path: string;
  role: string;
  sha256: string;
}

export interface LoadedFolder {
  dir: string;
  manifest: Manifest;
  model: Model;
  /** Plans used, by exercice. */
  plans: Map<number, Plan>;
  inputs: InputFile[];
  cofinancement: CofinancementRow[];
}

export type LedgerReader = (path: string, displayName: string, planFor: (exercice: number) => Plan) => AsyncIterable<LedgerRow[]>;

/** Readers by file extension; heavy ones (XLSX, XML) are imported only when such a file is read. */
const READERS: Record<string, () => Promise<LedgerReader>> = {
  '.csv': async () => (path, displayName, planFor) => readLedgerCsv(path, { planFor, displayName }),
};

export function registerReader(ext: string, load: () => Promise<LedgerReader>): void {
  READERS[ext] = load;
}

export async function readerFor(path: string): Promise<LedgerReader> {
  const load = READERS[extname(path).toLowerCase()];
  if (!load) throw new InputError({ file: path, message: `no reader for ${extname(path) || 'files without extension'} (known: ${Object.keys(READERS).join(', ')})` });
  return load();
}

export function planResolver(declinaison: string, plans: Map<number, Plan>): (exercice: number) => Plan {
  return (exercice) => {
    let p = plans.get(exercice);
    if (!p) {
      p = resolvePlan(declinaison, exercice);
      plans.set(exercice, p);
    }
    return p;
  };
}

export async function loadFolder(dir: string): Promise<LoadedFolder> {
  const { manifest, path: manifestPath } = await readManifest(dir);
  const inputs: InputFile[] = [{ path: manifestPath, role: 'manifest', sha256: await sha256File(manifestPath) }];
  const plans = new Map<number, Plan>();
  const planFor = planResolver(manifest.nomenclature, plans);
  const model: Model = emptyModel(manifest.budgets);
  const problems: InputProblem[] = [];
  for (const name of manifest.ledgers) {
    const path = join(dir, name);
    const displayName = join(dir, name);
    const sha = await sha256File(path).catch(() => {
      throw new InputError({ file: displayName, message: 'file not found (listed in manifest.json "ledgers")' });
    });
    inputs.push({ path, role: 'ledger', sha256: sha });
    const reader = await readerFor(path);
    try {
      for await (const batch of reader(path, displayName, planFor)) {
        for (const row of batch) problems.push(...addRow(model, row));
      }
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  let cofinancement: CofinancementRow[] = [];
  if (manifest.cofinancement) {
    const path = join(dir, manifest.cofinancement);
    cofinancement = await readCofinancement(path, path);
    inputs.push({ path, role: 'cofinancement', sha256: await sha256File(path) });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { dir, manifest, model, plans, inputs, cofinancement };
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
export async function readFolderRows(dir: string): Promise<FolderRows> {
  const { manifest, path: manifestPath } = await readManifest(dir);
  const inputs: InputFile[] = [{ path: manifestPath, role: 'manifest', sha256: await sha256File(manifestPath) }];
  const plans = new Map<number, Plan>();
  const planFor = planResolver(manifest.nomenclature, plans);
  const rows: LedgerRow[] = [];
  const problems: InputProblem[] = [];
  for (const name of manifest.ledgers) {
    const path = join(dir, name);
    const sha = await sha256File(path).catch(() => {
      throw new InputError({ file: path, message: 'file not found (listed in manifest.json "ledgers")' });
    });
    inputs.push({ path, role: 'ledger', sha256: sha });
    const reader = await readerFor(path);
    try {
      for await (const batch of reader(path, path, planFor)) rows.push(...batch);
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { dir, manifest, rows, plans, inputs };
}
