// `npm run bench`: `compute --by entity` on national-scale synthetic DGFiP balances against the raw read floor, and the start-up of `compute`.
// Usage: node scripts/bench.mjs [--lines 1000000] [--big 5000000 | --no-big] [--runs 5] [--keep]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLUMNS, writeBalance } from './gen-balance.mjs';
import { duckdbArgs, duckdbAvailable } from './bench/duckdb.mjs';

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

const TARGETS = { linesPerSec: 1_200_000, floorRatio: 0.3, rssMB: 200, startupRatio: 2.2, duckdbRatio: 1.5 };
const DUCK = await duckdbAvailable();

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

/**
 * DuckDB's exact DECIMAL group-by of the same balance, 2 threads: per entity (EXER, IDENT, CBUDG) the real and
 * order flows of each section (classes 6 and 7 fonctionnement, the rest investissement) and the closing encours of
 * the 16 accounts: the same reading, parsing and folding work as compute --by entity, its figures compared below.
 */
const AMOUNTS = ['BEDEB', 'BECRE', 'OBNETDEB', 'OBNETCRE', 'ONBDEB', 'ONBCRE', 'OOBDEB', 'OOBCRE', 'SD', 'SC'];
const duckSql = (file) => {
  const cols = COLUMNS.map((c) => `'${c}': '${AMOUNTS.includes(c) ? 'DECIMAL(18,2)' : 'VARCHAR'}'`).join(', ');
  const f = "left(COMPTE, 1) IN ('6', '7')";
  return `SELECT EXER, IDENT, CBUDG,
    sum(CASE WHEN ${f} THEN OBNETDEB - OOBDEB ELSE 0 END) AS fd_reel, sum(CASE WHEN ${f} THEN OOBDEB ELSE 0 END) AS fd_ordre,
    sum(CASE WHEN ${f} THEN OBNETCRE - OOBCRE ELSE 0 END) AS fr_reel, sum(CASE WHEN ${f} THEN OOBCRE ELSE 0 END) AS fr_ordre,
    sum(CASE WHEN NOT ${f} THEN OBNETDEB - OOBDEB ELSE 0 END) AS id_reel, sum(CASE WHEN NOT ${f} THEN OOBDEB ELSE 0 END) AS id_ordre,
    sum(CASE WHEN NOT ${f} THEN OBNETCRE - OOBCRE ELSE 0 END) AS ir_reel, sum(CASE WHEN NOT ${f} THEN OOBCRE ELSE 0 END) AS ir_ordre,
    sum(CASE WHEN left(COMPTE, 2) = '16' THEN SC - SD ELSE 0 END) AS encours, count(*) AS n
    FROM read_csv('${file}', header = true, delim = ';', quote = '"', columns = {${cols}}) GROUP BY ALL`;
};

/** Σ fd_reel of DuckDB's rows against Σ depensesReellesFonctionnement of our CSV: the same cents, or the timing means nothing. */
function agreement(duckJson, ourCsv) {
  let theirs = 0n;
  for (const r of JSON.parse(duckJson)) theirs += BigInt(String(r[3]).replace('.', ''));
  const lines = readFileSync(ourCsv, 'utf8').split('\n');
  const col = lines[0].split(',').indexOf('depensesReellesFonctionnement');
  let ours = 0n;
  for (const l of lines.slice(1)) {
    if (!l || l.startsWith('#')) continue;
    // Our amounts are plain decimals; the LBUDG before them may be quoted with commas: count from the end.
    const cells = l.split(',');
    const v = cells[cells.length - (lines[0].split(',').length - col)];
    ours += BigInt(v.replace('.', ''));
  }
  return { ok: ours === theirs, ours, theirs };
}

function measureFile(file, lines, bytes, dir) {
  const floor = [];
  const comp = [];
  const rss = [];
  const duck = [];
  let agree;
  // Alternate them so that a noisy neighbour hits all alike.
  for (let i = 0; i < RUNS; i++) {
    floor.push(timed(['-e', FLOOR, file], null, dir).wall);
    const c = timed([BIN, 'compute', file, '--by', 'entity'], join(dir, 'out.csv'), dir);
    comp.push(c.wall);
    rss.push(c.rssMB);
    if (DUCK) {
      duck.push(timed(duckdbArgs(duckSql(file), 2), join(dir, 'duck.json'), dir).wall);
      if (i === 0) agree = agreement(readFileSync(join(dir, 'duck.json'), 'utf8'), join(dir, 'out.csv'));
    }
  }
  const f = median(floor);
  const c = median(comp);
  const d = DUCK ? median(duck) : NaN;
  return {
    duckS: d,
    duckRatio: d / c,
    agree,
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
  // The national shape (20–300 lines an entity, ~6 000 entities a million lines), the same lines over 100 000
  // entities (5–15 lines each: what an entity costs), and the big file when asked.
  const cases = [
    { lines: LINES, label: 'national' },
    { lines: LINES, label: '100k entities', perEntity: [5, 15] },
    ...(BIG > LINES ? [{ lines: BIG, label: 'national' }] : []),
  ];
  const results = [];
  for (const k of cases) {
    const file = join(dir, `balance-${k.lines}.csv`);
    const t0 = Date.now();
    const { bytes } = writeBalance(file, { lines: k.lines, seed: SEED, ...(k.perEntity ? { perEntity: k.perEntity } : {}) });
    const r = measureFile(file, k.lines, bytes, dir);
    r.label = k.label;
    r.entities = readFileSync(join(dir, 'out.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).length - 1;
    console.log(`generated ${fmt(k.lines)} lines, ${fmt(r.entities)} entities, ${fmt(bytes / 1e6, 1)} MB (${fmt(bytes / k.lines, 0)} bytes/line) in ${fmt((Date.now() - t0) / 1000, 1)} s (with its runs)`);
    results.push(r);
    rmSync(file, { force: true });
  }
  const st = measureStartup(dir);

  console.log('');
  console.log('lines       | entities | floor MB/s | compute lines/s | compute MB/s | × floor | DuckDB s | × DuckDB | peak RSS MB');
  for (const r of results) {
    console.log(
      `${fmt(r.lines).padEnd(11)} | ${fmt(r.entities).padStart(8)} | ${fmt(r.floorMBps).padStart(10)} | ${fmt(r.computeLps).padStart(15)} | ${fmt(r.computeMBps).padStart(12)} | ${fmt(r.ratio, 2).padStart(7)} | ${fmt(r.duckS, 2).padStart(8)} | ${fmt(r.duckRatio, 2).padStart(8)} | ${fmt(r.rssMax).padStart(11)}`,
    );
  }
  for (const r of results) {
    if (r.agree) console.log(`figures (${r.label}): Σ real dépenses de fonctionnement ours ${r.agree.ours} cents, DuckDB ${r.agree.theirs}: ${r.agree.ok ? 'equal' : 'DIFFERENT'}`);
  }
  console.log(`start-up (${STARTUP_RUNS} alternated pairs): compute fixtures/sitiv-2022 ${fmt(st.computeS * 1000)} ms, node -e 0 ${fmt(st.nodeS * 1000)} ms, median ratio ${fmt(st.ratio, 2)}`);
  console.log('');
  const first = results[0];
  const many = results[1];
  console.log(`${mark(first.computeLps >= TARGETS.linesPerSec)} ≥ ${fmt(TARGETS.linesPerSec)} lines/s on ${fmt(first.lines)} lines: ${fmt(first.computeLps)}`);
  console.log(`${mark(first.ratio >= TARGETS.floorRatio)} ≥ ${TARGETS.floorRatio}× the floor: ${fmt(first.ratio, 2)}×`);
  if (DUCK) console.log(`${mark(first.duckRatio >= TARGETS.duckdbRatio)} ≥ ${TARGETS.duckdbRatio}× DuckDB (2 threads) on ${fmt(first.lines)} lines: ${fmt(first.duckRatio, 2)}× (${fmt(first.computeS, 2)} s against ${fmt(first.duckS, 2)} s)`);
  else console.log(`skip ≥ ${TARGETS.duckdbRatio}× DuckDB: @duckdb/node-api not installed`);
  const perEntity = ((many.rssMax - first.rssMax) * 1024 * 1024) / (many.entities - first.entities);
  console.log(`${mark(many.rssMax <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB at ${fmt(many.entities)} entities: ${fmt(many.rssMax)} MB (${fmt(first.rssMax)} MB at ${fmt(first.entities)}: about ${fmt(perEntity)} bytes an entity, output streamed)`);
  const peak = Math.max(...results.map((r) => r.rssMax));
  console.log(`${mark(peak <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB on every balance: ${fmt(peak)} MB`);
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
