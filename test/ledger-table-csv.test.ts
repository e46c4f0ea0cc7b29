// convert's CSV writer of the column table writes, byte for byte, what the row writer (renderLedgerCsv) writes of the same rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../src/model/ledger.js';
import { LedgerTable } from '../src/model/ledger-table.js';
import { OUT_DIALECTS, renderLedgerCsv } from '../src/read/dialect/write-csv.js';
import { renderLedgerTableCsv } from '../src/render/ledger-table-csv.js';

/** Cents around every boundary of the writer: small, past 2^31 euros, past 2^53 (held as BigInt). */
const cents = fc.oneof(
  fc.bigInt({ min: -100_000n, max: 100_000n }),
  fc.bigInt({ min: -(2n ** 31n) * 100n - 5n, max: 2n ** 31n * 100n + 5n }),
  fc.constantFrom(0n, -1n, 99n, -100n, 2n ** 31n * 100n - 1n, -(2n ** 31n * 100n) + 1n, 2n ** 31n * 100n, 2n ** 53n - 1n, 2n ** 53n + 7n, -(2n ** 60n)),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
);

const row = fc.record({
  budget: fc.constantFrom('principal', 'annexe "eau"', 'a,b'),
  section: fc.constantFrom<LedgerRow['section']>('F', 'I'),
  sens: fc.constantFrom<LedgerRow['sens']>('D', 'R'),
  chapitre: fc.constantFrom('011', '21', '=1'),
  compte: fc.constantFrom('60611', '2183'),
  realise: cents,
  rar: cents,
  creditsOuverts: fc.option(cents, { nil: undefined }),
  fonction: fc.option(fc.stringMatching(/^[0-9 ]{0,3}$/), { nil: undefined }),
  rarPrecedent: fc.option(cents, { nil: undefined }),
  // The byte writer's cases: accents (2 bytes), € (3), an emoji (a surrogate pair), tab, quote, the guard's
  // characters first or after a ', blanks at either end, both delimiters, line breaks.
  libelle: fc.option(
    fc.oneof(fc.stringMatching(/^[A-Za-zé€😀;," '\t\r\n=+@-]{0,12}$/u), fc.stringMatching(/^[a-zé€\ud83d\ude00 ]{0,12}$/)),
    { nil: undefined },
  ),
  operation: fc.option(fc.stringMatching(/^[0-9A-Z'=-]{0,6}$/), { nil: undefined }),
});

/** Every output dialect, and each re-encoded as UTF-8 (`--to-encoding utf-8`) with and without a byte-order mark. */
const DIALECTS = Object.values(OUT_DIALECTS).flatMap((d) => [d, { ...d, encoding: 'utf-8' as const, bom: false }, { ...d, encoding: 'utf-8' as const, bom: true }, { ...d, encoding: 'utf-16le' as const }]);

describe('renderLedgerTableCsv', () => {
  it('equals renderLedgerCsv on random rows, in every output dialect', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (specs) => {
        const rows: LedgerRow[] = specs.map((s, i) => {
          const r: LedgerRow = { budget: s.budget, exercice: 2022, section: s.section, sens: s.sens, chapitre: s.chapitre, compte: s.compte, nature: 'reel', realise: s.realise, rar: s.rar, file: 'in', line: i + 2 };
          if (s.creditsOuverts !== undefined) r.creditsOuverts = s.creditsOuverts;
          if (s.fonction) r.fonction = s.fonction;
          if (s.libelle) r.libelle = s.libelle;
          if (s.operation) r.operation = s.operation;
          if (s.rarPrecedent !== undefined) r.rarPrecedent = s.rarPrecedent;
          return r;
        });
        const table = new LedgerTable();
        for (const r of rows) table.push(r);
        for (const d of DIALECTS) {
          let want: Buffer;
          try {
            want = Buffer.from(renderLedgerCsv(rows, d));
          } catch (e) {
            // A character the encoding has no byte for (an emoji in windows-1252): both writers refuse it alike.
            expect(() => renderLedgerTableCsv(table, d)).toThrow((e as Error).message);
            continue;
          }
          expect(Buffer.concat(renderLedgerTableCsv(table, d)).equals(want)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals renderLedgerCsv past one 1 MiB slab, in every dialect and encoding (a UTF-16 byte-order mark once)', () => {
    const rows: LedgerRow[] = Array.from({ length: 40_000 }, (_, i) => ({
      budget: 'principal', exercice: 2022, section: 'F', sens: 'D', chapitre: '011', compte: '60611', nature: 'reel',
      realise: BigInt(i * 1237 - 500_000), rar: 0n, file: 'in', line: i + 2, fonction: String(i % 900),
      libelle: `Fournitures d'entretien — été ${i % 777} ; "lot" ${i}`,
    }));
    const table = new LedgerTable();
    for (const r of rows) table.push(r);
    for (const d of DIALECTS) {
      const got = renderLedgerTableCsv(table, d);
      expect(got.length).toBeGreaterThan(1);
      expect(Buffer.concat(got).equals(Buffer.from(renderLedgerCsv(rows, d)))).toBe(true);
    }
  });
});
