// Thresholds: capacité de désendettement vs the ceiling, the L1612-14 referral level, an uncovered besoin de financement.
import { computeAffectation } from '../compute/affectation.js';
import { capaciteDesendettement } from '../compute/desendettement.js';
import { epargneBrute } from '../compute/epargne.js';
import { computeResultats } from '../compute/resultats.js';
import { D, type Cents } from '../money/cents.js';
import { realisedTotal } from '../model/budget.js';
import { oneDecimal } from '../money/format.js';
import { eur, figureLocation, plain } from './finding.js';
import type { Check, CheckContext, Finding, Severity } from './types.js';
import { exercices } from './walk.js';
import { t as tr } from '../messages/index.js';

/** A crossed threshold is a fact about the finances, not a wrong figure: a warning, an error under --strict. */
const thresholdSeverity = (ctx: CheckContext): Severity => (ctx.options.strict ? 'error' : 'warning');

export const desendettement: Check = {
  id: 'threshold.desendettement',
  level: 'basic',
  stage: 'thresholds',
  title: "capacité de désendettement (encours 31/12 ÷ épargne brute) within the entity's ceiling",
  run: (ctx) => {
    const out: Finding[] = [];
    const plafond = ctx.options.plafond;
    if (plafond === undefined) return out;
    const budget = ctx.folder.manifest.budgets[0]?.id ?? '';
    const years = ctx.folder.model.data.get(budget);
    for (const row of ctx.folder.dette ?? []) {
      const ex = years?.get(row.exercice);
      if (!ex || row.encours === undefined) continue;
      const eb = epargneBrute(ex);
      if (!('value' in eb)) continue;
      const ratio = capaciteDesendettement(row.encours, eb.value);
      const where = { file: row.file, line: row.line, column: 5 };
      if ('reason' in ratio) {
        out.push({ severity: thresholdSeverity(ctx), checkId: 'threshold.desendettement', ...where, message: tr('check.desendNs', { budget, year: row.exercice, reason: ratio.reason, eb: eur(eb.value) }), computed: plain(eb.value) });
        continue;
      }
      if (ratio.value.lte(plafond)) continue;
      out.push({
        severity: thresholdSeverity(ctx),
        checkId: 'threshold.desendettement',
        ...where,
        message: tr('check.desendAbove', { budget, year: row.exercice, value: oneDecimal(ratio.value).replace('.', ','), encours: eur(row.encours), eb: eur(eb.value), plafond: String(plafond) }),
        computed: oneDecimal(ratio.value),
        difference: oneDecimal(ratio.value.minus(plafond)),
        hint: tr('check.desendHint'),
      });
    }
    return out;
  },
};

export const l1612_14: Check = {
  id: 'threshold.l1612-14',
  level: 'basic',
  stage: 'thresholds',
  title: 'global closing deficit (all budgets, RAR included) below the CGCT L1612-14 referral level: 10 % of recettes de fonctionnement, 5 % from 20 000 inhabitants',
  run: (ctx) => {
    const out: Finding[] = [];
    const pct = (ctx.options.population ?? 0) >= 20000 ? 5 : 10;
    const byYear = new Map<number, { global: Cents; recettes: Cents }>();
    for (const ex of exercices(ctx)) {
      const acc = byYear.get(ex.exercice) ?? { global: 0n, recettes: 0n };
      acc.global += computeResultats(ex).resultatGlobal;
      acc.recettes += realisedTotal(ex.flows.FR);
      byYear.set(ex.exercice, acc);
    }
    for (const [exercice, { global, recettes }] of [...byYear].sort(([a], [b]) => a - b)) {
      if (global >= 0n || recettes <= 0n) continue;
      const share = new D((-global).toString()).times(100).div(recettes.toString());
      if (share.lt(pct)) continue;
      out.push({
        severity: thresholdSeverity(ctx),
        checkId: 'threshold.l1612-14',
        file: ctx.path,
        message: tr('check.deficitReferral', { year: exercice, global: eur(global), share: oneDecimal(share).replace('.', ','), recettes: eur(recettes), pct: String(pct) }),
        computed: plain(global),
        hint: tr('check.deficitHint', { path: ctx.path }),
      });
    }
    return out;
  },
};

export const besoinNonCouvert: Check = {
  id: 'threshold.besoin-non-couvert',
  level: 'basic',
  stage: 'thresholds',
  title: 'the affectation covers the besoin de financement of investment',
  run: (ctx) => {
    const out: Finding[] = [];
    for (const ex of exercices(ctx)) {
      const r = computeResultats(ex);
      const a = computeAffectation({ resultatFonctionnement: r.fonctionnement.cumule, soldeInvestissement: r.investissement.cumule, besoinFinancement: r.besoinFinancement });
      if (a.besoinNonCouvert === 0n) continue;
      const id = `${ex.budget}.${ex.exercice}.affectation.besoin-non-couvert.montant`;
      out.push({
        severity: 'warning',
        checkId: 'threshold.besoin-non-couvert',
        ...figureLocation(ctx, id),
        figureId: id,
        message: tr('check.besoinUncovered', { budget: ex.budget, year: ex.exercice, besoin: eur(-r.besoinFinancement), rf: eur(r.fonctionnement.cumule > 0n ? r.fonctionnement.cumule : 0n), left: eur(a.besoinNonCouvert) }),
        computed: plain(a.besoinNonCouvert),
        hint: tr('check.besoinHint'),
      });
    }
    return out;
  },
};
