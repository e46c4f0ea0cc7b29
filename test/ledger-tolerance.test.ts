// Ledgers as spreadsheets really leave them (issue 15) and CSV syntax as exports write it (issue 11): each with the figures it must give, hand-computed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode } from '../src/read/dialect/encoding.js';
import { HEADER, makeFolder, tempDir } from './helpers/folder.js';
import { run } from './helpers/run.js';

const FIG = 'principal.2022.execution.';

/** A folder whose ledger holds exactly these bytes. */
function folderWith(bytes: Uint8Array | string, manifest: Record<string, unknown> = {}): string {
  const dir = makeFolder('', manifest);
  writeFileSync(join(dir, 'ledger.csv'), bytes);
  return dir;
}

function compute(dir: string, extra: string[] = []) {
  const r = run(['compute', dir, '--format', 'json', ...extra]);
  return { ...r, figures: r.exitCode === 0 ? (JSON.parse(r.stdout).figures as Record<string, string>) : {} };
}

// Saved by Excel as "CSV (séparateur : point-virgule)": Windows-1252, `;`, decimal comma, CRLF, a title block,
// blank rows, the chapter column read as numbers (leading zeros dropped), French words for the codes.
const EXCEL = [
  'Compte administratif 2022 - Commune de Test;;;;;;;;;',
  'Edité le 15/03/2023;;;;;;;;;',
  ';;;;;;;;;',
  'Budget;Exercice;Section;Sens;Chap.;Article;Libellé;Nature;Réalisé;Restes à réaliser',
  'principal;2022;Fonctionnement;Dépense;11;60611;Eau et assainissement;Réel;1 234,56;',
  'principal;2022;Fonctionnement;Dépense;11;6063;Fournitures;Réel;765,44;',
  'principal;2022;F;D;12;64111;Rémunération;R;10 000,00;',
  ';;;;;;;;;',
  'principal;2022;Fonctionnement;Recette;13;6419;Remboursements;Réel;500,00;',
  'principal;2022;Fonctionnement;Recette;74;7411;Dotation forfaitaire;Réel;20 000,00;',
  'principal;2022;Fonctionnement;Recette;2;;Excédent reporté;;3 000,00;',
  'principal;2022;Investissement;Dépense;21;2183;Ecran 24" bureau;Réel;1 500,00;200,00',
  'principal;2022;Investissement;Recette;13;1321;Subvention;Réel;800,00;',
  'principal;2022;Fonctionnement;Dépense;042;6811;Dotations;;400,00;',
  'principal;2022;Investissement;Recette;040;28183;Amortissements;ordre;400,00;',
].join('\r\n') + '\r\n';

describe('an Excel-saved ledger computes first time', () => {
  const dir = folderWith(encode(EXCEL, 'windows-1252'));
  const r = compute(dir);
  const file = join(dir, 'ledger.csv');

  it('exit 0 with the hand-computed figures', () => {
    expect(r.stderr).not.toContain('error');
    expect(r.exitCode).toBe(0);
    // FD: 1 234,56 + 765,44 + 10 000 + 400 (042); FR: 500 (013) + 20 000; 002 carried 3 000.
    expect(r.figures[`${FIG}fonctionnement-exercice.depenses`]).toBe('12400.00');
    expect(r.figures[`${FIG}fonctionnement-exercice.recettes`]).toBe('20500.00');
    expect(r.figures[`${FIG}fonctionnement-reporte.recettes`]).toBe('3000.00');
    // ID: 1 500 (21); IR: 800 (13 stays 13 in I) + 400 (040); RAR ID 200.
    expect(r.figures[`${FIG}investissement-exercice.depenses`]).toBe('1500.00');
    expect(r.figures[`${FIG}investissement-exercice.recettes`]).toBe('1200.00');
    expect(r.figures[`${FIG}investissement-rar.depenses`]).toBe('200.00');
  });

  it('lists each repair once, with its count', () => {
    expect(r.stderr).toContain(`notice: ${file}: 2 title rows above the header skipped`);
    expect(r.stderr).toContain(`notice: ${file}: 1 blank row skipped`);
    expect(r.stderr).toContain(`notice: ${file}: chapitre 11 read as 011 (Excel drops leading zeros), 2 lines`);
    expect(r.stderr).toContain(`notice: ${file}: chapitre 12 read as 012 (Excel drops leading zeros), 1 line`);
    expect(r.stderr).toContain(`notice: ${file}: chapitre 13 read as 013 (Excel drops leading zeros), 1 line`);
    expect(r.stderr).toContain(`notice: ${file}: chapitre 2 read as 002 (Excel drops leading zeros), 1 line`);
    expect(r.stderr).not.toContain('chapitre 21 read');
    expect(r.stderr).toContain(`notice: ${file}: a " inside an unquoted field is read as text (an inch mark?) on line 12`);
  });

  it('gives the same figures as the neutral ledger of the same lines', () => {
    const neutral = makeFolder(
      [
        HEADER,
        'principal,2022,F,D,011,60611,reel,1234.56,',
        'principal,2022,F,D,011,6063,reel,765.44,',
        'principal,2022,F,D,012,64111,reel,10000.00,',
        'principal,2022,F,R,013,6419,reel,500.00,',
        'principal,2022,F,R,74,7411,reel,20000.00,',
        'principal,2022,F,R,002,,,3000.00,',
        'principal,2022,I,D,21,2183,reel,1500.00,200.00',
        'principal,2022,I,R,13,1321,reel,800.00,',
        'principal,2022,F,D,042,6811,ordre,400.00,',
        'principal,2022,I,R,040,28183,ordre,400.00,',
      ].join('\n'),
    );
    expect(compute(neutral).figures).toEqual(r.figures);
  });
});

describe('chapter codes Excel cut: did you mean', () => {
  const expectError = (line: string, pattern: RegExp) => {
    const r = run(['compute', makeFolder(`${HEADER}\n${line}`)]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(pattern);
  };
  it('no padding gives a chapter: the nearest ones are named', () => {
    // 10 is an investment chapter, 010 none: the nearest of fonctionnement dépenses are 011 and 012.
    expectError('principal,2022,F,D,10,,reel,1.00,', /ledger\.csv:2:3 \(section\): chapter 10 belongs to section I \(investissement\), not F \(did you mean 011 or 012\?\)/);
    expectError('principal,2022,F,D,5,,reel,1.00,', /ledger\.csv:2:5 \(chapitre\): unknown chapter 5 in plan M57-M57-\d+ \(did you mean 002 or 011\?\)/);
  });
  it('13 in fonctionnement dépenses is neither 13 (investissement) nor 013 (recettes)', () => {
    expectError('principal,2022,F,D,13,,reel,1.00,', /ledger\.csv:2:3 \(section\): chapter 13 belongs to section I \(investissement\), not F \(did you mean 012 or 014\?\)/);
  });
});

describe('header mapping', () => {
  it('any order, synonyms, no compte nor nature column', () => {
    const r = compute(folderWith('Réalisé,RAR,chapitre budgétaire,F/I,D/R,Exercice,BUDGET\n100.00,,011,F,D,2022,principal\n40.00,,65,F,D,2022,principal\n'));
    expect(r.exitCode).toBe(0);
    expect(r.figures[`${FIG}fonctionnement-exercice.depenses`]).toBe('140.00');
  });
  it('a mapping file (--columns) and the manifest "columns" for names no synonym covers', () => {
    const text = 'budget,exercice,section,sens,chapitre,Montant net,Reste\nprincipal,2022,F,D,011,70.00,\n';
    const map = join(tempDir(), 'map.json');
    writeFileSync(map, JSON.stringify({ 'Montant net': 'realise', Reste: 'rar' }));
    expect(compute(folderWith(text), ['--columns', map]).figures[`${FIG}fonctionnement-exercice.depenses`]).toBe('70.00');
    expect(compute(folderWith(text, { columns: { 'montant NET': 'realise', reste: 'rar' } })).figures[`${FIG}fonctionnement-exercice.depenses`]).toBe('70.00');
    const missing = run(['compute', folderWith(text)]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('missing column realise');
    writeFileSync(map, JSON.stringify({ 'Montant net': 'montant' }));
    const bad = run(['compute', folderWith(text), '--columns', map]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('maps to "montant", which is no ledger column');
  });
});

describe('CSV syntax of the ledger (issue 11)', () => {
  it('an unclosed quote is an error naming the line it opens on', () => {
    const r = run(['compute', folderWith(`${HEADER},libelle\nprincipal,2022,F,D,011,,reel,1.00,,ok\nprincipal,2022,F,D,012,,reel,1.00,,"open\n`)]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/ledger\.csv:3: CSV syntax: a quote opened on this line is never closed/);
  });
  it('text after a closing quote is an error naming its line, and the next lines are still read', () => {
    const r = run(['compute', folderWith(`${HEADER},libelle\nprincipal,2022,F,D,011,,reel,1.00,,"a"b\nprincipal,2022,F,D,099,,reel,1.00,,x\n`)]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/ledger\.csv:2: CSV syntax: text after the closing quote/);
    expect(r.stderr).toMatch(/ledger\.csv:3:5 \(chapitre\): unknown chapter 099/);
  });
  it('CRLF and LF mixed are read line by line', () => {
    const r = compute(folderWith(`${HEADER}\r\nprincipal,2022,F,D,011,,reel,1.00,\nprincipal,2022,F,D,012,,reel,2.00,\r\nprincipal,2022,F,D,65,,reel,4.00,\n`));
    expect(r.figures[`${FIG}fonctionnement-exercice.depenses`]).toBe('7.00');
  });
  it('a quoted field over two lines, then an error: the line is counted right', () => {
    const r = run(['compute', folderWith(`${HEADER},libelle\nprincipal,2022,F,D,011,,reel,1.00,,"a\nb"\nprincipal,2022,F,D,012,,reel,x,,c\n`)]);
    expect(r.stderr).toMatch(/ledger\.csv:4:8 \(realise\)/);
  });
  it('a ledger holding only its header is a warning naming the file, exit 0', () => {
    const dir = makeFolder(`${HEADER}\n`, { ledgers: ['ledger.csv', 'other.csv'] }, { 'other.csv': `${HEADER}\nprincipal,2022,F,D,011,,reel,1.00,\n` });
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`warning: ${join(dir, 'ledger.csv')}: the ledger holds only its header`);
  });
});
