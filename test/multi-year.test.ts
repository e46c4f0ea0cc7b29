// Multi-year tables: every printed line of the seed's présentation détaillée (seed l.713–763), published totals, plan changes, gaps.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFolder } from '../src/read/folder.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import type { Table } from '../src/report/table.js';
import { figures as figuresOf } from '../src/render/json.js';
import { computeJson, run } from './helpers/run.js';

const SEED = readFileSync(new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url), 'utf8').split('\n');
const cells = (line: number) => SEED[line - 1]!.split('\t');
const YEARS = ['2018', '2019', '2020', '2021', '2022'];
const SCOPE = 'principal.2018-2022';

/** Printed category → row id in the détaillée table (the mapping documented in the fixture README). */
const LINES: Record<string, [number, string, string][]> = {
  'F-D': [
    [718, 'AUTRES CHARGES DE GESTION COURANTE', '65'],
    [719, 'CHARGES A CARACTERES GENERAL', '011'],
    [720, 'CHARGES FINANCIERES', '66'],
    [721, 'DOTATIONS AUX PROVISIONS', '68'],
    [722, 'FRAIS DE PERSONNEL ET CHARGES ASSIMILEES', '012'],
    [723, "OPERATIONS D'ORDRE DE TRANSFERT ENTRE SECTION", '042'],
    [724, 'PRODUITS EXCEPTIONNELS', '67'],
  ],
  'F-R': [
    [727, 'ATTENUATIONS DE CHARGES', '013'],
    [728, 'AUTRES PRODUITS DE GESTION COURANTE', '75'],
    [729, 'DOTATIONS ET PARTICIPATIONS', '74-non-ventile'],
    [730, 'PRODUITS DES SCES, DU DOMAINE ET VENTES DIVERSES', '70'],
    [731, 'PRODUITS EXCEPTIONNELS', '77'],
    [732, 'REMBOURSEMENTS. SUBVENTIONS. PARTICIPATIONS', '74-74748'],
    [733, 'RESULTAT DE FONCTIONNEMENT REPORTE', '002'],
  ],
  'I-D': [
    [751, 'EMPRUNTS ET DETTES ASSIMILEES', '16'],
    [752, 'IMMOBILISATIONS CORPORELLES', '21'],
    [753, 'IMMOBILISATIONS EN COURS', '23'],
    [754, 'IMMOBILISATIONS INCORPORELLES', '20'],
    [755, "OPERATIONS D'ORDRE DE TRANSFERT ENTRE SECTION", '040'],
  ],
  'I-R': [
    [758, 'DOTATIONS, FONDS DIVERS ET RESERVES', '10'],
    [759, 'EMPRUNTS ET DETTES ASSIMILEES', '16'],
    [760, 'IMMOBILISATIONS CORPORELLES', '21'],
    [761, 'IMMOBILISATIONS EN COURS', '23'],
    [762, "OPERATIONS D'ORDRE DE TRANSFERT ENTRE SECTION", '040'],
    [763, "RESULTAT D'INVESTISSEMENT REPORTE", '001'],
  ],
};
const TOTALS: Record<string, [number, number]> = { 'F-D': [716, 717], 'F-R': [725, 726], 'I-D': [749, 750], 'I-R': [756, 757] };

/** Printed cell → figure: blank is no figure, "-" is zero, `2 814 257` is `2814257.00`, `12,1%` is `12.1`. */
const figure = (printed: string): string | undefined => {
  if (printed === '') return undefined;
  if (printed === '-') return '0.00';
  if (printed.endsWith('%')) return printed.slice(0, -1).replace(',', '.');
  return `${printed.replace(/\s/g, '')}.00`;
};

let tables: Table[];
let figs: Record<string, string | null>;
beforeAll(async () => {
  tables = buildComputeReport(await loadFolder('fixtures/sitiv-2018-2022')).tables;
  figs = figuresOf(tables);
});

describe('golden: every printed line of the présentation détaillée', () => {
  for (const [key, lines] of Object.entries(LINES)) {
    for (const [line, label, rowId] of lines) {
      it(`${key} ${label} (seed l.${line})`, () => {
        const printed = cells(line);
        expect(printed[0]).toBe(label);
        YEARS.forEach((y, i) => expect([y, figs[`${SCOPE}.detaillee-${key}.${rowId}.${y}`]]).toEqual([y, figure(printed[i + 1]!)]));
      });
    }
  }
});

describe('golden: printed totals beside the computed ones, printed evolutions rebuilt', () => {
  for (const [key, [totalLine, evoLine]] of Object.entries(TOTALS)) {
    it(`${key}: published total = printed, écart = computed − published, never a line adjusted`, () => {
      const printed = cells(totalLine);
      YEARS.forEach((y, i) => {
        const pub = figure(printed[i + 1]!)!;
        expect(figs[`${SCOPE}.detaillee-${key}.publie.${y}`]).toBe(pub);
        const computed = figs[`${SCOPE}.detaillee-${key}.total.${y}`]!;
        const ecart = (BigInt(computed.replace('.', '')) - BigInt(pub.replace('.', ''))) / 100n;
        expect(figs[`${SCOPE}.detaillee-${key}.ecart.${y}`]).toBe(`${ecart}.00`);
        // Whole-euro lines rounded one by one: the gap is a rounding gap, at most 1 € here.
        expect(ecart >= -1n && ecart <= 1n).toBe(true);
      });
    });
    it(`${key}: evolution row = printed (yearly, 2022/2018, moyenne), écart 0,0`, () => {
      const printed = cells(evoLine);
      ['2019', '2020', '2021', '2022', 'first-last', 'moyenne'].forEach((c, i) => {
        expect([c, figs[`${SCOPE}.detaillee-${key}.evolution.${c}`]]).toEqual([c, figure(printed[i + 2]!)]);
        expect(figs[`${SCOPE}.detaillee-${key}.evolution-ecart.${c}`]).toBe('0.0');
      });
    });
  }
  it('the computed totals: sums of the lines plus the carried result (e.g. F-D 2018 = 2 814 256, printed 2 814 257)', () => {
    expect(figs[`${SCOPE}.detaillee-F-D.total.2018`]).toBe('2814256.00');
    expect(figs[`${SCOPE}.detaillee-F-R.total.2018`]).toBe('3590970.00');
    expect(figs[`${SCOPE}.detaillee-I-R.total.2022`]).toBe('1582273.00');
  });
  it('CAGR is given beside the moyenne, labelled as such', () => {
    const t = tables.find((x) => x.id === 'detaillee-F-D' && x.scope === SCOPE)!;
    expect(t.columns.map((c) => c.label).slice(-3)).toEqual(['2022/2018', 'Moyenne', 'CAGR']);
    expect(figs[`${SCOPE}.detaillee-F-D.evolution.cagr`]).toBe('3.3');
  });
  it('a line with a zero base has n.s. evolutions, never Infinity (67 printed "-" in 2018)', () => {
    expect(figs[`${SCOPE}.detaillee-F-R.75.first-last`]).toBeNull();
    expect(figs[`${SCOPE}.detaillee-F-R.75.moyenne`]).toBeNull();
    expect(Object.values(figs).some((v) => v !== null && /Infinity|NaN/.test(v))).toBe(false);
  });
});

describe('état de la dette, épargne and désendettement of the fixture', () => {
  it('annuité computed and published agree; encours rolls forward from 2019', () => {
    expect(figs[`${SCOPE}.dette.2022.annuite`]).toBe('342660.82');
    expect(figs[`${SCOPE}.dette.2022.ecart-annuite`]).toBe('0.00');
    expect(figs[`${SCOPE}.dette.2019.ecart-encours`]).toBe('0.00');
    expect(figs[`${SCOPE}.dette-chapitre-16.2018.ecart-d`]).toBe('11059.52');
    expect(figs[`${SCOPE}.dette-chapitre-16.2022.ecart-r`]).toBe('0.00');
  });
  it('épargne brute, de gestion and nette from the ledger and the debt table (2018: 662 505; +26 838,18; −264 710,48)', () => {
    expect(figs[`${SCOPE}.epargne.epargne-brute.2018`]).toBe('662505.00');
    expect(figs[`${SCOPE}.epargne.epargne-gestion.2018`]).toBe('689343.18');
    expect(figs[`${SCOPE}.epargne.epargne-nette.2018`]).toBe('397794.52');
    expect(figs[`${SCOPE}.epargne.epargne-brute-declaree.2018`]).toBe('1185818.00');
  });
  it('standard ratios 3,4 / 7,4 / 4,2 / 3,8 / 3,9; 2023 has no encours; 2019 beyond the 6-year ceiling', () => {
    expect(['2018', '2019', '2020', '2021', '2022'].map((y) => figs[`${SCOPE}.desendettement.ratio.${y}`])).toEqual(['3.4', '7.4', '4.2', '3.8', '3.9']);
    expect(figs[`${SCOPE}.desendettement.ratio.2023`]).toBeNull();
    const t = tables.find((x) => x.id === 'desendettement')!;
    const over = t.rows.find((r) => r.id === 'au-dela-du-plafond')!;
    expect(over.cells['2019']).toEqual({ kind: 'text', text: 'oui' });
    expect(over.cells['2018']).toEqual({ kind: 'text', text: 'non' });
  });
  it("the seed's ratio table beside it: published = recomputed by its own method, differences from the standard shown", () => {
    expect(['2018', '2019', '2020', '2021', '2022', '2023'].map((y) => figs[`${SCOPE}.desendettement-publie.ecart-ratio-publie.${y}`])).toEqual(['0.0', '0.0', '0.0', '0.0', '0.0', '0.0']);
    expect(['2018', '2019', '2020', '2021', '2022'].map((y) => figs[`${SCOPE}.desendettement-publie.ecart-ratio.${y}`])).toEqual(['1.9', '4.2', '0.0', '0.8', '0.3']);
    expect(figs[`${SCOPE}.desendettement-publie.ecart-capital.2021`]).toBe('-399999.58');
  });
});

describe('fixture README findings that tie the présentation to other tables', () => {
  it('finding 7: R001(N) − (recettes − dépenses d\'investissement of N−1, printed totals) = 11 060 / 880 / 10 351 / 9 520', () => {
    const pub = (key: string, y: number) => BigInt(figs[`${SCOPE}.detaillee-${key}.publie.${y}`]!.replace('.', '')) / 100n;
    const r001 = (y: number) => BigInt(figs[`${SCOPE}.detaillee-I-R.001.${y}`]!.replace('.', '')) / 100n;
    expect([2019, 2020, 2021, 2022].map((y) => r001(y) - (pub('I-R', y - 1) - pub('I-D', y - 1)))).toEqual([11060n, 880n, 10351n, 9520n]);
  });
  it('finding 7: the 2022 présentation and the CA 2022 (fixtures/sitiv-2022) disagree on dépenses, agree on recettes within 1 €', async () => {
    const ca = figuresOf(buildComputeReport(await loadFolder('fixtures/sitiv-2022')).tables);
    const c = (id: string) => BigInt(ca[id]!.replace('.', ''));
    const m = (id: string) => BigInt(figs[id]!.replace('.', ''));
    expect(m(`${SCOPE}.detaillee-F-D.publie.2022`) - c('principal.2022.execution.fonctionnement-exercice.depenses')).toBe(57589n);
    expect(m(`${SCOPE}.detaillee-I-D.publie.2022`) - c('principal.2022.execution.investissement-exercice.depenses')).toBe(257022n);
    expect(m(`${SCOPE}.detaillee-F-R.publie.2022`) - m(`${SCOPE}.detaillee-F-R.002.2022`) - c('principal.2022.execution.fonctionnement-exercice.recettes')).toBe(60n);
    expect(m(`${SCOPE}.detaillee-I-R.publie.2022`) - m(`${SCOPE}.detaillee-I-R.001.2022`) - c('principal.2022.execution.investissement-exercice.recettes')).toBe(51n);
  });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'multi-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar\n';
const manifest = (ledgers: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', budgets: [{ id: 'p', label: 'P' }], ledgers, ...extra });

describe('a chapter that changed meaning between M14 and M57', () => {
  it('is reported in the notes and kept on separate rows; an unchanged chapter is matched by code', async () => {
    const dir = folder({
      'manifest.json': manifest(['l.csv'], { nomenclatures: { '2018': 'M14_COM_SUP3500' } }),
      'l.csv': HEADER + 'p,2018,F,D,011,,reel,100.00,\np,2018,F,D,67,,reel,10.00,\np,2019,F,D,011,,reel,110.00,\np,2019,F,D,67,,reel,20.00,\n',
    });
    const loaded = await loadFolder(dir);
    expect(loaded.plans.get(2018)!.id).toBe('M14-M14_COM_SUP3500-2018');
    const t = buildComputeReport(loaded).tables.find((x) => x.id === 'detaillee-F-D')!;
    expect(t.rows.map((r) => r.id)).toEqual(['011', '67-M14-M14_COM_SUP3500-2018', '67', 'total', 'evolution']);
    expect(t.notes[0]).toBe(
      'chapter 67 changed meaning between plans: «Charges exceptionnelles» (section F) in M14-M14_COM_SUP3500-2018 for 2018; «Charges spécifiques» (section F) in M57-M57-2019 for 2019. Shown on separate rows, not merged; no evolution across them.',
    );
    const f = figuresOf([t]);
    expect(f['p.2018-2019.detaillee-F-D.011.first-last']).toBe('10.0');
    expect(f['p.2018-2019.detaillee-F-D.67.2019']).toBe('20.00');
    expect(f['p.2018-2019.detaillee-F-D.67.2018']).toBeUndefined();
    expect(f['p.2018-2019.detaillee-F-D.67-M14-M14_COM_SUP3500-2018.2018']).toBe('10.00');
    expect(f['p.2018-2019.detaillee-F-D.67.first-last']).toBeNull();
    // The total still adds both meanings: 110 then 130.
    expect(f['p.2018-2019.detaillee-F-D.total.2018']).toBe('110.00');
    expect(f['p.2018-2019.detaillee-F-D.evolution.2019']).toBe('18.2');
  });
  it('a chapter that exists in only one of the plans (731 in M57, 656 in M14) is not reported as changed', async () => {
    const dir = folder({
      'manifest.json': manifest(['l.csv'], { nomenclatures: { '2018': 'M14_COM_SUP3500' } }),
      'l.csv': HEADER + 'p,2018,F,D,656,,reel,5.00,\np,2018,F,R,73,,reel,50.00,\np,2019,F,R,731,,reel,60.00,\n',
    });
    const tables = buildComputeReport(await loadFolder(dir)).tables;
    const fd = tables.find((x) => x.id === 'detaillee-F-D')!;
    const fr = tables.find((x) => x.id === 'detaillee-F-R')!;
    expect(fd.notes.filter((n) => n.startsWith('chapter'))).toEqual([]);
    expect(fr.notes.filter((n) => n.startsWith('chapter'))).toEqual([]);
    expect(fd.rows.map((r) => r.id)).toEqual(['656', 'total', 'evolution']);
    const f = figuresOf(tables);
    expect(f['p.2018-2019.detaillee-F-R.731.2019']).toBe('60.00');
    expect(f['p.2018-2019.detaillee-F-R.731.first-last']).toBeNull();
    expect(f['p.2018-2019.detaillee-F-R.evolution.2019']).toBe('20.0');
  });
});

describe('a missing year and a negative épargne brute', () => {
  it('a year without ledger is a column of n.s., and the evolutions around it are n.s.; épargne ≤ 0 exceeds any ceiling', async () => {
    const dir = folder({
      'manifest.json': manifest(['l.csv'], { entite: { nom: 'X', categorie: 'commune' }, dette: 'dette.csv' }),
      'l.csv': HEADER + 'p,2018,F,D,011,,reel,500.00,\np,2018,F,R,70,,reel,400.00,\np,2020,F,D,011,,reel,300.00,\np,2020,F,R,70,,reel,600.00,\n',
      'dette.csv': 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2018,10.00,1.00,0.00,1000.00\n2020,10.00,1.00,0.00,980.00\n',
    });
    const tables = buildComputeReport(await loadFolder(dir)).tables;
    const f = figuresOf(tables);
    const tD = tables.find((x) => x.id === 'detaillee-F-D')!;
    expect(tD.columns.map((c) => c.id)).toEqual(['libelle', 'chapitre', '2018', '2019', '2020', 'first-last', 'moyenne', 'cagr']);
    expect(tD.rows.find((r) => r.id === 'total')!.cells['2019']).toEqual({ kind: 'ns', reason: 'no ledger for 2019' });
    expect(f['p.2018-2020.detaillee-F-D.evolution.2020']).toBeNull();
    expect(f['p.2018-2020.detaillee-F-D.evolution.first-last']).toBe('-40.0');
    expect(f['p.2018-2020.detaillee-F-D.evolution.moyenne']).toBeNull();
    expect(f['p.2018-2020.detaillee-F-D.evolution.cagr']).toBe('-22.5');
    // 2018: épargne brute 400 − 500 = −100: ratio n.s., beyond the 12-year commune ceiling.
    expect(f['p.2018-2020.epargne.epargne-brute.2018']).toBe('-100.00');
    expect(f['p.2018-2020.desendettement.ratio.2018']).toBeNull();
    const d = tables.find((x) => x.id === 'desendettement')!;
    expect(d.rows.find((r) => r.id === 'ratio')!.cells['2018']).toEqual({ kind: 'ns', reason: 'épargne brute is negative: the debt cannot be repaid from savings' });
    expect(d.rows.find((r) => r.id === 'au-dela-du-plafond')!.cells['2018']).toEqual({ kind: 'text', text: 'oui' });
    expect(f['p.2018-2020.desendettement.ratio.2020']).toBe('3.3');
    expect(f['p.2018-2020.desendettement.plafond.2020']).toBe('12.0');
    // 2019 has no debt row: the 2020 roll-forward has no opening.
    expect(f['p.2018-2020.dette.2020.encours-calcule']).toBeNull();
  });
  it('ledgers with section totals only: totals from them, a note, épargne and ratio not meaningful with the reason', async () => {
    const dir = folder({
      'manifest.json': manifest(['l.csv']),
      'l.csv': HEADER + 'p,2021,F,D,,,,1000.00,\np,2021,F,R,,,,1200.00,\np,2022,F,D,,,,1100.00,\np,2022,F,R,,,,1250.00,\np,2022,I,D,21,,reel,,50.00\n',
    });
    const tables = buildComputeReport(await loadFolder(dir)).tables;
    const f = figuresOf(tables);
    expect(f['p.2021-2022.detaillee-F-D.total.2022']).toBe('1100.00');
    expect(f['p.2021-2022.detaillee-F-D.evolution.2022']).toBe('10.0');
    expect(tables.find((x) => x.id === 'detaillee-F-D')!.notes[0]).toBe('2021: the ledger gives only a section total (line 2), no chapter split');
    expect(f['p.2021-2022.epargne.epargne-brute.2022']).toBeNull();
    const ratio = tables.find((x) => x.id === 'desendettement')!.rows.find((r) => r.id === 'ratio')!.cells['2022']!;
    expect(ratio.kind).toBe('ns');
  });
  it('one exercice per budget: no multi-year table (the CA 2022 folder stays as it is)', async () => {
    const t = buildComputeReport(await loadFolder('fixtures/sitiv-2022')).tables;
    // Single-year tables (the year's dette, capacité) are there; nothing spans several years.
    expect(t.some((x) => x.id.startsWith('detaillee') || x.scope.includes('-'))).toBe(false);
  });
});

describe('end to end: compute fixtures/sitiv-2018-2022', () => {
  it('--format json carries the tables under stable ids', () => {
    const out = computeJson('fixtures/sitiv-2018-2022');
    expect(out.figures[`${SCOPE}.detaillee-F-D.total.2022`]).toBe('3203353.00');
    expect(out.figures[`${SCOPE}.detaillee-F-D.evolution.moyenne`]).toBe('3.5');
    expect(out.figures[`${SCOPE}.detaillee-I-R.evolution.moyenne`]).toBe('-5.9');
    expect(out.figures[`${SCOPE}.dette.2018.annuite`]).toBe('291548.66');
    expect(out.figures[`${SCOPE}.desendettement-publie.ratio-publie.2021`]).toBe('3.0');
    const ids = (out.tables as { id: string }[]).map((t) => t.id).filter((id) => id.startsWith(SCOPE));
    expect(ids).toEqual(['detaillee-F-D', 'detaillee-F-R', 'detaillee-I-D', 'detaillee-I-R', 'dette', 'dette-chapitre-16', 'epargne', 'desendettement', 'desendettement-publie', 'plafonds'].map((t) => `${SCOPE}.${t}`));
    const ratio2023 = (out.tables as { id: string; rows: { id: string; cells: Record<string, { value: unknown; reason?: string }> }[] }[])
      .find((t) => t.id === `${SCOPE}.desendettement`)!.rows.find((r) => r.id.endsWith('.ratio'))!.cells['2023']!;
    expect(ratio2023.value).toBeNull();
    expect(ratio2023.reason).toMatch(/^no encours at 31\/12\/2023/);
  });
  it('--format csv carries the same figures', () => {
    const json = computeJson('fixtures/sitiv-2018-2022').figures;
    const r = run(['compute', 'fixtures/sitiv-2018-2022', '--format', 'csv']);
    expect(r.exitCode).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith(`${SCOPE}.detaillee-F-R.ecart.2018,`))!;
    expect(line.split(',')[5]).toBe('-1.00');
    const csvIds = r.stdout.split('\n').filter((l) => l.startsWith(SCOPE)).map((l) => l.split(',')[0]);
    expect(new Set(csvIds)).toEqual(new Set(Object.keys(json).filter((k) => k.startsWith(SCOPE))));
  });
  it('a bad side table is an input error: exit 2, file, line, column and value named', () => {
    const dir = folder({
      'manifest.json': manifest(['l.csv'], { dette: 'dette.csv' }),
      'l.csv': HEADER + 'p,2018,F,D,011,,reel,1.00,\np,2019,F,D,011,,reel,2.00,\n',
      'dette.csv': 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2018,abc,,,\n',
    });
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(dir, 'dette.csv')}:2:2 (amortissement): not an amount`);
    expect(r.stderr).toContain('(value: "abc")');
  });
  it('the terminal output shows the published total beside the computed one', () => {
    const r = run(['compute', 'fixtures/sitiv-2018-2022']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Présentation détaillée 2018–2022 — Fonctionnement — dépenses');
    expect(r.stdout).toMatch(/Total publié\s+│\s+│\s+2 814 257,00/);
  });
});

describe('published figures and declared series: readers', async () => {
  const { parsePrintedNumber, readPublie } = await import('../src/read/publie.js');
  const { readSerie } = await import('../src/read/serie.js');
  it('reads printed numbers: grouping spaces, decimal comma, %, unicode minus; refuses ambiguity', () => {
    expect(parsePrintedNumber('2 814 257')!.toString()).toBe('2814257');
    expect(parsePrintedNumber('3\u202f329\u00a0960,40')!.toString()).toBe('3329960.4');
    expect(parsePrintedNumber('-6,1 %')!.toString()).toBe('-6.1');
    expect(parsePrintedNumber('\u221210,0')!.toString()).toBe('-10');
    expect(parsePrintedNumber('2814257.00')!.toString()).toBe('2814257');
    expect(parsePrintedNumber('1.234,5')).toBeUndefined();
    expect(parsePrintedNumber('12,1,2')).toBeUndefined();
    expect(parsePrintedNumber('')).toBeUndefined();
  });
  it('the fixture publie.csv: 20 totals, 24 evolutions, 5 annuités, all with a seed line', async () => {
    const p = await readPublie('fixtures/sitiv-2018-2022/publie.csv');
    expect(p.filter((f) => f.id.includes('.total.'))).toHaveLength(20);
    expect(p.filter((f) => f.id.includes('.evolution.'))).toHaveLength(24);
    expect(p.filter((f) => f.id.endsWith('.annuite'))).toHaveLength(5);
    expect(p.every((f) => /^seed l\.\d+ /.test(f.source))).toBe(true);
  });
  it('reports file, line, column and value of a bad published figure and of an unknown series', async () => {
    const dir = folder({
      'publie.csv': 'id,exercice,valeur,precision,source\na.b,2018,"12,1",0.5,x\n',
      'serie.csv': 'id,exercice,valeur,source\nepargne,2018,1,x\n',
    });
    await expect(readPublie(join(dir, 'publie.csv'), 'publie.csv')).rejects.toThrow('publie.csv:2:4 (precision): precision must be one of 0.01, 0.1, 1 (value: "0.5")');
    await expect(readSerie(join(dir, 'serie.csv'), 'serie.csv')).rejects.toThrow(
      'serie.csv:2:1 (id): unknown series (known: epargne-brute, capital-restant-du-0101, capacite-desendettement) (value: "epargne")',
    );
  });
  it('--exclude-cessions says where chapter 77 cannot be split', async () => {
    const t = buildComputeReport(await loadFolder('fixtures/sitiv-2018-2022'), { excludeCessions: true }).tables.find((x) => x.id === 'epargne' && x.scope === SCOPE)!;
    expect(t.notes).toContain('chapter 77 is not detailed by account in 2018, 2019, 2020, 2021: asset sales cannot be told apart there, nothing was excluded');
  });
});
