/**
 * Bad input in the built app: a package with many problems shows a short banner with the full list on
 * demand; a package with a reserved property key or a file off its origin is refused whole while the
 * plan on screen stays. The packages are SYNTHETIC: test/fixtures/plans/far-south with things broken here.
 * Screenshot: test-results/bad-input/many-problems.png.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitReady, watchedPage, type StaticServer } from './harness.js';

const FAR = resolve(import.meta.dirname, '../fixtures/plans/far-south');
const OUT = join(RESULTS, 'bad-input');
let browser: Browser;
let server: StaticServer;
let villageCount = 0;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  const routes: Record<string, string> = {};
  const files: Record<string, string> = {};
  for (const f of await readdir(FAR)) if (/\.(geo)?json$/.test(f)) files[f] = await readFile(join(FAR, f), 'utf8');
  const pkg = (dir: string, change: Record<string, string>) => {
    for (const [f, text] of Object.entries({ ...files, ...change })) routes[`/fixtures/${dir}/${f}`] = text;
  };
  pkg('good', {});
  // Every located village far out of range: one problem each.
  const villages = JSON.parse(files['villages.geojson']!) as GeoJSON.FeatureCollection<GeoJSON.Point | null>;
  for (const f of villages.features) if (f.geometry) f.geometry.coordinates = [500, 500];
  villageCount = villages.features.filter((f) => f.geometry).length;
  pkg('many', { 'villages.geojson': JSON.stringify(villages) });
  // One village whose properties hold "constructor".
  pkg('proto', { 'villages.geojson': files['villages.geojson']!.replace('"properties": {', '"properties": {"constructor": "c", "__proto__": {"x": 1},').replace('"properties":{', '"properties":{"constructor":"c","__proto__":{"x":1},') });
  // A manifest pointing a file at another host.
  const manifest = JSON.parse(files['plan.json']!);
  manifest.files.districts = 'http://evil.invalid/districts.geojson';
  pkg('offsite', { 'plan.json': JSON.stringify(manifest) });
  routes['/page/bad.html'] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head><body style="margin:0"><belt-map src="/fixtures/good/plan.json" plans="none" lang="en" style="height: 600px"></belt-map></body></html>`;
  server = await serveDist(routes);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('bad packages', () => {
  it('many problems: a short banner naming the file, "show all" lists every one; a hostile or off-site package is refused and the plan stays', async () => {
    const { page, errors, requests, context } = await watchedPage(browser);
    await page.goto(`${server.origin}/page/bad.html`);
    await waitReady(page);
    const title = await page.locator('belt-map h2.title').textContent();
    /** Sets src; resolves with the number of problems belt-error reported. */
    const setSrc = (src: string) =>
      page.evaluate((s) => {
        const el = document.querySelector('belt-map')!;
        return new Promise<number>((done) => {
          el.addEventListener('belt-error', (e) => done((e as CustomEvent<{ problems: unknown[] }>).detail.problems.length), { once: true });
          el.setAttribute('src', s);
        });
      }, src);

    const n = await setSrc('/fixtures/many/plan.json');
    expect(n).toBeGreaterThanOrEqual(villageCount);
    const banner = page.locator('belt-map p.error');
    const text = (await banner.textContent())!;
    expect(text.length).toBeLessThan(1500);
    expect(text).toContain(`${n} problems in villages.geojson`);
    expect(text).toMatch(/\(and \d+ more\)$/);
    await expect(page.locator('belt-map .error-list li').count()).resolves.toBe(n);
    await expect(page.locator('belt-map .error-list').isVisible()).resolves.toBe(false);
    const mapHeight = () => page.locator('belt-map').evaluate((el) => el.shadowRoot!.querySelector('.map, [part~="map"]')!.getBoundingClientRect().height);
    // The short banner leaves the map most of the 600 px element; the open list (scrolling) still leaves a map.
    expect(await mapHeight()).toBeGreaterThan(300);
    await page.locator('belt-map .error-all summary').click();
    await expect(page.locator('belt-map .error-list').isVisible()).resolves.toBe(true);
    expect(await page.locator('belt-map .error-all summary').textContent()).toBe(`Show all ${n} problems`);
    await page.screenshot({ path: join(OUT, 'many-problems.png') });
    expect(await mapHeight()).toBeGreaterThan(200);

    await setSrc('/fixtures/proto/plan.json');
    expect(await banner.textContent()).toMatch(/has the key "(constructor|__proto__)" \(at properties\.(constructor|__proto__)\), which JavaScript reserves/);
    expect(await page.locator('belt-map h2.title').textContent()).toBe(title);

    await setSrc('/fixtures/offsite/plan.json');
    expect(await banner.textContent()).toMatch(/files\.districts \(http:\/\/evil\.invalid\/districts\.geojson\) is outside the package/);
    expect(requests.filter((u) => u.includes('evil.invalid'))).toEqual([]);
    expect(await page.locator('belt-map h2.title').textContent()).toBe(title);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
