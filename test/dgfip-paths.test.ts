// The reader's fast path (sorted lines, amounts parsed in the scan) and its careful path agree with the amount parser on any spelling.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { B } from '../src/model/balance.js';
import { parseAmountText } from '../src/read/dgfip/amount.js';
import { classifyAccount } from '../src/compute/balance/classify.js';
import { readBalance as readWith } from '../src/read/dgfip/reader.js';
// @ts-expect-error plain ESM script shared with the benchmark
import { COLUMNS } from '../scripts/gen-balance.mjs';

/** The byte reader with the product's classifier, as the commands call it. */
const readBalance = (file: string) => readWith(file, { classify: classifyAccount });

const dir = mkdtempSync(join(tmpdir(), 'sitiv-dgfip-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Any valid spelling of a cent amount: sign, mark, dropped or padded decimals, leading zeros, quotes, empty zero. */
const spelling = fc
  .tuple(
    // Mostly amounts the number path takes, some past 15 digits of cents for the BigInt path.
    fc.oneof({ weight: 6, arbitrary: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }) }, { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }) }),
    fc.constantFrom('.', ','),
    fc.constantFrom('plain', 'short', 'padded', 'zeros', 'quoted', 'plus', 'int'),
  )
  .map(([c, mark, style]) => {
    const neg = c < 0n;
    const abs = neg ? -c : c;
    const int = (abs / 100n).toString();
    const frac = (abs % 100n).toString().padStart(2, '0');
    const sign = neg ? '-' : style === 'plus' ? '+' : '';
    if (c === 0n && style === 'int') return '';
    switch (style) {
      case 'short':
        return frac.endsWith('0') ? `${sign}${int}${mark}${frac[0]}` : `${sign}${int}${mark}${frac}`;
      case 'padded':
        return `${sign}${int}${mark}${frac}000`;
      case 'zeros':
        return `${sign}000${int}${mark}${frac}`;
      case 'quoted':
        return `"${sign}${int}${mark}${frac}"`;
      case 'int':
        return frac === '00' ? `${sign}${int}` : `${sign}${int}${mark}${frac}`;
      default:
        return `${sign}${int}${mark}${frac}`;
    }
  });

const ACCOUNTS = ['60611', '7478', '2313', '1641', '6811', '28031'];

describe('fast and careful paths', () => {
  it('fold the same totals as a BigInt sum of the parsed amounts', () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ACCOUNTS), fc.array(spelling, { minLength: 10, maxLength: 10 })), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (lines, crlf) => {
          const pre = '2024;21560078600015;056;COMMUNE DE TEST;078;1;101;00;M57;215600786;053;;;;;Commune;DEF;;';
          const text = [COLUMNS.join(';'), ...lines.map(([c, amounts]) => `${pre}${c};${amounts.join(';')}`)].join(crlf ? '\r\n' : '\n');
          const file = join(dir, `p${n++}.csv`);
          writeFileSync(file, text + (crlf ? '\r\n' : '\n'));
          const read = readBalance(file);
          expect(read.rejectedCount).toBe(0);
          // Totals over every slot of the one entity: the real and order dépenses and recettes of both sections.
          const e = read.entities[0]!;
          const got = [B.FD_REEL, B.FD_ORDRE, B.FR_REEL, B.FR_ORDRE, B.ID_REEL, B.ID_ORDRE, B.IR_REEL, B.IR_ORDRE].reduce(
            (t, i) => t + e.sums.total(i),
            0n,
          );
          // Whatever the slots, real + order of D and R add up to OBNETDEB + OBNETCRE.
          const want = lines.reduce((t, [, a]) => t + parseAmountText(a[2]!)! + parseAmountText(a[3]!)!, 0n);
          expect(got).toBe(want);
          const enc = lines.filter(([c]) => c === '1641').reduce((t, [, a]) => t + parseAmountText(a[9]!)! - parseAmountText(a[8]!)!, 0n);
          expect(e.sums.total(B.ENCOURS_FIN)).toBe(enc);
        },
      ),
      { numRuns: 150 },
    );
  });
});
