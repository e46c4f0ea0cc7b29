// The known variants of the standard definitions that published ratios follow: each a named edit of a definition's terms or of an input.
// A variant is data (a list of edits); applyVariant turns the standard definition into the variant's, and the same
// evaluator computes it, so a variant can only differ from the standard where its edits say.
import type { AccountTerm, AggregateDef, Definition, OperationKind, RatioDef, Term } from './types.js';
import { isAccountTerm, isRefTerm } from './types.js';

/** External figures a variant may read beyond the standard ones (`encours`, `population`): the carried 002. */
export const REPORTE_R002 = 'reporte-r002';
export const REPORTE_D002 = 'reporte-d002';

export type VariantEdit =
  /** Appends a term to an aggregate (every norme / category key it has). */
  | { kind: 'add-term'; aggregate: string; term: Term }
  /** Removes the reference to another aggregate from an aggregate's terms. */
  | { kind: 'drop-ref'; aggregate: string; ref: string }
  /** Sets the operation kind of an aggregate's account terms (order operations kept: `tout`). */
  | { kind: 'operation'; aggregate: string; operation: OperationKind }
  /** Sets (or, when undefined, clears) the account list and exclusions of an aggregate's account terms. */
  | { kind: 'accounts'; aggregate: string; accounts?: readonly string[]; except?: readonly string[] }
  /** Removes account prefixes from the exclusions of an aggregate's account terms. */
  | { kind: 'keep-accounts'; aggregate: string; accounts: readonly string[] }
  /** Replaces an aggregate by another wherever a ratio uses it (numerator or denominator). */
  | { kind: 'ratio-ref'; from: string; to: string }
  /** Sets the numerator of a ratio for every category. */
  | { kind: 'ratio-numerator'; ratio: string; numerator: string };

/** What a variant changes outside the terms: which encours, which population, how the printed figure was rounded. */
export interface VariantInputs {
  /** The encours at 01/01 (the opening capital restant dû) where the ratio says 31/12. */
  encours?: 'ouverture';
  /** Each other population figure the same file (or the manifest) gives. */
  population?: 'autre';
  /** Truncated to the printed precision instead of rounded half away from zero. */
  rounding?: 'troncature';
}

export interface Variant {
  id: string;
  /** Catalogue key (src/messages/ratios.ts) of its one-line explanation. */
  explanation: `variant.${string}`;
  edits: readonly VariantEdit[];
  inputs?: VariantInputs;
}

const RRF = 'recettes-reelles-fonctionnement';
const DRF = 'depenses-reelles-fonctionnement';
const realFR = (rest: Partial<AccountTerm>, sign: 1 | -1): AccountTerm => ({ sign, flow: 'FR', operation: 'reel', ...rest });

/** In the order they are tried: the first that reproduces a published figure is the one named. */
export const VARIANTS: readonly Variant[] = [
  // R2313-1 ratios 5, 10 and 13 take the encours at 31/12; packages often print the one at 01/01 (the annex's first column).
  { id: 'encours-01-01', explanation: 'variant.encours0101', edits: [], inputs: { encours: 'ouverture' } },
  // Chapter 204 (subventions d'équipement versées) is not équipement brut (R2313-1 ratios 4 and 9); some count it.
  { id: 'equipement-avec-204', explanation: 'variant.avec204', edits: [{ kind: 'add-term', aggregate: 'depenses-equipement-brut', term: { sign: 1, flow: 'ID', operation: 'reel', chapters: ['204'] } }] },
  // Ratio 1 of communes and groupements deducts the travaux en régie (722) from the DRF: not deducted…
  { id: 'regie-non-deduite', explanation: 'variant.regieNonDeduite', edits: [{ kind: 'drop-ref', aggregate: 'depenses-reelles-fonctionnement-hors-regie', ref: 'travaux-regie' }] },
  // …or deducted where the definition does not (départements, régions, other bodies).
  { id: 'regie-deduite', explanation: 'variant.regieDeduite', edits: [{ kind: 'ratio-numerator', ratio: 'drf-par-habitant', numerator: 'depenses-reelles-fonctionnement-hors-regie' }] },
  // Équipement brut adds the 722 (works done by the staff are investment); left out by some.
  { id: 'equipement-sans-regie', explanation: 'variant.equipementSansRegie', edits: [{ kind: 'drop-ref', aggregate: 'depenses-equipement-brut', ref: 'travaux-regie' }] },
  // Capital repaid is 1641, 1643, 16441, 163, 168 (not 165 deposits, 166, 16449); the whole chapter 16 is a common shortcut…
  { id: 'chapitre-16-entier', explanation: 'variant.chapitre16Entier', edits: [{ kind: 'accounts', aggregate: 'capital-rembourse' }] },
  // …and 1641 alone the opposite one.
  { id: 'capital-1641-seul', explanation: 'variant.capital1641', edits: [{ kind: 'accounts', aggregate: 'capital-rembourse', accounts: ['1641'] }] },
  // Ratios 11 and 13 of the CFU take épargne brute; épargne nette in its place is a known slip.
  { id: 'epargne-nette-pour-brute', explanation: 'variant.epargneNette', edits: [{ kind: 'ratio-ref', from: 'epargne-brute', to: 'epargne-nette' }] },
  // The carried result is not a recette (or a dépense) of the year.
  { id: 'reporte-002-recettes', explanation: 'variant.reporte002Recettes', edits: [{ kind: 'add-term', aggregate: RRF, term: { sign: 1, ref: REPORTE_R002 } }] },
  { id: 'reporte-002-depenses', explanation: 'variant.reporte002Depenses', edits: [{ kind: 'add-term', aggregate: DRF, term: { sign: 1, ref: REPORTE_D002 } }] },
  // The CA keeps 775 in the real recettes; national aggregates (and a definition with cessions excluded) take it out.
  { id: 'cessions-gardees', explanation: 'variant.cessionsGardees', edits: [{ kind: 'keep-accounts', aggregate: RRF, accounts: ['775'] }, { kind: 'drop-ref', aggregate: 'recettes-reelles-fonctionnement-hors-cessions', ref: 'cessions' }] },
  { id: 'cessions-retirees', explanation: 'variant.cessionsRetirees', edits: [{ kind: 'add-term', aggregate: RRF, term: realFR({ chapters: ['77'], accounts: ['775'] }, -1) }] },
  // Chapter 77 (produits exceptionnels in M14, produits spécifiques in M57) taken out of the recettes as a whole.
  { id: 'sans-chapitre-77', explanation: 'variant.sans77', edits: [{ kind: 'add-term', aggregate: RRF, term: realFR({ chapters: ['77'] }, -1) }] },
  // Order operations (042, 043) counted in the "real" section totals.
  { id: 'operations-ordre', explanation: 'variant.ordre', edits: [{ kind: 'operation', aggregate: RRF, operation: 'tout' }, { kind: 'operation', aggregate: DRF, operation: 'tout' }] },
  { id: 'autre-population', explanation: 'variant.population', edits: [], inputs: { population: 'autre' } },
  { id: 'troncature', explanation: 'variant.troncature', edits: [], inputs: { rounding: 'troncature' } },
];

type TermEdit = (terms: readonly Term[]) => readonly Term[];

function editTerms(a: AggregateDef, f: TermEdit): AggregateDef {
  const terms: Record<string, readonly Term[]> = {};
  for (const [k, v] of Object.entries(a.terms as Record<string, readonly Term[] | undefined>)) if (v) terms[k] = f(v);
  return { ...a, terms };
}

/** Only the year's account terms are edited: references, min() pairs and balances (defs of other definitions) pass through. */
const accountEdit = (f: (t: AccountTerm) => AccountTerm): TermEdit => (ts) => ts.map((t) => (isAccountTerm(t) ? f(t) : t));

function termEdit(e: VariantEdit): TermEdit | undefined {
  switch (e.kind) {
    case 'add-term':
      return (ts) => [...ts, e.term];
    case 'drop-ref':
      return (ts) => ts.filter((t) => !(isRefTerm(t) && t.ref === e.ref));
    case 'operation':
      return accountEdit((t) => ({ ...t, operation: e.operation }));
    case 'accounts':
      return accountEdit(({ accounts: _a, except: _e, ...t }) => ({ ...t, ...(e.accounts ? { accounts: e.accounts } : {}), ...(e.except ? { except: e.except } : {}) }));
    case 'keep-accounts':
      // Written either as exclusions or as negative terms of those accounts alone: both undone.
      return (ts) =>
        accountEdit(({ except, ...t }) => {
          const left = except?.filter((x) => !e.accounts.includes(x));
          return left && left.length > 0 ? { ...t, except: left } : t;
        })(ts.filter((t) => !isAccountTerm(t) || t.sign === 1 || !t.accounts || !t.accounts.every((a) => e.accounts.includes(a))));
    default:
      return undefined;
  }
}

function editRatio(r: RatioDef, e: VariantEdit): RatioDef {
  if (e.kind === 'ratio-numerator' && e.ratio === r.id) return { ...r, numerator: e.numerator };
  if (e.kind !== 'ratio-ref') return r;
  const swap = (id: string) => (id === e.from ? e.to : id);
  const numerator = typeof r.numerator === 'string' ? swap(r.numerator) : Object.fromEntries(Object.entries(r.numerator).map(([k, v]) => [k, swap(v!)]));
  return { ...r, numerator, denominator: swap(r.denominator) };
}

/** The definition as the variant has it: its edits applied to the standard aggregates and ratios, nothing else. */
export function applyVariant(def: Definition, v: Variant): Definition {
  let aggregates = def.aggregates;
  let ratios = def.ratios;
  for (const e of v.edits) {
    const f = termEdit(e);
    if (f && 'aggregate' in e) aggregates = aggregates.map((a) => (a.id === e.aggregate ? editTerms(a, f) : a));
    else ratios = ratios.map((r) => editRatio(r, e));
  }
  return { ...def, id: `${def.id}~${v.id}`, aggregates, ratios, external: [...def.external, REPORTE_R002, REPORTE_D002] };
}
