// Issue 11's error catalogue, DGFiP balances: a line over 1 MiB is one rejected line; an EXER that is not four digits is an error (exit code, FILE:LINE:COL, message, nothing written).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with the benchmark
import { generateBalance } from '../scripts/gen-balance.mjs';
import { tempDir } from './helpers/folder.js';
import { run } from './helpers/run.js';

const gen = generateBalance({ lines: 400, seed: 11 }) as { text: string; expected: Map<string, { lines: number }> };
const rows = gen.text.trimEnd().split('\n');

/** compute --by entity with -o; the input is never changed, and a refused run writes nothing. */
function byEntity(file: string, extra: string[] = []) {
  const before = readFileSync(file);
  const out = join(file, '..', 'out.csv');
  const r = run(['compute', file, '--by', 'entity', '-o', out, ...extra]);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(readFileSync(file).equals(before)).toBe(true);
  return { ...r, out, written: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

describe('a DGFiP line over 1 MiB', () => {
  it('is one rejected line named with its line number; the lines after it are read', () => {
    const d = tempDir();
    const file = join(d, 'long.csv');
    const k = 200; // rows[k] is on line k + 1
    const long = rows[k]!.replace(';COMMUNE', `;${'X'.repeat(1_200_000)}COMMUNE`);
    writeFileSync(file, [...rows.slice(0, k), long, ...rows.slice(k + 1)].join('\n') + '\n');
    const r = byEntity(file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`long.csv:${k + 1}: line longer than 1048576 bytes: rejected, the reading goes on at the next line`);
    expect(r.stderr).toContain('1 of 400 line(s) rejected');
    // Every entity is there, the last lines of the file included: the long line did not end the reading.
    const data = r.written!.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(data.length).toBe(1 + gen.expected.size);
    expect(r.written).toContain('# lines 400, rejected 1, entities');
    const ok = byEntity(file, ['--allow-rejects']);
    expect(ok.exitCode).toBe(0);
  });

  it('alone in the file: exit 2, nothing written', () => {
    const d = tempDir();
    const file = join(d, 'only.csv');
    writeFileSync(file, `${rows[0]}\n${'9'.repeat(2_000_000)}\n`);
    const r = byEntity(file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/only\.csv:2: line longer than 1048576 bytes/);
    expect(r.written).toBeUndefined();
  });
});

describe('a DGFiP EXER that is not four digits', () => {
  it('is an error naming file:line:EXER and the value; nothing written when no line is left', () => {
    const d = tempDir();
    const file = join(d, 'exer.csv');
    writeFileSync(file, [rows[0], ...rows.slice(1, 30).map((l) => l.replace(/^2024;/, '24;'))].join('\n') + '\n');
    const r = byEntity(file);
    expect(r.exitCode).toBe(2);
    // No line left: the refusal lists the problem once for the run of lines it covers.
    expect(r.stderr).toContain('exer.csv:2–30 (29 lines) (EXER): EXER is not a year of four digits: every line of this entity is rejected (value: "24")');
    expect(r.stderr).toContain('nothing written');
    expect(r.written).toBeUndefined();
  });

  it('among good entities: its lines rejected, each named, the other entities computed', () => {
    const d = tempDir();
    const file = join(d, 'mixed.csv');
    const first = rows[1]!.split(';').slice(0, 6).join(';');
    const bad = rows.map((l, i) => (i > 0 && l.startsWith(first) ? l.replace(/^2024;/, '2O24;') : l));
    const n = bad.filter((l) => l.startsWith('2O24;')).length;
    writeFileSync(file, bad.join('\n') + '\n');
    const r = byEntity(file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('mixed.csv:2:EXER: EXER is not a year of four digits');
    expect(r.stderr).toContain('(value: "2O24")');
    expect(r.stderr).toContain(`mixed.csv:${n + 1}:EXER:`);
    expect(r.stderr).toContain(`${n} of 400 line(s) rejected`);
  });
});
