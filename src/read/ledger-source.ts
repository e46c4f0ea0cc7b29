// Opens a ledger CSV for the byte reader: UTF-8 streamed from the file in chunks (checked as read by a folding read, before otherwise), other encodings decoded whole; delimiter and decimal mark detected.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { fileChunks, scanRecords } from './csv-records.js';
import { decimalEvidence, type DecimalEvidence, type DecimalMark } from './dialect/amount.js';
import { detectDelimiter } from './dialect/detect.js';
import { decode, type Encoding } from './dialect/encoding.js';
import { amountParser } from './dialect/open-csv.js';
import { DELIMITERS, type ReadOptions } from './dialect/options.js';
import { HEADER_MIN_SCORE, headerScore, mapHeader, type ColumnMap } from './header-map.js';
import type { AmountParser } from './ledger-record.js';
import { t } from '../messages/index.js';
import { twoThreadsWanted } from './csv-parallel.js';

export interface LedgerSource {
  /** A fresh pass over the UTF-8 bytes (BOM excluded). */
  chunks: () => Iterable<Uint8Array>;
  encoding: Encoding;
  delimiter: string;
  decimal: DecimalMark | undefined;
  parseAmount: AmountParser;
  /** The amount parser's evidence (another thread makes the same parser from it). */
  settledBy?: DecimalEvidence;
  /** Set when the chunks are the file's own bytes from this offset (UTF-8, streamed): a reader may read parts of it. */
  fileOffset?: number;
}

/** Thrown by `utf8Chunks` at the first piece of a file that is not UTF-8 (the reader then decodes the file whole). */
export class NotUtf8 extends Error {}

/**
 * A file's bytes from `offset` in 1 MiB pieces of one reused buffer, each cut after its last newline (never inside a
 * character) and checked to be UTF-8 as it is read: NotUtf8 at the first that is not.
 */
function* utf8Chunks(path: string, offset: number): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  let buf = Buffer.allocUnsafe(1 << 20);
  let carry = 0;
  let pos = offset;
  try {
    for (;;) {
      if (carry === buf.length) {
        // A line longer than the buffer: a bigger one (rare; a ledger line is short).
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const n = readSync(fd, buf, carry, buf.length - carry, pos);
      if (n <= 0) {
        if (carry === 0) return;
        if (!isUtf8(buf.subarray(0, carry))) throw new NotUtf8();
        yield buf.subarray(0, carry);
        return;
      }
      pos += n;
      const len = carry + n;
      const nl = buf.lastIndexOf(0x0a, len - 1);
      if (nl < 0) {
        carry = len;
        continue;
      }
      const piece = buf.subarray(0, nl + 1);
      if (!isUtf8(piece)) throw new NotUtf8();
      // The reader copies a piece before it asks for the next one: the buffer is then reused.
      yield piece;
      buf.copyWithin(0, nl + 1, len);
      carry = len - nl - 1;
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether a file is UTF-8 from `offset` (a pass of `utf8Chunks`). */
function streamIsUtf8(path: string, offset: number): boolean {
  try {
    for (const _ of utf8Chunks(path, offset));
    return true;
  } catch (e) {
    if (e instanceof NotUtf8) return false;
    throw e;
  }
}

function head(path: string, size = 1 << 16): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.allocUnsafe(size);
    const n = readSync(fd, b, 0, size, 0);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The delimiter that makes a ledger header of one of the first lines (title rows may come first). */
function delimiterOf(text: string, columns: ColumnMap | undefined): string {
  const lines = text.split('\n', 30).map((l) => l.replace(/\r$/, ''));
  for (const line of lines) {
    for (const d of DELIMITERS) {
      const cells = line.split(d).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
      if (cells.length > 1 && headerScore(cells, columns) >= HEADER_MIN_SCORE) return d;
    }
  }
  return detectDelimiter(lines[0] ?? '');
}

/** The first amount that proves the decimal mark, read through the mapped header; stops there. */
function decimalOf(chunks: Iterable<Uint8Array>, delimiter: string, columns: ColumnMap | undefined): DecimalEvidence | undefined {
  let amountIdx: number[] | undefined;
  let found: DecimalEvidence | undefined;
  scanRecords(chunks, delimiter, (r) => {
    if (!amountIdx) {
      const cells = r.texts().map((c) => c.trim());
      if (headerScore(cells, columns) < HEADER_MIN_SCORE) return;
      const m = mapHeader(cells, columns).index;
      amountIdx = (['realise', 'rar', 'credits_ouverts', 'rar_precedent'] as const).map((c) => m.get(c)).filter((i): i is number => i !== undefined);
      return;
    }
    for (const i of amountIdx) {
      const v = r.text(i);
      if (v === '' || !/[.,]/.test(v)) continue;
      const mark = decimalEvidence(v);
      if (mark) {
        found = { mark, line: r.line, value: v.trim() };
        return false;
      }
    }
    return;
  });
  return found;
}

export async function openLedgerSource(path: string, displayName: string, options: ReadOptions & { columns?: ColumnMap; decodeWhole?: boolean } = {}): Promise<LedgerSource> {
  let first: Buffer;
  try {
    first = head(path);
  } catch {
    throw new InputError({ file: displayName, message: t('read.fileNotFound') });
  }
  const utf8Bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
  const utf16 = first[0] === 0xff && first[1] === 0xfe;
  let encoding: Encoding = options.encoding ?? (utf16 ? 'utf-16le' : 'utf-8');
  let chunks: () => Iterable<Uint8Array>;
  let fileOffset: number | undefined;
  const offset = utf8Bom ? 3 : 0;
  // A folding read takes the file as UTF-8 and checks each piece as it reads it (a pass less over the file); one that
  // hands rows over as it reads (convert), or that may be cut in halves for two threads, checks the whole file first.
  const utf8 = encoding === 'utf-8' && !options.decodeWhole;
  if (utf8 && options.fold !== undefined && options.handOver === undefined && !twoThreadsWanted()) {
    chunks = () => utf8Chunks(path, offset);
  } else if (utf8 && streamIsUtf8(path, offset)) {
    fileOffset = offset;
    // The common case stays bytes, streamed: memory follows the distinct keys, not the file.
    chunks = () => fileChunks(path, offset);
  } else {
    if (options.encoding === undefined && encoding === 'utf-8') encoding = 'windows-1252';
    // A file from Excel or a Windows tool: decoded whole (with the line of any bad byte), then read as UTF-8 bytes.
    const decoded = decode(readFileSync(path), displayName, options.encoding ?? encoding);
    const utf8 = Buffer.from(decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text, 'utf8');
    chunks = () => [utf8];
    first = utf8.subarray(0, 1 << 16);
  }
  const text = first.toString('utf8').replace(/^\ufeff/, '');
  const delimiter = options.delimiter ?? delimiterOf(text, options.columns);
  let decimal = options.decimal;
  let settledBy: DecimalEvidence | undefined;
  if (decimal === undefined) {
    try {
      settledBy = decimalOf(chunks(), delimiter, options.columns);
    } catch (e) {
      // Not UTF-8 before the first decimal: decoded whole, as if checked first.
      if (e instanceof NotUtf8) return openLedgerSource(path, displayName, { ...options, decodeWhole: true });
      throw e;
    }
    // The neutral dialect of docs/ledger.md: a comma-separated file has a decimal point.
    decimal = settledBy?.mark ?? (delimiter === ',' ? '.' : undefined);
  }
  return {
    chunks,
    encoding,
    delimiter,
    decimal,
    parseAmount: amountParser(decimal, settledBy),
    ...(settledBy ? { settledBy } : {}),
    ...(fileOffset !== undefined ? { fileOffset } : {}),
  };
}
