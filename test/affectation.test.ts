// Table-driven affectation cases, each figure computed by hand (CGCT L2311-5 / R2311-11).
import { describe, expect, it } from 'vitest';
import { computeAffectation, type AffectationInput } from '../src/compute/affectation.js';

const e = (s: string) => BigInt(s.replace('.', '')); // "82640.45" → 8264045n cents

interface Case {
  name: string;
  input: AffectationInput;
  expected: { cas: string; compte1068: string; r002: string; d002: string; r001: string; d001: string; besoinNonCouvert: string };
  notes?: number;
}

const cases: Case[] = [
  {
    name: 'SITIV principal 2022: excédent covers the besoin, the rest to R002',
    // besoin = 495 795,75 − 578 436,20 = −82 640,45; 1068 = 82 640,45; R002 = 264 138,73 − 82 640,45
    input: { resultatFonctionnement: e('264138.73'), soldeInvestissement: e('495795.75'), besoinFinancement: e('-82640.45') },
    expected: { cas: 'excedent-couvre-besoin', compte1068: '82640.45', r002: '181498.28', d002: '0.00', r001: '495795.75', d001: '0.00', besoinNonCouvert: '0.00' },
  },
  {
    name: 'SITIV TNO 2022: besoin 1 046 426,44 covered, R002 358 573,56, D001 742 627,83',
    input: { resultatFonctionnement: e('1405000.00'), soldeInvestissement: e('-742627.83'), besoinFinancement: e('-1046426.44') },
    expected: { cas: 'excedent-couvre-besoin', compte1068: '1046426.44', r002: '358573.56', d002: '0.00', r001: '0.00', d001: '742627.83', besoinNonCouvert: '0.00' },
  },
  {
    name: 'excédent and no besoin: everything to R002',
    input: { resultatFonctionnement: e('1000.00'), soldeInvestissement: e('250.00'), besoinFinancement: e('100.00') },
    expected: { cas: 'excedent-sans-besoin', compte1068: '0.00', r002: '1000.00', d002: '0.00', r001: '250.00', d001: '0.00', besoinNonCouvert: '0.00' },
  },
  {
    name: 'excédent smaller than the besoin: all to 1068, the rest uncovered',
    // besoin 5 000,00, excédent 3 000,01 → 1068 3 000,01, uncovered 1 999,99
    input: { resultatFonctionnement: e('3000.01'), soldeInvestissement: e('-5000.00'), besoinFinancement: e('-5000.00') },
    expected: { cas: 'excedent-insuffisant', compte1068: '3000.01', r002: '0.00', d002: '0.00', r001: '0.00', d001: '5000.00', besoinNonCouvert: '1999.99' },
  },
  {
    name: 'excédent exactly equal to the besoin: 1068 takes it all, R002 is zero',
    input: { resultatFonctionnement: e('777.77'), soldeInvestissement: e('0.00'), besoinFinancement: e('-777.77') },
    expected: { cas: 'excedent-couvre-besoin', compte1068: '777.77', r002: '0.00', d002: '0.00', r001: '0.00', d001: '0.00', besoinNonCouvert: '0.00' },
  },
  {
    name: 'déficit of fonctionnement: D002, nothing to affect, besoin stays uncovered',
    input: { resultatFonctionnement: e('-1234.56'), soldeInvestissement: e('-100.00'), besoinFinancement: e('-300.00') },
    expected: { cas: 'deficit', compte1068: '0.00', r002: '0.00', d002: '1234.56', r001: '0.00', d001: '100.00', besoinNonCouvert: '300.00' },
  },
  {
    name: 'zero result: treated as nothing to affect',
    input: { resultatFonctionnement: 0n, soldeInvestissement: e('10.00'), besoinFinancement: e('10.00') },
    expected: { cas: 'deficit', compte1068: '0.00', r002: '0.00', d002: '0.00', r001: '10.00', d001: '0.00', besoinNonCouvert: '0.00' },
  },
  {
    name: 'assembly votes a larger 1068 than the besoin',
    input: { resultatFonctionnement: e('264138.73'), soldeInvestissement: e('495795.75'), besoinFinancement: e('-82640.45'), decided1068: e('100000.00') },
    expected: { cas: 'excedent-couvre-besoin', compte1068: '100000.00', r002: '164138.73', d002: '0.00', r001: '495795.75', d001: '0.00', besoinNonCouvert: '0.00' },
  },
  {
    name: 'a decided 1068 below the besoin is raised to the besoin, with a note',
    input: { resultatFonctionnement: e('264138.73'), soldeInvestissement: e('495795.75'), besoinFinancement: e('-82640.45'), decided1068: e('50000.00') },
    expected: { cas: 'excedent-couvre-besoin', compte1068: '82640.45', r002: '181498.28', d002: '0.00', r001: '495795.75', d001: '0.00', besoinNonCouvert: '0.00' },
    notes: 1,
  },
  {
    name: 'a decided 1068 above the excédent is capped at the excédent, with a note',
    input: { resultatFonctionnement: e('500.00'), soldeInvestissement: e('0.00'), besoinFinancement: e('0.00'), decided1068: e('900.00') },
    expected: { cas: 'excedent-sans-besoin', compte1068: '500.00', r002: '0.00', d002: '0.00', r001: '0.00', d001: '0.00', besoinNonCouvert: '0.00' },
    notes: 1,
  },
];

const fmt = (c: bigint) => {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

describe('affectation du résultat', () => {
  it.each(cases)('$name', ({ input, expected, notes }) => {
    const a = computeAffectation(input);
    expect({
      cas: a.cas,
      compte1068: fmt(a.compte1068),
      r002: fmt(a.r002),
      d002: fmt(a.d002),
      r001: fmt(a.r001),
      d001: fmt(a.d001),
      besoinNonCouvert: fmt(a.besoinNonCouvert),
    }).toEqual(expected);
    expect(a.notes).toHaveLength(notes ?? 0);
  });

  it('R002 + 1068 always equals an excédent, and 1068 never exceeds it (property over a grid)', () => {
    for (const rf of [-500n, 0n, 1n, 999n, 100000n]) {
      for (const bf of [-200000n, -1000n, -1n, 0n, 5000n]) {
        const a = computeAffectation({ resultatFonctionnement: rf, soldeInvestissement: bf, besoinFinancement: bf });
        if (rf > 0n) {
          expect(a.r002 + a.compte1068).toBe(rf);
          expect(a.compte1068 <= rf).toBe(true);
          expect(a.compte1068 + a.besoinNonCouvert).toBe(bf < 0n ? -bf : 0n);
        } else {
          expect(a.compte1068).toBe(0n);
          expect(a.d002).toBe(-rf);
        }
      }
    }
  });
});
