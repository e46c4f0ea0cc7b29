// publie.csv figures explained by variants (built binary): the SITIV 2018–2022 report's épargne brute, recomputed here from the CSV ledgers.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
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

/** 583312 → "583 312" (the grouping of messages). */
function fr(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
