// État de la dette, annex by CodTypEmpr and capacité de désendettement for one exercice (annex, dette.csv or the ledger).
import type { Evaluator } from '../compute/aggregate.js';
import type { AnnexDebt } from '../compute/dette-annexe.js';
import { auDelaDuPlafond, capaciteDesendettement, plafondApplicable, type Categorie } from '../compute/desendettement.js';
import type { Maybe } from '../compute/epargne.js';
import { EMPRUNT_TYPES, type DebtColumn } from '../definitions/emprunt-types.js';
import { D, type Cents } from '../money/cents.js';
import type { DetteRow } from '../model/side-tables.js';
import { amount, empty, ns, text, type Cell, type Formula, type Row, type Table } from './table.js';
import { t as tr } from '../messages/index.js';

type Sourced = { value: Cents; source: string } | { reason: string };

export interface DebtSources {
  annex?: { debt: AnnexDebt; file: string };
  /** dette.csv rows of the exercice and of the year before (its encours is the opening one). */
  row?: DetteRow;
  previous?: DetteRow;
  ev: Evaluator;
}

export interface DetteAnnuelle {
  encours0101: Sourced;
  amortissement: Sourced;
  interets: Sourced;
  empruntsNouveaux: Sourced;
  encours3112: Sourced;
}

export function detteAnnuelle(s: DebtSources): DetteAnnuelle {
  const own = s.annex && s.annex.debt.byType.size > 0 && [...s.annex.debt.byType.keys()].some((k) => k !== '09' && k !== '10') ? s.annex : undefined;
  const fromAnnex = (k: DebtColumn): Sourced | undefined => (own ? { value: own.debt.own[k], source: `annexe EMPRUNT (${own.file})` } : undefined);
  const fromCsv = (v: Cents | undefined, r: DetteRow | undefined): Sourced | undefined => (v !== undefined && r ? { value: v, source: `dette.csv l.${r.line}` } : undefined);
  const fromLedger = (id: string, what: string): Sourced => {
    const e = s.ev.get(id);
    return 'value' in e ? { value: e.value, source: `grand livre (${what})` } : e;
  };
  const none = (what: string): Sourced => ({ reason: tr('report.noSource', { what }) });
  return {
    encours0101: fromAnnex('encours0101') ?? fromCsv(s.previous?.encours, s.previous) ?? none('encours au 01/01'),
    amortissement: fromAnnex('amortissement') ?? fromCsv(s.row?.amortissement, s.row) ?? fromLedger('capital-rembourse', 'chapitre 16, 1641…'),
    interets: fromAnnex('interets') ?? fromCsv(s.row?.interets, s.row) ?? fromLedger('interets-dette', '66111 + 66112'),
    empruntsNouveaux: fromAnnex('empruntsNouveaux') ?? fromCsv(s.row?.empruntsNouveaux, s.row) ?? fromLedger('emprunts-nouveaux', 'chapitre 16 en recettes'),
    encours3112: fromAnnex('encours3112') ?? fromCsv(s.row?.encours, s.row) ?? none('encours au 31/12'),
  };
}

const cell = (m: Sourced | Maybe<Cents>): Cell => ('value' in m ? amount(m.value) : ns(m.reason));
const src = (m: Sourced): Cell => ('source' in m ? text(m.source) : empty);
const ref = (row: string) => ({ row, column: 'montant' });

/** The encours the ratios use: at 31/12 as given, else rolled forward from 01/01. */
export function encoursRatio(d: DetteAnnuelle): Maybe<Cents> {
  if ('value' in d.encours3112) return { value: d.encours3112.value };
  if ('value' in d.encours0101 && 'value' in d.amortissement && 'value' in d.empruntsNouveaux) {
    return { value: d.encours0101.value - d.amortissement.value + d.empruntsNouveaux.value };
  }
  return { reason: d.encours3112.reason };
}

export function detteAnnuelleTable(scope: string, exercice: number, d: DetteAnnuelle): Table {
  const both = (a: Sourced, b: Sourced, f: (x: Cents, y: Cents) => Cents): Maybe<Cents> => ('value' in a && 'value' in b ? { value: f(a.value, b.value) } : { reason: 'reason' in a ? a.reason : (b as { reason: string }).reason });
  const rolled: Maybe<Cents> = 'value' in d.encours0101 ? both(d.amortissement, d.empruntsNouveaux, (a, n) => (d.encours0101 as { value: Cents }).value - a + n) : d.encours0101;
  const annuite = both(d.amortissement, d.interets, (a, i) => a + i);
  const ecart: Maybe<Cents> = 'value' in d.encours3112 && 'value' in rolled ? { value: d.encours3112.value - rolled.value } : { reason: 'value' in d.encours3112 ? (rolled as { reason: string }).reason : d.encours3112.reason };
  const line = (id: string, label: string, m: Sourced | Maybe<Cents>, role: Row['role'] = 'item', formula?: Formula): Row => ({
    id,
    role,
    cells: { libelle: text(label), montant: cell(m), source: 'source' in m ? src(m as Sourced) : empty },
    ...(formula && 'value' in m ? { formulas: { montant: formula } } : {}),
  });
  const rows: Row[] = [
    line('encours-0101', `Capital restant dû au 01/01/${exercice}`, d.encours0101),
    line('amortissement', 'Capital remboursé', d.amortissement),
    line('emprunts-nouveaux', 'Emprunts nouveaux', d.empruntsNouveaux),
    line('encours-3112', `Capital restant dû au 31/12/${exercice}`, d.encours3112, 'total'),
    line('encours-calcule', 'Capital restant dû recalculé (01/01 − remboursé + nouveaux)', rolled),
    line('ecart-encours', 'Écart (31/12 − recalculé)', ecart, 'item', { op: 'sub', a: ref('encours-3112'), b: ref('encours-calcule') }),
    line('interets', 'Intérêts de la dette', d.interets),
    line('annuite', 'Annuité (capital + intérêts)', annuite, 'total', { op: 'add', refs: [ref('amortissement'), ref('interets')] }),
  ];
  return {
    id: 'dette',
    scope,
    title: `État de la dette ${exercice}`,
    columns: [{ id: 'libelle', label: '', kind: 'text' }, { id: 'montant', label: 'Montant', kind: 'amount' }, { id: 'source', label: 'Source', kind: 'text' }],
    rows,
    notes: [tr('report.ownDebtNote')],
  };
}

const COLS: { id: string; key: DebtColumn; label: string }[] = [
  { id: 'encours-0101', key: 'encours0101', label: 'CRD 01/01' },
  { id: 'amortissement', key: 'amortissement', label: 'Capital remboursé' },
  { id: 'interets', key: 'interets', label: 'Intérêts' },
  { id: 'emprunts-nouveaux', key: 'empruntsNouveaux', label: 'Emprunts nouveaux' },
  { id: 'encours-3112', key: 'encours3112', label: 'CRD 31/12' },
];

/** The annex by CodTypEmpr: what each code holds, and the columns it feeds (empty where it does not count). */
export function detteAnnexeTable(scope: string, exercice: number, a: AnnexDebt): Table {
  const rows: Row[] = [];
  for (const t of EMPRUNT_TYPES) {
    const slot = a.byType.get(t.code);
    if (!slot) continue;
    const cells: Record<string, Cell> = { type: text(t.code), libelle: text(t.label), nombre: text(String(slot.count)) };
    for (const c of COLS) cells[c.id] = t.columns.includes(c.key) || t.role === 'garanti' ? amount(slot.totals[c.key]) : empty;
    rows.push({ id: `type-${t.code}`, role: 'item', cells });
  }
  const counted = rows.filter((r) => { const t = EMPRUNT_TYPES.find((x) => `type-${x.code}` === r.id)!; return t.columns.length > 0; }).map((r) => r.id);
  const total: Record<string, Cell> = { type: empty, libelle: text('Dette propre (comptée une fois)'), nombre: empty };
  const formulas: Record<string, Formula> = {};
  for (const c of COLS) {
    total[c.id] = amount(a.own[c.key]);
    formulas[c.id] = { op: 'sum', refs: counted.map((row) => ({ row, column: c.id })) };
  }
  rows.push({ id: 'dette-propre', role: 'total', cells: total, formulas });
  const notes = [tr('report.guaranteedNote')];
  if (a.unknown.length) notes.push(`unknown CodTypEmpr left out: ${a.unknown.map((u) => `${u.type || '(none)'} (line ${u.line})`).join(', ')}`);
  return {
    id: 'dette-annexe',
    scope,
    title: `Annexe EMPRUNT ${exercice} par type d'emprunt`,
    columns: [
      { id: 'type', label: 'Type', kind: 'text' },
      { id: 'libelle', label: 'Libellé', kind: 'text' },
      { id: 'nombre', label: 'Nombre', kind: 'text' },
      ...COLS.map((c) => ({ id: c.id, label: c.label, kind: 'amount' as const })),
    ],
    rows,
    notes,
  };
}

export function capaciteTable(scope: string, exercice: number, encours: Maybe<Cents>, epargneBrute: Maybe<Cents>, categorie: Categorie, plafondEntite?: number): Table {
  const ratio = 'value' in encours && 'value' in epargneBrute ? capaciteDesendettement(encours.value, epargneBrute.value) : undefined;
  const plafond = plafondApplicable(categorie, plafondEntite);
  const rows: Row[] = [
    { id: 'encours', role: 'item', cells: { libelle: text(`Encours de la dette au 31/12/${exercice}`), valeur: cell(encours) } },
    { id: 'epargne-brute', role: 'item', cells: { libelle: text(`Épargne brute ${exercice}`), valeur: cell(epargneBrute) } },
    {
      id: 'ratio',
      role: 'total',
      cells: {
        libelle: text('Capacité de désendettement (années)'),
        valeur: ratio === undefined ? ns('reason' in encours ? encours.reason : (epargneBrute as { reason: string }).reason) : 'value' in ratio ? { kind: 'ratio', value: ratio.value } : ns(ratio.reason),
      },
    },
  ];
  const notes = [tr('report.capaciteNote')];
  if (plafond) {
    rows.push({ id: 'plafond', role: 'item', cells: { libelle: text(`Plafond (${plafond.label})`), valeur: { kind: 'ratio', value: new D(plafond.annees) } } });
    rows.push({ id: 'au-dela-du-plafond', role: 'item', cells: { libelle: text('Au-delà du plafond'), valeur: ratio ? text(auDelaDuPlafond(ratio, plafond) ? 'oui' : 'non') : empty } });
    notes.push(tr('report.plafondYears', { years: plafond.annees, source: plafond.source }));
  } else notes.push(tr('report.noCeiling', { category: categorie }));
  return { id: 'capacite', scope, title: `Capacité de désendettement ${exercice}`, columns: [{ id: 'libelle', label: '', kind: 'text' }, { id: 'valeur', label: 'Valeur', kind: 'ratio' }], rows, notes };
}
