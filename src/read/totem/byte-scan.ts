// A byte-level scanner of TOTEM / CFU XML: the same element events as the saxes stream, for the plain XML these files are; anything else is left to saxes.
import { closeSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LEDGER_LIMIT, checkReadable } from '../whole-file.js';
import { XML_DEPTH_LIMIT, decoderFor, type FlatRecord, type XmlElement, type XmlHandlers } from './xml-stream.js';

/**
 * Thrown when the scanner meets what it does not read itself (a DOCTYPE, CDATA, a prefix it cannot resolve, an
 * entity it does not know, a syntax error, too deep a nesting, bytes that are not UTF-8…): the caller then reads the
 * file again through saxes, whose errors and messages are the reference. The scanner is stricter than saxes, never
 * looser: what it accepts, saxes accepts with the same events.
 */
export class ScanBail extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const CHUNK = 1 << 20;
const LT = 60;
const GT = 62;
const AMP = 38;
const SLASH = 47;
const QM = 63;
const BANG = 33;
const EQ = 61;
const NL = 10;
const CR = 13;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** ASCII name bytes only: a non-ASCII name is left to saxes. */
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
const isName = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Scope {
  qname: string;
  /** Namespace bindings this element declares (prefix '' for the default), or null. */
  ns: Map<string, string> | null;
}

/** Attributes of the start tag being reported: byte ranges, decoded on demand. */
interface Attr {
  name: string;
  start: number;
  end: number;
  /** Whether the value holds an entity, a tab/newline or a non-ASCII byte (slow decoding). */
  special: boolean;
}

export function scanXml(path: string, file: string, handlers: XmlHandlers): void {
  checkReadable(path, file, LEDGER_LIMIT);
  const fd = openSync(path, 'r');
  try {
    new Scanner(fd, file, handlers).run();
  } finally {
    closeSync(fd);
  }
}

class Scanner {
  private buf = Buffer.allocUnsafe(CHUNK);
  private filled = 0;
  private filePos = 0;
  private eof = false;
  private decoder!: InstanceType<typeof TextDecoder>;
  private utf8 = false;
  /** Line bookkeeping: newlines counted up to `counted`; `lineStart` is where the current line begins (buffer offsets). */
  private line = 1;
  private lineStart = 0;
  private counted = 0;
  /** UTF-8 only: characters of the current line up to byte `colPos`. */
  private colPos = 0;
  private colChars = 0;
  private readonly stack: Scope[] = [];
  private readonly nsStack: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  private rootSeen = false;
  /** 3 after a UTF-8 BOM: where the XML declaration may stand. */
  private bom = 0;
  private rootClosed = false;
  /** The start tag's attributes: a pool reused from tag to tag (handlers read them during open, never later). */
  private readonly attrs: Attr[] = [];
  private nAttrs = 0;
  /** The one element object handed to open(): handlers read it at once and keep none of it. */
  private readonly el: XmlElement = {
    local: '',
    uri: '',
    line: 0,
    column: 0,
    attr: (n) => {
      for (let k = 0; k < this.nAttrs; k++) if (this.attrs[k]!.name === n) return this.value(this.attrs[k]!);
      return undefined;
    },
  };
  /** Names met so far, by a hash of their bytes: a TOTEM file has a few dozen, written millions of times. */
  private readonly names = new Map<number, string>();

  constructor(
    private readonly fd: number,
    private readonly file: string,
    private readonly handlers: XmlHandlers,
  ) {}

  private fill(): void {
    while (this.filled < this.buf.length && !this.eof) {
      const n = readSync(this.fd, this.buf, this.filled, this.buf.length - this.filled, this.filePos);
      if (n === 0) this.eof = true;
      this.filePos += n;
      this.filled += n;
    }
  }

  run(): void {
    this.fill();
    if (this.filled === 0) throw new ScanBail('empty');
    this.decoder = decoderFor(this.buf.subarray(0, this.filled), this.file);
    this.utf8 = this.decoder.encoding === 'utf-8';
    let p = 0;
    if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) {
      p = 3;
      this.bom = 3;
      this.lineStart = 3;
      this.counted = 3;
      this.colPos = 3;
    }
    for (;;) {
      if (this.utf8) this.checkUtf8(p);
      const end = this.filled;
      while (p < end) {
        const lt = this.buf.indexOf(LT, p);
        if (lt < 0 || lt >= end) {
          // Text up to the buffer's end, less a reference or a "]]>" it may cut (they wait for the next read).
          let te = end;
          if (!this.eof) {
            te = Math.max(p, end - 2);
            const amp = this.buf.lastIndexOf(AMP, end - 1);
            if (amp >= p && amp > end - 16) te = Math.min(te, amp);
          }
          this.text(p, te);
          p = te;
          break;
        }
        this.text(p, lt);
        const next = this.markup(lt, end);
        if (next < 0) {
          p = lt;
          break;
        }
        p = next;
      }
      if (this.eof) {
        if (p < this.filled) throw new ScanBail('unfinished markup at the end');
        break;
      }
      this.shift(p);
      this.fill();
      p = 0;
    }
    if (!this.rootSeen || !this.rootClosed) throw new ScanBail('no complete root element');
  }

  /** Drops bytes before p (consumed), keeping the unfinished rest at the start of the buffer. */
  private shift(p: number): void {
    this.advance(p);
    if (this.utf8) this.chars(p);
    if (p === 0) {
      // One construct longer than the buffer: grow it (a 1 MiB tag is odd, yet XML).
      if (this.filled === this.buf.length) {
        const bigger = Buffer.allocUnsafe(this.buf.length * 2);
        this.buf.copy(bigger, 0, 0, this.filled);
        this.buf = bigger;
      }
      this.nextNL = -1;
      this.nextCR = -1;
      return;
    }
    this.buf.copyWithin(0, p, this.filled);
    this.filled -= p;
    this.nextNL = -1;
    this.nextCR = -1;
    this.lineStart -= p;
    this.counted -= p;
    this.colPos -= p;
  }

  /** UTF-8 documents: the bytes read must be UTF-8 (a character cut at the end of the buffer waits for the next read). */
  private checkUtf8(from: number): void {
    let end = this.filled;
    if (!this.eof) {
      let k = end - 1;
      while (k >= from && k > end - 4 && (this.buf[k]! & 0xc0) === 0x80) k--;
      if (k >= from && this.buf[k]! >= 0xc0) end = k;
    }
    if (!isUtf8(this.buf.subarray(from, end))) throw new ScanBail('not UTF-8');
  }

  /** Next LF / CR at or after `counted`: -1 unknown, Infinity none left in the buffer (reset when the buffer moves). */
  private nextNL = -1;
  private nextCR = -1;

  /** Counts the newlines of [counted, to). */
  private advance(to: number): void {
    const b = this.buf;
    const end = this.filled;
    let k = this.nextNL;
    if (k < this.counted) k = b.indexOf(NL, this.counted);
    if (k < 0 || k >= end) k = Infinity;
    while (k < to) {
      this.line++;
      this.lineStart = k + 1;
      k = b.indexOf(NL, k + 1);
      if (k < 0 || k >= end) k = Infinity;
    }
    this.nextNL = k;
    // A lone CR is a line end for saxes: rare enough to be left to it.
    let r = this.nextCR;
    if (r < this.counted) r = b.indexOf(CR, this.counted);
    if (r < 0 || r >= end) r = Infinity;
    while (r < to) {
      if (r + 1 >= end ? this.eof : b[r + 1] !== NL) throw new ScanBail('lone CR');
      r = b.indexOf(CR, r + 1);
      if (r < 0 || r >= end) r = Infinity;
    }
    this.nextCR = r;
    this.counted = to;
  }

  /** UTF-16 units of the current line up to byte `to` (UTF-8 only). */
  private chars(to: number): number {
    if (this.colPos < this.lineStart) {
      this.colPos = this.lineStart;
      this.colChars = 0;
    }
    const b = this.buf;
    let n = this.colChars;
    for (let k = this.colPos; k < to; k++) {
      const c = b[k]!;
      if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
    }
    this.colPos = to;
    this.colChars = n;
    return n;
  }

  /** Character data between markup: whitespace outside the root; inside, any text with well-formed references. */
  private text(s: number, e: number): void {
    if (s === e) return;
    const b = this.buf;
    const inside = this.stack.length > 0;
    for (let k = s; k < e; k++) {
      const c = b[k]!;
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (!inside) throw new ScanBail('text outside the root element');
      if (c < 32) throw new ScanBail('control character');
      if (c === AMP) {
        k = this.reference(k, e);
        continue;
      }
      if (c === 93 && b[k + 1] === 93 && b[k + 2] === GT) throw new ScanBail(']]> in text');
    }
  }

  /** A reference at k (&name; &#n; &#xh;): where it ends; its value, when asked. */
  private reference(k: number, e: number, out?: { value: string }): number {
    const b = this.buf;
    const semi = b.indexOf(59, k);
    if (semi < 0 || semi >= e || semi - k > 12) throw new ScanBail('reference');
    const body = b.toString('latin1', k + 1, semi);
    let value: string | undefined;
    if (body.startsWith('#x')) {
      if (/^#x[0-9A-Fa-f]{1,6}$/.test(body)) value = codePoint(parseInt(body.slice(2), 16));
    } else if (body.startsWith('#')) {
      if (/^#[0-9]{1,7}$/.test(body)) value = codePoint(parseInt(body.slice(1), 10));
    } else value = PREDEFINED[body];
    if (value === undefined) throw new ScanBail('reference');
    if (out) out.value = value;
    return semi;
  }

  /** Markup at lt: where it ends (the byte after), or -1 when it runs past `end` (read more). */
  private markup(lt: number, end: number): number {
    const b = this.buf;
    if (lt + 1 >= end) return -1;
    const c = b[lt + 1]!;
    if (c === QM) {
      const q = b.indexOf('?>', lt + 2);
      if (q < 0 || q + 2 > end) return -1;
      // The XML declaration only at the very start; saxes checks its content, the scanner its place.
      if (b[lt + 2] === 120 && b[lt + 3] === 109 && b[lt + 4] === 108 && isSpace(b[lt + 5]!) && this.filePos - this.filled + lt !== this.bom) {
        throw new ScanBail('declaration not first');
      }
      return q + 2;
    }
    if (c === BANG) {
      if (lt + 4 > end) return -1;
      if (b[lt + 2] === 45 && b[lt + 3] === 45) {
        const q = b.indexOf('--', lt + 4);
        if (q < 0 || q + 3 > end) return -1;
        if (b[q + 2] !== GT) throw new ScanBail('-- in a comment');
        return q + 3;
      }
      throw new ScanBail('DOCTYPE or CDATA');
    }
    if (c === SLASH) return this.endTag(lt, end);
    return this.startTag(lt, end);
  }

  private name(k: number, end: number): number {
    const b = this.buf;
    if (k >= end) return -1;
    if (!isNameStart(b[k]!)) {
      if (b[k]! >= 0x80) throw new ScanBail('non-ASCII name');
      throw new ScanBail('bad name');
    }
    let i = k + 1;
    while (i < end && isName(b[i]!)) i++;
    if (i < end && b[i]! >= 0x80) throw new ScanBail('non-ASCII name');
    return i >= end ? -1 : i;
  }

  /** The name in bytes [s, e) as a string, interned. */
  private intern(s: number, e: number): string {
    const b = this.buf;
    // The name of the previous call first: records repeat their element name.
    const last = this.lastName;
    if (last.length === e - s) {
      let k = 0;
      while (k < last.length && last.charCodeAt(k) === b[s + k]) k++;
      if (k === last.length) return last;
    }
    const name = this.internHashed(s, e);
    this.lastName = name;
    return name;
  }

  private lastName = '';

  private internHashed(s: number, e: number): string {
    const b = this.buf;
    let h = e - s;
    for (let k = s; k < e; k++) h = (Math.imul(h, 31) + b[k]!) | 0;
    const hit = this.names.get(h);
    if (hit !== undefined && hit.length === e - s) {
      let k = 0;
      while (k < hit.length && hit.charCodeAt(k) === b[s + k]) k++;
      if (k === hit.length) return hit;
    }
    const name = b.toString('latin1', s, e);
    if (hit === undefined) this.names.set(h, name);
    return name;
  }

  private startTag(lt: number, end: number): number {
    const b = this.buf;
    if (this.rootClosed) throw new ScanBail('second root');
    if (this.stack.length >= XML_DEPTH_LIMIT) throw new ScanBail('depth');
    const ne = this.name(lt + 1, end);
    if (ne < 0) return -1;
    const qname = this.intern(lt + 1, ne);
    const attrs = this.attrs;
    this.nAttrs = 0;
    let i = ne;
    let selfClosing = false;
    for (;;) {
      const before = i;
      while (i < end && isSpace(b[i]!)) i++;
      if (i >= end) return -1;
      const c = b[i]!;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= end) return -1;
        if (b[i + 1] !== GT) throw new ScanBail('/ in a tag');
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === before) throw new ScanBail('attribute without a space before it');
      const an = this.name(i, end);
      if (an < 0) return -1;
      const aname = this.intern(i, an);
      i = an;
      while (i < end && isSpace(b[i]!)) i++;
      if (i >= end) return -1;
      if (b[i] !== EQ) throw new ScanBail('attribute without =');
      i++;
      while (i < end && isSpace(b[i]!)) i++;
      if (i >= end) return -1;
      const quote = b[i]!;
      if (quote !== 34 && quote !== 39) throw new ScanBail('unquoted attribute');
      const vs = i + 1;
      const ve = b.indexOf(quote, vs);
      if (ve < 0 || ve >= end) return -1;
      let special = false;
      for (let k = vs; k < ve; k++) {
        const v = b[k]!;
        if (v === LT) throw new ScanBail('< in an attribute');
        if (v === AMP) {
          k = this.reference(k, ve);
          special = true;
        } else if (v < 32 || v >= 0x80) {
          if (v < 32 && v !== 9 && v !== 10 && v !== 13) throw new ScanBail('control character');
          special = true;
        }
      }
      for (let k = 0; k < this.nAttrs; k++) if (attrs[k]!.name === aname) throw new ScanBail('attribute twice');
      const slot = attrs[this.nAttrs];
      if (slot) {
        slot.name = aname;
        slot.start = vs;
        slot.end = ve;
        slot.special = special;
      } else attrs.push({ name: aname, start: vs, end: ve, special });
      this.nAttrs++;
      i = ve + 1;
    }
    // Namespaces: xmlns and xmlns:p declared here apply to the element itself.
    let ns: Map<string, string> | null = null;
    const na = this.nAttrs;
    for (let k = 0; k < na; k++) {
      const a = attrs[k]!;
      if (a.name.charCodeAt(0) === 120 && (a.name === 'xmlns' || a.name.startsWith('xmlns:'))) {
        ns ??= new Map();
        ns.set(a.name === 'xmlns' ? '' : a.name.slice(6), this.value(a));
      }
    }
    if (ns) this.nsStack.push(ns);
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (colon >= 0 && (local === '' || local.includes(':') || prefix === '')) throw new ScanBail('bad qualified name');
    const uri = this.resolve(prefix);
    if (uri === undefined) throw new ScanBail('unbound prefix');
    for (let k = 0; k < na; k++) {
      const a = attrs[k]!;
      const ac = a.name.indexOf(':');
      if (ac >= 0 && a.name.slice(0, ac) !== 'xmlns' && this.resolve(a.name.slice(0, ac)) === undefined) throw new ScanBail('unbound attribute prefix');
    }
    this.advance(i);
    const column = this.utf8 ? this.chars(i) : i - this.lineStart;
    const el = this.el;
    el.local = local;
    el.uri = uri;
    el.line = this.line;
    el.column = column;
    const depth = this.stack.length;
    this.rootSeen = true;
    this.handlers.open(el, depth);
    if (na === 0 && !selfClosing && colon < 0 && this.handlers.flat?.(local)) {
      const after = this.flatRecord(i, end, qname, depth);
      if (after >= 0 && this.handlers.flatClose!(this.rec)) {
        // The record's line ends were counted on the way: advance() need not read its bytes again.
        if (this.flatLines >= 0 && this.counted === i) {
          // And those of the whitespace after it, up to the next markup (text() still reads it).
          let k = after;
          let lastNl = this.flatLastNl;
          let lines = this.flatLines;
          for (; k < end; k++) {
            const w = this.buf[k]!;
            if (w === NL) {
              lines++;
              lastNl = k;
            } else if (w !== 32 && w !== 9 && !(w === CR && k + 1 < end && this.buf[k + 1] === NL)) break;
          }
          this.line += lines;
          if (lines > 0) this.lineStart = lastNl + 1;
          this.counted = k;
        }
        return after;
      }
    }
    if (selfClosing) {
      if (ns) this.nsStack.pop();
      this.handlers.close(local, uri, depth);
      if (depth === 0) this.rootClosed = true;
    } else this.stack.push({ qname, ns });
    return i;
  }

  private endTag(lt: number, end: number): number {
    const b = this.buf;
    const ne = this.name(lt + 2, end);
    if (ne < 0) return -1;
    let i = ne;
    while (i < end && isSpace(b[i]!)) i++;
    if (i >= end) return -1;
    if (b[i] !== GT) throw new ScanBail('bad end tag');
    const top = this.stack.pop();
    if (!top || top.qname.length !== ne - lt - 2) throw new ScanBail('mismatched end tag');
    const qname = top.qname;
    for (let k = 0; k < qname.length; k++) if (qname.charCodeAt(k) !== b[lt + 2 + k]) throw new ScanBail('mismatched end tag');
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const uri = this.resolve(colon < 0 ? '' : qname.slice(0, colon))!;
    if (top.ns) this.nsStack.pop();
    this.handlers.close(local, uri, this.stack.length);
    if (this.stack.length === 0) this.rootClosed = true;
    return i + 1;
  }

  private resolve(prefix: string): string | undefined {
    for (let k = this.nsStack.length - 1; k >= 0; k--) {
      const u = this.nsStack[k]!.get(prefix);
      if (u !== undefined) return u;
    }
    return prefix === '' ? '' : undefined;
  }

  /** An attribute's value as saxes gives it: references replaced, tabs and line ends as spaces (CRLF as one). */
  private value(a: Attr): string {
    return this.decode(a.start, a.end, a.special);
  }

  private decode(start: number, end: number, special: boolean): string {
    const b = this.buf;
    if (!special) return b.toString('latin1', start, end);
    let out = '';
    let from = start;
    const flush = (to: number) => {
      if (to > from) out += this.decoder.decode(b.subarray(from, to));
    };
    for (let k = start; k < end; k++) {
      const c = b[k]!;
      if (c === AMP) {
        flush(k);
        const r = { value: '' };
        k = this.reference(k, end, r);
        out += r.value;
        from = k + 1;
      } else if (c === 9 || c === 10 || c === 13) {
        flush(k);
        if (c === 13 && b[k + 1] === 10) k++;
        out += ' ';
        from = k + 1;
      }
    }
    flush(end);
    return out;
  }

  /** The flat record handed to flatClose (one, reused). */
  private readonly rec: FlatRecord & { buf: Buffer } = makeRecord(this);

  /**
   * The children of a record element whose start tag ends before `i`, when each is an empty element (`<Name V="…"
   * Code="…"/>`, unprefixed, each name once) separated by whitespace, up to the element's end tag: where the end
   * tag ends, or -1 for anything else (a comment, text, a child with content or other attributes, a reference, the
   * end of the buffer…), which the usual events then read. Nothing is reported here: the caller hands the record over.
   */
  private flatRecord(i: number, end: number, qname: string, depth: number): number {
    if (depth + 1 >= XML_DEPTH_LIMIT) return -1;
    const b = this.buf;
    const r = this.rec;
    r.buf = b;
    let n = 0;
    let prefix = true;
    let nl = 0;
    let lastNl = -1;
    // A line end anywhere else than between children (or a CR) leaves the line count to advance().
    let odd = false;
    for (;;) {
      for (; i < end; i++) {
        const w = b[i]!;
        if (w === 32 || w === 9) continue;
        if (w === NL) {
          nl++;
          lastNl = i;
          continue;
        }
        if (w === CR) {
          // CRLF is one line end (counted at its LF); a lone CR is left to advance(), which hands over to saxes.
          if (i + 1 >= end || b[i + 1] !== NL) odd = true;
          continue;
        }
        break;
      }
      if (i + 1 >= end || b[i] !== LT) return -1;
      const c = b[i + 1]!;
      if (c === SLASH) {
        const ql = qname.length;
        let k = i + 2;
        if (k + ql >= end) return -1;
        for (let m = 0; m < ql; m++) if (b[k + m] !== qname.charCodeAt(m)) return -1;
        k += ql;
        while (k < end && isSpace(b[k]!)) {
          if (b[k] === NL || b[k] === CR) odd = true;
          k++;
        }
        if (k >= end || b[k] !== GT) return -1;
        r.n = n;
        this.lastN = n;
        this.flatLines = odd ? -1 : nl;
        this.flatLastNl = lastNl;
        return k + 1;
      }
      if (!isNameStart(c) || c === 58) return -1;
      let k = i + 2;
      while (k < end && isName(b[k]!)) k++;
      if (k >= end) return -1;
      const ch = b[k]!;
      if (ch !== SLASH && !isSpace(ch)) return -1;
      for (let m = i + 2; m < k; m++) if (b[m] === 58) return -1;
      // Records repeat the same children in the same order: the name of the last record at this place is tried
      // first, and while every name so far is that record's (whose names were distinct), none can repeat.
      let name = r.names[n]!;
      let same = n < this.lastN && name.length === k - i - 1;
      for (let m = 0; same && m < name.length; m++) same = b[i + 1 + m] === name.charCodeAt(m);
      if (!same) {
        name = this.intern(i + 1, k);
        prefix = false;
      }
      if (!prefix) for (let m = 0; m < n; m++) if (r.names[m] === name) return this.bailFlat();
      let vs = -1;
      let ve = -1;
      let cs = -1;
      let ce = -1;
      let sp = 0;
      for (;;) {
        const before = k;
        while (k < end && isSpace(b[k]!)) {
          if (b[k] === NL || b[k] === CR) odd = true;
          k++;
        }
        if (k + 1 >= end) return -1;
        const a = b[k]!;
        if (a === SLASH) {
          if (b[k + 1] !== GT) return -1;
          k += 2;
          break;
        }
        if (k === before) return -1;
        let isV: boolean;
        if (a === 86 && (b[k + 1] === EQ || isSpace(b[k + 1]!))) {
          isV = true;
          k += 1;
        } else if (a === 67 && k + 4 < end && b[k + 1] === 111 && b[k + 2] === 100 && b[k + 3] === 101 && (b[k + 4] === EQ || isSpace(b[k + 4]!))) {
          isV = false;
          k += 4;
        } else return -1;
        if (isV ? vs >= 0 : cs >= 0) return -1;
        while (k < end && isSpace(b[k]!)) {
          if (b[k] === NL || b[k] === CR) odd = true;
          k++;
        }
        if (k >= end || b[k] !== EQ) return -1;
        k++;
        while (k < end && isSpace(b[k]!)) {
          if (b[k] === NL || b[k] === CR) odd = true;
          k++;
        }
        if (k >= end) return -1;
        const q = b[k]!;
        if (q !== 34 && q !== 39) return -1;
        const s = k + 1;
        // The closing quote by hand (values are short: a call to indexOf costs more), checking the bytes on the way.
        let e = s;
        let special = 0;
        for (; e < end; e++) {
          const v = b[e]!;
          if (v === q) break;
          if (v < 32 || v >= 0x80 || v === AMP || v === LT) {
            if (v === AMP || v === LT || (v < 32 && v !== 9 && v !== 10 && v !== 13)) return -1;
            if (v === NL || v === CR) odd = true;
            special = 1;
          }
        }
        if (e >= end) return -1;
        if (isV) {
          vs = s;
          ve = e;
          sp = special;
        } else {
          if (special) return -1;
          cs = s;
          ce = e;
        }
        k = e + 1;
      }
      // A child without V is left to the usual events (an amount without V is an error with its own position).
      if (vs < 0) return this.bailFlat();
      if (n === r.vStart.length) return this.bailFlat();
      if (name !== r.names[n]) this.lastN = Math.min(this.lastN, n);
      r.names[n] = name;
      r.vStart[n] = vs;
      r.vEnd[n] = ve;
      r.special[n] = sp;
      r.cStart[n] = cs;
      r.cEnd[n] = ce;
      n++;
      i = k;
    }
  }

  /** Children of the last record read flat whose names are still in `rec.names`, distinct (0 after a bail). */
  private lastN = 0;
  /** Line ends between the children of the last flat record (-1: elsewhere too, left to advance) and the last one's offset. */
  private flatLines = -1;
  private flatLastNl = -1;

  private bailFlat(): number {
    this.lastN = 0;
    return -1;
  }

  /** For the flat record: a range decoded as an attribute value. */
  rangeValue(start: number, end: number, special: boolean): string {
    return this.decode(start, end, special);
  }
}

/** Children a flat record holds at most (a TOTEM LigneBudget has about 10–25). */
const FLAT_MAX = 64;

function makeRecord(scanner: { rangeValue(s: number, e: number, special: boolean): string }): FlatRecord & { buf: Buffer } {
  const r = {
    buf: Buffer.alloc(0),
    n: 0,
    names: new Array<string>(FLAT_MAX).fill(''),
    vStart: new Int32Array(FLAT_MAX),
    vEnd: new Int32Array(FLAT_MAX),
    special: new Uint8Array(FLAT_MAX),
    cStart: new Int32Array(FLAT_MAX),
    cEnd: new Int32Array(FLAT_MAX),
    value: (k: number) => scanner.rangeValue(r.vStart[k]!, r.vEnd[k]!, r.special[k] === 1),
    code: (k: number) => (r.cStart[k]! < 0 ? undefined : scanner.rangeValue(r.cStart[k]!, r.cEnd[k]!, false)),
  };
  return r;
}

function codePoint(n: number): string | undefined {
  const ok = n === 9 || n === 10 || n === 13 || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
  return ok ? String.fromCodePoint(n) : undefined;
}
