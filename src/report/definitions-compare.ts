// `compute --compare-definitions`: each aggregate under every named definition side by side, and the bridge between them by account.
import { Evaluator, type EvaluationContext } from '../compute/aggregate.js';
import { bridge } from '../compute/bridge.js';
import { FLOW_LABELS } from '../definitions/describe.js';
import { COMPARED_AGGREGATES, DEFINITIONS, definitionById } from '../definitions/index.js';
import type { Definition } from '../definitions/types.js';
import { t } from '../messages/index.js';
import type { Plan } from '../nomenclature/plan.js';
import { amount, empty, ns, text, type Cell, type Row, type Table } from './table.js';
import { ratiosTable, type Population } from './ratios.js';

const cellOf = (e: ReturnType<Evaluator['get']>): Cell => ('value' in e ? amount(e.value) : ns(e.reason));

/** The side-by-side table and the bridge table for one exercice; `reference` is the definition the bridges start from. */
export function compareDefinitionsTables(context: EvaluationContext, plan: Plan, scope: string, exercice: number, reference: string, population?: Population): Table[] {
  const defs: Definition[] = [...DEFINITIONS.values()];
  const evs = new Map(defs.map((d) => [d.id, new Evaluator(d, context)]));
  const ref = definitionById(reference)!;
  // Rows named as the reference definition names them; the encours, an outside figure under ca, by the catalogue.
  const labelOf = (id: string) => ref.aggregates.find((a) => a.id === id)?.label ?? t('definitions.encours');

  const rows: Row[] = COMPARED_AGGREGATES.map((id) => ({
    id,
    role: id.startsWith('epargne') ? 'total' : 'item',
    cells: { libelle: text(labelOf(id)), ...Object.fromEntries(defs.map((d) => [d.id, cellOf(evs.get(d.id)!.get(id))])) },
  }));
  const side: Table = {
    id: 'definitions',
    scope,
    title: t('definitions.compareTitle', { year: exercice }),
    columns: [{ id: 'libelle', label: '', kind: 'text' }, ...defs.map((d) => ({ id: d.id, label: d.id, kind: 'amount' as const }))],
    rows,
    notes: [
      ...defs.map((d) => (d.source ? t('definitions.definitionNote', { id: d.id, label: d.label, source: d.source }) : t('definitions.definitionLabel', { id: d.id, label: d.label }))),
      t('definitions.compareNote'),
    ],
  };

  const brows: Row[] = [];
  const same: string[] = [];
  for (const id of COMPARED_AGGREGATES) {
    for (const other of defs) {
      if (other.id === ref.id) continue;
      // Row ids without dots, so that `<budget>.<exercice>.<table>.<row>.<column>` stays readable.
      const base = `${id}--${ref.id}--${other.id}`;
      const b = bridge(evs.get(ref.id)!.get(id), evs.get(other.id)!.get(id));
      const head = (montant: Cell): Row => ({ id: base, role: 'head', cells: { compte: empty, libelle: text(t('definitions.bridgeHead', { aggregate: labelOf(id), from: ref.id, to: other.id })), flux: empty, montant } });
      if ('reason' in b) {
        brows.push(head(ns(b.reason)));
        continue;
      }
      if (b.lines.length === 0 && b.outside === 0n) {
        same.push(`${labelOf(id).toLowerCase()} (${ref.id} → ${other.id})`);
        continue;
      }
      brows.push(head(amount(b.from)));
      const parts = [base];
      for (const l of b.lines) {
        const what = l.compte ? (plan.account(l.compte)?.libelle ?? '') : t('definitions.wholeChapter', { chapitre: l.chapitre });
        const rowId = `${base}--${l.flow}-${l.compte ?? `ch${l.chapitre}`}${l.note ? '-min' : ''}`;
        parts.push(rowId);
        brows.push({
          id: rowId,
          role: 'item',
          cells: { compte: text(l.compte ?? l.chapitre), libelle: text(l.note ?? what), flux: text(l.flow), montant: amount(l.amount) },
        });
      }
      if (b.outside !== 0n) {
        parts.push(`${base}--hors-grand-livre`);
        brows.push({ id: `${base}--hors-grand-livre`, role: 'item', cells: { compte: empty, libelle: text(t('definitions.outsideLedger')), flux: empty, montant: amount(b.outside) } });
      }
      // The end is the start plus every line: a live sum in a spreadsheet.
      brows.push({
        id: `${base}--arrivee`,
        role: 'total',
        cells: { compte: empty, libelle: text(t('definitions.bridgeEnd', { aggregate: labelOf(id), to: other.id })), flux: empty, montant: amount(b.to) },
        formulas: { montant: { op: 'sum', refs: parts.map((row) => ({ row, column: 'montant' })) } },
      });
    }
  }
  const bridges: Table = {
    id: 'definitions-bridge',
    scope,
    title: t('definitions.bridgeTitle', { year: exercice, from: ref.id }),
    columns: [
      { id: 'compte', label: t('definitions.accountColumn'), kind: 'text' },
      { id: 'libelle', label: '', kind: 'text' },
      { id: 'flux', label: t('definitions.flowColumn'), kind: 'text' },
      { id: 'montant', label: t('definitions.amountColumn'), kind: 'amount' },
    ],
    rows: brows,
    notes: [t('definitions.bridgeNote', { from: ref.id }), t('definitions.flowNote', { flows: Object.entries(FLOW_LABELS).map(([k, v]) => `${k} ${v}`).join(', ') }), ...(same.length ? [t('definitions.bridgeSame', { aggregates: same.join(', ') })] : [])],
  };
  return [side, ...(population ? [ratiosSide(defs, evs, context, scope, exercice, population)] : []), bridges];
}

/** The ratios (CGCT R2313-1 and the CFU's) under every definition: each definition's aggregates in the same formulas. */
function ratiosSide(defs: Definition[], evs: Map<string, Evaluator>, context: EvaluationContext, scope: string, exercice: number, population: Population): Table {
  const byDef = new Map(defs.map((d) => [d.id, new Map(ratiosTable(evs.get(d.id)!, scope, exercice, context.categorie, population).rows.map((r) => [r.id, r]))]));
  const ref = defs[0]!;
  const rows: Row[] = ref.ratios.map((r) => ({
    id: r.id,
    role: 'item',
    cells: { libelle: text(r.label), ...Object.fromEntries(defs.map((d) => [d.id, byDef.get(d.id)!.get(r.id)?.cells.valeur ?? empty])), code: text(r.code ?? '') },
  }));
  return {
    id: 'definitions-ratios',
    scope,
    title: t('definitions.ratiosTitle', { year: exercice }),
    columns: [{ id: 'libelle', label: '', kind: 'text' }, ...defs.map((d) => ({ id: d.id, label: d.id, kind: 'ratio' as const })), { id: 'code', label: 'Code', kind: 'text' }],
    rows,
    notes: [t('definitions.ratiosNote')],
  };
}
