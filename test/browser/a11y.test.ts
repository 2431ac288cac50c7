/**
 * Keyboard and screen reader (#10 §2) in the built app: the map's features from the keyboard (`]`/`[`,
 * Enter, Escape), the list's tabs (WAI-ARIA APG), the popup's placement, and axe-core in each state of
 * the element with no serious or critical finding.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

let server: StaticServer;
let browser: Browser;
let w: Watched;
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
  await waitIdle(w.page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const live = (page: Page) => page.locator('belt-map [aria-live=polite]').textContent();
/** The element that has the focus, inside the shadow root: its class, or the tag. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.querySelector('belt-map')!.shadowRoot!.activeElement;
  return el ? `${el.tagName.toLowerCase()}.${el.className}` : null;
});

interface Finding { id: string; impact: string; help: string; nodes: string[] }

/** axe-core's serious and critical findings on the page now (the element's open shadow root included). */
async function violations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const all = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('the map from the keyboard', () => {
  it('moves through the features in view with ] and [, rings and announces them, opens one with Enter and closes it with Escape', async () => {
    const page = w.page;
    const canvas = page.locator('belt-map canvas.maplibregl-canvas');
    await canvas.focus();
    const hint = page.locator('belt-map .belt-map-hint');
    await expect(hint.isVisible()).resolves.toBe(true);
    const describedBy = await canvas.getAttribute('aria-describedby');
    expect(await page.locator(`belt-map #${describedBy}`).textContent()).toContain(']');

    await page.keyboard.press(']');
    const first = await live(page);
    expect(first).toMatch(/第 1 个，共 (\d+) 个/);
    const total = Number(/共 (\d+) 个/.exec(first!)![1]);
    expect(total).toBeGreaterThan(3);
    const ring = page.locator('belt-map .belt-focus-ring');
    await expect(ring.isVisible()).resolves.toBe(true);
    const box = await ring.boundingBox();
    const mapBox = (await page.locator('belt-map .map').boundingBox())!;
    expect(box!.x).toBeGreaterThanOrEqual(mapBox.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(mapBox.x + mapBox.width + 1);
    // Clusters come first in the order.
    expect(first).toMatch(/^片区/);

    await page.keyboard.press(']');
    expect(await live(page)).toMatch(/第 2 个/);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    expect(await live(page)).toContain(`第 ${total} 个`);

    await page.keyboard.press('Enter');
    const popup = page.locator('belt-map .maplibregl-popup');
    await popup.waitFor();
    expect(await live(page)).toMatch(/^已选择：/);
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^canvas/);
    expect(w.errors).toEqual([]);
  });

  it('announces a zoom made with the keyboard, with the zoom level and a place', async () => {
    const page = w.page;
    await page.locator('belt-map canvas.maplibregl-canvas').focus();
    const before = await page.evaluate(() => (document.querySelector('belt-map') as unknown as { map: { getZoom(): number } }).map.getZoom());
    await page.keyboard.press('=');
    await page.waitForFunction(() => /缩放 [\d.]+ 级/.test(document.querySelector('belt-map')!.shadowRoot!.querySelector('[aria-live=polite]')!.textContent ?? ''));
    const after = await page.evaluate(() => (document.querySelector('belt-map') as unknown as { map: { getZoom(): number } }).map.getZoom());
    expect(after).toBeGreaterThan(before);
    expect(await live(page)).toContain(`缩放 ${Math.round(after * 10) / 10} 级，靠近`);
  });
});

describe('the popup', () => {
  it('stays inside the map, beside the feature, and scrolls what does not fit', async () => {
    const page = w.page;
    // A line's details (its citations make it tall): opened from the list, so the map flies to it.
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('belt-map [data-tab=lines]').click();
    await page.locator('belt-map .table-wrap tbody tr button').first().click();
    const popup = page.locator('belt-map .maplibregl-popup');
    await popup.waitFor();
    await waitIdle(page);
    const mapBox = (await page.locator('belt-map .map').boundingBox())!;
    const box = (await popup.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(mapBox.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(mapBox.y + mapBox.height + 1);
    const content = page.locator('belt-map .maplibregl-popup .popup');
    const scroll = await content.evaluate((el) => ({ overflow: getComputedStyle(el).overflowY, max: parseFloat(getComputedStyle(el).maxHeight) }));
    expect(scroll.overflow).toBe('auto');
    expect(scroll.max).toBeLessThanOrEqual(mapBox.height);
    // Escape gives the focus back to the list row that opened it.
    await content.locator('button, a, [tabindex]').first().focus().catch(() => undefined);
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^button/);
  });
});

describe('the details of an unlocated village', () => {
  it('open in the sidebar with the focus, no popup on the map, and Escape gives the focus back to the row', async () => {
    const page = w.page;
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('belt-map [data-tab=villages]').click();
    const only = page.locator('belt-map .list-controls input[type=checkbox]').first();
    await only.check();
    const row = page.locator('belt-map .table-wrap tbody tr').first();
    const code = await row.getAttribute('data-code');
    await row.locator('button').first().click();
    const details = page.locator('belt-map section.details-panel');
    await details.waitFor();
    expect(await focused(page)).toBe('section.details-panel');
    expect(await details.textContent()).toContain(code!);
    expect(await page.locator('belt-map .maplibregl-popup').count()).toBe(0);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (document.querySelector('belt-map')!.shadowRoot!.activeElement as HTMLElement | null)?.closest('tr')?.getAttribute('data-code'))).toBe(code);
    await only.uncheck();
  });

  it('on a 390 px phone open the drawer they are in, visible and focused', async () => {
    const phone = await watchedPage(browser, { width: 390, height: 844 });
    const page = phone.page;
    try {
      await page.goto(`${server.origin}/index.html`);
      await waitReady(page);
      const toggle = page.locator('belt-map .list-toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await page.locator('belt-map [data-tab=villages]').click();
      await page.locator('belt-map .list-controls input[type=checkbox]').first().check();
      expect(await page.locator('belt-map .sidebar').getAttribute('class')).not.toContain('open');
      await page.locator('belt-map .table-wrap tbody tr').first().locator('button').first().click();
      const details = page.locator('belt-map section.details-panel');
      await details.waitFor();
      expect(await page.locator('belt-map .sidebar').getAttribute('class')).toContain('open');
      expect(await focused(page)).toBe('section.details-panel');
      expect(await details.evaluate((e) => e.checkVisibility())).toBe(true);
    } finally {
      await page.context().close();
    }
  });
});

describe('the list tabs (WAI-ARIA tabs)', () => {
  it('moves with Left/Right/Home/End, with a roving tabindex and aria-controls', async () => {
    const page = w.page;
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const tabs = page.locator('belt-map [role=tab][data-tab]');
    const ids = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!));
    await page.locator(`belt-map [data-tab=${ids[0]}]`).click();
    const state = () => page.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      const active = root.activeElement as HTMLElement;
      const panel = root.querySelector('[role=tabpanel]')!;
      return {
        focused: active.dataset['tab'],
        selected: root.querySelector('[role=tab][aria-selected=true]')!.getAttribute('data-tab'),
        tabbable: [...root.querySelectorAll('[role=tab]')].filter((t) => t.getAttribute('tabindex') === '0').map((t) => t.getAttribute('data-tab')),
        labelledBy: root.getElementById(panel.getAttribute('aria-labelledby')!)?.getAttribute('data-tab'),
        controls: root.querySelector('[role=tab][aria-selected=true]')!.getAttribute('aria-controls') === panel.id,
      };
    });
    await page.keyboard.press('ArrowRight');
    expect(await state()).toEqual({ focused: ids[1], selected: ids[1], tabbable: [ids[1]], labelledBy: ids[1], controls: true });
    await page.keyboard.press('End');
    expect((await state()).selected).toBe(ids.at(-1));
    await page.keyboard.press('ArrowRight');
    expect((await state()).focused).toBe(ids[0]);
    await page.keyboard.press('ArrowLeft');
    expect((await state()).focused).toBe(ids.at(-1));
    await page.keyboard.press('Home');
    expect(await state()).toEqual({ focused: ids[0], selected: ids[0], tabbable: [ids[0]], labelledBy: ids[0], controls: true });
  });
});

describe('axe-core: no serious or critical finding', () => {
  const check = async (state: string) => {
    const found = await violations(w.page);
    if (found.length) console.log(`axe in state "${state}":\n${JSON.stringify(found, null, 2)}`);
    expect(found, state).toEqual([]);
  };

  it('sees inside the element (a nameless button in its shadow root is found)', async () => {
    await w.page.evaluate(() => {
      const b = document.createElement('button');
      b.className = 'axe-probe';
      document.querySelector('belt-map')!.shadowRoot!.querySelector('.frame')!.append(b);
    });
    const found = await violations(w.page);
    await w.page.evaluate(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('.axe-probe')!.remove());
    expect(found.find((v) => v.id === 'button-name')?.nodes.join()).toContain('axe-probe');
  });

  it('initially, with a popup open, on each list tab', async () => {
    const page = w.page;
    await check('initial');
    await page.locator('belt-map canvas.maplibregl-canvas').focus();
    await page.keyboard.press(']');
    await page.keyboard.press('Enter');
    await page.locator('belt-map .maplibregl-popup').waitFor();
    await check('popup open');
    await page.keyboard.press('Escape');
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const tabs = await page.locator('belt-map [role=tab][data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!));
    for (const id of tabs) {
      await page.locator(`belt-map [data-tab="${id}"]`).click();
      await check(`tab ${id}`);
    }
  });

  it('with the import dialog, the download menu and the print dialog open', async () => {
    const page = w.page;
    for (const [button, dialog] of [['import-open', 'dialog.import-dialog'], ['download-open', 'dialog.download'], ['print-open', 'dialog.print']] as const) {
      await page.locator(`belt-map .${button}`).click();
      await page.locator(`belt-map ${dialog}[open]`).waitFor();
      await check(button);
      await page.keyboard.press('Escape');
    }
  });

  it('in English', async () => {
    const page = w.page;
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('.frame')!.getAttribute('lang') === 'en');
    await check('English');
    await page.locator('belt-map canvas.maplibregl-canvas').focus();
    await page.keyboard.press(']');
    expect(await live(page)).toMatch(/, 1 of \d+\. Enter: details$/);
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'zh-CN'));
    expect(w.errors).toEqual([]);
  });
});
