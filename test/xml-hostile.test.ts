// Hostile and broken XML: each gives an InputError naming the file and the position; no expansion, no fetch.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { readBudgetDocument } from '../src/read/totem/document.js';
import { CA_XML, NS } from './helpers/totem-xml.js';
import { run } from './helpers/run.js';

function write(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-xml-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function problem(path: string) {
  const err = await readBudgetDocument(path, { displayName: 'hostile.xml' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  const p = (err as InputError).problems[0]!;
  expect(p.file).toBe('hostile.xml');
  return p;
}

const LOL = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<DocumentBudgetaire xmlns="${NS}"><x V="&lol9;"/></DocumentBudgetaire>
`;

describe('hostile XML', () => {
  it('refuses a billion-laughs DOCTYPE before any expansion, at its position', async () => {
    const p = await problem(write('lol.xml', LOL));
    expect(p.message).toMatch(/DOCTYPE declarations are refused.*no entity is expanded/);
    // The DOCTYPE ends on line 8; the error points there, not at the document end.
    expect(p.line).toBe(8);
  });

  it('refuses an external entity without fetching it', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('<x/>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const xml = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/secret">]>\n<DocumentBudgetaire xmlns="${NS}"><x V="&xxe;"/></DocumentBudgetaire>\n`;
      const p = await problem(write('xxe.xml', xml));
      expect(p.message).toMatch(/external resource: nothing is fetched/);
      expect(p.line).toBe(2);
      const sys = `<?xml version="1.0"?>\n<!DOCTYPE DocumentBudgetaire SYSTEM "http://127.0.0.1:${port}/dtd">\n<DocumentBudgetaire xmlns="${NS}"/>\n`;
      expect((await problem(write('dtd.xml', sys))).message).toMatch(/DOCTYPE/);
    } finally {
      server.close();
    }
    expect(hits).toBe(0);
  });

  it('names an undeclared entity reference with its position', async () => {
    const p = await problem(write('ent.xml', `<?xml version="1.0"?>\n<DocumentBudgetaire xmlns="${NS}">\n  <x V="&undefined;"/>\n</DocumentBudgetaire>\n`));
    expect(p.message).toMatch(/XML syntax: .*undefined/i);
    expect(p.line).toBe(3);
  });

  it('names a truncated file with the position where it stops', async () => {
    const text = readFileSync(CA_XML);
    const cut = text.subarray(0, 5000);
    const p = await problem(write('cut.xml', cut));
    expect(p.message).toMatch(/XML syntax/);
    const lines = cut.toString('latin1').split('\n').length;
    expect(p.line).toBe(lines);
  });

  it('refuses a wrong root and a wrong namespace', async () => {
    const root = await problem(write('root.xml', `<?xml version="1.0"?>\n<Budget xmlns="${NS}"/>\n`));
    expect(root.message).toMatch(/not a TOTEM budget document: root element .*Budget, expected DocumentBudgetaire/);
    expect(root.line).toBe(2);
    const ns = await problem(write('ns.xml', `<?xml version="1.0"?>\n<DocumentBudgetaire xmlns="http://example.org/other"/>\n`));
    expect(ns.message).toMatch(/\{http:\/\/example.org\/other\}DocumentBudgetaire/);
    const none = await problem(write('none.xml', `<DocumentBudgetaire/>`));
    expect(none.message).toMatch(/\{no namespace\}DocumentBudgetaire/);
  });

  it('refuses a document with two budgets rather than mixing them', async () => {
    const budget = `<Budget><EnTeteBudget><Nomenclature V="M14-M14_COM_500_3500"/></EnTeteBudget><BlocBudget><Exer V="2021"/></BlocBudget></Budget>`;
    const p = await problem(write('two.xml', `<?xml version="1.0"?>\n<DocumentBudgetaire xmlns="${NS}">\n${budget}\n${budget}\n</DocumentBudgetaire>\n`));
    expect(p).toMatchObject({ line: 4, value: 'Budget' });
    expect(p.message).toMatch(/a second Budget element/);
  });

  it('refuses an empty file, a non-XML file and an unknown encoding', async () => {
    expect((await problem(write('empty.xml', ''))).message).toMatch(/empty file/);
    expect((await problem(write('text.xml', 'budget,exercice\n'))).message).toMatch(/XML syntax/);
    expect((await problem(write('enc.xml', `<?xml version="1.0" encoding="EBCDIC-FR"?><a/>`))).message).toMatch(/unsupported XML encoding "EBCDIC-FR"/);
    // Declared UTF-8 but written in Latin-1 ("é" as the single byte 0xE9).
    const latin = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<DocumentBudgetaire xmlns="${NS}">\n<x V="`), Buffer.from([0xe9]), Buffer.from('"/></DocumentBudgetaire>')]);
    expect((await problem(write('utf8.xml', latin))).message).toMatch(/not valid UTF-8/);
  });

  it('exits 2 from the CLI naming the file and position (built binary)', () => {
    const path = write('lol.xml', LOL);
    const r = run(['compute', path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${path}:8:`);
    expect(r.stderr).toMatch(/DOCTYPE declarations are refused/);
    expect(r.stdout).toBe('');
  });
});
