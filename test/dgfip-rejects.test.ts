// Broken DGFiP lines: named by line and column, counted, tied to their entity, and the other entities keep their results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B } from '../src/model/balance.js';
import { classifyAccount } from '../src/compute/balance/classify.js';
import { readBalance as readWith } from '../src/read/dgfip/reader.js';
// @ts-expect-error plain ESM script shared with the benchmark
import { generateBalance } from '../scripts/gen-balance.mjs';
import { run } from './helpers/run.js';

/** The byte reader with the product's classifier, as the commands call it. */
const readBalance = (file: string) => readWith(file, { classify: classifyAccount });

interface Expected { lines: number; FD: bigint; FR: bigint; ID: bigint; IR: bigint }

const dir = mkdtempSync(join(tmpdir(), 'sitiv-dgfip-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gen = generateBalance({ lines: 3000, seed: 21 }) as { text: string; expected: Map<string, Expected> };
const rows = gen.text.trimEnd().split('\n');
// File lines are 1-based with the header on line 1, so rows[k] sits on line k + 1.
const keyOf = (row: string) => {
  const f = row.split(';');
  return `${f[0]}|${f[1]}|${f[5]}`;
};
const BAD = { missing: 120, letters: 700, sign: 1500, cents: 2200 };
const broken = [...rows];
broken[BAD.missing] = rows[BAD.missing]!.split(';').slice(0, 27).join(';'); // SD and SC gone
broken[BAD.letters] = rows[BAD.letters]!.split(';').map((v, i) => (i === 21 ? '12a4.50' : v)).join(';'); // OBNETDEB
broken[BAD.sign] = rows[BAD.sign]!.split(';').map((v, i) => (i === 26 ? '-' : v)).join(';'); // OOBCRE
broken[BAD.cents] = rows[BAD.cents]!.split(';').map((v, i) => (i === 28 ? '10.505' : v)).join(';'); // SC
const badKeys = new Set(Object.values(BAD).map((k) => keyOf(rows[k]!)));
const file = join(dir, 'broken.csv');

beforeAll(() => writeFileSync(file, broken.join('\n') + '\n'));

describe('DGFiP balance with broken lines', () => {
  it('names each rejected line with its line and column, and counts them', () => {
    const read = readBalance(file);
    expect(read.rejectedCount).toBe(4);
    expect(read.lines).toBe(3000);
    const byLine = new Map(read.rejected.map((p) => [p.line, p]));
    expect(byLine.get(BAD.missing + 1)).toMatchObject({ column: 'SD', message: expect.stringContaining('missing column') });
    expect(byLine.get(BAD.letters + 1)).toMatchObject({ column: 'OBNETDEB', value: '12a4.50' });
    expect(byLine.get(BAD.sign + 1)).toMatchObject({ column: 'OOBCRE', value: '-' });
    expect(byLine.get(BAD.cents + 1)).toMatchObject({ column: 'SC', value: '10.505' });
    expect(read.unattributed).toBe(0);
  });

  it('keeps the exact results of every entity untouched by a broken line, and flags the others', () => {
    const read = readBalance(file);
    let untouched = 0;
    for (const e of read.entities) {
      const exp = gen.expected.get(e.key)!;
      if (badKeys.has(e.key)) {
        expect(e.rejected).toBeGreaterThan(0);
        expect(e.lines + e.rejected).toBe(exp.lines);
        continue;
      }
      untouched++;
      expect(e.rejected).toBe(0);
      expect(e.sums.total(B.FD_REEL) + e.sums.total(B.FD_ORDRE)).toBe(exp.FD);
      expect(e.sums.total(B.IR_REEL) + e.sums.total(B.IR_ORDRE)).toBe(exp.IR);
    }
    expect(untouched).toBe(gen.expected.size - badKeys.size);
  });

  it('prints the results, lists the rejects on stderr and exits 2; --allow-rejects exits 0', () => {
    const r = run(['compute', file, '--by', 'entity']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`broken.csv:${BAD.letters + 1}:OBNETDEB: not an amount (value: "12a4.50")`);
    expect(r.stderr).toContain('4 of 3000 line(s) rejected');
    const dataLines = r.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(dataLines.length).toBe(1 + gen.expected.size);
    expect(r.stdout).toContain('# lines 3000, rejected 4');
    const ok = run(['compute', file, '--by', 'entity', '--allow-rejects', '--format', 'jsonl']);
    expect(ok.exitCode).toBe(0);
    const [meta, ...entities] = ok.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(meta.summary).toEqual({ lines: 3000, rejectedLines: 4, unattributedRejectedLines: 0, entities: gen.expected.size });
    expect(entities.filter((e: { rejectedLines: number }) => e.rejectedLines > 0).length).toBe(badKeys.size);
  });

  it('refuses a file where no line is usable, writing nothing', () => {
    const bad = join(dir, 'nothing.csv');
    writeFileSync(bad, `${rows[0]}\n${broken[BAD.letters]}\n`);
    const r = run(['compute', bad, '--by', 'entity']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(':2:OBNETDEB');
  });

  it('refuses a header without the balance columns', () => {
    const bad = join(dir, 'notbalance.csv');
    writeFileSync(bad, 'budget;exercice;section\nprincipal;2022;F\n');
    const r = run(['compute', bad, '--by', 'entity']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not a DGFiP balance: the header lacks EXER');
  });
});
