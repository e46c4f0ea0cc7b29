// Property: unfolded CSV rows (convert) with the key cells validated once per spelling and the fingerprinted repeated-line check give the rows, problems and notices of the full row-by-row validation.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { readLedgerCsv, type CsvLedgerOptions } from '../src/read/csv-ledger.js';
import { openLedgerSource } from '../src/read/ledger-source.js';

const plan = resolvePlan('M57', 2022);
const dir = mkdtempSync(join(tmpdir(), 'sitiv-unfolded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Key cells (section … nature) as spreadsheets leave them, good and bad: restored zeros, long words, quotes, derived and carried chapters, section totals, chapters without execution, unknown accounts. */
const GOOD_KEYS = [
  'F,D,011,60611,reel',
  'F,D,11,60611,reel',
  ' F , D ,"011",60611,Réel',
  'Fonctionnement,Dépense,011,60611,R',
  'F,D,65,,reel',
  'F,D,,60611,reel',
  'I,D,21,2183,reel',
  'I,D,001,,',
  'F,R,002,,',
  'F,D,042,6811,ordre',
  'F,D,42,6811,O',
];
const KEYS = [
  ...GOOD_KEYS,
  'F,D,,,',
  'I,R,,,',
  'I,D,21,2183,reel',
  'I,D,001,,',
  'F,R,002,,',
  'F,D,022,,',
  'I,D,020,,',
  'F,D,042,6811,ordre',
  'F,D,042,6811,reel',
  'F,D,011,99999,reel',
  'F,X,011,60611,reel',
  'F,D,,99999,reel',
];
const GOOD_AMOUNTS = ['', '0', '12.5', '-7.05', '1234567.89', '123456789012345.67', '"42.10"', ' 3.00 ', '-0', '007.1'];
const AMOUNTS = [...GOOD_AMOUNTS, 'abc', '12.345', '1e3', '+5', '-', '1.', '.5'];
const FONCTIONS = ['', '020', ' 020 ', '"020"', '311', '020\u00a0'];
const OPERATIONS = ['', 'OP1', 'OP2', '"OP1"'];
const LABELS = ['', 'Eau', '  Eau  ', '"Gaz, électricité"', 'Ecran 24" bureau', '\u00a0x'];

const cell = (list: string[]) => fc.nat(list.length - 1).map((i) => list[i]!);
const record = (clean: boolean) =>
  fc.record({
    exercice: clean ? fc.constant('2022') : fc.constantFrom('2022', '2022', '2022', '22'),
    key: cell(clean ? GOOD_KEYS : KEYS),
    realise: cell(clean ? GOOD_AMOUNTS : AMOUNTS),
    rar: cell(clean ? GOOD_AMOUNTS : AMOUNTS),
    fonction: cell(FONCTIONS),
    operation: cell(OPERATIONS),
    libelle: cell(LABELS),
    kind: clean ? fc.constantFrom(2, 3) : fc.nat(30),
  });
const line = record(false);
/** Files without a problem (rows compared) and with some (problems compared). */
const lines = fc.oneof(fc.array(record(true), { minLength: 1, maxLength: 40 }), fc.array(line, { minLength: 1, maxLength: 40 }));

interface Outcome {
  rows: LedgerRow[];
  problems?: unknown[];
  notices: string[];
}

async function read(file: string, options: Partial<CsvLedgerOptions>, reread = true): Promise<Outcome> {
  const src = await openLedgerSource(file, file, {});
  const notices: string[] = [];
  const rows: LedgerRow[] = [];
  const chunks = reread ? [...src.chunks()] : (function* () {
    yield* src.chunks();
  })();
  try {
    const given = options.handOver;
    const handOver = given
      ? (b: LedgerRow[]) => {
          given(b);
          rows.push(...b);
        }
      : undefined;
    for await (const b of readLedgerCsv(file, {
      planFor: () => plan,
      chunks,
      delimiter: src.delimiter,
      ...(src.decimal ? { decimal: src.decimal } : {}),
      parseAmount: src.parseAmount,
      notice: (m) => notices.push(m),
      ...options,
      ...(handOver ? { handOver } : {}),
    }))
      rows.push(...b);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { rows: [], problems: e.problems, notices };
  }
  return { rows, notices };
}

/** A ledger of these lines; `kind` 0 repeats an earlier line, 1 writes a line with a field too many, 2 a blank line. */
function ledger(lines: fc.infer<typeof line>[], eol: string, fr: boolean): string {
  const out = ['budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle'];
  // The French dialect: `;` between cells, a decimal comma.
  const d = fr ? ';' : ',';
  const a = (v: string) => (fr ? v.replace('.', ',') : v);
  lines.forEach((l, i) => {
    if (l.kind === 0 && out.length > 1) return out.push(out[1 + (i % (out.length - 1))]!);
    if (l.kind === 1) return out.push(['principal', '2022', l.key, '1', '2', '3', '4', '5', '6'].join(d).replace(/,/g, d));
    if (l.kind === 2) return out.push(d.repeat(11));
    out.push(['principal', l.exercice, l.key.split(',').join(d), a(l.realise), a(l.rar), l.fonction, `${l.operation}${i}`, l.libelle].join(d));
  });
  if (fr) out[0] = out[0]!.replace(/,/g, ';');
  return out.join(eol) + eol;
}

let n = 0;
let withRows = 0;
let withProblems = 0;
describe('unfolded rows: cached validation = row by row', () => {
  it('same rows, problems and notices on random ledgers, handed over or yielded, re-readable or not', async () => {
    await fc.assert(
      fc.asyncProperty(lines, fc.constantFrom('\n', '\r\n'), fc.nat(4), fc.boolean(), async (ls, eol, batch, fr) => {
        const file = join(dir, `l${n++}.csv`);
        writeFileSync(file, ledger(ls, eol, fr));
        const reference = await read(file, { rowByRow: true });
        if (reference.problems) withProblems++;
        else withRows++;
        const batchSize = 1 + batch * 3;
        expect(await read(file, {})).toEqual(reference);
        expect(await read(file, { batchSize, handOver: () => {} })).toEqual(reference);
        expect(await read(file, { batchSize, handOver: () => {} }, false)).toEqual(reference);
      }),
      { numRuns: 300 },
    );
    // Both kinds of file were tried.
    expect(withRows).toBeGreaterThan(50);
    expect(withProblems).toBeGreaterThan(50);
  });

  it('a repeated line found by its fingerprint after rows were handed over: the exact pass names it, as row by row', async () => {
    const lines = ['budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation'];
    for (let i = 0; i < 50; i++) lines.push(`principal,2022,F,D,011,60611,reel,${i}.00,0,020,OP${i}`);
    lines.push('principal,2022,F,D,11,60611,Réel,9.99,0,020,OP7');
    for (let i = 50; i < 60; i++) lines.push(`principal,2022,F,D,011,60611,reel,${i}.00,0,020,OP${i}`);
    const file = join(dir, 'repeat.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const handed: number[] = [];
    const reference = await read(file, { rowByRow: true });
    expect(reference.problems).toEqual([expect.objectContaining({ line: 52, column: '5 (chapitre)', value: 'principal|2022|F|D|011|60611|reel|020|OP7' })]);
    expect(await read(file, { batchSize: 8, handOver: (b) => handed.push(b.length) })).toEqual(reference);
    // Six batches of 8 went before line 52 was read; the exact pass handed the rest after them, not again.
    expect(handed.slice(0, 6)).toEqual([8, 8, 8, 8, 8, 8]);
    expect(handed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(59);
  });

  it('same outcome on every CSV ledger of the fixtures', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/principal.*\.csv$/.test(f)) files.push(p);
      }
    };
    walk('fixtures');
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const reference = await read(file, { rowByRow: true });
      expect(reference.rows.length + (reference.problems?.length ?? 0)).toBeGreaterThan(0);
      expect(await read(file, { batchSize: 16, handOver: () => {} }), file).toEqual(reference);
    }
  });
});
