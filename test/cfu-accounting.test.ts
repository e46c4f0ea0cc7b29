// CFU on the shape of a real one: calculated lines never summed, chapter totals checked at their level, the accounting part cross-checked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBudgetDocument } from '../src/read/totem/document.js';
import { SAMPLES, raw } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

/**
 * A small CFU written on the shape of test/data/samples/cfu/cfu-structure-extract.xml (same root, prefixes, namespaces,
 * element names, calculated-line generators, EB_* and BI_P / CR lines, EMPRUNT annex) whose figures are worked out
 * here by hand:
 *   fonctionnement: R 73111 5 000.00; D 60611 1 000.00 + 6413 2 000.00 + 6811 (042, order) 100.00 → résultat 1 900.00
 *   R002 carried 1 502.82 = P135; P135(N−1) 1 000.00 + P140(N−1) 502.82 − 1068 executed 0 = 1 502.82
 *   investissement: D 2188 (21) 300.00 + 2183 (opération 103, chapter 21 by nature) 700.00 + 1641 400.00; R 10222 900.00 + 28183 (040) 100.00
 *   loan annex: one own loan, CRD 31/12 12 345.67 = P310; 1068 voted (MtCumulDM 500.00) but MtReal 0.
 * `move` shifts one named figure by a cent; `calculated: false` leaves every calculated line out.
 */
type Figure = 'cr' | 'p140' | 'p135' | 'p135prev' | 'eb011' | 'eb21' | 'ebop103' | 'p310' | 'total21op' | 'none';

function cfu(opts: { move?: Figure; calculated?: boolean } = {}): string {
  const m = (f: Figure, euros: string) => {
    if (opts.move !== f) return euros;
    const [e, c] = euros.split('.') as [string, string];
    const cents = BigInt(e) * 100n + BigInt(c) + 1n;
    return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  };
  const calc = opts.calculated ?? true;
  const line = (body: string) => `<LigneBudget>${body}<MtPrev V="0"/><MtRAR3112 V="0"/></LigneBudget>`;
  const budget = [
    line('<Nature V="002"/><CodRD V="R"/><OpBudg V="0"/><MtReal V="1502.82"/>'),
    line('<Nature V="001"/><CodRD V="R"/><OpBudg V="0"/><MtReal V="200.00"/>'),
    line('<Nature V="60611"/><ContNat V="011"/><CodRD V="D"/><OpBudg V="0"/><MtReal V="1000.00"/>'),
    line('<Nature V="6413"/><ContNat V="012"/><CodRD V="D"/><OpBudg V="0"/><MtReal V="2000.00"/>'),
    line('<Nature V="6811"/><ContNat V="042"/><CodRD V="D"/><OpBudg V="1"/><MtReal V="100.00"/>'),
    line('<Nature V="73111"/><ContNat V="731"/><CodRD V="R"/><OpBudg V="0"/><MtReal V="5000.00"/>'),
    line('<Nature V="2188"/><ContNat V="21"/><CodRD V="D"/><OpBudg V="0"/><MtReal V="300.00"/>'),
    line('<Nature V="2183"/><Operation V="103"/><ContOp V="103"/><CodRD V="D"/><OpBudg V="0"/><MtReal V="700.00"/><CaracSup V="1" Code="TypOpe"/>'),
    line('<Nature V="1641"/><ContNat V="16"/><CodRD V="D"/><OpBudg V="0"/><MtReal V="400.00"/>'),
    line('<Nature V="10222"/><ContNat V="10"/><CodRD V="R"/><OpBudg V="0"/><MtReal V="900.00"/>'),
    line('<Nature V="1068"/><ContNat V="10"/><CodRD V="R"/><OpBudg V="0"/><MtReal V="0"/><MtCumulDM V="500.00"/>'),
    line('<Nature V="28183"/><ContNat V="040"/><CodRD V="R"/><OpBudg V="1"/><MtReal V="100.00"/>'),
  ];
  const calculated = [
    `<LigneBudget calculated="true" generator="EnrichissementNomenclature.xsl" id="d26e2"><ChapitreNature V="011"/><InfoOpe V="TNULL"/><CodRD V="D"/><MtReal V="1000.00"/><OpBudg V="0"/></LigneBudget>`,
    `<LigneBudget calculated="true" generator="fr/gouv/finances/cp/dsc/resources/AJOUT_OP_BUDG_T.xsl" id="w1"><ChapitreNature V="21"/><InfoOpe V="T"/><CodRD V="D"/><MtReal V="1000.00"/><OpBudg V="T"/></LigneBudget>`,
    `<LigneBudget calculated="true" generator="EnrichissementNomenclature.xsl" id="d27e2"><ChapitreNature V="21"/><InfoOpe V="TNULL"/><CodRD V="D"/><MtReal V="300.00"/><OpBudg V="0"/></LigneBudget>`,
    `<LigneBudget calculated="true" generator="EnrichissementNomenclature.xsl" id="d28e2"><ChapitreNature V="21"/><InfoOpe V="103"/><CodRD V="D"/><MtReal V="${m('total21op', '700.00')}"/><OpBudg V="0"/></LigneBudget>`,
    `<LigneBudget calculated="true" generator="org/odm-budgetaire/dsc/y2023/M57/M57_A/16/resources/groupes/GDEPEXINVEQPT.xsl" id="g1"><Groupe V="GDEPEXINVEQPT"/><MtReal V="44000000.00"/><MtRAR3112 V="18287.90"/></LigneBudget>`,
    `<LigneBudget calculated="true" generator="org/odm-budgetaire/dsc/y2023/M57/M57_A/16/resources/groupes/SOLDEGLOBALCA.xsl" id="g2"><Groupe V="SOLDEGLOBALCA"/><MtReal V="-16161.06"/><CaracSup V="1" Code="TypOpe"/></LigneBudget>`,
  ];
  const lc = (etat: string, body: string) => `<LigneComptable><Etat V="${etat}"/>${body}</LigneComptable>`;
  const comptable = [
    lc('BI_S_P', '<NumOrdre V="6"/><Intitule1 V="Résultat de l\'exercice"/><MtNet V="2"/><Agregat V="P140-P140"/><Format V="AG"/><ModeTraitement V="REGROUP_AGREGAT_BILAN"/>'),
    lc('BI_P', `<NumOrdre V="10"/><Intitule1 V="REPORT A NOUVEAU"/><MtNet V="${m('p135', '1502.82')}"/><MtNet-1 V="${m('p135prev', '1000.00')}"/><Agregat V="P135"/><Format V="AG"/><ModeTraitement V="AGREGAT_BILAN"/>`),
    lc('BI_P', `<NumOrdre V="11"/><Intitule1 V="RÉSULTAT DE L'EXERCICE"/><MtNet V="${m('p140', '1900.00')}"/><MtNet-1 V="502.82"/><Agregat V="P140"/><Format V="AG"/><ModeTraitement V="AGREGAT_BILAN"/>`),
    lc('BI_P', `<NumOrdre V="22"/><Intitule1 V="EMPRUNTS SOUSCRITS AUPRÈS DES ÉTABLISSEMENTS DE CRÉDIT"/><MtNet V="${m('p310', '12345.67')}"/><Agregat V="P310"/><Format V="AG"/><ModeTraitement V="AGREGAT_BILAN"/>`),
    lc('CR', '<NumOrdre V="21"/><Intitule1 V="Charges de personnel"/><MtNet V="2000.00"/><Agregat V="R210-R215"/><Format V="AG"/><ModeTraitement V="REGROUP_AGREGAT_CR"/>'),
    lc('CR', `<NumOrdre V="56"/><Intitule1 V="RESULTAT DE L'EXERCICE (VIII = IV + VII )"/><MtNet V="${m('cr', '1900.00')}"/><Format V="GAGE"/><ModeTraitement V="TOTALISATION"/>`),
    lc('EB_DF', '<NumOrdre V="1"/><Intitule1 V="60611"/><Nature V="60611"/><Chapitre V="011"/><CodeRD V="D"/><Section V="F"/><MtRealNettes V="1000.00"/><Format V="AGE"/><ModeTraitement V="DETAIL_CHAPITRE"/>'),
    lc('EB_DF', `<NumOrdre V="2"/><Intitule1 V="total chapitre 011"/><Chapitre V="011"/><CodeRD V="D"/><Section V="F"/><MtPrevisions V="1200.00"/><MtRealNettes V="${m('eb011', '1000.00')}"/><Format V="AGE"/><ModeTraitement V="TOTAL_DETAIL_CHAPITRE"/>`),
    lc('EB_DI', `<NumOrdre V="3"/><Intitule1 V="total chapitre 21"/><Chapitre V="21"/><CodeRD V="D"/><Section V="I"/><MtRealNettes V="${m('eb21', '300.00')}"/><Format V="AGE"/><ModeTraitement V="TOTAL_DETAIL_CHAPITRE"/>`),
    lc('EB_DI', `<NumOrdre V="7"/><Intitule1 V="total opération n° 103"/><Operation V="103"/><CodeRD V="D"/><Section V="I"/><MtRealNettes V="${m('ebop103', '700.00')}"/><Format V="AGE"/><ModeTraitement V="SANS_TRAITEMENT"/>`),
    lc('EB_DF', '<NumOrdre V="73"/><Intitule1 V="Total des dépenses de la section de fonctionnement"/><MtRealNettes V="99999.99"/><Format V="GAGE"/><ModeTraitement V="TOTALISATION"/>'),
  ];
  const text = `<?xml version="1.0" encoding="ISO-8859-1"?>
<doccfu:CompteFinancierUnique xmlns:doccfu="http://www.minefi.gouv.fr/cp/demat/doccfu" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:db="http://www.minefi.gouv.fr/cp/demat/docbudgetaire" xmlns:dc="http://www.minefi.gouv.fr/cp/demat/doccomptable">
   <DocumentComptable xmlns="http://www.minefi.gouv.fr/cp/demat/doccomptable">
      <EnteteComptable><Infos><Nomenclature V="M57_A"/><Exercice V="2023"/>
         <Collectivite CodeBC="86100" IdNat="2678196" Libelle="EXEMPLE " PlanCpte="M57 abrégée" Population="2259" Siret="21560046100085" TypeBC="BP" TypeColl="Commune"/>
      </Infos></EnteteComptable>
      <BudgetComptable IdNat="2678196" SIRET="21560046100085">
${comptable.join('\n')}
      </BudgetComptable>
   </DocumentComptable>
   <DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">
      <EnTeteDocBudgetaire><LibelleColl V="COMMUNE DE EXEMPLE (M57)"/><IdColl V="21560046100085"/></EnTeteDocBudgetaire>
      <Budget>
         <EnTeteBudget><LibelleEtab V="COMMUNE DE EXEMPLE"/><IdEtab V="21560046100085"/><CodBud V="00"/><Nomenclature V="M57-M57_A"/></EnTeteBudget>
         <BlocBudget><NatDec V="10"/><Exer V="2023"/></BlocBudget>
${calc ? calculated.slice(0, 2).join('\n') : ''}
${budget.join('\n')}
${calc ? calculated.slice(2).join('\n') : ''}
         <Annexes><DATA_EMPRUNT>
            <EMPRUNT><CodTypEmpr V="01"/><CodArticle V="1641"/><NumContrat V="A1"/><MtIntExer V="52.00"/><MtCapitalExer V="400.00"/><MtCapitalRestDu_01_01 V="12745.67"/><MtCapitalRestDu_31_12 V="12345.67"/></EMPRUNT>
            <EMPRUNT><CodTypEmpr V="09"/><CodArticle V="1641"/><NumContrat V="G1"/><MtCapitalRestDu_31_12 V="99999.00"/></EMPRUNT>
         </DATA_EMPRUNT></Annexes>
      </Budget>
   </DocumentBudgetaire>
</doccfu:CompteFinancierUnique>
`;
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-cfu-acc-'));
  const path = join(dir, `cfu-${opts.move ?? 'sound'}${calc ? '' : '-plain'}.xml`);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}

interface F { severity: string; checkId: string; message: string; difference?: string }
const check = (path: string) => {
  const r = run(['check', path, '--format', 'json']);
  return { exitCode: r.exitCode, findings: (JSON.parse(r.stdout).findings as F[]).filter((f) => f.checkId.startsWith('cfu.') || f.checkId.startsWith('document.')) };
};

describe('CFU on the shape of a real export', () => {
  it('reads the shape itself: every calculated line left out, every LigneComptable read (counted by regex over the raw text)', async () => {
    const path = join(SAMPLES, 'cfu/cfu-structure-extract.xml');
    const text = raw(path);
    const budgetPart = text.slice(text.indexOf('<DocumentBudgetaire'));
    const calculated = [...budgetPart.matchAll(/<LigneBudget calculated="true"[^>]*>([\s\S]*?)<\/LigneBudget>/g)].map((x) => x[1]!);
    const chapterTotals = calculated.filter((b) => b.includes('<ChapitreNature '));
    const accountLines = (budgetPart.match(/<LigneBudget id=/g) ?? []).length;
    const doc = await readBudgetDocument(path);
    expect(calculated.length).toBe(32);
    expect(doc.facts.calculatedSkipped).toBe(calculated.length - chapterTotals.length);
    expect(new Set(doc.facts.declaredTotals.map((t) => t.line)).size).toBe(chapterTotals.length);
    expect(doc.lines).toBe(accountLines);
    expect(doc.facts.comptable).toHaveLength((text.match(/<LigneComptable>/g) ?? []).length);
    // The P140 of the bilan as written (amounts are random in the shape: only where it is read is tested).
    expect(doc.facts.comptable!.find((l) => l.etat === 'BI_P' && l.agregat === 'P140')!.mtNet).toBe(8652226n);
    // Real MtReal of fonctionnement dépenses, summed by regex over the account lines with a 6xxx Nature.
    let fd = 0n;
    for (const b of budgetPart.matchAll(/<LigneBudget id=[^>]*>([\s\S]*?)<\/LigneBudget>/g)) {
      const nature = /<Nature V="([^"]*)"/.exec(b[1]!)![1]!;
      if (nature.startsWith('6') && /<CodRD V="D"/.test(b[1]!)) {
        const [e, c = ''] = /<MtReal V="([^"]*)"/.exec(b[1]!)![1]!.split('.');
        fd += BigInt(e!) * 100n + BigInt(c.padEnd(2, '0'));
      }
    }
    const r = run(['compute', path, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).figures['21000000000000.2023.execution.fonctionnement-exercice.depenses']).toBe(`${fd / 100n}.${(fd % 100n).toString().padStart(2, '0')}`);
    // The blanked SIRET fails its Luhn key: a warning naming the file and the value.
    const c = check(path);
    expect(c.findings.filter((f) => f.checkId === 'document.identifiers').map((f) => f.message)).toContain('IdColl 21000000000000: this SIRET fails its Luhn key (a mistyped or blanked identifier)');
  });

  it('gives the same figures with and without its calculated lines', () => {
    const withCalc = JSON.parse(run(['compute', cfu(), '--format', 'json']).stdout).figures;
    const plain = JSON.parse(run(['compute', cfu({ calculated: false }), '--format', 'json']).stdout).figures;
    expect(withCalc).toEqual(plain);
    expect(withCalc['21560046100085.2023.execution.fonctionnement-exercice.solde']).toBe('1900.00');
    expect(withCalc['21560046100085.2023.execution.fonctionnement-exercice.depenses']).toBe('3100.00');
    expect(withCalc['21560046100085.2023.execution.investissement-exercice.depenses']).toBe('1400.00');
  });

  it('passes its accounting cross-checks when sound', () => {
    const { exitCode, findings } = check(cfu());
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(exitCode).toBe(0);
    const msgs = findings.map((f) => f.message);
    expect(msgs).toContain("2023: compte de résultat « RÉSULTAT DE L'EXERCICE » = résultat de fonctionnement de l'exercice: 1 900,00 on both sides");
    expect(msgs).toContain("2023: bilan P140 (résultat de l'exercice) = résultat de fonctionnement de l'exercice: 1 900,00 on both sides");
    expect(msgs).toContain('2023: bilan P135 (report à nouveau) = R002 / D002 of the year: 1 502,82 on both sides');
    expect(msgs).toContain("2023: bilan P310 (emprunts auprès des établissements de crédit) = the loan annex's capital restant dû of own loans: 12 345,67 on both sides");
    expect(msgs).toContain("2023: EB opération 103 D: accountant's realised total = ordonnateur's: 700,00 on both sides");
    expect(msgs).toContain("2023: EB chapter 21 D (section I): accountant's realised total = ordonnateur's: 300,00 on both sides");
    expect(msgs).toContain('2023: 1068 voted (500,00) but not executed: the affectation was not carried out');
    // Four declared chapter totals, each at its level (outside opérations, all, opération 103), all agreeing.
    expect(findings.filter((f) => f.checkId === 'cfu.chapter-totals').map((f) => f.message)).toEqual([
      'chapter 011 D, real, outside opérations: the declared total agrees with its lines (MtReal 1 000,00)',
      'chapter 21 D: the declared total agrees with its lines (MtReal 1 000,00)',
      'chapter 21 D, real, outside opérations: the declared total agrees with its lines (MtReal 300,00)',
      'chapter 21 D, real, opération 103: the declared total agrees with its lines (MtReal 700,00)',
    ]);
  });

  it('fails when one accounting figure moves by a cent', () => {
    const errors: [Figure, string][] = [
      ['cr', "compte de résultat « RÉSULTAT DE L'EXERCICE »"],
      ['p140', 'bilan P140'],
      ['p135', 'bilan P135 (report à nouveau) = R002'],
      ['eb011', 'EB chapter 011 D'],
      ['eb21', 'EB chapter 21 D'],
      ['ebop103', 'EB opération 103 D'],
      ['total21op', 'chapter 21 D, real, opération 103'],
    ];
    for (const [move, what] of errors) {
      const { exitCode, findings } = check(cfu({ move }));
      const bad = findings.filter((f) => f.severity === 'error');
      expect(bad.length, move).toBeGreaterThanOrEqual(1);
      expect(bad.some((f) => f.message.includes(what) && f.difference === '0.01'), `${move}: ${JSON.stringify(bad)}`).toBe(true);
      expect(exitCode, move).toBe(1);
    }
    // P310 and the report-à-nouveau roll-forward differ by cents in real files: warnings with the amount.
    for (const move of ['p310', 'p135prev'] as const) {
      const { exitCode, findings } = check(cfu({ move }));
      expect(findings.filter((f) => f.severity === 'error'), move).toEqual([]);
      const w = findings.filter((f) => f.severity === 'warning');
      expect(w, move).toHaveLength(1);
      expect(w[0]!.difference, move).toBe(move === 'p310' ? '0.01' : '-0.01');
      expect(exitCode, move).toBe(0);
    }
  });
});
