// The output formats of compute (and of every command that prints tables): one entry per format.
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
        return renderTerminal(i.tables, i.provenance, { locale: i.locale, color: i.color, ...(chalk ? { chalk } : {}) }, i.heading);
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
  csv: {
    binary: false,
    load: async () => {
      const { renderCsv } = await import('./csv.js');
      return (i) => renderCsv(i.tables, i.provenance);
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
      return (i) => renderXlsx(i.tables, i.provenance, { ...(i.heading ? { heading: i.heading } : {}), ...(typeof i.extra?.entity === 'string' ? { entity: i.extra.entity } : {}), lang: i.locale });
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

/** The report's words follow the interface language (French unless asked otherwise). */
function htmlInput(i: WriterInput) {
  return {
    tables: i.tables,
    provenance: i.provenance,
    lang: i.locale,
    ...(i.heading ? { heading: i.heading } : {}),
    ...(typeof i.extra?.entity === 'string' ? { entity: i.extra.entity } : {}),
  };
}

/** The format named by -o's extension, when it names one. */
export function formatFromFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const ext = file.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = { json: 'json', csv: 'csv', md: 'md', xlsx: 'xlsx', html: 'html', htm: 'html', pdf: 'pdf' };
  const f = byExt[ext];
  return f && WRITERS[f] ? f : undefined;
}
