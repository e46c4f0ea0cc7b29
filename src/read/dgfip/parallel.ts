// Large balances on two threads (opt-in): this thread folds the first half while a worker folds the second, then the halves merge.
import { availableParallelism } from 'node:os';
import { closeSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InputError, type InputProblem } from '../../errors.js';
import { MAX_LISTED, openBalance, readPrelude, scanRange, type RangeRead, type ReadOptions } from './reader.js';
import type { Layout } from './columns.js';
import { EntityTable, balanceReadOf, type BalanceRead } from '../../model/balance.js';

/**
 * Off by default: measured on the 2-core machine of the benchmark, shared with other jobs, the worker's start-up (a
 * fresh isolate, modules, plan, a cold JIT) and the competition with the sha256 thread cost more than the
 * split saved (see docs/dgfip.md). SITIV_CA_PARALLEL_MIN_BYTES=N turns it on for files of N bytes or more (tests,
 * idle multi-core machines).
 */
export const PARALLEL_FROM = Infinity;

/** What the worker is given: the range to fold and how (it imports the classifier itself: functions do not cross threads). */
export interface RangeJob {
  file: string;
  layout: Layout;
  start: number;
  end: number;
}

export interface ParallelOptions extends ReadOptions {
  /** The worker script that folds the second half (cli/balance-worker.ts); without one the file is read on this thread. */
  worker?: URL;
}

type WorkerReply =
  | (RangeRead & { ok: true })
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

function runWorker(worker: URL, job: RangeJob): Promise<WorkerReply> {
  return new Promise((ok, fail) => {
    const w = new Worker(worker, { workerData: job });
    w.once('message', (m: WorkerReply) => {
      ok(m);
      void w.terminate();
    });
    w.once('error', fail);
  });
}

export async function readBalanceParallel(file: string, options: ParallelOptions): Promise<BalanceRead> {
  const fd = openBalance(file);
  try {
    const p = readPrelude(fd, file);
    const from = threshold();
    const split =
      options.worker && p.size - p.dataStart >= from && availableParallelism() >= 2
        ? lineStartAfter(fd, p.dataStart + Math.floor((p.size - p.dataStart) / 2), p.size)
        : undefined;
    if (split === undefined) {
      const r = scanRange(fd, file, p.layout, p.dataStart, p.size, p.headerLines, options);
      return balanceReadOf({ file, bytes: p.size, lines: r.dataLines, header: p.layout.header, table: r.table, rejectedCount: r.rejectedCount, rejected: r.rejected, unattributed: r.unattributed });
    }
    // Started first so that its start-up overlaps this thread's parse.
    const second = runWorker(options.worker!, { file, layout: p.layout, start: split, end: p.size });
    // Keep a rejection from surfacing as unhandled while this thread is busy.
    second.catch(() => undefined);
    // Progress extrapolates this thread's half to the whole file: both halves advance at about the same pace.
    const share = (split - p.dataStart) / (p.size - p.dataStart);
    const onProgress = options.onProgress;
    const first = scanRange(fd, file, p.layout, p.dataStart, split, p.headerLines, {
      classify: options.classify,
      ...(onProgress ? { onProgress: (lines: number, bytes: number) => onProgress(Math.round(lines / share), Math.round(bytes / share)) } : {}),
    });
    const reply = await second;
    const base = first.lineNo;
    if (!reply.ok) {
      if ('problems' in reply) throw new InputError(reply.problems.map((q) => (q.line !== undefined ? { ...q, line: q.line + base } : q)));
      throw new Error(`balance worker failed: ${reply.message}`);
    }
    first.table.merge(EntityTable.revive(reply.table), base);
    return balanceReadOf({
      file,
      bytes: p.size,
      lines: first.dataLines + reply.dataLines,
      header: p.layout.header,
      table: first.table,
      rejectedCount: first.rejectedCount + reply.rejectedCount,
      rejected: [...first.rejected, ...reply.rejected.map((q) => ({ ...q, line: (q.line ?? 0) + base }))].slice(0, MAX_LISTED),
      unattributed: first.unattributed + reply.unattributed,
    });
  } finally {
    closeSync(fd);
  }
}
