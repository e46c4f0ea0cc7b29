// The CA ↔ compte de gestion concordance on the SITIV 2022 fixture, against balances written to agree or to differ by a cent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compteGestionFindings, matchEntity } from '../src/check/compte-gestion.js';
import { loadFolder } from '../src/read/folder.js';
import { classifyAccount } from '../src/compute/balance/classify.js';
import { readBalance as readWith } from '../src/read/dgfip/reader.js';
import { ROOT, run } from './helpers/run.js';

/** The byte reader with the product's classifier, as the commands call it. */
const readBalance = (file: string) => readWith(file, { classify: classifyAccount });

const dir = mkdtempSync(join(tmpdir(), 'sitiv-cg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 'EXER;IDENT;NDEPT;LBUDG;INSEE;CBUDG;CTYPE;CSTYP;NOMEN;SIREN;CREGI;CACTI;SECTEUR;FINESS;CODBUD1;CATEG;BAL;FONCTION;COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC';
const P = '2022;25690000100015;069;SITIV;000;1;401;00;M57;256900001;084;;;;;Syndicat;DEF;';
const T = '2022;25690000100023;069;SITIV BUDGET ANNEXE TERRITOIRE NUMERIQUE OUVERT;000;3;401;00;M57;256900001;084;;;;;Syndicat;DEF;';
const dep = (pre: string, c: string, x: string) => `${pre};${c};0;0;${x};0;0;0;0;0;${x};0`;
const rec = (pre: string, c: string, x: string) => `${pre};${c};0;0;0;${x};0;0;0;0;0;${x}`;

/** The SITIV 2022 section totals (Chapter 3 of the seed report), spread over a few accounts, real and order. */
function balance(fRecettes = '3329960.40'): string {
  return [
    HEAD,
    rec(P, '7478', fRecettes),
    dep(P, '6068', '3000000.00'),
    `${P};6811;0;0;202777.11;0;0;0;202777.11;0;202777.11;0`,
    rec(P, '1321', '926528.38'),
    `${P};28031;0;0;0;202777.11;0;0;0;202777.11;0;202777.11`,
    dep(P, '2313', '1086477.78'),
    rec(T, '7067', '1500000.00'),
    dep(T, '6068', '95000.00'),
    dep(T, '2051', '742627.83'),
  ].join('\n') + '\n';
}

describe('check --compte-gestion (findings)', () => {
  it('finds both budgets concordant when the balance carries the same year totals', async () => {
    const folder = await loadFolder(join(ROOT, 'fixtures/sitiv-2022'));
    const file = join(dir, 'ok.csv');
    writeFileSync(file, balance());
    const f = compteGestionFindings(folder, readBalance(file), 'fixtures/sitiv-2022');
    expect(f.map((x) => [x.severity, x.message.split(':')[0]])).toEqual([
      ['info', 'principal 2022'],
      ['info', 'TNO 2022'],
    ]);
  });

  it('names the section and the gap when a cent differs', async () => {
    const folder = await loadFolder(join(ROOT, 'fixtures/sitiv-2022'));
    const file = join(dir, 'off.csv');
    writeFileSync(file, balance('3329960.39'));
    const f = compteGestionFindings(folder, readBalance(file), 'fixtures/sitiv-2022');
    const errors = f.filter((x) => x.severity === 'error');
    expect(errors.map((e) => [e.figureId, e.computed, e.published, e.difference])).toEqual([
      ['principal.2022.compteGestion.fonctionnement.recettes', '3329960.40', '3329960.39', '0.01'],
      ['principal.2022.compteGestion.fonctionnement.solde', '127183.29', '127183.28', '0.01'],
    ]);
    expect(errors[0]!.message).toContain('3 329 960,40 ≠ compte de gestion 3 329 960,39');
    expect(f.filter((x) => x.severity === 'info').map((x) => x.message.split(':')[0])).toEqual(['TNO 2022']);
  });

  it('matches budgets to balance entities by CBUDG 1 for the first, by label for the others', () => {
    const e = (cbudg: string, lbudg: string) => ({ cbudg, lbudg }) as Parameters<typeof matchEntity>[2][number];
    const budgets = [
      { id: 'principal', label: 'Budget principal' },
      { id: 'TNO', label: 'Budget annexe « Territoire Numérique Ouvert »' },
    ];
    const cands = [e('1', 'SITIV'), e('3', 'SITIV BUDGET ANNEXE TERRITOIRE NUMERIQUE OUVERT'), e('3', 'SITIV ASSAINISSEMENT')];
    expect(matchEntity(budgets, 0, cands)).toBe(cands[0]);
    expect(matchEntity(budgets, 1, cands)).toBe(cands[1]);
    expect(matchEntity([{ id: 'eau', label: 'Eau' }, { id: 'x', label: 'Budget annexe' }], 1, cands)).toBeUndefined();
  });
});

describe('sitiv-ca check --compte-gestion', () => {
  it('exits 0 when the balance agrees and 1 when a cent differs, naming the figure', () => {
    const ok = join(dir, 'cli-ok.csv');
    const off = join(dir, 'cli-off.csv');
    writeFileSync(ok, balance());
    writeFileSync(off, balance('3329960.39'));
    const good = run(['check', 'fixtures/sitiv-2022-corrige', '--compte-gestion', ok]);
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toContain('info [concordance.compte-gestion] principal 2022: section results agree with the compte de gestion to the cent');
    expect(good.stdout).toContain('info [concordance.compte-gestion] TNO 2022: section results agree');
    const bad = run(['check', 'fixtures/sitiv-2022-corrige', '--compte-gestion', off, '--format', 'json']);
    expect(bad.exitCode).toBe(1);
    const report = JSON.parse(bad.stdout);
    const errors = report.findings.filter((f: { checkId: string; severity: string }) => f.checkId === 'concordance.compte-gestion' && f.severity === 'error');
    expect(errors.map((f: { figureId: string; difference: string }) => [f.figureId, f.difference])).toEqual([
      ['principal.2022.compteGestion.fonctionnement.recettes', '0.01'],
      ['principal.2022.compteGestion.fonctionnement.solde', '0.01'],
    ]);
    expect(report.provenance.inputs[0]).toMatchObject({ role: 'compte de gestion (balance DGFiP)' });
  });
});
