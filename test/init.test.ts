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
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar', 'libelle']);
    expect(ws.getColumn(5).numFmt).toBe('@');
    const examples = [2, 3, 4, 5].map((n) => [ws.getCell(n, 3).value, ws.getCell(n, 4).value, ws.getCell(n, 5).value]);
    expect(examples).toEqual([['F', 'D', '011'], ['F', 'R', '70'], ['I', 'D', '21'], ['I', 'R', '13']]);
    const xml = spawnSync('unzip', ['-p', join(dir, 'ledger.xlsx'), 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    expect(xml).toContain('sqref="C2:C2000"><formula1>&quot;F,I&quot;</formula1>');
    expect(xml).toContain('sqref="D2:D2000"><formula1>&quot;D,R&quot;</formula1>');
    expect(xml).toMatch(/sqref="E2:E2000"><formula1>Chapitres!\$A\$2:\$A\$\d+<\/formula1>/);
    const chapters = wb.getWorksheet('Chapitres')!;
    const codes = chapters.getColumn(1).values.slice(2) as string[];
    expect(codes).toContain('011');
    expect(codes).toContain('040');
    expect(chapters.getRow(2).values).toHaveLength(5);
  });

  it('filled in by a script, it computes the figures written into it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'ledger.xlsx'));
    const ws = wb.getWorksheet('Grand livre')!;
    // F: R 1 500,00 − D 1 000,00 = 500,00; I: R 200,00 − D 800,00 = −600,00, RAR D 50,00 → global −150,00.
    for (const [row, realise, rar] of [[2, 1000, 0], [3, 1500, 0], [4, 800, 50], [5, 200, 0]] as const) {
      ws.getCell(row, 8).value = realise;
      ws.getCell(row, 9).value = rar;
    }
    await wb.xlsx.writeFile(join(dir, 'ledger.xlsx'));
    const j = JSON.parse(run(['compute', dir, '--format', 'json']).stdout);
    expect(j.figures['principal.2024.execution.fonctionnement-exercice.solde']).toBe('500.00');
    expect(j.figures['principal.2024.execution.investissement-exercice.solde']).toBe('-600.00');
    expect(j.figures['principal.2024.execution.global.solde']).toBe('-150.00');
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
  it('writes an SCDL file\'s lines as a neutral ledger that computes like the file itself', () => {
    const samples = join('test/data/samples/scdl');
    const xml = 'morbihan-ca-2021-budget-principal.csv';
    const dir = join(tempDir(), 'from');
    const r = run(['init', dir, '--from', join(samples, xml)]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ledger.csv'), 'utf8').split('\n')[0]).toMatch(/^budget,exercice,section,sens,chapitre,compte,nature,realise,rar/);
    const fromFolder = JSON.parse(run(['compute', dir, '--format', 'json']).stdout).figures;
    const fromFile = JSON.parse(run(['compute', join(samples, xml), '--format', 'json', '--nomenclature', 'M57']).stdout).figures;
    const solde = Object.keys(fromFile).find((k) => k.endsWith('.execution.global.solde'))!;
    expect(fromFolder[solde]).toBe(fromFile[solde]);
    expect(Object.keys(fromFolder).length).toBeGreaterThan(20);
    for (const k of Object.keys(fromFile)) if (k in fromFolder) expect(fromFolder[k], k).toBe(fromFile[k]);
  });
});
