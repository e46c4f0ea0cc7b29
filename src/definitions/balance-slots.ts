// The extra per-entity slots a DGFiP balance folds for the named definitions: each account term of ofgl / decret-2023 as (column, accounts, exclusions).
import { COMPARED_AGGREGATES } from './compared.js';
import { DECRET_2023_DEFINITION } from './decret-2023.js';
import { OFGL_DEFINITION } from './ofgl.js';
import type { AccountTerm, BalanceTerm, Definition, FlowCode, OperationKind, Term } from './types.js';
import { isBalanceTerm, isMinTerm, isRefTerm } from './types.js';

/**
 * Which amount of a balance line a slot takes (docs/dgfip.md): the real debit is OBNETDEB − OOBDEB, the order debit
 * OOBDEB, both OBNETDEB; the same on the credit side; a closing credit balance SC − SD, an opening one BECRE − BEDEB.
 */
export const COLUMN = {
  dReel: 0, dOrdre: 1, dTout: 2,
  rReel: 3, rOrdre: 4, rTout: 5,
  closingCredit: 6, closingDebit: 7, openingCredit: 8, openingDebit: 9,
} as const;
export type ColumnName = keyof typeof COLUMN;

export interface SlotSpec {
  column: ColumnName;
  accounts: readonly string[];
  except: readonly string[];
}

/** The definitions a balance is evaluated under besides its own figures (`--by entity --definition`). */
export const BALANCE_DEFINITIONS: readonly Definition[] = [OFGL_DEFINITION, DECRET_2023_DEFINITION];

const OP: Record<OperationKind, 'Reel' | 'Ordre' | 'Tout'> = { reel: 'Reel', ordre: 'Ordre', tout: 'Tout' };
export const movementColumn = (flow: FlowCode, operation: OperationKind): ColumnName => `${flow[1] === 'D' ? 'd' : 'r'}${OP[operation]}` as ColumnName;
export const balanceColumn = (t: BalanceTerm): ColumnName => `${t.balance}${t.side === 'credit' ? 'Credit' : 'Debit'}` as ColumnName;

export const specKey = (s: SlotSpec) => `${s.column}|${s.accounts.join(',')}|${s.except.join(',')}`;

/**
 * The slot an account term needs on a balance, or undefined when it takes whole chapters (a balance has accounts,
 * not the chapters of the vote) or a whole flow without exclusions (the base slots FD_REEL… give it).
 * On a balance accounts are the only key: a term's chapters only locate its accounts in a ledger.
 */
export function accountSpec(t: AccountTerm): SlotSpec | undefined {
  const column = movementColumn(t.flow, t.operation);
  if (t.accounts) return { column, accounts: t.accounts, except: t.except ?? [] };
  // A whole flow less some accounts: the base slot less the slot of those accounts.
  if (!t.chapters && t.except) return { column, accounts: t.except, except: [] };
  return undefined;
}

function collect(def: Definition, id: string, out: Map<string, SlotSpec>, seen: Set<string>): void {
  if (seen.has(id)) return;
  seen.add(id);
  const a = def.aggregates.find((x) => x.id === id);
  if (!a) return;
  const add = (s: SlotSpec | undefined) => { if (s && !out.has(specKey(s))) out.set(specKey(s), s); };
  for (const terms of Object.values(a.terms) as (readonly Term[] | undefined)[]) {
    for (const t of terms ?? []) {
      if (isRefTerm(t)) collect(def, t.ref, out, seen);
      else if (isMinTerm(t)) t.min.forEach((m) => add(accountSpec(m)));
      else if (isBalanceTerm(t)) add({ column: balanceColumn(t), accounts: t.accounts, except: t.except ?? [] });
      else add(accountSpec(t));
    }
  }
}

/** Every slot the compared aggregates of the balance definitions need, in a fixed order (slot BASE + i). */
export const BALANCE_SLOT_SPECS: readonly SlotSpec[] = (() => {
  const out = new Map<string, SlotSpec>();
  for (const d of BALANCE_DEFINITIONS) {
    const seen = new Set<string>();
    for (const id of COMPARED_AGGREGATES) collect(d, id, out, seen);
  }
  return [...out.values()];
})();

const matches = (compte: string, prefixes: readonly string[]) => prefixes.some((p) => compte.startsWith(p));

/** The (slot offset, column) pairs an account feeds, flat: [offset0, column0, offset1, column1…]. */
export function extraSlotsOf(compte: string): number[] {
  const out: number[] = [];
  BALANCE_SLOT_SPECS.forEach((s, i) => {
    if (matches(compte, s.accounts) && !matches(compte, s.except)) out.push(i, COLUMN[s.column]);
  });
  return out;
}
