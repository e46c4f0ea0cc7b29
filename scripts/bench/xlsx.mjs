// The XLSX bench (issue 18): `convert` CSV → XLSX and XLSX → CSV against exceljs's streaming WorkbookWriter / WorkbookReader, a sparse workbook, the XLSX fixture's start-up.
// Run alone: node scripts/bench/xlsx.mjs [--runs 3] [--rows 1000000] [--keep]; from scripts/bench.mjs: benchXlsx({ runs }).
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sitiv-ca.js');
const TIME = '/usr/bin/time';
const TARGETS = { toXlsx: 100_000, fromXlsx: 150_000, rssMB: 500, startupRatio: 3.5, sparseRatio: 1.5 };
const COMBINATIONS = 4000;
const STARTUP_PAIRS = 15;

/** Park–Miller: the same ledger for the same seed on every machine. */
function rng(seed) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Real (section, sens, chapter, account) flows of the 2022 M57 plan, COMBINATIONS of them picked by seed. */
async function combinations(seed) {
  const { resolvePlan } = await import(pathToFileURL(join(ROOT, 'dist/nomenclature/plan.js')).href);
  const plan = resolvePlan('M57', 2022);
  const all = [];
  for (const compte of plan.accountCodes()) {
    for (const sens of ['D', 'R']) {
      const chapitre = plan.chapterOfAccount(compte, sens, 'reel');
      const c = chapitre && plan.chapter(chapitre);
      if (c && c.kind === 'reel' && !c.special && c.sens.includes(sens) && plan.account(compte)?.code === compte) all.push({ section: c.section, sens, chapitre, compte });
    }
  }
  const r = rng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, COMBINATIONS);
}

const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,operation,libelle\n';

/** A ledger CSV of `rows` lines in the project's format; every line its own key (the operation is the line number). */
export async function writeLedgerCsv(file, { rows, seed }) {
  const combos = await combinations(seed);
  const r = rng(seed + 1);
  const fd = openSync(file, 'w');
  let chunk = HEADER;
  const amount = (v) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
  for (let i = 0; i < rows; i++) {
    const c = combos[Math.floor(r() * combos.length)];
    const cents = Math.floor(r() * 10_000_000);
    const rar = c.section === 'I' ? Math.floor(r() * 100_000) : 0;
    chunk += `principal,2022,${c.section},${c.sens},${c.chapitre},${c.compte},reel,${amount(cents)},${amount(rar)},${String(i % 900).padStart(3, '0')},OP${i},Ligne budgétaire ${i % 5000}\n`;
    if (chunk.length > 1 << 16) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** exceljs's streaming writer on the same CSV: the peer of convert CSV → XLSX (shared strings, amounts as numbers). */
const PEER_WRITE = `
const ExcelJS = require('exceljs');
const fs = require('node:fs');
const readline = require('node:readline');
(async () => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: process.argv[2], useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('ledger');
  let first = true;
  for await (const line of readline.createInterface({ input: fs.createReadStream(process.argv[1]) })) {
    const f = line.split(',');
    if (first) { ws.addRow(f).commit(); first = false; continue; }
    ws.addRow([f[0], Number(f[1]), f[2], f[3], f[4], f[5], f[6], Number(f[7]), Number(f[8]), f[9], f[10], f[11]]).commit();
  }
  ws.commit();
  await wb.commit();
})();
`;

/** exceljs's streaming reader on the same workbook, writing CSV lines: the peer of convert XLSX → CSV. */
const PEER_READ = `
const ExcelJS = require('exceljs');
const fs = require('node:fs');
(async () => {
  const out = fs.createWriteStream(process.argv[2]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
  let buf = '';
  for await (const ws of reader) {
    // Worksheets come in the archive's order: the ledger sheet, not the provenance one.
    if (ws.name !== 'ledger') { for await (const _ of ws); continue; }
    for await (const row of ws) {
      buf += row.values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))).join(',') + '\\n';
      if (buf.length > 1 << 16) { if (!out.write(buf)) await new Promise((ok) => out.once('drain', ok)); buf = ''; }
    }
    break;
  }
  out.end(buf);
  await new Promise((ok) => out.on('finish', ok));
})();
`;

/**
 * The floor of XLSX → CSV: the worksheet inflated by zlib through the reader's own zip code (CRC-32 checked on
 * zlib's thread), the bytes counted, nothing parsed: what no reader of the workbook can go below.
 */
const INFLATE_FLOOR = `
(async () => {
  const { ZipReader } = await import(process.argv[2]);
  const zip = await ZipReader.open(process.argv[1]);
  let n = 0;
  for await (const c of zip.stream('xl/worksheets/sheet1.xml')) n += c.length;
  await zip.close();
  if (n === 0) process.exit(1);
})();
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mark = (ok) => (ok ? 'met   ' : 'MISSED');

/** One child run: wall seconds and peak RSS in MB (/usr/bin/time). */
function timed(args, dir, status = 0) {
  const statsFile = join(dir, 'time.txt');
  const hasTime = existsSync(TIME);
  const cmd = hasTime ? TIME : process.execPath;
  const full = hasTime ? ['-f', '%M', '-o', statsFile, process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== status) throw new Error(`${args.join(' ').slice(0, 300)} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  const rssMB = hasTime ? Number(readFileSync(statsFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { wall, rssMB };
}

/** A workbook with a header, one ledger row and one note at the last row address (1 048 576), and the same without the note. */
async function sparseWorkbooks(dir) {
  const { ZipWriter } = await import(pathToFileURL(join(ROOT, 'dist/render/zip-write.js')).href);
  const make = async (file, far) => {
    const zip = new ZipWriter();
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const cells = (r, vals) => `<row r="${r}">${vals.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${r}"${typeof v === 'number' ? '' : ' t="inlineStr"'}>${typeof v === 'number' ? `<v>${v}</v>` : `<is><t>${v}</t></is>`}</c>`).join('')}</row>`;
    const rows = cells(1, ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar']) + cells(2, ['principal', 2022, 'F', 'D', '011', '60611', 'reel', 100, 0]) + (far ? `<row r="1048576"><c r="L1048576" t="inlineStr"><is><t>fin</t></is></c></row>` : '');
    await zip.add('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
    await zip.add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    await zip.add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    await zip.add('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
    await zip.add('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><dimension ref="A1:I${far ? 1048576 : 2}"/><sheetData>${rows}</sheetData></worksheet>`);
    const parts = zip.finish();
    writeFileSync(file, Buffer.concat(parts));
  };
  await make(join(dir, 'sparse.xlsx'), true);
  await make(join(dir, 'dense.xlsx'), false);
}

export async function benchXlsx({ runs: asked = 3, rows = 1_000_000, keep = false, seed = 2026 } = {}) {
  // A round is four 1 M-row conversions (about 4 minutes on a loaded 2-core machine): at most 3 of them.
  const runs = Math.min(asked, 3);
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-bench-xlsx-'));
  try {
    console.log('');
    console.log(`xlsx bench: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${fmt(rows)} rows, medians of ${runs} interleaved runs, seed ${seed}`);
    const csv = join(dir, 'ledger.csv');
    await writeLedgerCsv(csv, { rows, seed });
    const ours = join(dir, 'ours.xlsx');
    const peer = join(dir, 'peer.xlsx');
    const m = { toOurs: [], toPeer: [], fromOurs: [], fromPeer: [], rssTo: [], rssFrom: [], rssToPeer: [], rssFromPeer: [], floor: [] };
    const zipModule = pathToFileURL(join(ROOT, 'dist/read/xlsx/zip.js')).href;
    for (let i = 0; i < runs; i++) {
      const a = timed([BIN, 'convert', csv, ours], dir);
      m.toOurs.push(a.wall);
      m.rssTo.push(a.rssMB);
      const b = timed(['-e', PEER_WRITE, csv, peer], dir);
      m.toPeer.push(b.wall);
      m.rssToPeer.push(b.rssMB);
      // Both readers read the workbook convert wrote.
      const c = timed([BIN, 'convert', ours, join(dir, 'back.csv')], dir);
      m.fromOurs.push(c.wall);
      m.rssFrom.push(c.rssMB);
      const d = timed(['-e', PEER_READ, ours, join(dir, 'peer.csv')], dir);
      m.fromPeer.push(d.wall);
      m.rssFromPeer.push(d.rssMB);
      m.floor.push(timed(['-e', INFLATE_FLOOR, ours, zipModule], dir).wall);
    }
    // The round trip is exact: the CSV convert writes back equals the one it writes from the original.
    timed([BIN, 'convert', csv, join(dir, 'direct.csv')], dir);
    const same = readFileSync(join(dir, 'direct.csv')).equals(readFileSync(join(dir, 'back.csv')));
    const sizeMB = statSync(ours).size / 1e6;
    const peerMB = statSync(peer).size / 1e6;
    // The same ledger with one unknown account on its last line: convert reads every row, then exits 2 and writes nothing.
    const bad = join(dir, 'bad.csv');
    copyFileSync(csv, bad);
    rmSync(csv);
    appendFileSync(bad, 'principal,2022,F,D,011,99999,reel,1.00,0.00,020,BAD,Ligne fausse\n');
    const badOut = join(dir, 'bad.xlsx');
    const badRun = timed([BIN, 'convert', bad, badOut], dir, 2);
    const badOk = !existsSync(badOut);
    rmSync(bad);

    await sparseWorkbooks(dir);
    const sparse = [];
    const dense = [];
    const sparseRss = [];
    for (let i = 0; i < Math.max(runs, 5); i++) {
      const s = timed([BIN, 'convert', join(dir, 'sparse.xlsx'), join(dir, 'sparse.csv')], dir);
      sparse.push(s.wall);
      sparseRss.push(s.rssMB);
      dense.push(timed([BIN, 'convert', join(dir, 'dense.xlsx'), join(dir, 'dense.csv')], dir).wall);
    }

    const node = [];
    const ratios = [];
    for (let i = 0; i < STARTUP_PAIRS; i++) {
      const n = timed(['-e', '0'], dir).wall;
      const c = timed([BIN, 'compute', 'fixtures/sitiv-2022-xlsx', '--format', 'json'], dir).wall;
      node.push(n);
      ratios.push(c / n);
    }

    const rate = (xs) => rows / median(xs);
    console.log('');
    console.log('convert          | ours rows/s | ours s | peak RSS MB | exceljs streaming rows/s | exceljs s | exceljs RSS MB | × exceljs');
    const line = (label, o, p, ro, rp) =>
      console.log(`${label.padEnd(16)} | ${fmt(rate(o)).padStart(11)} | ${fmt(median(o), 1).padStart(6)} | ${fmt(Math.max(...ro)).padStart(11)} | ${fmt(rate(p)).padStart(24)} | ${fmt(median(p), 1).padStart(9)} | ${fmt(median(rp)).padStart(14)} | ${fmt(median(p) / median(o), 2).padStart(9)}`);
    line('CSV → XLSX', m.toOurs, m.toPeer, m.rssTo, m.rssToPeer);
    line('XLSX → CSV', m.fromOurs, m.fromPeer, m.rssFrom, m.rssFromPeer);
    console.log(`XLSX → CSV read floor (the sheet inflated, nothing parsed): ${fmt(median(m.floor), 2)} s; ours takes ${fmt(median(m.fromOurs) / median(m.floor), 2)}× the floor`);
    console.log(`workbook written: ${fmt(sizeMB, 1)} MB (exceljs: ${fmt(peerMB, 1)} MB); CSV → XLSX → CSV equals CSV → CSV: ${same ? 'yes' : 'NO'}`);
    console.log(`the same CSV with a bad last line: exit 2 in ${fmt(badRun.wall, 1)} s, ${fmt(badRun.rssMB)} MB, workbook written: ${badOk ? 'none' : 'YES'}`);
    const sparseRatio = median(sparse) / median(dense);
    console.log(`sparse workbook (${fmt(statSync(join(dir, 'sparse.xlsx')).size)} bytes, one cell at row 1 048 576): ${fmt(median(sparse) * 1000)} ms, ${fmt(Math.max(...sparseRss))} MB; the same without that cell ${fmt(median(dense) * 1000)} ms: ${fmt(sparseRatio, 2)}×`);
    console.log(`start-up (${STARTUP_PAIRS} alternated pairs): compute fixtures/sitiv-2022-xlsx median ratio ${fmt(median(ratios), 2)} × node -e 0 (${fmt(median(node) * 1000)} ms)`);
    console.log('');
    const peak = Math.max(...m.rssTo, ...m.rssFrom);
    console.log(`${mark(rate(m.toOurs) >= TARGETS.toXlsx)} CSV → XLSX ≥ ${fmt(TARGETS.toXlsx)} rows/s: ${fmt(rate(m.toOurs))}`);
    console.log(`${mark(rate(m.fromOurs) >= TARGETS.fromXlsx)} XLSX → CSV ≥ ${fmt(TARGETS.fromXlsx)} rows/s: ${fmt(rate(m.fromOurs))}`);
    console.log(`${mark(peak <= TARGETS.rssMB)} peak RSS ≤ ${TARGETS.rssMB} MB both ways: ${fmt(peak)} MB (to XLSX ${fmt(Math.max(...m.rssTo))}, from XLSX ${fmt(Math.max(...m.rssFrom))})`);
    console.log(`${mark(badOk && badRun.rssMB <= TARGETS.rssMB)} a bad CSV writes no workbook, within ${TARGETS.rssMB} MB: ${badOk ? 'none written' : 'WRITTEN'}, ${fmt(badRun.rssMB)} MB`);
    console.log(`${mark(sparseRatio <= TARGETS.sparseRatio && same)} sparse workbook costs what its cells cost (≤ ${TARGETS.sparseRatio}× the same without the far cell): ${fmt(sparseRatio, 2)}×`);
    console.log(`${mark(median(ratios) <= TARGETS.startupRatio)} start-up on the XLSX fixture ≤ ${TARGETS.startupRatio}× node -e 0: ${fmt(median(ratios), 2)}×`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`inputs kept in ${dir}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await benchXlsx({ runs: arg('--runs', 3), rows: arg('--rows', 1_000_000), keep: process.argv.includes('--keep') });
}
