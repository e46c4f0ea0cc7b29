// Issue 11's error catalogue: one reproducer per class of hostile input (exit code, FILE:LINE(:COL), message, nothing written or changed).
import { existsSync, readFileSync, readdirSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER, makeFolder, tempDir } from './helpers/folder.js';
import { BIN, run, ROOT } from './helpers/run.js';
import { CA_XML } from './helpers/totem-xml.js';

const ok = 'principal,2022,F,D,011,,reel,100.00,';

/** Every file of a folder with its bytes, to prove a failed run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    // A huge (sparse) file is compared by size and modification time.
    if (st.isFile()) out[name] = st.size > 64 << 20 ? `${st.size}@${st.mtimeMs}` : readFileSync(p, 'latin1');
  }
  return out;
}

/** Runs compute with -o into the folder; asserts the exit code, the stderr pattern and that nothing was written or changed. */
function expectRun(dir: string, code: number, pattern: RegExp, args: string[] = []) {
  const before = snapshot(dir);
  const out = join(dir, 'out.json');
  const r = run(['compute', dir, '--format', 'json', '-o', out, ...args]);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.exitCode).toBe(code);
  if (code !== 0) {
    expect(existsSync(out)).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  }
  return r;
}

describe('CSV syntax in the side tables and SCDL never crashes', () => {
  it('a " inside an unquoted field of cofinancement.csv is read as text, with a notice naming the line', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { cofinancement: 'c.csv' }, { 'c.csv': 'budget,partenaire,montant\nprincipal,Ecran 24" bureau,10.00\n' });
    expectRun(dir, 0, /notice: .*c\.csv: a " inside a field written without quotes is read as text .*line 2\n/);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toContain('Ecran 24\\" bureau');
  });

  it('an unclosed quote in publie.csv is exit 2 naming the line', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { publie: 'p.csv' }, { 'p.csv': 'id,exercice,valeur,precision,source\nx,2022,"1,0.01,s\n' });
    expectRun(dir, 2, /p\.csv:2:\d+: CSV syntax: a quoted field is never closed/);
  });

  it('text after a closing quote in dette.csv is exit 2 naming the line', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { dette: 'd.csv' }, { 'd.csv': 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2022,"1"2,,,\n' });
    expectRun(dir, 2, /d\.csv:2:\d+: CSV syntax: a quoted field is followed by text/);
  });

  it('a record of the wrong length in serie.csv is exit 2 naming line and column', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' }, { 's.csv': 'id,exercice,valeur,source\nepargne-brute,2022,1\n' });
    expectRun(dir, 2, /s\.csv:2:4: expected 4 fields, found 3/);
  });

  it('a quote inside an SCDL field: no crash, the wrong value named with its line', () => {
    const dir = tempDir();
    const text = readFileSync(join(ROOT, 'test/data/samples/scdl/crach-lotissement-ca-2021.csv'), 'utf8').split('\n');
    text[2] = text[2]!.replace(',', ',x"y');
    writeFileSync(join(dir, 'f.csv'), text.join('\n'));
    const r = run(['compute', join(dir, 'f.csv'), '--nomenclature', 'M14_COM_500_3500']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/f\.csv:3:BGT_ANNEE: .*x\\"y2021/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('an SCDL header naming a column twice is an error (one of the two would be ignored)', () => {
    const dir = tempDir();
    const text = readFileSync(join(ROOT, 'test/data/samples/scdl/crach-lotissement-ca-2021.csv'), 'utf8').split('\n');
    text[0] = text[0]!.replace('BGT_MTBUDGPREC', 'BGT_MTREAL');
    writeFileSync(join(dir, 'f.csv'), text.join('\n'));
    const r = run(['compute', join(dir, 'f.csv'), '--nomenclature', 'M14_COM_500_3500']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/f\.csv:1:\d+: column BGT_MTREAL is given twice/);
  });

  it('CRLF and LF mixed in a side table: each line read as it comes', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { cofinancement: 'c.csv' }, { 'c.csv': 'budget,partenaire,montant\r\nprincipal,A,10.00\nprincipal,B,x\r\n' });
    // Line 3 is seen as its own line (read as one record with line 2, it would be a wrong field count at line 2).
    expectRun(dir, 2, /c\.csv:3:3 \(montant\): montant: not an amount .*"x"/);
  });
});

describe('manifest errors name a line', () => {
  const manifestDir = (text: string | Buffer) => {
    const dir = makeFolder(`${HEADER}\n${ok}`);
    writeFileSync(join(dir, 'manifest.json'), text);
    return dir;
  };
  it('JSON syntax as manifest.json:LINE:COL', () => {
    expectRun(manifestDir('{\n  "schema": "sitiv-ca.manifest/1",\n  "ledgers": }\n'), 2, /manifest\.json:3:14: not valid JSON: unexpected "}"/);
  });
  it('a UTF-8 BOM is accepted', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`);
    const m = readFileSync(join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'manifest.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), m]));
    expectRun(dir, 0, /^$/);
  });
  it('a Windows-1252 manifest is read as such (é kept, no U+FFFD)', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`);
    const m = readFileSync(join(dir, 'manifest.json'), 'utf8').replace('Budget principal', 'Budget général');
    writeFileSync(join(dir, 'manifest.json'), Buffer.from(m, 'latin1'));
    expectRun(dir, 0, /^$/);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).not.toContain('\ufffd');
  });
  it('a side table in Windows-1252 is read as such (é kept, no U+FFFD)', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { cofinancement: 'c.csv' });
    writeFileSync(join(dir, 'c.csv'), Buffer.concat([Buffer.from('budget,partenaire,montant\nprincipal,R'), Buffer.from([0xe9]), Buffer.from('gion Bretagne '), Buffer.from([0x96]), Buffer.from(' '), Buffer.from([0xc9]), Buffer.from('tat,10.00\n')]));
    expectRun(dir, 0, /^$/);
    const out = readFileSync(join(dir, 'out.json'), 'utf8');
    expect(out).toContain('Région Bretagne – État');
    expect(out).not.toContain('\ufffd');
  });
  it('duplicate budget ids', () => {
    expectRun(makeFolder(`${HEADER}\n${ok}`, { budgets: [{ id: 'principal', label: 'A' }, { id: 'principal', label: 'B' }] }), 2, /manifest\.json:1:\d+: budgets\.1\.id: budget id principal is already declared at budgets\.0/);
  });
  it('an exercice outside 1990–2100', () => {
    expectRun(makeFolder(`${HEADER}\n${ok}`, { affectation: [{ budget: 'principal', exercice: 1789, compte1068: '1.00' }] }), 2, /manifest\.json:1:\d+: affectation\.0\.exercice: exercice must be between 1990 and 2100/);
  });
  it('an unknown nomenclature names manifest.json:LINE:COL and its key, once (not per line)', () => {
    const lines = Array.from({ length: 50 }, () => ok).join('\n');
    const r = expectRun(manifestDir('{\n  "schema": "sitiv-ca.manifest/1",\n  "nomenclature": "M99",\n  "budgets": [{ "id": "principal", "label": "P" }],\n  "ledgers": ["ledger.csv"]\n}\n'), 2, /^error: .*manifest\.json:3:3: nomenclature: no plan de comptes for this nomenclature \(known: .*M57.*\) \(value: "M99"\)\n1 problem in the input; nothing written\n$/);
    expect(r.stderr.match(/M99/g)).toHaveLength(1);
    const dir = makeFolder(`${HEADER}\n${lines}`, { nomenclatures: { '2022': 'M57_X' } });
    const per = expectRun(dir, 2, /manifest\.json:1:\d+: nomenclatures\.2022: no plan de comptes for this nomenclature .*\(value: "M57_X"\)\n1 problem in the input/);
    expect(per.stderr).not.toContain('ledger.csv');
    // convert takes it as an option: a usage error.
    const c = run(['convert', join(dir, 'ledger.csv'), join(dir, 'out.csv'), '--nomenclature', 'M99']);
    expect(c.exitCode).toBe(2);
    expect(c.stderr).toMatch(/^error: unknown --nomenclature M99 \(known: .*M57/);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
  it('a plafondDesendettement that is not a finite positive number', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`);
    const m = readFileSync(join(dir, 'manifest.json'), 'utf8').replace(/^\{/, '{"entite":{"nom":"X","plafondDesendettement":1e999},');
    writeFileSync(join(dir, 'manifest.json'), m);
    expectRun(dir, 2, /manifest\.json:\d+:\d+: entite\.plafondDesendettement: plafondDesendettement must be a finite number/);
    expectRun(makeFolder(`${HEADER}\n${ok}`, { entite: { nom: 'X', plafondDesendettement: -3 } }), 2, /plafondDesendettement must be a positive number/);
  });
  it('a budget without any line is said so', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { budgets: [{ id: 'principal', label: 'P' }, { id: 'annexe', label: 'A' }] });
    expectRun(dir, 0, /warning: .*manifest\.json: budget annexe has no line in any ledger \(ledger\.csv\)/);
  });
  it('a path outside the folder (.., absolute, symlink out) is refused and never read', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.csv'), 'SECRET LINE,1,2\n');
    expectRun(makeFolder(`${HEADER}\n${ok}`, { publie: `../${outside.split('/').pop()}/secret.csv` }), 2, /manifest\.json:publie: the file must be inside the manifest's folder/);
    expectRun(makeFolder(`${HEADER}\n${ok}`, { publie: join(outside, 'secret.csv') }), 2, /manifest\.json:publie: the file must be inside/);
    const dir = makeFolder(`${HEADER}\n${ok}`, { publie: 'p.csv' });
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'p.csv'));
    const r = expectRun(dir, 2, /manifest\.json:publie: the file must be inside/);
    expect(r.stderr).not.toContain('SECRET');
  });
});

describe('UTF-16 errors name the line', () => {
  const utf16 = (text: string, tail: number[] = []) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from(tail)]);
  /** A lone high surrogate (U+D83D) inserted before `marker`. */
  const lone = (text: string, marker: string) => {
    const at = text.indexOf(marker);
    return Buffer.concat([utf16(text.slice(0, at)).subarray(0), Buffer.from([0x3d, 0xd8]), Buffer.from(text.slice(at), 'utf16le')]);
  };
  it('a valid UTF-16LE ledger is read (the same figures as in UTF-8)', () => {
    const dir = makeFolder(`${HEADER}\n${ok}\n`);
    const figures = () => JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).figures;
    expectRun(dir, 0, /^$/);
    const utf8 = figures();
    writeFileSync(join(dir, 'ledger.csv'), utf16(`${HEADER}\n${ok}\n`));
    expectRun(dir, 0, /^$/);
    expect(figures()).toEqual(utf8);
    expect(JSON.stringify(utf8)).toContain('100');
  });
  it('a ledger with an odd byte count: its last line named', () => {
    const dir = makeFolder('');
    writeFileSync(join(dir, 'ledger.csv'), utf16(`${HEADER}\n${ok}\n`, [0x41]));
    expectRun(dir, 2, /ledger\.csv:3:1: not valid UTF-16LE text: the file ends in the middle of a character \(an odd number of bytes, \d+\)/);
  });
  it('a manifest with a lone surrogate: line and column', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`);
    const m = '{\n  "schema": "sitiv-ca.manifest/1",\n  "nomenclature": "M57",\n  "budgets": [{ "id": "principal", "label": "Budget X" }],\n  "ledgers": ["ledger.csv"]\n}\n';
    writeFileSync(join(dir, 'manifest.json'), lone(m, 'X"'));
    expectRun(dir, 2, /manifest\.json:4:53: not valid UTF-16LE text: a lone surrogate \(U\+D83D\) with no other half/);
  });
  it('a side table with a lone low surrogate: line and column', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' });
    const text = 'id,exercice,valeur,source\nepargne-brute,2022,1,s\n';
    const at = text.lastIndexOf(',s');
    writeFileSync(join(dir, 's.csv'), Buffer.concat([utf16(text.slice(0, at)), Buffer.from([0x00, 0xdc]), Buffer.from(text.slice(at), 'utf16le')]));
    expectRun(dir, 2, /s\.csv:2:21: not valid UTF-16LE text: a lone surrogate \(U\+DC00\)/);
  });
  it('UTF-16 big-endian is refused with its name, never read as Windows-1252', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' });
    writeFileSync(join(dir, 's.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('id,exercice,valeur,source\n', 'utf16le').swap16()]));
    expectRun(dir, 2, /s\.csv:1:1: UTF-16 big-endian text \(BOM FE FF\) is not read/);
  });
});

describe('reads that cannot end are refused at once', () => {
  it('a ledger that is a FIFO', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { ledgers: ['fifo.csv'] });
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    expectRun(dir, 2, /fifo\.csv: is a FIFO \(named pipe\), not a regular file: refused/);
  });
  it('a side table that is a character device (/dev/zero)', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { dette: 'd.csv' });
    symlinkSync('/dev/zero', join(dir, 'd.csv'));
    // /dev/zero is outside the folder: refused by the path rule before any read.
    expectRun(dir, 2, /manifest\.json:dette: the file must be inside/);
  });
  it('a manifest.json that is a FIFO', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'manifest.json')]);
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json: is a FIFO \(named pipe\), not a regular file: refused/);
  });
  it('a side table inside the folder that is a FIFO, or a character device', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' });
    execFileSync('mkfifo', [join(dir, 's.csv')]);
    expectRun(dir, 2, /s\.csv: is a FIFO \(named pipe\), not a regular file: refused/);
    const dev = makeFolder(`${HEADER}\n${ok}`, { dette: 'd.csv' });
    try {
      // Root in CI can make a device node (/dev/zero's numbers) inside the folder; elsewhere this half is skipped.
      execFileSync('mknod', [join(dev, 'd.csv'), 'c', '1', '5'], { stdio: 'ignore' });
    } catch {
      return;
    }
    expectRun(dev, 2, /d\.csv: is a character device, not a regular file: refused/);
  });
  it('a ledger over 2 GiB (a sparse file: no disk used)', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { ledgers: ['big.csv'] });
    execFileSync('truncate', ['-s', String(2 * 1024 ** 3 + 1), join(dir, 'big.csv')]);
    expectRun(dir, 2, /big\.csv: is 2147483649 bytes, over the 2 GiB bound for this kind of input: refused/);
  });
  it('a side table over 10 MiB', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' });
    writeFileSync(join(dir, 's.csv'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expectRun(dir, 2, /s\.csv: is 10485761 bytes, over the 10 MiB bound for this kind of input: refused/);
  });
  it('a value quoted in an error is cut to 80 characters', () => {
    const long = 'x'.repeat(500);
    const r = expectRun(makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' }, { 's.csv': `id,exercice,valeur,source\n${long},2022,1,s\n` }), 2, /unknown series/);
    expect(r.stderr).toContain(`"${'x'.repeat(80)}…"`);
    expect(r.stderr).not.toContain('x'.repeat(81));
  });
});

describe('errors shown to CI carry the same as those shown to people', () => {
  it('check --format github: the value in an annotation is cut to 80 characters too', () => {
    const long = 'y'.repeat(500);
    const dir = makeFolder(`${HEADER}\n${ok}`, { serie: 's.csv' }, { 's.csv': `id,exercice,valeur,source\n${long},2022,1,s\n` });
    const r = run(['check', dir, '--format', 'github']);
    expect(r.exitCode).toBe(2);
    const annotation = r.stdout.split('\n').find((l) => l.startsWith('::error ') && l.includes('title=[input]'))!;
    expect(annotation).toMatch(/^::error file=.*s\.csv,line=2,col=1,title=\[input\]::.*unknown series/);
    expect(annotation).toContain(`"${'y'.repeat(80)}…"`);
    expect(annotation).not.toContain('y'.repeat(81));
    expect(r.stderr).not.toContain('y'.repeat(81));
  });
});

describe('TOTEM: no silent figure, linear XML cost, encodings by what they are', () => {
  const sample = readFileSync(join(ROOT, 'test/data/samples/totem/crach-lotissement-ca-2021.xml'), 'latin1');
  const firstReal = /<MtReal V="([^"]*)"\/>/;
  const xmlFile = (text: string | Buffer) => {
    const dir = tempDir();
    const path = join(dir, 'ca.xml');
    writeFileSync(path, typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
    return { dir, path };
  };
  const expectXml = (text: string | Buffer, pattern: RegExp, command = ['compute']) => {
    const { dir, path } = xmlFile(text);
    const before = snapshot(dir);
    const r = run([...command, path]);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.exitCode).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  };
  const line = (text: string, index: number) => text.slice(0, index).split('\n').length;

  it('an amount element twice in one LigneBudget', () => {
    const at = sample.search(firstReal);
    expectXml(sample.replace(firstReal, '<MtReal V="$1"/><MtReal V="5"/>'), new RegExp(`ca\\.xml:${line(sample, at)}:MtReal: amount element MtReal given twice in one LigneBudget .*\\(value: "5"\\)`));
  });
  it('an amount element without V, or with its value as text', () => {
    const at = line(sample, sample.search(firstReal));
    expectXml(sample.replace(firstReal, '<MtReal/>'), new RegExp(`ca\\.xml:${at}:MtReal: amount element MtReal without its V attribute`));
    expectXml(sample.replace(firstReal, '<MtReal>12.00</MtReal>'), new RegExp(`ca\\.xml:${at}:MtReal: amount element MtReal without its V attribute`));
  });
  it('100 000 nested elements are refused by the depth limit (compute, check and diff)', () => {
    const deep = `<?xml version="1.0" encoding="UTF-8"?>\n<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</DocumentBudgetaire>\n`;
    expectXml(deep, /ca\.xml:2:\d+: XML nested more than 64 elements deep: refused/);
    const { path } = xmlFile(deep);
    const d = run(['diff', path, path]);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toMatch(/XML nested more than 64 elements deep/);
  });
  it('no XML declaration and bytes that are not UTF-8: an error with the line, never U+FFFD', () => {
    const noDecl = sample.replace(/^<\?xml[^>]*\?>/, '');
    const at = noDecl.indexOf('é') >= 0 ? line(noDecl, noDecl.indexOf('é')) : undefined;
    expect(at).toBeDefined();
    expectXml(noDecl, new RegExp(`ca\\.xml:${at}: bytes that are not valid UTF-8`));
  });
  it('a UTF-8 BOM: read as UTF-8 (é kept)', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample.replace(/encoding="ISO-8859-1"/i, 'encoding="UTF-8"'), 'utf8')]);
    const { path } = xmlFile(utf8);
    const r = run(['compute', path, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('\ufffd');
    expect(JSON.parse(run(['compute', CA_XML, '--format', 'json']).stdout).figures).toEqual(JSON.parse(r.stdout).figures);
  });
});

describe('outputs never replace what they must not', () => {
  const folder = () => makeFolder(`${HEADER}\n${ok}`);
  it('a symlinked alias of the input folder is refused (real path compared)', () => {
    const dir = folder();
    const alias = join(tempDir(), 'alias');
    symlinkSync(dir, alias);
    const before = snapshot(dir);
    const r = run(['compute', dir, '--format', 'csv', '-o', join(alias, 'ledger.csv')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/refusing to write .*alias\/ledger\.csv: it is an input of this run/);
    expect(snapshot(dir)).toEqual(before);
  });
  it('a hard link to an input is refused (device and inode compared)', () => {
    const dir = folder();
    const other = join(tempDir(), 'hard.csv');
    execFileSync('ln', [join(dir, 'ledger.csv'), other]);
    const r = run(['compute', dir, '--format', 'csv', '-o', other]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/it is an input of this run/);
  });
  it('-o onto a character device is written directly: /dev/null stays a device', () => {
    const r = run(['compute', folder(), '--format', 'json', '-o', '/dev/null']);
    expect(r.exitCode).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
  it('-o onto a FIFO writes into it (no temp file, no rename)', () => {
    const d = tempDir();
    const fifo = join(d, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const got = execFileSync('sh', ['-c', `cat "${fifo}" & node "${join(ROOT, 'bin/sitiv-ca.js')}" compute "${folder()}" --format json -o "${fifo}"; wait`], { encoding: 'utf8' });
    expect(JSON.parse(got).figures).toBeDefined();
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['out.fifo']);
  });
  it('-o onto a socket is a usage error', () => {
    const d = tempDir();
    const sock = join(d, 's.sock');
    execFileSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(sock)}, function () { this.close = () => {}; process.exit(0); })`]);
    const r = run(['compute', folder(), '--format', 'json', '-o', sock]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*s\.sock: it is a socket/);
  });
  it('-o onto a symlink writes the file it names and keeps the link', () => {
    const d = tempDir();
    writeFileSync(join(d, 'real.json'), 'old');
    symlinkSync('real.json', join(d, 'link.json'));
    const r = run(['compute', folder(), '--format', 'json', '-o', join(d, 'link.json')]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(d, 'real.json'), 'utf8')).toContain('"figures"');
    expect(readdirSync(d).sort()).toEqual(['link.json', 'real.json']);
    expect(execFileSync('readlink', [join(d, 'link.json')], { encoding: 'utf8' }).trim()).toBe('real.json');
  });
  it('SIGINT / SIGTERM in the middle of a large -o write: no temp file left, the target unchanged, a quiet exit', async () => {
    const d = tempDir();
    // 150 000 lines of about 600 bytes: a 90 MB output, written in 4 MiB chunks with the event loop free between them.
    const parts = ['budget,exercice,section,sens,chapitre,compte,nature,realise,rar,operation,libelle\n'];
    for (let i = 0; i < 150_000; i++) parts.push(`principal,2022,F,D,011,60611,reel,1.00,,OP${i},${'libellé long '.repeat(45)}${i}\n`);
    writeFileSync(join(d, 'big.csv'), parts.join(''));
    const target = join(d, 'out.csv');
    let caught = 0;
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      writeFileSync(target, 'OLD\n');
      const r = await new Promise<{ code: number | null; stderr: string; sawTemp: boolean }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'convert', join(d, 'big.csv'), target], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        let sawTemp = false;
        child.stderr.on('data', (b) => (stderr += b));
        // inotify tells the temp file's creation at once: the signal lands while its chunks are being written.
        const w = watch(d, (_e, name) => {
          if (!sawTemp && name && name.endsWith('.tmp') && existsSync(join(d, name))) {
            sawTemp = true;
            child.kill(signal);
          }
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('close', (c) => {
          clearTimeout(timer);
          w.close();
          resolve({ code: c, stderr, sawTemp });
        });
      });
      expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      if (r.sawTemp && r.code === code) {
        caught++;
        expect(r.stderr).toBe('');
        expect(readFileSync(target, 'utf8')).toBe('OLD\n');
      } else {
        // The signal came after the last chunk: the rename made the whole output, never a part of it.
        expect(r.code === 0 || r.code === code).toBe(true);
        expect(readFileSync(target, 'utf8').split('\n')).toHaveLength(150_002);
      }
    }
    // At least one of the two signals must have landed mid-write, or the test proved nothing.
    expect(caught).toBeGreaterThan(0);
  }, 300_000);

  it('no temp file is left when the write fails', () => {
    const d = tempDir();
    execFileSync('mkdir', [join(d, 'sub')]);
    const r = run(['compute', folder(), '--format', 'json', '-o', join(d, 'sub')]);
    expect(r.exitCode).toBe(2);
    expect(readdirSync(d)).toEqual(['sub']);
    expect(readdirSync(join(d, 'sub'))).toEqual([]);
  });
});

describe('pipes', () => {
  it('compute | head -1 ends quietly with exit 0', () => {
    const out = execFileSync('bash', ['-c', `set -o pipefail; node "${join(ROOT, 'bin/sitiv-ca.js')}" compute "${join(ROOT, 'fixtures/sitiv-2018-2022')}" --format md 2>&1 | head -c 10; echo " rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(out).not.toMatch(/EPIPE|internal error|\n\s+at /);
    expect(out).toMatch(/ rc=0\n$/);
  });
  it('stderr through a pipe is byte for byte what it is in a file, summary line last', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `principal,2022,F,D,011,,reel,x${i},`).join('\n');
    const dir = makeFolder(`${HEADER}\n${lines}`);
    const bin = join(ROOT, 'bin/sitiv-ca.js');
    const file = join(tempDir(), 'err.txt');
    const piped = execFileSync('bash', ['-c', `node "${bin}" compute "${dir}" 2>&1 >/dev/null | cat; true`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    execFileSync('bash', ['-c', `node "${bin}" compute "${dir}" 2>"${file}" >/dev/null; true`]);
    expect(piped).toBe(readFileSync(file, 'utf8'));
    expect(piped.trimEnd().split('\n').pop()).toMatch(/^3000 problems in the input; nothing written$/);
  });
});

describe('text sent to a person carries no control character', () => {
  const evil = 'Budget \u001b[31mROUGE\u0007\r\u202eTXT.exe\u2066x';
  it('a label with ESC, BEL, CR and bidi overrides: terminal table, Markdown and stderr show U+FFFD', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { budgets: [{ id: 'principal', label: evil }, { id: 'vide', label: evil }] });
    for (const format of ['table', 'md', 'csv']) {
      const r = run(['compute', dir, '--format', format]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/[\u0007\u001b\r\u202a-\u202e\u2066-\u2069]/);
    }
    expect(run(['compute', dir, '--format', 'table']).stdout).toContain('Budget \ufffd[31mROUGE\ufffd\ufffd\ufffdTXT.exe\ufffdx');
  });
  it('compute --by entity: the # comment lines are neutralised like cells (a file named a,=1+1.csv)', () => {
    const d = tempDir();
    const head = 'EXER;IDENT;NDEPT;LBUDG;INSEE;CBUDG;CTYPE;CSTYP;NOMEN;SIREN;CREGI;CACTI;SECTEUR;FINESS;CODBUD1;CATEG;BAL;FONCTION;COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC';
    const file = join(d, 'a,=1+1,b.csv');
    writeFileSync(file, `${head}\n2024;21560078600015;056;COMMUNE;078;1;101;00;M57;215600786;053;;;;;Commune;DEF;020;60611;0;0;1000,00;0;0;0;0;0;1000,00;0\n`);
    const r = run(['compute', '--by', 'entity', file]);
    expect(r.exitCode).toBe(0);
    const comments = r.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(comments.find((l) => l.startsWith('# input '))).toContain("a,'=1+1,b.csv sha256:");
    // No cell a spreadsheet would cut from a comment line starts a formula.
    for (const l of comments) for (const cell of l.split(/[,;]/).slice(1)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('a file name with controls in an error message', () => {
    const dir = makeFolder(`${HEADER}\n${ok}`, { ledgers: ['l\u001b[2J.csv'] });
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('l\ufffd[2J.csv: file not found');
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('XLSX ledgers: no silent wrong figure', () => {
  const COLS = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'compte', 'nature', 'realise', 'rar'];
  async function xlsxFolder(build: (wb: import('exceljs').Workbook) => void): Promise<string> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    build(wb);
    const dir = makeFolder('', { ledgers: ['l.xlsx'] });
    await wb.xlsx.writeFile(join(dir, 'l.xlsx'));
    return dir;
  }
  const sheet = (wb: import('exceljs').Workbook, third: unknown = 100) => {
    const ws = wb.addWorksheet('Feuille1');
    ws.addRow(COLS);
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60611', 'reel', 100, '']);
    ws.addRow(['principal', 2022, 'F', 'D', '011', '60612', 'reel', third, '']);
    return ws;
  };
  it('a merged cell over amount cells is an error naming the range', async () => {
    const dir = await xlsxFolder((wb) => sheet(wb).mergeCells('H2:H3'));
    expectRun(dir, 2, /l\.xlsx:3:8 \(realise\) \(Feuille1!H3\): realise: the cell is inside the merged range Feuille1!H2:H3/);
  });
  it('a hidden sheet is not read unless named by --sheet', async () => {
    const dir = await xlsxFolder((wb) => {
      const h = wb.addWorksheet('cachee', { state: 'hidden' });
      h.addRow(COLS);
      h.addRow(['principal', 2022, 'F', 'D', '011', '', 'reel', 999, '']);
      sheet(wb);
    });
    const r = expectRun(dir, 0, /^$/);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).figures['principal.2022.execution.fonctionnement-exercice.depenses']).toBe('200.00');
    const named = run(['compute', dir, '--format', 'json', '--sheet', 'cachee']);
    expect(JSON.parse(named.stdout).figures['principal.2022.execution.fonctionnement-exercice.depenses']).toBe('999.00');
    expect(r.exitCode).toBe(0);
  });
  it('a value that is not a clean number (0x10, 3329960.4abc) is an error', async () => {
    expectRun(await xlsxFolder((wb) => sheet(wb, '0x10')), 2, /l\.xlsx:3:8 \(realise\) \(Feuille1!H3\): realise: not an amount \(value: "0x10"\)/);
    expectRun(await xlsxFolder((wb) => sheet(wb, '3329960.4abc')), 2, /\(Feuille1!H3\): realise: not an amount \(value: "3329960\.4abc"\)/);
  });
});

describe('check --compte-gestion that is not a DGFiP balance', () => {
  it('empty, binary or another CSV: exit 2, not warnings', () => {
    const d = tempDir();
    writeFileSync(join(d, 'empty.csv'), '');
    writeFileSync(join(d, 'bin.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x0a, 0x01]));
    const cases: [string, RegExp][] = [
      [join(d, 'empty.csv'), /empty\.csv: empty file: not a DGFiP balance/],
      [join(d, 'bin.csv'), /bin\.csv:1: binary file \(NUL bytes\): not a DGFiP balance/],
      [join(ROOT, 'fixtures/sitiv-2022/publie.csv'), /publie\.csv:1: not a DGFiP balance: the header lacks EXER/],
    ];
    for (const [file, pattern] of cases) {
      const r = run(['check', 'fixtures/sitiv-2022-corrige', '--compte-gestion', file, '--format', 'json', '-o', join(d, 'out.json')]);
      expect(existsSync(join(d, 'out.json'))).toBe(false);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('check over many folders', () => {
  /** budgets/ with a good folder, a symlinked good folder, a folder whose manifest is broken and a dangling link. */
  const budgets = () => {
    const root = tempDir();
    const linked = makeFolder(`${HEADER}\n${ok}`);
    const broken = makeFolder(`${HEADER}\n${ok}`);
    writeFileSync(join(broken, 'manifest.json'), '{\n  "schema": "sitiv-ca.manifest/1",\n  "budgets": [\n');
    execFileSync('mkdir', [join(root, 'budgets')]);
    // a: the seed, whose check finds 4 errors (published figures that differ): they must still be printed.
    execFileSync('cp', ['-r', join(ROOT, 'fixtures/sitiv-2022'), join(root, 'budgets', 'a')]);
    symlinkSync(linked, join(root, 'budgets', 'b'));
    execFileSync('cp', ['-r', broken, join(root, 'budgets', 'c')]);
    return { root, dir: join(root, 'budgets'), linked };
  };

  it('a symlinked budget folder is followed and said so (link → target)', () => {
    const { dir, linked } = budgets();
    const r = run(['check', dir, '--format', 'json']);
    expect(r.stderr).toContain(`notice: ${dir}/b → ${linked}: a symbolic link to a budget folder, followed\n`);
    expect(JSON.parse(r.stdout).folders.map((f: { path: string }) => f.path)).toEqual([`${dir}/a`, `${dir}/b`, `${dir}/c`]);
  });

  it('one unusable folder: its error listed, the others checked, JSON written with its problems, exit 2', () => {
    const { root, dir } = budgets();
    symlinkSync(join(root, 'nowhere'), join(dir, 'd'));
    const before = snapshot(join(dir, 'c'));
    const out = join(root, 'check.json');
    const r = run(['check', dir, '--format', 'json', '-o', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toContain(`error: ${dir}/c/manifest.json:4:1: not valid JSON: unexpected end of file\n`);
    expect(r.stderr).toContain(`notice: ${dir}/d → ${join(root, 'nowhere')}: a symbolic link that leads to nothing\n`);
    expect(r.stderr).toMatch(/2 folders unusable \(.*\/budgets\/c, .*\/budgets\/d\): their problems are in the report; the other folders were checked\n$/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.folders.map((f: { path: string; unusable?: boolean; errors: number }) => [f.path.slice(dir.length + 1), f.unusable ?? false, f.errors])).toEqual([
      ['a', false, 4],
      ['b', false, 0],
      ['c', true, 1],
      ['d', true, 1],
    ]);
    expect(json.findings.filter((f: { severity: string; checkId: string; file: string }) => f.severity === 'error' && f.checkId === 'published.figure' && f.file.startsWith(`${dir}/a/`))).toHaveLength(4);
    expect(json.findings.filter((f: { checkId: string }) => f.checkId === 'input')).toEqual([
      expect.objectContaining({ severity: 'error', file: `${dir}/c/manifest.json`, line: 4, column: 1, message: 'not valid JSON: unexpected end of file' }),
      expect.objectContaining({ severity: 'error', file: `${dir}/d`, message: 'no such file or folder' }),
    ]);
    expect(snapshot(join(dir, 'c'))).toEqual(before);
    // The text output: the good folders' summaries, the failing folder's error under its heading.
    const text = run(['check', dir, '--severity', 'warning']);
    expect(text.exitCode).toBe(2);
    expect(text.stdout).toContain(`== ${dir}/c\n${dir}/c/manifest.json:4:1: error [input] not valid JSON: unexpected end of file\n`);
    expect(text.stdout).toMatch(new RegExp(`${dir}/a/publie\\.csv:60:3: error \\[published\\.figure\\]`));
    expect(text.stdout).toMatch(new RegExp(`${dir}/a: 4 errors, 0 warnings, \\d+ infos`));
  });
});

describe('convert keeps libelle as written', () => {
  const LABELS = ['  espaces autour  ', 'a  deux  espaces', 'tab\tdedans', 'nbsp\u00a0ici', '’apostrophe «guillemets»', 'zero\u200bwidth', 'fin\\', '"entre guillemets"', '=SUM(A1)', 'Ecran 24" bureau'];
  const ledger = (labels: readonly string[]) =>
    `budget,exercice,section,sens,chapitre,compte,nature,realise,rar,fonction,libelle\n${labels
      .map((l, i) => `principal,2022,F,D,011,60611,reel,1.00,,0${i},"${l.replace(/"/g, '""')}"`)
      .join('\n')}\n`;
  const labelsOf = (csv: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.csv'), csv);
    const r = run(['convert', join(dir, 'x.csv'), '-']);
    expect(r.exitCode).toBe(0);
    return r.stdout;
  };

  it('CSV → CSV, CSV → XLSX → CSV: every label byte for byte (spaces, tabs, quotes, formulas kept)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), ledger(LABELS));
    const before = snapshot(dir);
    const csv = run(['convert', join(dir, 'l.csv'), join(dir, 'o.csv')]);
    expect(csv.exitCode).toBe(0);
    expect(csv.stderr).toBe('');
    const out = readFileSync(join(dir, 'o.csv'), 'utf8');
    // The writer's rules: blanks at either end and quotes quoted, a leading = made inert with an apostrophe.
    expect(out).toContain(',00,"  espaces autour  "\n');
    expect(out).toContain(',02,tab\tdedans\n');
    expect(out).toContain(`,07,"""entre guillemets"""\n`);
    expect(out).toContain(",08,'=SUM(A1)\n");
    const xlsx = run(['convert', join(dir, 'l.csv'), join(dir, 'o.xlsx')]);
    expect(xlsx.exitCode).toBe(0);
    const back = run(['convert', join(dir, 'o.xlsx'), '-']);
    expect(back.exitCode).toBe(0);
    expect(back.stdout).toBe(out);
    // Converting our own output again gives it back: nothing trimmed on the way.
    expect(labelsOf(out)).toBe(out);
    expect(snapshot(dir)).toEqual({ ...before, 'o.csv': expect.any(String), 'o.xlsx': expect.any(String) });
  });

  it('an unquoted label keeps its blanks, and so does the last field of a line', () => {
    const out = labelsOf('budget;exercice;section;sens;chapitre;compte;nature;realise;rar;fonction;libelle\nprincipal;2022;F;D;011;60611;reel;1,00;;01;  bare  padded  \n');
    expect(out.split('\n')[1]).toBe('principal,2022,F,D,011,60611,reel,1.00,0.00,01,"  bare  padded  "');
  });

  it('SCDL → CSV: BGT_NATURE_LABEL as written', () => {
    const dir = tempDir();
    const sample = readFileSync(join(ROOT, 'test/data/samples/scdl/crach-lotissement-ca-2021.csv'), 'utf8');
    writeFileSync(join(dir, 's.csv'), sample.replace(",Intérêts réglés à l'échéance,", ',"  Intérêts  réglés  ",'));
    const r = run(['convert', join(dir, 's.csv'), '-', '--nomenclature', 'M14_COM_500_3500']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(',"  Intérêts  réglés  "\n');
  });

  it('control characters are the only ones dropped, with a notice naming file and lines', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), ledger(['sonnerie\u0007ici', 'propre', 'échap\u001b[31m', 'c1\u0085fin']));
    const r = run(['convert', join(dir, 'l.csv'), join(dir, 'o.xlsx')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`notice: ${join(dir, 'l.csv')}: control characters dropped from libelle on 3 lines (an XLSX cell cannot hold them): lines 2, 4, 5\n`);
    const back = run(['convert', join(dir, 'o.xlsx'), '-']);
    expect(back.stdout.trimEnd().split('\n').map((l) => l.split(',').pop())).toEqual(['libelle', 'sonnerieici', 'propre', 'échap[31m', 'c1fin']);
  });

  it('a label repeated on consecutive lines has its control characters dropped, and each line named, every time', () => {
    // The column table gives a repeated label without cleaning it again only when cleaning changed nothing.
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), ledger(['sonnerie\u0007ici', 'sonnerie\u0007ici', 'propre', 'propre']));
    const r = run(['convert', join(dir, 'l.csv'), join(dir, 'o.csv')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`notice: ${join(dir, 'l.csv')}: control characters dropped from libelle on 2 lines (an XLSX cell cannot hold them): lines 2, 3\n`);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(',').pop())).toEqual(['libelle', 'sonnerieici', 'sonnerieici', 'propre', 'propre']);
  });
});
