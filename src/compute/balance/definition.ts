// A named definition (ofgl, decret-2023) evaluated on an entity's balance slots: the aggregates from the slot sums, exact.
import { termsFor } from '../aggregate.js';
import { accountSpec, balanceColumn, BALANCE_SLOT_SPECS, specKey, type SlotSpec } from '../../definitions/balance-slots.js';
import { COMPARED_AGGREGATES } from '../../definitions/compared.js';
import type { AccountTerm, Definition, Term } from '../../definitions/types.js';
import { isBalanceTerm, isMinTerm, isRefTerm } from '../../definitions/types.js';
import type { Cents, Quotient } from '../../money/cents.js';
import { B, BASE_BUCKETS } from '../../model/balance.js';
import { t } from '../../messages/index.js';
import { capaciteDesendettement, type Maybe } from './results.js';

type Value = { value: Cents } | { reason: string };

const SLOT_OF = new Map(BALANCE_SLOT_SPECS.map((s, i) => [specKey(s), BASE_BUCKETS + i]));
const slotOf = (s: SlotSpec): number => {
  const i = SLOT_OF.get(specKey(s));
  // Every term of a balance definition was compiled into a slot at load: a miss is a bug.
  if (i === undefined) throw new Error(`balance slot missing for ${specKey(s)}`);
  return i;
};

/** The base slot of a whole flow (real, order or both). */
function flowSlots(t: AccountTerm): number[] {
  const base = { FD: [B.FD_REEL, B.FD_ORDRE], FR: [B.FR_REEL, B.FR_ORDRE], ID: [B.ID_REEL, B.ID_ORDRE], IR: [B.IR_REEL, B.IR_ORDRE] }[t.flow];
  const [reel, ordre] = base as [number, number];
  return t.operation === 'reel' ? [reel] : t.operation === 'ordre' ? [ordre] : [reel, ordre];
}

function accountValue(term: AccountTerm, totals: readonly bigint[]): Value {
  const spec = accountSpec(term);
  let v: bigint;
  if (term.accounts) v = totals[slotOf(spec!)]!;
  else if (term.chapters) return { reason: t('definitions.chaptersOnBalance', { chapters: term.chapters.join(', ') }) };
  else {
    v = flowSlots(term).reduce((s, i) => s + totals[i]!, 0n);
    if (spec) v -= totals[slotOf(spec)]!;
  }
  return { value: term.sign === 1 ? v : -v };
}

export class BalanceEvaluator {
  private readonly memo = new Map<string, Value>();
  constructor(readonly definition: Definition, private readonly totals: readonly bigint[], private readonly norme: string) {}

  get(id: string): Value {
    const hit = this.memo.get(id);
    if (hit) return hit;
    const out = this.compute(id);
    this.memo.set(id, out);
    return out;
  }

  private compute(id: string): Value {
    const a = this.definition.aggregates.find((x) => x.id === id);
    if (!a) return { reason: t('definitions.externalOnBalance', { id }) };
    const terms = termsFor(a, this.norme, 'autre');
    if (!terms || terms.length === 0) return { reason: t('definitions.noTermsForNorme', { label: a.label, definition: this.definition.id, norme: this.norme || '?' }) };
    let value = 0n;
    for (const term of terms) {
      const r = this.term(term);
      if ('reason' in r) return r;
      value += r.value;
    }
    return { value };
  }

  private term(term: Term): Value {
    if (isRefTerm(term)) {
      const r = this.get(term.ref);
      return 'reason' in r ? r : { value: term.sign === 1 ? r.value : -r.value };
    }
    if (isMinTerm(term)) {
      const a = accountValue(term.min[0], this.totals);
      const b = accountValue(term.min[1], this.totals);
      if ('reason' in a) return a;
      if ('reason' in b) return b;
      const m = a.value < b.value ? a.value : b.value;
      return { value: term.sign === 1 ? m : -m };
    }
    if (isBalanceTerm(term)) {
      const v = this.totals[slotOf({ column: balanceColumn(term), accounts: term.accounts, except: term.except ?? [] })]!;
      return { value: term.sign === 1 ? v : -v };
    }
    return accountValue(term, this.totals);
  }
}

export interface DefinitionFigures {
  /** COMPARED_AGGREGATES in order: the amount, or null with the reason at the same index of `reasons`. */
  amounts: (Cents | null)[];
  reasons: (string | null)[];
  capaciteDesendettement: Maybe<Quotient>;
}

/** The compared aggregates of one entity under a definition, and encours ÷ épargne brute. */
export function definitionFigures(def: Definition, totals: readonly bigint[], norme: string): DefinitionFigures {
  const ev = new BalanceEvaluator(def, totals, norme);
  const values = COMPARED_AGGREGATES.map((id) => ev.get(id));
  const enc = ev.get('encours');
  const brute = ev.get('epargne-brute');
  return {
    amounts: values.map((v) => ('value' in v ? v.value : null)),
    reasons: values.map((v) => ('reason' in v ? v.reason : null)),
    capaciteDesendettement: 'reason' in enc ? { value: null, reason: enc.reason } : 'reason' in brute ? { value: null, reason: brute.reason } : capaciteDesendettement(enc.value, brute.value),
  };
}
