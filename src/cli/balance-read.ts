// Reads a DGFiP balance for a command: the byte reader of read/dgfip, given the classifier of compute/balance and the worker of cli/.
import { classifyAccount } from '../compute/balance/classify.js';
import type { BalanceRead } from '../model/balance.js';
import { readBalanceParallel } from '../read/dgfip/parallel.js';
import { PACKAGE_ROOT } from '../paths.js';

// From the package root: this module may run from dist/ (tsc) or from a chunk of dist/bundle/, and the worker is tsc's.
const WORKER = new URL('dist/cli/balance-worker.js', PACKAGE_ROOT);

export function readBalanceFile(file: string, onProgress?: (lines: number, bytes: number) => void): Promise<BalanceRead> {
  return readBalanceParallel(file, { classify: classifyAccount, worker: WORKER, ...(onProgress ? { onProgress } : {}) });
}
