// A folding read checks UTF-8 as it reads (read/ledger-source.ts): a Windows-1252 byte far into the file, after the first megabyte, still gives the rows of the file decoded whole.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readerFor } from '../src/read/formats.js';
import { planResolver } from '../src/read/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-utf8-late-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle';

/** 30 000 lines (about 2 MB), line `at` with a libellé of its own; all of one combination but the first. */
function lines(at: number, label: string): string[] {
  const out = [HEADER];
  for (let i = 0; i < 30_000; i++) out.push(`principal,2022,F,D,011,${i === 0 ? '6063' : '60611'},reel,${i}.${String(i % 100).padStart(2, '0')},,020,OP${i},${i === at ? label : ''}`);
  return out;
}

async function rows(file: string, fold: boolean): Promise<unknown[]> {
  const reader = await readerFor(file);
  const out: unknown[] = [];
  const planFor = planResolver('M57', new Map());
  const options = fold ? { fold: {} } : { handOver: (b: unknown[]) => out.push(...b) };
  for await (const batch of reader(file, 'l.csv', planFor, options)) out.push(...batch);
  return out.map((r) => JSON.stringify(r, (k, v) => (k === 'file' ? undefined : typeof v === 'bigint' ? `${v}n` : v)));
}

describe('UTF-8 checked as read', () => {
  it('a Windows-1252 é on line 25 001: the folded rows of the file decoded whole (the first libellé of each combination), as the checked-first read gives', async () => {
    const text = lines(25_000, 'Entretien école').join('\n') + '\n';
    const latin = join(dir, 'latin.csv');
    // "é" as the single byte 0xE9, far past the first megabyte.
    writeFileSync(latin, Buffer.from(text, 'latin1'));
    expect(Buffer.from(text, 'latin1').indexOf(0xe9)).toBeGreaterThan(1 << 20);
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, text);
    const folded = await rows(latin, true);
    expect(folded).toEqual(await rows(utf8, true));
    expect(folded).toHaveLength(2);
    expect(String(folded[1])).toContain('"libelle":"Entretien école"');
    // Σ i cents over lines 1..29 999 for 60611 (i.(i mod 100) is 100 i + i mod 100 cents).
    let cents = 0n;
    for (let i = 1; i < 30_000; i++) cents += BigInt(100 * i + (i % 100));
    expect(String(folded[1])).toContain(`"realise":"${cents}n"`);
  });
});
