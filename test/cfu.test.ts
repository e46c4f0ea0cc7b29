// The compte financier unique: a synthetic CFU built from the Crach CA 2021 lines, read through its budget part.
import { withoutDocumentExtras } from './helpers/extras.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeResultats } from '../src/compute/resultats.js';
import { InputError } from '../src/errors.js';
import { figures } from '../src/render/json.js';
import { loadFile } from '../src/read/single-file.js';
import { readBudgetDocument } from '../src/read/totem/document.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { CA_XML, NS, blocks, cents, euros, raw, v } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

const NS_CFU = 'http://www.minefi.gouv.fr/cp/demat/doccfu';
const NS_COMPTA = 'http://www.minefi.gouv.fr/cp/demat/doccomptable';

/**
 * No CFU sample exists: this wraps the LigneBudget elements of the Crach CA 2021 in a CFU. The chapter-summary lines
 * (ChapitreNature + InfoOpe) are computed here by summing MtReal per ContNat and CodRD over the raw XML text, for
 * the lines that state their chapter; `tamper` shifts one of them by a cent.
 */
function cfuFile(tamper = false): { path: string; summaries: { chapitre: string; sens: string; total: bigint }[] } {
  const lines = blocks(raw(CA_XML));
  const totals = new Map<string, bigint>();
  for (const b of lines) {
    const contNat = v(b, 'ContNat');
    if (contNat === '' || contNat === '002' || contNat === '001') continue;
    const key = `${contNat}|${v(b, 'CodRD')}`;
    totals.set(key, (totals.get(key) ?? 0n) + cents(v(b, 'MtReal')));
  }
  const summaries = [...totals].map(([k, total]) => {
    const [chapitre, sens] = k.split('|') as [string, string];
    return { chapitre, sens, total };
  });
  const summaryXml = summaries.map(
    (s, i) =>
      `<LigneBudget calculated="true" generator="EnrichissementNomenclature.xsl"><ChapitreNature V="${s.chapitre}"/><CodRD V="${s.sens}"/><InfoOpe V="T"/><OpBudg V="T"/><MtReal V="${euros(s.total + (tamper && i === 0 ? 1n : 0n))}"/></LigneBudget>`,
  );
  const text = `<?xml version="1.0" encoding="ISO-8859-1"?>
<CompteFinancierUnique xmlns="${NS_CFU}">
  <DocumentComptable xmlns="${NS_COMPTA}">
    <Bilan><Ligne Compte="12" V="180931.62"/></Bilan>
    <LigneBudget><Nature V="999999"/></LigneBudget>
  </DocumentComptable>
  <DocumentBudgetaire xmlns="${NS}">
    <EnTeteDocBudgetaire><LibelleColl V="CRACH"/><IdColl V="21560046100085"/></EnTeteDocBudgetaire>
    <Budget>
      <EnTeteBudget><LibelleEtab V="LOTISSEMENT LE BOCENO"/><IdEtab V="21560046100085"/><CodBud V="06"/><Nomenclature V="M14-M14_COM_500_3500"/></EnTeteBudget>
      <BlocBudget><NatDec V="10"/><Exer V="2021"/></BlocBudget>
      ${summaryXml.slice(0, 3).join('\n')}
      ${lines.join('\n')}
      ${summaryXml.slice(3).join('\n')}
    </Budget>
  </DocumentBudgetaire>
</CompteFinancierUnique>
`;
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-cfu-'));
  const path = join(dir, 'cfu.xml');
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return { path, summaries };
}

describe('CFU XML', () => {
  it('reads the budget part like the TOTEM CA, cross-checking the chapter summaries without adding them', async () => {
    const { path, summaries } = cfuFile();
    const doc = await readBudgetDocument(path);
    expect(doc.header.kind).toBe('cfu');
    expect(summaries.length).toBeGreaterThanOrEqual(8);
    expect(doc.facts.declaredTotals).toHaveLength(summaries.length);
    expect(doc.facts.declaredTotals.every((c) => c.declared === c.computed)).toBe(true);
    // Chapter 011 D, by hand from the file: 25450.00 + 6737.93 + 2922.00 = 35109.93.
    expect(doc.facts.declaredTotals.find((c) => c.chapitre === '011' && c.sens === 'D')!.declared).toBe(3510993n);
    // The DocumentComptable part (another namespace) is not read as budget lines.
    expect(doc.rows.some((r) => r.compte === '999999')).toBe(false);
    const cfu = buildComputeReport(await loadFile(path, { notice: () => {} }));
    const totem = buildComputeReport(await loadFile(CA_XML, { notice: () => {} }));
    // The TOTEM sample also carries an EMPRUNT annex and InformationsGenerales, which this CFU lacks.
    expect(withoutDocumentExtras(figures(cfu.tables))).toEqual(withoutDocumentExtras(figures(totem.tables)));
    const loaded = await loadFile(path, { notice: () => {} });
    const r = computeResultats(loaded.model.data.get('21560046100085')!.get(2021)!);
    // Summaries added in would double FD; it stays 992266.20.
    expect(r.fonctionnement.depenses).toBe(99226620n);
  });

  it('reads a CFU whose chapter total disagrees with its account lines, recording the gap for check', async () => {
    const { path, summaries } = cfuFile(true);
    const doc = await readBudgetDocument(path, { displayName: 'cfu.xml' });
    const s = summaries[0]!;
    const wrong = doc.facts.declaredTotals.filter((t) => t.declared !== t.computed);
    // The first summary sits on line 12 of the generated text (after the header blocks).
    expect(wrong).toEqual([{ line: 12, chapitre: s.chapitre, sens: s.sens, nature: '', operation: 'all', field: 'MtReal', declared: s.total + 1n, computed: s.total }]);
  });

  it('computes from the CLI (built binary)', () => {
    const r = run(['compute', cfuFile().path, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.figures['21560046100085.2021.execution.investissement-cumule.solde']).toBe('2148068.48');
    expect(json.provenance.options.format).toBe('cfu');
  });
});
