// Where each key of a JSON text sits (line and column, 1-based), so that a schema error names manifest.json:LINE:COL.

export interface JsonPosition {
  line: number;
  column: number;
}

/**
 * Positions of every member and array item of a valid JSON text, by dotted path (`budgets.0.id`; '' for the root): a
 * member's position is its key's, an item's is its value's. A small scanner, since JSON.parse keeps no positions.
 */
export function locateJson(text: string): Map<string, JsonPosition> {
  const out = new Map<string, JsonPosition>();
  let i = 0;
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const posOf = (at: number): JsonPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo]! + 1 };
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string) => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (i < text.length && text[i] !== '}') {
        ws();
        const keyAt = i;
        const key = str();
        const sub = path ? `${path}.${key}` : key;
        out.set(sub, posOf(keyAt));
        ws();
        i++; // :
        value(sub);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      let n = 0;
      ws();
      while (i < text.length && text[i] !== ']') {
        ws();
        const sub = path ? `${path}.${n}` : String(n);
        out.set(sub, posOf(i));
        value(sub);
        n++;
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  out.set('', posOf(i));
  value('');
  return out;
}

/** The position of a path, or of its nearest located parent (a missing key is reported where its object starts). */
export function positionOf(located: Map<string, JsonPosition>, path: readonly (string | number)[]): JsonPosition | undefined {
  for (let n = path.length; n >= 0; n--) {
    const p = located.get(path.slice(0, n).join('.'));
    if (p) return p;
  }
  return undefined;
}
