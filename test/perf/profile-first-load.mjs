#!/usr/bin/env node
/**
 * Where the app's first load spends its time until `belt-ready` (issue 10 §4; figures for a person,
 * not a test). One cold load (or RUNS of them) of the built app in headless Chromium, as
 * test/perf/first-load.mjs loads it, with:
 * - a timeline: navigation → scripts and data fetched (Resource Timing), the element defined, the
 *   MapLibre map made, its style set, its first render and first idle, the app's own performance marks
 *   (`belt-*`), long tasks, belt-ready;
 * - the main thread's CPU profile (Chrome DevTools Protocol Profiler, sampled every 200 µs) until
 *   belt-ready: self time by script file, and the TOP functions by self time.
 * Run: npm run build && node test/perf/profile-first-load.mjs  (BELT_DIST=<dir>; RUNS=n; TOP=n;
 * PLAIN=1 profiles the plain MapLibre page of first-load.mjs instead)
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const DIST = process.env.BELT_DIST ? `${process.env.BELT_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;
const PLAIN = new URL('./plain-maplibre/', import.meta.url).pathname;
const MAPLIBRE = new URL('../../node_modules/maplibre-gl/dist/', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 1);
const TOP = Number(process.env.TOP ?? 25);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/json', '.woff': 'font/woff' };

function fileOf(path) {
  const [root, rest] = path.startsWith('/plain/') ? [PLAIN, path.slice(7)] : path.startsWith('/maplibre/') ? [MAPLIBRE, path.slice(10)] : [DIST, path];
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

/** In the page: the moments of the map's life, found by watching for `<belt-map>`'s `map`. */
function watch() {
  const at = (window.__at = {});
  const mark = (name) => (at[name] ??= performance.now());
  window.__longtasks = [];
  new PerformanceObserver((l) => window.__longtasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  // A known moment on both clocks: a 2 ms busy loop named __profileAnchor, found in the CPU profile.
  window.__anchor = function __profileAnchor() { const t = performance.now(); while (performance.now() - t < 2); return t; };
  document.addEventListener('DOMContentLoaded', () => (window.__anchorAt = window.__anchor()));
  document.addEventListener('belt-ready', () => mark('belt-ready'));
  // Shader programs linked (MapLibre makes one per layer type and set of data-driven properties).
  window.__programs = 0;
  const link = WebGL2RenderingContext.prototype.linkProgram;
  WebGL2RenderingContext.prototype.linkProgram = function (p) { window.__programs++; return link.call(this, p); };
  customElements.whenDefined('belt-map').then(() => mark('element defined'));
  const poll = setInterval(() => {
    const map = document.querySelector('belt-map')?.map;
    if (!map) return;
    clearInterval(poll);
    mark('map made');
    map.once('styledata', () => mark('map style data'));
    map.once('load', () => mark('map load'));
    map.once('render', () => mark('map first render'));
    map.on('sourcedata', (e) => e.isSourceLoaded && e.sourceId === 'villages' && mark('villages source loaded'));
    map.once('idle', () => mark('map first idle'));
  }, 2);
}

/** Self time of a CDP CPU profile by node (function) and by script. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  const fns = new Map();
  const files = new Map();
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    const file = f.url ? new URL(f.url).pathname : `(${f.functionName || 'native'})`;
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  // Inclusive time: each sample counts once for every function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id) => { const f = byId.get(id).callFrame; return `${f.functionName || '(anonymous)'} ${f.url ? new URL(f.url).pathname : ''}:${f.lineNumber + 1}`; };
  const incl = new Map();
  for (const [id, ms] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) seen.add(keyOf(n));
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + ms);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { fns: sorted(fns), files: sorted(files), incl: sorted(incl).filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k)) };
}

/** Inclusive time by function over the samples inside each window [start, end] (ms on the page's clock). */
function inWindows(profile, anchorAt, windows, top = 8) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stack = (id) => { const out = []; for (let n = id; n !== undefined; n = parent.get(n)) out.push(byId.get(n).callFrame); return out; };
  const times = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d) / 1000);
  const a = profile.samples.findIndex((id) => stack(id).some((f) => f.functionName === '__profileAnchor'));
  if (a < 0 || anchorAt === undefined) return [];
  const offset = times[a] - anchorAt;
  return windows.map(([start, end, label]) => {
    const incl = new Map();
    let n = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const at = times[i] - offset;
      if (at < start || at > end) continue;
      const ms = ((times[i + 1] ?? times[i]) - times[i]);
      n += ms;
      const keys = new Set(stack(profile.samples[i]).map((f) => `${f.functionName || '(anonymous)'} ${f.url ? new URL(f.url).pathname.replace(/-[\w-]{8}\.m?js$/, '') : ''}:${f.lineNumber + 1}`));
      for (const k of keys) if (!/^\((root|program|idle)\)/.test(k)) incl.set(k, (incl.get(k) ?? 0) + ms);
    }
    return { label, n, top: [...incl].sort((x, y) => y[1] - x[1]).slice(0, top) };
  });
}

for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const flag = process.env.PLAIN ? '__plainReady' : '__beltReady';
  await page.addInitScript(watch);
  if (!process.env.PLAIN) await page.addInitScript(() => document.addEventListener('belt-ready', () => (window.__beltReady = performance.now())));
  await page.goto(process.env.PLAIN ? `${origin}/plain/index.html` : `${origin}/index.html`);
  await page.waitForFunction((f) => window[f] !== undefined, flag, { timeout: 120_000 });
  const { profile } = await cdp.send('Profiler.stop');
  const info = await page.evaluate((f) => ({
    ready: window[f],
    anchorAt: window.__anchorAt,
    programs: window.__programs,
    at: window.__at,
    longtasks: window.__longtasks,
    resources: performance.getEntriesByType('resource').map((r) => [new URL(r.name).pathname, r.startTime, r.responseEnd]),
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
    measures: performance.getEntriesByType('measure').map((m) => [m.name, m.startTime, m.duration]),
    nav: (({ domInteractive, domContentLoadedEventEnd, loadEventEnd }) => ({ domInteractive, domContentLoadedEventEnd, loadEventEnd }))(performance.getEntriesByType('navigation')[0]),
  }), flag);
  await context.close();

  const events = [
    ...Object.entries(info.nav).map(([k, t]) => [t, `navigation ${k}`]),
    ...info.resources.map(([p, s, e]) => [e, `fetched ${p} (${s.toFixed(0)}–${e.toFixed(0)})`]),
    ...Object.entries(info.at).map(([k, t]) => [t, k]),
    ...info.marks.map(([k, t]) => [t, `mark ${k}`]),
    ...info.measures.map(([k, s, d]) => [s + d, `measure ${k} (${d.toFixed(0)} ms from ${s.toFixed(0)})`]),
    ...info.longtasks.map(([s, d]) => [s, `long task ${d.toFixed(0)} ms (to ${(s + d).toFixed(0)})`]),
    [info.ready, 'READY'],
  ].filter(([t]) => t > 0 && t <= info.ready + 1).sort((a, b) => a[0] - b[0]);
  console.log(`\n== run ${run + 1}: ready at ${info.ready.toFixed(0)} ms; ${info.programs} shader programs linked`);
  for (const [t, what] of events) console.log(`${t.toFixed(0).padStart(6)} ${what}`);
  const { fns, files, incl } = selfTimes(profile);
  const total = files.reduce((s, [, ms]) => s + ms, 0);
  const windows = info.longtasks.filter(([st]) => st <= info.ready).map(([st, d]) => [st, st + d, `long task ${st.toFixed(0)}–${(st + d).toFixed(0)}`]);
  // The gaps between long tasks (short tasks and idle), too.
  const lt = windows.slice();
  for (let i = 1; i < lt.length; i++) if (lt[i][0] - lt[i - 1][1] > 30) windows.push([lt[i - 1][1], lt[i][0], `between long tasks ${lt[i - 1][1].toFixed(0)}–${lt[i][0].toFixed(0)}`]);
  windows.sort((x, y) => x[0] - y[0]);
  // WINDOWS="from-to,…" (ms) adds windows of one's own, e.g. a gap between two events of the timeline.
  for (const w of (process.env.WINDOWS ?? '').split(',').filter(Boolean)) windows.push([...w.split('-').map(Number), `window ${w}`]);
  for (const w of inWindows(profile, info.anchorAt, windows, Number(process.env.WTOP ?? 8))) {
    console.log(`\n-- ${w.label} (${w.n.toFixed(0)} ms sampled), inclusive:`);
    for (const [fn, ms] of w.top) console.log(`${ms.toFixed(1).padStart(7)} ${fn}`);
  }
  console.log(`\n-- main thread self time by script (ms; ${total.toFixed(0)} sampled)`);
  for (const [file, ms] of files.slice(0, 15)) console.log(`${ms.toFixed(0).padStart(6)} ${file}`);
  console.log(`\n-- top ${TOP} functions by self time (ms)`);
  for (const [fn, ms] of fns.slice(0, TOP)) console.log(`${ms.toFixed(1).padStart(7)} ${fn}`);
  console.log(`\n-- top ${TOP * 2} functions by inclusive time (ms)`);
  for (const [fn, ms] of incl.slice(0, TOP * 2)) console.log(`${ms.toFixed(1).padStart(7)} ${fn}`);
}
await browser.close();
server.close();
