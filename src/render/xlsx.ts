// XLSX writer: a Synthèse sheet, one printable sheet per table (A4, one page wide, French names), derived cells as live formulas.
import type { Cell as XCell, Workbook, Worksheet } from 'exceljs';
import { centsToString, type Dec } from '../money/cents.js';
import type { Provenance } from '../report/provenance.js';
import type { Cell, CellRef, Formula, Operand, Row, Table } from '../report/table.js';
import { columnLetter } from '../sheet/column-letter.js';
import { inertText } from '../sheet/safe-text.js';
import { provenanceLines } from './csv.js';
import { docText, type DocText, type Lang } from './document-text.js';
import { keyFigures, splitScope } from './key-figures.js';

/** Excel shows these with the user's separators: `3 329 960,40` in a French Excel or LibreOffice. */
export const AMOUNT_FORMAT = '#,##0.00';
/**
 * The report's formats: amounts `3 329 960,40 €`, true percentages (the cell holds 0.53 for `53,0 %`), ratios `7,4`.
 * In French the language tag [$-40C] makes LibreOffice show French separators whatever the reader's locale.
 */
export const CELL_FORMATS: Record<Lang, Record<'amount' | 'percent' | 'ratio', string>> = {
  fr: { amount: '[$-40C]#,##0.00 "€"', percent: '[$-40C]0.0 %', ratio: '[$-40C]0.0' },
  en: { amount: '#,##0.00 "€"', percent: '0.0%', ratio: '0.0' },
};
/** Title on row 1, column labels on row 2: data starts on row 3 and rows 1–2 stay frozen and repeat on each page. */
export const FIRST_DATA_ROW = 3;
/** Beyond this many characters of column width, a sheet prints in landscape. */
const PORTRAIT_WIDTH = 130;

const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Sheet names: French and readable (`Exécution 2022`, `TNO RAR 2022`), ≤ 31 characters, unique regardless of case. */
export function sheetNames(tables: Table[], lang: Lang = 'fr'): string[] {
  const t = docText(lang);
  const firstBudget = tables.map((x) => splitScope(x.scope)[0]).find((b) => b !== 'publie');
  return uniqueSheetNames([t.synthese, ...tables.map((x) => sheetLabel(x, t, firstBudget)), t.provenance]).slice(1, -1);
}

function sheetLabel(table: Table, t: DocText, firstBudget: string | undefined): string {
  const [budget, period] = splitScope(table.scope);
  const label = t.sheetLabels[table.id] ?? table.id;
  if (table.scope === 'publie' || !period) return label;
  const prefix = budget === firstBudget ? '' : `${budget} `;
  return table.id === 'plafonds' ? `${prefix}${label}` : `${prefix}${label} ${period}`;
}

function uniqueSheetNames(wanted: string[]): string[] {
  const used = new Set<string>();
  return wanted.map((w) => {
    const base = w.replace(BAD_SHEET_CHARS, '_').replace(/^'|'$/g, '_').trim() || 'Feuille';
    let name = base.slice(0, 31);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
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
      return num(cell.value.div(100));
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

type At = (r: CellRef) => [string, string] | undefined;

function operandText(o: Operand, at: At): string | undefined {
  if ('op' in o) {
    const f = formulaText(o, at);
    // A function call needs no parentheses; an operator chain does.
    return f === undefined ? undefined : o.op === 'min' || o.op === 'max' || o.op === 'sum' ? f : `(${f})`;
  }
  if ('cents' in o) return centsToString(o.cents).replace(/\.00$/, '');
  const a = at(o);
  return a ? a.join('') : undefined;
}

function formulaText(f: Formula, at: At): string | undefined {
  const ref = (r: CellRef) => {
    const a = at(r);
    return a ? a.join('') : undefined;
  };
  const all = (xs: (string | undefined)[]) => (xs.some((x) => x === undefined) ? undefined : (xs as string[]));
  switch (f.op) {
    case 'sum': {
      const refs = f.refs.map(at);
      if (refs.some((r) => !r)) return undefined;
      return refs.length ? `SUM(${sumArgs(refs as string[][])})` : '0';
    }
    case 'add': {
      const refs = all(f.refs.map(ref));
      return refs ? refs.join('+') || '0' : undefined;
    }
    case 'sub': {
      const a = operandText(f.a, at);
      const b = operandText(f.b, at);
      return a && b ? `${a}-${b}` : undefined;
    }
    case 'minus': {
      const a = ref(f.a);
      const refs = f.refs.map(ref);
      return a && !refs.some((r) => !r) ? [a, ...refs].join('-') : undefined;
    }
    case 'min':
    case 'max': {
      const args = all(f.args.map((o) => operandText(o, at)));
      return args ? `${f.op.toUpperCase()}(${args.join(',')})` : undefined;
    }
    case 'pct':
    case 'div': {
      const a = ref(f.op === 'pct' ? f.part : f.a);
      const b = ref(f.op === 'pct' ? f.whole : f.b);
      return a && b ? `${a}/${b}` : undefined;
    }
    case 'evo': {
      const a = ref(f.a);
      const b = ref(f.b);
      return a && b ? `${a}/${b}-1` : undefined;
    }
    case 'cagr': {
      const a = ref(f.last);
      const b = ref(f.first);
      return a && b ? `(${a}/${b})^(1/${f.years})-1` : undefined;
    }
    case 'mean': {
      const refs = f.refs.map(at);
      return refs.some((r) => !r) || refs.length === 0 ? undefined : `AVERAGE(${sumArgs(refs as string[][])})`;
    }
  }
}

/** Every cell names its font: a cell without one falls back to a serif in LibreOffice when Calibri is missing. */
const font = (extra: Partial<XCell['font']> = {}): Partial<XCell['font']> => ({ name: 'Arial', size: 10, ...extra });

interface SheetContext {
  t: DocText;
  formats: Record<'amount' | 'percent' | 'ratio', string>;
  footer: (period: string) => string;
}

/** A4, one page wide (as many pages down as needed), header rows repeated, a footer naming entity, exercice, page and tool. */
function printSetup(ws: Worksheet, widthChars: number, lastRow: number, lastCol: number, footer: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: widthChars > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    printArea: `A1:${columnLetter(lastCol)}${lastRow}`,
    printTitlesRow: '1:2',
  };
  ws.headerFooter = { oddFooter: footer, evenFooter: footer };
}

/** `&` starts a header/footer code: a literal one is doubled. */
const footerText = (s: string) => s.replace(/&/g, '&&');

/** Long notes wrap across the table's width, in a merged cell tall enough for their lines. */
function writeNote(ws: Worksheet, row: number, lastCol: number, textValue: string, widthChars: number): void {
  const cell = ws.getCell(row, 1);
  cell.value = inertText(textValue);
  cell.alignment = { wrapText: true, vertical: 'top' };
  cell.font = font({ italic: true, size: 9 });
  if (lastCol > 1) ws.mergeCells(row, 1, row, lastCol);
  const lines = Math.max(1, Math.ceil((textValue.length * 0.85) / Math.max(widthChars, 20)));
  ws.getRow(row).height = 13 * lines + 2;
}

function writeTable(ws: Worksheet, t: Table, ctx: SheetContext): void {
  ws.getCell(1, 1).value = inertText(t.title);
  ws.getCell(1, 1).font = font({ bold: true, size: 12 });
  t.columns.forEach((c, j) => {
    const cell = ws.getCell(2, j + 1);
    cell.value = inertText(c.label);
    cell.font = font({ bold: true });
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { horizontal: c.kind !== 'text' ? 'right' : 'left', wrapText: true, vertical: 'bottom' };
  });
  const rowNumber = new Map<string, number>(t.rows.map((r, i) => [r.id, FIRST_DATA_ROW + i]));
  const colIndex = new Map<string, number>(t.columns.map((c, j) => [c.id, j + 1]));
  const at = (r: CellRef): [string, string] | undefined => {
    const row = rowNumber.get(r.row);
    const col = colIndex.get(r.column);
    return row && col ? [columnLetter(col), String(row)] : undefined;
  };
  const widths = t.columns.map((c) => (c.kind === 'text' ? Math.min(Math.max(c.label.length, 6), 20) : c.kind === 'amount' ? 16 : 10));
  const nsReasons: string[] = [];
  t.rows.forEach((r: Row, i) => {
    const rowNo = FIRST_DATA_ROW + i;
    t.columns.forEach((c, j) => {
      const cell = r.cells[c.id];
      if (!cell || cell.kind === 'empty') return;
      const x: XCell = ws.getCell(rowNo, j + 1);
      x.font = font(r.role === 'total' ? { bold: true } : {});
      if (cell.kind === 'text') {
        x.value = inertText(cell.text);
        widths[j] = Math.max(widths[j]!, Math.min(cell.text.length, 60));
        if (cell.text.length > 60) x.alignment = { wrapText: true, vertical: 'top' };
      } else if (cell.kind === 'ns') {
        let k = nsReasons.indexOf(cell.reason);
        if (k < 0) k = nsReasons.push(cell.reason) - 1;
        x.value = `${ctx.t.ns} (${k + 1})`;
        x.alignment = { horizontal: 'right' };
      } else {
        const value = cached(cell)!;
        const f = r.formulas?.[c.id];
        const formula = f ? formulaText(f, at) : undefined;
        x.value = formula ? { formula, result: value } : value;
        x.numFmt = ctx.formats[cell.kind];
      }
      if (r.role === 'total') x.border = { top: { style: 'hair' } };
    });
  });
  const widthChars = widths.reduce((a, w) => a + w + 2, 0);
  // The title wraps inside the table's width (text overflowing the print area would be cut off).
  if (t.columns.length > 1) ws.mergeCells(1, 1, 1, t.columns.length);
  ws.getCell(1, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).height = 17 * Math.max(1, Math.ceil((t.title.length * 1.25) / widthChars));
  let row = FIRST_DATA_ROW + t.rows.length + 1;
  const notes = [...t.notes.map((n) => `${ctx.t.note} : ${n}`), ...nsReasons.map((n, k) => `${ctx.t.ns} (${k + 1}) ${ctx.t.nsLong} : ${n}`)];
  for (const n of notes) writeNote(ws, row++, t.columns.length, n, widthChars);
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w + 2));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: FIRST_DATA_ROW - 1 }];
  printSetup(ws, widthChars, Math.max(row - 1, FIRST_DATA_ROW), t.columns.length, ctx.footer(splitScope(t.scope)[1]));
}

/** The first sheet: each budget's key figures, as formulas pointing at their sheets, and a link to every sheet. */
function writeSynthese(wb: Workbook, ws: Worksheet, tables: Table[], names: string[], ctx: SheetContext, heading: string | undefined): void {
  const { t } = ctx;
  ws.getCell(1, 1).value = inertText(heading ?? t.synthese);
  ws.getCell(1, 1).font = font({ bold: true, size: 14 });
  [t.budget, t.indicateur, t.montant, t.feuille, t.reference].forEach((h, j) => {
    const c = ws.getCell(2, j + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.border = { bottom: { style: 'thin' } };
    if (j === 2) c.alignment = { horizontal: 'right' };
  });
  let row = FIRST_DATA_ROW;
  const sheetOf = new Map(tables.map((x, i) => [x, names[i]!]));
  const quoted = (n: string) => `'${n.replace(/'/g, "''")}'`;
  for (const g of keyFigures(tables)) {
    for (const f of g.figures) {
      const sheet = sheetOf.get(f.table)!;
      const ri = f.table.rows.findIndex((r) => r.id === f.row);
      const ci = f.table.columns.findIndex((c) => c.id === f.column);
      ws.getCell(row, 1).value = inertText(`${g.budget} ${g.period}`);
      ws.getCell(row, 2).value = inertText(f.label);
      for (const j of [1, 2, 3]) ws.getCell(row, j).font = font();
      const v = ws.getCell(row, 3);
      if (f.cell.kind === 'amount' || f.cell.kind === 'ratio' || f.cell.kind === 'percent') {
        v.value = { formula: `${quoted(sheet)}!${columnLetter(ci + 1)}${FIRST_DATA_ROW + ri}`, result: cached(f.cell)! };
        v.numFmt = ctx.formats[f.cell.kind];
      } else {
        v.value = f.cell.kind === 'ns' ? t.ns : '';
        v.alignment = { horizontal: 'right' };
      }
      ws.getCell(row, 4).value = { text: sheet, hyperlink: `#${quoted(sheet)}!A1` };
      ws.getCell(row, 4).font = font({ color: { argb: 'FF1F4E99' }, underline: true });
      ws.getCell(row, 5).value = f.id;
      ws.getCell(row, 5).font = font({ size: 8, color: { argb: 'FF666666' } });
      row++;
    }
  }
  row++;
  ws.getCell(row, 1).value = t.feuilles;
  ws.getCell(row, 1).font = font({ bold: true });
  row++;
  tables.forEach((x, i) => {
    ws.getCell(row, 1).value = { text: names[i]!, hyperlink: `#${quoted(names[i]!)}!A1` };
    ws.getCell(row, 1).font = font({ color: { argb: 'FF1F4E99' }, underline: true });
    ws.getCell(row, 2).value = inertText(x.title);
    ws.getCell(row, 2).font = font();
    ws.mergeCells(row, 2, row, 5);
    row++;
  });
  [52, 56, 18, 26, 44].forEach((w, j) => (ws.getColumn(j + 1).width = w));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
  printSetup(ws, 200, row - 1, 5, ctx.footer(''));
  void wb;
}

/** exceljs on demand: the bundle is one file, and only XLSX output may pay for loading it. */
const loadExcelJS = async () => (await import('exceljs')).default;

export interface XlsxOptions {
  heading?: string;
  entity?: string;
  lang?: Lang;
}

export async function renderXlsx(tables: Table[], provenance: Provenance, headingOrOptions?: string | XlsxOptions): Promise<Uint8Array> {
  const o: XlsxOptions = typeof headingOrOptions === 'string' ? { heading: headingOrOptions } : (headingOrOptions ?? {});
  const t = docText(o.lang ?? 'fr');
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = `${provenance.tool.name} ${provenance.tool.version}`;
  // A fixed date: the document properties of two runs on the same inputs agree (the zip entries still carry times).
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Recompute on open so a spreadsheet shows its own results of the formulas, not only our cached values.
  wb.calcProperties.fullCalcOnLoad = true;
  const entity = o.entity ?? o.heading?.split(' — ')[0] ?? '';
  const tool = `${provenance.tool.name} ${provenance.tool.version}`;
  const ctx: SheetContext = {
    t,
    formats: CELL_FORMATS[o.lang ?? 'fr']!,
    footer: (period) =>
      `&L&8${footerText([entity, period ? `${t.exercice} ${period}` : ''].filter(Boolean).join(' — '))}&C&8${t.page} &P / &N&R&8${footerText(tool)}`,
  };
  const names = sheetNames(tables, o.lang ?? 'fr');
  const synthese = wb.addWorksheet(t.synthese);
  tables.forEach((x, i) => writeTable(wb.addWorksheet(names[i]!), x, ctx));
  writeSynthese(wb, synthese, tables, names, ctx, o.heading);
  const prov = wb.addWorksheet(t.provenance);
  const lines = [...(o.heading ? [o.heading] : []), ...provenanceLines(provenance)];
  lines.forEach((l, i) => {
    const c = prov.getCell(i + 1, 1);
    c.value = inertText(l);
    c.font = font(i === 0 ? { bold: true } : { size: 8 });
  });
  // Hashes do not wrap: a landscape page holds a path and its sha256 on one line, in a small font.
  prov.getColumn(1).width = Math.min(Math.max(...lines.map((l) => l.length), 40) * 0.8 + 2, 130);
  printSetup(prov, 200, lines.length, 1, ctx.footer(''));
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
