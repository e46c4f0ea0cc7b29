// Bytes → text: UTF-8 (with or without BOM) first, Windows-1252 when the bytes are not UTF-8; never a silent U+FFFD.
import { isUtf8 } from 'node:buffer';
import { InputError } from '../../errors.js';
import { t } from '../../messages/index.js';

export type Encoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'utf-16le';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
};

export const ENCODING_NAMES = Object.keys(ALIASES);

export function encodingOf(name: string): Encoding | undefined {
  return ALIASES[name.toLowerCase()];
}

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/** Line (1-based) holding byte `offset`, for messages about undecodable bytes. */
function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

export function firstInvalidUtf8(buf: Uint8Array): number {
  // `stream: true` accepts a character cut at the end of a prefix, so a prefix fails only past a truly bad byte.
  const ok = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The encoding of bytes nobody named: a BOM says it; else UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export function sniffEncoding(buf: Uint8Array): Encoding {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  return isUtf8(buf) ? 'utf-8' : 'windows-1252';
}

/**
 * The first fault of UTF-16LE bytes (an odd byte count, a lone surrogate) with its line and column (in characters,
 * 1-based), or undefined when the bytes decode: TextDecoder only says "invalid", and an error must name the line.
 */
export function utf16Fault(body: Uint8Array, bomBytes = 0): { line: number; column: number; message: string } | undefined {
  const units = body.length >> 1;
  let line = 1;
  let column = 1;
  for (let i = 0; i < units; i++) {
    const u = body[2 * i]! | (body[2 * i + 1]! << 8);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? body[2 * i + 2]! | (body[2 * i + 3]! << 8) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        column++;
        continue;
      }
      // A high half as the very last unit with one byte left over is the odd count, said below.
      if (next === -1 && body.length % 2 === 1) break;
      return { line, column, message: t('input.utf16LoneSurrogate', { unit: u.toString(16).toUpperCase() }) };
    }
    if (u >= 0xdc00 && u <= 0xdfff) return { line, column, message: t('input.utf16LoneSurrogate', { unit: u.toString(16).toUpperCase() }) };
    if (u === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  if (body.length % 2 === 1) return { line, column, message: t('input.utf16OddBytes', { bytes: body.length + bomBytes }) };
  return undefined;
}

export function decode(buf: Uint8Array, file: string, forced?: Encoding): Decoded {
  if (forced === undefined && buf[0] === 0xfe && buf[1] === 0xff) throw new InputError({ file, line: 1, column: 1, message: t('input.utf16BigEndian') });
  const utf8Bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const utf16Bom = buf[0] === 0xff && buf[1] === 0xfe;
  const encoding: Encoding = forced ?? sniffEncoding(buf);
  switch (encoding) {
    case 'utf-8': {
      const body = utf8Bom ? buf.subarray(3) : buf;
      try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding, bom: utf8Bom };
      } catch {
        const at = firstInvalidUtf8(body) + (utf8Bom ? 3 : 0);
        throw new InputError({
          file,
          line: lineAt(buf, at),
          message: `not valid UTF-8 (byte ${at}: 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')}); pass --encoding windows-1252 if the file comes from Excel or a Windows tool`,
        });
      }
    }
    case 'utf-16le': {
      const body = utf16Bom ? buf.subarray(2) : buf;
      const fault = utf16Fault(body, utf16Bom ? 2 : 0);
      if (fault) throw new InputError({ file, line: fault.line, column: fault.column, message: fault.message });
      return { text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(body), encoding, bom: utf16Bom };
    }
    case 'windows-1252':
      return { text: decodeCp1252(buf), encoding, bom: false };
    case 'iso-8859-1':
      return { text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1'), encoding, bom: false };
  }
}

/** Text → bytes for writers: UTF-8, or Windows-1252 when every character has a byte there. */
export function encode(text: string, encoding: Encoding, bom = false): Uint8Array {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const b = encoding === 'iso-8859-1' ? latin1Byte(ch) : cp1252Byte(ch);
    if (b === undefined) throw new Error(`character ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) has no byte in ${encoding}`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

function latin1Byte(ch: string): number | undefined {
  const c = ch.codePointAt(0)!;
  return c <= 0xff ? c : undefined;
}

/**
 * Bytes 0x80–0x9F of Windows-1252 (the WHATWG table; the five unassigned bytes stay C1 controls). Node 20's
 * TextDecoder('windows-1252') decodes these as Latin-1 (0x97 → U+0097 instead of `—`), so the table is ours.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Every byte has a character in Windows-1252: no replacement character can appear. */
export function decodeCp1252(buf: Uint8Array): string {
  const latin1 = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

let CP1252: Map<string, number> | undefined;
function cp1252Byte(ch: string): number | undefined {
  if (!CP1252) {
    CP1252 = new Map();
    for (let b = 0; b < 256; b++) CP1252.set(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b), b);
  }
  return CP1252.get(ch);
}
