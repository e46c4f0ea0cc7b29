// The aggregates every definition has, in the order `--compare-definitions` and `--by entity --definition` print them.
/**
 * The aggregates `compute --compare-definitions` puts side by side (and `--by entity --definition` prints per
 * entity), in this order: those every definition has.
 */
export const COMPARED_AGGREGATES = [
  'recettes-reelles-fonctionnement',
  'depenses-reelles-fonctionnement',
  'epargne-gestion',
  'epargne-brute',
  'capital-rembourse',
  'epargne-nette',
  'emprunts-nouveaux',
  'encours',
  'depenses-equipement-brut',
] as const;
