// Property: a ledger written in any dialect (delimiter, decimal mark, grouping, negatives, encoding, line ends) is
// detected and read back to the same cents by the ledger reader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { readLedgerCsv } from '../src/read/csv-ledger.js';
import { formatDialectAmount, type AmountStyle } from '../src/read/dialect/amount.js';
import { encode } from '../src/read/dialect/encoding.js';
import { openCsv } from '../src/read/dialect/open-csv.js';

const CHAPTERS = ['20', '21', '23', '204', '16'];
const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,libelle'.split(',');
const plan = resolvePlan('M57', 2022);
const dir = mkdtempSync(join(tmpdir(), 'sitiv-dialect-prop-'));

const style = (decimal: ',' | '.') =>
  fc.record({
    decimal: fc.constant(decimal),
    group: fc.constantFrom(...(decimal === ',' ? (['', ' ', '\u00a0', '\u202f', "'", '.'] as const) : (['', ' ', '\u00a0', '\u202f', "'", ','] as const))),
    negative: fc.constantFrom('-' as const, '\u2212' as const, '()' as const, 'trailing' as const),
    euro: fc.boolean(),
  }) as fc.Arbitrary<AmountStyle>;

const dialect = fc
  .record({
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    decimal: fc.constantFrom(',' as const, '.' as const),
    encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const, 'utf-16le' as const),
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .chain((d) => style(d.decimal).map((s) => ({ ...d, style: s })))
  // Windows-1252 has no U+2212 nor U+202F: software writing it uses `-` and U+00A0.
  .filter((d) => d.encoding !== 'windows-1252' || (d.style.negative !== '\u2212' && d.style.group !== '\u202f'));

const amounts = fc.array(fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })), {
  minLength: 1,
  maxLength: CHAPTERS.length,
});

let n = 0;
describe('any dialect, read back', () => {
  it('gives the same cents, row by row', async () => {
    await fc.assert(
      fc.asyncProperty(dialect, amounts, async (d, values) => {
        const quote = (s: string) => (s.includes(d.delimiter) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
        const lines = [HEADER.join(d.delimiter)];
        values.forEach(([realise, rar], i) =>
          lines.push(
            ['B', '2022', 'I', 'D', CHAPTERS[i]!, '', 'reel', formatDialectAmount(realise, d.style), formatDialectAmount(rar, d.style), 'Réalisé — « test »']
              .map(quote)
              .join(d.delimiter),
          ),
        );
        const file = join(dir, `l${n++}.csv`);
        writeFileSync(file, encode(lines.join(d.eol) + d.eol, d.encoding, d.bom || d.encoding === 'utf-16le'));
        const opened = await openCsv(file, file);
        expect(opened.delimiter).toBe(d.delimiter);
        expect(opened.dialect.decimal).toBe(d.decimal);
        const rows = [];
        for await (const b of readLedgerCsv(file, { planFor: () => plan, input: opened.input, delimiter: opened.delimiter, parseAmount: opened.parseAmount })) rows.push(...b);
        expect(rows.map((r) => [r.realise, r.rar, r.libelle])).toEqual(values.map(([a, b]) => [a, b, 'Réalisé — « test »']));
      }),
      { numRuns: 300 },
    );
  });
});
