// Budget documents (BP, DM) computed as budgets; folders of official files without a manifest; identifiers judged.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availablePlans } from '../src/nomenclature/plan.js';
import { BP_SCDL, BP_XML, CA_XML, SAMPLES, blocks, cents, euros, ligne, raw, totemFile, v } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

const DM2 = join(SAMPLES, 'totem/crach-principal-dm2-2021.xml');
const DM3 = join(SAMPLES, 'totem/crach-principal-dm3-2021.xml');
const DM2_SCDL = join(SAMPLES, 'scdl/crach-principal-dm2-2021.csv');
const LOT_DM1 = join(SAMPLES, 'totem/crach-lotissement-dm1-2022.xml');
const TRANSPORT = join(SAMPLES, 'totem/transport-bp-2022.xml');
const TRANSPORT_SCDL = join(SAMPLES, 'scdl/transport-bp-2022.csv');

/**
 * The independent route: a regex pass over the raw XML text summing one amount per flow (CaracSup Section + CodRD, or
 * the section a chapter code implies when the file states none), carried 001/002 included. No reader, no plan.
 */
function flowSums(path: string, field: string): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const b of blocks(raw(path))) {
    const key = `${v(b, 'CaracSup', 'Section')}${v(b, 'CodRD')}`;
    out[key] = (out[key] ?? 0n) + cents(v(b, field));
  }
  return out;
}

const json = (args: string[]) => {
  const r = run(args);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { figures: Record<string, string>; tables: { id: string; title: string }[] };
};

const folderOf = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-official-'));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(dir, name));
  return dir;
};

describe('a budget primitif is computed as a budget', () => {
  it('shows its crédits by flow (MtPrev summed by regex from the file), its équilibre and its reprise; no CA table', () => {
    const out = json(['compute', BP_XML, '--format', 'json']);
    const f = out.figures;
    const prev = flowSums(BP_XML, 'MtPrev');
    const budgPrec = flowSums(BP_XML, 'MtBudgPrec');
    for (const flow of ['FD', 'FR', 'ID', 'IR']) {
      expect(f[`21560046100085.2022.bp-credits.${flow}.total.mtPrev`], flow).toBe(euros(prev[flow]!));
      expect(f[`21560046100085.2022.bp-credits.${flow}.total.mtBudgPrec`], flow).toBe(euros(budgPrec[flow]!));
    }
    expect(f['21560046100085.2022.bp-equilibre.section-F.ecart']).toBe(euros(prev.FR! - prev.FD!));
    expect(f['21560046100085.2022.bp-equilibre.section-I.ecart']).toBe(euros(prev.IR! - prev.ID!));
    const r001 = blocks(raw(BP_XML)).find((b) => v(b, 'Nature') === '001')!;
    expect(f['21560046100085.2022.bp-reprise.reporte-001.montant']).toBe(v(r001, 'MtPrev'));
    expect(Object.keys(f).filter((k) => /\.(execution|affectation|rar|epargne)\./.test(k))).toEqual([]);
    const text = run(['compute', BP_XML]).stdout;
    expect(text).toContain('CRACH — budget primitif 2022 — un budget, pas une exécution');
    expect(text).not.toContain('compte administratif');
  });

  it('gets no execution check in check: only the budget équilibre (and identifiers, continuity) read it', () => {
    const r = run(['check', BP_XML, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const ids = new Set(JSON.parse(r.stdout).findings.map((f: { checkId: string }) => f.checkId));
    // published.ratio reads the BP's ratios against its votes (infos: no encours in a BP; test/published-ratios-samples.test.ts).
    expect([...ids].sort()).toEqual(['budget.equilibre', 'published.ratio']);
  });

  it('reads the SCDL conversion of the BP to the same budget tables', () => {
    const scdl = json(['compute', BP_SCDL, '--nomenclature', 'M14_COM_500_3500', '--format', 'json']).figures;
    const totem = json(['compute', BP_XML, '--format', 'json']).figures;
    for (const flow of ['FD', 'FR', 'ID', 'IR']) expect(scdl[`21560046100085.2022.bp-credits.${flow}.total.mtPrev`]).toBe(totem[`21560046100085.2022.bp-credits.${flow}.total.mtPrev`]);
  });

  const m43 = availablePlans().some((p) => p.declinaison === 'M43_D');
  it.skipIf(!m43)('computes the M43_D transport BP (TOTEM and SCDL) with the totals the file gives', () => {
    const prev = flowSums(TRANSPORT, 'MtPrev');
    const D = Object.entries(prev).filter(([k]) => k.endsWith('D')).reduce((t, [, x]) => t + x, 0n);
    const f = json(['compute', TRANSPORT, '--format', 'json']).figures;
    const fd = cents(f['24350078200095.2022.bp-credits.FD.total.mtPrev'] ?? '0') + cents(f['24350078200095.2022.bp-credits.ID.total.mtPrev'] ?? '0');
    expect(fd).toBe(D);
    const s = json(['compute', TRANSPORT_SCDL, '--nomenclature', 'M43_D', '--format', 'json']).figures;
    expect(s['24350078200095.2022.bp-credits.FD.total.mtPrev']).toBe(f['24350078200095.2022.bp-credits.FD.total.mtPrev']);
  });
});

describe('a décision modificative is computed as a budget', () => {
  it('shows the movements of each DM (the real DM 2 and DM 3 of Crach 2021), TOTEM and SCDL alike', () => {
    for (const dm of [DM2, DM3]) {
      const f = json(['compute', dm, '--format', 'json']).figures;
      const prev = flowSums(dm, 'MtPrev');
      const budgPrec = flowSums(dm, 'MtBudgPrec');
      for (const flow of ['FD', 'FR', 'ID', 'IR']) {
        expect(f[`21560046100010.2021.dm1-credits.${flow}.total.mtPrev`], `${dm} ${flow}`).toBe(euros(prev[flow]!));
        expect(f[`21560046100010.2021.dm1-credits.${flow}.total.mtBudgPrec`], `${dm} ${flow}`).toBe(euros(budgPrec[flow]!));
      }
      expect(Object.keys(f).some((k) => k.includes('.execution.'))).toBe(false);
    }
    const scdl = json(['compute', DM2_SCDL, '--nomenclature', 'M14_COM_500_3500', '--format', 'json']).figures;
    const totem = json(['compute', DM2, '--format', 'json']).figures;
    for (const flow of ['FD', 'FR', 'ID', 'IR']) expect(scdl[`21560046100010.2021.dm1-credits.${flow}.total.mtBudgPrec`]).toBe(totem[`21560046100010.2021.dm1-credits.${flow}.total.mtBudgPrec`]);
  });

  it('with the BP of its year in the folder, shows the budget after it: BP + DM, chapter by chapter', () => {
    const dir = folderOf({ 'bp-2022.xml': BP_XML, 'dm1-2022.xml': LOT_DM1 });
    const f = json(['compute', dir, '--format', 'json']).figures;
    const bp = flowSums(BP_XML, 'MtPrev');
    const dm = flowSums(LOT_DM1, 'MtPrev');
    for (const flow of ['FD', 'FR', 'ID', 'IR']) {
      expect(f[`21560046100085.2022.dm1-credits.${flow}.total.mtPrev`], flow).toBe(euros(dm[flow]!));
      expect(f[`21560046100085.2022.apres-dm-credits.${flow}.total.mtPrev`], flow).toBe(euros(bp[flow]! + dm[flow]!));
    }
    // Chapter 011 after the DM, by regex over both files' lines stating ContNat 011.
    const ch = (path: string) => blocks(raw(path)).filter((b) => v(b, 'ContNat') === '011' && v(b, 'CodRD') === 'D').reduce((t, b) => t + cents(v(b, 'MtPrev')), 0n);
    expect(f['21560046100085.2022.apres-dm-credits.FD.011.mtPrev']).toBe(euros(ch(BP_XML) + ch(LOT_DM1)));
  });
});

describe('a budget supplémentaire with reprise', () => {
  it('shows RAR taken over in the Total column and the reprise table, figures by hand', () => {
    // BS 2022: R001 1 000.00, 1068 400.00, RAR of 2021 on 2188 (21 D) 600.00 and 1323 (13 R) 250.00, votes below.
    const path = totemFile(
      [
        ligne({ nature: '001', rd: 'R', prev: '1000.00', section: 'I' }),
        ligne({ nature: '1068', contNat: '10', rd: 'R', prev: '400.00', section: 'I' }),
        ligne({ nature: '2188', contNat: '21', rd: 'D', prev: '1050.00', rarPrec: '600.00', section: 'I' }),
        ligne({ nature: '1323', contNat: '13', rd: 'R', rarPrec: '250.00', section: 'I' }),
        ligne({ nature: '60611', contNat: '011', rd: 'D', prev: '300.00', section: 'F' }),
        ligne({ nature: '7588', contNat: '75', rd: 'R', prev: '300.00', section: 'F' }),
      ],
      { natDec: '03', exer: 2022 },
    );
    const f = json(['compute', path, '--format', 'json']).figures;
    expect(f['21560046100085.2022.bs-credits.ID.21.total']).toBe('1650.00');
    expect(f['21560046100085.2022.bs-credits.IR.total.total']).toBe('1650.00');
    expect(f['21560046100085.2022.bs-equilibre.section-I.ecart']).toBe('0.00');
    expect(f['21560046100085.2022.bs-reprise.reporte-001.montant']).toBe('1000.00');
    expect(f['21560046100085.2022.bs-reprise.compte-1068.montant']).toBe('400.00');
    expect(f['21560046100085.2022.bs-reprise.rar-depenses.montant']).toBe('600.00');
    expect(f['21560046100085.2022.bs-reprise.rar-recettes.montant']).toBe('250.00');
    const r = run(['check', path, '--format', 'json']);
    expect(r.exitCode).toBe(0);
  });
});

describe('a folder of official files without manifest.json', () => {
  it('takes entity, nomenclature and budget from the files, says so, and check exits 0 on a CA and the next BP that agree', () => {
    const dir = folderOf({ 'ca-2021.xml': CA_XML, 'bp-2022.xml': BP_XML });
    // The CA prints ValEncDettePop / ValEncDetteRecFonc as 0,00 against a 2 500 000,00 encours: published.ratio errors,
    // asserted in test/published-ratios-samples.test.ts; this test is about continuity.
    const r = run(['check', dir, '--format', 'json', '--skip', 'published.ratio']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('no manifest.json; assumed from the files: entity CRACH, nomenclature 2021 M14-M14_COM_500_3500, 2022 M14-M14_COM_500_3500 (each XML file read with the plan it names), 1 budget (21560046100085 "LOTISSEMENT LE BOCENO")');
    const c = json(['compute', dir, '--format', 'json']).figures;
    expect(c['21560046100085.2021.execution.investissement-cumule.solde']).toBe('2148068.48');
  });

  it("exits 1 when the BP's R001 is one cent off the CA's solde d'exécution cumulé", () => {
    const dir = folderOf({ 'ca-2021.xml': CA_XML });
    const bp = readFileSync(BP_XML, 'latin1');
    const i = bp.indexOf('<Nature V="001"/>');
    const j = bp.indexOf('<MtPrev V="2148068.48"/>', i);
    expect(i > 0 && j > i).toBe(true);
    writeFileSync(join(dir, 'bp-2022.xml'), Buffer.from(bp.slice(0, j) + '<MtPrev V="2148068.49"/>' + bp.slice(j + '<MtPrev V="2148068.48"/>'.length), 'latin1'));
    // The CA prints ValEncDettePop / ValEncDetteRecFonc as 0,00 against a 2 500 000,00 encours: published.ratio errors,
    // asserted in test/published-ratios-samples.test.ts; this test is about continuity.
    const r = run(['check', dir, '--format', 'json', '--skip', 'published.ratio']);
    expect(r.exitCode).toBe(1);
    const errors = JSON.parse(r.stdout).findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ checkId: 'continuity.r001', difference: '0.01', published: '2148068.49', computed: '2148068.48' });
  });

  it('makes one budget per distinct SIRET and label: a lotissement CA beside two DMs of the budget principal', () => {
    const dir = folderOf({ 'lot-ca-2021.xml': CA_XML, 'dm2.xml': DM2, 'dm3.xml': DM3 });
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 budgets (21560046100010 "BUDGET PRINCIPAL", 21560046100085 "LOTISSEMENT LE BOCENO"), 3 files (dm2.xml, dm3.xml, lot-ca-2021.xml)');
    const f = JSON.parse(r.stdout).figures;
    expect(f['21560046100085.2021.execution.investissement-cumule.solde']).toBe('2148068.48');
    // Two DMs of one year: dm1 and dm2 in file-name order, each its own movements (MtBudgPrec by regex).
    expect(f['21560046100010.2021.dm1-credits.FD.total.mtBudgPrec']).toBe(euros(flowSums(DM2, 'MtBudgPrec').FD!));
    expect(f['21560046100010.2021.dm2-credits.FD.total.mtBudgPrec']).toBe(euros(flowSums(DM3, 'MtBudgPrec').FD!));
  });

  it('reads each XML file with the plan it names: every TOTEM sample together (M14 and M43_D in 2022), check exits 0', () => {
    const dir = folderOf({
      'lot-ca-2021.xml': CA_XML, 'lot-bp-2022.xml': BP_XML, 'lot-dm1-2022.xml': LOT_DM1, 'dm2.xml': DM2, 'dm3.xml': DM3, 'transport-bp-2022.xml': TRANSPORT,
    });
    // The CA prints ValEncDettePop / ValEncDetteRecFonc as 0,00 against a 2 500 000,00 encours: published.ratio errors,
    // asserted in test/published-ratios-samples.test.ts; this test is about continuity.
    const r = run(['check', dir, '--format', 'json', '--skip', 'published.ratio']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 budgets');
    expect(r.stderr).toContain("nomenclature 2021 M14-M14_COM_500_3500, 2022 M14-M14_COM_500_3500, 2022 M4-M43_D (each XML file read with the plan it names)");
    const out = json(['compute', dir, '--format', 'json']);
    // The transport BP's chapter labels are its own plan's (M43), not the M14 plan the lotissement uses that year.
    const t = out.tables.find((x) => x.id === '24350078200095.2022.bp-credits') as unknown as { rows: { id: string; cells: { libelle: string } }[] };
    expect(t.rows.find((x) => x.id === '24350078200095.2022.bp-credits.FR.70')!.cells.libelle).toBe('Ventes produits fabriqués, prestations');
    const l = out.tables.find((x) => x.id === '21560046100085.2022.bp-credits') as unknown as { rows: { id: string; cells: { libelle: string } }[] };
    expect(l.rows.find((x) => x.id === '21560046100085.2022.bp-credits.FR.70')!.cells.libelle).toBe('Produits services, domaine et ventes div');
    expect(JSON.stringify((out as unknown as { provenance: unknown }).provenance)).toContain('M4-M43_D');
  });

  it('lets a manifest win when there is one', () => {
    const dir = folderOf({ 'ca-2021.xml': CA_XML, 'bp-2022.xml': BP_XML });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M14_COM_500_3500', budgets: [{ id: 'boceno', label: 'Lotissement' }], ledgers: ['ca-2021.xml', 'bp-2022.xml'] }));
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.stderr).not.toContain('no manifest.json');
    expect(JSON.parse(r.stdout).figures['boceno.2021.execution.investissement-cumule.solde']).toBe('2148068.48');
  });
});

describe('identifiers', () => {
  const lines = [ligne({ nature: '60611', contNat: '011', rd: 'D', real: '10.00', section: 'F' }), ligne({ nature: '7588', contNat: '75', rd: 'R', real: '12.00', section: 'F' })];
  it('warns on a NatDec the product does not know, naming the file and the value', () => {
    const path = totemFile(lines, { natDec: '07' });
    const r = run(['check', path, '--format', 'json']);
    const w = JSON.parse(r.stdout).findings.filter((f: { checkId: string }) => f.checkId === 'document.identifiers');
    expect(w).toEqual([expect.objectContaining({ severity: 'warning', file: path, published: '07', message: expect.stringMatching(/^NatDec 07: unknown NatDec 07 \(known: 01 budget primitif/) })]);
  });
  it('warns on a SIRET that is not 14 digits or fails its Luhn key', () => {
    const base = totemFile(lines);
    const text = readFileSync(base, 'latin1').replace('<IdColl V="21560046100085"/>', '<IdColl V="2156004610008"/>').replace('<IdEtab V="21560046100085"/>', '<IdEtab V="21560046100086"/>');
    writeFileSync(base, Buffer.from(text, 'latin1'));
    const r = run(['check', base, '--format', 'json']);
    const msgs = JSON.parse(r.stdout).findings.filter((f: { checkId: string }) => f.checkId === 'document.identifiers').map((f: { message: string }) => f.message);
    expect(msgs).toEqual(['IdColl 2156004610008: a SIRET is 14 digits; this one is 13 characters long', 'IdEtab 21560046100086: this SIRET fails its Luhn key (a mistyped or blanked identifier)']);
    expect(r.exitCode).toBe(0);
  });
});
