// Continuity from one exercice to the next: R001, R002 (+ 1068), RAR taken over (CGCT R2311-11, L2311-5).
import { computeAffectation } from '../compute/affectation.js';
import { computeResultats } from '../compute/resultats.js';
import { parsePlainAmount, type Cents } from '../money/cents.js';
import { sourceOf, type ExerciceBudget } from '../model/budget.js';
import { eur, plain } from './finding.js';
import { abs, figureCount, slack } from './slack.js';
import type { Check, CheckContext, Finding } from './types.js';
import { exercicesWithBudgets, previous } from './walk.js';
import { t as tr } from '../messages/index.js';

function carriedRow(ex: ExerciceBudget, section: 'F' | 'I') {
  const r = ex.flows[`${section}R`].reporte;
  const d = ex.flows[`${section}D`].reporte;
  return r ?? d;
}

function hint(ctx: CheckContext, prev: number): string {
  return tr('check.affectationOf', { prev, path: ctx.path });
}

export const r001: Check = {
  id: 'continuity.r001',
  level: 'basic',
  stage: 'cross',
  title: "R001/D001 of N equals the solde d'exécution cumulé of N−1",
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercicesWithBudgets(ctx)) {
      const prev = previous(ctx, ex);
      if (!prev) continue;
      const expected = computeResultats(prev).investissement.cumule;
      const carried = computeResultats(ex).investissement.reporte;
      const gap = carried - expected;
      if (abs(gap) <= slack(ctx, figureCount(prev, ['ID', 'IR']) + 1)) continue;
      const row = carriedRow(ex, 'I');
      const name = carried < 0n ? 'D001' : 'R001';
      out.push({
        severity: 'error',
        checkId: 'continuity.r001',
        ...(row ? sourceOf(row) : { file: ctx.path }),
        message: tr('check.r001Differs', { budget: ex.budget, year: ex.exercice, carried: row ? tr('check.carries', { name, amount: eur(carried) }) : tr('check.no001'), prev: prev.exercice, expected: eur(expected), diff: eur(gap) }),
        published: plain(carried),
        computed: plain(expected),
        difference: plain(gap),
        hint: hint(ctx, prev.exercice),
      });
    }
    return out;
  },
};

/** 1068 of N when known: the ledger's account 1068 (recettes d'investissement), else a decision in the manifest for N−1. */
function known1068(ctx: CheckContext, ex: ExerciceBudget): Cents | undefined {
  const ch10 = ex.flows.IR.chapters.get('10');
  const acc = ch10?.accounts.get('1068');
  if (acc) return acc.realise;
  const d = ctx.folder.manifest.affectation?.find((a) => a.budget === ex.budget && a.exercice === ex.exercice - 1);
  return d ? parsePlainAmount(d.compte1068) : undefined;
}

export const r002: Check = {
  id: 'continuity.r002',
  level: 'basic',
  stage: 'cross',
  title: 'R002 + 1068 of N equals the résultat de fonctionnement cumulé of N−1 (when 1068 is unknown: R002 ≤ what N−1 leaves after its besoin de financement)',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercicesWithBudgets(ctx)) {
      const prev = previous(ctx, ex);
      if (!prev) continue;
      const rp = computeResultats(prev);
      const fcum = rp.fonctionnement.cumule;
      const carried = computeResultats(ex).fonctionnement.reporte;
      const row = carriedRow(ex, 'F');
      const where = row ? sourceOf(row) : { file: ctx.path };
      const name = carried < 0n ? 'D002' : 'R002';
      const tol = slack(ctx, figureCount(prev, ['FD', 'FR']) + 1);
      const c1068 = fcum > 0n ? known1068(ctx, ex) : 0n;
      if (c1068 !== undefined) {
        const gap = carried + c1068 - fcum;
        if (abs(gap) <= tol) continue;
        out.push({
          severity: 'error',
          checkId: 'continuity.r002',
          ...where,
          message:
            fcum > 0n
              ? `${ex.budget} ${ex.exercice}: ${name} ${eur(carried)} + 1068 ${eur(c1068)} = ${eur(carried + c1068)} but the résultat de fonctionnement cumulé of ${prev.exercice} is ${eur(fcum)} (difference ${eur(gap)})`
              : `${ex.budget} ${ex.exercice}: ${name} carries ${eur(carried)} but the fonctionnement result of ${prev.exercice} is a déficit of ${eur(-fcum)}, carried in full as D002 (difference ${eur(gap)})`,
          published: plain(carried),
          computed: plain(fcum - c1068),
          difference: plain(gap),
          hint: hint(ctx, prev.exercice),
        });
        continue;
      }
      // 1068 unknown: the assembly may have voted more than the besoin, so only an upper bound holds.
      const a = computeAffectation({ resultatFonctionnement: fcum, soldeInvestissement: rp.investissement.cumule, besoinFinancement: rp.besoinFinancement });
      const ceiling = a.r002;
      if (carried - ceiling <= tol) continue;
      out.push({
        severity: 'warning',
        checkId: 'continuity.r002',
        ...where,
        message: tr('check.r002Exceeds', { budget: ex.budget, year: ex.exercice, name, carried: eur(carried), prev: prev.exercice, ceiling: eur(ceiling), diff: eur(carried - ceiling) }),
        published: plain(carried),
        computed: plain(ceiling),
        difference: plain(carried - ceiling),
        hint: tr('check.r002Hint', { year: ex.exercice }),
      });
    }
    return out;
  },
};

export const rarContinuity: Check = {
  id: 'continuity.rar',
  level: 'strict',
  stage: 'cross',
  title: 'the RAR taken over in N (rar_precedent) equal the RAR at 31/12/N−1, chapter by chapter',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercicesWithBudgets(ctx)) {
      const prev = previous(ctx, ex);
      if (!prev) continue;
      for (const key of ['FD', 'FR', 'ID', 'IR'] as const) {
        const now = ex.flows[key].chapters;
        const before = prev.flows[key].chapters;
        if (![...now.values()].some((c) => c.rarPrecedent !== undefined)) continue;
        const codes = [...new Set([...now.keys(), ...before.keys()])].sort();
        for (const code of codes) {
          const taken = now.get(code)?.rarPrecedent ?? 0n;
          const left = before.get(code)?.rar ?? 0n;
          if (taken === left) continue;
          const c = now.get(code) ?? before.get(code)!;
          out.push({
            severity: 'error',
            checkId: 'continuity.rar',
            file: c.file,
            line: c.line,
            message: tr('check.rarTakenOver', { budget: ex.budget, year: ex.exercice, code, key, taken: eur(taken), prev: prev.exercice, left: eur(left), diff: eur(taken - left) }),
            published: plain(taken),
            computed: plain(left),
            difference: plain(taken - left),
            hint: hint(ctx, prev.exercice),
          });
        }
      }
    }
    return out;
  },
};
