// A synthetic CA annex for the debt audit tests: a refinancing pair 05/06, two guaranteed loans (one for social housing),
// a loan whose roll-forward is off by one cent; and the ledger lines that agree with it (figures in test/dette-audit.test.ts).
import { ligne } from './totem-xml.js';

const emprunt = (f: Record<string, string>) => `<EMPRUNT>${Object.entries(f).map(([k, v]) => `<${k} V="${v}"/>`).join('')}</EMPRUNT>`;
export const ANNEX = `<DATA_EMPRUNT>
${emprunt({ CodTypEmpr: '01', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2015', MtEmprOrig: '100000.00', DureeRest: '5', LibOrgaPreteur: 'BANQUE A', CodTyptxDtVote: 'F', MtIntExer: '1200.00', MtCapitalExer: '10000.00', MtCapitalRestDu_01_01: '60000.00', MtCapitalRestDu_31_12: '50000.00', NumContrat: 'A' })}
${emprunt({ CodTypEmpr: '06', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2010', MtEmprOrig: '80000.00', DureeRest: '0', LibOrgaPreteur: 'BANQUE B', CodTyptxDtVote: 'V', MtIntExer: '300.00', MtCapitalExer: '40000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalRestDu_31_12: '0.00', NumContrat: 'B-old' })}
${emprunt({ CodTypEmpr: '05', CodProfilAmort: 'C', CodArticle: '1641', AnEncaisse: '2021', MtEmprOrig: '40000.00', DureeRest: '2.5', LibOrgaPreteur: 'BANQUE B', CodTyptxDtVote: 'R', MtIntExer: '150.00', MtCapitalExer: '2000.00', MtCapitalRestDu_01_01: '40000.00', MtCapitalRestDu_31_12: '38000.00', NumContrat: 'B-new' })}
${emprunt({ CodTypEmpr: '01', CodProfilAmort: 'X', CodArticle: '1641', AnEncaisse: '2018', MtEmprOrig: '12000.00', DureeRest: '3', LibOrgaPreteur: 'BANQUE  A', CodTyptxInit: 'C', MtIntExer: '100.00', MtCapitalExer: '1000.00', MtCapitalRestDu_01_01: '10000.00', MtCapitalRestDu_31_12: '9000.01', NumContrat: 'C-cent' })}
${emprunt({ CodTypEmpr: '09', CodProfilAmort: 'X', AnEncaisse: '2019', ObjEmpr: 'GYMNASE', MtEmprOrig: '500000.00', DureeRest: '17', LibOrgaPreteur: 'BANQUE C', CodTyptxDtVote: 'F', MtIntExer: '9000.00', MtCapitalExer: '25000.00', MtCapitalRestDu_01_01: '450000.00', MtCapitalRestDu_31_12: '425000.00', NomBenefEmprGaranti: 'ASSOCIATION SPORTIVE', CodTypEmprGaranti: '01', PartGarantie: '60', NumContrat: 'G1' })}
${emprunt({ CodTypEmpr: '09', CodProfilAmort: 'X', AnEncaisse: '2012', ObjEmpr: 'RESIDENCE LES PINS', MtEmprOrig: '150000.00', DureeRest: '20', LibOrgaPreteur: 'CDC', CodTyptxDtVote: 'R', MtIntExer: '1000.00', MtCapitalExer: '5000.00', MtCapitalRestDu_01_01: '100000.00', MtCapitalRestDu_31_12: '95000.00', NomBenefEmprGaranti: 'SA HLM LES FOYERS', CodTypEmprGaranti: '01', NumContrat: 'G2' })}
${emprunt({ CodTypEmpr: '10', RReelFon: '50000.00' })}
</DATA_EMPRUNT>`;

export const LINES = [
  ligne({ nature: '7066', contNat: '70', rd: 'R', real: '50000.00', section: 'F' }),
  ligne({ nature: '60611', contNat: '011', rd: 'D', real: '20000.00', section: 'F' }),
  ligne({ nature: '66111', contNat: '66', rd: 'D', real: '1750.00', section: 'F' }),
  ligne({ nature: '1641', contNat: '16', rd: 'D', real: '13000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'D', real: '40000.00', section: 'I' }),
  ligne({ nature: '166', contNat: '16', rd: 'R', real: '40000.00', section: 'I' }),
];

