// What the report's charts show, read from the table model: structure by chapter, multi-year series, debt, RAR, co-financement.
import { evolution } from '../compute/evolution.js';
import { D, type Cents, type Dec } from '../money/cents.js';
import { formatAmount, formatPercent, formatRatio, type Locale } from '../money/format.js';
import { cellOf, type Cell, type Row, type Table } from '../report/table.js';
import type { DocText } from './document-text.js';
import { budgetOf, splitScope } from './key-figures.js';

export type ChartKind = 'hbar' | 'bars' | 'lines' | 'pie' | 'debt' | 'ratio';

export interface ChartSeries {
  name: string;
  /** Exact figures (cents or a ratio); undefined where the table has none. */
  values: ({ cents: Cents } | { ratio: Dec } | undefined)[];
  /** The label printed at each point, formatted from the exact figure. */
  labels: string[];
  /** Plain full figures for the text alternative. */
  full: string[];
}

export interface ChartSpec {
  id: string;
  kind: ChartKind;
  title: string;
  categories: string[];
  series: ChartSeries[];
  ceiling?: { value: Dec; label: string };
  /** Text alternative: the title and every figure. */
  alt: string;
}

/** Order chapters and carried results are not real operations: the structure charts leave them out. */
const NOT_REAL = new Set(['001', '002', '021', '023', '040', '041', '042', '043']);

/** A compact amount for a chart label, rounded once, half away from zero: `3,33 M€`, `458 k€`. */
export function compactEuros(c: Cents, lang: Locale): string {
  const euros = new D(c.toString()).div(100);
  const big = euros.abs().gte(1_000_000);
  const v = big ? euros.div(1_000_000).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2) : euros.div(1000).toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0);
  const s = lang === 'fr' ? v.replace('.', ',') : v;
  return `${s === '-0' ? '0' : s}${lang === 'fr' ? ' ' : ''}${big ? 'M€' : 'k€'}`;
}

const amountOf = (c: Cell): Cents | undefined => (c.kind === 'amount' ? c.cents : undefined);

function yearColumns(t: Table): string[] {
  return t.columns.filter((c) => /^\d{4}$/.test(c.id)).map((c) => c.id);
}

function rowOf(t: Table | undefined, id: string): Row | undefined {
  return t?.rows.find((r) => r.id === id);
}

function amountSeries(name: string, row: Row | undefined, cols: string[], lang: Locale, withEvolution = false): ChartSeries {
  const cents = cols.map((c) => (row ? amountOf(cellOf(row, c)) : undefined));
  return {
    name,
    values: cents.map((c) => (c === undefined ? undefined : { cents: c })),
    labels: cents.map((c, i) => {
      if (c === undefined) return '';
      const e = withEvolution && i > 0 ? evolution(cents[i - 1], c) : undefined;
      return e && 'value' in e ? `${compactEuros(c, lang)}\n${e.value.gte(0) ? '+' : ''}${formatPercent(e.value, lang)}` : compactEuros(c, lang);
    }),
    full: cents.map((c) => (c === undefined ? 'n.s.' : `${formatAmount(c, lang)} €`)),
  };
}

function altText(title: string, categories: string[], series: ChartSeries[], t: DocText): string {
  const parts = series.map((s) => `${s.name} : ${categories.map((c, i) => `${c} ${s.full[i]}`).join(' ; ')}`);
  return `${title}. ${t.figuresOfChart} — ${parts.join('. ')}.`;
}

function spec(id: string, kind: ChartKind, title: string, categories: string[], series: ChartSeries[], t: DocText, extra: Partial<ChartSpec> = {}): ChartSpec {
  return { id, kind, title, categories, series, alt: altText(title, categories, series, t), ...extra };
}

/** Real chapters of a présentation détaillée in its last year, largest first. */
function structureChart(t: Table, lang: Locale, text: DocText): ChartSpec | undefined {
  const years = yearColumns(t);
  const last = years[years.length - 1];
  if (!last) return undefined;
  const rows = t.rows
    .filter((r) => r.role === 'item' && cellOf(r, 'chapitre').kind === 'text')
    .filter((r) => {
      const code = (cellOf(r, 'chapitre') as { text: string }).text;
      return r.id === code && !NOT_REAL.has(code);
    })
    .map((r) => ({ r, c: amountOf(cellOf(r, last)) }))
    .filter((x): x is { r: Row; c: Cents } => x.c !== undefined && x.c > 0n)
    .sort((a, b) => (a.c > b.c ? -1 : a.c < b.c ? 1 : 0));
  if (rows.length === 0) return undefined;
  const label = (r: Row) => {
    const code = (cellOf(r, 'chapitre') as { text: string }).text;
    const lib = cellOf(r, 'libelle');
    return `${code} ${lib.kind === 'text' ? lib.text : ''}`.trim();
  };
  const [, sectionSens] = t.id.split('detaillee-');
  const [section, sens] = (sectionSens ?? 'F-D').split('-');
  const title = `${budgetOf(t)} — ${text.chartStructure(sens === 'R' ? text.recettes : text.depenses, section === 'I' ? text.investissement : text.fonctionnement, last)}`;
  const series: ChartSeries = {
    name: last,
    values: rows.map((x) => ({ cents: x.c })),
    labels: rows.map((x) => compactEuros(x.c, lang)),
    full: rows.map((x) => `${formatAmount(x.c, lang)} €`),
  };
  return spec(`${t.scope}.${t.id}.structure`, 'hbar', title, rows.map((x) => label(x.r)), [series], text);
}

function rarChart(t: Table, lang: Locale, text: DocText): ChartSpec | undefined {
  const rows = t.rows.filter((r) => r.role === 'item').map((r) => ({ r, c: amountOf(cellOf(r, 'depenses')) })).filter((x): x is { r: Row; c: Cents } => x.c !== undefined && x.c > 0n);
  if (rows.length === 0) return undefined;
  const label = (r: Row) => ['chapitre', 'libelle'].map((c) => { const x = cellOf(r, c); return x.kind === 'text' ? x.text : ''; }).join(' ').trim();
  const [, year] = splitScope(t.scope);
  const series: ChartSeries = {
    name: text.depenses,
    values: rows.map((x) => ({ cents: x.c })),
    labels: rows.map((x) => compactEuros(x.c, lang)),
    full: rows.map((x) => `${formatAmount(x.c, lang)} €`),
  };
  return spec(`${t.scope}.rar.chart`, 'hbar', `${budgetOf(t)} — ${text.chartRar(year)}`, rows.map((x) => label(x.r)), [series], text);
}

function cofinancementChart(t: Table, lang: Locale, text: DocText): ChartSpec | undefined {
  const rows = t.rows.filter((r) => r.role === 'item' && cellOf(r, 'part').kind === 'percent');
  if (rows.length === 0) return undefined;
  const names = rows.map((r) => { const x = cellOf(r, 'partenaire'); return x.kind === 'text' ? x.text : r.id; });
  const cents = rows.map((r) => amountOf(cellOf(r, 'montant'))!);
  const parts = rows.map((r) => (cellOf(r, 'part') as { value: Dec }).value);
  const series: ChartSeries = {
    name: text.montant,
    values: cents.map((c) => ({ cents: c })),
    labels: parts.map((p, i) => `${names[i]} : ${formatPercent(p, lang)}`),
    full: cents.map((c, i) => `${formatAmount(c, lang)} € (${formatPercent(parts[i]!, lang)})`),
  };
  return spec(`${t.scope}.cofinancement.chart`, 'pie', `${budgetOf(t)} — ${text.chartCofinancement(splitScope(t.scope)[1])}`, names, [series], text);
}

/** Every chart the tables allow, in reading order: multi-year first, then each exercice's structure, RAR and partners. */
export function chartSpecs(tables: Table[], lang: Locale, text: DocText): ChartSpec[] {
  const out: ChartSpec[] = [];
  const byScope = new Map<string, Table[]>();
  for (const t of tables) byScope.set(t.scope, [...(byScope.get(t.scope) ?? []), t]);
  for (const [scope, ts] of byScope) {
    const [, period] = splitScope(scope);
    const find = (id: string) => ts.find((t) => t.id === id);
    if (/^\d{4}-\d{4}$/.test(period)) {
      const budget = budgetOf(ts[0]!);
      const span = period.replace('-', '–');
      const ep = find('epargne');
      const epYears = ep ? yearColumns(ep).filter((y) => ts.some((t) => t.id === 'detaillee-F-D' && yearColumns(t).includes(y))) : [];
      if (ep && epYears.length) {
        out.push(spec(`${scope}.fonctionnement.chart`, 'bars', `${budget} — ${text.chartFonctionnement(span)}`, epYears, [
          amountSeries(labelCell(ep, 'depenses-reelles'), rowOf(ep, 'depenses-reelles'), epYears, lang, true),
          amountSeries(labelCell(ep, 'recettes-reelles'), rowOf(ep, 'recettes-reelles'), epYears, lang, true),
        ], text));
        out.push(spec(`${scope}.epargne.chart`, 'lines', `${budget} — ${text.chartEpargne(span)}`, epYears, ['epargne-gestion', 'epargne-brute', 'epargne-nette'].map((id) => amountSeries(labelCell(ep, id), rowOf(ep, id), epYears, lang)), text));
      }
      const id = find('detaillee-I-D');
      const ir = find('detaillee-I-R');
      if (id && ir) {
        const ys = yearColumns(id);
        out.push(spec(`${scope}.investissement.chart`, 'bars', `${budget} — ${text.chartInvestissement(span)}`, ys, [
          amountSeries(text.depenses, rowOf(id, 'total'), ys, lang, true),
          amountSeries(text.recettes, rowOf(ir, 'total'), ys, lang, true),
        ], text));
      }
      const dette = find('dette');
      if (dette) {
        const rows = dette.rows.filter((r) => amountOf(cellOf(r, 'encours')) !== undefined || amountOf(cellOf(r, 'annuite')) !== undefined);
        const ys = rows.map((r) => r.id);
        const pick = (col: string, name: string) => seriesFromCells(name, rows.map((r) => cellOf(r, col)), lang);
        if (rows.length) out.push(spec(`${scope}.dette.chart`, 'debt', `${budget} — ${text.chartDette(span)}`, ys, [pick('encours', text.encours), pick('annuite', text.annuite)], text));
      }
      const des = find('desendettement');
      const ratioRow = rowOf(des, 'ratio');
      if (des && ratioRow) {
        const ys = yearColumns(des).filter((y) => cellOf(ratioRow, y).kind === 'ratio');
        const plafond = rowOf(des, 'plafond');
        const pc = plafond ? cellOf(plafond, ys[0] ?? '') : undefined;
        const series: ChartSeries = {
          name: text.ratio,
          values: ys.map((y) => ({ ratio: (cellOf(ratioRow, y) as { value: Dec }).value })),
          labels: ys.map((y) => formatRatio((cellOf(ratioRow, y) as { value: Dec }).value, lang)),
          full: ys.map((y) => `${formatRatio((cellOf(ratioRow, y) as { value: Dec }).value, lang)} ${text.annees}`),
        };
        if (ys.length) {
          const ceiling = pc?.kind === 'ratio' ? { value: pc.value, label: `${text.plafond} ${formatRatio(pc.value, lang)} ${text.annees}` } : undefined;
          const s = spec(`${scope}.desendettement.chart`, 'ratio', `${budget} — ${text.chartDesendettement(span)}`, ys, [series], text, ceiling ? { ceiling } : {});
          if (ceiling) s.alt = `${s.alt.slice(0, -1)}. ${ceiling.label}.`;
          out.push(s);
        }
      }
      for (const key of ['F-D', 'F-R', 'I-D', 'I-R']) {
        const t = find(`detaillee-${key}`);
        const c = t && structureChart(t, lang, text);
        if (c) out.push(c);
      }
    } else {
      const ex = find('execution');
      const f = rowOf(ex, 'fonctionnement-exercice');
      const i = rowOf(ex, 'investissement-exercice');
      if (ex && f && i) {
        const cats = [text.fonctionnement, text.investissement];
        const series = (col: string, name: string) => seriesFromCells(name, [cellOf(f, col), cellOf(i, col)], lang);
        out.push(spec(`${scope}.execution.chart`, 'bars', `${budgetOf(ex)} — ${text.chartExecution(period)}`, cats, [series('depenses', text.depenses), series('recettes', text.recettes)], text));
      }
      const rar = find('rar');
      const c = rar && rarChart(rar, lang, text);
      if (c) out.push(c);
      const cof = find('cofinancement');
      const p = cof && cofinancementChart(cof, lang, text);
      if (p) out.push(p);
    }
  }
  return out;
}

function labelCell(t: Table, row: string): string {
  const r = rowOf(t, row);
  const c = r ? cellOf(r, 'libelle') : undefined;
  return c?.kind === 'text' ? c.text : row;
}

function seriesFromCells(name: string, cells: Cell[], lang: Locale): ChartSeries {
  const cents = cells.map(amountOf);
  return {
    name,
    values: cents.map((c) => (c === undefined ? undefined : { cents: c })),
    labels: cents.map((c) => (c === undefined ? '' : compactEuros(c, lang))),
    full: cents.map((c) => (c === undefined ? 'n.s.' : `${formatAmount(c, lang)} €`)),
  };
}
