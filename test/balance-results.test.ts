// Balance results worked out by hand: sections of the year, épargne, encours, capacité de désendettement, classification, concordance.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { B, BUCKET_COUNT } from '../src/model/balance.js';
import { classifyAccount } from '../src/compute/balance/classify.js';
import { concordance } from '../src/compute/balance/concordance.js';
import { planForNomen } from '../src/nomenclature/dgfip-nomen.js';
import { AMOUNT_FIELDS, balanceAmounts, balanceAmountsFast, balanceFigures, capaciteDesendettement, computeBalanceResult } from '../src/compute/balance/results.js';
import { ExactSums, sumsFromTotals } from '../src/money/exact-sum.js';
import fc from 'fast-check';
import { FIELDS, renderBalance } from '../src/render/balance.js';
import { makeProvenance } from '../src/report/provenance.js';
import { parse } from 'csv-parse/sync';
import { roundedQuotient } from '../src/money/cents.js';
import { ROOT, run } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-balance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD =
  'EXER;IDENT;NDEPT;LBUDG;INSEE;CBUDG;CTYPE;CSTYP;NOMEN;SIREN;CREGI;CACTI;SECTEUR;FINESS;CODBUD1;CATEG;BAL;FONCTION;COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC';
const A = '2024;21560078600015;056;COMMUNE D\'ESSAI, LE BOURG;078;1;101;00;M57;215600786;053;;;;;Commune;DEF';
const Z = '2024;25560001200017;056;SIVU DES ÉCOLES;000;1;401;00;M49;255600012;053;;;;;Syndicat;DEF';
//            FONCTION;COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC
const LINES = [
  HEAD,
  `${A};020;60611;0;0;1000,00;0;0;0;0;0;1000,00;0`,
  `${A};020;64111;0;0;2000;0;0;0;0;0;2000;0`,
  `${A};;66111;0;0;+150.0;0;0;0;0;0;150;0`,
  `${A};;6811;0;0;"300.00";;;;300;;300;`,
  `${A};;73111;0;0;0;4000.00;0;0;0;0;0;4000`,
  `${A};;775;0;0;0;500,00;0;0;0;0;0;500`,
  `${A};;777;0;0;0;50;0;0;0;50;0;50`,
  `${A};;1641;0;10000.00;800.00;2000.00;0;0;0;0;0;11200.00`,
  `${A};;165;0;100;0;20;0;0;0;0;0;120`,
  `${A};;16449;0;0;1000;1000;0;0;0;0;0;0`,
  `${A};;28031;0;0;0;300;0;0;0;300;0;300`,
  `${A};;2313;0;0;5000.00;0;0;0;200.00;0;5000;0`,
  `${A};;1068;0;0;0;700;0;0;0;0;0;700`,
  `${A};;515;5000;0;0;0;100000;99000;0;0;6000;0`,
  `${Z};;6042;0;0;900;0;0;0;0;0;900;0`,
  `${Z};;7478;0;0;0;800;0;0;0;0;0;800`,
  `${Z};;1641;0;3000;0;0;0;0;0;0;0;3000`,
];

describe('balance results of a hand-made balance', () => {
  const file = join(dir, 'hand.csv');
  writeFileSync(file, LINES.join('\n') + '\n');

  it('computes the year, the épargne and the debt of each entity', () => {
    const r = run(['compute', file, '--by', 'entity', '--format', 'jsonl']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [meta, a, z] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(meta.schema).toBe('sitiv-ca.balance/1');
    expect(meta.provenance.inputs).toEqual([
      { path: relative(ROOT, file) || file, role: 'balance DGFiP', sha256: createHash('sha256').update(readFileSync(file)).digest('hex') },
    ]);
    expect(meta.provenance.plans).toEqual([
      { exercice: 2024, plan: 'M4-M49_D-2024' },
      { exercice: 2024, plan: 'M57-M57_D-2024' },
    ]);
    expect(meta.summary).toEqual({ lines: 17, rejectedLines: 0, unattributedRejectedLines: 0, entities: 2 });
    // F: titres 4000 + 500 + 50 (order), mandats 1000 + 2000 + 150 + 300 (order).
    // I: titres 2000 (loan) + 20 (165) + 1000 (16449) + 300 (order) + 700 (1068); mandats 800 + 1000 + 4800 + 200 (order).
    expect(a).toMatchObject({
      lbudg: "COMMUNE D'ESSAI, LE BOURG",
      // NOMEN M57 after 2022: the développée (the abridged one is NOMEN M57A).
      plan: 'M57-M57_D-2024',
      lines: 14,
      fonctionnementRecettes: '4550.00',
      fonctionnementDepenses: '3450.00',
      fonctionnementSolde: '1100.00',
      investissementRecettes: '4020.00',
      investissementDepenses: '6800.00',
      investissementSolde: '-2780.00',
      recettesReellesFonctionnement: '4500.00',
      depensesReellesFonctionnement: '3150.00',
      interets: '150.00',
      epargneBrute: '1350.00',
      epargneGestion: '1500.00',
      remboursementCapital: '800.00',
      epargneNette: '550.00',
      empruntsNouveaux: '2000.00',
      cessions: '500.00',
      encoursDebut: '10000.00',
      encours: '11200.00',
      // 11 200 / 1 350 = 8.296…
      capaciteDesendettement: '8.3',
      capaciteDesendettementReason: null,
      restesARealiser: null,
      restesARealiserReason: 'a DGFiP balance carries no restes à réaliser',
      resultatsReportes: null,
    });
    // The syndicat (M49, the développée plan): épargne brute −100 → no capacité.
    expect(z).toMatchObject({
      lbudg: 'SIVU DES ÉCOLES',
      fonctionnementSolde: '-100.00',
      epargneBrute: '-100.00',
      encours: '3000.00',
      capaciteDesendettement: null,
      capaciteDesendettementReason: expect.stringContaining('épargne brute ≤ 0'),
    });
  });

  it('takes cessions out of real recettes with --exclude-cessions, and says so', () => {
    const r = run(['compute', file, '--by', 'entity', '--exclude-cessions']);
    expect(r.exitCode).toBe(0);
    const [header, a] = r.stdout.split('\n');
    const cols = header!.split(',');
    // The label holds a comma, so the CSV quotes it; split on the quoted field first.
    const values = a!.replace(/"[^"]*"/, 'LBUDG').split(',');
    const get = (c: string) => values[cols.indexOf(c)];
    expect(get('epargneBrute')).toBe('850.00');
    // 11 200 / 850 = 13.176…
    expect(get('capaciteDesendettement')).toBe('13.2');
    expect(r.stdout).toContain('# options by=entity excludeCessions=true definition=ca');
    expect(r.stdout).toContain('# note: proceeds of asset sales (775) left out');
  });
});

describe('compute --by: usage', () => {
  it('refuses an unknown grouping, an unknown format and a folder, with exit 2', () => {
    const file = join(dir, 'hand.csv');
    const by = run(['compute', file, '--by', 'chapter']);
    expect([by.exitCode, by.stderr.trim()]).toEqual([2, 'error: unknown --by chapter (entity)']);
    const fmt = run(['compute', file, '--by', 'entity', '--format', 'xlsx']);
    expect([fmt.exitCode, fmt.stderr.trim()]).toEqual([2, 'error: unknown format xlsx for --by entity (csv, jsonl or json)']);
    const folder = run(['compute', 'fixtures/sitiv-2022', '--by', 'entity']);
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toContain('fixtures/sitiv-2022: is a folder, expected a DGFiP balance file');
  });
});

describe('balance results (pure)', () => {
  it('rounds the capacité half up to one decimal and gives a reason when épargne brute ≤ 0', () => {
    const c = capaciteDesendettement(2_500n, 1_000n);
    expect(c.value && roundedQuotient(c.value, 1)).toBe('2.5');
    const h = capaciteDesendettement(1_025n, 1_000n); // 1.025 → 1.0 (one decimal), not a float artefact
    expect(h.value && roundedQuotient(h.value, 1)).toBe('1.0');
    const up = capaciteDesendettement(1_050n, 1_000n);
    expect(up.value && roundedQuotient(up.value, 1)).toBe('1.1');
    expect(capaciteDesendettement(100n, 0n)).toEqual({ value: null, reason: expect.stringContaining('nulle') });
    expect(capaciteDesendettement(100n, -1n)).toEqual({ value: null, reason: expect.stringContaining('négative') });
  });

  it('derives every figure from the slots', () => {
    const t = new Array<bigint>(BUCKET_COUNT).fill(0n);
    t[B.FR_REEL] = 10_000n;
    t[B.FR_ORDRE] = 7n;
    t[B.FD_REEL] = 8_000n;
    t[B.FD_ORDRE] = 500n;
    t[B.INTERETS] = 300n;
    t[B.CAPITAL] = 1_200n;
    t[B.CESSIONS] = 1_000n;
    t[B.ENCOURS_FIN] = 9_000n;
    const r = computeBalanceResult(t);
    expect(r.fonctionnement).toEqual({ recettes: 10_007n, depenses: 8_500n, solde: 1_507n });
    expect([r.epargneBrute, r.epargneGestion, r.epargneNette]).toEqual([2_000n, 2_300n, 800n]);
    expect(computeBalanceResult(t, { excludeCessions: true }).epargneBrute).toBe(1_000n);
  });

  it('gives the same figures on the safe-integer path as in BigInt, and takes BigInt past 2^49 cents a slot', () => {
    const slot = fc.bigInt({ min: -(2n ** 49n) + 1n, max: 2n ** 49n - 1n });
    fc.assert(
      fc.property(fc.array(slot, { minLength: BUCKET_COUNT, maxLength: BUCKET_COUNT }), fc.boolean(), (t, excludeCessions) => {
        const fast = balanceAmountsFast(t.map(Number), { excludeCessions });
        expect(fast?.map(BigInt)).toEqual(balanceAmounts(t, { excludeCessions }));
        const r = computeBalanceResult(t, { excludeCessions });
        const byName = Object.fromEntries(AMOUNT_FIELDS.map((n, i) => [n, balanceAmounts(t, { excludeCessions })[i]]));
        expect([r.fonctionnement.solde, r.investissement.recettes, r.epargneNette, r.encours]).toEqual([
          byName.fonctionnementSolde, byName.investissementRecettes, byName.epargneNette, byName.encours,
        ]);
      }),
      { numRuns: 500 },
    );
    const huge = new ExactSums(BUCKET_COUNT);
    huge.add(B.FR_REEL, 2 ** 50);
    expect(balanceAmountsFast(huge.fast)).toBeUndefined();
    expect(balanceFigures(huge).amounts[AMOUNT_FIELDS.indexOf('epargneBrute')]).toBe(2n ** 50n);
  });

  it('writes the CSV columns in the order of FIELDS, the same values as the JSON lines', () => {
    const t = new Array<bigint>(BUCKET_COUNT).fill(0n);
    t[B.FR_REEL] = 123_456n;
    t[B.FD_REEL] = 200_000n;
    t[B.ENCOURS_FIN] = 5n;
    const entity = { key: 'k', ctxKey: 'M57|2024', exer: '2024', ident: '1', cbudg: '1', siren: '2', insee: '3', ndept: '069', lbudg: 'SYND, "X"', ctype: '', categ: 'Syndicat', nomen: 'M57', plan: 'M57-M57-2024', firstLine: 2, lines: 3, rejected: 0 };
    const sums = sumsFromTotals(t);
    const figures = balanceFigures(sums);
    const prov = makeProvenance([], new Map(), {});
    const summary = { lines: 3, rejectedLines: 0, unattributedRejectedLines: 0, entities: 1 };
    const csv = renderBalance('csv', [{ entity, figures }], prov, summary, []).bytes().toString('utf8').split('\n');
    const jsonLine = renderBalance('jsonl', [{ entity, figures }], prov, summary, []).bytes().toString('utf8').split('\n')[1]!;
    const json = JSON.parse(jsonLine);
    // Valid JSON, in the canonical text JSON.stringify gives, with the keys of FIELDS in order.
    expect(jsonLine).toBe(JSON.stringify(json));
    expect(Object.keys(json)).toEqual([...FIELDS]);
    expect(csv[0]).toBe(FIELDS.join(','));
    const parsed = parse(csv.slice(0, 2).join('\n'), { columns: true })[0] as Record<string, string>;
    for (const f of FIELDS) expect([f, parsed[f]]).toEqual([f, json[f] === null ? '' : String(json[f])]);
    expect(parsed.fonctionnementSolde).toBe('-765.44');
    expect(parsed.lbudg).toBe('SYND, "X"');
  });
});

describe('account classification through the plan', () => {
  const { plan } = planForNomen('M57', 2024);
  it('puts each flow in the section its chapter belongs to', () => {
    const c775 = classifyAccount(plan, '775');
    expect([c775.rReel, c775.chapitres.rReel, c775.sale]).toEqual([B.FR_REEL, '77', true]);
    const c1068 = classifyAccount(plan, '1068');
    expect([c1068.rReel, c1068.dOrdre]).toEqual([B.IR_REEL, B.ID_ORDRE]);
    expect(classifyAccount(plan, '6811').dOrdre).toBe(B.FD_ORDRE);
    expect(classifyAccount(plan, '28031').rOrdre).toBe(B.IR_ORDRE);
    const debt = classifyAccount(plan, '1641');
    expect([debt.debt, debt.dReel, debt.chapitres.dReel]).toEqual([true, B.ID_REEL, '16']);
    expect(classifyAccount(plan, '16449').debt).toBe(false);
    // The ca definition's capital repaid (src/definitions/ca.ts) takes 16441: so does --by entity.
    expect(classifyAccount(plan, '16441').debt).toBe(true);
    expect(classifyAccount(plan, '66112').interest).toBe(true);
  });

  it('falls back on the account class when the plan gives no chapter', () => {
    // In the 2022 M57 plan 7351 carries no flow at all (the XML lists it with no DR/RR attribute).
    const c = classifyAccount(planForNomen('M57', 2022).plan, '7351');
    expect([c.rReel, c.chapitres.rReel]).toEqual([B.FR_REEL, '']);
    expect(classifyAccount(undefined, '2313').dReel).toBe(B.ID_REEL);
    expect(planForNomen('M22', 2024)).toEqual({ label: 'classe de compte (pas de plan pour M22)' });
    expect(planForNomen('M4', 2024).label).toBe('M4-M4-2024');
    expect(planForNomen('m57a', 2024).label).toBe('M57-M57_A-2024');
  });
});

describe('concordance of a CA with the balance', () => {
  const year = (r: bigint, d: bigint) => ({ recettes: r, depenses: d, solde: r - d });
  it('agrees when every section total matches to the cent, and names the gaps otherwise', () => {
    const bal = { fonctionnement: year(332_996_040n, 320_277_711n), investissement: year(112_930_549n, 108_647_778n) };
    const same = concordance({ fonctionnement: year(332_996_040n, 320_277_711n), investissement: year(112_930_549n, 108_647_778n) }, bal);
    expect(same.concordant).toBe(true);
    expect(same.lines.map((l) => l.id)).toEqual([
      'fonctionnement.recettes', 'fonctionnement.depenses', 'fonctionnement.solde',
      'investissement.recettes', 'investissement.depenses', 'investissement.solde',
    ]);
    const off = concordance({ fonctionnement: year(332_996_041n, 320_277_711n), investissement: year(112_930_549n, 108_647_778n) }, bal);
    expect(off.concordant).toBe(false);
    expect(off.lines.filter((l) => l.ecart !== 0n).map((l) => [l.id, l.ecart])).toEqual([
      ['fonctionnement.recettes', 1n],
      ['fonctionnement.solde', 1n],
    ]);
  });
});
