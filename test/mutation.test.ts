// Seeded byte mutations of the fixtures fed to every reader: exit 0 or 2, never a stack trace, never 70, never a hang.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with the benchmark
import { generateBalance } from '../scripts/gen-balance.mjs';
import { tempDir } from './helpers/folder.js';
import { BIN, ROOT } from './helpers/run.js';

/** mulberry32: the same cases on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Bytes that break formats: quotes, delimiters, line ends, markup, NUL, bytes that are not UTF-8, a digit, a letter.
const NASTY = [0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x3c, 0x3e, 0x26, 0x00, 0xff, 0xc3, 0x80, 0x31, 0x78, 0x20, 0x09, 0x27, 0x7b, 0x7d, 0x5c];

function mutate(buf: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(buf);
  const n = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * Math.max(1, b.length));
    const byte = rnd() < 0.7 ? NASTY[Math.floor(rnd() * NASTY.length)]! : Math.floor(rnd() * 256);
    const op = rnd();
    if (op < 0.4) b[at] = byte;
    else if (op < 0.7) b = Buffer.concat([b.subarray(0, at), Buffer.from([byte]), b.subarray(at)]);
    else if (op < 0.85) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + Math.floor(rnd() * 8))]);
    else if (op < 0.95) b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + 200), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}

interface Target {
  /** Reader under test. */
  name: string;
  cases: number;
  /** Builds the case's input folder from mutated bytes, returns the command line. */
  setup: (dir: string, mutated: Buffer) => string[];
  source: Buffer;
}

const fixture = (folder: string, file: string): Target['setup'] => (dir, mutated) => {
  cpSync(join(ROOT, 'fixtures', folder), dir, { recursive: true });
  writeFileSync(join(dir, file), mutated);
  return ['compute', dir, '--format', 'json', '-o', join(dir, 'out.json')];
};
const single = (name: string, extra: string[] = []): Target['setup'] => (dir, mutated) => {
  writeFileSync(join(dir, name), mutated);
  return ['compute', join(dir, name), '--format', 'json', '-o', join(dir, 'out.json'), ...extra];
};
const read = (...p: string[]) => readFileSync(join(ROOT, ...p));

/** The entries of a zip (the fixture workbook): name → uncompressed bytes, through its central directory. */
function unzip(zip: Buffer): [string, Buffer][] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: [string, Buffer][] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    out.push([name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw)]);
    at += 46 + skip;
  }
  return out;
}

/** A stored (uncompressed) zip with valid CRCs: a mutation inside a workbook's XML reaches the cell reader. */
function zipStored(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const WORKBOOK = unzip(read('fixtures/sitiv-2022-xlsx/principal.xlsx'));
/** The workbook with one of its parts replaced by the mutated bytes. */
const xlsxPart = (part: string): Target['setup'] => (dir, mutated) =>
  fixture('sitiv-2022-xlsx', 'principal.xlsx')(dir, zipStored(WORKBOOK.map(([n, d]) => [n, n === part ? mutated : d])));
const partOf = (part: string) => WORKBOOK.find(([n]) => n === part)![1];

const TARGETS: Target[] = [
  { name: 'ledger CSV', cases: 30, source: read('fixtures/sitiv-2022/principal.csv'), setup: fixture('sitiv-2022', 'principal.csv') },
  { name: 'manifest', cases: 30, source: read('fixtures/sitiv-2022/manifest.json'), setup: fixture('sitiv-2022', 'manifest.json') },
  { name: 'cofinancement', cases: 20, source: read('fixtures/sitiv-2022/cofinancement.csv'), setup: fixture('sitiv-2022', 'cofinancement.csv') },
  { name: 'publie', cases: 20, source: read('fixtures/sitiv-2022/publie.csv'), setup: fixture('sitiv-2022', 'publie.csv') },
  { name: 'dette', cases: 20, source: read('fixtures/sitiv-2018-2022/dette.csv'), setup: fixture('sitiv-2018-2022', 'dette.csv') },
  { name: 'serie', cases: 20, source: read('fixtures/sitiv-2018-2022/serie.csv'), setup: fixture('sitiv-2018-2022', 'serie.csv') },
  { name: 'XLSX ledger', cases: 30, source: read('fixtures/sitiv-2022-xlsx/principal.xlsx'), setup: fixture('sitiv-2022-xlsx', 'principal.xlsx') },
  { name: 'TOTEM', cases: 40, source: read('test/data/samples/totem/crach-lotissement-ca-2021.xml'), setup: single('ca.xml') },
  { name: 'CFU', cases: 20, source: read('test/data/samples/cfu/cfu-structure-extract.xml'), setup: single('cfu.xml') },
  { name: 'SCDL', cases: 40, source: read('test/data/samples/scdl/crach-lotissement-ca-2021.csv'), setup: single('scdl.csv', ['--nomenclature', 'M14_COM_500_3500']) },
  {
    name: 'DGFiP balance',
    cases: 40,
    source: Buffer.from((generateBalance({ lines: 200, seed: 7 }) as { text: string }).text),
    setup: (dir, mutated) => {
      writeFileSync(join(dir, 'balance.csv'), mutated);
      return ['compute', join(dir, 'balance.csv'), '--by', 'entity', '--format', 'jsonl', '-o', join(dir, 'out.jsonl')];
    },
  },
  // Last, so the cases above keep their seeded bytes. Mutations of the zip bytes mostly stop at its CRCs: these
  // rebuild a valid zip around a mutated part, so they reach the sheet and shared-string readers.
  { name: 'XLSX sheet XML', cases: 20, source: partOf('xl/worksheets/sheet1.xml'), setup: xlsxPart('xl/worksheets/sheet1.xml') },
  { name: 'XLSX shared strings', cases: 10, source: partOf('xl/sharedStrings.xml'), setup: xlsxPart('xl/sharedStrings.xml') },
];

interface Outcome {
  target: string;
  exitCode: number | null;
  stderr: string;
  args: string[];
  bad?: string;
}

function runCase(args: string[], inputPath: string, inputBytes: Buffer, outFile: string | undefined): Promise<Omit<Outcome, 'target'>> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let bad: string | undefined;
      if (code === null) bad = 'killed after 30 s (a hang)';
      else if (code !== 0 && code !== 2) bad = `exit ${code}`;
      else if (/internal error|\n\s+at \S+ \(/.test(stderr)) bad = 'stack trace on stderr';
      else if (code === 2 && outFile !== undefined && existsSync(outFile)) bad = 'output written although the input is unusable';
      else if (!readFileSync(inputPath).equals(inputBytes)) bad = 'input modified';
      done({ exitCode: code, stderr, args, ...(bad ? { bad } : {}) });
    });
  });
}

describe('seeded byte mutations over every reader', () => {
  it('the rebuilt stored zip of the XLSX targets reads as the original workbook (else every case would be a trivial exit 2)', async () => {
    const dir = tempDir('sitiv-mut-');
    const args = xlsxPart('xl/sharedStrings.xml')(dir, partOf('xl/sharedStrings.xml'));
    const r = await runCase(args, join(dir, 'principal.xlsx'), readFileSync(join(dir, 'principal.xlsx')), undefined);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.exitCode).toBe(0);
    const figures = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).figures;
    const orig = tempDir('sitiv-mut-');
    const o = await runCase(fixture('sitiv-2022-xlsx', 'principal.xlsx')(orig, read('fixtures/sitiv-2022-xlsx/principal.xlsx')), join(orig, 'principal.xlsx'), read('fixtures/sitiv-2022-xlsx/principal.xlsx'), undefined);
    expect(o.exitCode).toBe(0);
    expect(figures).toEqual(JSON.parse(readFileSync(join(orig, 'out.json'), 'utf8')).figures);
  });

  it('exit 0 or 2 on each of a few hundred mutated inputs, no stack trace, nothing written on 2, input untouched', async () => {
    const rnd = prng(20261202);
    const jobs: (() => Promise<Outcome>)[] = [];
    for (const t of TARGETS) {
      for (let i = 0; i < t.cases; i++) {
        const dir = tempDir('sitiv-mut-');
        const mutated = mutate(t.source, rnd);
        const args = t.setup(dir, mutated);
        const input = args.find((a) => a.startsWith(dir) && !a.includes('out.'))!;
        const inputPath = existsSync(join(input, 'manifest.json')) ? join(dir, t.name === 'ledger CSV' ? 'principal.csv' : t.name.startsWith('XLSX') ? 'principal.xlsx' : '') : input;
        const watched = t.name === 'ledger CSV' || t.name.startsWith('XLSX') ? inputPath : input.endsWith('.json') || existsSync(join(input, 'manifest.json')) ? join(dir, 'manifest.json') : input;
        // --by entity writes the results of the good lines and exits 2 over rejected ones (README): no output check there.
        const outFile = args.includes('--by') ? undefined : args[args.indexOf('-o') + 1]!;
        const bytes = readFileSync(watched);
        jobs.push(async () => ({ target: t.name, ...(await runCase(args, watched, bytes, outFile)) }));
      }
    }
    const outcomes: Outcome[] = [];
    // Two at a time: the machine is shared.
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) outcomes.push(await job());
    };
    await Promise.all([worker(), worker()]);
    const counts = { cases: outcomes.length, exit0: outcomes.filter((o) => o.exitCode === 0).length, exit2: outcomes.filter((o) => o.exitCode === 2).length };
    const others = outcomes.filter((o) => o.bad);
    const perTarget = Object.fromEntries(TARGETS.map((t) => [t.name, outcomes.filter((o) => o.target === t.name).map((o) => o.exitCode).join('')]));
    // The counts the closing note quotes (printed on every run).
    console.log(`mutation cases ${counts.cases}: exit 0 ${counts.exit0}, exit 2 ${counts.exit2}, others ${counts.cases - counts.exit0 - counts.exit2}, bad ${others.length}`, perTarget);
    expect(others.map((o) => `${o.target}: ${o.bad}: ${o.args.join(' ')}\n${o.stderr.slice(0, 600)}`)).toEqual([]);
    expect(counts.cases).toBe(TARGETS.reduce((n, t) => n + t.cases, 0));
    expect(counts.exit0 + counts.exit2).toBe(counts.cases);
    // A mutation test where nothing is ever refused proves nothing.
    expect(counts.exit2).toBeGreaterThan(counts.cases / 4);
  }, 900_000);
});
