#!/usr/bin/env tsx
/**
 * Print figures of the built app in headless Chromium (not a test: figures for a person). Each sheet
 * is exported from the bundled plan in the page and timed there (`el.exportImage` / `el.exportAtlas`,
 * from the call to the Blob); its size is the Blob's. Then the print dialog's preview: the time from a
 * change of paper to the preview drawn again (with its 150 ms wait for further changes). Frame times
 * under SwiftShader are only comparable with each other within one run.
 * Last, the preview of a SYNTHETIC plan of BIG_PRINT_VILLAGES (50,000) villages (test/perf/big-src-package.ts)
 * while a title is typed: each key is a change, so the time to the preview drawn again and the longest
 * main-thread task meanwhile ('longtask') say whether typing stays smooth with a big plan.
 * The files are written to a temporary folder (printed at the end) to be looked at.
 * Run: npm run measure:print
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveDist, waitIdle, waitReady, watchedPage } from '../browser/harness';
import { bigPackage } from './big-src-package';

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

// A big plan's preview while a title is typed.
const COUNT = Number(process.env.BIG_PRINT_VILLAGES ?? 50_000);
const big = Object.fromEntries(Object.entries(await bigPackage(COUNT)).map(([name, text]) => [`/big/${name}`, text]));
const bigServer = await serveDist({ ...big, '/big.html': '<!doctype html><meta charset="utf-8"><script type="module" src="./belt-map-element.js"></script><style>belt-map { width: 1400px; height: 900px; }</style><belt-map src="./big/plan.json"></belt-map>' });
const b = await watchedPage(browser, { width: 1400, height: 900 });
await b.page.addInitScript(() => {
  const g = window as unknown as { __longest: number };
  g.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) g.__longest = Math.max(g.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
});
await b.page.goto(`${bigServer.origin}/big.html`);
await waitReady(b.page);
await b.page.locator('belt-map .print-open').click();
await b.page.waitForFunction(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('canvas.print-preview')!.hasAttribute('data-drawn'), null, { timeout: 120_000 });
const bigDrawn = () => b.page.evaluate(() => {
  const c = document.querySelector('belt-map')!.shadowRoot!.querySelector('canvas.print-preview')!;
  return c.hasAttribute('aria-busy') ? null : c.getAttribute('data-drawn');
});
const redraws: number[] = [];
const longest: number[] = [];
const title = b.page.locator('belt-map dialog.print input[name=title]');
for (const text of ['示', '示范', '示范带', '示范带规划', '示范带规划图']) {
  await b.page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
  const before = await bigDrawn();
  const t0 = Date.now();
  await title.fill(text);
  while ((await bigDrawn()) === before || (await bigDrawn()) === null) await new Promise((r) => setTimeout(r, 10));
  redraws.push(Date.now() - t0);
  longest.push(await b.page.evaluate(() => Math.round((window as unknown as { __longest: number }).__longest)));
}
console.log(`${COUNT.toLocaleString('en')}-village plan, title typed: preview redrawn in ${redraws.join(', ')} ms; longest main-thread task ${longest.join(', ')} ms`);
console.log(`console errors: ${w.errors.length + b.errors.length}`);
console.log(`files: ${out}`);
await b.context.close();
await browser.close();
await server.close();
await bigServer.close();
