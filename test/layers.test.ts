// Imports go one way (docs/architecture.md): no file imports a layer above its own, no files import each other in a circle, the pure layers touch no file, process or terminal.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/**
 * Every top-level folder (or file) of src/ and its rank, lowest first. A new folder gets a line here and in
 * docs/architecture.md; a folder missing from this table fails the first test.
 */
const RANKS: Record<string, number> = {
  // 0: the shared types and the neutral helpers, imported by everyone, importing nothing above them.
  model: 0, // the shared types: ledger rows, budgets, loaded folder, side tables, DGFiP slots
  money: 0, // cents, exact sums, number formatting for messages and tables
  nomenclature: 0, // plans de comptes, debt accounts, NOMEN → plan
  sheet: 0, // the formula-injection sanitiser and spreadsheet column letters
  text: 0, // the control-character sanitiser for input text shown to people
  messages: 0, // the message catalogue (French and English)
  definitions: 0, // the definitions of aggregates and ratios
  'errors.ts': 0,
  'paths.ts': 0,
  'version.ts': 0,
  // 1: files → validated rows; pure formulas. Neither imports the other (FORBIDDEN below).
  read: 1,
  compute: 1,
  // 2: the table model of each command and the checks, pure.
  report: 2,
  check: 2,
  diff: 2,
  // 3: writers.
  render: 3,
  // 4: commander wiring and command runners, the one error boundary.
  cli: 4,
};

/** Pairs of the same rank that must not import each other (from → to). */
const FORBIDDEN: [string, string][] = [
  ['read', 'compute'],
  ['compute', 'read'],
];

/** Layers that are data in, data out: no file system, no process, no terminal, no threads. */
const PURE = ['model', 'money', 'compute', 'report', 'check', 'diff'];
const IMPURE_MODULES = /^(node:)?(fs|fs\/promises|child_process|worker_threads|readline|tty|os)$|^chalk$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|[^.\w])(?:import|export)\s[^'";]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm;

interface File {
  path: string; // relative to src/, e.g. read/folder.ts
  top: string;
  imports: string[]; // specifiers as written
  local: string[]; // resolved relative imports, relative to src/
  text: string;
}

function topOf(rel: string): string {
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel;
}

const FILES: File[] = sources(SRC).map((abs) => {
  const path = relative(SRC, abs).split('\\').join('/');
  const text = readFileSync(abs, 'utf8');
  const imports = [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
  const local = imports
    .filter((s) => s.startsWith('.'))
    .map((s) => normalize(join(dirname(path), s)).split('\\').join('/').replace(/\.js$/, '.ts'));
  return { path, top: topOf(path), imports, local, text };
});

describe('import direction', () => {
  it('every top-level folder and file of src/ has a rank', () => {
    const tops = [...new Set(FILES.map((f) => f.top))].sort();
    expect(tops.filter((t) => !(t in RANKS))).toEqual([]);
  });

  it('no file imports from a layer above its own, nor read/ and compute/ from each other', () => {
    const bad: string[] = [];
    for (const f of FILES) {
      for (const to of f.local) {
        const t = topOf(to);
        if (t === f.top) continue;
        if (RANKS[t] === undefined) bad.push(`${f.path} → ${to}: unknown layer ${t}`);
        else if (RANKS[t]! > RANKS[f.top]!) bad.push(`${f.path} → ${to}: ${t} (rank ${RANKS[t]}) is above ${f.top} (rank ${RANKS[f.top]})`);
        else if (FORBIDDEN.some(([a, b]) => a === f.top && b === t)) bad.push(`${f.path} → ${to}: ${f.top} may not import ${t}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no files import each other in a circle (type imports and dynamic imports included)', () => {
    const graph = new Map(FILES.map((f) => [f.path, f.local.filter((l) => l !== f.path)]));
    // Tarjan's strongly connected components: any component of more than one file is a circle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const c: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          c.push(w);
        } while (w !== v);
        if (c.length > 1) circles.push(c.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(circles).toEqual([]);
  });

  it('the pure layers import no file system, process, thread or terminal module and read no process state', () => {
    const bad: string[] = [];
    for (const f of FILES.filter((x) => PURE.includes(x.top))) {
      for (const s of f.imports) if (IMPURE_MODULES.test(s)) bad.push(`${f.path} imports ${s}`);
      const code = f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bprocess\./.test(code)) bad.push(`${f.path} uses process`);
    }
    expect(bad).toEqual([]);
  });

  it('sees the imports it checks (the parser is not blind)', () => {
    const folder = FILES.find((f) => f.path === 'read/folder.ts')!;
    expect(folder.local).toContain('model/folder.ts');
    expect(folder.local).toContain('read/formats.ts');
    const main = FILES.find((f) => f.path === 'cli/main.ts')!;
    expect(main.local).toContain('cli/compute.ts');
    const compute = FILES.find((f) => f.path === 'cli/compute.ts')!;
    expect(compute.local).toContain('read/folder.ts'); // a dynamic import
  });
});
