// Output choice (issue 15 items 4 and 9): format from -o's extension, refusals, --table, --dialect fr, terminal width, collapsed input problems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapseProblems } from '../src/cli/problems.js';
import { renderBox } from '../src/render/box.js';
import { makeFolder, tempDir, HEADER } from './helpers/folder.js';
import { run } from './helpers/run.js';

const SEED = 'fixtures/sitiv-2022';

describe('compute: the format from -o', () => {
  it('writes JSON, JSON Lines, Markdown and CSV by extension', () => {
    const dir = tempDir();
    for (const ext of ['json', 'jsonl', 'md', 'csv']) expect(run(['compute', SEED, '-o', join(dir, `ca.${ext}`)]).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'ca.json'), 'utf8')).schema).toBe('sitiv-ca.compute/1');
    const jsonl = readFileSync(join(dir, 'ca.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(jsonl[0].provenance.tool.name).toBe('sitiv-ca');
    expect(jsonl.find((l) => l.id === 'principal.2022.affectation.besoin-financement.montant')?.value).toBe('-82640.45');
    expect(readFileSync(join(dir, 'ca.md'), 'utf8')).toMatch(/^## SITIV/);
    expect(readFileSync(join(dir, 'ca.csv'), 'utf8')).toMatch(/^id,table,ligne,colonne,libelle,valeur,raison\n/);
  });
  it('refuses an extension it cannot write (exit 2, nothing written), naming the formats', () => {
    const dir = tempDir();
    const docx = run(['compute', SEED, '-o', join(dir, 'ca.docx')]);
    expect(docx.exitCode).toBe(2);
    expect(docx.stderr).toMatch(/cannot tell the format of .*ca\.docx from its extension: use an extension among \.csv, \.json/);
    expect(run(['compute', SEED, '-o', join(dir, 'ca.docx'), '--format', 'json']).exitCode).toBe(0);
  });
});

describe('--table and --dialect', () => {
  it('--table keeps the named tables, by id or scoped id, and refuses an unknown one', () => {
    const r = run(['compute', SEED, '--format', 'json', '--table', 'affectation', '--table', 'TNO.2022.rar']);
    expect(JSON.parse(r.stdout).tables.map((t: { id: string }) => t.id)).toEqual(['principal.2022.affectation', 'TNO.2022.rar', 'TNO.2022.affectation']);
    const bad = run(['compute', SEED, '--table', 'nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('error: no table nope in this output (tables: execution, chapitres-FD, chapitres-FR, chapitres-ID, chapitres-IR, rar, affectation, epargne, dette, capacite, ratios, cofinancement, ecarts)\n');
  });
  it('--dialect fr writes the CSV a French Excel opens: ;, decimal comma, U+00A0 groups, CRLF, Windows-1252', () => {
    const dir = tempDir();
    const out = join(dir, 'ca.csv');
    expect(run(['compute', SEED, '--table', 'affectation', '--dialect', 'fr', '-o', out]).exitCode).toBe(0);
    const bytes = readFileSync(out);
    const text = bytes.toString('latin1');
    expect(text.split('\r\n')[0]).toBe('id;table;ligne;colonne;libelle;valeur;raison');
    expect(text).toContain(';Besoin de financement de l\'investissement (-);-82\u00a0640,45;\r\n');
    // "é" is one byte (0xE9) in Windows-1252.
    expect(bytes.includes(Buffer.from([0x52, 0xe9, 0x73]))).toBe(true);
    expect(run(['compute', SEED, '--dialect', 'fr', '--format', 'json']).stderr).toBe('error: --dialect applies to CSV output only (the format is json)\n');
    expect(run(['diff', SEED, SEED, '--format', 'csv', '--dialect', 'fr']).exitCode).toBe(0);
  });
});

describe('terminal tables fit the terminal', () => {
  const widest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));
  it('wraps labels, never numbers, at 80 columns; at 200 nothing wraps', () => {
    const at80 = run(['compute', SEED, '--table', 'principal.2022.rar'], { env: { COLUMNS: '80' } }).stdout;
    const table = at80.slice(at80.indexOf('┌'), at80.indexOf('┘') + 1);
    expect(widest(table)).toBeLessThanOrEqual(80);
    expect(table).toContain('│ 10    │ Dotations, fonds divers et');
    expect(table).toContain('578 436,20 │');
    const at200 = run(['compute', SEED, '--table', 'principal.2022.rar'], { env: { COLUMNS: '200' } }).stdout;
    expect(at200).toContain('│ 10    │ Dotations, fonds divers et réserves         │');
  });
  it('renderBox narrows the widest label column only', () => {
    const out = renderBox({ head: ['Libellé', 'Montant'], align: ['left', 'right'], rows: [['Excédent de fonctionnement reporté au budget suivant', '1 234 567,89']], maxWidth: 40 });
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(out).toContain('1 234 567,89');
  });
});

describe('one mistake, one message (item 4)', () => {
  it('collapses identical problems on many lines, keeps distinct ones', () => {
    const p = (line: number, message = 'sens must be D or R', value = 'X') => ({ file: 'l.csv', line, column: 'sens', message, value });
    const lines = collapseProblems([...Array.from({ length: 38 }, (_, i) => p(5 + i)), p(50, 'other')]);
    expect(lines).toEqual(['l.csv:5–42 (38 lines) (sens): sens must be D or R (value: "X")', 'l.csv:50:sens: other (value: "X")']);
  });
  it('stops at 50 distinct messages per file, then counts', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ file: 'l.csv', line: i + 2, column: 'compte', message: `compte ${i} unknown` }));
    const lines = collapseProblems(many);
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toBe('l.csv: … and 10 more distinct problems');
  });
  it('the CLI prints a ledger with one mistake on every line as one line', () => {
    const rows = Array.from({ length: 30 }, () => 'principal,2022,F,X,011,,reel,10.00,').join('\n');
    const r = run(['compute', makeFolder(`${HEADER}\n${rows}\n`)]);
    expect(r.exitCode).toBe(2);
    const errors = r.stderr.trimEnd().split('\n');
    expect(errors.length).toBeLessThanOrEqual(3);
    expect(errors[0]).toMatch(/ledger\.csv:2–31 \(30 lines\)/);
    expect(errors.at(-1)).toBe('30 problems in the input; nothing written');
  });
});
