// `convert`: ledgers between CSV dialects and XLSX, every column and every cent kept; refusals.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePlainAmount } from '../src/money/cents.js';
import { computeJson, ROOT, run } from './helpers/run.js';

const SRC = join(ROOT, 'fixtures/sitiv-2022');
const tmp = () => mkdtempSync(join(tmpdir(), 'sitiv-convert-'));
const ok = (args: string[]) => {
  const r = run(['convert', ...args]);
  expect(r.exitCode, r.stderr).toBe(0);
  return r;
};
const records = (file: string) => parse(readFileSync(file, 'utf8')) as string[][];
const AMOUNT = new Set(['realise', 'rar', 'credits_ouverts', 'rar_precedent']);

/** A CSV as column → values, amounts in cents (an empty realise/rar is zero). */
function table(file: string): Record<string, (string | bigint)[]> {
  const [header, ...rows] = records(file);
  return Object.fromEntries(
    header!.map((h, i) => [h, rows.map((r) => (AMOUNT.has(h) && (h === 'realise' || h === 'rar' || r[i] !== '') ? parsePlainAmount(r[i] || '0')! : r[i]!))]),
  );
}

describe('CSV → XLSX → CSV', () => {
  it('preserves every cent and every field of the SITIV ledgers, and compute finds the same figures', () => {
    const dir = tmp();
    for (const name of ['principal.csv', 'tno.csv']) {
      const xlsx = join(dir, name.replace('.csv', '.xlsx'));
      ok([join(SRC, name), xlsx]);
      ok([xlsx, join(dir, name)]);
      expect(table(join(dir, name))).toEqual(table(join(SRC, name)));
    }
    for (const f of readdirSync(SRC)) if (!f.endsWith('.csv') || !['principal.csv', 'tno.csv'].includes(f)) copyFileSync(join(SRC, f), join(dir, f));
    expect(computeJson(dir).figures).toEqual(computeJson(SRC).figures);
    const cents = table(join(dir, 'principal.csv')).realise!.reduce((a, b) => (a as bigint) + (b as bigint), 0n);
    expect(cents).toBe(332996040n + 320277711n + 13695544n + 112930549n + 108647778n + 45296804n);
  });
});

describe('--sheet', () => {
  it('picks the worksheet of XLSX ledgers, and an unsuitable one is reported by name', () => {
    const dir = tmp();
    for (const name of ['principal', 'tno']) ok([join(SRC, `${name}.csv`), join(dir, `${name}.xlsx`)]);
    for (const f of readdirSync(SRC)) if (!['principal.csv', 'tno.csv'].includes(f)) copyFileSync(join(SRC, f), join(dir, f));
    const m = JSON.parse(readFileSync(join(SRC, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, ledgers: ['principal.xlsx', 'tno.xlsx'] }));
    expect(computeJson(dir, ['--sheet', 'ledger']).figures).toEqual(computeJson(SRC).figures);
    const r = run(['compute', dir, '--sheet', 'Provenance']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${join(dir, 'principal.xlsx')} (Provenance!A1:A3): no ledger header in the first 50 rows of sheet "Provenance"`);
  });
});

describe('French CSV ↔ neutral CSV', () => {
  it('the committed French fixture converts to exactly what the neutral fixture converts to', () => {
    const dir = tmp();
    for (const name of ['principal.csv', 'tno.csv']) {
      const fromFr = ok([join(ROOT, 'fixtures/sitiv-2022-fr', name), '-']).stdout;
      const fromNeutral = ok([join(SRC, name), '-']).stdout;
      expect(fromFr).toBe(fromNeutral);
      writeFileSync(join(dir, name), fromFr);
    }
  });
  it('--to fr writes Windows-1252, ";", decimal comma, U+00A0 grouping and CRLF, and comes back unchanged', () => {
    const dir = tmp();
    const fr = join(dir, 'fr.csv');
    ok([join(SRC, 'principal.csv'), fr, '--to', 'fr']);
    const bytes = readFileSync(fr);
    const line2 = bytes.toString('latin1').split('\r\n')[1];
    expect(line2).toBe('principal;2022;F;R;;;;3\u00a0329\u00a0960,40;0,00;R\u00e9sultat exercice 2022 \u0097 recettes de fonctionnement');
    expect(ok([fr, '-']).stdout).toBe(ok([join(SRC, 'principal.csv'), '-']).stdout);
  });
});

describe('every column survives', () => {
  const ledger = [
    'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,credits_ouverts,fonction,operation,libelle,rar_precedent',
    'B,2022,F,D,011,6064,reel,1234.56,,2000.00,020,,"Fournitures; ""bureau""",',
    'B,2022,I,D,21,2183,reel,-10.00,55.50,100.00,,OP12,"=HYPERLINK(""http://x"",""clic"")",12.00',
    'B,2022,F,R,,,,99999999999.99,,,,,+33 1 23,',
  ].join('\n') + '\n';

  it('through XLSX and through the French dialect: optional columns, negatives, quotes, delimiters in text', () => {
    const dir = tmp();
    const src = join(dir, 'in.csv');
    writeFileSync(src, ledger);
    const expected = ok([src, '-']).stdout;
    expect(expected.split('\n')[1]).toBe('B,2022,F,D,011,6064,reel,1234.56,0.00,2000.00,020,,"Fournitures; ""bureau""",');
    ok([src, join(dir, 'a.xlsx')]);
    expect(ok([join(dir, 'a.xlsx'), '-']).stdout).toBe(expected);
    ok([src, join(dir, 'fr.csv'), '--to', 'fr', '--to-encoding', 'utf-8']);
    expect(ok([join(dir, 'fr.csv'), '-']).stdout).toBe(expected);
    ok([join(dir, 'fr.csv'), join(dir, 'b.xlsx')]);
    expect(ok([join(dir, 'b.xlsx'), '-']).stdout).toBe(expected);
  });
});

describe('refusals', () => {
  it('never writes onto its input, nor an unknown format', () => {
    const dir = tmp();
    const src = join(dir, 'principal.csv');
    copyFileSync(join(SRC, 'principal.csv'), src);
    const before = readFileSync(src);
    const r = run(['convert', src, src]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('it is an input of this run');
    expect(readFileSync(src)).toEqual(before);
    expect(run(['convert', src, join(dir, 'out.ods')]).stderr).toContain('the output must end in .csv or .xlsx');
    expect(run(['convert', src, join(dir, 'out.xlsx'), '--to', 'fr']).exitCode).toBe(2);
    expect(run(['convert', src, join(dir, 'out.csv'), '--to', 'klingon']).stderr).toContain('unknown dialect klingon');
  });
  it('reports the rows the plan refuses, with their place', () => {
    const dir = tmp();
    const src = join(dir, 'bad.csv');
    writeFileSync(src, 'budget;exercice;section;sens;chapitre;compte;nature;realise;rar\r\nB;2022;F;D;999;;reel;1,00;\r\n');
    const r = run(['convert', src, join(dir, 'out.csv')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${src}:2:5 (chapitre): unknown chapter 999 in plan`);
  });
});
