// `sitiv-ca convert IN OUT`: a ledger from one dialect or format to another (CSV ↔ XLSX, French CSV ↔ neutral CSV).
import type { Command } from 'commander';
import type { ConvertOpts } from './convert-run.js';
import { addDialectOptions } from './dialect-options.js';

export function registerConvert(program: Command): void {
  addDialectOptions(
    program
      .command('convert')
      .description('convert a ledger between formats and dialects (CSV ↔ XLSX, French CSV ↔ neutral CSV), losing nothing')
      .argument('<in>', 'ledger file: .csv (any dialect, detected) or .xlsx')
      .argument('<out>', 'file to write: .csv or .xlsx ("-" for stdout, CSV only)'),
  )
    .option('--nomenclature <id>', 'plan de comptes the rows are checked against', 'M57')
    // The names of OUT_DIALECTS (src/read/dialect/write-csv.ts), spelled out so that start-up does not load it.
    .option('--to <dialect>', 'dialect of a CSV output: neutral, fr (default: neutral)')
    .option('--to-encoding <name>', 'encoding of a CSV output (default: the dialect\'s; utf-8 for neutral, windows-1252 for fr)')
    .action(async (input: string, output: string, opts: ConvertOpts) => {
      const { runConvert } = await import('./convert-run.js');
      await runConvert(input, output, opts);
    });
}
