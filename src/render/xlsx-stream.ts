// Writes convert's ledger workbook without exceljs: the sheet XML made row by row from the column table, shared strings, one style per column.
import { centsToString } from '../money/cents.js';
import { AMOUNT_COLUMNS, FREE_COLUMNS, TEXT_COLUMNS, type AmountColumn, type FreeColumn, type LedgerTable, type TextColumn } from '../model/ledger-table.js';
import { columnLetter } from '../sheet/column-letter.js';
import { inertText } from '../sheet/safe-text.js';
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

/** Rows per piece of sheet XML handed to the zip writer. */
const ROWS_PER_PIECE = 256;

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
  // One writer per column, chosen once: the row loop only concatenates. Every cell says its reference: `r` is optional
  // in SpreadsheetML, but exceljs's readers need it.
  const at = (L: string, r: number): string => `<c r="${L}${r}"`;
  const cell: ((i: number, r: number) => string)[] = columns.map((c, j) => {
    const L = letters[j]!;
    if (c === 'exercice') return (i, r) => `${at(L, r)}><v>${table.exercice[i]}</v></c>`;
    if (isAmount(c)) {
      const a = table.amounts[c];
      return (i, r) => {
        const v = a[i]!;
        if (Number.isNaN(v)) return '';
        const text = v === Infinity ? centsToString(table.cents(c, i)!) : centsToString(v);
        return `${at(L, r)} s="${STYLE_AMOUNT}"><v>${text}</v></c>`;
      };
    }
    if (isFree(c)) {
      // Free text (as many values as rows) inline: no table of a million strings to build.
      const free = table.free[c];
      return (i, r) => {
        const v = free[i];
        if (v === undefined) return '';
        const x = xmlEscape(inertText(v));
        return `${at(L, r)} t="inlineStr"><is>${SPACED.test(x) ? '<t xml:space="preserve">' : '<t>'}${x}</t></is></c>`;
      };
    }
    const ids = table.texts[c as TextColumn];
    const values = table.dicts[c as TextColumn].values;
    const map = sstOf.get(c as TextColumn)!;
    return (i, r) => {
      const id = ids[i]!;
      if (id < 0) return '';
      let s = map[id]!;
      if (s < 0) {
        s = map[id] = sst.length;
        sst.push(inertText(values[id]!));
      }
      return `${at(L, r)} t="s"><v>${s}</v></c>`;
    };
  });
  let piece = '';
  for (let i = 0; i < table.length; i++) {
    const r = i + 2;
    let row = `<row r="${r}">`;
    for (let j = 0; j < cell.length; j++) row += cell[j]!(i, r);
    piece += row + '</row>';
    if ((i + 1) % ROWS_PER_PIECE === 0) {
      w = sheet.write(piece);
      piece = '';
      if (w) await w;
    }
  }
  w = sheet.write(`${piece}</sheetData></worksheet>`);
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
