// Between budgets: each flow the principal pays an annexe (or the reverse) must be received on the other side.
import type { Cents } from '../money/cents.js';
import { sourceOf, type ExerciceBudget, type FlowData, type Source } from '../model/budget.js';
import { eur, plain } from './finding.js';
import { FLOW_PAIRS, type FlowPair } from './flow-pairs.js';
import type { Check, CheckContext, Finding } from './types.js';
import { t as tr } from '../messages/index.js';

interface Side {
  amount: Cents;
  /** First ledger line carrying the account, for the finding's location. */
  at?: Source;
}

/** Sum of the accounts under a prefix; undefined when the flow has no account detail to look at. */
function accountSide(flow: FlowData, prefix: string): Side | undefined {
  if (flow.declaredTotal) return undefined;
  let amount = 0n;
  let at: Side['at'];
  let detailed = false;
  for (const c of flow.chapters.values()) {
    if (c.nature !== 'reel') continue;
    if (c.accounts.size > 0) detailed = true;
    for (const [compte, a] of c.accounts) {
      if (!compte.startsWith(prefix)) continue;
      amount += a.realise;
      at ??= sourceOf(c);
    }
  }
  return detailed ? { amount, ...(at ? { at } : {}) } : undefined;
}

function pairSides(pair: FlowPair, principal: ExerciceBudget, annexes: ExerciceBudget[]) {
  const payers = pair.payer === 'principal' ? [principal] : annexes;
  const receivers = pair.payer === 'principal' ? annexes : [principal];
  const sum = (budgets: ExerciceBudget[], key: 'D' | 'R', prefix: string): Side | undefined => {
    let amount = 0n;
    let at: Side['at'];
    let any = false;
    for (const b of budgets) {
      const s = accountSide(b.flows[`${pair.section}${key}`], prefix);
      if (!s) continue;
      any = true;
      amount += s.amount;
      at ??= s.at;
    }
    return any ? { amount, ...(at ? { at } : {}) } : undefined;
  };
  return { paid: sum(payers, 'D', pair.depense), received: sum(receivers, 'R', pair.recette) };
}

export const flows: Check = {
  id: 'between-budgets.flows',
  level: 'basic',
  stage: 'cross',
  title: 'flows between the budget principal (first in the manifest) and its annexes are listed; one paid but not received (or the reverse) is a warning',
  run: (ctx: CheckContext) => {
    const out: Finding[] = [];
    const [first, ...rest] = ctx.folder.model.budgets;
    if (!first || rest.length === 0) return out;
    const principalYears = ctx.folder.model.data.get(first.id) ?? new Map<number, ExerciceBudget>();
    for (const [exercice, principal] of [...principalYears].sort(([a], [b]) => a - b)) {
      const annexes = rest.map((b) => ctx.folder.model.data.get(b.id)?.get(exercice)).filter((x): x is ExerciceBudget => x !== undefined);
      if (annexes.length === 0) continue;
      for (const pair of FLOW_PAIRS) {
        const { paid, received } = pairSides(pair, principal, annexes);
        if (!paid || !received) continue;
        if (paid.amount === 0n && received.amount === 0n) continue;
        const where = paid.at ?? received.at;
        const dir = pair.payer === 'principal' ? `${first.id} → ${rest.map((b) => b.id).join(', ')}` : `${rest.map((b) => b.id).join(', ')} → ${first.id}`;
        const base = {
          checkId: 'between-budgets.flows',
          ...(where ?? { file: ctx.path }),
        };
        if (paid.amount === received.amount) {
          out.push({ ...base, severity: 'info', message: tr('check.flowMatched', { year: exercice, dir, label: pair.label, amount: eur(paid.amount), dep: pair.depense, rec: pair.recette }), computed: plain(paid.amount) });
        } else {
          out.push({
            ...base,
            severity: 'warning',
            message: tr('check.flowMismatch', { year: exercice, dir, label: pair.label, paid: eur(paid.amount), dep: pair.depense, received: eur(received.amount), rec: pair.recette, diff: eur(paid.amount - received.amount) }),
            published: plain(paid.amount),
            computed: plain(received.amount),
            difference: plain(paid.amount - received.amount),
            hint: tr('check.flowHint'),
          });
        }
      }
    }
    return out;
  },
};
