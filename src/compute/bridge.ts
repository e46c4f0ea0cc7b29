// The bridge between two definitions of one aggregate: the difference listed by account, lines that add up exactly to it.
import type { FlowCode } from '../definitions/types.js';
import type { Cents } from '../money/cents.js';
import type { Contribution, Evaluated } from './aggregate.js';

export interface BridgeLine {
  flow: FlowCode;
  chapitre: string;
  /** Absent when the ledger gives the chapter without its accounts. */
  compte?: string;
  /** `min(D16449; C16449)` and the like, when the part is not the account's movement itself. */
  note?: string;
  /** What going from the first definition to the second adds (positive) or takes away (negative). */
  amount: Cents;
}

export type Bridge =
  | { from: Cents; to: Cents; difference: Cents; lines: BridgeLine[]; /** Figures from outside the ledger (encours…), not split by account. */ outside: Cents }
  | { reason: string };

const FLOW_ORDER: Record<FlowCode, number> = { FR: 0, FD: 1, IR: 2, ID: 3 };
const keyOf = (c: Contribution) => `${c.flow}|${c.compte ?? ''}|${c.chapitre}|${c.note ?? ''}`;

/** Each account's part under `to` minus its part under `from`; the lines and `outside` sum to `to − from` exactly. */
export function bridge(from: Evaluated, to: Evaluated): Bridge {
  if ('reason' in from) return { reason: from.reason };
  if ('reason' in to) return { reason: to.reason };
  const parts = new Map<string, BridgeLine>();
  const add = (c: Contribution, sign: 1n | -1n) => {
    const k = keyOf(c);
    const line = parts.get(k) ?? { flow: c.flow, chapitre: c.chapitre, ...(c.compte !== undefined ? { compte: c.compte } : {}), ...(c.note ? { note: c.note } : {}), amount: 0n };
    line.amount += sign * c.amount;
    parts.set(k, line);
  };
  for (const c of to.composition) add(c, 1n);
  for (const c of from.composition) add(c, -1n);
  const lines = [...parts.values()]
    .filter((l) => l.amount !== 0n)
    .sort((a, b) => FLOW_ORDER[a.flow] - FLOW_ORDER[b.flow] || (a.compte ?? a.chapitre).localeCompare(b.compte ?? b.chapitre) || (a.note ?? '').localeCompare(b.note ?? ''));
  const difference = to.value - from.value;
  const split = lines.reduce((t, l) => t + l.amount, 0n);
  return { from: from.value, to: to.value, difference, lines, outside: difference - split };
}
