// A multi-year folder gets the single-year analysis for every exercice in the machine and screen outputs; the printed
// documents keep the last year's (SITIV 2018–2022: 69 A4 pages with every year, 37 with the last: the budget is 40).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFolder } from '../src/read/folder.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { printedTables } from '../src/report/printed.js';
import { computeJson, run } from './helpers/run.js';

const FOLDER = 'fixtures/sitiv-2018-2022';
const YEARS = [2018, 2019, 2020, 2021, 2022];
const ANALYSIS = ['chapitres-FD', 'chapitres-FR', 'chapitres-ID', 'chapitres-IR', 'epargne', 'dette', 'capacite', 'ratios'];

describe('single-year analysis for every exercice of a multi-year folder', () => {
  const json = computeJson(FOLDER) as unknown as { figures: Record<string, string | null>; tables: { id: string; printed?: boolean }[] };

  it('JSON: every exercice has its chapters, épargne, dette, capacité and ratios; the earlier ones are marked printed: false', () => {
    for (const y of YEARS) {
      for (const id of ANALYSIS) {
        const table = json.tables.find((x) => x.id === `principal.${y}.${id}`);
        expect(table, `${y} ${id}`).toBeDefined();
        expect(table!.printed, `${y} ${id}`).toBe(y === 2022 ? undefined : false);
      }
    }
  });

  it('each year agrees with the multi-year tables, computed on another path (épargne brute, encours, capacité)', () => {
    const f = json.figures;
    for (const y of YEARS) {
      expect(f[`principal.${y}.epargne.epargne-brute.montant`], `${y}`).toBe(f[`principal.2018-2022.epargne.epargne-brute.${y}`]);
      expect(f[`principal.${y}.dette.encours-3112.montant`], `${y}`).toBe(f[`principal.2018-2022.dette.${y}.encours`]);
      expect(f[`principal.${y}.capacite.ratio.valeur`], `${y}`).toBe(f[`principal.2018-2022.desendettement.ratio.${y}`]);
    }
    // The seed's figures (docs/multi-year.md): encours 2019 rolled forward, ratio 7,4 years.
    expect(f['principal.2019.dette.encours-3112.montant']).toBe('2333085.77');
    expect(f['principal.2019.capacite.ratio.valeur']).toBe('7.4');
  });

  it('terminal, CSV, JSON Lines and Markdown give the earlier years too', () => {
    for (const format of ['table', 'csv', 'jsonl', 'md']) {
      const r = run(['compute', FOLDER, '--format', format]);
      expect(r.exitCode, format).toBe(0);
      if (format === 'table' || format === 'md') expect(r.stdout, format).toMatch(/Ratios[^\n]*2019|2019[^\n]*Ratios/i);
      else expect(r.stdout, format).toContain('principal.2019.ratios.');
    }
  });

  it('the printed documents leave the earlier years out and say so on the last year\'s table', async () => {
    const report = buildComputeReport(await loadFolder(FOLDER));
    const printed = printedTables(report.tables);
    expect(report.tables.length - printed.length).toBe(4 * ANALYSIS.length);
    const epargne = printed.find((x) => x.scope === 'principal.2022' && x.id === 'epargne')!;
    expect(epargne.notes.at(-1)).toMatch(/2018, 2019, 2020, 2021/);
    const out = join(mkdtempSync(join(tmpdir(), 'sitiv-printed-')), 'ca.xlsx');
    expect(run(['compute', FOLDER, '-o', out]).exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    // Synthèse + one sheet a printed table + Provenance.
    expect(wb.worksheets.length).toBe(printed.length + 2);
  });
});
