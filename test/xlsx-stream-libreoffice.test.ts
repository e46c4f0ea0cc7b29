// LibreOffice and convert's own XLSX both ways: a workbook LibreOffice writes is read right, and the one convert writes opens in LibreOffice with every cell.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { D } from '../src/money/cents.js';
import { ROOT, run } from './helpers/run.js';

const LIBREOFFICE_TIMEOUT = 300_000;
const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasSoffice) {
  if (process.env.SITIV_REQUIRE_SOFFICE === '1') throw new Error('SITIV_REQUIRE_SOFFICE=1 but soffice is not installed (apt-get install libreoffice-calc-nogui)');
  console.warn('notice: soffice not found, LibreOffice round trips of convert skipped (apt-get install libreoffice-calc-nogui)');
}

/** soffice --convert-to in a profile of its own; returns the files written. */
function soffice(file: string, to: string, infilter?: string): string[] {
  const work = mkdtempSync(join(tmpdir(), 'sitiv-lo-conv-'));
  const out = join(work, 'out');
  mkdirSync(out);
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', to, '--outdir', out, file], { encoding: 'utf8', timeout: 180_000 });
  expect(r.status, r.stderr).toBe(0);
  return readdirSync(out).map((f) => join(out, f));
}

const SRC = join(ROOT, 'fixtures/sitiv-2022/principal.csv');
const AMOUNTS = new Set(['realise', 'rar', 'credits_ouverts', 'rar_precedent']);

describe.skipIf(!hasSoffice)('LibreOffice', () => {
  it('a CSV ledger converted to XLSX by LibreOffice reads as the CSV does (numbers as doubles, chapters without their zeros restored)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-lo-in-'));
    copyFileSync(SRC, join(dir, 'principal.csv'));
    // Comma, quote, UTF-8, from line 1: the fixture as LibreOffice opens it when told its encoding.
    const [xlsx] = soffice(join(dir, 'principal.csv'), 'xlsx', 'CSV:44,34,76,1');
    expect(basename(xlsx!)).toBe('principal.xlsx');
    const fromLo = run(['convert', xlsx!, '-']);
    expect(fromLo.exitCode, fromLo.stderr).toBe(0);
    expect(fromLo.stdout).toBe(run(['convert', SRC, '-']).stdout);
  }, LIBREOFFICE_TIMEOUT);

  it('the XLSX convert writes opens in LibreOffice: its ledger sheet, saved as CSV, holds every cell of the ledger', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-lo-out-'));
    const ours = join(dir, 'principal.xlsx');
    expect(run(['convert', SRC, ours]).exitCode).toBe(0);
    const csv = soffice(ours, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
    const sheet = csv.find((f) => f.includes('ledger'));
    expect(sheet, csv.join(', ')).toBeDefined();
    const lo = parse(readFileSync(sheet!, 'utf8'), { relax_column_count: true }) as string[][];
    const want = parse(run(['convert', SRC, '-']).stdout) as string[][];
    expect(lo[0]).toEqual(want[0]);
    expect(lo).toHaveLength(want.length);
    const header = want[0]!;
    want.slice(1).forEach((row, i) => {
      header.forEach((h, j) => {
        const got = lo[i + 1]![j] ?? '';
        const where = `line ${i + 2} ${h}`;
        // LibreOffice writes a number's raw value (3329960.4): compared as a decimal.
        if (AMOUNTS.has(h) && row[j] !== '') expect(new D(got).equals(new D(row[j]!)), `${where}: ${got}`).toBe(true);
        else expect(got, where).toBe(row[j]);
      });
    });
    expect(csv.some((f) => f.includes('Provenance'))).toBe(true);
  }, LIBREOFFICE_TIMEOUT);

  it('and prints it: the PDF shows the header and the labels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-lo-pdf-'));
    const ours = join(dir, 'principal.xlsx');
    expect(run(['convert', SRC, ours]).exitCode).toBe(0);
    const [pdf] = soffice(ours, 'pdf');
    const text = spawnSync('pdftotext', ['-layout', pdf!, '-'], { encoding: 'utf8' }).stdout;
    for (const word of ['budget', 'chapitre', 'realise', 'principal']) expect(text).toContain(word);
    const labels = (parse(readFileSync(SRC, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => r.libelle).filter(Boolean);
    expect(labels.length).toBeGreaterThan(3);
    // Words of each label (a long one wraps or is cut at the column edge in print).
    for (const l of labels) expect(text, l).toContain(l!.split(/\s+/)[0]!);
  }, LIBREOFFICE_TIMEOUT);
});
