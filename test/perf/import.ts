#!/usr/bin/env tsx
/**
 * Import figures of the built app in headless Chromium (not a test: figures for a person). A
 * 10,000-row CSV goes through the import dialog into the bundled plan: the register's villages by
 * code with roles and years (every located one), the rest synthetic villages outside the register
 * (made up here, seeded, inside the plan's first view) added with "add them". Reported: the time
 * from choosing the file to the preview, and from "apply" to the applied report with the map idle,
 * and the longest main-thread task in each phase (PerformanceObserver 'longtask'; the page "freezes"
 * when one exceeds about 200 ms).
 * Run: npm run measure:import
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/geo/syntheticCountry';
import { loadBundledPlan } from '../helpers/bundledPlan';
import { launch, serveDist, waitIdle, waitReady } from '../browser/harness';

const ROWS = 10_000;
const plan = await loadBundledPlan();
const rand = mulberry32(8);
const [w, s, e, n] = plan.manifest.views[0]!.bounds;
const lines = ['区划代码,村名,乡镇,角色,年度,经度,纬度'];
const located = plan.villages.features.filter((f) => f.geometry);
for (const [i, f] of located.entries()) {
  const [lon, lat] = f.geometry!.coordinates as [number, number];
  lines.push([f.properties.code, f.properties.name, f.properties.town, i % 5 === 0 ? '示范村' : '提升村', 2024 + (i % 4), lon, lat].join(','));
}
for (let i = lines.length - 1; i < ROWS; i++)
  lines.push(['', `测试${i}村`, '测试镇', '', '', (w + rand() * (e - w)).toFixed(6), (s + rand() * (n - s)).toFixed(6)].join(','));
const dir = mkdtempSync(join(tmpdir(), 'belt-import-'));
const file = join(dir, 'villages-10000.csv');
writeFileSync(file, `${lines.join('\r\n')}\r\n`);

const server = await serveDist();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
await page.addInitScript(() => {
  const g = window as unknown as { __longtasks: number[] };
  g.__longtasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((x) => g.__longtasks.push(x.duration))).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${server.origin}/index.html`);
await waitReady(page);
const takeLongTasks = () =>
  page.evaluate(() => {
    const g = window as unknown as { __longtasks: number[] };
    const t = g.__longtasks;
    g.__longtasks = [];
    return t;
  });
await takeLongTasks();
const fmt = (t: number[]) => `longest_task_ms=${t.length ? Math.max(...t).toFixed(0) : 0} long_tasks=${t.length}`;

await page.locator('belt-map .import-open').click();
let t0 = Date.now();
await page.locator('belt-map input.import-input').setInputFiles(file);
await page.locator('belt-map .import-counts').waitFor({ timeout: 120_000 });
const previewMs = Date.now() - t0;
const first = await page.locator('belt-map .import-counts').innerText();
console.log(`import preview rows=${ROWS} ms=${previewMs} ${fmt(await takeLongTasks())} summary="${first}"`);

const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
}
t0 = Date.now();
await page.locator('belt-map input[name="unmatched"][value="add"]').check();
await page.locator('belt-map .import-counts').filter({ hasText: /将新增 [1-9]/ }).waitFor({ timeout: 120_000 });
const rerunMs = Date.now() - t0;
if (cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
}
console.log(`import rerun(add unmatched) ms=${rerunMs} ${fmt(await takeLongTasks())} summary="${await page.locator('belt-map .import-counts').innerText()}"`);

const cdp2 = process.env.PROFILE_APPLY ? await page.context().newCDPSession(page) : null;
if (cdp2) {
  await cdp2.send('Profiler.enable');
  await cdp2.send('Profiler.start');
}
t0 = Date.now();
await page.locator('belt-map .import-apply').click();
await page.locator('belt-map .import-counts').filter({ hasText: /已新增/ }).waitFor({ timeout: 120_000 });
await waitIdle(page);
const applyMs = Date.now() - t0;
if (cdp2) writeFileSync(process.env.PROFILE_APPLY!, JSON.stringify((await cdp2.send('Profiler.stop')).profile));
const villages = await page.evaluate(() => document.querySelector('belt-map')!.plan!.villages.features.length);
console.log(`import apply ms=${applyMs} ${fmt(await takeLongTasks())} villages_after=${villages}`);

await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
