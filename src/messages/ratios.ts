// Messages of the ratios domain (keys `ratios.*`): the published-ratio checks — findings, the parts of a difference, each variant’s one-line explanation.
export const ratios = {
  checkTitle: {
    en: 'the ratios a TOTEM / CFU file prints (InformationsGenerales ValDepRFonc…) equal the ratios computed from the same file at their printed precision; a difference a known variant reproduces is a warning that names it, any other an error',
    fr: 'les ratios qu’imprime un fichier TOTEM / CFU (InformationsGenerales ValDepRFonc…) égalent ceux calculés sur le même fichier à leur précision imprimée ; un écart qu’une variante connue reproduit est un avertissement qui la nomme, tout autre une erreur',
  },
  matchesVariant: {
    en: '{what}: published {published} matches {variant} — {explanation} (difference from the standard definition: {difference}); the standard definition gives {computed}',
    fr: '{what} : le chiffre publié {published} correspond à la variante {variant} — {explanation} (écart avec la définition standard : {difference}) ; la définition standard donne {computed}',
  },
  unexplained: {
    en: '{what}: published {published}, computed {computed}; none of the {n} known variants that apply reproduces it',
    fr: '{what} : publié {published}, calculé {computed} ; aucune des {n} variantes connues applicables ne le reproduit',
  },
  notComputable: {
    en: '{what}: published {published}, but the ratio cannot be computed from this file: {reason}',
    fr: '{what} : publié {published}, mais le ratio ne peut pas être calculé sur ce fichier : {reason}',
  },
  notANumber: {
    en: '{what}: the published value "{value}" is not a number',
    fr: '{what} : la valeur publiée « {value} » n’est pas un nombre',
  },
  hint: {
    en: 'the ratios table with its numerators and denominators: sitiv-ca compute {path}; the variants: docs/check.md',
    fr: 'la table des ratios avec numérateurs et dénominateurs : sitiv-ca compute {path} ; les variantes : docs/check.md',
  },
  diffNumerator: { en: 'numerator {from} → {to} ({change})', fr: 'numérateur {from} → {to} ({change})' },
  diffDenominator: { en: 'denominator {from} → {to} ({change})', fr: 'dénominateur {from} → {to} ({change})' },
  diffPopulation: { en: 'population {from} → {to} ({source})', fr: 'population {from} → {to} ({source})' },
  diffRounding: { en: 'truncated to {truncated} instead of rounded to {rounded}', fr: 'tronqué à {truncated} au lieu d’arrondi à {rounded}' },
  chapter: { en: 'chapter', fr: 'chapitre' },
  bridgeMore: { en: '… {n} more', fr: '… {n} de plus' },
  'variant.encours0101': { en: 'the encours at 01/01 instead of 31/12', fr: 'l’encours au 01/01 au lieu du 31/12' },
  'variant.avec204': { en: 'chapter 204 (subventions d’équipement versées) counted in dépenses d’équipement', fr: 'le chapitre 204 (subventions d’équipement versées) compté dans les dépenses d’équipement' },
  'variant.regieNonDeduite': { en: 'travaux en régie (722) not deducted from the dépenses réelles de fonctionnement', fr: 'les travaux en régie (722) non déduits des dépenses réelles de fonctionnement' },
  'variant.regieDeduite': { en: 'travaux en régie (722) deducted from the dépenses réelles de fonctionnement, which this category does not do', fr: 'les travaux en régie (722) déduits des dépenses réelles de fonctionnement, ce que cette catégorie ne fait pas' },
  'variant.equipementSansRegie': { en: 'travaux en régie (722) left out of the dépenses d’équipement', fr: 'les travaux en régie (722) omis des dépenses d’équipement' },
  'variant.chapitre16Entier': { en: 'the whole chapter 16 (165 deposits, 166, 16449 included) as capital repaid', fr: 'tout le chapitre 16 (dépôts 165, 166, 16449 compris) comme capital remboursé' },
  'variant.capital1641': { en: 'only 1641 as capital repaid', fr: 'le seul 1641 comme capital remboursé' },
  'variant.epargneNette': { en: 'épargne nette where the ratio takes épargne brute', fr: 'l’épargne nette là où le ratio prend l’épargne brute' },
  'variant.reporte002Recettes': { en: 'the carried result R002 counted in the recettes réelles de fonctionnement', fr: 'le résultat reporté R002 compté dans les recettes réelles de fonctionnement' },
  'variant.reporte002Depenses': { en: 'the carried deficit D002 counted in the dépenses réelles de fonctionnement', fr: 'le déficit reporté D002 compté dans les dépenses réelles de fonctionnement' },
  'variant.cessionsGardees': { en: 'cessions (775) kept in the recettes', fr: 'les cessions (775) gardées dans les recettes' },
  'variant.cessionsRetirees': { en: 'cessions (775) taken out of the recettes', fr: 'les cessions (775) retirées des recettes' },
  'variant.sans77': { en: 'chapter 77 taken out of the recettes', fr: 'le chapitre 77 retiré des recettes' },
  'variant.ordre': { en: 'order operations (042, 043) kept in the recettes and dépenses de fonctionnement', fr: 'les opérations d’ordre (042, 043) gardées dans les recettes et dépenses de fonctionnement' },
  'variant.population': { en: 'another population figure of the same file', fr: 'un autre chiffre de population du même fichier' },
  'variant.troncature': { en: 'truncated instead of rounded half away from zero', fr: 'tronqué au lieu d’arrondi au plus proche' },
} as const;
