// Property: the byte-level fast path (rows folded by combination) and the row-by-row path give the sums a naive reference reader gives, on random ledgers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { keyBytesTaken, readLedgerCsv } from '../src/read/csv-ledger.js';
import { parseDialectAmount } from '../src/read/dialect/amount.js';

const plan = resolvePlan('M57', 2022);
const dir = mkdtempSync(join(tmpdir(), 'sitiv-fold-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines a ledger may carry, with the spellings a spreadsheet leaves (dropped zeros, blanks, quotes, long words). */
const COMBOS: { key: string; spellings: string[] }[] = [
  { key: 'F|D|011|60611', spellings: ['F,D,011,60611,reel', 'F,D,11,60611,reel', ' F , D ,"011",60611,Réel', 'Fonctionnement,Dépense,011,60611,R'] },
  { key: 'F|D|011|6063', spellings: ['F,D,011,6063,reel', 'F,D,11,6063,'] },
  { key: 'F|D|012|64111', spellings: ['F,D,012,64111,reel', 'F,D,12,64111,reel'] },
  { key: 'F|D|65|', spellings: ['F,D,65,,reel', 'F,D,65,,'] },
  { key: 'F|R|013|6419', spellings: ['F,R,013,6419,reel', 'F,R,13,6419,reel'] },
  { key: 'I|D|21|2183', spellings: ['I,D,21,2183,reel', 'Investissement,Dépense,21,2183,Réel'] },
  { key: 'I|R|13|1321', spellings: ['I,R,13,1321,reel'] },
  { key: 'F|D|042|6811', spellings: ['F,D,042,6811,ordre', 'F,D,042,6811,', 'F,D,42,6811,O'] },
];

const amount = fc.oneof(
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
  fc.constant(0n),
);
const cents = (c: bigint, style: number): string => {
  if (style === 0 && c === 0n) return '';
  const neg = c < 0n;
  const a = neg ? -c : c;
  const body = a % 100n === 0n && style === 1 ? String(a / 100n) : `${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  const text = (neg ? '-' : '') + body;
  return style === 2 ? `"${text}"` : text;
};

const line = fc.record({
  combo: fc.nat(COMBOS.length - 1),
  spelling: fc.nat(10),
  realise: amount,
  rar: amount,
  style: fc.nat(2),
  fonction: fc.constantFrom('', '020', '311', '020 '),
  libelle: fc.constantFrom('', 'Eau', 'Ecran 24" bureau', '"Gaz, électricité"'),
});

async function read(file: string, fold: boolean): Promise<Map<string, [bigint, bigint]> | string> {
  const sums = new Map<string, [bigint, bigint]>();
  try {
    for await (const batch of readLedgerCsv(file, { planFor: () => plan, ...(fold ? { fold: {} } : {}), notice: () => {} })) {
      for (const r of batch as LedgerRow[]) {
        const k = [r.section, r.sens, r.chapitre, r.compte].join('|');
        const s = sums.get(k) ?? [0n, 0n];
        s[0] += r.realise;
        s[1] += r.rar;
        sums.set(k, s);
      }
    }
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.line}:${p.message}`).sort().join('\n');
    throw e;
  }
  return sums;
}

let n = 0;
describe('fast path = row by row = reference', () => {
  it('same sums on random ledgers, same problems when a line repeats', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), fc.boolean(), async (lines, repeat) => {
        const text = ['budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle'];
        const expected = new Map<string, [bigint, bigint]>();
        lines.forEach((l, i) => {
          const c = COMBOS[l.combo]!;
          const spelling = c.spellings[l.spelling % c.spellings.length]!;
          const rar = c.key.startsWith('I') ? l.rar : 0n;
          text.push(`principal,2022,${spelling},${cents(l.realise, l.style)},${cents(rar, l.style)},${l.fonction},OP${i},${l.libelle}`);
          const s = expected.get(c.key) ?? [0n, 0n];
          s[0] += l.realise;
          s[1] += rar;
          expected.set(c.key, s);
        });
        if (repeat) text.push(text[1]!);
        const file = join(dir, `l${n++}.csv`);
        writeFileSync(file, text.join(lines.length % 2 ? '\r\n' : '\n') + '\n');
        const folded = await read(file, true);
        const rows = await read(file, false);
        expect(folded).toEqual(rows);
        if (repeat) expect(folded).toMatch(new RegExp(`^${lines.length + 2}:line repeats the key of line 2`));
        else expect(folded).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

/** Amount cells of every shape the hot loop must either read exactly or leave to the full parser. */
const oddAmount = fc.constantFrom('12.5', '12.50', '-0.01', '7', '', ' 12.50', '12.50 ', '12.', '.5', '-', '--1', '1.234', '1,5', '12.5x', '0012.30', '99999999999.99', '1234567890123.45', '12345678901234', '"3.10"', '1e3');
const COLUMNS = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar', 'fonction', 'operation', 'libelle'] as const;

async function readRows(file: string, options: { fold: boolean; delimiter: string; decimal: '.' | ',' }): Promise<string> {
  const out: string[] = [];
  try {
    const fold = options.fold ? { fold: {} } : { rowByRow: true };
    // The dialect's parser, as dialect/open-csv.ts gives it with the mark the fast path may assume.
    const parseAmount = (text: string) => parseDialectAmount(text, options.decimal);
    for await (const batch of readLedgerCsv(file, { planFor: () => plan, delimiter: options.delimiter, decimal: options.decimal, parseAmount, notice: () => {}, ...fold })) {
      for (const r of batch as LedgerRow[]) out.push([r.section, r.sens, r.chapitre, r.compte, r.realise, r.rar].join('|'));
    }
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.line}:${p.column}:${p.message}:${p.value}`).sort().join('\n');
    throw e;
  }
  // Folded rows are sums by combination: the row-by-row side summed the same way.
  const sums = new Map<string, [bigint, bigint]>();
  for (const l of out) {
    const [a, b, c, d, re, ra] = l.split('|');
    const k = [a, b, c, d].join('|');
    const s = sums.get(k) ?? [0n, 0n];
    s[0] += BigInt(re!);
    s[1] += BigInt(ra!);
    sums.set(k, s);
  }
  return [...sums].map(([k, [re, ra]]) => `${k}=${re}/${ra}`).sort().join('\n');
}

describe('the hot loop on odd cells, any column order, either delimiter', () => {
  it('folded = row by row: the same sums, or the same problems', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ combo: fc.nat(COMBOS.length - 1), realise: oddAmount, rar: oddAmount, fonction: fc.constantFrom('020', ' 311', '020 ', ''), crlf: fc.boolean(), lone: fc.nat(30) }), { minLength: 1, maxLength: 40 }),
        fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length }),
        fc.boolean(),
        async (lines, order, semicolon) => {
          const delimiter = semicolon ? ';' : ',';
          const decimal = semicolon ? ',' : '.';
          const text = [order.join(delimiter)];
          let body = '';
          lines.forEach((l, i) => {
            const [section, sens, chapitre, compte, nature] = COMBOS[l.combo]!.spellings[0]!.split(',');
            const money = (v: string) => (semicolon ? v.replace('.', ',') : v);
            const cells: Record<string, string> = { budget: 'principal', exercice: '2022', section: section!, sens: sens!, chapitre: chapitre!, compte: compte!, nature: nature!, realise: money(l.realise), rar: section === 'I' ? money(l.rar) : '', fonction: l.fonction, operation: `OP${i}`, libelle: l.lone === 0 ? 'a\rb' : `L${i}` };
            text.push(order.map((c) => cells[c]!).join(delimiter));
          });
          lines.forEach((l, i) => (body += text[i]! + (l.crlf ? '\r\n' : '\n')));
          body += text[lines.length]! + '\n';
          const file = join(dir, `odd${n++}.csv`);
          writeFileSync(file, body);
          const folded = await readRows(file, { fold: true, delimiter, decimal });
          const rows = await readRows(file, { fold: false, delimiter, decimal });
          expect(folded).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('lines found by their key’s bytes (the project’s layout)', () => {
  async function folded(file: string): Promise<{ rows: string[]; keyed: number }> {
    const before = keyBytesTaken.lines;
    const rows: string[] = [];
    for await (const batch of readLedgerCsv(file, { planFor: () => plan, fold: {}, notice: () => {} })) {
      for (const r of batch as LedgerRow[]) rows.push([r.budget, r.section, r.sens, r.chapitre, r.compte, r.nature, r.realise, r.rar, r.libelle ?? ''].join('|'));
    }
    return { rows: rows.sort(), keyed: keyBytesTaken.lines - before };
  }

  it('take a spelling seen before, its first libellé too, and leave padded keys to the field-by-field read', async () => {
    const text = ['budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle'];
    // [budget, key, row]: the last two have an empty nature (derived), the key's last two delimiters side by side;
    // with the budget `eau` they fall in one word of four bytes from the line's start (with `principal`, in two).
    const keys = [
      ['principal', 'F,D,011,60611,reel', 'principal|F|D|011|60611|reel'],
      ['principal', 'I,R,13,1321,reel', 'principal|I|R|13|1321|reel'],
      ['principal', 'F,D,012,64111,reel', 'principal|F|D|012|64111|reel'],
      ['principal', 'F,D,011,6063,', 'principal|F|D|011|6063|reel'],
      ['eau', 'F,D,011,6063,', 'eau|F|D|011|6063|reel'],
    ] as const;
    const sums = keys.map(() => 0n);
    const labels: string[] = keys.map(() => '');
    let padded = 0;
    for (let i = 0; i < 500; i++) {
      const k = i % 5;
      const [budget, key] = keys[k]!;
      // The libellés come late (line 100 on), on lines of spellings seen 20 times already; a line in 15 has its
      // budget cell padded with a blank.
      const lead = i % 15 === 7 ? ` ${budget}` : budget;
      if (lead !== budget) padded++;
      const label = i >= 100 ? `Lib ${k} (${i})` : '';
      if (label && !labels[k]) labels[k] = label;
      sums[k]! += BigInt(i * 100 + 25);
      text.push(`${lead},2022,${key},${i}.25,${k === 1 ? '1.50' : ''},020,OP${i},${label}`);
    }
    const file = join(dir, `keyed${n++}.csv`);
    writeFileSync(file, text.join('\n') + '\n');
    const { rows, keyed } = await folded(file);
    expect(rows).toEqual(keys.map(([, , row], k) => `${row}|${sums[k]}|${k === 1 ? 15000 : 0}|${labels[k]}`).sort());
    expect(labels[4]).toBe('Lib 4 (104)');
    // The padded lines and the first line of each spelling went field by field; all the others by key.
    expect(keyed).toBe(500 - padded - keys.length);
  });
});
