// `sitiv-ca diff` as a user runs it: equal files in other shapes, exact findings, diff(1) exit codes, JSON/CSV output.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';

const AMOUNT = /^-?\d+\.\d{2}$/;
let dir: string;
const at = (name: string) => join(dir, name);

const A = `budget,exercice,section,sens,chapitre,compte,nature,realise,rar,libelle
p,2022,F,D,011,60611,reel,1234.50,,Eau et assainissement
p,2022,F,D,012,64111,reel,40000.00,,Rémunération principale
p,2022,F,R,70,706,reel,50000.00,,Prestations de services
p,2022,F,R,002,,,1000.00,,Résultat reporté
p,2022,I,D,21,2183,reel,2500.00,300.00,"Matériel de bureau, informatique"
p,2022,I,R,10,10222,reel,2000.00,,FCTVA
`;

// The same figures: other order, CRLF, quoted fields, 1234.5 for 1234.50, no libellé column.
const A_REFORMATTED = [
  'budget,exercice,section,sens,chapitre,compte,nature,realise,rar',
  '"p","2022","I","R","10","10222","reel","2000",""',
  'p,2022,F,R,002,,,1000,',
  'p,2022,I,D,21,2183,reel,2500.0,300',
  'p,2022,F,D,012,64111,reel,40000,',
  'p,2022,F,D,011,60611,reel,1234.5,',
  'p,2022,F,R,70,706,reel,"50000.00",',
  '',
].join('\r\n');

// French dialect: semicolons, decimal comma.
const A_FRENCH = `budget;exercice;section;sens;chapitre;compte;nature;realise;rar;libelle
p;2022;F;R;70;706;reel;50000,00;;Prestations de services
p;2022;F;D;011;60611;reel;1234,5;;Eau et assainissement
p;2022;I;D;21;2183;reel;2500;300,00;Matériel de bureau
p;2022;F;D;012;64111;reel;40000,00;;Rémunération principale
p;2022;I;R;10;10222;reel;2000,00;;FCTVA
p;2022;F;R;002;;;1000,00;;Résultat reporté
`;

// One changed amount (60611 +65,50), one added line (6156), one removed line (10222).
const B = `budget,exercice,section,sens,chapitre,compte,nature,realise,rar,libelle
p,2022,F,D,011,60611,reel,1300.00,,Eau et assainissement
p,2022,F,D,011,6156,reel,777.77,,Maintenance
p,2022,F,D,012,64111,reel,40000.00,,Rémunération principale
p,2022,F,R,70,706,reel,50000.00,,Prestations de services
p,2022,F,R,002,,,1000.00,,Résultat reporté
p,2022,I,D,21,2183,reel,2500.00,300.00,Matériel de bureau
`;

function json(args: string[]) {
  const r = run(['diff', ...args, '--format', 'json']);
  if (r.exitCode > 1) throw new Error(`diff exited ${r.exitCode}: ${r.stderr}`);
  return { ...r, doc: JSON.parse(r.stdout) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitiv-diff-'));
  writeFileSync(at('a.csv'), A);
  writeFileSync(at('a-reformatted.csv'), A_REFORMATTED);
  writeFileSync(at('a-fr.csv'), A_FRENCH);
  writeFileSync(at('b.csv'), B);
});

describe('equal ledgers in other shapes', () => {
  it('reordered, CRLF, quoted and 1234.5-style amounts: exit 0 and no line', () => {
    const r = json([at('a.csv'), at('a-reformatted.csv')]);
    expect(r.exitCode).toBe(0);
    expect(r.doc.mode).toBe('same-year');
    expect(r.doc.summary).toEqual({ differences: 0, changed: 0, added: 0, removed: 0, unchanged: 6 });
    expect(r.doc.findings).toEqual([]);
    const lines = r.doc.tables.find((t: { table: string }) => t.table === 'diff-lines');
    expect(lines.rows).toEqual([]);
  });

  it('a semicolon, decimal-comma file against the neutral one: exit 0', () => {
    const r = json([at('a-fr.csv'), at('a.csv')]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.doc.findings).toEqual([]);
  });

  it('the Latin-1 French-dialect fixture against the neutral 2022 fixture: exit 0, table says so', () => {
    const r = run(['diff', 'fixtures/sitiv-2022', 'fixtures/sitiv-2022-fr']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('no difference beyond the filters');
    expect(r.stdout).toContain('# input new ledger fixtures/sitiv-2022-fr/principal.csv sha256:');
  });

  it('the XLSX fixture against the CSV one: exit 0', () => {
    const r = json(['fixtures/sitiv-2022', 'fixtures/sitiv-2022-xlsx']);
    expect(r.exitCode).toBe(0);
    expect(r.doc.summary.unchanged).toBe(17);
    expect(r.doc.new.provenance.inputs.map((i: { path: string }) => i.path)).toContain('fixtures/sitiv-2022-xlsx/principal.xlsx');
  });
});

describe('one changed, one added, one removed line', () => {
  it('gives exactly those findings with exact figures, and exit 1', () => {
    const r = json([at('a.csv'), at('b.csv')]);
    expect(r.exitCode).toBe(1);
    expect(r.doc.summary).toEqual({ differences: 3, changed: 1, added: 1, removed: 1, unchanged: 4 });
    expect(r.doc.findings.map((f: { ligne: string; status: string; realise: unknown }) => [f.ligne, f.status, f.realise])).toEqual([
      ['F D 011 60611', 'changed', { old: '1234.50', new: '1300.00', delta: '65.50', pct: '5.3' }],
      ['F D 011 6156', 'added', { old: null, new: '777.77', delta: '777.77', pct: null, reason: 'line absent from OLD: no base for a relative difference' }],
      ['I R 10 10222', 'removed', { old: '2000.00', new: null, delta: '-2000.00', pct: '-100.0' }],
    ]);
    const f = r.doc.figures;
    expect(f['p.2022.diff-lines.FD.011.60611.realise_delta']).toBe('65.50');
    expect(f['p.2022.diff-lines.FD.011.6156.realise_pct']).toBeNull();
    // Subtotals: F D 41 234,50 → 42 077,77; I R 2 000,00 → 0.
    expect(f['p.2022.diff-subtotals.FD.realise_old']).toBe('41234.50');
    expect(f['p.2022.diff-subtotals.FD.realise_new']).toBe('42077.77');
    expect(f['p.2022.diff-subtotals.FD.realise_delta']).toBe('843.27');
    expect(f['p.2022.diff-subtotals.IR.realise_delta']).toBe('-2000.00');
    // Effect on the results: fonctionnement 9 765,50 → 8 922,23; global 8 965,50 → 6 122,23 (−31,7 %).
    expect(f['p.2022.diff-resultats.fonctionnement-cumule.valeur_old']).toBe('9765.50');
    expect(f['p.2022.diff-resultats.fonctionnement-cumule.valeur_new']).toBe('8922.23');
    expect(f['p.2022.diff-resultats.resultat-global.valeur_delta']).toBe('-2843.27');
    expect(f['p.2022.diff-resultats.resultat-global.valeur_pct']).toBe('-31.7');
    for (const [id, v] of Object.entries(f)) if (/_(old|new|delta)$/.test(id) && v !== null) expect(v, id).toMatch(AMOUNT);
  });

  it('carries both sides’ provenance with sha256', () => {
    const { doc } = json([at('a.csv'), at('b.csv')]);
    expect(doc.schema).toBe('sitiv-ca.diff/1');
    expect(doc.provenance.inputs.map((i: { role: string }) => i.role)).toEqual(['old ledger', 'new ledger']);
    for (const i of doc.provenance.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.old.provenance.inputs[0].path).toMatch(/a\.csv$/);
    expect(doc.new.provenance.inputs[0].path).toMatch(/b\.csv$/);
    expect(doc.old.exercices).toEqual([2022]);
  });

  it('prints the table with French numbers, and the CSV with stable ids', () => {
    const t = run(['diff', at('a.csv'), at('b.csv')]);
    expect(t.exitCode).toBe(1);
    expect(t.stdout).toMatch(/F D 011 60611 .* changed .* 1 234,50 .* 1 300,00 .* 65,50 .* 5,3 %/);
    expect(t.stdout).toContain('3 differences (1 changed, 1 added, 1 removed)');
    const c = run(['diff', at('a.csv'), at('b.csv'), '-f', 'csv']);
    expect(c.exitCode).toBe(1);
    expect(c.stdout).toContain('p.2022.diff-lines.IR.10.10222.realise_old,p.2022.diff-lines,IR.10.10222,realise_old,I R 10 10222,2000.00,');
  });

  it('--min-delta 700 keeps only the added and removed lines; 2000.01 keeps nothing and exits 0', () => {
    const r = json([at('a.csv'), at('b.csv'), '--min-delta', '700']);
    expect(r.exitCode).toBe(1);
    expect(r.doc.findings.map((f: { ligne: string }) => f.ligne)).toEqual(['F D 011 6156', 'I R 10 10222']);
    const none = json([at('a.csv'), at('b.csv'), '--min-delta', '2000.01']);
    expect(none.exitCode).toBe(0);
    expect(none.doc.findings).toEqual([]);
    // The subtotals do not depend on the filters.
    expect(none.doc.figures['p.2022.diff-subtotals.FD.realise_delta']).toBe('843.27');
  });

  it('--section, --sort delta, --min-pct', () => {
    expect(json([at('a.csv'), at('b.csv'), '--section', 'I']).doc.findings.map((f: { ligne: string }) => f.ligne)).toEqual(['I R 10 10222']);
    expect(json([at('a.csv'), at('b.csv'), '--sort', 'delta']).doc.findings.map((f: { ligne: string }) => f.ligne)).toEqual([
      'I R 10 10222',
      'F D 011 6156',
      'F D 011 60611',
    ]);
    // 60611 moved 5,3 %: below 6 % it goes; the added line has no base and stays.
    expect(json([at('a.csv'), at('b.csv'), '--min-pct', '6']).doc.findings.map((f: { ligne: string }) => f.ligne)).toEqual(['F D 011 6156', 'I R 10 10222']);
  });

  it('--level chapitre compares chapters: 011 moved by 843,27', () => {
    const r = json([at('a.csv'), at('b.csv'), '--level', 'chapitre']);
    expect(r.doc.findings.map((f: { ligne: string; realise: { delta: string } }) => [f.ligne, f.realise.delta])).toEqual([
      ['F D 011', '843.27'],
      ['I R 10', '-2000.00'],
    ]);
  });
});

describe('year over year on the seed’s 2018–2022 fixtures', () => {
  // The présentation détaillée of the seed (Chapter 3, §3): "Evolution" rows for dépenses and recettes of each section.
  const seed = readFileSync(new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url), 'utf8').split('\n');
  const start = seed.findIndex((l) => l.startsWith('Fonctionnement\t2018'));
  const evolutions = seed
    .slice(start, start + 50)
    .filter((l) => l.startsWith('Evolution\t'))
    .map((l) => l.split('\t').slice(1).map((s) => s.trim().replace('%', '').replace(',', '.')));
  const FLOWS = ['FD', 'FR', 'ID', 'IR'];
  const file = (y: number) => `fixtures/sitiv-2018-2022/principal-${y}.csv`;

  it('reads four evolution rows from the seed', () => {
    expect(evolutions).toHaveLength(4);
    expect(evolutions[0]!.slice(0, 6)).toEqual(['-', '12.1', '1.2', '-6.1', '6.8', '13.8']);
  });

  for (const [i, year] of [2019, 2020, 2021, 2022].entries()) {
    it(`${year - 1} → ${year}: the section totals evolve as the report prints`, () => {
      const r = json([file(year - 1), file(year)]);
      expect(r.doc.mode).toBe('year-over-year');
      const got = FLOWS.map((f) => r.doc.figures[`principal.${year - 1}-${year}.diff-subtotals.${f}.realise_pct`]);
      expect(got).toEqual(evolutions.map((e) => e[i + 1]));
    });
  }

  it('2018 → 2022 gives the report’s 2022/2018 column (13,8 %, −3,5 %, −30,8 %, −23,2 %)', () => {
    const r = json([file(2018), file(2022)]);
    const got = FLOWS.map((f) => r.doc.figures[`principal.2018-2022.diff-subtotals.${f}.realise_pct`]);
    expect(got).toEqual(evolutions.map((e) => e[5]));
    expect(got).toEqual(['13.8', '-3.5', '-30.8', '-23.2']);
    expect(r.doc.tables[0].notes[0]).toMatch(/not consecutive/);
  });

  it('2021 → 2022 by line: dépenses de fonctionnement 3 000 050 → 3 203 353; personnel +154 650 (+9,5 %)', () => {
    const r = json([file(2021), file(2022)]);
    const f = r.doc.figures;
    expect(f['principal.2021-2022.diff-subtotals.FD.realise_old']).toBe('3000050.00');
    expect(f['principal.2021-2022.diff-subtotals.FD.realise_new']).toBe('3203353.00');
    expect(f['principal.2021-2022.diff-lines.FD.012.realise_delta']).toBe('154650.00');
    expect(f['principal.2021-2022.diff-lines.FD.012.realise_pct']).toBe('9.5');
    // Chapter 70 appears in 2022 (95 000, no base).
    expect(r.doc.findings.find((x: { ligne: string }) => x.ligne === 'F R 70')).toMatchObject({ status: 'added', realise: { new: '95000.00', pct: null } });
    // Effect on the results: résultat de fonctionnement cumulé 2021 → 2022.
    expect(f['principal.2021-2022.diff-resultats.fonctionnement-cumule.valeur_old']).toBe('294924.00');
    expect(f['principal.2021-2022.diff-resultats.fonctionnement-cumule.valeur_new']).toBe('263562.00');
  });

  it('only the lines past --min-delta count: 4 lines past 100 000, none past 300 000 (exit 0)', () => {
    const r = json([file(2021), file(2022), '--min-delta', '100000']);
    expect(r.exitCode).toBe(1);
    expect(r.doc.findings.map((x: { ligne: string; realise: { delta: string } }) => [x.ligne, x.realise.delta])).toEqual([
      ['F D 012', '154650.00'],
      ['I D 20', '104504.00'],
      ['I R 10', '-169852.00'],
      ['I R 16', '241000.00'],
    ]);
    const none = run(['diff', file(2021), file(2022), '--min-delta', '300000']);
    expect(none.exitCode).toBe(0);
  });

  it('shows unchanged lines in year-over-year unless --only-changed', () => {
    const all = json([file(2021), file(2022)]);
    const rows = (doc: { tables: { table: string; rows: unknown[] }[] }) => doc.tables.find((t) => t.table === 'diff-lines')!.rows.length;
    expect(all.doc.summary.unchanged).toBe(2);
    expect(rows(all.doc)).toBe(all.doc.summary.differences + 2);
    expect(rows(json([file(2021), file(2022), '--only-changed']).doc)).toBe(all.doc.summary.differences);
  });

  it('a folder holding every year, one exercice picked a side, gives the same as the two files', () => {
    const folder = json(['fixtures/sitiv-2018-2022', 'fixtures/sitiv-2018-2022', '--old-exercice', '2021', '--new-exercice', '2022']);
    const files = json([file(2021), file(2022)]);
    expect(folder.doc.findings).toEqual(files.doc.findings);
    expect(folder.doc.provenance.inputs.map((i: { role: string }) => i.role)).toContain('old manifest');
  });

  it('the folder against itself is same-year over five exercices: exit 0', () => {
    const r = json(['fixtures/sitiv-2018-2022', 'fixtures/sitiv-2018-2022']);
    expect(r.exitCode).toBe(0);
    expect(r.doc.mode).toBe('same-year');
    expect(r.doc.tables.filter((t: { table: string }) => t.table === 'diff-resultats').map((t: { scope: string }) => t.scope)).toEqual([
      'principal.2018',
      'principal.2019',
      'principal.2020',
      'principal.2021',
      'principal.2022',
    ]);
  });
});

describe('budget folders', () => {
  it('--budget keeps one budget of a two-budget folder; a changed RAR shows in the besoin de financement', () => {
    const folder = join(dir, 'tno-fix');
    mkdirSync(folder);
    for (const name of ['manifest.json', 'principal.csv', 'cofinancement.csv']) copyFileSync(join('fixtures/sitiv-2022', name), join(folder, name));
    writeFileSync(join(folder, 'tno.csv'), readFileSync('fixtures/sitiv-2022/tno.csv', 'utf8').replace('35869.32', '36869.32'));
    const r = json(['fixtures/sitiv-2022', folder, '--budget', 'TNO']);
    expect(r.exitCode).toBe(1);
    expect(r.doc.tables.map((t: { id: string }) => t.id)).toEqual(['TNO.2022.diff-lines', 'TNO.2022.diff-subtotals', 'TNO.2022.diff-resultats']);
    expect(r.doc.findings.map((f: { ligne: string; rar: unknown }) => [f.ligne, f.rar])).toEqual([
      ['I D 21', { old: '35869.32', new: '36869.32', delta: '1000.00', pct: '2.8' }],
    ]);
    expect(r.doc.figures['TNO.2022.diff-resultats.besoin-financement.valeur_old']).toBe('-1046426.44');
    expect(r.doc.figures['TNO.2022.diff-resultats.besoin-financement.valeur_new']).toBe('-1047426.44');
    expect(run(['diff', 'fixtures/sitiv-2022', folder, '--budget', 'principal']).exitCode).toBe(0);
  });
});

describe('unusable input and usage: exit 2', () => {
  it('a missing side names the file', () => {
    const r = run(['diff', at('a.csv'), at('nope.csv')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('nope.csv: no such file or folder');
    expect(r.stdout).toBe('');
  });

  it('problems of both sides are reported together', () => {
    writeFileSync(at('bad.csv'), 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar\np,2022,F,D,011,60611,reel,12.345,\n');
    const r = run(['diff', at('bad.csv'), at('nope.csv')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:2:.*more than two decimals/);
    expect(r.stderr).toContain('nope.csv: no such file or folder');
  });

  it('bad options', () => {
    expect(run(['diff', at('a.csv'), at('b.csv'), '--min-delta', '1.234']).exitCode).toBe(2);
    expect(run(['diff', at('a.csv'), at('b.csv'), '--level', 'article']).stderr).toContain('--level: expected chapitre or compte');
    expect(run(['diff', at('a.csv'), at('b.csv'), '--mode', 'yearly']).exitCode).toBe(2);
    const yoy = run(['diff', 'fixtures/sitiv-2018-2022', 'fixtures/sitiv-2018-2022', '--mode', 'year-over-year']);
    expect(yoy.exitCode).toBe(2);
    expect(yoy.stderr).toContain('--old-exercice');
    expect(run(['diff', at('a.csv'), at('b.csv'), '--old-exercice', '2019']).stderr).toContain('no line of exercice 2019');
    const budget = run(['diff', at('a.csv'), at('b.csv'), '--budget', 'TNO']);
    expect(budget.exitCode).toBe(2);
    expect(budget.stderr).toContain('--budget: no budget TNO on either side (budgets: p)');
  });

  it('refuses to write the output onto an input', () => {
    const r = run(['diff', at('a.csv'), at('b.csv'), '-f', 'csv', '-o', at('b.csv')]);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(at('b.csv'), 'utf8')).toBe(B);
  });
});
