// sha256 of a large input on a worker thread, so that provenance costs no time on the thread that parses.
import { Worker } from 'node:worker_threads';
import { sha256File } from '../hash.js';

/** Below this size a worker's start-up costs more than hashing in place. */
const WORKER_FROM = 32 << 20;

const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const h = createHash('sha256');
const fd = fs.openSync(workerData, 'r');
const b = Buffer.allocUnsafe(1 << 16);
let n;
while ((n = fs.readSync(fd, b, 0, b.length, null)) > 0) h.update(b.subarray(0, n));
fs.closeSync(fd);
parentPort.postMessage(h.digest('hex'));
`;

export function sha256Concurrent(path: string, size: number): Promise<string> {
  if (size < WORKER_FROM) return sha256File(path);
  return new Promise((ok, fail) => {
    const w = new Worker(CODE, { eval: true, workerData: path });
    w.once('message', (hex: string) => {
      ok(hex);
      void w.terminate();
    });
    w.once('error', fail);
  });
}
