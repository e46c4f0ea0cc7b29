// Each known variant of a published ratio on a hand-computed ledger: the standard value, the variant's, and which one check names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedAs } from '../src/check/ratio-eval.js';
import { D } from '../src/money/cents.js';
import { parsePrinted } from '../src/check/printed-figure.js';
import type { RatioInputs } from '../src/check/ratio-eval.js';
import { bridge, judge, type Verdict } from '../src/check/variant-explain.js';
import { CA_DEFINITION } from '../src/definitions/index.js';
import type { CategorieKey, Definition } from '../src/definitions/types.js';
import { applyVariant, VARIANTS } from '../src/definitions/variants.js';
import { setLang } from '../src/messages/index.js';
import { addRow, emptyModel } from '../src/model/budget.js';
import type { LedgerRow } from '../src/model/ledger.js';

setLang('en');
const E = 100n; // cents per euro

type R = [section: 'F' | 'I', sens: 'D' | 'R', chapitre: string, compte: string, euros: number, nature?: 'reel' | 'ordre' | ''];
function exercice(rows: R[]) {
  const model = emptyModel([{ id: 'b', label: 'B' }]);
  rows.forEach(([section, sens, chapitre, compte, euros, nature = 'reel'], i) => {
    const row: LedgerRow = { budget: 'b', exercice: 2021, section, sens, chapitre, compte, nature: nature as LedgerRow['nature'], realise: BigInt(euros) * E, rar: 0n, file: 't.csv', line: i + 2 };
    expect(addRow(model, row)).toEqual([]);
  });
  return model.data.get('b')!.get(2021)!;
}

/*
 * The ledger (M14 commune, euros):
 *   FR real  70/7066 500 000, 73/73111 200 000, 74/7411 100 000, 77/775 50 000, 77/7788 10 000 → RRF 860 000
 *   FR order 042/722 20 000 (travaux en régie), 042/776 5 000;  R002 carried 40 000
 *   FD real  011/60611 300 000, 012/64111 250 000, 66/66111 10 000 → DRF 560 000;  FD order 042/6811 30 000
 *   ID real  16/1641 80 000, 16/165 3 000, 20/2031 10 000, 204/2041512 15 000, 21/2183 60 000, 23/2313 40 000;  ID order 040/2313 20 000
 *   IR real  16/1641 100 000
 * Encours 01/01 1 180 000, 31/12 1 200 000 (= 1 180 000 − 80 000 + 100 000); PopTot 1 000, PopTot + NbResSec 1 200.
 * Standard: capital repaid 80 000; équipement brut 10 000 + 60 000 + 40 000 + 722 20 000 = 130 000; DRF hors régie
 * 540 000; épargne brute 300 000, nette 220 000.
 */
const main = exercice([
  ['F', 'R', '70', '7066', 500000], ['F', 'R', '73', '73111', 200000], ['F', 'R', '74', '7411', 100000], ['F', 'R', '77', '775', 50000], ['F', 'R', '77', '7788', 10000],
  ['F', 'R', '042', '722', 20000, 'ordre'], ['F', 'R', '042', '776', 5000, 'ordre'], ['F', 'R', '002', '', 40000, ''],
  ['F', 'D', '011', '60611', 300000], ['F', 'D', '012', '64111', 250000], ['F', 'D', '66', '66111', 10000], ['F', 'D', '042', '6811', 30000, 'ordre'],
  ['I', 'D', '16', '1641', 80000], ['I', 'D', '16', '165', 3000], ['I', 'D', '20', '2031', 10000], ['I', 'D', '204', '2041512', 15000], ['I', 'D', '21', '2183', 60000], ['I', 'D', '23', '2313', 40000], ['I', 'D', '040', '2313', 20000, 'ordre'],
  ['I', 'R', '16', '1641', 100000],
]);

const inputs = (ex = main, categorie: CategorieKey = 'commune', population = 1000, others = [1200]): RatioInputs => ({
  ex,
  norme: 'M14',
  categorie,
  encours: { value: 1200000n * E },
  encours0101: { value: 1180000n * E },
  population: { value: population, source: 'PopTot' },
  otherPopulations: others.map((value) => ({ value, source: 'PopTot + NbResSec' })),
});

const code = (c: string) => CA_DEFINITION.ratios.find((r) => r.code === c)!;
function verdict(c: string, text: string, inp = inputs(), def: Definition = CA_DEFINITION): Verdict {
  const r = code(c);
  return judge(def, { kind: 'ratio', id: r.id, percent: r.unit === 'pourcentage' }, inp, parsePrinted(text)!);
}
const named = (v: Verdict) => (v.kind === 'variant' ? v.variants.map((x) => x.id).join(' + ') : v.kind);

describe('the standard ratios of the hand ledger match their hand values', () => {
  it.each([
    ['ValDepRFonc', '540,00'], // (560 000 − 722 20 000) / 1 000
    ['ValProdImpo', '200,00'], // 73111 200 000 / 1 000
    ['ValRecRFonc', '860,00'],
    ['ValDepEq', '130,00'],
    ['ValEncDettePop', '1 200,00'],
    ['ValDGFPop', '100,00'], // 7411 100 000 / 1 000
    ['ValDepPers', '44,64 %'], // 250 000 / 560 000 = 44,642857 %
    ['ValDepPers', '0.446429'], // the same printed as a fraction
    ['ValDepPers', '44,6'], // a percentage without its sign, one decimal
    ['ValDepFoncRemDette', '74,42 %'], // (560 000 + 80 000) / 860 000 = 74,418605 %
    ['ValDepEqB', '15,12 %'], // 130 000 / 860 000 = 15,116279 %
    ['ValEncDetteRecFonc', '139,53 %'], // 1 200 000 / 860 000 = 139,534884 %
    ['ValEparRFonc', '34,88 %'], // 300 000 / 860 000 = 34,883721 %
    ['ValEparNetRFonc', '25,58 %'], // 220 000 / 860 000 = 25,581395 %
    ['ValEncDetteEpar', '4.000000'], // 1 200 000 / 300 000 years
  ])('%s %s', (c, text) => {
    expect(verdict(c, text)).toEqual({ kind: 'match' });
  });
});

describe('each variant reproduces the published figure it explains, and is named', () => {
  it.each([
    // encours 01/01: 1 180 000 / 1 000
    ['ValEncDettePop', '1 180,00', 'encours-01-01'],
    // 204 counted: (130 000 + 15 000) / 1 000
    ['ValDepEq', '145,00', 'equipement-avec-204'],
    // régie not deducted: 560 000 / 1 000
    ['ValDepRFonc', '560,00', 'regie-non-deduite'],
    // 722 left out of équipement: 110 000 / 1 000
    ['ValDepEq', '110,00', 'equipement-sans-regie'],
    // chapter 16 whole: (560 000 + 80 000 + 165 3 000) / 860 000 = 74,767442 %
    ['ValDepFoncRemDette', '74,77 %', 'chapitre-16-entier'],
    // épargne nette as denominator: 1 200 000 / 220 000 = 5,454545… years
    ['ValEncDetteEpar', '5.454545', 'epargne-nette-pour-brute'],
    // épargne nette where ratio 11 says brute: 220 000 / 860 000
    ['ValEparRFonc', '25,58 %', 'epargne-nette-pour-brute'],
    // R002 in recettes: (860 000 + 40 000) / 1 000
    ['ValRecRFonc', '900,00', 'reporte-002-recettes'],
    // 775 out: 810 000 / 1 000
    ['ValRecRFonc', '810,00', 'cessions-retirees'],
    // 77 out (775 and 7788): 800 000 / 1 000
    ['ValRecRFonc', '800,00', 'sans-chapitre-77'],
    // order operations kept: (860 000 + 722 20 000 + 776 5 000) / 1 000
    ['ValRecRFonc', '885,00', 'operations-ordre'],
    // PopTot + NbResSec: 860 000 / 1 200 = 716,6667
    ['ValRecRFonc', '716,67', 'autre-population'],
    // truncated: 15,116279 % cut to 15,11 (rounded: 15,12)
    ['ValDepEqB', '15,11 %', 'troncature'],
  ])('%s published %s → %s', (c, text, id) => {
    expect(named(verdict(c, text))).toBe(id);
  });

  it('travaux en régie deducted where the category does not deduct them (a département): 540 000 / 1 000', () => {
    expect(verdict('ValDepRFonc', '560,00', inputs(main, 'departement'))).toEqual({ kind: 'match' });
    expect(named(verdict('ValDepRFonc', '540,00', inputs(main, 'departement')))).toBe('regie-deduite');
  });

  // A second ledger: FD 011 100 000 and a carried deficit D002 20 000; FR 70 150 000; ID 16/1641 5 000 and 16/1681 1 000.
  const small = exercice([['F', 'D', '011', '60611', 100000], ['F', 'D', '002', '', 20000, ''], ['F', 'R', '70', '7066', 150000], ['I', 'D', '16', '1641', 5000], ['I', 'D', '16', '1681', 1000]]);
  const smallInputs = inputs(small, 'autre', 100, []);

  it('D002 counted in dépenses: (100 000 + 20 000) / 100 = 1 200,00 (standard 1 000,00)', () => {
    expect(verdict('ValDepRFonc', '1 000,00', smallInputs)).toEqual({ kind: 'match' });
    expect(named(verdict('ValDepRFonc', '1 200,00', smallInputs))).toBe('reporte-002-depenses');
  });

  it('1641 only as capital repaid: (100 000 + 5 000) / 150 000 = 70,00 % (standard with 1681: 106 000 / 150 000 = 70,67 %)', () => {
    expect(verdict('ValDepFoncRemDette', '70,67 %', smallInputs)).toEqual({ kind: 'match' });
    expect(named(verdict('ValDepFoncRemDette', '70,00 %', smallInputs))).toBe('capital-1641-seul');
  });

  it('cessions kept, against a definition that takes 775 out (by exclusion or by a negative term): 860 000 / 1 000', () => {
    const rrf = (terms: Definition['aggregates'][number]['terms']) => ({ ...CA_DEFINITION, aggregates: CA_DEFINITION.aggregates.map((a) => (a.id === 'recettes-reelles-fonctionnement' ? { ...a, terms } : a)) });
    const byExclusion = rrf({ default: [{ sign: 1, flow: 'FR', operation: 'reel', except: ['775'] }] });
    const byTerm = rrf({ default: [{ sign: 1, flow: 'FR', operation: 'reel' }, { sign: -1, flow: 'FR', operation: 'reel', chapters: ['77'], accounts: ['775'] }] });
    for (const def of [byExclusion, byTerm]) {
      expect(verdict('ValRecRFonc', '810,00', inputs(), def)).toEqual({ kind: 'match' });
      expect(named(verdict('ValRecRFonc', '860,00', inputs(), def))).toBe('cessions-gardees');
    }
    // Under the ca definition, whose recettes réelles keep 775, the variant leaves them as they are (it is not tried).
    const rrfOf = (d: Definition) => d.aggregates.find((a) => a.id === 'recettes-reelles-fonctionnement');
    expect(rrfOf(applyVariant(CA_DEFINITION, VARIANTS.find((v) => v.id === 'cessions-gardees')!))).toEqual(rrfOf(CA_DEFINITION));
    expect(verdict('ValRecRFonc', '123,45')).toMatchObject({ kind: 'mismatch' });
  });
});

describe('the finding’s parts', () => {
  it('says what changed, by account', () => {
    const v = verdict('ValDepEq', '145,00');
    expect(v).toMatchObject({ kind: 'variant', computed: '130,00', difference: 'numerator 130 000,00 → 145 000,00 (+ 15 000,00) [+ 2041512 15 000,00]' });
    expect(verdict('ValRecRFonc', '716,67')).toMatchObject({ difference: 'population 1000 → 1200 (PopTot + NbResSec)' });
    expect(verdict('ValDepEqB', '15,11 %')).toMatchObject({ computed: '15,12 %', difference: 'truncated to 15,11 instead of rounded to 15,12' });
    expect(verdict('ValEncDettePop', '1 180,00')).toMatchObject({ difference: 'numerator 1 200 000,00 → 1 180 000,00 (− 20 000,00)' });
  });

  it('a figure no variant reproduces is a mismatch, with how many variants applied; no population is n.s.', () => {
    expect(verdict('ValRecRFonc', '123,45')).toMatchObject({ kind: 'mismatch', computed: '860,00' });
    expect((verdict('ValRecRFonc', '123,45') as { tried: number }).tried).toBeGreaterThan(4);
    expect(verdict('ValRecRFonc', '860,00', { ...inputs(), population: { reason: 'no PopTot' } })).toEqual({ kind: 'ns', reason: 'no PopTot' });
  });

  it('lists at most five accounts of a bridge', () => {
    const c = (compte: string, amount: bigint) => ({ flow: 'FR' as const, chapitre: '70', compte, amount, via: [] });
    expect(bridge([], ['1', '2', '3', '4', '5', '6', '7'].map((k) => c(k, 100n)))).toBe('+ 1 1,00, + 2 1,00, + 3 1,00, + 4 1,00, + 5 1,00, … 2 more');
  });
});

describe('printed figures', () => {
  it.each([
    ['646,40', { plain: '646.40', decimals: 2, percent: false }],
    ['50,62 %', { plain: '50.62', decimals: 2, percent: true }],
    ['1.503911', { plain: '1.503911', decimals: 6, percent: false }],
    ['7 242,93', { plain: '7242.93', decimals: 2, percent: false }],
    ['2\u202f781\u00a0777,00', { plain: '2781777.00', decimals: 2, percent: false }],
    ['1.234.567', { plain: '1234567', decimals: 0, percent: false }],
    ['-0,00', { plain: '0.00', decimals: 2, percent: false }],
    ['-3,5 %', { plain: '-3.5', decimals: 1, percent: true }],
  ])('%s', (text, expected) => {
    expect(parsePrinted(text)).toEqual(expected);
  });
  it.each(['', 'n.c.', '12,3,4', '1.2.3', '%'])('%s is not a number', (text) => {
    expect(parsePrinted(text)).toBeUndefined();
  });
});

describe('the variants list', () => {
  it('has unique ids, an explanation in the catalogue for each, and a row in docs/check.md', async () => {
    const { readFileSync } = await import('node:fs');
    const { hasMessage } = await import('../src/messages/index.js');
    const doc = readFileSync(new URL('../docs/check.md', import.meta.url), 'utf8');
    expect(new Set(VARIANTS.map((v) => v.id)).size).toBe(VARIANTS.length);
    for (const v of VARIANTS) {
      expect(hasMessage(`ratios.${v.explanation}`), v.id).toBe(true);
      expect(doc, v.id).toContain(`| \`${v.id}\` |`);
    }
  });
});

describe('printed precision in integer arithmetic', () => {
  it('rounds half away from zero and truncates toward zero as decimal.js does, for percentages and plain ratios', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.boolean(), fc.integer({ min: 0, max: 6 }), fc.constantFrom(1n, 100n), (num, den, neg, decimals, scale) => {
        const d = neg ? -den : den;
        const exact = new D(num.toString()).times(scale.toString()).div(d.toString());
        const fix = (x: InstanceType<typeof D>) => (x.isZero() ? x.abs() : x).toFixed(decimals);
        expect(printedAs({ num, den: d }, decimals, scale)).toBe(fix(exact.toDecimalPlaces(decimals, D.ROUND_HALF_UP)));
        expect(printedAs({ num, den: d }, decimals, scale, 'troncature')).toBe(fix(exact.toDecimalPlaces(decimals, D.ROUND_DOWN)));
      }),
    );
  });
});
