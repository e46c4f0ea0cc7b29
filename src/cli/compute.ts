// `sitiv-ca compute FOLDER`: every table of the compte administratif, in the chosen format.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { addDialectOptions, readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { addRenderOptions, emit, resolveFormat, type RenderOpts } from './render-options.js';
import { askedLang, getLang, setLang, t, type Lang } from '../messages/index.js';
import { documentLang } from '../render/writers.js';
import { DEFINITION_IDS } from '../definitions/index.js';

interface Opts extends RenderOpts, DialectOpts {
  excludeCessions?: boolean;
  by?: string;
  allowRejects?: boolean;
  budget?: string;
  nomenclature?: string;
  entite?: string;
  definition?: string;
  compareDefinitions?: boolean;
}

export function registerCompute(program: Command): void {
  addDialectOptions(
    addRenderOptions(
      program
        .command('compute')
        .description(t('cli.computeDescription'))
        .argument('<folder>', t('cli.computeFolderArg')),
    ),
  )
    .option('--exclude-cessions', t('cli.excludeCessionsOption'))
    .option('--by <grouping>', t('cli.byOption'))
    .option('--allow-rejects', t('cli.allowRejectsOption'))
    .option('--budget <id>', t('cli.budgetOption'))
    .option('--nomenclature <declinaison>', t('cli.nomenclatureOption'))
    .option('--entite <name>', t('cli.entiteOption'))
    .option('--definition <name>', t('definitions.option', { names: DEFINITION_IDS.join(', ') }))
    .option('--compare-definitions', t('definitions.compareOption'))
    .action(async (folder: string, opts: Opts) => {
      if (opts.definition !== undefined && !DEFINITION_IDS.includes(opts.definition)) {
        throw new UsageError(t('definitions.unknown', { value: opts.definition, names: DEFINITION_IDS.join(', ') }));
      }
      if (opts.by !== undefined) {
        if (opts.by !== 'entity') throw new UsageError(t('cli.unknownBy', { value: opts.by }));
        // Lazy: the balance reader loads only when asked for, and the folder path never pays for it.
        const { computeByEntity } = await import('./compute-by-entity.js');
        await computeByEntity(folder, opts);
        return;
      }
      const { format, locale } = resolveFormat(opts);
      // A TOTEM / CFU / SCDL file names its budget (and TOTEM its nomenclature): it can stand without a folder.
      // The readers and the report load here, not at start-up: `sitiv-ca --help` and the other commands never pay for them.
      const [{ isSingleFileFormat, loadFile }, { loadFolder }, { buildComputeReport }] = await Promise.all([
        import('../read/single-file.js'),
        import('../read/folder.js'),
        import('../report/compute-report.js'),
      ]);
      const asFile = isSingleFileFormat(folder) && (await stat(folder).catch(() => undefined))?.isFile();
      const loaded = asFile
        ? await loadFile(folder, { readOptions: readOptionsFrom(opts), ...(opts.budget ? { budgetId: opts.budget } : {}), ...(opts.nomenclature ? { nomenclature: opts.nomenclature } : {}), ...(opts.entite ? { entite: opts.entite } : {}) })
        : await loadFolder(folder, readOptionsFrom(opts));
      // A printed document's tables speak its language (French by default) whatever the environment's: build them in it.
      const report = inLang(documentLang(format, locale), () =>
        buildComputeReport(loaded, {
          excludeCessions: opts.excludeCessions ?? false,
          ...(opts.definition ? { definition: opts.definition } : {}),
          ...(opts.compareDefinitions ? { compareDefinitions: true } : {}),
        }),
      );
      await emit(
        opts,
        {
          schema: report.schema,
          provenance: report.provenance,
          tables: report.tables,
          ...(report.entity ? { heading: t('cli.computeHeading', { entity: report.entity, what: report.heading ?? 'compte administratif' }), extra: { entity: report.entity } } : {}),
        },
        loaded.inputs.map((i) => i.path),
      );
    });
}

/** Runs fn with the message language set to lang (when given), then puts the previous one back. */
function inLang<T>(lang: Lang | undefined, fn: () => T): T {
  if (lang === undefined || lang === getLang()) return fn();
  const previous = getLang();
  const explicit = askedLang() !== undefined;
  setLang(lang, explicit);
  try {
    return fn();
  } finally {
    setLang(previous, explicit);
  }
}
