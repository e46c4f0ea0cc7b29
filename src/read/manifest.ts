// Reads and validates a folder's manifest.json against the schema of model/manifest.ts.
import { readWholeText, statOf } from './whole-file.js';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { Manifest, MANIFEST_NAME } from '../model/manifest.js';


/** Reads `<dir>/manifest.json`; every problem is reported with the manifest's path. */
export async function readManifest(dir: string): Promise<{ manifest: Manifest; path: string; text: string }> {
  const path = join(dir, MANIFEST_NAME);
  const info = await statOf(dir).catch(() => undefined);
  if (!info) throw new InputError({ file: dir, message: 'no such file or folder' });
  if (!info.isDirectory()) throw new InputError({ file: dir, message: `expected a folder holding ${MANIFEST_NAME}` });
  const text = await readWholeText(path).catch(() => {
    throw new InputError({ file: path, message: `missing ${MANIFEST_NAME}: a folder names its budgets and files there` });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError({ file: path, message: `not valid JSON: ${(e as Error).message}` });
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((i) => ({ file: path, column: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  return { manifest: parsed.data, path, text };
}
