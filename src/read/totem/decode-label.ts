// Undoes the second escaping that some exporters apply to labels ("&amp;#8217;" reaches us as "&#8217;" after XML parsing).
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes numeric and the five XML named references left in a label, once; anything else stays as written. */
export function decodeLabel(text: string): string {
  return text
    .replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#x') || ref.startsWith('#X')) return fromCode(parseInt(ref.slice(2), 16)) ?? whole;
      if (ref.startsWith('#')) return fromCode(parseInt(ref.slice(1), 10)) ?? whole;
      return NAMED[ref] ?? whole;
    })
    .trim();
}

function fromCode(code: number): string | undefined {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}
