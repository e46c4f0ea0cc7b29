// French interface end to end (issue 15 item 7): under LANG=fr_FR.UTF-8 no English line, under LANG=C.UTF-8 no French one; machine formats the same in both.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from './helpers/folder.js';
import { run } from './helpers/run.js';

const CRACH_CA = 'test/data/samples/totem/crach-lotissement-ca-2021.xml';
const CFU = 'test/data/samples/cfu/cfu-structure-extract.xml';
const COMMANDS: string[][] = [
  ['compute', 'fixtures/sitiv-2022'],
  ['check', 'fixtures/sitiv-2022', '--severity', 'info'],
  ['compute', 'fixtures/sitiv-2018-2022'],
  ['check', 'fixtures/sitiv-2018-2022', '--severity', 'info'],
  ['compute', CRACH_CA],
  ['check', CRACH_CA, '--severity', 'info'],
  ['compute', CFU],
  ['check', CFU, '--severity', 'info'],
  ['compute', 'test/data/samples/totem/crach-principal-dm2-2021.xml'],
  ['diff', 'fixtures/sitiv-2022', 'fixtures/sitiv-2022-corrige'],
  ['diff', 'test/data/samples/totem/crach-principal-dm2-2021.xml', 'test/data/samples/totem/crach-principal-dm3-2021.xml'],
  ['convert', CRACH_CA, '--to', 'csv'],
  ['compute', 'fixtures/sitiv-2022', '--nomenclature', 'M99'],
  ['check', '--list-checks'],
];

/** Words of English prose that French never writes. */
// Word boundaries that know letters beyond ASCII (\b would find 'but' in 'début').
const ENGLISH = /(?<!\p{L})(the|is|are|not|and|of|with|from|for|must|found|missing|expected|computed|published|differs?|lines|rows|error|warning|notice|ignored|unknown|than|by|when|only|printed|yields|checked|gives|years|shown|which|but|no such)(?!\p{L})/iu;
/** Words of French prose that English never writes. */
const FRENCH = /(?<!\p{L})(le|les|des|du|est|pas|une|aucun|aucune|ligne|lignes|erreurs?|avertissements?|remarque|calculé|publié|dans|mais|ni|sont)(?!\p{L})/iu;

/**
 * The lines a person reads as prose: table rows (box drawing), the domain's own words (table titles and row labels
 * stay French in both languages, as the accounting's) and data quoted from the inputs are left out.
 */
function prose(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => l.trim() !== '' && !/[│┌├└─]/.test(l))
    // Data from the inputs: publie.csv's source column, quoted values, account and chapter labels after a code.
    .map((l) =>
      l
        .replace(/\((seed|source)[^()]*(\([^()]*\)[^()]*)*\)/g, '')
        .replace(/«[^»]*»|"[^"]*"/g, '')
        // Machine words: check ids, figure ids, file paths, options.
        .replace(/\[[a-z0-9.-]+\]/g, '')
        .replace(/\b[\w-]+(\.[\w-]+)+\b/g, '')
        .replace(/\S+\.(csv|xml|json|xlsx|md)\b(:\d+)*/g, '')
        .replace(/--[a-z-]+/g, '')
        // A law quoted as the source of a ceiling.
        .replace(/\(LPFP.*\)/g, ''),
    )
    // Provenance comment lines name files, hashes and options.
    .filter((l) => !/^#/.test(l) && !/^(tool|input|plan|options|definition)\b/.test(l));
}

/** `  note: Épargne nette: épargne brute − remboursement…`: an aggregate's label and formula, from src/definitions/. */
const DEFINITION_NOTE = /^ {2}note: [^:]+: .*(÷|−|\(chapitres? |comptes |tous chapitres)/;

/** Lines still printed in English under LANG=fr: none since the TOTEM reader's notice joined the catalogue. */
const OWNED_ENGLISH: RegExp[] = [];

function runIn(lang: string, args: string[]) {
  return run(args, { env: { LANG: lang, LC_ALL: '', LC_MESSAGES: '' } });
}

describe('a ledger as Excel leaves it: the same notices for CSV and XLSX, in the interface language', () => {
  // A title row, a blank row and a chapter without its leading zero: F D 011 10,00, F R 70 20,00 → solde 10,00.
  const dir = tempDir();
  const csv = join(dir, 'grand-livre.csv');
  writeFileSync(csv, 'Grand livre 2022\n\nbudget;exercice;section;sens;chapitre;realise;rar\np;2022;F;D;11;10;0\n;;;;;;\np;2022;F;R;70;20;0\n');
  const xlsx = join(dir, 'grand-livre.xlsx');
  it.each([
    ['fr_FR.UTF-8', ['remarque : {f} : 1 ligne de titre au-dessus de l’en-tête ignorée', 'remarque : {f} : 1 ligne vide ignorée', 'remarque : {f} : chapitre 11 lu comme 011 (Excel supprime les zéros de tête), 1 ligne']],
    ['C.UTF-8', ['notice: {f}: 1 title row above the header skipped', 'notice: {f}: 1 blank row skipped', 'notice: {f}: chapitre 11 read as 011 (Excel drops leading zeros), 1 line']],
  ] as const)('LANG=%s', async (lang, expected) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Grand livre');
    for (const r of [['Grand livre 2022'], [], ['budget', 'exercice', 'section', 'sens', 'chapitre', 'realise', 'rar'], ['p', 2022, 'F', 'D', '11', 10, 0], [], ['p', 2022, 'F', 'R', '70', 20, 0]]) ws.addRow(r);
    await wb.xlsx.writeFile(xlsx);
    for (const f of [csv, xlsx]) {
      const r = runIn(lang, ['compute', f, '--format', 'json']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).figures['p.2022.execution.fonctionnement-exercice.solde']).toBe('10.00');
      const lines = r.stderr.split('\n');
      for (const e of expected) expect(lines).toContain(e.replace('{f}', f));
    }
  });
});

describe('language of the interface', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('LANG=fr_FR.UTF-8 %s: no English line', (_name, args) => {
    const r = runIn('fr_FR.UTF-8', args);
    const english = prose(r.stdout + '\n' + r.stderr).filter((l) => ENGLISH.test(l) && !OWNED_ENGLISH.some((o) => o.test(l)));
    expect(english).toEqual([]);
  }, 60_000);

  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('LANG=C.UTF-8 %s: no French line', (_name, args) => {
    const r = runIn('C.UTF-8', args);
    // Table titles, headings and labels are the accounting's French words: only diagnostics and notes are prose here.
    const lines = prose(r.stdout + '\n' + r.stderr)
      .filter((l) => /^(\S+: |  (note|n\.s\.)|error|notice|warning|sitiv-ca)/.test(l))
      // The definitions' own notes name each aggregate by its French label and its accounts (domain words, like the tables').
      .filter((l) => !DEFINITION_NOTE.test(l));
    // A parenthesis names a domain label (a bilan line, a ratio's formula): French by nature.
    const unparenthesised = (l: string) => l.replace(/\((?:[^()]|\([^()]*\))*\)/g, '');
    expect(lines.filter((l) => FRENCH.test(unparenthesised(l)))).toEqual([]);
  }, 60_000);

  it('machine formats do not change with the language: JSON figures and ids, check ids and places', () => {
    for (const folder of ['fixtures/sitiv-2022', CRACH_CA, CFU]) {
      const fr = JSON.parse(runIn('fr_FR.UTF-8', ['compute', folder, '--format', 'json']).stdout);
      const en = JSON.parse(runIn('C.UTF-8', ['compute', folder, '--format', 'json']).stdout);
      expect(fr.figures).toEqual(en.figures);
      expect(Object.keys(fr)).toEqual(Object.keys(en));
      expect(fr.tables.map((t: { id: string }) => t.id)).toEqual(en.tables.map((t: { id: string }) => t.id));
      const cf = JSON.parse(runIn('fr_FR.UTF-8', ['check', folder, '--format', 'json']).stdout);
      const ce = JSON.parse(runIn('C.UTF-8', ['check', folder, '--format', 'json']).stdout);
      const shape = (j: { findings: Record<string, unknown>[] }) => j.findings.map((f) => [f.checkId, f.severity, f.file, f.line, f.figureId, f.published, f.computed, f.difference]);
      expect(shape(cf)).toEqual(shape(ce));
      expect(Object.keys(cf)).toEqual(Object.keys(ce));
      expect(cf.findings.length).toBeGreaterThan(0);
    }
  }, 120_000);
});
