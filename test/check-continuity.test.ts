// continuity.*, cross.* and between-budgets.* checks: a passing and a failing input each, with the exact message.
import { describe, expect, it } from 'vitest';
import { flows } from '../src/check/between-budgets.js';
import { r001, r002, rarContinuity } from '../src/check/continuity.js';
import { detteLedger, encoursOpening } from '../src/check/dette.js';
import { LEDGER, runOn, twoYears } from './helpers/check.js';
import { makeFolder } from './helpers/folder.js';
import { run } from './helpers/run.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

describe('continuity.r001', () => {
  it('passes when D001 of 2022 is the solde d’exécution cumulé of 2021', async () => {
    expect(await runOn(r001, makeFolder(twoYears()))).toEqual([]);
  });
  it('fails otherwise, pointing at the 001 line', async () => {
    const [f, ...rest] = await runOn(r001, makeFolder(twoYears({ d001: '210.00' })));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', line: 7, published: '-210.00', computed: '-200.00', difference: '-10.00' });
    expect(f!.message).toBe("principal 2022: D001 carries -210,00 but the solde d'exécution cumulé of 2021 is -200,00 (difference -10,00)");
  });
  it('names the spreadsheet cell when the ledger is an XLSX workbook', async () => {
    const dir = makeFolder(twoYears({ d001: '210.00' }));
    expect(run(['convert', join(dir, 'ledger.csv'), join(dir, 'ledger.xlsx')]).exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, ledgers: ['ledger.xlsx'] }));
    const [f] = await runOn(r001, dir);
    expect(f).toMatchObject({ file: join(dir, 'ledger.xlsx'), line: 7, difference: '-10.00' });
    expect(f!.cell).toMatch(/^[^!]+!A7$/);
    const text = run(['check', dir]).stdout;
    expect(text).toContain(`ledger.xlsx:7 (${f!.cell})`);
  });
  it('reports the seed multi-year folder: R001 never follows the détaillée tables of the year before', async () => {
    const found = await runOn(r001, 'fixtures/sitiv-2018-2022');
    expect(found.map((f) => [f.line, f.difference])).toEqual([
      [22, '11059.00'],
      [23, '879.00'],
      [23, '10350.00'],
      [23, '9519.00'],
    ]);
  });
});

describe('continuity.r002', () => {
  it('passes when R002 + 1068 is the résultat cumulé of 2021', async () => {
    expect(await runOn(r002, makeFolder(twoYears()))).toEqual([]);
  });
  it('fails when they do not add up (1068 in the ledger)', async () => {
    const [f] = await runOn(r002, makeFolder(twoYears({ r002: '160.00' })));
    expect(f).toMatchObject({ severity: 'error', line: 6, difference: '10.00' });
    expect(f!.message).toBe('principal 2022: R002 160,00 + 1068 250,00 = 410,00 but the résultat de fonctionnement cumulé of 2021 is 400,00 (difference 10,00)');
  });
  it('takes the 1068 from a decision of the manifest when the ledger has none', async () => {
    const dir = makeFolder(twoYears({ c1068: null, r002: '100.00' }), { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '300.00' }] });
    expect(await runOn(r002, dir)).toEqual([]);
  });
  it('warns, without 1068, when R002 exceeds what the besoin leaves', async () => {
    expect(await runOn(r002, makeFolder(twoYears({ c1068: null })))).toEqual([]);
    const [f] = await runOn(r002, makeFolder(twoYears({ c1068: null, r002: '160.00' })));
    expect(f).toMatchObject({ severity: 'warning', computed: '150.00', difference: '10.00' });
    expect(f!.message).toBe('principal 2022: R002 160,00 exceeds what 2021 leaves after covering its besoin de financement, 150,00 (difference 10,00); the 1068 of 2022 is not in the ledger');
  });
});

describe('continuity.rar', () => {
  it('passes when the RAR taken over equal the RAR at 31/12 of the year before', async () => {
    expect(await runOn(rarContinuity, makeFolder(twoYears({ rarPrecedent: '50.00' })))).toEqual([]);
  });
  it('fails otherwise', async () => {
    const [f] = await runOn(rarContinuity, makeFolder(twoYears({ rarPrecedent: '40.00' })));
    expect(f).toMatchObject({ severity: 'error', line: 10, difference: '-10.00' });
    expect(f!.message).toBe('principal 2022 chapter 21 (ID): RAR taken over 40,00 but the RAR at 31/12/2021 are 50,00 (difference -10,00)');
  });
});

describe('continuity.encours', () => {
  const folder = (encours2021: string, printed: string) =>
    makeFolder(twoYears(), { dette: 'dette.csv', serie: 'serie.csv' }, {
      'dette.csv': `exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2021,90.00,10.00,0.00,${encours2021}\n`,
      'serie.csv': `id,exercice,valeur,source\ncapital-restant-du-0101,2022,${printed},test\n`,
    });
  it('passes when the 01/01 encours is the 31/12 encours of the year before, rounded to its unit', async () => {
    expect(await runOn(encoursOpening, folder('1000.40', '"1 000"'))).toEqual([]);
  });
  it('fails on a different figure', async () => {
    const [f] = await runOn(encoursOpening, folder('1000.40', '"1 900"'));
    expect(f).toMatchObject({ severity: 'error', line: 2, column: 3, difference: '899.60' });
    expect(f!.message).toBe('capital restant dû au 01/01/2022 printed 1 900 but the encours at 31/12/2021 is 1 000,40 (difference 899,60)');
  });
  it('warns on a truncated figure', async () => {
    const [f] = await runOn(encoursOpening, folder('1000.60', '"1 000"'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toBe('capital restant dû au 01/01/2022 printed 1 000 is the encours at 31/12/2021 1 000,60 truncated, not rounded (1 001,00)');
  });
  it('finds the seed ratio table’s 01/01/2021 typo and its truncated 2023 column', async () => {
    const found = await runOn(encoursOpening, 'fixtures/sitiv-2018-2022');
    expect(found.map((f) => [f.severity, f.published, f.computed])).toEqual([
      ['error', '1997052.00', '2397051.58'],
      ['warning', '2272231.00', '2272231.92'],
    ]);
  });
});

describe('cross.dette-ledger', () => {
  const folder = (amortissement: string, byAccount: boolean) =>
    makeFolder([LEDGER, `principal,2022,I,D,16,${byAccount ? '1641' : ''},reel,100.00,,,`, 'principal,2022,F,R,74,,reel,1000.00,,,'].join('\n') + '\n', { dette: 'dette.csv' }, {
      'dette.csv': `exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2022,${amortissement},9.00,,\n`,
    });
  it('passes when the debt table and chapter 16 agree', async () => {
    expect(await runOn(detteLedger, folder('100.00', false))).toEqual([]);
  });
  it('warns at chapter level', async () => {
    const dir = folder('110.00', false);
    const [f] = await runOn(detteLedger, dir);
    expect(f).toMatchObject({ severity: 'warning', line: 2, column: 2, difference: '10.00' });
    expect(f!.message).toBe(`2022: the debt table's capital repaid (amortissement) is 110,00 but the ledger's chapter 16 dépenses give 100,00 (${dir}/ledger.csv:2) (difference 10,00)`);
  });
  it('fails when the ledger has the loan accounts', async () => {
    const dir = folder('110.00', true);
    const [f] = await runOn(detteLedger, dir);
    expect(f!.severity).toBe('error');
    expect(f!.message).toBe(`2022: the debt table's capital repaid (amortissement) is 110,00 but the ledger's loan accounts of chapter 16 dépenses give 100,00 (${dir}/ledger.csv:2) (difference 10,00)`);
  });
  it('warns on the seed 2018 chapter 16, 11 059,52 above the amortissement, and on nothing else', async () => {
    const found = await runOn(detteLedger, 'fixtures/sitiv-2018-2022');
    expect(found.map((f) => [f.severity, f.line, f.difference])).toEqual([['warning', 2, '-11059.52']]);
  });
});

describe('between-budgets.flows', () => {
  const folder = (received: string) => {
    const manifest = { budgets: [{ id: 'principal', label: 'Budget principal' }, { id: 'TNO', label: 'Annexe' }], ledgers: ['ledger.csv', 'tno.csv'] };
    return makeFolder([LEDGER, `principal,2022,F,R,70,70872,reel,${received},,,`].join('\n') + '\n', manifest, {
      'tno.csv': [LEDGER, 'TNO,2022,F,D,011,62871,reel,95000.00,,,'].join('\n') + '\n',
    });
  };
  it('lists a flow paid by the annexe and received by the principal budget', async () => {
    const found = await runOn(flows, folder('95000.00'));
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['info', "2022 TNO → principal: remboursement de frais de l'annexe au budget principal: 95 000,00 paid (62871) and received (70872)"],
    ]);
  });
  it('warns when the amounts differ', async () => {
    const [f] = await runOn(flows, folder('90000.00'));
    expect(f).toMatchObject({ severity: 'warning', difference: '5000.00' });
    expect(f!.message).toBe("2022 TNO → principal: remboursement de frais de l'annexe au budget principal: 95 000,00 paid (62871) but 90 000,00 received (70872) (difference 5 000,00)");
  });
});
