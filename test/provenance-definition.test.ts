// Every output that carries a provenance names the definition of its aggregates (`definition=ca` by default): compute in
// each writer, check, diff, convert and compute --by entity.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';

const FOLDER = 'fixtures/sitiv-2022';

describe('provenance names the definition', () => {
  it('compute: terminal, CSV, Markdown, JSON Lines, JSON, HTML', () => {
    for (const format of ['table', 'csv', 'md']) {
      const r = run(['compute', FOLDER, '--format', format]);
      expect(r.exitCode, format).toBe(0);
      expect(r.stdout, format).toMatch(/options[^\n]*definition=ca/);
    }
    const jsonl = run(['compute', FOLDER, '--format', 'jsonl']);
    expect(JSON.parse(jsonl.stdout.split('\n')[0]!).provenance.options.definition).toBe('ca');
    const json = run(['compute', FOLDER, '--format', 'json']);
    expect(JSON.parse(json.stdout).provenance.options.definition).toBe('ca');
    const html = run(['compute', FOLDER, '--format', 'html']);
    expect(html.stdout).toContain('<code>definition=ca</code>');
  });

  it('compute: the XLSX Provenance sheet', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sitiv-prov-')), 'ca.xlsx');
    expect(run(['compute', FOLDER, '-o', out]).exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets.at(-1)!;
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push(String(row.getCell(1).value)));
    expect(lines.some((l) => /definition=ca/.test(l)), lines.join('\n')).toBe(true);
  });

  it('check --format json and diff --format json', () => {
    const check = run(['check', FOLDER, '--format', 'json']);
    expect(JSON.parse(check.stdout).provenance.options.definition).toBe('ca');
    const diff = run(['diff', FOLDER, 'fixtures/sitiv-2022-corrige', '--format', 'json']);
    expect(JSON.parse(diff.stdout).provenance.options.definition).toBe('ca');
  });

  it('a CSV output file keeps it as a provenance record', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sitiv-prov-')), 'ca.csv');
    expect(run(['compute', FOLDER, '-o', out]).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^provenance,.*definition=ca/m);
  });
});
