// Reads a ledger from an XLSX workbook (exceljs): header found below a title block, numbers exact to the cent.
import { columnLetter } from '../sheet/column-letter.js';
import type { CellValue, Worksheet } from 'exceljs';
import { InputError, type InputProblem } from '../errors.js';
import { centsToString, D, decimalToCents, type Cents } from '../money/cents.js';
import { rowKey, type LedgerRow } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { decimalEvidence, parseDialectAmount, type DecimalEvidence } from './dialect/amount.js';
import { AMOUNT_COLUMNS } from './dialect/open-csv.js';
import type { ReadOptions } from './dialect/options.js';
import { parseLedgerRecord, plainAmount } from './ledger-record.js';
import { validateAgainstPlan } from './validate-row.js';
import { HEADER_MIN_SCORE, headerScore, ignoredNotice, mapHeader, REQUIRED_COLUMNS, type ColumnMap } from './header-map.js';
import { restorationNotices, tolerate } from './row-tolerance.js';
import { writeDiagnostic } from '../text/sanitize.js';

/** A title block above the header is common; further down than this, the sheet is not a ledger. */
const HEADER_SEARCH_ROWS = 50;

/** Excel significant digits: noise beyond them (0.30000000000000004) is not data. */
const EXCEL_DIGITS = 15;

/**
 * The cent an Excel number stands for: its shortest decimal representation when that has at most two decimals,
 * else the same rounded to Excel's 15 significant digits; anything finer is data we refuse to round.
 */
export function numberToCents(n: number): Cents | { error: string } {
  if (!Number.isFinite(n)) return { error: `not a finite number (${n})` };
  const shortest = new D(String(n));
  const cents = decimalToCents(shortest) ?? decimalToCents(shortest.toSignificantDigits(EXCEL_DIGITS));
  return cents ?? { error: `numeric cell holds ${String(n)}: more than two decimals (amounts are euros and cents)` };
}

type Scalar = number | string | boolean | Date | { error: string } | undefined;

/** A cell's own value: a formula gives its cached result, rich text and hyperlinks their text. */
function scalar(v: CellValue): Scalar | { noCache: string } {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('error' in v) return { error: v.error };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return String(v.text);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: Scalar }).result;
    if (r === undefined) return { noCache: String((v as { formula?: string }).formula ?? (v as { sharedFormula: string }).sharedFormula) };
    return r;
  }
  return undefined;
}

function textOf(s: Scalar): string | { error: string } {
  if (s === undefined) return '';
  if (typeof s === 'string') return s.trim();
  if (typeof s === 'number') return String(s);
  if (typeof s === 'boolean') return { error: `a boolean (${s}) where text or a number is expected` };
  if (s instanceof Date) return { error: `a date (${s.toISOString().slice(0, 10)}) where text or a number is expected` };
  return { error: `spreadsheet error ${s.error}` };
}

interface Sheet {
  ws: Worksheet;
  name: string;
  headerRow: number;
  /** Column number of each header name. */
  columns: Map<string, number>;
  header: string[];
  firstColumn: number;
}

function findHeader(ws: Worksheet, file: string, columns?: ColumnMap): Sheet {
  const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = scalar(row.getCell(c).value);
      cells.push(typeof v === 'string' ? v.trim() : '');
    }
    // The header mapping of the CSV reader (header-map.ts): synonyms, any order, unknown columns ignored.
    if (headerScore(cells, columns) < HEADER_MIN_SCORE) continue;
    const mapped = mapHeader(cells, columns);
    if (mapped.problems.length) {
      throw new InputError(mapped.problems.map((p) => ({ file, line: r, column: p.index + 1, cell: `${ws.name}!${columnLetter(p.index + 1)}${r}`, message: p.message, value: p.value })));
    }
    const notice = ignoredNotice(file, mapped.ignored);
    if (notice) writeDiagnostic('notice', notice);
    const byName = new Map([...mapped.index].map(([name, i]) => [name as string, i + 1]));
    return { ws, name: ws.name, headerRow: r, header: [...byName.keys()], firstColumn: Math.min(...byName.values()), columns: byName };
  }
  throw new InputError({
    file,
    cell: `${ws.name}!A1:A${last}`,
    message: `no ledger header in the first ${HEADER_SEARCH_ROWS} rows of sheet ${JSON.stringify(ws.name)} (expected a row naming ${REQUIRED_COLUMNS.join(', ')})`,
  });
}

/** The decimal mark proved by the text amounts of the sheet (numeric cells need none). */
function textDecimal(s: Sheet): DecimalEvidence | undefined {
  const cols = AMOUNT_COLUMNS.map((c) => s.columns.get(c)).filter((c): c is number => c !== undefined);
  for (let r = s.headerRow + 1; r <= s.ws.rowCount; r++) {
    const row = s.ws.getRow(r);
    for (const c of cols) {
      const v = scalar(row.getCell(c).value);
      if (typeof v !== 'string') continue;
      const mark = decimalEvidence(v);
      if (mark) return { mark, line: r, value: v.trim() };
    }
  }
  return undefined;
}

export async function* readLedgerXlsx(
  path: string,
  displayName: string,
  planFor: (exercice: number) => Plan,
  options: ReadOptions = {},
): AsyncGenerator<LedgerRow[]> {
  const file = displayName;
  // On demand: the bundle is one file, and only an XLSX ledger may pay for loading exceljs.
  const wb = new (await import('exceljs')).default.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError({ file, message: code === 'ENOENT' ? 'file not found' : `not a readable XLSX workbook: ${(e as Error).message}` });
  }
  // A hidden or very hidden sheet is read only when named: by default, the first sheet a person sees.
  const ws = options.sheet !== undefined ? wb.getWorksheet(options.sheet) : wb.worksheets.find((w) => (w.state ?? 'visible') === 'visible');
  if (!ws) {
    throw new InputError({ file, message: `no sheet ${JSON.stringify(options.sheet ?? '')} (sheets: ${wb.worksheets.map((w) => JSON.stringify(w.name)).join(', ')})` });
  }
  const sheet = findHeader(ws, file, options.columns);
  const evidence = options.decimal ? { mark: options.decimal } : textDecimal(sheet);
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  const restored = new Map<string, number>();
  let batch: LedgerRow[] = [];
  // exceljs gives every cell of a merged range the value of its first cell: over amounts, that is one figure counted twice.
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).filter(Boolean);
  const mergeOf = (address: string) => merges.find((m) => m.split(':')[0] === address) ?? address;
  for (let r = sheet.headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const locate = (name: string) => {
      const c = sheet.columns.get(name) ?? sheet.firstColumn;
      return { file, line: r, column: `${c} (${name})`, cell: `${sheet.name}!${columnLetter(c)}${r}` };
    };
    const fields: Record<string, string> = {};
    let blank = true;
    for (const name of sheet.header) {
      const raw = scalar(row.getCell(sheet.columns.get(name)!).value);
      if (raw !== undefined && !(typeof raw === 'string' && raw.trim() === '')) blank = false;
      if (raw !== undefined && typeof raw === 'object' && 'noCache' in raw) {
        problems.push({ ...locate(name), message: `${name}: formula without a cached value (open and save the workbook in a spreadsheet application)`, value: `=${raw.noCache}` });
        continue;
      }
      const v = raw as Scalar;
      if (AMOUNT_COLUMNS.includes(name)) {
        const cell = row.getCell(sheet.columns.get(name)!);
        if (cell.isMerged && cell.master.address !== cell.address) {
          problems.push({ ...locate(name), message: `${name}: the cell is inside the merged range ${sheet.name}!${mergeOf(cell.master.address)}: a merged cell over amounts is not the same amount twice (unmerge it and give each line its amount)`, value: String(cell.master.value ?? '') });
          fields[name] = '';
          continue;
        }
        let cents: Cents | { error: string } | undefined;
        if (typeof v === 'number') cents = numberToCents(v);
        else if (typeof v === 'string' && v.trim() !== '') cents = parseDialectAmount(v, evidence?.mark, evidence);
        else if (v !== undefined && typeof v !== 'string') {
          const t = textOf(v);
          cents = typeof t === 'string' ? undefined : t;
        }
        if (cents === undefined) fields[name] = '';
        else if (typeof cents === 'bigint') fields[name] = centsToString(cents);
        else {
          problems.push({ ...locate(name), message: `${name}: ${cents.error}`, value: String(v instanceof Date ? v.toISOString() : typeof v === 'object' ? v.error : v) });
          fields[name] = '';
        }
      } else {
        const t = textOf(v);
        if (typeof t === 'string') fields[name] = t;
        else {
          problems.push({ ...locate(name), message: `${name}: ${t.error}`, value: String(v) });
          fields[name] = '';
        }
      }
    }
    if (blank) continue;
    const tolerated = tolerate(fields, planFor);
    if (tolerated.restored) restored.set(`${tolerated.restored.from}→${tolerated.restored.to}`, (restored.get(`${tolerated.restored.from}→${tolerated.restored.to}`) ?? 0) + 1);
    const parsed = parseLedgerRecord(tolerated.fields, file, r, locate, plainAmount);
    problems.push(...parsed.problems);
    const led = parsed.row;
    if (!led) continue;
    led.cell = `${sheet.name}!${columnLetter(sheet.firstColumn)}${r}`;
    const planProblems = validateAgainstPlan(led, planFor(led.exercice), locate);
    if (planProblems.length > 0) {
      problems.push(...planProblems);
      continue;
    }
    const key = rowKey(led);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ ...locate('chapitre'), message: `line repeats the key of line ${first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)`, value: key });
      continue;
    }
    seen.set(key, r);
    batch.push(led);
    if (batch.length >= 2048) {
      if (problems.length === 0) yield batch;
      batch = [];
    }
  }
  for (const n of restorationNotices(file, restored)) writeDiagnostic('notice', n);
  if (problems.length > 0) throw new InputError(problems);
  if (batch.length > 0) yield batch;
}
