// CA 2021 → BP 2022 continuity of the Crach lotissement in `sitiv-ca check`, both read from TOTEM XML (built binary).
import { withoutDocumentExtras } from './helpers/extras.js';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BP_SCDL, BP_XML, CA_SCDL, CA_XML, MORBIHAN_SCDL, ligne, totemFile } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

function folder(files: Record<string, string | Buffer>, ledgers: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-continuity-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M14_COM_500_3500', budgets: [{ id: 'boceno', label: 'Lotissement le Boceno' }], ledgers }),
  );
  return dir;
}

describe('CA 2021 → BP 2022 of the Crach lotissement in check', () => {
  it('holds when read from the TOTEM files, and from the SCDL files', () => {
    for (const [ca, bp] of [
      [CA_XML, BP_XML],
      [CA_SCDL, BP_SCDL],
    ] as const) {
      const ext = ca.endsWith('.xml') ? 'xml' : 'csv';
      const dir = folder({}, [`ca.${ext}`, `bp.${ext}`]);
      copyFileSync(ca, join(dir, `ca.${ext}`));
      copyFileSync(bp, join(dir, `bp.${ext}`));
      const r = run(['check', dir, '--only', 'continuity', '--format', 'json']);
      expect(r.stderr).toMatch(/budget primitif is a budget, not an execution/i);
      expect(r.exitCode).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.findings).toEqual([]);
      expect(report.checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['continuity.r001', 'continuity.r002']));
    }
  });

  it('fails when the BP carries an R001 one cent away from the CA solde cumulé', () => {
    // The BP's 001 line says MtPrev 2148068.48; make it 2148068.49.
    const bp = readFileSync(BP_XML, 'latin1').replace('<MtPrev V="2148068.48"/>', '<MtPrev V="2148068.49"/>');
    expect(bp).toContain('2148068.49');
    const dir = folder({ 'bp.xml': Buffer.from(bp, 'latin1') }, ['ca.xml', 'bp.xml']);
    copyFileSync(CA_XML, join(dir, 'ca.xml'));
    const r = run(['check', dir, '--only', 'continuity', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([expect.objectContaining({ checkId: 'continuity.r001', severity: 'error', difference: '0.01' })]);
  });
});

describe('RAR, 1068 and D001 taken over from a TOTEM CA into the next BP', () => {
  // A hand-made CA 2021: F result 1000 − 100 = 900; I solde −50 (D001 50), RAR dépenses 30 on chapter 23,
  // so the besoin de financement is 80: 1068 = 80 and R002 = 900 − 80 = 820. The BP 2022 carries exactly that.
  const ca = () =>
    readFileSync(
      totemFile([
        ligne({ nature: '6045', contNat: '011', rd: 'D', real: '100.00', section: 'F' }),
        ligne({ nature: '7015', rd: 'R', real: '1000.00', section: 'F' }),
        ligne({ nature: '2313', contNat: '23', rd: 'D', real: '50.00', rar: '30.00', section: 'I' }),
      ]),
    );
  const bp = (rarPrec: string, c1068 = '80.00') =>
    readFileSync(
      totemFile(
        [
          ligne({ nature: '001', rd: 'D', prev: '50.00', section: 'I' }),
          ligne({ nature: '002', rd: 'R', prev: '820.00', section: 'F' }),
          ligne({ nature: '1068', rd: 'R', prev: c1068, section: 'I' }),
          ligne({ nature: '2313', contNat: '23', rd: 'D', prev: '40.00', rarPrec, section: 'I' }),
        ],
        { natDec: '01', exer: 2022 },
      ),
    );

  it('passes check --strict when the BP takes over the CA results, affectation and RAR', () => {
    const dir = folder({ 'ca.xml': ca(), 'bp.xml': bp('30.00') }, ['ca.xml', 'bp.xml']);
    const r = run(['check', dir, '--strict', '--only', 'continuity', '--format', 'json']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('fails check --strict when the RAR taken over differ from the RAR at 31/12', () => {
    const dir = folder({ 'ca.xml': ca(), 'bp.xml': bp('31.00') }, ['ca.xml', 'bp.xml']);
    const r = run(['check', dir, '--strict', '--only', 'continuity', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ checkId: 'continuity.rar', severity: 'error' })]);
  });

  it('fails check when R002 + 1068 of the BP exceed the résultat de fonctionnement cumulé', () => {
    const dir = folder({ 'ca.xml': ca(), 'bp.xml': bp('30.00', '81.00') }, ['ca.xml', 'bp.xml']);
    const r = run(['check', dir, '--only', 'continuity', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ checkId: 'continuity.r002', difference: '1.00' })]);
  });
});

describe('convert: TOTEM and SCDL to a ledger CSV, losing nothing (built binary)', () => {
  it('gives a ledger whose tables equal those of the official file', () => {
    for (const [source, nomenclature, siret, extra] of [
      [CA_XML, 'M14_COM_500_3500', '21560046100085', []],
      [MORBIHAN_SCDL, 'M57_D', '22560001400016', ['--nomenclature', 'M57_D']],
    ] as const) {
      const dir = folder({}, ['ledger.csv']);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature, budgets: [{ id: siret, label: 'B' }], ledgers: ['ledger.csv'] }));
      const c = run(['convert', source, join(dir, 'ledger.csv'), ...extra]);
      expect(c.exitCode, c.stderr).toBe(0);
      const fromLedger = run(['compute', dir, '--format', 'json']);
      const fromSource = run(['compute', source, '--format', 'json', ...extra]);
      expect(fromLedger.exitCode, fromLedger.stderr).toBe(0);
      const a = JSON.parse(fromLedger.stdout).figures;
      expect(Object.keys(a).length).toBeGreaterThan(30);
      // A ledger CSV carries neither the EMPRUNT annex nor InformationsGenerales (nor the category the plan implies).
      expect(withoutDocumentExtras(a)).toEqual(withoutDocumentExtras(JSON.parse(fromSource.stdout).figures));
    }
  });
});

describe('état de la dette from the EMPRUNT annexes of a multi-year TOTEM folder (built binary)', () => {
  it('takes the debt from the CA annex only: the BP annex forecasts 2022 and the BP year gets budget tables, not CA ones', () => {
    const dir = folder({}, ['ca-2021.xml', 'bp-2022.xml']);
    copyFileSync(CA_XML, join(dir, 'ca-2021.xml'));
    copyFileSync(BP_XML, join(dir, 'bp-2022.xml'));
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const f = JSON.parse(r.stdout).figures;
    // The BP 2022 annex plans to repay both loans (MtCapitalExer 1,250,000.00 each): a forecast, never an amortissement.
    expect(Object.keys(f).filter((k) => k.includes('dette.2022'))).toEqual([]);
    expect(Object.keys(f).some((k) => k.startsWith('boceno.2022.execution.'))).toBe(false);
    // The CA year keeps its tables; the BP year shows its R001 as voted (2,148,068.48 = the CA's solde cumulé).
    expect(f['boceno.2021.execution.investissement-cumule.solde']).toBe('2148068.48');
    expect(f['boceno.2022.bp-reprise.reporte-001.montant']).toBe('2148068.48');
    // The CA's published debt ratios (0,00) are published.ratio errors (test/published-ratios-samples.test.ts).
    expect(run(['check', dir, '--skip', 'published.ratio']).exitCode).toBe(0);
  });
});
