/**
 * The layout follows the element's size, not the window's (container queries on its frame): in a
 * wide window, a 300 × 300 and a 480 × 360 element still leave a usable map, the sidebar is a drawer
 * its toggle opens over the map, and a wide element keeps the sidebar beside the map with no toggle.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer } from './harness.js';

const page = (w: number, h: number) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" /><script type="module" src="./belt-map.js"></script>
<link rel="stylesheet" href="./layout-${w}x${h}.css" /></head><body><belt-map></belt-map></body></html>`;
const SIZES: [number, number][] = [[300, 300], [480, 360], [1000, 600]];

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const routes: Record<string, string> = { '/favicon.ico': '' };
  for (const [w, h] of SIZES) {
    routes[`/layout-${w}x${h}.html`] = page(w, h);
    routes[`/layout-${w}x${h}.css`] = `body { margin: 8px; } belt-map { width: ${w}px; height: ${h}px; }`;
  }
  server = await serveDist(routes);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const box = (p: Page, selector: string) =>
  p.evaluate((sel) => {
    const el = document.querySelector('belt-map')!.shadowRoot!.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { width: Math.round(r.width), height: Math.round(r.height), visible: r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none' };
  }, selector);

describe('the layout follows the element, in a 1280 × 800 window', () => {
  // The smallest: the header (title, notice, one scrolling row of buttons), the list toggle and the footer take 130 px.
  const MIN_HEIGHT: Record<number, number> = { 300: 160, 360: 216 };
  for (const [w, h] of SIZES.slice(0, 2)) {
    it(`${w} × ${h}: the map canvas is at least ${w - 20} × ${MIN_HEIGHT[h]} px; the sidebar is a drawer over it`, async () => {
      const { page: p, context, errors } = await watchedPage(browser);
      await p.goto(`${server.origin}/layout-${w}x${h}.html`);
      await waitReady(p);
      await waitIdle(p);
      const host = await p.evaluate(() => document.querySelector('belt-map')!.getBoundingClientRect().toJSON() as DOMRect);
      expect([Math.round(host.width), Math.round(host.height)]).toEqual([w, h]);
      const canvas = (await box(p, '.map canvas'))!;
      expect(canvas.width).toBeGreaterThanOrEqual(w - 20);
      expect(canvas.height).toBeGreaterThanOrEqual(MIN_HEIGHT[h]!);
      // The header's buttons do not overlap (one row that scrolls sideways).
      const rects = await p.locator('belt-map header .actions button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      for (let i = 1; i < rects.length; i++) expect(rects[i]!.left).toBeGreaterThanOrEqual(rects[i - 1]!.right - 0.5);
      expect((await box(p, '.sidebar'))!.visible).toBe(false);
      const toggle = p.locator('belt-map .sidebar-toggle');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await toggle.click();
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      const drawer = (await box(p, '.sidebar'))!;
      expect(drawer.visible).toBe(true);
      expect(drawer.width).toBeLessThanOrEqual(w);
      await expect(p.locator('belt-map .legend').isVisible()).resolves.toBe(true);
      await p.screenshot({ path: join(RESULTS, `layout-${w}x${h}.png`) });
      await toggle.click();
      expect((await box(p, '.sidebar'))!.visible).toBe(false);
      expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
      await context.close();
    });
  }

  it('1000 × 600: the sidebar beside the map, no drawer toggle', async () => {
    const { page: p, context } = await watchedPage(browser);
    await p.goto(`${server.origin}/layout-1000x600.html`);
    await waitReady(p);
    expect((await box(p, '.sidebar'))!).toMatchObject({ visible: true, width: 260 });
    expect((await box(p, '.sidebar-toggle'))!.visible).toBe(false);
    expect((await box(p, '.map canvas'))!.width).toBeGreaterThan(600);
    await context.close();
  });
});
