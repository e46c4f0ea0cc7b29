#!/usr/bin/env node
// Entry point: runs the bundled CLI (npm run build makes dist/ with tsc, then dist/bundle/ with esbuild) from V8's code
// cache of it when there is one: start-up then skips compiling what the usual commands run (docs/performance.md).
import { fstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const url = new URL('../dist/bundle/main.cjs', import.meta.url);
const file = fileURLToPath(url);
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a build without it): compiled as usual.
}
const script = new Script(`(function (exports, require, module, __filename, __dirname, __sitivUrl) {${readFileSync(file, 'utf8')}\n})`, {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
});
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, fileURLToPath(new URL('.', url)), url.href);
const code = await bundle.exports.main(process.argv.slice(2));
if (process.env.SITIV_WRITE_CODE_CACHE === '1') {
  // Asked by scripts/bundle.mjs only: a run never writes into the package otherwise.
  writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
  renameSync(`${cacheFile}.tmp`, cacheFile);
}
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
