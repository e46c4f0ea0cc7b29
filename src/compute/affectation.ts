// Affectation du résultat (CGCT L2311-5, R2311-11; M57 D3661-12 / D5217-12): 1068, R002/D002, R001/D001.
import type { Cents } from '../money/cents.js';
import { t } from '../messages/index.js';

export interface AffectationInput {
  /** Résultat de fonctionnement cumulé (the résultat à affecter). */
  resultatFonctionnement: Cents;
  /** Solde d'exécution d'investissement cumulé, without RAR. */
  soldeInvestissement: Cents;
  /** Besoin (negative) or excédent (positive) de financement, RAR included. */
  besoinFinancement: Cents;
  /** A larger 1068 voted by the assembly; never below what the besoin requires. */
  decided1068?: Cents;
}

export type AffectationCase = 'excedent-sans-besoin' | 'excedent-couvre-besoin' | 'excedent-insuffisant' | 'deficit';

export interface Affectation {
  cas: AffectationCase;
  /** Reserves on compte 1068 (a titre in investment, next year). */
  compte1068: Cents;
  /** Excédent carried in fonctionnement (R002), ≥ 0. */
  r002: Cents;
  /** Déficit carried in fonctionnement (D002), ≥ 0. */
  d002: Cents;
  /** Investment solde carried as is: R001 when positive. */
  r001: Cents;
  /** D001 when the solde is negative (as a positive amount). */
  d001: Cents;
  /** Part of the besoin that the excédent could not cover (≥ 0). */
  besoinNonCouvert: Cents;
  /** Why a decided 1068 was not taken as given. */
  notes: string[];
}

const max = (a: Cents, b: Cents): Cents => (a > b ? a : b);
const min = (a: Cents, b: Cents): Cents => (a < b ? a : b);

export function computeAffectation(input: AffectationInput): Affectation {
  const { resultatFonctionnement: rf, soldeInvestissement: si, besoinFinancement } = input;
  const r001 = max(si, 0n);
  const d001 = max(-si, 0n);
  const besoin = max(-besoinFinancement, 0n);
  const notes: string[] = [];
  if (rf <= 0n) {
    if (input.decided1068 !== undefined && input.decided1068 !== 0n) {
      notes.push(t('report.deficitNothingToAffect'));
    }
    return { cas: 'deficit', compte1068: 0n, r002: 0n, d002: -rf, r001, d001, besoinNonCouvert: besoin, notes };
  }
  const required = min(rf, besoin);
  let compte1068 = required;
  if (input.decided1068 !== undefined) {
    if (input.decided1068 < required) {
      notes.push(t('report.decided1068Below'));
    } else if (input.decided1068 > rf) {
      notes.push(t('report.decided1068Above'));
      compte1068 = rf;
    } else {
      compte1068 = input.decided1068;
    }
  }
  const cas: AffectationCase =
    besoin === 0n ? 'excedent-sans-besoin' : rf >= besoin ? 'excedent-couvre-besoin' : 'excedent-insuffisant';
  return {
    cas,
    compte1068,
    r002: rf - compte1068,
    d002: 0n,
    r001,
    d001,
    besoinNonCouvert: max(besoin - compte1068, 0n),
    notes,
  };
}
