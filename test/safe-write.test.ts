// Safe writing: formula injection neutralised in CSV and XLSX, amounts still numbers, inputs never overwritten, binary never to a terminal.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutput } from '../src/cli/output.js';
import { UsageError } from '../src/errors.js';
import { csvField } from '../src/render/csv.js';
import { inertText, restoreText } from '../src/sheet/safe-text.js';
import { BIN, ROOT, run } from './helpers/run.js';

const SRC = join(ROOT, 'fixtures/sitiv-2022');
const ATTACKS = ['=HYPERLINK("http://evil.example","clic")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

describe('neutralisation', () => {
  it('prefixes text a spreadsheet would run, and leaves amounts and plain text alone', () => {
    for (const a of ATTACKS) {
      expect(inertText(a)).toBe(`'${a}`);
      expect(restoreText(inertText(a))).toBe(a);
      expect(csvField(a).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(inertText("'=x")).toBe("''=x");
    expect(restoreText("''=x")).toBe("'=x");
    expect(inertText('Métropole de Lyon')).toBe('Métropole de Lyon');
    expect(restoreText("l'État")).toBe("l'État");
    expect(csvField('-578436.20')).toBe('-578436.20');
  });
});

/** SITIV with a co-financing partner whose name is an injection attempt. */
function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-inject-'));
  for (const f of readdirSync(SRC)) copyFileSync(join(SRC, f), join(dir, f));
  const cof = readFileSync(join(dir, 'cofinancement.csv'), 'utf8').replace('Ville de Lyon', '"=HYPERLINK(""http://evil.example"",""clic"")"');
  writeFileSync(join(dir, 'cofinancement.csv'), cof);
  return dir;
}

describe('compute outputs with an injection attempt in a name', () => {
  it('CSV: the name is inert, the amounts are plain numbers', () => {
    const r = run(['compute', hostileFolder(), '--format', 'csv']);
    expect(r.exitCode, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('HYPERLINK') && l.includes('.montant,'))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(line.endsWith(',29070.00,')).toBe(true);
    for (const l of r.stdout.split('\n')) for (const f of l.split(',')) expect(f).not.toMatch(/^"?[=+@\t\r]/);
  });
  it('XLSX: the name is a text cell starting with an apostrophe, never a formula; amounts are numbers', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitiv-inject-')), 'ca.xlsx');
    expect(run(['compute', hostileFolder(), '-o', file]).exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('TNO Co-financement 2022')!;
    expect(ws.getCell('A4').value).toBe(`'=HYPERLINK("http://evil.example","clic")`);
    expect(ws.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B4').value).toBe(29070);
    let strings = 0;
    wb.eachSheet((s) =>
      s.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string') {
            strings++;
            expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
          }
        }),
      ),
    );
    expect(strings).toBeGreaterThan(100);
  });
});

describe('writing files', () => {
  it('refuses -o onto an input and leaves it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-safe-'));
    for (const f of readdirSync(SRC)) copyFileSync(join(SRC, f), join(dir, f));
    const before = readFileSync(join(dir, 'principal.csv'));
    const r = run(['compute', dir, '-o', join(dir, 'principal.csv'), '--format', 'csv']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('it is an input of this run');
    expect(readFileSync(join(dir, 'principal.csv'))).toEqual(before);
  });
  it('leaves nothing behind when the target cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-safe-'));
    const r = run(['compute', SRC, '-o', join(dir, 'missing', 'ca.xlsx')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('cannot write');
    expect(readdirSync(dir)).toEqual([]);
  });
  it('writes the whole file under its name, no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-safe-'));
    expect(run(['compute', SRC, '-o', join(dir, 'ca.xlsx')]).exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual(['ca.xlsx']);
    expect(readFileSync(join(dir, 'ca.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('binary output to a terminal', () => {
  const isTTY = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = isTTY;
  });
  it('is refused; text output is not', async () => {
    process.stdout.isTTY = true;
    await expect(writeOutput(new Uint8Array([0x50, 0x4b]), { inputs: [] }, true)).rejects.toThrow(UsageError);
    await expect(writeOutput(new Uint8Array([0x50, 0x4b]), { inputs: [] }, true)).rejects.toThrow('refusing to write a binary format to a terminal: use -o FILE');
    expect(existsSync('-')).toBe(false);
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!hasScript)('on a real pseudo-terminal (util-linux script)', () => {
  it('compute --format xlsx refuses the terminal and writes nothing; --format md prints', () => {
    const tty = (args: string) =>
      spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const x = tty('compute fixtures/sitiv-2022 --format xlsx');
    expect(x.status).toBe(2);
    expect(x.stdout).toContain('error: refusing to write xlsx to a terminal: use -o FILE');
    expect(x.stdout).not.toContain('PK');
    const md = tty('compute fixtures/sitiv-2022 --format md');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('|:---|---:|');
  });
});
