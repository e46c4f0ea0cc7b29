// Reads a figure as an InformationsGenerales V prints it (`646,40`, `50,62 %`, `1.503911`, `7 242,93`), keeping its precision.

export interface PrintedFigure {
  /** Plain decimal notation with exactly `decimals` places: `646.40`, `-3.5`, `1.503911`. */
  plain: string;
  decimals: number;
  /** Printed with a `%` sign. */
  percent: boolean;
}

/**
 * A decimal comma, or else a single decimal point; spaces (also no-break and narrow no-break) and, beside a comma,
 * points group thousands. Undefined for anything else: the caller says the value is not a number.
 */
export function parsePrinted(text: string): PrintedFigure | undefined {
  let t = text.trim();
  const percent = /%$/.test(t);
  if (percent) t = t.slice(0, -1);
  t = t.replace(/[\s\u00a0\u202f]/g, '');
  if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(t)) t = t.replace(/\./g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(int + frac);
  return { plain: `${m[1] && !zero ? '-' : ''}${int}${frac ? `.${frac}` : ''}`, decimals: frac.length, percent };
}
