// Capacité de désendettement: the standard ratio by hand, ceilings, and the seed's ratio table (seed l.780–783) rebuilt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auDelaDuPlafond, capaciteDesendettement, plafondApplicable, ratioAuPremierJanvier, roundRatio, type Ratio } from '../src/compute/desendettement.js';
import { D } from '../src/money/cents.js';
import { oneDecimal } from '../src/money/format.js';
import { readSerie } from '../src/read/serie.js';
import { serieValues } from '../src/model/side-tables.js';

const SEED = readFileSync(new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url), 'utf8').split('\n');
const row = (line: number) => SEED[line - 1]!.split('\t');
const shown = (r: Ratio) => ('value' in r ? oneDecimal(r.value) : `n.s.: ${r.reason}`);

describe('standard ratio by hand', () => {
  it('encours 1 000 000 ÷ épargne 400 000 = 2,5 years', () => {
    expect(capaciteDesendettement(100000000n, 40000000n)).toEqual({ value: new D('2.5') });
  });
  it('rounds half away from zero for display: 1 250 / 1 000 = 1,25 → 1,3', () => expect(shown(capaciteDesendettement(125000n, 100000n))).toBe('1.3'));
  it('zero or negative épargne brute: not meaningful, ceiling exceeded', () => {
    expect(capaciteDesendettement(100n, 0n)).toEqual({ reason: 'épargne brute is zero: the debt cannot be repaid from savings', exceeded: true });
    const neg = capaciteDesendettement(100n, -5n);
    expect(neg).toEqual({ reason: 'épargne brute is negative: the debt cannot be repaid from savings', exceeded: true });
    expect(auDelaDuPlafond(neg, plafondApplicable('commune')!)).toBe(true);
  });
  it('no debt, positive épargne: 0 years', () => expect(shown(capaciteDesendettement(0n, 5n))).toBe('0.0'));
});

describe('ceilings', () => {
  it('LPFP 2018–2022 references: 12 years communes and EPCI-FP, 10 départements, 9 régions, with their source', () => {
    expect(plafondApplicable('commune')!.annees).toBe(12);
    expect(plafondApplicable('epci-fp')!.annees).toBe(12);
    expect(plafondApplicable('departement')!.annees).toBe(10);
    expect(plafondApplicable('region')!.annees).toBe(9);
    expect(plafondApplicable('region')!.source).toMatch(/^LPFP 2018-2022/);
  });
  it('a syndicat has no reference ceiling; its own (SITIV: 6 years) wins over any reference', () => {
    expect(plafondApplicable('syndicat')).toBeUndefined();
    expect(plafondApplicable('syndicat', 6)).toMatchObject({ id: 'entite', annees: 6 });
    expect(plafondApplicable('commune', 6)!.annees).toBe(6);
  });
  it('strictly above the ceiling, compared unrounded', () => {
    const p = plafondApplicable('syndicat', 6)!;
    expect(auDelaDuPlafond({ value: new D(6) }, p)).toBe(false);
    expect(auDelaDuPlafond({ value: new D('6.01') }, p)).toBe(true);
    expect(auDelaDuPlafond({ value: new D('5.99') }, p)).toBe(false);
  });
});

describe('golden: the seed\'s ratio table (seed l.780–783) from serie.csv', async () => {
  const serie = await readSerie('fixtures/sitiv-2018-2022/serie.csv');
  const capital = serieValues(serie, 'capital-restant-du-0101');
  const epargne = serieValues(serie, 'epargne-brute');
  const ratio = serieValues(serie, 'capacite-desendettement');
  const years = row(780).slice(1).map(Number);
  const num = (s: string) => new D(s.replace(/\s/g, '').replace(',', '.'));

  it('serie.csv transcribes every printed cell', () => {
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
    years.forEach((y, i) => {
      expect(capital.get(y)!.equals(num(row(781)[i + 1]!))).toBe(true);
      expect(epargne.get(y)!.equals(num(row(782)[i + 1]!))).toBe(true);
      expect(ratio.get(y)!.equals(num(row(783)[i + 1]!))).toBe(true);
    });
  });
  it('each printed ratio is capital au 01/01 ÷ épargne brute of the same column, one decimal', () => {
    for (const y of years) {
      const r = ratioAuPremierJanvier(capital.get(y)!, epargne.get(y)!);
      expect(shown(r)).toBe(ratio.get(y)!.toFixed(1));
    }
  });
  it('not the standard 31/12 ratio: 2019 gives 2 333 085,77 / 693 701 = 3,4, printed 3,2', () => {
    expect(shown(capaciteDesendettement(233308577n, 69370100n))).toBe('3.4');
    expect(ratio.get(2019)!.toFixed(1)).toBe('3.2');
  });
  it('the 2021 capital au 01/01 (1 997 052) is not the encours at 31/12/2020 (2 397 051,58): 399 999,58 € apart', () => {
    expect(new D('2397051.58').minus(capital.get(2021)!).toString()).toBe('399999.58');
    // With the right capital, the published method would give 3,6 years, not 3,0.
    expect(oneDecimal(new D('2397051.58').div(epargne.get(2021)!))).toBe('3.6');
  });
  it('roundRatio keeps one decimal half away from zero', () => {
    expect(roundRatio(new D('3.25')).toString()).toBe('3.3');
    expect(roundRatio(new D('3.2498')).toString()).toBe('3.2');
  });
});

describe('the standard ratio on the multi-year fixture (ledger épargne brute, debt table encours)', () => {
  // Épargne brute by hand from the présentation détaillée lines (real recettes − real dépenses of fonctionnement):
  // 2018: (24 609 + 6 154 + 60 000 + 2 916 895) − (102 558 + 668 788 + 27 662 + 1 546 145) = 662 505
  const EB: [number, bigint, bigint, string][] = [
    [2018, 66250500n, 225442426n, '3.4'],
    [2019, 31367700n, 233308577n, '7.4'],
    [2020, 56691800n, 239705158n, '4.2'],
    [2021, 59044800n, 222748155n, '3.8'],
    [2022, 58730400n, 227223192n, '3.9'],
  ];
  for (const [y, eb, encours, expected] of EB) {
    it(`${y}: ${expected} years`, () => expect(shown(capaciteDesendettement(encours, eb))).toBe(expected));
  }
  it('2019 is beyond SITIV\'s own 6-year ceiling', () => {
    expect(auDelaDuPlafond(capaciteDesendettement(233308577n, 31367700n), plafondApplicable('syndicat', 6)!)).toBe(true);
  });
});

describe("finding: how the report's épargne brute was made (fixture README, finding 3)", async () => {
  const { loadFolder } = await import('../src/read/folder.js');
  const { realisedTotal } = await import('../src/model/budget.js');
  const { depensesReelles } = await import('../src/compute/epargne.js');
  const folder = await loadFolder('fixtures/sitiv-2018-2022');
  const serie = serieValues(folder.serie!, 'epargne-brute');
  const years = folder.model.data.get('principal')!;
  /** Total recettes F with the carried R002, minus chapter 77, minus real dépenses F: euros. */
  const reading = (y: number) => {
    const ex = years.get(y)!;
    const recettes = realisedTotal(ex.flows.FR) + (ex.flows.FR.reporte?.amount ?? 0n) - (ex.flows.FR.chapters.get('77')?.realise ?? 0n);
    return (recettes - (depensesReelles(ex) as { value: bigint }).value) / 100n;
  };
  it('2018–2021: printed = recettes F including R002 − chapter 77 − real dépenses F, within 1 € (the lines are rounded)', () => {
    // The line totals are sums of euro-rounded lines: 2018 total recettes 3 590 970 here, 3 590 971 printed.
    expect([2018, 2019, 2020, 2021].map((y) => BigInt(serie.get(y)!.toFixed(0)) - reading(y))).toEqual([1n, 1n, -1n, -1n]);
  });
  it('2022 does not follow that reading: 621 317 printed, 724 259 by it', () => {
    expect(reading(2022)).toBe(724259n);
    expect(serie.get(2022)!.toFixed(0)).toBe('621317');
  });
  it('the 2021 capital au 01/01 is the encours at 31/12/2020 less the 400 000 borrowed in 2020', () => {
    const c = serieValues(folder.serie!, 'capital-restant-du-0101').get(2021)!;
    const d2020 = folder.dette!.find((d) => d.exercice === 2020)!;
    expect(new D((d2020.encours! - d2020.empruntsNouveaux!).toString()).div(100).toDecimalPlaces(0, D.ROUND_HALF_UP).equals(c)).toBe(true);
  });
});

describe('épargne de gestion and nette by hand', async () => {
  const { epargneGestion, epargneNette } = await import('../src/compute/epargne.js');
  it('gestion = brute + intérêts: 662 505 + 26 838,18 = 689 343,18', () => {
    expect(epargneGestion({ value: 66250500n }, { value: 2683818n })).toEqual({ value: 68934318n });
  });
  it('nette = brute − capital repaid: 313 677 − 307 338,49 = 6 338,51', () => {
    expect(epargneNette({ value: 31367700n }, { value: 30733849n })).toEqual({ value: 633851n });
  });
  it('a negative épargne stays negative, and an unknown term is not meaningful, with its reason', () => {
    expect(epargneNette({ value: -100n }, { value: 50n })).toEqual({ value: -150n });
    expect(epargneGestion({ value: 1n }, { reason: 'no debt figure for 2023' })).toEqual({ reason: 'intérêts unknown: no debt figure for 2023' });
    expect(epargneNette({ reason: 'no ledger for 2023' }, { value: 1n })).toEqual({ reason: 'no ledger for 2023' });
  });
});
