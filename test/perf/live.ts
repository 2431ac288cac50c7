#!/usr/bin/env tsx
/**
 * Live-analysis figures of the built app in headless Chromium (not a test: figures for a person).
 * 1. Median recompute of a corridor zone while its slider moves (performance measure 'belt-zone':
 *    engine + scene, the bundled plan).
 * 2. A 490,000-village import analysed in the worker: the longest main-thread task meanwhile
 *    (PerformanceObserver 'longtask') and the time until 'belt-analysis'.
 * Run: npm run build && npx tsx test/perf/live.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticCountry } from '../../src/geo/syntheticCountry';
import { launch, serveDist, waitIdle, waitReady } from '../browser/harness';

const server = await serveDist();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.addInitScript(() => {
  const w = window as unknown as { __longtasks: number[] };
  w.__longtasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longtasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${server.origin}/index.html`);
await waitReady(page);

// 1. Slider moves on the G109 zone.
await page.locator('belt-map .zone[data-line="g109"] .zone-on').check();
await waitIdle(page);
await page.evaluate(() => performance.clearMeasures('belt-zone'));
const slider = page.locator('belt-map .zone[data-line="g109"] input[type=range]');
await slider.focus();
for (let i = 0; i < 30; i++) {
  await page.keyboard.press(i < 20 ? 'ArrowRight' : 'ArrowLeft');
  await page.waitForTimeout(30);
}
await waitIdle(page);
const zoneMs = await page.evaluate(() => performance.getEntriesByName('belt-zone').map((e) => e.duration));
zoneMs.sort((a, b) => a - b);
const median = zoneMs[Math.floor(zoneMs.length / 2)]!;
console.log(`live zone_recompute_ms median=${median.toFixed(1)} max=${zoneMs.at(-1)!.toFixed(1)} n=${zoneMs.length}`);

// 1b. Edits from a village's popup, with the statistics tab open and the G109 zone on: a role set
// back and forth, then the village moved into a cluster and out (its area drawn again). Performance
// measure 'belt-edit': from the control's change to the next frame (plan, scene, legend, tables).
await page.locator('belt-map .list-toggle').click();
await page.locator('belt-map [data-tab="stats"]').click();
const target = await page.evaluate(() => {
  const el = document.querySelector('belt-map')!;
  const map = el.map!;
  const listed = new Set(el.plan!.clusters.flatMap((c) => [c.core, ...c.members]));
  const rect = map.getCanvas().getBoundingClientRect();
  for (const f of map.queryRenderedFeatures({ layers: ['villages-circle'] })) {
    const p = f.properties as { code: string; role: string; kind: string };
    const { x, y } = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
    if (p.role === 'other' && p.kind === '村委会' && !listed.has(p.code) && x > 120 && y > 120 && x < rect.width - 120 && y < rect.height - 60)
      return { x: rect.left + x, y: rect.top + y };
  }
  throw new Error('no free village in view');
});
await page.mouse.click(target.x, target.y);
await page.locator('belt-map .maplibregl-popup details.plan-edit > summary').click();
const role = page.locator('belt-map .maplibregl-popup select.edit-role');
const cluster = page.locator('belt-map .maplibregl-popup select.edit-cluster');
const firstCluster = await page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters[0]!.id);
const editMs = async (name: string, step: (i: number) => Promise<void>): Promise<void> => {
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < 20; i++) {
    await step(i);
    await page.waitForTimeout(60);
  }
  await waitIdle(page);
  for (const measure of ['belt-edit', 'belt-edit-frame']) {
    const ms = (await page.evaluate((m) => performance.getEntriesByName(m).map((e) => e.duration), measure)).sort((a, b) => a - b);
    console.log(`live ${measure.replace(/-/g, '_')}_${name}_ms median=${ms[Math.floor(ms.length / 2)]!.toFixed(1)} max=${ms.at(-1)!.toFixed(1)} n=${ms.length}`);
  }
};
// PROFILE_EDIT=<file>: a CPU profile of the role edits (for a person to read, e.g. in DevTools).
const cdp = process.env.PROFILE_EDIT ? await page.context().newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
}
await editMs('role', (i) => role.selectOption(i % 2 === 0 ? 'poetic' : 'other').then(() => undefined));
if (cdp) writeFileSync(process.env.PROFILE_EDIT!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
await editMs('cluster', (i) => cluster.selectOption(i % 2 === 0 ? firstCluster : '').then(() => undefined));

if (process.env.EDITS_ONLY) process.exit(0);
// 2. A country's worth of villages, analysed in the worker.
const dir = mkdtempSync(join(tmpdir(), 'belt-live-'));
const file = join(dir, 'country.geojson');
const t0 = Date.now();
writeFileSync(file, JSON.stringify(syntheticCountry({ seed: 7 }).villages));
console.error(`wrote ${file} in ${Date.now() - t0} ms`);
// The observer works: page start-up does have long tasks (MapLibre, parsing the plan).
const startup = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks.length);
console.error(`long tasks recorded before the import (start-up, slider): ${startup}`);
await page.evaluate(() => ((window as unknown as { __longtasks: number[] }).__longtasks = []));
const started = Date.now();
const done = page.evaluate(
  () => new Promise<unknown>((r) => document.querySelector('belt-map')!.addEventListener('belt-analysis', (e) => r((e as CustomEvent).detail), { once: true })),
);
await page.locator('belt-map .import-file').setInputFiles(file);
const detail = (await done) as { imported: number; zones: { count: number }[]; ms: number };
const elapsed = Date.now() - started;
await waitIdle(page);
const longtasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
console.log(
  `live worker_import n=${detail.imported} zone_count=${detail.zones.map((z) => z.count).join(',')} worker_zone_ms=${detail.ms.toFixed(0)} ` +
    `import_to_result_ms=${elapsed} longest_main_task_ms=${longtasks.length ? Math.max(...longtasks).toFixed(0) : 0} long_tasks=${longtasks.length}`,
);
await page.screenshot({ path: join(dir, 'imported.png') });
console.error(`screenshot ${join(dir, 'imported.png')}`);
await browser.close();
await server.close();
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
