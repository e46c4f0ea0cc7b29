// Exact money: amounts are integer cents as bigint; decimal.js only for divisions and display rounding.
import { Decimal } from 'decimal.js';

export type Cents = bigint;

export const ZERO: Cents = 0n;

/** Decimal configured once: enough precision for any ratio of two amounts, half away from zero. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export function sum(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Digit grouping of an integer part by thousands (`3329960` → `3 329 960`), for every human or dialect format. */
export function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Cents as a plain decimal string: `-1234.50`. Machine formats carry amounts this way. A number must be a safe
 * integer (the exact-sum fast paths hand those out); anything else is a programming error, not an amount.
 */
export function centsToString(c: Cents | number): string {
  if (typeof c === 'number' && !Number.isSafeInteger(c)) throw new RangeError(`centsToString: ${c} is not a safe integer of cents`);
  const negative = c < 0;
  // Digits placed by slicing the integer's own digits, no division. BigInt#toString is also the quickest way to print
  // a safe integer: V8's number printing costs three times more past the small-integer range.
  const abs = negative ? -c : c;
  const digits = (typeof abs === 'number' ? BigInt(abs) : abs).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function centsToDecimal(c: Cents): Dec {
  return new D(c.toString()).div(100);
}

/**
 * Parses the neutral ledger notation: optional leading `-`, digits, optional `.` and one or two digits.
 * Returns undefined when the text is not in that notation (the caller reports where).
 */
export function parsePlainAmount(text: string): Cents | undefined {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? '').padEnd(2, '0');
  const v = BigInt(m[2]!) * 100n + BigInt(frac);
  return m[1] ? -v : v;
}

/** Rounds a cent amount half away from zero to a unit expressed in cents (100n for the euro). */
export function roundCentsTo(c: Cents, unit: Cents): Cents {
  if (unit <= 1n) return c;
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const q = (abs + unit / 2n) / unit;
  const r = q * unit;
  return neg ? -r : r;
}

/** A decimal amount in euros as cents; undefined when it has more than two decimals: never rounded. */
export function decimalToCents(v: Dec): Cents | undefined {
  const c = v.times(100);
  if (!c.isInteger()) return undefined;
  return BigInt(c.toFixed(0));
}

/** Sum of two amounts that may be absent (crédits ouverts, RAR taken over): absent only when both are. */
export function addOptional(a: Cents | undefined, b: Cents | undefined): Cents | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a + b;
}

/** An exact ratio of two integers, kept unrounded until it is shown. */
export interface Quotient {
  num: bigint;
  den: bigint;
}

/**
 * num / den rounded half away from zero to `decimals` places, as a plain decimal string (`-2.5`, `0.0`), in integer
 * arithmetic: the same digits as D.div then toFixed(decimals, ROUND_HALF_UP) (property-tested against decimal.js), a
 * hundred times faster, which counts when a national balance needs one per entity. den must not be zero.
 */
export function roundedQuotient({ num, den }: Quotient, decimals: number): string {
  if (den === 0n) throw new RangeError('roundedQuotient: zero denominator');
  const a = (num < 0n ? -num : num) * 10n ** BigInt(decimals);
  const b = den < 0n ? -den : den;
  const q = (2n * a + b) / (2n * b);
  const negative = q !== 0n && num < 0n !== den < 0n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const int = decimals === 0 ? digits : digits.slice(0, -decimals);
  return `${negative ? '-' : ''}${int}${decimals === 0 ? '' : `.${digits.slice(-decimals)}`}`;
}

/** a / b as a Decimal, or undefined when b is zero. */
export function ratio(a: Cents, b: Cents): Dec | undefined {
  if (b === 0n) return undefined;
  return new D(a.toString()).div(new D(b.toString()));
}
