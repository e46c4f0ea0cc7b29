// compute --definition and --compare-definitions end to end on the hand-computed ledger, and the bridge as a property.
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../src/compute/aggregate.js';
import { bridge } from '../src/compute/bridge.js';
import { COMPARED_AGGREGATES, DEFINITIONS } from '../src/definitions/index.js';
import { addRow, emptyModel } from '../src/model/budget.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { makeFolder } from './helpers/folder.js';
import { computeJson, run } from './helpers/run.js';
import { DEFINITIONS_LEDGER, EXPECTED } from './helpers/definitions-ledger.js';

const manifest = { entite: { nom: 'Commune test', categorie: 'commune', population: 1000 } };
const euros = (c: bigint | undefined) => (c === undefined ? null : `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);

describe('compute --compare-definitions', () => {
  const dir = makeFolder(DEFINITIONS_LEDGER, manifest);
  const out = computeJson(dir, ['--compare-definitions']) as { figures: Record<string, string | null>; tables: { table: string; rows: { id: string }[] }[]; provenance: { options: Record<string, unknown> } };
  const f = out.figures;
  const p = 'principal.2022.';
  // Text cells (the flow) are in the tables, amounts in the figures too.
  const bridgeRows = (out.tables.find((t) => t.table === 'definitions-bridge') as unknown as { rows: { id: string; cells: Record<string, unknown> }[] }).rows;
  const flowOf = (id: string) => bridgeRows.find((r) => r.id === id)?.cells.flux;

  it('prints each aggregate under every definition side by side, as computed by hand', () => {
    for (const [def, expected] of Object.entries(EXPECTED)) {
      for (const [agg, cents] of Object.entries(expected)) expect(f[`${p}definitions.${agg}.${def}`], `${agg} ${def}`).toBe(euros(cents));
    }
    expect(out.tables.map((t) => t.table)).toEqual(['definitions', 'definitions-ratios', 'definitions-bridge']);
    // Ratios on each definition's aggregates (population 1 000; communes: DRF less the 400 of travaux en régie).
    expect(f[`${p}definitions-ratios.drf-par-habitant.ca`]).toBe('113.78'); // (114 180,72 − 400) / 1 000
    expect(f[`${p}definitions-ratios.drf-par-habitant.ofgl`]).toBe('106.70'); // (107 100 − 400) / 1 000
    expect(f[`${p}definitions-ratios.personnel-drf.ofgl`]).toBe('56.0'); // 60 000 / 107 100
    expect(f[`${p}definitions-ratios.epargne-brute-rrf.decret-2023`]).toBe('39.7'); // 72 700 / 183 000
    expect(f[`${p}definitions-ratios.encours-rrf.ofgl`]).toBeNull();
    expect(out.provenance.options).toMatchObject({ definition: 'ca', compareDefinitions: true });
  });

  it('lists the bridge of épargne brute ca → ofgl by account: − 775 cessions 3 690,60, + 6817 dotations 3 880,72 on the dépenses side…', () => {
    const b = `${p}definitions-bridge.epargne-brute--ca--ofgl`;
    expect(f[`${b}.montant`]).toBe('73709.88');
    expect(f[`${b}--FR-775.montant`]).toBe('-3690.60');
    expect(flowOf(`${b}--FR-775`)).toBe('FR');
    expect(f[`${b}--FR-6419.montant`]).toBe('-1000.00');
    expect(f[`${b}--FD-6817.montant`]).toBe('3880.72'); // a dépense left out raises the épargne
    expect(flowOf(`${b}--FD-6817`)).toBe('FD');
    expect(f[`${b}--FD-65541.montant`]).toBe('2500.00');
    expect(f[`${b}--arrivee.montant`]).toBe('74900.00');
    // The min(D; C) parts of the OFGL remboursements.
    expect(f[`${p}definitions-bridge.capital-rembourse--ca--ofgl--ID-16449-min.montant`]).toBe('-3000.00');
  });

  it('every bridge adds up: start + Σ lines = end', () => {
    const bridgeTable = (out.tables.find((t) => t.table === 'definitions-bridge')!);
    const heads = bridgeTable.rows.map((r) => r.id.slice(`${p}definitions-bridge.`.length)).filter((id) => id.split('--').length === 3);
    const cents = (s: string | null | undefined) => BigInt(Math.round(Number(s) * 100)); // exact for two-decimal strings of this size
    let checked = 0;
    for (const h of heads) {
      const end = f[`${p}definitions-bridge.${h}--arrivee.montant`];
      if (end === undefined) continue; // n.s.: no bridge
      let total = cents(f[`${p}definitions-bridge.${h}.montant`]);
      for (const r of bridgeTable.rows) {
        const id = r.id.slice(`${p}definitions-bridge.`.length);
        if (!id.startsWith(`${h}--`) || id.endsWith('--arrivee')) continue;
        total += cents(f[`${r.id}.montant`]);
      }
      expect(total, h).toBe(cents(end));
      checked++;
    }
    expect(checked).toBe(13);
  });

  it('the terminal shows the bridge lines', () => {
    const r = run(['compute', dir, '--compare-definitions', '--lang', 'en'], { env: { COLUMNS: '200' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/│ 775 +│ Produits des cessions d'immobilisations +│ FR +│ +[-−]3 690,60 │/);
    expect(r.stdout).toMatch(/definition=ca/);
  });
});

describe('compute --definition', () => {
  const dir = makeFolder(DEFINITIONS_LEDGER, manifest);

  it('ofgl switches the épargne, the capacité and the ratios, and the provenance names it', () => {
    const out = computeJson(dir, ['--definition', 'ofgl']) as { figures: Record<string, string | null>; provenance: { options: Record<string, unknown> } };
    const f = out.figures;
    expect(out.provenance.options.definition).toBe('ofgl');
    expect(f['principal.2022.epargne.recettes-reelles.montant']).toBe('182000.00');
    expect(f['principal.2022.epargne.epargne-brute.montant']).toBe('74900.00');
    expect(f['principal.2022.epargne.epargne-gestion.montant']).toBe('76500.00');
    expect(f['principal.2022.epargne.capital-rembourse.montant']).toBe('14000.00');
    expect(f['principal.2022.epargne.epargne-nette.montant']).toBe('60900.00');
    expect(f['principal.2022.epargne.cessions.montant']).toBeUndefined(); // 775 is out of the OFGL recettes already
    expect(f['principal.2022.ratios.rrf-par-habitant.valeur']).toBe('182.00');
    expect(f['principal.2022.ratios.equipement-par-habitant.valeur']).toBe('26.50');
    expect(f['principal.2022.capacite.ratio.valeur']).toBeNull(); // the OFGL encours is a closing balance
  });

  it('decret-2023 gives the decree figures; ca stays the default', () => {
    expect(computeJson(dir, ['--definition', 'decret-2023']).figures['principal.2022.epargne.epargne-brute.montant']).toBe('72700.00');
    const ca = computeJson(dir);
    expect(ca.figures['principal.2022.epargne.epargne-brute.montant']).toBe('73709.88');
    expect((ca as unknown as { provenance: { options: Record<string, unknown> } }).provenance.options.definition).toBe('ca');
  });

  it('an unknown name is a usage error listing the names', () => {
    const r = run(['compute', dir, '--definition', 'insee', '--lang', 'en']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown --definition insee: the definitions are ca, ofgl, decret-2023/);
    expect(r.stdout).toBe('');
  });
});

describe('the bridge, as a property', () => {
  // A small deterministic generator: random amounts on the accounts where the definitions differ, and others.
  const ACCOUNTS: [string, string, string, 'reel' | 'ordre'][] = [
    ['FR', '70', '7066', 'reel'], ['FR', '013', '6419', 'reel'], ['FR', '77', '775', 'reel'], ['FR', '78', '7815', 'reel'], ['FR', '75', '752', 'reel'],
    ['FR', '042', '776', 'ordre'], ['FR', '042', '777', 'ordre'], ['FR', '042', '722', 'ordre'],
    ['FD', '011', '60611', 'reel'], ['FD', '65', '65541', 'reel'], ['FD', '66', '66111', 'reel'], ['FD', '68', '6817', 'reel'], ['FD', '014', '739211', 'reel'], ['FD', '042', '675', 'ordre'],
    ['ID', '16', '1641', 'reel'], ['ID', '16', '16449', 'reel'], ['ID', '16', '166', 'reel'], ['ID', '204', '2041582', 'reel'], ['ID', '21', '2183', 'reel'], ['ID', '23', '238', 'reel'],
    ['IR', '16', '1641', 'reel'], ['IR', '16', '16449', 'reel'], ['IR', '16', '166', 'reel'], ['IR', '23', '237', 'reel'], ['IR', '23', '238', 'reel'],
  ];
  let seed = 17;
  // xorshift32: deterministic, integers only.
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % 2 ** 31;
  };

  it('for 200 random ledgers, every aggregate, every pair of definitions: the lines add up to the difference exactly', () => {
    let bridges = 0;
    for (let n = 0; n < 200; n++) {
      const model = emptyModel([{ id: 'b', label: 'B' }]);
      for (const [flow, chapitre, compte, nature] of ACCOUNTS) {
        if (next() % 4 === 0) continue;
        const realise = BigInt(next() % 10_000_000) - (next() % 10 === 0 ? 5_000_000n : 0n);
        const row: LedgerRow = { budget: 'b', exercice: 2022, section: flow[0] as 'F', sens: flow[1] as 'D', chapitre, compte, nature, realise, rar: 0n, file: 't', line: 1 };
        addRow(model, row);
      }
      const ctx = { ex: model.data.get('b')!.get(2022)!, norme: 'M57', categorie: 'commune' as const };
      const evs = [...DEFINITIONS.values()].map((d) => new Evaluator(d, ctx));
      for (const id of COMPARED_AGGREGATES) {
        for (const a of evs) {
          for (const b of evs) {
            const x = a.get(id);
            const y = b.get(id);
            const br = bridge(x, y);
            if ('reason' in br) continue;
            expect(br.lines.reduce((t, l) => t + l.amount, 0n) + br.outside).toBe(br.difference);
            expect(br.difference).toBe((y as { value: bigint }).value - (x as { value: bigint }).value);
            expect(br.outside).toBe(0n); // the ledger alone: every part has an account
            bridges++;
          }
        }
      }
    }
    expect(bridges).toBeGreaterThan(200 * 8 * 9 - 1);
  });
});

describe('compute --definition on a multi-year folder', () => {
  // The same movements in 2021 and 2022, and a dette.csv giving the ca encours.
  const lines = DEFINITIONS_LEDGER.trimEnd().split('\n');
  const ledger = [lines[0], ...lines.slice(1).flatMap((l) => [l, l.replace('principal,2022,', 'principal,2021,')])].join('\n') + '\n';
  const dir = makeFolder(ledger, { ...manifest, dette: 'dette.csv' }, { 'dette.csv': 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2021,12000.00,4000.00,10000.00,100000.00\n2022,12000.00,4000.00,10000.00,98000.00\n' });

  it('the épargne series and the désendettement follow the definition (the OFGL encours is a balance: n.s.)', () => {
    const ca = computeJson(dir).figures;
    const ofgl = computeJson(dir, ['--definition', 'ofgl']).figures;
    const s = 'principal.2021-2022.';
    expect(ca[`${s}epargne.epargne-brute.2021`]).toBe('73709.88');
    expect(ofgl[`${s}epargne.epargne-brute.2021`]).toBe('74900.00');
    expect(ofgl[`${s}epargne.epargne-gestion.2022`]).toBe('76500.00');
    expect(ofgl[`${s}epargne.epargne-nette.2022`]).toBe('60900.00');
    expect(ca[`${s}desendettement.encours.2022`]).toBe('98000.00');
    expect(ofgl[`${s}desendettement.encours.2022`]).toBeNull();
    expect(ofgl[`${s}desendettement.ratio.2022`]).toBeNull();
  });
});
