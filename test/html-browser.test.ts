// The report in a real headless Chromium (puppeteer-core, the installed browser, nothing downloaded): no console error,
// no request, non-blank screenshots, A4 print within 12 pages for SITIV 2022; the CLI's -o rapport.pdf the same.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findChromium, hasChromium } from '../src/render/pdf.js';
import { ROOT, run } from './helpers/run.js';

const BROWSER_TIMEOUT = 240_000;
const present = hasChromium();
if (!present) {
  if (process.env.SITIV_REQUIRE_CHROMIUM === '1') throw new Error('SITIV_REQUIRE_CHROMIUM=1 but no Chromium is installed (apt-get install chromium)');
  console.warn('notice: chromium not found, browser tests skipped (apt-get install chromium)');
}

function pdfPages(file: string): string[] {
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' }).stdout;
  return [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!);
}

/** Distinct colours of a PNG, counted by the browser itself (canvas), so no image decoder is needed here. */
async function colours(page: import('puppeteer-core').Page, png: Uint8Array): Promise<number> {
  const b64 = Buffer.from(png).toString('base64');
  return page.evaluate(async (data: string) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < px.length; i += 4) seen.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
    return seen.size;
  }, b64);
}

describe.skipIf(!present)('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-browser-'));

  it('SITIV 2022: loads with no console error and no request, screenshots are not blank, prints to at most 12 A4 pages', async () => {
    const file = join(dir, 'rapport.html');
    const r = run(['compute', join(ROOT, 'fixtures/sitiv-2022'), '-o', file]);
    expect(r.exitCode, r.stderr).toBe(0);
    const puppeteer = (await import('puppeteer-core')).default;
    const browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
      await page.setRequestInterception(true);
      page.on('request', (q) => {
        if (q.url() !== pathToFileURL(file).href) problems.push(`request: ${q.url()}`);
        void q.continue();
      });
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(problems).toEqual([]);
      const first = await page.screenshot({ type: 'png' });
      expect(await colours(page, first)).toBeGreaterThan(2);
      const chart = await page.$('figure.chart svg');
      expect(chart).not.toBeNull();
      const shot = await chart!.screenshot({ type: 'png' });
      writeFileSync(join(dir, 'chart.png'), shot);
      expect(await colours(page, shot)).toBeGreaterThan(2);
      const pdf = join(dir, 'browser.pdf');
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(2);
      expect(pages.length).toBeLessThanOrEqual(12);
      for (const p of pages) expect(p).toMatch(/\(A4\)/);
    } finally {
      await browser.close();
    }
  }, BROWSER_TIMEOUT);

  it('compute -o rapport.pdf: A4 pages, at most 12 for SITIV 2022, with the figures and page n / N', () => {
    const pdf = join(dir, 'rapport.pdf');
    const r = run(['compute', join(ROOT, 'fixtures/sitiv-2022'), '-o', pdf]);
    expect(r.exitCode, r.stderr).toBe(0);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.length).toBeLessThanOrEqual(12);
    for (const p of pages) expect(p).toMatch(/\(A4\)/);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('181 498,28');
    expect(text).toContain(`Page 1 / ${pages.length}`);
  }, BROWSER_TIMEOUT);
});
