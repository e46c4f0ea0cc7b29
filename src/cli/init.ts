// `sitiv-ca init DIR`: a new budget folder (manifest.json and a template ledger.xlsx), or one made from a TOTEM / CFU / SCDL file.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { t } from '../messages/index.js';

interface InitOpts {
  entite?: string;
  categorie: string;
  nomenclature?: string;
  exercice?: string;
  budget?: string[];
  from?: string;
}

const CATEGORIES = ['commune', 'epci-fp', 'syndicat', 'departement', 'region', 'autre'];
const repeat = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(t('cli.initDescription'))
    .argument('<dir>', t('cli.initDirArg'))
    .option('--entite <name>', t('cli.initEntiteOption'))
    .option('--categorie <category>', t('cli.initCategorieOption', { known: CATEGORIES.join(', ') }), 'autre')
    .option('--nomenclature <declinaison>', t('cli.initNomenclatureOption'))
    .option('--exercice <year>', t('cli.initExerciceOption'))
    .option('--budget <id>', t('cli.initBudgetOption'), repeat)
    .option('--from <file>', t('cli.initFromOption'))
    .action(async (dir: string, opts: InitOpts) => runInit(dir, opts));
}

async function runInit(dir: string, opts: InitOpts): Promise<void> {
  if (!CATEGORIES.includes(opts.categorie)) throw new UsageError(t('cli.initUnknownCategorie', { value: opts.categorie, known: CATEGORIES.join(', ') }));
  const exercice = opts.exercice === undefined ? new Date().getFullYear() - 1 : Number(opts.exercice);
  if (!/^\d{4}$/.test(String(exercice))) throw new UsageError(t('cli.expectedYear', { option: '--exercice', value: JSON.stringify(opts.exercice) }));
  const { isKnownNomenclature, resolvePlan } = await import('../nomenclature/plan.js');
  const nomenclature = opts.nomenclature ?? 'M57';
  if (!isKnownNomenclature(nomenclature)) throw new UsageError(t('read.unknownNomenclature', { value: nomenclature, known: 'M57, M57_A, M57_D, M14…' }));
  // Never overwrite a folder's manifest: init is for new folders.
  if (await stat(join(dir, 'manifest.json')).catch(() => undefined)) throw new UsageError(t('cli.initExists', { dir }));
  const entite = opts.entite ? { entite: { nom: opts.entite, categorie: opts.categorie } } : {};
  if (opts.from) {
    const { readSide } = await import('../read/side.js');
    // A TOTEM file names its plan: it is kept unless --nomenclature says otherwise.
    const side = await readSide(opts.from, opts.nomenclature ? { nomenclature: opts.nomenclature } : {});
    const first = [...side.plans.values()][0];
    const planName = opts.nomenclature ?? (first ? `${first.norme}-${first.declinaison}` : side.nomenclature);
    const { OUT_DIALECTS, renderLedgerCsv } = await import('../read/dialect/write-csv.js');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ledger.csv'), renderLedgerCsv(side.rows, OUT_DIALECTS.neutral!));
    const manifest = { schema: 'sitiv-ca.manifest/1', nomenclature: planName, budgets: side.budgets, ledgers: ['ledger.csv'], ...entite };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    process.stderr.write(t('cli.initFromDone', { dir, file: opts.from, n: side.rows.length }) + '\n');
    return;
  }
  const budgets = opts.budget?.length ? opts.budget : ['principal'];
  const plan = resolvePlan(nomenclature, exercice);
  const { templateWorkbook } = await import('../render/init-workbook.js');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'ledger.xlsx'), await templateWorkbook(plan, budgets, exercice));
  const manifest = {
    schema: 'sitiv-ca.manifest/1',
    nomenclature,
    budgets: budgets.map((id, i) => ({ id, label: i === 0 && id === 'principal' ? 'Budget principal' : id })),
    ledgers: ['ledger.xlsx'],
    ...entite,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stderr.write(t('cli.initDone', { dir, plan: plan.id, exercice }) + '\n');
}
