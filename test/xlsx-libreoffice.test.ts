// LibreOffice recalculates the XLSX output of compute and must find, cell by cell, the figures of the JSON output.
// One serial file: parallel soffice instances collide on their profile lock.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { D } from '../src/money/cents.js';
import { computeJson, ROOT, run } from './helpers/run.js';
import { CA_XML, totemFile } from './helpers/totem-xml.js';
import { ANNEX, LINES } from './helpers/dette-annex.js';

/** Each LibreOffice start takes seconds, many more on a loaded machine. */
const LIBREOFFICE_TIMEOUT = 300_000;
const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const required = process.env.SITIV_REQUIRE_SOFFICE === '1';
if (!hasSoffice) {
  if (required) throw new Error('SITIV_REQUIRE_SOFFICE=1 but soffice is not installed (apt-get install libreoffice-calc-nogui)');
  console.warn('notice: soffice not found, LibreOffice recalculation tests skipped (apt-get install libreoffice-calc-nogui)');
}

/** Recalculate on load (OOXMLRecalcMode 0 = always): by default LibreOffice would only echo our cached values. */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Every sheet as raw values (44 = comma, 34 = quote, 76 = UTF-8, "as shown" off, -1 = all sheets). */
function libreOfficeSheets(file: string, infilter?: string): Map<string, string[][]> {
  const work = mkdtempSync(join(tmpdir(), 'sitiv-lo-'));
  mkdirSync(join(work, 'profile/user'), { recursive: true });
  writeFileSync(join(work, 'profile/user/registrymodifications.xcu'), REGISTRY);
  const out = join(work, 'out');
  const r = spawnSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      out,
      file,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const sheets = new Map<string, string[][]>();
  for (const line of r.stdout.split('\n')) {
    const m = /^Writing sheet (.*) -> (.*)$/.exec(line.trim());
    if (m) sheets.set(m[1]!, parse(readFileSync(m[2]!, 'utf8'), { relax_column_count: true }) as string[][]);
  }
  // A one-sheet document is written under its own name, without the "Writing sheet" line.
  if (sheets.size === 0) {
    for (const f of readdirSync(out)) sheets.set(f, parse(readFileSync(join(out, f), 'utf8'), { relax_column_count: true }) as string[][]);
  }
  expect(sheets.size).toBeGreaterThan(0);
  return sheets;
}

interface JsonTable {
  id: string;
  /** false: a table the printed documents leave out (a multi-year folder's earlier single-year analysis). */
  printed?: boolean;
  columns: { id: string; kind: string }[];
  rows: { id: string; cells: Record<string, string | { id: string; value: string | null }> }[];
}

/** Compares every cell of every table (sheet k + 1: the Synthèse comes first); returns the number of figures checked. */
function compare(sheets: Map<string, string[][]>, wb: ExcelJS.Workbook, json: { tables: JsonTable[]; figures: Record<string, string | null> }): number {
  let figures = 0;
  const names = wb.worksheets.map((w) => w.name);
  json.tables.forEach((t, k) => {
    const ws = wb.worksheets[k + 1]!;
    const grid = sheets.get(names[k + 1]!);
    expect(grid, `sheet ${names[k]}`).toBeDefined();
    t.rows.forEach((row, i) => {
      const line = grid![2 + i] ?? [];
      t.columns.forEach((c, j) => {
        const got = line[j] ?? '';
        const cell = row.cells[c.id];
        const where = `${names[k + 1]} ${row.id}.${c.id}`;
        if (cell === undefined) return expect(got, where).toBe('');
        if (typeof cell === 'string') return expect(got, where).toBe(cell);
        figures++;
        if (cell.value === null) return expect(got, where).toMatch(/^n\.s\. \(\d+\)$/);
        // Amounts have two decimals, percentages and ratios one (a column may mix them: evolution rows).
        const places = cell.value.split('.')[1]!.length;
        // A percentage cell holds the fraction (0.53 for 53,0 %): its format says so.
        const isPercent = ws.getCell(3 + i, j + 1).numFmt?.includes('%');
        // A French-tagged format writes its raw value with a decimal comma (never grouped).
        // LibreOffice writes a percentage's raw value in percent units with its sign (`53%`).
        const raw = new D(got.replace(',', '.').replace(/%$/, ''));
        const value = isPercent && !got.endsWith('%') ? raw.times(100) : raw;
        if (isPercent) expect(got, where).toMatch(/%$/);
        expect(value.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places), where).toBe(cell.value);
      });
    });
  });
  expect(figures).toBe(Object.keys(json.figures).length);
  // The Synthèse: each key figure (a formula on a table sheet) equals the JSON figure named in its Référence column.
  const synthese = sheets.get(names[0]!)!;
  let keys = 0;
  for (const line of synthese.slice(2)) {
    const id = line[4];
    if (!id || !(id in json.figures)) continue;
    keys++;
    const want = json.figures[id];
    if (want === null) expect(line[2], id).toBe('n.s.');
    else expect(new D(line[2]!.replace(',', '.')).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(want.split('.')[1]!.length), id).toBe(want);
  }
  // Seven key figures a budget (a single-budget file has seven).
  expect(keys).toBeGreaterThanOrEqual(7);
  return figures;
}

/** LibreOffice prints the workbook to PDF; returns the page sizes and each page's text (pdfinfo, pdftotext). */
function libreOfficePdf(file: string): { sizes: string[]; pages: string[] } {
  const work = mkdtempSync(join(tmpdir(), 'sitiv-lo-pdf-'));
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', work, file], { encoding: 'utf8', timeout: 180_000 });
  expect(r.status, r.stderr).toBe(0);
  const pdf = join(work, basename(file).replace(/\.xlsx$/, '.pdf'));
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' }).stdout;
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  return { sizes, pages: text.split('\f').slice(0, sizes.length) };
}

/** Every printed page shows the whole width of its table: all of its column labels, under its repeated title. */
function expectOnePageWide(pages: string[], json: { tables: (JsonTable & { title: string })[] }): void {
  const squash = (x: string) => x.replace(/\s+/g, ' ');
  pages.forEach((page, p) => {
    const text = squash(page);
    // The repeated title row opens the page (wrapped on two lines when long): it names the table printed there.
    const head = text.trim();
    const shown = json.tables.find((t) => head.startsWith(squash(t.title)));
    if (!shown) return expect(head, `page ${p + 1}`).toMatch(/^[^—]+ — compte administratif/); // the Synthèse and the provenance
    for (const c of shown.columns as { label: string }[]) {
      // A long label wraps inside its cell: word by word.
      for (const w of c.label.split(/\s+/).filter(Boolean)) expect(text, `page ${p + 1} (${shown.title}) lacks column «${c.label}»`).toContain(w);
    }
  });
}

async function formulaResultsZeroed(wb: ExcelJS.Workbook, file: string): Promise<number> {
  let formulas = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null;
        if (v && typeof v === 'object' && 'formula' in v && v.formula) {
          cell.value = { formula: v.formula, result: 0 };
          formulas++;
        }
      }),
    );
  }
  await wb.xlsx.writeFile(file);
  return formulas;
}

describe.skipIf(!hasSoffice)('compute --format xlsx, recalculated by LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-xlsx-out-'));

  async function check(fixture: string, path = join(ROOT, 'fixtures', fixture)): Promise<{ figures: number; formulas: number; pages: number }> {
    const folder = path;
    const xlsx = join(dir, `${fixture}.xlsx`);
    const r = run(['compute', folder, '-o', xlsx]);
    expect(r.exitCode, r.stderr).toBe(0);
    // The workbook is French whatever the environment (render/writers.ts documentLang): the JSON's titles in French too.
    const all = computeJson(folder, ['--lang', 'fr']) as unknown as { tables: JsonTable[]; figures: Record<string, string | null> };
    // The workbook holds the printed tables: the JSON's, less those marked printed: false, whose figures go with them.
    const tables = all.tables.filter((x) => x.printed !== false);
    const kept = new Set(tables.flatMap((x) => x.rows.flatMap((r) => Object.values(r.cells).flatMap((c) => (typeof c === 'string' ? [] : [c.id])))));
    const json = { ...all, tables, figures: Object.fromEntries(Object.entries(all.figures).filter(([id]) => kept.has(id))) };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Synthèse');
    expect(names.at(-1)).toBe('Provenance');
    const figures = compare(libreOfficeSheets(xlsx), wb, json);
    // The same workbook with every cached formula result set to 0: LibreOffice must still find the JSON
    // figures, which proves it computed the formulas rather than echoed the cache.
    const tampered = join(dir, `${fixture}-tampered.xlsx`);
    const formulas = await formulaResultsZeroed(wb, tampered);
    expect(compare(libreOfficeSheets(tampered), wb, json)).toBe(figures);
    const pdf = libreOfficePdf(xlsx);
    for (const size of pdf.sizes) expect(size).toMatch(/\(A4\)/);
    expectOnePageWide(pdf.pages, json as never);
    return { figures, formulas, pages: pdf.sizes.length };
  }

  it('SITIV 2022: every value LibreOffice computes equals the JSON output, cached or not', async () => {
    // Per budget: 8 formulas in execution, 2 section totals in rar, 2 in affectation (épargne is n.s.: none);
    // TNO's co-financement adds 3 shares, its total and the gap; the 4 published figures that differ
    // (publie.csv) add 3 amounts each and a formula for each gap.
    // Per budget: 8 formulas in execution, 2 section totals in rar, 7 in affectation (besoin, 1068, R002, D002,
    // R001, D001, non couvert; épargne is n.s.: none); TNO's co-financement adds 3 shares, its total and the gap;
    // the 4 published figures that differ (publie.csv) add 3 amounts each and a formula for each gap; the Synthèse
    // points at 7 key figures a budget (épargne brute, n.s., is text). Printed: A4, one sheet a page, 12 pages.
    const r = await check('sitiv-2022');
    // The single-year tables (exécution par chapitre, épargne, dette, capacité, ratios) add figures and formulas,
    // all recomputed by LibreOffice.
    expect(r.figures).toBeGreaterThan(119 + 4 * 3 + 100);
    expect(r.formulas).toBeGreaterThan(2 * (8 + 2 + 7) + 5 + 4 + 2 * 7);
  }, LIBREOFFICE_TIMEOUT);

  it('a real TOTEM CA (chapter tables, épargne, dette annex, ratios): the same, cell by cell', async () => {
    const { figures, formulas } = await check('crach-ca-2021', CA_XML);
    expect(figures).toBeGreaterThan(200);
    // Crédits annulés, taux and subtotals of the chapter tables, épargne, dette: formulas LibreOffice recomputes.
    expect(formulas).toBeGreaterThan(60);
  }, LIBREOFFICE_TIMEOUT);

  it('the debt annex audit (roll-forward, ledger, guarantees and ratios Galland, shares): the same, cell by cell', async () => {
    const { figures, formulas } = await check('dette-audit', totemFile(LINES, { annexes: ANNEX }));
    expect(figures).toBeGreaterThan(150);
    // Roll-forward (2 a loan, 6 totals), ledger gaps, guarantee totals, the ratios' percentages, shares.
    expect(formulas).toBeGreaterThan(30);
  }, LIBREOFFICE_TIMEOUT);

  it('SITIV 2018–2022 (multi-year tables, percentages, ratios): the same, cell by cell; at most 40 A4 pages', async () => {
    const { figures, formulas, pages } = await check('sitiv-2018-2022');
    expect(figures).toBeGreaterThan(500);
    expect(formulas).toBeGreaterThan(150);
    expect(pages).toBeLessThanOrEqual(40);
  }, LIBREOFFICE_TIMEOUT);
});

describe.skipIf(!hasSoffice)('formula injection, opened by LibreOffice with formula evaluation on', () => {
  /** CSV import: comma, quote, UTF-8, from line 1, …, token 13 = evaluate formulas. */
  const EVALUATING = 'CSV:44,34,76,1,,0,false,true,false,false,false,false,true';

  it('a hostile partner name in compute --format csv stays text, while the same text unneutralised is evaluated', () => {
    const src = join(ROOT, 'fixtures/sitiv-2022');
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-lo-inject-'));
    for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
    const cof = join(dir, 'cofinancement.csv');
    writeFileSync(cof, readFileSync(cof, 'utf8').replace('Ville de Lyon', '"=2+3"'));
    const out = join(dir, 'ca.csv');
    expect(run(['compute', dir, '-o', out]).exitCode).toBe(0);
    const [grid] = [...libreOfficeSheets(out, EVALUATING).values()];
    const ours = grid!.filter((l) => l[0] === 'TNO.2022.cofinancement.ville-de-lyon.montant' || l[0] === 'TNO.2022.cofinancement.2-3.montant');
    expect(ours).toHaveLength(1);
    expect(ours[0]![4]).toBe("'=2+3");
    expect(ours[0]![5]).toBe('29070');

    // The control: the same line without the apostrophe is run by LibreOffice, so the check above can fail.
    const control = join(dir, 'control.csv');
    writeFileSync(control, readFileSync(out, 'utf8').replace("'=2+3", '=2+3'));
    const [evaluated] = [...libreOfficeSheets(control, EVALUATING).values()];
    expect(evaluated!.find((l) => l[0] === ours[0]![0])![4]).toBe('5');
  }, LIBREOFFICE_TIMEOUT);
});
