// PDF writer: the HTML report printed by a headless Chromium already installed (Debian `chromium`, or CHROME_PATH); never downloaded.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
/** Printing a report takes a few seconds; a loaded machine may need many more. */
const TIMEOUT_MS = 180_000;

/** CHROME_PATH when set (it must exist), else the first Chromium on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) throw new UsageError(`CHROME_PATH=${env.CHROME_PATH}: no such file; --format pdf needs a Chromium (Debian: apt-get install chromium)`);
    return env.CHROME_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of NAMES) if (existsSync(join(dir, n))) return join(dir, n);
  }
  throw new UsageError('--format pdf needs a headless Chromium and none was found on PATH: install it (Debian: apt-get install chromium) or set CHROME_PATH; --format html writes the same report without it');
}

/** Flags that keep a headless print offline and quiet: no sandbox (containers, root), no network side traffic. */
export function chromiumArgs(profile: string, pdf: string, html: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    pathToFileURL(html).href,
  ];
}

export async function printPdf(html: string): Promise<Uint8Array> {
  const chromium = findChromium();
  const work = await mkdtemp(join(tmpdir(), 'sitiv-pdf-'));
  try {
    const page = join(work, 'rapport.html');
    const pdf = join(work, 'rapport.pdf');
    await writeFile(page, html);
    const result = await new Promise<{ code: number | null; stderr: string }>((ok, fail) => {
      const child = spawn(chromium, chromiumArgs(join(work, 'profile'), pdf, page), { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('error', (e) => { clearTimeout(timer); fail(new UsageError(`cannot run ${chromium}: ${e.message}`)); });
      child.on('close', (code) => { clearTimeout(timer); ok({ code, stderr }); });
    });
    const bytes = await readFile(pdf).catch(() => undefined);
    if (result.code !== 0 || !bytes || bytes.length === 0) {
      throw new UsageError(`${chromium} could not print the report to PDF (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    return new Uint8Array(bytes);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether a usable Chromium is installed (tests skip without one, unless CI requires it). */
export function hasChromium(): boolean {
  try {
    return spawnSync(findChromium(), ['--version'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
}
