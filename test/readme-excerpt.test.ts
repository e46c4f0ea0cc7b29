// The README's excerpt of a single-year compute is the tool's current output: every line of it is printed as is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';

describe('README excerpt', () => {
  it('every title and row of the single-year excerpt appears in compute on the Crach CA (French)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## One year\'s complete CA from a single file'));
    const block = /Excerpt[\s\S]*?```\n([\s\S]*?)```/.exec(section)![1]!;
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(40);
    const r = run(['compute', 'test/data/samples/totem/crach-lotissement-ca-2021.xml'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '', COLUMNS: '200' } });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = new Set(r.stdout.split('\n').map((l) => l.trimEnd()));
    for (const l of lines) expect(out.has(l.trimEnd()), l).toBe(true);
  });
});
