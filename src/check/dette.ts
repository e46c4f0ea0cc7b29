// Debt identities and cross-checks: encours roll-forward, annuité, opening encours, debt table vs chapter 16.
import { chapitre16, debtPrincipalFromLedger, etatDeLaDette, type DebtYear } from '../compute/dette.js';
import { decimalToCents, roundCentsTo, type Cents } from '../money/cents.js';
import type { ExerciceBudget } from '../model/budget.js';
import { eur, figureLocation, plain, printed as printedAt } from './finding.js';
import { abs, ledgerUnit } from './slack.js';
import type { Check, CheckContext, Finding } from './types.js';
import { t as tr } from '../messages/index.js';

/** dette.csv describes the debt of the first budget of the manifest (the budget principal). */
function debtBudget(ctx: CheckContext): Map<number, ExerciceBudget> {
  const id = ctx.folder.manifest.budgets[0]?.id ?? '';
  return ctx.folder.model.data.get(id) ?? new Map();
}

function debtYears(ctx: CheckContext): DebtYear[] {
  const rows = ctx.folder.dette ?? [];
  if (rows.length === 0) return [];
  const years = [...new Set(rows.map((r) => r.exercice))].sort((a, b) => a - b);
  return etatDeLaDette(years, rows, debtBudget(ctx));
}

const detteRow = (ctx: CheckContext, exercice: number) => ctx.folder.dette?.find((r) => r.exercice === exercice);

export const encoursRollForward: Check = {
  id: 'identity.encours',
  level: 'basic',
  stage: 'identities',
  title: 'encours at 31/12/N = encours at 31/12/N−1 − capital repaid in N + new loans in N',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const y of debtYears(ctx)) {
      if (!('value' in y.ecartEncours) || y.ecartEncours.value === 0n) continue;
      if (!('value' in y.encours) || !('value' in y.encoursCalcule)) continue;
      const row = detteRow(ctx, y.exercice);
      out.push({
        severity: 'error',
        checkId: 'identity.encours',
        ...(row ? { file: row.file, line: row.line, column: 5 } : { file: ctx.path }),
        message: tr('check.encoursChain', { year: y.exercice, encours: eur(y.encours.value), prev: y.exercice - 1, computed: eur(y.encoursCalcule.value), diff: eur(y.ecartEncours.value) }),
        published: plain(y.encours.value),
        computed: plain(y.encoursCalcule.value),
        difference: plain(y.ecartEncours.value),
        hint: tr('check.encoursHint'),
      });
    }
    return out;
  },
};

export const annuite: Check = {
  id: 'identity.annuite',
  level: 'basic',
  stage: 'identities',
  title: 'annuité = amortissement + intérêts in every debt table of the report',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const t of ctx.report.tables) {
      const cols = new Set(t.columns.map((c) => c.id));
      for (const row of t.rows) {
        // Debt tables lay years out as rows (annuite as a column) or as columns (annuite as a row).
        const get = (r: string, c: string) => {
          const cell = (r === row.id ? row : t.rows.find((x) => x.id === r))?.cells[c];
          return cell?.kind === 'amount' ? cell.cents : undefined;
        };
        const pairs: [string, string, string, string][] = cols.has('annuite')
          ? [[row.id, 'annuite', 'amortissement', 'interets']]
          : row.id === 'annuite'
            ? t.columns.map((c) => [row.id, c.id, 'amortissement', 'interets'] as [string, string, string, string])
            : [];
        for (const [r, c, a, i] of pairs) {
          const total = get(r, c);
          const am = cols.has('annuite') ? get(r, a) : get(a, c);
          const it = cols.has('annuite') ? get(r, i) : get(i, c);
          if (total === undefined || am === undefined || it === undefined || total === am + it) continue;
          const id = `${t.scope}.${t.id}.${r}.${c}`;
          out.push({
            severity: 'error',
            checkId: 'identity.annuite',
            ...figureLocation(ctx, id),
            figureId: id,
            message: tr('check.annuiteSum', { id, total: eur(total), am: eur(am), it: eur(it), sum: eur(am + it) }),
            computed: plain(am + it),
            difference: plain(total - am - it),
          });
        }
      }
    }
    return out;
  },
};

/** Rounds to a printed unit given in cents; returns the truncated value as well (a habit of some tables). */
function toUnit(c: Cents, unit: Cents): { rounded: Cents; truncated: Cents } {
  return { rounded: roundCentsTo(c, unit), truncated: unit <= 1n ? c : (c / unit) * unit };
}

export const encoursOpening: Check = {
  id: 'continuity.encours',
  level: 'basic',
  stage: 'cross',
  title: 'the encours at 01/01/N (a declared series) equals the encours at 31/12/N−1 of the debt table',
  run: (ctx) => {
    const out: Finding[] = [];
    const closing = new Map((ctx.folder.dette ?? []).filter((r) => r.encours !== undefined).map((r) => [r.exercice, r.encours!]));
    for (const s of ctx.folder.serie ?? []) {
      if (s.id !== 'capital-restant-du-0101') continue;
      const prev = closing.get(s.exercice - 1);
      if (prev === undefined) continue;
      // A series is printed in whole euros unless it shows cents.
      const unit = s.valeur.decimalPlaces() > 0 ? 1n : 100n;
      const printed = decimalToCents(s.valeur);
      if (printed === undefined) {
        out.push({ severity: 'error', checkId: 'continuity.encours', file: s.file, line: s.line, column: 3, message: tr('check.crdNotAmount', { year: s.exercice, value: s.valeur.toString() }) });
        continue;
      }
      const { rounded, truncated } = toUnit(prev, unit);
      if (printed === rounded) continue;
      const truncation = printed === truncated;
      const shown = printedAt(s.valeur, unit === 100n ? 0 : 2);
      out.push({
        severity: truncation ? 'warning' : 'error',
        checkId: 'continuity.encours',
        file: s.file,
        line: s.line,
        column: 3,
        message: truncation
          ? tr('check.crdTruncated', { year: s.exercice, value: shown, prev: s.exercice - 1, encours: eur(prev), rounded: eur(rounded) })
          : tr('check.crdDiffers', { year: s.exercice, value: shown, prev: s.exercice - 1, encours: eur(prev), diff: eur(printed - prev) }),
        published: plain(printed),
        computed: plain(prev),
        difference: plain(printed - prev),
        hint: tr('check.detteTableHint', { path: ctx.path }),
      });
    }
    return out;
  },
};

export const detteLedger: Check = {
  id: 'cross.dette-ledger',
  level: 'basic',
  stage: 'cross',
  title: "the debt table's capital repaid and new loans agree with the ledger's chapter 16 (warning by chapter, error by account)",
  run: (ctx) => {
    const out: Finding[] = [];
    const ledger = debtBudget(ctx);
    const unit = ledgerUnit(ctx);
    for (const row of ctx.folder.dette ?? []) {
      const ex = ledger.get(row.exercice);
      if (!ex) continue;
      for (const [sens, declared, what, column] of [
        ['D', row.amortissement, tr('check.capitalRepaid'), 2],
        ['R', row.empruntsNouveaux, tr('check.newLoans'), 4],
      ] as const) {
        if (declared === undefined) continue;
        const byAccount = debtPrincipalFromLedger(ex, sens);
        const chapter = chapitre16(ex, sens);
        const exact = 'value' in byAccount && (ex.flows[`I${sens}`].chapters.get('16')?.accounts.size ?? 0) > 0;
        const got = exact ? byAccount : chapter;
        if (!('value' in got)) continue;
        const expected = roundCentsTo(declared, unit);
        if (abs(got.value - expected) === 0n) continue;
        const ch = ex.flows[`I${sens}`].chapters.get('16');
        out.push({
          severity: exact ? 'error' : 'warning',
          checkId: 'cross.dette-ledger',
          file: row.file,
          line: row.line,
          column,
          message: tr('check.detteLedger', { year: row.exercice, what, declared: eur(declared), where: exact ? tr('check.loanAccounts16') : tr('check.chapter16'), sens: sens === 'D' ? 'dépenses' : 'recettes', got: eur(got.value), at: ch ? ` (${ch.file}:${ch.line})` : '', diff: eur(declared - got.value) }),
          published: plain(declared),
          computed: plain(got.value),
          difference: plain(declared - got.value),
          hint: exact
            ? tr('check.detteLedgerExactHint')
            : tr('check.detteLedgerChapterHint'),
        });
      }
    }
    return out;
  },
};
