// The DGFiP balance reader against generated files whose per-entity results are known by construction (BigInt, in the generator).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { B } from '../src/model/balance.js';
import { classifyAccount } from '../src/compute/balance/classify.js';
import { readBalance as readWith } from '../src/read/dgfip/reader.js';
import type { BalanceRead } from '../src/model/balance.js';
import { centsToString } from '../src/money/cents.js';
import { run } from './helpers/run.js';
// @ts-expect-error plain ESM script shared with the benchmark
import { COLUMNS, generateBalance, prng } from '../scripts/gen-balance.mjs';

/** The byte reader with the product's classifier, as the commands call it. */
const readBalance = (file: string) => readWith(file, { classify: classifyAccount });

interface Expected {
  lines: number;
  FR: bigint; FD: bigint; IR: bigint; ID: bigint;
  FRreel: bigint; FDreel: bigint; interets: bigint; capital: bigint; emprunts: bigint; cessions: bigint;
  encoursDebut: bigint; encours: bigint;
}

const dir = mkdtempSync(join(tmpdir(), 'sitiv-dgfip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text, 'latin1');
  return p;
}

function totalsOf(read: BalanceRead): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const e of read.entities) {
    const t = (i: number) => e.sums.total(i);
    out.set(e.key, {
      lines: e.lines,
      FR: t(B.FR_REEL) + t(B.FR_ORDRE),
      FD: t(B.FD_REEL) + t(B.FD_ORDRE),
      IR: t(B.IR_REEL) + t(B.IR_ORDRE),
      ID: t(B.ID_REEL) + t(B.ID_ORDRE),
      FRreel: t(B.FR_REEL),
      FDreel: t(B.FD_REEL),
      interets: t(B.INTERETS),
      capital: t(B.CAPITAL),
      emprunts: t(B.EMPRUNTS),
      cessions: t(B.CESSIONS),
      encoursDebut: t(B.ENCOURS_DEBUT),
      encours: t(B.ENCOURS_FIN),
    });
  }
  return out;
}

describe('DGFiP balance: results known by construction', () => {
  const gen = generateBalance({ lines: 50_000, seed: 7 }) as { text: string; expected: Map<string, Expected> };

  it('gives every entity of a 50 000-line file its exact sums', () => {
    const read = readBalance(write('b50k.csv', gen.text));
    expect(read.lines).toBe(50_000);
    expect(read.header).toBe(true);
    expect(read.rejectedCount).toBe(0);
    expect(read.entities.length).toBe(gen.expected.size);
    expect(read.entities.length).toBeGreaterThan(200);
    expect(totalsOf(read)).toEqual(gen.expected);
    // The plan classified the accounts (M57 and M57A entities both present).
    expect(new Set(read.entities.map((e) => e.plan))).toEqual(new Set(['M57-M57_D-2024', 'M57-M57_A-2024']));
  });

  it('prints, per entity, the results the generator worked out (compute --by entity, JSON lines)', () => {
    const file = write('b50k-cli.csv', gen.text);
    const r = run(['compute', file, '--by', 'entity', '--format', 'jsonl']);
    expect(r.exitCode).toBe(0);
    const [, ...rows] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(gen.expected.size);
    const a = centsToString;
    for (const row of rows) {
      const x = gen.expected.get(`${row.exer}|${row.ident}|${row.cbudg}`)!;
      const eb = x.FRreel - x.FDreel;
      expect(row).toMatchObject({
        lines: x.lines,
        fonctionnementSolde: a(x.FR - x.FD),
        investissementSolde: a(x.IR - x.ID),
        epargneBrute: a(eb),
        epargneGestion: a(eb + x.interets),
        epargneNette: a(eb - x.capital),
        encours: a(x.encours),
        encoursDebut: a(x.encoursDebut),
        cessions: a(x.cessions),
      });
      expect(row.capaciteDesendettement === null).toBe(eb <= 0n);
    }
  });

  it('reads decimal commas, mixed marks, CRLF and a file without header alike', () => {
    const small = generateBalance({ lines: 6000, seed: 11, decimal: 'mixed' }) as { text: string; expected: Map<string, Expected> };
    const crlf = small.text.replace(/\n/g, '\r\n');
    expect(totalsOf(readBalance(write('mixed.csv', small.text)))).toEqual(small.expected);
    expect(totalsOf(readBalance(write('crlf.csv', crlf)))).toEqual(small.expected);
    const noHeader = readBalance(write('nohead.csv', small.text.slice(small.text.indexOf('\n') + 1)));
    expect(noHeader.header).toBe(false);
    expect(totalsOf(noHeader)).toEqual(small.expected);
    // No final newline: the last line still counts.
    expect(totalsOf(readBalance(write('nofinal.csv', small.text.slice(0, -1))))).toEqual(small.expected);
  });

  it('gives the same sums when the lines are not sorted by entity', () => {
    const small = generateBalance({ lines: 5000, seed: 5 }) as { text: string; expected: Map<string, Expected> };
    const [head, ...rows] = small.text.trimEnd().split('\n');
    const rand = prng(99) as () => number;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const read = readBalance(write('shuffled.csv', [head, ...rows].join('\n') + '\n'));
    expect(totalsOf(read)).toEqual(small.expected);
  });

  it('maps the columns by header name when the order differs', () => {
    const small = generateBalance({ lines: 3000, seed: 3 }) as { text: string; expected: Map<string, Expected> };
    const lines = small.text.trimEnd().split('\n').map((l) => l.split(';'));
    // Move COMPTE to the front and SC before SD: the reader must follow the header.
    const order = [18, ...COLUMNS.map((_: string, i: number) => i).filter((i: number) => i !== 18 && i !== 27 && i !== 28), 28, 27];
    const text = lines.map((f) => order.map((i) => f[i]).join(';')).join('\n') + '\n';
    expect(totalsOf(readBalance(write('reordered.csv', text)))).toEqual(small.expected);
  });

  it('crosses 1 MiB read boundaries without losing a line (≈ 7 MiB file)', () => {
    const mid = generateBalance({ lines: 50_000, seed: 13, decimal: ',' }) as { text: string; expected: Map<string, Expected> };
    expect(mid.text.length).toBeGreaterThan(3 << 20);
    const read = readBalance(write('mid.csv', mid.text));
    expect(read.lines).toBe(50_000);
    expect(totalsOf(read)).toEqual(mid.expected);
  });
});

describe('DGFiP balance: exactness beyond 2^53 cents', () => {
  it('sums amounts of 10^15 cents and more through BigInt, to the cent', () => {
    const head = COLUMNS.join(';');
    const pre = '2024;21560078600015;056;COMMUNE DE TEST;078;1;101;00;M57;215600786;053;;;;;Commune;DEF;;';
    // 60611: real dépense de fonctionnement, 40 lines of 12 345 678 901 234 567.89 € (far past 2^53 cents once summed).
    const big = '1234567890123456789';
    const rows = Array.from({ length: 40 }, () => `${pre}60611;0;0;${big.slice(0, -2)}.${big.slice(-2)};0;0;0;0;0;0;0`);
    // and a few ordinary lines in between, on the fast path.
    rows.push(`${pre}60612;0;0;9007199254740.99;0;0;0;0;0;0;0`, `${pre}60612;0;0;9007199254740.99;0;0;0;0;0;0;0`);
    const read = readBalance(write('big.csv', [head, ...rows].join('\n') + '\n'));
    expect(read.rejectedCount).toBe(0);
    const e = read.entities[0]!;
    expect(e.sums.total(B.FD_REEL)).toBe(40n * BigInt(big) + 2n * 900719925474099n);
  });
});

describe('DGFiP balance: the entity prefix compared eight bytes at a time', () => {
  it('tells apart two entities whose key bytes differ only as +0 and -0 do in a double (zero bytes, then 0x00 or 0x80)', () => {
    // Bytes 8-15 of the line are IDENT's 4th to 11th: seven zero bytes, then 0x00 for A and 0x80 for B. As doubles
    // the two words are +0 and -0, which compare equal: a prefix holding a zero byte must not be compared that way.
    const line = (ident: string, compte: string, sd: string) => {
      const f: Record<string, string> = Object.fromEntries(COLUMNS.map((c: string) => [c, '']));
      Object.assign(f, { EXER: '2024', IDENT: ident, CBUDG: '1', NOMEN: 'M57', LBUDG: 'X', BAL: 'DEF', COMPTE: compte, BEDEB: '0', BECRE: '0', OBNETDEB: sd, OBNETCRE: '0', ONBDEB: '0', ONBCRE: '0', OOBDEB: '0', OOBCRE: '0', SD: sd, SC: '0' });
      return COLUMNS.map((c: string) => f[c]).join(';');
    };
    const a = `ABC${'\u0000'.repeat(8)}`;
    const b = `ABC${'\u0000'.repeat(7)}\u0080`;
    const file = write('zero-bytes.csv', `${COLUMNS.join(';')}\n${line(a, '60611', '1.00')}\n${line(a, '60612', '2.00')}\n${line(b, '60611', '4.00')}\n`);
    const read = readBalance(file);
    expect(read.rejectedCount).toBe(0);
    expect(read.entities.map((e) => [e.lines, centsToString(e.sums.total(B.FD_REEL))])).toEqual([
      [2, '3.00'],
      [1, '4.00'],
    ]);
  });
});
