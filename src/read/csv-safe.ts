// Parses a whole CSV text so that no syntax error escapes as a crash: every csv-parse error becomes an input error with its line.
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { t } from '../messages/index.js';

export interface CsvRecord {
  record: string[];
  /** 1-based line where the record ends (csv-parse's info.lines). */
  line: number;
}

export interface SafeCsv {
  records: CsvRecord[];
  /** Lines where a `"` inside an unquoted field was read as text (an inch mark: `Ecran 24" bureau`). */
  inchMarks: number[];
}

export interface SafeCsvOptions {
  delimiter?: string;
}

interface CsvParseError {
  code?: string;
  lines?: number;
  column?: number | string;
  message?: string;
}

/** csv-parse's syntax errors: most codes carry the `CSV_` prefix, a few (INVALID_OPENING_QUOTE) do not. */
export function isCsvSyntaxError(e: unknown): e is CsvParseError {
  const code = (e as CsvParseError | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE' || (e as Error).name === 'CsvError');
}

/** The message of a syntax error, without csv-parse's own wording of where (we say it as FILE:LINE). */
function syntaxMessage(e: CsvParseError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'CSV syntax: a quoted field is never closed (a `"` opens it and no `"` ends it before the end of the file)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'CSV syntax: a quoted field is followed by text after its closing `"` (write `""` for a quote inside a quoted field)';
    default:
      return `CSV syntax: ${(e.message ?? String(e)).replace(/\s+at line \d+.*$/, '')}`;
  }
}

// Mixed CRLF and LF in one file: each line ends where it ends (csv-parse alone settles on the first line's ending).
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

function parseWith(text: string, delimiter: string | undefined, relaxQuotes: boolean) {
  return parse(text, {
    ...(delimiter !== undefined ? { delimiter } : {}),
    bom: true,
    info: true,
    raw: relaxQuotes,
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    record_delimiter: RECORD_DELIMITERS,
  }) as unknown as { record: string[]; info: { lines: number }; raw?: string }[];
}

/** The field was written without quotes, yet holds a `"`: its quoted form is not in the raw text. */
function unquotedQuote(record: string[], raw: string): boolean {
  return record.some((f) => f.includes('"') && !raw.includes(`"${f.replaceAll('"', '""')}"`));
}

/**
 * Parses `text` (BOM accepted, CRLF and LF mixed). A `"` inside an unquoted field is most likely a literal inch
 * mark: it is read as text and its line returned in `inchMarks` for a notice. An unclosed quote, a quote after a
 * closing quote and any other syntax error is an InputError naming the file and line.
 */
export function parseCsvSafely(text: string, file: string, options: SafeCsvOptions = {}): SafeCsv {
  const fail = (e: unknown): never => {
    if (!isCsvSyntaxError(e)) throw e;
    const column = typeof e.column === 'number' ? e.column + 1 : undefined;
    throw new InputError({ file, ...(e.lines ? { line: e.lines } : {}), ...(column ? { column } : {}), message: syntaxMessage(e) });
  };
  try {
    const out = parseWith(text, options.delimiter, false);
    return { records: out.map((r) => ({ record: r.record, line: r.info.lines })), inchMarks: [] };
  } catch (e) {
    if ((e as CsvParseError).code !== 'INVALID_OPENING_QUOTE') fail(e);
  }
  let out: ReturnType<typeof parseWith> = [];
  try {
    out = parseWith(text, options.delimiter, true);
  } catch (e) {
    fail(e);
  }
  const inchMarks = out.filter((r) => unquotedQuote(r.record, r.raw ?? '')).map((r) => r.info.lines);
  return { records: out.map((r) => ({ record: r.record, line: r.info.lines })), inchMarks };
}

/** The notice for inch marks read as text, or undefined when there is none. */
export function inchMarkNotice(file: string, lines: readonly number[]): string | undefined {
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? `… (${lines.length} lines)` : '');
  return `${file}: a " inside a field written without quotes is read as text (an inch mark such as 24"), line${lines.length > 1 ? 's' : ''} ${shown}`;
}

/** A header naming a column twice would let one of the two columns be silently ignored. */
export function duplicateHeaderProblem(header: readonly string[], file: string, line = 1): { file: string; line: number; column: number; message: string; value: string } | undefined {
  const seen = new Map<string, number>();
  for (const [i, name] of header.entries()) {
    if (name === '') continue;
    const first = seen.get(name);
    if (first !== undefined) return { file, line, column: i + 1, message: t('read.columnTwiceCsv', { name, first: first + 1, second: i + 1 }), value: name };
    seen.set(name, i);
  }
  return undefined;
}
