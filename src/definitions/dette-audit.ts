// The rules of the debt annex audit as data: the prudential ratios of guarantees (ratios Galland), the social-housing
// markers, the rate types and the amortisation profiles of the TOTEM / CFU EMPRUNT annex (docs/dette.md).

/**
 * CGCT L2252-1 / D1511-30 ff. (communes; L3231-4 / D3231-1 départements, L4253-1 / D4253-1 régions), « ratios Galland »:
 * - plafonnement (D1511-32): annuités garanties à échoir dans l'exercice + annuités de la dette propre ≤ 50 % des
 *   recettes réelles de fonctionnement;
 * - division du risque (D1511-34): annuités garanties au profit d'un même débiteur ≤ 10 % du montant total des annuités
 *   susceptibles d'être garanties (here: 50 % des RRF − annuités de la dette propre, the room the first rule leaves);
 * - partage du risque (D1511-35): une même opération garantie à 50 % au plus (80 % pour les opérations d'aménagement,
 *   art. L300-1 et L300-4 du code de l'urbanisme).
 * Loans for social housing (L2252-2: organismes d'HLM, SEM de logement, prêts aidés par l'État) are outside the three.
 * The provisions constituted for guarantees (ProvGarantiEmpr), which the law deducts from the annuities, are not applied.
 */
export const GARANTIES = {
  plafonnementPct: '50',
  divisionPct: '10',
  partagePct: '50',
  partageAmenagementPct: '80',
  source: 'CGCT L2252-1, L2252-2, D1511-30 à D1511-35 (ratios Galland)',
} as const;

/**
 * A guaranteed loan is taken as social housing when its beneficiary (NomBenefEmprGaranti) or its object (ObjEmpr)
 * names a social landlord or a social-housing loan product (CDC PLAI / PLUS / PLS / PLA). Real annexes leave
 * CodTypEmprGaranti at 01 for every guarantee and sometimes name the guarantor itself as beneficiary (Crach DM 2021),
 * so the code is shown but not used.
 */
export const SOCIAL_HOUSING_MARKERS: readonly { pattern: RegExp; label: string }[] = [
  { pattern: /\bH\.?L\.?M\b/i, label: 'HLM' },
  { pattern: /\bO\.?P\.?H\b|\bOPAC\b|OFFICE PUBLIC DE L.?HABITAT/i, label: 'office public de l’habitat' },
  { pattern: /LOGEMENTS? SOCIA/i, label: 'logement social' },
  { pattern: /\bPLAI\w*|\bPLUS\b|\bPLS\b|\bPLA\b/i, label: 'prêt PLAI / PLUS / PLS' },
  { pattern: /HABITAT|\bE\.?S\.?H\b/i, label: 'bailleur social' },
];

/** An aménagement operation (urbanisme L300-1): its guarantee may reach 80 %. */
export const AMENAGEMENT_MARKER = /AM[EÉ]NAGEMENT|\bZAC\b|LOTISSEMENT/i;

export type RateKind = 'fixe' | 'variable' | 'autre';

/** CodTyptx… of the annex: F fixe; V variable, R révisable (indexed: variable); any other code (C, X…) apart. */
export const RATE_TYPES: Readonly<Record<string, RateKind>> = { F: 'fixe', V: 'variable', R: 'variable' };

/** CodProfilAmort F: in fine (the whole capital at the last maturity); other profiles are estimated as constant capital. */
export const IN_FINE_PROFILE = 'F';
