// Published figures as balance assertions: each publie.csv line against the computed figure it names.
import { D, decimalToCents, roundCentsTo, type Cents, type Dec } from '../money/cents.js';
import { PRECISION_DECIMALS, PRECISION_UNIT_CENTS, type PublishedFigure } from '../model/side-tables.js';
import { baseId, computeHint, eur, plain, printed } from './finding.js';
import { abs } from './slack.js';
import { explainPublished } from './published-variants.js';
import type { Check, CheckContext, FigureRef, Finding } from './types.js';
import type { CellRef } from '../report/table.js';
import { t as tr } from '../messages/index.js';


const dec1 = (v: Dec, places: number) => v.toFixed(places, D.ROUND_HALF_UP);

/**
 * How far a total may sit from its published value on rounding alone: when the ledgers are in whole euros
 * (manifest precision "1") every line was rounded on its own, so a total of n such lines carries up to
 * n × 0,50 € of rounding. Lines in cents (a debt table) carry none.
 */
function roundingSlack(ctx: CheckContext, fig: FigureRef): { slack: bigint; lines: number } {
  const none = { slack: 0n, lines: 0 };
  if (ctx.folder.manifest.precision !== '1') return none;
  const f = fig.row.formulas?.[fig.column];
  if (!f || (f.op !== 'sum' && f.op !== 'add' && f.op !== 'sub' && f.op !== 'minus')) return none;
  const refs = f.op === 'sub' ? [f.a, f.b].filter((o): o is CellRef => 'row' in o) : f.op === 'minus' ? [f.a, ...f.refs] : f.refs;
  let lines = 0;
  for (const r of refs) {
    const cell = fig.table.rows.find((x) => x.id === r.row)?.cells[r.column];
    // A year a line does not have adds nothing, and no rounding.
    if (cell?.kind !== 'amount') continue;
    if (cell.cents % 100n !== 0n) return none;
    lines += 1;
  }
  return { slack: BigInt(lines) * 50n, lines };
}

export type AmountVerdict = 'match' | 'tolerated' | 'rounding' | 'truncated' | 'mismatch';

/**
 * A published amount against the computed one, both in cents: `match` when the computed amount rounded
 * half away from zero to the printed unit is the published one; `tolerated` within --tolerance; `rounding`
 * within the rounding of whole-euro lines; `truncated` when the report cut the cents instead of rounding.
 */
export function compareAmount(published: Cents, computed: Cents, unit: Cents, tolerance: Cents, slack: Cents): AmountVerdict {
  if (published === roundCentsTo(computed, unit)) return 'match';
  const gap = abs(published - computed);
  if (tolerance > 0n && gap <= tolerance) return 'tolerated';
  if (gap <= slack) return 'rounding';
  if (unit > 1n && published === (computed / unit) * unit) return 'truncated';
  return 'mismatch';
}

function checkOne(ctx: CheckContext, p: PublishedFigure): Finding | undefined {
  const where = { file: p.file, line: p.line, column: 3 };
  const base: Omit<Finding, 'severity' | 'message'> = { checkId: 'published.figure', ...where, hint: computeHint(ctx) };
  const source = p.source ? ` (${p.source})` : '';
  if (p.id === '') {
    return { ...base, severity: 'info', message: tr('check.notChecked', { value: printed(p.valeur, PRECISION_DECIMALS[p.precision]), source }), published: p.valeur.toFixed(PRECISION_DECIMALS[p.precision]) };
  }
  const id = baseId(p.id);
  const fig = ctx.figures.get(id);
  if (!fig) {
    return { ...base, severity: 'error', figureId: id, message: tr('check.noSuchFigure', { id, source }) };
  }
  const year = id.split('.')[1] ?? '';
  if (/^\d{4}$/.test(year) && Number(year) !== p.exercice) {
    return { ...base, severity: 'error', figureId: id, message: tr('check.exerciceMismatch', { id, exercice: p.exercice, year, source }) };
  }
  const places = PRECISION_DECIMALS[p.precision];
  if (!p.valeur.times(new D(10).pow(places)).isInteger()) {
    return { ...base, severity: 'error', figureId: id, message: tr('check.tooManyDecimals', { id, value: p.valeur.toString().replace('.', ','), precision: p.precision, source }) };
  }
  const cell = fig.cell;
  if (cell.kind === 'ns') {
    return { ...base, severity: 'warning', figureId: id, published: p.valeur.toString(), message: tr('check.cannotCompute', { id, value: printed(p.valeur, places), reason: cell.reason, source }) };
  }
  if (cell.kind === 'amount') {
    // More decimals than the precision were reported above, so an amount is whole cents here.
    const published = decimalToCents(p.valeur)!;
    const unit = PRECISION_UNIT_CENTS[p.precision];
    const { slack, lines } = roundingSlack(ctx, fig);
    const verdict = compareAmount(published, cell.cents, unit, ctx.options.tolerance, slack);
    if (verdict === 'match' || verdict === 'tolerated') return undefined;
    const diff = published - cell.cents;
    const fields = { figureId: id, published: plain(published), computed: plain(cell.cents), difference: plain(diff) };
    const shown = printed(p.valeur, places);
    if (verdict === 'rounding') {
      return { ...base, ...fields, severity: 'info', message: tr('check.roundingDiff', { id, value: shown, lines, computed: eur(cell.cents), diff: eur(diff), slack: eur(slack), source }) };
    }
    if (verdict === 'truncated') {
      return { ...base, ...fields, severity: 'warning', message: tr('check.truncated', { id, value: shown, computed: eur(cell.cents), rounded: eur(roundCentsTo(cell.cents, unit)), source }) };
    }
    return explainPublished(ctx, p, { ...base, ...fields }) ?? { ...base, ...fields, severity: 'error', message: tr('check.publishedDiffers', { id, value: shown, computed: eur(cell.cents), diff: eur(diff), source }) };
  }
  if (cell.kind === 'percent' || cell.kind === 'ratio') {
    const rounded = new D(dec1(cell.value, places));
    if (rounded.eq(p.valeur)) return undefined;
    const unitName = cell.kind === 'percent' ? ' %' : '';
    const diff = p.valeur.minus(rounded);
    const fields = { figureId: id, published: p.valeur.toFixed(places), computed: dec1(cell.value, places), difference: diff.toFixed(places) };
    return explainPublished(ctx, p, { ...base, ...fields }) ?? {
      ...base,
      severity: 'error',
      figureId: id,
      published: p.valeur.toFixed(places),
      computed: dec1(cell.value, places),
      difference: diff.toFixed(places),
      message: tr('check.publishedDiffers', { id, value: printed(p.valeur, places) + unitName, computed: printed(rounded, places) + unitName, diff: printed(diff, places), source }),
    };
  }
  return undefined;
}

export const publishedFigure: Check = {
  id: 'published.figure',
  level: 'basic',
  stage: 'published',
  title: 'every figure of publie.csv equals the computed figure rounded half-up to its printed unit (--tolerance opts into more)',
  run: (ctx) => (ctx.publie ?? []).map((p) => checkOne(ctx, p)).filter((f): f is Finding => f !== undefined),
};
