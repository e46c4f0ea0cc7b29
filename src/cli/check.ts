// `sitiv-ca check PATH…`: runs the named checks over budget folders; exit 0 clean, 1 an error found, 2 unreadable input.
import type { Command } from 'commander';
import type { CheckOpts } from './check-run.js';
import { t } from '../messages/index.js';

const FORMATS = "text, json, github, csv";

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(t('cli.checkDescription'))
    .argument('[paths...]', t('cli.checkPathsArg'))
    .option('--strict', t('cli.strictOption'))
    .option('--only <ids>', t('cli.onlyOption'), collect)
    .option('--skip <ids>', t('cli.skipOption'), collect)
    .option('--tolerance <euros>', t('cli.toleranceOption'))
    .option('--population <n>', t('cli.populationOption'))
    .option('--plafond <years>', t('cli.plafondOption'))
    .option('-f, --format <format>', t('cli.checkFormatOption', { formats: FORMATS }))
    .option('-o, --output <file>', t('cli.checkOutputOption'))
    .option('--severity <level>', t('cli.severityOption'))
    .option('--dialect <dialect>', t('cli.dialectOption'))
    .option('--compte-gestion <balance>', t('cli.compteGestionOption'))
    .option('--list-checks', t('cli.listChecksOption'))
    .action(async (paths: string[], opts: CheckOpts & { listChecks?: boolean }) => {
      // The checks, the readers and the renderers load here, not at start-up: other commands never pay for them.
      if (opts.listChecks) {
        const { CHECKS } = await import('../check/registry.js');
        process.stdout.write(CHECKS.map((c) => `${c.id.padEnd(30)} ${c.level.padEnd(6)} ${c.title}`).join('\n') + '\n');
        return;
      }
      if (paths.length === 0) {
        const { UsageError } = await import('../errors.js');
        throw new UsageError(t('cli.missingPaths'));
      }
      const { runCheckCommand } = await import('./check-run.js');
      await runCheckCommand(paths, opts);
    });
}
