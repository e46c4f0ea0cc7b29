// The debt annex audit as tables: per-loan roll-forward, annex against the ledger, guaranteed loans and the ratios Galland, extinction, lenders, rates.
import { asMaybe, Evaluator } from '../compute/aggregate.js';
import { auditAnnex, type AnnexAudit, type LoanRoll, type Ratio, type Share } from '../compute/dette-audit.js';
import type { Maybe } from '../compute/epargne.js';
import { CA_DEFINITION } from '../definitions/index.js';
import { GARANTIES } from '../definitions/dette-audit.js';
import { t } from '../messages/index.js';
import type { Cents, Dec } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import type { DocumentFacts } from '../model/document.js';
import type { CategorieKey } from '../definitions/types.js';
import { amount, empty, ns, text, type Cell, type CellRef, type Column, type Formula, type Row, type Table } from './table.js';

/** The audit of an execution document's annex (CA / CFU); a budget document's annex is a forecast, not audited. */
export function annexAudit(doc: DocumentFacts | undefined, ex: ExerciceBudget, norme: string, categorie: CategorieKey): AnnexAudit | undefined {
  if (!doc || doc.kind !== 'execution' || !doc.loans || doc.loans.length === 0) return undefined;
  // The ca definition whatever --definition says: the annex is compared with the CA's own accounts.
  const ev = new Evaluator(CA_DEFINITION, { ex, norme, categorie });
  return auditAnnex({
    loans: doc.loans,
    exercice: doc.exercice,
    ex,
    ledgerCapital: asMaybe(ev.get('capital-rembourse')),
    rrfLedger: asMaybe(ev.get('recettes-reelles-fonctionnement')),
    ...(doc.annexRatios ? { annexRatios: doc.annexRatios } : {}),
    file: doc.file,
  });
}

const money = (m: Maybe<Cents>): Cell => ('value' in m ? amount(m.value) : ns(m.reason));
const percent = (m: Maybe<Dec>): Cell => ('value' in m ? { kind: 'percent', value: m.value } : ns(m.reason));
const yesNo = (m: Maybe<boolean>): Cell => ('value' in m ? text(t(m.value ? 'dette.yes' : 'dette.no')) : ns(m.reason));
const amountCol = (id: string, label: string): Column => ({ id, label, kind: 'amount' });
const textCol = (id: string, label: string): Column => ({ id, label, kind: 'text' });
const ref = (row: string, column: string): CellRef => ({ row, column });

/** What names a loan to a person: its contract number, else its object, else its line. */
export function loanName(r: LoanRoll): string {
  return r.loan.numero || r.loan.objet || `l.${r.loan.line}`;
}

export const loanRowId = (r: LoanRoll) => `ligne-${r.loan.line}`;

function rollTable(scope: string, a: AnnexAudit): Table {
  const rows: Row[] = a.rolls.map((r) => {
    const id = loanRowId(r);
    const formulas: Record<string, Formula> = {
      recalcule: { op: 'sub', a: { op: 'add', refs: [ref(id, 'encours-0101'), ref(id, 'mobilise')] }, b: ref(id, 'capital') },
      ecart: { op: 'sub', a: ref(id, 'encours-3112'), b: ref(id, 'recalcule') },
    };
    return {
      id,
      role: 'item',
      cells: {
        type: text(r.loan.type || '01'),
        emprunt: text(`${loanName(r)}${r.loan.preteur ? ` — ${r.loan.preteur}` : ''}`),
        compte: r.loan.compte ? text(r.loan.compte) : empty,
        'encours-0101': amount(r.opening),
        capital: amount(r.repaid),
        mobilise: amount(r.drawn),
        'encours-3112': amount(r.closing),
        recalcule: amount(r.computed),
        ecart: amount(r.ecart),
      },
      formulas,
    };
  });
  const sums = ['encours-0101', 'capital', 'mobilise', 'encours-3112', 'recalcule', 'ecart'];
  const cells: Record<string, Cell> = { type: empty, emprunt: text(t('dette.rowTotal')), compte: empty };
  const formulas: Record<string, Formula> = {};
  const key = { 'encours-0101': 'opening', capital: 'repaid', mobilise: 'drawn', 'encours-3112': 'closing', recalcule: 'computed', ecart: 'ecart' } as const;
  for (const c of sums) {
    cells[c] = amount(a.rolls.reduce((s, r) => s + r[key[c as keyof typeof key]], 0n));
    formulas[c] = { op: 'sum', refs: rows.map((r) => ref(r.id, c)) };
  }
  rows.push({ id: 'total', role: 'total', cells, formulas });
  return {
    id: 'dette-emprunts',
    scope,
    title: t('dette.rollTitle', { exercice: a.exercice }),
    columns: [
      textCol('type', t('dette.colType')),
      textCol('emprunt', t('dette.colContrat')),
      textCol('compte', t('dette.colCompte')),
      amountCol('encours-0101', t('dette.colOpening')),
      amountCol('capital', t('dette.colRepaid')),
      amountCol('mobilise', t('dette.colDrawn')),
      amountCol('encours-3112', t('dette.colClosing')),
      amountCol('recalcule', t('dette.colComputed')),
      amountCol('ecart', t('dette.colGap')),
    ],
    rows,
    notes: [t('dette.noteRoll')],
  };
}

function ledgerTable(scope: string, a: AnnexAudit): Table {
  const l = a.ledger;
  const row = (id: string, label: string, annexe: Cell, ledger: Cell, ecart: Cell, role: Row['role'] = 'item', withFormula = true): Row => ({
    id,
    role,
    cells: { libelle: text(label), annexe, 'grand-livre': ledger, ecart },
    ...(withFormula && annexe.kind === 'amount' && ledger.kind === 'amount' ? { formulas: { ecart: { op: 'sub', a: ref(id, 'annexe'), b: ref(id, 'grand-livre') } as Formula } } : {}),
  });
  // With a refinancing the accounts' gaps hold the refinanced capital: only the total, net of it, compares.
  const netted = !('value' in l.refinanced) || l.refinanced.value !== 0n;
  const rows: Row[] = l.byAccount.map((m) => row(`compte-${m.compte}`, t('dette.rowAccount', { compte: m.compte }), amount(m.annexe), money(m.ledger), netted ? empty : money(m.ecart), 'item', !netted));
  const refinanced = 'value' in l.refinanced ? amount(-l.refinanced.value) : ns(l.refinanced.reason);
  rows.push(row('refinancement', t('dette.rowRefinanced'), refinanced, empty, empty, 'item', false));
  const capital = row('capital', t('dette.rowCapital'), money(l.annexCompared), money(l.ledgerCapital), money(l.ecartCapital), 'total');
  if (capital.cells.annexe!.kind === 'amount') {
    capital.formulas = { ...(capital.formulas ?? {}), annexe: { op: 'sum', refs: [...l.byAccount.map((m) => ref(`compte-${m.compte}`, 'annexe')), ref('refinancement', 'annexe')] } };
  }
  rows.push(capital);
  rows.push(row('interets', t('dette.rowInterets'), amount(l.annexInterets), money(l.ledger66111), money(l.ecartInterets), 'total'));
  for (const n of l.neutralised) {
    rows.push(row(`${n.compte}-d`, t('dette.rowNeutralised', { compte: n.compte, sens: 'D' }), empty, money(n.debit), empty, 'item', false));
    rows.push(row(`${n.compte}-r`, t('dette.rowNeutralised', { compte: n.compte, sens: 'R' }), empty, money(n.credit), empty, 'item', false));
  }
  return {
    id: 'dette-rapprochement',
    scope,
    title: t('dette.ledgerTitle', { exercice: a.exercice }),
    columns: [textCol('libelle', t('dette.colLabel')), amountCol('annexe', t('dette.colAnnex')), amountCol('grand-livre', t('dette.colLedger')), amountCol('ecart', t('dette.colGap'))],
    rows,
    notes: [t('dette.noteLedger')],
  };
}

function guaranteesTable(scope: string, a: AnnexAudit): Table {
  const g = a.guarantees;
  const rows: Row[] = g.loans.map((x) => ({
    id: loanRowId(x.roll),
    role: 'item',
    cells: {
      beneficiaire: text(x.roll.loan.beneficiaire ?? ''),
      objet: text(`${loanName(x.roll)}${x.roll.loan.objet && x.roll.loan.objet !== loanName(x.roll) ? ` — ${x.roll.loan.objet}` : ''}`),
      social: text(x.social ? t('dette.socialYes', { marker: x.social }) : t('dette.no')),
      annuite: amount(x.annuite),
      'encours-3112': amount(x.roll.closing),
      quotite: x.part !== undefined ? { kind: 'percent', value: x.part } : ns('the annex does not give the share of the loan guaranteed (PartGarantie)'),
    },
  }));
  rows.push({
    id: 'total',
    role: 'total',
    cells: { beneficiaire: text(t('dette.rowTotal')), objet: empty, social: empty, annuite: amount(g.loans.reduce((s, x) => s + x.annuite, 0n)), 'encours-3112': amount(g.loans.reduce((s, x) => s + x.roll.closing, 0n)), quotite: empty },
    formulas: { annuite: { op: 'sum', refs: g.loans.map((x) => ref(loanRowId(x.roll), 'annuite')) }, 'encours-3112': { op: 'sum', refs: g.loans.map((x) => ref(loanRowId(x.roll), 'encours-3112')) } },
  });
  return {
    id: 'dette-garanties',
    scope,
    title: t('dette.guaranteesTitle', { exercice: a.exercice }),
    columns: [
      textCol('beneficiaire', t('dette.colBeneficiary')),
      textCol('objet', t('dette.colObject')),
      textCol('social', t('dette.colSocial')),
      amountCol('annuite', t('dette.colAnnuity')),
      amountCol('encours-3112', t('dette.colClosing')),
      { id: 'quotite', label: t('dette.colShare'), kind: 'percent' },
    ],
    rows,
    notes: [t('dette.noteSocial'), ...(g.loans.some((x) => x.roll.loan.typeGarantie) ? [`CodTypEmprGaranti: ${[...new Set(g.loans.map((x) => x.roll.loan.typeGarantie ?? '—'))].join(', ')}`] : [])],
  };
}

function ratioRow(id: string, label: string, r: Ratio): Row {
  return {
    id,
    role: 'item',
    cells: {
      libelle: text(label),
      numerateur: amount(r.numerator),
      denominateur: money(r.denominator),
      valeur: percent(r.pct),
      limite: { kind: 'percent', value: r.limit },
      depasse: yesNo(r.exceeded),
    },
    ...('value' in r.denominator && r.denominator.value > 0n ? { formulas: { valeur: { op: 'pct', part: ref(id, 'numerateur'), whole: ref(id, 'denominateur') } as Formula } } : {}),
  };
}

function galandTable(scope: string, a: AnnexAudit): Table {
  const g = a.guarantees;
  const rows: Row[] = [
    { id: 'annuites-propres', role: 'item', cells: { libelle: text(t('dette.rowOwnAnnuity')), numerateur: money(g.ownAnnuity) } },
    { id: 'annuites-garanties', role: 'item', cells: { libelle: text(t('dette.rowGuaranteedAnnuity')), numerateur: amount(g.guaranteedAnnuity) } },
    { id: 'rrf', role: 'item', cells: { libelle: text(t('dette.rowRrf')), denominateur: money(g.rrf) } },
    ratioRow('plafonnement', t('dette.rowPlafonnement'), g.plafonnement),
  ];
  if (g.division) rows.push(ratioRow('division', t('dette.rowDivision', { debtor: g.division.debtor }), g.division));
  for (const p of g.partage) {
    const id = `partage-${loanRowId(p.loan.roll)}`;
    rows.push({
      id,
      role: 'item',
      cells: { libelle: text(t('dette.rowPartage', { loan: loanName(p.loan.roll) })), valeur: percent(p.pct), limite: { kind: 'percent', value: p.limit }, depasse: yesNo(p.exceeded) },
    });
  }
  return {
    id: 'dette-garanties-ratios',
    scope,
    title: t('dette.galandTitle', { exercice: a.exercice }),
    columns: [
      textCol('libelle', t('dette.colLabel')),
      amountCol('numerateur', t('dette.colNumerator')),
      amountCol('denominateur', t('dette.colDenominator')),
      { id: 'valeur', label: t('dette.colValue'), kind: 'percent' },
      { id: 'limite', label: t('dette.colLimit'), kind: 'percent' },
      textCol('depasse', t('dette.colExceeded')),
    ],
    rows,
    notes: [t('dette.noteGaland', { source: GARANTIES.source, rrf: 'source' in g.rrf && g.rrf.source ? g.rrf.source : 'reason' in g.rrf ? g.rrf.reason : '' })],
  };
}

function extinctionTable(scope: string, a: AnnexAudit): Table {
  const e = a.extinction;
  const notes = [t('dette.noteExtinction', { exercice: a.exercice })];
  if (e.withoutMaturity.length) notes.push(t('dette.noteWithoutMaturity', { loans: e.withoutMaturity.map(loanName).join(', ') }));
  return {
    id: 'dette-extinction',
    scope,
    title: t('dette.extinctionTitle', { exercice: a.exercice }),
    columns: [textCol('annee', t('dette.colYear')), amountCol('capital', t('dette.colCapital')), textCol('echus', t('dette.colMatured'))],
    rows: e.years.map((y) => ({ id: String(y.exercice), role: 'item', cells: { annee: text(String(y.exercice)), capital: amount(y.capital), echus: text(String(y.matured)) } })),
    notes,
  };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

function shareTable(scope: string, id: string, title: string, first: Column, list: Share[], label: (s: Share) => string, exercice: number): Table {
  const used = new Set<string>();
  const rows: Row[] = list.map((s) => {
    let rid = slug(s.key);
    while (used.has(rid)) rid += '-2';
    used.add(rid);
    return { id: rid, role: 'item', cells: { [first.id]: text(label(s)), emprunts: text(String(s.loans)), capital: amount(s.capital), part: percent(s.pct) } };
  });
  const total = list.reduce((x, s) => x + s.capital, 0n);
  rows.push({
    id: 'total',
    role: 'total',
    cells: { [first.id]: text(t('dette.rowTotal')), emprunts: text(String(list.reduce((x, s) => x + s.loans, 0))), capital: amount(total), part: empty },
    formulas: { capital: { op: 'sum', refs: rows.map((r) => ref(r.id, 'capital')) } },
  });
  for (const r of rows.slice(0, -1)) if (total > 0n) r.formulas = { part: { op: 'pct', part: ref(r.id, 'capital'), whole: ref('total', 'capital') } };
  return {
    id,
    scope,
    title: t(title as 'dette.lendersTitle', { exercice }),
    columns: [first, textCol('emprunts', t('dette.colLoans')), amountCol('capital', t('dette.colClosing')), { id: 'part', label: t('dette.colPart'), kind: 'percent' }],
    rows,
    notes: [t('dette.noteShares')],
  };
}

const rateLabel = (s: Share) => (s.key === 'fixe' ? t('dette.rateFixe') : s.key === 'variable' ? t('dette.rateVariable') : t('dette.rateAutre', { codes: (s.codes ?? []).join(', ') }));

/** The audit's tables: guarantee tables only when the annex has guaranteed loans. */
export function detteAuditTables(scope: string, a: AnnexAudit): Table[] {
  const tables = [rollTable(scope, a), ledgerTable(scope, a)];
  if (a.guarantees.loans.length > 0) tables.push(guaranteesTable(scope, a), galandTable(scope, a));
  if (a.extinction.years.length > 0) tables.push(extinctionTable(scope, a));
  if (a.lenders.length > 0) {
    tables.push(shareTable(scope, 'dette-preteurs', 'dette.lendersTitle', textCol('preteur', t('dette.colLender')), a.lenders, (s) => s.key, a.exercice));
    tables.push(shareTable(scope, 'dette-taux', 'dette.ratesTitle', textCol('taux', t('dette.colRate')), a.rates, rateLabel, a.exercice));
  }
  return tables;
}
