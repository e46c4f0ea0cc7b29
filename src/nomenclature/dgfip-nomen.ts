// Which plan de comptes classifies a balance line: the DGFiP NOMEN code mapped to a declinaison, nearest year.
import { InputError } from '../errors.js';
import { resolvePlan, type Plan } from './plan.js';

/**
 * NOMEN as the DGFiP writes it → declinaison of our plans. M14 communes are filed under the ≥ 3 500 plan and the
 * abridged M14A under the 500–3 500 one: their chapters agree on every account a balance carries.
 */
export const NOMEN_DECLINAISONS: Readonly<Record<string, string>> = {
  M57: 'M57',
  M57A: 'M57_A',
  M57_A: 'M57_A',
  M57D: 'M57_D',
  M57_D: 'M57_D',
  M57P: 'M57_P',
  M57_P: 'M57_P',
  M14: 'M14_COM_SUP3500',
  M14A: 'M14_COM_500_3500',
  M4: 'M4',
  M41: 'M41',
  M42: 'M42',
  M43: 'M43',
  M43A: 'M43_A',
  M43_A: 'M43_A',
  M43D: 'M43_D',
  M43_D: 'M43_D',
  M44: 'M44',
  // The développée, the abridged M49 being named M49A.
  M49: 'M49_D',
  M49A: 'M49_A',
  M49_A: 'M49_A',
  M49D: 'M49_D',
  M49_D: 'M49_D',
  M52: 'M52',
  M61: 'M61',
  M71: 'M71',
};

export interface PlanChoice {
  plan?: Plan;
  /** The plan id, or how lines are classified without one. */
  label: string;
}

/** Unknown nomenclatures (M22, M832…) fall back to the account class rule instead of rejecting the entity. */
export function planForNomen(nomen: string, exer: number): PlanChoice {
  const decl = NOMEN_DECLINAISONS[nomen.trim().toUpperCase()];
  if (!decl) return { label: `classe de compte (pas de plan pour ${nomen.trim() || 'NOMEN vide'})` };
  try {
    const plan = resolvePlan(decl, exer);
    return { plan, label: plan.id };
  } catch (e) {
    if (e instanceof InputError) return { label: `classe de compte (pas de plan pour ${nomen.trim()})` };
    throw e;
  }
}
