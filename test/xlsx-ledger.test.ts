// XLSX ledgers: header below a title block, exact cents from doubles, French text amounts, cached formulas, cell-named errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError, formatProblem } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import type { ReadOptions } from '../src/read/dialect/options.js';
import { numberToCents, readLedgerXlsx } from '../src/read/xlsx-ledger.js';

const HEADER = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar', 'libelle'];
type V = ExcelJS.CellValue;

async function workbook(rows: V[][], opts: { sheet?: string; before?: string; titleRows?: number; startCol?: number } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (opts.before) wb.addWorksheet(opts.before).getCell('A1').value = 'notes';
  const ws = wb.addWorksheet(opts.sheet ?? 'Feuille1');
  const title = opts.titleRows ?? 0;
  const c0 = opts.startCol ?? 1;
  for (let i = 0; i < title; i++) ws.getCell(i + 1, 1).value = i === 0 ? 'Balance 2022 — SITIV' : null;
  [HEADER, ...rows].forEach((values, r) => values.forEach((v, c) => (ws.getCell(title + 1 + r, c0 + c).value = v)));
  const file = join(mkdtempSync(join(tmpdir(), 'sitiv-xlsx-')), 'ledger.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

async function read(file: string, options: ReadOptions = {}): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for await (const b of readLedgerXlsx(file, 'ledger.xlsx', (y) => resolvePlan('M57', y), options)) rows.push(...b);
  return rows;
}

async function problems(file: string, options: ReadOptions = {}): Promise<string[]> {
  try {
    await read(file, options);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('numberToCents', () => {
  it('takes the cent a double stands for', () => {
    expect(numberToCents(3329960.4)).toBe(332996040n);
    expect(numberToCents(0.1 + 0.2)).toBe(30n); // 0.30000000000000004: noise past 15 digits
    expect(numberToCents(1129305.49)).toBe(112930549n);
    expect(numberToCents(-578436.2)).toBe(-57843620n);
    expect(numberToCents(9999999999999.99)).toBe(999999999999999n); // 15 digits: all a spreadsheet keeps
    expect(numberToCents(1e-7)).toEqual({ error: 'numeric cell holds 1e-7: more than two decimals (amounts are euros and cents)' });
    expect(numberToCents(1234.567)).toEqual({ error: 'numeric cell holds 1234.567: more than two decimals (amounts are euros and cents)' });
  });
});

describe('readLedgerXlsx', () => {
  it('finds the header below a title block, off the first column, and reads numbers, text amounts and cached formulas', async () => {
    const file = await workbook(
      [
        ['P', 2022, 'F', 'R', null, null, null, 0.1 + 0.2, null, 'noise'],
        ['P', 2022, 'F', 'D', null, null, null, '1 234,56', null, 'texte'],
        ['P', 2022, 'I', 'D', '20', null, 'reel', null, { formula: 'H1*2', result: 458323.06 }, 'formule'],
        [null, null, null, null, null, null, null, null, null, null],
        ['P', 2022, 'I', 'R', '001', null, null, 452968.04, null, { richText: [{ text: 'riche' }] }],
      ],
      { titleRows: 3, startCol: 2 },
    );
    const rows = await read(file);
    expect(rows.map((r) => [r.line, r.cell, r.realise, r.rar, r.chapitre, r.libelle])).toEqual([
      [5, 'Feuille1!B5', 30n, 0n, '', 'noise'],
      [6, 'Feuille1!B6', 123456n, 0n, '', 'texte'],
      [7, 'Feuille1!B7', 0n, 45832306n, '20', 'formule'],
      [9, 'Feuille1!B9', 45296804n, 0n, '001', 'riche'],
    ]);
  });

  it('names the sheet and the cell of every problem', async () => {
    const file = await workbook([
      ['P', 2022, 'F', 'R', null, null, null, 1234.567, null, 'trois décimales'],
      ['P', 2022, 'F', 'D', null, null, null, { formula: 'A1', result: undefined } as V, null, 'sans cache'],
      ['P', 2022, 'X', 'D', null, null, null, new Date('2022-01-01'), null, 'date'],
    ]);
    expect(await problems(file)).toEqual([
      'ledger.xlsx:2:8 (realise) (Feuille1!H2): realise: numeric cell holds 1234.567: more than two decimals (amounts are euros and cents) (value: "1234.567")',
      'ledger.xlsx:3:8 (realise) (Feuille1!H3): realise: formula without a cached value (open and save the workbook in a spreadsheet application) (value: "=A1")',
      'ledger.xlsx:4:8 (realise) (Feuille1!H4): realise: a date (2022-01-01) where text or a number is expected (value: "2022-01-01T00:00:00.000Z")',
      'ledger.xlsx:4:3 (section) (Feuille1!C4): section must be F or I (value: "X")',
    ]);
  });

  it('refuses an ambiguous text amount, and reads it once --decimal settles it', async () => {
    const file = await workbook([['P', 2022, 'F', 'R', null, null, null, '1.234', null, 'x']]);
    expect(await problems(file)).toEqual([
      'ledger.xlsx:2:8 (realise) (Feuille1!H2): realise: ambiguous amount: nothing in the file settles the decimal mark, so "1.234" could be read two ways (pass --decimal , or --decimal .) (value: "1.234")',
    ]);
    expect((await read(file, { decimal: ',' }))[0]!.realise).toBe(123400n);
  });

  it('reads the sheet named by --sheet, and lists the sheets when it is missing', async () => {
    const file = await workbook([['P', 2022, 'F', 'R', null, null, null, 10, null, 'x']], { sheet: 'Balance', before: 'Lisez-moi' });
    expect(await problems(file)).toEqual([
      // Issue 15: the header is found by its columns in any order, compte and nature optional.
      'ledger.xlsx (Lisez-moi!A1:A1): no ledger header in the first 50 rows of sheet "Lisez-moi" (expected a row naming budget, exercice, section, sens, chapitre, realise, rar)',
    ]);
    expect((await read(file, { sheet: 'Balance' }))[0]!.realise).toBe(1000n);
    expect(await problems(file, { sheet: 'Nope' })).toEqual(['ledger.xlsx: no sheet "Nope" (sheets: "Lisez-moi", "Balance")']);
  });
});
