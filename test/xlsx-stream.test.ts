// The zip and sheet reader and writer of src/read/xlsx/ and src/render/xlsx-stream.ts: round trips, other writers' workbooks, damaged archives.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, formatProblem } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { LedgerTable } from '../src/model/ledger-table.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { crc32 } from '../src/read/xlsx/crc32.js';
import { ZipReader } from '../src/read/xlsx/zip.js';
import { readLedgerXlsx, setWholeSheetBytes } from '../src/read/xlsx-ledger.js';
import { writeLedgerXlsx } from '../src/render/xlsx-stream.js';
import { putCents, putInt } from '../src/render/digits.js';
import { centsToString } from '../src/money/cents.js';
import { ZipWriter } from '../src/render/zip-write.js';
import { restoreText } from '../src/sheet/safe-text.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sitiv-xlsx-stream-'));
const planFor = (y: number) => resolvePlan('M57', y);

async function readAll(file: string): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for await (const b of readLedgerXlsx(file, 'l.xlsx', planFor)) rows.push(...b);
  return rows;
}

async function problems(file: string): Promise<string[]> {
  try {
    await readAll(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an InputError');
}

afterEach(() => setWholeSheetBytes(32 << 20));

/** Real (section, sens, chapter, account) flows of the 2022 M57 plan, as a ledger may carry them. */
const FLOWS = (() => {
  const plan = planFor(2022);
  const out: { section: 'F' | 'I'; sens: 'D' | 'R'; chapitre: string; compte: string }[] = [];
  for (const compte of plan.accountCodes()) {
    for (const sens of ['D', 'R'] as const) {
      const chapitre = plan.chapterOfAccount(compte, sens, 'reel');
      const c = chapitre ? plan.chapter(chapitre) : undefined;
      if (chapitre && c && c.kind === 'reel' && !c.special && plan.account(compte)?.code === compte) out.push({ section: c.section, sens, chapitre, compte });
    }
    if (out.length >= 400) break;
  }
  return out;
})();

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC, whole and in pieces', () => {
    const b = Buffer.from('123456789');
    expect(crc32(b)).toBe(0xcbf43926);
    expect(crc32(b.subarray(4), crc32(b.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('zip writer → zip reader', () => {
  it('every entry comes back byte for byte, whole and streamed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,8}\.xml$/), fc.string({ unit: 'grapheme', maxLength: 3000 })), { minLength: 1, maxLength: 5 }), async (entries) => {
        const unique = [...new Map(entries).entries()];
        const zip = new ZipWriter();
        for (const [name, text] of unique.slice(1)) await zip.add(name, text);
        // The first one through the streaming writer, in pieces.
        const [name0, text0] = unique[0]!;
        const w = zip.stream(name0);
        for (let i = 0; i < text0.length; i += 700) await w.write(text0.slice(i, i + 700));
        await w.end();
        const file = join(tmp(), 'a.zip');
        writeFileSync(file, Buffer.concat(zip.finish()));
        const r = await ZipReader.open(file);
        try {
          for (const [name, text] of unique) {
            expect((await r.read(name)).toString('utf8')).toBe(text);
            const parts: Buffer[] = [];
            for await (const p of r.stream(name)) parts.push(p);
            expect(Buffer.concat(parts).toString('utf8')).toBe(text);
          }
        } finally {
          await r.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a damaged archive is an InputError naming the file, never a crash', async () => {
    const table = new LedgerTable();
    table.push({ budget: 'P', exercice: 2022, section: 'F', sens: 'D', chapitre: '011', compte: '60611', nature: 'reel', realise: 100n, rar: 0n, file: 'x', line: 2 });
    const good = Buffer.concat(await writeLedgerXlsx(table, ['test']));
    const dir = tmp();
    const cases: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length - 30)],
      ['not a zip', Buffer.from('budget,exercice\n')],
      ['empty', Buffer.alloc(0)],
    ];
    // A flipped byte inside the compressed sheet: the checksum (or inflate) catches it.
    const flipped = Buffer.from(good);
    const at = flipped.indexOf('xl/worksheets/sheet1.xml') + 40;
    flipped[at] = flipped[at]! ^ 0xff;
    cases.push(['flipped', flipped]);
    // Data intact, its checksum in the central directory wrong: only the CRC check can tell.
    const crc = Buffer.from(good);
    const cd = crc.lastIndexOf('xl/worksheets/sheet1.xml') - 46;
    crc[cd + 16] = crc[cd + 16]! ^ 0x01;
    cases.push(['crc', crc]);
    for (const limit of [32 << 20, 0]) {
      setWholeSheetBytes(limit);
      for (const [name, bytes] of cases) {
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, bytes);
        const p = await problems(file);
        expect(p.length, `${name} ${limit}`).toBe(1);
        expect(p[0], `${name} ${limit}`).toMatch(/^l\.xlsx: not a readable XLSX workbook: /);
      }
    }
  });
});

const label = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('=SUM(A1)', '+33 1', '-moins', '@x', 'a & b < c > d "e" \'f\'', '  blancs  ', 'ligne\nsuivante', 'retour\r\nchariot', 'é à ç 😀'),
);
// A spreadsheet number holds 15 significant digits: amounts up to 9 999 999 999 999,99 € (as exceljs before).
const cents = fc.oneof(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.constant(0n), fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }));

describe('writeLedgerXlsx → readLedgerXlsx', () => {
  it('N random rows come back identical (codes, cents, labels with markup, blanks, line ends, emoji, formula-like text)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            flow: fc.nat(FLOWS.length - 1),
            realise: cents,
            rar: cents,
            creditsOuverts: fc.option(cents, { nil: undefined }),
            fonction: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }),
            libelle: fc.option(label, { nil: undefined }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.boolean(),
        async (specs, streamed) => {
          const table = new LedgerTable();
          const want: Partial<LedgerRow>[] = [];
          specs.forEach((s, i) => {
            const f = FLOWS[s.flow]!;
            const row: LedgerRow = { budget: 'principal', exercice: 2022, ...f, nature: 'reel', realise: s.realise, rar: f.section === 'I' ? s.rar : 0n, operation: `OP${i}`, file: 'in', line: i + 2 };
            if (s.creditsOuverts !== undefined) row.creditsOuverts = s.creditsOuverts;
            if (s.fonction !== undefined) row.fonction = s.fonction;
            // XML cannot hold C0 controls: the writer drops them (convert says so before), tabs and line ends stay.
            const lib = s.libelle?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
            if (lib) row.libelle = lib;
            table.push(row);
            const { file: _f, line: _l, ...rest } = row;
            want.push(rest);
          });
          const file = join(tmp(), 'rt.xlsx');
          writeFileSync(file, Buffer.concat(await writeLedgerXlsx(table, ['provenance'])));
          setWholeSheetBytes(streamed ? 0 : 32 << 20);
          const got = (await readAll(file)).map(({ file: _f, line: _l, cell: _c, ...rest }) => ({ ...rest, ...(rest.libelle !== undefined ? { libelle: restoreText(rest.libelle) } : {}) }));
          // Labels keep their blanks, even a label of blanks alone.
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the sheet rows as bytes', () => {
  const edges = [0, 1, 9, 10, 99, 100, 101, 999, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 10 ** 8 - 1, 10 ** 8, 10 ** 15 - 1, 2 ** 53 - 1];
  it('writes cents as centsToString does, and integers as String does, on every safe integer', () => {
    const b = Buffer.alloc(64);
    const check = (c: number) => {
      expect(b.toString('latin1', 0, putCents(b, 0, c))).toBe(centsToString(c));
      if (c >= 0) expect(b.toString('latin1', 3, putInt(b, 3, c))).toBe(String(c));
    };
    for (const e of edges) for (const c of [e, -e, e - 1, 1 - e]) if (Number.isSafeInteger(c)) check(c);
    fc.assert(fc.property(fc.maxSafeInteger(), fc.integer(), (c, small) => (check(c), check(small))), { numRuns: 2000 });
    // Not an integer of cents: a bug upstream, not an amount to print.
    expect(() => putCents(b, 0, 1.5)).toThrow(RangeError);
    expect(() => putCents(b, 0, 2 ** 53)).toThrow(RangeError);
  });

  it('a row longer than the writer’s 1 MiB slab (a 600 000-character label) comes back whole, with the rows around it', async () => {
    const table = new LedgerTable();
    const long = 'é'.repeat(300_000) + ' & <fin> ' + 'x'.repeat(300_000);
    ['avant', long, 'après'].forEach((libelle, i) => table.push({ budget: 'P', exercice: 2022, ...FLOWS[0]!, nature: 'reel', realise: BigInt(i * 100 + 1), rar: 0n, operation: `OP${i}`, libelle, file: 'in', line: i + 2 }));
    const file = join(tmp(), 'long.xlsx');
    writeFileSync(file, Buffer.concat(await writeLedgerXlsx(table, ['p'])));
    const rows = await readAll(file);
    expect(rows.map((r) => [r.line, r.realise, r.libelle?.length])).toEqual([
      [2, 1n, 5],
      [3, 101n, long.length],
      [4, 201n, 5],
    ]);
    expect(rows[1]!.libelle).toBe(long);
  });

  it('amounts past 2^53 are written whole, however long, across slabs (60 rows of a 100 001-digit amount)', async () => {
    const table = new LedgerTable();
    const big = (i: number) => 10n ** 100_000n + BigInt(i);
    for (let i = 0; i < 60; i++) table.push({ budget: 'P', exercice: 2022, ...FLOWS[0]!, nature: 'reel', realise: i % 2 ? big(i) : -big(i), rar: BigInt(i), operation: `OP${i}`, file: 'in', line: i + 2 });
    const file = join(tmp(), 'big.xlsx');
    writeFileSync(file, Buffer.concat(await writeLedgerXlsx(table, ['p'])));
    const zip = await ZipReader.open(file);
    const xml = (await zip.read('xl/worksheets/sheet1.xml')).toString('utf8');
    await zip.close();
    expect(xml.length).toBeGreaterThan(6_000_000);
    const values = [...xml.matchAll(/<c r="H(\d+)" s="1"><v>(-?\d+\.\d\d)<\/v><\/c><c r="I\1" s="1"><v>(\d+\.\d\d)<\/v><\/c>/g)];
    expect(values.map((m) => [m[1], m[2], m[3]])).toEqual(Array.from({ length: 60 }, (_, i) => [String(i + 2), centsToString(i % 2 ? big(i) : -big(i)), centsToString(BigInt(i))]));
    expect(xml.endsWith('</sheetData></worksheet>')).toBe(true);
  });
});

describe('workbooks written by exceljs', () => {
  const HEADER = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar', 'libelle'];
  const ROWS: ExcelJS.CellValue[][] = [
    ['P', 2022, 'F', 'D', '011', '60611', 'reel', 1234.56, null, 'Eau & assainissement <ok>'],
    ['P', 2022, 'I', 'D', '21', '2183', 'reel', 99.9, 12.5, 'Matériel'],
    ['P', 2022, 'F', 'R', '70', '70311', 'reel', -0.01, null, { richText: [{ text: 'ric' }, { text: 'he' }] }],
  ];
  const expected = [
    [3, 'P', '011', 123456n, 0n, 'Eau & assainissement <ok>'],
    [4, 'P', '21', 9990n, 1250n, 'Matériel'],
    [5, 'P', '70', -1n, 0n, 'riche'],
  ];
  const pick = (rows: LedgerRow[]) => rows.map((r) => [r.line, r.budget, r.chapitre, r.realise, r.rar, r.libelle]);

  it('by its streaming WorkbookWriter, with shared strings and with inline strings, one title row above', async () => {
    for (const useSharedStrings of [true, false]) {
      const file = join(tmp(), `s${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
      const ws = wb.addWorksheet('Feuille1');
      ws.addRow(['Grand livre 2022']).commit();
      ws.addRow(HEADER).commit();
      for (const r of ROWS) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
      expect(pick(await readAll(file)), `shared strings ${useSharedStrings}`).toEqual(expected);
    }
  });

  it('merged amount cells are refused in a streamed sheet too, naming the range (second pass)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feuille1');
    ws.addRow(HEADER.slice(0, 9));
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60611', 'reel', 100, null]);
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60612', 'reel', null, null]);
    ws.mergeCells('H2:H3');
    const file = join(tmp(), 'm.xlsx');
    await wb.xlsx.writeFile(file);
    for (const limit of [32 << 20, 0]) {
      setWholeSheetBytes(limit);
      expect((await problems(file)).join('\n'), `limit ${limit}`).toMatch(/l\.xlsx:3:8 \(realise\) \(Feuille1!H3\): realise: the cell is inside the merged range Feuille1!H2:H3/);
    }
  });

  it('a text amount read before the line that settles the decimal mark is read with that mark (streamed: a second pass)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feuille1');
    ws.addRow(HEADER.slice(0, 9));
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60611', 'reel', '1.234', null]);
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60612', 'reel', '10,50', null]);
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60613', 'reel', '2.5', null]);
    const file = join(tmp(), 'e.xlsx');
    await wb.xlsx.writeFile(file);
    const whole = await problems(file);
    expect(whole).toEqual(['l.xlsx:4:8 (realise) (Feuille1!H4): realise: not an amount in this file\'s dialect (decimal comma, settled by line 3: "10,50") (value: "2.5")']);
    setWholeSheetBytes(0);
    expect(await problems(file)).toEqual(whole);
    ws.getRow(4).getCell(8).value = '2,5';
    await wb.xlsx.writeFile(file);
    for (const limit of [32 << 20, 0]) {
      setWholeSheetBytes(limit);
      expect((await readAll(file)).map((r) => [r.line, r.realise]), `limit ${limit}`).toEqual([[2, 123400n], [3, 1050n], [4, 250n]]);
    }
  });
});

describe('a sparse workbook', () => {
  it('one cell at row 1 048 576 is read for what it is (a note outside the ledger columns)', async () => {
    const table = new LedgerTable();
    table.push({ budget: 'P', exercice: 2022, section: 'F', sens: 'D', chapitre: '011', compte: '60611', nature: 'reel', realise: 100n, rar: 0n, file: 'x', line: 2 });
    const bytes = Buffer.concat(await writeLedgerXlsx(table, ['p']));
    // The same workbook with one more row at the last address, in a column the header does not map.
    const dir = tmp();
    const file = join(dir, 'sparse.xlsx');
    writeFileSync(file, bytes);
    const r = await ZipReader.open(file);
    const sheet = (await r.read('xl/worksheets/sheet1.xml')).toString('utf8');
    const parts: [string, string][] = [];
    for (const name of r.entries.keys()) if (name !== 'xl/worksheets/sheet1.xml') parts.push([name, (await r.read(name)).toString('utf8')]);
    await r.close();
    const zip = new ZipWriter();
    for (const [name, text] of parts) await zip.add(name, text);
    await zip.add('xl/worksheets/sheet1.xml', sheet.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>fin</t></is></c></row></sheetData>'));
    writeFileSync(file, Buffer.concat(zip.finish()));
    expect(readFileSync(file).length).toBeLessThan(8000);
    // Its cost (the old reader: 36 s and 2.9 GB) is measured in npm run bench; here, what it reads.
    const rows = await readAll(file);
    expect(rows.map((x) => [x.line, x.realise])).toEqual([[2, 100n]]);
  });
});

describe('free text in the sheet XML', () => {
  it('says xml:space="preserve" only where blanks would be lost, and exceljs reads every label back as written', async () => {
    const labels = ['  blancs  ', 'a  b', 'tab\tx', 'ligne\nsuivante', 'retour\r\nchariot', ' x', 'x ', 'Ligne budgétaire 12', 'a & b <c>'];
    const table = new LedgerTable();
    labels.forEach((libelle, i) => table.push({ budget: 'P', exercice: 2022, ...FLOWS[0]!, nature: 'reel', realise: 100n, rar: 0n, libelle, file: 'in', line: i + 2 }));
    const file = join(tmp(), 'space.xlsx');
    writeFileSync(file, Buffer.concat(await writeLedgerXlsx(table, ['p'])));
    const zip = await ZipReader.open(file);
    const xml = (await zip.read('xl/worksheets/sheet1.xml')).toString('utf8');
    await zip.close();
    const cells = [...xml.matchAll(/<is>(<t[^>]*>)/g)].map((m) => m[1]);
    expect(cells).toEqual([...Array(7).fill('<t xml:space="preserve">'), '<t>', '<t>']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('ledger')!;
    const col = (ws.getRow(1).values as string[]).indexOf('libelle');
    expect(labels.map((_, i) => ws.getRow(i + 2).getCell(col).value)).toEqual(labels);
  });
});

describe('the column table', () => {
  it('gives back every free-text value as pushed, held once when repeated and as pushed once a column stops repeating', () => {
    const table = new LedgerTable();
    const n = 70_000 + 3;
    for (let i = 0; i < n; i++)
      table.push({ budget: 'P', exercice: 2022, ...FLOWS[0]!, nature: 'reel', realise: BigInt(i), rar: 0n, fonction: String(i % 900), operation: `OP${i}`, libelle: `L${i % 5000}`, file: 'in', line: i + 2 });
    expect(table.length).toBe(n);
    for (const i of [0, 1, 899, 900, 65_535, 65_536, 65_537, 69_999, n - 1]) {
      expect([table.free.fonction[i], table.free.operation[i], table.free.libelle[i], table.cents('realise', i)]).toEqual([String(i % 900), `OP${i}`, `L${i % 5000}`, BigInt(i)]);
    }
  });
});
