// Maintainer script (run by hand, never by the build): turns the ODM plans de comptes (<odm>/<year>/<norme>/<declinaison>/planDeCompte.xml) into data/plans/, one file per norme, each year stored as its difference from the previous one.
//
//   npm run build && node scripts/import-plans.mjs /path/to/nomenclatures/odm
//
// A clone has no copy of the ODM tree: the output (data/plans/*) is committed, and src/nomenclature/plan.ts reads
// only that. The script checks that every plan rebuilt from the committed deltas equals the plan parsed from its
// XML, so a bug in the delta coding cannot reach the repository.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
// The runtime's own decoder (built by `npm run build`), so that what is checked here is what the product runs.
import { applyDelta, applyToMap, FORMAT } from '../dist/nomenclature/plan-delta.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'data', 'plans');

const FLOWS = ['DR', 'RR', 'DOES', 'ROES', 'DOIS', 'ROIS'];
const D_FLOWS = new Set(['DR', 'DOES', 'DOIS']);
const ORDER_FLOWS = new Set(['DOES', 'ROES', 'DOIS', 'ROIS']);
const CARRIED = new Set(['001', '002']);

function fail(file, message) {
  throw new Error(`${file}: ${message}`);
}

/** One pass over the XML: chapters of both views (Nature, Fonction) and every <Compte>, nested or not. */
function parsePlan(file) {
  const xml = readFileSync(file, 'utf8');
  const parser = new SaxesParser({ position: true });
  const plan = { norme: '', declinaison: '', exer: '', chapters: [], accounts: [] };
  const stack = [];
  parser.on('xmldecl', (decl) => {
    // The files are read as UTF-8; a Latin-1 plan would silently garble every accented libellé.
    if (decl.encoding && decl.encoding.toUpperCase() !== 'UTF-8') fail(file, `encoding ${decl.encoding} not supported, expected UTF-8`);
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes;
    const parent = stack[stack.length - 1];
    stack.push(tag.name);
    if (tag.name === 'Nomenclature') {
      plan.norme = a.Norme ?? '';
      plan.declinaison = a.Declinaison ?? '';
      plan.exer = a.Exer ?? '';
    } else if (tag.name === 'Chapitre') {
      plan.chapters.push({
        code: a.Code ?? '',
        libelle: (a.Libelle ?? '').trim(),
        libCourt: (a.Lib_court ?? '').trim(),
        type: a.TypeChapitre ?? '',
        section: a.Section ?? '',
        special: a.Special === '1',
        line: parser.line,
      });
    } else if (tag.name === 'Compte' && (parent === 'Comptes' || parent === 'Compte')) {
      plan.accounts.push({ code: a.Code ?? '', libelle: (a.Libelle ?? '').trim(), flows: FLOWS.map((f) => (a[f] ?? '').trim()), line: parser.line });
    }
  });
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => fail(file, `XML error: ${e.message}`));
  parser.write(xml).close();
  return plan;
}

/** The plan as rows: chapters [code, libelle, libCourt, type, section, special, kind, sens], accounts [code, libelle, ...flows]. */
function build(file, year, norme, declinaison) {
  const p = parsePlan(file);
  if (p.norme !== norme) fail(file, `says Norme ${p.norme}, its folder ${norme}`);
  // The ODM tree files a plan under the declinaison it serves even when its header was copied from another
  // (2023/M57/M57_P says M57_D): the folder is what the publisher meant, as for the year.
  if (p.declinaison !== declinaison) console.warn(`import-plans: ${year}/${norme}/${declinaison}: the file says Declinaison ${p.declinaison}; filed as its folder's ${declinaison}`);
  if (!/^\d{4}$/.test(p.exer)) fail(file, `Exer ${JSON.stringify(p.exer)} is not a year`);

  const chapterCodes = new Set();
  for (const c of p.chapters) {
    if (!/^\d+$/.test(c.code)) fail(file, `line ${c.line}: chapter code ${JSON.stringify(c.code)}`);
    if (chapterCodes.has(c.code)) fail(file, `line ${c.line}: chapter ${c.code} listed twice`);
    if (!['G', 'C', 'L'].includes(c.type)) fail(file, `line ${c.line}: chapter ${c.code} TypeChapitre ${c.type}`);
    if (!['F', 'I'].includes(c.section)) fail(file, `line ${c.line}: chapter ${c.code} Section ${c.section}`);
    chapterCodes.add(c.code);
  }

  // Which flows cite each chapter: that is what tells a real chapter from an order one, and D from R.
  const cited = new Map();
  const accountCodes = new Set();
  for (const a of p.accounts) {
    if (!a.code) fail(file, `line ${a.line}: <Compte> without Code`);
    // Nature and Fonction accounts share one lookup table; the views use disjoint codes (9x only in Fonction).
    if (accountCodes.has(a.code)) fail(file, `line ${a.line}: account ${a.code} listed twice`);
    accountCodes.add(a.code);
    a.flows.forEach((chap, i) => {
      if (!chap) return;
      if (!cited.has(chap)) cited.set(chap, new Set());
      cited.get(chap).add(FLOWS[i]);
    });
  }

  const chapters = p.chapters.map((c) => {
    const flows = cited.get(c.code) ?? new Set();
    let kind;
    if (CARRIED.has(c.code)) kind = 'reporte';
    // Type L is how the plan marks budget-only chapters (020–024, their 95x / 91x–93x functional analogues).
    else if (c.type === 'L') kind = 'sans-execution';
    // Order chapters (040–043, 925/926/946/947 in M57, 910/914/934/935 in M14) are only ever cited by order flows.
    else if (flows.size > 0 && [...flows].every((f) => ORDER_FLOWS.has(f))) kind = 'ordre';
    else kind = 'reel';
    let sens = '';
    if ([...flows].some((f) => D_FLOWS.has(f))) sens += 'D';
    if ([...flows].some((f) => !D_FLOWS.has(f))) sens += 'R';
    // sens '' = no account of this plan cites the chapter (018 everywhere, 6586 in M57_A…); fillSens decides later.
    return [c.code, c.libelle, c.libCourt, c.type, c.section, c.special ? 1 : 0, kind, sens];
  });

  // Trailing empty flows dropped: most accounts carry only DR or RR.
  const accounts = p.accounts.map((a) => {
    const row = [a.code, a.libelle, ...a.flows];
    while (row.length > 2 && row[row.length - 1] === '') row.pop();
    return row;
  });
  const dangling = [...cited.keys()].filter((c) => !chapterCodes.has(c)).sort();
  return { year, norme, declinaison, exer: Number(p.exer), chapters, accounts, dangling };
}

/**
 * A chapter no account cites still appears in real files (6586 in M57_A, 656 in M14 500–3 500, 018):
 * take its directions from the same chapter in the other plans of the norme, and when none cites it
 * either, allow both rather than reject every line of a chapter the plan itself lists.
 */
function fillSens(plans) {
  const known = new Map();
  for (const p of plans) {
    for (const c of p.chapters) {
      if (c[7]) known.set(c[0], [...new Set([...(known.get(c[0]) ?? ''), ...c[7]])].sort().join(''));
    }
  }
  for (const p of plans) for (const c of p.chapters) if (!c[7]) c[7] = known.get(c[0]) ?? 'DR';
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What turns `prev` rows into `next` rows, order included: codes removed, rows changed in place, and rows added
 * each after the code that precedes it in `next` (null: at the start).
 */
function diffRows(prev, next) {
  const prevByCode = new Map(prev.map((r) => [r[0], r]));
  const nextCodes = new Set(next.map((r) => r[0]));
  const del = prev.filter((r) => !nextCodes.has(r[0])).map((r) => r[0]);
  const set = [];
  const add = [];
  // Kept rows must stay in the same relative order for in-place changes to be enough; otherwise the delta
  // removes and re-adds the rows that moved.
  const kept = next.filter((r) => prevByCode.has(r[0])).map((r) => r[0]);
  const prevKept = prev.filter((r) => nextCodes.has(r[0])).map((r) => r[0]);
  const moved = new Set();
  if (!same(kept, prevKept)) {
    // Longest common subsequence would be minimal; plans never reorder, so re-adding every out-of-place row is enough.
    let j = 0;
    for (const code of kept) {
      while (j < prevKept.length && prevKept[j] !== code) j++;
      if (j === prevKept.length) moved.add(code);
      else j++;
    }
    for (const code of moved) del.push(code);
  }
  let after = null;
  for (const r of next) {
    const old = prevByCode.get(r[0]);
    if (!old || moved.has(r[0])) add.push([after, r]);
    else if (!same(old, r)) set.push(r);
    after = r[0];
  }
  const out = {};
  if (del.length) out.del = del;
  if (set.length) out.set = set;
  if (add.length) out.add = add;
  return out;
}

/** Write only when the content differs, so that a re-run leaves the repository untouched. */
function writeIfChanged(path, content) {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  writeFileSync(path, content);
  return true;
}

function main() {
  const odm = process.argv[2];
  if (!odm || !existsSync(odm) || !statSync(odm).isDirectory()) {
    console.error('usage: node scripts/import-plans.mjs <odm folder holding <year>/<norme>/<declinaison>/planDeCompte.xml>');
    process.exit(2);
  }
  const started = Date.now();
  const byNorme = new Map();
  let count = 0;
  for (const year of readdirSync(odm).filter((y) => /^\d{4}$/.test(y)).sort()) {
    for (const norme of readdirSync(join(odm, year)).sort()) {
      for (const decl of readdirSync(join(odm, year, norme)).sort()) {
        const file = join(odm, year, norme, decl, 'planDeCompte.xml');
        if (!existsSync(file)) continue;
        const plan = build(file, Number(year), norme, decl);
        if (plan.dangling.length) console.warn(`import-plans: ${year}/${norme}/${decl}: accounts cite chapters the plan does not list: ${plan.dangling.join(', ')}`);
        if (!byNorme.has(norme)) byNorme.set(norme, []);
        byNorme.get(norme).push(plan);
        count++;
      }
    }
  }
  if (count === 0) fail(odm, 'no planDeCompte.xml found');
  mkdirSync(outDir, { recursive: true });

  const index = { format: FORMAT, normes: {} };
  const written = new Set(['index.json']);
  const sizes = [];
  for (const [norme, plans] of [...byNorme].sort(([a], [b]) => (a < b ? -1 : 1))) {
    fillSens(plans);
    const decls = [...new Set(plans.map((p) => p.declinaison))].sort();
    const lines = [];
    index.normes[norme] = {};
    for (const decl of decls) {
      const chain = plans.filter((p) => p.declinaison === decl).sort((a, b) => a.year - b.year);
      index.normes[norme][decl] = chain.map((p) => [p.year, p.exer]);
      let prev;
      const years = chain.map((p) => {
        const full = { chapters: p.chapters, accounts: p.accounts };
        const entry = { year: p.year, exer: p.exer };
        if (!prev) entry.base = full;
        else {
          const chapters = diffRows(prev.chapters, full.chapters);
          const accounts = diffRows(prev.accounts, full.accounts);
          entry.delta = {};
          if (Object.keys(chapters).length) entry.delta.chapters = chapters;
          if (Object.keys(accounts).length) entry.delta.accounts = accounts;
        }
        prev = full;
        return entry;
      });
      // Proof: every year rebuilt from the chain equals its plan parsed from the XML, both the ordered rows and
      // the account table the runtime patches in place.
      let state;
      const table = new Map();
      years.forEach((entry, i) => {
        state = entry.base ? structuredClone(entry.base) : applyDelta(state, entry.delta);
        if (entry.base) for (const r of entry.base.accounts) table.set(r[0], r);
        else applyToMap(table, entry.delta.accounts);
        const want = { chapters: chain[i].chapters, accounts: chain[i].accounts };
        const where = `${chain[i].year}/${norme}/${decl}`;
        if (!same(state, want)) fail(where, 'the plan rebuilt from its delta differs from the XML (bug in plan-delta)');
        const sorted = (rows) => [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        if (!same(sorted(table.values()), sorted(want.accounts))) fail(where, 'the account table patched by applyToMap differs from the XML');
      });
      lines.push(JSON.stringify({ declinaison: decl, years }));
    }
    const name = `${norme}.ndjson`;
    written.add(name);
    // The header gives each declinaison's line as [byte offset after the header, byte length], so that the
    // runtime reads only the line it needs.
    let at = 0;
    const offsets = lines.map((l) => {
      const len = Buffer.byteLength(l);
      const o = [at, len];
      at += len + 1;
      return o;
    });
    const header = { format: FORMAT, norme, declinaisons: decls, offsets };
    const content = [JSON.stringify(header), ...lines].join('\n') + '\n';
    writeIfChanged(join(outDir, name), content);
    sizes.push(`${name} ${(Buffer.byteLength(content) / 1024).toFixed(0)} kB`);
  }
  writeIfChanged(join(outDir, 'index.json'), JSON.stringify(index) + '\n');
  for (const f of readdirSync(outDir)) if ((f.endsWith('.ndjson') || f.endsWith('.json')) && !written.has(f)) rmSync(join(outDir, f));
  console.log(`import-plans: ${count} plans, ${byNorme.size} normes in ${Date.now() - started} ms: ${sizes.join(', ')}`);
}

main();
