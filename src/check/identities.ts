// Identities inside one exercice: affectation decisions, order operations, crédits ouverts.
import { join } from 'node:path';
import { computeResultats } from '../compute/resultats.js';
import { MANIFEST_NAME } from '../model/manifest.js';
import type { Cents } from '../money/cents.js';
import { parsePlainAmount } from '../money/cents.js';
import type { FlowKey } from '../model/budget.js';
import { eur, plain } from './finding.js';
import type { Check, Finding } from './types.js';
import { exercices } from './walk.js';
import { t as tr } from '../messages/index.js';

const SECTION = { F: 'fonctionnement', I: 'investissement' } as const;

export const affectationDecision: Check = {
  id: 'identity.affectation',
  level: 'basic',
  stage: 'identities',
  title: 'a 1068 voted in the manifest covers the besoin de financement first and stays within the excédent (R002 + 1068 = résultat cumulé)',
  run: (ctx) => {
    const out: Finding[] = [];
    // Named from the folder as given (provenance paths are relative to the working directory; findings keep the user's spelling).
    const manifestPath = ctx.folder.inputs.some((i) => i.role === 'manifest') ? join(ctx.path, MANIFEST_NAME) : ctx.path;
    (ctx.folder.manifest.affectation ?? []).forEach((d, i) => {
      const at = { file: manifestPath, hint: tr('check.affectationHint', { i, path: ctx.path }) };
      const ex = ctx.folder.model.data.get(d.budget)?.get(d.exercice);
      const decided = parsePlainAmount(d.compte1068);
      if (!ex || decided === undefined) {
        out.push({ severity: 'error', checkId: 'identity.affectation', ...at, message: tr('check.affectationNoLedger', { i, budget: d.budget, year: d.exercice }) });
        return;
      }
      const r = computeResultats(ex);
      const rf = r.fonctionnement.cumule;
      const besoin = r.besoinFinancement < 0n ? -r.besoinFinancement : 0n;
      const required = rf < besoin ? rf : besoin;
      const base = tr('check.affectationBase', { i, budget: d.budget, year: d.exercice, amount: eur(decided) });
      const push = (message: string, expected: Cents) =>
        out.push({ severity: 'error', checkId: 'identity.affectation', ...at, message, published: plain(decided), computed: plain(expected), difference: plain(decided - expected) });
      if (rf <= 0n) {
        if (decided !== 0n) push(tr('check.affectationDeficit', { base, rf: eur(rf) }), 0n);
      } else if (decided < required) {
        push(tr('check.affectationBelow', { base, required: eur(required), rf: eur(rf) }), required);
      } else if (decided > rf) {
        push(tr('check.affectationAbove', { base, rf: eur(rf) }), rf);
      }
    });
    return out;
  },
};

/** The four pairs that must balance: [dépense flow, chapter, recette flow, chapter]. */
const ORDER_PAIRS: [FlowKey, string, FlowKey, string][] = [
  ['ID', '040', 'FR', '042'],
  ['FD', '042', 'IR', '040'],
  ['ID', '041', 'IR', '041'],
  ['FD', '043', 'FR', '043'],
];

export const ordreBalance: Check = {
  id: 'identity.ordre',
  level: 'basic',
  stage: 'identities',
  title: 'order operations balance per budget and exercice: 040 D = 042 R, 042 D = 040 R, 041 D = 041 R, 043 D = 043 R',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercices(ctx)) {
      for (const [dk, dc, rk, rc] of ORDER_PAIRS) {
        const df = ex.flows[dk];
        const rf = ex.flows[rk];
        // A section given as a total cannot tell order from real operations.
        if (df.declaredTotal || rf.declaredTotal) continue;
        const d = df.chapters.get(dc);
        const r = rf.chapters.get(rc);
        const dv = d?.realise ?? 0n;
        const rv = r?.realise ?? 0n;
        if (dv === rv) continue;
        const where = d ?? r!;
        out.push({
          severity: 'error',
          checkId: 'identity.ordre',
          file: where.file,
          line: where.line,
          message: tr('check.ordreNotBalanced', { budget: ex.budget, year: ex.exercice, dc, ds: SECTION[df.section], dv: eur(dv), rc, rs: SECTION[rf.section], rv: eur(rv), diff: eur(dv - rv) }),
          computed: plain(rv),
          difference: plain(dv - rv),
          hint: tr('check.ordreHint', { path: ctx.path }),
        });
      }
    }
    return out;
  },
};

export const creditsOuverts: Check = {
  id: 'identity.credits-ouverts',
  level: 'basic',
  stage: 'identities',
  title: 'the realised dépenses of a real chapter stay within its crédits ouverts, when the ledger gives them',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercices(ctx)) {
      for (const key of ['FD', 'ID'] as const) {
        for (const c of ex.flows[key].chapters.values()) {
          // Order operations of cessions (675, 676 → 042/040) are executed without credits: only real chapters are held.
          if (c.nature !== 'reel' || c.creditsOuverts === undefined || c.realise <= c.creditsOuverts) continue;
          out.push({
            severity: 'error',
            checkId: 'identity.credits-ouverts',
            file: c.file,
            line: c.line,
            message: tr('check.creditsExceeded', { budget: ex.budget, year: ex.exercice, code: c.code, section: SECTION[ex.flows[key].section], realise: eur(c.realise), credits: eur(c.creditsOuverts), diff: eur(c.realise - c.creditsOuverts) }),
            computed: plain(c.realise),
            difference: plain(c.realise - c.creditsOuverts),
            hint: tr('check.creditsHint'),
          });
        }
      }
    }
    return out;
  },
};
