// The repository reads nothing outside itself: no test, source or script names the shared reference folder.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Built from parts so that this file does not match itself.
const FORBIDDEN = [['..', 'shared'].join('/'), ['', 'work', ''].join('/')];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'data' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|mjs|js|json)$/.test(name)) out.push(p);
  }
  return out;
}

describe('self-contained repository', () => {
  it('no file under test/, src/, scripts/ or bin/ names a path outside the repository', () => {
    const offenders: string[] = [];
    for (const top of ['test', 'src', 'scripts', 'bin']) {
      for (const f of files(join(ROOT, top))) {
        const text = readFileSync(f, 'utf8');
        for (const bad of FORBIDDEN) if (text.includes(bad)) offenders.push(`${f.slice(ROOT.length)}: ${bad}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
