// DGFiP amounts straight from bytes to integer cents, without a string per field.

/**
 * Accepted notation (documented in docs/dgfip.md): optional surrounding double quotes, optional sign `-` or `+`,
 * digits, optionally one decimal mark `.` or `,` followed by digits; at least one digit in all. Digits past the
 * cents must be zeros (`12.500` is 1250 cents, `12.505` is refused: a cent amount cannot carry it). An empty field
 * is zero, as the DGFiP exports leave zero amounts empty in some years. No grouping, no exponent.
 */

/** parseCents result for a malformed amount. */
export const MALFORMED = NaN;
/** parseCents result for a well-formed amount of 10^15 cents or more: parse it with parseCentsBig. */
export const TOO_LONG = Infinity;

/** Cents as a safe integer (|v| < 10^15), MALFORMED (NaN) or TOO_LONG (Infinity). */
export function parseCents(buf: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  if (e - s >= 2 && buf[s] === 34 && buf[e - 1] === 34) {
    s++;
    e--;
  }
  if (s === e) return 0;
  let neg = false;
  let b = buf[s]!;
  if (b === 45) {
    neg = true;
    s++;
  } else if (b === 43) s++;
  let v = 0;
  let digits = 0;
  let sig = 0;
  let frac = -1;
  for (let i = s; i < e; i++) {
    b = buf[i]!;
    const d = b - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      if (frac >= 0) {
        if (frac >= 2) {
          if (d !== 0) return NaN;
          continue;
        }
        frac++;
      }
      if (v !== 0 || d !== 0) sig++;
      v = v * 10 + d;
    } else if ((b === 46 || b === 44) && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0) return NaN;
  const scale = frac <= 0 ? 2 : frac === 1 ? 1 : 0;
  // Past 15 digits of cents a number may have rounded while accumulating: the BigInt parser takes over.
  if (sig + scale > 15) return Infinity;
  if (scale === 2) v *= 100;
  else if (scale === 1) v *= 10;
  return neg ? -v : v;
}

const BIG = /^([+-])?(\d*)(?:[.,](\d*))?$/;

/** Same notation as parseCents, any length, as a bigint; undefined when malformed. */
export function parseCentsBig(buf: Uint8Array, start: number, end: number): bigint | undefined {
  let text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  if (text === '') return 0n;
  const m = BIG.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  if (/[1-9]/.test(frac.slice(2))) return undefined;
  const v = BigInt(int || '0') * 100n + BigInt(frac.slice(0, 2).padEnd(2, '0'));
  return m[1] === '-' ? -v : v;
}

/** Text convenience over the byte parsers (tests, the concordance input). */
export function parseAmountText(text: string): bigint | undefined {
  const buf = Buffer.from(text, 'latin1');
  const v = parseCents(buf, 0, buf.length);
  if (Number.isNaN(v)) return undefined;
  if (v === Infinity) return parseCentsBig(buf, 0, buf.length);
  return BigInt(v);
}
