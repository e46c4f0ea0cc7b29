// published.ratio on real and hand-made TOTEM files (built binary): each printed ratio recomputed in the test from the raw XML text.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { blocks, BP_XML, CA_XML, cents, ligne, raw, SAMPLES, totemFile, v } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

/** A printed ratio as digits and decimals: "4,23 %" → { scaled: 423n, decimals: 2 }. */
function printedOf(text: string): { scaled: bigint; decimals: number } {
  const t = text.replace(/[\s%]/g, '').replace(',', '.');
  const [i, f = ''] = t.split('.');
  return { scaled: BigInt(i! + f), decimals: f.length };
}
/** num / den rounded half away from zero at `decimals` places, scaled to an integer (positive operands). */
const rounded = (num: bigint, den: bigint, decimals: number) => (2n * num * 10n ** BigInt(decimals) + den) / (2n * den);

describe('Crach lotissement CA 2021: the ten ratios it prints', () => {
  const xml = raw(CA_XML);
  const info = new Map([...xml.matchAll(/<Information Code="([^"]+)" V="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
  const lines = blocks(xml).map((b) => ({ nature: v(b, 'Nature'), chap: v(b, 'ContNat'), rd: v(b, 'CodRD'), op: v(b, 'OpBudg'), section: v(b, 'CaracSup', 'Section'), real: cents(v(b, 'MtReal')) }));
  const sum = (keep: (l: (typeof lines)[number]) => boolean) => lines.filter(keep).reduce((t, l) => t + l.real, 0n);
  const real = (l: (typeof lines)[number]) => l.op === '0' && l.nature !== '001' && l.nature !== '002';
  const rrf = sum((l) => real(l) && l.section === 'F' && l.rd === 'R');
  const drf = sum((l) => real(l) && l.section === 'F' && l.rd === 'D');
  const regie = sum((l) => l.op === '1' && l.rd === 'R' && l.nature.startsWith('722'));
  const capital = sum((l) => real(l) && l.section === 'I' && l.rd === 'D' && ['1641', '1643', '16441', '163', '168'].some((p) => l.nature.startsWith(p)) && !l.nature.startsWith('1688'));
  const equipement = sum((l) => real(l) && l.rd === 'D' && /^2[013]/.test(l.nature) && !l.nature.startsWith('204')) + regie;
  const impots = sum((l) => real(l) && l.nature.startsWith('73111'));
  const dgf = sum((l) => real(l) && ['7411', '74121', '74123', '74127'].some((p) => l.nature.startsWith(p)));
  const personnel = sum((l) => real(l) && (l.chap === '012' || /^6(21|4)/.test(l.nature)));
  const encours = [...xml.matchAll(/<EMPRUNT>[\s\S]*?<\/EMPRUNT>/g)].filter((m) => v(m[0], 'CodTypEmpr') === '01').reduce((t, m) => t + cents(v(m[0], 'MtCapitalRestDu_31_12')), 0n);
  const pop = BigInt(info.get('PopTot')!.replace(/\s/g, ''));
  // [code, numerator in cents, denominator (cents, or inhabitants × 100 for a per-inhabitant ratio), × 100 for a percentage]
  const recomputed: [string, bigint, bigint, bigint][] = [
    ['ValDepRFonc', drf - regie, 100n * pop, 1n],
    ['ValProdImpo', impots, 100n * pop, 1n],
    ['ValRecRFonc', rrf, 100n * pop, 1n],
    ['ValDepEq', equipement, 100n * pop, 1n],
    ['ValEncDettePop', encours, 100n * pop, 1n],
    ['ValDGFPop', dgf, 100n * pop, 1n],
    ['ValDepPers', personnel, drf, 100n],
    ['ValDepFoncRemDette', drf + capital, rrf, 100n],
    ['ValDepEqB', equipement, rrf, 100n],
    ['ValEncDetteRecFonc', encours, rrf, 100n],
  ];

  it('prints eight of them as computed; ValEncDettePop and ValEncDetteRecFonc print 0,00 against an encours of 2 500 000,00', () => {
    expect(encours).toBe(250000000n);
    const agree = recomputed.filter(([c, n, d, s]) => {
      const p = printedOf(info.get(c)!);
      return rounded(n * s, d, p.decimals) === p.scaled;
    });
    expect(agree.map(([c]) => c)).toEqual(['ValDepRFonc', 'ValProdImpo', 'ValRecRFonc', 'ValDepEq', 'ValDGFPop', 'ValDepPers', 'ValDepFoncRemDette', 'ValDepEqB']);
    // 250 000 000 / 344 600 = 725,48 €; 250 000 000 / 115 929 782 = 215,65 %: no variant (encours at 01/01 is the same
    // 2 500 000,00, capital repaid is 0, PopTot + NbResSec 3 950 gives 632,91) comes to 0,00.
    expect(rounded(encours, 100n * pop, 2)).toBe(72548n);
    expect(rounded(encours * 100n, rrf, 2)).toBe(21565n);
  });

  it('check names exactly those two as errors at their lines, the others pass: exit 1', () => {
    const r = run(['check', CA_XML, '--only', 'published.ratio', '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { severity: string; line: number; message: string; published: string; computed: string }[];
    const lineOf = (code: string) => xml.slice(0, xml.indexOf(`Code="${code}"`)).split('\n').length;
    expect(findings.map((f) => [f.severity, f.line, f.published, f.computed])).toEqual([
      ['error', lineOf('ValEncDettePop'), '0.00', '725.48'],
      ['error', lineOf('ValEncDetteRecFonc'), '0.00', '215.65'],
    ]);
    expect(findings[0]!.message).toBe('ValEncDettePop (Encours de la dette au 31/12 / population): published 0,00, computed 725,48; no known variant reproduces it (variants that change it: 2)');
    expect(findings[1]!.message).toMatch(/^ValEncDetteRecFonc .*: published 0,00 %, computed 215,65 %; no known variant reproduces it \(variants that change it: \d+\)$/);
  });
});

describe('budget documents: a BP is checked against its votes, a DM and a blank form are not', () => {
  it('the Crach lotissement BP 2022 prints eight ratios as its MtPrev give them; the two debt ratios cannot be computed (info)', () => {
    const xml = raw(BP_XML);
    const info = new Map([...xml.matchAll(/<Information Code="([^"]+)" V="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
    const lines = blocks(xml).map((b) => ({ nature: v(b, 'Nature'), rd: v(b, 'CodRD'), op: v(b, 'OpBudg'), section: v(b, 'CaracSup', 'Section'), prev: cents(v(b, 'MtPrev')) }));
    const voted = (keep: (l: (typeof lines)[number]) => boolean) => lines.filter((l) => l.op === '0' && l.nature !== '001' && l.nature !== '002' && keep(l)).reduce((t, l) => t + l.prev, 0n);
    const drf = voted((l) => l.section === 'F' && l.rd === 'D');
    const rrf = voted((l) => l.section === 'F' && l.rd === 'R');
    const capital = voted((l) => l.section === 'I' && l.rd === 'D' && l.nature.startsWith('1641'));
    const pop = BigInt(info.get('PopTot')!.replace(/\s/g, ''));
    // 199 994,08 / 3 446 = 58,04; 456 247,01 / 3 446 = 132,40; (199 994,08 + 2 500 000) / 456 247,01 = 591,78 %
    expect([rounded(drf, 100n * pop, 2), rounded(rrf, 100n * pop, 2), rounded((drf + capital) * 100n, rrf, 2)]).toEqual([5804n, 13240n, 59178n]);
    expect([printedOf(info.get('ValDepRFonc')!).scaled, printedOf(info.get('ValRecRFonc')!).scaled, printedOf(info.get('ValDepFoncRemDette')!).scaled]).toEqual([5804n, 13240n, 59178n]);
    const r = run(['check', BP_XML, '--only', 'published.ratio', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const findings = JSON.parse(r.stdout).findings as { severity: string; message: string }[];
    expect(findings.map((f) => [f.severity, f.message.split(' ')[0]])).toEqual([
      ['info', 'ValEncDettePop'],
      ['info', 'ValEncDetteRecFonc'],
    ]);
  });

  it('a DM reprints another document’s ratios: not checked; a BP whose ratios are all 0 (a SPIC, PopTot 0): one info', () => {
    expect(JSON.parse(run(['check', join(SAMPLES, 'totem/crach-principal-dm2-2021.xml'), '--only', 'published.ratio', '--format', 'json']).stdout).findings).toEqual([]);
    const t = JSON.parse(run(['check', join(SAMPLES, 'totem/transport-bp-2022.xml'), '--only', 'published.ratio', '--format', 'json']).stdout).findings;
    expect(t).toEqual([expect.objectContaining({ severity: 'info', message: 'all 10 printed ratios are 0: a blank form of the package, not figures; not checked' })]);
  });
});

describe('a hand-made CA whose ratios follow a variant', () => {
  // 7015 R 1 000,00, 6045 D 100,00, R002 carried 200,00; PopTot 10 (NbResSec 0).
  // ValRecRFonc: 1 000 / 10 = 100,00 standard; 120,00 = (1 000 + 200) / 10 counts the R002.
  // ValDepRFonc: 100 / 10 = 10,00. ValDepPers 0 / 100 = 0,00 %.
  const file = (recFonc: string) =>
    totemFile([
      `<InformationsGenerales><Information Code="PopTot" V="10"/><Information Code="NbResSec" V="0"/><Information Code="ValDepRFonc" V="10,00"/><Information Code="ValRecRFonc" V="${recFonc}"/><Information Code="ValDepPers" V="0,00 %"/></InformationsGenerales>`,
      ligne({ nature: '7015', contNat: '70', rd: 'R', real: '1000.00', section: 'F' }),
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '100.00', section: 'F' }),
      ligne({ nature: '002', rd: 'R', real: '200.00', section: 'F' }),
    ]);

  it('names the variant at warning level, with the difference, and exits 0', () => {
    const r = run(['check', file('120,00'), '--only', 'published.ratio', '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        checkId: 'published.ratio',
        published: '120.00',
        message: 'ValRecRFonc (Recettes réelles de fonctionnement / population): published 120,00 matches reporte-002-recettes — the carried result R002 counted in the recettes réelles de fonctionnement (difference from the standard definition: numerator 1 000,00 → 1 200,00 (+ 200,00)); the standard definition gives 100,00',
      }),
    ]);
  });

  it('says it in French', () => {
    const r = run(['check', file('120,00'), '--only', 'published.ratio'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(r.stdout).toContain('le chiffre publié 120,00 correspond à la variante reporte-002-recettes — le résultat reporté R002 compté dans les recettes réelles de fonctionnement (écart avec la définition standard : numérateur 1 000,00 → 1 200,00 (+ 200,00))');
  });

  it('a figure no variant reproduces is an error: exit 1', () => {
    const r = run(['check', file('99,00'), '--only', 'published.ratio', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ severity: 'error', published: '99.00' })]);
  });

  it('a value that is not a number is a warning', () => {
    const r = run(['check', file('n.c.'), '--only', 'published.ratio', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ severity: 'warning', message: 'ValRecRFonc (Recettes réelles de fonctionnement / population): the published value "n.c." is not a number' })]);
  });
});
