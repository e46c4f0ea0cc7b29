// The XLSX reader's fast paths (cells read on the bytes, key cells cached by shared-string id) give what its general paths give: the same rows, the same messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, formatProblem } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { readLedgerXlsx, setWholeSheetBytes } from '../src/read/xlsx-ledger.js';
import { ZipWriter } from '../src/render/zip-write.js';
import { LedgerTable } from '../src/model/ledger-table.js';
import { renderLedgerTableCsv } from '../src/render/ledger-table-csv.js';
import { OUT_DIALECTS } from '../src/read/dialect/write-csv.js';

const planFor = (y: number) => resolvePlan('M57', y);
const dir = mkdtempSync(join(tmpdir(), 'sitiv-xlsx-paths-'));
afterEach(() => setWholeSheetBytes(32 << 20));

/** What reading gives: the rows, or the problems as printed. */
async function outcome(file: string): Promise<{ rows?: LedgerRow[]; problems?: string[] }> {
  const rows: LedgerRow[] = [];
  try {
    for await (const b of readLedgerXlsx(file, 'l.xlsx', planFor)) rows.push(...b);
  } catch (e) {
    if (e instanceof InputError) return { problems: e.problems.map(formatProblem) };
    throw e;
  }
  return { rows };
}

/** What convert's column table holds when filled by the rows read, or by the reader itself (its sink), as CSV. */
const tableCsv = (t: LedgerTable) => Buffer.concat(renderLedgerTableCsv(t, OUT_DIALECTS.neutral!)).toString('utf8');
async function sunk(file: string): Promise<{ csv?: string; problems?: string[] }> {
  const table = new LedgerTable();
  try {
    for await (const b of readLedgerXlsx(file, 'l.xlsx', planFor, { sink: table })) for (const r of b) table.push(r);
  } catch (e) {
    if (e instanceof InputError) return { problems: e.problems.map(formatProblem) };
    throw e;
  }
  return { csv: tableCsv(table) };
}
function rowsCsv(o: { rows?: LedgerRow[]; problems?: string[] }): { csv?: string; problems?: string[] } {
  if (!o.rows) return { problems: o.problems! };
  const table = new LedgerTable();
  for (const r of o.rows) table.push(r);
  return { csv: tableCsv(table) };
}

const FLOWS = (() => {
  const plan = planFor(2022);
  const out: [string, string, string, string][] = [];
  for (const compte of plan.accountCodes()) {
    for (const sens of ['D', 'R'] as const) {
      const chapitre = plan.chapterOfAccount(compte, sens, 'reel');
      const c = chapitre ? plan.chapter(chapitre) : undefined;
      if (chapitre && c && c.kind === 'reel' && !c.special && plan.account(compte)?.code === compte) out.push([c.section, sens, chapitre, compte]);
    }
    if (out.length >= 60) break;
  }
  return out;
})();

/** A cell as written: a text (shared or inline), a number's XML text, or a cell no ledger takes. */
type Cell = { s: string } | { n: string } | { b: string } | { e: string } | { f: string } | null;

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The sheet XML of `rows`. `usual`: the shapes the fast path reads (`<c r t><v>…</v></c>`, `<is><t>…</t></is>`, codes
 * as shared strings); otherwise the same cells in shapes it hands over: blanks between elements, attributes in
 * another order, rich-text runs, every text inline (no shared-string id for the key cache), a digit of each number
 * as a character reference (read as text, then to cents by the general rule).
 */
function sheetXml(rows: Cell[][], usual: boolean, shared: Map<string, number>): string {
  const col = (j: number) => String.fromCharCode(65 + j);
  const sid = (v: string) => {
    let i = shared.get(v);
    if (i === undefined) shared.set(v, (i = shared.size));
    return i;
  };
  const gap = usual ? '' : '\n  ';
  let xml = '';
  rows.forEach((cells, i) => {
    const r = i + 1;
    xml += `<row r="${r}">`;
    cells.forEach((c, j) => {
      if (c === null) return;
      const ref = `${col(j)}${r}`;
      const open = (t?: string) => (usual ? `<c r="${ref}"${t ? ` t="${t}"` : ''}>` : `${gap}<c${t ? ` t="${t}"` : ''} r="${ref}" >`);
      const v = (text: string) => (usual ? `<v>${text}</v></c>` : `${gap}<v>${text}</v>${gap}</c>`);
      if ('s' in c) {
        // Codes shared, free text inline, as convert writes them; the other way: everything inline, in runs.
        if (usual && j < 7) xml += open('s') + v(String(sid(c.s)));
        else if (usual) xml += `${open('inlineStr')}<is><t xml:space="preserve">${esc(c.s)}</t></is></c>`;
        else {
          const chars = [...c.s];
          xml += `${open('inlineStr')}${gap}<is><r><t>${esc(chars.slice(0, 2).join(''))}</t></r><r><t xml:space="preserve">${esc(chars.slice(2).join(''))}</t></r></is>${gap}</c>`;
        }
        // A digit as a character reference: the same number, which the fast path leaves to the text path.
      } else if ('n' in c) xml += open() + v(usual ? c.n : c.n.replace(/\d/, (d) => `&#${d.charCodeAt(0)};`));
      else if ('b' in c) xml += open('b') + v(c.b);
      else if ('e' in c) xml += open('e') + v(c.e);
      else xml += `${open()}<f>${esc(c.f)}</f></c>`;
    });
    xml += `${gap}</row>${usual ? '' : '\n'}`;
  });
  return xml;
}

async function workbook(file: string, rows: Cell[][], usual: boolean, edit: (xml: string) => string = (x) => x): Promise<void> {
  const shared = new Map<string, number>();
  const data = edit(sheetXml(rows, usual, shared));
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const zip = new ZipWriter();
  await zip.add('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>');
  await zip.add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  await zip.add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  await zip.add('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>${data}</sheetData></worksheet>`);
  const sst = [...shared.keys()].map((v) => `<si><t xml:space="preserve">${esc(v)}</t></si>`).join('');
  await zip.add('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}" count="${shared.size}" uniqueCount="${shared.size}">${sst}</sst>`);
  writeFileSync(file, Buffer.concat(zip.finish()));
}

const HEADER: Cell[] = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar', 'fonction', 'operation', 'libelle'].map((s) => ({ s }));

/** Amount cells a ledger takes: cents with 0, 1 or 2 decimals, and the spellings only the general path reads. */
const cleanAmount: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -99_999_999, max: 99_999_999 }).map((c) => ({ n: `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}` })) },
  { weight: 3, arbitrary: fc.integer({ min: -9_999_999, max: 9_999_999 }).map((c) => ({ n: `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 10)}.${Math.abs(c) % 10}` })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 10_000_000_000 }).map((c) => ({ n: String(c) })) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>({ n: '1.5E3' }, { n: '0.30000000000000004' }, { n: '12.' }, { n: '9999999999999.99' }, { n: '123456789012345678' }, { n: '-0' }, { n: '00012.50' }, { s: '12.50' }, null) },
);
/** Amount cells, some that no ledger takes. */
const anyAmount: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 8, arbitrary: cleanAmount },
  { weight: 1, arbitrary: fc.constantFrom<Cell>({ n: '12.345' }, { n: '0x10' }, { s: '1 234,56' }, { s: 'abc' }, { s: '' }, { b: '1' }, { e: '#N/A' }, { f: 'SUM(H1:H2)' }) },
);

/** Rows of a ledger; `clean`: cells a ledger takes, every key once, so that rows (not only messages) are compared. */
const rowOf = (clean: boolean) =>
  fc.record({
    flow: fc.nat(FLOWS.length - 1),
    budget: fc.constantFrom('principal', 'annexe'),
    exercice: fc.constantFrom<Cell>({ n: '2022' }, { n: '2022' }, { n: '2022' }, { s: '2022' }, { n: '2022.0' }),
    compteAsNumber: fc.boolean(),
    odd: clean
      ? fc.constant(undefined)
      : fc.option(fc.constantFrom<[number, Cell]>([4, { s: '999' }], [3, { s: 'X' }], [0, { s: ' principal ' }], [6, { s: 'ordre' }], [5, { b: '0' }], [2, null]), { freq: 8, nil: undefined }),
    realise: clean ? cleanAmount : anyAmount,
    rar: clean ? cleanAmount : anyAmount,
    fonction: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }),
    /** The operation: the line's own, or a recent line's (a repeated key). */
    repeat: clean ? fc.constant(undefined) : fc.option(fc.nat(3), { freq: 10, nil: undefined }),
    libelle: fc.option(fc.stringMatching(/^[A-Za-zéèà&<> '"0-9€😀=+-]{0,30}$/), { nil: undefined }),
  });

describe('the fast paths of the XLSX reader', () => {
  it('read what the general paths read: rows, cents, messages (whole and streamed sheets)', async () => {
    let n = 0;
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean().chain((clean) => fc.array(rowOf(clean), { minLength: 1, maxLength: 40 })), fc.boolean(), async (specs, streamed) => {
        const rows: Cell[][] = [HEADER];
        specs.forEach((s, i) => {
          const [section, sens, chapitre, compte] = FLOWS[s.flow]!;
          const cells: Cell[] = [{ s: s.budget }, s.exercice, { s: section }, { s: sens }, { s: chapitre }, s.compteAsNumber ? { n: compte } : { s: compte }, { s: 'reel' }, s.realise, s.rar];
          cells.push(s.fonction === undefined ? null : { s: s.fonction }, { s: `OP${s.repeat !== undefined ? Math.max(0, i - s.repeat) : i}` }, s.libelle === undefined ? null : { s: s.libelle });
          if (s.odd) cells[s.odd[0]] = s.odd[1];
          rows.push(cells);
        });
        setWholeSheetBytes(streamed ? 0 : 32 << 20);
        const fast = join(dir, `fast${n}.xlsx`);
        const general = join(dir, `general${n++}.xlsx`);
        await workbook(fast, rows, true);
        await workbook(general, rows, false);
        const a = await outcome(fast);
        const b = await outcome(general);
        expect(a).toEqual(b);
        // Filled by the reader (no row object on the fast path), convert's table holds what the rows give.
        expect(await sunk(fast)).toEqual(rowsCsv(a));
        if (a.rows) read++;
      }),
      { numRuns: 150 },
    );
    // Both outcomes were met: sheets read to rows, sheets refused with messages.
    expect(read).toBeGreaterThan(20);
    expect(read).toBeLessThan(140);
  });

  it('a clean sheet reads the same rows either way (the property holds on successes, not only on errors)', async () => {
    const rows: Cell[][] = [HEADER];
    for (let i = 0; i < 300; i++) {
      const [section, sens, chapitre, compte] = FLOWS[i % FLOWS.length]!;
      rows.push([{ s: 'principal' }, { n: '2022' }, { s: section }, { s: sens }, { s: chapitre }, i % 2 ? { n: compte } : { s: compte }, { s: 'reel' }, { n: `${i}.${String(i % 100).padStart(2, "0")}` }, { n: String(i) }, { s: '020' }, { s: `OP${i}` }, { s: `Ligne é & ${i} 😀` }]);
    }
    for (const limit of [32 << 20, 0]) {
      setWholeSheetBytes(limit);
      await workbook(join(dir, 'clean-fast.xlsx'), rows, true);
      await workbook(join(dir, 'clean-general.xlsx'), rows, false);
      const a = await outcome(join(dir, 'clean-fast.xlsx'));
      expect(a.rows).toHaveLength(300);
      expect(a.rows![7]).toMatchObject({ compte: FLOWS[7]![3], realise: 707n, rar: 700n, libelle: 'Ligne é & 7 😀', line: 9 });
      expect(await outcome(join(dir, 'clean-general.xlsx'))).toEqual(a);
    }
  });

  it('cell tags in other spellings (single quotes, a namespaced attribute, no r) and repeated texts with entities read alike', async () => {
    const rows: Cell[][] = [HEADER];
    for (let i = 0; i < 40; i++) {
      const [section, sens, chapitre, compte] = FLOWS[i % FLOWS.length]!;
      // The libellé repeats (the short-text table gives it again): its entity and its CR resolved on every row.
      rows.push([{ s: 'principal' }, { n: '2022' }, { s: section }, { s: sens }, { s: chapitre }, { s: compte }, { s: 'reel' }, { n: `${i}.25` }, { n: '1' }, { s: '020' }, { s: `OP${i}` }, { s: i % 2 ? 'R&D' : 'a\r\nb' }]);
    }
    const spellings: [string, (xml: string) => string][] = [
      ['single quotes', (x) => x.replace(/<c ([^>]*)>/g, (_m, a: string) => `<c ${a.replace(/"/g, "'")}>`)],
      ['a namespaced attribute after r', (x) => x.replace(/<c r="([A-Z]+\d+)"/g, '<c r="$1" x14ac:dyDescent="0.25"')],
      ['the operation cell without r (its column follows the one before)', (x) => x.replace(/<c r="K(\d+)" t="inlineStr">/g, '<c t="inlineStr">')],
    ];
    setWholeSheetBytes(32 << 20);
    await workbook(join(dir, 'spell-0.xlsx'), rows, true);
    const base = await outcome(join(dir, 'spell-0.xlsx'));
    expect(base.rows).toHaveLength(40);
    expect(base.rows![7]).toMatchObject({ compte: FLOWS[7]![3], realise: 725n, rar: 100n, fonction: '020', operation: 'OP7', line: 9 });
    expect(base.rows!.map((r) => r.libelle)).toEqual(rows.slice(1).map((_r, i) => (i % 2 ? 'R&D' : 'a\nb')));
    for (const [k, [name, edit]] of spellings.entries()) {
      const file = join(dir, `spell-${k + 1}.xlsx`);
      await workbook(file, rows, true, edit);
      expect({ name, ...(await outcome(file)) }).toEqual({ name, ...base });
    }
  });
});
