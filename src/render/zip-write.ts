// Writes a zip archive in memory: each entry deflated by zlib (on its thread pool, while the caller makes the next text), CRC-32 by zlib for large entries, by table for small ones.
import { createGzip, deflateRaw, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { crc32 } from '../read/xlsx/crc32.js';

const deflateRawAsync = promisify(deflateRaw);
const SLAB = 1 << 20;
/** 1980-01-01 00:00 in DOS time: a fixed stamp, so the same input gives the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const LIMIT = 0xffffffff;

/** zlib level for the big sheet: 1 is 2–3× faster than 6 and the workbook only some 20–30 % larger. */
export const FAST_LEVEL = 1;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  readonly parts: Buffer[] = [];
  private offset = 0;
  private readonly written: Written[] = [];

  private emit(b: Buffer): void {
    this.parts.push(b);
    this.offset += b.length;
  }

  private entry(name: string, crc: number, size: number, data: Buffer[]): void {
    const compressed = data.reduce((n, b) => n + b.length, 0);
    if (size > LIMIT || compressed > LIMIT || this.offset > LIMIT) throw new RangeError(`zip entry ${name} is over 4 GiB`);
    const nameBytes = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    this.written.push({ name: nameBytes, crc, compressed, size, offset: this.offset });
    this.emit(h);
    this.emit(nameBytes);
    for (const b of data) this.emit(b);
  }

  /** A small entry, whole. */
  async add(name: string, text: string, level = 6): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    this.entry(name, crc32(data), data.length, [await deflateRawAsync(data, { level })]);
  }

  /** A large entry written as text pieces; `end()` closes it. */
  stream(name: string, level = FAST_LEVEL): EntryWriter {
    return new EntryWriter(level, (crc, size, data) => this.entry(name, crc, size, data));
  }

  /** The central directory and its end record: the archive is `parts` once this is called. */
  finish(): Buffer[] {
    const start = this.offset;
    for (const w of this.written) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(DOS_TIME, 12);
      c.writeUInt16LE(DOS_DATE, 14);
      c.writeUInt32LE(w.crc, 16);
      c.writeUInt32LE(w.compressed, 20);
      c.writeUInt32LE(w.size, 24);
      c.writeUInt16LE(w.name.length, 28);
      c.writeUInt32LE(w.offset, 42);
      this.emit(c);
      this.emit(w.name);
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(this.written.length, 8);
    e.writeUInt16LE(this.written.length, 10);
    e.writeUInt32LE(this.offset - start, 12);
    e.writeUInt32LE(start, 16);
    this.emit(e);
    return this.parts;
  }
}

/**
 * Text in, deflated bytes out, in 1 MiB slabs. zlib writes them as gzip, whose trailer carries the CRC-32 of the
 * data: the checksum is computed by zlib on its own thread, and the gzip frame (10-byte header, 8-byte trailer)
 * is taken off to leave the raw deflate stream a zip entry holds.
 */
export class EntryWriter {
  /** The bytes not yet handed to zlib: [0, len) of `slab` (see `room`). */
  slab: Buffer = Buffer.allocUnsafe(SLAB);
  len = 0;
  private readonly out: Buffer[] = [];
  /**
   * Slabs zlib has finished with, written again: a new 1 MiB a slab counted as external memory, which made V8 run a
   * full collection of the heap (the rows of the table) every 400 ms while the sheet was written.
   */
  private readonly spare: Buffer[] = [];
  private readonly z;
  private waiting: Promise<void> | undefined;

  constructor(
    level: number,
    private readonly done: (crc: number, size: number, data: Buffer[]) => void,
  ) {
    // Four slabs queued before the caller waits (zlib takes the Transform option; @types/node does not list it).
    this.z = createGzip({ level, chunkSize: 1 << 18, writableHighWaterMark: 4 * SLAB } as ZlibOptions);
    this.z.on('data', (b: Buffer) => this.out.push(b));
  }

  /** Adds text; await the result only when it is a promise (zlib is behind: back-pressure). */
  write(text: string): Promise<void> | undefined {
    if (this.len + text.length * 3 > this.slab.length) {
      const w = this.flush();
      if (text.length * 3 > this.slab.length) return this.push(Buffer.from(text, 'utf8')) ?? w;
      this.len += this.slab.write(text, this.len, 'utf8');
      return w;
    }
    this.len += this.slab.write(text, this.len, 'utf8');
    return undefined;
  }

  /**
   * Room for `n` more bytes at `slab[len…]`, for a caller that writes bytes itself and then adds their count to
   * `len`: the slab is handed to zlib first when they would not fit (await the result only when it is a promise).
   */
  room(n: number): Promise<void> | undefined {
    if (this.len + n <= this.slab.length) return undefined;
    const w = this.flush();
    if (n > this.slab.length) this.slab = Buffer.allocUnsafe(n);
    return w;
  }

  private push(b: Buffer, slab?: Buffer): Promise<void> | undefined {
    // The caller then yields once: zlib's thread hands each piece back through this thread's event loop (its output,
    // the next piece to deflate), which a caller making text without a pause kept waiting.
    const taken = slab ? this.z.write(b, () => this.spare.push(slab)) : this.z.write(b);
    if (taken) return new Promise<void>((ok) => setImmediate(ok));
    this.waiting ??= new Promise<void>((ok) => this.z.once('drain', () => ((this.waiting = undefined), ok())));
    return this.waiting;
  }

  private flush(): Promise<void> | undefined {
    if (this.len === 0) return undefined;
    const slab = this.slab;
    const b = slab.subarray(0, this.len);
    this.slab = this.spare.pop() ?? Buffer.allocUnsafe(SLAB);
    this.len = 0;
    // A slab made larger for one long row is not kept.
    return this.push(b, slab.length === SLAB ? slab : undefined);
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((ok, fail) => {
      this.z.once('error', fail);
      this.z.end(() => ok());
    });
    // 'end' of the readable side: every deflated byte has been handed to 'data'.
    if (!this.z.readableEnded) await new Promise<void>((ok) => this.z.once('end', ok));
    const { data, trailer } = unframe(this.out);
    this.done(trailer.readUInt32LE(0), trailer.readUInt32LE(4), data);
  }
}

/** The raw deflate data inside gzip output pieces, and the 8-byte trailer (CRC-32, size mod 2^32). */
function unframe(pieces: Buffer[]): { data: Buffer[]; trailer: Buffer } {
  const total = pieces.reduce((n, b) => n + b.length, 0);
  if (total < 18) throw new Error('gzip output too short');
  const data: Buffer[] = [];
  const trailer = Buffer.alloc(8);
  let at = 0;
  for (const b of pieces) {
    const start = Math.max(0, 10 - at);
    const end = Math.min(b.length, total - 8 - at);
    if (end > start) data.push(b.subarray(start, end));
    // Trailer bytes in this piece.
    for (let k = Math.max(0, total - 8 - at); k < b.length; k++) trailer[at + k - (total - 8)] = b[k]!;
    at += b.length;
  }
  return { data, trailer };
}
