// Tells an SCDL budget CSV by its first bytes, so the .csv reader can hand it over without loading anything heavy.
import { open } from 'node:fs/promises';
import { isScdlHeader } from './columns.js';

/** Reads at most 4 KiB: the header line of an SCDL file is about 330 bytes. False when the file cannot be read. */
export async function isScdlFile(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1');
    const nl = head.indexOf('\n');
    return isScdlHeader(nl < 0 ? head : head.slice(0, nl));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}
