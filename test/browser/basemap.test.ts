/**
 * An online basemap that cannot be used is said, in the element's language, instead of a silent
 * fallback: a style URL nothing answers (127.0.0.1:9, the discard port: connection refused), a URL
 * that answers with something that is not a MapLibre style, and a style whose tiles fail. Where the
 * style failed, the plan is drawn on the offline basemap; the message names the URL and appears once.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer } from './harness.js';

const UNREACHABLE = 'http://127.0.0.1:9/style.json';

/** A style (served by the test server) whose one raster source's tiles are at a port nothing answers (a 404 tile is no error to MapLibre: no tile there). */
const BROKEN_TILES = JSON.stringify({
  version: 8,
  sources: { osm: { type: 'raster', tiles: ['http://127.0.0.1:9/{z}/{x}/{y}.png'], tileSize: 256, attribution: 'test' } },
  layers: [{ id: 'osm', type: 'raster', source: 'osm' }],
});

/** A working online basemap (served by the test server): one green background layer, no tiles. */
const GREEN = JSON.stringify({ version: 8, sources: {}, layers: [{ id: 'green', type: 'background', paint: { 'background-color': '#00c853' } }] });

const page = (basemap: string, lang = 'zh-CN') => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" /><script type="module" src="./belt-map.js"></script></head>
<body><belt-map lang="${lang}" basemap="${basemap}"></belt-map></body></html>`;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDist({
    '/bm-unreachable.html': page(UNREACHABLE),
    '/bm-unreachable-en.html': page(UNREACHABLE, 'en'),
    '/bm-not-style.html': page('./not-a-style.json'),
    '/not-a-style.json': '{"hello": "world"}',
    '/bm-tiles.html': page('./broken-tiles.json'),
    '/broken-tiles.json': BROKEN_TILES,
    '/bm-ok.html': page('./green.json'),
    '/green.json': GREEN,
    '/favicon.ico': '',
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The element's alerts' texts. */
const alerts = (p: Page) => p.locator('belt-map [role=alert]').allInnerTexts();

/** Whether the map draws the plan's villages and the scene's own (offline) basemap. */
const drawn = (p: Page) =>
  p.evaluate(() => {
    const map = document.querySelector('belt-map')!.map!;
    return {
      villages: map.queryRenderedFeatures({ layers: ['villages-circle'] }).length,
      offline: map.getStyle().layers.some((l) => l.id === 'basemap-background'),
    };
  });

async function open(path: string, shot: string) {
  const w = await watchedPage(browser);
  await w.page.goto(`${server.origin}${path}`);
  await waitReady(w.page);
  await waitIdle(w.page);
  return {
    ...w,
    done: async () => {
      await w.page.screenshot({ path: join(RESULTS, shot) }).catch(() => undefined);
      await w.context.close();
    },
  };
}

describe('an online basemap that cannot be used', () => {
  it('unreachable style: a Chinese message naming the URL, and the plan on the offline basemap', async () => {
    const w = await open('/bm-unreachable.html', 'basemap-unreachable.png');
    await w.page.locator('belt-map .basemap-failed').waitFor();
    const texts = await alerts(w.page);
    expect(texts).toEqual([`在线底图无法加载（${UNREACHABLE}），地图改用离线底图显示方案。`]);
    const d = await drawn(w.page);
    expect(d.offline).toBe(true);
    expect(d.villages).toBeGreaterThan(0);
    expect(w.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await w.done();
  });

  it('unreachable style in English, and the message follows the element’s language', async () => {
    const w = await open('/bm-unreachable-en.html', 'basemap-unreachable-en.png');
    await w.page.locator('belt-map .basemap-failed').waitFor();
    expect(await alerts(w.page)).toEqual([`The online basemap could not be loaded (${UNREACHABLE}); the map shows the plan on the offline basemap instead.`]);
    await w.page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'zh-CN'));
    await expect.poll(() => alerts(w.page)).toEqual([`在线底图无法加载（${UNREACHABLE}），地图改用离线底图显示方案。`]);
    await w.done();
  });

  it('a URL that is not a MapLibre style: the same message, the plan still drawn', async () => {
    const w = await open('/bm-not-style.html', 'basemap-not-style.png');
    await w.page.locator('belt-map .basemap-failed').waitFor();
    expect((await alerts(w.page))[0]).toMatch(/^在线底图无法加载（\.\/not-a-style\.json）/);
    const d = await drawn(w.page);
    expect(d).toMatchObject({ offline: true });
    expect(d.villages).toBeGreaterThan(0);
    await w.done();
  });

  it('a style whose tiles fail: one message about the tiles, however many fail; the plan drawn over it', async () => {
    const w = await open('/bm-tiles.html', 'basemap-tiles.png');
    await w.page.locator('belt-map .basemap-failed').waitFor();
    await w.page.evaluate(() => document.querySelector('belt-map')!.map!.zoomIn({ duration: 0 }));
    await waitIdle(w.page);
    expect(await alerts(w.page)).toEqual(['在线底图的图块无法加载（./broken-tiles.json），底图可能不完整。']);
    const d = await drawn(w.page);
    expect(d.offline).toBe(false);
    expect(d.villages).toBeGreaterThan(0);
    // The tile failures did not reach the plan's error banner.
    expect(await w.page.locator('belt-map p.error:not(.basemap-failed)').count()).toBe(0);
    await w.done();
  });

  it('the offline basemap (the default) shows no such message', async () => {
    const w = await open('/index.html', 'basemap-offline.png');
    expect(await w.page.locator('belt-map .basemap-failed').count()).toBe(0);
    await w.done();
  });
});

describe('an online basemap in a print', () => {
  it('is the only image of the PDF: the plan stays vectors and text over it', async () => {
    const w = await open('/bm-ok.html', 'basemap-ok.png');
    expect(await w.page.locator('belt-map .basemap-failed').count()).toBe(0);
    const b64 = await w.page.evaluate(async () => {
      const bytes = new Uint8Array(await (await document.querySelector('belt-map')!.exportImage({ paper: 'A4', format: 'pdf', dpi: 72 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const file = join(RESULTS, 'basemap-ok.pdf');
    await writeFile(file, Buffer.from(b64, 'base64'));
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('图例');
    expect((text.match(/村/g) ?? []).length).toBeGreaterThan(10);
    // The basemap's green shows through the map frame (the plan's own background is left out over it).
    execFileSync('pdftoppm', ['-r', '20', '-png', '-singlefile', file, join(RESULTS, 'basemap-ok-pdf')]);
    await w.done();
  });
});
