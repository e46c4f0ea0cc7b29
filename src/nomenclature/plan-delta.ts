// The committed plan data format (data/plans/*.ndjson): a year's plan is the previous year's with a delta applied; shared by the runtime and scripts/import-plans.mjs.

/** Bump when the layout of data/plans changes; plan.ts refuses any other. */
export const FORMAT = 3;

/** A row keyed by its first cell: chapters [code, libelle, libCourt, type, section, special, kind, sens], accounts [code, libelle, ...flows]. */
export type Row = [string, ...(string | number)[]];

export interface RowDelta {
  /** Codes removed (and codes re-added elsewhere by `add`, when a row moved). */
  del?: string[];
  /** Rows whose content changed, replaced in place. */
  set?: Row[];
  /** New rows, each after the code that precedes it in the new plan (null: first). In the new plan's order. */
  add?: [string | null, Row][];
}

export interface PlanRows {
  chapters: Row[];
  accounts: Row[];
}

export interface PlanDelta {
  chapters?: RowDelta;
  accounts?: RowDelta;
}

export function applyRows(prev: Row[], d: RowDelta | undefined): Row[] {
  if (!d) return prev;
  const del = new Set(d.del ?? []);
  const set = new Map((d.set ?? []).map((r) => [r[0], r]));
  const rows = prev.filter((r) => !del.has(r[0])).map((r) => set.get(r[0]) ?? r);
  if (!d.add?.length) return rows;
  // Additions come in the new plan's order, so each one's anchor is already placed when its turn comes.
  const after = new Map<string | null, Row[]>();
  for (const [anchor, row] of d.add) {
    const list = after.get(anchor);
    if (list) list.push(row);
    else after.set(anchor, [row]);
  }
  const out: Row[] = [];
  const place = (anchor: string | null) => {
    const list = after.get(anchor);
    if (!list) return;
    after.delete(anchor);
    for (const r of list) {
      out.push(r);
      place(r[0]);
    }
  };
  place(null);
  for (const r of rows) {
    out.push(r);
    place(r[0]);
  }
  if (after.size > 0) throw new Error(`plan delta: rows added after unknown codes ${[...after.keys()].join(', ')}`);
  return out;
}

/** The next year's rows; `prev` is not modified (its rows are shared with the result). */
export function applyDelta(prev: PlanRows, delta: PlanDelta): PlanRows {
  return { chapters: applyRows(prev.chapters, delta.chapters), accounts: applyRows(prev.accounts, delta.accounts) };
}

/**
 * The same delta on rows held by code, order ignored: what the runtime does with accounts (a lookup table), in
 * time proportional to the delta rather than to the plan. Modifies `rows`.
 */
export function applyToMap(rows: Map<string, Row>, d: RowDelta | undefined): void {
  if (!d) return;
  for (const code of d.del ?? []) rows.delete(code);
  for (const r of d.set ?? []) rows.set(r[0], r);
  for (const [, r] of d.add ?? []) rows.set(r[0], r);
}
