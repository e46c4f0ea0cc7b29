// The SCDL budget CSV reader: Crach lotissement CA/BP (same figures as their TOTEM XML) and the Morbihan CA 2021.
import { withoutDocumentExtras } from './helpers/extras.js';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeResultats } from '../src/compute/resultats.js';
import { InputError } from '../src/errors.js';
import { loadFolder } from '../src/read/folder.js';
import { isScdlHeader } from '../src/read/scdl/columns.js';
import { readScdl } from '../src/read/scdl/scdl.js';
import { loadFile } from '../src/read/single-file.js';
import { figures } from '../src/render/json.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { BP_SCDL, BP_XML, CA_SCDL, CA_XML, MORBIHAN_SCDL, cents } from './helpers/totem-xml.js';
import { ROOT, run } from './helpers/run.js';

const quiet = { notice: () => {} };
const M14 = 'M14_COM_500_3500';

/** Every figure of the report by its stable id. */
const figuresOf = (report: ReturnType<typeof buildComputeReport>) => figures(report.tables);

describe('SCDL of the Crach lotissement', () => {
  it('gives exactly the tables of the TOTEM XML of the same CA', async () => {
    const totem = buildComputeReport(await loadFile(CA_XML, quiet));
    const scdl = buildComputeReport(await loadFile(CA_SCDL, { ...quiet, nomenclature: M14 }));
    // SCDL carries no EMPRUNT annex and no InformationsGenerales: the tables that need them are left out.
    const a = withoutDocumentExtras(figuresOf(totem));
    expect(Object.keys(a).length).toBeGreaterThan(40);
    expect(withoutDocumentExtras(figuresOf(scdl))).toEqual(a);
    // Same budget id from both formats (the SIRET), so the same stable ids.
    expect(scdl.tables[0]!.scope).toBe('21560046100085.2021');
    expect(a['21560046100085.2021.affectation.r001.montant']).toBe('2148068.48');
  });

  it('classifies lines with an empty chapter and section through the plan (DR/RR of a real operation)', async () => {
    const read = await readScdl(CA_SCDL, { nomenclature: M14 });
    // 7015, 773, 7588, 7788 and 168748 have empty BGT_CONTNAT and BGT_SECTION in the file.
    const row = (compte: string) => read.rows.find((r) => r.compte === compte)!;
    expect(row('7015')).toMatchObject({ chapitre: '70', section: 'F', sens: 'R', nature: 'reel' });
    expect(row('168748')).toMatchObject({ chapitre: '16', section: 'I' });
    expect(read.rows.find((r) => r.chapitre === '001')).toMatchObject({ section: 'I', sens: 'R', realise: 121871221n, compte: '', nature: '' });
  });

  it('reads the BP 2022 with the same carried amounts as its TOTEM XML', async () => {
    const x = (await loadFile(BP_XML, quiet)).model.data.get('21560046100085')!.get(2022)!;
    const s = (await loadFile(BP_SCDL, { ...quiet, nomenclature: M14 })).model.data.get('21560046100085')!.get(2022)!;
    expect(s.flows.IR.reporte?.amount).toBe(214806848n);
    expect(s.flows.FR.reporte?.amount).toBe(3270359n);
    expect(s.flows.IR.reporte?.amount).toBe(x.flows.IR.reporte?.amount);
    expect(s.flows.FR.reporte?.amount).toBe(x.flows.FR.reporte?.amount);
    expect(s.flows.FD.reporte).toBeUndefined();
  });

  it('is sniffed by its header in a folder ledger list, and an SCDL file alone needs a nomenclature', async () => {
    expect(isScdlHeader(readFileSync(CA_SCDL, 'utf8').split('\n')[0]!)).toBe(true);
    expect(isScdlHeader('budget,exercice,section,sens,chapitre,compte,nature,realise,rar')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-scdl-'));
    copyFileSync(CA_SCDL, join(dir, 'ca.csv'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: M14, budgets: [{ id: 'boceno', label: 'Lotissement' }], ledgers: ['ca.csv'] }));
    const folder = await loadFolder(dir);
    expect(computeResultats(folder.model.data.get('boceno')!.get(2021)!).investissement.cumule).toBe(214806848n);
    const err = await loadFile(CA_SCDL, quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/does not name its nomenclature: give it \(--nomenclature/);
  });
});

describe('SCDL of the Morbihan CA 2021 (M57, 1,273 lines)', () => {
  // Expected figures come from csv-parse/sync and plain sums over BGT_MTREAL per BGT_SECTION and BGT_CODRD, no plan:
  // the 57 lines with an empty BGT_SECTION are all opérations pour compte de tiers (BGT_CONTNAT 4544…) or account
  // 21578 (class 2), which are investissement by the structure of the plan (asserted below).
  const records = parse(readFileSync(MORBIHAN_SCDL), { columns: true, bom: true }) as Record<string, string>[];
  const expected = { FD: 0n, FR: 0n, ID: 0n, IR: 0n } as Record<string, bigint>;
  const carried: Record<string, bigint> = {};
  for (const r of records) {
    const sens = r.BGT_CODRD === 'dépense' ? 'D' : 'R';
    if (r.BGT_NATURE === '001' || r.BGT_NATURE === '002') {
      carried[`${sens}${r.BGT_NATURE}`] = cents(r.BGT_MTREAL!);
      continue;
    }
    const section = r.BGT_SECTION === 'fonctionnement' ? 'F' : 'I';
    expected[`${section}${sens}`]! += cents(r.BGT_MTREAL!);
  }

  it('has only tiers operations and class-2 accounts among the lines without a section', () => {
    const blank = records.filter((r) => r.BGT_SECTION === '');
    expect(blank).toHaveLength(57);
    expect(blank.every((r) => r.BGT_CONTNAT!.startsWith('4544') || r.BGT_NATURE!.startsWith('2'))).toBe(true);
  });

  it('reads and computes the section results the raw file sums to', async () => {
    const notices: string[] = [];
    const loaded = await loadFile(MORBIHAN_SCDL, { nomenclature: 'M57_D', notice: (m) => notices.push(m) });
    const ex = loaded.model.data.get('22560001400016')!.get(2021)!;
    const r = computeResultats(ex);
    expect(r.fonctionnement.recettes).toBe(expected.FR);
    expect(r.fonctionnement.depenses).toBe(expected.FD);
    expect(r.investissement.recettes).toBe(expected.IR);
    expect(r.investissement.depenses).toBe(expected.ID);
    expect(r.fonctionnement.reporte).toBe(carried.R002);
    expect(r.investissement.reporte).toBe(-carried.D001!);
    // By hand from the same sums: 837153714.97 − 671016220.79 + 54986880.05 = 221124374.23.
    expect(r.fonctionnement.cumule).toBe(22112437423n);
    // Lines repeated per fonction are summed, and the notice says how many.
    expect(loaded.readerNotes?.linesMerged).toBe(800);
    expect(notices.join('\n')).toMatch(/800 lines merged .*1273 lines → 473 rows/);
    // Tiers operation 4544128 is kept as its own chapter under 45441, in investissement.
    expect(ex.flows.ID.chapters.get('4544128')).toMatchObject({ realise: expect.any(BigInt) });
    // 016/017 (APA, RSA) are special chapters that hold accounts of any chapter: 6336 under 017.
    expect(ex.flows.FD.chapters.get('017')!.accounts.has('6336')).toBe(true);
  });

  it('names the plan used: the own year when there is one, else the nearest later', async () => {
    // M57_D starts in 2022: a 2021 file takes the nearest later plan, and says so.
    const report = buildComputeReport(await loadFile(MORBIHAN_SCDL, { nomenclature: 'M57_D', notice: () => {} }));
    expect(report.provenance.plans).toEqual([{ exercice: 2021, plan: 'M57-M57_D-2022', rule: 'nearest-later' }]);
    // The M57 plan of 2021 takes 7351 as a real recette (chapter 73), which the 2022 one (Exer 2020) does not.
    const own = buildComputeReport(await loadFile(MORBIHAN_SCDL, { nomenclature: 'M57', notice: () => {} }));
    expect(own.provenance.plans).toEqual([{ exercice: 2021, plan: 'M57-M57-2021', rule: 'own-year' }]);
  });

  it('computes from the CLI with --nomenclature (built binary)', () => {
    const r = run(['compute', MORBIHAN_SCDL, '--nomenclature', 'M57_D', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/notice: .*800 lines merged/);
    const json = JSON.parse(r.stdout);
    expect(json.figures['22560001400016.2021.execution.fonctionnement-cumule.solde']).toBe('221124374.23');
    expect(json.provenance.options).toMatchObject({ format: 'scdl', linesMerged: 800 });
  });
});

describe('lazy loading', () => {
  it('reads ledger CSV and SCDL folders without loading the XML parser, and loads it for a TOTEM file (built dist)', () => {
    // A child process reports whether saxes (CommonJS) entered the module cache after loadFolder.
    const script = `import { createRequire } from 'node:module';
const { loadFolder } = await import(${JSON.stringify(join(ROOT, 'dist/read/folder.js'))});
await loadFolder(process.argv[1]);
console.log(Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/saxes/')));`;
    const withLedger = (file: string, name: string, nomenclature: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'sitiv-lazy-'));
      copyFileSync(file, join(dir, name));
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature, budgets: [{ id: 'b', label: 'B' }], ledgers: [name] }));
      return dir;
    };
    const loadsSaxes = (dir: string) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    expect(loadsSaxes(join(ROOT, 'fixtures/sitiv-2022'))).toBe('false');
    expect(loadsSaxes(withLedger(CA_SCDL, 'ca.csv', M14))).toBe('false');
    expect(loadsSaxes(withLedger(CA_XML, 'ca.xml', M14))).toBe('true');
  });
});

describe('SCDL re-saved by a French spreadsheet', () => {
  it('reads ";", decimal comma and Windows-1252 to the same figures', async () => {
    // The Crach CA re-written with ";" between fields, "," as decimal mark, in Latin-1 bytes.
    const records = parse(readFileSync(CA_SCDL), { bom: true }) as string[][];
    const text = records.map((r) => r.map((c) => (/^-?\d+\.\d+$/.test(c) ? c.replace('.', ',') : c)).join(';')).join('\r\n') + '\r\n';
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-scdl-fr-'));
    const path = join(dir, 'ca-fr.csv');
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const fr = figures(buildComputeReport(await loadFile(path, { ...quiet, nomenclature: M14 })).tables);
    expect(fr).toEqual(figures(buildComputeReport(await loadFile(CA_SCDL, { ...quiet, nomenclature: M14 })).tables));
    expect(fr['21560046100085.2021.execution.fonctionnement-exercice.recettes']).toBe('1173197.82');
  });
});

describe('SCDL input problems', () => {
  it('names line and column of a bad code or amount', async () => {
    const header = readFileSync(CA_SCDL, 'utf8').split(/\r?\n/)[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-scdl-bad-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      `${header}\nCompte administratif,2021,1,X,011,,6045,,,,,fonctionnement,réel,débit,1.00,,,,,,,\nCompte administratif,2021,1,X,011,,6045,,,,,fonctionnement,réel,dépense,1.234,,,,,,,\n`,
    );
    const err = (await readScdl(path, { nomenclature: M14 }).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'BGT_CODRD'],
      [3, 'BGT_MTREAL'],
    ]);
  });
});
