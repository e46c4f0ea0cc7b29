// The folder manifest: which budgets, which files, which nomenclature; validated with zod.
import { SIDE_LIMIT, readWholeText, statOf } from './whole-file.js';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import { jsonSyntaxError } from './json-position.js';

/** Exercices a manifest may name: far around any compte administratif a tool could read. */
export const EXERCICE_MIN = 1990;
export const EXERCICE_MAX = 2100;
const Exercice = z.number().int().min(EXERCICE_MIN, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`).max(EXERCICE_MAX, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`);

const Budget = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), label: z.string().min(1) });

const Decision1068 = z.object({
  budget: z.string(),
  exercice: Exercice,
  /** The 1068 voted by the assembly when it decides more than the besoin de financement. */
  compte1068: z.string().regex(/^\d+(\.\d{1,2})?$/),
});

export const Manifest = z
  .object({
    schema: z.literal('sitiv-ca.manifest/1'),
    entite: z
      .object({
        nom: z.string(),
        categorie: z.enum(['commune', 'epci-fp', 'syndicat', 'departement', 'region', 'autre']).default('autre'),
        population: z.number().int().nonnegative().optional(),
        /** Ceiling of the capacité de désendettement the entity sets itself, in years. */
        plafondDesendettement: z.number().finite('plafondDesendettement must be a finite number of years').positive('plafondDesendettement must be a positive number of years').optional(),
      })
      .optional(),
    /** Declinaison of the plan de comptes (M57, M57_A, M57_D, M14_COM_SUP3500…). */
    nomenclature: z.string().min(1),
    /** Per-exercice declinaison where it differs from `nomenclature` (an M14 year beside M57 years): "2018": "M14_COM_SUP3500". */
    nomenclatures: z
      .record(
        z.string().regex(/^\d{4}$/, 'key must be an exercice such as 2018').refine((k) => Number(k) >= EXERCICE_MIN && Number(k) <= EXERCICE_MAX, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`),
        z.string().min(1),
      )
      .optional(),
    /** Unit of the figures in the ledgers: "0.01" (cents) or "1" (whole euros, as printed). */
    precision: z.enum(['0.01', '1']).default('0.01'),
    budgets: z
      .array(Budget)
      .min(1)
      .superRefine((list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((b, i) => {
          const first = seen.get(b.id);
          if (first !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: `budget id ${b.id} is already declared at budgets.${first}` });
          else seen.set(b.id, i);
        });
      }),
    ledgers: z.array(z.string().min(1)).min(1),
    cofinancement: z.string().optional(),
    dette: z.string().optional(),
    serie: z.string().optional(),
    publie: z.string().optional(),
    affectation: z.array(Decision1068).optional(),
  })
  .passthrough();

export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_NAME = 'manifest.json';

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
    throw new InputError(
      parsed.error.issues.map((i) => ({ file: path, column: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  const outside = pathsOutside(dir, parsed.data, path);
  if (outside.length > 0) throw new InputError(outside);
  return { manifest: parsed.data, path, text };
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
