// Bundles the compiled CLI (dist/ from tsc) into one file: dist/bundle/main.js (an ES module, what tests import) and
// dist/bundle/main.cjs (the same as a script, what bin/sitiv-ca.js runs with a V8 code cache, dist/bundle/main.cjs.cache).
// Modules imported on demand are still evaluated only when a command imports them; exceljs, saxes and echarts stay in
// node_modules (the code loads them inside the functions that need them).
// Measured, 25 alternated runs of `compute fixtures/sitiv-2022`: 0.92× the unbundled dist/ for a code-split bundle,
// about 0.95× that again for one file; the code cache about 0.85× that again (docs/performance.md, "Start-up").
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist/bundle`, { recursive: true, force: true });
const common = {
  entryPoints: [`${root}dist/cli/main.js`],
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'saxes', 'echarts'],
  logLevel: 'warning',
};
await build({
  ...common,
  outfile: `${root}dist/bundle/main.js`,
  format: 'esm',
  // CommonJS dependencies (commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __sitivRequire } from 'node:module'; const require = __sitivRequire(import.meta.url);" },
});
// A script, not a module: only a vm.Script takes a code cache on Node 20 (module.enableCompileCache is Node 22.1+).
// Dynamic imports become require() (no loader callback in a vm.Script), import.meta.url the file's URL, given by the bin.
await build({
  ...common,
  outfile: `${root}dist/bundle/main.cjs`,
  format: 'cjs',
  // Less source to read and scan at each start (names kept: messages and stack traces of bugs stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__sitivUrl' },
});
// The code cache: what V8 compiled for one `compute` of the bundled fixture (what start-up runs the most), written by
// the bin when asked. V8 refuses a cache of another Node version or flags: the bin then compiles as without one.
const r = spawnSync(process.execPath, [`${root}bin/sitiv-ca.js`, 'compute', `${root}fixtures/sitiv-2022`, '--format', 'json'], {
  cwd: root,
  env: { ...process.env, SITIV_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (r.status !== 0) throw new Error(`bundle: the code-cache run exited ${r.status}`);
