// Definitions as data: every reference resolves, account lists name their chapters, and the evaluator's composition adds up.
import { describe, expect, it } from 'vitest';
import { Evaluator, termsFor } from '../src/compute/aggregate.js';
import { CA_DEFINITION, definitionById } from '../src/definitions/index.js';
import { isRefTerm, type Term } from '../src/definitions/types.js';
import { addRow, emptyModel } from '../src/model/budget.js';
import type { LedgerRow } from '../src/model/ledger.js';

const allTerms = (): Term[] => CA_DEFINITION.aggregates.flatMap((a) => Object.values(a.terms).flatMap((t) => [...(t ?? [])]));

describe('the ca definition', () => {
  it('is the default, and every reference is an aggregate of it or an external figure', () => {
    expect(definitionById()).toBe(CA_DEFINITION);
    const ids = new Set([...CA_DEFINITION.aggregates.map((a) => a.id), ...CA_DEFINITION.external]);
    for (const t of allTerms()) if (isRefTerm(t)) expect(ids.has(t.ref), t.ref).toBe(true);
    for (const r of CA_DEFINITION.ratios) {
      for (const n of typeof r.numerator === 'string' ? [r.numerator] : Object.values(r.numerator)) expect(ids.has(n!), n).toBe(true);
      expect(ids.has(r.denominator), r.denominator).toBe(true);
    }
  });

  it('an account list always names the chapters it reads (so a chapter-level ledger says which chapter is missing)', () => {
    for (const t of allTerms()) if (!isRefTerm(t) && t.accounts) expect(t.chapters, JSON.stringify(t)).toBeDefined();
  });

  it('direct taxes and DGF differ by norme and category', () => {
    const get = (id: string) => CA_DEFINITION.aggregates.find((a) => a.id === id)!;
    const accounts = (id: string, n: string, c: Parameters<typeof termsFor>[2]) => termsFor(get(id), n, c)?.flatMap((t) => ('accounts' in t ? [...(t.accounts ?? [])] : []));
    expect(accounts('impositions-directes', 'M14', 'commune')).toEqual(['73111']);
    expect(accounts('impositions-directes', 'M57', 'departement')).toEqual(['7311']);
    expect(accounts('dgf', 'M57', 'commune')).toEqual(['74111', '741121', '741123', '741127']);
    expect(accounts('dgf', 'M14', 'epci-fp')).toEqual(['74124', '74126']);
    expect(accounts('dgf', 'M57', 'syndicat')).toBeUndefined();
  });
});

describe('the evaluator', () => {
  const row = (section: 'F' | 'I', sens: 'D' | 'R', chapitre: string, compte: string, realise: bigint, nature: 'reel' | 'ordre' = 'reel'): LedgerRow => ({ budget: 'b', exercice: 2022, section, sens, chapitre, compte, nature, realise, rar: 0n, file: 't', line: 1 });
  const model = emptyModel([{ id: 'b', label: 'B' }]);
  for (const r of [row('F', 'R', '70', '7066', 100000n), row('F', 'R', '77', '775', 30000n), row('F', 'D', '011', '60611', 40000n), row('F', 'D', '66', '66111', 5000n)]) addRow(model, r);
  const ev = new Evaluator(CA_DEFINITION, { ex: model.data.get('b')!.get(2022)!, norme: 'M57', categorie: 'commune' });

  it('gives each figure with its per-account composition, signed, through the aggregates it came by', () => {
    const e = ev.get('epargne-brute-hors-cessions');
    expect(e).toMatchObject({ value: 55000n }); // (1 000 + 300) − (400 + 50) − 300
    if (!('value' in e)) throw new Error('n.s.');
    expect(e.composition.reduce((t, c) => t + c.amount, 0n)).toBe(55000n);
    expect(e.composition.find((c) => c.compte === '775' && c.via[0] === 'cessions')).toMatchObject({ amount: -30000n });
    expect(e.composition.find((c) => c.compte === '66111')).toMatchObject({ amount: -5000n, via: ['epargne-brute', 'depenses-reelles-fonctionnement'] });
  });

  it('an external figure not given is n.s. with its name', () => {
    expect(ev.get('encours')).toEqual({ reason: 'encours is not given' });
  });
});
