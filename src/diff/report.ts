// From two read sides and the options to the diff report: tables, both sides' provenance, summary and findings.
import { UsageError } from '../errors.js';
import { centsToString } from '../money/cents.js';
import type { LedgerRow, Section } from '../model/ledger.js';
import type { Plan } from '../nomenclature/plan.js';
import { oneDecimal } from '../money/format.js';
import { makeProvenance, type Provenance } from '../report/provenance.js';
import type { Table } from '../report/table.js';
import { diffRows, type DiffLine, type DiffResult, type Mode } from './compare.js';
import type { Level, LineKey } from './key.js';
import type { Measure, Thresholds } from './measure.js';
import { chooseMode, type ModeChoice } from './mode.js';
import type { Side } from '../model/folder.js';
import { exercicesOf } from './side.js';
import { compareResultats, modelOf, resultatsOf, type ResultComparison } from './resultats.js';
import { diffTables, keyText } from './tables.js';
import { t as tr } from '../messages/index.js';

export const DIFF_SCHEMA = 'sitiv-ca.diff/1';

export interface DiffRequest extends Thresholds {
  mode?: Mode;
  level: Level;
  section?: Section;
  budget?: string;
  onlyChanged: boolean;
  all: boolean;
  sort: 'key' | 'delta';
}

export interface DiffReport {
  schema: typeof DIFF_SCHEMA;
  provenance: Provenance;
  tables: Table[];
  /** Top-level JSON members beside the tables. */
  extra: Record<string, unknown>;
  result: DiffResult;
  choice: ModeChoice;
  heading: string;
}

function labeller(plans: Map<number, Plan>[]): (k: LineKey) => string {
  const plan = (ex?: number): Plan | undefined => {
    for (const p of plans) {
      const hit = ex !== undefined ? p.get(ex) : undefined;
      if (hit) return hit;
    }
    for (const p of plans) for (const v of p.values()) return v;
    return undefined;
  };
  return (k) => {
    if (k.chapitre === '') return 'Total de la section (sans détail par chapitre)';
    const p = plan(k.exercice);
    if (k.compte !== '') return p?.account(k.compte)?.libelle ?? '';
    const c = p?.chapter(k.chapitre);
    return c?.libCourt || c?.libelle || '';
  };
}

const jsonMeasure = (m: Measure) => ({
  old: m.old !== undefined ? centsToString(m.old) : null,
  new: m.new !== undefined ? centsToString(m.new) : null,
  delta: centsToString(m.delta),
  pct: m.pct !== undefined ? oneDecimal(m.pct) : null,
  ...(m.pct === undefined ? { reason: m.nsReason } : {}),
});

function jsonFinding(d: DiffLine) {
  return { key: { ...d.key }, ligne: keyText(d.key), status: d.status, realise: jsonMeasure(d.realise), rar: jsonMeasure(d.rar) };
}

const sideInputs = (side: Side, which: 'old' | 'new') => side.inputs.map((i) => ({ ...i, role: `${which} ${i.role}` }));

export function buildDiffReport(oldSide: Side, newSide: Side, req: DiffRequest): DiffReport {
  const choice = chooseMode(exercicesOf(oldSide), exercicesOf(newSide), req.mode);
  const budgets = [...oldSide.budgets];
  for (const b of newSide.budgets) if (!budgets.some((x) => x.id === b.id)) budgets.push(b);
  if (req.budget !== undefined && !budgets.some((b) => b.id === req.budget)) {
    throw new UsageError(`--budget: no budget ${req.budget} on either side (budgets: ${budgets.map((b) => b.id).join(', ') || 'none'})`);
  }
  const inBudget = (r: LedgerRow) => req.budget === undefined || r.budget === req.budget;

  const result = diffRows(oldSide.rows, newSide.rows, {
    level: req.level,
    byExercice: choice.byExercice,
    ...(req.section ? { section: req.section } : {}),
    ...(req.budget ? { budget: req.budget } : {}),
    ...(req.minDelta !== undefined ? { minDelta: req.minDelta } : {}),
    ...(req.minPct !== undefined ? { minPct: req.minPct } : {}),
    // Same-year: every difference is a finding and identical lines are noise; year-over-year shows every line's evolution.
    showUnchanged: req.all || (choice.mode === 'year-over-year' && !req.onlyChanged),
    sort: req.sort,
    budgetOrder: budgets.map((b) => b.id),
  });

  const oldModel = modelOf(oldSide.rows.filter(inBudget), oldSide.budgets);
  const newModel = modelOf(newSide.rows.filter(inBudget), newSide.budgets);
  const resultats: ResultComparison[] = [];
  const pairs: [number, number][] = choice.byExercice
    ? [...new Set([...exercicesOf(oldSide), ...exercicesOf(newSide)])].sort((a, b) => a - b).map((e) => [e, e])
    : [[choice.oldExercice, choice.newExercice]];
  for (const b of budgets) {
    if (req.budget !== undefined && b.id !== req.budget) continue;
    for (const [o, n] of pairs) {
      const oldR = resultatsOf(oldModel, b.id, o);
      const newR = resultatsOf(newModel, b.id, n);
      if (oldR || newR) resultats.push(compareResultats(b.id, o, n, oldR, newR, req.section));
    }
  }

  const exercices = [...new Set([...exercicesOf(oldSide), ...exercicesOf(newSide)])].sort((a, b) => a - b);
  const tables = diffTables(result, resultats, {
    mode: choice.mode,
    oldExercice: choice.oldExercice,
    newExercice: choice.newExercice,
    byExercice: choice.byExercice,
    exercices,
    budgets: budgets.filter((b) => req.budget === undefined || b.id === req.budget),
    labelOf: labeller([newSide.plans, oldSide.plans]),
    withRar: result.all.some((d) => d.rar.delta !== 0n || (d.rar.old ?? 0n) !== 0n),
    notes: choice.notes,
  });

  const options: Provenance['options'] = {
    mode: choice.mode,
    level: req.level,
    minDelta: req.minDelta !== undefined ? centsToString(req.minDelta) : null,
    minPct: req.minPct !== undefined ? req.minPct.toString() : null,
    onlyChanged: req.onlyChanged,
    all: req.all,
    section: req.section ?? null,
    budget: req.budget ?? null,
    sort: req.sort,
  };
  const plans = new Map([...oldSide.plans, ...newSide.plans]);
  const provenance = makeProvenance([...sideInputs(oldSide, 'old'), ...sideInputs(newSide, 'new')], plans, options);
  const sideJson = (s: Side) => ({
    path: s.path,
    exercices: exercicesOf(s),
    nomenclature: s.nomenclature,
    provenance: makeProvenance(s.inputs, s.plans, {}),
  });
  const { changed, added, removed } = result.counts;
  const n = result.findings.length;
  const heading =
    n === 0
      ? tr('report.diffNone', { mode: choice.mode })
      : tr('report.diffSome', { mode: choice.mode, n, s: n > 1 ? 's' : '', changed, added, removed });
  return {
    schema: DIFF_SCHEMA,
    provenance,
    tables,
    extra: {
      mode: choice.mode,
      level: req.level,
      old: sideJson(oldSide),
      new: sideJson(newSide),
      summary: { differences: n, changed, added, removed, unchanged: result.counts.unchanged },
      findings: result.findings.map(jsonFinding),
    },
    result,
    choice,
    heading,
  };
}
