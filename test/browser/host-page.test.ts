/**
 * Any host page (#10 §1): a page's `dir="rtl"`, `lang`, fonts, hostile `* {}` rules and zoom do not
 * change the component. The same element is laid out on a plain page and on hostile ones, and its
 * boxes (title, map, sidebar, canvas), relative to the element, are compared; computed styles inside
 * the shadow root are checked; a click on the map under CSS zoom and at devicePixelRatio 2 hits the
 * feature drawn under the pointer. Also the phone layout (390 × 844: the drawer, tables that scroll
 * sideways rather than wrap a character a line) and the drawer's keyboard behaviour.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type StaticServer } from './harness.js';

const page = (css: string, html = '<html lang="zh-CN">', body = '<belt-map></belt-map>') => `<!doctype html>
${html}<head><meta charset="utf-8" /><script type="module" src="./belt-map.js"></script>
<link rel="stylesheet" href="./${css}" /></head><body>${body}</body></html>`;

const SIZE = 'belt-map { width: 1000px; height: 600px; }';
/** Every rule a careless or hostile page might have that reaches the element (the host) or is inherited by it. */
const HOSTILE = `
* { box-sizing: content-box; padding: 20px; border: 3px solid red; margin: 0; }
html { font-size: 30px; color-scheme: dark; }
body { direction: rtl; text-shadow: 2px 2px 2px red; letter-spacing: 5px; word-spacing: 12px;
  font: italic bold 22px/3 serif; text-transform: uppercase; text-align: right; white-space: pre;
  text-indent: 40px; color: green; font-variant: small-caps; writing-mode: horizontal-tb; cursor: wait;
  text-decoration: underline wavy red; font-feature-settings: "smcp"; visibility: visible; }
${SIZE}`;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDist({
    '/favicon.ico': '',
    '/host-plain.html': page('host-plain.css'),
    '/host-plain.css': `body { margin: 8px; } ${SIZE}`,
    '/host-rtl.html': page('host-rtl.css', '<html lang="ar" dir="rtl">', '<p>نص عربي</p><belt-map></belt-map>'),
    '/host-rtl.css': HOSTILE,
    '/host-zoom.html': page('host-zoom.css'),
    '/host-zoom.css': `body { margin: 8px; zoom: 1.5; } ${SIZE}`,
    '/host-phone.html': page('host-phone.css', '<html lang="zh-CN">', '<belt-map></belt-map>'),
    '/host-phone.css': 'body { margin: 0; } belt-map { width: 100vw; height: 100vh; }',
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Box { x: number; y: number; width: number; height: number }

/** Boxes of the parts, relative to the element's padding box (so the page's own margins do not count), in the element's CSS pixels. */
const layout = (p: Page) =>
  p.evaluate(() => {
    const host = document.querySelector('belt-map')!;
    const root = host.shadowRoot!;
    const h = host.getBoundingClientRect();
    // Under CSS zoom the rects are in the page's pixels: divide by the element's scale.
    const scale = h.width / host.offsetWidth;
    const rel = (sel: string): Box | null => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const round = (v: number) => Math.round(v / scale);
      return { x: round(r.left - h.left), y: round(r.top - h.top), width: round(r.width), height: round(r.height) };
    };
    const canvas = root.querySelector('canvas')!;
    return {
      host: { width: host.offsetWidth, height: host.offsetHeight },
      title: rel('.title'),
      map: rel('.map'),
      sidebar: rel('.sidebar'),
      list: rel('.list-toggle'),
      canvas: rel('.map canvas'),
      pixels: { width: canvas.width, height: canvas.height, css: canvas.clientWidth, dpr: devicePixelRatio },
    };
  });

async function open(path: string, viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  const selected = await recordEvents(p, ['belt-select']);
  await p.goto(`${server.origin}/${path}`);
  await waitReady(p);
  await waitIdle(p);
  return { p, context, errors, selected };
}

describe('a hostile host page does not change the component', () => {
  let plain: Awaited<ReturnType<typeof layout>>;

  beforeAll(async () => {
    const { p, context } = await open('host-plain.html');
    plain = await layout(p);
    await p.screenshot({ path: join(RESULTS, 'host-plain.png') });
    await context.close();
  });

  it('dir=rtl, lang=ar, a hostile * {} sheet and text styles on body: the same boxes, ltr, no text-shadow inside', async () => {
    const { p, context, errors } = await open('host-rtl.html');
    await p.screenshot({ path: join(RESULTS, 'host-rtl.png') });
    const hostile = await layout(p);
    expect(hostile).toEqual(plain);
    expect(plain.host).toEqual({ width: 1000, height: 600 });
    const inside = await p.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      const cs = (sel: string) => {
        const s = getComputedStyle(root.querySelector(sel)!);
        return {
          direction: s.direction, textShadow: s.textShadow, letterSpacing: s.letterSpacing, wordSpacing: s.wordSpacing,
          textTransform: s.textTransform, fontStyle: s.fontStyle, fontSize: s.fontSize, whiteSpace: s.whiteSpace,
          textIndent: s.textIndent, textAlign: s.textAlign, fontVariant: s.fontVariantCaps, cursor: s.cursor,
          decoration: s.textDecorationLine, colorScheme: s.colorScheme, family: s.fontFamily.includes('serif') && !s.fontFamily.includes('sans-serif'),
        };
      };
      // Text of the shadow root beside the frame (the template's whitespace) is drawn nowhere.
      const stray = [...root.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).flatMap((n) => {
        const range = document.createRange();
        range.selectNodeContents(n);
        return [...range.getClientRects()].filter((r) => r.width > 0);
      }).length;
      return { title: cs('.title'), legend: cs('.legend'), button: cs('.print-open'), popupHost: cs('.map'), stray };
    });
    expect(inside.stray).toBe(0);
    const { stray: _, ...styled } = inside;
    for (const s of Object.values(styled)) {
      expect(s).toMatchObject({ direction: 'ltr', textShadow: 'none', letterSpacing: 'normal', wordSpacing: '0px', textTransform: 'none', fontStyle: 'normal', textIndent: '0px', fontVariant: 'normal', colorScheme: 'normal', family: false });
    }
    expect(inside.title.whiteSpace).toBe('normal');
    expect(inside.title.fontSize).toBe('16px');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a distance and a Chinese sentence keep their order: "50 km" reads left to right, the full stop stays last; their elements are ltr', async () => {
    const { p, context } = await open('host-rtl.html');
    const texts = await p.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      /** The left edge of the first character matching `re` in `el`'s text, as drawn. */
      const x = (el: Element, re: RegExp, last = false) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const node = (last ? nodes.reverse() : nodes).find((n) => re.test(n.data))!;
        const i = last ? node.data.trimEnd().length - 1 : node.data.search(re);
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect();
      };
      // The scale bar ("50 km") and the sample notice (Chinese, ending in a full stop).
      const km = [...root.querySelectorAll('*')].find((e) => e.children.length === 0 && /^\s*\d+(\.\d+)?\s*(km|公里)\s*$/.test(e.textContent ?? ''))!;
      const notice = root.querySelector('.notice')!;
      const text = notice.textContent!.trim();
      const whole = notice.getBoundingClientRect();
      const stop = x(notice, /[。.]\s*$/, true);
      const first = x(notice, /\S/);
      return {
        km: km.textContent!.trim(), kmDirection: getComputedStyle(km).direction,
        numberLeftOfUnit: x(km, /\d/).left < x(km, /km|公里/).left,
        notice: text, noticeDirection: getComputedStyle(notice).direction,
        // The full stop is drawn after the text (right of its first character, near the notice's right end), not moved to its left.
        stopLast: stop.left > first.left && stop.right > whole.right - 40,
      };
    });
    expect(texts.km).toMatch(/\d/);
    expect(texts.notice).toMatch(/[。.]$/);
    expect(texts).toMatchObject({ kmDirection: 'ltr', numberLeftOfUnit: true, noticeDirection: 'ltr', stopLast: true });
    await context.close();
  });

  it("the element's own dir=rtl is honoured", async () => {
    const { p, context } = await open('host-plain.html');
    await p.evaluate(() => document.querySelector('belt-map')!.setAttribute('dir', 'rtl'));
    await expect.poll(() => p.evaluate(() => getComputedStyle(document.querySelector('belt-map')!.shadowRoot!.querySelector('.frame')!).direction)).toBe('rtl');
    await p.evaluate(() => document.querySelector('belt-map')!.removeAttribute('dir'));
    await expect.poll(() => p.evaluate(() => getComputedStyle(document.querySelector('belt-map')!.shadowRoot!.querySelector('.frame')!).direction)).toBe('ltr');
    // A registered right-to-left interface language (a stand-in with one key, for this test) sets the direction too.
    await p.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      (customElements.get('belt-map') as unknown as { registerTranslation(t: object): void }).registerTranslation({ $code: 'ar', $name: 'العربية', $dir: 'rtl', layers: 'الطبقات' });
      el.setAttribute('lang', 'ar');
    });
    await expect.poll(() => p.evaluate(() => getComputedStyle(document.querySelector('belt-map')!.shadowRoot!.querySelector('.frame')!).direction)).toBe('rtl');
    await context.close();
  });

  it("the page can still hide it: a page's display: none (tabs, print rules) wins over the element's display", async () => {
    const { p, context } = await open('host-plain.html');
    const height = () => p.evaluate(() => document.querySelector('belt-map')!.getBoundingClientRect().height);
    expect(await height()).toBeGreaterThan(0);
    await p.addStyleTag({ content: 'belt-map { display: none; }' });
    expect(await height()).toBe(0);
    await context.close();
  });
});

/** The topmost village drawn at a point of the map near its middle, and where that point is on the page. */
const target = (p: Page) =>
  p.evaluate(() => {
    const el = document.querySelector('belt-map')!;
    const map = el.map!;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const scale = rect.width / canvas.clientWidth;
    const rendered = map.queryRenderedFeatures({ layers: ['villages-circle'] });
    for (const f of rendered) {
      const { x, y } = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      if (x < 120 || y < 120 || x > canvas.clientWidth - 120 || y > canvas.clientHeight - 60) continue;
      const under = map.queryRenderedFeatures([x, y], { layers: ['villages-circle'] });
      if (under.length !== 1) continue;
      const px = rect.left + x * scale;
      const py = rect.top + y * scale;
      if (el.shadowRoot!.elementFromPoint(px, py) !== canvas) continue;
      return { code: String(under[0]!.properties['code']), x: px, y: py, scale };
    }
    return null;
  });

describe('zoom', () => {
  for (const [name, path, dpr] of [['CSS zoom 1.5 on body', 'host-zoom.html', 1], ['devicePixelRatio 2', 'host-plain.html', 2]] as const) {
    it(`${name}: the same layout in the element's pixels, a sharp canvas, a click selects the village under the pointer`, async () => {
      const { p, context, errors, selected } = await open(path, { width: 1600, height: 1000 }, dpr);
      const l = await layout(p);
      const { pixels, ...boxes } = l;
      await p.screenshot({ path: join(RESULTS, `host-zoom-${dpr}.png`) });
      const { canvas, ...rest } = boxes;
      expect(Math.abs(canvas!.width - plainCanvas.width)).toBeLessThanOrEqual(1);
      expect(rest.host).toEqual({ width: 1000, height: 600 });
      // The canvas has one pixel per device pixel: not blurred by the zoom beyond the dpr.
      const zoom = path === 'host-zoom.html' ? 1.5 : 1;
      expect(pixels.width).toBeGreaterThanOrEqual(Math.floor(pixels.css * pixels.dpr * zoom) - 2);
      const t = (await target(p))!;
      expect(t).not.toBeNull();
      await p.mouse.click(t.x, t.y);
      await expect.poll(async () => ((await selected())['belt-select'] as { id: string }[]).map((d) => d.id)).toEqual([t.code]);
      await expect(p.locator('belt-map .maplibregl-popup').isVisible()).resolves.toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
  const plainCanvas = { width: 0 };
  beforeAll(async () => {
    const { p, context } = await open('host-plain.html');
    plainCanvas.width = (await layout(p)).canvas!.width;
    await context.close();
  });
});

describe('on a 390 × 844 phone', () => {
  it('the open list leaves the map at least 300 px; its table scrolls sideways, no cell narrower than four CJK characters, no tab wraps', async () => {
    const { p, context } = await open('host-phone.html', { width: 390, height: 844 });
    await p.locator('belt-map .list-toggle').click();
    await p.locator('belt-map .table-wrap table').first().waitFor();
    await p.screenshot({ path: join(RESULTS, 'host-phone-list.png') });
    const m = await p.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      /** Lines the text of an element is drawn on (its text nodes' line boxes, not its inner elements' boxes). */
      const lines = (el: Element) => {
        const tops = new Set<number>();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
        }
        return tops.size;
      };
      const wrap = root.querySelector('.table-wrap')!;
      const rows = [...wrap.querySelectorAll('tbody tr')].slice(0, 5);
      const cells = rows.flatMap((tr) => [...tr.querySelectorAll('td')]).filter((td) => td.textContent!.trim() !== '');
      const fontSize = parseFloat(getComputedStyle(cells[0]!).fontSize);
      wrap.scrollLeft = 120;
      return {
        map: root.querySelector('.map')!.getBoundingClientRect().height,
        fontSize,
        narrowest: Math.min(...cells.map((td) => td.getBoundingClientRect().width)),
        // A cell of n characters takes at most ceil(n / 4) lines (one character a line before).
        overLines: cells.filter((td) => lines(td) > Math.ceil([...td.textContent!.trim()].length / 4)).map((td) => td.textContent!.trim()),
        tabLines: [...root.querySelectorAll('[role=tab]')].map(lines),
        scrolls: wrap.scrollWidth > wrap.clientWidth && wrap.scrollLeft > 0,
        pageWidth: document.scrollingElement!.scrollWidth,
        cellCount: cells.length,
      };
    });
    expect(m.cellCount).toBeGreaterThan(10);
    expect(m.map).toBeGreaterThanOrEqual(300);
    expect(m.narrowest).toBeGreaterThanOrEqual(4 * m.fontSize);
    expect(m.overLines).toEqual([]);
    expect(new Set(m.tabLines)).toEqual(new Set([1]));
    expect(m.scrolls).toBe(true);
    expect(m.pageWidth).toBeLessThanOrEqual(390);
    await context.close();
  });
});

describe('the drawer (☰) from the keyboard, on a 390 × 844 phone', () => {
  const state = (p: Page) =>
    p.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      const toggle = root.querySelector('.sidebar-toggle')!;
      const drawer = root.getElementById(toggle.getAttribute('aria-controls')!);
      const active = root.activeElement;
      return {
        expanded: toggle.getAttribute('aria-expanded'),
        drawerShown: drawer !== null && drawer.checkVisibility(),
        focusInDrawer: active !== null && drawer !== null && drawer.contains(active),
        focusOnToggle: active === toggle,
        focusBehind: active !== null && active.closest('.map') !== null,
        mapInert: root.querySelector('.map')!.hasAttribute('inert'),
      };
    });

  it('opens with Enter (focus moves in), keeps Tab out of the map behind it, closes with Escape (focus back on the toggle) and with a click beside it', async () => {
    const { p, context, errors } = await open('host-phone.html', { width: 390, height: 844 });
    await expect(state(p)).resolves.toMatchObject({ expanded: 'false', drawerShown: false, mapInert: false });
    await p.locator('belt-map .sidebar-toggle').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'true', drawerShown: true, focusInDrawer: true, mapInert: true });
    await p.screenshot({ path: join(RESULTS, 'host-phone-drawer.png') });
    // Shift+Tab from the drawer's first control goes back past the map under it (before it in the
    // document: its zoom buttons and canvas), not into it; Tab forward neither.
    for (const key of ['Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Tab', 'Tab', 'Tab', 'Tab']) {
      await p.keyboard.press(key);
      expect((await state(p)).focusBehind).toBe(false);
    }
    // Back into the drawer, then Escape.
    await p.locator('belt-map .sidebar input, belt-map .sidebar button, belt-map .sidebar select').first().focus();
    await p.keyboard.press('Escape');
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'false', drawerShown: false, focusOnToggle: true, mapInert: false });
    // Escape on the toggle itself closes it too; so does a click on the map beside the drawer.
    await p.keyboard.press('Enter');
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'true', focusInDrawer: true });
    await p.locator('belt-map .sidebar-toggle').focus();
    await p.keyboard.press('Escape');
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'false', focusOnToggle: true });
    await p.locator('belt-map .sidebar-toggle').click();
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'true', drawerShown: true });
    await p.mouse.click(40, 300);
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'false', drawerShown: false, mapInert: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a drawer left open when the element widens closes, and nothing stays inert', async () => {
    const { p, context } = await open('host-phone.html', { width: 390, height: 844 });
    await p.locator('belt-map .sidebar-toggle').click();
    await expect.poll(() => state(p)).toMatchObject({ expanded: 'true', mapInert: true });
    await p.setViewportSize({ width: 1100, height: 844 });
    await expect.poll(() => state(p)).toMatchObject({ drawerShown: true, mapInert: false, expanded: 'false' });
    await context.close();
  });
});
