// Build step: turns the official XML plans de comptes (data/nomenclatures) into compact JSON (generated/plans) so the runtime needs no XML parser.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'data', 'nomenclatures');
const outDir = join(root, 'generated', 'plans');

/** Bump when the JSON layout changes, so that plan.ts can refuse a stale generated/ folder. */
const FORMAT = 1;
const FLOWS = ['DR', 'RR', 'DOES', 'ROES', 'DOIS', 'ROIS'];
const D_FLOWS = new Set(['DR', 'DOES', 'DOIS']);
const ORDER_FLOWS = new Set(['DOES', 'ROES', 'DOIS', 'ROIS']);
const CARRIED = new Set(['001', '002']);

function fail(file, message) {
  throw new Error(`${file}: ${message}`);
}

/** One pass over the XML: chapters of both views (Nature, Fonction) and every <Compte>, nested or not. */
function parsePlan(file) {
  const xml = readFileSync(join(srcDir, file), 'utf8');
  const parser = new SaxesParser({ position: true });
  const plan = { norme: '', declinaison: '', exer: '', chapters: [], accounts: [] };
  const stack = [];
  parser.on('xmldecl', (decl) => {
    // The files are read as UTF-8; a Latin-1 plan would silently garble every accented libellé.
    if (decl.encoding && decl.encoding.toUpperCase() !== 'UTF-8') {
      fail(file, `encoding ${decl.encoding} not supported, expected UTF-8`);
    }
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
      plan.accounts.push({
        code: a.Code ?? '',
        libelle: (a.Libelle ?? '').trim(),
        flows: FLOWS.map((f) => (a[f] ?? '').trim()),
        line: parser.line,
      });
    }
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => fail(file, `XML error: ${e.message}`));
  parser.write(xml).close();
  return plan;
}

function build(file) {
  const p = parsePlan(file);
  if (!p.norme || !p.declinaison || !/^\d{4}$/.test(p.exer)) {
    fail(file, 'missing or invalid Norme / Declinaison / Exer on <Nomenclature>');
  }
  const id = `${p.norme}-${p.declinaison}-${p.exer}`;

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

  // Trailing empty flows dropped: most accounts carry only DR or RR, which keeps the JSON small.
  const accounts = p.accounts.map((a) => {
    const row = [a.code, a.libelle, ...a.flows];
    while (row.length > 2 && row[row.length - 1] === '') row.pop();
    return row;
  });

  const dangling = [...cited.keys()].filter((c) => !chapterCodes.has(c)).sort();
  return {
    ref: { id, norme: p.norme, declinaison: p.declinaison, exercice: Number(p.exer), file: `${id}.json` },
    json: { format: FORMAT, id, norme: p.norme, declinaison: p.declinaison, exercice: Number(p.exer), flows: FLOWS, chapters, accounts },
    dangling,
  };
}

/**
 * A chapter no account cites still appears in real files (6586 in M57_A, 656 in M14 500–3 500, 018):
 * take its directions from the same chapter in the other plans of the norme, and when none cites it
 * either, allow both rather than reject every line of a chapter the plan itself lists.
 */
function fillSens(built) {
  const known = new Map();
  for (const b of built) {
    for (const c of b.json.chapters) {
      if (!c[7]) continue;
      const key = `${b.json.norme}|${c[0]}`;
      known.set(key, [...new Set([...(known.get(key) ?? ''), ...c[7]])].sort().join(''));
    }
  }
  for (const b of built) {
    for (const c of b.json.chapters) {
      if (!c[7]) c[7] = known.get(`${b.json.norme}|${c[0]}`) ?? 'DR';
    }
  }
}

/** Write only when the content differs, so that repeated builds leave the folder untouched. */
function writeIfChanged(path, content) {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  writeFileSync(path, content);
  return true;
}

function main() {
  const started = Date.now();
  const files = readdirSync(srcDir).filter((f) => f.toLowerCase().endsWith('.xml')).sort();
  if (files.length === 0) fail(srcDir, 'no plan de comptes (*.xml) found');
  mkdirSync(outDir, { recursive: true });

  const built = files.map((file) => ({ file, ...build(file) }));
  fillSens(built);

  const index = [];
  const written = new Set(['index.json']);
  let changed = 0;
  for (const { file, ref, json, dangling } of built) {
    if (written.has(ref.file)) fail(file, `a second plan with id ${ref.id}`);
    written.add(ref.file);
    index.push(ref);
    if (dangling.length > 0) {
      // The official files are not perfect; say so rather than hide it, but they stay usable.
      console.warn(`gen-nomenclature: ${file}: accounts cite chapters the plan does not list: ${dangling.join(', ')}`);
    }
    if (writeIfChanged(join(outDir, ref.file), JSON.stringify(json) + '\n')) changed++;
  }
  // Code-unit order, not locale order: the output must be byte-identical on every machine.
  index.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (writeIfChanged(join(outDir, 'index.json'), JSON.stringify({ format: FORMAT, plans: index }, null, 1) + '\n')) changed++;

  // Plans removed from data/ must not linger in generated/.
  for (const f of readdirSync(outDir)) {
    if (f.endsWith('.json') && !written.has(f)) {
      rmSync(join(outDir, f));
      changed++;
    }
  }
  console.log(`gen-nomenclature: ${index.length} plans (${changed} files updated) in ${Date.now() - started} ms`);
}

main();
