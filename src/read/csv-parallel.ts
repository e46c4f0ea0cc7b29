// A large ledger CSV on two threads: where to cut it (after the header, at a newline near the middle) and the worker that folds the second half.
import { availableParallelism } from 'node:os';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LedgerRow } from '../model/ledger.js';
import { PACKAGE_ROOT } from '../paths.js';
import { scanRecords } from './csv-records.js';
import type { DecimalEvidence, DecimalMark } from './dialect/amount.js';
import { HEADER_MIN_SCORE, headerScore, type ColumnMap } from './header-map.js';
import type { PlanSpec } from './reader.js';

/**
 * Off by default. Measured on the 2-core machine of the benchmark (docs/performance.md), quiet: 0.763 s on two
 * threads against 0.764 s on one for the 1 M-row ledger, 20 MB more. The fold is bound by memory latency (the Bloom
 * filter's one miss a row, the bytes streamed), and two threads plus the sha256 one share the cache and the memory
 * bandwidth: a random-access loop there runs 1.8× slower beside a copy of itself, an arithmetic loop not at all.
 * SITIV_CA_LEDGER_PARALLEL_MIN_BYTES=N turns it on for files of N bytes or more (tests force it on small files;
 * machines with more cores or more memory bandwidth; 8388608 is the size from which the worker's start-up, about
 * 70 ms, is worth it); 0 turns it off.
 */
const PARALLEL_FROM = Infinity;

/** The share of the file this thread folds: a little more than half, the worker starting about 70 ms later. */
export const FIRST_SHARE = 0.57;

/** Tsc's copy of the worker, found from the package root (this module may run from dist/ or from the bundle). */
const WORKER = new URL('dist/read/csv-fold-worker.js', PACKAGE_ROOT);

/** What the main thread's reader knows that the worker needs to read the second half the same way (all serialisable). */
export interface ParallelSource {
  /** The chunks are the file's bytes from this offset (past a BOM). */
  offset: number;
  plan: PlanSpec;
  settledBy?: DecimalEvidence;
}

/** The worker's job. */
export interface FoldJob {
  path: string;
  start: number;
  end: number;
  header: string[];
  displayName: string;
  delimiter: string;
  decimal?: DecimalMark;
  settledBy?: DecimalEvidence;
  columns?: ColumnMap;
  budgets?: string[];
  plan: PlanSpec;
}

/** What a segment of the file folded into, as structured-clonable data (csv-ledger.ts makes and absorbs it). */
export interface SegmentFold {
  /** Per combination: normalised key, base row (libellé when taken), first line, line count, flags, 4 sums and 4 big parts. */
  keys: string[];
  rows: LedgerRow[];
  firstLine: Int32Array;
  lines: Int32Array;
  flags: Uint8Array;
  sums: Float64Array;
  big: bigint[];
  blankRows: number;
  dataRows: number;
  inchLines: number[];
  restorations: [string, number][];
}

/** Where a pass starts when it is a segment of the file after the header (the worker's half): the header given. */
export interface SegmentStart {
  header: string[];
}

export type FoldReply =
  | {
      ok: true;
      seg: SegmentFold;
      problems: number;
      folding: boolean;
      unfolded: number;
      /** Every folded row's 64-bit fingerprint, in pairs of int32, `count` of them used. */
      fingerprints: Int32Array;
      count: number;
    }
  | { ok: false; message: string };

/** How many reads took the two-thread result (internal: tests prove the path they compare was taken). */
export const parallelTaken = { count: 0 };

/** The size from which a file is read on two threads. */
function threshold(): number {
  const env = process.env.SITIV_CA_LEDGER_PARALLEL_MIN_BYTES;
  if (env === undefined || !/^\d+$/.test(env)) return PARALLEL_FROM;
  const n = Number(env);
  return n === 0 ? Infinity : n;
}


/** The header cells of a ledger whose header is within its first 64 KiB, read as the reader reads it; undefined otherwise. */
function headerOf(fd: number, offset: number, delimiter: string, columns: ColumnMap | undefined): string[] | undefined {
  const b = Buffer.allocUnsafe(1 << 16);
  const n = readSync(fd, b, 0, b.length, offset);
  const nl = b.subarray(0, n).lastIndexOf(10);
  if (nl < 0) return undefined;
  let header: string[] | undefined;
  let before = 0;
  scanRecords([b.subarray(0, nl + 1)], delimiter, (r) => {
    if (r.blank()) return;
    const cells = r.texts().map((x) => x.trim());
    if (headerScore(cells, columns) >= HEADER_MIN_SCORE) {
      header = cells;
      return false;
    }
    // The reader then takes the first row for the header: not a case worth two threads.
    return ++before < 50;
  });
  return header;
}

/** The byte after the first newline at or after `at`, or undefined when there is none before the end. */
function lineStartAfter(fd: number, at: number, size: number): number | undefined {
  const probe = Buffer.allocUnsafe(1 << 16);
  for (let pos = at; pos < size; pos += probe.length) {
    const n = readSync(fd, probe, 0, probe.length, pos);
    if (n <= 0) return undefined;
    const nl = probe.subarray(0, n).indexOf(10);
    if (nl >= 0) return pos + nl + 1 < size ? pos + nl + 1 : undefined;
  }
  return undefined;
}

/** Whether a large file may be read on two threads here (the reader then checks its encoding before, not as it reads). */
export function twoThreadsWanted(): boolean {
  return threshold() !== Infinity && availableParallelism() >= 2;
}

/** Where to cut a file for two threads, and its header; undefined when it is read on one (small, one core, no worker). */
export function planHalves(path: string, offset: number, delimiter: string, columns: ColumnMap | undefined): { header: string[]; cut: number; size: number } | undefined {
  const from = threshold();
  if (from === Infinity || availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER))) return undefined;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size - offset < from) return undefined;
    const header = headerOf(fd, offset, delimiter, columns);
    if (!header) return undefined;
    // Past the first 64 KiB, where the header is.
    const at = Math.max(offset + (1 << 16), offset + Math.floor((size - offset) * FIRST_SHARE));
    const cut = lineStartAfter(fd, at, size);
    return cut === undefined ? undefined : { header, cut, size };
  } finally {
    closeSync(fd);
  }
}

/** Starts the worker on its half; the reply carries its figures and fingerprints, or why it failed. */
export function foldOnWorker(job: FoldJob): Promise<FoldReply> {
  return new Promise((ok) => {
    const w = new Worker(WORKER, { workerData: job });
    w.once('message', (m: FoldReply) => {
      ok(m);
      void w.terminate();
    });
    w.once('error', (e) => ok({ ok: false, message: String(e) }));
    w.once('exit', (code) => ok({ ok: false, message: `worker exited ${code}` }));
  });
}
