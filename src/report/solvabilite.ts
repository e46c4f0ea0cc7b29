// Multi-year état de la dette, épargne series, capacité de désendettement (standard and the report's own) and ceilings.
import { auDelaDuPlafond, capaciteDesendettement, PLAFONDS_REFERENCE, plafondApplicable, ratioAuPremierJanvier, roundRatio, type Ratio } from '../compute/desendettement.js';
import { chapitre16, type DebtYear, type Sourced } from '../compute/dette.js';
import { cessionsDetaillees, depensesReelles, epargneBrute, epargneGestion, epargneNette, recettesReelles, type Maybe } from '../compute/epargne.js';
import { D, type Cents, type Dec } from '../money/cents.js';
import { decimalToCents } from '../money/cents.js';
import { serieValues } from '../model/side-tables.js';
import type { ExerciceBudget } from '../model/budget.js';
import { asMaybe, Evaluator } from '../compute/aggregate.js';
import { DEFAULT_DEFINITION, definitionById } from '../definitions/index.js';
import { col, maybeCell, publishedCents, ratioCell, ratioOf, yearRows, type MultiYearInput } from './multi-year-cells.js';
import { amount, empty, ns, text, type Cell, type Formula, type Row, type Table } from './table.js';
import { t } from '../messages/index.js';

/** Épargne brute per year: computed from the ledger, else the declared series (an input, shown as such). */
export interface EpargneYear {
  exercice: number;
  recettes: Maybe<Cents>;
  depenses: Maybe<Cents>;
  brute: Maybe<Cents>;
  declared?: Cents;
  /** The figure ratios use: computed when the ledger gives it, else declared. */
  used: Maybe<Cents>;
  /** Under a definition other than ca: its own épargne de gestion and nette (the OFGL's are not brute + intérêts). */
  gestion?: Maybe<Cents>;
  nette?: Maybe<Cents>;
  /** The definition's own encours where it has one (OFGL: a closing balance, n.s. on a ledger). */
  encours?: Maybe<Cents>;
}

/** The chosen definition's evaluator for one year, when it is not the default (whose figures the code below gives). */
function namedEvaluator(inp: MultiYearInput, exercice: number, ex: ExerciceBudget): Evaluator | undefined {
  if (!inp.definition || inp.definition === DEFAULT_DEFINITION) return undefined;
  const def = definitionById(inp.definition);
  const plan = inp.plans.get(exercice);
  return def && plan ? new Evaluator(def, { ex, norme: plan.norme, categorie: inp.categorie ?? 'autre' }) : undefined;
}

export function epargneYears(inp: MultiYearInput, years: number[]): EpargneYear[] {
  const declared = inp.serie ? serieValues(inp.serie, 'epargne-brute') : new Map<number, Dec>();
  const o = { excludeRecettes: inp.excludeCessions ? ['775'] : [] };
  return years.map((exercice) => {
    const ex = inp.years.get(exercice);
    const none = { reason: t('report.noLedgerFor', { year: exercice }) };
    const ev = ex ? namedEvaluator(inp, exercice, ex) : undefined;
    if (ev) {
      const hors = (id: string) => (inp.excludeCessions && ev.aggregate(`${id}-hors-cessions`) ? `${id}-hors-cessions` : id);
      const [recettes, depenses, brute, gestion, nette] = [hors('recettes-reelles-fonctionnement'), 'depenses-reelles-fonctionnement', hors('epargne-brute'), hors('epargne-gestion'), hors('epargne-nette')].map((id) => asMaybe(ev.get(id))) as [Maybe<Cents>, Maybe<Cents>, Maybe<Cents>, Maybe<Cents>, Maybe<Cents>];
      const d = declared.get(exercice);
      const dc = d ? decimalToCents(d) : undefined;
      const used: Maybe<Cents> = 'value' in brute ? brute : dc !== undefined ? { value: dc } : brute;
      const encours = ev.aggregate('encours') ? { encours: asMaybe(ev.get('encours')) } : {};
      return { exercice, recettes, depenses, brute, ...(dc !== undefined ? { declared: dc } : {}), used, gestion, nette, ...encours };
    }
    const recettes = ex ? recettesReelles(ex, o) : none;
    const depenses = ex ? depensesReelles(ex) : none;
    const brute = ex ? epargneBrute(ex, o) : none;
    const d = declared.get(exercice);
    const dc = d ? decimalToCents(d) : undefined;
    const used: Maybe<Cents> = 'value' in brute ? brute : dc !== undefined ? { value: dc } : brute;
    return { exercice, recettes, depenses, brute, ...(dc !== undefined ? { declared: dc } : {}), used };
  });
}


function sourcedMaybe(s: Sourced): Maybe<Cents> {
  return 'value' in s ? { value: s.value } : s;
}

export function epargneSeriesTable(inp: MultiYearInput, years: number[], scope: string, dette: DebtYear[], eps: EpargneYear[]): Table {
  const byDebt = new Map(dette.map((d) => [d.exercice, d]));
  const byEp = new Map(eps.map((e) => [e.exercice, e]));
  const noDebt = (y: number) => ({ reason: t('report.noDebtFigure', { year: y }) });
  const row = (id: string, label: string, make: (y: number) => Cell, role: Row['role'] = 'item', formulas?: (y: number) => Formula | undefined): Row => {
    const f: Record<string, Formula> = {};
    if (formulas) for (const y of years) { const x = formulas(y); if (x) f[String(y)] = x; }
    return { id, role, cells: { libelle: text(label), ...yearRows(years, make) }, ...(formulas ? { formulas: f } : {}) };
  };
  const ref = (row: string, y: number) => ({ row, column: String(y) });
  // Gestion and nette are live formulas where the brute and the debt figure are both known (else they are n.s.).
  // Under a named definition its own gestion and nette; a live formula only where it holds (OFGL gestion is not brute + intérêts).
  const gestionOf = (y: number): Maybe<Cents> => byEp.get(y)!.gestion ?? epargneGestion(byEp.get(y)!.brute, sourcedMaybe(byDebt.get(y)?.interets ?? noDebt(y)));
  const netteOf = (y: number): Maybe<Cents> => byEp.get(y)!.nette ?? epargneNette(byEp.get(y)!.brute, sourcedMaybe(byDebt.get(y)?.amortissement ?? noDebt(y)));
  const holds = (_y: number, v: Maybe<Cents>, brute: Maybe<Cents>, other: Sourced | undefined, sign: bigint) =>
    'value' in v && 'value' in brute && other !== undefined && 'value' in other && v.value === brute.value + sign * other.value;
  const bothKnown = (y: number, what: 'interets' | 'amortissement') => 'value' in byEp.get(y)!.brute && 'value' in (byDebt.get(y)?.[what] ?? noDebt(y));
  const rows: Row[] = [
    row('recettes-reelles', 'Recettes réelles de fonctionnement', (y) => maybeCell(byEp.get(y)!.recettes)),
    row('depenses-reelles', 'Dépenses réelles de fonctionnement', (y) => maybeCell(byEp.get(y)!.depenses)),
    row('epargne-brute', 'Épargne brute', (y) => maybeCell(byEp.get(y)!.brute), 'total', (y) => ('value' in byEp.get(y)!.brute ? { op: 'sub', a: ref('recettes-reelles', y), b: ref('depenses-reelles', y) } : undefined)),
    row('interets', 'Intérêts de la dette (66111 + 66112)', (y) => maybeCell(byDebt.get(y)?.interets ?? noDebt(y))),
    row('epargne-gestion', 'Épargne de gestion (brute + intérêts)', (y) => maybeCell(gestionOf(y)), 'item', (y) => (bothKnown(y, 'interets') && holds(y, gestionOf(y), byEp.get(y)!.brute, byDebt.get(y)?.interets, 1n) ? { op: 'add', refs: [ref('epargne-brute', y), ref('interets', y)] } : undefined)),
    row('amortissement', 'Remboursement du capital de la dette', (y) => maybeCell(byDebt.get(y)?.amortissement ?? noDebt(y))),
    row('epargne-nette', 'Épargne nette (brute − capital remboursé)', (y) => maybeCell(netteOf(y)), 'total', (y) => (bothKnown(y, 'amortissement') && holds(y, netteOf(y), byEp.get(y)!.brute, byDebt.get(y)?.amortissement, -1n) ? { op: 'sub', a: ref('epargne-brute', y), b: ref('amortissement', y) } : undefined)),
  ];
  const notes: string[] = [];
  if (eps.some((e) => e.declared !== undefined)) {
    rows.push(row('epargne-brute-declaree', 'Épargne brute déclarée (serie.csv)', (y) => { const d = byEp.get(y)!.declared; return d === undefined ? empty : amount(d); }));
    rows.push(row('ecart-epargne-brute', 'Écart (calculée − déclarée)', (y) => { const e = byEp.get(y)!; return e.declared !== undefined && 'value' in e.brute ? amount(e.brute.value - e.declared) : empty; }));
    notes.push(t('report.declaredEpargne'));
  }
  if (inp.excludeCessions) {
    notes.push(t('report.cessionsExcluded'));
    const blind = years.filter((y) => { const ex = inp.years.get(y); return ex !== undefined && !cessionsDetaillees(ex); });
    if (blind.length) notes.push(t('report.chapter77Blind', { years: blind.join(', ') }));
  }
  const sources = new Set(dette.flatMap((d) => [d.interets, d.amortissement].flatMap((s) => ('source' in s ? [s.source] : []))));
  if (sources.size > 0) notes.push(t('report.debtSources', { sources: [...sources].map((s) => (s === 'dette' ? t('report.fromDebtTable') : t('report.fromLedgerAccounts'))).join(t('report.and')) }));
  return {
    id: 'epargne',
    scope,
    title: `Épargne ${years[0]}–${years[years.length - 1]}`,
    columns: [col('libelle', '', 'text'), ...years.map((y) => col(String(y), String(y), 'amount'))],
    rows,
    notes,
  };
}

export function detteTable(inp: MultiYearInput, scope: string, dette: DebtYear[]): Table {
  const annuitePubliee = (y: number) => publishedCents(inp.publie?.get(`${scope}.dette.${y}.annuite`));
  const showPublished = dette.some((d) => annuitePubliee(d.exercice) !== undefined);
  const rows: Row[] = dette.map((d) => {
    const y = d.exercice;
    const cells: Record<string, Cell> = {
      exercice: text(String(y)),
      amortissement: maybeCell(d.amortissement),
      interets: maybeCell(d.interets),
      annuite: maybeCell(d.annuite),
      'emprunts-nouveaux': maybeCell(d.empruntsNouveaux),
      encours: maybeCell(d.encours),
      'encours-calcule': maybeCell(d.encoursCalcule),
      'ecart-encours': maybeCell(d.ecartEncours),
    };
    if (showPublished) {
      const p = annuitePubliee(y);
      cells['annuite-publiee'] = p === undefined ? empty : amount(p);
      cells['ecart-annuite'] = p !== undefined && 'value' in d.annuite ? amount(d.annuite.value - p) : empty;
    }
    const formulas: Record<string, Formula> = {};
    if ('value' in d.annuite) formulas.annuite = { op: 'add', refs: [{ row: String(y), column: 'amortissement' }, { row: String(y), column: 'interets' }] };
    return { id: String(y), role: 'item', cells, formulas };
  });
  const notes = ['annuité = amortissement + intérêts; encours recalculé = encours 31/12/N−1 − amortissement N + emprunts nouveaux N (the declared encours of N−1 when given)'];
  const flagged = dette.filter((d) => 'value' in d.ecartEncours && d.ecartEncours.value !== 0n).map((d) => d.exercice);
  if (flagged.length) notes.push(t('report.encoursDisagrees', { years: flagged.join(', ') }));
  const columns = [
    col('exercice', 'Année', 'text'),
    col('amortissement', 'Amortissement', 'amount'),
    col('interets', 'Intérêts', 'amount'),
    col('annuite', 'Annuité', 'amount'),
    col('emprunts-nouveaux', 'Emprunts nouveaux', 'amount'),
    col('encours', 'Encours 31/12', 'amount'),
    col('encours-calcule', 'Encours recalculé', 'amount'),
    col('ecart-encours', 'Écart encours', 'amount'),
  ];
  if (showPublished) columns.push(col('annuite-publiee', 'Annuité publiée', 'amount'), col('ecart-annuite', 'Écart annuité', 'amount'));
  const ys = dette.map((d) => d.exercice);
  return { id: 'dette', scope, title: `État de la dette ${ys[0]}–${ys[ys.length - 1]}`, columns, rows, notes };
}

/** Chapter 16 as the ledger records it (chapter level) beside the debt table's capital repaid and new loans. */
export function detteChapitre16Table(inp: MultiYearInput, scope: string, dette: DebtYear[]): Table {
  const diff = (a: Maybe<Cents>, b: Sourced): Cell => ('value' in a && 'value' in b ? amount(a.value - b.value) : empty);
  const rows: Row[] = dette
    .filter((d) => inp.years.has(d.exercice))
    .map((d) => {
      const ex = inp.years.get(d.exercice)!;
      const c16d = chapitre16(ex, 'D');
      const c16r = chapitre16(ex, 'R');
      return {
        id: String(d.exercice),
        role: 'item',
        cells: {
          exercice: text(String(d.exercice)),
          'chapitre-16-d': maybeCell(c16d),
          amortissement: maybeCell(d.amortissement),
          'ecart-d': diff(c16d, d.amortissement),
          'chapitre-16-r': maybeCell(c16r),
          'emprunts-nouveaux': maybeCell(d.empruntsNouveaux),
          'ecart-r': diff(c16r, d.empruntsNouveaux),
        },
      };
    });
  const ys = rows.map((r) => r.id);
  return {
    id: 'dette-chapitre-16',
    scope,
    title: `Chapitre 16 du grand livre et état de la dette ${ys[0]}–${ys[ys.length - 1]}`,
    columns: [
      col('exercice', 'Année', 'text'),
      col('chapitre-16-d', 'Chap. 16 dépenses', 'amount'),
      col('amortissement', 'Amortissement', 'amount'),
      col('ecart-d', 'Écart', 'amount'),
      col('chapitre-16-r', 'Chap. 16 recettes', 'amount'),
      col('emprunts-nouveaux', 'Emprunts nouveaux', 'amount'),
      col('ecart-r', 'Écart', 'amount'),
    ],
    rows,
    notes: [t('report.chapter16Level')],
  };
}

/** Encours at 31/12/N used by ratios: the declared one, else the roll-forward. */
function encoursOf(d: DebtYear | undefined, y: number): Maybe<Cents> {
  if (!d) return { reason: t('report.noEncours', { year: y }) };
  if ('value' in d.encours) return d.encours;
  return 'value' in d.encoursCalcule ? d.encoursCalcule : { reason: t('report.noEncoursBecause', { year: y, reason: d.encoursCalcule.reason }) };
}

/** A computed ratio, or a figure missing to compute it (then no verdict against the ceiling). */
type RatioOrMissing = Ratio | { reason: string; exceeded?: undefined };
const isRatio = (r: RatioOrMissing): r is Ratio => 'value' in r || r.exceeded === true;

export function desendettementTable(inp: MultiYearInput, years: number[], scope: string, dette: DebtYear[], eps: EpargneYear[]): { table: Table; ratios: Map<number, Ratio> } {
  const byDebt = new Map(dette.map((d) => [d.exercice, d]));
  const byEp = new Map(eps.map((e) => [e.exercice, e]));
  const plafond = plafondApplicable(inp.categorie ?? 'autre', inp.plafondDesendettement);
  const epargneOf = (y: number): Maybe<Cents> => byEp.get(y)?.used ?? { reason: t('report.noEpargne', { year: y }) };
  const ratios = new Map<number, RatioOrMissing>();
  const encOf = (y: number): Maybe<Cents> | Sourced => byEp.get(y)?.encours ?? encoursOf(byDebt.get(y), y);
  for (const y of years) {
    const enc = encOf(y);
    const ep = epargneOf(y);
    ratios.set(y, 'reason' in enc ? enc : 'reason' in ep ? ep : capaciteDesendettement(enc.value, ep.value));
  }
  const line = (id: string, label: string, make: (y: number) => Cell, role: Row['role'] = 'item'): Row => ({ id, role, cells: { libelle: text(label), ...yearRows(years, make) } });
  const rows: Row[] = [
    line('encours', 'Encours de la dette au 31/12/N', (y) => maybeCell(encOf(y))),
    line('epargne-brute', 'Épargne brute N', (y) => maybeCell(epargneOf(y))),
    line('ratio', 'Capacité de désendettement (années)', (y) => { const r = ratios.get(y)!; return 'value' in r ? ratioCell(r.value) : ns(r.reason); }, 'total'),
  ];
  // The ratio as a live formula, encours ÷ épargne brute, where it is meaningful.
  const ratioRow = rows[2]!;
  ratioRow.formulas = {};
  for (const y of years) if ('value' in ratios.get(y)!) ratioRow.formulas[String(y)] = { op: 'div', a: { row: 'encours', column: String(y) }, b: { row: 'epargne-brute', column: String(y) } };
  const notes = ['capacité de désendettement = encours au 31/12/N ÷ épargne brute N, in years; not meaningful (and beyond any ceiling) when épargne brute ≤ 0'];
  if (plafond) {
    rows.push(line('plafond', `Plafond (${plafond.label})`, () => ratioCell(new D(plafond.annees))));
    rows.push(
      line('au-dela-du-plafond', 'Au-delà du plafond', (y) => {
        const r = ratios.get(y)!;
        return isRatio(r) ? text(auDelaDuPlafond(r, plafond) ? 'oui' : 'non') : empty;
      }),
    );
    notes.push(t('report.plafondNote', { years: plafond.annees, source: plafond.source }));
  } else notes.push(t('report.noCeiling', { category: inp.categorie ?? 'autre' }));
  const used = eps.filter((e) => 'reason' in e.brute && e.declared !== undefined).map((e) => e.exercice);
  if (used.length) notes.push(t('report.epargneDeclaredUsed', { years: used.join(', ') }));
  const standard = new Map<number, Ratio>();
  for (const [y, r] of ratios) if (isRatio(r)) standard.set(y, r);
  const table: Table = {
    id: 'desendettement',
    scope,
    title: `Capacité de désendettement ${years[0]}–${years[years.length - 1]}`,
    columns: [col('libelle', '', 'text'), ...years.map((y) => col(String(y), String(y), 'ratio'))],
    rows,
    notes,
  };
  return { table, ratios: standard };
}

/** The report's own ratio table, from its declared rows, beside the standard computation; differences shown. */
export function desendettementPublieTable(inp: MultiYearInput, scope: string, dette: DebtYear[], eps: EpargneYear[], standard: Map<number, Ratio>): Table | undefined {
  if (!inp.serie) return undefined;
  const capital = serieValues(inp.serie, 'capital-restant-du-0101');
  const epargne = serieValues(inp.serie, 'epargne-brute');
  const ratio = serieValues(inp.serie, 'capacite-desendettement');
  const years = [...new Set([...capital.keys(), ...epargne.keys(), ...ratio.keys()])].sort((a, b) => a - b);
  if (years.length === 0) return undefined;
  const byDebt = new Map(dette.map((d) => [d.exercice, d]));
  const byEp = new Map(eps.map((e) => [e.exercice, e]));
  const decAmount = (v: Dec | undefined): Cell => {
    if (v === undefined) return empty;
    const c = decimalToCents(v);
    return c === undefined ? ns(t('report.notCents', { value: v.toString() })) : amount(c);
  };
  const opening = (y: number): Maybe<Cents> => {
    const prev = byDebt.get(y - 1);
    return prev ? encoursOf(prev, y - 1) : { reason: t('report.noEncoursEtat', { year: y - 1 }) };
  };
  const line = (id: string, label: string, make: (y: number) => Cell, role: Row['role'] = 'item'): Row => ({ id, role, cells: { libelle: text(label), ...yearRows(years, make) } });
  const recalcule = (y: number): Ratio | undefined => {
    const c = capital.get(y);
    const e = epargne.get(y);
    return c && e ? ratioAuPremierJanvier(c, e) : undefined;
  };
  const rows: Row[] = [
    line('capital-restant-du-0101', 'Capital restant dû au 01/01 (publié)', (y) => decAmount(capital.get(y))),
    line('encours-0101', 'Encours au 01/01 = 31/12/N−1 (état de la dette)', (y) => maybeCell(opening(y))),
    line('ecart-capital', 'Écart (publié − état de la dette)', (y) => {
      const c = capital.get(y) ? decimalToCents(capital.get(y)!) : undefined;
      const o = opening(y);
      return c !== undefined && 'value' in o ? amount(c - o.value) : empty;
    }),
    line('epargne-brute-publiee', 'Épargne brute (publiée)', (y) => decAmount(epargne.get(y))),
    line('epargne-brute', 'Épargne brute (calculée, ratios standard)', (y) => { const e = byEp.get(y); return e ? maybeCell(e.brute) : empty; }),
    line('ecart-epargne-brute', 'Écart (publiée − calculée)', (y) => {
      const p = epargne.get(y) ? decimalToCents(epargne.get(y)!) : undefined;
      const e = byEp.get(y);
      return p !== undefined && e && 'value' in e.brute ? amount(p - e.brute.value) : empty;
    }),
    line('ratio-publie', 'Capacité de désendettement publiée', (y) => { const r = ratio.get(y); return r ? ratioCell(r) : empty; }, 'total'),
    line('ratio-publie-recalcule', 'Recalculée: capital au 01/01 ÷ épargne publiée', (y) => { const r = recalcule(y); return r ? ratioOf(r) : empty; }),
    line('ecart-ratio-publie', 'Écart (recalculée arrondie − publiée)', (y) => {
      const r = recalcule(y);
      const p = ratio.get(y);
      return r && 'value' in r && p ? ratioCell(roundRatio(r.value).minus(p)) : empty;
    }),
    line('ratio', 'Capacité de désendettement standard (31/12/N)', (y) => { const r = standard.get(y); return r ? ratioOf(r) : empty; }),
    line('ecart-ratio', 'Écart (standard arrondie − publiée)', (y) => {
      const r = standard.get(y);
      const p = ratio.get(y);
      return r && 'value' in r && p ? ratioCell(roundRatio(r.value).minus(p)) : empty;
    }),
  ];
  return {
    id: 'desendettement-publie',
    scope,
    title: `Capacité de désendettement publiée ${years[0]}–${years[years.length - 1]}, beside the standard computation`,
    columns: [col('libelle', '', 'text'), ...years.map((y) => col(String(y), String(y), 'ratio'))],
    rows,
    notes: [
      t('report.publishedRatioDef'),
      t('report.publishedRowsInputs'),
    ],
  };
}

export function plafondsTable(inp: MultiYearInput, scope: string): Table {
  const applicable = plafondApplicable(inp.categorie ?? 'autre', inp.plafondDesendettement);
  const all = [...PLAFONDS_REFERENCE, ...(inp.plafondDesendettement !== undefined ? [applicable!] : [])];
  return {
    id: 'plafonds',
    scope,
    title: 'Plafonds de capacité de désendettement',
    columns: [col('libelle', '', 'text'), col('annees', 'Années', 'ratio'), col('applicable', 'Applicable', 'text'), col('source', 'Source', 'text')],
    rows: all.map((p) => ({
      id: p.id,
      role: 'item',
      cells: { libelle: text(p.label), annees: ratioCell(new D(p.annees)), applicable: text(applicable?.id === p.id ? 'oui' : 'non'), source: text(p.source) },
    })),
    notes: [],
  };
}
