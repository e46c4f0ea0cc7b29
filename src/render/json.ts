// JSON writer: every figure under its stable id, amounts as decimal strings, null with a reason when not meaningful.
import { centsToString } from '../money/cents.js';
import { figureId, type Cell, type Table } from '../report/table.js';
import { oneDecimal } from '../money/format.js';

export type JsonValue = string | null;

export function cellValue(cell: Cell): { value: JsonValue; reason?: string } | undefined {
  switch (cell.kind) {
    case 'amount':
      return { value: centsToString(cell.cents) };
    case 'percent':
    case 'ratio':
      return { value: oneDecimal(cell.value) };
    case 'ns':
      return { value: null, reason: cell.reason };
    default:
      return undefined;
  }
}

export function tableToJson(t: Table): Record<string, unknown> {
  return {
    id: `${t.scope}.${t.id}`,
    table: t.id,
    scope: t.scope,
    title: t.title,
    columns: t.columns,
    rows: t.rows.map((r) => {
      const cells: Record<string, unknown> = {};
      for (const c of t.columns) {
        const cell = r.cells[c.id];
        if (!cell || cell.kind === 'empty') continue;
        if (cell.kind === 'text') cells[c.id] = cell.text;
        else cells[c.id] = { id: figureId(t, r, c.id), ...cellValue(cell) };
      }
      return { id: `${t.scope}.${t.id}.${r.id}`, role: r.role, cells };
    }),
    notes: t.notes,
    // Not in the printed XLSX / HTML / PDF (report/printed.ts): the earlier years' single-year analysis.
    ...(t.printOmitted ? { printed: false } : {}),
  };
}

/** id → value of every figure of the tables, for lookups by id (check, tests, users' scripts). */
export function figures(tables: Table[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const t of tables) {
    for (const r of t.rows) {
      for (const c of t.columns) {
        const cell = r.cells[c.id];
        if (!cell) continue;
        const v = cellValue(cell);
        if (v) out[figureId(t, r, c.id)] = v.value;
      }
    }
  }
  return out;
}

export function renderJson(report: { schema: string; tables: Table[] } & Record<string, unknown>): string {
  const { tables, ...rest } = report;
  return JSON.stringify({ ...rest, tables: tables.map(tableToJson), figures: figures(tables) }, null, 2) + '\n';
}

/** Every figure of the tables in order, with its stable id and its row's label: what the CSV and JSON Lines writers list. */
export function* figureRecords(tables: Table[]): Generator<{ id: string; table: string; row: string; column: string; label: string; value: JsonValue; reason?: string }> {
  for (const t of tables) {
    const labelCol = t.columns.find((c) => c.kind === 'text' && c.id !== 'chapitre') ?? t.columns[0];
    for (const r of t.rows) {
      const labelCell = labelCol ? r.cells[labelCol.id] : undefined;
      const label = labelCell?.kind === 'text' ? labelCell.text : '';
      for (const c of t.columns) {
        const cell = r.cells[c.id];
        const v = cell ? cellValue(cell) : undefined;
        if (!v) continue;
        yield { id: figureId(t, r, c.id), table: `${t.scope}.${t.id}`, row: r.id, column: c.id, label, value: v.value, ...(v.reason ? { reason: v.reason } : {}) };
      }
    }
  }
}
