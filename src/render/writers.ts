// The output formats of compute (and of every command that prints tables): one entry per format.
import { askedLang } from '../messages/index.js';
import { collapseUncomputable, printedTables } from '../report/printed.js';
import type { Provenance } from '../report/provenance.js';
import type { Table } from '../report/table.js';
import type { Locale } from '../money/format.js';

export interface WriterInput {
  schema: string;
  provenance: Provenance;
  tables: Table[];
  heading?: string;
  /** Extra top-level JSON members (entity, findings…). */
  extra?: Record<string, unknown>;
  locale: Locale;
  color: boolean;
  /** CSV output dialect (docs/dialects.md): neutral (default) or fr. */
  dialect?: string;
  /** Terminal width for the table writer (undefined: not a terminal, no fitting). */
  width?: number;
}

export interface Writer {
  /** Binary formats are refused on a terminal and need -o. */
  binary: boolean;
  /** Loaded on demand, so that a heavy library (exceljs) is imported only when its format is asked for. */
  load: () => Promise<(input: WriterInput) => string | Uint8Array | Promise<string | Uint8Array>>;
}

export const WRITERS: Record<string, Writer> = {
  table: {
    binary: false,
    load: async () => {
      const { renderTerminal } = await import('./terminal.js');
      return async (i) => {
        const chalk = i.color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
        return renderTerminal(
          i.tables,
          i.provenance,
          { locale: i.locale, color: i.color, ...(chalk ? { chalk } : {}), ...(i.width !== undefined ? { width: i.width } : {}) },
          i.heading,
        );
      };
    },
  },
  json: {
    binary: false,
    load: async () => {
      const { renderJson } = await import('./json.js');
      return (i) => renderJson({ schema: i.schema, provenance: i.provenance, ...(i.extra ?? {}), tables: i.tables });
    },
  },
  jsonl: {
    binary: false,
    load: async () => {
      const { renderJsonl } = await import('./jsonl.js');
      return (i) => renderJsonl(i.tables, i.provenance);
    },
  },
  csv: {
    binary: false,
    load: async () => {
      const { renderCsv, renderCsvInDialect } = await import('./csv.js');
      return (i) => (i.dialect && i.dialect !== 'neutral' ? renderCsvInDialect(i.tables, i.provenance, i.dialect) : renderCsv(i.tables, i.provenance));
    },
  },
  md: {
    binary: false,
    load: async () => {
      const { renderMarkdown } = await import('./markdown.js');
      return (i) => renderMarkdown(i.tables, i.provenance, i.locale, i.heading);
    },
  },
  xlsx: {
    binary: true,
    load: async () => {
      const { renderXlsx } = await import('./xlsx.js');
      return (i) => renderXlsx(printedTables(i.tables), i.provenance, { ...(i.heading ? { heading: i.heading } : {}), ...(typeof i.extra?.entity === 'string' ? { entity: i.extra.entity } : {}), lang: i.locale });
    },
  },
  html: {
    binary: false,
    load: async () => {
      const { renderHtml } = await import('./html.js');
      return (i) => renderHtml(htmlInput(i));
    },
  },
  pdf: {
    binary: true,
    load: async () => {
      const [{ renderHtml }, { printPdf }] = await Promise.all([import('./html.js'), import('./pdf.js')]);
      return (i) => printPdf(renderHtml(htmlInput(i)));
    },
  },
};

/**
 * The language of a printed document (XLSX, HTML, PDF), whatever the environment's: the number locale (French by
 * default), English for HTML / PDF when --lang en asks for it; undefined for the other formats (they follow --lang).
 */
export function documentLang(format: string, locale: Locale): Locale | undefined {
  if (format === 'xlsx') return locale;
  if (format === 'html' || format === 'pdf') return askedLang() === 'en' ? 'en' : locale;
  return undefined;
}

/** The report is French whatever the environment's locale; English when --lang en (or --locale en) asks for it. */
function htmlInput(i: WriterInput) {
  return {
    tables: collapseUncomputable(printedTables(i.tables), documentLang('html', i.locale)!),
    provenance: i.provenance,
    lang: documentLang('html', i.locale)!,
    ...(i.heading ? { heading: i.heading } : {}),
    ...(typeof i.extra?.entity === 'string' ? { entity: i.extra.entity } : {}),
  };
}

/**
 * -o extension → writer. The report issue's HTML / PDF writer extends this table (and WRITERS) when it lands;
 * until then `.html` and `.pdf` are named as not available rather than silently written as text.
 */
export const EXTENSIONS: Record<string, string> = { csv: 'csv', json: 'json', jsonl: 'jsonl', md: 'md', xlsx: 'xlsx', txt: 'table', html: 'html', htm: 'html', pdf: 'pdf' };

/** Extensions people will try that have no writer in this version. */
export const PLANNED_EXTENSIONS: readonly string[] = [];

/** `.CSV` → `csv`; '' when the file name has no extension. */
export function extensionOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The format named by -o's extension: `undefined` when there is no -o or the name has no extension (the default
 * format then), `{ unknown }` when the extension names no writer (a usage error for the caller).
 */
export function formatFromFile(file: string | undefined, table: Record<string, string> = EXTENSIONS): string | { unknown: string } | undefined {
  if (!file || file === '-') return undefined;
  const ext = extensionOf(file);
  if (!ext) return undefined;
  return table[ext] ?? { unknown: ext };
}
