// The little XML a workbook part needs read by hand: an attribute of a tag, entity-decoded text, end-of-line normalised as XML parsers do.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of an element or attribute as an XML parser gives it: entities decoded, CR LF and lone CR read as LF. */
export function xmlText(raw: string): string {
  let s = raw;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** The value of attribute `name` in the tag `s[start, end)`, undefined when absent (either quote). */
export function attr(s: string, start: number, end: number, name: string): string | undefined {
  // Searched in the tag alone: an attribute the tag lacks never sends the search through the rest of the part.
  const tag = s.slice(start, end);
  const key = name + '=';
  for (let k = tag.indexOf(key); k >= 0; k = tag.indexOf(key, k + 1)) {
    if (k === 0 || tag.charCodeAt(k - 1) > 32) continue;
    const q = tag[k + key.length];
    if (q !== '"' && q !== "'") continue;
    const close = tag.indexOf(q, k + key.length + 1);
    if (close < 0) return undefined;
    return xmlText(tag.slice(k + key.length + 1, close));
  }
  return undefined;
}

/** Every `<tag …>` opening of an element named `tag` in `s`, as [start, end of the tag) pairs. */
export function* tags(s: string, tag: string): Generator<[number, number]> {
  const open = '<' + tag;
  for (let i = s.indexOf(open); i >= 0; i = s.indexOf(open, i + 1)) {
    const c = s.charCodeAt(i + open.length);
    if (c !== 32 && c !== 62 && c !== 47 && c !== 9 && c !== 10 && c !== 13) continue;
    const end = s.indexOf('>', i);
    if (end < 0) return;
    yield [i, end + 1];
  }
}

/**
 * The text of a string item (`<si>` or `<is>` body): its `<t>` elements joined, rich-text runs included,
 * phonetic guides (`<rPh>`) left out as spreadsheets show them.
 */
export function runsText(whole: string, from: number, to: number): string {
  // Searched in the item alone: a search for what the item lacks never runs through the rest of the part.
  const s = whole.slice(from, to);
  to = s.length;
  let out = '';
  let i = 0;
  for (;;) {
    const t = s.indexOf('<t', i);
    if (t < 0 || t >= to) break;
    const c = s.charCodeAt(t + 2);
    if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
      i = t + 2;
      continue;
    }
    const ph = s.indexOf('<rPh', i);
    if (ph >= 0 && ph < t) {
      const phEnd = s.indexOf('</rPh>', ph);
      i = phEnd < 0 ? to : phEnd + 6;
      continue;
    }
    const gt = s.indexOf('>', t);
    if (gt < 0 || gt >= to) break;
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const close = s.indexOf('</t>', gt);
    if (close < 0 || close > to) break;
    out += xmlText(s.slice(gt + 1, close));
    i = close + 4;
  }
  return out;
}
