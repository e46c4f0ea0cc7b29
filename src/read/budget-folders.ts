// Expands the PATHs of `check`: a budget folder as is, or a folder of budget folders (budgets/) into each of them.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_NAME } from '../model/manifest.js';

const exists = (p: string) => stat(p).then(() => true, () => false);

/** A budget folder to check; `target` is set when the path is a symbolic link (followed, and said so by the caller). */
export interface BudgetPath {
  path: string;
  target?: string;
  /** The link leads to nothing (its text is in `target`). */
  dangling?: true;
}

async function linkTarget(p: string): Promise<Pick<BudgetPath, 'target' | 'dangling'> | undefined> {
  const l = await lstat(p).catch(() => undefined);
  if (!l?.isSymbolicLink()) return undefined;
  // A dangling link has no real path: its text says where it pointed.
  return realpath(p).then(
    (target) => ({ target }),
    () => readlink(p).then((target) => ({ target, dangling: true as const }), () => ({ target: '?', dangling: true as const })),
  );
}

/**
 * A path with a manifest.json is a budget folder; a folder without one but with sub-folders that have
 * one stands for them (sorted by name); anything else is returned unchanged, so the loader reports it.
 * Sub-folders reached through a symbolic link count (a budgets/ folder often links shared exports); a link that
 * leads nowhere is returned too, so its folder is listed as unusable rather than skipped in silence.
 */
export async function expandPaths(paths: string[]): Promise<BudgetPath[]> {
  const out: BudgetPath[] = [];
  const entry = async (p: string): Promise<BudgetPath> => {
    return { path: p, ...(await linkTarget(p)) };
  };
  for (const p of paths) {
    if (await exists(join(p, MANIFEST_NAME))) {
      out.push(await entry(p));
      continue;
    }
    const entries = await readdir(p, { withFileTypes: true }).catch(() => []);
    const subs: BudgetPath[] = [];
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const sub = join(p, e.name);
      if (e.isDirectory()) {
        if (await exists(join(sub, MANIFEST_NAME))) subs.push({ path: sub });
      } else if (e.isSymbolicLink()) {
        const s = await stat(sub).catch(() => undefined);
        if (s === undefined) subs.push(await entry(sub));
        else if (s.isDirectory() && (await exists(join(sub, MANIFEST_NAME)))) subs.push(await entry(sub));
      }
    }
    out.push(...(subs.length > 0 ? subs : [await entry(p)]));
  }
  return out;
}
