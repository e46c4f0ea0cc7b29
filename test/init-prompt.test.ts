// init's questions (issue 15 item 6): the prompt logic on injected streams, and init run under a pseudo-terminal with `script`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { askMissing } from '../src/cli/init-prompt.js';
import { initQuestions } from '../src/cli/init.js';
import { setLang } from '../src/messages/index.js';
import { tempDir } from './helpers/folder.js';
import { BIN, ROOT } from './helpers/run.js';

/** Answers typed one line at a time, what was printed. */
async function ask(lines: string[] | undefined, given = {}): Promise<{ answers: Awaited<ReturnType<typeof askMissing>>; printed: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const pending = askMissing(given, await initQuestions(), { input, output });
  if (lines) for (const l of lines) input.write(`${l}\n`);
  input.end();
  return { answers: await pending, printed };
}

describe('init questions', () => {
  afterEach(() => setLang('en'));
  const lastYear = String(new Date().getFullYear() - 1);

  it('asks each missing option with its default in brackets; an empty answer takes the default', async () => {
    setLang('en');
    const { answers, printed } = await ask(['Commune de Test', '', 'M57_A', '2024', 'principal, eau']);
    expect(answers).toEqual({ entite: 'Commune de Test', categorie: 'autre', nomenclature: 'M57_A', exercice: '2024', budget: ['principal', 'eau'] });
    expect(printed).toContain('Name of the entity (empty: none) []: ');
    expect(printed).toContain('Category (commune, epci-fp, syndicat, departement, region, autre) [autre]: ');
    expect(printed).toContain(`Exercice [${lastYear}]: `);
  });

  it('in French when the interface is French', async () => {
    setLang('fr');
    const { printed } = await ask(['', '', '', '', '']);
    expect(printed).toContain('Nom de l’entité (vide : aucun) [] : ');
    expect(printed).toContain('Budgets (identifiants séparés par des virgules) [principal] : ');
  });

  it('asks only what the options left out', async () => {
    const { answers, printed } = await ask(['2023'], { entite: 'X', categorie: 'commune', nomenclature: 'M14', budget: ['b'] });
    expect(answers).toEqual({ entite: 'X', categorie: 'commune', nomenclature: 'M14', exercice: '2023', budget: ['b'] });
    expect(printed.match(/\]: /g)).toHaveLength(1);
  });

  it('a wrong answer is said and asked again; three wrong answers keep the default', async () => {
    setLang('en');
    const { answers, printed } = await ask(['', 'ville', 'commune', 'M99', 'M98', 'M97', '24', '2022', 'a b']);
    expect(answers.categorie).toBe('commune');
    expect(answers.nomenclature).toBe('M57');
    expect(answers.exercice).toBe('2022');
    expect(printed).toContain('unknown --categorie ville');
    expect(printed.match(/Plan de comptes/g)).toHaveLength(3);
    // 'a b' is wrong and the input ends: the default, no wait.
    expect(answers.budget).toEqual(['principal']);
  });

  it('an input that ends answers everything with the defaults and never waits', async () => {
    const { answers } = await ask(undefined);
    expect(answers).toEqual({ categorie: 'autre', nomenclature: 'M57', exercice: lastYear, budget: ['principal'] });
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('init on a terminal', () => {
  it.skipIf(!hasScript)('under a pseudo-terminal (script -qec) the questions are asked in French and the answers written to the manifest', () => {
    const dir = join(tempDir(), 'tty');
    // The answers wait in a pipe: script passes them to the terminal it opens, where init reads them line by line.
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} init ${JSON.stringify(dir)}`, '/dev/null'], {
      cwd: ROOT,
      input: 'Commune de Tty\ncommune\nM57_A\n2024\nprincipal\n',
      env: { ...process.env, LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Nom de l’entité (vide : aucun) [] : ');
    expect(r.stdout).toContain('Plan de comptes (M57, M57_A, M57_D, M14…) [M57] : ');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ nomenclature: 'M57_A', entite: { nom: 'Commune de Tty', categorie: 'commune' }, budgets: [{ id: 'principal' }] });
    expect(r.stdout).toMatch(/plan M57-M57_A-2024, exercice 2024/);
  }, 60_000);

  it('without a terminal (a pipe) init takes the defaults and does not wait for stdin', () => {
    const dir = join(tempDir(), 'pipe');
    const r = spawnSync(process.execPath, [BIN, 'init', dir], { cwd: ROOT, input: 'never read\n', encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C.UTF-8' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ nomenclature: 'M57', budgets: [{ id: 'principal' }] });
  });
});
