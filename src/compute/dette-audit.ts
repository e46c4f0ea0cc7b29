// The audit of one year's EMPRUNT annex, pure: per-loan roll-forward, annex against the ledger, guarantees and the ratios Galland, extinction, lenders, rates.
import { empruntType, type EmpruntRole } from '../definitions/emprunt-types.js';
import { AMENAGEMENT_MARKER, GARANTIES, IN_FINE_PROFILE, RATE_TYPES, SOCIAL_HOUSING_MARKERS, type RateKind } from '../definitions/dette-audit.js';
import { D, parsePlainAmount, type Cents, type Dec } from '../money/cents.js';
import type { AnnexLoan } from '../model/annex.js';
import type { ExerciceBudget, FlowKey } from '../model/budget.js';
import type { Maybe } from './epargne.js';
import { t } from '../messages/index.js';

export interface LoanRoll {
  loan: AnnexLoan;
  role: EmpruntRole;
  /** CRD at 01/01 as the roll-forward takes it: 0 for a new refinancing loan (05 / 07) drawn in the year (its 06 / 08 brings it). */
  opening: Cents;
  openingCounted: boolean;
  repaid: Cents;
  /** The original amount of a loan encashed in the exercice (AnEncaisse), else 0. */
  drawn: Cents;
  closing: Cents;
  /** opening − repaid + drawn. */
  computed: Cents;
  /** closing − computed: non-zero is an error of the annex. */
  ecart: Cents;
  /** False when the record gives no CRD at 01/01 and was not drawn in the year: nothing to roll forward from. */
  rollable: boolean;
}

/** Every loan record (own, refinancing, guaranteed; not the ratio rows, not unknown codes), rolled forward. */
export function rollForwardLoans(loans: readonly AnnexLoan[], exercice: number): LoanRoll[] {
  const out: LoanRoll[] = [];
  for (const loan of loans) {
    const t = empruntType(loan.type);
    if (!t || t.role === 'ratio') continue;
    const drawnInYear = loan.anneeEncaissement === exercice;
    const drawn = drawnInYear ? (loan.montantInitial ?? 0n) : 0n;
    // A new refinancing loan's CRD at 01/01 is the refinanced loan's capital (docs/formats.md): not a second debt.
    const openingCounted = !(t.role === 'refinancement-nouveau' && drawnInYear);
    const opening = openingCounted ? (loan.encours0101 ?? 0n) : 0n;
    const repaid = loan.amortissement ?? 0n;
    const closing = loan.encours3112 ?? 0n;
    const computed = opening - repaid + drawn;
    const rollable = loan.encours0101 !== undefined || drawnInYear;
    out.push({ loan, role: t.role, opening, openingCounted, repaid, drawn, closing, computed, ecart: closing - computed, rollable });
  }
  return out;
}

const isOwn = (role: EmpruntRole) => role === 'propre' || role === 'refinancement-nouveau' || role === 'refinancement-ancien';
const NEUTRALISED = ['16449', '166'] as const;
const neutralisedAccount = (compte: string | undefined) => NEUTRALISED.some((p) => (compte ?? '').startsWith(p));

/** Real movements of a flow on the accounts starting with a prefix; n.s. when the chapter is not detailed by account. */
export function ledgerAccounts(ex: ExerciceBudget, key: FlowKey, chapitre: string, prefixes: readonly string[], except: readonly string[] = []): Maybe<Cents> {
  const flow = ex.flows[key];
  if (flow.declaredTotal) return { reason: t('dette.nsSectionTotal', { flow: key, line: flow.declaredTotal.line }) };
  const c = flow.chapters.get(chapitre);
  if (!c || c.nature !== 'reel') return { value: 0n };
  let detailed = 0n;
  let kept = 0n;
  for (const [compte, a] of c.accounts) {
    detailed += a.realise;
    if (prefixes.some((p) => compte.startsWith(p)) && !except.some((p) => compte.startsWith(p))) kept += a.realise;
  }
  if (c.accounts.size === 0 || detailed !== c.realise) return { reason: t('dette.nsNotDetailed', { chapitre, flow: key, line: c.line, accounts: prefixes.join(', ') }) };
  return { value: kept };
}

const gap = (a: Cents, b: Maybe<Cents>): Maybe<Cents> => ('value' in b ? { value: a - b.value } : b);

export interface AccountMatch {
  compte: string;
  annexe: Cents;
  ledger: Maybe<Cents>;
  ecart: Maybe<Cents>;
}

export interface AnnexLedger {
  /** Own loans' capital repaid by account (CodArticle), against the ledger's real mandates on that account. */
  byAccount: AccountMatch[];
  annexCapital: Cents;
  /** Capital of refinanced loans (06 / 08) repaid through 166, taken out: min(their capital, the ledger's 166 debits). */
  refinanced: Maybe<Cents>;
  annexCompared: Maybe<Cents>;
  /** The ledger's capital repaid: the `ca` definition's accounts (1641, 1643, 16441, 163, 168 except 1688). */
  ledgerCapital: Maybe<Cents>;
  ecartCapital: Maybe<Cents>;
  annexInterets: Cents;
  ledger66111: Maybe<Cents>;
  ecartInterets: Maybe<Cents>;
  /** 16449 and 166 as the ledger moves them: drawings and repayments that offset, left out of both sides. */
  neutralised: { compte: string; debit: Maybe<Cents>; credit: Maybe<Cents> }[];
}

export function annexAgainstLedger(rolls: readonly LoanRoll[], ex: ExerciceBudget, ledgerCapital: Maybe<Cents>): AnnexLedger {
  const own = rolls.filter((r) => isOwn(r.role) && !neutralisedAccount(r.loan.compte));
  const accounts = new Map<string, Cents>();
  for (const r of own) accounts.set(r.loan.compte || '?', (accounts.get(r.loan.compte || '?') ?? 0n) + r.repaid);
  const byAccount = [...accounts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([compte, annexe]) => {
      const ledger = compte === '?' ? { reason: t('dette.nsNoAccount') } : ledgerAccounts(ex, 'ID', '16', [compte]);
      return { compte, annexe, ledger, ecart: gap(annexe, ledger) };
    });
  const annexCapital = own.reduce((t, r) => t + r.repaid, 0n);
  const old = own.filter((r) => r.role === 'refinancement-ancien').reduce((t, r) => t + r.repaid, 0n);
  const d166 = ledgerAccounts(ex, 'ID', '16', ['166']);
  const refinanced: Maybe<Cents> = old === 0n ? { value: 0n } : 'value' in d166 ? { value: d166.value < old ? d166.value : old } : d166;
  const annexCompared: Maybe<Cents> = 'value' in refinanced ? { value: annexCapital - refinanced.value } : refinanced;
  const annexInterets = own.reduce((t, r) => t + (r.loan.interets ?? 0n), 0n);
  const ledger66111 = ledgerAccounts(ex, 'FD', '66', ['66111']);
  return {
    byAccount,
    annexCapital,
    refinanced,
    annexCompared,
    ledgerCapital,
    ecartCapital: 'value' in annexCompared ? gap(annexCompared.value, ledgerCapital) : annexCompared,
    annexInterets,
    ledger66111,
    ecartInterets: gap(annexInterets, ledger66111),
    neutralised: NEUTRALISED.map((compte) => ({ compte, debit: ledgerAccounts(ex, 'ID', '16', [compte]), credit: ledgerAccounts(ex, 'IR', '16', [compte]) })),
  };
}

export interface GuaranteedLoan {
  roll: LoanRoll;
  /** Capital + interest of the year. */
  annuite: Cents;
  debtor: string;
  /** The marker found in the beneficiary or the object; undefined: not social housing, the ratios apply. */
  social?: string;
  amenagement: boolean;
  /** PartGarantie in percent, when the annex gives a number. */
  part?: Dec;
}

export interface Ratio {
  numerator: Cents;
  denominator: Maybe<Cents>;
  /** In percent, unrounded. */
  pct: Maybe<Dec>;
  limit: Dec;
  exceeded: Maybe<boolean>;
}

export interface Guarantees {
  loans: GuaranteedLoan[];
  rrf: Maybe<Cents> & { source?: string };
  ownAnnuity: Maybe<Cents>;
  guaranteedAnnuity: Cents;
  plafonnement: Ratio;
  /** The debtor with the largest guaranteed annuity (division du risque), when a loan falls under the rules. */
  division?: Ratio & { debtor: string };
  /** Each loan under the rules: its share against 50 % (80 % for aménagement); n.s. when the annex gives no share. */
  partage: { loan: GuaranteedLoan; pct: Maybe<Dec>; limit: Dec; exceeded: Maybe<boolean> }[];
}

const pct = (num: Cents, den: Maybe<Cents>): Maybe<Dec> => {
  if (!('value' in den)) return den;
  if (den.value <= 0n) return { reason: t('dette.nsDenominator') };
  return { value: new D(num.toString()).times(100).div(den.value.toString()) };
};
const over = (p: Maybe<Dec>, limit: Dec): Maybe<boolean> => ('value' in p ? { value: p.value.gt(limit) } : p);

export function socialHousingMarker(loan: AnnexLoan): string | undefined {
  const text = `${loan.beneficiaire ?? ''} ${loan.objet ?? ''}`;
  return SOCIAL_HOUSING_MARKERS.find((m) => m.pattern.test(text))?.label;
}

function share(text: string | undefined): Dec | undefined {
  if (!text || !/^-?\d+(?:[.,]\d+)?$/.test(text.trim())) return undefined;
  return new D(text.trim().replace(',', '.'));
}

/**
 * The guaranteed loans (09) and the three prudential ratios. `rrf`: recettes réelles de fonctionnement (the ledger's,
 * else the annex's RReelFon); `ownAnnuity`: the own debt's capital (refinancing neutralised) + interest.
 */
export function guarantees(rolls: readonly LoanRoll[], rrf: Guarantees['rrf'], ownAnnuity: Maybe<Cents>): Guarantees {
  const loans: GuaranteedLoan[] = rolls
    .filter((r) => r.role === 'garanti')
    .map((roll) => {
      const l = roll.loan;
      const social = socialHousingMarker(l);
      const part = share(l.partGarantie);
      return {
        roll,
        annuite: roll.repaid + (l.interets ?? 0n),
        debtor: (l.beneficiaire ?? '').trim().toUpperCase() || '(bénéficiaire non renseigné)',
        ...(social ? { social } : {}),
        amenagement: AMENAGEMENT_MARKER.test(l.objet ?? ''),
        ...(part !== undefined ? { part } : {}),
      };
    });
  const ruled = loans.filter((g) => g.social === undefined);
  const guaranteedAnnuity = ruled.reduce((t, g) => t + g.annuite, 0n);
  const plafond = new D(GARANTIES.plafonnementPct);
  const numerator = 'value' in ownAnnuity ? ownAnnuity.value + guaranteedAnnuity : undefined;
  const plafonnementPct: Maybe<Dec> = numerator === undefined ? (ownAnnuity as { reason: string }) : pct(numerator, rrf);
  const out: Guarantees = {
    loans,
    rrf,
    ownAnnuity,
    guaranteedAnnuity,
    plafonnement: { numerator: numerator ?? guaranteedAnnuity, denominator: rrf, pct: plafonnementPct, limit: plafond, exceeded: over(plafonnementPct, plafond) },
    partage: [],
  };
  if (ruled.length > 0) {
    const byDebtor = new Map<string, Cents>();
    for (const g of ruled) byDebtor.set(g.debtor, (byDebtor.get(g.debtor) ?? 0n) + g.annuite);
    const [debtor, annuity] = [...byDebtor].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))[0]!;
    // The total that may be guaranteed: 50 % of the RRF less the own annuities (what the plafonnement leaves).
    const capacity: Maybe<Cents> =
      'value' in rrf && 'value' in ownAnnuity ? { value: BigInt(new D(rrf.value.toString()).times(plafond).div(100).toDecimalPlaces(0).toFixed(0)) - ownAnnuity.value } : 'reason' in rrf ? rrf : (ownAnnuity as { reason: string });
    const divisionPct = pct(annuity, capacity);
    const limit = new D(GARANTIES.divisionPct);
    out.division = { debtor, numerator: annuity, denominator: capacity, pct: divisionPct, limit, exceeded: over(divisionPct, limit) };
  }
  out.partage = ruled.map((g) => {
    const limit = new D(g.amenagement ? GARANTIES.partageAmenagementPct : GARANTIES.partagePct);
    const p: Maybe<Dec> = g.part !== undefined ? { value: g.part } : { reason: t('dette.nsNoShare') };
    return { loan: g, pct: p, limit, exceeded: over(p, limit) };
  });
  return out;
}

export interface Extinction {
  /** Capital remaining at 31/12 of each year, from the exercice to the last maturity (in-fine loans whole until then). */
  years: { exercice: number; capital: Cents; matured: number }[];
  /** Own loans with capital due at 31/12 but no readable maturity (DureeRest): left out of the profile. */
  withoutMaturity: LoanRoll[];
}

/** Own loans that make the debt at 31/12 (01, 02, 05, 07): constant capital over DureeRest, in fine when CodProfilAmort F. */
export function extinction(rolls: readonly LoanRoll[], exercice: number): Extinction {
  const standing = rolls.filter((r) => (r.role === 'propre' || r.role === 'refinancement-nouveau') && r.closing !== 0n);
  const withoutMaturity: LoanRoll[] = [];
  const dated: { roll: LoanRoll; years: Dec }[] = [];
  for (const r of standing) {
    const d = r.loan.dureeRestante;
    if (d === undefined || !/^\d+(?:\.\d+)?$/.test(d)) withoutMaturity.push(r);
    else dated.push({ roll: r, years: new D(d) });
  }
  const last = dated.reduce((m, x) => Math.max(m, x.years.ceil().toNumber()), 0);
  const years: Extinction['years'] = [];
  for (let k = 0; k <= last; k++) {
    let capital = 0n;
    let matured = 0;
    for (const { roll, years: dur } of dated) {
      // 31/12 of the exercice: the annex's own figure, no estimate.
      if (k === 0) {
        capital += roll.closing;
        if (dur.isZero()) matured++;
        continue;
      }
      if (dur.lte(k)) {
        if (dur.gt(k - 1)) matured++;
        continue;
      }
      if (roll.loan.profilAmort === IN_FINE_PROFILE) capital += roll.closing;
      else capital += BigInt(new D(roll.closing.toString()).times(dur.minus(k)).div(dur).toDecimalPlaces(0).toFixed(0));
    }
    years.push({ exercice: exercice + k, capital, matured });
  }
  return { years, withoutMaturity };
}

export interface Share {
  key: string;
  capital: Cents;
  loans: number;
  pct: Maybe<Dec>;
  /** Rate codes gathered under `autre`. */
  codes?: string[];
}

function shares(rolls: readonly LoanRoll[], keyOf: (r: LoanRoll) => string, order?: readonly string[]): Share[] {
  const standing = rolls.filter((r) => r.role === 'propre' || r.role === 'refinancement-nouveau');
  const total = standing.reduce((t, r) => t + r.closing, 0n);
  const groups = new Map<string, { capital: Cents; loans: number }>();
  for (const r of standing) {
    const k = keyOf(r);
    const g = groups.get(k) ?? { capital: 0n, loans: 0 };
    g.capital += r.closing;
    g.loans++;
    groups.set(k, g);
  }
  const list = [...groups].map(([key, g]) => ({ key, ...g, pct: pct(g.capital, { value: total }) }));
  if (order) return list.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return list.sort((a, b) => (b.capital > a.capital ? 1 : b.capital < a.capital ? -1 : a.key.localeCompare(b.key)));
}

/** Capital due at 31/12 per lender (LibOrgaPreteur as written, spaces squeezed), largest first. */
export function byLender(rolls: readonly LoanRoll[]): Share[] {
  return shares(rolls, (r) => (r.loan.preteur ?? '').replace(/\s+/g, ' ').trim() || '(prêteur non renseigné)');
}

export const rateKind = (code: string | undefined): RateKind => RATE_TYPES[(code ?? '').toUpperCase()] ?? 'autre';

/** Capital due at 31/12 at a fixed rate, a variable one, and any other code (named). */
export function byRate(rolls: readonly LoanRoll[]): Share[] {
  const list = shares(rolls, (r) => rateKind(r.loan.typeTaux), ['fixe', 'variable', 'autre']);
  const autre = list.find((s) => s.key === 'autre');
  if (autre) {
    const codes = new Set(rolls.filter((r) => (r.role === 'propre' || r.role === 'refinancement-nouveau') && rateKind(r.loan.typeTaux) === 'autre').map((r) => r.loan.typeTaux || '(vide)'));
    autre.codes = [...codes].sort();
  }
  return list;
}

export interface AnnexAudit {
  exercice: number;
  rolls: LoanRoll[];
  ledger: AnnexLedger;
  guarantees: Guarantees;
  extinction: Extinction;
  lenders: Share[];
  rates: Share[];
}

export interface AuditInput {
  loans: readonly AnnexLoan[];
  exercice: number;
  ex: ExerciceBudget;
  /** The ledger's capital repaid and recettes réelles de fonctionnement under the `ca` definition. */
  ledgerCapital: Maybe<Cents>;
  rrfLedger: Maybe<Cents>;
  /** The annex's summary record (CodTypEmpr 10): RReelFon is the fallback for the recettes réelles. */
  annexRatios?: ReadonlyMap<string, string>;
  file: string;
}

export function auditAnnex(inp: AuditInput): AnnexAudit {
  const rolls = rollForwardLoans(inp.loans, inp.exercice);
  const ledger = annexAgainstLedger(rolls, inp.ex, inp.ledgerCapital);
  const ownAnnuity: Maybe<Cents> = 'value' in ledger.annexCompared ? { value: ledger.annexCompared.value + ledger.annexInterets } : ledger.annexCompared;
  const rreel = inp.annexRatios?.get('RReelFon')?.trim();
  const rreelCents = rreel ? parsePlainAmount(rreel) : undefined;
  // A ledger with recettes gives them; else (a ledger at section level, no fonctionnement lines) the annex's RReelFon.
  const rrf: Guarantees['rrf'] =
    'value' in inp.rrfLedger && inp.rrfLedger.value !== 0n
      ? { value: inp.rrfLedger.value, source: 'grand livre (recettes réelles de fonctionnement, définition ca)' }
      : rreelCents !== undefined
        ? { value: rreelCents, source: `${inp.file} EMPRUNT CodTypEmpr 10 RReelFon` }
        : 'reason' in inp.rrfLedger
          ? inp.rrfLedger
          : { value: 0n, source: 'grand livre' };
  return {
    exercice: inp.exercice,
    rolls,
    ledger,
    guarantees: guarantees(rolls, rrf, ownAnnuity),
    extinction: extinction(rolls, inp.exercice),
    lenders: byLender(rolls),
    rates: byRate(rolls),
  };
}
