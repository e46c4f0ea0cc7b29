// `sitiv-ca convert IN OUT`: a ledger from one dialect or format to another (CSV ↔ XLSX, French CSV ↔ neutral CSV).
import { extname } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { LedgerRow } from '../model/ledger.js';
import { encodingOf } from '../read/dialect/encoding.js';
import { ledgerColumns, ledgerValue, OUT_DIALECTS, renderLedgerCsv } from '../read/dialect/write-csv.js';
import { sha256File } from '../read/hash.js';
import type { Plan } from '../nomenclature/plan.js';
import { restoreText } from '../render/safe-text.js';
import { TOOL } from '../version.js';
import { addDialectOptions, readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { writeOutput } from './output.js';

interface Opts extends DialectOpts {
  nomenclature: string;
  to?: string;
  toEncoding?: string;
}

const TEXT_FIELDS = ['libelle', 'fonction', 'operation'] as const;

export function registerConvert(program: Command): void {
  addDialectOptions(
    program
      .command('convert')
      .description('convert a ledger between formats and dialects (CSV ↔ XLSX, French CSV ↔ neutral CSV), losing nothing')
      .argument('<in>', 'ledger file: .csv (any dialect, detected) or .xlsx')
      .argument('<out>', 'file to write: .csv or .xlsx ("-" for stdout, CSV only)'),
  )
    .option('--nomenclature <id>', 'plan de comptes the rows are checked against', 'M57')
    .option('--to <dialect>', `dialect of a CSV output: ${Object.keys(OUT_DIALECTS).join(', ')} (default: neutral)`)
    .option('--to-encoding <name>', 'encoding of a CSV output (default: the dialect\'s; utf-8 for neutral, windows-1252 for fr)')
    .action(async (input: string, output: string, opts: Opts) => {
      const readOptions = readOptionsFrom(opts);
      const outExt = output === '-' ? '.csv' : extname(output).toLowerCase();
      if (outExt !== '.csv' && outExt !== '.xlsx') throw new UsageError(`cannot write ${output}: the output must end in .csv or .xlsx`);
      const dialect = OUT_DIALECTS[opts.to ?? 'neutral'];
      if (!dialect) throw new UsageError(`unknown dialect ${opts.to} (known: ${Object.keys(OUT_DIALECTS).join(', ')})`);
      if (opts.to !== undefined && outExt === '.xlsx') throw new UsageError('--to names a CSV dialect: an .xlsx output has none');
      let encoding = dialect.encoding;
      if (opts.toEncoding !== undefined) {
        const e = encodingOf(opts.toEncoding);
        if (!e) throw new UsageError(`unknown encoding ${JSON.stringify(opts.toEncoding)}`);
        encoding = e;
      }
      // The readers load here, not at start-up.
      const { planResolver, readerFor } = await import('../read/folder.js');
      const reader = await readerFor(input);
      const planFor = planResolver(opts.nomenclature, new Map<number, Plan>());
      const rows: LedgerRow[] = [];
      for await (const batch of reader(input, input, planFor, readOptions)) rows.push(...batch);
      for (const r of rows) {
        for (const f of TEXT_FIELDS) if (r[f] !== undefined) r[f] = restoreText(r[f]!);
      }
      let data: Uint8Array;
      if (outExt === '.xlsx') {
        const { renderLedgerXlsx } = await import('../render/xlsx.js');
        const columns = ledgerColumns(rows);
        const sha = await sha256File(input);
        data = await renderLedgerXlsx(
          columns,
          rows.map((r) => columns.map((c) => ledgerValue(r, c))),
          [`${TOOL.name} ${TOOL.version} convert`, `input ledger ${input} sha256:${sha}`, `plan de comptes: ${opts.nomenclature}`],
        );
      } else {
        try {
          data = renderLedgerCsv(rows, { ...dialect, encoding });
        } catch (e) {
          throw new InputError({ file: input, message: `${(e as Error).message}: pass --to-encoding utf-8` });
        }
      }
      await writeOutput(data, { file: output === '-' ? undefined : output, inputs: [input] }, outExt === '.xlsx');
    });
}
