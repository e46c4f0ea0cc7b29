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
  it('French and readable, the first budget unprefixed; at most 31 characters, no []:*?/\\, unique regardless of case', () => {
    const names = sheetNames([
      t('principal.2022', 'execution'),
      t('principal.2018-2022', 'detaillee-F-D'),
      t('principal.2018-2022', 'desendettement-publie'),
      t('Budget_annexe_tres_long_nom.2022', 'execution'),
      t('budget_annexe_tres_long_nom.2022', 'execution'),
      t('a/b.2022', 'rar'),
      t('publie', 'ecarts'),
      t('principal.2022', 'synthese'),
    ]);
    expect(names).toEqual([
      'Exécution 2022',
      'Détaillée F dépenses 2018-2022',
      'Désendettement publié 2018-2022',
      'Budget_annexe_tres_long_nom Exé',
      'budget_annexe_tres_long_nom (2)',
      'a_b RAR 2022',
      'Écarts publiés',
      'synthese 2022',
    ]);
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

  it('has the Synthèse first, one sheet per table and provenance last', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Synthèse',
      'Exécution 2022',
      'chapitres-FD 2022',
      'chapitres-FR 2022',
      'chapitres-ID 2022',
      'chapitres-IR 2022',
      'RAR 2022',
      'Affectation 2022',
      'Épargne 2022',
      'Dette 2022',
      'capacite 2022',
      'ratios 2022',
      'TNO Exécution 2022',
      'TNO chapitres-FD 2022',
      'TNO chapitres-FR 2022',
      'TNO chapitres-ID 2022',
      'TNO chapitres-IR 2022',
      'TNO RAR 2022',
      'TNO Affectation 2022',
      'TNO Épargne 2022',
      'TNO Dette 2022',
      'TNO capacite 2022',
      'TNO ratios 2022',
      'TNO Co-financement 2022',
      'Écarts publiés',
      'Provenance',
    ]);
    const prov = wb.getWorksheet('Provenance')!;
    expect(prov.getCell('A1').value).toBe('SITIV — compte administratif');
    expect(String(prov.getCell('A2').value)).toMatch(/^sitiv-ca \d/);
    expect(String(prov.getCell('A4').value)).toMatch(/^input ledger fixtures\/sitiv-2022\/principal\.csv sha256:[0-9a-f]{64}$/);
  });

  it('stores amounts as numbers in the euro format, totals as live formulas with cached values', () => {
    const ws = wb.getWorksheet('Exécution 2022')!;
    expect(ws.getCell('A1').value).toBe('Budget principal — Exécution du budget 2022');
    expect(ws.getCell('B3').value).toBe(3329960.4);
    expect(ws.getCell('B3').numFmt).toBe('[$-40C]#,##0.00 "€"');
    expect(ws.getCell('D3').value).toEqual({ formula: 'B3-C3', result: 127183.29 });
    expect(ws.getCell('D10').value).toEqual({ formula: 'D5+D8+D9', result: 181498.28 });
    expect(ws.getCell('D10').font?.bold).toBe(true);
    expect(ws.getCell('D3').font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBeGreaterThan(40);
    const rar = wb.getWorksheet('RAR 2022')!;
    expect(rar.getCell('C3').value).toEqual({ formula: 'SUM(C4:C16)', result: 578436.2 });
    expect(rar.getCell('A4').value).toBe('018'); // codes stay text
    const cof = wb.getWorksheet('TNO Co-financement 2022')!;
    // A true percentage: 0.53 shown as 53,0 %.
    expect(cof.getCell('C3').value).toEqual({ formula: 'B3/B6', result: 0.53 });
    expect(cof.getCell('C3').numFmt).toBe('[$-40C]0.0 %');
  });

  it('writes the affectation as formulas: 1068 covers the besoin within the excédent, R002 the rest', () => {
    const ws = wb.getWorksheet('Affectation 2022')!;
    // Rows: 3 résultat, 4 solde I, 5 RAR, 6 besoin, 7 1068, 8 R002, 9 D002, 10 R001, 11 D001, 12 non couvert.
    expect(ws.getCell('B6').value).toEqual({ formula: 'B4+B5', result: -82640.45 });
    expect(ws.getCell('B7').value).toEqual({ formula: 'MIN(MAX(0,MIN(MAX(B3,0),MAX((0-B6),0))),MAX(B3,0))', result: 82640.45 });
    expect(ws.getCell('B8').value).toEqual({ formula: 'MAX((B3-B7),0)', result: 181498.28 });
    expect((ws.getCell('B12').value as { formula: string }).formula).toBe('MAX((MAX((0-B6),0)-B7),0)');
  });

  it('writes not-meaningful figures as n.s. with the reason printed as a note row under the table, never a comment', () => {
    const ws = wb.getWorksheet('Épargne 2022')!;
    expect(ws.getCell('B5').value).toBe('n.s. (1)');
    expect(ws.getCell('B5').note).toBeUndefined();
    const column = ws.getColumn(1).values.map((v) => String(v ?? ''));
    expect(column.some((v) => /^n\.s\. \(1\) non significatif : /.test(v))).toBe(true);
  });

  it('prints on A4, one page wide, header rows repeated, with a footer naming entity, exercice, page n / N and the tool', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter).toMatch(/^&L&8SITIV( — exercice 2022)?&C&8Page &P \/ &N&R&8sitiv-ca \d/);
    }
    expect(wb.getWorksheet('Exécution 2022')!.pageSetup.printTitlesRow).toBe('1:2');
    expect(wb.getWorksheet('Exécution 2022')!.headerFooter.oddFooter).toContain('SITIV — exercice 2022');
  });

  it('opens on a Synthèse whose key figures are formulas on the table sheets, with links to them', () => {
    const ws = wb.getWorksheet('Synthèse')!;
    expect(ws.getCell('A3').value).toBe('Budget principal 2022');
    expect(ws.getCell('B3').value).toBe('Fonctionnement — résultat à affecter / reporter');
    expect(ws.getCell('C3').value).toEqual({ formula: "'Exécution 2022'!D5", result: 264138.73 });
    expect(ws.getCell('D3').value).toEqual({ text: 'Exécution 2022', hyperlink: "#'Exécution 2022'!A1" });
    expect(ws.getCell('E3').value).toBe('principal.2022.execution.fonctionnement-cumule.solde');
  });
});
