// The TOTEM XML bench (issues 18 and 11): compute on a seeded 100 MB TOTEM CA against Python lxml's iterparse summing the same MtReal, the saxes path alone (its figures compared with ours), the read floor; then 100 000 nested elements (depth limit) and a 200 MB file of whitespace.
// Run alone: node scripts/bench/totem.mjs [--runs 5] [--mb 100] [--keep]; from scripts/bench.mjs: benchTotem({ runs }).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sitiv-ca.js');
const TIME = '/usr/bin/time';
const SAMPLE = join(ROOT, 'test/data/samples/totem/crach-lotissement-ca-2021.xml');
const TARGETS = { lxmlRatio: 2, rssMB: 150 };
const hasTime = existsSync(TIME);

/** Park–Miller: the same document for the same seed. */
function rng(seed) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/**
 * A TOTEM CA of about `mb` MB: the sample's header and annexes around its account lines (001/002 left out) written
 * again and again with seeded MtReal amounts. Returns the bytes and the sum of every MtReal written, in cents.
 */
export function writeTotem(file, { mb = 100, seed = 2026 } = {}) {
  const text = readFileSync(SAMPLE, 'latin1');
  const first = text.indexOf('<LigneBudget');
  const last = text.lastIndexOf('</LigneBudget>') + '</LigneBudget>'.length;
  const blocks = [...text.slice(first, last).matchAll(/<LigneBudget>[\s\S]*?<\/LigneBudget>/g)].map((m) => m[0]).filter((b) => !/<Nature V="00[12]"/.test(b) && /<MtReal V=/.test(b));
  const r = rng(seed);
  const fd = openSync(file, 'w');
  let bytes = writeSync(fd, text.slice(0, first));
  let sum = 0n;
  let lines = 0;
  let chunk = '';
  while (bytes < mb * 1e6) {
    for (const b of blocks) {
      const cents = Math.floor(r() * 100_000_000);
      sum += BigInt(cents);
      lines++;
      chunk += b.replace(/<MtReal V="[^"]*"\/>/, `<MtReal V="${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}"/>`) + '\n      ';
    }
    if (chunk.length > 1 << 20) {
      bytes += writeSync(fd, chunk, null, 'latin1');
      chunk = '';
    }
  }
  bytes += writeSync(fd, chunk + text.slice(last), null, 'latin1');
  closeSync(fd);
  return { bytes, sum, lines };
}

const LXML = `
import sys
from decimal import Decimal
from lxml import etree
NS = '{http://www.minefi.gouv.fr/cp/demat/docbudgetaire}'
total = Decimal(0)
n = 0
for _, el in etree.iterparse(sys.argv[1], events=('end',), tag=NS + 'LigneBudget'):
    m = el.find(NS + 'MtReal')
    if m is not None:
        total += Decimal(m.get('V'))
        n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, total)
`;

/** A python3 that imports lxml (Debian's python3-lxml lives in /usr/bin's python), or undefined. */
function lxmlPython() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import lxml.etree'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

const FLOOR = `
const fs = require('node:fs');
let n = 0;
fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (b) => { for (let i = b.indexOf(60); i >= 0; i = b.indexOf(60, i + 1)) n++; })
  .on('end', () => process.stdout.write(String(n)));
`;

/** One child run: wall seconds, peak RSS (MB), stdout, exit code. */
function timed(cmd, args, dir, env = {}) {
  const statsFile = join(dir, 'time.txt');
  const full = hasTime ? [TIME, ['-f', '%M', '-o', statsFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssMB = hasTime ? Number(readFileSync(statsFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { wall, rssMB, stdout: String(r.stdout), stderr: String(r.stderr), status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const mark = (ok) => (ok ? 'ok  ' : 'MISS');
const euros = (c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** Our total of the year's execution (both sections, both sens): every MtReal of the account lines. */
function ourTotal(json) {
  const f = JSON.parse(json).figures;
  let t = 0n;
  for (const [k, v] of Object.entries(f)) if (/\.execution\.(fonctionnement|investissement)-exercice\.(depenses|recettes)$/.test(k)) t += BigInt(v.replace('.', ''));
  return t;
}

export async function benchTotem({ runs = 5, mb = 100, keep = false, seed = 2026 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-bench-totem-'));
  const py = lxmlPython();
  try {
    console.log(`\nTOTEM bench: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other jobs; Node ${process.version}; medians of ${runs} interleaved rounds; seed ${seed}; lxml ${py ? `via ${py}` : 'not importable (apt-get install python3-lxml): peer skipped'}`);
    const file = join(dir, 'ca.xml');
    const t0 = Date.now();
    const gen = writeTotem(file, { mb, seed });
    console.log(`generated ${fmt(gen.bytes / 1e6, 1)} MB, ${fmt(gen.lines)} LigneBudget in ${fmt((Date.now() - t0) / 1000, 1)} s`);
    const ours = [];
    const saxes = [];
    const peer = [];
    const floor = [];
    let agree = '';
    for (let i = 0; i < runs; i++) {
      floor.push(timed(process.execPath, ['-e', FLOOR, file], dir).wall);
      const c = timed(process.execPath, [BIN, 'compute', file, '--format', 'json'], dir);
      if (c.status !== 0) throw new Error(`compute exited ${c.status}: ${c.stderr.slice(0, 2000)}`);
      ours.push(c);
      if (i === 0) {
        const t = ourTotal(c.stdout);
        agree = t === gen.sum ? `our total ${euros(t)} = the generator's` : `DISAGREE: ours ${euros(t)}, generator ${euros(gen.sum)}`;
      }
      if (i < Math.min(runs, 3)) {
        const sx = timed(process.execPath, [BIN, 'compute', file, '--format', 'json'], dir, { SITIV_CA_XML: 'saxes' });
        if (sx.status !== 0) throw new Error(`compute (saxes) exited ${sx.status}: ${sx.stderr.slice(0, 2000)}`);
        saxes.push(sx);
        // The folded path (flat records of the byte scanner) and saxes' line-by-line path: every figure the same.
        if (i === 0) {
          const a = JSON.stringify(JSON.parse(c.stdout).figures);
          agree += a === JSON.stringify(JSON.parse(sx.stdout).figures) ? `; every figure of the saxes path the same (${Object.keys(JSON.parse(c.stdout).figures).length})` : '; the saxes path DISAGREES';
        }
      }
      if (py) {
        const p = timed(py, ['-c', LXML, file], dir);
        if (p.status !== 0) throw new Error(`lxml exited ${p.status}: ${p.stderr.slice(0, 500)}`);
        peer.push(p);
        if (i === 0) {
          const theirs = p.stdout.trim().split(' ')[1];
          agree += theirs === euros(gen.sum) ? `; lxml's ${theirs} the same` : `; lxml DISAGREES: ${theirs}`;
        }
      }
    }
    const oS = median(ours.map((r) => r.wall));
    const oRss = Math.max(...ours.map((r) => r.rssMB));
    const sS = median(saxes.map((r) => r.wall));
    const pS = py ? median(peer.map((r) => r.wall)) : NaN;
    const fS = median(floor);
    const MB = gen.bytes / 1e6;
    console.log('path                         |  MB/s | seconds | peak RSS MB');
    console.log(`read floor (node, count '<') | ${fmt(MB / fS).padStart(5)} | ${fmt(fS, 2).padStart(7)} |`);
    console.log(`compute (byte scanner)       | ${fmt(MB / oS).padStart(5)} | ${fmt(oS, 2).padStart(7)} | ${fmt(oRss).padStart(11)}`);
    console.log(`compute, saxes only          | ${fmt(MB / sS).padStart(5)} | ${fmt(sS, 2).padStart(7)} | ${fmt(Math.max(...saxes.map((r) => r.rssMB))).padStart(11)}`);
    if (py) console.log(`lxml iterparse, Decimal sum  | ${fmt(MB / pS).padStart(5)} | ${fmt(pS, 2).padStart(7)} | ${fmt(Math.max(...peer.map((r) => r.rssMB))).padStart(11)}`);
    console.log(`figures: ${agree}`);
    console.log(`× floor ${fmt(fS / oS, 2)}, × saxes path ${fmt(sS / oS, 2)}`);
    if (py) console.log(`${mark(pS / oS >= TARGETS.lxmlRatio)} ≥ ${TARGETS.lxmlRatio}× lxml iterparse: ${fmt(pS / oS, 2)}×`);
    else console.log(`skip ≥ ${TARGETS.lxmlRatio}× lxml iterparse: lxml not importable`);
    console.log(`${mark(oRss <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB: ${fmt(oRss)} MB`);
    rmSync(file, { force: true });

    // Issue 11 item 7: the cost of hostile XML stays linear.
    const deep = join(dir, 'deep.xml');
    writeFileSync(deep, `<?xml version="1.0" encoding="UTF-8"?>\n<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</DocumentBudgetaire>\n`);
    const d = [];
    for (let i = 0; i < runs; i++) d.push(timed(process.execPath, [BIN, 'compute', deep, '--format', 'json'], dir));
    const dOk = d.every((r) => r.status === 2 && /nested more than 64 elements deep/.test(r.stderr));
    console.log(`${mark(dOk)} 100 000 nested elements (${fmt(600_000 / 1e3)} KB): refused by the depth limit (exit 2) in ${fmt(median(d.map((r) => r.wall)) * 1000)} ms, peak RSS ${fmt(Math.max(...d.map((r) => r.rssMB)))} MB`);
    const blank = join(dir, 'blank.xml');
    const fdw = openSync(blank, 'w');
    const spaces = Buffer.alloc(1 << 20, ' \n\t  \n');
    for (let i = 0; i < 200; i++) writeSync(fdw, spaces);
    closeSync(fdw);
    const w = [];
    for (let i = 0; i < Math.min(runs, 3); i++) w.push(timed(process.execPath, [BIN, 'compute', blank, '--format', 'json'], dir));
    const wOk = w.every((r) => r.status === 2 && !/internal error/.test(r.stderr));
    console.log(`${mark(wOk)} 200 MB of whitespace: exit ${w[0]?.status} (${w[0]?.stderr.trim().split('\n').pop()?.slice(0, 100)}) in ${fmt(median(w.map((r) => r.wall)), 2)} s, peak RSS ${fmt(Math.max(...w.map((r) => r.rssMB)))} MB`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchTotem({ runs: arg('--runs', 5), mb: arg('--mb', 100), keep: process.argv.includes('--keep') });
}
