// Two threads give the same bytes as one: entities split across the halves merge, rejected lines keep their line numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with the benchmark
import { generateBalance } from '../scripts/gen-balance.mjs';
import { run } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-dgfip-par-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compute --by entity on two threads', () => {
  it('prints exactly what one thread prints, rejects and line numbers included', () => {
    const gen = generateBalance({ lines: 20_000, seed: 31 }) as { text: string };
    const rows = gen.text.trimEnd().split('\n');
    // One bad line in each half, and the middle entity cut in two by the split.
    rows[2_000] = rows[2_000]!.replace(/;[^;]*$/, ';x1');
    rows[17_000] = rows[17_000]!.split(';').slice(0, 20).join(';');
    const file = join(dir, 'par.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const one = run(['compute', file, '--by', 'entity', '--format', 'jsonl'], { env: { SITIV_CA_PARALLEL_MIN_BYTES: '0' } });
    const two = run(['compute', file, '--by', 'entity', '--format', 'jsonl'], { env: { SITIV_CA_PARALLEL_MIN_BYTES: '1' } });
    expect(one.exitCode).toBe(2);
    expect(two.exitCode).toBe(2);
    expect(one.stderr).toContain('par.csv:2001:SC: not an amount (value: "x1")');
    expect(one.stderr).toContain('par.csv:17001:BECRE: missing column');
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout.split('\n')[0]!).summary).toMatchObject({ lines: 20_000, rejectedLines: 2 });
  });
});
