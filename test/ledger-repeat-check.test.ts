// The repeated-line check of folded ledgers (read/csv-ledger.ts): a Bloom filter, then an exact second pass for its candidates, or exact from the start when the bytes cannot be read twice; same messages either way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { fileChunks } from '../src/read/csv-records.js';
import { readLedgerCsv } from '../src/read/csv-ledger.js';
import { BloomCheck } from '../src/read/repeat-check.js';

const plan = resolvePlan('M57', 2022);
const dir = mkdtempSync(join(tmpdir(), 'sitiv-repeat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation';

/** `n` lines of one combination (60611 in 011), line i carrying i cents and operation OPi: all distinct keys. */
function ledger(n: number, extra: string[] = []): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(`principal,2022,F,D,011,60611,reel,${Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')},,020,OP${i}`);
  const file = join(dir, `l${n}-${extra.length}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, [...lines, ...extra].join('\n') + '\n');
  return file;
}

async function read(file: string, once = false): Promise<LedgerRow[] | string[]> {
  const rows: LedgerRow[] = [];
  try {
    const chunks = once ? { chunks: fileChunks(file) } : {};
    for await (const b of readLedgerCsv(file, { planFor: () => plan, fold: {}, notice: () => {}, ...chunks })) rows.push(...b);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    throw e;
  }
  return rows;
}

describe('repeated-line check in memory by keys', () => {
  it('50 000 distinct keys of one combination: no problem, one row, Σ i cents = 50 000 × 49 999 / 2', async () => {
    for (const once of [false, true]) {
      const rows = (await read(ledger(50_000), once)) as LedgerRow[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.realise).toBe(1_249_975_000n);
      expect(rows[0]!.line).toBe(2);
    }
  });

  it('a line repeated 30 000 lines later is found, naming the first line, in both passes and read once', async () => {
    const file = ledger(30_000, ['principal,2022,F,D,011,60611,reel,1.23,,020,OP123']);
    const expected = ['30002:5 (chapitre): line repeats the key of line 125 (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)'];
    expect(await read(file)).toEqual(expected);
    expect(await read(file, true)).toEqual(expected);
  });

  it('a repeat across the filter\'s sweeps is found (first line 7, repeat after 200 000 lines)', async () => {
    const file = ledger(200_000, ['principal,2022,F,D,011,60611,reel,4.56,,020,OP5']);
    const expected = ['200002:5 (chapitre): line repeats the key of line 7 (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)'];
    expect(await read(file)).toEqual(expected);
  });

  it('the filter keeps every repeated fingerprint as a candidate, across its sweeps, and almost no other (300 000 keys)', () => {
    let s = 0x2545f491;
    const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) | 0);
    const keys = Array.from({ length: 300_000 }, () => [next(), next()] as const);
    const bloom = new BloomCheck();
    for (const [h1, h2] of keys) bloom.add(h1, h2);
    // The first key and the middle one were probed in earlier sweeps (one when a bucket is full, about every 200 000
    // keys, and an early one), the last one not yet.
    expect(bloom.sweeps).toBeGreaterThanOrEqual(2);
    const repeated = [keys[0]!, keys[150_000]!, keys[299_998]!, keys[299_999]!];
    for (const [h1, h2] of repeated) bloom.add(h1, h2);
    bloom.finish();
    for (const [h1, h2] of repeated) expect(bloom.isCandidate(h1, h2)).toBe(true);
    // A false candidate costs a second pass: at 300 000 keys in 8 MiB, fewer than one in 10⁶ keys.
    expect(bloom.candidates.count).toBeLessThanOrEqual(repeated.length + 1);
  });

  it('another spelling of the same key is a repeat too (11 for 011, Réel for reel, spaces)', async () => {
    const file = ledger(10, ['principal,2022,F,D,11,60611,Réel,9.99,, 020 ,OP3']);
    const expected = ['12:5 (chapitre): line repeats the key of line 5 (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)'];
    expect(await read(file)).toEqual(expected);
    expect(await read(file, true)).toEqual(expected);
  });

  it('the same operation under another fonction or combination is no repeat', async () => {
    const file = ledger(10, ['principal,2022,F,D,011,60611,reel,1.00,,021,OP3', 'principal,2022,F,D,011,6063,reel,2.00,,020,OP3']);
    const rows = (await read(file)) as LedgerRow[];
    expect(rows.map((r) => [r.compte, r.realise])).toEqual([
      ['60611', 45n + 100n],
      ['6063', 200n],
    ]);
  });
});
