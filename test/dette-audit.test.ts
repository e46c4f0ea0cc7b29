// The debt annex audit: a synthetic CA annex (a refinancing pair 05/06, guaranteed loans, a loan whose roll-forward is
// off by one cent) with every figure computed by hand, and the real samples' annexes recomputed from the raw XML.
import { describe, expect, it } from 'vitest';
import { auditAnnex } from '../src/compute/dette-audit.js';
import { emptyModel, exerciceOf } from '../src/model/budget.js';
import { loadFile } from '../src/read/single-file.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { figures } from '../src/render/json.js';
import { run } from './helpers/run.js';
import { CA_XML, SAMPLES, cents, euros, ligne, raw, totemFile } from './helpers/totem-xml.js';
import { join } from 'node:path';

const emprunt = (f: Record<string, string>) => `<EMPRUNT>${Object.entries(f).map(([k, v]) => `<${k} V="${v}"/>`).join('')}</EMPRUNT>`;
const ANNEX = `<DATA_EMPRUNT>
${emprunt({ CodTypEmpr: '01', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2015', MtEmprOrig: '100000.00', DureeRest: '5', LibOrgaPreteur: 'BANQUE A', CodTyptxDtVote: 'F', MtIntExer: '1200.00', MtCapitalExer: '10000.00', MtCapitalRestDu_01_01: '60000.00', MtCapitalRestDu_31_12: '50000.00', NumContrat: 'A' })}
${emprunt({ CodTypEmpr: '06', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2010', MtEmprOrig: '80000.00', DureeRest: '0', LibOrgaPreteur: 'BANQUE B', CodTyptxDtVote: 'V', MtIntExer: '300.00', MtCapitalExer: '40000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalRestDu_31_12: '0.00', NumContrat: 'B-old' })}
${emprunt({ CodTypEmpr: '05', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2021', MtEmprOrig: '40000.00', DureeRest: '2.5', LibOrgaPreteur: 'BANQUE B', CodTyptxDtVote: 'R', MtIntExer: '150.00', MtCapitalExer: '2000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalRestDu_31_12: '38000.00', NumContrat: 'B-new' })}
${emprunt({ CodTypEmpr: '01', CodProfilAmort: 'X', CodArticle: '1641', AnEncaisse: '2018', MtEmprOrig: '12000.00', DureeRest: '3', LibOrgaPreteur: 'BANQUE  A', CodTyptxInit: 'C', MtIntExer: '100.00', MtCapitalExer: '1000.00', MtCapitalRestDu_01_01: '10000.00', MtCapitalRestDu_31_12: '9000.01', NumContrat: 'C-cent' })}
${emprunt({ CodTypEmpr: '09', CodProfilAmort: 'X', AnEncaisse: '2019', ObjEmpr: 'GYMNASE', MtEmprOrig: '500000.00', DureeRest: '17', LibOrgaPreteur: 'BANQUE C', CodTyptxDtVote: 'F', MtIntExer: '9000.00', MtCapitalExer: '25000.00', MtCapitalRestDu_01_01: '450000.00', MtCapitalRestDu_31_12: '425000.00', NomBenefEmprGaranti: 'ASSOCIATION SPORTIVE', CodTypEmprGaranti: '01', PartGarantie: '60', NumContrat: 'G1' })}
${emprunt({ CodTypEmpr: '09', CodProfilAmort: 'X', AnEncaisse: '2012', ObjEmpr: 'RESIDENCE LES PINS', MtEmprOrig: '150000.00', DureeRest: '20', LibOrgaPreteur: 'CDC', CodTyptxDtVote: 'R', MtIntExer: '1000.00', MtCapitalExer: '5000.00', MtCapitalRestDu_01_01: '100000.00', MtCapitalRestDu_31_12: '95000.00', NomBenefEmprGaranti: 'SA HLM LES FOYERS', CodTypEmprGaranti: '01', NumContrat: 'G2' })}
${emprunt({ CodTypEmpr: '10', RReelFon: '50000.00' })}
</DATA_EMPRUNT>`;

const LINES = [
  ligne({ nature: '7066', contNat: '70', rd: 'R', real: '50000.00', section: 'F' }),
  ligne({ nature: '60611', contNat: '011', rd: 'D', real: '20000.00', section: 'F' }),
  ligne({ nature: '66111', contNat: '66', rd: 'D', real: '1750.00', section: 'F' }),
  ligne({ nature: '1641', contNat: '16', rd: 'D', real: '13000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'D', real: '40000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'R', real: '40000.00', section: 'I' }),
];

const S = '21560046100085.2021';

describe('debt annex audit on a synthetic CA annex (figures by hand)', async () => {
  const path = totemFile(LINES, { annexes: ANNEX });
  const f = figures(buildComputeReport(await loadFile(path, { notice: () => {} })).tables);
  const lineOf = (contrat: string) => raw(path).split('\n').findIndex((l) => l.includes(`<NumContrat V="${contrat}"/>`)) + 1;

  it('rolls each loan forward: the 05 drawn in the year starts from 0, the 06 ends at 0, C-cent is off by one cent', () => {
    const id = (c: string, col: string) => f[`${S}.dette-emprunts.ligne-${lineOf(c)}.${col}`];
    // B-new (05, encashed 2021): 0 − 2 000 + 40 000 = 38 000; B-old (06): 40 000 − 40 000 = 0.
    expect([id('B-new', 'encours-0101'), id('B-new', 'mobilise'), id('B-new', 'recalcule'), id('B-new', 'ecart')]).toEqual(['0.00', '40000.00', '38000.00', '0.00']);
    expect([id('B-old', 'recalcule'), id('B-old', 'ecart')]).toEqual(['0.00', '0.00']);
    // C-cent: 10 000 − 1 000 = 9 000.00 against 9 000.01 written.
    expect([id('C-cent', 'recalcule'), id('C-cent', 'ecart')]).toEqual(['9000.00', '0.01']);
    // The guaranteed loan rolls forward too: 450 000 − 25 000 = 425 000.
    expect(id('G1', 'ecart')).toBe('0.00');
    expect(f[`${S}.dette-emprunts.total.ecart`]).toBe('0.01');
  });

  it('compares the annex with the ledger, 166 neutralised: 53 000 − 40 000 refinanced = 13 000 = 1641; interest 1 750 = 66111', () => {
    expect(f[`${S}.dette-rapprochement.compte-1641.annexe`]).toBe('53000.00');
    expect(f[`${S}.dette-rapprochement.refinancement.annexe`]).toBe('-40000.00');
    expect([f[`${S}.dette-rapprochement.capital.annexe`], f[`${S}.dette-rapprochement.capital.grand-livre`], f[`${S}.dette-rapprochement.capital.ecart`]]).toEqual(['13000.00', '13000.00', '0.00']);
    expect([f[`${S}.dette-rapprochement.interets.annexe`], f[`${S}.dette-rapprochement.interets.ecart`]]).toEqual(['1750.00', '0.00']);
    expect([f[`${S}.dette-rapprochement.166-d.grand-livre`], f[`${S}.dette-rapprochement.166-r.grand-livre`]]).toEqual(['40000.00', '40000.00']);
  });

  it('guaranteed loans apart, the social-housing one outside the ratios Galland', () => {
    // Own annuities 13 000 + 1 750 = 14 750; guaranteed outside social housing: G1 25 000 + 9 000 = 34 000.
    expect(f[`${S}.dette-garanties-ratios.annuites-propres.numerateur`]).toBe('14750.00');
    expect(f[`${S}.dette-garanties-ratios.annuites-garanties.numerateur`]).toBe('34000.00');
    // Plafonnement: 48 750 / 50 000 = 97,5 % > 50 %.
    expect([f[`${S}.dette-garanties-ratios.plafonnement.numerateur`], f[`${S}.dette-garanties-ratios.plafonnement.valeur`]]).toEqual(['48750.00', '97.5']);
    // Division: 34 000 / (25 000 − 14 750) = 331,7 %.
    expect([f[`${S}.dette-garanties-ratios.division.denominateur`], f[`${S}.dette-garanties-ratios.division.valeur`]]).toEqual(['10250.00', '331.7']);
    // Partage: G1 guaranteed at 60 % (limit 50 %); G2 (SA HLM) is social housing: no partage row.
    expect(f[`${S}.dette-garanties-ratios.partage-ligne-${lineOf('G1')}.valeur`]).toBe('60.0');
    expect(f[`${S}.dette-garanties-ratios.partage-ligne-${lineOf('G2')}.valeur`]).toBeUndefined();
    expect(f[`${S}.dette-garanties.total.annuite`]).toBe('40000.00');
  });

  it('extinction at constant capital (C-cent rounds to the cent), lenders and rates', () => {
    const y = (year: number) => f[`${S}.dette-extinction.${year}.capital`];
    // 2022: 50 000 × 4/5 + 38 000 × 1,5/2,5 + 9 000,01 × 2/3 = 40 000 + 22 800 + 6 000,01.
    expect([y(2021), y(2022), y(2023), y(2024), y(2025), y(2026), y(2027)]).toEqual(['97000.01', '68800.01', '40600.00', '20000.00', '10000.00', '0.00', undefined]);
    // Lenders (spaces squeezed: "BANQUE  A" is BANQUE A): 59 000,01 / 97 000,01 = 60,8 %.
    expect([f[`${S}.dette-preteurs.banque-a.capital`], f[`${S}.dette-preteurs.banque-a.part`], f[`${S}.dette-preteurs.banque-b.part`]]).toEqual(['59000.01', '60.8', '39.2']);
    expect([f[`${S}.dette-taux.fixe.part`], f[`${S}.dette-taux.variable.part`], f[`${S}.dette-taux.autre.part`]]).toEqual(['51.5', '39.2', '9.3']);
  });

  it('check finds the cent, the three ratios exceeded, and names the social-housing loan', () => {
    const r = run(['check', path, '--only', 'dette', '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const found = JSON.parse(r.stdout).findings as { checkId: string; severity: string; line: number | null; difference: string | null; computed: string | null; message: string }[];
    const roll = found.filter((x) => x.checkId === 'dette.annexe.encours');
    expect(roll.map((x) => [x.severity, x.line, x.difference])).toEqual([['error', lineOf('C-cent'), '0.01']]);
    expect(found.filter((x) => x.checkId === 'dette.annexe.grand-livre')).toEqual([]);
    const g = found.filter((x) => x.checkId === 'dette.garanties');
    expect(g.filter((x) => x.severity === 'warning').map((x) => x.computed).sort()).toEqual(['331.7', '60.0', '97.5']);
    expect(g.find((x) => x.severity === 'info')!.message).toMatch(/G2 \(HLM\)/);
    // --strict: a crossed prudential ceiling becomes an error.
    const strict = JSON.parse(run(['check', path, '--only', 'dette.garanties', '--strict', '--format', 'json']).stdout).findings as { severity: string }[];
    expect(strict.filter((x) => x.severity === 'error')).toHaveLength(3);
  });

  it('a ledger 0,50 short of the annex: a warning with the difference', () => {
    const short = totemFile(LINES.map((l) => l.replace('<Nature V="1641"/><ContNat V="16"/><CodRD V="D"/><MtReal V="13000.00"/>', '<Nature V="1641"/><ContNat V="16"/><CodRD V="D"/><MtReal V="12999.50"/>')), { annexes: ANNEX });
    const found = JSON.parse(run(['check', short, '--only', 'dette.annexe.grand-livre', '--format', 'json']).stdout).findings as { severity: string; difference: string }[];
    expect(found.map((x) => [x.severity, x.difference])).toEqual([['warning', '0.50']]);
  });
});

/** The EMPRUNT records of a raw XML file, as field → value (no reader involved). */
function records(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<EMPRUNT>([\s\S]*?)<\/EMPRUNT>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/<(\w+) V="([^"]*)"/g)].map((x) => [x[1]!, x[2]!])));
}
const c = (r: Record<string, string>, k: string) => cents(r[k] ?? '');

describe('the real samples\' annexes, recomputed from the raw XML', () => {
  it('Crach lotissement CA 2021: every loan rolls forward, capital and interest agree with 1641 and 66111, two lenders at 50 %', async () => {
    const xml = raw(CA_XML);
    const loans = records(xml).filter((r) => r.CodTypEmpr !== '10');
    const f = figures(buildComputeReport(await loadFile(CA_XML, { notice: () => {} })).tables);
    const scope = Object.keys(f).find((k) => k.includes('.dette-emprunts.'))!.split('.dette-emprunts.')[0]!;
    for (const r of loans) {
      // The record's line is its <EMPRUNT> element's.
      const before = xml.slice(0, xml.indexOf(`<NumContrat V="${r.NumContrat}"/>`));
      const line = before.slice(0, before.lastIndexOf('<EMPRUNT>')).split('\n').length;
      const computed = c(r, 'MtCapitalRestDu_01_01') - c(r, 'MtCapitalExer');
      expect(f[`${scope}.dette-emprunts.ligne-${line}.recalcule`]).toBe(euros(computed));
      expect(f[`${scope}.dette-emprunts.ligne-${line}.ecart`]).toBe(euros(c(r, 'MtCapitalRestDu_31_12') - computed));
    }
    const interest = loans.reduce((s, r) => s + c(r, 'MtIntExer'), 0n);
    const m66111 = /<LigneBudget>(?:(?!<\/LigneBudget>)[\s\S])*<Nature V="66111"\/>(?:(?!<\/LigneBudget>)[\s\S])*?<MtReal V="([^"]+)"/.exec(xml)![1]!;
    expect(f[`${scope}.dette-rapprochement.interets.annexe`]).toBe(euros(interest));
    expect(f[`${scope}.dette-rapprochement.interets.grand-livre`]).toBe(euros(cents(m66111)));
    const total = loans.reduce((s, r) => s + c(r, 'MtCapitalRestDu_31_12'), 0n);
    for (const r of loans) {
      const key = r.LibOrgaPreteur!.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      expect(f[`${scope}.dette-preteurs.${key}.capital`]).toBe(euros(c(r, 'MtCapitalRestDu_31_12')));
      expect(f[`${scope}.dette-preteurs.${key}.part`]).toBe(((Number(c(r, 'MtCapitalRestDu_31_12') * 1000n / total) / 10).toFixed(1)));
    }
    // Both loans are in fine (CodProfilAmort F) with 0,42 and 0,58 years left: all of it falls due in 2022.
    expect([f[`${scope}.dette-extinction.2021.capital`], f[`${scope}.dette-extinction.2022.capital`]]).toEqual([euros(total), '0.00']);
    expect(run(['check', CA_XML, '--only', 'dette', '--format', 'json']).exitCode).toBe(0);
  });

  it('Crach principal DM 3 2021: seven guaranteed loans, five for social housing; the ratios recomputed', async () => {
    const file = join(SAMPLES, 'totem/crach-principal-dm3-2021.xml');
    const xml = raw(file);
    const recs = records(xml);
    const loaded = await loadFile(file, { notice: () => {} });
    const doc = loaded.documents![0]!;
    // A budget document has no execution: an empty exercice (no ledger movement) stands for it.
    const ex = exerciceOf(emptyModel([{ id: 'p', label: 'P' }]), 'p', 2021);
    const rreel = cents(recs.find((r) => r.CodTypEmpr === '10')!.RReelFon!);
    // A DM's annex is a forecast: compute does not audit it, the functions do (RReelFon as the recettes).
    const a = auditAnnex({ loans: doc.loans!, exercice: 2021, ex, ledgerCapital: { value: 0n }, rrfLedger: { value: 0n }, annexRatios: doc.annexRatios!, file });
    const guaranteed = recs.filter((r) => r.CodTypEmpr === '09');
    expect(a.guarantees.loans.map((g) => g.annuite)).toEqual(guaranteed.map((r) => c(r, 'MtCapitalExer') + c(r, 'MtIntExer')));
    const social = guaranteed.filter((r) => /HLM/.test(r.ObjEmpr!));
    expect(social).toHaveLength(5);
    expect(a.guarantees.loans.filter((g) => g.social).map((g) => g.roll.loan.objet)).toEqual(social.map((r) => r.ObjEmpr));
    // Every record rolls forward in the file (01/01 − capital = 31/12, a missing 31/12 being 0).
    for (const r of recs.filter((x) => x.CodTypEmpr !== '10')) expect(c(r, 'MtCapitalRestDu_31_12') - (c(r, 'MtCapitalRestDu_01_01') - c(r, 'MtCapitalExer'))).toBe(0n);
    expect(a.rolls.every((r) => r.ecart === 0n)).toBe(true);
    // Plafonnement: (own capital + interest + the two non-social guaranteed annuities) / RReelFon, in tenths of a percent.
    const own = recs.filter((r) => r.CodTypEmpr === '01').reduce((s, r) => s + c(r, 'MtCapitalExer') + c(r, 'MtIntExer'), 0n);
    const ruled = guaranteed.filter((r) => !/HLM/.test(r.ObjEmpr!)).reduce((s, r) => s + c(r, 'MtCapitalExer') + c(r, 'MtIntExer'), 0n);
    const tenths = ((own + ruled) * 2000n + rreel) / (2n * rreel);
    expect(a.guarantees.plafonnement.pct).toMatchObject({ value: expect.anything() });
    expect((a.guarantees.plafonnement.pct as { value: { toFixed: (n: number) => string } }).value.toFixed(1)).toBe((Number(tenths) / 10).toFixed(1));
    expect(a.guarantees.rrf).toMatchObject({ value: rreel });
  });
});
