// publie.csv figures explained by variants (built binary): the SITIV 2018–2022 report's épargne brute, recomputed here from the CSV ledgers.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeFolder } from './helpers/folder.js';
import { run } from './helpers/run.js';

const DIR = 'fixtures/sitiv-2018-2022';
const YEARS = [2018, 2019, 2020, 2021, 2022];

/** Whole-euro ledger lines summed with plain integer arithmetic: no reader, plan or evaluator. */
function sums(year: number) {
  const rows = parse(readFileSync(`${DIR}/principal-${year}.csv`), { columns: true }) as Record<string, string>[];
  const euros = (keep: (r: Record<string, string>) => boolean) => rows.filter(keep).reduce((t, r) => t + BigInt(r.realise!.replace('.00', '')), 0n);
  const real = (r: Record<string, string>, sens: string) => r.section === 'F' && r.sens === sens && r.nature === 'reel';
  return {
    rrf: euros((r) => real(r, 'R')),
    drf: euros((r) => real(r, 'D')),
    r002: euros((r) => r.section === 'F' && r.sens === 'R' && r.chapitre === '002'),
    c77: euros((r) => real(r, 'R') && r.chapitre === '77'),
    // Lines the variant's épargne brute is made of, each rounded to the euro on its own in the ledger.
    lines: rows.filter((r) => r.section === 'F' && ((r.nature === 'reel' && r.realise !== '0.00') || r.chapitre === '002')).length,
  };
}
const published = new Map(
  (parse(readFileSync(`${DIR}/publie.csv`), { columns: true }) as Record<string, string>[])
    .filter((r) => /epargne\.epargne-brute\.\d{4}$/.test(r.id!))
    .map((r) => [Number(r.exercice), BigInt(r.valeur!.replace(/\s/g, ''))]),
);

describe('SITIV 2018–2022: the report’s épargne brute', () => {
  const r = run(['check', DIR, '--only', 'published.figure', '--format', 'json']);
  const findings = JSON.parse(r.stdout).findings as { severity: string; figureId?: string; message: string }[];
  const of = (y: number) => findings.find((f) => f.figureId === `principal.2018-2022.epargne.epargne-brute.${y}`)!;

  it('is RRF + R002 − chapter 77 − DRF in 2018–2021, within the rounding of the whole-euro lines; 2022 is not', () => {
    const reproduced = YEARS.filter((y) => {
      const s = sums(y);
      const variant = s.rrf + s.r002 - s.c77 - s.drf;
      const gap = published.get(y)! - variant;
      // Half a euro per line at most (the same allowance published.figure gives a sum of whole-euro lines).
      return 2n * (gap < 0n ? -gap : gap) <= BigInt(s.lines);
    });
    expect(reproduced).toEqual([2018, 2019, 2020, 2021]);
    // The standard (RRF − DRF) reproduces none.
    expect(YEARS.filter((y) => sums(y).rrf - sums(y).drf === published.get(y))).toEqual([]);
  });

  it('check names that pair of variants at warning level for 2018–2021 and keeps 2022 an error', () => {
    expect(YEARS.map((y) => of(y).severity)).toEqual(['warning', 'warning', 'warning', 'warning', 'error']);
    for (const y of [2018, 2019, 2020, 2021]) {
      const s = sums(y);
      expect(of(y).message).toContain('matches reporte-002-recettes + sans-chapitre-77 — the carried result R002 counted in the recettes réelles de fonctionnement, and chapter 77 taken out of the recettes');
      // The bridge by account: chapter 77 out, the R002 in (outside the accounts).
      expect(of(y).message).toContain(`[− chapter 77 ${fr(s.c77)},00, + outside the accounts (002, encours) ${fr(s.r002)},00]`);
    }
    expect(r.exitCode).toBe(1);
  });
});

describe('publie.csv figures of a hand-computed folder (M57 commune, 1 000 inhabitants)', () => {
  /*
   * FR real 70/7066 10 000 + 77/775 500 = RRF 10 500; FR order 042/722 200; FD real 011/60611 3 000; FD order 042/6811 300;
   * ID real 16/1641 1 000, 16/165 500, 21/2183 4 000, 204/2041512 600; IR 16/1641 8 000.
   * dette.csv: encours 31/12/2021 20 000, 31/12/2022 27 000 (= 20 000 − 1 000 + 8 000).
   * Standard: épargne brute 7 500; équipement brut 4 000 + 722 200 = 4 200; capital repaid 1 000 (1641).
   */
  const H = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar';
  const L = (s: string, chap: string, compte: string, n: string, real: string) => `principal,2022,${s},${chap},${compte},${n},${real},`;
  const LEDGER = [H, L('F,R', '70', '7066', 'reel', '10000.00'), L('F,R', '77', '775', 'reel', '500.00'), L('F,R', '042', '722', 'ordre', '200.00'), L('F,D', '011', '60611', 'reel', '3000.00'), L('F,D', '042', '6811', 'ordre', '300.00'), L('I,D', '16', '1641', 'reel', '1000.00'), L('I,D', '16', '165', 'reel', '500.00'), L('I,D', '21', '2183', 'reel', '4000.00'), L('I,D', '204', '2041512', 'reel', '600.00'), L('I,D', '040', '2183', 'ordre', '200.00'), L('I,R', '16', '1641', 'reel', '8000.00'), L('I,R', '040', '28183', 'ordre', '300.00')].join('\n') + '\n';
  const DETTE = 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2021,,,,20000.00\n2022,,,,27000.00\n';
  const PUBLIE = [
    'id,exercice,valeur,precision,source',
    'principal.2022.ratios.rrf-par-habitant.valeur,2022,"10,00",0.01,a', // (10 500 − 775) / 1 000; chapter 77 out gives the same
    'principal.2022.ratios.encours-par-habitant.valeur,2022,"20,00",0.01,b', // encours 01/01 20 000 / 1 000 (31/12: 27,00)
    'principal.2022.ratios.equipement-rrf.valeur,2022,"45,7",0.1,c', // (4 200 + 204 600) / 10 500 = 45,71 % (standard 40,0 %)
    'principal.2022.ratios.drf-remboursement-rrf.numerateur,2022,"4 500,00",0.01,d', // 3 000 + chapter 16 whole 1 500 (standard 4 000)
    'principal.2022.epargne.epargne-brute.montant,2022,"6 900,00",0.01,e', // (10 500 + 722 200 − 775 500) − (3 000 + 6811 300): two variants
    'principal.2022.epargne.epargne-brute.montant#x,2022,"1 234,00",0.01,f', // nothing gives it
  ].join('\n') + '\n';
  const dir = makeFolder(LEDGER, { entite: { nom: 'C', categorie: 'commune', population: 1000 }, dette: 'dette.csv', publie: 'publie.csv' }, { 'dette.csv': DETTE, 'publie.csv': PUBLIE });
  const r = run(['check', dir, '--only', 'published.figure', '--format', 'json']);
  const findings = JSON.parse(r.stdout).findings as { severity: string; line: number; message: string }[];
  const at = (line: number) => findings.find((f) => f.line === line)!;

  it('names the variant of each, the pair for an amount, and keeps the unexplained one an error (exit 1)', () => {
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[2, 'warning'], [3, 'warning'], [4, 'warning'], [5, 'warning'], [6, 'warning'], [7, 'error']]);
    expect(at(2).message).toContain('matches cessions-retirees — cessions (775) taken out of the recettes');
    expect(at(2).message).toMatch(/; also reproduced by sans-chapitre-77$/);
    expect(at(3).message).toContain('matches encours-01-01 — the encours at 01/01 instead of 31/12 (difference from the standard definition: numerator 27 000,00 → 20 000,00 (− 7 000,00)); the standard definition gives 27,00');
    expect(at(4).message).toContain('published 45,7 matches equipement-avec-204');
    expect(at(4).message).toContain('the standard definition gives 40,0 %');
    expect(at(5).message).toContain('matches chapitre-16-entier — the whole chapter 16 (165 deposits, 166, 16449 included) as capital repaid (difference from the standard definition: numerator 4 000,00 → 4 500,00 (+ 500,00) [+ 165 500,00])');
    expect(at(6).message).toContain('matches cessions-retirees + operations-ordre');
    expect(at(6).message).toContain('[− 775 500,00, + 722 200,00, − 6811 300,00]');
    expect(at(7).message).toBe('principal.2022.epargne.epargne-brute.montant: published 1 234,00, computed 7 500,00, difference -6 266,00 (f)');
    expect(r.exitCode).toBe(1);
  });
});

/** 583312 → "583 312" (the grouping of messages). */
function fr(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
