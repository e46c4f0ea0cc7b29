// The model and the pure computations on a hand-made ledger with a chapter split (figures computed by hand).
import { describe, expect, it } from 'vitest';
import { depensesReelles, epargneBrute, recettesReelles } from '../src/compute/epargne.js';
import { computeRarDetail } from '../src/compute/rar.js';
import { computeResultats } from '../src/compute/resultats.js';
import { addRow, emptyModel } from '../src/model/budget.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { RAR_LAYOUT } from '../src/nomenclature/presentation.js';
import { readLedgerCsv } from '../src/read/csv-ledger.js';
import { resolvePlan } from '../src/nomenclature/plan.js';
import { writeFileSync } from 'node:fs';
import { tempDir } from './helpers/folder.js';
import { join } from 'node:path';

const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar';
// A small commune-like budget: 1 000,00 of real F recettes (70: 800, 74: 200), 775 cession 50,00,
// real F dépenses 011: 300,00 and 012: 400,00, order 042 (6811): 100,00 ↔ 040 (28…): 100,00,
// I dépenses 21: 250,00 (RAR 30,00), 16 (1641): 80,00; I recettes 10 (10222): 20,00; carried R002 10,00, D001 5,00.
const LEDGER = `${HEADER}
p,2024,F,R,70,706,reel,800.00,
p,2024,F,R,74,7411,reel,200.00,
p,2024,F,R,77,775,reel,50.00,
p,2024,F,D,011,60611,reel,300.00,
p,2024,F,D,012,64111,reel,400.00,
p,2024,F,D,042,6811,ordre,100.00,
p,2024,I,R,040,28051,ordre,100.00,
p,2024,I,D,21,2183,reel,250.00,30.00
p,2024,I,D,16,1641,reel,80.00,
p,2024,I,R,10,10222,reel,20.00,
p,2024,F,R,002,,,10.00,
p,2024,I,D,001,,,5.00,
`;

async function load(text: string) {
  const dir = tempDir('sitiv-model-');
  const path = join(dir, 'l.csv');
  writeFileSync(path, text);
  const model = emptyModel([{ id: 'p', label: 'P' }]);
  const batches: LedgerRow[][] = [];
  for await (const b of readLedgerCsv(path, { planFor: (y) => resolvePlan('M57', y), batchSize: 4 })) {
    batches.push(b);
    for (const r of b) expect(addRow(model, r)).toEqual([]);
  }
  return { model, batches };
}

describe('a ledger with the chapter split', () => {
  it('travels in batches, not as one array', async () => {
    const { batches } = await load(LEDGER);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4]);
  });

  it('gives results, RAR and épargne computed by hand', async () => {
    const { model } = await load(LEDGER);
    const ex = model.data.get('p')!.get(2024)!;
    const r = computeResultats(ex);
    // F: recettes 800 + 200 + 50 = 1 050; dépenses 300 + 400 + 100 = 800; solde 250; + R002 10 = 260
    expect(r.fonctionnement).toEqual({ recettes: 105000n, depenses: 80000n, solde: 25000n, reporte: 1000n, cumule: 26000n });
    // I: recettes 100 + 20 = 120; dépenses 250 + 80 = 330; solde −210; D001 −5 → −215
    expect(r.investissement).toEqual({ recettes: 12000n, depenses: 33000n, solde: -21000n, reporte: -500n, cumule: -21500n });
    expect(r.rarInvestissement).toEqual({ recettes: 0n, depenses: 3000n, solde: -3000n });
    expect(r.besoinFinancement).toBe(-24500n); // −215 − 30
    expect(r.resultatGlobal).toBe(1500n); // 260 − 215 − 30
    expect(recettesReelles(ex)).toEqual({ value: 105000n });
    expect(depensesReelles(ex)).toEqual({ value: 70000n });
    expect(epargneBrute(ex)).toEqual({ value: 35000n });
    // national-aggregate variant: 775 (cession) left out → 1 000 − 700 = 300
    expect(epargneBrute(ex, { excludeRecettes: ['775'] })).toEqual({ value: 30000n });
    const rar = computeRarDetail(ex, RAR_LAYOUT);
    expect(rar[0]!.lines.find((l) => l.code === '21')!.depenses).toBe(3000n);
    expect(rar[0]!.depenses).toBe(3000n);
  });

  it('sums the 45xx opérations pour compte de tiers into the report row "45"', async () => {
    const { model } = await load(`${HEADER}\np,2024,I,D,4581001,,reel,0.00,12.34\np,2024,I,D,4581002,,reel,0.00,0.66\n`);
    const rar = computeRarDetail(model.data.get('p')!.get(2024)!, RAR_LAYOUT);
    expect(rar[0]!.lines.find((l) => l.code === '45')!.depenses).toBe(1300n);
  });

  it('fills the chapter from the account when only the account is given', async () => {
    const { model } = await load(`${HEADER}\np,2024,F,D,,64111,reel,1.00,\n`);
    expect([...model.data.get('p')!.get(2024)!.flows.FD.chapters.keys()]).toEqual(['012']);
  });
});
