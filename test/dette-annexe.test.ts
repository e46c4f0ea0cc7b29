// The EMPRUNT annex of one year: CodTypEmpr rules (01/02 own, 05/06 pair counted once, 09 guaranteed apart, 10 ratio rows).
import { describe, expect, it } from 'vitest';
import { annexDebt } from '../src/compute/dette-annexe.js';
import { EMPRUNT_TYPES } from '../src/definitions/emprunt-types.js';
import { buildComputeReport } from '../src/report/compute-report.js';
import { loadFile } from '../src/read/single-file.js';
import { figures } from '../src/render/json.js';
import { ligne, totemFile } from './helpers/totem-xml.js';

const emprunt = (f: Record<string, string>) => `<EMPRUNT>${Object.entries(f).map(([k, v]) => `<${k} V="${v}"/>`).join('')}</EMPRUNT>`;
const ANNEX = `<DATA_EMPRUNT>
${emprunt({ CodTypEmpr: '01', CodArticle: '1641', NumContrat: 'A', AnEncaisse: '2015', MtEmprOrig: '100000.00', MtCapitalRestDu_01_01: '60000.00', MtCapitalExer: '10000.00', MtIntExer: '1200.00', MtCapitalRestDu_31_12: '50000.00' })}
${emprunt({ CodTypEmpr: '06', CodArticle: '1641', NumContrat: 'B-old', AnEncaisse: '2010', MtEmprOrig: '80000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalExer: '40000.00', MtIntExer: '300.00', MtCapitalRestDu_31_12: '0.00' })}
${emprunt({ CodTypEmpr: '05', CodArticle: '1641', NumContrat: 'B-new', AnEncaisse: '2021', MtEmprOrig: '40000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalExer: '2000.00', MtIntExer: '150.00', MtCapitalRestDu_31_12: '38000.00' })}
${emprunt({ CodTypEmpr: '09', CodArticle: '1641', NumContrat: 'G', AnEncaisse: '2019', MtEmprOrig: '500000.00', MtCapitalRestDu_01_01: '450000.00', MtCapitalExer: '25000.00', MtIntExer: '9000.00', MtCapitalRestDu_31_12: '425000.00' })}
${emprunt({ CodTypEmpr: '10', RReelFon: '123.00' })}
</DATA_EMPRUNT>`;

const LINES = [
  ligne({ nature: '7066', contNat: '70', rd: 'R', real: '50000.00', section: 'F' }),
  ligne({ nature: '60611', contNat: '011', rd: 'D', real: '20000.00', section: 'F' }),
  ligne({ nature: '66111', contNat: '66', rd: 'D', real: '1650.00', section: 'F' }),
  ligne({ nature: '1641', contNat: '16', rd: 'D', real: '12000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'D', real: '40000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'R', real: '40000.00', section: 'I' }),
];

describe('EMPRUNT annex by CodTypEmpr', () => {
  it('the rules as data: every code 01–10 but 03/04 has a row; only 01/02 feed every column', () => {
    expect(EMPRUNT_TYPES.map((t) => t.code)).toEqual(['01', '02', '05', '06', '07', '08', '09', '10']);
    expect(EMPRUNT_TYPES.filter((t) => t.columns.length === 5).map((t) => t.code)).toEqual(['01', '02']);
    expect(EMPRUNT_TYPES.filter((t) => t.columns.includes('encours0101')).map((t) => t.code)).toEqual(['01', '02', '06', '08']);
    expect(EMPRUNT_TYPES.filter((t) => t.columns.includes('encours3112')).map((t) => t.code)).toEqual(['01', '02', '05', '07']);
  });

  it('a refinancing pair 05/06 counted once, the guaranteed loan apart', () => {
    const a = annexDebt(
      [
        { type: '01', line: 1, encours0101: 6000000n, amortissement: 1000000n, interets: 120000n, encours3112: 5000000n, anneeEncaissement: 2015, montantInitial: 10000000n },
        { type: '06', line: 2, encours0101: 4000000n, amortissement: 4000000n, interets: 30000n, encours3112: 0n },
        { type: '05', line: 3, encours0101: 4000000n, amortissement: 200000n, interets: 15000n, encours3112: 3800000n, anneeEncaissement: 2021, montantInitial: 4000000n },
        { type: '09', line: 4, encours0101: 45000000n, amortissement: 2500000n, interets: 900000n, encours3112: 42500000n },
        { type: '04', line: 5 },
      ],
      2021,
    );
    // 01/01: 60 000 + 40 000 (06 only); repaid 10 000 + 40 000 (06) + 2 000 (05); drawn 40 000 (05, encashed in 2021); 31/12: 50 000 + 38 000 (05).
    expect(a.own).toEqual({ encours0101: 10000000n, amortissement: 5200000n, interets: 165000n, empruntsNouveaux: 4000000n, encours3112: 8800000n });
    // The roll-forward holds: 100 000 − 52 000 + 40 000 = 88 000 (counting the 05's 01/01 as well would give 140 000).
    expect(a.guaranteed).toEqual({ count: 1, totals: { encours0101: 45000000n, amortissement: 2500000n, interets: 900000n, empruntsNouveaux: 0n, encours3112: 42500000n } });
    expect(a.unknown).toEqual([{ type: '04', line: 5 }]);
  });

  it('compute on a TOTEM CA with the annex: dette, annex table, capacité', async () => {
    const path = totemFile(LINES, { annexes: ANNEX });
    const f = figures(buildComputeReport(await loadFile(path, { notice: () => {} })).tables);
    const s = '21560046100085.2021';
    expect(f[`${s}.dette.encours-0101.montant`]).toBe('100000.00');
    expect(f[`${s}.dette.amortissement.montant`]).toBe('52000.00');
    expect(f[`${s}.dette.emprunts-nouveaux.montant`]).toBe('40000.00');
    expect(f[`${s}.dette.encours-3112.montant`]).toBe('88000.00');
    expect(f[`${s}.dette.interets.montant`]).toBe('1650.00');
    expect(f[`${s}.dette.ecart-encours.montant`]).toBe('0.00');
    expect(f[`${s}.dette-annexe.type-09.encours-3112`]).toBe('425000.00');
    expect(f[`${s}.dette-annexe.type-05.encours-0101`]).toBeUndefined(); // a column the code does not feed is empty
    expect(f[`${s}.dette-annexe.dette-propre.encours-3112`]).toBe('88000.00');
    // Épargne: capital repaid from the ledger is 1641 only (166 refinancing out): 50 000 − 21 650 = 28 350 brute.
    expect(f[`${s}.epargne.capital-rembourse.montant`]).toBe('12000.00');
    expect(f[`${s}.epargne.epargne-brute.montant`]).toBe('28350.00');
    // 88 000 / 28 350 = 3,10 years; an M14 commune: 12-year ceiling.
    expect(f[`${s}.capacite.ratio.valeur`]).toBe('3.1');
    expect(f[`${s}.capacite.plafond.valeur`]).toBe('12.0');
    // No InformationsGenerales and no manifest: per-inhabitant ratios n.s.
    expect(f[`${s}.ratios.rrf-par-habitant.valeur`]).toBeNull();
  });
});
