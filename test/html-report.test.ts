// The HTML report: every figure equals the JSON's by data-id, nothing points at a network, every chart is inline SVG with its figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson, ROOT, run } from './helpers/run.js';

/** Every element carrying a data-id, with its text (tags dropped). */
export function dataIds(html: string): [string, string][] {
  return [...html.matchAll(/<td class="n" data-id="([^"]+)">(.*?)<\/td>/g)].map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, '')]);
}

/** Shown text back to the JSON's plain decimal: `−1 046 426,44 €` → `-1046426.44`, `53,0 %` → `53.0`, `3,9 années` → `3.9`. */
function plain(shown: string): string {
  return shown.replace(/€|années|years|%/g, '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('−', '-');
}

function html(fixture: string, extra: string[] = []): string {
  const r = run(['compute', join(ROOT, 'fixtures', fixture), '--format', 'html', ...extra]);
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout;
}

describe.each(['sitiv-2022', 'sitiv-2018-2022'])('compute %s --format html', (fixture) => {
  let doc = '';
  let figures: Record<string, string | null> = {};
  beforeAll(() => {
    doc = html(fixture);
    // The printed report leaves out the tables marked printed: false (a multi-year folder's earlier single-year analysis).
    const json = computeJson(join(ROOT, 'fixtures', fixture)) as unknown as { figures: Record<string, string | null>; tables: { printed?: boolean; rows: { cells: Record<string, string | { id: string }> }[] }[] };
    const printed = new Set(json.tables.filter((x) => x.printed !== false).flatMap((x) => x.rows.flatMap((r) => Object.values(r.cells).flatMap((c) => (typeof c === 'string' ? [] : [c.id])))));
    figures = Object.fromEntries(Object.entries(json.figures).filter(([id]) => printed.has(id)));
  });

  it('shows every figure of the JSON output, under its id, with the same value', () => {
    const shown = dataIds(doc);
    const ids = new Set(shown.map(([id]) => id));
    // A table whose figures are all n.s. (but one: a ceiling, a population) prints as a line of "tableaux non
    // calculés" (report/printed.ts): its figures are the only ones the HTML may leave out.
    const missing = Object.keys(figures).filter((id) => !ids.has(id));
    const byTable = new Map<string, string[]>();
    for (const id of missing) byTable.set(id.split('.').slice(0, 3).join('.'), [...(byTable.get(id.split('.').slice(0, 3).join('.')) ?? []), id]);
    for (const [table, left] of byTable) {
      expect(doc, table).toMatch(/tableaux non calculés/);
      expect(left.filter((id) => figures[id] !== null).length, table).toBeLessThanOrEqual(1);
    }
    expect([...ids].filter((id) => !(id in figures))).toEqual([]);
    for (const [id, text] of shown) {
      const want = figures[id];
      if (want === null) expect(text, id).toMatch(/^n\.s\./);
      else expect(plain(text), id).toBe(want);
    }
  });

  it('is self-contained: no script, no network address anywhere, CSS inline', () => {
    expect(doc).not.toMatch(/https?:/i);
    // url(#…) names a clip path inside the same SVG; any other url() would be a fetch.
    expect(doc).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\((?!#)/i);
    expect(doc).toMatch(/<style>[\s\S]*@page \{ size: A4;[\s\S]*<\/style>/);
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
  });

  it('draws each chart as inline SVG with a title and an aria-label that holds its figures', () => {
    const svgs = [...doc.matchAll(/<svg role="img" aria-label="([^"]*)" data-chart="([^"]+)"[^>]*><title>([^<]*)<\/title>/g)];
    expect(svgs.length).toBeGreaterThan(fixture === 'sitiv-2022' ? 2 : 8);
    for (const [, aria, , title] of svgs) expect(title).toBe(aria);
  });
});

describe('the charts hold the right figures', () => {
  let one = '';
  let multi = '';
  beforeAll(() => {
    one = html('sitiv-2022');
    multi = html('sitiv-2018-2022');
  });
  const alt = (doc: string, id: string) => {
    const m = new RegExp(`aria-label="([^"]*)" data-chart="${id.replace(/\./g, '\\.')}"`).exec(doc);
    expect(m, id).not.toBeNull();
    return m![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  };

  it('execution by section (2022): the seed\'s réalisations', () => {
    const e = alt(one, 'principal.2022.execution.chart');
    expect(e).toContain('Dépenses : Fonctionnement 3 202 777,11 € ; Investissement 1 086 477,78 €');
    expect(e).toContain('Recettes : Fonctionnement 3 329 960,40 € ; Investissement 1 129 305,49 €');
  });

  it('RAR by chapter and co-financement shares (2022)', () => {
    // The seed's RAR of the budget principal: 458 323,06 (20), 54 532,65 (21)…; TNO's partners 53,0 / 30,6 / 16,4 %.
    expect(alt(one, 'principal.2022.rar.chart')).toContain('20 Immobilisations incorporelles 458 323,06 €');
    expect(alt(one, 'principal.2022.rar.chart')).toContain('21 Immobilisations corporelles 54 532,65 €');
    const cof = alt(one, 'TNO.2022.cofinancement.chart');
    expect(cof).toContain('Métropole de Lyon 50 350,00 € (53,0 %)');
    expect(cof).toContain('Ville de Lyon 29 070,00 € (30,6 %)');
    expect(cof).toContain('SITIV 15 580,00 € (16,4 %)');
  });

  it('multi-year fonctionnement, épargne, investissement, debt and the ratio against its ceiling (2018–2022)', () => {
    const json = computeJson(join(ROOT, 'fixtures/sitiv-2018-2022')).figures;
    const eur = (id: string) => {
      const [i, f] = json[id]!.split('.');
      return `${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${f} €`;
    };
    const f = alt(multi, 'principal.2018-2022.fonctionnement.chart');
    for (const y of [2018, 2019, 2020, 2021, 2022]) {
      expect(f).toContain(`${y} ${eur(`principal.2018-2022.epargne.depenses-reelles.${y}`)}`);
      expect(f).toContain(`${y} ${eur(`principal.2018-2022.epargne.recettes-reelles.${y}`)}`);
    }
    const e = alt(multi, 'principal.2018-2022.epargne.chart');
    expect(e).toContain(`2022 ${eur('principal.2018-2022.epargne.epargne-nette.2022')}`);
    expect(e).toContain(`2019 ${eur('principal.2018-2022.epargne.epargne-gestion.2019')}`);
    const i = alt(multi, 'principal.2018-2022.investissement.chart');
    expect(i).toContain(`2020 ${eur('principal.2018-2022.detaillee-I-D.total.2020')}`);
    const d = alt(multi, 'principal.2018-2022.dette.chart');
    expect(d).toContain(`2022 ${eur('principal.2018-2022.dette.2022.encours')}`);
    expect(d).toContain(`2021 ${eur('principal.2018-2022.dette.2021.annuite')}`);
    const r = alt(multi, 'principal.2018-2022.desendettement.chart');
    expect(r).toContain(`2022 ${json['principal.2018-2022.desendettement.ratio.2022']!.replace('.', ',')} années`);
    expect(r).toContain('Plafond 6,0 années');
    // The structure of real spending leaves order chapters (042) out.
    const s = alt(multi, 'principal.2018-2022.detaillee-F-D.structure');
    expect(s).toContain(`012 Charges de personnel et frais assimilés ${eur('principal.2018-2022.detaillee-F-D.012.2022')}`);
    expect(s).not.toContain('042');
    // The yearly evolution is printed in the bar labels.
    expect(multi).toMatch(/\+15,9 %/);
  });

  it('speaks English with --locale en', () => {
    const en = html('sitiv-2022', ['--locale', 'en']);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en).toContain('Key figures');
    expect(en).toContain('Where this document comes from');
  });

  it('is French whatever the environment, English with --lang en', () => {
    const fr = html('sitiv-2022', []);
    expect(fr.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    const en = html('sitiv-2022', ['--lang', 'en']);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en).toContain('Key figures');
  });

  it('ends on a colophon: version, every input with its sha256, the plan, the options', () => {
    const colophon = one.slice(one.indexOf('<section id="provenance"'));
    expect(colophon).toMatch(/sitiv-ca \d+\.\d+\.\d+/);
    expect(colophon).toMatch(/ledger <code>fixtures\/sitiv-2022\/principal\.csv<\/code><br><code>sha256 [0-9a-f]{64}<\/code>/);
    expect(colophon).toContain('2022 : M57');
    expect(colophon).toContain('excludeCessions=false');
  });
});

describe('--format pdf without a Chromium', () => {
  it('says what to install, exits 2 and writes nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sitiv-nochrome-')), 'rapport.pdf');
    const r = run(['compute', join(ROOT, 'fixtures/sitiv-2022'), '-o', out], { env: { PATH: '/nonexistent', CHROME_PATH: '' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(spawnSync('test', ['-e', out]).status).not.toBe(0);
  });
});
