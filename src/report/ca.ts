// The tables of one compte administratif (a budget, an exercice): execution, RAR, affectation, épargne, co-financement.
import type { Cents } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import type { Affectation } from '../compute/affectation.js';
import type { Cofinancement } from '../compute/cofinancement.js';
import type { Maybe } from '../compute/epargne.js';
import type { RarSection } from '../compute/rar.js';
import type { Resultats } from '../compute/resultats.js';
import { amount, empty, ns, text, type Column, type Formula, type Row, type Table } from './table.js';
import { t } from '../messages/index.js';
import { t as tr } from '../messages/index.js';

const col = (id: string, label: string, kind: Column['kind'] = 'amount'): Column => ({ id, label, kind });

export function executionTable(scope: string, exercice: number, r: Resultats): Table {
  const F = r.fonctionnement;
  const I = r.investissement;
  const prev = exercice - 1;
  const rows: Row[] = [
    {
      id: 'fonctionnement-exercice',
      role: 'item',
      cells: { libelle: text(`Fonctionnement — résultat de l'exercice ${exercice}`), recettes: amount(F.recettes), depenses: amount(F.depenses), solde: amount(F.solde) },
      formulas: { solde: { op: 'sub', a: { row: 'fonctionnement-exercice', column: 'recettes' }, b: { row: 'fonctionnement-exercice', column: 'depenses' } } },
    },
    {
      id: 'fonctionnement-reporte',
      role: 'item',
      cells: {
        libelle: text(`Fonctionnement — résultat antérieur (${prev}) reporté ${F.reporte < 0n ? 'D002' : 'R002'}`),
        recettes: amount(F.reporte > 0n ? F.reporte : 0n),
        depenses: amount(F.reporte < 0n ? -F.reporte : 0n),
        solde: amount(F.reporte),
      },
      formulas: { solde: { op: 'sub', a: { row: 'fonctionnement-reporte', column: 'recettes' }, b: { row: 'fonctionnement-reporte', column: 'depenses' } } },
    },
    {
      id: 'fonctionnement-cumule',
      role: 'total',
      cells: { libelle: text('Fonctionnement — résultat à affecter / reporter'), recettes: empty, depenses: empty, solde: amount(F.cumule) },
      formulas: { solde: { op: 'add', refs: [{ row: 'fonctionnement-exercice', column: 'solde' }, { row: 'fonctionnement-reporte', column: 'solde' }] } },
    },
    {
      id: 'investissement-exercice',
      role: 'item',
      cells: { libelle: text(`Investissement — résultat de l'exercice ${exercice}`), recettes: amount(I.recettes), depenses: amount(I.depenses), solde: amount(I.solde) },
      formulas: { solde: { op: 'sub', a: { row: 'investissement-exercice', column: 'recettes' }, b: { row: 'investissement-exercice', column: 'depenses' } } },
    },
    {
      id: 'investissement-reporte',
      role: 'item',
      cells: {
        libelle: text(`Investissement — résultat antérieur (${prev}) reporté ${I.reporte < 0n ? 'D001' : 'R001'}`),
        recettes: amount(I.reporte > 0n ? I.reporte : 0n),
        depenses: amount(I.reporte < 0n ? -I.reporte : 0n),
        solde: amount(I.reporte),
      },
      formulas: { solde: { op: 'sub', a: { row: 'investissement-reporte', column: 'recettes' }, b: { row: 'investissement-reporte', column: 'depenses' } } },
    },
    {
      id: 'investissement-cumule',
      role: 'total',
      cells: { libelle: text("Investissement — solde d'exécution cumulé"), recettes: empty, depenses: empty, solde: amount(I.cumule) },
      formulas: { solde: { op: 'add', refs: [{ row: 'investissement-exercice', column: 'solde' }, { row: 'investissement-reporte', column: 'solde' }] } },
    },
    {
      id: 'investissement-rar',
      role: 'item',
      cells: {
        libelle: text(`Investissement — restes à réaliser au 31/12/${exercice}`),
        recettes: amount(r.rarInvestissement.recettes),
        depenses: amount(r.rarInvestissement.depenses),
        solde: amount(r.rarInvestissement.solde),
      },
      formulas: { solde: { op: 'sub', a: { row: 'investissement-rar', column: 'recettes' }, b: { row: 'investissement-rar', column: 'depenses' } } },
    },
  ];
  const globalRefs = [
    { row: 'fonctionnement-cumule', column: 'solde' },
    { row: 'investissement-cumule', column: 'solde' },
    { row: 'investissement-rar', column: 'solde' },
  ];
  if (r.rarFonctionnement.recettes !== 0n || r.rarFonctionnement.depenses !== 0n) {
    rows.push({
      id: 'fonctionnement-rar',
      role: 'item',
      cells: {
        libelle: text(`Fonctionnement — restes à réaliser au 31/12/${exercice}`),
        recettes: amount(r.rarFonctionnement.recettes),
        depenses: amount(r.rarFonctionnement.depenses),
        solde: amount(r.rarFonctionnement.solde),
      },
    });
    globalRefs.push({ row: 'fonctionnement-rar', column: 'solde' });
  }
  rows.push({
    id: 'global',
    role: 'total',
    cells: { libelle: text(`Résultat global cumulé ${exercice} (net des restes à réaliser)`), recettes: empty, depenses: empty, solde: amount(r.resultatGlobal) },
    formulas: { solde: { op: 'add', refs: globalRefs } },
  });
  return {
    id: 'execution',
    scope,
    title: `Exécution du budget ${exercice}`,
    columns: [col('libelle', '', 'text'), col('recettes', 'Recettes'), col('depenses', 'Dépenses'), col('solde', 'Solde')],
    rows,
    notes: [],
  };
}

export function rarTable(scope: string, exercice: number, sections: RarSection[], labelOf: (code: string) => string): Table {
  const rows: Row[] = [];
  const showRecettes = sections.some((s) => s.recettes !== 0n);
  for (const s of sections) {
    const sid = s.section === 'I' ? 'investissement' : 'fonctionnement';
    // Without a recettes column, a chapter that only takes recettes has nothing to show.
    const lines = showRecettes ? s.lines : s.lines.filter((l) => !l.sens || l.sens.includes('D'));
    const lineIds = lines.map((l) => `${s.section}-${l.code}`);
    const sumOf = (column: string) => ({ op: 'sum' as const, refs: lineIds.map((row) => ({ row, column })) });
    rows.push({
      id: `${sid}-total`,
      role: 'total',
      cells: {
        chapitre: text(s.section === 'I' ? '(I)' : '(II)'),
        libelle: text(s.section === 'I' ? "Section d'investissement — total" : 'Section de fonctionnement — total'),
        depenses: amount(s.depenses),
        ...(showRecettes ? { recettes: amount(s.recettes) } : {}),
      },
      formulas: { depenses: sumOf('depenses'), ...(showRecettes ? { recettes: sumOf('recettes') } : {}) },
    });
    for (const l of lines) {
      // A sens the chapter cannot carry is left empty (no 0,00 under a chapter that has no recettes).
      const cell = (sens: 'D' | 'R', c: Cents) => (c === 0n && l.sens && !l.sens.includes(sens) ? empty : amount(c));
      rows.push({
        id: `${s.section}-${l.code}`,
        role: 'item',
        cells: {
          chapitre: text(l.code),
          libelle: text(l.label ?? labelOf(l.code)),
          depenses: cell('D', l.depenses),
          ...(showRecettes ? { recettes: cell('R', l.recettes) } : {}),
        },
      });
    }
  }
  const columns = [col('chapitre', 'Chap.', 'text'), col('libelle', 'Libellé', 'text'), col('depenses', 'Dépenses engagées non mandatées')];
  if (showRecettes) columns.push(col('recettes', 'Recettes restant à émettre'));
  return { id: 'rar', scope, title: `Détail des restes à réaliser au 31/12/${exercice}`, columns, rows, notes: [] };
}

/** The affectation's derived lines as spreadsheet formulas: the rules of computeAffectation, cell by cell. */
function affectationFormulas(decided1068: Cents): Record<string, Formula> {
  const m = (row: string) => ({ row, column: 'montant' });
  const zero = { cents: 0n };
  const excedent: Formula = { op: 'max', args: [m('resultat-fonctionnement'), zero] };
  const besoin: Formula = { op: 'max', args: [{ op: 'sub', a: zero, b: m('besoin-financement') }, zero] };
  return {
    // The besoin first (as far as the excédent goes), a larger voted 1068 within the excédent; 0 on a déficit.
    '1068': { op: 'min', args: [{ op: 'max', args: [{ cents: decided1068 }, { op: 'min', args: [excedent, besoin] }] }, excedent] },
    r002: { op: 'max', args: [{ op: 'sub', a: m('resultat-fonctionnement'), b: m('1068') }, zero] },
    d002: { op: 'max', args: [{ op: 'sub', a: zero, b: m('resultat-fonctionnement') }, zero] },
    r001: { op: 'max', args: [m('solde-investissement'), zero] },
    d001: { op: 'max', args: [{ op: 'sub', a: zero, b: m('solde-investissement') }, zero] },
    'besoin-non-couvert': { op: 'max', args: [{ op: 'sub', a: besoin, b: m('1068') }, zero] },
  };
}

export function affectationTable(scope: string, exercice: number, r: Resultats, a: Affectation, decided1068?: Cents): Table {
  const line = (id: string, label: string, c: Cents, role: Row['role'] = 'item'): Row => ({
    id,
    role,
    cells: { libelle: text(label), montant: amount(c) },
  });
  const rows: Row[] = [
    line('resultat-fonctionnement', 'Résultat de fonctionnement cumulé (à affecter)', r.fonctionnement.cumule),
    line('solde-investissement', "Solde d'exécution d'investissement cumulé", r.investissement.cumule),
    line('rar-solde', 'Solde des restes à réaliser d\'investissement', r.rarInvestissement.solde),
    {
      ...line('besoin-financement', r.besoinFinancement < 0n ? "Besoin de financement de l'investissement (−)" : "Excédent de financement de l'investissement (+)", r.besoinFinancement, 'total'),
      formulas: { montant: { op: 'add', refs: [{ row: 'solde-investissement', column: 'montant' }, { row: 'rar-solde', column: 'montant' }] } },
    },
    line('1068', 'Affectation en réserves, compte 1068 (investissement)', a.compte1068),
    line('r002', 'Excédent de fonctionnement reporté, R002', a.r002),
    line('d002', 'Déficit de fonctionnement reporté, D002', a.d002),
    line('r001', "Solde d'exécution d'investissement reporté, R001", a.r001),
    line('d001', "Solde d'exécution d'investissement reporté, D001", a.d001),
    line('besoin-non-couvert', 'Besoin de financement non couvert', a.besoinNonCouvert),
  ];
  const formulas = affectationFormulas(decided1068 ?? 0n);
  for (const row of rows) if (formulas[row.id]) row.formulas = { montant: formulas[row.id]! };
  return {
    id: 'affectation',
    scope,
    title: `Affectation du résultat ${exercice} (au budget ${exercice + 1})`,
    columns: [col('libelle', '', 'text'), col('montant', 'Montant')],
    rows,
    notes: [...a.notes],
  };
}

export function epargneTable(scope: string, exercice: number, recettes: Maybe<Cents>, depenses: Maybe<Cents>, brute: Maybe<Cents>, note?: string): Table {
  const cell = (m: Maybe<Cents>) => ('value' in m ? amount(m.value) : ns(m.reason));
  return {
    id: 'epargne',
    scope,
    title: `Épargne brute ${exercice}`,
    columns: [col('libelle', '', 'text'), col('montant', 'Montant')],
    rows: [
      { id: 'recettes-reelles', role: 'item', cells: { libelle: text('Recettes réelles de fonctionnement'), montant: cell(recettes) } },
      { id: 'depenses-reelles', role: 'item', cells: { libelle: text('Dépenses réelles de fonctionnement'), montant: cell(depenses) } },
      {
        id: 'epargne-brute',
        role: 'total',
        cells: { libelle: text('Épargne brute'), montant: cell(brute) },
        ...('value' in brute
          ? { formulas: { montant: { op: 'sub' as const, a: { row: 'recettes-reelles', column: 'montant' }, b: { row: 'depenses-reelles', column: 'montant' } } } }
          : {}),
      },
    ],
    notes: note ? [note] : [],
  };
}

export function cofinancementTable(scope: string, exercice: number, c: Cofinancement): Table {
  const slug = (s: string) =>
    s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const ids = c.lines.map((l) => slug(l.partenaire));
  const rows: Row[] = c.lines.map((l, i): Row => ({
    id: ids[i]!,
    role: 'item',
    cells: {
      partenaire: text(l.partenaire),
      montant: amount(l.montant),
      part: l.part ? { kind: 'percent', value: l.part } : ns(t('report.cofinancementZero')),
    },
    ...(l.part ? { formulas: { part: { op: 'pct', part: { row: ids[i]!, column: 'montant' }, whole: { row: 'total', column: 'montant' } } } } : {}),
  }));
  rows.push({
    id: 'total',
    role: 'total',
    cells: { partenaire: text('Total'), montant: amount(c.total), part: empty },
    formulas: { montant: { op: 'sum', refs: ids.map((row) => ({ row, column: 'montant' })) } },
  });
  rows.push({ id: 'depenses-couvertes', role: 'item', cells: { partenaire: text('Dépenses de fonctionnement réalisées'), montant: amount(c.couvert), part: empty } });
  rows.push({
    id: 'ecart',
    role: 'total',
    cells: { partenaire: text('Écart (total − dépenses)'), montant: amount(c.ecart), part: empty },
    formulas: { montant: { op: 'sub', a: { row: 'total', column: 'montant' }, b: { row: 'depenses-couvertes', column: 'montant' } } },
  });
  return {
    id: 'cofinancement',
    scope,
    title: `Co-financements ${exercice} des dépenses de fonctionnement`,
    columns: [{ id: 'partenaire', label: 'Partenaire', kind: 'text' }, col('montant', 'Montant'), { id: 'part', label: 'Part', kind: 'percent' }],
    rows,
    notes: c.ecart === 0n ? [] : [tr('report.cofinNotAddUp')],
  };
}

export type { ExerciceBudget };
