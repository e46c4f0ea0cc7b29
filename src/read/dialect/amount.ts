// Amounts as finance software writes them (decimal comma or point, grouped, `€`, four ways to be negative) → exact cents.
import { groupThousands, parsePlainAmount, type Cents } from '../../money/cents.js';

export type DecimalMark = ',' | '.';

/** What settled a file's decimal mark, so an error can say why a cell does not fit. */
export interface DecimalEvidence {
  mark: DecimalMark;
  line?: number;
  value?: string;
}

const MARK_NAME: Record<DecimalMark, string> = { ',': 'decimal comma', '.': 'decimal point' };
export const markName = (m: DecimalMark): string => MARK_NAME[m];

/** Grouping characters every dialect accepts; the non-decimal mark of `.`/`,` is accepted too. */
const SPACES = ' \u00a0\u202f';
const BODY = /^[0-9][0-9 \u00a0\u202f'.,]*$/;

interface Split {
  negative: boolean;
  body: string;
}

/** Peels sign, parentheses and the euro sign off; undefined when the shape is not an amount at all. */
function peel(raw: string): Split | undefined {
  let s = raw.trim();
  let negative = false;
  if (s.endsWith('€')) s = s.slice(0, -1).trim();
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
    if (s.endsWith('€')) s = s.slice(0, -1).trim();
  } else if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.endsWith('-') || s.endsWith('\u2212')) {
    negative = true;
    s = s.slice(0, -1).trim();
    if (s.endsWith('€')) s = s.slice(0, -1).trim();
  }
  if (!BODY.test(s) || !/\d$/.test(s)) return undefined;
  return { negative, body: s };
}

/** `1 234 567` / `1.234.567` → digits, when the grouping is well formed with one separator kind; else undefined. */
function ungroup(intPart: string, groupers: string): string | undefined {
  if (/^\d+$/.test(intPart)) return intPart;
  let sep: string | undefined;
  for (const ch of intPart) {
    if (ch >= '0' && ch <= '9') continue;
    if (!groupers.includes(ch)) return undefined;
    if (sep === undefined) sep = ch;
    else if (sep !== ch) return undefined;
  }
  const groups = intPart.split(sep!);
  if (!/^\d{1,3}$/.test(groups[0]!)) return undefined;
  for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i]!)) return undefined;
  return groups.join('');
}

/**
 * The decimal mark one cell proves on its own, if any: `12,50` proves a comma, `1.234.567` proves a comma
 * (repeated points group), `1.234,5` proves a comma. `1.234` proves nothing: it is the ambiguous case.
 */
export function decimalEvidence(raw: string): DecimalMark | undefined {
  const p = peel(raw);
  if (!p) return undefined;
  const b = p.body;
  const dot = b.lastIndexOf('.');
  const comma = b.lastIndexOf(',');
  if (dot < 0 && comma < 0) return undefined;
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const mark: DecimalMark = dot >= 0 ? '.' : ',';
  const other: DecimalMark = mark === '.' ? ',' : '.';
  const at = dot >= 0 ? dot : comma;
  if (b.indexOf(mark) !== at) return other;
  const before = b.slice(0, at);
  const after = b.slice(at + 1);
  if (/^\d{3}$/.test(after) && /^[1-9]\d{0,2}$/.test(before)) return undefined;
  return mark;
}

export type AmountResult = Cents | { error: string };

/**
 * Parses one amount in a dialect whose decimal mark is `decimal`, or unknown (nothing in the file settled it:
 * then any `.` or `,` is ambiguous and reported, never guessed).
 */
export function parseDialectAmount(raw: string, decimal: DecimalMark | undefined, settledBy?: DecimalEvidence): AmountResult {
  if (decimal === '.') {
    const fast = parsePlainAmount(raw);
    if (fast !== undefined) return fast;
  }
  const p = peel(raw);
  if (!p) return { error: 'not an amount' + dialectNote(decimal, settledBy) };
  const b = p.body;
  let intPart = b;
  let frac = '';
  if (decimal === undefined) {
    if (b.includes('.') || b.includes(',')) {
      return {
        error: `ambiguous amount: nothing in the file settles the decimal mark, so ${JSON.stringify(raw.trim())} could be read two ways (pass --decimal , or --decimal .)`,
      };
    }
  } else {
    const at = b.indexOf(decimal);
    if (at >= 0) {
      if (b.lastIndexOf(decimal) !== at) return { error: 'not an amount' + dialectNote(decimal, settledBy) };
      intPart = b.slice(0, at);
      frac = b.slice(at + 1);
      if (!/^\d+$/.test(frac)) return { error: 'not an amount' + dialectNote(decimal, settledBy) };
      if (frac.length > 2) return { error: 'more than two decimals' + dialectNote(decimal, settledBy) };
    }
  }
  const groupers = SPACES + "'" + (decimal === ',' ? '.' : decimal === '.' ? ',' : '');
  const digits = ungroup(intPart, groupers);
  if (digits === undefined) return { error: 'not an amount' + dialectNote(decimal, settledBy) };
  const v = BigInt(digits) * 100n + BigInt(frac.padEnd(2, '0'));
  return p.negative ? -v : v;
}

function dialectNote(decimal: DecimalMark | undefined, settledBy?: DecimalEvidence): string {
  if (decimal === undefined) return '';
  const why = settledBy?.line !== undefined ? `, settled by line ${settledBy.line}: ${JSON.stringify(settledBy.value)}` : '';
  return ` in this file's dialect (${markName(decimal)}${why})`;
}

/** How to write amounts back: the mark, a grouping character (or none), and the negative style. */
export interface AmountStyle {
  decimal: DecimalMark;
  group: '' | ' ' | '\u00a0' | '\u202f' | "'" | '.' | ',';
  negative: '-' | '\u2212' | '()' | 'trailing';
  euro: boolean;
}

/** Formats cents in a style; parseDialectAmount(format(c, s), s.decimal) === c for every style it accepts. */
export function formatDialectAmount(c: Cents, s: AmountStyle): string {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const int = (abs / 100n).toString();
  const frac = (abs % 100n).toString().padStart(2, '0');
  const grouped = s.group === '' ? int : groupThousands(int, s.group);
  let body = `${grouped}${s.decimal}${frac}`;
  if (s.euro) body += '\u00a0€';
  if (!neg) return body;
  switch (s.negative) {
    case '()':
      return `(${body})`;
    case 'trailing':
      return `${body}-`;
    default:
      return `${s.negative}${body}`;
  }
}
