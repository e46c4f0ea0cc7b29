// Worker thread: folds the second half of a large DGFiP balance and posts its entities' exact totals back.
import { closeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { Layout } from './columns.js';
import { openBalance, scanRange } from './reader.js';

export interface RangeJob {
  file: string;
  layout: Layout;
  start: number;
  end: number;
}

const job = workerData as RangeJob;
try {
  const fd = openBalance(job.file);
  try {
    const r = scanRange(fd, job.file, job.layout, job.start, job.end, 0);
    parentPort!.postMessage({
      ok: true,
      ...r,
      entities: r.entities.map(({ sums, ...e }) => ({ ...e, totals: sums.totals() })),
    });
  } finally {
    closeSync(fd);
  }
} catch (e) {
  parentPort!.postMessage(
    e instanceof InputError ? { ok: false, problems: e.problems } : { ok: false, message: (e as Error).stack ?? String(e) },
  );
}
