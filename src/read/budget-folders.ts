// Expands the PATHs of `check`: a budget folder as is, or a folder of budget folders (budgets/) into each of them.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_NAME } from '../model/manifest.js';

const exists = (p: string) => stat(p).then(() => true, () => false);

/**
 * A path with a manifest.json is a budget folder; a folder without one but with sub-folders that have
 * one stands for them (sorted by name); anything else is returned unchanged, so the loader reports it.
 */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (await exists(join(p, MANIFEST_NAME))) {
      out.push(p);
      continue;
    }
    const entries = await readdir(p, { withFileTypes: true }).catch(() => []);
    const subs: string[] = [];
    for (const e of entries.filter((x) => x.isDirectory()).map((x) => x.name).sort()) {
      if (await exists(join(p, e, MANIFEST_NAME))) subs.push(join(p, e));
    }
    out.push(...(subs.length > 0 ? subs : [p]));
  }
  return out;
}
