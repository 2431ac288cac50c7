/**
 * `<belt-map url-state>` in the built app (dist/) in headless Chromium: a link's hash restores the
 * view, layers, zone and distance, selection and statistics' year; panning, toggling and choosing a
 * year write the hash in place (no history entry); the host page's own hash parts and another
 * element's keys are kept; without the attribute the hash is never read or written; "copy link"
 * copies a link that restores the same view in a new page (and offers it by hand when the clipboard
 * refuses). Also: a print after an edit shows the edited plan.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHash } from '../../src/state/urlState';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

const FIX = resolve(import.meta.dirname, '../fixtures/import');
const MALAN = '110109106203'; // 马栏村 in the bundled plan, at 115.688642, 39.935922 (villages.geojson)
const LINK = `#bm.view=115.7,39.94,11.25&bm.layers=villages,corridors,clusters&bm.zones=g109:4.5&bm.sel=villages:${MALAN}&bm.year=2025`;

/** A host page that uses its hash itself, with a map that has an id (its keys are `bm.east.`). */
const HOST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script>window.__hashchanges = 0; addEventListener('hashchange', () => window.__hashchanges++);</script>
<script type="module" src="/belt-map.js"></script></head>
<body><h1 id="intro">Intro</h1><belt-map id="east" url-state style="height: 500px"></belt-map></body></html>`;

/** The same page without the attribute. */
const PLAIN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head>
<body><belt-map style="height: 500px"></belt-map></body></html>`;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDist({ '/host.html': HOST_PAGE, '/plain.html': PLAIN_PAGE });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Seen {
  center: [number, number];
  zoom: number;
  layers: Record<string, boolean>;
  zone: { on: boolean; km: string };
  popup: string | null;
  year: number | null;
  hash: string;
  historyLength: number;
}

/** What the page shows: the map's camera, the layer and zone controls, the popup, the statistics' year. */
async function seen(page: Page, selector = 'belt-map'): Promise<Seen> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement & { map: { getCenter(): { lng: number; lat: number }; getZoom(): number } };
    const root = el.shadowRoot!;
    const c = el.map.getCenter();
    const layers = Object.fromEntries([...root.querySelectorAll<HTMLInputElement>('input[data-layer]')].map((i) => [i.dataset['layer'], i.checked]));
    const zone = root.querySelector('.zone[data-line="g109"]')!;
    return {
      center: [c.lng, c.lat] as [number, number],
      zoom: el.map.getZoom(),
      layers,
      zone: { on: zone.querySelector<HTMLInputElement>('input.zone-on')!.checked, km: zone.querySelector<HTMLInputElement>('input[type=number]')?.value ?? '' },
      popup: root.querySelector<HTMLElement>('.maplibregl-popup')?.innerText ?? null,
      year: (root.querySelector('belt-feature-list') as unknown as { statsYear: number | null }).statsYear,
      hash: location.hash,
      historyLength: history.length,
    };
  }, selector);
}

/** Resolves once the map's centre is within ~10 m of `center`. */
async function waitCenter(page: Page, center: [number, number], selector = 'belt-map'): Promise<void> {
  await page.waitForFunction(
    ([sel, [lon, lat]]) => {
      const map = (document.querySelector(sel as string) as unknown as { map: { getCenter(): { lng: number; lat: number } } | null }).map;
      const c = map?.getCenter();
      return !!c && Math.abs(c.lng - (lon as number)) < 1e-4 && Math.abs(c.lat - (lat as number)) < 1e-4;
    },
    [selector, center] as const,
  );
}

/** Drags the map by (dx, dy) pixels with the mouse, as a person pans. */
async function drag(page: Page, dx: number, dy: number): Promise<void> {
  const box = (await page.locator('belt-map .maplibregl-canvas').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

describe('<belt-map url-state> on the demo page', () => {
  let w: Watched;
  let copied = '';
  let recorded: () => Promise<Recorded>;
  beforeAll(async () => {
    w = await watchedPage(browser);
    recorded = await recordEvents(w.page, ['belt-select']);
    await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await w.page.goto(`${server.origin}/index.html${LINK}`);
    await waitReady(w.page);
    await waitCenter(w.page, [115.7, 39.94]);
    await w.page.locator('belt-map .maplibregl-popup').waitFor();
    await waitIdle(w.page);
  });
  afterAll(async () => {
    await w?.context.close();
  });

  it('restores view, layers, zone and its distance, the selected village (popup on it) and the year', async () => {
    await w.page.screenshot({ path: join(RESULTS, 'url-state-restored.png') });
    const s = await seen(w.page);
    expect(s.zoom).toBeCloseTo(11.25, 2);
    expect(s.layers).toEqual({ boundaries: false, villages: true, corridors: true, 'culture-belts': false, clusters: true, belt: false });
    expect(s.zone).toEqual({ on: true, km: '4.5' });
    expect(s.popup).toContain('马栏村');
    expect(s.year).toBe(2025);
    // The popup points at the village itself (115.688642, 39.935922), not elsewhere: its tip is on the
    // point, but for the 14 px by which the popup keeps clear of the feature it describes.
    const at = await w.page.evaluate(() => {
      const el = document.querySelector('belt-map') as unknown as { map: { project(p: [number, number]): { x: number; y: number } } ; shadowRoot: ShadowRoot };
      const p = el.map.project([115.688642, 39.935922]);
      const tip = el.shadowRoot.querySelector('.maplibregl-popup-tip')!.getBoundingClientRect();
      const canvas = el.shadowRoot.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      return { dx: tip.left + tip.width / 2 - (canvas.left + p.x), dy: tip.bottom - (canvas.top + p.y) };
    });
    expect(Math.hypot(at.dx, at.dy)).toBeLessThan(14 + 6);
    // The year shows in the statistics tab too.
    await w.page.locator('belt-map .list-toggle').click();
    await w.page.locator('belt-map [data-tab="stats"]').click();
    await expect(w.page.locator('belt-map label.year select').inputValue()).resolves.toBe('2025');
    // The page did not pick anything: restoring fires no belt-select.
    expect((await recorded())['belt-select']).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('writes pans, layer toggles, zone distances and the year into the hash in place (replaceState, throttled)', async () => {
    const before = await seen(w.page);
    await drag(w.page, -160, 90);
    await w.page.waitForFunction((h) => location.hash !== h, before.hash);
    const panned = await seen(w.page);
    const state = readHash(panned.hash)!;
    expect(state.camera!.center[0]).toBeCloseTo(panned.center[0], 4);
    expect(state.camera!.center[1]).toBeCloseTo(panned.center[1], 4);
    expect(state.camera!.center[0]).toBeGreaterThan(115.7 + 0.01); // dragged left: the view moved east
    expect(panned.historyLength).toBe(before.historyLength);

    await w.page.locator('belt-map input[data-layer="boundaries"]').click();
    await w.page.locator('belt-map .zone[data-line="g109"] input[type=number]').fill('6');
    await w.page.locator('belt-map .zone[data-line="g109"] input[type=number]').press('Enter');
    await w.page.locator('belt-map label.year select').selectOption('2026');
    await w.page.waitForFunction(() => location.hash.includes('bm.year=2026') && location.hash.includes('g109:6') && location.hash.includes('boundaries'));
    const after = await seen(w.page);
    expect(readHash(after.hash)).toMatchObject({
      layers: ['boundaries', 'villages', 'corridors', 'clusters'],
      zones: [{ lineId: 'g109', km: 6 }],
      selection: { layer: 'villages', id: MALAN },
      year: 2026,
    });
    expect(after.historyLength).toBe(before.historyLength);
    // Throttled: a drag's frames make one write, not one per frame.
    const writes = await w.page.evaluate(async () => {
      let n = 0;
      const replace = history.replaceState.bind(history);
      history.replaceState = (...args: Parameters<History['replaceState']>) => {
        n++;
        replace(...args);
      };
      const map = (document.querySelector('belt-map') as unknown as { map: { panBy(p: [number, number], o: object): void; once(e: string, f: () => void): void } }).map;
      await new Promise<void>((r) => {
        map.once('moveend', () => r());
        map.panBy([120, 0], { duration: 600 });
      });
      await new Promise((r) => setTimeout(r, 600));
      history.replaceState = replace;
      return n;
    });
    expect(writes).toBe(1);
  });

  it('applies a hash edited in the same page (hashchange)', async () => {
    await w.page.evaluate(() => (location.hash = '#bm.view=116.5,40.4,9&bm.sel=clusters:huairou-liulimiao&bm.zones=great-wall:2'));
    await waitCenter(w.page, [116.5, 40.4]);
    await w.page.locator('belt-map .maplibregl-popup').waitFor();
    const s = await seen(w.page);
    expect(s.zoom).toBeCloseTo(9, 2);
    // What the link does not say is back to the element's defaults: every layer, no g109 zone, every year.
    expect(Object.values(s.layers).every(Boolean)).toBe(true);
    expect(s.zone.on).toBe(false);
    expect(s.year).toBeNull();
    const greatWall = await w.page.locator('belt-map .zone[data-line="great-wall"] input.zone-on').isChecked();
    expect(greatWall).toBe(true);
    expect(s.popup).toMatch(/琉璃庙/);
  });

  it('copies a link that opens the same view in a new page', async () => {
    await w.page.evaluate(() => (location.hash = `#bm.view=115.75,39.95,11.5,20&bm.sel=villages:110109106203&bm.zones=g109:4.5&bm.year=2025`));
    await waitCenter(w.page, [115.75, 39.95]);
    await w.page.locator('belt-map .maplibregl-popup').waitFor();
    await waitIdle(w.page);
    await w.page.locator('belt-map button.share-copy').click();
    await w.page.waitForFunction(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('[aria-live]')!.textContent!.includes('链接已复制'));
    copied = await w.page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${server.origin}/index.html#`)).toBe(true);
    const original = await seen(w.page);
    expect(readHash(new URL(copied).hash)).toMatchObject({ selection: { layer: 'villages', id: MALAN }, zones: [{ lineId: 'g109', km: 4.5 }], year: 2025 });

    const page = await w.context.newPage();
    try {
      await page.goto(copied);
      await waitReady(page);
      await waitCenter(page, original.center);
      await page.locator('belt-map .maplibregl-popup').waitFor();
      const s = await seen(page);
      expect(s.zoom).toBeCloseTo(original.zoom, 2);
      const bearing = await page.evaluate(() => (document.querySelector('belt-map') as unknown as { map: { getBearing(): number } }).map.getBearing());
      expect(bearing).toBeCloseTo(20, 1);
      expect(s.layers).toEqual(original.layers);
      expect(s.zone).toEqual(original.zone);
      expect(s.year).toBe(2025);
      expect(s.popup).toContain('马栏村');
      await page.screenshot({ path: join(RESULTS, 'url-state-copied.png') });
    } finally {
      await page.close();
      // The first page draws again (a page behind another gets no animation frames).
      await w.page.bringToFront();
    }
  });

  it('offers the link for copying by hand when the clipboard refuses', async () => {
    await w.page.evaluate(() => Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }));
    await w.page.locator('belt-map button.share-copy').click();
    const field = w.page.locator('belt-map .share-manual input');
    await field.waitFor();
    const f = await field.evaluate((i: HTMLInputElement) => ({ value: i.value, readOnly: i.readOnly, selected: i.selectionStart === 0 && i.selectionEnd === i.value.length, focused: i.getRootNode() instanceof ShadowRoot && (i.getRootNode() as ShadowRoot).activeElement === i }));
    expect(f).toMatchObject({ readOnly: true, selected: true, focused: true });
    expect(f.value).toBe(await w.page.evaluate(() => location.href));
    expect(readHash(new URL(f.value).hash)?.selection).toEqual({ layer: 'villages', id: MALAN });
    await expect(w.page.locator('belt-map [aria-live]').innerText()).resolves.toContain('手动复制');
    await field.press('Escape');
    await expect(field.count()).resolves.toBe(0);
  });

  it('prints the edited plan: villages an import gives roles are drawn in their role colours on the print', async () => {
    /**
     * A small PNG of the current view, as pixel counts near the demonstration (#c62828) and upgrade
     * (#ef6c00) role colours of the bundled plan (its roles' kinds' default colours, src/state/theme.ts).
     */
    const print = () =>
      w.page.evaluate(async () => {
        const el = document.querySelector('belt-map')!;
        const blob = await el.exportImage({ paper: 'A4', dpi: 72, format: 'png', date: '2026-01-01', title: 't' });
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
        const near = (i: number, [r, g, b]: number[]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 40;
        let demonstration = 0;
        let upgrade = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (near(i, [0xc6, 0x28, 0x28])) demonstration++;
          if (near(i, [0xef, 0x6c, 0x00])) upgrade++;
        }
        return { demonstration, upgrade };
      });
    // Mentougou's 斋堂镇 and 龙泉地区: 灵水村 (other → 示范村), 马栏村 (other → 提升村), 琉璃渠村 (unlocated → placed, 示范村) are in view.
    await w.page.evaluate(() => (location.hash = '#bm.view=115.9,39.97,10.5&bm.layers=villages'));
    await waitCenter(w.page, [115.9, 39.97]);
    await waitIdle(w.page);
    const original = await print();
    const bytes = [...(await readFile(join(FIX, 'villages-gbk.csv')))];
    const report = await w.page.evaluate((b) => {
      const w = window as unknown as { __import: Promise<unknown> };
      w.__import = document.querySelector('belt-map')!.importFile(new File([new Uint8Array(b)], 'x.csv'));
      return w.__import as Promise<{ updated: number }>;
    }, bytes);
    expect(report.updated).toBe(4);
    await waitIdle(w.page);
    const edited = await print();
    expect(edited.demonstration).toBeGreaterThan(original.demonstration + 10);
    expect(edited.upgrade).toBeGreaterThan(original.upgrade + 5);
    await w.page.evaluate(() => document.querySelector('belt-map')!.undo());
    await waitIdle(w.page);
    const undone = await print();
    // Undo: the plan before the import prints as it did (a few pixels of antialiasing aside).
    expect(Math.abs(undone.demonstration - original.demonstration)).toBeLessThanOrEqual(5);
    expect(Math.abs(undone.upgrade - original.upgrade)).toBeLessThanOrEqual(5);
  });
});

describe('the host page\'s hash', () => {
  it('keeps the page\'s own parts and another element\'s keys; fires no hashchange when it writes', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.origin}/host.html#intro&tab=2&bm.west.view=1,2,3&bm.east.view=115.9,40.0,10&bm.east.year=2026`);
      await waitReady(w.page);
      await waitCenter(w.page, [115.9, 40.0]);
      await waitIdle(w.page);
      const start = await seen(w.page);
      expect(start.year).toBe(2026);
      await drag(w.page, 120, 0);
      await w.page.waitForFunction((h) => location.hash !== h, start.hash);
      const { hash, historyLength, hashchanges } = await w.page.evaluate(() => ({ hash: location.hash, historyLength: history.length, hashchanges: (window as unknown as { __hashchanges: number }).__hashchanges }));
      const parts = hash.slice(1).split('&');
      expect(parts.slice(0, 3)).toEqual(['intro', 'tab=2', 'bm.west.view=1,2,3']);
      expect(parts.every((p, i) => i < 3 || p.startsWith('bm.east.'))).toBe(true);
      expect(readHash(hash, 'east')?.year).toBe(2026);
      expect(readHash(hash, 'east')!.camera!.center[0]).toBeLessThan(115.9 - 0.01);
      expect(readHash(hash, 'west')?.camera?.center).toEqual([1, 2]);
      expect(readHash(hash)).toBeNull(); // nothing written for an element without id
      expect(historyLength).toBe(start.historyLength);
      expect(hashchanges).toBe(0);
      // The page changing its own part of the hash changes nothing of the map's.
      await w.page.evaluate(() => (location.hash = '#other&bm.east.view=115.9,40.0,10'));
      await waitCenter(w.page, [115.9, 40.0]);
      await w.page.evaluate(() => (location.hash = '#other'));
      await w.page.waitForTimeout(400);
      await expect(seen(w.page).then((s) => s.center)).resolves.toEqual(expect.arrayContaining([expect.closeTo(115.9, 4), expect.closeTo(40.0, 4)]));
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('loads a plan the link names instead of the default one, and keeps it in the hash', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.origin}/index.html#bm.plan=miyun&bm.view=116.84,40.47,12`);
      await waitReady(w.page);
      await waitCenter(w.page, [116.84, 40.47]);
      const name = await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.manifest.name.zh);
      expect(name).toMatch(/密云/);
      // The default plan was never fetched: the first load waited for the plans list.
      expect(w.requests.filter((u) => /\/data\/plan\.json|huairou-mentougou\//.test(u))).toEqual([]);
      await expect(w.page.locator('belt-map .plan-picker select').inputValue()).resolves.toBe('miyun');
      await drag(w.page, 60, 0);
      await w.page.waitForFunction(() => location.hash.includes('bm.layers='));
      expect(readHash(await w.page.evaluate(() => location.hash))?.plan).toBe('miyun');
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('is never read or written without the attribute', async () => {
    const w = await watchedPage(browser);
    try {
      const hash = '#intro&bm.view=115.9,40.0,10&bm.sel=villages:110109106203';
      await w.page.goto(`${server.origin}/plain.html${hash}`);
      await waitReady(w.page);
      await waitIdle(w.page);
      const start = await seen(w.page);
      expect(start.popup).toBeNull();
      expect(Math.abs(start.center[0] - 115.9) > 1e-3 || Math.abs(start.zoom - 10) > 1e-3).toBe(true);
      await drag(w.page, 150, 60);
      await w.page.locator('belt-map input[data-layer="villages"]').click();
      await w.page.waitForTimeout(800);
      const end = await seen(w.page);
      expect(end.center).not.toEqual(start.center);
      expect(end.hash).toBe(hash);
      expect(end.historyLength).toBe(start.historyLength);
      await expect(w.page.locator('belt-map button.share-copy').count()).resolves.toBe(0);
    } finally {
      await w.context.close();
    }
  });
});
