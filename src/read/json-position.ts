// Where a JSON text stops being JSON: a small scanner giving LINE:COL of the first error (JSON.parse does not say it on Node 20).

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

/** Scans `text` as JSON (RFC 8259); undefined when it is valid, else the first error's 1-based line and column. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at: i });
  };
  const what = () => (i >= text.length ? 'end of file' : `${JSON.stringify(text[i])}`);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${what()}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('control character inside a string (a line break must be written \\n)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail(`bad escape \\${text[i] ?? ''}`);
      } else i++;
    }
    if (i >= text.length) fail('string not closed');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail(`unexpected ${what()}`);
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a "key" in double quotes, found ${what()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":" after a key, found ${what()}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(`expected "," or "}" after a value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(`expected "," or "]" after a value, found ${what()}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${what()} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    const at = (e as { at?: number }).at;
    if (at === undefined) throw e;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: at - lineStart + 1, message: (e as Error).message };
  }
}
