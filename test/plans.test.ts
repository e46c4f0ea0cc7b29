// Every bundled ODM plan: values read off the XML, the year and declinaison choice, ledgers of other normes (M52, M4x), lazy loading.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyDelta, type Row } from '../src/nomenclature/plan-delta.js';
import { availablePlans, choosePlan, resolvePlan } from '../src/nomenclature/plan.js';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HEADER, makeFolder } from './helpers/folder.js';
import { ligne, totemFile } from './helpers/totem-xml.js';
import { computeJson, ROOT, run } from './helpers/run.js';

/** Each value below was read in shared/nomenclatures/odm/<year>/<norme>/<declinaison>/planDeCompte.xml (cited per case). */
describe('plans against their XML', () => {
  it('counts the chapters and accounts of plans of six normes', () => {
    // grep -c '<Chapitre ' and grep -c '<Compte ' on each file.
    const counts: [string, number, number, number][] = [
      ['M14-M14_CE', 2013, 39, 837],
      ['M61', 2018, 38, 1123],
      ['M71', 2015, 84, 1858],
      ['M71', 2024, 84, 1934],
      ['M52', 2016, 112, 2017],
      ['M4-M43', 2024, 38, 1108],
      ['M4-M49_D', 2020, 38, 1243],
      ['M57', 2021, 97, 3417],
    ];
    for (const [decl, year, chapters, accounts] of counts) {
      const p = resolvePlan(decl, year);
      expect([p.id, p.exercice, p.chapters().length], decl).toEqual([p.id, year, chapters]);
      expect(p.accountCodes().length, `${decl} ${year}`).toBe(accounts);
    }
  });

  it('M57 2021 takes 7351 as a real recette of chapter 73; the 2022 plan (Exer 2020) gives it no flow', () => {
    // 2021/M57/M57: <Compte Code="7351" Libelle="Fraction compensatoire de la TFPB et de la taxe d'habitation sur les résidences principales" … RR="73" …/>
    const p21 = resolvePlan('M57', 2021);
    expect(p21).toMatchObject({ id: 'M57-M57-2021', exer: 2021 });
    expect(p21.account('7351')).toMatchObject({ libelle: "Fraction compensatoire de la TFPB et de la taxe d'habitation sur les résidences principales", chapters: { RR: '73' } });
    // 2022/M57/M57 (Exer="2020"): <Compte Code="7351" Libelle="Taxe sur la consommation finale d'électricité" Lib_court="…"/>
    const p22 = resolvePlan('M57', 2022);
    expect(p22).toMatchObject({ id: 'M57-M57-2022', exer: 2020 });
    expect(p22.account('7351')).toEqual({ code: '7351', libelle: "Taxe sur la consommation finale d'électricité", chapters: {} });
    expect(p22.chapterOfAccount('7351', 'R', 'reel')).toBeUndefined();
  });

  it('M52: the social chapters 015–017 are special, 73111 goes to 731, 1641 carries every flow', () => {
    // 2016/M52/M52: <Chapitre Code="015" Libelle="Revenu minimum d'insertion" … TypeChapitre="G" Section="F" Special="1"/>, same for 016, 017.
    const p = resolvePlan('M52', 2016);
    expect(p.chapter('015')).toMatchObject({ libelle: "Revenu minimum d'insertion", type: 'G', section: 'F', special: true, kind: 'reel' });
    expect(p.chapter('016')).toMatchObject({ libelle: 'Allocation personnalisée d\'autonomie', special: true });
    expect(p.chapter('017')).toMatchObject({ libelle: 'Revenu de solidarité active', special: true });
    // <Compte Code="6561" Libelle="Organismes de regroupement (syndicats mixtes et ententes)" … DR="65" …/>
    expect(p.account('6561')).toMatchObject({ libelle: 'Organismes de regroupement (syndicats mixtes et ententes)', chapters: { DR: '65' } });
    // 2019/M52/M52: 73111 RR="731"; 1641 DR RR 16, DOES ROES 040, DOIS ROIS 041.
    const p19 = resolvePlan('M52', 2019);
    expect(p19.chapterOfAccount('73111', 'R', 'reel')).toBe('731');
    expect(p19.account('1641')?.chapters).toEqual({ DR: '16', RR: '16', DOES: '040', ROES: '040', DOIS: '041', ROIS: '041' });
  });

  it('M4x: the water and transport plans have their own 002 label and sales accounts', () => {
    // 2020/M4/M49_D: <Chapitre Code="002" Libelle="Résultat d'exploitation reporté" …/>, <Compte Code="70111" Libelle="Ventes d'eau aux abonnés" … RR="70"/>
    const water = resolvePlan('M4-M49_D', 2020);
    expect(water.chapter('002')).toMatchObject({ libelle: "Résultat d'exploitation reporté", kind: 'reporte', section: 'F' });
    expect(water.account('70111')).toMatchObject({ libelle: "Ventes d'eau aux abonnés", chapters: { RR: '70' } });
    expect(water.chapter('016')).toBeUndefined();
    expect(water.chapter('6586')).toBeUndefined();
    // 2024/M4/M43: <Compte Code="7061" Libelle="Transport de voyageur" … RR="70"/>; 706 itself carries no flow, its children share 70.
    const transport = resolvePlan('M43', 2024);
    expect(transport.account('7061')).toMatchObject({ libelle: 'Transport de voyageur', chapters: { RR: '70' } });
    expect(transport.chapterOfAccount('706', 'R', 'reel')).toBe('70');
    // <Chapitre Code="042" Libelle="Opérations d'ordre de transfert entre sections" … Section="F"/>
    expect(transport.chapter('042')).toMatchObject({ libelle: "Opérations d'ordre de transfert entre sections", kind: 'ordre', section: 'F' });
  });

  it('M71 and M61: functional chapters and accounts', () => {
    // 2015/M71/M71: <Chapitre Code="932" Libelle="Enseignement" … TypeChapitre="C" Section="F"/>; 7352 RR="73" in 2015 and 2024.
    const r15 = resolvePlan('M71', 2015);
    expect(r15.chapter('932')).toMatchObject({ libelle: 'Enseignement', type: 'C', section: 'F' });
    expect(r15.account('7352')).toMatchObject({ libelle: 'Taxe sur les locaux à usage de bureaux', chapters: { RR: '73' } });
    expect(resolvePlan('M71', 2024).account('7352')?.chapters).toEqual({ RR: '73' });
    // 2018/M61/M61: <Compte Code="6042" Libelle="Achats de prestations de services" … DR="011"/>
    expect(resolvePlan('M61', 2018).account('6042')).toMatchObject({ libelle: 'Achats de prestations de services', chapters: { DR: '011' } });
  });

  it('bundles 215 plans, each loadable', () => {
    const refs = availablePlans();
    expect(refs).toHaveLength(215);
    const byNorme = new Map<string, number>();
    for (const r of refs) {
      byNorme.set(r.norme, (byNorme.get(r.norme) ?? 0) + 1);
      const p = resolvePlan(`${r.norme}-${r.declinaison}`, r.exercice);
      expect(p.id).toBe(r.id);
      // What the product assumes of every plan: loans in 16, interest 66111 / 66112 in 66, cessions 775 in 77, 1068 in 10.
      const shared = [p.chapterOfAccount('1641', 'D', 'reel'), p.chapterOfAccount('66111', 'D', 'reel'), p.chapterOfAccount('66112', 'D', 'reel'), p.chapterOfAccount('775', 'R', 'reel'), p.chapterOfAccount('1068', 'R', 'reel')];
      expect(shared, r.id).toEqual(['16', '66', '66', '77', '10']);
    }
    // find odm -name planDeCompte.xml, by norme.
    expect(Object.fromEntries(byNorme)).toEqual({ M14: 72, M4: 91, M52: 12, M57: 16, M61: 12, M71: 12 });
  });
});

describe('plan choice', () => {
  it('own year, else nearest earlier, else nearest later', () => {
    expect(choosePlan('M57', 2021)).toMatchObject({ plan: { id: 'M57-M57-2021' }, rule: 'own-year' });
    // M43_D stops in 2022; M57_A starts in 2022.
    expect(choosePlan('M43_D', 2023)).toMatchObject({ plan: { id: 'M4-M43_D-2022' }, rule: 'nearest-earlier' });
    expect(choosePlan('M57_A', 2019)).toMatchObject({ plan: { id: 'M57-M57_A-2022' }, rule: 'nearest-later' });
    expect(choosePlan('M52', 2012)).toMatchObject({ plan: { id: 'M52-M52-2013' }, rule: 'nearest-later' });
    expect(choosePlan('M71', 2026)).toMatchObject({ plan: { id: 'M71-M71-2024' }, rule: 'nearest-earlier' });
  });

  it('a bare M57 is M57 up to 2022, then the declinaison the document names or the population implies', () => {
    expect(choosePlan('M57', 2022).plan.id).toBe('M57-M57-2022');
    expect(choosePlan('M57', 2022, { population: 800 }).plan.id).toBe('M57-M57-2022');
    expect(choosePlan('M57', 2024, { declinaison: 'M57-M57_P' }).plan).toMatchObject({ id: 'M57-M57_P-2024', chosenBy: expect.stringContaining('named by the document') });
    expect(choosePlan('M57', 2024, { population: 1200 }).plan).toMatchObject({ id: 'M57-M57_A-2024', chosenBy: expect.stringContaining('population 1200 < 3500') });
    expect(choosePlan('M57', 2023, { population: 3500 }).plan.id).toBe('M57-M57_D-2023');
    expect(choosePlan('M57', 2024).plan).toMatchObject({ id: 'M57-M57_D-2024', chosenBy: expect.stringContaining('M57_D (développée) chosen') });
    // A bare M14 never had a plan of its own.
    expect(choosePlan('M14', 2019, { population: 420 }).plan.id).toBe('M14-M14_COM_INF500-2019');
  });

  it('names the plan and the rule in every output format', () => {
    const ledger = `${HEADER}\nprincipal,2025,F,D,011,60611,reel,10.00,\nprincipal,2025,F,R,70,7062,reel,25.00,\n`;
    const dir = makeFolder(ledger, { nomenclature: 'M57_D' });
    const j = computeJson(dir);
    expect((j.provenance as { plans: unknown }).plans).toEqual([{ exercice: 2025, plan: 'M57-M57_D-2024', rule: 'nearest-earlier' }]);
    expect(j.figures['principal.2025.execution.fonctionnement-exercice.solde']).toBe('15.00');
    const text = run(['compute', dir, '--lang', 'fr']);
    expect(text.stdout).toContain('# plan de comptes 2025: M57-M57_D-2024 (pas de plan 2025 : le plus proche antérieur)');
    const csv = run(['compute', dir, '--format', 'csv', '--lang', 'fr']);
    expect(csv.stdout).toContain('plan de comptes 2025: M57-M57_D-2024 (pas de plan 2025 : le plus proche antérieur)');
    // English is the default (CI logs).
    expect(run(['compute', dir]).stdout).toContain('# plan de comptes 2025: M57-M57_D-2024 (no plan for 2025: the nearest earlier one)');
    // A bare M57 after 2022 with a population says how the declinaison was chosen.
    const small = makeFolder(ledger, { nomenclature: 'M57', entite: { nom: 'Petite commune', categorie: 'commune', population: 900 } });
    expect((computeJson(small).provenance as { plans: unknown }).plans).toEqual([
      { exercice: 2025, plan: 'M57-M57_A-2024', rule: 'nearest-earlier', chosenBy: 'M57 without declinaison after 2022: M57_A, population 900 < 3500' },
    ]);
  });
});

describe('a folder whose manifest names only the norme', () => {
  it('takes the declinaison a 2024 TOTEM file names (M57-M57_A) rather than refusing it', () => {
    const xml = totemFile(
      [ligne({ nature: '60611', rd: 'D', real: '100.00', section: 'F' }), ligne({ nature: '7062', rd: 'R', real: '250.00', section: 'F' })],
      { nomenclature: 'M57-M57_A', exer: 2024 },
    );
    const dir = dirname(xml);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'sitiv-ca.manifest/1', nomenclature: 'M57', budgets: [{ id: 'principal', label: 'Budget principal' }], ledgers: ['doc.xml'] }));
    try {
      const j = computeJson(dir);
      expect((j.provenance as { plans: unknown }).plans).toEqual([{ exercice: 2024, plan: 'M57-M57_A-2024', rule: 'own-year' }]);
      expect(j.figures['principal.2024.execution.fonctionnement-exercice.solde']).toBe('150.00');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ledgers of other years and normes', () => {
  it('a 2021 M57 ledger with a real 7351 recette reads with the 2021 plan; the same line in 2022 is refused', () => {
    const line = (y: number) => `${HEADER}\nprincipal,${y},F,R,73,7351,reel,1000.00,\nprincipal,${y},F,D,011,60611,reel,400.00,\n`;
    const j = computeJson(makeFolder(line(2021)));
    expect((j.provenance as { plans: unknown }).plans).toEqual([{ exercice: 2021, plan: 'M57-M57-2021', rule: 'own-year' }]);
    expect(j.figures['principal.2021.execution.fonctionnement-exercice.recettes']).toBe('1000.00');
    expect(j.figures['principal.2021.execution.fonctionnement-exercice.solde']).toBe('600.00');
    const refused = run(['compute', makeFolder(line(2022))]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/ledger\.csv:2:6 \(compte\): account 7351 cannot carry a reel R flow in plan M57-M57-2022/);
  });

  it('a M52 département ledger computes: hand-computed results, affectation and savings', () => {
    const rows = [
      'principal,2019,F,D,011,60611,reel,1000000.00,',
      'principal,2019,F,D,012,64111,reel,2500000.00,',
      'principal,2019,F,D,65,65111,reel,300000.00,',
      'principal,2019,F,D,66,66111,reel,120000.00,',
      'principal,2019,F,D,042,6811,ordre,400000.00,',
      'principal,2019,F,R,731,73111,reel,3900000.00,',
      'principal,2019,F,R,74,7411,reel,1100000.00,',
      'principal,2019,F,R,002,,,200000.00,',
      'principal,2019,I,D,16,1641,reel,400000.00,',
      'principal,2019,I,D,21,21831,reel,600000.00,150000.00',
      'principal,2019,I,D,20,2031,reel,50000.00,',
      'principal,2019,I,R,16,1641,reel,500000.00,',
      'principal,2019,I,R,040,281831,ordre,400000.00,',
      'principal,2019,I,R,10,10222,reel,80000.00,',
      'principal,2019,I,D,001,,,100000.00,',
    ];
    const j = computeJson(makeFolder(`${HEADER}\n${rows.join('\n')}\n`, { nomenclature: 'M52', entite: { nom: 'Département', categorie: 'departement' } }));
    expect((j.provenance as { plans: unknown }).plans).toEqual([{ exercice: 2019, plan: 'M52-M52-2019', rule: 'own-year' }]);
    const f = (id: string) => j.figures[`principal.2019.${id}`];
    // F: 3 900 000 + 1 100 000 = 5 000 000; 1 000 000 + 2 500 000 + 300 000 + 120 000 + 400 000 = 4 320 000.
    expect(f('execution.fonctionnement-exercice.recettes')).toBe('5000000.00');
    expect(f('execution.fonctionnement-exercice.depenses')).toBe('4320000.00');
    expect(f('execution.fonctionnement-cumule.solde')).toBe('880000.00');
    // I: 500 000 + 400 000 + 80 000 = 980 000; 400 000 + 600 000 + 50 000 = 1 050 000; −70 000 − D001 100 000.
    expect(f('execution.investissement-exercice.solde')).toBe('-70000.00');
    expect(f('execution.investissement-cumule.solde')).toBe('-170000.00');
    // Besoin −170 000 − 150 000 RAR = −320 000, covered by 1068; R002 = 880 000 − 320 000.
    expect(f('affectation.besoin-financement.montant')).toBe('-320000.00');
    expect(f('affectation.1068.montant')).toBe('320000.00');
    expect(f('affectation.r002.montant')).toBe('560000.00');
    expect(f('execution.global.solde')).toBe('560000.00');
    // Épargne brute = 5 000 000 − (1 000 000 + 2 500 000 + 300 000 + 120 000): 6811 is an order operation.
    expect(f('epargne.recettes-reelles.montant')).toBe('5000000.00');
    expect(f('epargne.depenses-reelles.montant')).toBe('3920000.00');
    expect(f('epargne.epargne-brute.montant')).toBe('1080000.00');
  });

  it('a M49_D water ledger computes: an excédent smaller than the besoin goes entirely to 1068', () => {
    const rows = [
      'principal,2020,F,D,011,6061,reel,200000.00,',
      'principal,2020,F,D,012,6411,reel,150000.00,',
      'principal,2020,F,D,66,66111,reel,20000.00,',
      'principal,2020,F,D,042,6811,ordre,90000.00,',
      'principal,2020,F,R,70,70111,reel,520000.00,',
      'principal,2020,F,R,002,,,30000.00,',
      'principal,2020,I,D,16,1641,reel,60000.00,',
      'principal,2020,I,D,23,2315,reel,300000.00,40000.00',
      'principal,2020,I,R,13,13111,reel,100000.00,25000.00',
      'principal,2020,I,R,040,281561,ordre,90000.00,',
      'principal,2020,I,R,001,,,50000.00,',
    ];
    const dir = makeFolder(`${HEADER}\n${rows.join('\n')}\n`, { nomenclature: 'M4-M49_D' });
    const j = computeJson(dir);
    expect((j.provenance as { plans: unknown }).plans).toEqual([{ exercice: 2020, plan: 'M4-M49_D-2020', rule: 'own-year' }]);
    const f = (id: string) => j.figures[`principal.2020.${id}`];
    // F: 520 000 − (200 000 + 150 000 + 20 000 + 90 000) = 60 000, + R002 30 000.
    expect(f('execution.fonctionnement-exercice.solde')).toBe('60000.00');
    expect(f('execution.fonctionnement-cumule.solde')).toBe('90000.00');
    // I: (100 000 + 90 000) − (60 000 + 300 000) = −170 000, + R001 50 000.
    expect(f('execution.investissement-cumule.solde')).toBe('-120000.00');
    // Besoin −120 000 + 25 000 − 40 000 = −135 000 > the 90 000 excédent: all to 1068, 45 000 uncovered.
    expect(f('affectation.besoin-financement.montant')).toBe('-135000.00');
    expect(f('affectation.1068.montant')).toBe('90000.00');
    expect(f('affectation.r002.montant')).toBe('0.00');
    expect(f('affectation.besoin-non-couvert.montant')).toBe('45000.00');
    expect(f('execution.global.solde')).toBe('-45000.00');
    // Épargne brute 520 000 − (200 000 + 150 000 + 20 000).
    expect(f('epargne.depenses-reelles.montant')).toBe('370000.00');
    expect(f('epargne.epargne-brute.montant')).toBe('150000.00');
    // The RAR table holds the plan's chapters only: no M57 016 / 017 / 018 / 204 / 6586 row in a M4 plan.
    expect(f('rar.I-23.depenses')).toBe('40000.00');
    const rarRows = Object.keys(j.figures).filter((k) => k.startsWith('principal.2020.rar.'));
    for (const code of ['I-018', 'I-204', 'F-016', 'F-017', 'F-6586']) expect(rarRows.some((k) => k.includes(`.${code}.`)), code).toBe(false);
    expect(rarRows.some((k) => k.includes('.F-011.'))).toBe(true);
  });
});

describe('committed plan data', () => {
  it('rebuilds rows from a delta: removed, changed in place, added after a code, moved', () => {
    const prev = { chapters: [['011', 'a'], ['012', 'b'], ['65', 'c']] as Row[], accounts: [['1', 'x'], ['2', 'y'], ['3', 'z']] as Row[] };
    const next = applyDelta(prev, {
      chapters: { del: ['012'], set: [['65', 'C']], add: [[null, ['002', 'r']], ['011', ['014', 'd']]] },
      accounts: { del: ['1'], add: [['3', ['1', 'x']]] },
    });
    expect(next.chapters).toEqual([['002', 'r'], ['011', 'a'], ['014', 'd'], ['65', 'C']]);
    expect(next.accounts).toEqual([['2', 'y'], ['3', 'z'], ['1', 'x']]);
    expect(prev.chapters).toHaveLength(3);
    expect(() => applyDelta(prev, { accounts: { add: [['9', ['10', 'w']]] } })).toThrow(/unknown codes 9/);
  });

  it('a run reads only the index and the one norme file it needs (built bundle)', () => {
    const filesRead = (args: string[]): string[] => {
      const script = `
        import fs from 'node:fs';
        import { syncBuiltinESMExports } from 'node:module';
        const seen = [];
        // Every way the product could read a file, watched for data/plans paths.
        for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream']) {
          const orig = fs[name];
          fs[name] = function (p, ...rest) { const s = String(p instanceof URL ? p.pathname : p); if (s.includes('/data/plans/')) seen.push(s.slice(s.lastIndexOf('/') + 1)); return orig.call(this, p, ...rest); };
        }
        syncBuiltinESMExports();
        const { main } = await import('./dist/bundle/main.js');
        process.stdout.write = (_c, cb) => { if (typeof cb === 'function') cb(); return true; };
        await main(${JSON.stringify(['compute', '--format', 'json'])}.concat(${JSON.stringify(args)}));
        process.stderr.write('\\n' + JSON.stringify(seen));
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
      return JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('\n') + 1));
    };
    expect(filesRead(['fixtures/sitiv-2022'])).toEqual(['index.json', 'M57.ndjson']);
    const m52 = makeFolder(`${HEADER}\nprincipal,2019,F,D,011,60611,reel,10.00,\n`, { nomenclature: 'M52' });
    expect(filesRead([m52])).toEqual(['index.json', 'M52.ndjson']);
  });
});
