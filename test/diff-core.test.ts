// The pure diff core: matching by key, exact differences, relative differences, filters, sorting, modes (hand-computed figures).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRows, type DiffOptions } from '../src/diff/compare.js';
import { keyFunction } from '../src/diff/key.js';
import { measure, passes } from '../src/diff/measure.js';
import { chooseMode } from '../src/diff/mode.js';
import { parseMinDelta, parseMinPct } from '../src/diff/options.js';
import { compareResultats, modelOf, resultatsOf } from '../src/diff/resultats.js';
import { UsageError } from '../src/errors.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { oneDecimal } from '../src/money/format.js';

let line = 1;
function row(spec: string, realise: bigint, rar = 0n, exercice = 2022): LedgerRow {
  // spec: "budget section sens chapitre compte nature" with '-' for empty
  const [budget, section, sens, chapitre, compte, nature] = spec.split(' ').map((s) => (s === '-' ? '' : s)) as string[];
  return {
    budget: budget!,
    exercice,
    section: section as 'F' | 'I',
    sens: sens as 'D' | 'R',
    chapitre: chapitre!,
    compte: compte!,
    nature: nature as LedgerRow['nature'],
    realise,
    rar,
    file: 'mem.csv',
    line: line++,
  };
}

const OPTS: DiffOptions = {
  level: 'compte',
  byExercice: false,
  showUnchanged: false,
  sort: 'key',
  budgetOrder: ['p'],
};

const BASE = [
  row('p F D 011 60611 reel', 30000n),
  row('p F D 011 6064 reel', 12345n),
  row('p F D 012 64111 reel', 40000n),
  row('p F R 70 706 reel', 80000n),
  row('p F R 002 - -', 1000n),
  row('p I D 21 2183 reel', 25000n, 3000n),
];

describe('diffRows: matching by key', () => {
  it('finds nothing between a ledger and its reversal', () => {
    const r = diffRows(BASE, [...BASE].reverse(), OPTS);
    expect(r.findings).toEqual([]);
    expect(r.shown).toEqual([]);
    expect(r.all).toHaveLength(6);
    expect(r.counts).toEqual({ changed: 0, added: 0, removed: 0, unchanged: 6 });
  });

  it('reports exactly one changed, one added and one removed line, with exact figures', () => {
    const next = [
      row('p F D 011 60611 reel', 31234n), // +12,34 on 30 000 → +4,1133… %
      row('p F D 012 64111 reel', 40000n),
      row('p F R 70 706 reel', 80000n),
      row('p F R 002 - -', 1000n),
      row('p I D 21 2183 reel', 25000n, 3000n),
      row('p I D 20 2051 reel', 99999n), // added
      // 011 6064 removed
    ];
    const r = diffRows(BASE, next, OPTS);
    expect(r.findings.map((d) => [d.status, d.key.section + d.key.sens, d.key.chapitre, d.key.compte])).toEqual([
      ['changed', 'FD', '011', '60611'],
      ['removed', 'FD', '011', '6064'],
      ['added', 'ID', '20', '2051'],
    ]);
    const [changed, removed, added] = r.findings;
    expect(changed!.realise).toMatchObject({ old: 30000n, new: 31234n, delta: 1234n });
    expect(oneDecimal(changed!.realise.pct!)).toBe('4.1');
    expect(removed!.realise).toMatchObject({ old: 12345n, delta: -12345n });
    expect(removed!.realise.new).toBeUndefined();
    expect(oneDecimal(removed!.realise.pct!)).toBe('-100.0');
    expect(added!.realise).toMatchObject({ new: 99999n, delta: 99999n });
    expect(added!.realise.pct).toBeUndefined();
    expect(added!.realise.nsReason).toMatch(/absent from OLD/);
    expect(r.counts).toEqual({ changed: 1, added: 1, removed: 1, unchanged: 4 });
    // F D: 423,45 → 712,34; I D: 250,00 → 1 249,99; 002 counts in F R.
    const fd = r.subtotals.find((s) => s.section === 'F' && s.sens === 'D')!;
    expect(fd.realise).toMatchObject({ old: 82345n, new: 71234n, delta: -11111n });
    const fr = r.subtotals.find((s) => s.section === 'F' && s.sens === 'R')!;
    expect(fr.realise).toMatchObject({ old: 81000n, new: 81000n, delta: 0n });
    const id = r.subtotals.find((s) => s.section === 'I' && s.sens === 'D')!;
    expect(id.realise).toMatchObject({ old: 25000n, new: 124999n, delta: 99999n });
    expect(id.rar).toMatchObject({ old: 3000n, new: 3000n, delta: 0n });
  });

  it('sums a file by account against a file by chapter into chapter lines', () => {
    const byChapter = [row('p F D 011 - reel', 42345n), row('p F D 012 - reel', 40000n)];
    const byAccount = [row('p F D 011 60611 reel', 30000n), row('p F D 011 6064 reel', 12345n), row('p F D 012 64111 reel', 40000n)];
    const r = diffRows(byChapter, byAccount, OPTS);
    expect(r.findings).toEqual([]);
    expect(r.all.map((d) => `${d.key.chapitre}/${d.key.compte}`)).toEqual(['011/', '012/']);
  });

  it('--level chapitre sums accounts even when both files detail them', () => {
    const moved = [row('p F D 011 60611 reel', 20000n), row('p F D 011 6064 reel', 22345n), row('p F D 012 64111 reel', 40000n)];
    const base = BASE.slice(0, 3);
    expect(diffRows(base, moved, OPTS).findings).toHaveLength(2);
    const r = diffRows(base, moved, { ...OPTS, level: 'chapitre' });
    expect(r.findings).toEqual([]);
    expect(r.all.map((d) => d.key.chapitre)).toEqual(['011', '012']);
  });

  it('keys section totals and carried results on what they have, and sums rows that differ only by fonction', () => {
    const a = [row('p F D - - -', 320277711n), row('p F R 002 - -', 13695544n)];
    const b = [{ ...row('p F D - - -', 320277711n) }, row('p F R 002 - -', 13695545n)];
    const keyOf = keyFunction(a, b, { level: 'compte', byExercice: false });
    expect(keyOf(a[0]!)).toEqual({ budget: 'p', section: 'F', sens: 'D', chapitre: '', compte: '' });
    const r = diffRows(a, b, OPTS);
    expect(r.findings.map((d) => [d.key.chapitre, d.realise.delta])).toEqual([['002', 1n]]);
    const withFonction = [
      { ...row('p F D 011 60611 reel', 10000n), fonction: '020' },
      { ...row('p F D 011 60611 reel', 20000n), fonction: '810' },
    ];
    expect(diffRows([row('p F D 011 60611 reel', 30000n)], withFonction, OPTS).findings).toEqual([]);
  });

  it('is blind to order and to how rows split a key (property)', () => {
    const amountArb = fc.bigInt({ min: -10_000_000n, max: 10_000_000n });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('011', '012', '65'), fc.constantFrom('60611', '6064', '64111'), amountArb), { maxLength: 12 }), fc.nat(), (specs, seed) => {
        const rows = specs.map(([c, a, v]) => row(`p F D ${c} ${a} reel`, v));
        const shuffled = [...rows].sort((x, y) => ((x.line * 7919 + seed) % 97) - ((y.line * 7919 + seed) % 97));
        const r = diffRows(rows, shuffled, OPTS);
        expect(r.findings).toEqual([]);
      }),
    );
  });

  it('one amount changed anywhere gives exactly that finding, with its exact difference (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: BASE.length - 1 }), fc.bigInt({ min: -100_000_000n, max: 100_000_000n }).filter((d) => d !== 0n), fc.boolean(), (i, d, onRar) => {
        const next = BASE.map((r, j) => (j === i ? { ...r, ...(onRar ? { rar: r.rar + d } : { realise: r.realise + d }) } : r));
        const r = diffRows(BASE, next, OPTS);
        expect(r.findings).toHaveLength(1);
        const f = r.findings[0]!;
        expect([f.key.chapitre, f.key.compte]).toEqual([BASE[i]!.chapitre, BASE[i]!.compte]);
        expect(onRar ? f.rar.delta : f.realise.delta).toBe(d);
        expect(onRar ? f.realise.delta : f.rar.delta).toBe(0n);
      }),
    );
  });

  it('subtotal differences are the sums of the line differences (property)', () => {
    const amountArb = fc.bigInt({ min: 0n, max: 10_000_000n });
    const side = fc.array(fc.tuple(fc.constantFrom('011', '012', '65'), fc.constantFrom('60611', '6064'), amountArb), { maxLength: 8 });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const rows = (s: typeof a) => s.map(([c, acc, v]) => row(`p F D ${c} ${acc} reel`, v));
        const r = diffRows(rows(a), rows(b), OPTS);
        const sum = r.all.reduce((t, d) => t + d.realise.delta, 0n);
        const sub = r.subtotals.reduce((t, s) => t + s.realise.delta, 0n);
        expect(sub).toBe(sum);
        const oldTotal = rows(a).reduce((t, x) => t + x.realise, 0n);
        const newTotal = rows(b).reduce((t, x) => t + x.realise, 0n);
        expect(sum).toBe(newTotal - oldTotal);
      }),
    );
  });
});

describe('relative difference and thresholds', () => {
  it('rounds half up at one decimal and is not meaningful on a zero base', () => {
    // 2021 → 2022 dépenses de fonctionnement of the seed's présentation détaillée: 3 000 050 → 3 203 353.
    expect(oneDecimal(measure(300005000n, 320335300n).pct!)).toBe('6.8');
    // 1/8 = 12.5 % exactly → 12.5; 1/16 = 6.25 % → 6.3 (half up), −6.25 % → −6.3.
    expect(oneDecimal(measure(1600n, 1700n).pct!)).toBe('6.3');
    expect(oneDecimal(measure(1600n, 1500n).pct!)).toBe('-6.3');
    expect(measure(0n, 500n).pct).toBeUndefined();
    expect(measure(0n, 500n).nsReason).toMatch(/zero base/);
    // A negative base keeps the sign of the difference: a result falling from −100 to −150 reads −50 %.
    expect(oneDecimal(measure(-10000n, -15000n).pct!)).toBe('-50.0');
  });

  it('--min-delta keeps a difference equal to the threshold and drops one cent less', () => {
    expect(passes(measure(0n, 10000n), { minDelta: 10000n })).toBe(true);
    expect(passes(measure(0n, 9999n), { minDelta: 10000n })).toBe(false);
    expect(passes(measure(10000n, 0n), { minDelta: 10000n })).toBe(true);
    expect(passes(measure(5n, 5n), {})).toBe(false);
  });

  it('--min-pct compares the unrounded relative difference; a line with no base always passes', () => {
    const pct = parseMinPct('5');
    expect(passes(measure(100000n, 104999n), { minPct: pct })).toBe(false); // 4.999 % shows as 5.0 % but is below 5
    expect(passes(measure(100000n, 105000n), { minPct: pct })).toBe(true);
    expect(passes(measure(0n, 1n), { minPct: pct })).toBe(true);
    expect(passes(measure(100000n, 105000n), { minPct: pct, minDelta: 500001n })).toBe(false);
  });

  it('filters shown lines and findings, and sorts by absolute difference with ties by key', () => {
    const next = [
      row('p F D 011 60611 reel', 30100n), // +1,00
      row('p F D 011 6064 reel', 12245n), // −1,00
      row('p F D 012 64111 reel', 45000n), // +50,00
      row('p F R 70 706 reel', 80000n),
      row('p F R 002 - -', 1000n),
      row('p I D 21 2183 reel', 25000n, 3500n), // RAR +5,00
    ];
    const all = diffRows(BASE, next, OPTS);
    expect(all.findings.map((d) => d.key.compte)).toEqual(['60611', '6064', '64111', '2183']);
    const big = diffRows(BASE, next, { ...OPTS, minDelta: 500n });
    expect(big.findings.map((d) => d.key.compte)).toEqual(['64111', '2183']);
    const sorted = diffRows(BASE, next, { ...OPTS, sort: 'delta' });
    expect(sorted.shown.map((d) => d.key.compte)).toEqual(['64111', '60611', '6064', '2183']);
    const fOnly = diffRows(BASE, next, { ...OPTS, section: 'I' });
    expect(fOnly.findings.map((d) => d.key.compte)).toEqual(['2183']);
    expect(fOnly.subtotals.map((s) => s.section + s.sens)).toEqual(['ID']);
    const shownAll = diffRows(BASE, next, { ...OPTS, showUnchanged: true });
    expect(shownAll.shown).toHaveLength(6);
    expect(shownAll.findings).toHaveLength(4);
    expect(diffRows(BASE, next, { ...OPTS, budget: 'other' }).all).toEqual([]);
  });
});

describe('modes', () => {
  it('chooses same-year for the same exercices and year-over-year for one exercice a side', () => {
    expect(chooseMode([2022], [2022])).toMatchObject({ mode: 'same-year', byExercice: false });
    expect(chooseMode([2021, 2022], [2021, 2022])).toMatchObject({ mode: 'same-year', byExercice: true });
    expect(chooseMode([2021], [2022])).toMatchObject({ mode: 'year-over-year', byExercice: false, oldExercice: 2021, newExercice: 2022, notes: [] });
    expect(chooseMode([2018], [2022]).notes[0]).toMatch(/not consecutive/);
    expect(() => chooseMode([2021, 2022], [2022])).toThrow(UsageError);
    expect(() => chooseMode([2021, 2022], [2021, 2022], 'year-over-year')).toThrow(UsageError);
    expect(chooseMode([2021], [2022], 'same-year')).toMatchObject({ mode: 'same-year', byExercice: false });
  });

  it('year-over-year matches lines across exercices; same-year over several exercices keys on the exercice', () => {
    const y1 = [row('p F D 011 60611 reel', 100n, 0n, 2021)];
    const y2 = [row('p F D 011 60611 reel', 150n, 0n, 2022)];
    const yoy = diffRows(y1, y2, OPTS);
    expect(yoy.findings.map((d) => [d.status, d.realise.delta])).toEqual([['changed', 50n]]);
    const keyed = diffRows([...y1, ...y2], [...y2, ...y1], { ...OPTS, byExercice: true });
    expect(keyed.findings).toEqual([]);
    expect(keyed.all.map((d) => d.key.exercice)).toEqual([2021, 2022]);
  });
});

describe('section results of each side', () => {
  it('shows the effect of a changed line on the results', () => {
    const old = [row('p F R - - -', 100000n), row('p F D - - -', 80000n), row('p F R 002 - -', 5000n), row('p I D 21 - reel', 0n, 3000n)];
    const next = [row('p F R - - -', 100000n), row('p F D - - -', 81000n), row('p F R 002 - -', 5000n), row('p I D 21 - reel', 0n, 3000n)];
    const budgets = [{ id: 'p', label: 'P' }];
    const c = compareResultats('p', 2022, 2022, resultatsOf(modelOf(old, budgets), 'p', 2022), resultatsOf(modelOf(next, budgets), 'p', 2022));
    const item = (id: string) => c.items.find((i) => i.id === id)!.value;
    expect(item('fonctionnement-cumule')).toMatchObject({ old: 25000n, new: 24000n, delta: -1000n });
    expect(oneDecimal(item('fonctionnement-cumule').pct!)).toBe('-4.0');
    expect(item('resultat-global')).toMatchObject({ old: 22000n, new: 21000n, delta: -1000n });
    expect(compareResultats('p', 2022, 2022, undefined, undefined, 'F').items.every((i) => i.id.startsWith('fonctionnement'))).toBe(true);
  });
});

describe('option parsing', () => {
  it('reads --min-delta as euros with decimal semantics, to the cent', () => {
    expect(parseMinDelta('1234.5')).toBe(123450n);
    expect(parseMinDelta('1 234,56')).toBe(123456n);
    expect(parseMinDelta('0.1')).toBe(10n);
    expect(parseMinDelta('1000')).toBe(100000n);
    expect(() => parseMinDelta('1.234')).toThrow(/two decimals/);
    expect(() => parseMinDelta('-5')).toThrow(UsageError);
    expect(() => parseMinDelta('1e3')).toThrow(UsageError);
    expect(parseMinPct('2,5').toString()).toBe('2.5');
  });
});
