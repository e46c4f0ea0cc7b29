// A byte sink for large outputs: lines are encoded as they are made into 1 MiB slabs, so no array of strings nor one giant string is held.

const SLAB = 1 << 20;

export class ByteSink {
  private readonly slabs: Buffer[] = [];
  private cur = Buffer.allocUnsafe(SLAB);
  private len = 0;
  private total = 0;

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a longer text gets a slab of its own size.
    if (this.len + text.length * 3 > this.cur.length) {
      this.slabs.push(this.cur.subarray(0, this.len));
      this.cur = Buffer.allocUnsafe(Math.max(SLAB, text.length * 3));
      this.len = 0;
    }
    const n = this.cur.write(text, this.len, 'utf8');
    this.len += n;
    this.total += n;
  }

  /** Bytes already encoded (copied: the caller may reuse its buffer). */
  append(bytes: Uint8Array): void {
    if (this.len + bytes.length > this.cur.length) {
      this.slabs.push(this.cur.subarray(0, this.len));
      this.cur = Buffer.allocUnsafe(Math.max(SLAB, bytes.length));
      this.len = 0;
    }
    this.cur.set(bytes, this.len);
    this.len += bytes.length;
    this.total += bytes.length;
  }

  /** Everything written, as 1 MiB slabs (stdout takes them one by one, no second copy of the output). */
  slices(): Buffer[] {
    return [...this.slabs, this.cur.subarray(0, this.len)];
  }

  /** Everything written, as one buffer (a file is written whole, atomically). */
  bytes(): Buffer {
    return Buffer.concat(this.slices(), this.total);
  }
}
