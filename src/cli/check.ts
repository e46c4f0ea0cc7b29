// `sitiv-ca check PATH…`: runs the named checks over budget folders; exit 0 clean, 1 an error found, 2 unreadable input.
import type { Command } from 'commander';
import type { CheckOpts } from './check-run.js';

const FORMATS = 'text, json, github';

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check budget folders: identities, continuity, published figures and thresholds (exit 1 on an error-level finding)')
    .argument('[paths...]', 'budget folders (each holding manifest.json), or folders of budget folders')
    .option('--strict', 'also run the strict-level checks')
    .option('--only <ids>', 'run only these checks (repeatable or comma-separated; a prefix such as identity selects identity.*)', collect)
    .option('--skip <ids>', 'skip these checks (repeatable or comma-separated)', collect)
    .option('--tolerance <euros>', 'accept published amounts within this many euros of the computed figure (default: the printed unit only)')
    .option('--population <n>', 'inhabitants, for the L1612-14 referral level (default: manifest entite.population)')
    .option('--plafond <years>', 'ceiling of the capacité de désendettement (default: manifest, else the LPFP reference of the category)')
    .option('-f, --format <format>', `output format: ${FORMATS}`, 'text')
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--compte-gestion <balance>', "compare each budget's section results with this DGFiP balance, the accountant's compte de gestion (concordance.compte-gestion)")
    .option('--list-checks', 'list the checks (id, level, title) and exit')
    .action(async (paths: string[], opts: CheckOpts & { listChecks?: boolean }) => {
      // The checks, the readers and the renderers load here, not at start-up: other commands never pay for them.
      if (opts.listChecks) {
        const { CHECKS } = await import('../check/registry.js');
        process.stdout.write(CHECKS.map((c) => `${c.id.padEnd(30)} ${c.level.padEnd(6)} ${c.title}`).join('\n') + '\n');
        return;
      }
      if (paths.length === 0) {
        const { UsageError } = await import('../errors.js');
        throw new UsageError("missing required argument 'paths'");
      }
      const { runCheckCommand } = await import('./check-run.js');
      await runCheckCommand(paths, opts);
    });
}
