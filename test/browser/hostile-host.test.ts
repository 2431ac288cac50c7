/**
 * A host page that extends `Object.prototype` (#10 §5), as old libraries did (Prototype.js, MooTools,
 * hand-written `Object.prototype.extend`): enumerable `get`, `set`, `value`, `writable`, … members make
 * every object literal look like an accessor or data descriptor to `Object.defineProperty`, and every
 * `for…in` see them. Before the element's script runs, the page adds each variant; `<belt-map>` must
 * still fire belt-ready, draw the plan's villages on the map and show no error.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, recordEvents, serveDist, watchedPage, type StaticServer } from './harness.js';

let browser: Browser;
let server: StaticServer;

/** What a page adds to Object.prototype, run before any of the page's scripts (plain assignment: enumerable). */
const VARIANTS: Record<string, string> = {
  'get/set functions': 'Object.prototype.get = function () {}; Object.prototype.set = function () {};',
  'get not a function': 'Object.prototype.get = 1;',
  'set not a function': 'Object.prototype.set = "x";',
  'value and writable': 'Object.prototype.value = 1; Object.prototype.writable = false;',
  'enumerable/configurable false': 'Object.prototype.enumerable = false; Object.prototype.configurable = false;',
  'everything at once (and extend, each, type, id)': `
    Object.prototype.get = function () { return 'hostile'; };
    Object.prototype.set = function () {};
    Object.prototype.value = 1;
    Object.prototype.writable = true;
    Object.prototype.enumerable = true;
    Object.prototype.configurable = true;
    Object.prototype.extend = function () { return this; };
    Object.prototype.each = function () {};
    Object.prototype.type = 'hostile';
    Object.prototype.id = 'hostile';
    Object.prototype.properties = {};
    Object.prototype.length = 3;
    Array.prototype.remove = function () {};
    Array.prototype.last = function () { return this[this.length - 1]; };`,
};

beforeAll(async () => {
  server = await serveDist({ '/favicon.ico': '' });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a host page that extends Object.prototype', () => {
  for (const [name, script] of Object.entries(VARIANTS)) {
    it(`loads the plan and draws it: ${name}`, async () => {
      const w = await watchedPage(browser);
      try {
        // The hostile script runs first, as a library loaded in the page's <head> before belt-map would.
        await w.page.addInitScript({ content: script });
        const recorded = await recordEvents(w.page, ['belt-ready', 'belt-error']);
        await w.page.goto(`${server.origin}/index.html`);
        // The prototype really is extended in the page (else the test proves nothing).
        expect(await w.page.evaluate(() => Object.keys(Object.getPrototypeOf({})).length)).toBeGreaterThan(0);
        await w.page.waitForFunction(() => {
          const r = (window as unknown as { __recorded: Record<string, unknown[]> }).__recorded;
          return r['belt-ready']!.length + r['belt-error']!.length > 0;
        }, undefined, { timeout: 30_000 });
        const events = await recorded();
        expect(events['belt-error']).toEqual([]);
        const ready = events['belt-ready']![0] as { villages: number; located: number };
        expect(ready.villages).toBeGreaterThan(0);
        // The map draws the plan: village features are rendered in the view, and the error banner is absent.
        const drawn = await w.page.evaluate(() => {
          const el = document.querySelector('belt-map') as unknown as {
            map: { queryRenderedFeatures(o?: object): { layer: { id: string } }[] };
            shadowRoot: ShadowRoot;
          };
          const layers = el.map.queryRenderedFeatures().map((f) => f.layer.id);
          return {
            villages: layers.filter((id) => /village/.test(id)).length,
            error: !!el.shadowRoot.querySelector('[role="alert"]:not(:empty)'),
          };
        });
        expect(drawn.villages).toBeGreaterThan(0);
        expect(drawn.error).toBe(false);
        expect(w.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
        await w.page.screenshot({ path: join(RESULTS, `hostile-host-${name.replace(/\W+/g, '-')}.png`) });
      } finally {
        await w.context.close();
      }
    });
  }
});
