// Streams an XML file through saxes in the encoding it declares, refusing DOCTYPEs (no entity expansion, no fetch).
import { firstInvalidUtf8 } from '../dialect/encoding.js';
import { LEDGER_LIMIT, checkReadable } from '../whole-file.js';
import { createReadStream } from 'node:fs';
import type { SaxesTagNS } from 'saxes';
import { InputError } from '../../errors.js';

export interface XmlElement {
  /** Local name, without prefix. */
  local: string;
  uri: string;
  /** Value of an unprefixed attribute (V, Code), undefined when absent. */
  attr(name: string): string | undefined;
  /** 1-based line where the start tag ends. */
  line: number;
  column: number;
}

export interface XmlHandlers {
  open(el: XmlElement, depth: number): void;
  close(local: string, uri: string, depth: number): void;
  /**
   * Byte scanner only: whether the element just opened (no attributes) may be handed over whole, as a flat record,
   * instead of as its children's events and its close. saxes never asks.
   */
  flat?(local: string): boolean;
  /**
   * The flat record of the element `flat` accepted, when every child is an empty element with only V / Code
   * attributes, each child name once: `true` when handled (stands for every child event and the close), `false` to
   * get the usual events instead (nothing may have been changed then).
   */
  flatClose?(rec: FlatRecord): boolean;
}

/** The children of a flat record: names interned, attribute values as byte ranges of `buf` (valid during flatClose only). */
export interface FlatRecord {
  readonly buf: Buffer;
  /** Number of children. */
  n: number;
  readonly names: string[];
  /** V's value bytes [vStart, vEnd); `special` when they need decoding (a tab, a line end, a non-ASCII byte). */
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly special: Uint8Array;
  /** Code's value bytes, cStart -1 when the child has no Code. */
  readonly cStart: Int32Array;
  readonly cEnd: Int32Array;
  /** V's value as saxes gives it. */
  value(k: number): string;
  /** Code's value as saxes gives it, undefined when absent. */
  code(k: number): string | undefined;
}

type Decoder = InstanceType<typeof TextDecoder>;

/** Encodings by the names an XML declaration may give them; TOTEM files declare ISO-8859-1. */
const DECODERS: Record<string, string> = {
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  latin1: 'latin1',
  'iso-8859-15': 'iso-8859-15',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
};

/** The decoder for the first bytes of a file: a BOM, else the XML declaration's encoding, else UTF-8. */
export function decoderFor(head: Buffer, file: string): Decoder {
  // UTF-8 is always decoded fatally: a byte that is not UTF-8 is an error with its line, never a silent U+FFFD.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true });
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) {
    throw new InputError({ file, line: 1, column: 1, message: 'UTF-16 XML is not supported (TOTEM files are ISO-8859-1 or UTF-8)' });
  }
  // The declaration is ASCII in every encoding we accept, so reading it as latin1 is safe.
  const start = head.subarray(0, 200).toString('latin1');
  const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start);
  if (!decl) return new TextDecoder('utf-8', { fatal: true });
  const name = decl[1]!.toLowerCase();
  const label = DECODERS[name];
  if (!label) {
    throw new InputError({ file, line: 1, message: `unsupported XML encoding "${decl[1]}" (known: ISO-8859-1, ISO-8859-15, windows-1252, UTF-8)`, value: decl[1]! });
  }
  return new TextDecoder(label, { fatal: label === 'utf-8' });
}

class Stop extends Error {
  constructor(readonly problem: InputError) {
    super(problem.message);
  }
}

/** Far above any TOTEM / CFU document (they nest fewer than 10 levels), far below a quadratic namespace cost. */
export const XML_DEPTH_LIMIT = 64;

/**
 * Parses the file as a stream. A DOCTYPE is an error at once: saxes never expands entities from it, but refusing it
 * outright also rules out any expectation of external entities being fetched. Errors name the file, line and column.
 */
export async function streamXml(path: string, file: string, handlers: XmlHandlers): Promise<void> {
  // On demand: the bundle is one file, and only an XML input may pay for loading the parser.
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  const fail = (message: string, value?: string): never => {
    throw new Stop(new InputError({ file, line: parser.line, column: parser.column, message, ...(value !== undefined ? { value } : {}) }));
  };
  parser.on('doctype', (text) => {
    const external = /\b(SYSTEM|PUBLIC)\b/.test(text);
    const entities = /<!ENTITY/.test(text);
    fail(
      `DOCTYPE declarations are refused${entities ? ' (it declares entities: no entity is expanded)' : ''}${external ? ' (it names an external resource: nothing is fetched)' : ''}; TOTEM files have none`,
      text.trim().slice(0, 80),
    );
  });
  parser.on('error', (e) => {
    // saxes prefixes its messages with "line:column: "; the position goes in its own fields instead.
    fail(`XML syntax: ${e.message.replace(/^\d+:\d+: /, '')}`);
  });
  // Checked when a tag starts, before saxes resolves its namespaces: deep nesting costs nothing past the limit.
  parser.on('opentagstart', () => {
    if (depth >= XML_DEPTH_LIMIT) fail(`XML nested more than ${XML_DEPTH_LIMIT} elements deep: refused (TOTEM and CFU documents nest fewer than 10)`);
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    // Millions of elements pass here: attributes are looked up in saxes' own map, never copied.
    const a = t.attributes as Record<string, { value: string } | undefined>;
    handlers.open({ local: t.local, uri: t.uri, attr: (name) => a[name]?.value, line: parser.line, column: parser.column }, depth);
    depth++;
  });
  parser.on('closetag', (tag) => {
    depth--;
    const t = tag as SaxesTagNS;
    handlers.close(t.local, t.uri, depth);
  });

  checkReadable(path, file, LEDGER_LIMIT);
  let decoder: Decoder | undefined;
  let linesBefore = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk, file);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // The line of the first byte that is not UTF-8: lines of the earlier chunks plus those before it in this one.
        // (A character cut by the previous chunk holds no newline, so counting from this chunk's start is exact.)
        const bad = firstInvalidUtf8(chunk);
        let line = linesBefore + 1;
        for (let k = 0; k < bad; k++) if (chunk[k] === 0x0a) line++;
        throw new InputError({ file, line, message: `bytes that are not valid UTF-8 (byte 0x${(chunk[bad] ?? 0).toString(16)}; the XML declaration names no other encoding)` });
      }
      for (let k = chunk.indexOf(0x0a); k >= 0; k = chunk.indexOf(0x0a, k + 1)) linesBefore++;
      parser.write(text);
    }
    if (!decoder) throw new InputError({ file, line: 1, message: 'empty file: expected an XML document' });
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    stream.destroy();
    if (e instanceof Stop) throw e.problem;
    if (e instanceof InputError) throw e;
    const err = e as { code?: string; message?: string };
    if (err.code === 'ENOENT') throw new InputError({ file, message: 'file not found' });
    if (err.code === 'EISDIR') throw new InputError({ file, message: 'expected a file, found a folder' });
    if (e instanceof TypeError && /decode|encoded/i.test(err.message ?? '')) {
      throw new InputError({ file, line: parser.line, column: parser.column, message: 'bytes that are not valid UTF-8 (the XML declaration names no other encoding)' });
    }
    // A handler's own InputError arrives wrapped as a Stop or as itself; anything else is a bug.
    throw e;
  }
}
