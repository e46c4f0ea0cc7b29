// Property: unfolded CSV rows (convert) with the key cells validated once per spelling and the fingerprinted repeated-line check give the rows, problems and notices of the full row-by-row validation.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import type { LedgerKey, LedgerSink } from '../src/model/ledger-sink.js';
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

/** Cells without a quote: a record of these alone may go to convert's sink without a row object. */
const unquoted = (list: string[]) => list.filter((v) => !v.includes('"'));
const cell = (list: string[]) => fc.nat(list.length - 1).map((i) => list[i]!);
const record = (clean: boolean, plain = false) => {
  const pick = plain ? unquoted : (list: string[]) => list;
  return fc.record({
    exercice: clean ? fc.constant('2022') : fc.constantFrom('2022', '2022', '2022', '22'),
    key: cell(pick(clean ? GOOD_KEYS : KEYS)),
    realise: cell(pick(clean ? GOOD_AMOUNTS : AMOUNTS)),
    rar: cell(pick(clean ? GOOD_AMOUNTS : AMOUNTS)),
    fonction: cell(pick(FONCTIONS)),
    operation: cell(pick(OPERATIONS)),
    libelle: cell(pick(LABELS)),
    kind: plain ? fc.constantFrom(2, 3, 3, 3) : clean ? fc.constantFrom(2, 3) : fc.nat(30),
  });
};
const line = record(false);
/** Files without a problem (rows compared), with some (problems compared), and without quotes (mostly sink-ready rows). */
const lines = fc.oneof(
  fc.array(record(true), { minLength: 1, maxLength: 40 }),
  fc.array(line, { minLength: 1, maxLength: 40 }),
  fc.array(record(true, true), { minLength: 1, maxLength: 40 }),
);

/**
 * A sink that turns what it is given back into rows, each door counted: `keyed` rows rebuilt from their combination
 * (BigInt cents, absent fields left out), `push` rows as given.
 */
function recorder(): LedgerSink & { rows: LedgerRow[]; keyedRows: number } {
  const keys: LedgerKey[] = [];
  const rows: LedgerRow[] = [];
  const sink = {
    rows,
    keyedRows: 0,
    key: (k: LedgerKey) => keys.push({ ...k }) - 1,
    keyed(h: number, realise: number, rar: number, co: number, rp: number, fo: string | undefined, op: string | undefined, li: string | undefined, file: string, line: number) {
      sink.keyedRows++;
      // Exact integers, as the sink's contract says (a fraction or an unsafe double would be a reader's bug).
      for (const v of [realise, rar, co, rp]) if (v === v && !Number.isSafeInteger(v)) throw new Error(`line ${line}: ${v} is not a cents integer`);
      const row: LedgerRow = { ...keys[h]!, realise: BigInt(realise), rar: BigInt(rar), file, line };
      if (co === co) row.creditsOuverts = BigInt(co);
      if (rp === rp) row.rarPrecedent = BigInt(rp);
      if (fo !== undefined) row.fonction = fo;
      if (op !== undefined) row.operation = op;
      if (li !== undefined) row.libelle = li;
      rows.push(row);
    },
    push: (r: LedgerRow) => void rows.push(r),
  };
  return sink;
}

/** Read through a recording sink: the rows it was given, then the outcome (whose rows are the sink's when it read them all). */
async function readSunk(file: string, options: Partial<CsvLedgerOptions>, reread = true): Promise<Outcome & { keyedRows: number }> {
  const sink = recorder();
  const out = await read(file, { ...options, sink }, reread);
  expect(out.rows).toEqual([]);
  return { ...out, rows: out.problems ? [] : sink.rows, keyedRows: sink.keyedRows };
}

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
let keyed = 0;
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
        // convert's column table: the same rows through its two doors, in file order.
        const { keyedRows, ...sunk } = await readSunk(file, { batchSize });
        expect(sunk).toEqual(reference);
        if (!reference.problems) keyed += keyedRows;
        const { keyedRows: k2, ...once } = await readSunk(file, { batchSize }, false);
        expect(once).toEqual(reference);
        // Read once only, the check is exact from the start: every row is built.
        expect(k2).toBe(0);
      }),
      { numRuns: 300 },
    );
    // Both kinds of file were tried.
    expect(withRows).toBeGreaterThan(50);
    expect(withProblems).toBeGreaterThan(50);
    // The sink's door without a row object was taken, not only the rows' one.
    expect(keyed).toBeGreaterThan(300);
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
    // Into a sink: lines 2-51 by their combination before the fingerprint of line 52 matched, then the exact pass
    // skipped those 50 and gave the rest as rows, each line once and in order.
    const sink = recorder();
    expect(await read(file, { sink })).toEqual(reference);
    expect(sink.keyedRows).toBe(50);
    expect(sink.rows.map((r) => r.line)).toEqual([...Array.from({ length: 50 }, (_, i) => i + 2), ...Array.from({ length: 10 }, (_, i) => i + 53)]);
    expect(sink.rows[0]).toEqual({ budget: 'principal', exercice: 2022, section: 'F', sens: 'D', chapitre: '011', compte: '60611', nature: 'reel', realise: 0n, rar: 0n, fonction: '020', operation: 'OP0', file, line: 2 });
    expect(sink.rows[59]).toMatchObject({ realise: 5900n, operation: 'OP59', line: 62 });
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
    const keyedBy = new Map<string, number>();
    for (const file of files) {
      const reference = await read(file, { rowByRow: true });
      expect(reference.rows.length + (reference.problems?.length ?? 0)).toBeGreaterThan(0);
      expect(await read(file, { batchSize: 16, handOver: () => {} }), file).toEqual(reference);
      const { keyedRows, ...sunk } = await readSunk(file, {});
      expect(sunk, file).toEqual(reference);
      keyedBy.set(file, keyedRows);
    }
    // The neutral dialect's rows with a chapter (002, 001, 20, 21, 23) go in by their combination, its 4 section totals
    // as rows; the French one's amounts are grouped (`3 329 960,40`), so its rows are all built.
    expect(keyedBy.get(join('fixtures', 'sitiv-2022', 'principal.csv'))).toBe(5);
    expect(keyedBy.get(join('fixtures', 'sitiv-2022-fr', 'principal.csv'))).toBe(0);
  });
});
