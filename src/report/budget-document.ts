// The tables of a budget document (BP, BS, DM): crédits by chapter, équilibre of the sections, reprise of N−1.
import type { BudgetView, ChapterCredits } from '../compute/budget-document.js';
import { votedOf } from '../compute/budget-document.js';
import { CREDIT_FIELDS, type CreditField } from '../model/document.js';
import { amount, empty, text, type Column, type Row, type Table } from './table.js';
import { t as tr } from '../messages/index.js';

const FIELD_LABELS: Record<CreditField, string> = {
  mtBudgPrec: 'Budget préc.',
  mtRarPrec: 'RAR N−1',
  mtPropNouv: 'Prop. nouv.',
  mtPrev: 'Vote',
  credOuv: 'Créd. ouverts',
};

const FLOW_LABELS: Record<string, string> = {
  FD: 'Fonctionnement — dépenses',
  FR: 'Fonctionnement — recettes',
  ID: 'Investissement — dépenses',
  IR: 'Investissement — recettes',
};

const col = (id: string, label: string, kind: Column['kind'] = 'amount'): Column => ({ id, label, kind });

export interface BudgetTableContext {
  scope: string;
  /** Table id prefix: bp, dm1, bs… (one per document of the year). */
  prefix: string;
  /** "budget primitif 2022", "décision modificative 2021 (crach-principal-dm2-2021.xml)". */
  what: string;
  labelOf: (chapitre: string) => string;
}

/** Crédits by section, sens and chapter; only the amount columns the document fills. */
export function creditsTable(ctx: BudgetTableContext, view: BudgetView, titleWhat = 'crédits par chapitre'): Table {
  const fields = CREDIT_FIELDS.filter((f) => view.chapters.some((c) => c[f] !== undefined));
  // The total differs from the vote only when RAR are taken over.
  const withTotal = fields.includes('mtRarPrec');
  const columns = [col('chapitre', 'Chap.', 'text'), col('libelle', 'Libellé', 'text'), ...fields.map((f) => col(f, FIELD_LABELS[f])), ...(withTotal ? [col('total', 'Total')] : [])];
  const rows: Row[] = [];
  for (const flow of Object.keys(FLOW_LABELS)) {
    const chapters = view.chapters.filter((c) => `${c.section}${c.sens}` === flow);
    if (chapters.length === 0) continue;
    const cellsOf = (c: Partial<ChapterCredits>) => Object.fromEntries([...fields.map((f) => [f, c[f] !== undefined ? amount(c[f]) : empty]), ...(withTotal ? [['total', amount(votedOf(c))]] : [])]);
    rows.push({ id: `${flow}.head`, role: 'head', cells: { chapitre: text(''), libelle: text(FLOW_LABELS[flow]!) } });
    for (const c of chapters) {
      rows.push({ id: `${flow}.${c.chapitre}`, role: 'item', cells: { chapitre: text(c.chapitre), libelle: text(ctx.labelOf(c.chapitre)), ...cellsOf(c) } });
    }
    const sum: Partial<ChapterCredits> = {};
    for (const f of fields) sum[f] = chapters.reduce((t, c) => t + (c[f] ?? 0n), 0n);
    rows.push({ id: `${flow}.total`, role: 'total', cells: { chapitre: text(''), libelle: text(`${FLOW_LABELS[flow]} — total`), ...cellsOf(sum) } });
  }
  return {
    id: `${ctx.prefix}-credits`,
    scope: ctx.scope,
    title: `${cap(ctx.what)} — ${titleWhat} (un budget voté, pas une exécution)`,
    columns,
    rows,
    notes: [tr('report.voteNote', { total: withTotal ? tr('report.voteTotalNote') : '' })],
  };
}

/** Recettes and dépenses of each section, and the order operations that must balance. */
export function equilibreTable(ctx: BudgetTableContext, view: BudgetView): Table {
  const rows: Row[] = view.sections.map((s) => ({
    id: `section-${s.section}`,
    role: 'item',
    cells: { libelle: text(s.section === 'F' ? 'Section de fonctionnement' : "Section d'investissement"), depenses: amount(s.depenses), recettes: amount(s.recettes), ecart: amount(s.recettes - s.depenses) },
  }));
  for (const p of view.ordre) {
    rows.push({ id: `ordre-${p.label.replace(/[^0-9]+/g, '-').replace(/^-|-$/g, '')}`, role: 'item', cells: { libelle: text(p.label), depenses: amount(p.depense), recettes: amount(p.recette), ecart: amount(p.recette - p.depense) } });
  }
  return {
    id: `${ctx.prefix}-equilibre`,
    scope: ctx.scope,
    title: `${cap(ctx.what)} — équilibre des sections`,
    columns: [col('libelle', '', 'text'), col('depenses', 'Dépenses'), col('recettes', 'Recettes'), col('ecart', 'Recettes − dépenses')],
    rows,
    notes: [tr('report.balanceNote')],
  };
}

/** The previous year's results and RAR this document takes over; undefined when it takes nothing over. */
export function repriseTable(ctx: BudgetTableContext, view: BudgetView, exercice: number): Table | undefined {
  const r = view.reprise;
  const rows: Row[] = [];
  const prev = exercice - 1;
  if (r.resultatInvestissement !== undefined) {
    rows.push({ id: 'reporte-001', role: 'item', cells: { libelle: text(`${r.resultatInvestissement < 0n ? 'D001' : 'R001'} — solde d'exécution d'investissement ${prev} reporté`), montant: amount(r.resultatInvestissement) } });
  }
  if (r.resultatFonctionnement !== undefined) {
    rows.push({ id: 'reporte-002', role: 'item', cells: { libelle: text(`${r.resultatFonctionnement < 0n ? 'D002' : 'R002'} — résultat de fonctionnement ${prev} reporté`), montant: amount(r.resultatFonctionnement) } });
  }
  if (r.compte1068 !== undefined) rows.push({ id: 'compte-1068', role: 'item', cells: { libelle: text(`1068 — excédent de fonctionnement ${prev} capitalisé`), montant: amount(r.compte1068) } });
  if (r.rarDepenses !== 0n || r.rarRecettes !== 0n) {
    rows.push({ id: 'rar-depenses', role: 'item', cells: { libelle: text(`Restes à réaliser ${prev} repris — dépenses`), montant: amount(r.rarDepenses) } });
    rows.push({ id: 'rar-recettes', role: 'item', cells: { libelle: text(`Restes à réaliser ${prev} repris — recettes`), montant: amount(r.rarRecettes) } });
  }
  if (rows.length === 0) return undefined;
  return {
    id: `${ctx.prefix}-reprise`,
    scope: ctx.scope,
    title: `${cap(ctx.what)} — reprise des résultats ${prev}`,
    columns: [col('libelle', '', 'text'), col('montant', 'Montant')],
    rows,
    notes: [tr('report.votedNote')],
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
