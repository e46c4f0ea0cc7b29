// The SCDL budget CSV reader as a folder ledger reader (handed over by the .csv reader when the header is SCDL's).
import type { LedgerReader } from '../folder.js';
import { readScdl } from './scdl.js';
import { writeDiagnostic } from '../../text/sanitize.js';

export const readScdlLedger: LedgerReader = async function* (path, displayName, planFor, options, context) {
  const read = await readScdl(path, { displayName, planFor, ...(options ? { readOptions: options } : {}), ...(context ? { budgets: context.budgets } : {}) });
  for (const n of read.notices) writeDiagnostic('notice', n);
  context?.note?.(`${displayName}: format`, 'scdl');
  if (read.merged > 0) context?.note?.(`${displayName}: lines merged`, read.merged);
  for (const f of read.facts) context?.document?.(f);
  yield read.rows;
};
