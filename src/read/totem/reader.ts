// The TOTEM / CFU XML reader as a folder ledger reader (registered for .xml in src/read/folder.ts, loaded lazily).
import type { LedgerReader } from '../reader.js';
import { empruntsToDette } from './dette-rows.js';
import { readBudgetDocument } from './document.js';
import { writeDiagnostic } from '../../text/sanitize.js';
import { t } from '../../messages/index.js';

export const readTotemLedger: LedgerReader = async function* (path, displayName, planFor, _options, context) {
  // Outside a folder (convert), or in a folder without manifest, the file's own nomenclature rules; in a folder with
  // a manifest it must agree with the manifest's.
  const own = context?.ownPlan;
  const doc = await readBudgetDocument(path, { displayName, ...(context ? { budgets: context.budgets, ...(own ? {} : { planFor }) } : {}) });
  if (own) {
    own(doc.header.exercice, doc.plan);
    context?.note?.(`${displayName}: plan`, doc.plan.id);
  }
  for (const n of doc.notices) writeDiagnostic('', t('cli.noticePrefix', { message: n }));
  if (doc.merged > 0) context?.note?.(`${displayName}: lines merged`, doc.merged);
  // A budget's loan annex forecasts the year: only its opening encours (the previous 31/12) is a fact.
  const dette = empruntsToDette(doc.header.exercice, doc.emprunts, displayName)?.filter((r) => doc.facts.kind === 'execution' || r.exercice < doc.header.exercice);
  if (dette && dette.length > 0) context?.dette?.(dette);
  context?.document?.(doc.facts);
  yield doc.rows;
};
