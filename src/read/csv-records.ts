// CSV records found by scanning bytes in a reused buffer: field bounds, never a string per field unless asked (RFC 4180 quotes, inch marks, CRLF and LF mixed).
import { closeSync, openSync, readSync } from 'node:fs';
import { t } from '../messages/index.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** One record of the buffer: bounds of each field (trimmed of spaces when unquoted), its line, what it holds. */
export class CsvRecord {
  buf: Buffer = Buffer.alloc(0);
  /** Field i spans [start[i], end[i]) of `buf`; a quoted field keeps its quotes (see `text`). */
  start = new Int32Array(64);
  end = new Int32Array(64);
  count = 0;
  /** Bit per field up to 31, plus `anyQuoted`. */
  anyQuoted = false;
  /** A `"` inside an unquoted field: read as text (an inch mark, `Ecran 24" bureau`). */
  inchMark = false;
  line = 0;
  /** Byte bounds of the whole record (without its line end), for messages that show it. */
  from = 0;
  to = 0;

  /** The text of field i, as csv-parse gave it (quotes removed, `""` unescaped), not trimmed. */
  text(i: number): string {
    if (i >= this.count) return '';
    const s = this.start[i]!;
    const e = this.end[i]!;
    if (e - s >= 2 && this.buf[s] === QUOTE && this.buf[e - 1] === QUOTE && this.anyQuoted) return this.buf.toString('utf8', s + 1, e - 1).replace(/""/g, '"');
    return this.buf.toString('utf8', s, e);
  }

  /** Every field as text. */
  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.text(i));
    return out;
  }

  /** Whether every field is empty or blank (`;;;;`, a line of spaces). */
  blank(): boolean {
    for (let i = 0; i < this.count; i++) {
      for (let k = this.start[i]!; k < this.end[i]!; k++) {
        const c = this.buf[k]!;
        if (c !== SPACE && c !== TAB && c !== QUOTE && c !== CR) return false;
      }
    }
    return true;
  }
}

/** A syntax error that stops the scan: an unclosed quote runs to the end of the file. */
export interface CsvSyntaxError {
  line: number;
  message: string;
}

export type OnRecord = (r: CsvRecord) => boolean | void;

/**
 * A reader's own loop over whole lines, tried before each record: `scan` takes the records it can from `p` (every one
 * ends with a newline before `end`), says how many in `lines`, and returns where it stopped; the record there goes
 * through `onRecord` as usual.
 */
export interface FastLines {
  scan(buf: Buffer, p: number, end: number, line: number): number;
  /** Called before the records of a buffer (new bytes, or moved), its whole lines ending at `end`: what `scan` knew of the last one is stale. */
  begin?(buf: Buffer, end: number): void;
  lines: number;
}

/**
 * Splits chunks of UTF-8 bytes into records and calls `onRecord` for each (return `false` to stop). Records are read
 * from one working buffer that grows only for a record longer than itself. Returns the syntax errors it could not
 * read past (text after a closing quote skips its record; an unclosed quote ends the scan).
 */
export function scanRecords(
  chunks: Iterable<Uint8Array>,
  delimiter: string,
  onRecord: OnRecord,
  errors: CsvSyntaxError[] = [],
  fast?: FastLines,
  /** Set at the end: the lines read (the line number of the last line ended by a newline). */
  stats?: { lines: number },
): CsvSyntaxError[] {
  const delim = delimiter.charCodeAt(0);
  // Blanks trimmed around a field: spaces, and tabs unless the tab is the delimiter.
  const TRIM_TAB = delim === TAB ? SPACE : TAB;
  let buf = Buffer.allocUnsafe(1 << 20);
  let len = 0;
  let line = 1;
  const rec = new CsvRecord();
  let stopped = false;

  /** Parses the record at p; returns the position after it, or -1 when the buffer ends before it does. */
  const parse = (p: number, final: boolean): number => {
    let i = p;
    let n = 0;
    let newlines = 0;
    rec.anyQuoted = false;
    rec.inchMark = false;
    rec.from = p;
    for (;;) {
      if (n === rec.start.length) {
        const s = new Int32Array(n * 2);
        s.set(rec.start);
        rec.start = s;
        const e = new Int32Array(n * 2);
        e.set(rec.end);
        rec.end = e;
      }
      let s = i;
      while (s < len && (buf[s] === SPACE || buf[s] === TRIM_TAB)) s++;
      if (s < len && buf[s] === QUOTE) {
        rec.anyQuoted = true;
        let k = s + 1;
        for (;;) {
          if (k >= len) {
            if (!final) return -1;
            errors.push({ line: line, message: t('read.quoteNotClosed') });
            return -2;
          }
          const c = buf[k]!;
          if (c === QUOTE) {
            if (k + 1 >= len && !final) return -1;
            if (buf[k + 1] === QUOTE) {
              k += 2;
              continue;
            }
            k++;
            break;
          }
          if (c === LF) newlines++;
          k++;
        }
        rec.start[n] = s;
        rec.end[n] = k;
        n++;
        while (k < len && (buf[k] === SPACE || buf[k] === TRIM_TAB)) k++;
        if (k >= len) {
          if (!final) return -1;
          rec.count = n;
          rec.to = k;
          return finish(k, newlines);
        }
        const c = buf[k]!;
        if (c === delim) {
          i = k + 1;
          continue;
        }
        if (c === LF || (c === CR && (k + 1 >= len || buf[k + 1] === LF))) {
          if (c === CR && k + 1 >= len && !final) return -1;
          rec.count = n;
          rec.to = k;
          return finish(c === CR ? k + 2 : k + 1, newlines);
        }
        // `"abc"def`: where the field ends is anyone's guess, so the record is refused, not read two ways.
        let e = k;
        while (e < len && buf[e] !== LF) e++;
        if (e >= len && !final) return -1;
        errors.push({ line: line, message: t('read.textAfterQuote') });
        line += newlines + 1;
        return e + 1;
      }
      let k = i;
      while (k < len) {
        const c = buf[k]!;
        if (c === delim || c === LF) break;
        if (c === QUOTE) rec.inchMark = true;
        k++;
      }
      if (k >= len && !final) return -1;
      let e = k;
      if (k < len && buf[k] === LF && e > s && buf[e - 1] === CR) e--;
      else if (k >= len && e > s && buf[e - 1] === CR) e--;
      while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TRIM_TAB)) e--;
      rec.start[n] = s;
      rec.end[n] = e;
      n++;
      if (k < len && buf[k] === delim) {
        i = k + 1;
        continue;
      }
      rec.count = n;
      rec.to = e;
      return finish(k < len ? k + 1 : k, newlines);
    }
  };
  const finish = (next: number, newlines: number): number => {
    rec.line = line;
    rec.buf = buf;
    line += newlines + 1;
    if (onRecord(rec) === false) stopped = true;
    return next;
  };

  const drain = (final: boolean) => {
    let p = 0;
    // Records that end before the last newline of the buffer are whole: the fast loop needs no bounds check.
    const whole = fast && len > 0 ? buf.lastIndexOf(LF, len - 1) + 1 : 0;
    if (whole > 0) fast!.begin?.(buf, whole);
    while (p < len && !stopped) {
      if (p < whole) {
        p = fast!.scan(buf, p, whole, line);
        line += fast!.lines;
        if (p >= len) break;
      }
      const next = parse(p, final);
      if (next === -1) break;
      if (next === -2) {
        stopped = true;
        break;
      }
      p = next;
    }
    if (p > 0) {
      buf.copyWithin(0, p, len);
      len -= p;
    }
  };

  for (const chunk of chunks) {
    if (len + chunk.length > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, len + chunk.length));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    buf.set(chunk, len);
    len += chunk.length;
    drain(false);
    if (stopped) return errors;
  }
  drain(true);
  if (stats) stats.lines = line - 1;
  return errors;
}

/** A file's bytes in 1 MiB reads into one reused buffer, from `offset` (past a BOM) to `end` (a parallel half). */
export function* fileChunks(path: string, offset = 0, size = 1 << 20, end = Infinity): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(size);
  try {
    let pos = offset;
    for (;;) {
      const n = readSync(fd, chunk, 0, Math.min(size, end - pos), pos);
      if (n <= 0) break;
      pos += n;
      yield chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
