// Reads one side of a diff (a ledger file or a folder with manifest.json) through the readers of `compute`.
import { inputFile } from './input-file.js';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import type { BudgetInfo } from '../model/budget.js';
import type { LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { readFolderRows } from './folder.js';
import { planResolver } from './reader.js';
import { readerFor } from './formats.js';
import { sha256Concurrent } from './dgfip/hash.js';
import type { InputFile, Side } from '../model/folder.js';
import type { ReadOptions } from './dialect/options.js';
import { readManifest } from './manifest.js';
import type { Manifest } from '../model/manifest.js';
import { t } from '../messages/index.js';

export const DEFAULT_NOMENCLATURE = 'M57';

/** The manifest beside a lone ledger file, when there is a valid one: its nomenclature and budget labels apply. */
async function manifestBeside(file: string): Promise<Manifest | undefined> {
  try {
    return (await readManifest(dirname(file))).manifest;
  } catch {
    return undefined;
  }
}

export async function readSide(path: string, options: { nomenclature?: string; readOptions?: ReadOptions } = {}): Promise<Side> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError({ file: path, message: t('read.noSuchPath') });
  if (info.isDirectory()) {
    const f = await readFolderRows(path, options.readOptions ?? {});
    return { path, rows: f.rows, budgets: f.manifest.budgets, plans: f.plans, inputs: f.inputs, nomenclature: f.manifest.nomenclature };
  }
  const beside = await manifestBeside(path);
  const nomenclature = options.nomenclature ?? beside?.nomenclature ?? DEFAULT_NOMENCLATURE;
  const plans = new Map<number, Plan>();
  const reader = await readerFor(path);
  // Hashed while it is read (on a worker thread when large), awaited after.
  const sha = sha256Concurrent(path, info.size);
  sha.catch(() => {});
  const rows: LedgerRow[] = [];
  // Self-describing formats (TOTEM, SCDL) take the budgets of a manifest beside the file when there is one.
  const context = beside ? { budgets: beside.budgets, nomenclature } : undefined;
  // Rows folded by combination as they stream: a side holds its distinct keys, not its lines.
  for await (const batch of reader(path, path, planResolver(nomenclature, plans), { ...(options.readOptions ?? {}), fold: {} }, context)) rows.push(...batch);
  const inputs: InputFile[] = [inputFile(path, 'ledger', await sha)];
  const used = new Set(rows.map((r) => r.budget));
  const budgets: BudgetInfo[] = (beside?.budgets ?? []).filter((b) => used.has(b.id));
  for (const id of used) if (!budgets.some((b) => b.id === id)) budgets.push({ id, label: id });
  return { path, rows, budgets, plans, inputs, nomenclature };
}

