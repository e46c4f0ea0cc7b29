// `sitiv-ca compute FOLDER`: every table of the compte administratif, in the chosen format.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { addDialectOptions, readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { addRenderOptions, emit, resolveFormat, type RenderOpts } from './render-options.js';

interface Opts extends RenderOpts, DialectOpts {
  excludeCessions?: boolean;
  by?: string;
  allowRejects?: boolean;
  budget?: string;
  nomenclature?: string;
}

export function registerCompute(program: Command): void {
  addDialectOptions(
    addRenderOptions(
      program
        .command('compute')
        .description('compute the tables of the compte administratif of a budget folder')
        .argument('<folder>', 'folder holding manifest.json and the ledgers, or one TOTEM / CFU XML or SCDL CSV file'),
    ),
  )
    .option('--exclude-cessions', 'leave proceeds of asset sales (775) out of real recettes in épargne')
    .option('--by <grouping>', 'entity: read <folder> as a DGFiP balance file, one line of results per entity and budget (csv or jsonl)')
    .option('--allow-rejects', 'with --by entity: exit 0 even when some balance lines were rejected')
    .option('--budget <id>', 'with a single TOTEM / SCDL file: the budget id to use (default: from the file, its SIRET)')
    .option('--nomenclature <declinaison>', 'with a single SCDL file, which names none: the plan de comptes (M57, M14_COM_500_3500…)')
    .action(async (folder: string, opts: Opts) => {
      if (opts.by !== undefined) {
        if (opts.by !== 'entity') throw new UsageError(`unknown --by ${opts.by} (entity)`);
        // Lazy: the balance reader loads only when asked for, and the folder path never pays for it.
        const { computeByEntity } = await import('./compute-by-entity.js');
        await computeByEntity(folder, opts);
        return;
      }
      resolveFormat(opts);
      // A TOTEM / CFU / SCDL file names its budget (and TOTEM its nomenclature): it can stand without a folder.
      // The readers and the report load here, not at start-up: `sitiv-ca --help` and the other commands never pay for them.
      const [{ isSingleFileFormat, loadFile }, { loadFolder }, { buildComputeReport }] = await Promise.all([
        import('../read/single-file.js'),
        import('../read/folder.js'),
        import('../report/compute-report.js'),
      ]);
      const asFile = isSingleFileFormat(folder) && (await stat(folder).catch(() => undefined))?.isFile();
      const loaded = asFile
        ? await loadFile(folder, { readOptions: readOptionsFrom(opts), ...(opts.budget ? { budgetId: opts.budget } : {}), ...(opts.nomenclature ? { nomenclature: opts.nomenclature } : {}) })
        : await loadFolder(folder, readOptionsFrom(opts));
      const report = buildComputeReport(loaded, { excludeCessions: opts.excludeCessions ?? false });
      await emit(
        opts,
        {
          schema: report.schema,
          provenance: report.provenance,
          tables: report.tables,
          ...(report.entity ? { heading: `${report.entity} — ${report.heading ?? 'compte administratif'}`, extra: { entity: report.entity } } : {}),
        },
        loaded.inputs.map((i) => i.path),
      );
    });
}
