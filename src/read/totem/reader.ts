// The TOTEM / CFU XML reader as a folder ledger reader (registered for .xml in src/read/folder.ts, loaded lazily).
import type { LedgerReader } from '../folder.js';
import { empruntsToDette } from './dette-rows.js';
import { readBudgetDocument } from './document.js';
import { writeDiagnostic } from '../../text/sanitize.js';

export const readTotemLedger: LedgerReader = async function* (path, displayName, planFor, _options, context) {
  // Outside a folder (convert) the file's own nomenclature rules; in a folder it must agree with the manifest's.
  const doc = await readBudgetDocument(path, { displayName, ...(context ? { planFor, budgets: context.budgets } : {}) });
  for (const n of doc.notices) writeDiagnostic('notice', n);
  if (doc.merged > 0) context?.note?.(`${displayName}: lines merged`, doc.merged);
  // A budget's loan annex forecasts the year: only its opening encours (the previous 31/12) is a fact.
  const dette = empruntsToDette(doc.header.exercice, doc.emprunts, displayName)?.filter((r) => doc.facts.kind === 'execution' || r.exercice < doc.header.exercice);
  if (dette && dette.length > 0) context?.dette?.(dette);
  context?.document?.(doc.facts);
  yield doc.rows;
};
