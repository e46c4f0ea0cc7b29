// `npm run bench`: `compute --by entity` on national-scale synthetic DGFiP balances against the raw read floor, and the start-up of `compute`.
// Usage: node scripts/bench.mjs [--lines 1000000] [--big 5000000 | --no-big] [--runs 5] [--keep]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBalance } from './gen-balance.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sitiv-ca.js');
const TIME = '/usr/bin/time';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const LINES = arg('--lines', 1_000_000);
const BIG = process.argv.includes('--no-big') ? 0 : arg('--big', 5_000_000);
const RUNS = arg('--runs', 5);
const SEED = 2026;

const TARGETS = { linesPerSec: 1_200_000, floorRatio: 0.3, rssMB: 200, startupRatio: 2.2 };

/**
 * The floor: Node streams the same bytes with 1 MiB reads and counts the newlines with Buffer#indexOf (memchr), nothing
 * else: the fastest that a Node process can merely read the file, start-up included.
 */
const FLOOR = `
const fs = require('node:fs');
let n = 0;
fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (b) => { for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++; })
  .on('end', () => process.stdout.write(String(n)));
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const hasTime = existsSync(TIME);

/** One child run: wall seconds (measured here) and peak RSS in MB (from /usr/bin/time when present). */
function timed(args, outFile, dir) {
  const statsFile = join(dir, 'time.txt');
  const cmd = hasTime ? TIME : process.execPath;
  const full = hasTime ? ['-f', '%M', '-o', statsFile, process.execPath, ...args] : args;
  const out = outFile ? openSync(outFile, 'w') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: ROOT, stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof out === 'number') closeSync(out);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rssMB = hasTime ? Number(readFileSync(statsFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { wall, rssMB };
}

function measureFile(file, lines, bytes, dir) {
  const floor = [];
  const comp = [];
  const rss = [];
  // Alternate the two so that a noisy neighbour hits both alike.
  for (let i = 0; i < RUNS; i++) {
    floor.push(timed(['-e', FLOOR, file], null, dir).wall);
    const c = timed([BIN, 'compute', file, '--by', 'entity'], join(dir, 'out.csv'), dir);
    comp.push(c.wall);
    rss.push(c.rssMB);
  }
  const f = median(floor);
  const c = median(comp);
  return {
    lines,
    mb: bytes / 1e6,
    floorS: f,
    floorLps: lines / f,
    floorMBps: bytes / 1e6 / f,
    computeS: c,
    computeLps: lines / c,
    computeMBps: bytes / 1e6 / c,
    ratio: f / c,
    rssMB: median(rss),
    rssMax: Math.max(...rss),
  };
}

/**
 * Start-up runs are cheap, and this machine's speed drifts by tens of percent from one second to the next: more
 * runs than for the files, node -e 0 and compute alternated, and the ratio taken per pair before the median.
 */
const STARTUP_RUNS = Math.max(RUNS, 15);

function measureStartup(dir) {
  const node = [];
  const comp = [];
  const ratios = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const n = timed(['-e', '0'], null, dir).wall;
    const c = timed([BIN, 'compute', 'fixtures/sitiv-2022'], join(dir, 'out.txt'), dir).wall;
    node.push(n);
    comp.push(c);
    ratios.push(c / n);
  }
  return { nodeS: median(node), computeS: median(comp), ratio: median(ratios) };
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mark = (ok) => (ok ? 'ok  ' : 'MISS');

const dir = mkdtempSync(join(tmpdir(), 'sitiv-bench-'));
try {
  console.log(`sitiv-ca bench: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, medians of ${RUNS} runs, seed ${SEED}`);
  const sizes = [LINES, ...(BIG > LINES ? [BIG] : [])];
  const results = [];
  for (const lines of sizes) {
    const file = join(dir, `balance-${lines}.csv`);
    const t0 = Date.now();
    const { bytes } = writeBalance(file, { lines, seed: SEED });
    console.log(`generated ${fmt(lines)} lines, ${fmt(bytes / 1e6, 1)} MB (${fmt(bytes / lines, 0)} bytes/line) in ${fmt((Date.now() - t0) / 1000, 1)} s`);
    results.push(measureFile(file, lines, bytes, dir));
    rmSync(file, { force: true });
  }
  const st = measureStartup(dir);

  console.log('');
  console.log('lines       | floor lines/s | floor MB/s | compute lines/s | compute MB/s | × floor | peak RSS MB');
  for (const r of results) {
    console.log(
      `${fmt(r.lines).padEnd(11)} | ${fmt(r.floorLps).padStart(13)} | ${fmt(r.floorMBps).padStart(10)} | ${fmt(r.computeLps).padStart(15)} | ${fmt(r.computeMBps).padStart(12)} | ${fmt(r.ratio, 2).padStart(7)} | ${fmt(r.rssMB).padStart(11)}`,
    );
  }
  console.log(`start-up (${STARTUP_RUNS} alternated pairs): compute fixtures/sitiv-2022 ${fmt(st.computeS * 1000)} ms, node -e 0 ${fmt(st.nodeS * 1000)} ms, median ratio ${fmt(st.ratio, 2)}`);
  console.log('');
  const first = results[0];
  console.log(`${mark(first.computeLps >= TARGETS.linesPerSec)} ≥ ${fmt(TARGETS.linesPerSec)} lines/s on ${fmt(first.lines)} lines: ${fmt(first.computeLps)}`);
  console.log(`${mark(first.ratio >= TARGETS.floorRatio)} ≥ ${TARGETS.floorRatio}× the floor: ${fmt(first.ratio, 2)}×`);
  const peak = Math.max(...results.map((r) => r.rssMax));
  const flat = results.length > 1 ? `, ${fmt(results[0].rssMB)} → ${fmt(results.at(-1).rssMB)} MB from ${fmt(results[0].lines)} to ${fmt(results.at(-1).lines)} lines` : '';
  console.log(`${mark(peak <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB: ${fmt(peak)} MB${flat}`);
  console.log(`${mark(st.ratio <= TARGETS.startupRatio)} start-up ≤ ${TARGETS.startupRatio}× node -e 0: ${fmt(st.ratio, 2)}×`);
  if (!hasTime) console.log('(peak RSS not measured: /usr/bin/time is missing)');
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

// The ledger path (issue 18) against DuckDB: scripts/bench/ledger.mjs; --no-ledger skips it.
if (!process.argv.includes('--no-ledger')) await (await import('./bench/ledger.mjs')).benchLedger({ runs: RUNS });

// XLSX `convert` both ways (issue 18): scripts/bench/xlsx.mjs; --no-xlsx skips it.
if (!process.argv.includes('--no-xlsx')) await (await import('./bench/xlsx.mjs')).benchXlsx({ runs: RUNS });

// TOTEM XML against lxml, the XML depth and whitespace cases (issues 11, 18): scripts/bench/totem.mjs; --no-totem skips it.
if (!process.argv.includes('--no-totem')) await (await import('./bench/totem.mjs')).benchTotem({ runs: RUNS });
