// Every CSV dialect and encoding of the SITIV 2022 ledgers gives exactly the figures of the neutral UTF-8 fixtures.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { encode, type Encoding } from '../src/read/dialect/encoding.js';
import { computeJson, ROOT, run } from './helpers/run.js';

const SRC = join(ROOT, 'fixtures/sitiv-2022');
const LEDGERS = ['principal.csv', 'tno.csv'];
const AMOUNTS = new Set(['realise', 'rar']);

interface Variant {
  name: string;
  delimiter: string;
  /** Writes a neutral amount (`3329960.40`) in the variant's notation, by string operations. */
  amount: (plain: string) => string;
  encoding: Encoding;
  bom: boolean;
  eol: string;
  /** Latin-1 has no `—`, `«`, `»`: the variant's labels use plain ASCII substitutes. */
  ascii?: boolean;
}

const grouped = (plain: string, group: string, decimal: string) => {
  const [i, f] = plain.split('.') as [string, string];
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${decimal}${f}`;
};

const VARIANTS: Variant[] = [
  { name: 'semicolon, decimal comma, U+202F grouping, euro sign, UTF-8 with BOM, CRLF', delimiter: ';', amount: (p) => `${grouped(p, '\u202f', ',')} €`, encoding: 'utf-8', bom: true, eol: '\r\n' },
  { name: 'tab, decimal comma, space grouping, ISO-8859-1', delimiter: '\t', amount: (p) => grouped(p, ' ', ','), encoding: 'iso-8859-1', bom: false, eol: '\n', ascii: true },
  { name: 'pipe, decimal point, apostrophe grouping, UTF-8', delimiter: '|', amount: (p) => grouped(p, "'", '.'), encoding: 'utf-8', bom: false, eol: '\n' },
  { name: 'semicolon, decimal comma, point grouping, Windows-1252, CRLF', delimiter: ';', amount: (p) => grouped(p, '.', ','), encoding: 'windows-1252', bom: false, eol: '\r\n' },
  { name: 'comma, decimal comma in quotes, no grouping, UTF-8', delimiter: ',', amount: (p) => `"${p.replace('.', ',')}"`, encoding: 'utf-8', bom: false, eol: '\n' },
  { name: 'tab, decimal comma, U+00A0 grouping, UTF-16LE (Excel "Unicode text")', delimiter: '\t', amount: (p) => grouped(p, '\u00a0', ','), encoding: 'utf-16le', bom: true, eol: '\r\n' },
];

function writeVariant(v: Variant): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-dialect-'));
  for (const name of LEDGERS) {
    const records = parse(readFileSync(join(SRC, name), 'utf8')) as string[][];
    const header = records[0]!;
    const lines = records.map((rec, n) =>
      rec
        .map((cell, i) => (n > 0 && AMOUNTS.has(header[i]!) && cell !== '' ? v.amount(cell) : cell))
        .map((cell) => (v.ascii ? cell.replace(/—/g, '-').replace(/[«»]/g, '"') : cell))
        .map((cell) => (cell.includes(v.delimiter) && !cell.startsWith('"') ? `"${cell}"` : cell))
        .join(v.delimiter),
    );
    writeFileSync(join(dir, name), encode(lines.join(v.eol) + v.eol, v.encoding, v.bom));
  }
  for (const f of readdirSync(SRC)) if (!LEDGERS.includes(f)) copyFileSync(join(SRC, f), join(dir, f));
  return dir;
}

let reference: Record<string, string | null>;
beforeAll(() => {
  reference = computeJson(SRC).figures;
  expect(reference['principal.2022.execution.global.solde']).toBe('181498.28');
});

describe('committed dialect fixtures', () => {
  it('are in step with fixtures/sitiv-2022 (else: node scripts/make-fixtures-dialects.mjs)', () => {
    const ref = JSON.parse(readFileSync(join(SRC, 'manifest.json'), 'utf8'));
    for (const [dir, ext] of [['sitiv-2022-fr', '.csv'], ['sitiv-2022-xlsx', '.xlsx']] as const) {
      const m = JSON.parse(readFileSync(join(ROOT, 'fixtures', dir, 'manifest.json'), 'utf8'));
      expect(m).toEqual({ ...ref, ledgers: ref.ledgers.map((l: string) => l.replace(/\.csv$/, ext)) });
      for (const f of readdirSync(SRC)) {
        if (!LEDGERS.includes(f) && f !== 'manifest.json' && f !== 'README.md') expect(readFileSync(join(ROOT, 'fixtures', dir, f))).toEqual(readFileSync(join(SRC, f)));
      }
    }
  });
  it('fixtures/sitiv-2022-fr (Windows-1252, ";", decimal comma, U+00A0, CRLF) gives the same figures', () => {
    const bytes = readFileSync(join(ROOT, 'fixtures/sitiv-2022-fr/principal.csv'));
    expect(bytes.includes(0xa0)).toBe(true); // U+00A0 as its Windows-1252 byte
    expect(bytes.includes(0x97)).toBe(true); // `—` as its Windows-1252 byte
    expect(bytes.subarray(0, 80).toString('latin1')).toContain('\r\n');
    expect(computeJson(join(ROOT, 'fixtures/sitiv-2022-fr')).figures).toEqual(reference);
  });
  it('fixtures/sitiv-2022-xlsx (workbooks with a title block) gives the same figures', () => {
    expect(computeJson(join(ROOT, 'fixtures/sitiv-2022-xlsx')).figures).toEqual(reference);
  });
});

describe('generated dialects', () => {
  for (const v of VARIANTS) {
    it(`${v.name}: same figures`, () => {
      expect(computeJson(writeVariant(v)).figures).toEqual(reference);
    });
  }
});

describe('lazy loading', () => {
  const loaded = (folder: string) => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { main } = await import('./dist/cli/main.js');",
      'const code = await main(process.argv.slice(1));',
      "const cache = createRequire(import.meta.url).cache;",
      "process.stderr.write(`exit ${code} exceljs ${Object.keys(cache).some((k) => k.includes('/exceljs/'))}`);",
    ].join('\n');
    return spawnSync(process.execPath, ['--input-type=module', '-e', script, 'compute', folder, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stderr;
  };
  it('exceljs is loaded neither on the CSV path nor for an XLSX ledger (read by src/read/xlsx/)', () => {
    expect(loaded(join(ROOT, 'fixtures/sitiv-2022-fr'))).toBe('exit 0 exceljs false');
    // The workbooks have a title block: the reader says so on stderr before the probe's own line.
    expect(loaded(join(ROOT, 'fixtures/sitiv-2022-xlsx')).split('\n').pop()).toBe('exit 0 exceljs false');
  });
});

describe('text is decoded, never replaced', () => {
  it('Windows-1252 labels come back as the UTF-8 original (no U+FFFD)', () => {
    const r = run(['convert', join(ROOT, 'fixtures/sitiv-2022-fr/principal.csv'), '-']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('\ufffd');
    expect(r.stdout).toContain('Résultat exercice 2022 — recettes de fonctionnement');
    expect(r.stdout).toContain('levées de réserves du Miroir');
  });
  it('--encoding utf-8 on a Windows-1252 file is refused at the first bad byte, with its line', () => {
    const file = join(ROOT, 'fixtures/sitiv-2022-fr/principal.csv');
    const r = run(['convert', file, '-', '--encoding', 'utf-8']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${file}:2: not valid UTF-8 (byte 96: 0xa0); pass --encoding windows-1252`);
  });
});

describe('one file, one dialect: no guess', () => {
  const ambiguous = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-ambiguous-'));
    writeFileSync(
      join(dir, 'ledger.csv'),
      ['budget;exercice;section;sens;chapitre;compte;nature;realise;rar', 'B;2022;F;R;;;;1.234;', 'B;2022;F;D;;;;1 000;'].join('\r\n') + '\r\n',
    );
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', budgets: [{ id: 'B', label: 'B' }], ledgers: ['ledger.csv'] }));
    return dir;
  };
  it('`1.234` with nothing to settle the decimal mark is an error naming file, line and column', () => {
    const dir = ambiguous();
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `error: ${join(dir, 'ledger.csv')}:2:8 (realise): realise: ambiguous amount: nothing in the file settles the decimal mark, so "1.234" could be read two ways (pass --decimal , or --decimal .) (value: "1.234")`,
    );
  });
  it('--decimal settles it either way', () => {
    const dir = ambiguous();
    const comma = computeJson(dir, ['--decimal', ',']).figures;
    expect(comma['B.2022.execution.fonctionnement-exercice.recettes']).toBe('1234.00');
    expect(comma['B.2022.execution.fonctionnement-exercice.solde']).toBe('234.00');
    const point = run(['compute', dir, '--format', 'json', '--decimal', '.']);
    // With a decimal point, 1.234 has three decimals: refused, still not guessed.
    expect(point.exitCode).toBe(2);
    expect(point.stderr).toContain("realise: more than two decimals in this file's dialect (decimal point)");
  });
  it('a cell contradicting the mark the file settled names the line that settled it', () => {
    const dir = ambiguous();
    writeFileSync(
      join(dir, 'ledger.csv'),
      ['budget;exercice;section;sens;chapitre;compte;nature;realise;rar', 'B;2022;F;R;;;;12,50;', 'B;2022;F;D;;;;3.5;'].join('\n') + '\n',
    );
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'ledger.csv')}:3:8 (realise): realise: not an amount in this file's dialect (decimal comma, settled by line 2: "12,50") (value: "3.5")`);
  });
  it('diff takes the same overrides: no difference between the dialects once the mark is settled', () => {
    const dir = ambiguous();
    const file = join(dir, 'ledger.csv');
    expect(run(['diff', file, file]).exitCode).toBe(2);
    expect(run(['diff', file, file, '--decimal', ',']).exitCode).toBe(0);
    expect(run(['diff', join(SRC, 'principal.csv'), join(ROOT, 'fixtures/sitiv-2022-fr/principal.csv')]).exitCode).toBe(0);
    expect(run(['diff', SRC, join(ROOT, 'fixtures/sitiv-2022-xlsx')]).exitCode).toBe(0);
  });
  it('a CSV syntax error is reported with its line, not a crash of detection', () => {
    const dir = ambiguous();
    writeFileSync(join(dir, 'ledger.csv'), 'budget;exercice;section;sens;chapitre;compte;nature;realise;rar\nB;2022;F;R;;;;"12,5;\nB;2022;F;D;;;;1;\n');
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    // Issue 11: the error names the line where the unclosed quote opens (csv-parse named the end of the file).
    expect(r.stderr).toContain(`error: ${join(dir, 'ledger.csv')}:2: CSV syntax: a quote opened on this line is never closed`);
  });
  it('bad overrides are usage errors', () => {
    expect(run(['compute', SRC, '--delimiter', ':']).exitCode).toBe(2);
    expect(run(['compute', SRC, '--decimal', 'x']).stderr).toContain('unknown decimal mark "x"');
    expect(run(['compute', SRC, '--encoding', 'ebcdic']).stderr).toContain('unknown encoding "ebcdic"');
  });
  it('--delimiter forces the split (a wrong one breaks the header, reported)', () => {
    const r = run(['compute', join(ROOT, 'fixtures/sitiv-2022-fr'), '--delimiter', ',']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('missing column exercice');
    expect(computeJson(join(ROOT, 'fixtures/sitiv-2022-fr'), ['--delimiter', ';', '--decimal', ',', '--encoding', 'windows-1252']).figures).toEqual(reference);
  });
});
