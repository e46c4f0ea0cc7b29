// The work of `sitiv-ca check`, loaded only when the command runs: folders → checks → report → exit status.
import { buildContext } from '../check/context.js';
import { expandPaths } from '../read/budget-folders.js';
import { selectChecks } from '../check/registry.js';
import { CHECK_EXTENSIONS, CHECK_FORMATS, RENDERERS, SEVERITIES, type CheckFormat, type CheckReport } from '../render/check.js';
import { countBySeverity, runChecks, sortFindings } from '../check/run.js';
import type { Finding, Severity } from '../check/types.js';
import { dialectFor, formatFor } from './render-options.js';
import { CheckFailed, FoldersUnusable, InputError, UsageError, shownValue, type InputProblem } from '../errors.js';
import { writeDiagnostic } from '../text/sanitize.js';
import { centsToString, parsePlainAmount } from '../money/cents.js';
import { stat } from 'node:fs/promises';
import { loadFolder } from '../read/folder.js';
import type { InputFile } from '../model/folder.js';
import { makeProvenance } from '../report/provenance.js';
import { writeOutput } from './output.js';
import { t } from '../messages/index.js';

export interface CheckOpts {
  strict?: boolean;
  only?: string[];
  skip?: string[];
  tolerance?: string;
  population?: string;
  plafond?: string;
  format?: string;
  output?: string;
  severity?: string;
  dialect?: string;
  compteGestion?: string;
}

function positive(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const ok = integer ? /^\d+$/.test(text) : /^\d+(\.\d+)?$/.test(text);
  if (!ok || Number(text) <= 0) throw new UsageError(integer ? t('cli.positiveWhole', { name, value: text }) : t('cli.positiveNumber', { name, value: text }));
  return Number(text);
}

/** An input problem as a finding of the pseudo-check `input`: the same place, the cell and the value in the message. */
function problemFinding(p: InputProblem): Finding {
  const column = typeof p.column === 'number' ? p.column : Number.parseInt(String(p.column ?? ''), 10);
  const value = p.value !== undefined ? ` ${t('cli.valueSuffix', { value: JSON.stringify(shownValue(p.value)) })}` : '';
  return {
    severity: 'error',
    checkId: 'input',
    message: `${p.message}${value}`,
    file: p.file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.line !== undefined && Number.isInteger(column) ? { column } : {}),
    ...(p.cell ? { cell: p.cell } : {}),
  };
}

export async function runCheckCommand(paths: string[], opts: CheckOpts): Promise<void> {
  const asked = formatFor(opts, 'text', CHECK_EXTENSIONS);
  if (!(CHECK_FORMATS as readonly string[]).includes(asked)) {
    throw new UsageError(t('cli.unknownFormat', { format: asked, known: CHECK_FORMATS.join(', ') }));
  }
  const format = asked as CheckFormat;
  const dialect = dialectFor(opts.dialect, format);
  if (opts.severity !== undefined && !(SEVERITIES as readonly string[]).includes(opts.severity)) {
    throw new UsageError(t('cli.unknownSeverity', { value: opts.severity }));
  }
  // People at a terminal see warnings and errors; a log, a file or a pipe gets everything. The exit code never changes.
  const severity = (opts.severity as Severity | undefined) ?? (process.stdout.isTTY && !opts.output ? 'warning' : 'info');
  const only = opts.only ?? [];
  const skip = opts.skip ?? [];
  const checks = selectChecks({ strict: opts.strict ?? false, only, skip });
  let tolerance = 0n;
  if (opts.tolerance !== undefined) {
    const given = parsePlainAmount(opts.tolerance);
    if (given === undefined || given < 0n) throw new UsageError(t('cli.badTolerance', { value: opts.tolerance }));
    tolerance = given;
  }
  const population = positive('population', opts.population, true);
  const plafond = positive('plafond', opts.plafond, false);

  const findings: Finding[] = [];
  // Lazy: the balance reader loads only when a compte de gestion is given.
  const gestion = opts.compteGestion
    ? await (await import('./compte-gestion.js')).loadCompteGestion(opts.compteGestion)
    : undefined;
  const folders: CheckReport['folders'] = [];
  const perFolder: Finding[][] = [];
  const inputs: InputFile[] = gestion ? [gestion.input] : [];
  const plans = new Map<number, { id: string }>();
  const problems: InputProblem[] = [];
  const unusable: string[] = [];
  for (const { path, target, dangling } of await expandPaths(paths)) {
    if (target !== undefined) writeDiagnostic('notice', t(dangling ? 'input.folderLinkDangling' : 'input.folderLinkFollowed', { link: path, target }));
    try {
      // A TOTEM / CFU / SCDL file stands alone, as in compute.
      const { isSingleFileFormat, loadFile } = await import('../read/single-file.js');
      const asFile = isSingleFileFormat(path) && (await stat(path).catch(() => undefined))?.isFile();
      const folder = asFile ? await loadFile(path) : await loadFolder(path);
      const ctx = buildContext(path, folder, { strict: opts.strict ?? false, tolerance, ...(population ? { population } : {}), ...(plafond ? { plafond } : {}) });
      const found = runChecks(ctx, checks);
      if (gestion) found.push(...gestion.findings(folder, path));
      const n = countBySeverity(found);
      findings.push(...found);
      perFolder.push(found);
      folders.push({ path, plafond: ctx.options.plafond ?? null, population: ctx.options.population ?? null, errors: n.error, warnings: n.warning, infos: n.info });
      inputs.push(...folder.inputs);
      for (const [y, p] of folder.plans) plans.set(y, p);
    } catch (e) {
      // One unusable folder does not hide the others: its problems become error findings of the pseudo-check
      // `input` in its own group of the report, the others are checked, and the run exits 2 at the end.
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
      unusable.push(path);
      const found = e.problems.map(problemFinding);
      findings.push(...found);
      perFolder.push(found);
      folders.push({ path, plafond: plafond ?? null, population: population ?? null, errors: found.length, warnings: 0, infos: 0, unusable: true });
    }
  }
  const report: CheckReport = {
    schema: 'sitiv-ca.check/1',
    severity,
    perFolder,
    provenance: makeProvenance(inputs, plans, {
      strict: opts.strict ?? false,
      only: only.join(',') || null,
      skip: skip.join(',') || null,
      tolerance: centsToString(tolerance),
      population: population ?? null,
      plafond: plafond ?? null,
    }),
    options: { strict: opts.strict ?? false, only, skip, tolerance: centsToString(tolerance) },
    folders,
    checks: checks.map(({ id, level, stage, title }) => ({ id, level, stage, title })),
    findings: sortFindings(findings),
  };
  await writeOutput(RENDERERS[format](report, dialect), { file: opts.output, inputs: inputs.map((i) => i.path) });
  if (problems.length > 0) throw new FoldersUnusable(problems, unusable);
  const errors = countBySeverity(report.findings).error;
  if (errors > 0) throw new CheckFailed(t('cli.errorsFound', { n: errors }));
}
