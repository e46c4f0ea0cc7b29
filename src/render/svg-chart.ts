// Draws a chart spec as inline SVG with Apache ECharts' server-side renderer (no browser, no DOM), with a title and text alternative.
import { createRequire } from 'node:module';
import { centsToString, groupThousands } from '../money/cents.js';
import type { Locale } from '../money/format.js';
import type { ChartSeries, ChartSpec } from './chart-specs.js';
import { escapeHtml } from './html-escape.js';

type ECharts = {
  init: (dom: null, theme: null, opts: { renderer: 'svg'; ssr: true; width: number; height: number }) => {
    setOption: (o: unknown) => void;
    renderToSVGString: () => string;
    dispose: () => void;
  };
};

let echarts: ECharts | undefined;
/** ECharts on demand (its single-file CommonJS build): only the html and pdf formats pay for loading it. */
function loadECharts(): ECharts {
  echarts ??= createRequire(import.meta.url)('echarts') as ECharts;
  return echarts;
}

const PALETTE = ['#1f4e99', '#d9822b', '#2e8b57', '#8e44ad', '#c0392b', '#5d6d7e', '#17a2b8', '#b7950b'];
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

/** A point's position on the chart: geometry only; every figure printed comes from the exact value. */
function position(v: ChartSeries['values'][number]): number | null {
  if (!v) return null;
  return 'cents' in v ? Number(centsToString(v.cents)) : Number(v.ratio.toSignificantDigits(15).toString());
}

/** Axis ticks in the reader's format: `1 500 000`, `2,5`. Ticks are round positions, not figures of the accounts. */
export function tickLabel(v: number, lang: Locale): string {
  const s = String(v);
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.') as [string, string | undefined];
  const body = lang === 'fr' ? `${groupThousands(i, '\u202f')}${f ? `,${f}` : ''}` : `${groupThousands(i, ',')}${f ? `.${f}` : ''}`;
  return neg ? `−${body}` : body;
}

function seriesData(s: ChartSeries) {
  return s.values.map((v, i) => ({ value: position(v), label: { formatter: s.labels[i] ?? '' } }));
}

/** Titles beyond 80 characters break at the « — » after the budget's name (else at the last space before 80). */
function wrapTitle(t: string): string {
  if (t.length <= 80) return t;
  const dash = t.indexOf(' — ');
  if (dash > 0 && dash < 80) return `${t.slice(0, dash)}\n${t.slice(dash + 3)}`;
  const cut = t.lastIndexOf(' ', 80);
  return cut > 0 ? `${t.slice(0, cut)}\n${t.slice(cut + 1)}` : t;
}

function option(c: ChartSpec, lang: Locale): Record<string, unknown> {
  const extra = c.title.length > 80 ? 18 : 0;
  const base = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT, fontSize: 11, color: '#222' },
    // A long title (a budget annexe's name) breaks onto a second line instead of running off the chart.
    title: { text: wrapTitle(c.title), left: 'center', top: 4, textStyle: { fontSize: 13, fontWeight: 'bold', fontFamily: FONT, lineHeight: 18 } },
    legend: c.series.length > 1 ? { bottom: 0, itemGap: 24, textStyle: { fontFamily: FONT } } : undefined,
  };
  const valueAxis = { type: 'value', axisLabel: { formatter: (v: number) => tickLabel(v, lang), fontFamily: FONT }, splitLine: { lineStyle: { color: '#e3e6ea' } } };
  const label = { show: true, fontSize: 10, fontFamily: FONT, color: '#222' };
  switch (c.kind) {
    case 'hbar':
      return {
        ...base,
        // A fixed band for the chapter names (containLabel does not reserve a truncated label's width).
        grid: { left: 270, right: 70, top: 36 + extra, bottom: 24, containLabel: false },
        yAxis: { type: 'category', inverse: true, data: c.categories, axisLabel: { width: 215, overflow: 'truncate', fontFamily: FONT } },
        xAxis: { ...valueAxis, splitNumber: 4 },
        series: c.series.map((s) => ({ type: 'bar', name: s.name, data: seriesData(s), label: { ...label, position: 'right' }, barMaxWidth: 22 })),
      };
    case 'bars':
      return {
        ...base,
        grid: { left: 10, right: 20, top: 40 + extra, bottom: 36, containLabel: true },
        xAxis: { type: 'category', data: c.categories },
        yAxis: valueAxis,
        series: c.series.map((s) => ({ type: 'bar', name: s.name, data: seriesData(s), label: { ...label, position: 'top', fontSize: 9, lineHeight: 11 }, barMaxWidth: 40 })),
      };
    case 'lines':
      return {
        ...base,
        grid: { left: 10, right: 30, top: 40 + extra, bottom: 36, containLabel: true },
        xAxis: { type: 'category', data: c.categories, boundaryGap: true },
        yAxis: valueAxis,
        // Neighbouring lines label on opposite sides so their figures do not overlap.
        series: c.series.map((s, i) => ({ type: 'line', name: s.name, data: seriesData(s), label: { ...label, position: i === 1 ? 'bottom' : 'top', fontSize: 9 }, symbolSize: 6, connectNulls: false })),
      };
    case 'debt':
      return {
        ...base,
        grid: { left: 10, right: 10, top: 40 + extra, bottom: 36, containLabel: true },
        xAxis: { type: 'category', data: c.categories },
        yAxis: [valueAxis, { ...valueAxis, splitLine: { show: false } }],
        series: c.series.map((s, i) =>
          i === 0
            ? { type: 'bar', name: s.name, data: seriesData(s), label: { ...label, position: 'insideTop', color: '#fff', fontSize: 9 }, barMaxWidth: 40 }
            : { type: 'line', name: s.name, yAxisIndex: 1, data: seriesData(s), label: { ...label, position: 'top', fontSize: 9 }, symbolSize: 6 },
        ),
      };
    case 'ratio': {
      const top = Math.max(...c.series[0]!.values.map((v) => position(v) ?? 0), c.ceiling ? Number(c.ceiling.value.toString()) : 0);
      return {
        ...base,
        grid: { left: 10, right: 30, top: 40 + extra, bottom: 20, containLabel: true },
        xAxis: { type: 'category', data: c.categories },
        // Room above the highest point (or the ceiling) for its label.
        yAxis: { ...valueAxis, max: (v: { max: number }) => Math.ceil(Math.max(v.max, top) * 1.15) },
        series: c.series.map((s) => ({
          type: 'line',
          name: s.name,
          data: seriesData(s),
          label: { ...label, position: 'top' },
          symbolSize: 7,
          ...(c.ceiling
            ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: '#c0392b', type: 'dashed', width: 2 }, label: { formatter: c.ceiling.label, position: 'insideEndTop', color: '#c0392b', fontFamily: FONT }, data: [{ yAxis: Number(c.ceiling.value.toString()) }] } }
            : {}),
        })),
      };
    }
    case 'pie':
      return {
        ...base,
        series: [{ type: 'pie', radius: ['0%', '62%'], center: ['50%', '56%'], data: c.series[0]!.values.map((v, i) => ({ name: c.categories[i], value: position(v), label: { formatter: c.series[0]!.labels[i] } })), label: { fontFamily: FONT, fontSize: 11 } }],
      };
  }
}

/** The chart as an inline `<svg>`: role img, an aria-label and a <title> holding the figures; no namespace URL needed inline. */
export function renderChartSvg(c: ChartSpec, lang: Locale, size = { width: 720, height: 340 }): string {
  const height = (c.kind === 'hbar' ? Math.max(160, 60 + 26 * c.categories.length) : size.height) + (c.title.length > 80 ? 18 : 0);
  const chart = loadECharts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height });
  chart.setOption(option(c, lang));
  const svg = chart.renderToSVGString();
  chart.dispose();
  const alt = escapeHtml(c.alt);
  return svg
    .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/<svg\b/, `<svg role="img" aria-label="${alt}" data-chart="${escapeHtml(c.id)}"`)
    .replace(/(<svg[^>]*>)/, `$1<title>${alt}</title>`);
}
