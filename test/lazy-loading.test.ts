// Heavy modules load only for the commands that need them: compute on CSV never loads an XML parser or exceljs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run.js';

/** Runs the bundled CLI in a child and lists the CommonJS packages it loaded from node_modules (saxes and exceljs are). */
function loadedPackages(args: string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import('./dist/bundle/main.js');
    // Swallow the report; writeOutput waits for the write callback.
    process.stdout.write = (_chunk, cb) => { if (typeof cb === 'function') cb(); return true; };
    await main(${JSON.stringify(args)});
    const require = createRequire(import.meta.url);
    const names = new Set(Object.keys(require('module')._cache).map((p) => (p.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
    process.stderr.write(JSON.stringify([...names]));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('[')));
}

describe('lazy loading', () => {
  it('compute on the CSV fixtures loads neither saxes nor exceljs', () => {
    const loaded = loadedPackages(['compute', 'fixtures/sitiv-2022', '--format', 'json']);
    expect(loaded).not.toContain('saxes');
    expect(loaded).not.toContain('exceljs');
    expect(loaded).not.toContain('echarts');
  });

  it('the charting library loads for --format html only', () => {
    expect(loadedPackages(['compute', 'fixtures/sitiv-2022', '--format', 'xlsx'])).not.toContain('echarts');
    expect(loadedPackages(['compute', 'fixtures/sitiv-2022', '--format', 'html'])).toContain('echarts');
  });

  it('the probe sees them when a command needs them: the printable workbook loads exceljs', () => {
    expect(loadedPackages(['compute', 'fixtures/sitiv-2022', '--format', 'xlsx'])).toContain('exceljs');
  });

  it('XLSX ledgers are read, and convert writes XLSX, without exceljs (src/read/xlsx/, src/render/xlsx-stream.ts)', () => {
    expect(loadedPackages(['compute', 'fixtures/sitiv-2022-xlsx', '--format', 'json'])).not.toContain('exceljs');
  });
});
