// The two-thread read of a large ledger CSV (read/csv-parallel.ts) gives what one thread gives: rows, figures, notices and errors, or it is not taken.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { FIRST_SHARE, parallelTaken } from '../src/read/csv-parallel.js';
import { readerFor } from '../src/read/formats.js';
import { planResolver } from '../src/read/reader.js';

// Needs dist/read/csv-fold-worker.js (npm run build): the worker runs tsc's copy, as in the product.
const ENV = 'SITIV_CA_LEDGER_PARALLEL_MIN_BYTES';
const dir = mkdtempSync(join(tmpdir(), 'sitiv-ledger-par-'));
const saved = process.env[ENV];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env[ENV];
  else process.env[ENV] = saved;
});

const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle';
/** Real M57 2022 flows, each with the spellings a spreadsheet leaves (a dropped zero is restored, with a notice). */
const COMBOS = [
  ['F,D,011,60611,reel', 'F,D,11,60611,reel'],
  ['F,D,011,6063,reel'],
  ['F,D,012,64111,reel', 'F,D,12,64111,reel'],
  ['F,R,013,6419,reel'],
  ['I,D,21,2183,reel', 'Investissement,Dépense,21,2183,Réel'],
  ['I,R,13,1321,reel'],
  ['F,D,042,6811,ordre'],
];

function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

/** Data lines of a seeded ledger: every line its own key (the operation is the line's number). */
function lines(n: number, seed: number, libelle = (i: number) => (i % 3 === 0 ? '' : `Ligne ${i % 50}`)): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const spellings = COMBOS[Math.floor(r() * COMBOS.length)]!;
    const key = spellings[Math.floor(r() * spellings.length)]!;
    const cents = Math.floor(r() * 2e9) - 2e8;
    out.push(`principal,2022,${key},${money(cents)},${money(Math.floor(r() * 1e5))},${String(i % 9).padStart(3, '0')},${i},${libelle(i)}`);
  }
  return out;
}

interface Read {
  rows?: unknown[];
  problems?: unknown[];
  notices: string[];
  taken: number;
}

async function read(file: string, parallel: boolean, budgets: string[] | undefined = ['principal']): Promise<Read> {
  process.env[ENV] = parallel ? '1' : '0';
  const before = parallelTaken.count;
  const notices: string[] = [];
  const reader = await readerFor(file);
  const planFor = planResolver('M57', new Map());
  const rows: unknown[] = [];
  const fold = budgets ? { budgets: new Set(budgets) } : {};
  const originalWrite = process.stderr.write.bind(process.stderr);
  // csvNotice writes the notices to stderr: captured to compare them.
  process.stderr.write = ((chunk: string | Uint8Array) => {
    notices.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    for await (const batch of reader(file, 'l.csv', planFor, { fold })) rows.push(...batch.map((row) => JSON.parse(JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)))));
    return { rows, notices, taken: parallelTaken.count - before };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { problems: e.problems, notices, taken: parallelTaken.count - before };
  } finally {
    process.stderr.write = originalWrite;
  }
}

let seq = 0;
function write(text: string): string {
  const file = join(dir, `l${seq++}.csv`);
  writeFileSync(file, text);
  return file;
}

/** Both reads; the parallel one must give exactly what the sequential one gives, and say whether it was taken. */
async function both(text: string, budgets?: string[]): Promise<{ par: Read; one: Read }> {
  const file = write(text);
  const one = await read(file, false, budgets);
  const par = await read(file, true, budgets);
  expect(one.taken).toBe(0);
  expect({ rows: par.rows, problems: par.problems, notices: par.notices }).toEqual({ rows: one.rows, problems: one.problems, notices: one.notices });
  return { par, one };
}

const ledger = (data: string[], eol = '\n') => [HEADER, ...data].join(eol) + eol;

describe('ledger CSV on two threads', () => {
  it('gives the rows, sums, first lines, libellés and notices of one thread on seeded ledgers (and is taken)', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { par, one } = await both(ledger(lines(3000 + seed * 500, seed)));
      expect(par.taken).toBe(1);
      expect(one.rows!.length).toBe(7);
      // The restorations of both halves are counted together.
      expect(one.notices.some((n) => n.includes('11'))).toBe(true);
    }
  });

  it('CRLF line ends, a BOM and title rows', async () => {
    const text = `Compte administratif 2022\r\n\r\n${ledger(lines(4000, 7), '\r\n')}`;
    const { par } = await both(`\ufeff${text}`);
    expect(par.taken).toBe(1);
    expect(par.notices.join('')).toMatch(/l\.csv/);
  });

  it('a libellé first given in the second half, crédits ouverts only there, blank rows and inch marks there', async () => {
    const header = `${HEADER},credits_ouverts`;
    const data = lines(4000, 8, (i) => (i < 3000 ? '' : i % 7 === 0 ? 'Ecran 24" bureau' : `Ligne ${i}`)).map((l, i) => `${l},${i > 3000 ? money(i) : ''}`);
    data.splice(3500, 0, ',,,,,,,,,,,,', '');
    const { par, one } = await both([header, ...data].join('\n') + '\n');
    expect(par.taken).toBe(1);
    const rows = one.rows as { libelle?: string; creditsOuverts?: string }[];
    expect(rows.every((r) => r.libelle?.startsWith('Ligne') || r.libelle?.startsWith('Ecran'))).toBe(true);
    expect(rows.some((r) => r.creditsOuverts !== undefined)).toBe(true);
    // Inch marks of the second half named at their lines (data line i is line i + 2).
    expect(one.notices.join('')).toMatch(/inch mark\?\) on lines 3005, 3012,/);
    expect(one.notices.join('')).toMatch(/1 blank row/);
  });

  it('a line repeated across the cut: not taken, the same message (both lines named)', async () => {
    const data = lines(4000, 9);
    data[3600] = data[100]!;
    const { par, one } = await both(ledger(data));
    expect(par.taken).toBe(0);
    expect(one.problems).toEqual([expect.objectContaining({ line: 3602, value: expect.any(String) })]);
    expect(JSON.stringify(one.problems)).toContain('102');
  });

  it('a bad amount in the second half: not taken, the same message at the right line', async () => {
    const data = lines(4000, 10);
    data[3700] = data[3700]!.replace(/,(-?\d+\.\d\d),/, ',12x4,');
    const { par, one } = await both(ledger(data));
    expect(par.taken).toBe(0);
    expect(one.problems).toEqual([expect.objectContaining({ line: 3702, value: '12x4' })]);
  });

  it('a quoted libellé with newlines across the cut: not taken, the same rows', async () => {
    // The cut is at the first newline after FIRST_SHARE of the bytes: a 4 KiB quoted field with a newline every 16 bytes around it.
    const data = lines(4000, 11);
    const quoted = `"${Array.from({ length: 256 }, (_, i) => `ligne ${String(i).padStart(8, '0')}`).join('\n')}"`;
    let text = '';
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(Buffer.byteLength(text || ledger(data)) * FIRST_SHARE);
      let bytes = HEADER.length + 1;
      let i = 0;
      while (bytes + data[i]!.length + 1 < at - 2000) bytes += data[i++]!.length + 1;
      const copy = [...data];
      copy[i] = copy[i]!.replace(/,[^,]*$/, `,${quoted}`);
      text = ledger(copy);
    }
    const { par, one } = await both(text);
    expect(par.taken).toBe(0);
    expect(one.problems).toBeUndefined();
  });

  it('a section total, a special chapter, another budget in the second half: not taken, the same rows', async () => {
    for (const extra of ['principal,2022,F,D,,,,100.00,0.00,,,Total', 'principal,2022,F,R,002,,,5.00,0.00,,,Report', 'annexe,2022,F,D,011,60611,reel,1.00,0.00,,9,Eau']) {
      const data = lines(4000, 12);
      data.splice(3800, 0, extra);
      const { par, one } = await both(ledger(data), extra.startsWith('annexe') ? ['principal'] : undefined);
      expect(par.taken).toBe(0);
      expect(one.problems).toBeUndefined();
    }
  });

  it('a special chapter in the first half only: taken, its row handed over as one thread does', async () => {
    const data = lines(4000, 13);
    data.splice(10, 0, 'principal,2022,F,R,002,,,5.00,0.00,,,Report');
    const { par, one } = await both(ledger(data));
    expect(par.taken).toBe(1);
    expect(one.problems).toBeUndefined();
    expect(one.rows!.length).toBe(8);
  });
});
