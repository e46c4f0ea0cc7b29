// `sitiv-ca init` (issue 15 item 6): the template workbook, filled in by a script and computed; --from a TOTEM file; LibreOffice keeps the drop-downs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/folder.js';
import { run } from './helpers/run.js';
import { mapHeader } from '../src/read/header-map.js';

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasSoffice && process.env.SITIV_REQUIRE_SOFFICE === '1') throw new Error('SITIV_REQUIRE_SOFFICE=1 but soffice is not installed');

describe('init DIR', () => {
  const dir = join(tempDir(), 'commune');
  it('writes manifest.json and ledger.xlsx, and a fresh folder computes', () => {
    const r = run(['init', dir, '--entite', 'Commune de Test', '--categorie', 'commune', '--exercice', '2024']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/manifest\.json and ledger\.xlsx written \(plan M57-M57_D-2024, exercice 2024\)/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', ledgers: ['ledger.xlsx'], entite: { nom: 'Commune de Test', categorie: 'commune' } });
    const c = run(['compute', dir, '--format', 'json']);
    expect(c.exitCode).toBe(0);
    expect(JSON.parse(c.stdout).figures['principal.2024.execution.global.solde']).toBe('0.00');
    // init never overwrites.
    const again = run(['init', dir]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already holds a manifest\.json/);
  });

  it('the workbook: header frozen, chapter column as text, drop-down lists, one example per section and sens, the plan\'s chapters', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'ledger.xlsx'));
    const ws = wb.getWorksheet('Grand livre')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const titles = (ws.getRow(1).values as string[]).slice(1);
    expect(titles).toEqual(['Budget', 'Exercice', 'Section', 'Sens', 'Chapitre', 'Compte', 'Nature', 'Crédits ouverts', 'Réalisé', 'Restes à réaliser', 'Libellé']);
    // Each French title is what the header mapping reads back as the ledger column.
    const mapped = mapHeader(titles);
    expect(mapped.problems).toEqual([]);
    expect(mapped.ignored).toEqual([]);
    expect([...mapped.index.keys()]).toEqual(['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'credits_ouverts', 'realise', 'rar', 'libelle']);
    expect(ws.getColumn(5).numFmt).toBe('@');
    expect(ws.getColumn(6).numFmt).toBe('@');
    const examples = [2, 3, 4, 5].map((n) => [ws.getCell(n, 3).value, ws.getCell(n, 4).value, ws.getCell(n, 5).value]);
    expect(examples).toEqual([['F', 'D', '011'], ['F', 'R', '70'], ['I', 'D', '21'], ['I', 'R', '13']]);
    const xml = spawnSync('unzip', ['-p', join(dir, 'ledger.xlsx'), 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    expect(xml).toContain('sqref="C2:C2000"><formula1>&quot;F,I&quot;</formula1>');
    expect(xml).toContain('sqref="D2:D2000"><formula1>&quot;D,R&quot;</formula1>');
    expect(xml).toMatch(/sqref="E2:E2000"><formula1>Chapitres!\$A\$2:\$A\$\d+<\/formula1>/);
    expect(xml).toContain('sqref="G2:G2000"><formula1>&quot;réel,ordre&quot;</formula1>');
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    const chapters = wb.getWorksheet('Chapitres')!;
    const codes = chapters.getColumn(1).values.slice(2) as string[];
    expect(codes).toContain('011');
    expect(codes).toContain('040');
    expect(chapters.getRow(2).values).toHaveLength(5);
    const c011 = chapters.getColumn(1).values.indexOf('011');
    expect((chapters.getRow(c011).values as string[]).slice(1)).toEqual(['011', 'F', 'D', 'Charges à caractère général']);
  });

  it('filled in by a script, it computes the figures written into it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'ledger.xlsx'));
    const ws = wb.getWorksheet('Grand livre')!;
    // F: R 1 500,00 − D 1 000,00 = 500,00; I: R 200,00 − D 800,00 = −600,00, RAR D 50,00 → global −150,00.
    for (const [row, realise, rar] of [[2, 1000, 0], [3, 1500, 0], [4, 800, 50], [5, 200, 0]] as const) {
      ws.getCell(row, 8).value = realise * 2;
      ws.getCell(row, 9).value = realise;
      ws.getCell(row, 10).value = rar;
    }
    // A line as a person adds it: Excel-style text chapter, the account, 'Réel' as typed; F D 60611 250,50 → F solde 249,50.
    ws.addRow(['principal', 2024, 'Fonctionnement', 'Dépense', '011', '60611', 'Réel', 300, 250.5, 0, 'Eau et assainissement']);
    await wb.xlsx.writeFile(join(dir, 'ledger.xlsx'));
    const j = JSON.parse(run(['compute', dir, '--format', 'json']).stdout);
    expect(j.figures['principal.2024.execution.fonctionnement-exercice.depenses']).toBe('1250.50');
    expect(j.figures['principal.2024.execution.fonctionnement-exercice.solde']).toBe('249.50');
    expect(j.figures['principal.2024.execution.investissement-exercice.solde']).toBe('-600.00');
    expect(j.figures['principal.2024.execution.global.solde']).toBe('-400.50');
  });

  it.skipIf(!hasSoffice)('LibreOffice opens it with its drop-down lists (saved back, the validations are still there)', () => {
    const work = mkdtempSync(join(tmpdir(), 'sitiv-lo-init-'));
    mkdirSync(join(work, 'profile'), { recursive: true });
    const out = join(work, 'out');
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, join(dir, 'ledger.xlsx')], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(out, 'ledger.xlsx'))).toBe(true);
    const sheet = readdirSync(out).length && spawnSync('unzip', ['-p', join(out, 'ledger.xlsx'), 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    expect(sheet).toMatch(/<dataValidation[^>]*sqref="C2:C\d+" type="list"/);
    expect(sheet).toMatch(/<formula1>&quot;F,I&quot;<\/formula1>/);
    expect(sheet).toMatch(/<formula1>(\$?Chapitres|'Chapitres')!\$A\$2:\$A\$\d+<\/formula1>/);
  }, 300_000);
});

describe('init DIR --from FILE', () => {
  // Every sample: SCDL files name no plan, so they get the one their README gives (the Crach files are M14 500–3 500).
  const SAMPLES: [string, string?][] = [
    ['cfu/cfu-structure-extract.xml'],
    ['totem/crach-lotissement-ca-2021.xml'],
    ['totem/crach-lotissement-bp-2022.xml'],
    ['totem/crach-lotissement-dm1-2022.xml'],
    ['totem/crach-principal-dm2-2021.xml'],
    ['totem/crach-principal-dm3-2021.xml'],
    ['totem/transport-bp-2022.xml'],
    ['scdl/crach-lotissement-ca-2021.csv', 'M14_COM_500_3500'],
    ['scdl/crach-lotissement-bp-2022.csv', 'M14_COM_500_3500'],
    ['scdl/crach-principal-dm2-2021.csv', 'M14_COM_500_3500'],
    ['scdl/morbihan-ca-2021-budget-principal.csv', 'M57'],
    ['scdl/transport-bp-2022.csv', 'M43_D'],
  ];
  it.each(SAMPLES)('%s: the folder computes (exit 0) with the figures of the file itself', (sample, nomenclature) => {
    const file = join('test/data/samples', sample);
    const plan = nomenclature ? ['--nomenclature', nomenclature] : [];
    const dir = join(tempDir(), 'from');
    const r = run(['init', dir, '--from', file, ...plan]);
    expect(r.exitCode, r.stderr).toBe(0);
    const c = run(['compute', dir, '--format', 'json']);
    expect(c.exitCode, c.stderr).toBe(0);
    const fromFolder = JSON.parse(c.stdout).figures as Record<string, string | null>;
    const fromFile = JSON.parse(run(['compute', file, '--format', 'json', ...plan]).stdout).figures as Record<string, string | null>;
    const keys = Object.keys(fromFile);
    // The figures of the execution, results, épargne, debt and ratios; only the loan annex's own table (dette-annexe, a
    // document fact no folder file carries) may be missing from the folder.
    const missing = keys.filter((k) => !(k in fromFolder));
    expect(missing.filter((k) => !k.includes('.dette-annexe.'))).toEqual([]);
    expect(Object.keys(fromFolder).filter((k) => !(k in fromFile))).toEqual([]);
    expect(keys.length - missing.length).toBeGreaterThan(60);
    for (const k of keys) if (k in fromFolder) expect(fromFolder[k], k).toBe(fromFile[k]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const execution = keys.some((k) => k.endsWith('.execution.global.solde'));
    // An execution becomes a neutral ledger read under the file's own plan; a budget document is kept as it is.
    if (execution) {
      expect(manifest.ledgers).toEqual(['ledger.csv']);
      expect(readFileSync(join(dir, 'ledger.csv'), 'utf8').split('\n')[0]).toMatch(/^budget,exercice,section,sens,chapitre,compte,nature,realise,rar/);
    } else expect(manifest.ledgers).toEqual([sample.split('/')[1]]);
    expect(manifest.nomenclature).toBe(sample.includes('crach') ? 'M14-M14_COM_500_3500' : sample.includes('transport') ? 'M4-M43_D' : sample.includes('morbihan') ? 'M57-M57' : 'M57-M57_A');
  }, 120_000);

  it('the Crach CA: accounts the M57 plan refuses (7788 as a real recette) are the M14 plan\'s, and the folder keeps the file\'s debt and population', () => {
    const dir = join(tempDir(), 'crach');
    expect(run(['init', dir, '--from', 'test/data/samples/totem/crach-lotissement-ca-2021.xml']).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'ledger.csv'), 'utf8')).toMatch(/\n[^\n]*,F,R,77,7788,reel,/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ nomenclature: 'M14-M14_COM_500_3500', dette: 'dette.csv', entite: { categorie: 'commune' } });
    expect(manifest.entite.population).toBeGreaterThan(0);
    // Under the plan a bare folder would assume (M57), the same line is a true error of the catalogue, not accepted.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, nomenclature: 'M57' }));
    const wrong = run(['compute', dir]);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/account 7788 cannot carry a reel R flow in plan M57-M57-2021/);
  });
});
