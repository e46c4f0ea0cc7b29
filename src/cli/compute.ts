// `sitiv-ca compute FOLDER`: every table of the compte administratif, in the chosen format.
import type { Command } from 'commander';
import { loadFolder } from '../read/folder.js';
import { buildComputeReport } from '../report/compute-report.js';
import { addRenderOptions, emit, resolveFormat, type RenderOpts } from './render-options.js';

interface Opts extends RenderOpts {
  excludeCessions?: boolean;
}

export function registerCompute(program: Command): void {
  addRenderOptions(
    program
      .command('compute')
      .description('compute the tables of the compte administratif of a budget folder')
      .argument('<folder>', 'folder holding manifest.json and the ledgers'),
  )
    .option('--exclude-cessions', 'leave proceeds of asset sales (775) out of real recettes in épargne')
    .action(async (folder: string, opts: Opts) => {
      resolveFormat(opts);
      const loaded = await loadFolder(folder);
      const report = buildComputeReport(loaded, { excludeCessions: opts.excludeCessions ?? false });
      await emit(
        opts,
        {
          schema: report.schema,
          provenance: report.provenance,
          tables: report.tables,
          ...(report.entity ? { heading: `${report.entity} — compte administratif`, extra: { entity: report.entity } } : {}),
        },
        loaded.inputs.map((i) => i.path),
      );
    });
}
