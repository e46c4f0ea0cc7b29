// Golden test: every figure of the seed's CA 2022 tables (Chapter 3 and the TNO annexe), through the built CLI.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeJson } from './helpers/run.js';

const SEED = new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url);

let figures: Record<string, string | null>;
let tables: { id: string; rows: { id: string; cells: Record<string, unknown> }[] }[];

beforeAll(() => {
  const out = computeJson('fixtures/sitiv-2022');
  figures = out.figures;
  tables = out.tables as typeof tables;
});

/** The seed prints `3 329 960,40 €`; figures are `3329960.40`. */
const fromSeed = (printed: string) => printed.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');

describe('budget principal 2022 (seed, Chapter 3 §1)', () => {
  const cases: [string, string][] = [
    ['principal.2022.execution.fonctionnement-exercice.recettes', '3 329 960,40'],
    ['principal.2022.execution.fonctionnement-exercice.depenses', '3 202 777,11'],
    ['principal.2022.execution.fonctionnement-exercice.solde', '127 183,29'],
    ['principal.2022.execution.fonctionnement-reporte.recettes', '136 955,44'],
    ['principal.2022.execution.fonctionnement-reporte.solde', '136 955,44'],
    ['principal.2022.execution.fonctionnement-cumule.solde', '264 138,73'],
    ['principal.2022.execution.investissement-exercice.recettes', '1 129 305,49'],
    ['principal.2022.execution.investissement-exercice.depenses', '1 086 477,78'],
    ['principal.2022.execution.investissement-exercice.solde', '42 827,71'],
    ['principal.2022.execution.investissement-reporte.recettes', '452 968,04'],
    ['principal.2022.execution.investissement-reporte.solde', '452 968,04'],
    ['principal.2022.execution.investissement-cumule.solde', '495 795,75'],
    ['principal.2022.execution.investissement-rar.recettes', '0,00'],
    ['principal.2022.execution.investissement-rar.depenses', '578 436,20'],
    ['principal.2022.execution.global.solde', '181 498,28'],
    // §2 restes à réaliser
    ['principal.2022.rar.investissement-total.depenses', '578 436,20'],
    ['principal.2022.rar.I-20.depenses', '458 323,06'],
    ['principal.2022.rar.I-21.depenses', '54 532,65'],
    ['principal.2022.rar.I-23.depenses', '65 580,49'],
    ['principal.2022.rar.fonctionnement-total.depenses', '0,00'],
    // §3 affectation
    ['principal.2022.affectation.resultat-fonctionnement.montant', '264 138,73'],
    ['principal.2022.affectation.rar-solde.montant', '-578 436,20'],
    ['principal.2022.affectation.besoin-financement.montant', '-82 640,45'],
    ['principal.2022.affectation.1068.montant', '82 640,45'],
    ['principal.2022.affectation.r002.montant', '181 498,28'],
  ];
  it.each(cases)('%s = %s', (id, printed) => {
    expect(figures[id]).toBe(fromSeed(printed));
  });

  it('the RAR table lists every chapter of the report, zeros shown, in its order', () => {
    const rar = tables.find((t) => t.id === 'principal.2022.rar')!;
    const codes = rar.rows.map((r) => r.cells.chapitre);
    expect(codes).toEqual([
      '(I)', '018', '10', '13', '16', '18', '20', '204', '21', '22', '23', '26', '27', '45',
      '(II)', '011', '012', '014', '016', '017', '65', '6586', '66', '67',
    ]);
    for (const code of ['018', '10', '13', '16', '18', '204', '22', '26', '27', '45']) {
      expect(figures[`principal.2022.rar.I-${code}.depenses`]).toBe('0.00');
    }
  });

  it('RAR chapter labels come from the plan de comptes (Lib_court), as the report prints them', () => {
    const rar = tables.find((t) => t.id === 'principal.2022.rar')!;
    const label = (code: string) => rar.rows.find((r) => r.cells.chapitre === code)!.cells.libelle;
    expect(label('18')).toBe('Cpte de liaison : affectation (BA,régie)');
    expect(label('6586')).toBe("Frais fonctionnement des groupes d'élus");
    expect(label('45')).toBe("Chapitres d'opérations pour compte de tiers");
  });
});

describe('budget annexe TNO 2022 (seed, §5)', () => {
  const cases: [string, string][] = [
    ['TNO.2022.execution.fonctionnement-exercice.recettes', '1 500 000,00'],
    ['TNO.2022.execution.fonctionnement-exercice.depenses', '95 000,00'],
    ['TNO.2022.execution.fonctionnement-exercice.solde', '1 405 000,00'],
    ['TNO.2022.execution.fonctionnement-reporte.solde', '0,00'],
    ['TNO.2022.execution.fonctionnement-cumule.solde', '1 405 000,00'],
    ['TNO.2022.execution.investissement-exercice.recettes', '0,00'],
    ['TNO.2022.execution.investissement-exercice.depenses', '742 627,83'],
    ['TNO.2022.execution.investissement-exercice.solde', '-742 627,83'],
    ['TNO.2022.execution.investissement-reporte.solde', '0,00'],
    ['TNO.2022.execution.investissement-cumule.solde', '-742 627,83'],
    ['TNO.2022.execution.investissement-rar.depenses', '303 798,61'],
    ['TNO.2022.execution.global.solde', '358 573,56'],
    ['TNO.2022.rar.investissement-total.depenses', '303 798,61'],
    ['TNO.2022.rar.I-20.depenses', '267 929,29'],
    ['TNO.2022.rar.I-21.depenses', '35 869,32'],
    ['TNO.2022.rar.fonctionnement-total.depenses', '0,00'],
    ['TNO.2022.affectation.besoin-financement.montant', '-1 046 426,44'],
    ['TNO.2022.affectation.1068.montant', '1 046 426,44'],
    ['TNO.2022.affectation.r002.montant', '358 573,56'],
    ['TNO.2022.affectation.d001.montant', '742 627,83'],
    ['TNO.2022.cofinancement.metropole-de-lyon.montant', '50 350,00'],
    ['TNO.2022.cofinancement.ville-de-lyon.montant', '29 070,00'],
    ['TNO.2022.cofinancement.sitiv.montant', '15 580,00'],
    ['TNO.2022.cofinancement.total.montant', '95 000,00'],
    ['TNO.2022.cofinancement.depenses-couvertes.montant', '95 000,00'],
    ['TNO.2022.cofinancement.ecart.montant', '0,00'],
  ];
  it.each(cases)('%s = %s', (id, printed) => {
    expect(figures[id]).toBe(fromSeed(printed));
  });

  it('co-financement shares, half-up to one decimal, never adjusted to 100,0', () => {
    // 50 350 / 95 000 = 53,0 %; 29 070 / 95 000 = 30,6 %; 15 580 / 95 000 = 16,4 %
    expect(figures['TNO.2022.cofinancement.metropole-de-lyon.part']).toBe('53.0');
    expect(figures['TNO.2022.cofinancement.ville-de-lyon.part']).toBe('30.6');
    expect(figures['TNO.2022.cofinancement.sitiv.part']).toBe('16.4');
  });
});

describe('the seed itself', () => {
  it('prints the figures the golden tests assert (guards against a typo in this file)', () => {
    const seed = readFileSync(SEED, 'utf8');
    for (const printed of ['3 329 960,40', '82 640.45', '181 498.28', '1 046 426,44', '358 573,56', '578 436,20', '303 798,61', '50 350€']) {
      expect(seed).toContain(printed);
    }
  });
});

describe('épargne on section totals', () => {
  it('is not meaningful, with the reason, when the ledger has no chapter split', () => {
    expect(figures['principal.2022.epargne.epargne-brute.montant']).toBeNull();
    const ep = tables.find((t) => t.id === 'principal.2022.epargne')!;
    const cell = ep.rows.find((r) => r.id.endsWith('epargne-brute'))!.cells.montant as { reason: string };
    expect(cell.reason).toMatch(/only a section total/);
  });
});

describe('published figures that differ (publie.csv), shown by compute beside the computed ones', () => {
  it('lists exactly the report figures that disagree with its own tables, with the difference', () => {
    const gaps = tables.find((t) => t.id === 'publie.ecarts')!;
    const rows = gaps.rows.map((r) => [r.cells.figure, (r.cells.publie as { value: string }).value, (r.cells.calcule as { value: string }).value, (r.cells.ecart as { value: string }).value]);
    expect(rows).toEqual([
      // « 2022 : de 228 880.56 € » quoted as the 2022 global result (seed l.639)
      ['principal.2022.execution.global.solde#l639-2022', '228880.56', '181498.28', '47382.28'],
      // « excédent d'investissement de 495 968.04€ » (seed l.705): 452 968,04 + 42 827,71 = 495 795,75
      ['principal.2022.affectation.solde-investissement.montant', '495968.04', '495795.75', '172.29'],
      // the présentation détaillée's 2022 dépenses, against the execution table
      ['principal.2022.execution.fonctionnement-exercice.depenses#detaillee', '3203353.00', '3202777.11', '575.89'],
      ['principal.2022.execution.investissement-exercice.depenses#detaillee', '1089048.00', '1086477.78', '2570.22'],
    ]);
  });
});
