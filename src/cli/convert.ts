// `sitiv-ca convert IN OUT`: a ledger from one dialect or format to another (CSV ↔ XLSX, French CSV ↔ neutral CSV).
import type { Command } from 'commander';
import type { ConvertOpts } from './convert-run.js';
import { addDialectOptions } from './dialect-options.js';
import { t } from '../messages/index.js';

export function registerConvert(program: Command): void {
  addDialectOptions(
    program
      .command('convert')
      .description(t('cli.convertDescription'))
      .argument('<in>', t('cli.convertInArg'))
      .argument('<out>', t('cli.convertOutArg')),
  )
    .option('--nomenclature <id>', t('cli.convertNomenclatureOption'), 'M57')
    // The names of OUT_DIALECTS (src/read/dialect/write-csv.ts), spelled out so that start-up does not load it.
    .option('--to <dialect>', t('cli.toOption'))
    .option('--to-encoding <name>', t('cli.toEncodingOption'))
    .action(async (input: string, output: string, opts: ConvertOpts) => {
      const { runConvert } = await import('./convert-run.js');
      await runConvert(input, output, opts);
    });
}
