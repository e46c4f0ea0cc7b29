// The TOTEM DocumentBudgetaire reader on the Crach lotissement samples and on small synthetic documents.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAffectation } from '../src/compute/affectation.js';
import { etatDeLaDette } from '../src/compute/dette.js';
import { computeResultats } from '../src/compute/resultats.js';
import { InputError } from '../src/errors.js';
import { loadFolder } from '../src/read/folder.js';
import { loadFile } from '../src/read/single-file.js';
import { readBudgetDocument } from '../src/read/totem/document.js';
import { decodeLabel } from '../src/read/totem/decode-label.js';
import { detteTotals } from '../src/read/totem/emprunt.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { BP_XML, CA_XML, blocks, cents, ligne, raw, sumsFromXml, totemFile, v } from './helpers/totem-xml.js';

const quiet = { notice: () => {} };

describe('TOTEM CA 2021 of the Crach lotissement', () => {
  it('gives the realised totals per section and sens that the XML text sums to', async () => {
    // Expected figures: MtReal summed per CaracSup section and CodRD with a regex over the raw XML (helpers/totem-xml.ts),
    // never through the reader or the plan. By hand: FR = 1076166.69 + 6005.80 + 13900 + 0.33 + 77125 = 1173197.82.
    const expected = sumsFromXml(raw(CA_XML));
    expect(expected.flows.FR).toBe(117319782n);
    const loaded = await loadFile(CA_XML, quiet);
    const ex = loaded.model.data.get('21560046100085')!.get(2021)!;
    const r = computeResultats(ex);
    expect(r.fonctionnement.recettes).toBe(expected.flows.FR);
    expect(r.fonctionnement.depenses).toBe(expected.flows.FD);
    expect(r.investissement.recettes).toBe(expected.flows.IR);
    expect(r.investissement.depenses).toBe(expected.flows.ID);
    expect(r.fonctionnement.reporte).toBe(-expected.carried.D002!);
    expect(r.investissement.reporte).toBe(expected.carried.R001!);
    expect(r.fonctionnement.cumule).toBe(3270359n);
    expect(r.investissement.cumule).toBe(214806848n);
  });

  it('takes the chapter from the plan when ContNat is absent, and the plan and nomenclature from the file', async () => {
    const doc = await readBudgetDocument(CA_XML);
    expect(doc.plan.id).toBe('M14-M14_COM_500_3500-2021');
    expect(doc.header).toMatchObject({ kind: 'totem', natDec: '09', exercice: 2021, collectivite: 'CRACH', etablissement: 'LOTISSEMENT LE BOCENO' });
    const byAccount = (compte: string, sens: string) => doc.rows.find((r) => r.compte === compte && r.sens === sens)!;
    // 7015, 773, 7788 and 168748 have no ContNat in the file.
    expect(byAccount('7015', 'R')).toMatchObject({ chapitre: '70', section: 'F', nature: 'reel', realise: 107616669n });
    expect(byAccount('773', 'R')).toMatchObject({ chapitre: '77', realise: 600580n });
    expect(byAccount('168748', 'R')).toMatchObject({ chapitre: '16', section: 'I', realise: 0n });
    // 796 is an order recette inside the section: chapter 043 as the file says, not 042.
    expect(byAccount('796', 'R')).toMatchObject({ chapitre: '043', nature: 'ordre' });
    // The number of rows equals the number of LigneBudget with a distinct key here (Crach repeats none).
    expect(doc.lines).toBe(blocks(raw(CA_XML)).length);
    expect(doc.merged).toBe(0);
  });

  it('reads the EMPRUNT annex: own loans only, summary rows left out, fitting the état de la dette', async () => {
    const doc = await readBudgetDocument(CA_XML);
    // The file has three EMPRUNT records: two loans (CodTypEmpr 01) and one summary (CodTypEmpr 10, RReelFon only).
    expect(doc.emprunts.own.map((e) => e.numero)).toEqual(['2018900404L 00001', '10000367621']);
    expect(doc.emprunts.summaries).toBe(1);
    const t = detteTotals(doc.emprunts.own);
    expect(t.encours3112).toBe(250000000n);
    expect(t.interets).toBe(1390000n);
    // The interest the annex declares equals the realised 66111 of the ledger: 7125 + 6775 = 13900.
    expect(doc.rows.find((r) => r.compte === '66111')!.realise).toBe(t.interets);
    const loaded = await loadFile(CA_XML, quiet);
    expect(loaded.dette).toEqual([
      expect.objectContaining({ exercice: 2020, encours: 250000000n }),
      expect.objectContaining({ exercice: 2021, encours: 250000000n, interets: 1390000n }),
    ]);
    const years = loaded.model.data.get('21560046100085')!;
    const [d2021] = etatDeLaDette([2021], loaded.dette!, years);
    // No capital repaid, no new loan in 2021 (1641 has no MtReal): the encours rolls forward unchanged.
    expect(d2021!.encours).toEqual({ value: 250000000n });
    expect(d2021!.ecartEncours).toEqual({ value: 0n });
  });

  it('leaves guaranteed loans (CodTypEmpr 09) out of the debt', async () => {
    const annexes = `<DATA_EMPRUNT>
      <EMPRUNT><CodTypEmpr V="01"/><CodArticle V="1641"/><NumContrat V="A1"/><MtCapitalRestDu_31_12 V="1000.00"/><MtIntExer V="10.00"/><MtCapitalExer V="100.00"/></EMPRUNT>
      <EMPRUNT><CodTypEmpr V="09"/><CodArticle V="1641"/><NumContrat V="G1"/><MtCapitalRestDu_31_12 V="99999.00"/></EMPRUNT>
      <EMPRUNT><CodTypEmpr V="10"/><RReelFon V="5.00"/></EMPRUNT>
    </DATA_EMPRUNT>`;
    const path = totemFile([ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1.00', section: 'F' })], { annexes });
    const doc = await readBudgetDocument(path);
    expect(doc.emprunts.own.map((e) => e.numero)).toEqual(['A1']);
    expect(doc.emprunts.guaranteed).toBe(1);
    expect(doc.emprunts.summaries).toBe(1);
    expect(detteTotals(doc.emprunts.own)).toMatchObject({ encours3112: 100000n, interets: 1000n, amortissement: 10000n });
  });

  it('computes through the CLI path with provenance naming the plan and the format', async () => {
    const loaded = await loadFile(CA_XML, quiet);
    const report = buildComputeReport(loaded);
    expect(report.provenance.plans).toEqual([{ exercice: 2021, plan: 'M14-M14_COM_500_3500-2021', rule: 'own-year' }]);
    expect(report.provenance.options).toMatchObject({ format: 'totem', linesMerged: 0, natDec: '09' });
    expect(report.entity).toBe('CRACH');
  });

  it('reads the same file listed in a folder manifest, under the manifest budget id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitiv-totem-folder-'));
    copyFileSync(CA_XML, join(dir, 'ca.xml'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M14_COM_500_3500', budgets: [{ id: 'boceno', label: 'Lotissement' }], ledgers: ['ca.xml'] }));
    const folder = await loadFolder(dir);
    const r = computeResultats(folder.model.data.get('boceno')!.get(2021)!);
    expect(r.fonctionnement.cumule).toBe(3270359n);
    expect(folder.plans.get(2021)!.id).toBe('M14-M14_COM_500_3500-2021');
    // A manifest naming another plan than the file is an error naming the file's Nomenclature element.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', budgets: [{ id: 'boceno', label: 'L' }], ledgers: ['ca.xml'] }));
    const err = await loadFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]).toMatchObject({ column: 'Nomenclature', value: 'M14-M14_COM_500_3500' });
  });
});

describe('TOTEM BP 2022 of the Crach lotissement and the link with the CA 2021', () => {
  it('carries R001, R002 and 1068 equal to the results and affectation sitiv-ca computes for the CA 2021', async () => {
    const ca = await loadFile(CA_XML, quiet);
    const rca = computeResultats(ca.model.data.get('21560046100085')!.get(2021)!);
    const aff = computeAffectation({
      resultatFonctionnement: rca.fonctionnement.cumule,
      soldeInvestissement: rca.investissement.cumule,
      besoinFinancement: rca.besoinFinancement,
    });
    const bp = await loadFile(BP_XML, quiet);
    const ex = bp.model.data.get('21560046100085')!.get(2022)!;
    expect(ex.flows.IR.reporte?.amount).toBe(aff.r001);
    expect(ex.flows.ID.reporte).toBeUndefined();
    expect(ex.flows.FR.reporte?.amount).toBe(aff.r002);
    // D002 of the BP is MtPrev 0.00 (its MtReal repeats the 2020 déficit): no déficit is carried into 2022.
    expect(ex.flows.FD.reporte).toBeUndefined();
    // No 1068 in the BP: the CA 2021 has no besoin de financement, so its affectation puts nothing in reserves.
    expect(aff.compte1068).toBe(0n);
    expect(ex.flows.IR.chapters.get('10')?.accounts.get('1068')).toBeUndefined();
    // The amounts, read from the BP text: Nature 001 MtPrev and Nature 002 R MtPrev.
    const bpBlocks = blocks(raw(BP_XML));
    const prev = (nature: string, rd: string) => cents(v(bpBlocks.find((b) => v(b, 'Nature') === nature && v(b, 'CodRD') === rd)!, 'MtPrev'));
    expect(aff.r001).toBe(prev('001', 'R'));
    expect(aff.r002).toBe(prev('002', 'R'));
  });

  it('gives no execution for a budget and says so', async () => {
    const notices: string[] = [];
    const bp = await loadFile(BP_XML, { notice: (m) => notices.push(m) });
    const ex = bp.model.data.get('21560046100085')!.get(2022)!;
    expect(computeResultats(ex).fonctionnement.depenses).toBe(0n);
    expect(notices.join('\n')).toMatch(/budget primitif is a budget, not an execution/);
    // Crédits ouverts survive: chapter 65 = 6522 CredOuv 173984.08 + 65888 CredOuv 10.00.
    expect(ex.flows.FD.chapters.get('65')!.creditsOuverts).toBe(17399408n);
  });
});

describe('TOTEM lines, labels and nomenclatures', () => {
  it('sums lines repeated per fonction and says how many it merged', async () => {
    const path = totemFile([
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '10.10', section: 'F', fonction: '020' }),
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '20.20', rar: '1.00', section: 'F', fonction: '810' }),
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '0.01', section: 'F', fonction: '822' }),
      ligne({ nature: '7015', rd: 'R', real: '100.00', section: 'F' }),
    ]);
    const notices: string[] = [];
    const loaded = await loadFile(path, { notice: (m) => notices.push(m) });
    const ch = loaded.model.data.get('21560046100085')!.get(2021)!.flows.FD.chapters.get('011')!;
    expect(ch.realise).toBe(3031n);
    expect(ch.rar).toBe(100n);
    expect(loaded.readerNotes).toMatchObject({ linesMerged: 2 });
    expect(notices.join('\n')).toMatch(/2 lines merged .*4 lines → 2 rows/);
  });

  it('decodes double-escaped entities in labels', async () => {
    expect(decodeLabel('Commune de l&#8217;Isle &amp; Vilaine')).toBe('Commune de l\u2019Isle & Vilaine');
    expect(decodeLabel('&#x2019;&bogus;&#0;')).toBe('\u2019&bogus;&#0;');
    const path = totemFile([ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1.00', section: 'F' })], { libelleColl: 'L&amp;#8217;ÎLE-AUX-MOINES' });
    const doc = await readBudgetDocument(path);
    expect(doc.header.collectivite).toBe('L\u2019ÎLE-AUX-MOINES');
  });

  it('reads a UTF-8 document as declared', async () => {
    const path = totemFile([ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1.00', section: 'F' })], { libelleColl: 'SAINT-ÉTIENNE', encoding: 'UTF-8' });
    expect((await readBudgetDocument(path)).header.collectivite).toBe('SAINT-ÉTIENNE');
  });

  it('refuses a nomenclature without a plan, naming the file and the element', async () => {
    const path = totemFile([ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1.00', section: 'F' })], { nomenclature: 'M22-M22' });
    const err = await readBudgetDocument(path, { displayName: 'doc.xml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const p = (err as InputError).problems[0]!;
    expect(p).toMatchObject({ file: 'doc.xml', column: 'Nomenclature', value: 'M22-M22' });
    expect(p.message).toMatch(/unknown nomenclature.*available: .*M14_COM_500_3500/);
  });

  it('reports a bad line with its position and source element names', async () => {
    const path = totemFile([
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1,00', section: 'F' }),
      ligne({ nature: '6045', contNat: '70', rd: 'D', real: '1.00', section: 'F' }),
      ligne({ nature: '6045', contNat: '011', rd: 'D', real: '1.00', section: 'I' }),
    ]);
    const err = (await readBudgetDocument(path).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    // Line 2: chapter 70 holds recettes only (CodRD) and 6045 belongs to 011 (ContNat).
    expect(err.problems.map((p) => p.column)).toEqual(['MtReal', 'CodRD', 'ContNat', 'CaracSup']);
    expect(err.problems.every((p) => typeof p.line === 'number' && p.line > 5)).toBe(true);
  });

  it('takes the 1068 of a budget at the amount voted, like 001/002', async () => {
    const path = totemFile(
      [
        ligne({ nature: '1068', rd: 'R', prev: '500.00', section: 'I' }),
        ligne({ nature: '002', rd: 'R', prev: '250.00', real: '999.00', section: 'F' }),
        ligne({ nature: '6045', contNat: '011', rd: 'D', prev: '700.00', real: '123.00', section: 'F' }),
      ],
      { natDec: '01', exer: 2022 },
    );
    const ex = (await loadFile(path, quiet)).model.data.get('21560046100085')!.get(2022)!;
    expect(ex.flows.IR.chapters.get('10')!.accounts.get('1068')!.realise).toBe(50000n);
    expect(ex.flows.FR.reporte?.amount).toBe(25000n);
    expect(ex.flows.FD.chapters.get('011')!.realise).toBe(0n);
  });

  it('refuses an unknown --nomenclature as a usage error', async () => {
    await expect(loadFile(CA_XML, { ...quiet, nomenclature: 'M99' })).rejects.toThrow(/unknown --nomenclature M99 \(known: .*M57_D/);
  });

  it('chooses the plan by the nearest-year rule (an M57_A file of 2026 uses the 2024 plan)', async () => {
    const path = totemFile([ligne({ nature: '6068', contNat: '011', rd: 'D', real: '1.00', section: 'F' })], { nomenclature: 'M57-M57_A', exer: 2026 });
    expect((await readBudgetDocument(path)).plan.id).toBe('M57-M57_A-2024');
  });
});
