// The single-year tables of the real samples, every figure recomputed in the test straight from the file's text
// (regular expressions over the TOTEM XML, csv-parse over the SCDL CSV): no reader, plan or model involved.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildComputeReport } from '../src/report/compute-report.js';
import { loadFile } from '../src/read/single-file.js';
import { figures } from '../src/render/json.js';
import { blocks, CA_XML, cents, euros, MORBIHAN_SCDL, raw, v } from './helpers/totem-xml.js';

const quiet = { notice: () => {} };
const CAPITAL = (n: string) => ['1641', '1643', '16441', '163', '168'].some((p) => n.startsWith(p)) && !n.startsWith('1688');
/** Half away from zero, for a positive quotient of integers. */
const roundDiv = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);

describe('Crach lotissement, CA 2021 (TOTEM)', () => {
  const xml = raw(CA_XML);
  const lines = blocks(xml).map((b) => ({ nature: v(b, 'Nature'), chap: v(b, 'ContNat'), rd: v(b, 'CodRD'), op: v(b, 'OpBudg'), section: v(b, 'CaracSup', 'Section'), real: cents(v(b, 'MtReal')), co: cents(v(b, 'CredOuv')) }));
  const sum = (keep: (l: (typeof lines)[number]) => boolean) => lines.filter(keep).reduce((t, l) => t + l.real, 0n);
  const carried = (n: string) => n === '001' || n === '002';
  const rrf = sum((l) => l.section === 'F' && l.rd === 'R' && l.op === '0' && !carried(l.nature));
  const drf = sum((l) => l.section === 'F' && l.rd === 'D' && l.op === '0' && !carried(l.nature));
  const interets = sum((l) => l.rd === 'D' && l.op === '0' && (l.nature.startsWith('66111') || l.nature.startsWith('66112')));
  const cessions = sum((l) => l.rd === 'R' && l.op === '0' && l.nature.startsWith('775'));
  const capital = sum((l) => l.section === 'I' && l.rd === 'D' && l.op === '0' && CAPITAL(l.nature));
  // The annex: own loans (CodTypEmpr 01) summed from the EMPRUNT blocks.
  const loans = [...xml.matchAll(/<EMPRUNT>[\s\S]*?<\/EMPRUNT>/g)].map((m) => m[0]).filter((b) => v(b, 'CodTypEmpr') === '01');
  const annex = (field: string) => loans.reduce((t, b) => t + cents(v(b, field)), 0n);
  const population = BigInt(/<Information Code="PopTot" V="([^"]*)"/.exec(xml)![1]!.replace(/\s/g, ''));

  it('épargne, dette and capacité equal the sums over the XML text', async () => {
    const f = figures(buildComputeReport(await loadFile(CA_XML, quiet)).tables);
    const s = '21560046100085.2021';
    const e = (row: string) => f[`${s}.epargne.${row}.montant`];
    expect(loans).toHaveLength(2);
    expect(e('recettes-reelles')).toBe(euros(rrf));
    expect(e('depenses-reelles')).toBe(euros(drf));
    expect(e('epargne-brute')).toBe(euros(rrf - drf));
    expect(e('interets')).toBe(euros(interets));
    expect(e('epargne-gestion')).toBe(euros(rrf - drf + interets));
    expect(e('epargne-brute-hors-cessions')).toBe(euros(rrf - drf - cessions));
    expect(e('epargne-nette')).toBe(euros(rrf - drf - capital));
    expect(f[`${s}.dette.encours-0101.montant`]).toBe(euros(annex('MtCapitalRestDu_01_01')));
    expect(f[`${s}.dette.encours-3112.montant`]).toBe(euros(annex('MtCapitalRestDu_31_12')));
    expect(f[`${s}.dette.interets.montant`]).toBe(euros(annex('MtIntExer')));
    // Capacité: encours 31/12 ÷ épargne brute, to one decimal (integer arithmetic on tenths).
    expect(f[`${s}.capacite.ratio.valeur`]).toBe((Number(roundDiv(annex('MtCapitalRestDu_31_12') * 10n, rrf - drf)) / 10).toFixed(1));
    // Per inhabitant, PopTot "3 446"; the file prints the same two ratios (ValDepRFonc, ValRecRFonc): they agree.
    expect(f[`${s}.ratios.drf-par-habitant.valeur`]).toBe(euros(roundDiv(drf, population)));
    expect(f[`${s}.ratios.rrf-par-habitant.valeur`]).toBe(euros(roundDiv(rrf, population)));
    expect(/Code="ValDepRFonc" V="([^"]*)"/.exec(xml)![1]!.replace(',', '.')).toBe(f[`${s}.ratios.drf-par-habitant.valeur`]);
    expect(/Code="ValRecRFonc" V="([^"]*)"/.exec(xml)![1]!.replace(',', '.')).toBe(f[`${s}.ratios.rrf-par-habitant.valeur`]);
  });

  it('the chapter table: crédits ouverts and réalisé per chapter as the XML has them', async () => {
    const f = figures(buildComputeReport(await loadFile(CA_XML, quiet)).tables);
    const s = '21560046100085.2021.chapitres-';
    for (const [chap, key] of [['011', 'FD'], ['042', 'FD'], ['043', 'FR'], ['040', 'IR']] as const) {
      const mine = lines.filter((l) => l.chap === chap && `${l.section}${l.rd}` === key);
      expect(mine.length, chap).toBeGreaterThan(0);
      expect(f[`${s}${key}.${chap}.realise`], chap).toBe(euros(mine.reduce((t, l) => t + l.real, 0n)));
      expect(f[`${s}${key}.${chap}.credits-ouverts`], chap).toBe(euros(mine.reduce((t, l) => t + l.co, 0n)));
    }
    expect(f[`${s}FD.002.realise`]).toBe(euros(lines.find((l) => l.nature === '002')!.real));
  });

  it('RAR table from the M14 plan: no SITIV row (018, 016, 017, 6586) and no "45" row', async () => {
    const t = buildComputeReport(await loadFile(CA_XML, quiet)).tables.find((x) => x.id === 'rar')!;
    const codes = t.rows.map((r) => (r.cells.chapitre as { text: string }).text);
    for (const sitiv of ['018', '016', '017', '6586', '45']) expect(codes).not.toContain(sitiv);
    expect(codes.slice(0, 4)).toEqual(['(I)', '010', '10', '13']);
    expect(codes).toContain('4581');
  });
});

describe('Morbihan, CA 2021 budget principal (SCDL, M57_D)', () => {
  const records = parse(readFileSync(MORBIHAN_SCDL), { columns: true, bom: true }) as Record<string, string>[];
  const amount = (r: Record<string, string>) => cents(r.BGT_MTREAL!.trim() === '' ? '0' : r.BGT_MTREAL!.trim());
  const sum = (keep: (r: Record<string, string>) => boolean) => records.filter(keep).reduce((t, r) => t + amount(r), 0n);
  const real = (r: Record<string, string>) => r.BGT_OPBUDG === 'réel' && !['001', '002'].includes(r.BGT_NATURE!);
  const fonct = (r: Record<string, string>) => r.BGT_SECTION === 'fonctionnement' || (r.BGT_SECTION === '' && /^[67]/.test(r.BGT_NATURE!));

  it('épargne and the ratios that need no population equal the sums over the CSV', async () => {
    const rrf = sum((r) => real(r) && fonct(r) && r.BGT_CODRD === 'recette');
    const drf = sum((r) => real(r) && fonct(r) && r.BGT_CODRD === 'dépense');
    const personnel = sum((r) => real(r) && r.BGT_CONTNAT === '012');
    const capital = sum((r) => real(r) && r.BGT_CODRD === 'dépense' && CAPITAL(r.BGT_NATURE!));
    const f = figures(buildComputeReport(await loadFile(MORBIHAN_SCDL, { nomenclature: 'M57_D', ...quiet })).tables);
    const s = '22560001400016.2021';
    expect(f[`${s}.epargne.recettes-reelles.montant`]).toBe(euros(rrf));
    expect(f[`${s}.epargne.depenses-reelles.montant`]).toBe(euros(drf));
    expect(f[`${s}.epargne.capital-rembourse.montant`]).toBe(euros(capital));
    expect(f[`${s}.epargne.epargne-nette.montant`]).toBe(euros(rrf - drf - capital));
    // 012 / DRF in percent, one decimal: integer arithmetic on thousandths.
    expect(f[`${s}.ratios.personnel-drf.valeur`]).toBe((Number(roundDiv(personnel * 1000n, drf)) / 10).toFixed(1));
    expect(f[`${s}.ratios.rrf-par-habitant.valeur`]).toBeNull();
  });
});
