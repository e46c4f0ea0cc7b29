// The ledger-path bench (issue 18): compute, check and diff on seeded 100 k and 1 M-row ledgers against DuckDB's exact DECIMAL group-by of the same file and the read floor.
// Run alone: node scripts/bench/ledger.mjs [--runs 5] [--rows 1000000] [--keep]; from scripts/bench.mjs: benchLedger({ runs }).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duckdbArgs, duckdbAvailable } from './duckdb.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sitiv-ca.js');
const TIME = '/usr/bin/time';
const TARGETS = { duckdbRatio: 1, rssMB: 200, checkRatio: 1.3, diffRatio: 2.5, flat: 1.1 };

/** The floor: Node merely reading the file (1 MiB reads, newlines counted by memchr), start-up included. */
const FLOOR = `
const fs = require('node:fs');
let n = 0;
fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (b) => { for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++; })
  .on('end', () => process.stdout.write(String(n)));
`;
const COMBINATIONS = 4000;

/** Park–Miller: the same ledger for the same seed on every machine. */
function rng(seed) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** The real (account, chapter) flows of the M57 2022 plan that a ledger line may carry, COMBINATIONS of them picked by seed. */
async function combinations(seed) {
  const { resolvePlan } = await import(join(ROOT, 'dist/nomenclature/plan.js'));
  const plan = resolvePlan('M57', 2022);
  const all = [];
  for (const code of plan.accountCodes()) {
    const a = plan.account(code);
    for (const [flow, sens] of [['DR', 'D'], ['RR', 'R']]) {
      const chap = a.chapters[flow];
      const c = chap && plan.chapter(chap);
      if (c && c.code === chap && c.kind === 'reel' && !c.special && c.sens.includes(sens)) all.push({ section: c.section, sens, chapitre: chap, compte: code });
    }
  }
  const r = rng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  // The plan has fewer real, non-special flows than COMBINATIONS: all of them then.
  return all.slice(0, COMBINATIONS);
}

const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle\n';

/** A ledger of `rows` lines in the project's format (about 80 bytes a line); `bump` changes one amount in 97 (the diff's new side). */
export async function writeLedger(file, { rows, seed, bump = false }) {
  const combos = await combinations(seed);
  const r = rng(seed + 1);
  const combinationCount = combos.length;
  const fd = openSync(file, 'w');
  let bytes = 0;
  let chunk = HEADER;
  for (let i = 0; i < rows; i++) {
    const c = combos[Math.floor(r() * combos.length)];
    let cents = Math.floor(r() * 10_000_000);
    if (bump && i % 97 === 0) cents += 100;
    const rar = c.section === 'I' ? Math.floor(r() * 100_000) : 0;
    const amount = (v) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
    chunk += `principal,2022,${c.section},${c.sens},${c.chapitre},${c.compte},reel,${amount(cents)},${amount(rar)},${String(i % 900).padStart(3, '0')},${i},Ligne budgétaire ${i % 5000}\n`;
    if (chunk.length > 1 << 16) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  }
  bytes += writeSync(fd, chunk);
  closeSync(fd);
  return { bytes, combinations: combinationCount };
}

/** A one-budget folder holding `l.csv`. */
function folderFor(dir, name) {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', budgets: [{ id: 'principal', label: 'Budget principal' }], ledgers: ['l.csv'] }));
  return folder;
}

const hasTime = existsSync(TIME);

/** One child run: wall seconds and peak RSS (MB, from /usr/bin/time); `ok` lists the exit codes that mean the job was done. */
function timed(args, dir, ok = [0], env = process.env) {
  const statsFile = join(dir, 'time.txt');
  const cmd = hasTime ? TIME : process.execPath;
  const full = hasTime ? ['-f', '%M', '-o', statsFile, process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!ok.includes(r.status)) throw new Error(`${args.slice(0, 3).join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  const rssMB = hasTime ? Number(readFileSync(statsFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { wall, rssMB, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const mark = (ok) => (ok ? 'ok  ' : 'MISS');

const duckSql = (file) =>
  `SELECT section, sens, chapitre, compte, nature, sum(realise) AS realise, sum(rar) AS rar, count(*) AS n FROM read_csv('${file}', header = true, delim = ',', quote = '"', columns = {'budget': 'VARCHAR', 'exercice': 'INTEGER', 'section': 'VARCHAR', 'sens': 'VARCHAR', 'chapitre': 'VARCHAR', 'compte': 'VARCHAR', 'nature': 'VARCHAR', 'realise': 'DECIMAL(18,2)', 'rar': 'DECIMAL(18,2)', 'fonction': 'VARCHAR', 'operation': 'VARCHAR', 'libelle': 'VARCHAR'}) GROUP BY ALL`;

/** Our figure and DuckDB's for the same file must agree to the cent, or the timing means nothing. */
function agree(duckRows, computeJson) {
  let fd = 0n;
  for (const [section, sens, , , , realise] of duckRows) if (section === 'F' && sens === 'D') fd += BigInt(realise.replace('.', ''));
  const ours = JSON.parse(computeJson).figures['principal.2022.execution.fonctionnement-exercice.depenses'];
  const theirs = `${fd / 100n}.${String(fd % 100n).padStart(2, '0')}`;
  return { ok: ours === theirs, ours, theirs };
}

export async function benchLedger({ runs = 5, rows = 1_000_000, keep = false, seed = 2026 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-bench-ledger-'));
  const duck = await duckdbAvailable();
  try {
    console.log(`\nledger bench: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}${process.env.SITIV_CA_LEDGER_PARALLEL_MIN_BYTES !== undefined ? `, SITIV_CA_LEDGER_PARALLEL_MIN_BYTES=${process.env.SITIV_CA_LEDGER_PARALLEL_MIN_BYTES}` : ''}; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other jobs; Node ${process.version}; medians of ${runs} interleaved rounds; seed ${seed}; DuckDB ${duck ? '2 threads' : 'not installed'}`);
    const small = Math.round(rows / 10);
    const files = {};
    for (const [name, n, bump] of [['small', small, false], ['old', rows, false], ['new', rows, true]]) {
      const folder = folderFor(dir, name);
      const file = join(folder, 'l.csv');
      const { bytes, combinations: combos } = await writeLedger(file, { rows: n, seed, bump });
      files[name] = { file, rows: n, bytes, folder, combos };
    }
    console.log(`generated ${fmt(rows)} rows, ${fmt(files.old.bytes / 1e6, 1)} MB (${fmt(files.old.bytes / rows)} bytes/row, ${files.old.combos} combinations of the M57 plan) and ${fmt(small)} rows`);
    const t = { floor: [], duck: [], compute: [], one: [], check: [], diff: [], small: [], rss: { compute: [], one: [], check: [], diff: [], small: [], duck: [] } };
    // With SITIV_CA_LEDGER_PARALLEL_MIN_BYTES set (two threads, off by default: read/csv-parallel.ts), the same compute
    // on one thread in the same rounds: what the second thread buys.
    const twoThreads = /^[1-9]\d*$/.test(process.env.SITIV_CA_LEDGER_PARALLEL_MIN_BYTES ?? '');
    const oneThread = { ...process.env, SITIV_CA_LEDGER_PARALLEL_MIN_BYTES: '0' };
    let agreement;
    for (let i = 0; i < runs; i++) {
      // Interleaved, so that a busy neighbour slows every contender alike.
      t.floor.push(timed(['-e', FLOOR, files.old.file], dir).wall);
      if (duck) {
        const d = timed(duckdbArgs(duckSql(files.old.file), 2), dir);
        t.duck.push(d.wall);
        t.rss.duck.push(d.rssMB);
        if (i === 0) agreement = JSON.parse(String(d.stdout));
      }
      const c = timed([BIN, 'compute', files.old.folder, '--format', 'json'], dir);
      t.compute.push(c.wall);
      t.rss.compute.push(c.rssMB);
      if (i === 0 && agreement) agreement = agree(agreement, String(c.stdout));
      if (twoThreads) {
        const o = timed([BIN, 'compute', files.old.folder, '--format', 'json'], dir, [0], oneThread);
        t.one.push(o.wall);
        t.rss.one.push(o.rssMB);
        if (i === 0 && String(o.stdout) !== String(c.stdout)) throw new Error('compute on one thread and on two gave different output');
      }
      const k = timed([BIN, 'check', files.old.folder, '--format', 'json'], dir, [0, 1]);
      t.check.push(k.wall);
      t.rss.check.push(k.rssMB);
      const d = timed([BIN, 'diff', files.old.file, files.new.file, '--format', 'json'], dir, [0, 1]);
      t.diff.push(d.wall);
      t.rss.diff.push(d.rssMB);
      const s = timed([BIN, 'compute', files.small.folder, '--format', 'json'], dir);
      t.small.push(s.wall);
      t.rss.small.push(s.rssMB);
    }
    const m = Object.fromEntries(['floor', 'duck', 'compute', 'one', 'check', 'diff', 'small'].map((k) => [k, median(t[k])]));
    const rss = Object.fromEntries(Object.entries(t.rss).map(([k, v]) => [k, v.length > 0 ? Math.max(...v) : NaN]));
    const line = (name, s, n, r, extra = '') => console.log(`${name.padEnd(26)} | ${fmt(s, 3).padStart(7)} s | ${fmt(n / s).padStart(11)} rows/s | ${fmt(r).padStart(6)} MB${extra}`);
    console.log('');
    console.log('run                        |  median   |      rows/s      | peak RSS');
    line(`read floor ${fmt(rows)}`, m.floor, rows, NaN);
    if (duck) line(`DuckDB group-by ${fmt(rows)}`, m.duck, rows, rss.duck);
    line(`compute ${fmt(rows)}`, m.compute, rows, rss.compute, `  (${duck ? `${fmt(m.duck / m.compute, 2)}× DuckDB, ` : ''}${fmt(m.floor / m.compute, 2)}× the floor)`);
    if (twoThreads) line(`compute ${fmt(rows)}, 1 thread`, m.one, rows, rss.one, `  (${duck ? `${fmt(m.duck / m.one, 2)}× DuckDB, ` : ''}${fmt(m.one / m.compute, 2)}× the default)`);
    line(`compute ${fmt(small)}`, m.small, small, rss.small);
    line(`check ${fmt(rows)}`, m.check, rows, rss.check, `  (${fmt(m.check / m.compute, 2)}× compute)`);
    line(`diff 2 × ${fmt(rows)}`, m.diff, 2 * rows, rss.diff, `  (${fmt(m.diff / m.compute, 2)}× compute)`);
    if (agreement) console.log(`${mark(agreement.ok)} same figure as DuckDB (dépenses de fonctionnement): ours ${agreement.ours}, DuckDB ${agreement.theirs}`);
    if (duck) console.log(`${mark(m.compute <= m.duck * TARGETS.duckdbRatio)} compute at least as fast as DuckDB: ${fmt(m.duck / m.compute, 2)}× (${fmt(rows / m.compute)} rows/s; the read floor ${fmt(rows / m.floor)} rows/s)`);
    const peak = Math.max(rss.compute, rss.small, rss.check);
    console.log(`${mark(peak <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB: compute ${fmt(rss.small)} MB at ${fmt(small)} rows, ${fmt(rss.compute)} MB at ${fmt(rows)}; check ${fmt(rss.check)} MB`);
    console.log(`${mark(rss.compute <= rss.small * TARGETS.flat)} RSS flat from ${fmt(small)} to ${fmt(rows)} rows (within ${fmt((TARGETS.flat - 1) * 100)} %): ${fmt(rss.small)} → ${fmt(rss.compute)} MB`);
    console.log(`${mark(m.check <= m.compute * TARGETS.checkRatio)} check within ${TARGETS.checkRatio}× compute: ${fmt(m.check / m.compute, 2)}×`);
    console.log(`${mark(m.diff <= m.compute * TARGETS.diffRatio)} diff of two ${fmt(rows)}-row files within ${TARGETS.diffRatio}× compute: ${fmt(m.diff / m.compute, 2)}×, ${fmt(rss.diff)} MB (${fmt(rss.compute)} MB for one compute)`);
    if (!hasTime) console.log('(peak RSS not measured: /usr/bin/time is missing)');
    return { medians: m, rss, agreement };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await benchLedger({ runs: arg('--runs', 5), rows: arg('--rows', 1_000_000), keep: process.argv.includes('--keep') });
}

