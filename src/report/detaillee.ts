// Présentation détaillée over several years: chapters by code per section and sens, totals, published totals, evolutions.
import { cagr, firstToLast, meanOfYearlyEvolutions, yearlyEvolutions, type YearValue } from '../compute/evolution.js';
import { D, type Cents } from '../money/cents.js';
import type { FlowKey } from '../model/budget.js';
import type { Plan } from '../nomenclature/plan.js';
import { col, percent, publishedCents, rateCell, type MultiYearInput } from './multi-year-cells.js';
import { amount, empty, ns, text, type Cell, type Formula, type Row, type Table } from './table.js';

const FLOW_TITLE: Record<FlowKey, string> = {
  FD: 'Fonctionnement — dépenses',
  FR: 'Fonctionnement — recettes',
  ID: 'Investissement — dépenses',
  IR: 'Investissement — recettes',
};

/** A row of the présentation: its figure per year (undefined: absent that year) and, for evolutions, its series. */
interface Line {
  id: string;
  code: string;
  label: string;
  values: Map<number, Cents>;
  /** Years where the line may exist (where absence means zero rather than "not this meaning"). */
  years: Set<number>;
  /** A "dont" row detailing a chapter: not added into the total. */
  detail: boolean;
}

/** Chapter meaning in a plan, to tell a chapter that changed between plans (M14 → M57) from one that did not. */
function meaning(plan: Plan | undefined, code: string): string {
  const c = plan?.chapter(code);
  return c ? `${c.libelle}|${c.section}` : '';
}

function detailleeLines(inp: MultiYearInput, key: FlowKey, span: number[], notes: string[]): Line[] {
  const present = span.filter((y) => inp.years.has(y));
  const codes = new Set<string>();
  for (const y of present) for (const code of inp.years.get(y)!.flows[key].chapters.keys()) codes.add(code);
  const latest = inp.plans.get(present[present.length - 1]!);
  const order = new Map((latest?.chapters() ?? []).map((c, i) => [c.code, i]));
  const sorted = [...codes].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b));
  const lines: Line[] = [];
  for (const code of sorted) {
    // Years grouped by what the chapter means in that year's plan.
    const groups = new Map<string, number[]>();
    for (const y of present) {
      const m = meaning(inp.plans.get(y), code);
      // A plan without this chapter, and no such line that year: the chapter did not exist then, it did not change.
      if (m === '' && !inp.years.get(y)!.flows[key].chapters.has(code)) continue;
      groups.set(m, [...(groups.get(m) ?? []), y]);
    }
    // The meaning of the latest year that has one keeps the plain code as row id.
    const latestYear = Math.max(...[...groups.values()].flat());
    const lastMeaning = [...groups.entries()].find(([, ys]) => ys.includes(latestYear))?.[0];
    if (groups.size > 1) {
      const parts = [...groups.entries()].map(([m, ys]) => `«${m.split('|')[0] || 'unknown'}» (section ${m.split('|')[1] || '?'}) in ${inp.plans.get(ys[0]!)?.id ?? '?'} for ${ys.join(', ')}`);
      notes.push(`chapter ${code} changed meaning between plans: ${parts.join('; ')}. Shown on separate rows, not merged; no evolution across them.`);
    }
    for (const [m, ys] of groups) {
      const planId = inp.plans.get(ys[0]!)?.id ?? 'unknown';
      const id = m === lastMeaning ? code : `${code}-${planId}`;
      const label = m.split('|')[0] || code;
      const line: Line = { id, code, label: groups.size > 1 && m !== lastMeaning ? `${label} (${planId})` : label, values: new Map(), years: new Set(ys), detail: false };
      const accounts = new Map<string, Line>();
      const residual: Line = { id: `${id}-non-ventile`, code, label: 'dont non ventilé par compte', values: new Map(), years: new Set(ys), detail: true };
      let hasAccounts = false;
      let hasResidual = false;
      for (const y of ys) {
        const chapter = inp.years.get(y)!.flows[key].chapters.get(code);
        if (!chapter) continue;
        line.values.set(y, chapter.realise);
        let detailed = 0n;
        for (const [compte, a] of chapter.accounts) {
          hasAccounts = true;
          detailed += a.realise;
          let acc = accounts.get(compte);
          if (!acc) {
            const lib = inp.plans.get(y)?.account(compte)?.libelle ?? '';
            acc = { id: `${id}-${compte}`, code: compte, label: `dont ${compte}${lib ? ` ${lib}` : ''}`, values: new Map(), years: new Set(ys), detail: true };
            accounts.set(compte, acc);
          }
          acc.values.set(y, a.realise);
        }
        // Shown for every year of the chapter once one year needs it, so that a printed "-" reads 0,00.
        residual.values.set(y, chapter.realise - detailed);
        if (detailed !== chapter.realise) hasResidual = true;
      }
      lines.push(line);
      if (hasAccounts) {
        lines.push(...[...accounts.values()].sort((a, b) => a.code.localeCompare(b.code)));
        if (hasResidual) lines.push(residual);
      }
    }
  }
  return lines;
}

const isAmount = (c: Cell | undefined) => c?.kind === 'amount' || c?.kind === 'empty' || c === undefined;

/** first-last and CAGR of a row as live formulas over its own year cells (where both are meaningful). */
function spanFormulas(row: string, cells: Record<string, Cell>, span: number[]): Record<string, Formula> {
  const first = { row, column: String(span[0]) };
  const last = { row, column: String(span[span.length - 1]) };
  const f: Record<string, Formula> = {};
  if (!isAmount(cells[first.column]) || !isAmount(cells[last.column])) return f;
  if (cells['first-last']?.kind === 'percent') f['first-last'] = { op: 'evo', a: last, b: first };
  if (cells.cagr?.kind === 'percent') f.cagr = { op: 'cagr', first, last, years: span[span.length - 1]! - span[0]! };
  return f;
}

/** The evolution row: each year against the year before, first-last, mean of the yearly ones and CAGR, over the total row. */
function evolutionFormulas(cells: Record<string, Cell>, span: number[]): Record<string, Formula> {
  const f: Record<string, Formula> = {};
  span.forEach((y, i) => {
    if (i > 0 && cells[String(y)]?.kind === 'percent') f[String(y)] = { op: 'evo', a: { row: 'total', column: String(y) }, b: { row: 'total', column: String(span[i - 1]) } };
  });
  const first = { row: 'total', column: String(span[0]) };
  const last = { row: 'total', column: String(span[span.length - 1]) };
  if (cells['first-last']?.kind === 'percent') f['first-last'] = { op: 'evo', a: last, b: first };
  if (cells.cagr?.kind === 'percent') f.cagr = { op: 'cagr', first, last, years: span[span.length - 1]! - span[0]! };
  if (cells.moyenne?.kind === 'percent') f.moyenne = { op: 'mean', refs: span.slice(1).map((y) => ({ row: 'evolution', column: String(y) })) };
  return f;
}

function seriesOf(span: number[], get: (y: number) => Cents | undefined): YearValue[] {
  return span.map((exercice) => ({ exercice, value: get(exercice) }));
}

export function detailleeTable(inp: MultiYearInput, key: FlowKey, span: number[], scope: string): Table {
  const id = `detaillee-${key[0]}-${key[1]}`;
  const first = span[0]!;
  const last = span[span.length - 1]!;
  const notes: string[] = [];
  const lines = detailleeLines(inp, key, span, notes);
  const noLedger = (y: number) => ns(`no ledger for ${y}`);
  const summary = (series: YearValue[]) => {
    const yearly = yearlyEvolutions(series);
    return { yearly, cells: { 'first-last': rateCell(firstToLast(series)), moyenne: rateCell(meanOfYearlyEvolutions(yearly)), cagr: rateCell(cagr(series)) } };
  };
  const rows: Row[] = [];
  const topLevel: string[] = [];
  for (const l of lines) {
    const cells: Record<string, Cell> = { libelle: text(l.label), chapitre: text(l.code) };
    for (const y of span) {
      if (!inp.years.has(y)) cells[String(y)] = noLedger(y);
      else {
        const v = l.values.get(y);
        cells[String(y)] = v === undefined ? empty : amount(v);
      }
    }
    // Absent in a year of the same meaning counts as zero; a year of another meaning or without ledger is unknown.
    const series = seriesOf(span, (y) => (inp.years.has(y) && l.years.has(y) ? l.values.get(y) ?? 0n : undefined));
    Object.assign(cells, summary(series).cells);
    rows.push({ id: l.id, role: 'item', cells, formulas: spanFormulas(l.id, cells, span) });
    if (!l.detail) topLevel.push(l.id);
  }
  const carried = key[0] === 'F' ? '002' : '001';
  const reporte = (y: number) => inp.years.get(y)?.flows[key].reporte?.amount;
  if (span.some((y) => reporte(y) !== undefined)) {
    const label = key[1] === 'R' ? `Résultat reporté (R${carried})` : `Déficit reporté (D${carried})`;
    const cells: Record<string, Cell> = { libelle: text(label), chapitre: text(carried) };
    for (const y of span) {
      if (!inp.years.has(y)) cells[String(y)] = noLedger(y);
      else {
        const v = reporte(y);
        cells[String(y)] = v === undefined ? empty : amount(v);
      }
    }
    Object.assign(cells, summary(seriesOf(span, (y) => (inp.years.has(y) ? reporte(y) ?? 0n : undefined))).cells);
    rows.push({ id: carried, role: 'item', cells, formulas: spanFormulas(carried, cells, span) });
    topLevel.push(carried);
  }
  const totals = new Map<number, Cents>();
  for (const y of span) {
    const ex = inp.years.get(y);
    if (!ex) continue;
    const flow = ex.flows[key];
    if (flow.declaredTotal) notes.push(`${y}: the ledger gives only a section total (line ${flow.declaredTotal.line}), no chapter split`);
    let t = flow.declaredTotal?.realise ?? 0n;
    if (!flow.declaredTotal) for (const c of flow.chapters.values()) t += c.realise;
    totals.set(y, t + (flow.reporte?.amount ?? 0n));
  }
  const totalCells: Record<string, Cell> = { libelle: text(`Total ${FLOW_TITLE[key].split(' — ')[1]} (lignes + reporté)`), chapitre: empty };
  const totalFormulas: Record<string, Formula> = {};
  for (const y of span) {
    const t = totals.get(y);
    totalCells[String(y)] = t === undefined ? noLedger(y) : amount(t);
    if (t !== undefined) totalFormulas[String(y)] = { op: 'sum', refs: topLevel.map((row) => ({ row, column: String(y) })) };
  }
  rows.push({ id: 'total', role: 'total', cells: totalCells, formulas: totalFormulas });

  const totalSeries = seriesOf(span, (y) => totals.get(y));
  const { yearly, cells: sumCells } = summary(totalSeries);
  const evoCells: Record<string, Cell> = { libelle: text('Évolution (N / N−1 − 1)'), chapitre: empty, ...sumCells };
  span.forEach((y, i) => (evoCells[String(y)] = rateCell(yearly[i])));

  const pub = inp.publie;
  const figure = (row: string, column: string) => pub?.get(`${scope}.${id}.${row}.${column}`);
  if (span.some((y) => figure('total', String(y)))) {
    const pc: Record<string, Cell> = { libelle: text('Total publié'), chapitre: empty };
    const ec: Record<string, Cell> = { libelle: text('Écart (calculé − publié)'), chapitre: empty };
    for (const y of span) {
      const p = publishedCents(figure('total', String(y)));
      pc[String(y)] = p === undefined ? empty : amount(p);
      const t = totals.get(y);
      ec[String(y)] = p === undefined || t === undefined ? empty : amount(t - p);
    }
    rows.push({ id: 'publie', role: 'item', cells: pc });
    rows.push({ id: 'ecart', role: 'item', cells: ec });
  }
  rows.push({ id: 'evolution', role: 'item', cells: evoCells, formulas: evolutionFormulas(evoCells, span) });
  const evoColumns = [...span.slice(1).map(String), 'first-last', 'moyenne', 'cagr'];
  if (evoColumns.some((c) => figure('evolution', c))) {
    const pc: Record<string, Cell> = { libelle: text('Évolution publiée'), chapitre: empty };
    const ec: Record<string, Cell> = { libelle: text('Écart (calculé arrondi − publié, points)'), chapitre: empty };
    for (const c of evoColumns) {
      const p = figure('evolution', c);
      if (!p) continue;
      pc[c] = percent(p.valeur);
      const computed = evoCells[c];
      const decimals = p.precision === '0.01' ? 2 : p.precision === '0.1' ? 1 : 0;
      ec[c] = computed?.kind === 'percent' ? percent(computed.value.toDecimalPlaces(decimals, D.ROUND_HALF_UP).minus(p.valeur)) : empty;
    }
    rows.push({ id: 'evolution-publiee', role: 'item', cells: pc });
    rows.push({ id: 'evolution-ecart', role: 'item', cells: ec });
  }
  if (inp.precision === '1') {
    notes.push('figures as printed, each line rounded to the euro on its own: a published total may differ from the sum of its lines by a few euros; lines are never adjusted to fit a total');
  }
  notes.push(`${last}/${first}: evolution from the first to the last year; moyenne: arithmetic mean of the yearly evolutions (the report's definition); CAGR: compound annual growth rate, (last / first)^(1 / ${last - first}) − 1`);
  return {
    id,
    scope,
    title: `Présentation détaillée ${first}–${last} — ${FLOW_TITLE[key]}`,
    columns: [
      col('libelle', '', 'text'),
      col('chapitre', 'Chap.', 'text'),
      ...span.map((y) => col(String(y), String(y), 'amount')),
      col('first-last', `${last}/${first}`, 'percent'),
      col('moyenne', 'Moyenne', 'percent'),
      col('cagr', 'CAGR', 'percent'),
    ],
    rows,
    notes,
  };
}
