// Exécution par chapitre (the CA's vue d'ensemble): per section and sens, crédits ouverts, réalisé, RAR, annulés / écart, taux.
import { D, type Cents } from '../money/cents.js';
import type { ChapterData, ExerciceBudget, FlowData, FlowKey } from '../model/budget.js';
import type { Plan } from '../nomenclature/plan.js';
import { amount, empty, ns, text, type Cell, type Column, type Formula, type Row, type Table } from './table.js';
import { t as tr } from '../messages/index.js';

const FLOW_LABEL: Record<FlowKey, string> = {
  FD: 'Fonctionnement — dépenses',
  FR: 'Fonctionnement — recettes',
  ID: 'Investissement — dépenses',
  IR: 'Investissement — recettes',
};

type Block = 'reel' | 'ordre' | 'sans-execution';
const BLOCK_LABEL: Record<Block, string> = {
  reel: 'Total des opérations réelles',
  ordre: "Total des opérations d'ordre",
  'sans-execution': 'Total des crédits sans exécution (020 à 024)',
};

/** Whether any chapter of the exercice carries crédits ouverts: the source gives them (TOTEM, SCDL, a credits_ouverts column). */
export function hasCredits(ex: ExerciceBudget): boolean {
  return Object.values(ex.flows).some((f) => [...f.chapters.values()].some((c) => c.creditsOuverts !== undefined));
}

function blockOf(c: ChapterData, plan: Plan): Block {
  const kind = plan.chapter(c.code)?.kind;
  if (kind === 'sans-execution') return 'sans-execution';
  return c.nature === 'ordre' || kind === 'ordre' ? 'ordre' : 'reel';
}

/** Réalisé ÷ ouverts in percent, unrounded; n.s. when ouverts is 0 or not given. */
function taux(realise: Cell, ouverts: Cell): Cell {
  if (ouverts.kind !== 'amount' || realise.kind !== 'amount') return ns(tr('report.creditsNotGiven'));
  if (ouverts.cents === 0n) return ns(tr('report.creditsZero'));
  return { kind: 'percent', value: new D(realise.cents.toString()).mul(100).div(new D(ouverts.cents.toString())) };
}

export function chapitresTable(scope: string, exercice: number, key: FlowKey, flow: FlowData, plan: Plan, credits: boolean): Table {
  const recettes = flow.sens === 'R';
  const annules = recettes ? 'ecart' : 'credits-annules';
  const order = new Map(plan.chapters().map((c, i) => [c.code, i]));
  const rank = (code: string) => order.get(code) ?? order.get(plan.chapter(code)?.code ?? '') ?? Number.MAX_SAFE_INTEGER;
  const chapters = [...flow.chapters.values()].sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
  const split = flow.declaredTotal === undefined;
  const noSplit = ns(tr('report.noRealisedByChapter', { key, line: flow.declaredTotal ? tr('report.lineRef', { line: flow.declaredTotal.line }) : '' }));
  const ref = (row: string, column: string) => ({ row, column });

  const derived = (id: string, cells: Record<string, Cell>, formulas: Record<string, Formula>): void => {
    const o = cells['credits-ouverts'] ?? empty;
    const r = cells.realise!;
    if (credits) {
      if (o.kind === 'amount' && r.kind === 'amount' && cells.rar?.kind === 'amount') {
        cells[annules] = amount(o.cents - r.cents - cells.rar.cents);
        formulas[annules] = { op: 'minus', a: ref(id, 'credits-ouverts'), refs: [ref(id, 'realise'), ref(id, 'rar')] };
      } else cells[annules] = o.kind === 'amount' ? noSplit : ns(tr('report.creditsNotGiven'));
      cells.taux = taux(r, o);
      if (cells.taux.kind === 'percent') formulas.taux = { op: 'pct', part: ref(id, 'realise'), whole: ref(id, 'credits-ouverts') };
    }
  };
  const line = (c: ChapterData): Row => {
    const id = c.code;
    const cells: Record<string, Cell> = {
      chapitre: text(c.code),
      libelle: text(plan.chapter(c.code)?.libCourt ?? ''),
      realise: split ? amount(c.realise) : noSplit,
      rar: amount(c.rar),
    };
    if (credits) cells['credits-ouverts'] = c.creditsOuverts !== undefined ? amount(c.creditsOuverts) : ns(tr('report.creditsNotGivenChapter'));
    const formulas: Record<string, Formula> = {};
    derived(id, cells, formulas);
    return { id, role: 'item', cells, formulas };
  };
  const subtotal = (id: string, label: string, ids: string[], role: Row['role'] = 'total', declared?: Cents): Row => {
    const cells: Record<string, Cell> = { chapitre: empty, libelle: text(label) };
    const formulas: Record<string, Formula> = {};
    const sumOf = (column: string): Cell => {
      let t = 0n;
      for (const i of ids) {
        const cell = rows.find((r) => r.id === i)?.cells[column];
        if (cell?.kind !== 'amount') return cell?.kind === 'ns' ? cell : ns(tr('report.lineHasNo', { id, column }));
        t += cell.cents;
      }
      formulas[column] = { op: 'sum', refs: ids.map((i) => ref(i, column)) };
      return amount(t);
    };
    for (const column of [...(credits ? ['credits-ouverts'] : []), 'realise', 'rar']) cells[column] = sumOf(column);
    // A section total is the realised amount of the flow, whether or not chapter rows (carrying RAR) come with it.
    if (declared !== undefined) {
      cells.realise = amount(declared);
      delete formulas.realise;
    }
    derived(id, cells, formulas);
    return { id, role, cells, formulas };
  };

  const rows: Row[] = [];
  const blocks: Block[] = ['reel', 'ordre', 'sans-execution'];
  const totals: string[] = [];
  for (const b of blocks) {
    const mine = chapters.filter((c) => blockOf(c, plan) === b);
    if (mine.length === 0) continue;
    rows.push(...mine.map(line));
    rows.push(subtotal(`total-${b}`, BLOCK_LABEL[b], mine.map((c) => c.code)));
    totals.push(`total-${b}`);
  }
  rows.push(subtotal('total', `Total ${FLOW_LABEL[key].toLowerCase()} de l'exercice`, totals, 'total', flow.declaredTotal?.realise));
  if (flow.reporte) {
    const carried = flow.section === 'F' ? '002' : '001';
    const label = flow.section === 'F' ? (recettes ? 'Excédent de fonctionnement reporté' : 'Déficit de fonctionnement reporté') : recettes ? "Solde d'exécution d'investissement reporté (excédent)" : "Solde d'exécution d'investissement reporté (déficit)";
    rows.push({ id: carried, role: 'item', cells: { chapitre: text(carried), libelle: text(label), realise: amount(flow.reporte.amount) } });
  }
  const columns: Column[] = [
    { id: 'chapitre', label: 'Chap.', kind: 'text' },
    { id: 'libelle', label: 'Libellé', kind: 'text' },
    ...(credits ? [{ id: 'credits-ouverts', label: 'Crédits ouverts', kind: 'amount' as const }] : []),
    { id: 'realise', label: recettes ? 'Titres émis' : 'Mandats émis', kind: 'amount' },
    { id: 'rar', label: 'Restes à réaliser', kind: 'amount' },
    ...(credits
      ? [
          { id: annules, label: recettes ? 'Écart' : 'Crédits annulés', kind: 'amount' as const },
          { id: 'taux', label: 'Taux réal.', kind: 'percent' as const },
        ]
      : []),
  ];
  const notes = [
    tr('report.chapitresNote'),
  ];
  if (credits) {
    notes.push(
      recettes
        ? tr('report.ecartNote')
        : tr('report.annulesNote'),
      tr('report.tauxNote'),
    );
  } else notes.push(tr('report.noCreditsNote'));
  return { id: `chapitres-${key}`, scope, title: `Exécution par chapitre ${exercice} — ${FLOW_LABEL[key]}`, columns, rows, notes };
}
