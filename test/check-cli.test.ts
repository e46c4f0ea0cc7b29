// `sitiv-ca check` end to end through the built binary: the seed's findings, the corrected copy, formats, exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder } from './helpers/folder.js';
import { run, type RunResult } from './helpers/run.js';

const SEED = 'fixtures/sitiv-2022';
const hint = `    hint: see: sitiv-ca compute ${SEED} --format json`;

describe('check fixtures/sitiv-2022 (the seed report audited)', () => {
  let r: RunResult;
  beforeAll(() => {
    r = run(['check', SEED]);
  });
  it('exits 1', () => {
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
  });
  it('lists exactly the four genuine inconsistencies at error level, sorted by publie.csv line', () => {
    const errors = r.stdout.split('\n').filter((l) => l.includes(': error ['));
    expect(errors).toEqual([
      `${SEED}/publie.csv:21:3: error [published.figure] principal.2022.execution.global.solde: published 228 880,56, computed 181 498,28, difference 47 382,28 (seed l.639, §1 texte: « 2022 : de 228 880.56 € » quoted as the 2022 résultat global)`,
      `${SEED}/publie.csv:60:3: error [published.figure] principal.2022.affectation.solde-investissement.montant: published 495 968,04, computed 495 795,75, difference 172,29 (seed l.705, §3 affectation: « excédent d'investissement de 495 968.04€ »)`,
      `${SEED}/publie.csv:65:3: error [published.figure] principal.2022.execution.fonctionnement-exercice.depenses: published 3 203 353, computed 3 202 777,11, difference 575,89 (seed l.716, présentation détaillée: fonctionnement, dépenses 2022)`,
      `${SEED}/publie.csv:79:3: error [published.figure] principal.2022.execution.investissement-exercice.depenses: published 1 089 048, computed 1 086 477,78, difference 2 570,22 (seed l.749, présentation détaillée: investissement, dépenses 2022)`,
    ]);
    // The hint all 46 findings share is given once, after them, with the lines it applies to.
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l === hint)).toHaveLength(1);
    expect(lines[lines.indexOf(hint) + 1]).toMatch(/^      for: publie\.csv:21, 22, 23, 24, 25, 50, .*, 139, 140, 141$/);
    expect(lines[lines.indexOf(hint) + 1]!.split(', ')).toHaveLength(46);
  });
  it('takes the unsigned RAR solde and the « déficit à couvrir » as presentation, not inconsistencies', () => {
    expect(r.stdout).not.toContain('578 436,20, computed');
    expect(r.stdout).not.toContain('82 640,45, computed');
  });
  it('keeps figures no ledger computation yields as info and ends with a summary', () => {
    expect(r.stdout).toContain(`${SEED}/publie.csv:50:3: info [published.figure] printed 486 107 (seed l.675, §2 RAR parts mutualisées: montant (no ledger splits parts mutualisées from parts personnalisées)): no ledger computation yields this figure, not checked`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('sitiv-ca check: 4 errors, 0 warnings, 42 infos in 1 folder (24 checks; tolerance 0,00 €)');
  });
});

describe('the corrected copy', () => {
  it('holds the same ledgers and manifest, and differs from the seed publie.csv in the four reported lines only', () => {
    const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
    for (const f of ['manifest.json', 'principal.csv', 'tno.csv', 'cofinancement.csv']) expect(read('fixtures/sitiv-2022-corrige', f)).toBe(read(SEED, f));
    const seed = read(SEED, 'publie.csv').split('\n');
    const fixed = read('fixtures/sitiv-2022-corrige', 'publie.csv').split('\n');
    expect(fixed).toHaveLength(seed.length);
    expect(seed.map((l, i) => (l === fixed[i] ? 0 : i + 1)).filter((n) => n > 0)).toEqual([21, 60, 65, 79]);
  });
  it('exits 0 with no error and no warning', () => {
    const r = run(['check', 'fixtures/sitiv-2022-corrige']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/: (error|warning) \[/);
    expect(r.stdout).toContain('sitiv-ca check: 0 errors, 0 warnings, 42 infos in 1 folder');
  });
});

describe('check fixtures/sitiv-2018-2022', () => {
  let findings: { severity: string; checkId: string; difference: string | null; line: number | null; file: string }[];
  let r: RunResult;
  beforeAll(() => {
    r = run(['check', 'fixtures/sitiv-2018-2022', '--format', 'json']);
    findings = JSON.parse(r.stdout).findings;
  });
  it('exits 1 on the R001 breaks and the 01/01/2021 typo', () => {
    expect(r.exitCode).toBe(1);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.filter((f) => f.checkId === 'continuity.r001').map((f) => f.difference)).toEqual(['11059.00', '879.00', '10350.00', '9519.00']);
    expect(errors.filter((f) => f.checkId === 'continuity.encours').map((f) => f.difference)).toEqual(['-399999.58']);
  });
  it('never reports a pure rounding difference (one euro or less between whole-euro figures) as an error', () => {
    const tiny = findings.filter((f) => f.severity === 'error' && f.difference !== null && /\.\d{2}$/.test(f.difference) && Math.abs(Number(f.difference)) <= 1);
    expect(tiny).toEqual([]);
    expect(findings.filter((f) => f.severity === 'info' && f.checkId === 'published.figure' && f.difference !== null).length).toBeGreaterThanOrEqual(10);
  });
  it('holds the ratio table against the standard definitions: épargne brute 2022 and four of five ratios differ', () => {
    const published = findings.filter((f) => f.severity === 'error' && f.checkId === 'published.figure') as unknown as { figureId: string; published: string; computed: string }[];
    expect(published.map((f) => [f.figureId.replace('principal.2018-2022.', ''), f.published, f.computed])).toEqual([
      ['epargne.epargne-brute.2022', '621317.00', '587304.00'],
      ['desendettement.ratio.2018', '1.5', '3.4'],
      ['desendettement.ratio.2019', '3.2', '7.4'],
      ['desendettement.ratio.2021', '3.0', '3.8'],
      ['desendettement.ratio.2022', '3.6', '3.9'],
    ]);
    // Épargne brute 2018–2021 follow a variant (R002 counted, chapter 77 out): warnings, test/published-variants.test.ts.
    const explained = findings.filter((f) => f.severity === 'warning' && f.checkId === 'published.figure') as unknown as { figureId: string }[];
    expect(explained.map((f) => f.figureId.replace('principal.2018-2022.', ''))).toEqual(['epargne.epargne-brute.2018', 'epargne.epargne-brute.2019', 'epargne.epargne-brute.2020', 'epargne.epargne-brute.2021']);
    expect(findings.filter((f) => f.severity === 'error').length).toBe(10);
  });
  it('warns on the truncated 2023 encours', () => {
    expect(findings.find((f) => f.checkId === 'continuity.encours' && f.severity === 'warning')).toMatchObject({ difference: '-0.92' });
  });
});

describe('formats', () => {
  it('--format json is sitiv-ca.check/1 with provenance, options, summary and findings', () => {
    const r = run(['check', SEED, '--format', 'json', '--tolerance', '0.50']);
    expect(r.exitCode).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe('sitiv-ca.check/1');
    expect(j.provenance.tool.name).toBe('sitiv-ca');
    expect(j.provenance.inputs.map((i: { role: string }) => i.role)).toEqual(['manifest', 'ledger', 'ledger', 'cofinancement', 'publie']);
    expect(j.options).toEqual({ strict: false, only: [], skip: [], tolerance: '0.50' });
    expect(j.summary).toEqual({ status: 'failed', errors: 4, warnings: 0, infos: 42 });
    expect(j.folders).toEqual([{ path: SEED, plafond: 6, population: null, errors: 4, warnings: 0, infos: 42 }]);
    expect(j.findings[0]).toEqual({
      severity: 'error',
      checkId: 'published.figure',
      message: 'principal.2022.execution.global.solde: published 228 880,56, computed 181 498,28, difference 47 382,28 (seed l.639, §1 texte: « 2022 : de 228 880.56 € » quoted as the 2022 résultat global)',
      file: `${SEED}/publie.csv`,
      line: 21,
      column: 3,
      figureId: 'principal.2022.execution.global.solde',
      published: '228880.56',
      computed: '181498.28',
      difference: '47382.28',
      hint: `see: sitiv-ca compute ${SEED} --format json`,
    });
    for (const f of j.findings) for (const k of ['published', 'computed', 'difference']) if (f[k] !== null && f.checkId !== 'published.figure') expect(f[k]).toMatch(/^-?\d+\.\d{1,2}$/);
  });
  it('--format github writes ::error annotations with file, line and column, infos left out', () => {
    const r = run(['check', SEED, '--format', 'github']);
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      `::error file=${SEED}/publie.csv,line=60,col=3,title=[published.figure]::principal.2022.affectation.solde-investissement.montant: published 495 968,04, computed 495 795,75, difference 172,29 (seed l.705, §3 affectation: « excédent d'investissement de 495 968.04€ »)%0Asee: sitiv-ca compute ${SEED} --format json`,
    );
    expect(lines[4]).toMatch(/^sitiv-ca check: 4 errors/);
  });
});

describe('selection and options', () => {
  it('--skip published.figure leaves nothing at error level on the seed: exit 0', () => {
    const r = run(['check', SEED, '--skip', 'published.figure']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('sitiv-ca check: 0 errors, 0 warnings, 0 infos in 1 folder (23 checks; tolerance 0,00 €)\n');
  });
  it('--only takes prefixes and comma lists', () => {
    const r = run(['check', SEED, '--only', 'identity,continuity.r001', '--format', 'json']);
    expect(JSON.parse(r.stdout).checks.map((c: { id: string }) => c.id)).toEqual([
      'identity.section-total', 'identity.rar-totals', 'identity.affectation', 'identity.ordre', 'identity.credits-ouverts', 'identity.annuite', 'identity.encours', 'continuity.r001',
    ]);
  });
  it('--strict adds continuity.rar', () => {
    const basic = JSON.parse(run(['check', SEED, '--format', 'json']).stdout).checks.map((c: { id: string }) => c.id);
    const strict = JSON.parse(run(['check', SEED, '--format', 'json', '--strict']).stdout).checks.map((c: { id: string }) => c.id);
    expect(basic).not.toContain('continuity.rar');
    expect(strict.filter((c: string) => !basic.includes(c))).toEqual(['continuity.rar']);
  });
  it('--strict turns a crossed threshold into an error', () => {
    const args = ['check', 'fixtures/sitiv-2018-2022', '--only', 'threshold', '--format', 'json'];
    const basic = JSON.parse(run(args).stdout).findings.map((f: { severity: string; checkId: string }) => [f.severity, f.checkId]);
    const strict = run([...args, '--strict']);
    expect(basic).toEqual([['warning', 'threshold.desendettement']]);
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout).findings.map((f: { severity: string; checkId: string }) => [f.severity, f.checkId])).toEqual([['error', 'threshold.desendettement']]);
  });
  it('--tolerance 200 accepts the 172,29 gap and prints the tolerance', () => {
    const r = run(['check', SEED, '--tolerance', '200']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain('495 968,04, computed');
    expect(r.stdout).toContain('3 errors, 0 warnings, 42 infos in 1 folder (24 checks; tolerance 200,00 €)');
  });
  it('takes a folder of budget folders (budgets/) as each of them', () => {
    const r = run(['check', 'fixtures', '--format', 'json']);
    const paths = JSON.parse(r.stdout).folders.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['fixtures/sitiv-2018-2022', SEED, 'fixtures/sitiv-2022-corrige']));
    expect(r.exitCode).toBe(1);
  });
  it('checks several folders in one run', () => {
    const r = run(['check', SEED, 'fixtures/sitiv-2022-corrige', '--format', 'json']);
    expect(JSON.parse(r.stdout).folders.map((f: { path: string; errors: number }) => [f.path, f.errors])).toEqual([
      [SEED, 4],
      ['fixtures/sitiv-2022-corrige', 0],
    ]);
  });
});

describe('exit 2: usage and unreadable input', () => {
  it.each([
    [['check', SEED, '--only', 'nope'], /^error: unknown check nope \(known: document\.identifiers, identity\.section-total/],
    [['check', SEED, '--tolerance', '-1'], /^error: --tolerance must be an amount in euros such as 1 or 0\.50, not -1/],
    [['check', SEED, '--format', 'xml'], /^error: unknown format xml \(known: text, json, github, csv\)/],
    [['check', SEED, '--population', 'many'], /^error: --population must be a positive whole number, not many/],
  ])('%j', (args, message) => {
    const r = run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
  it('a folder that does not exist', () => {
    const r = run(['check', 'fixtures/nowhere']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('error: fixtures/nowhere: no such file or folder');
  });
  it('an unreadable publie.csv: every problem, and annotations under --format github', () => {
    const dir = makeFolder('budget,exercice,section,sens,chapitre,compte,nature,realise,rar\nprincipal,2022,F,R,74,,reel,1.00,\n', { publie: 'publie.csv' });
    writeFileSync(join(dir, 'publie.csv'), 'id,exercice,valeur,precision,source\nprincipal.2022.execution.global.solde,2022,douze,0.01,x\n');
    const r = run(['check', dir, '--format', 'github']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe(`::error file=${dir}/publie.csv,line=2,col=3,title=[input]::not a number (e.g. "2 814 257", "12,1" or "2814257.00") (value: "douze")\nsitiv-ca check: 1 error, 0 warnings, 0 infos in 1 folder (21 checks; tolerance 0,00 €)\n`);
    expect(r.stderr).toContain(`error: ${dir}/publie.csv:2:3 (valeur): not a number`);
  });
});

describe('check for people and for CI (issue 15 item 8)', () => {
  it('--severity error shows the errors only, counts what it hid, and keeps the exit code', () => {
    const r = run(['check', SEED, '--severity', 'error']);
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes(': error ['))).toHaveLength(4);
    expect(lines.filter((l) => l.includes(': info ['))).toHaveLength(0);
    expect(lines.at(-2)).toBe('      for: publie.csv:21, 60, 65, 79');
    expect(lines.at(-1)).toBe('sitiv-ca check: 4 errors, 0 warnings, 42 infos in 1 folder (24 checks; tolerance 0,00 €) [42 infos not shown: --severity info shows them]');
    expect(run(['check', 'fixtures/sitiv-2022-corrige', '--severity', 'error']).exitCode).toBe(0);
  });
  it('groups findings by folder with a summary for each and in total', () => {
    const r = run(['check', SEED, 'fixtures/sitiv-2022-corrige', '--severity', 'warning']);
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`== ${SEED}`);
    expect(lines.slice(-3)).toEqual([
      `${SEED}: 4 errors, 0 warnings, 42 infos [42 infos not shown: --severity info shows them]`,
      'fixtures/sitiv-2022-corrige: 0 errors, 0 warnings, 42 infos [42 infos not shown: --severity info shows them]',
      'sitiv-ca check: 4 errors, 0 warnings, 84 infos in 2 folders (24 checks; tolerance 0,00 €)',
    ]);
  });
  it('--severity does not filter JSON, and an unknown level is a usage error', () => {
    expect(JSON.parse(run(['check', SEED, '--format', 'json', '--severity', 'error']).stdout).findings).toHaveLength(46);
    const bad = run(['check', SEED, '--severity', 'fatal']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('error: unknown severity fatal (error, warning or info)\n');
  });
  it('takes the format from the -o extension; CSV in the fr dialect lists every finding', () => {
    const dir = makeFolder('budget,exercice,section,sens,chapitre,compte,nature,realise,rar\n');
    const out = join(dir, 'findings.csv');
    expect(run(['check', SEED, '-o', out, '--dialect', 'fr', '--severity', 'error']).exitCode).toBe(1);
    const text = readFileSync(out, 'latin1').split('\r\n');
    expect(text[0]).toBe('severity;checkId;file;line;column;cell;figureId;published;computed;difference;message;hint');
    expect(text.filter((l) => l.startsWith('error;'))).toHaveLength(4);
    expect(text.find((l) => l.includes('solde-investissement'))).toContain(';495\u00a0968,04;495\u00a0795,75;172,29;');
    const pdf = run(['check', SEED, '-o', join(dir, 'x.pdf')]);
    expect(pdf.exitCode).toBe(2);
    expect(pdf.stderr).toMatch(/cannot tell the format of .*x\.pdf from its extension: use an extension among \.txt, \.json, \.csv, or --format/);
  });
  it('speaks French under LANG=fr_FR.UTF-8', () => {
    const r = run(['check', SEED, '--severity', 'error'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(r.stdout).toContain(': erreur [published.figure]');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('sitiv-ca check : 4 erreurs, 0 avertissement, 42 informations dans 1 dossier (24 contrôles ; tolérance 0,00 €) [non affichés : 42 informations ; --severity info les montre]');
  });
});
