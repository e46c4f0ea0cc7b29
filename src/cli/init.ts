// `sitiv-ca init DIR`: a new budget folder (manifest.json and a template ledger.xlsx), or one made from a TOTEM / CFU / SCDL file.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { t } from '../messages/index.js';
import type { InitAnswers, InitQuestion } from './init-prompt.js';

interface InitOpts {
  entite?: string;
  categorie?: string;
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
    .option('--categorie <category>', t('cli.initCategorieOption', { known: CATEGORIES.join(', ') }))
    .option('--nomenclature <declinaison>', t('cli.initNomenclatureOption'))
    .option('--exercice <year>', t('cli.initExerciceOption'))
    .option('--budget <id>', t('cli.initBudgetOption'), repeat)
    .option('--from <file>', t('cli.initFromOption'))
    .action(async (dir: string, opts: InitOpts) => runInit(dir, opts));
}

/** The questions of init, with the defaults a folder gets when nobody answers, and what makes an answer wrong. */
export async function initQuestions(): Promise<InitQuestion[]> {
  const { isKnownNomenclature } = await import('../nomenclature/plan.js');
  return [
    { key: 'entite', label: t('cli.initAskEntite'), fallback: '' },
    { key: 'categorie', label: t('cli.initAskCategorie', { known: CATEGORIES.join(', ') }), fallback: 'autre', invalid: (a) => (CATEGORIES.includes(a) ? undefined : t('cli.initUnknownCategorie', { value: a, known: CATEGORIES.join(', ') })) },
    { key: 'nomenclature', label: t('cli.initAskNomenclature'), fallback: 'M57', invalid: (a) => (isKnownNomenclature(a) ? undefined : t('read.unknownNomenclature', { value: a, known: 'M57, M57_A, M57_D, M14…' })) },
    { key: 'exercice', label: t('cli.initAskExercice'), fallback: String(new Date().getFullYear() - 1), invalid: (a) => (/^\d{4}$/.test(a) ? undefined : t('cli.expectedYear', { option: '--exercice', value: JSON.stringify(a) })) },
    { key: 'budget', label: t('cli.initAskBudget'), fallback: 'principal', invalid: (a) => (a.split(',').every((b) => /^[A-Za-z0-9_-]{1,32}$/.test(b.trim())) ? undefined : t('cli.initBadBudget', { value: a })) },
  ];
}

/** On a terminal the missing options are asked; anywhere else (a pipe, CI) they take their defaults and nothing waits. */
async function answers(opts: InitOpts): Promise<InitAnswers> {
  const given: Partial<InitAnswers> = {
    ...(opts.entite !== undefined ? { entite: opts.entite } : {}),
    ...(opts.categorie !== undefined ? { categorie: opts.categorie } : {}),
    ...(opts.nomenclature !== undefined ? { nomenclature: opts.nomenclature } : {}),
    ...(opts.exercice !== undefined ? { exercice: opts.exercice } : {}),
    ...(opts.budget?.length ? { budget: opts.budget } : {}),
  };
  const questions = await initQuestions();
  if (process.stdin.isTTY && process.stdout.isTTY && questions.some((q) => given[q.key] === undefined)) {
    const { askMissing } = await import('./init-prompt.js');
    return askMissing(given, questions, { input: process.stdin, output: process.stdout });
  }
  const defaults = Object.fromEntries(questions.map((q) => [q.key, q.key === 'budget' ? [q.fallback] : q.fallback]));
  const out = { ...defaults, ...given } as InitAnswers;
  if (out.entite === '') delete out.entite;
  return out;
}

async function runInit(dir: string, opts: InitOpts): Promise<void> {
  // Never overwrite a folder's manifest: init is for new folders.
  if (await stat(join(dir, 'manifest.json')).catch(() => undefined)) throw new UsageError(t('cli.initExists', { dir }));
  if (opts.from) {
    if (opts.categorie !== undefined && !CATEGORIES.includes(opts.categorie)) throw new UsageError(t('cli.initUnknownCategorie', { value: opts.categorie, known: CATEGORIES.join(', ') }));
    const { initFrom } = await import('./init-from.js');
    return initFrom(dir, opts.from, opts);
  }
  const a = await answers(opts);
  if (!CATEGORIES.includes(a.categorie)) throw new UsageError(t('cli.initUnknownCategorie', { value: a.categorie, known: CATEGORIES.join(', ') }));
  if (!/^\d{4}$/.test(a.exercice)) throw new UsageError(t('cli.expectedYear', { option: '--exercice', value: JSON.stringify(a.exercice) }));
  const exercice = Number(a.exercice);
  const { isKnownNomenclature, resolvePlan } = await import('../nomenclature/plan.js');
  if (!isKnownNomenclature(a.nomenclature)) throw new UsageError(t('read.unknownNomenclature', { value: a.nomenclature, known: 'M57, M57_A, M57_D, M14…' }));
  const budgets = a.budget.length ? a.budget : ['principal'];
  const bad = budgets.find((b) => !/^[A-Za-z0-9_-]{1,32}$/.test(b));
  if (bad !== undefined) throw new UsageError(t('cli.initBadBudget', { value: bad }));
  const plan = resolvePlan(a.nomenclature, exercice);
  const { templateWorkbook } = await import('../render/init-workbook.js');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'ledger.xlsx'), await templateWorkbook(plan, budgets, exercice));
  const manifest = {
    schema: 'sitiv-ca.manifest/1',
    nomenclature: a.nomenclature,
    budgets: budgets.map((id, i) => ({ id, label: i === 0 && id === 'principal' ? 'Budget principal' : id })),
    ledgers: ['ledger.xlsx'],
    ...(a.entite ? { entite: { nom: a.entite, categorie: a.categorie } } : {}),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stderr.write(t('cli.initDone', { dir, plan: plan.id, exercice }) + '\n');
}
