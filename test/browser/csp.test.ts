/**
 * The built component on a host page served with the strict policy a government portal sets:
 * `default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'` (on every response, so
 * the workers run under it too). Every `securitypolicyviolation` (composed: it reaches `document`
 * from inside the shadow root) and console error is recorded while the page loads, the import
 * dialog, download menu, print dialog and the feature list's tabs open, a zone is switched on with
 * imported villages (analysed in its worker), a table is imported (in the import worker) and a PNG and
 * a PDF exported: none may occur, the legend swatches keep their colours and MapLibre's buttons their icons.
 * The first test shows the policy is in force (an inline style is refused and reported).
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'";

/** A host page as the README's embed section shows it, with its own CSS in a file (no inline style under this policy). */
const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>CSP host</title>
    <link rel="stylesheet" href="./csp-host.css" />
    <script type="module" src="./belt-map.js"></script>
  </head>
  <body>
    <belt-map></belt-map>
  </body>
</html>`;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

let browser: Browser;
let server: StaticServer;
let w: Watched;
let recorded: () => Promise<Recorded>;

const violations = (): Promise<Violation[]> => w.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

beforeAll(async () => {
  server = await serveDist({ '/csp-host.html': PAGE, '/csp-host.css': 'belt-map { height: 640px; }', '/favicon.ico': '' }, { headers: { 'content-security-policy': STRICT_CSP } });
  browser = await launch();
  w = await watchedPage(browser);
  await w.page.addInitScript(() => {
    const list: unknown[] = [];
    (window as unknown as { __violations: unknown[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  });
  recorded = await recordEvents(w.page, ['belt-analysis', 'belt-error']);
  await w.page.goto(`${server.origin}/csp-host.html`);
  await waitReady(w.page);
  await waitIdle(w.page);
});

afterAll(async () => {
  await w?.page.screenshot({ path: join(RESULTS, 'csp.png') }).catch(() => undefined);
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

describe('under a strict Content-Security-Policy', () => {
  it('the policy is really in force on the page (an inline style attribute is refused)', async () => {
    const probe = await w.page.evaluate(async () => {
      const before = (window as unknown as { __violations: unknown[] }).__violations.length;
      const div = document.createElement('div');
      div.innerHTML = '<span style="color: rgb(1, 2, 3)">x</span>';
      document.body.append(div);
      const colour = getComputedStyle(div.firstElementChild!).color;
      await new Promise((r) => setTimeout(r, 100));
      const after = (window as unknown as { __violations: unknown[] }).__violations.length;
      div.remove();
      (window as unknown as { __violations: unknown[] }).__violations.splice(before);
      return { colour, reported: after - before };
    });
    // Its console message is the probe's own.
    expect(w.errors.splice(0).map((e) => /Applying inline style violates/.test(e))).toEqual([true]);
    expect(probe.colour).not.toBe('rgb(1, 2, 3)');
    expect(probe.reported).toBe(1);
  });

  it('loads the plan with no violation and no console error, legend swatches coloured', async () => {
    expect(await violations()).toEqual([]);
    expect(w.errors).toEqual([]);
    const swatches = await w.page.evaluate(() =>
      [...document.querySelector('belt-map')!.shadowRoot!.querySelectorAll('.legend .swatch')].map((s) => {
        const shapes = [...s.querySelectorAll('rect, circle, line, path')];
        const painted = shapes.map((el) => {
          const cs = getComputedStyle(el);
          return [cs.fill, cs.stroke].filter((c) => c !== 'none' && !/rgba\(0, 0, 0, 0\)|transparent/.test(c));
        });
        return { shapes: shapes.length, colours: [...new Set(painted.flat())] };
      }),
    );
    expect(swatches.length).toBeGreaterThan(5);
    for (const s of swatches) {
      expect(s.shapes).toBeGreaterThan(0);
      expect(s.colours.length).toBeGreaterThan(0);
    }
    // Not all one colour: the roles and lines keep their own.
    expect(new Set(swatches.flatMap((s) => s.colours)).size).toBeGreaterThan(3);
    // MapLibre's buttons keep an icon without their data: images.
    const icons = await w.page.evaluate(() =>
      ['zoom-in', 'zoom-out', 'compass'].map((b) => {
        const icon = document.querySelector('belt-map')!.shadowRoot!.querySelector(`.maplibregl-ctrl-${b} .maplibregl-ctrl-icon`)!;
        const before = getComputedStyle(icon, '::before');
        return `${before.content} ${before.borderBottomColor} ${before.borderBottomWidth}`;
      }),
    );
    expect(icons[0]).toMatch(/^"\+"/);
    expect(icons[1]).toMatch(/^"−"/);
    expect(icons[2]).toMatch(/rgb\(230, 74, 25\) 9px$/);
  });

  it('opens the import dialog, download menu, print dialog and every list tab with no violation', async () => {
    const page = w.page;
    await page.locator('belt-map .import-open').click();
    await page.locator('belt-map dialog.import-dialog[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('belt-map .download-open').click();
    await page.locator('belt-map dialog.download[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('belt-map .print-open').click();
    await page.locator('belt-map dialog.print[open]').waitFor();
    await page.keyboard.press('Escape');
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const tabs = await page.locator('belt-map [role=tab][data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!));
    expect(tabs.length).toBeGreaterThan(2);
    for (const id of tabs) {
      await page.locator(`belt-map [data-tab="${id}"]`).click();
      await expect(page.locator(`belt-map [data-tab="${id}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    }
    expect(await violations()).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('switches a zone on and analyses imported villages in the worker (module worker under worker-src \'self\'), with no violation', async () => {
    const zone = w.page.locator('belt-map .zone[data-line="g109"]');
    await zone.locator('.zone-on').check();
    await zone.locator('.zone-count').filter({ hasText: /\d/ }).waitFor();
    // Mentougou, where G109 runs, in view whatever the tests before left on the map (the list's tabs).
    await w.page.evaluate(() => document.querySelector('belt-map')!.map!.fitBounds([[115.4, 39.7], [116.2, 40.2]], { duration: 0 }));
    await waitIdle(w.page);
    const zoneFill = await w.page.evaluate(() => document.querySelector('belt-map')!.map!.queryRenderedFeatures({ layers: ['corridors-zone-fill'] }).length);
    expect(zoneFill).toBeGreaterThan(0);
    // The plan's own villages as a file of points: the worker reads them and counts them per zone.
    const points = await w.page.evaluate(() =>
      document.querySelector('belt-map')!.plan!.villages.features.filter((f) => f.geometry).slice(0, 300).map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })),
    );
    await w.page.locator('belt-map .import-file').setInputFiles({
      name: 'villages.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: points })),
    });
    await w.page.waitForFunction(() => (window as unknown as { __recorded: Recorded }).__recorded['belt-analysis']!.length > 0);
    const detail = (await recorded())['belt-analysis']![0] as { imported: number; zones: { lineId: string; count: number }[] };
    expect(detail.imported).toBe(points.length);
    expect(detail.zones.map((z) => z.lineId)).toEqual(['g109']);
    expect(detail.zones[0]!.count).toBeGreaterThan(0);
    const workers = w.page.workers().map((x) => x.url());
    expect(workers, JSON.stringify(workers)).toContainEqual(expect.stringMatching(/analysis\.worker/));
    expect((await recorded())['belt-error']).toEqual([]);
    expect(await w.page.locator('belt-map [role=alert]').count()).toBe(0);
    expect(await violations()).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('imports a table in the import worker and exports an A4 PNG and a PDF (the offscreen print map), with no violation', async () => {
    const result = await w.page.evaluate(async () => {
      const el = document.querySelector('belt-map')!;
      const report = await el.importFile(new File(['区划代码,角色\n110109106203,提升村\n'], 'roles.csv', { type: 'text/csv' }));
      const png = await el.exportImage({ paper: 'A4', dpi: 72, format: 'png', date: '2026-01-01', title: 't' });
      const pdf = await el.exportImage({ paper: 'A4', dpi: 72, format: 'pdf', date: '2026-01-01', title: 't' });
      return { updated: report.updated, png: png.size, pdf: pdf.size };
    });
    expect(result.updated).toBe(1);
    expect(result.png).toBeGreaterThan(10_000);
    expect(result.pdf).toBeGreaterThan(10_000);
    expect(w.page.workers().map((x) => x.url())).toContainEqual(expect.stringMatching(/import\.worker/));
    expect(await violations()).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
