// Parses the diff options that carry numbers (--min-delta in euros, --min-pct in percent) with decimal semantics.
import { UsageError } from '../errors.js';
import { D, decimalToCents, type Cents, type Dec } from '../money/cents.js';

/** `1000`, `1000.5`, `1 000,50`: spaces dropped, a lone comma is the decimal mark. */
function decimalText(text: string, option: string): Dec {
  let t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t.includes(',') && !t.includes('.')) t = t.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) throw new UsageError(`${option}: expected a non-negative number, got ${JSON.stringify(text)}`);
  return new D(t);
}

/** Euros to cents; more than two decimals is refused rather than rounded, as in the ledgers. */
export function parseMinDelta(text: string): Cents {
  const cents = decimalToCents(decimalText(text, '--min-delta'));
  if (cents === undefined) throw new UsageError(`--min-delta: at most two decimals (cents), got ${JSON.stringify(text)}`);
  return cents;
}

export function parseMinPct(text: string): Dec {
  return decimalText(text, '--min-pct');
}
