#!/usr/bin/env node
// Entry point: runs the bundled CLI (npm run build makes dist/ with tsc, then dist/bundle/ with esbuild).
import { fstatSync } from 'node:fs';
import { main } from '../dist/bundle/main.js';

const code = await main(process.argv.slice(2));
// Output is written and awaited inside main. Writes to files, and on Linux to terminals, pipes and sockets too, are
// synchronous, so exit at once: letting the event loop drain only waits ≈ 20 ms for the module loader's last file
// handles to close. Elsewhere a pipe or a terminal may still be flushing: there, the event loop finishes it.
const settled =
  process.platform === 'linux' ||
  [1, 2].every((fd) => {
    try {
      return fstatSync(fd).isFile();
    } catch {
      return false;
    }
  });
// A pipe whose reader is slower than us (`2>&1 | cat`) may still hold queued bytes: exiting then would cut them.
const drained = process.stdout.writableLength === 0 && process.stderr.writableLength === 0;
if (settled && drained) process.exit(code);
process.exitCode = code;
