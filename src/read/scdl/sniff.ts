// Tells an SCDL budget CSV by its first bytes, so the .csv reader can hand it over without loading anything heavy.
import { closeSync, openSync, readSync } from 'node:fs';
import { isScdlHeader } from './columns.js';

/** Reads at most 4 KiB: the header line of an SCDL file is about 330 bytes. False when the file cannot be read. */
export async function isScdlFile(path: string): Promise<boolean> {
  let fd: number | undefined;
  try {
    // Synchronous: 4 KiB do not repay three thread-pool round trips.
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const bytesRead = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1');
    const nl = head.indexOf('\n');
    return isScdlHeader(nl < 0 ? head : head.slice(0, nl));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
