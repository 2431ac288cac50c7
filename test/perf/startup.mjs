#!/usr/bin/env node
/**
 * Startup figures of the built app in headless Chromium (not a test: figures for a person).
 * - JS before first paint: gzipped bytes of every script (worker included) fetched before the map
 *   first drew the plan's layers.
 * - navigation → belt-ready: median of 5 cold loads (fresh browser context each).
 * - dist/ size.
 * Run: npm run build && node test/perf/startup.mjs
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const DIST = process.env.BELT_DIST ? `${process.env.BELT_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/json' };

const server = createServer(async (req, res) => {
  let path = new URL(req.url, 'http://x').pathname;
  if (path.endsWith('/')) path += 'index.html';
  let body;
  try { body = await readFile(join(DIST, path)); } catch { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update'],
});

async function run() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const scripts = [];
  page.on('requestfinished', (r) => {
    const url = new URL(r.url());
    if (/\.m?js$/.test(url.pathname)) scripts.push({ path: url.pathname, at: r.timing().responseEnd + r.timing().startTime });
  });
  await page.addInitScript(() => {
    document.addEventListener('belt-ready', () => (window.__ready = performance.now()));
    const poll = () => {
      const map = document.querySelector('belt-map')?.map;
      if (!map) return requestAnimationFrame(poll);
      const onRender = () => {
        if (map.getLayer('villages-circle') && map.isSourceLoaded?.('plan-villages')) {
          window.__firstPaint = performance.timeOrigin + performance.now();
          map.off('render', onRender);
        }
      };
      map.on('render', onRender);
    };
    poll();
  });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 120_000 });
  const { ready, firstPaint } = await page.evaluate(() => ({ ready: window.__ready, firstPaint: window.__firstPaint }));
  const before = scripts.filter((s) => s.at <= firstPaint);
  let gz = 0;
  for (const s of new Set(before.map((s) => s.path))) gz += gzipSync(await readFile(join(DIST, s))).length;
  await context.close();
  return { ready, gz, files: new Set(before.map((s) => s.path)).size, all: new Set(scripts.map((s) => s.path)).size, paths: [...new Set(before.map((s) => s.path))] };
}

const runs = [];
for (let i = 0; i < 5; i++) runs.push(await run());
await browser.close();
server.close();

async function du(dir) {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) total += e.isDirectory() ? await du(join(dir, e.name)) : (await stat(join(dir, e.name))).size;
  return total;
}
async function duNoMaps(dir) {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) total += await duNoMaps(join(dir, e.name));
    else if (!e.name.endsWith('.map')) total += (await stat(join(dir, e.name))).size;
  }
  return total;
}
const readies = runs.map((r) => r.ready).sort((a, b) => a - b);
console.log(`startup ready_ms runs=${readies.map((r) => r.toFixed(0)).join(',')} median=${readies[2].toFixed(0)}`);
console.log(`startup js_before_first_paint gzip_kb=${(runs[0].gz / 1024).toFixed(1)} files=${runs[0].files} (scripts loaded in all: ${runs[0].all}): ${runs[0].paths.join(" ")}`);
console.log(`startup dist_kb=${((await du(DIST)) / 1024).toFixed(0)} without_sourcemaps_kb=${((await duNoMaps(DIST)) / 1024).toFixed(0)}`);
