// Totals against their lines in the computed tables (sections, RAR (I) and (II)): formulas re-evaluated to the cent.
import type { Cents } from '../money/cents.js';
import { figureId, type CellRef, type Formula, type Operand, type Table } from '../report/table.js';
import { computeHint, eur, figureLocation, plain } from './finding.js';
import type { Check, CheckContext, Finding } from './types.js';
import { t as tr } from '../messages/index.js';

function amountAt(table: Table, ref: CellRef): Cents | undefined {
  const cell = table.rows.find((r) => r.id === ref.row)?.cells[ref.column];
  return cell?.kind === 'amount' ? cell.cents : undefined;
}

/** A cell, a constant or a nested formula, as an amount (the affectation's MIN / MAX chains). */
function operand(table: Table, o: Operand): Cents | undefined {
  if ('op' in o) return evaluate(table, o);
  if ('cents' in o) return o.cents;
  return amountAt(table, o);
}

function evaluate(table: Table, f: Formula): Cents | undefined {
  const all = (refs: CellRef[]) => {
    let t = 0n;
    for (const r of refs) {
      const cell = table.rows.find((x) => x.id === r.row)?.cells[r.column];
      // A line without a figure that year adds nothing; one that cannot be computed leaves the total unchecked.
      if (!cell || cell.kind === 'empty') continue;
      if (cell.kind !== 'amount') return undefined;
      t += cell.cents;
    }
    return t;
  };
  switch (f.op) {
    case 'sum':
    case 'add':
      return all(f.refs);
    case 'minus': {
      const a = amountAt(table, f.a);
      const rest = all(f.refs);
      return a === undefined || rest === undefined ? undefined : a - rest;
    }
    case 'sub': {
      const a = operand(table, f.a);
      const b = operand(table, f.b);
      return a === undefined || b === undefined ? undefined : a - b;
    }
    case 'min':
    case 'max': {
      const xs = f.args.map((o) => operand(table, o));
      if (xs.some((x) => x === undefined)) return undefined;
      return (xs as Cents[]).reduce((m, x) => (f.op === 'min' ? (x < m ? x : m) : x > m ? x : m));
    }
    default:
      // Percentages are derived for display; their parts are checked as amounts.
      return undefined;
  }
}

/** Every amount cell that carries a formula equals the formula on the cells it names. */
function formulaFindings(ctx: CheckContext, checkId: string, tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      for (const [column, f] of Object.entries(row.formulas ?? {})) {
        const cell = row.cells[column];
        if (cell?.kind !== 'amount') continue;
        const expected = evaluate(table, f);
        if (expected === undefined || expected === cell.cents) continue;
        const id = figureId(table, row, column);
        const name = (o: Operand) => ('row' in o ? o.row : 'cents' in o ? plain(o.cents) : `(${o.op})`);
        const what =
          f.op === 'sub' ? `${name(f.a)} − ${name(f.b)}` : f.op === 'minus' ? [f.a, ...f.refs].map((r) => `${r.row}.${r.column}`).join(' − ') : f.op === 'min' || f.op === 'max' ? `${f.op}(${f.args.map(name).join(', ')})` : tr('check.sumOf', { rows: (f.op === 'sum' || f.op === 'add' ? f.refs : []).map((r) => r.row).join(' + ') });
        out.push({
          severity: 'error',
          checkId,
          ...figureLocation(ctx, id),
          figureId: id,
          message: tr('check.totalDiffers', { id, value: eur(cell.cents), what, expected: eur(expected), diff: eur(cell.cents - expected) }),
          computed: plain(expected),
          difference: plain(cell.cents - expected),
          hint: computeHint(ctx),
        });
      }
    }
  }
  return out;
}

export const sectionTotal: Check = {
  id: 'identity.section-total',
  level: 'basic',
  stage: 'identities',
  title: 'every total of the computed tables equals the sum of its lines',
  run: (ctx) => formulaFindings(ctx, 'identity.section-total', ctx.report.tables.filter((t) => t.id !== 'rar')),
};

export const rarTotals: Check = {
  id: 'identity.rar-totals',
  level: 'basic',
  stage: 'identities',
  title: 'RAR totals (I) and (II) equal the sum of their chapters, and the execution table carries the same RAR',
  run: (ctx) => {
    const rar = ctx.report.tables.filter((t) => t.id === 'rar');
    const out = formulaFindings(ctx, 'identity.rar-totals', rar);
    for (const t of rar) {
      const exec = ctx.report.tables.find((x) => x.id === 'execution' && x.scope === t.scope);
      const total = amountAt(t, { row: 'investissement-total', column: 'depenses' });
      const inExec = exec && amountAt(exec, { row: 'investissement-rar', column: 'depenses' });
      if (total === undefined || inExec === undefined || total === inExec) continue;
      const id = `${t.scope}.rar.investissement-total.depenses`;
      out.push({
        severity: 'error',
        checkId: 'identity.rar-totals',
        ...figureLocation(ctx, id),
        figureId: id,
        message: tr('check.rarInExecution', { id, total: eur(total), inExec: eur(inExec) }),
        computed: plain(inExec),
        difference: plain(total - inExec),
        hint: computeHint(ctx),
      });
    }
    return out;
  },
};
