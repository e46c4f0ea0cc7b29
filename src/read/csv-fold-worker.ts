// Worker thread: folds the second half of a large ledger CSV (read/csv-parallel.ts) and posts its figures and fingerprints back.
import { parentPort, workerData } from 'node:worker_threads';
import { foldPass } from './csv-ledger.js';
import { KeepOnly } from './repeat-check.js';
import type { FoldJob, FoldReply } from './csv-parallel.js';
import { fileChunks } from './csv-records.js';
import { parseDialectAmount } from './dialect/amount.js';
import { planResolver } from './reader.js';

const job = workerData as FoldJob;
let reply: FoldReply;
try {
  const planFor = planResolver(job.plan.declinaison, new Map(), job.plan.perExercice, job.plan.hint);
  // No filter here: the main thread checks these fingerprints in its own (a row is 24 bytes at the least).
  const keep = new KeepOnly(Math.ceil((job.end - job.start) / 24));
  const run = foldPass(
    job.path,
    {
      planFor,
      displayName: job.displayName,
      delimiter: job.delimiter,
      ...(job.decimal ? { decimal: job.decimal } : {}),
      // The same parser as the main thread's (dialect/open-csv.ts amountParser), made from the same evidence.
      parseAmount: (text) => parseDialectAmount(text, job.decimal, job.settledBy),
      ...(job.columns ? { columns: job.columns } : {}),
      fold: job.budgets ? { budgets: new Set(job.budgets) } : {},
    },
    fileChunks(job.path, job.start, 1 << 20, job.end),
    keep,
    undefined,
    { header: job.header },
  );
  reply = {
    ok: true,
    seg: run.segment(),
    // Too many rows to keep their fingerprints: reported as a problem, so that the file is read on one thread.
    problems: run.problems.length + (keep.full ? 1 : 0),
    folding: run.folding,
    unfolded: run.unfolded,
    fingerprints: keep.kept,
    count: keep.count,
  };
} catch (e) {
  reply = { ok: false, message: (e as Error).stack ?? String(e) };
}
parentPort!.postMessage(reply, reply.ok ? [reply.fingerprints.buffer as ArrayBuffer] : []);
