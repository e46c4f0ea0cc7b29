// sha256 of a large input on a worker thread, so that provenance costs no time on the thread that parses.
import { Worker } from 'node:worker_threads';
import { sha256File } from '../hash.js';

/** Below this size a worker's start-up costs more than hashing in place. */
const WORKER_FROM = 32 << 20;

/**
 * The worker waits this long before it hashes. The two vCPUs of the machines measured behave like one core's two
 * threads: any busy second thread slows the parser by 15–30 %, and most of all in its first 200 ms, while V8 compiles
 * the hot loop in the background. Hashing 80–150 MB takes 80–150 ms there, so a late start still ends long before the
 * parse does (1 M-row ledger, 7 alternated rounds: 0,61 s median at once, 0,58 s after 100 ms, 0,57 after 200 ms, 0,65
 * after 400 ms).
 */
const START_AFTER_MS = 150;

const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
setTimeout(() => {
  const h = createHash('sha256');
  const fd = fs.openSync(workerData.path, 'r');
  const b = Buffer.allocUnsafe(1 << 16);
  let n;
  while ((n = fs.readSync(fd, b, 0, b.length, null)) > 0) h.update(b.subarray(0, n));
  fs.closeSync(fd);
  parentPort.postMessage(h.digest('hex'));
}, workerData.delay);
`;

export function sha256Concurrent(path: string, size: number, startAfterMs = START_AFTER_MS): Promise<string> {
  if (size < WORKER_FROM) return sha256File(path);
  return new Promise((ok, fail) => {
    const w = new Worker(CODE, { eval: true, workerData: { path, delay: startAfterMs } });
    w.once('message', (hex: string) => {
      ok(hex);
      void w.terminate();
    });
    w.once('error', fail);
  });
}
