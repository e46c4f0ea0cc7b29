// `sitiv-ca diff OLD NEW`: what moved between two ledgers or budget folders; exit 0 same, 1 different, 2 unusable (diff(1)).
import type { Command } from 'commander';
import { CheckFailed, InputError, UsageError } from '../errors.js';
import type { Mode } from '../diff/compare.js';
import type { Level } from '../diff/key.js';
import type { Side } from '../model/folder.js';
import type { DiffRequest } from '../diff/report.js';
import type { Section } from '../model/ledger.js';
import type { ReadOptions } from '../read/dialect/options.js';
import { addDialectOptions, readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { addRenderOptions, emit, resolveFormat, type RenderOpts } from './render-options.js';

interface Opts extends RenderOpts, DialectOpts {
  mode?: string;
  level: string;
  minDelta?: string;
  minPct?: string;
  onlyChanged?: boolean;
  all?: boolean;
  section?: string;
  budget?: string;
  sort: string;
  oldExercice?: string;
  newExercice?: string;
  nomenclature?: string;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option}: expected ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function year(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError(`${option}: expected a year such as 2022, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Every option is checked before any file is read, so a usage error costs nothing. */
async function request(opts: Opts): Promise<DiffRequest> {
  const { parseMinDelta, parseMinPct } = await import('../diff/options.js');
  if (opts.onlyChanged && opts.all) throw new UsageError('--only-changed and --all contradict each other');
  const req: DiffRequest = {
    level: oneOf<Level>('--level', opts.level, ['chapitre', 'compte']),
    onlyChanged: opts.onlyChanged ?? false,
    all: opts.all ?? false,
    sort: oneOf('--sort', opts.sort, ['key', 'delta'] as const),
  };
  if (opts.mode !== undefined) req.mode = oneOf<Mode>('--mode', opts.mode, ['same-year', 'year-over-year']);
  if (opts.section !== undefined) req.section = oneOf<Section>('--section', opts.section.toUpperCase(), ['F', 'I']);
  if (opts.budget !== undefined) req.budget = opts.budget;
  if (opts.minDelta !== undefined) req.minDelta = parseMinDelta(opts.minDelta);
  if (opts.minPct !== undefined) req.minPct = parseMinPct(opts.minPct);
  return req;
}

/** Reads both sides and reports the problems of both at once. */
async function readBoth(oldPath: string, newPath: string, o: { nomenclature?: string; readOptions?: ReadOptions }): Promise<[Side, Side]> {
  const { readSide } = await import('../read/side.js');
  const [a, b] = await Promise.allSettled([readSide(oldPath, o), readSide(newPath, o)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  const errors = [a, b].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.every((e) => e instanceof InputError)) throw new InputError(errors.flatMap((e) => (e as InputError).problems));
  throw errors.find((e) => !(e instanceof InputError));
}

export function registerDiff(program: Command): void {
  addDialectOptions(addRenderOptions(
    program
      .command('diff')
      .description('compare two ledgers or budget folders line by line (exit 0: no difference, 1: differences, 2: unusable input)')
      .argument('<old>', 'the older or reference side: a ledger file or a folder holding manifest.json')
      .argument('<new>', 'the newer side: a ledger file or a folder holding manifest.json'),
  ))
    .option('--mode <mode>', 'same-year (two versions of one exercice) or year-over-year (N−1 against N); default: from the exercices')
    .option('--level <level>', 'match lines by chapitre, or by compte where both sides detail accounts', 'compte')
    .option('--min-delta <amount>', 'keep lines whose difference reaches AMOUNT euros (realised or RAR)')
    .option('--min-pct <pct>', 'keep lines whose relative difference reaches PCT % (lines with no base always pass)')
    .option('--only-changed', 'year-over-year: leave out unchanged lines (same-year always does)')
    .option('--all', 'same-year: show unchanged lines too')
    .option('--section <section>', 'only section F (fonctionnement) or I (investissement)')
    .option('--budget <id>', 'only this budget')
    .option('--sort <order>', 'key, or delta (largest absolute difference first)', 'key')
    .option('--old-exercice <year>', 'keep only this exercice of OLD')
    .option('--new-exercice <year>', 'keep only this exercice of NEW')
    .option('--nomenclature <declinaison>', 'plan de comptes for a lone ledger file without manifest.json beside it (default M57)')
    .action(async (oldPath: string, newPath: string, opts: Opts) => {
      resolveFormat(opts);
      const req = await request(opts);
      const oldEx = year('--old-exercice', opts.oldExercice);
      const newEx = year('--new-exercice', opts.newExercice);
      const sideOpts = { ...(opts.nomenclature ? { nomenclature: opts.nomenclature } : {}), readOptions: readOptionsFrom(opts) };
      // Readers and the diff core load here, not at start-up: the other commands never pay for them.
      const [{ selectExercice }, { buildDiffReport }] = await Promise.all([import('../diff/side.js'), import('../diff/report.js')]);
      let [oldSide, newSide] = await readBoth(oldPath, newPath, sideOpts);
      if (oldEx !== undefined) oldSide = selectExercice(oldSide, oldEx);
      if (newEx !== undefined) newSide = selectExercice(newSide, newEx);
      const report = buildDiffReport(oldSide, newSide, req);
      await emit(
        opts,
        { schema: report.schema, provenance: report.provenance, tables: report.tables, heading: report.heading, extra: report.extra },
        [...oldSide.inputs, ...newSide.inputs].map((i) => i.path),
      );
      if (report.result.findings.length > 0) throw new CheckFailed(report.heading);
    });
}
