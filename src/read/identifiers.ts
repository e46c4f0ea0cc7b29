// The identifiers an official file states (NatDec, SIRET), judged: unknown or malformed ones become warnings, never refusals.
import { t } from '../messages/index.js';
import { NAT_DEC, type IdentifierProblem } from '../model/document.js';

/** Luhn key over the digits (the SIRET's own key); La Poste's establishments (SIREN 356000000) use a sum divisible by 5. */
export function siretKeyHolds(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) return [...siret].reduce((t, d) => t + Number(d), 0) % 5 === 0;
  let total = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(siret[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

/** What is wrong with a SIRET, or undefined when it is 14 digits with a valid key (an empty one is not judged). */
export function siretProblem(siret: string): string | undefined {
  const s = siret.trim();
  if (s === '') return undefined;
  if (!/^\d{14}$/.test(s)) return t(/\D/.test(s) ? 'input.siretLengthNonDigits' : 'input.siretLength', { n: s.length });
  if (!siretKeyHolds(s)) return t('input.siretKey');
  return undefined;
}

/** The identifier problems of one file's header: a NatDec the product does not know, SIRETs that are not valid. */
export function identifierProblems(natDec: { value: string; line: number } | undefined, sirets: { field: string; value: string; line: number }[]): IdentifierProblem[] {
  const out: IdentifierProblem[] = [];
  if (natDec && natDec.value.trim() !== '' && !(natDec.value.trim() in NAT_DEC)) {
    out.push({
      line: natDec.line,
      field: 'NatDec',
      value: natDec.value,
      message: t('input.natDecUnknown', { value: natDec.value, known: Object.entries(NAT_DEC).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} ${v}`).join(', ') }),
    });
  }
  const seen = new Set<string>();
  for (const s of sirets) {
    const key = `${s.field}|${s.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = siretProblem(s.value);
    if (problem) out.push({ line: s.line, field: s.field, value: s.value, message: problem });
  }
  return out;
}
