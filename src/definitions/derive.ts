// Builds a definition from another: the base's aggregates in their order, some replaced, some left out, new ones appended.
import type { AggregateDef } from './types.js';

export function deriveAggregates(base: readonly AggregateDef[], replace: readonly AggregateDef[], drop: readonly string[] = []): AggregateDef[] {
  const byId = new Map(replace.map((a) => [a.id, a]));
  const out = base.filter((a) => !drop.includes(a.id)).map((a) => byId.get(a.id) ?? a);
  for (const a of replace) if (!base.some((b) => b.id === a.id)) out.push(a);
  return out;
}

/** The aggregates that only exist to take 775 out of recettes: a definition whose recettes already leave it out drops them. */
export const HORS_CESSIONS = [
  'recettes-reelles-fonctionnement-hors-cessions',
  'epargne-brute-hors-cessions',
  'epargne-gestion-hors-cessions',
  'epargne-nette-hors-cessions',
] as const;
