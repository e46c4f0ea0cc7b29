// The byte scanner of TOTEM / CFU XML (read/totem/byte-scan.ts) against saxes: the same events and the same documents on every sample and on generated variants; what it does not read goes to saxes.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanBail, scanXml } from '../src/read/totem/byte-scan.js';
import { streamXml, type XmlHandlers } from '../src/read/totem/xml-stream.js';
import { readBudgetDocument, readDocumentWith } from '../src/read/totem/document.js';
import { SAMPLES } from './helpers/totem-xml.js';

const samples = ['totem', 'cfu'].flatMap((d) => readdirSync(join(SAMPLES, d)).filter((f) => f.endsWith('.xml')).map((f) => join(SAMPLES, d, f)));
const dir = mkdtempSync(join(tmpdir(), 'sitiv-scan-'));

function recorder(): { events: string[]; h: XmlHandlers } {
  const events: string[] = [];
  return {
    events,
    h: {
      open: (el, d) => events.push(['open', el.local, el.uri, d, el.line, el.column, el.attr('V'), el.attr('Code'), el.attr('calculated'), el.attr('Siret')].join('|')),
      close: (l, u, d) => events.push(['close', l, u, d].join('|')),
    },
  };
}

/** Events of both parsers; `bail` says why the scanner handed over (then only saxes' events count). */
async function both(path: string) {
  const a = recorder();
  const b = recorder();
  let bail: string | undefined;
  try {
    scanXml(path, path, a.h);
  } catch (e) {
    if (!(e instanceof ScanBail)) throw e;
    bail = e.reason;
  }
  let error: string | undefined;
  try {
    await streamXml(path, path, b.h);
  } catch (e) {
    error = (e as Error).message;
  }
  return { scan: a.events, saxes: b.events, bail, error };
}

/** A document read as the product reads it (scanner first) and through saxes alone: result or error message. */
async function documents(path: string) {
  const outcome = async (f: () => Promise<unknown>) => {
    try {
      return { ok: await f() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return { product: await outcome(() => readBudgetDocument(path)), saxes: await outcome(() => readDocumentWith(path, {}, streamXml)) };
}

describe('byte scanner and saxes', () => {
  it('give identical events and documents on every sample, and the scanner reads each sample itself', async () => {
    expect(samples.length).toBeGreaterThanOrEqual(7);
    for (const f of samples) {
      const r = await both(f);
      expect(r.bail, f).toBeUndefined();
      expect(r.error, f).toBeUndefined();
      expect(r.scan, f).toEqual(r.saxes);
      const d = await documents(f);
      expect(d.product, f).toEqual(d.saxes);
    }
  });

  it('give identical documents on generated variants (whitespace, CRLF, comments, quotes, references, encodings, BOM)', async () => {
    const bases = samples.map((f) => readFileSync(f, 'latin1'));
    let n = 0;
    let scanned = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.record({ ws: fc.constantFrom('', '\n', '\r\n', '  \t', '\n\n    '), crlf: fc.boolean(), comment: fc.boolean(), single: fc.boolean(), ref: fc.constantFrom('', '&amp;', '&#233;', '&#xE9;', '&lt;x&gt;', ' &quot;'), utf8: fc.boolean(), bom: fc.boolean(), seed: fc.integer({ min: 0, max: 1000 }) }),
        async (k, o) => {
          let t = bases[k]!;
          let i = 0;
          t = t.replace(/></g, () => (i++ % 7 === o.seed % 7 ? `>${o.ws}<` : '><'));
          if (o.comment) t = t.replace(/<Budget>/, '<Budget><!-- généré - test -->');
          if (o.single) t = t.replace(/ V="([^"']*)"/g, (m, v: string) => (v.length % 3 === o.seed % 3 ? ` V='${v}'` : m));
          if (o.ref) t = t.replace(/(<LibelleEtab V=")/, `$1${o.ref}`);
          if (o.crlf) t = t.replace(/\r?\n/g, '\r\n');
          let bytes = Buffer.from(t, 'latin1');
          if (o.utf8) bytes = Buffer.from(t.replace(/encoding="[^"]*"/i, 'encoding="UTF-8"'), 'utf8');
          if (o.bom && o.utf8) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
          const f = join(dir, `g${n++}.xml`);
          writeFileSync(f, bytes);
          const r = await both(f);
          if (r.bail === undefined) {
            scanned++;
            expect(r.scan).toEqual(r.saxes);
          }
          const d = await documents(f);
          expect(d.product).toEqual(d.saxes);
        },
      ),
      { numRuns: 40, seed: 18 },
    );
    // The variants are all plain XML: the scanner read every one itself.
    expect(scanned).toBe(40);
  });

  it('hands over to saxes what it does not read, with saxes’ error', async () => {
    const base = readFileSync(samples.find((f) => f.includes('lotissement-ca'))!, 'latin1');
    const cases: [string, string][] = [
      ['doctype', base.replace(/(<\?xml[^>]*>)/, '$1<!DOCTYPE x [<!ENTITY a "b">]>')],
      ['mismatched', base.replace('</Budget>', '</Budgett>')],
      ['deep', base.replace('<Budget>', `<Budget>${'<a>'.repeat(70)}${'</a>'.repeat(70)}`)],
      ['unknown entity', base.replace(/(<LibelleEtab V=")/, '$1&nbsp;')],
      ['text amount', base.replace(/<MtReal V="([^"]*)"\/>/, '<MtReal>$1</MtReal>')],
      ['bad utf-8', base.replace(/encoding="[^"]*"/i, 'encoding="UTF-8"').replace(/(<LibelleEtab V=")/, '$1\xe9')],
    ];
    for (const [name, text] of cases) {
      const f = join(dir, `${name.replace(/ /g, '-')}.xml`);
      writeFileSync(f, Buffer.from(text, 'latin1'));
      const d = await documents(f);
      expect(d.product, name).toEqual(d.saxes);
      expect('error' in d.product, name).toBe(true);
    }
    // Valid XML the scanner leaves to saxes: read all the same.
    const f = join(dir, 'cdata.xml');
    writeFileSync(f, Buffer.from(base.replace('<Budget>', '<Budget><![CDATA[x]]>'), 'latin1'));
    expect((await both(f)).bail).toBe('DOCTYPE or CDATA');
    const d = await documents(f);
    expect(d.product).toEqual(d.saxes);
    expect('ok' in d.product).toBe(true);
  });
});
