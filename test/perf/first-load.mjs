#!/usr/bin/env node
/**
 * The first load side by side, in one run (issue 10 §4; figures for a person, not a test):
 * (a) the built app (dist/index.html) until `belt-ready`, and (b) a plain MapLibre page
 * (test/perf/plain-maplibre/, MapLibre from node_modules/maplibre-gl/dist) drawing the same plan
 * package files until the map's first `idle` after adding them. Headless Chromium, a fresh
 * context per load, the two alternating (RUNS each). For each: median time from navigation to
 * ready, and gzipped bytes of the scripts (workers included) fetched by then; then the ratios
 * app / plain (issue 10's goal: ≤ 1.2× the time, ≤ 1.3× the bytes), and the median of each round's own
 * time ratio (steadier on a machine that is busy with other work part of the time).
 * Run: npm run build && node test/perf/first-load.mjs  (BELT_DIST=<dir> for another build; RUNS=n;
 * VERBOSE=1 lists the scripts each load fetched by its ready; BEFORE=<dir> adds another build of the
 * app, e.g. one from before a change, to every round, so the two builds are compared under the same load)
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, normalize } from 'node:path';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const DIST = process.env.BELT_DIST ? `${process.env.BELT_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;
const PLAIN = new URL('./plain-maplibre/', import.meta.url).pathname;
const MAPLIBRE = new URL('../../node_modules/maplibre-gl/dist/', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 7);
const BEFORE = process.env.BEFORE ? `${process.env.BEFORE.replace(/\/$/, '')}/` : null;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/json', '.woff': 'font/woff' };

/** The file a URL path names: /plain/… and /maplibre/… for the baseline, /before/… from BEFORE, anything else from the build. */
function fileOf(path) {
  const [root, rest] = path.startsWith('/plain/') ? [PLAIN, path.slice(7)] : path.startsWith('/maplibre/') ? [MAPLIBRE, path.slice(10)] : BEFORE && path.startsWith('/before/') ? [BEFORE, path.slice(8)] : [DIST, path];
  const file = normalize(join(root, rest.endsWith('/') || rest === '' ? `${rest}index.html` : rest));
  return file.startsWith(root) ? file : null;
}

const server = createServer(async (req, res) => {
  const file = fileOf(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  let body;
  try { body = file && (await readFile(file)); } catch { body = null; }
  if (!body) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update'],
});

const gzCache = new Map();
async function gzipped(path) {
  if (!gzCache.has(path)) gzCache.set(path, gzipSync(await readFile(fileOf(path))).length);
  return gzCache.get(path);
}

/** One cold load of `url` until `readyFlag` is set on window; ready time and gzipped JS by then. */
async function load(url, readyFlag, initScript) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const scripts = [];
  page.on('requestfinished', (r) => {
    const u = new URL(r.url());
    if (u.origin === origin && /\.m?js$/.test(u.pathname)) scripts.push({ path: u.pathname, at: r.timing().startTime + r.timing().responseEnd });
  });
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  await page.waitForFunction((flag) => window[flag] !== undefined, readyFlag, { timeout: 120_000 });
  const { ready, readyAt } = await page.evaluate((flag) => ({ ready: window[flag], readyAt: performance.timeOrigin + window[flag] }), readyFlag);
  const paths = [...new Set(scripts.filter((s) => s.at <= readyAt).map((s) => s.path))];
  let gz = 0;
  for (const p of paths) gz += await gzipped(p);
  await context.close();
  if (process.env.VERBOSE) console.log(url, paths.join(" "));
  return { ready, gz, files: paths.length };
}

const onReady = () => document.addEventListener('belt-ready', () => (window.__beltReady = performance.now()));
const loads = {
  app: () => load(`${origin}/index.html`, '__beltReady', onReady),
  plain: () => load(`${origin}/plain/index.html`, '__plainReady'),
  ...(BEFORE ? { before: () => load(`${origin}/before/index.html`, '__beltReady', onReady) } : {}),
};

const runs = Object.fromEntries(Object.keys(loads).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
  // Each round in another order (rotated), so none gets the warmer machine.
  const names = Object.keys(loads);
  const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
  for (const which of (i % 2 ? order.reverse() : order)) runs[which].push(await loads[which]());
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const figures = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, { ms: median(rs.map((r) => r.ready)), kb: median(rs.map((r) => r.gz)) / 1024, files: median(rs.map((r) => r.files)), all: rs.map((r) => r.ready.toFixed(0)).join(',') }]));
for (const [k, f] of Object.entries(figures)) console.log(`first-load ${k.padEnd(6)} ready_ms median=${f.ms.toFixed(0)} (runs ${f.all}) js_gzip_kb=${f.kb.toFixed(1)} files=${f.files}`);
console.log(`first-load ratio app/plain time=${(figures.app.ms / figures.plain.ms).toFixed(2)}x bytes=${(figures.app.kb / figures.plain.kb).toFixed(2)}x (goal: time <= 1.2x, bytes <= 1.3x)`);
// Each round's own ratio (its app load over its plain load, run back to back): a machine busy with
// something else for a while slows both loads of that round, which the medians above mix across rounds.
const paired = runs.app.map((r, i) => r.ready / runs.plain[i].ready);
console.log(`first-load paired ratio app/plain time median=${median(paired).toFixed(2)}x (rounds ${paired.map((x) => x.toFixed(2)).join(',')})`);
if (BEFORE) {
  const vs = runs.app.map((r, i) => r.ready / runs.before[i].ready);
  console.log(`first-load before/plain time=${(figures.before.ms / figures.plain.ms).toFixed(2)}x paired median=${median(runs.before.map((r, i) => r.ready / runs.plain[i].ready)).toFixed(2)}x bytes=${(figures.before.kb / figures.plain.kb).toFixed(2)}x`);
  console.log(`first-load app/before paired time median=${median(vs).toFixed(2)}x (rounds ${vs.map((x) => x.toFixed(2)).join(',')})`);
}
