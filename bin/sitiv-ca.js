#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm run build makes dist/).
import { fstatSync } from 'node:fs';
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
// Writes to a file (and, on Linux, to a terminal or /dev/null) are complete once main returns, so exit at once: letting
// the event loop drain only waits ≈ 20 ms for the module loader's last file handles to close. Writes to a pipe or a
// socket may still sit in libuv's queue, and process.exit would drop them (test/exit-flush.test.ts): there, the
// event loop finishes them.
const settled = [1, 2].every((fd) => {
  try {
    const s = fstatSync(fd);
    return s.isFile() || (s.isCharacterDevice() && process.platform === 'linux');
  } catch {
    return false;
  }
});
if (settled) process.exit(code);
process.exitCode = code;
