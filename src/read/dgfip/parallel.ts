// Large balances on two threads (opt-in): this thread folds the first half while a worker folds the second, then the halves merge.
import { availableParallelism } from 'node:os';
import { closeSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InputError, type InputProblem } from '../../errors.js';
import { sumsFromTotals } from '../../balance/exact-sum.js';
import { MAX_LISTED, openBalance, readPrelude, scanRange, type BalanceRead, type EntitySums, type RangeRead, type ReadOptions } from './reader.js';
import type { RangeJob } from './range-worker.js';
import { PACKAGE_ROOT } from '../../paths.js';

/**
 * Off by default: measured on the 2-core machine of the benchmark, shared with other jobs, the worker's start-up (a
 * fresh isolate, modules, plan, a cold JIT) and the competition with the sha256 thread cost more than the
 * split saved (see docs/dgfip.md). SITIV_CA_PARALLEL_MIN_BYTES=N turns it on for files of N bytes or more (tests,
 * idle multi-core machines).
 */
export const PARALLEL_FROM = Infinity;

// From the package root: this module may run from dist/ (tsc) or from a chunk of dist/bundle/, and the worker is tsc's.
const WORKER = new URL('dist/read/dgfip/range-worker.js', PACKAGE_ROOT);

type WorkerEntity = Omit<EntitySums, 'sums'> & { totals: bigint[] };
type WorkerReply =
  | (Omit<RangeRead, 'entities'> & { ok: true; entities: WorkerEntity[] })
  | { ok: false; problems: InputProblem[] }
  | { ok: false; message: string };

function threshold(): number {
  const env = process.env.SITIV_CA_PARALLEL_MIN_BYTES;
  if (env === undefined || !/^\d+$/.test(env)) return PARALLEL_FROM;
  const n = Number(env);
  return n === 0 ? Infinity : n;
}

/** The byte after the first newline at or after `at`; undefined when there is none before the end. */
function lineStartAfter(fd: number, at: number, size: number): number | undefined {
  const probe = Buffer.allocUnsafe(1 << 16);
  for (let pos = at; pos < size; pos += probe.length) {
    const n = readSync(fd, probe, 0, probe.length, pos);
    const nl = probe.subarray(0, n).indexOf(10);
    if (nl >= 0) return pos + nl + 1 < size ? pos + nl + 1 : undefined;
  }
  return undefined;
}

function runWorker(job: RangeJob): Promise<WorkerReply> {
  return new Promise((ok, fail) => {
    const w = new Worker(WORKER, { workerData: job });
    w.once('message', (m: WorkerReply) => {
      ok(m);
      void w.terminate();
    });
    w.once('error', fail);
  });
}

export async function readBalanceParallel(file: string, options: ReadOptions = {}): Promise<BalanceRead> {
  const fd = openBalance(file);
  try {
    const p = readPrelude(fd, file);
    const from = threshold();
    const split =
      p.size - p.dataStart >= from && availableParallelism() >= 2
        ? lineStartAfter(fd, p.dataStart + Math.floor((p.size - p.dataStart) / 2), p.size)
        : undefined;
    if (split === undefined) {
      const r = scanRange(fd, file, p.layout, p.dataStart, p.size, p.headerLines, options);
      return { file, bytes: p.size, lines: r.dataLines, header: p.layout.header, entities: r.entities, rejectedCount: r.rejectedCount, rejected: r.rejected, unattributed: r.unattributed };
    }
    // Started first so that its start-up overlaps this thread's parse.
    const second = runWorker({ file, layout: p.layout, start: split, end: p.size });
    // Keep a rejection from surfacing as unhandled while this thread is busy.
    second.catch(() => undefined);
    // Progress extrapolates this thread's half to the whole file: both halves advance at about the same pace.
    const share = (split - p.dataStart) / (p.size - p.dataStart);
    const onProgress = options.onProgress;
    const first = scanRange(fd, file, p.layout, p.dataStart, split, p.headerLines, {
      ...(onProgress ? { onProgress: (lines: number, bytes: number) => onProgress(Math.round(lines / share), Math.round(bytes / share)) } : {}),
    });
    const reply = await second;
    const base = first.lineNo;
    if (!reply.ok) {
      if ('problems' in reply) throw new InputError(reply.problems.map((q) => (q.line !== undefined ? { ...q, line: q.line + base } : q)));
      throw new Error(`balance worker failed: ${reply.message}`);
    }
    const byKey = new Map(first.entities.map((e) => [e.key, e]));
    const entities = [...first.entities];
    for (const { totals, ...w } of reply.entities) {
      const sums = sumsFromTotals(totals);
      const g = byKey.get(w.key);
      if (g) {
        g.sums.merge(sums);
        g.lines += w.lines;
        g.rejected += w.rejected;
      } else {
        const e: EntitySums = { ...w, firstLine: w.firstLine + base, sums };
        byKey.set(e.key, e);
        entities.push(e);
      }
    }
    return {
      file,
      bytes: p.size,
      lines: first.dataLines + reply.dataLines,
      header: p.layout.header,
      entities,
      rejectedCount: first.rejectedCount + reply.rejectedCount,
      rejected: [...first.rejected, ...reply.rejected.map((q) => ({ ...q, line: (q.line ?? 0) + base }))].slice(0, MAX_LISTED),
      unattributed: first.unattributed + reply.unattributed,
    };
  } finally {
    closeSync(fd);
  }
}
