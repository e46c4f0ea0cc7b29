// The HTML / PDF report prints a table whose figures are all n.s. as one line of "tableaux non calculés"; other writers keep it.
import { describe, expect, it } from 'vitest';
import { collapseUncomputable } from '../src/report/printed.js';
import { amount, ns, text, type Table } from '../src/report/table.js';
import { computeJson, run } from './helpers/run.js';

const table = (id: string, cells: Table['rows'][number]['cells'][]): Table => ({
  id,
  scope: 'b.2022',
  title: `Budget — ${id}`,
  columns: [],
  rows: cells.map((c, i) => ({ id: `r${i}`, role: 'item', cells: c })),
  notes: [],
});

describe('tables that cannot be computed, in the printed report', () => {
  it('collapses a table whose figures are all n.s. (one figure aside), keeps one with two figures', () => {
    const allNs = table('epargne', [{ l: text('a'), v: ns('section total only') }, { l: text('b'), v: ns('section total only') }, { l: text('c'), v: amount(600n) }]);
    const twoFigures = table('execution', [{ l: text('a'), v: ns('x') }, { l: text('b'), v: amount(1n) }, { l: text('c'), v: amount(2n) }]);
    const out = collapseUncomputable([twoFigures, allNs], 'fr');
    expect(out.map((x) => x.id)).toEqual(['execution', 'non-calcules']);
    expect(out[1]!.title).toBe('Budget — tableaux non calculés');
    expect(out[1]!.rows.map((r) => [r.cells.tableau, r.cells.raison])).toEqual([[text('Budget — epargne'), text('section total only')]]);
  });

  it('SITIV 2022: the HTML lists épargne, dette, capacité and ratios as not computed; the JSON keeps them whole', () => {
    const html = run(['compute', 'fixtures/sitiv-2022', '--format', 'html']);
    expect(html.exitCode).toBe(0);
    expect(html.stdout).toContain('Budget principal — tableaux non calculés');
    expect(html.stdout).toContain('<caption>Budget principal — Exécution du budget 2022</caption>');
    expect(html.stdout).not.toContain('<caption>Budget principal — Épargne 2022</caption>');
    const { figures } = computeJson('fixtures/sitiv-2022');
    expect(Object.keys(figures).some((k) => k.startsWith('principal.2022.epargne.'))).toBe(true);
    // The execution keeps its figures in the HTML (seed: fonctionnement recettes 3 329 960,40).
    expect(html.stdout).toContain('3 329 960,40');
  });
});
