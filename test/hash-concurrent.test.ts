// sha256Concurrent: the worker path (files of 32 MiB and more) gives the hash of the file's bytes, started late or at once.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Concurrent } from '../src/read/dgfip/hash.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sha256Concurrent', () => {
  // 33 MiB of a pattern that is not periodic over the worker's 64 KiB reads, so that a lost or repeated read shows.
  const bytes = Buffer.alloc((33 << 20) + 12345);
  let x = 2026;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const file = join(dir, 'big.bin');
  writeFileSync(file, bytes);
  const expected = createHash('sha256').update(bytes).digest('hex');

  it('hashes a large file on the worker, after its default delay', async () => {
    expect(await sha256Concurrent(file, bytes.length)).toBe(expected);
  });

  it('hashes it at once with no delay', async () => {
    expect(await sha256Concurrent(file, bytes.length, 0)).toBe(expected);
  });

  it('hashes a small file in place', async () => {
    const small = join(dir, 'small.bin');
    writeFileSync(small, bytes.subarray(0, 1000));
    expect(await sha256Concurrent(small, 1000)).toBe(createHash('sha256').update(bytes.subarray(0, 1000)).digest('hex'));
  });

  it('rejects when the file is missing', async () => {
    await expect(sha256Concurrent(join(dir, 'none.bin'), 40 << 20)).rejects.toThrow();
  });
});
