// CA 2021 → BP 2022 continuity of the Crach lotissement in `sitiv-ca check`, both read from TOTEM XML (built binary).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BP_SCDL, BP_XML, CA_SCDL, CA_XML } from './helpers/totem-xml.js';
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
