#!/usr/bin/env tsx
/**
 * Print figures of the built app in headless Chromium (not a test: figures for a person). Each sheet
 * is exported from the bundled plan in the page and timed there (`el.exportImage` / `el.exportAtlas`,
 * from the call to the Blob); its size is the Blob's. Then the print dialog's preview: the time from a
 * change of paper to the preview drawn again (with its 150 ms wait for further changes). Frame times
 * under SwiftShader are only comparable with each other within one run.
 * The files are written to a temporary folder (printed at the end) to be looked at.
 * Run: npm run measure:print
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveDist, waitIdle, waitReady, watchedPage } from '../browser/harness';

interface Job {
  name: string;
  method: 'exportImage' | 'exportAtlas';
  options: Record<string, unknown>;
  view?: string;
}

const JOBS: Job[] = [
  { name: 'a4-landscape-150dpi.png', method: 'exportImage', options: { paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png' }, view: 'mentougou' },
  { name: 'a4-landscape.pdf', method: 'exportImage', options: { paper: 'A4', orientation: 'landscape', format: 'pdf' }, view: 'mentougou' },
  { name: 'a1-landscape.pdf', method: 'exportImage', options: { paper: 'A1', orientation: 'landscape', format: 'pdf', dpi: 150 }, view: 'mentougou' },
  { name: 'a0-landscape-25000.pdf', method: 'exportImage', options: { paper: 'A0', orientation: 'landscape', format: 'pdf', scale: 25_000 }, view: 'mentougou' },
  { name: 'atlas-town-a4.pdf', method: 'exportAtlas', options: { by: 'town', paper: 'A4' } },
  { name: 'atlas-cluster-a3.pdf', method: 'exportAtlas', options: { by: 'cluster', paper: 'A3' } },
];

const out = mkdtempSync(join(tmpdir(), 'belt-print-'));
const server = await serveDist();
const browser = await launch();
const w = await watchedPage(browser, { width: 1400, height: 900 });
const page = w.page;
await page.goto(`${server.origin}/index.html`);
await waitReady(page);

console.log('sheet                          ms      KB');
for (const job of JOBS) {
  if (job.view) {
    await page.evaluate((view) => (document.querySelector('belt-map')!.view = view), job.view);
    await new Promise((r) => setTimeout(r, 1500));
    await waitIdle(page);
  }
  const r = await page.evaluate(async ({ method, options }) => {
    const el = document.querySelector('belt-map')!;
    const t0 = performance.now();
    const blob = method === 'exportImage' ? await el.exportImage(options) : await el.exportAtlas(options as never);
    const ms = performance.now() - t0;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { ms, b64: btoa(s) };
  }, job);
  const bytes = Buffer.from(r.b64, 'base64');
  writeFileSync(join(out, job.name), bytes);
  console.log(`${job.name.padEnd(28)} ${String(Math.round(r.ms)).padStart(6)} ${String(Math.round(bytes.length / 1024)).padStart(7)}`);
}

// The dialog's preview: change the paper, wait for the preview to be drawn again.
await page.locator('belt-map .print-open').click();
const drawn = () => page.evaluate(() => {
  const c = document.querySelector('belt-map')!.shadowRoot!.querySelector('canvas.print-preview')!;
  return c.hasAttribute('aria-busy') ? null : c.getAttribute('data-drawn');
});
await page.waitForFunction(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('canvas.print-preview')!.hasAttribute('data-drawn'), null, { timeout: 60_000 });
for (const paper of ['A3', 'A2', 'A1', 'A0', 'A4']) {
  const before = await drawn();
  const t0 = Date.now();
  await page.locator('belt-map dialog.print select[name=paper]').selectOption(paper);
  while ((await drawn()) === before || (await drawn()) === null) await new Promise((r) => setTimeout(r, 10));
  console.log(`preview redrawn for ${paper}: ${Date.now() - t0} ms (with the 150 ms wait)`);
}
console.log(`console errors: ${w.errors.length}`);
console.log(`files: ${out}`);
await browser.close();
await server.close();
