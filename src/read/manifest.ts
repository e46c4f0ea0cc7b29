// Reads and validates a folder's manifest.json against the schema of model/manifest.ts.
import { SIDE_LIMIT, readWholeText, statOf } from './whole-file.js';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import { Manifest, MANIFEST_NAME } from '../model/manifest.js';
import { jsonSyntaxError } from './json-position.js';
import { locateJson, positionOf } from './json-locate.js';
import { isKnownNomenclature, knownDeclinaisons } from '../nomenclature/plan.js';
import { t } from '../messages/index.js';

/** Reads `<dir>/manifest.json`; every problem is reported with the manifest's path. */
export async function readManifest(dir: string): Promise<{ manifest: Manifest; path: string; text: string }> {
  const path = join(dir, MANIFEST_NAME);
  const info = await statOf(dir).catch(() => undefined);
  if (!info) throw new InputError({ file: dir, message: 'no such file or folder' });
  if (!info.isDirectory()) throw new InputError({ file: dir, message: `expected a folder holding ${MANIFEST_NAME}` });
  const text = await readWholeText(path, path, SIDE_LIMIT).catch((e) => {
    if (e instanceof InputError && e.problems[0]?.message === 'file not found') {
      throw new InputError({ file: path, message: `missing ${MANIFEST_NAME}: a folder names its budgets and files there` });
    }
    throw e;
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonSyntaxError(text);
    throw new InputError({ file: path, ...(at ? { line: at.line, column: at.column } : {}), message: `not valid JSON: ${at?.message ?? (e as Error).message}` });
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    // Each problem names manifest.json:LINE:COL of its key (of the enclosing object when the key is missing) and the key.
    const located = locateJson(text);
    throw new InputError(
      parsed.error.issues.map((i) => {
        const at = positionOf(located, i.path);
        return { file: path, ...(at ? { line: at.line, column: at.column } : {}), message: `${i.path.join('.') || '(root)'}: ${i.message}` };
      }),
    );
  }
  const unknown = unknownNomenclatures(parsed.data, path, text);
  if (unknown.length > 0) throw new InputError(unknown);
  const outside = pathsOutside(dir, parsed.data, path);
  if (outside.length > 0) throw new InputError(outside);
  return { manifest: parsed.data, path, text };
}

/**
 * A nomenclature no plan exists for, named once at its key (manifest.json:LINE:COL), before any ledger is read: found
 * later, while reading rows, it would name no file (or every line).
 */
function unknownNomenclatures(m: Manifest, manifestPath: string, text: string): InputProblem[] {
  const named: [(string | number)[], string][] = [[['nomenclature'], m.nomenclature], ...Object.entries(m.nomenclatures ?? {}).map(([y, n]): [(string | number)[], string] => [['nomenclatures', y], n])];
  const bad = named.filter(([, n]) => !isKnownNomenclature(n));
  if (bad.length === 0) return [];
  const located = locateJson(text);
  const known = `${knownDeclinaisons().join(', ')}, M14`;
  return bad.map(([key, n]) => {
    const at = positionOf(located, key);
    return { file: manifestPath, ...(at ? { line: at.line, column: at.column } : {}), message: t('input.unknownNomenclature', { key: key.join('.'), known }), value: n };
  });
}

/** The files a manifest names, by key: ledgers.0, cofinancement… */
function namedFiles(m: Manifest): [string, string][] {
  const out: [string, string][] = m.ledgers.map((name, i) => [`ledgers.${i}`, name]);
  for (const key of ['cofinancement', 'dette', 'serie', 'publie'] as const) if (m[key]) out.push([key, m[key]!]);
  return out;
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Every file a manifest names stays inside its folder, after resolving symlinks: a manifest cannot make the tool
 * read (and quote in its errors) a file elsewhere on the machine.
 */
function pathsOutside(dir: string, m: Manifest, manifestPath: string): InputProblem[] {
  const problems: InputProblem[] = [];
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return problems;
  }
  for (const [key, name] of namedFiles(m)) {
    const literal = resolve(dir, name);
    let real: string | undefined;
    try {
      real = realpathSync(literal);
    } catch {
      real = undefined; // a missing file is reported by its reader as not found
    }
    if (isAbsolute(name) || !inside(resolve(dir), literal) || (real !== undefined && !inside(root, real))) {
      problems.push({ file: manifestPath, column: key, message: 'the file must be inside the manifest\'s folder (no absolute path, no "..", no symlink out of it)', value: name });
    }
  }
  return problems;
}
