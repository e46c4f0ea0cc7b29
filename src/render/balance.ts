// Per-entity balance results as CSV or JSON lines: one line per entity and budget, amounts as plain decimal strings, provenance alongside.
import { centsToString, roundedQuotient } from '../money/cents.js';
import { commentLine, provenanceLines } from './csv.js';
import type { Provenance } from '../report/provenance.js';
import type { EntitySums } from '../model/balance.js';
import { ByteSink } from './byte-sink.js';
import { balanceCsvRows } from './balance-csv-bytes.js';
import { AMOUNT_FIELDS, BALANCE_GAPS, type BalanceFigures } from '../compute/balance/results.js';
import type { DefinitionFigures } from '../compute/balance/definition.js';
import { COMPARED_AGGREGATES } from '../definitions/compared.js';
import { t as tr } from '../messages/index.js';

export const BALANCE_SCHEMA = 'sitiv-ca.balance/1';

export interface EntityResult {
  entity: Omit<EntitySums, 'sums'>;
  figures: BalanceFigures;
  /** Under --definition ofgl / decret-2023: that definition's aggregates (the layout of definitionLayout). */
  definition?: DefinitionFigures;
}

/** The columns of one output line and how a result fills them. */
export interface BalanceLayout {
  fields: readonly string[];
  /** Columns that are plain decimals by construction (no CSV quoting). */
  plain: readonly boolean[];
  /** Columns whose values are cents (a safe integer or a BigInt), written as `-1234.50`. */
  cents: readonly boolean[];
  values(r: EntityResult): (string | number | bigint | null)[];
}

export interface BalanceSummary {
  lines: number;
  rejectedLines: number;
  unattributedRejectedLines: number;
  entities: number;
}

/** The keys of one output line, in column order (the CSV header). */
export const FIELDS = [
  'exer', 'ident', 'cbudg', 'siren', 'insee', 'ndept', 'lbudg', 'ctype', 'categ', 'nomen', 'plan', 'lines', 'rejectedLines',
  ...AMOUNT_FIELDS, 'capaciteDesendettement', 'capaciteDesendettementReason',
  'restesARealiser', 'restesARealiserReason', 'resultatsReportes', 'resultatsReportesReason',
] as const;

const JSON_KEYS = FIELDS.map((f) => `${JSON.stringify(f)}:`);
const CENTS: readonly boolean[] = FIELDS.map((f) => (AMOUNT_FIELDS as readonly string[]).includes(f));
const PLAIN: readonly boolean[] = FIELDS.map((f, i) => f === 'capaciteDesendettement' || CENTS[i]!);

/** One output line's values, in FIELDS order, amounts as cents (the writers print them). */
export function entityValues({ entity: e, figures: f }: EntityResult): (string | number | bigint | null)[] {
  const cap = f.capaciteDesendettement;
  return [
    e.exer, e.ident, e.cbudg, e.siren, e.insee, e.ndept, e.lbudg, e.ctype, e.categ, e.nomen, e.plan, e.lines, e.rejected,
    ...f.amounts,
    cap.value === null ? null : roundedQuotient(cap.value, 1),
    cap.value === null ? cap.reason : null,
    null, BALANCE_GAPS.restesARealiser, null, BALANCE_GAPS.resultatsReportes,
  ];
}

export const DEFAULT_LAYOUT: BalanceLayout = { fields: FIELDS, plain: PLAIN, cents: CENTS, values: entityValues };

const IDENTITY = ['exer', 'ident', 'cbudg', 'siren', 'insee', 'ndept', 'lbudg', 'ctype', 'categ', 'nomen', 'plan', 'lines', 'rejectedLines'] as const;

/**
 * Under a named definition: the entity, then each compared aggregate under its stable id (docs/dgfip.md), the
 * capacité de désendettement, and the reasons of the figures that are not meaningful (`id: reason; …`).
 */
export function definitionLayout(): BalanceLayout {
  const fields = [...IDENTITY, ...COMPARED_AGGREGATES, 'capacite-desendettement', 'reasons'];
  const cents = fields.map((f) => (COMPARED_AGGREGATES as readonly string[]).includes(f));
  return {
    fields,
    plain: fields.map((f, i) => cents[i]! || f === 'capacite-desendettement'),
    cents,
    values({ entity: e, definition: d }: EntityResult) {
      const cap = d!.capaciteDesendettement;
      const reasons = COMPARED_AGGREGATES.flatMap((id, i) => (d!.reasons[i] ? [`${id}: ${d!.reasons[i]}`] : []));
      // The capacité's own reason (épargne brute ≤ 0), not the one an aggregate above already gives.
      if (cap.value === null && !d!.reasons.includes(cap.reason)) reasons.push(`capacite-desendettement: ${cap.reason}`);
      return [
        e.exer, e.ident, e.cbudg, e.siren, e.insee, e.ndept, e.lbudg, e.ctype, e.categ, e.nomen, e.plan, e.lines, e.rejected,
        ...d!.amounts,
        cap.value === null ? null : roundedQuotient(cap.value, 1),
        reasons.length ? reasons.join('; ') : null,
      ];
    },
  };
}

export function balanceNotes(s: BalanceSummary, excludeCessions: boolean): string[] {
  const notes = [
    tr('cli.balanceGapsNote'),
    tr('cli.balanceRealNote'),
  ];
  if (excludeCessions) notes.push(tr('cli.balanceCessionsNote'));
  if (s.rejectedLines > 0) {
    notes.push(
      tr('cli.balanceRejectedNote', { n: s.rejectedLines, unattributed: s.unattributedRejectedLines }),
    );
  }
  return notes;
}

export type BalanceFormat = 'csv' | 'jsonl';

/**
 * The output as UTF-8 pieces of about 64 kB, entity by entity: each result is computed, written and dropped, so
 * memory holds the entities' slots and one piece, never every result nor the whole output at once.
 */
export function* balanceBytes(
  format: BalanceFormat,
  rows: Iterable<EntityResult>,
  provenance: Provenance,
  summary: BalanceSummary,
  notes: string[],
  layout: BalanceLayout = DEFAULT_LAYOUT,
): Generator<Buffer> {
  if (format === 'jsonl') {
    for (const piece of jsonLines(rows, provenance, summary, notes, layout)) yield Buffer.from(piece, 'utf8');
    return;
  }
  yield Buffer.from(layout.fields.join(',') + '\n', 'utf8');
  yield* balanceCsvRows(rows, layout);
  // Trailing comment lines: CSV readers skip them with comment='#', and the columns stay one per figure.
  let tail = '';
  for (const l of provenanceLines(provenance)) tail += `${commentLine(l)}\n`;
  tail += `# lines ${summary.lines}, rejected ${summary.rejectedLines}, entities ${summary.entities}\n`;
  for (const n of notes) tail += `${commentLine(`note: ${n}`)}\n`;
  yield Buffer.from(tail, 'utf8');
}

/** The JSON lines as text pieces: the summary line, then one line per entity. */
function* jsonLines(rows: Iterable<EntityResult>, provenance: Provenance, summary: BalanceSummary, notes: string[], layout: BalanceLayout): Generator<string> {
  const jsonKeys = layout === DEFAULT_LAYOUT ? JSON_KEYS : layout.fields.map((f) => `${JSON.stringify(f)}:`);
  const cents = layout.cents;
  let batch = '';
  yield JSON.stringify({ schema: BALANCE_SCHEMA, provenance, summary, notes }) + '\n';
  // What JSON.stringify of a FIELDS-keyed object would give, without building a 36-key object per entity.
  for (const r of rows) {
    const values = layout.values(r);
    let line = '{';
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      // Amounts as decimal strings, exact whatever their size.
      line += `${i === 0 ? '' : ','}${jsonKeys[i]}${v !== null && cents[i] ? `"${centsToString(v as number | bigint)}"` : JSON.stringify(v)}`;
    }
    batch += line + '}\n';
    if (batch.length >= 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** The whole output in memory (tests, small outputs). */
export function renderBalance(...args: Parameters<typeof balanceBytes>): ByteSink {
  const out = new ByteSink();
  for (const piece of balanceBytes(...args)) out.append(piece);
  return out;
}
