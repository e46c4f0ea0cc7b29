// The ofgl and decret-2023 definitions beside ca, on a hand-computed ledger (figures by hand in test/helpers/definitions-ledger.ts).
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../src/compute/aggregate.js';
import { DEFINITIONS, definitionById } from '../src/definitions/index.js';
import { isRefTerm, type Term } from '../src/definitions/types.js';
import { loadFolder } from '../src/read/folder.js';
import { makeFolder } from './helpers/folder.js';
import { DEFINITIONS_LEDGER, EXPECTED } from './helpers/definitions-ledger.js';

async function exercice() {
  const folder = await loadFolder(makeFolder(DEFINITIONS_LEDGER));
  return folder.model.data.get('principal')!.get(2022)!;
}

describe('named definitions', () => {
  it('ca, ofgl and decret-2023 are registered, and every reference of each resolves', () => {
    expect([...DEFINITIONS.keys()]).toEqual(['ca', 'ofgl', 'decret-2023']);
    for (const d of DEFINITIONS.values()) {
      const ids = new Set([...d.aggregates.map((a) => a.id), ...d.external]);
      const terms: Term[] = d.aggregates.flatMap((a) => Object.values(a.terms).flatMap((t) => [...(t ?? [])]));
      for (const t of terms) if (isRefTerm(t)) expect(ids.has(t.ref), `${d.id}: ${t.ref}`).toBe(true);
      for (const a of d.aggregates) expect(a.source.length, `${d.id}.${a.id}`).toBeGreaterThan(5);
    }
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id}: every aggregate as computed by hand, and its composition adds up to it`, async () => {
      const ev = new Evaluator(definitionById(id)!, { ex: await exercice(), norme: 'M57', categorie: 'commune' });
      for (const [agg, cents] of Object.entries(expected)) {
        const e = ev.get(agg);
        if (cents === undefined) {
          expect('reason' in e, agg).toBe(true);
          continue;
        }
        expect(e, `${id}.${agg}`).toMatchObject({ value: cents });
        if ('value' in e) expect(e.composition.reduce((t, c) => t + c.amount, 0n)).toBe(cents);
      }
    });
  }

  it('ofgl: the encours needs the closing balance a ledger lacks, and says so', async () => {
    const ev = new Evaluator(definitionById('ofgl')!, { ex: await exercice(), norme: 'M57', categorie: 'commune' });
    expect(ev.get('encours')).toEqual({ reason: expect.stringMatching(/closing balance of 16 − 1688 − 169.*ledger/) });
  });

  it('ofgl: revolving and refinancing pairs come out as one signed part each, named min(D; C)', async () => {
    const ev = new Evaluator(definitionById('ofgl')!, { ex: await exercice(), norme: 'M57', categorie: 'commune' });
    const e = ev.get('capital-rembourse');
    if (!('value' in e)) throw new Error(e.reason);
    expect(e.composition.filter((c) => c.note).map((c) => [c.compte, c.amount, c.note])).toEqual([
      ['16449', -300000n, 'min(D16449; C16449)'],
      ['166', -800000n, 'min(D166; C166)'],
    ]);
  });

  it('M14 takes the same accounts; another norme gets no OFGL or decree figure, with the reason', async () => {
    const ex = await exercice();
    expect(new Evaluator(definitionById('ofgl')!, { ex, norme: 'M14', categorie: 'commune' }).get('epargne-brute')).toMatchObject({ value: 7490000n });
    expect(new Evaluator(definitionById('decret-2023')!, { ex, norme: 'M14', categorie: 'commune' }).get('epargne-brute')).toMatchObject({ value: 7270000n });
    expect(new Evaluator(definitionById('ofgl')!, { ex, norme: 'M4', categorie: 'autre' }).get('epargne-brute')).toEqual({ reason: expect.stringMatching(/norme M4/) });
  });
});
