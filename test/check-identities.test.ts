// identity.* checks: a passing and a failing input each, with the exact message.
import { describe, expect, it } from 'vitest';
import { affectationDecision, creditsOuverts, ordreBalance } from '../src/check/identities.js';
import { rarTotals, sectionTotal } from '../src/check/totals.js';
import { annuite, encoursRollForward } from '../src/check/dette.js';
import { contextOf, LEDGER, runOn, twoYears } from './helpers/check.js';
import { makeFolder } from './helpers/folder.js';

const SEED = 'fixtures/sitiv-2022';

/** Sets an amount cell of the context's report, as a bug in a computation would. */
function corrupt(ctx: Awaited<ReturnType<typeof contextOf>>, scope: string, table: string, row: string, column: string, cents: bigint) {
  const t = ctx.report.tables.find((x) => x.scope === scope && x.id === table)!;
  t.rows.find((r) => r.id === row)!.cells[column] = { kind: 'amount', cents };
}

describe('identity.section-total', () => {
  it('passes on the seed: every total of the computed tables equals its lines', async () => {
    expect(await runOn(sectionTotal, SEED)).toEqual([]);
  });
  it('fails when a total is off by one cent, and points at its publie.csv line', async () => {
    const ctx = await contextOf(SEED);
    corrupt(ctx, 'principal.2022', 'execution', 'global', 'solde', 18149829n);
    const [f, ...rest] = sectionTotal.run(ctx);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', file: 'fixtures/sitiv-2022/publie.csv', line: 17, figureId: 'principal.2022.execution.global.solde', computed: '181498.28', difference: '0.01' });
    expect(f!.message).toBe(
      'principal.2022.execution.global.solde is 181 498,29 but the sum of fonctionnement-cumule + investissement-cumule + investissement-rar gives 181 498,28 (difference 0,01)',
    );
  });
});

describe('identity.rar-totals', () => {
  it('passes on the seed', async () => {
    expect(await runOn(rarTotals, SEED)).toEqual([]);
  });
  it('fails when the execution table carries other RAR than the detail (I)', async () => {
    const ctx = await contextOf(SEED);
    corrupt(ctx, 'TNO.2022', 'execution', 'investissement-rar', 'depenses', 30379800n);
    const found = rarTotals.run(ctx);
    expect(found.map((f) => f.message)).toEqual([
      'TNO.2022.rar.investissement-total.depenses (I) is 303 798,61 but the execution table carries 303 798,00 of investment RAR',
    ]);
  });
  it('fails when a chapter line no longer adds up to (I)', async () => {
    const ctx = await contextOf(SEED);
    corrupt(ctx, 'principal.2022', 'rar', 'I-21', 'depenses', 5453266n);
    const [f] = rarTotals.run(ctx);
    expect(f!.message).toMatch(/^principal\.2022\.rar\.investissement-total\.depenses is 578 436,20 but the sum of I-018 \+ I-10 .* \+ I-45 gives 578 436,21 \(difference -0,01\)$/);
  });
});

describe('identity.affectation', () => {
  const ledger = twoYears();
  it('passes when the decided 1068 covers the besoin and stays within the excédent', async () => {
    const dir = makeFolder(ledger, { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '300.00' }] });
    expect(await runOn(affectationDecision, dir)).toEqual([]);
  });
  it('fails when the decided 1068 is below the besoin de financement', async () => {
    const dir = makeFolder(ledger, { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '200.00' }] });
    const [f, ...rest] = await runOn(affectationDecision, dir);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('affectation[0] principal 2021: compte1068 200,00 is below the besoin de financement 250,00 it must cover first (R002 + 1068 must equal 400,00)');
    expect(f).toMatchObject({ severity: 'error', published: '200.00', computed: '250.00', difference: '-50.00' });
  });
  it('fails when the decided 1068 exceeds the excédent', async () => {
    const dir = makeFolder(ledger, { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '400.01' }] });
    expect((await runOn(affectationDecision, dir)).map((f) => f.message)).toEqual([
      'affectation[0] principal 2021: compte1068 400,01 exceeds the excédent de fonctionnement 400,00 to affect',
    ]);
  });
});

describe('identity.affectation (déficit, unknown budget)', () => {
  const deficit = [LEDGER, 'principal,2021,F,R,74,,reel,500.00,,,', 'principal,2021,F,D,011,,reel,600.00,,,'].join('\n') + '\n';
  it('fails when a 1068 is voted on a déficit', async () => {
    const dir = makeFolder(deficit, { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '10.00' }] });
    expect((await runOn(affectationDecision, dir)).map((f) => f.message)).toEqual([
      'affectation[0] principal 2021: compte1068 10,00, but the fonctionnement result -100,00 is a déficit: there is nothing to affect',
    ]);
    const zero = makeFolder(deficit, { affectation: [{ budget: 'principal', exercice: 2021, compte1068: '0' }] });
    expect(await runOn(affectationDecision, zero)).toEqual([]);
  });
  it('fails when the decision names an exercice no ledger gives', async () => {
    const dir = makeFolder(deficit, { affectation: [{ budget: 'principal', exercice: 2020, compte1068: '0' }] });
    expect((await runOn(affectationDecision, dir)).map((f) => f.message)).toEqual([
      'affectation[0]: no ledger gives budget principal for 2020: the decided 1068 applies to nothing',
    ]);
  });
});

describe('identity.ordre', () => {
  const folder = (r040: string) =>
    makeFolder([LEDGER, 'principal,2022,F,D,042,,ordre,460697.00,,,', `principal,2022,I,R,040,,ordre,${r040},,,`, 'principal,2022,F,R,74,,reel,1000.00,,,'].join('\n') + '\n');
  it('passes when 042 D equals 040 R', async () => {
    expect(await runOn(ordreBalance, folder('460697.00'))).toEqual([]);
  });
  it('fails when they differ, pointing at the ledger line', async () => {
    const dir = folder('460000.00');
    const [f, ...rest] = await runOn(ordreBalance, dir);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', line: 2, difference: '697.00' });
    expect(f!.message).toBe('principal 2022: order operations do not balance: 042 D (fonctionnement) 460 697,00 ≠ 040 R (investissement) 460 000,00 (difference 697,00)');
  });
  it('says nothing for a section given as a total (order and real cannot be told apart)', async () => {
    expect(await runOn(ordreBalance, SEED)).toEqual([]);
  });
});

describe('identity.credits-ouverts', () => {
  const folder = (co: string) => makeFolder([LEDGER, `principal,2022,F,D,011,,reel,600.00,,${co},`].join('\n') + '\n');
  it('passes when the realised stays within the crédits ouverts', async () => {
    expect(await runOn(creditsOuverts, folder('600.00'))).toEqual([]);
  });
  it('fails when it exceeds them', async () => {
    const [f] = await runOn(creditsOuverts, folder('550.00'));
    expect(f).toMatchObject({ severity: 'error', line: 2, difference: '50.00' });
    expect(f!.message).toBe('principal 2022 chapter 011 (dépenses de fonctionnement): realised 600,00 exceeds the crédits ouverts 550,00 by 50,00');
  });
});

describe('identity.encours', () => {
  const folder = (encours2022: string) =>
    makeFolder(twoYears(), { dette: 'dette.csv' }, {
      'dette.csv': `exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2021,90.00,10.00,0.00,1000.00\n2022,100.00,9.00,50.00,${encours2022}\n`,
    });
  it('passes when the encours rolls forward', async () => {
    expect(await runOn(encoursRollForward, folder('950.00'))).toEqual([]);
  });
  it('fails when it does not, pointing at the dette.csv line', async () => {
    const [f, ...rest] = await runOn(encoursRollForward, folder('940.00'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', line: 3, column: 5, published: '940.00', computed: '950.00', difference: '-10.00' });
    expect(f!.message).toBe("2022: encours at 31/12 is 940,00 but 2021's encours − amortissement + emprunts nouveaux gives 950,00 (difference -10,00)");
  });
  it('passes on the seed debt table (2018–2022 roll forward to the cent)', async () => {
    expect(await runOn(encoursRollForward, 'fixtures/sitiv-2018-2022')).toEqual([]);
  });
});

describe('identity.annuite', () => {
  it('passes on the seed debt table', async () => {
    expect(await runOn(annuite, 'fixtures/sitiv-2018-2022')).toEqual([]);
  });
  it('fails when an annuité is not amortissement + intérêts', async () => {
    const ctx = await contextOf('fixtures/sitiv-2018-2022');
    corrupt(ctx, 'principal.2018-2022', 'dette', '2020', 'annuite', 36273741n);
    expect(annuite.run(ctx).map((f) => [f.file, f.line])).toEqual([['fixtures/sitiv-2018-2022/publie.csv', 48]]);
    expect(annuite.run(ctx).map((f) => f.message)).toEqual([
      'principal.2018-2022.dette.2020.annuite is 362 737,41 but amortissement 336 034,19 + intérêts 26 703,21 = 362 737,40',
    ]);
  });
});
