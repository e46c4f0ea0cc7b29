// The parts of an XLSX workbook a ledger reader needs: its sheets (name, state, part), the shared strings, the date styles.
import { attr, runsText, tags } from './xml-text.js';
import { ZipError, type ZipReader } from './zip.js';

export interface SheetInfo {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /** Zip entry of the sheet's XML. */
  part: string;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  /** The shared strings part, when there is one. */
  stringsPart?: string;
  stylesPart?: string;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

/** `../x` and `/xl/x` targets of a relationship, resolved against the folder of the part that names them. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const text = async (zip: ZipReader, name: string) => (await zip.read(name)).toString('utf8');

/** The officeDocument part named by the package's root relationships (xl/workbook.xml almost always). */
async function workbookPart(zip: ZipReader): Promise<string> {
  if (zip.entries.has('_rels/.rels')) {
    const rels = await text(zip, '_rels/.rels');
    for (const [a, b] of tags(rels, 'Relationship')) {
      const type = attr(rels, a, b, 'Type') ?? '';
      if (type.endsWith('/officeDocument')) return resolveTarget('', attr(rels, a, b, 'Target') ?? '');
    }
  }
  return 'xl/workbook.xml';
}

export async function readWorkbook(zip: ZipReader): Promise<WorkbookInfo> {
  const wbPart = await workbookPart(zip);
  if (!zip.entries.has(wbPart)) throw new ZipError(`no ${wbPart}: not a spreadsheet workbook`);
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const relsPart = `${dir}_rels/${wbPart.slice(dir.length)}.rels`;
  const targets = new Map<string, { type: string; part: string }>();
  if (zip.entries.has(relsPart)) {
    const rels = await text(zip, relsPart);
    for (const [a, b] of tags(rels, 'Relationship')) {
      const id = attr(rels, a, b, 'Id');
      const type = (attr(rels, a, b, 'Type') ?? '').replace(REL, '').replace(STRICT_REL, '');
      const target = attr(rels, a, b, 'Target');
      if (id && target && attr(rels, a, b, 'TargetMode') !== 'External') targets.set(id, { type, part: resolveTarget(dir, target) });
    }
  }
  const wb = await text(zip, wbPart);
  const sheets: SheetInfo[] = [];
  for (const [a, b] of tags(wb, 'sheet')) {
    const name = attr(wb, a, b, 'name') ?? '';
    const rid = attr(wb, a, b, 'r:id') ?? attr(wb, a, b, 'id');
    const rel = rid !== undefined ? targets.get(rid) : undefined;
    // Chart sheets and dialog sheets are no grid of cells.
    if (!rel || rel.type !== 'worksheet') continue;
    sheets.push({ name, state: attr(wb, a, b, 'state') ?? 'visible', part: rel.part });
  }
  let date1904 = false;
  for (const [a, b] of tags(wb, 'workbookPr')) {
    const v = attr(wb, a, b, 'date1904');
    date1904 = v === '1' || v === 'true';
  }
  const byType = (t: string) => [...targets.values()].find((r) => r.type === t)?.part;
  const stringsPart = byType('sharedStrings') ?? (zip.entries.has(`${dir}sharedStrings.xml`) ? `${dir}sharedStrings.xml` : undefined);
  const stylesPart = byType('styles') ?? (zip.entries.has(`${dir}styles.xml`) ? `${dir}styles.xml` : undefined);
  return { sheets, date1904, ...(stringsPart && zip.entries.has(stringsPart) ? { stringsPart } : {}), ...(stylesPart && zip.entries.has(stylesPart) ? { stylesPart } : {}) };
}

/** The shared string table, rich text flattened to its text. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (let i = xml.indexOf('<si'); i >= 0; ) {
    const c = xml.charCodeAt(i + 3);
    if (c !== 62 && c !== 32 && c !== 47) {
      i = xml.indexOf('<si', i + 3);
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      i = xml.indexOf('<si', gt);
      continue;
    }
    const end = xml.indexOf('</si>', gt);
    if (end < 0) break;
    out.push(runsText(xml, gt + 1, end));
    i = xml.indexOf('<si', end);
  }
  return out;
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30, East Asian ones included). */
const DATE_BUILTINS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code shows a date when, outside quotes and brackets, it holds a date or time letter (as exceljs judges). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (`s`), whether its number format shows a date. */
export function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const [a, b] of tags(xml, 'numFmt')) custom.set(Number(attr(xml, a, b, 'numFmtId')), attr(xml, a, b, 'formatCode') ?? '');
  const start = xml.indexOf('<cellXfs');
  const end = xml.indexOf('</cellXfs>', start);
  if (start < 0 || end < 0) return [];
  const body = xml.slice(start, end);
  const out: boolean[] = [];
  for (const [a, b] of tags(body, 'xf')) {
    const id = Number(attr(body, a, b, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_BUILTINS.has(id));
  }
  return out;
}
