// Evaluates a definition's aggregates on one budget's exercice, generically, with the per-account composition of each figure.
import type { AccountTerm, AggregateDef, BalanceTerm, CategorieKey, Definition, FlowCode, MinTerm, NormeKey, Term } from '../definitions/types.js';
import { isBalanceTerm, isMinTerm, isRefTerm } from '../definitions/types.js';
import { t as msg } from '../messages/index.js';
import type { Cents } from '../money/cents.js';
import type { ChapterData, ExerciceBudget } from '../model/budget.js';
import type { Maybe } from './epargne.js';
import { t as tr } from '../messages/index.js';

/** One signed part of a figure: an account (when the ledger details it) or a whole chapter. */
export interface Contribution {
  flow: FlowCode;
  chapitre: string;
  /** Absent when the ledger gives the chapter without its accounts. */
  compte?: string;
  amount: Cents;
  /** Aggregates the contribution came through, outermost first (for a bridge between definitions). */
  via: string[];
  /** What the part is when it is not the account's movement itself (`min(D16449; C16449)`). */
  note?: string;
}

export type Evaluated = { value: Cents; composition: Contribution[] } | { reason: string };

export interface EvaluationContext {
  ex: ExerciceBudget;
  /** Norme of the plan (M57, M14, M4…). */
  norme: string;
  categorie: CategorieKey;
  /** Figures from outside the ledger (encours, population), by id. */
  external?: ReadonlyMap<string, Maybe<Cents>>;
}

export function normeKey(norme: string): NormeKey {
  const n = norme.toUpperCase();
  return n.startsWith('M57') ? 'M57' : n.startsWith('M14') ? 'M14' : 'default';
}

/** The terms that apply to a norme and category, most specific key first; undefined when the aggregate has none. */
export function termsFor(a: AggregateDef, norme: string, categorie: CategorieKey): readonly Term[] | undefined {
  const k = normeKey(norme);
  const keys = [`${k}:${categorie}`, k, `default:${categorie}`, 'default'] as const;
  for (const key of keys) {
    const t = (a.terms as Record<string, readonly Term[] | undefined>)[key];
    if (t) return t;
  }
  return undefined;
}

const matches = (compte: string, prefixes: readonly string[] | undefined) => prefixes?.some((p) => compte.startsWith(p)) ?? false;

/** Whether accounts with this prefix can sit in the chapter: same branch of the code, or a globalised 0xx chapter. */
const canHold = (chapitre: string, prefix: string) => prefix.startsWith(chapitre) || chapitre.startsWith(prefix) || chapitre.startsWith('0');

function detailed(c: ChapterData): boolean {
  let t = 0n;
  for (const a of c.accounts.values()) t += a.realise;
  return c.accounts.size > 0 && t === c.realise;
}

function accountTerm(term: AccountTerm, ex: ExerciceBudget): Evaluated {
  const flow = ex.flows[term.flow];
  if (flow.declaredTotal) {
    return { reason: tr('report.sectionTotalOnlyAgg', { flow: term.flow, line: flow.declaredTotal.line }) };
  }
  const composition: Contribution[] = [];
  let value = 0n;
  const push = (chapitre: string, amount: Cents, compte?: string) => {
    if (amount === 0n) return;
    const signed = term.sign === 1 ? amount : -amount;
    value += signed;
    composition.push({ flow: term.flow, chapitre, ...(compte !== undefined ? { compte } : {}), amount: signed, via: [] });
  };
  const needsAccounts = term.accounts !== undefined || term.except !== undefined;
  for (const c of flow.chapters.values()) {
    if (term.operation !== 'tout' && c.nature !== term.operation) continue;
    if (term.chapters && !term.chapters.includes(c.code)) continue;
    const split = detailed(c);
    if (!split) {
      const relevant = [...(term.accounts ?? []), ...(term.except ?? [])].some((p) => canHold(c.code, p));
      if (needsAccounts && relevant) {
        return { reason: tr('report.notDetailedByAccount', { code: c.code, flow: term.flow, line: c.line, accounts: [...(term.accounts ?? []), ...(term.except ?? []).map((e) => tr('report.except', { code: e }))].join(', ') }) };
      }
      // Not relevant: an account list takes nothing from it, an exclusion leaves it whole.
      if (term.accounts === undefined) push(c.code, c.realise);
      continue;
    }
    for (const [compte, a] of c.accounts) {
      if (term.accounts !== undefined && !matches(compte, term.accounts)) continue;
      if (matches(compte, term.except)) continue;
      push(c.code, a.realise, compte);
    }
  }
  return { value, composition };
}

/** The smaller of two movements: one signed part, named by its label, under the first term's flow and account. */
function minTerm(term: MinTerm, ex: ExerciceBudget): Evaluated {
  const [a, b] = [accountTerm(term.min[0], ex), accountTerm(term.min[1], ex)];
  if ('reason' in a) return a;
  if ('reason' in b) return b;
  const m = a.value < b.value ? a.value : b.value;
  const signed = term.sign === 1 ? m : -m;
  if (signed === 0n) return { value: 0n, composition: [] };
  const first = term.min[0];
  const compte = first.accounts?.[0];
  const chapitre = first.chapters?.[0] ?? compte?.slice(0, 2) ?? '';
  return { value: signed, composition: [{ flow: first.flow, chapitre, ...(compte !== undefined ? { compte } : {}), amount: signed, via: [], note: term.label }] };
}

/** A ledger records the year's movements, never the balances at a date. */
function balanceTerm(term: BalanceTerm): Evaluated {
  return {
    reason: msg('definitions.needsBalances', {
      which: msg(term.balance === 'closing' ? 'definitions.closing' : 'definitions.opening'),
      accounts: [...term.accounts, ...(term.except ?? []).map((e) => `− ${e}`)].join(' '),
    }),
  };
}

function leafTerm(t: Exclude<Term, { ref: string }>, ex: ExerciceBudget): Evaluated {
  return isMinTerm(t) ? minTerm(t, ex) : isBalanceTerm(t) ? balanceTerm(t) : accountTerm(t, ex);
}

/** Evaluates every aggregate on demand, memoised; unknown ids are read from the external figures. */
export class Evaluator {
  private readonly memo = new Map<string, Evaluated>();
  private readonly byId: Map<string, AggregateDef>;

  constructor(readonly definition: Definition, private readonly ctx: EvaluationContext) {
    this.byId = new Map(definition.aggregates.map((a) => [a.id, a]));
  }

  aggregate(id: string): AggregateDef | undefined {
    return this.byId.get(id);
  }

  /** The terms of an aggregate for this entity. */
  terms(id: string): readonly Term[] | undefined {
    const a = this.byId.get(id);
    return a ? termsFor(a, this.ctx.norme, this.ctx.categorie) : undefined;
  }

  get(id: string): Evaluated {
    const hit = this.memo.get(id);
    if (hit) return hit;
    const out = this.compute(id, new Set());
    this.memo.set(id, out);
    return out;
  }

  private compute(id: string, visiting: Set<string>): Evaluated {
    const a = this.byId.get(id);
    if (!a) {
      const ext = this.ctx.external?.get(id);
      if (!ext) return { reason: tr('report.notGiven', { id }) };
      return 'value' in ext ? { value: ext.value, composition: [] } : ext;
    }
    if (visiting.has(id)) throw new Error(`definition ${this.definition.id}: ${id} refers to itself`);
    const terms = termsFor(a, this.ctx.norme, this.ctx.categorie);
    if (!terms || terms.length === 0) {
      return { reason: tr('report.noAccountsFor', { label: a.label, definition: this.definition.id, norme: this.ctx.norme, categorie: this.ctx.categorie }) };
    }
    let value = 0n;
    const composition: Contribution[] = [];
    for (const t of terms) {
      let r: Evaluated;
      if (isRefTerm(t)) {
        const memo = this.memo.get(t.ref);
        r = memo ?? this.compute(t.ref, new Set([...visiting, id]));
        if (!memo) this.memo.set(t.ref, r);
        if ('reason' in r) return r;
        const s = BigInt(t.sign);
        value += s * r.value;
        for (const c of r.composition) composition.push({ ...c, amount: s * c.amount, via: [t.ref, ...c.via] });
      } else {
        r = leafTerm(t, this.ctx.ex);
        if ('reason' in r) return r;
        value += r.value;
        composition.push(...r.composition);
      }
    }
    return { value, composition };
  }
}

export function asMaybe(e: Evaluated): Maybe<Cents> {
  return 'value' in e ? { value: e.value } : e;
}
