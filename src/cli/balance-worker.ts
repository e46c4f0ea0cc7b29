// Worker thread: folds the second half of a large DGFiP balance and posts its entities' exact totals back.
import { closeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { classifyAccount } from '../compute/balance/classify.js';
import type { RangeJob } from '../read/dgfip/parallel.js';
import { openBalance, scanRange } from '../read/dgfip/reader.js';

const job = workerData as RangeJob;
try {
  const fd = openBalance(job.file);
  try {
    const r = scanRange(fd, job.file, job.layout, job.start, job.end, 0, { classify: classifyAccount });
    // The table crosses as typed arrays, a Map and strings (structured clone); the main thread revives it.
    parentPort!.postMessage({ ok: true, ...r });
  } finally {
    closeSync(fd);
  }
} catch (e) {
  parentPort!.postMessage(
    e instanceof InputError ? { ok: false, problems: e.problems } : { ok: false, message: (e as Error).stack ?? String(e) },
  );
}
