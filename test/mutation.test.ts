// Seeded byte mutations of the fixtures fed to every reader: exit 0 or 2, never a stack trace, never 70, never a hang.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  it('exit 0 or 2 on each of a few hundred mutated inputs, no stack trace, nothing written on 2, input untouched', async () => {
    const rnd = prng(20261202);
    const jobs: (() => Promise<Outcome>)[] = [];
    for (const t of TARGETS) {
      for (let i = 0; i < t.cases; i++) {
        const dir = tempDir('sitiv-mut-');
        const mutated = mutate(t.source, rnd);
        const args = t.setup(dir, mutated);
        const input = args.find((a) => a.startsWith(dir) && !a.includes('out.'))!;
        const inputPath = existsSync(join(input, 'manifest.json')) ? join(dir, t.name === 'ledger CSV' ? 'principal.csv' : t.name === 'XLSX ledger' ? 'principal.xlsx' : '') : input;
        const watched = t.name === 'ledger CSV' || t.name === 'XLSX ledger' ? inputPath : input.endsWith('.json') || existsSync(join(input, 'manifest.json')) ? join(dir, 'manifest.json') : input;
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
