// Reads a zip archive (an XLSX workbook) by its central directory: small entries whole, a large one as a stream of inflated chunks.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip, inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { crc32 } from './crc32.js';

const inflateRawAsync = promisify(inflateRaw);
/** A gzip member header (deflate, no name, unknown OS) put before an entry's deflate data. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** A zip that cannot be read: the caller names the file. */
export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record's comment is at most 64 KiB. */
const TAIL = 22 + 0xffff;

export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    private readonly path: string,
    readonly entries: Map<string, ZipEntry>,
    private readonly fileSize: number,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      const tailLen = Math.min(size, TAIL);
      const tail = Buffer.alloc(tailLen);
      await fh.read(tail, 0, tailLen, size - tailLen);
      let at = -1;
      for (let i = tailLen - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          at = i;
          break;
        }
      }
      if (at < 0) throw new ZipError('no zip end record (not a zip archive)');
      let count = tail.readUInt16LE(at + 10);
      let cdSize = tail.readUInt32LE(at + 12);
      let cdOffset = tail.readUInt32LE(at + 16);
      // Zip64: the 32-bit fields saturate and a locator before the end record points at the 64-bit one.
      if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
        const off = Number(tail.readBigUInt64LE(at - 12));
        const rec = Buffer.alloc(56);
        await fh.read(rec, 0, 56, off);
        if (rec.readUInt32LE(0) !== EOCD64) throw new ZipError('broken zip64 end record');
        count = Number(rec.readBigUInt64LE(32));
        cdSize = Number(rec.readBigUInt64LE(40));
        cdOffset = Number(rec.readBigUInt64LE(48));
      }
      if (cdOffset + cdSize > size) throw new ZipError('the central directory lies past the end of the file (truncated?)');
      const cd = Buffer.alloc(cdSize);
      await fh.read(cd, 0, cdSize, cdOffset);
      const entries = new Map<string, ZipEntry>();
      let p = 0;
      for (let k = 0; k < count; k++) {
        if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipError('broken central directory');
        const method = cd.readUInt16LE(p + 10);
        const crc = cd.readUInt32LE(p + 16);
        let compressedSize = cd.readUInt32LE(p + 20);
        let usize = cd.readUInt32LE(p + 24);
        const nameLen = cd.readUInt16LE(p + 28);
        const extraLen = cd.readUInt16LE(p + 30);
        const commentLen = cd.readUInt16LE(p + 32);
        let offset = cd.readUInt32LE(p + 42);
        if (p + 46 + nameLen + extraLen > cd.length) throw new ZipError('broken central directory');
        const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
        // Zip64 extra field (id 1): the saturated fields, in order.
        for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 1) {
            let q = e + 4;
            const next = () => {
              if (q + 8 > e + 4 + len) throw new ZipError('broken zip64 field');
              const v = Number(cd.readBigUInt64LE(q));
              q += 8;
              return v;
            };
            if (usize === 0xffffffff) usize = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (offset === 0xffffffff) offset = next();
          }
          e += 4 + len;
        }
        entries.set(name, { name, method, crc, compressedSize, size: usize, offset });
        p += 46 + nameLen + extraLen + commentLen;
      }
      return new ZipReader(fh, path, entries, size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /** Where an entry's compressed bytes start (after its local header, whose lengths may differ from the directory's). */
  private async dataStart(e: ZipEntry): Promise<number> {
    const h = Buffer.alloc(30);
    const { bytesRead } = await this.fh.read(h, 0, 30, e.offset);
    if (bytesRead < 30 || h.readUInt32LE(0) !== LOCAL) throw new ZipError(`broken local header of ${e.name}`);
    const start = e.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > this.fileSize) throw new ZipError(`${e.name} runs past the end of the file (truncated?)`);
    if (e.method !== 0 && e.method !== 8) throw new ZipError(`${e.name} uses compression method ${e.method} (only stored and deflate are read)`);
    return start;
  }

  /** An entry whole, its checksum verified. */
  async read(name: string): Promise<Buffer> {
    const e = this.entries.get(name);
    if (!e) throw new ZipError(`no ${name} in the archive`);
    const start = await this.dataStart(e);
    const raw = Buffer.alloc(e.compressedSize);
    await this.fh.read(raw, 0, e.compressedSize, start);
    let out: Buffer;
    try {
      // The size the directory gives bounds the output: a damaged or hostile entry cannot inflate past it.
      out = e.method === 0 ? raw : await inflateRawAsync(raw, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch (err) {
      throw new ZipError(`${name}: ${(err as Error).message}`);
    }
    if (out.length !== e.size || crc32(out) !== e.crc) throw new ZipError(`${name}: checksum or size mismatch (damaged archive)`);
    return out;
  }

  /** An entry as inflated chunks, its size and checksum verified at the end; for the large sheet. */
  async *stream(name: string): AsyncGenerator<Buffer> {
    const e = this.entries.get(name);
    if (!e) throw new ZipError(`no ${name} in the archive`);
    const start = await this.dataStart(e);
    if (e.compressedSize === 0) {
      if (e.size !== 0) throw new ZipError(`${name}: checksum or size mismatch (damaged archive)`);
      return;
    }
    const src = createReadStream(this.path, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 18 });
    if (e.method === 0) {
      let crc = 0;
      let size = 0;
      try {
        for await (const chunk of src as AsyncIterable<Buffer>) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      } catch (err) {
        throw new ZipError(`${name}: ${(err as Error).message}`);
      } finally {
        src.destroy();
      }
      if (size !== e.size || crc !== e.crc) throw new ZipError(`${name}: checksum or size mismatch (damaged archive)`);
      return;
    }
    // The deflate data framed as gzip, with the directory's CRC-32 and size as its trailer: zlib checks them on its
    // own thread as it inflates, and fails the stream when they differ.
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(e.crc >>> 0, 0);
    trailer.writeUInt32LE(e.size % 2 ** 32, 4);
    const framed = Readable.from(
      (async function* () {
        yield GZIP_HEADER;
        for await (const chunk of src as AsyncIterable<Buffer>) yield chunk;
        yield trailer;
      })(),
    );
    const stream = framed.pipe(createGunzip({ chunkSize: 1 << 18 }));
    framed.on('error', (err) => stream.destroy(err));
    let size = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        yield chunk;
      }
    } catch (err) {
      throw new ZipError(`${name}: ${(err as Error).message} (damaged archive)`);
    } finally {
      src.destroy();
      framed.destroy();
      stream.destroy();
    }
    if (size !== e.size) throw new ZipError(`${name}: checksum or size mismatch (damaged archive)`);
  }
}
