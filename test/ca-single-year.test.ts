// The single-year CA tables on a hand-computed ledger: chapters, épargne, dette, capacité, ratios, and check on them.
import { describe, expect, it } from 'vitest';
import { buildComputeReport } from '../src/report/compute-report.js';
import { loadFolder } from '../src/read/folder.js';
import { figures } from '../src/render/json.js';
import { makeFolder } from './helpers/folder.js';
import { run } from './helpers/run.js';
import { resolvePlan } from '../src/nomenclature/plan.js';

const H = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,credits_ouverts';
const L = (s: string, c: string, compte: string, n: string, real: string, rar = '', co = '') => `principal,2022,${s},${c},${compte},${n},${real},${rar},${co}`;
const LEDGER = [
  H,
  L('F,D', '011', '60611', 'reel', '1200.00', '', '1000.00'), // taux 120 %
  L('F,D', '65', '6574', 'reel', '50.00', '', '0.00'), // ouverts 0: taux n.s.
  L('F,D', '66', '66111', 'reel', '400.00', '', '500.00'),
  L('F,D', '66', '66112', 'reel', '50.00', '', '50.00'), // ICNE of 2022 net of the 2021 reversal
  L('F,D', '012', '6411', 'reel', '2000.00', '', '2500.00'),
  L('F,D', '042', '6811', 'ordre', '300.00', '', '300.00'),
  L('F,D', '023', '', 'ordre', '0.00', '', '700.00'),
  L('F,R', '70', '7066', 'reel', '10000.00', '', '9000.00'), // more collected than planned: écart −1 000
  L('F,R', '77', '775', 'reel', '500.00', '', '0.00'),
  L('F,R', '77', '773', 'reel', '100.00', '', '0.00'),
  L('F,R', '731', '73111', 'reel', '3000.00', '', '3000.00'),
  L('F,R', '74', '74111', 'reel', '800.00', '', '800.00'),
  L('F,R', '042', '722', 'ordre', '200.00', '', '200.00'),
  L('I,D', '16', '1641', 'reel', '1000.00', '', '1000.00'),
  L('I,D', '16', '16449', 'reel', '2000.00', '', '2000.00'),
  L('I,D', '16', '166', 'reel', '5000.00', '', '5000.00'),
  L('I,D', '21', '2183', 'reel', '4000.00', '600.00', '5000.00'),
  L('I,D', '040', '2183', 'ordre', '200.00', '', '200.00'),
  L('I,R', '16', '1641', 'reel', '8000.00', '', '8000.00'),
  L('I,R', '16', '16449', 'reel', '2000.00', '', '2000.00'),
  L('I,R', '16', '166', 'reel', '5000.00', '', '5000.00'),
  L('I,R', '040', '28183', 'ordre', '300.00', '', '300.00'),
  L('I,R', '021', '', 'ordre', '0.00', '', '700.00'),
].join('\n') + '\n';

const DETTE = 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2021,,,,20000.00\n2022,,,,27000.00\n';
const manifest = { entite: { nom: 'Commune test', categorie: 'commune', population: 1000 }, dette: 'dette.csv' };

async function report(extra: Record<string, unknown> = {}, files: Record<string, string> = {}) {
  const dir = makeFolder(LEDGER, { ...manifest, ...extra }, { 'dette.csv': DETTE, ...files });
  return { dir, r: buildComputeReport(await loadFolder(dir)) };
}

describe('exécution par chapitre', () => {
  it('crédits ouverts, réalisé, RAR, annulés, taux; ouverts 0 → n.s.; taux over 100 %; recettes écart negative', async () => {
    const { r } = await report();
    const f = figures(r.tables);
    const p = 'principal.2022.chapitres-';
    expect(f[`${p}FD.011.taux`]).toBe('120.0');
    expect(f[`${p}FD.011.credits-annules`]).toBe('-200.00');
    expect(f[`${p}FD.65.taux`]).toBeNull();
    expect(f[`${p}FD.65.credits-annules`]).toBe('-50.00');
    // Real: 1 200 + 50 + 450 + 2 000 = 3 700 of 4 050 opened (1 000 + 0 + 550 + 2 500).
    expect(f[`${p}FD.total-reel.realise`]).toBe('3700.00');
    expect(f[`${p}FD.total-reel.credits-ouverts`]).toBe('4050.00');
    expect(f[`${p}FD.total-reel.taux`]).toBe('91.4'); // 3 700 / 4 050 = 91,36 %
    expect(f[`${p}FD.total-ordre.realise`]).toBe('300.00');
    // 023: crédits without execution, on their own block.
    expect(f[`${p}FD.023.credits-ouverts`]).toBe('700.00');
    expect(f[`${p}FD.total-sans-execution.realise`]).toBe('0.00');
    expect(f[`${p}FD.total.realise`]).toBe('4000.00');
    expect(f[`${p}FD.total.credits-ouverts`]).toBe('5050.00');
    expect(f[`${p}FR.70.ecart`]).toBe('-1000.00');
    expect(f[`${p}FR.70.taux`]).toBe('111.1');
    expect(f[`${p}ID.21.rar`]).toBe('600.00');
    expect(f[`${p}ID.21.credits-annules`]).toBe('400.00'); // 5 000 − 4 000 − 600
    expect(f[`${p}IR.021.credits-ouverts`]).toBe('700.00');
    const fd = r.tables.find((t) => t.id === 'chapitres-FD')!;
    expect(fd.columns.map((c) => c.id)).toEqual(['chapitre', 'libelle', 'credits-ouverts', 'realise', 'rar', 'credits-annules', 'taux']);
    expect(r.tables.find((t) => t.id === 'chapitres-FR')!.columns.map((c) => c.id)).toContain('ecart');
    expect(fd.rows.find((x) => x.id === '011')!.cells.libelle).toEqual({ kind: 'text', text: 'Charges à caractère général' });
  });
});

describe('épargne', () => {
  it('interest with ICNE, a cession, 1641 / 16449 / 166 movements', async () => {
    const f = figures((await report()).r.tables);
    const e = (row: string) => f[`principal.2022.epargne.${row}.montant`];
    // RRF 10 000 + 500 + 100 + 3 000 + 800 = 14 400; DRF 3 700 (order 042 apart).
    expect(e('recettes-reelles')).toBe('14400.00');
    expect(e('depenses-reelles')).toBe('3700.00');
    expect(e('epargne-brute')).toBe('10700.00');
    expect(e('interets')).toBe('450.00'); // 66111 400 + 66112 50
    expect(e('epargne-gestion')).toBe('11150.00');
    expect(e('cessions')).toBe('500.00');
    expect(e('epargne-brute-hors-cessions')).toBe('10200.00');
    expect(e('capital-rembourse')).toBe('1000.00'); // 1641 only: 16449 and 166 are not capital repaid
    expect(e('epargne-nette')).toBe('9700.00');
  });

  it('chapter-level ledger: n.s. with the reason where the account split is needed', async () => {
    const dir = makeFolder(`${H}\nprincipal,2022,F,R,70,,reel,100.00,,\nprincipal,2022,F,D,66,,reel,10.00,,\nprincipal,2022,F,R,77,,reel,5.00,,\n`);
    const t = buildComputeReport(await loadFolder(dir)).tables.find((x) => x.id === 'epargne')!;
    const cell = (id: string) => t.rows.find((r) => r.id === id)!.cells.montant!;
    expect(cell('epargne-brute')).toEqual({ kind: 'amount', cents: 9500n });
    expect(cell('interets')).toMatchObject({ kind: 'ns', reason: expect.stringContaining('chapter 66 (FD) is not detailed by account') });
    expect(cell('epargne-brute-hors-cessions')).toMatchObject({ kind: 'ns', reason: expect.stringContaining('chapter 77') });
  });
});

describe('dette, capacité, ratios', () => {
  it('dette.csv gives the encours; the ledger the capital repaid, interest and new loans', async () => {
    const f = figures((await report()).r.tables);
    const d = (row: string) => f[`principal.2022.dette.${row}.montant`];
    expect(d('encours-0101')).toBe('20000.00');
    expect(d('amortissement')).toBe('1000.00');
    expect(d('emprunts-nouveaux')).toBe('8000.00');
    expect(d('encours-3112')).toBe('27000.00');
    expect(d('ecart-encours')).toBe('0.00'); // 20 000 − 1 000 + 8 000
    expect(d('annuite')).toBe('1450.00');
    // 27 000 / 10 700 = 2,52 years against the communes' 12.
    expect(f['principal.2022.capacite.ratio.valeur']).toBe('2.5');
    expect(f['principal.2022.capacite.plafond.valeur']).toBe('12.0');
  });

  it('R2313-1 ratios and the CFU three', async () => {
    const f = figures((await report()).r.tables);
    const v = (id: string) => f[`principal.2022.ratios.${id}.valeur`];
    expect(v('drf-par-habitant')).toBe('3.50'); // (3 700 − 722 200) / 1 000
    expect(v('impositions-directes-par-habitant')).toBe('3.00'); // 73111 (M57 7311x)
    expect(v('rrf-par-habitant')).toBe('14.40');
    expect(v('equipement-par-habitant')).toBe('4.20'); // 21 4 000 + 722 200
    expect(v('encours-par-habitant')).toBe('27.00');
    expect(v('dgf-par-habitant')).toBe('0.80'); // 74111
    expect(v('personnel-drf')).toBe('54.1'); // 2 000 / 3 700
    expect(v('drf-remboursement-rrf')).toBe('32.6'); // 4 700 / 14 400
    expect(v('equipement-rrf')).toBe('29.2'); // 4 200 / 14 400
    expect(v('encours-rrf')).toBe('187.5');
    expect(v('epargne-brute-rrf')).toBe('74.3');
    expect(v('epargne-nette-rrf')).toBe('67.4');
    expect(v('encours-epargne-brute')).toBe('2.5');
  });

  it('no population: the per-inhabitant ratios are n.s. with the reason; a syndicat has no ceiling', async () => {
    const { r } = await report({ entite: { nom: 'S', categorie: 'syndicat' } });
    const t = r.tables.find((x) => x.id === 'ratios')!;
    expect(t.rows.find((x) => x.id === 'rrf-par-habitant')!.cells.valeur).toMatchObject({ kind: 'ns', reason: expect.stringContaining('entite.population') });
    expect(t.rows.find((x) => x.id === 'personnel-drf')!.cells.valeur!.kind).toBe('percent');
    const cap = r.tables.find((x) => x.id === 'capacite')!;
    expect(cap.rows.map((x) => x.id)).toEqual(['encours', 'epargne-brute', 'ratio']);
    expect(cap.notes.join()).toContain('no ceiling applies to category syndicat');
  });

  it('the manifest ceiling wins', async () => {
    const f = figures((await report({ entite: { nom: 'C', categorie: 'commune', population: 1000, plafondDesendettement: 2 } })).r.tables);
    expect(f['principal.2022.capacite.plafond.valeur']).toBe('2.0');
  });
});

describe('check on the new figures', () => {
  const publie = (lines: string[]) => `id,exercice,valeur,precision,source\n${lines.join('\n')}\n`;
  it('a published épargne nette, chapter taux and ratio are checked like the others', async () => {
    const good = [
      'principal.2022.epargne.epargne-nette.montant,2022,"9 700,00",0.01,t',
      'principal.2022.chapitres-FD.011.credits-annules,2022,"-200,00",0.01,t',
      'principal.2022.ratios.rrf-par-habitant.valeur,2022,"14,40",0.01,t',
    ];
    const ok = run(['check', (await report({ publie: 'publie.csv' }, { 'publie.csv': publie(good) })).dir, '--only', 'published.figure']);
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);
    const bad = run(['check', (await report({ publie: 'publie.csv' }, { 'publie.csv': publie(['principal.2022.epargne.epargne-nette.montant,2022,"9 700,01",0.01,t']) })).dir, '--only', 'published.figure']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('principal.2022.epargne.epargne-nette.montant');
  });
});

describe('RAR table from the plan', () => {
  it('lists the M57 plan chapters, sums a per-operation third-party chapter into its plan chapter, no SITIV aggregate row', async () => {
    const dir = makeFolder(`${H}\nprincipal,2022,I,D,21,,reel,,100.00,\nprincipal,2022,I,D,4581001,,reel,,40.00,\nprincipal,2022,I,R,4582001,,reel,,40.00,\n`);
    const t = buildComputeReport(await loadFolder(dir)).tables.find((x) => x.id === 'rar')!;
    const f = figures([t]);
    expect(f['principal.2022.rar.I-21.depenses']).toBe('100.00');
    expect(f['principal.2022.rar.I-4581.depenses']).toBe('40.00');
    expect(f['principal.2022.rar.I-4582.recettes']).toBe('40.00');
    expect(f['principal.2022.rar.investissement-total.depenses']).toBe('140.00');
    const codes = t.rows.map((r) => (r.cells.chapitre as { text: string }).text).filter((c) => !c.startsWith('('));
    // Every row is a real chapter of the file's plan (M57 2020 has 018, 016, 017, 6586 of its own): no "45" aggregate.
    const plan = resolvePlan('M57', 2022);
    for (const c of codes) expect(plan.chapter(c)?.kind, c).toBe('reel');
    expect(codes).not.toContain('45');
    expect(t.rows.some((r) => r.id.startsWith('I-4581001'))).toBe(false);
  });
});
