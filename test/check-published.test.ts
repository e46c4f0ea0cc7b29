// published.figure and threshold.* checks: passing and failing inputs with the exact messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAmount, publishedFigure } from '../src/check/published.js';
import { roundCentsTo } from '../src/money/cents.js';
import { besoinNonCouvert, desendettement, l1612_14 } from '../src/check/thresholds.js';
import { LEDGER, runOn } from './helpers/check.js';
import { makeFolder } from './helpers/folder.js';

const LEDGER_2022 = [LEDGER, 'principal,2022,F,R,74,,reel,1000.00,,,', 'principal,2022,F,D,011,,reel,600.40,,,', 'principal,2022,F,D,012,,reel,100.00,,,'].join('\n') + '\n';

function withPublie(rows: string[], manifest: Record<string, unknown> = {}, ledger = LEDGER_2022): string {
  return makeFolder(ledger, { publie: 'publie.csv', ...manifest }, { 'publie.csv': ['id,exercice,valeur,precision,source', ...rows].join('\n') + '\n' });
}

describe('published.figure', () => {
  it('passes when the computed figure rounded half-up to the printed unit equals the printed one', async () => {
    const dir = withPublie([
      'principal.2022.execution.fonctionnement-exercice.depenses,2022,"700,40",0.01,table',
      'principal.2022.execution.fonctionnement-exercice.depenses#texte,2022,700,1,text',
      'principal.2022.execution.fonctionnement-exercice.solde,2022,299.60,0.01,text',
    ]);
    expect(await runOn(publishedFigure, dir)).toEqual([]);
  });
  it('fails with published, computed and difference', async () => {
    const dir = withPublie(['principal.2022.execution.fonctionnement-exercice.solde,2022,"309,60",0.01,§1 texte']);
    const [f, ...rest] = await runOn(publishedFigure, dir);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', line: 2, column: 3, figureId: 'principal.2022.execution.fonctionnement-exercice.solde', published: '309.60', computed: '299.60', difference: '10.00' });
    expect(f!.message).toBe('principal.2022.execution.fonctionnement-exercice.solde: published 309,60, computed 299,60, difference 10,00 (§1 texte)');
  });
  it('rounds half-up: 700,50 prints as 701, not 700', async () => {
    const ledger = [LEDGER, 'principal,2022,F,D,011,,reel,700.50,,,'].join('\n') + '\n';
    expect(await runOn(publishedFigure, withPublie(['principal.2022.execution.fonctionnement-exercice.depenses,2022,701,1,t'], {}, ledger))).toEqual([]);
    const [f] = await runOn(publishedFigure, withPublie(['principal.2022.execution.fonctionnement-exercice.depenses,2022,700,1,t'], {}, ledger));
    // 700 is the truncation of 700,50: a presentation habit, a warning rather than an error.
    expect(f!.severity).toBe('warning');
    expect(f!.message).toBe('principal.2022.execution.fonctionnement-exercice.depenses: published 700 is the computed 700,50 truncated, not rounded to 701,00 (t)');
  });
  it('--tolerance accepts a published amount within that many euros', async () => {
    const dir = withPublie(['principal.2022.execution.fonctionnement-exercice.solde,2022,"309,60",0.01,t']);
    expect(await runOn(publishedFigure, dir, { tolerance: 1000n })).toEqual([]);
    expect((await runOn(publishedFigure, dir, { tolerance: 999n })).map((f) => f.severity)).toEqual(['error']);
  });
  it('reports a printed figure without id as info, never as an error', async () => {
    const [f] = await runOn(publishedFigure, withPublie([',2022,486 107,1,parts mutualisées']));
    expect(f).toMatchObject({ severity: 'info', published: '486107' });
    expect(f!.message).toBe('printed 486 107 (parts mutualisées): no ledger computation yields this figure, not checked');
  });
  it('fails on an id the folder does not compute, or an exercice that contradicts the id', async () => {
    const found = await runOn(publishedFigure, withPublie(['principal.2022.execution.nope.solde,2022,1,1,t', 'principal.2022.execution.fonctionnement-exercice.solde,2021,"299,60",0.01,t']));
    expect(found.map((f) => f.message)).toEqual([
      'principal.2022.execution.nope.solde: no such figure in this folder (t)',
      'principal.2022.execution.fonctionnement-exercice.solde: exercice 2021 does not match the exercice 2022 of the id (t)',
    ]);
  });
  it('fails on more decimals than the precision prints', async () => {
    const [f] = await runOn(publishedFigure, withPublie(['principal.2022.execution.fonctionnement-exercice.solde,2022,"299,60",1,t']));
    expect(f!.message).toBe('principal.2022.execution.fonctionnement-exercice.solde: published 299,6 has more decimals than its precision 1 (t)');
  });
  it('compares percentages at their printed unit', async () => {
    const cofi = 'budget,partenaire,montant\nprincipal,A,50350.00\nprincipal,B,29070.00\nprincipal,C,15580.00\n';
    const dir = makeFolder(LEDGER_2022, { publie: 'publie.csv', cofinancement: 'cofinancement.csv' }, {
      'cofinancement.csv': cofi,
      'publie.csv': 'id,exercice,valeur,precision,source\nprincipal.2022.cofinancement.a.part,2022,"53,0",0.1,t\nprincipal.2022.cofinancement.b.part,2022,"30,5",0.1,t\n',
    });
    const found = await runOn(publishedFigure, dir);
    expect(found.map((f) => f.message)).toEqual(['principal.2022.cofinancement.b.part: published 30,5 %, computed 30,6 %, difference -0,1 (t)']);
  });
  it('takes a 1 € gap between a total and its lines rounded to the euro as rounding (info), a 3 € gap on 2 lines as an error', async () => {
    const ledger = [LEDGER, 'principal,2022,F,D,011,,reel,600.00,,,', 'principal,2022,F,D,012,,reel,100.00,,,', 'principal,2022,F,D,65,,reel,3.00,,,'].join('\n') + '\n';
    const ok = await runOn(publishedFigure, withPublie(['principal.2022.epargne.epargne-brute.montant,2022,-702,1,t'], { precision: '1' }, ledger));
    // épargne brute = recettes réelles − dépenses réelles: a formula over 2 figures, so up to 1 € of rounding.
    expect(ok.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'principal.2022.epargne.epargne-brute.montant: published -702, the sum of its 2 lines rounded to the euro gives -703,00: a rounding difference of 1,00 (at most 1,00) (t)'],
    ]);
    const bad = await runOn(publishedFigure, withPublie(['principal.2022.epargne.epargne-brute.montant,2022,-700,1,t'], { precision: '1' }, ledger));
    expect(bad.map((f) => f.severity)).toEqual(['error']);
  });
});

describe('threshold.desendettement', () => {
  const folder = (plafond: number) =>
    makeFolder(LEDGER_2022, { dette: 'dette.csv', entite: { nom: 'X', categorie: 'syndicat', plafondDesendettement: plafond } }, {
      'dette.csv': 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2022,100.00,10.00,0.00,1797.60\n',
    });
  it('passes within the ceiling (1 797,60 ÷ 299,60 = 6,0 years)', async () => {
    expect(await runOn(desendettement, folder(6))).toEqual([]);
  });
  it('warns above it, and is an error under --strict', async () => {
    const [f] = await runOn(desendettement, folder(5));
    expect(f).toMatchObject({ severity: 'warning', line: 2, computed: '6.0', difference: '1.0' });
    expect(f!.message).toBe('principal 2022: capacité de désendettement 6,0 years (encours 1 797,60 ÷ épargne brute 299,60) is above the ceiling of 5 years');
    expect((await runOn(desendettement, folder(5), { strict: true }))[0]!.severity).toBe('error');
    // --plafond wins over the manifest.
    expect(await runOn(desendettement, folder(5), { plafond: 7 })).toEqual([]);
  });
});

describe('threshold.l1612-14', () => {
  const folder = (depenses: string) => makeFolder([LEDGER, 'principal,2022,F,R,74,,reel,1000.00,,,', `principal,2022,F,D,011,,reel,${depenses},,,`].join('\n') + '\n');
  it('passes below 10 % of the recettes de fonctionnement', async () => {
    expect(await runOn(l1612_14, folder('1099.99'))).toEqual([]);
  });
  it('warns at 10 %', async () => {
    const [f] = await runOn(l1612_14, folder('1100.00'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toBe('2022: global closing deficit -100,00 (all budgets, restes à réaliser included) is 10,0 % of the recettes de fonctionnement 1 000,00: at or above the 10 % referral level of CGCT L1612-14');
  });
  it('uses 5 % from 20 000 inhabitants', async () => {
    expect(await runOn(l1612_14, folder('1050.00'), { population: 19999 })).toEqual([]);
    expect((await runOn(l1612_14, folder('1050.00'), { population: 20000 }))[0]!.message).toContain('is 5,0 % of the recettes de fonctionnement 1 000,00: at or above the 5 % referral level');
  });
});

describe('threshold.besoin-non-couvert', () => {
  const folder = (investissement: string) =>
    makeFolder([LEDGER, 'principal,2022,F,R,74,,reel,1000.00,,,', 'principal,2022,F,D,011,,reel,900.00,,,', `principal,2022,I,D,21,,reel,${investissement},,,`].join('\n') + '\n');
  it('passes when the excédent covers the besoin', async () => {
    expect(await runOn(besoinNonCouvert, folder('100.00'))).toEqual([]);
  });
  it('warns on the part left uncovered', async () => {
    const [f] = await runOn(besoinNonCouvert, folder('300.00'));
    expect(f).toMatchObject({ severity: 'warning', computed: '200.00', figureId: 'principal.2022.affectation.besoin-non-couvert.montant' });
    expect(f!.message).toBe('principal 2022: besoin de financement 300,00 exceeds the fonctionnement result to affect 100,00: 200,00 left uncovered');
  });
});

describe('compareAmount (properties)', () => {
  const cents = fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n });
  const unit = fc.constantFrom(1n, 10n, 100n);
  it('a computed amount printed rounded half-up to its unit always matches', () => {
    fc.assert(fc.property(cents, unit, (c, u) => compareAmount(roundCentsTo(c, u), c, u, 0n, 0n) === 'match'));
  });
  it('one printed unit more than the rounded value never matches without tolerance', () => {
    fc.assert(fc.property(cents, unit, (c, u) => compareAmount(roundCentsTo(c, u) + u, c, u, 0n, 0n) !== 'match'));
  });
  it('a tolerance at least the gap always accepts', () => {
    fc.assert(
      fc.property(cents, cents, (p, c) => {
        const gap = p > c ? p - c : c - p;
        return ['match', 'tolerated'].includes(compareAmount(p, c, 1n, gap === 0n ? 1n : gap, 0n));
      }),
    );
  });
  it('hand cases: 2 272 231,92 printed 2 272 231 is truncated; 2 272 232 matches; 2 272 230 is a mismatch', () => {
    expect(compareAmount(227223100n, 227223192n, 100n, 0n, 0n)).toBe('truncated');
    expect(compareAmount(227223200n, 227223192n, 100n, 0n, 0n)).toBe('match');
    expect(compareAmount(227223000n, 227223192n, 100n, 0n, 0n)).toBe('mismatch');
    expect(compareAmount(-74262783n, -74262783n, 1n, 0n, 0n)).toBe('match');
    expect(compareAmount(281425700n, 281425600n, 100n, 0n, 300n)).toBe('rounding');
  });
});
