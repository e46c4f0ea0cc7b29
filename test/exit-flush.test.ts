// The CLI exits as soon as its output is written (bin/sitiv-ca.js): a reader slower than the writer still gets every byte.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBalance } from '../scripts/gen-balance.mjs';
import { BIN, ROOT, run } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with stdout on a pipe that is not read for `delayMs`, then drained to its end. */
function slowReader(args: string[], delayMs: number): Promise<{ code: number | null; bytes: Buffer }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const chunks: Buffer[] = [];
    // The listener first: a child's stdout without one is discarded by Node when the child exits.
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), delayMs);
    let code: number | null | undefined;
    let ended = false;
    const done = () => {
      if (ended && code !== undefined) ok({ code, bytes: Buffer.concat(chunks) });
    };
    child.stdout.on('end', () => {
      ended = true;
      done();
    });
    child.on('exit', (c) => {
      code = c;
      done();
    });
    child.on('error', fail);
  });
}

describe('output complete through a slow pipe', () => {
  it('compute --by entity writes every line (far more than a pipe buffer) before it exits', async () => {
    const file = join(dir, 'balance.csv');
    writeFileSync(file, (generateBalance({ lines: 50_000, seed: 7 }) as { text: string }).text);
    const toFile = join(dir, 'out.csv');
    expect(run(['compute', file, '--by', 'entity', '-o', toFile]).exitCode).toBe(0);
    const expected = readFileSync(toFile);
    // Twice a Linux pipe buffer (64 KiB) at least: the writer blocks while the reader sleeps.
    expect(expected.length).toBeGreaterThan(128 * 1024);
    const piped = await slowReader(['compute', file, '--by', 'entity'], 400);
    expect(piped.code).toBe(0);
    expect(piped.bytes.length).toBe(expected.length);
    expect(piped.bytes.equals(expected)).toBe(true);
  });

  it('compute on a folder: the tables arrive whole, and the exit code is kept', async () => {
    const piped = await slowReader(['compute', 'fixtures/sitiv-2018-2022'], 300);
    expect(piped.code).toBe(0);
    expect(piped.bytes.toString('utf8')).toBe(run(['compute', 'fixtures/sitiv-2018-2022']).stdout);
    const failing = await slowReader(['check', 'fixtures/sitiv-2022'], 100);
    expect(failing.code).toBe(1);
  });
});
