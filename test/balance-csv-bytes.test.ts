// The byte writer of the per-entity CSV (src/render/balance-csv-bytes.ts) against the text it replaces: csvField, centsToString, String, joined by commas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceCsvRows } from '../src/render/balance-csv-bytes.js';
import type { BalanceLayout, EntityResult } from '../src/render/balance.js';
import { centsToString } from '../src/money/cents.js';
import { csvField } from '../src/render/csv.js';

type Value = string | number | bigint | null;

/** The text writer this one replaced (balance.ts before it), value by value. */
function reference(lines: Value[][], plain: boolean[], cents: boolean[]): string {
  let out = '';
  for (const values of lines) {
    out +=
      values
        .map((v, i) => {
          if (v === null) return '';
          if (cents[i]) return centsToString(v as number | bigint);
          if (typeof v === 'string') return plain[i] ? v : csvField(v);
          return String(v);
        })
        .join(',') + '\n';
  }
  return out;
}

/** The rows go in as results whose `values` are the lines themselves (the layout's only job here). */
function written(lines: Value[][], plain: boolean[], cents: boolean[]): { text: string; pieces: number[] } {
  const layout: BalanceLayout = { fields: plain.map((_, i) => `c${i}`), plain, cents, values: (r) => (r as unknown as { v: Value[] }).v };
  const pieces = [...balanceCsvRows(lines.map((v) => ({ v }) as unknown as EntityResult), layout)];
  return { text: Buffer.concat(pieces).toString('utf8'), pieces: pieces.map((p) => p.length) };
}

const SAFE = Number.MAX_SAFE_INTEGER;

describe('the per-entity CSV written as bytes', () => {
  it('gives the text writer’s bytes for any mix of texts, integers and cents', () => {
    // Texts: quotes, commas, newlines, formula starts, accents, emoji (surrogate pairs), few distinct values (the memo) and many.
    const text = fc.oneof(
      fc.constantFrom('', 'Commune', 'SYND, "X"', '=SUM(A1)', '+33', '-5 chemin', '@home', '\ttab', 'CÔTE-D’OR', 'épargne brute ≤ 0', 'a\nb', '😀 fête'),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ maxLength: 12 }),
    );
    const cell = (kind: number): fc.Arbitrary<Value> =>
      kind === 0
        ? fc.option(text, { nil: null })
        : kind === 1
          ? fc.oneof(fc.integer({ min: 0, max: SAFE }), fc.integer({ min: -1000, max: -1 }), fc.constantFrom(0.5, -0, 1e21))
          : fc.option(fc.oneof(fc.integer({ min: -SAFE, max: SAFE }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 12 }).chain((kinds) =>
          fc.tuple(fc.constant(kinds), fc.array(fc.tuple(...kinds.map(cell)), { maxLength: 40 }), fc.array(fc.boolean(), { minLength: kinds.length, maxLength: kinds.length })),
        ),
        ([kinds, lines, plainTexts]) => {
          const cents = kinds.map((k) => k === 2);
          // A plain text column is one the layout vouches for (a decimal): here any text, written as it is.
          const plain = kinds.map((k, i) => k === 2 || (k === 0 && plainTexts[i]!));
          expect(written(lines, plain, cents).text).toBe(reference(lines, plain, cents));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a column’s repeated texts and writes past its table the ones it no longer keeps', () => {
    // 600 distinct labels (more than the 256 a column keeps), each twice, and one reason on every line.
    const lines: Value[][] = [];
    for (let i = 0; i < 1200; i++) lines.push([`BUDGET "${i % 600}", ÉTÉ`, 'épargne brute ≤ 0 (négative)', i, 123456789 - i]);
    const plain = [false, false, false, true];
    const cents = [false, false, false, true];
    const { text } = written(lines, plain, cents);
    expect(text).toBe(reference(lines, plain, cents));
    expect(text.split('\n')[1]).toBe('"BUDGET ""1"", ÉTÉ",épargne brute ≤ 0 (négative),1,1234567.88');
  });

  it('hands on pieces of about 64 KiB, and a text longer than a piece whole', () => {
    const big = 'x'.repeat(300_000) + 'é';
    const lines: Value[][] = [];
    for (let i = 0; i < 3000; i++) lines.push([i === 1500 ? big : `entity ${i}`, i, -i * 101]);
    const plain = [false, false, true];
    const cents = [false, false, true];
    const { text, pieces } = written(lines, plain, cents);
    expect(text).toBe(reference(lines, plain, cents));
    expect(pieces.length).toBeGreaterThan(2);
    expect(Math.max(...pieces)).toBeGreaterThan(300_000);
    // Every piece but the big one and the last stops within a line of 64 KiB.
    expect(pieces.filter((n) => n < 1 << 16).length).toBeLessThanOrEqual(2);
  });
});
