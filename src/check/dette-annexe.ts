// The debt annex audit as checks: each loan's roll-forward, the annex against the ledger, the prudential ratios of guarantees.
import type { AnnexAudit } from '../compute/dette-audit.js';
import { GARANTIES } from '../definitions/dette-audit.js';
import { t } from '../messages/index.js';
import type { DocumentFacts } from '../model/document.js';
import { oneDecimal } from '../money/format.js';
import { annexAudit, loanName } from '../report/dette-audit.js';
import { eur, plain } from './finding.js';
import type { Check, CheckContext, Finding } from './types.js';

/** Every CA / CFU document of the folder with an annex, audited against its budget's ledger of the year. */
function audits(ctx: CheckContext): { doc: DocumentFacts; audit: AnnexAudit }[] {
  const out: { doc: DocumentFacts; audit: AnnexAudit }[] = [];
  for (const doc of ctx.folder.documents ?? []) {
    const ex = ctx.folder.model.data.get(doc.budget)?.get(doc.exercice);
    if (!ex) continue;
    const categorie = ctx.folder.manifest.entite?.categorie ?? 'autre';
    const audit = annexAudit(doc, ex, doc.plan?.norme ?? ctx.folder.plans.get(doc.exercice)?.norme ?? '', categorie);
    if (audit) out.push({ doc, audit });
  }
  return out;
}

export const annexRollForward: Check = {
  id: 'dette.annexe.encours',
  level: 'basic',
  stage: 'identities',
  title: t('dette.checkRollTitle'),
  run: (ctx) => {
    const out: Finding[] = [];
    for (const { doc, audit } of audits(ctx)) {
      for (const r of audit.rolls) {
        if (r.ecart === 0n) continue;
        out.push({
          severity: 'error',
          checkId: 'dette.annexe.encours',
          file: doc.file,
          line: r.loan.line,
          message: t('dette.rollOff', {
            exercice: audit.exercice,
            loan: loanName(r),
            type: r.loan.type || '01',
            opening: eur(r.opening),
            repaid: eur(r.repaid),
            drawn: eur(r.drawn),
            computed: eur(r.computed),
            closing: eur(r.closing),
            gap: eur(r.ecart),
          }),
          published: plain(r.closing),
          computed: plain(r.computed),
          difference: plain(r.ecart),
          hint: t('dette.rollHint'),
        });
      }
    }
    return out;
  },
};

export const annexLedger: Check = {
  id: 'dette.annexe.grand-livre',
  level: 'basic',
  stage: 'cross',
  title: t('dette.checkLedgerTitle'),
  run: (ctx) => {
    const out: Finding[] = [];
    for (const { doc, audit } of audits(ctx)) {
      const l = audit.ledger;
      const where = { file: doc.file };
      if ('value' in l.ecartCapital && l.ecartCapital.value !== 0n && 'value' in l.annexCompared && 'value' in l.ledgerCapital) {
        out.push({
          severity: 'warning',
          checkId: 'dette.annexe.grand-livre',
          ...where,
          message: t('dette.capitalOff', { exercice: audit.exercice, annex: eur(l.annexCompared.value), ledger: eur(l.ledgerCapital.value), gap: eur(l.ecartCapital.value) }),
          published: plain(l.annexCompared.value),
          computed: plain(l.ledgerCapital.value),
          difference: plain(l.ecartCapital.value),
          hint: t('dette.ledgerHint'),
        });
      }
      if ('value' in l.ecartInterets && l.ecartInterets.value !== 0n && 'value' in l.ledger66111) {
        out.push({
          severity: 'warning',
          checkId: 'dette.annexe.grand-livre',
          ...where,
          message: t('dette.interestOff', { exercice: audit.exercice, annex: eur(l.annexInterets), ledger: eur(l.ledger66111.value), gap: eur(l.ecartInterets.value) }),
          published: plain(l.annexInterets),
          computed: plain(l.ledger66111.value),
          difference: plain(l.ecartInterets.value),
          hint: t('dette.ledgerHint'),
        });
      }
    }
    return out;
  },
};

export const guaranteeRatios: Check = {
  id: 'dette.garanties',
  level: 'basic',
  stage: 'thresholds',
  title: t('dette.checkGuaranteesTitle'),
  run: (ctx) => {
    const out: Finding[] = [];
    // A crossed prudential ceiling is a fact about the finances: a warning, an error under --strict (as the other thresholds).
    const severity = ctx.options.strict ? 'error' : 'warning';
    for (const { doc, audit } of audits(ctx)) {
      const g = audit.guarantees;
      if (g.loans.length === 0) continue;
      const exceeded = (ratio: string, value: Parameters<typeof oneDecimal>[0], limit: string, line?: number) =>
        out.push({ severity, checkId: 'dette.garanties', file: doc.file, ...(line !== undefined ? { line } : {}), message: t('dette.ratioExceeded', { exercice: audit.exercice, ratio, value: oneDecimal(value).replace('.', ','), limit, source: GARANTIES.source }), computed: oneDecimal(value) });
      const p = g.plafonnement;
      if ('value' in p.exceeded && p.exceeded.value && 'value' in p.pct) exceeded(t('dette.rowPlafonnement'), p.pct.value, GARANTIES.plafonnementPct);
      const d = g.division;
      if (d && 'value' in d.exceeded && d.exceeded.value && 'value' in d.pct) exceeded(t('dette.rowDivision', { debtor: d.debtor }), d.pct.value, GARANTIES.divisionPct);
      for (const s of g.partage) {
        if ('value' in s.exceeded && s.exceeded.value && 'value' in s.pct) exceeded(t('dette.rowPartage', { loan: loanName(s.loan.roll) }), s.pct.value, s.limit.toString(), s.loan.roll.loan.line);
      }
      const social = g.loans.filter((x) => x.social);
      if (social.length > 0) {
        out.push({ severity: 'info', checkId: 'dette.garanties', file: doc.file, message: t('dette.socialApart', { exercice: audit.exercice, n: social.length, loans: social.map((x) => `${loanName(x.roll)} (${x.social})`).join(', ') }) });
      }
      const unknown = g.partage.filter((s) => !('value' in s.pct));
      if (unknown.length > 0) {
        out.push({ severity: 'info', checkId: 'dette.garanties', file: doc.file, message: t('dette.shareUnknown', { exercice: audit.exercice, loans: unknown.map((s) => loanName(s.loan.roll)).join(', ') }) });
      }
    }
    return out;
  },
};
