// The XLSX output's layout: sheet names, numbers stored as numbers with a grouped format, live formulas, bold totals, frozen header.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../src/report/table.js';
import { sheetNames } from '../src/render/xlsx.js';
import { ROOT, run } from './helpers/run.js';

const t = (scope: string, id: string): Table => ({ scope, id, title: '', columns: [], rows: [], notes: [] });

describe('sheetNames', () => {
  it('keeps Excel rules: at most 31 characters, no []:*?/\\, unique regardless of case', () => {
    const names = sheetNames([
      t('principal.2022', 'execution'),
      t('Budget_annexe_tres_long_nom.2022', 'execution'),
      t('budget_annexe_tres_long_nom.2022', 'execution'),
      t('a/b.2022', 'rar'),
      t('provenance', ''),
    ]);
    expect(names).toEqual(['principal.2022 execution', 'Budget_annexe_tres_long_nom.202', 'budget_annexe_tres_long_nom.2~2', 'a_b.2022 rar', 'provenance']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });
});

describe('compute -o ca.xlsx', () => {
  const wb = new ExcelJS.Workbook();
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitiv-xlsx-')), 'ca.xlsx');
    const r = run(['compute', join(ROOT, 'fixtures/sitiv-2022'), '-o', file]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    await wb.xlsx.readFile(file);
  });

  it('has one sheet per table and provenance last', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'principal.2022 execution',
      'principal.2022 chapitres-FD',
      'principal.2022 chapitres-FR',
      'principal.2022 chapitres-ID',
      'principal.2022 chapitres-IR',
      'principal.2022 rar',
      'principal.2022 affectation',
      'principal.2022 epargne',
      'principal.2022 dette',
      'principal.2022 capacite',
      'principal.2022 ratios',
      'TNO.2022 execution',
      'TNO.2022 chapitres-FD',
      'TNO.2022 chapitres-FR',
      'TNO.2022 chapitres-ID',
      'TNO.2022 chapitres-IR',
      'TNO.2022 rar',
      'TNO.2022 affectation',
      'TNO.2022 epargne',
      'TNO.2022 dette',
      'TNO.2022 capacite',
      'TNO.2022 ratios',
      'TNO.2022 cofinancement',
      'publie ecarts',
      'Provenance',
    ]);
    const prov = wb.getWorksheet('Provenance')!;
    expect(prov.getCell('A1').value).toBe('SITIV — compte administratif');
    expect(String(prov.getCell('A2').value)).toMatch(/^sitiv-ca \d/);
    expect(String(prov.getCell('A4').value)).toMatch(/^input ledger fixtures\/sitiv-2022\/principal\.csv sha256:[0-9a-f]{64}$/);
  });

  it('stores amounts as numbers in the grouped two-decimal format, totals as live formulas with cached values', () => {
    const ws = wb.getWorksheet('principal.2022 execution')!;
    expect(ws.getCell('A1').value).toBe('Budget principal — Exécution du budget 2022');
    expect(ws.getCell('B3').value).toBe(3329960.4);
    expect(ws.getCell('B3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D3').value).toEqual({ formula: 'B3-C3', result: 127183.29 });
    expect(ws.getCell('D10').value).toEqual({ formula: 'D5+D8+D9', result: 181498.28 });
    expect(ws.getCell('D10').font?.bold).toBe(true);
    expect(ws.getCell('D3').font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBeGreaterThan(40);
    const rar = wb.getWorksheet('principal.2022 rar')!;
    expect(rar.getCell('C3').value).toEqual({ formula: 'SUM(C4:C16)', result: 578436.2 });
    expect(rar.getCell('A4').value).toBe('018'); // codes stay text
    const cof = wb.getWorksheet('TNO.2022 cofinancement')!;
    expect(cof.getCell('C3').value).toEqual({ formula: 'B3/B6*100', result: 53 });
    expect(cof.getCell('C3').numFmt).toBe('0.0" %"');
  });

  it('writes not-meaningful figures as n.s. with the reason in a note, never as a number', () => {
    const ws = wb.getWorksheet('principal.2022 epargne')!;
    expect(ws.getCell('B5').value).toBe('n.s.');
    expect(String(ws.getCell('B5').note)).toMatch(/^not meaningful: /);
  });
});
