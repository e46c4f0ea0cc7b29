// XLSX writer: one sheet per table, amounts as numbers in a grouped two-decimal format, derived cells as live formulas.
import type { Cell as XCell, Worksheet } from 'exceljs';
import { centsToString, type Dec } from '../money/cents.js';
import type { Provenance } from '../report/provenance.js';
import type { Cell, CellRef, Formula, Row, Table } from '../report/table.js';
import { columnLetter } from '../sheet/column-letter.js';
import { provenanceLines } from './csv.js';
import { inertText } from '../sheet/safe-text.js';

/** Excel shows these with the user's separators: `3 329 960,40` in a French Excel or LibreOffice. */
export const AMOUNT_FORMAT = '#,##0.00';
const PERCENT_FORMAT = '0.0" %"';
const RATIO_FORMAT = '0.0';
/** Title on row 1, column labels on row 2: data starts on row 3 and rows 1–2 stay frozen. */
export const FIRST_DATA_ROW = 3;

const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Sheet names: at most 31 characters, none of []:*?/\, unique without regard to case (Excel's rules). */
export function sheetNames(tables: Table[]): string[] {
  return uniqueSheetNames([...tables.map((t) => `${t.scope} ${t.id}`), 'Provenance']).slice(0, -1);
}

function uniqueSheetNames(wanted: string[]): string[] {
  const used = new Set<string>();
  return wanted.map((w) => {
    const base = w.replace(BAD_SHEET_CHARS, '_').replace(/^'|'$/g, '_').trim() || 'Feuille';
    let name = base.slice(0, 31);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `~${n}`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** A decimal for display in a cell: 15 significant digits is all a spreadsheet keeps. */
const num = (d: Dec): number => Number(d.toSignificantDigits(15).toString());

function cached(cell: Cell): number | undefined {
  switch (cell.kind) {
    case 'amount':
      // Serialisation of an exact decimal string, not arithmetic: the cell holds the double nearest to it.
      return Number(centsToString(cell.cents));
    case 'percent':
    case 'ratio':
      return num(cell.value);
    default:
      return undefined;
  }
}

/** SUM over ranges: consecutive rows of one column collapse into `C4:C9`. */
function sumArgs(refs: string[][]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < refs.length) {
    const [col, row] = refs[i]!;
    let j = i;
    while (j + 1 < refs.length && refs[j + 1]![0] === col && Number(refs[j + 1]![1]) === Number(refs[j]![1]) + 1) j++;
    parts.push(j > i ? `${col}${row}:${col}${refs[j]![1]}` : `${col}${row}`);
    i = j + 1;
  }
  return parts.join(',');
}

function formulaText(f: Formula, at: (r: CellRef) => [string, string] | undefined): string | undefined {
  const ref = (r: CellRef) => {
    const a = at(r);
    return a ? a.join('') : undefined;
  };
  switch (f.op) {
    case 'sum': {
      const refs = f.refs.map(at);
      if (refs.some((r) => !r)) return undefined;
      return refs.length ? `SUM(${sumArgs(refs as string[][])})` : '0';
    }
    case 'add': {
      const refs = f.refs.map(ref);
      if (refs.some((r) => !r)) return undefined;
      return refs.join('+') || '0';
    }
    case 'sub': {
      const a = ref(f.a);
      const b = ref(f.b);
      return a && b ? `${a}-${b}` : undefined;
    }
    case 'minus': {
      const a = ref(f.a);
      const refs = f.refs.map(ref);
      return a && !refs.some((r) => !r) ? [a, ...refs].join('-') : undefined;
    }
    case 'pct': {
      const a = ref(f.part);
      const b = ref(f.whole);
      return a && b ? `${a}/${b}*100` : undefined;
    }
  }
}

function writeTable(ws: Worksheet, t: Table): void {
  ws.getCell(1, 1).value = inertText(t.title);
  ws.getCell(1, 1).font = { bold: true, size: 12 };
  t.columns.forEach((c, j) => {
    const cell = ws.getCell(2, j + 1);
    cell.value = inertText(c.label);
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    if (c.kind !== 'text') cell.alignment = { horizontal: 'right' };
  });
  const rowNumber = new Map<string, number>(t.rows.map((r, i) => [r.id, FIRST_DATA_ROW + i]));
  const colIndex = new Map<string, number>(t.columns.map((c, j) => [c.id, j + 1]));
  const at = (r: CellRef): [string, string] | undefined => {
    const row = rowNumber.get(r.row);
    const col = colIndex.get(r.column);
    return row && col ? [columnLetter(col), String(row)] : undefined;
  };
  const widths = t.columns.map((c) => Math.max(c.label.length, c.kind === 'text' ? 6 : 14));
  t.rows.forEach((r: Row, i) => {
    const rowNo = FIRST_DATA_ROW + i;
    t.columns.forEach((c, j) => {
      const cell = r.cells[c.id];
      if (!cell || cell.kind === 'empty') return;
      const x: XCell = ws.getCell(rowNo, j + 1);
      if (cell.kind === 'text') {
        x.value = inertText(cell.text);
        widths[j] = Math.max(widths[j]!, cell.text.length);
      } else if (cell.kind === 'ns') {
        x.value = 'n.s.';
        x.note = `not meaningful: ${cell.reason}`;
        x.alignment = { horizontal: 'right' };
      } else {
        const value = cached(cell)!;
        const f = r.formulas?.[c.id];
        const formula = f ? formulaText(f, at) : undefined;
        x.value = formula ? { formula, result: value } : value;
        x.numFmt = cell.kind === 'amount' ? AMOUNT_FORMAT : cell.kind === 'percent' ? PERCENT_FORMAT : RATIO_FORMAT;
      }
      if (r.role === 'total') x.font = { bold: true };
    });
  });
  t.notes.forEach((n, k) => {
    ws.getCell(FIRST_DATA_ROW + t.rows.length + 1 + k, 1).value = inertText(`note: ${n}`);
  });
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = Math.min(Math.max(w + 2, 8), 70)));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: FIRST_DATA_ROW - 1 }];
}

/** exceljs on demand: the bundle is one file, and only XLSX output may pay for loading it. */
const loadExcelJS = async () => (await import('exceljs')).default;

export async function renderXlsx(tables: Table[], provenance: Provenance, heading?: string): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = `${provenance.tool.name} ${provenance.tool.version}`;
  // A fixed date: the document properties of two runs on the same inputs agree (the zip entries still carry times).
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Recompute on open so a spreadsheet shows its own results of the formulas, not only our cached values.
  wb.calcProperties.fullCalcOnLoad = true;
  const names = uniqueSheetNames([...tables.map((t) => `${t.scope} ${t.id}`), 'Provenance']);
  tables.forEach((t, i) => writeTable(wb.addWorksheet(names[i]!), t));
  const prov = wb.addWorksheet(names.at(-1)!);
  const lines = [...(heading ? [heading] : []), ...provenanceLines(provenance)];
  lines.forEach((l, i) => (prov.getCell(i + 1, 1).value = inertText(l)));
  prov.getColumn(1).width = Math.min(Math.max(...lines.map((l) => l.length), 10) + 2, 120);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** A ledger as a workbook: header on row 1 (frozen), codes as text, amounts as numbers; provenance on sheet 2. */
export async function renderLedgerXlsx(
  header: string[],
  rows: (string | number | { cents: bigint } | undefined)[][],
  provenance: string[],
): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('ledger');
  const widths = header.map((h) => h.length);
  header.forEach((h, j) => {
    const c = ws.getCell(1, j + 1);
    c.value = h;
    c.font = { bold: true };
  });
  rows.forEach((values, i) => {
    values.forEach((v, j) => {
      if (v === undefined) return;
      const c = ws.getCell(i + 2, j + 1);
      if (typeof v === 'object') {
        c.value = Number(centsToString(v.cents));
        c.numFmt = AMOUNT_FORMAT;
        widths[j] = Math.max(widths[j]!, 14);
      } else if (typeof v === 'number') {
        c.value = v;
      } else {
        c.value = inertText(v);
        widths[j] = Math.max(widths[j]!, v.length);
      }
    });
  });
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = Math.min(Math.max(w + 2, 8), 70)));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  const prov = wb.addWorksheet('Provenance');
  provenance.forEach((l, i) => (prov.getCell(i + 1, 1).value = inertText(l)));
  prov.getColumn(1).width = 100;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
