// Per-entity balance results as CSV or JSON lines: one line per entity and budget, amounts as plain decimal strings, provenance alongside.
import { centsToString, roundedQuotient } from '../money/cents.js';
import { csvField, provenanceLines } from '../render/csv.js';
import type { Provenance } from '../report/provenance.js';
import type { EntitySums } from '../read/dgfip/reader.js';
import { ByteSink } from './byte-sink.js';
import { BALANCE_GAPS, type BalanceResult } from './results.js';

export const BALANCE_SCHEMA = 'sitiv-ca.balance/1';

export interface EntityResult {
  entity: Omit<EntitySums, 'sums'>;
  result: BalanceResult;
}

export interface BalanceSummary {
  lines: number;
  rejectedLines: number;
  unattributedRejectedLines: number;
  entities: number;
}

/** The keys of one output line, in column order (the CSV header). */
export const FIELDS = [
  'exer', 'ident', 'cbudg', 'siren', 'insee', 'ndept', 'lbudg', 'ctype', 'categ', 'nomen', 'plan', 'lines', 'rejectedLines',
  'fonctionnementRecettes', 'fonctionnementDepenses', 'fonctionnementSolde',
  'investissementRecettes', 'investissementDepenses', 'investissementSolde',
  'recettesReellesFonctionnement', 'depensesReellesFonctionnement', 'interets',
  'epargneGestion', 'epargneBrute', 'remboursementCapital', 'epargneNette', 'empruntsNouveaux', 'cessions',
  'encoursDebut', 'encours', 'capaciteDesendettement', 'capaciteDesendettementReason',
  'restesARealiser', 'restesARealiserReason', 'resultatsReportes', 'resultatsReportesReason',
] as const;

type Row = Record<(typeof FIELDS)[number], string | number | null>;

export function entityRow({ entity: e, result: r }: EntityResult): Row {
  const a = centsToString;
  const cap = r.capaciteDesendettement;
  return {
    exer: e.exer,
    ident: e.ident,
    cbudg: e.cbudg,
    siren: e.siren,
    insee: e.insee,
    ndept: e.ndept,
    lbudg: e.lbudg,
    ctype: e.ctype,
    categ: e.categ,
    nomen: e.nomen,
    plan: e.plan,
    lines: e.lines,
    rejectedLines: e.rejected,
    fonctionnementRecettes: a(r.fonctionnement.recettes),
    fonctionnementDepenses: a(r.fonctionnement.depenses),
    fonctionnementSolde: a(r.fonctionnement.solde),
    investissementRecettes: a(r.investissement.recettes),
    investissementDepenses: a(r.investissement.depenses),
    investissementSolde: a(r.investissement.solde),
    recettesReellesFonctionnement: a(r.recettesReellesFonctionnement),
    depensesReellesFonctionnement: a(r.depensesReellesFonctionnement),
    interets: a(r.interets),
    epargneGestion: a(r.epargneGestion),
    epargneBrute: a(r.epargneBrute),
    remboursementCapital: a(r.remboursementCapital),
    epargneNette: a(r.epargneNette),
    empruntsNouveaux: a(r.empruntsNouveaux),
    cessions: a(r.cessions),
    encoursDebut: a(r.encoursDebut),
    encours: a(r.encours),
    capaciteDesendettement: cap.value === null ? null : roundedQuotient(cap.value, 1),
    capaciteDesendettementReason: cap.value === null ? cap.reason : null,
    restesARealiser: null,
    restesARealiserReason: BALANCE_GAPS.restesARealiser,
    resultatsReportes: null,
    resultatsReportesReason: BALANCE_GAPS.resultatsReportes,
  };
}

export function balanceNotes(s: BalanceSummary, excludeCessions: boolean): string[] {
  const notes = [
    `${BALANCE_GAPS.restesARealiser}; ${BALANCE_GAPS.resultatsReportes}: section results are those of the year only`,
    'real mandats = OBNETDEB − OOBDEB, real titres = OBNETCRE − OOBCRE; encours = SC − SD of chapter-16 debt accounts (165, 166, 16441, 1645, 16449, 1688 excluded)',
  ];
  if (excludeCessions) notes.push('proceeds of asset sales (775) left out of real recettes de fonctionnement');
  if (s.rejectedLines > 0) {
    notes.push(
      `${s.rejectedLines} line(s) rejected (${s.unattributedRejectedLines} not tied to an entity): the entities with rejectedLines > 0 miss them`,
    );
  }
  return notes;
}

export type BalanceFormat = 'csv' | 'jsonl';

/**
 * Renders entity by entity into bytes: each result is computed, written and dropped, so memory holds the entities'
 * sums and the output bytes, never every result at once.
 */
export function renderBalance(
  format: BalanceFormat,
  rows: Iterable<EntityResult>,
  provenance: Provenance,
  summary: BalanceSummary,
  notes: string[],
): ByteSink {
  const out = new ByteSink();
  if (format === 'jsonl') {
    out.write(JSON.stringify({ schema: BALANCE_SCHEMA, provenance, summary, notes }) + '\n');
    for (const r of rows) out.write(JSON.stringify(entityRow(r)) + '\n');
    return out;
  }
  out.write(FIELDS.join(',') + '\n');
  for (const r of rows) {
    // Object.values follows the literal's order, which is FIELDS' order (tested): no keyed lookup per field.
    let line = '';
    let first = true;
    for (const v of Object.values(entityRow(r))) {
      if (!first) line += ',';
      first = false;
      if (v !== null) line += typeof v === 'number' ? String(v) : csvField(v);
    }
    out.write(line + '\n');
  }
  // Trailing comment lines: CSV readers skip them with comment='#', and the columns stay one per figure.
  for (const l of provenanceLines(provenance)) out.write(`# ${l}\n`);
  out.write(`# lines ${summary.lines}, rejected ${summary.rejectedLines}, entities ${summary.entities}\n`);
  for (const n of notes) out.write(`# note: ${n}\n`);
  return out;
}
