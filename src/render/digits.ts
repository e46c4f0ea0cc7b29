// Integers and cents written as decimal digits straight into a byte buffer, exactly (the byte writers of CSV and sheet XML).

const INT32 = 0x7fffffff;
const E8 = 100_000_000;

/**
 * The decimal digits of a non-negative safe integer n at b[p…]; returns the end. Below 2^31 in int32 arithmetic
 * (`/ 10 | 0` truncates exactly there); above, by eight digits at a time, split off with `%` (exact on integers).
 */
export function putInt(b: Uint8Array, p: number, n: number): number {
  if (n > INT32) {
    const low = n % E8;
    p = putInt(b, p, (n - low) / E8);
    for (let e = p + 8, m = low | 0; e > p; m = (m / 10) | 0) b[--e] = 48 + (m % 10);
    return p + 8;
  }
  let m = n | 0;
  let d = 1;
  for (let k = m; k >= 10; k = (k / 10) | 0) d++;
  for (let e = p + d; e > p; m = (m / 10) | 0) b[--e] = 48 + (m % 10);
  return p + d;
}

/** Cents (a safe integer held as a double) as `-1234.50` at b[p…], as centsToString writes them; returns the end. */
export function putCents(b: Uint8Array, p: number, c: number): number {
  if (!Number.isSafeInteger(c)) throw new RangeError(`putCents: ${c} is not a safe integer of cents`);
  if (c < 0) {
    b[p++] = 45;
    c = -c;
  }
  const cents = c % 100 | 0;
  p = putInt(b, p, (c - cents) / 100);
  const tens = (cents / 10) | 0;
  b[p] = 46;
  b[p + 1] = 48 + tens;
  b[p + 2] = 48 + cents - 10 * tens;
  return p + 3;
}
