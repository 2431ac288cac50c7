/**
 * measure:big-src — a huge plan through `<belt-map src>` (#10 §5). Not a test: figures for a person.
 *
 * Serves the built app (dist/, or BELT_DIST) and a SYNTHETIC package of BIG_SRC_VILLAGES (500,000)
 * villages (test/perf/big-src-package.ts), then in headless Chromium:
 * - element: `<belt-map src=…>` loads it; reports time to belt-ready, when the plan reached the page
 *   (`el.plan` set), and the main thread's long tasks ('longtask' PerformanceObserver), split into
 *   those before the plan reached the page (fetch, parse, validation, hand-over) and after (scene,
 *   MapLibre, the first draw);
 * - main thread: the public `loadPlan()` on the page's thread, as `src` did before the worker: its
 *   longest task is the fetch + parse + validation alone;
 * - small: the bundled plan's belt-ready and plan-on-the-page times, median of 7 loads (the worker must
 *   not slow a small plan).
 *
 * Run: npm run build && npm run measure:big-src   (BIG_SRC_VILLAGES=100000 for a smaller package)
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { bigPackage } from './big-src-package.js';

const DIST = resolve(process.env.BELT_DIST ?? resolve(import.meta.dirname, '../../dist'));
const COUNT = Number(process.env.BIG_SRC_VILLAGES ?? 500_000);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json' };

console.log(`Generating a synthetic package of ${COUNT.toLocaleString('en')} villages…`);
const big = Object.fromEntries(Object.entries(await bigPackage(COUNT)).map(([name, text]) => [`/big/${name}`, Buffer.from(text)]));
console.log(`villages.geojson: ${(big['/big/villages.geojson']!.length / 1e6).toFixed(0)} MB`);

const pages: Record<string, string> = {
  '/big-element.html': `<!doctype html><meta charset="utf-8"><script type="module" src="./belt-map-element.js"></script>
<style>belt-map { width: 1280px; height: 800px; }</style><belt-map src="./big/plan.json"></belt-map>`,
  '/big-main.html': `<!doctype html><meta charset="utf-8"><script type="module">
import { loadPlan } from './belt-map.js';
const t0 = performance.now();
loadPlan('./big/plan.json').then((p) => { window.__loaded = { ms: performance.now() - t0, villages: p.villages.features.length }; }, (e) => { window.__loaded = { error: e.message }; });
</script>`,
};

const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  const body = big[path] ?? (pages[path] !== undefined ? Buffer.from(pages[path]!) : await readFile(join(DIST, path)).catch(() => null));
  if (!body || !join(DIST, path).startsWith(DIST)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': type }).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update'],
});

type Task = { start: number; duration: number };
/**
 * Records long tasks, belt-ready and the moment `el.plan` is set, from the page's first script on.
 * A string, not a function: tsx would wrap the function's inner functions in a helper the page lacks.
 */
const INSTRUMENT = `
window.__tasks = [];
// The Long Tasks API misses work run from a network response (a fetch's promise callbacks): a
// setTimeout heartbeat also sees those. A gap between beats is a time the page could not respond.
window.__gaps = [];
let last = performance.now();
(function beat() {
  const now = performance.now();
  if (now - last > 50) window.__gaps.push({ start: last, duration: now - last });
  last = now;
  setTimeout(beat, 0);
})();
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration }); })
  .observe({ type: 'longtask', buffered: true });
// How long the page takes to take each message of the plan-loading worker (reading the structured
// clone happens before the handler, so the time from the message's dispatch is what counts).
window.__pieces = [];
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url, options) {
    super(url, options);
    this.__name = options && options.name;
  }
  set onmessage(fn) {
    super.onmessage = (e) => {
      const t = performance.now();
      fn(e);
      if (this.__name === 'belt-map-load') window.__pieces.push({ start: e.timeStamp, duration: performance.now() - e.timeStamp, run: performance.now() - t });
    };
  }
};
document.addEventListener('belt-ready', () => (window.__ready = performance.now()));
requestAnimationFrame(function poll() {
  const el = document.querySelector('belt-map');
  if (el && el.plan) window.__planAt = performance.now();
  else requestAnimationFrame(poll);
});`;
const instrument = (page: Page) => page.addInitScript({ content: INSTRUMENT });

const fmt = (ms: number | undefined) => (ms === undefined ? '–' : `${Math.round(ms)} ms`);
const summary = (tasks: Task[]) =>
  `${tasks.length} ≥ 50 ms, longest ${fmt(Math.max(0, ...tasks.map((t) => t.duration)))}, total ${fmt(tasks.reduce((s, t) => s + t.duration, 0))}`;

async function element(): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await instrument(page);
  await page.goto(`${origin}/big-element.html`);
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 600_000, polling: 1000 });
  await page.waitForTimeout(1000); // the observer reports a task after it ended
  const { __gaps: tasks, __tasks: longTasks, __ready: ready, __planAt: planAt, __pieces: pieces } = await page.evaluate(() => {
    const w = window as unknown as { __tasks: Task[]; __gaps: Task[]; __ready: number; __planAt: number; __pieces: (Task & { run: number })[] };
    return { __tasks: w.__tasks, __gaps: w.__gaps, __ready: w.__ready, __planAt: w.__planAt, __pieces: w.__pieces };
  });
  // The task the plan arrived in is the hand-over (the last slice, then the element takes the plan).
  const before = tasks.filter((t) => t.start + t.duration < planAt - 1);
  const after = tasks.filter((t) => t.start + t.duration >= planAt - 1);
  console.log(`element: plan on the page at ${fmt(planAt)}, belt-ready at ${fmt(ready)}; Long Tasks API: ${summary(longTasks)}`);
  const last = pieces.at(-1);
  console.log(
    `  the worker's ${pieces.length} messages: the page took ${fmt(Math.max(0, ...pieces.slice(0, -1).map((p) => p.duration)))} at most for one (dispatch → handled), ` +
      `${fmt(pieces.slice(0, -1).reduce((s, p) => s + p.duration, 0))} in all; the last (done: the element takes the plan, sync part) ${fmt(last?.run)}`,
  );
  console.log('  main thread blocked ≥ 50 ms (heartbeat gaps):');
  console.log(`  before the plan reached the page (fetch, parse, validate in the worker; hand-over): ${summary(before)}`);
  console.log(`  after (scene, MapLibre, first draw): ${summary(after)}`);
  if (process.env.BIG_SRC_TASKS) console.log(`  all: ${tasks.map((t) => `${fmt(t.duration)}@${fmt(t.start)}`).join(', ')}`);
  console.log(`  longest after: ${after.sort((a, b) => b.duration - a.duration).slice(0, 5).map((t) => `${fmt(t.duration)} at ${fmt(t.start)}`).join(', ')}`);
  await context.close();
}

async function mainThread(): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await instrument(page);
  await page.goto(`${origin}/big-main.html`);
  await page.waitForFunction(() => (window as unknown as { __loaded?: unknown }).__loaded !== undefined, null, { timeout: 600_000, polling: 1000 });
  await page.waitForTimeout(1000);
  const { loaded, tasks, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { __tasks: Task[]; __gaps: Task[]; __loaded: { ms?: number; villages?: number; error?: string } };
    return { loaded: w.__loaded, tasks: w.__gaps, longTasks: w.__tasks };
  });
  if (process.env.BIG_SRC_TASKS) console.log(`  all: ${tasks.map((t) => `${fmt(t.duration)}@${fmt(t.start)}`).join(', ')}`);
  console.log(`main thread loadPlan(): ${loaded.error ?? `${loaded.villages} villages in ${fmt(loaded.ms)}`}; blocked: ${summary(tasks)}; Long Tasks API: ${summary(longTasks)}`);
  await context.close();
}

async function small(): Promise<void> {
  const times: number[] = [];
  const planTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await instrument(page);
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 120_000 });
    const { ready, planAt } = await page.evaluate(() => {
      const w = window as unknown as { __ready: number; __planAt: number };
      return { ready: w.__ready, planAt: w.__planAt };
    });
    times.push(ready);
    planTimes.push(planAt);
    await context.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `small (the bundled plan): belt-ready median ${fmt(median(times))}, plan on the page median ${fmt(median(planTimes))} ` +
      `(runs: ${times.map((t) => Math.round(t)).join(', ')} ms; ${planTimes.map((t) => Math.round(t)).join(', ')} ms)`,
  );
}

try {
  const only = process.argv[2];
  if (!only || only === 'small') await small();
  if (!only || only === 'element') await element();
  if (!only || only === 'main') await mainThread();
} finally {
  await browser.close();
  server.close();
}
