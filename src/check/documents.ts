// Checks on what official files say about themselves: identifiers, CFU declared totals, budget équilibre, CFU accounting part.
import { computeResultats } from '../compute/resultats.js';
import { budgetView } from '../compute/budget-document.js';
import type { Cents } from '../money/cents.js';
import type { ComptableLine, DeclaredTotal, DocumentFacts } from '../model/document.js';
import { eur, plain } from './finding.js';
import type { Check, CheckContext, Finding } from './types.js';
import { t as tr } from '../messages/index.js';

const docs = (ctx: CheckContext): DocumentFacts[] => ctx.folder.documents ?? [];

export const identifiers: Check = {
  id: 'document.identifiers',
  level: 'basic',
  stage: 'parse',
  title: 'a NatDec the product does not know, or a SIRET that is not 14 digits or fails its Luhn key, is a warning',
  run: (ctx) =>
    docs(ctx).flatMap((d) =>
      d.identifiers.map((p): Finding => ({ severity: 'warning', checkId: 'document.identifiers', file: d.file, line: p.line, message: `${p.field} ${p.value}: ${p.message}`, published: p.value })),
    ),
};

function level(t: DeclaredTotal): string {
  const nature = t.nature === 'reel' ? tr('check.levelReal') : t.nature === 'ordre' ? tr('check.levelOrder') : '';
  const op = t.operation === 'none' ? tr('check.levelOutsideOps') : t.operation === 'all' ? '' : `, opération ${t.operation}`;
  return tr('check.levelChapter', { chapitre: t.chapitre, sens: t.sens, nature, op });
}

export const declaredTotals: Check = {
  id: 'cfu.chapter-totals',
  level: 'basic',
  stage: 'identities',
  title: 'each calculated chapter total of a CFU equals the account lines it totals, at its own level (opération or chapter)',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const d of docs(ctx)) {
      const byLine = new Map<number, DeclaredTotal[]>();
      for (const t of d.declaredTotals) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
      for (const [line, totals] of byLine) {
        const wrong = totals.filter((t) => t.declared !== t.computed);
        const base = { checkId: 'cfu.chapter-totals', file: d.file, line };
        if (wrong.length === 0) {
          out.push({ ...base, severity: 'info', message: tr('check.declaredAgrees', { level: level(totals[0]!), fields: totals.map((t) => `${t.field} ${eur(t.declared)}`).join(', ') }) });
        }
        for (const t of wrong) {
          out.push({
            ...base,
            severity: 'error',
            message: tr('check.declaredDiffers', { level: level(t), field: t.field, declared: eur(t.declared), computed: eur(t.computed), diff: eur(t.declared - t.computed) }),
            published: plain(t.declared),
            computed: plain(t.computed),
            difference: plain(t.declared - t.computed),
            hint: tr('check.declaredHint'),
          });
        }
      }
    }
    return out;
  },
};

export const budgetEquilibre: Check = {
  id: 'budget.equilibre',
  level: 'basic',
  stage: 'identities',
  title: 'a budget document balances its order operations (023/021, 042/040, 041, 043); a section voted with more dépenses than recettes is a warning',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const d of docs(ctx).filter((x) => x.kind === 'budget')) {
      const view = budgetView(d);
      const base = { checkId: 'budget.equilibre', file: d.file };
      for (const p of view.ordre) {
        if (p.depense === p.recette) continue;
        out.push({ ...base, severity: 'error', message: tr('check.ordreUnbalanced', { year: d.exercice, label: p.label, dep: eur(p.depense), rec: eur(p.recette), diff: eur(p.recette - p.depense) }), published: plain(p.depense), computed: plain(p.recette), difference: plain(p.recette - p.depense) });
      }
      for (const s of view.sections) {
        const name = s.section === 'F' ? 'de fonctionnement' : "d'investissement";
        if (s.depenses > s.recettes) {
          out.push({ ...base, severity: 'warning', message: tr('check.sectionUnbalanced', { year: d.exercice, name, dep: eur(s.depenses), rec: eur(s.recettes), diff: eur(s.recettes - s.depenses) }), published: plain(s.depenses), computed: plain(s.recettes), difference: plain(s.recettes - s.depenses), hint: tr('check.realBalanceHint') });
        } else {
          out.push({ ...base, severity: 'info', message: tr('check.sectionBalanced', { year: d.exercice, name, rec: eur(s.recettes), dep: eur(s.depenses) }) });
        }
      }
    }
    return out;
  },
};

const bilan = (lines: ComptableLine[], agregat: string) => lines.find((l) => l.etat === 'BI_P' && l.agregat === agregat);
const crResult = (lines: ComptableLine[]) =>
  lines.find((l) => l.etat === 'CR' && l.modeTraitement === 'TOTALISATION' && /^R[ÉE]SULTAT DE L.EXERCICE/i.test(l.intitule));

/** The accountant's execution (EB_*) totals by chapter and by opération, each against the budget part at the same level. */
function executionTotals(d: DocumentFacts, lines: ComptableLine[]): { line: number; what: string; accountant: Cents; ordonnateur: Cents }[] {
  const out: { line: number; what: string; accountant: Cents; ordonnateur: Cents }[] = [];
  for (const l of lines) {
    if (!l.etat.startsWith('EB_')) continue;
    const sens = l.codeRD;
    const section = l.section || (l.etat.endsWith('F') ? 'F' : 'I');
    let pick: ((c: DocumentFacts['credits'][number]) => boolean) | undefined;
    let what = '';
    if (l.modeTraitement.startsWith('TOTAL_DETAIL_CHAPITRE') && l.chapitre !== '') {
      pick = (c) => c.section === section && c.sens === sens && c.chapitre === l.chapitre && (c.operation ?? '') === '';
      what = tr('check.ebChapter', { chapitre: l.chapitre, sens, section });
    } else if (l.operation !== '' && l.chapitre === '' && l.nature === '') {
      pick = (c) => c.sens === sens && c.operation === l.operation;
      what = `opération ${l.operation} ${sens}`;
    }
    if (!pick) continue;
    const ordonnateur = d.credits.filter(pick).reduce((t, c) => t + (c.mtReal ?? 0n), 0n);
    out.push({ line: l.line, what, accountant: l.mtRealNettes ?? 0n, ordonnateur });
  }
  return out;
}

export const cfuAccounting: Check = {
  id: 'cfu.accounting',
  level: 'basic',
  stage: 'cross',
  title: "a CFU's accounting part agrees with its budget part: résultat (CR, bilan P140), report à nouveau (P135), EB_* chapter totals, P310 and the loan annex, 1068",
  run: (ctx) => {
    const out: Finding[] = [];
    for (const d of docs(ctx)) {
      const lines = d.comptable;
      if (!lines) continue;
      const ex = ctx.folder.model.data.get(d.budget)?.get(d.exercice);
      if (!ex) continue;
      const res = computeResultats(ex);
      const base = { checkId: 'cfu.accounting', file: d.file };
      const compare = (line: number | undefined, what: string, stated: Cents, budgetary: Cents, severity: 'error' | 'warning' = 'error') => {
        if (stated === budgetary) {
          out.push({ ...base, ...(line ? { line } : {}), severity: 'info', message: tr('check.bothSides', { year: d.exercice, what, amount: eur(stated) }) });
        } else {
          out.push({ ...base, ...(line ? { line } : {}), severity, message: tr('check.accountingDiffers', { year: d.exercice, what, stated: eur(stated), budgetary: eur(budgetary), diff: eur(stated - budgetary) }), published: plain(stated), computed: plain(budgetary), difference: plain(stated - budgetary) });
        }
      };
      const fon = res.fonctionnement.solde;
      const cr = crResult(lines);
      if (cr?.mtNet !== undefined) compare(cr.line, "compte de résultat « RÉSULTAT DE L'EXERCICE » = résultat de fonctionnement de l'exercice", cr.mtNet, fon);
      const p140 = bilan(lines, 'P140');
      if (p140?.mtNet !== undefined) compare(p140.line, "bilan P140 (résultat de l'exercice) = résultat de fonctionnement de l'exercice", p140.mtNet, fon);
      const p135 = bilan(lines, 'P135');
      if (p135?.mtNet !== undefined) compare(p135.line, tr('check.p135Reporte'), p135.mtNet, res.fonctionnement.reporte);
      if (p135?.mtNet !== undefined && p135.mtNetPrec !== undefined && p140?.mtNetPrec !== undefined) {
        const c1068 = d.compte1068?.executed ?? 0n;
        const expected = p135.mtNetPrec + p140.mtNetPrec - c1068;
        compare(p135.line, tr('check.p135Chain', { p135: eur(p135.mtNetPrec), p140: eur(p140.mtNetPrec), c1068: eur(c1068) }), p135.mtNet, expected, 'warning');
      }
      for (const t of executionTotals(d, lines)) compare(t.line, tr('check.ebTotal', { what: t.what }), t.accountant, t.ordonnateur);
      const p310 = bilan(lines, 'P310');
      if (p310?.mtNet !== undefined && d.crdOwn !== undefined) compare(p310.line, tr('check.p310'), p310.mtNet, d.crdOwn, 'warning');
      const c = d.compte1068;
      if (c && (c.voted ?? 0n) > 0n && (c.executed ?? 0n) === 0n) {
        out.push({ ...base, line: c.line, severity: 'info', message: tr('check.notExecuted1068', { year: d.exercice, amount: eur(c.voted!) }), published: plain(c.voted!) });
      }
    }
    return out;
  },
};
