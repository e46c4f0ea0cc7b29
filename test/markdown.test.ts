// Markdown output: GitHub tables, figures right-aligned in French notation, totals bold, text escaped.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../src/money/cents.js';
import { renderMarkdownTable } from '../src/render/markdown.js';
import type { Table } from '../src/report/table.js';
import { ROOT, run } from './helpers/run.js';

describe('compute --format md', () => {
  it('prints the SITIV execution table as a GitHub table with right-aligned amounts', () => {
    const r = run(['compute', `${ROOT}fixtures/sitiv-2022`, '--format', 'md']);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('## SITIV — compte administratif');
    const at = lines.indexOf('### Budget principal — Exécution du budget 2022');
    expect(lines.slice(at + 2, at + 6)).toEqual([
      '|   | Recettes | Dépenses | Solde |',
      '|:---|---:|---:|---:|',
      "| Fonctionnement — résultat de l'exercice 2022 | 3 329 960,40 | 3 202 777,11 | 127 183,29 |",
      '| Fonctionnement — résultat antérieur (2021) reporté R002 | 136 955,44 | 0,00 | 136 955,44 |',
    ]);
    expect(r.stdout).toContain('| **Résultat global cumulé 2022 (net des restes à réaliser)** |  |  | **181 498,28** |');
    expect(r.stdout).toContain('| Métropole de Lyon | 50 350,00 | 53,0 % |');
    expect(r.stdout).toMatch(/<details><summary>Provenance<\/summary>\n\n {4}sitiv-ca /);
  });
  it('is chosen by the .md extension of -o, and --locale en switches the notation', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitiv-md-')), 'ca.md');
    const r = run(['compute', `${ROOT}fixtures/sitiv-2022`, '-o', file, '--locale', 'en']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('| **Résultat global cumulé 2022 (net des restes à réaliser)** |  |  | **181,498.28** |');
  });
});

describe('renderMarkdownTable', () => {
  it('escapes pipes, line breaks and HTML in text, and footnotes not-meaningful figures', () => {
    const t: Table = {
      id: 't',
      scope: 'B.2022',
      title: 'A | B',
      columns: [
        { id: 'l', label: 'Libellé', kind: 'text' },
        { id: 'v', label: 'Part', kind: 'percent' },
      ],
      rows: [
        { id: 'a', role: 'item', cells: { l: { kind: 'text', text: 'x|y\n<script>' }, v: { kind: 'percent', value: new D('12.25') } } },
        { id: 'b', role: 'total', cells: { l: { kind: 'text', text: 'Total' }, v: { kind: 'ns', reason: 'zero base' } } },
      ],
      notes: [],
    };
    expect(renderMarkdownTable(t, 'fr').split('\n')).toEqual([
      '### A \\| B',
      '',
      '| Libellé | Part |',
      '|:---|---:|',
      '| x\\|y &lt;script> | 12,3 % |',
      '| **Total** | **n.s.<sup>(1)</sup>** |',
      '',
      '<sup>(1)</sup> not meaningful: zero base  ',
    ]);
  });
});
