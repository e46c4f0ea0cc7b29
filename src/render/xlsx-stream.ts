// Writes convert's ledger workbook without exceljs: the sheet XML made row by row from the column table, shared strings, one style per column.
import { centsToString } from '../money/cents.js';
import { AMOUNT_COLUMNS, FREE_COLUMNS, TEXT_COLUMNS, type AmountColumn, type FreeColumn, type LedgerTable, type TextColumn } from '../model/ledger-table.js';
import { columnLetter } from '../sheet/column-letter.js';
import { inertText } from '../sheet/safe-text.js';
import { putCents, putInt } from './digits.js';
import { ZipWriter } from './zip-write.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Rows a sheet can hold (Excel, LibreOffice): the header takes one. */
export const MAX_SHEET_ROWS = 1_048_576;

/** The amount format of every other workbook of the tool (render/xlsx.ts AMOUNT_FORMAT). */
const AMOUNT_FORMAT = '#,##0.00';
const STYLE_AMOUNT = 1;
const STYLE_HEADER = 2;

/**
 * Text as XML character data. Characters XML 1.0 cannot hold (C0 controls but tab and line feed, DEL) are dropped, as
 * exceljs did; a carriage return is written as a reference so that it survives the parser's end-of-line rule.
 */
export function xmlEscape(s: string): string {
  if (!/[<>&\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return s;
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Text whose blanks a reader would drop without `xml:space="preserve"`: at either end, or other than single spaces. */
const SPACED = /^\s|\s$|[\t\n\r]|&#13;|\s\s/;

const si = (s: string) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`;

const STYLES = `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${AMOUNT_FORMAT}"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const CONTENT_TYPES = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`;

const ROOT_RELS = `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets><sheet name="ledger" sheetId="1" r:id="rId1"/><sheet name="Provenance" sheetId="2" r:id="rId2"/></sheets></workbook>`;

const WORKBOOK_RELS = `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const isText = (c: string): c is TextColumn => (TEXT_COLUMNS as readonly string[]).includes(c);
const isFree = (c: string): c is FreeColumn => (FREE_COLUMNS as readonly string[]).includes(c);
const isAmount = (c: string): c is AmountColumn => (AMOUNT_COLUMNS as readonly string[]).includes(c);

/** Shared strings per piece of their XML handed to the zip writer. */
const ROWS_PER_PIECE = 256;

// The sheet's rows as bytes (see writeLedgerXlsx): what each column's cells are, and their fixed parts.
const CELL_SHARED = 0;
const CELL_NUMBER = 1;
const CELL_AMOUNT = 2;
const CELL_FREE = 3;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ROW_OPEN = ascii('<row r="');
const CLOSE_TAG = ascii('">');
const ROW_CLOSE = ascii('</row>');
const SHARED_OPEN = ascii('" t="s"><v>');
const NUMBER_OPEN = ascii('"><v>');
const AMOUNT_OPEN = ascii(`" s="${STYLE_AMOUNT}"><v>`);
const VALUE_CLOSE = ascii('</v></c>');
const INLINE_OPEN = ascii('" t="inlineStr"><is><t>');
const INLINE_SPACED = ascii('" t="inlineStr"><is><t xml:space="preserve">');
const INLINE_CLOSE = ascii('</t></is></c>');
/** Bytes of a row but its texts, at most: `<row r="…">`, `</row>`, and each cell's reference, tags and value (≤ 80). */
const ROW_FIXED = 32;
const CELL_FIXED = 96;

/** Bytes t at b[p…]; returns the end. */
function put(b: Uint8Array, p: number, t: Uint8Array): number {
  for (let k = 0; k < t.length; k++) b[p + k] = t[k]!;
  return p + t.length;
}

/** Text as UTF-8 at b[p…] (room for 3 bytes a UTF-16 unit); returns the end. ASCII, the usual case, byte by byte. */
function putText(b: Buffer, p: number, x: string): number {
  const n = x.length;
  if (n > 64) return p + b.write(x, p, 'utf8');
  for (let k = 0; k < n; k++) {
    const c = x.charCodeAt(k);
    if (c >= 0x80) return p + b.write(x, p, 'utf8');
    b[p + k] = c;
  }
  return p + n;
}

/**
 * The ledger workbook of `convert`: sheet `ledger` (bold header, frozen, amounts as numbers in `#,##0.00`, codes as
 * shared strings, free text inline, all made inert against formula injection) and sheet `Provenance`. Returns the archive's bytes in pieces.
 */
export async function writeLedgerXlsx(table: LedgerTable, provenance: string[]): Promise<Buffer[]> {
  const columns = table.columns();
  const letters = columns.map((_, j) => columnLetter(j + 1));
  // Shared strings: the header names, then each distinct value of each text column as first written.
  const sst: string[] = [...columns];
  const sstOf = new Map<TextColumn, Int32Array>();
  const widths = columns.map((c) => c.length);
  columns.forEach((c, j) => {
    if (isText(c)) {
      const values = table.dicts[c].values;
      sstOf.set(c, new Int32Array(values.length).fill(-1));
      for (const v of values) widths[j] = Math.max(widths[j]!, v.length);
    } else if (isFree(c)) {
      for (const v of table.free[c]) if (v !== undefined && v.length > widths[j]!) widths[j] = v.length;
    } else if (isAmount(c)) widths[j] = Math.max(widths[j]!, 14);
  });
  const zip = new ZipWriter();
  // The package's fixed parts first, as spreadsheets write them.
  await zip.add('[Content_Types].xml', CONTENT_TYPES);
  await zip.add('_rels/.rels', ROOT_RELS);
  await zip.add('xl/workbook.xml', WORKBOOK);
  await zip.add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  await zip.add('xl/styles.xml', STYLES);
  const last = table.length + 1;
  const cols = columns
    .map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${Math.min(Math.max(widths[j]! + 2, 8), 70)}" customWidth="1"${isAmount(c) ? ` style="${STYLE_AMOUNT}"` : ''}/>`)
    .join('');
  const sheet = zip.stream('xl/worksheets/sheet1.xml');
  let w = sheet.write(
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${letters.at(-1)}${last}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${columns.map((_, j) => `<c r="${letters[j]}1" s="${STYLE_HEADER}" t="s"><v>${j}</v></c>`).join('')}</row>`,
  );
  if (w) await w;
  // The rows as bytes straight into the zip writer's slab: no string a cell (a million rows made some 300 MB of
  // short-lived text, whose encoding and collection were half of the time). Every cell says its reference: `r` is
  // optional in SpreadsheetML, but exceljs's readers need it.
  const kinds = columns.map((c) => (c === 'exercice' ? CELL_NUMBER : isAmount(c) ? CELL_AMOUNT : isFree(c) ? CELL_FREE : CELL_SHARED));
  const starts = letters.map((L) => ascii(`<c r="${L}`));
  const ids = columns.map((c) => (isText(c) ? table.texts[c] : undefined));
  const values = columns.map((c) => (isText(c) ? table.dicts[c].values : undefined));
  const sstMaps = columns.map((c) => (isText(c) ? sstOf.get(c) : undefined));
  const amounts = columns.map((c) => (isAmount(c) ? table.amounts[c] : undefined));
  const free = columns.map((c) => (isFree(c) ? table.free[c] : undefined));
  const texts: string[] = columns.map(() => '');
  const nc = columns.length;
  const n = table.length;
  /** Bytes row i may take (set by `fill` for the row it stopped at). */
  let need = 0;
  /**
   * Rows from `from` into the slab while they fit; returns the row it stopped at. A plain function called once a slab
   * (about 3 000 rows): compiled as a whole, where a loop around `await` ran mostly uncompiled after each resumption.
   */
  const fill = (from: number): number => {
    const b = sheet.slab;
    const room = b.length;
    let p = sheet.len;
    let i = from;
    for (; i < n; i++) {
      const r = i + 2;
      // Free text first, escaped, and any amount past 2^53 as text: their lengths bound the row's bytes (3 a UTF-16
      // unit at most).
      need = ROW_FIXED + nc * CELL_FIXED;
      for (let j = 0; j < nc; j++) {
        const kind = kinds[j]!;
        if (kind === CELL_FREE) {
          const v = free[j]![i];
          const x = v === undefined ? '' : xmlEscape(inertText(v));
          texts[j] = x;
          need += 3 * x.length;
        } else if (kind === CELL_AMOUNT && amounts[j]![i] === Infinity) {
          const x = centsToString(table.cents(columns[j] as AmountColumn, i)!);
          texts[j] = x;
          need += x.length;
        }
      }
      if (p + need > room) break;
      p = put(b, p, ROW_OPEN);
      p = putInt(b, p, r);
      p = put(b, p, CLOSE_TAG);
      for (let j = 0; j < nc; j++) {
        const kind = kinds[j]!;
        if (kind === CELL_SHARED) {
          const id = ids[j]![i]!;
          if (id < 0) continue;
          const map = sstMaps[j]!;
          let sIdx = map[id]!;
          if (sIdx < 0) {
            sIdx = map[id] = sst.length;
            sst.push(inertText(values[j]![id]!));
          }
          p = putInt(b, put(b, p, starts[j]!), r);
          p = put(b, putInt(b, put(b, p, SHARED_OPEN), sIdx), VALUE_CLOSE);
        } else if (kind === CELL_AMOUNT) {
          const v = amounts[j]![i]!;
          if (Number.isNaN(v)) continue;
          p = putInt(b, put(b, p, starts[j]!), r);
          p = put(b, p, AMOUNT_OPEN);
          p = v === Infinity ? p + b.write(texts[j]!, p, 'latin1') : putCents(b, p, v);
          p = put(b, p, VALUE_CLOSE);
        } else if (kind === CELL_FREE) {
          if (free[j]![i] === undefined) continue;
          const x = texts[j]!;
          p = putInt(b, put(b, p, starts[j]!), r);
          p = put(b, p, SPACED.test(x) ? INLINE_SPACED : INLINE_OPEN);
          p = putText(b, p, x);
          p = put(b, p, INLINE_CLOSE);
        } else {
          p = putInt(b, put(b, p, starts[j]!), r);
          p = put(b, putInt(b, put(b, p, NUMBER_OPEN), table.exercice[i]!), VALUE_CLOSE);
        }
      }
      p = put(b, p, ROW_CLOSE);
    }
    sheet.len = p;
    return i;
  };
  for (let i = fill(0); i < n; i = fill(i)) {
    // The slab is full: to zlib (it makes room for a row larger than a slab).
    w = sheet.room(need);
    if (w) await w;
  }
  w = sheet.write(`</sheetData></worksheet>`);
  if (w) await w;
  await sheet.end();

  const strings = zip.stream('xl/sharedStrings.xml');
  w = strings.write(`${HEAD}<sst xmlns="${MAIN}" count="${sst.length}" uniqueCount="${sst.length}">`);
  for (let k = 0; k < sst.length; k += ROWS_PER_PIECE) {
    w = strings.write(sst.slice(k, k + ROWS_PER_PIECE).map(si).join(''));
    if (w) await w;
  }
  strings.write('</sst>');
  await strings.end();

  const prov = provenance.map((l, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(inertText(l))}</t></is></c></row>`).join('');
  await zip.add('xl/worksheets/sheet2.xml', `${HEAD}<worksheet xmlns="${MAIN}"><cols><col min="1" max="1" width="100" customWidth="1"/></cols><sheetData>${prov}</sheetData></worksheet>`);
  return zip.finish();
}
