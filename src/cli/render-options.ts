// The output options shared by every command that prints tables: --format, -o, --locale, --table, --dialect.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { t } from '../messages/index.js';
import { EXTENSIONS, extensionOf, formatFromFile, PLANNED_EXTENSIONS, WRITERS, type WriterInput } from '../render/writers.js';
import { useColor, writeOutput } from './output.js';

export interface RenderOpts {
  format?: string;
  output?: string;
  locale: string;
  table?: string[];
  dialect?: string;
}

/** The CSV dialects of docs/dialects.md that outputs can be written in (the names of OUT_DIALECTS, kept here so start-up does not load it). */
export const CSV_DIALECTS = ['neutral', 'fr'] as const;

const repeat = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export function addRenderOptions(cmd: Command): Command {
  return cmd
    .option('-f, --format <format>', t('cli.formatOption', { formats: Object.keys(WRITERS).join(', ') }))
    .option('-o, --output <file>', t('cli.outputOption'))
    .option('--locale <locale>', t('cli.localeOption'), 'fr')
    .option('--table <id>', t('cli.tableOption'), repeat)
    .option('--dialect <dialect>', t('cli.dialectOption'));
}

/** `.csv, .json, …` for the messages that name what -o can write. */
export function knownExtensions(table: Record<string, string> = EXTENSIONS): string {
  return Object.keys(table).map((e) => `.${e}`).join(', ');
}

/**
 * The format: --format, else -o's extension, else the default. An extension no writer has is a usage error naming the
 * ones that work (a `.pdf` never receives terminal text).
 */
export function formatFor(opts: { format?: string; output?: string }, fallback: string, table: Record<string, string> = EXTENSIONS): string {
  if (opts.format !== undefined) return opts.format;
  const fromFile = formatFromFile(opts.output, table);
  if (fromFile === undefined) return fallback;
  if (typeof fromFile === 'string') return fromFile;
  const known = knownExtensions(table);
  if (PLANNED_EXTENSIONS.includes(fromFile.unknown)) throw new UsageError(t('cli.extensionNotYet', { file: opts.output!, ext: `.${fromFile.unknown}`, known }));
  throw new UsageError(t('cli.unknownExtension', { file: opts.output!, known }));
}

/** --dialect: a CSV dialect, and only for CSV output. */
export function dialectFor(dialect: string | undefined, format: string): string | undefined {
  if (dialect === undefined) return undefined;
  if (!(CSV_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(t('cli.unknownDialect', { dialect, known: CSV_DIALECTS.join(', ') }));
  if (format !== 'csv') throw new UsageError(t('cli.dialectNeedsCsv', { format }));
  return dialect;
}

/** Checks the options before any input is read, so a usage error costs nothing. */
export function resolveFormat(opts: RenderOpts): { format: string; locale: 'fr' | 'en'; dialect?: string } {
  const format = formatFor(opts, 'table');
  if (!WRITERS[format]) throw new UsageError(t('cli.unknownFormat', { format, known: Object.keys(WRITERS).join(', ') }));
  if (opts.locale !== 'fr' && opts.locale !== 'en') throw new UsageError(t('cli.unknownLocale', { locale: opts.locale }));
  const writer = WRITERS[format]!;
  if (writer.binary && !opts.output && process.stdout.isTTY) {
    throw new UsageError(t('cli.binaryToTerminal', { format, ext: extensionFor(format) }));
  }
  const dialect = dialectFor(opts.dialect, format);
  return { format, locale: opts.locale, ...(dialect ? { dialect } : {}) };
}

function extensionFor(format: string): string {
  return Object.entries(EXTENSIONS).find(([, f]) => f === format)?.[0] ?? format;
}

/** --table ID: a table id (execution), a scoped one (principal.2022.execution), or its scope's prefix (principal). */
export function selectTables<T extends { id: string; scope: string }>(tables: T[], wanted: string[] | undefined): T[] {
  if (!wanted || wanted.length === 0) return tables;
  const matches = (tb: T, w: string) => tb.id === w || `${tb.scope}.${tb.id}` === w || `${tb.scope}.${tb.id}`.endsWith(`.${w}`);
  for (const w of wanted) {
    if (!tables.some((tb) => matches(tb, w))) {
      const known = [...new Set(tables.map((tb) => tb.id))].join(', ');
      throw new UsageError(t('cli.unknownTable', { id: w, known }));
    }
  }
  return tables.filter((tb) => wanted.some((w) => matches(tb, w)));
}

/** Columns of the terminal the tables are fitted to: stdout's when it is one, else COLUMNS when set; none for a file or a pipe. */
export function terminalWidth(toFile: boolean): number | undefined {
  if (toFile) return undefined;
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 40 ? env : undefined;
}

export async function emit(
  opts: RenderOpts,
  input: Omit<WriterInput, 'locale' | 'color'>,
  inputs: string[],
): Promise<void> {
  const { format, locale, dialect } = resolveFormat(opts);
  const writer = WRITERS[format]!;
  const render = await writer.load();
  const width = format === 'table' ? terminalWidth(opts.output !== undefined) : undefined;
  const data = await render({
    ...input,
    tables: selectTables(input.tables, opts.table),
    locale,
    color: useColor(format) && !opts.output,
    ...(dialect ? { dialect } : {}),
    ...(width !== undefined ? { width } : {}),
  });
  await writeOutput(data, { file: opts.output, inputs }, writer.binary);
}
