// The folded TOTEM path (flat records of the byte scanner, line-fold.ts) against saxes and the line-by-line path: identical documents on generated CA / budget documents with repeated keys, odd amounts and odd lines; plainCents against parsePlainAmount.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readBudgetDocument, readDocumentWith } from '../src/read/totem/document.js';
import { LineFolder, plainCents } from '../src/read/totem/line-fold.js';
import { streamXml } from '../src/read/totem/xml-stream.js';
import { parsePlainAmount } from '../src/money/cents.js';
import { BP_XML, CA_XML, SAMPLES, blocks, raw } from './helpers/totem-xml.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-fold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function outcome(f: () => Promise<unknown>) {
  try {
    return { ok: await f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The document as the product reads it (scanner, flat records folded) and through saxes alone (every line on its own). */
async function both(path: string) {
  return { product: await outcome(() => readBudgetDocument(path)), saxes: await outcome(() => readDocumentWith(path, {}, streamXml)) };
}

/** Amount spellings: plain ones the folder reads from bytes, and others it must leave to the full path. */
const amount = fc.oneof(
  { weight: 30, arbitrary: fc.bigInt({ min: -1_000_000_000_000n, max: 10_000_000_000_000n }).map((c) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`) },
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 10 ** 6 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '-0', '12.5', '007.10', ' 12.00', '12.00 ', '1.', '.5', '1.234', '1e3', 'abc', '99999999999999.99', '1234567890123.45', '\t5.00') },
);

/** A line of a sample with its amounts respelt, some removed, and now and then an odd shape. */
const line = (pool: string[]) =>
  fc.record({
    // A few lines of the pool, mostly with the same amounts present: keys repeat, as in real files.
    k: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: Math.min(5, pool.length - 1) }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: pool.length - 1 }) }),
    amounts: fc.array(amount, { minLength: 4, maxLength: 4 }),
    drop: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) }),
    operation: fc.constantFrom('', '', '', '2009005', '12'),
    odd: fc.oneof({ weight: 40, arbitrary: fc.constant('none') }, { weight: 12, arbitrary: fc.constantFrom('comment', 'code', 'twice', 'text', 'ws', 'nov', 'crlf', 'single', 'ref', 'other-attr', 'nl-tag', 'tab-value') }),
  }).map(({ k, amounts, drop, operation, odd }) => {
    let b = pool[k]!;
    ['MtReal', 'MtPrev', 'CredOuv', 'MtRAR3112'].forEach((name, i) => {
      const el = `<${name} V="${amounts[i]}"/>`;
      if (drop & (1 << i)) b = b.replace(new RegExp(`\\s*<${name} V="[^"]*"/>`), '');
      else if (new RegExp(`<${name} V=`).test(b)) b = b.replace(new RegExp(`<${name} V="[^"]*"/>`), el);
      else b = b.replace('</LigneBudget>', `  ${el}\n      </LigneBudget>`);
    });
    if (operation) b = b.replace('</LigneBudget>', `  <Operation V="${operation}"/>\n      </LigneBudget>`);
    switch (odd) {
      case 'comment':
        b = b.replace('<CodRD', '<!-- x --><CodRD');
        break;
      case 'code':
        b = b.replace(/<MtPrev V="([^"]*)"\/>/, '<MtPrev V="$1" Code="X"/>');
        break;
      case 'twice':
        b = b.replace(/(<CodRD V="[^"]*"\/>)/, '$1$1');
        break;
      case 'text':
        b = b.replace(/<MtReal V="([^"]*)"\/>/, '<MtReal>$1</MtReal>');
        break;
      case 'ws':
        b = b.replace(/<Nature V="/, '<Nature  V = "');
        break;
      case 'nov':
        b = b.replace(/<ArtSpe V="[^"]*"\/>/, '<ArtSpe/>');
        break;
      case 'crlf':
        b = b.replace(/\n/g, '\r\n');
        break;
      case 'single':
        b = b.replace(/ V="([^"]*)"/g, " V='$1'");
        break;
      case 'ref':
        b = b.replace(/<ContNat V="/, '<ContNat V="&#48;');
        break;
      case 'nl-tag':
        b = b.replace(/<CodRD V="([^"]*)"\/>/, '<CodRD\n   V="$1"\n/>');
        break;
      case 'tab-value':
        b = b.replace(/<OpBudg V="/, '<OpBudg V="\t');
        break;
      case 'other-attr':
        b = b.replace(/<Nature V="/, '<Nature Z="1" V="');
        break;
    }
    return b;
  });

function documentOf(sample: string, lines: string[]): string {
  const text = raw(sample);
  const first = text.indexOf('<LigneBudget');
  const last = text.lastIndexOf('</LigneBudget>') + '</LigneBudget>'.length;
  return text.slice(0, first) + lines.join('\n      ') + text.slice(last);
}

describe('folded TOTEM lines', () => {
  it('plainCents reads exactly what parsePlainAmount reads, or leaves it (NaN)', () => {
    fc.assert(
      fc.property(fc.oneof(amount, fc.stringMatching(/^-?[0-9]{0,15}(\.[0-9]{0,3})?$/)), (text) => {
        const b = Buffer.from(text, 'latin1');
        const fast = plainCents(b, 0, b.length);
        const ref = parsePlainAmount(text);
        if (Number.isNaN(fast)) {
          // Left to the full path only when it is not plain, or too long to stay exact as a double.
          if (ref !== undefined) expect(text.replace(/^-/, '').split('.')[0]!.length).toBeGreaterThan(13);
        } else expect(BigInt(fast)).toBe(ref);
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('give the documents of saxes, line by line, on generated CA and budget documents with repeated keys', async () => {
    const fold = vi.spyOn(LineFolder.prototype, 'fold');
    let folded = 0;
    let ok = 0;
    let n = 0;
    const pools = [CA_XML, BP_XML, join(SAMPLES, 'totem/crach-principal-dm2-2021.xml')].map((f) => ({ f, pool: blocks(raw(f)) }));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: pools.length - 1 }).chain((p) => fc.tuple(fc.constant(p), fc.array(line(pools[p]!.pool), { minLength: 1, maxLength: 300, size: 'max' }))),
        async ([p, lines]) => {
          const f = join(dir, `d${n++}.xml`);
          writeFileSync(f, Buffer.from(documentOf(pools[p]!.f, lines), 'latin1'));
          fold.mockClear();
          const d = await both(f);
          folded += fold.mock.results.filter((r) => r.value === true).length;
          if ('ok' in d.product) ok++;
          expect(d.product).toEqual(d.saxes);
          rmSync(f);
        },
      ),
      { numRuns: 60, seed: 18 },
    );
    fold.mockRestore();
    // The property exercised the folded path itself, not only the full one.
    expect(folded).toBeGreaterThan(200);
    // …and documents read whole as well as documents refused.
    expect(ok).toBeGreaterThanOrEqual(5);
  });

  it('give the documents of saxes on every sample, and sum a sample repeated into what it says once, times the repeats', async () => {
    for (const d of ['totem', 'cfu']) {
      for (const name of readdirSync(join(SAMPLES, d)).filter((x) => x.endsWith('.xml'))) {
        const r = await both(join(SAMPLES, d, name));
        expect(r.product, name).toEqual(r.saxes);
      }
    }
    // The CA's account lines (carried 001/002 aside) written 50 times: every folded figure is 50 times the original.
    const pool = blocks(raw(CA_XML)).filter((b) => !/<Nature V="00[12]"/.test(b));
    const f = join(dir, 'x50.xml');
    writeFileSync(f, Buffer.from(documentOf(CA_XML, Array.from({ length: 50 }, () => pool).flat()), 'latin1'));
    const once = join(dir, 'x1.xml');
    writeFileSync(once, Buffer.from(documentOf(CA_XML, pool), 'latin1'));
    const many = (await readBudgetDocument(f)) as Awaited<ReturnType<typeof readBudgetDocument>>;
    const one = await readBudgetDocument(once);
    expect(many.rows.length).toBe(one.rows.length);
    for (const [i, row] of one.rows.entries()) {
      expect(many.rows[i]!.realise, row.compte).toBe(row.realise * 50n);
      expect(many.rows[i]!.line).toBe(row.line);
    }
    expect(many.facts.credits.length).toBe(one.facts.credits.length);
    for (const [i, c] of one.facts.credits.entries()) expect(many.facts.credits[i]!.mtPrev).toBe(c.mtPrev === undefined ? undefined : c.mtPrev * 50n);
    expect(many.lines).toBe(50 * one.lines);
  });
});
