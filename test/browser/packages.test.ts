/**
 * Every bundled plan package, and a synthetic one far from Beijing (test/fixtures/plans/far-south), in
 * the built app: each loads, draws its own layers, offers its own views, lists its own legend (plan
 * districts named from its focus districts, its own roles), says it is a sample and counts what it
 * cannot place. Screenshots go to test-results/packages/<id>.png.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer } from './harness.js';

interface Entry {
  id: string;
  name: { zh: string; en: string };
  url: string;
}
interface Manifest {
  name: { zh: string; en: string };
  notice: { zh: string; en: string };
  views: { id: string; label: { zh: string; en: string } }[];
  focusDistricts: string[];
  roles: { id: string; kind: string; label: { zh: string; en: string } }[];
  files: Record<string, string>;
}

const FAR = resolve(import.meta.dirname, '../fixtures/plans/far-south');
const OUT = join(RESULTS, 'packages');

let browser: Browser;
let server: StaticServer;
const bundled: Entry[] = JSON.parse(await readFile(join(DIST, 'data/plans.json'), 'utf8'));
const cases: { id: string; url: string }[] = [
  ...bundled.map((e) => ({ id: e.id, url: `/data/${e.url}` })),
  { id: 'far-south', url: '/fixtures/far-south/plan.json' },
];

/** The manifest and villages of a case, read from disk (dist/ or the fixture). */
async function readCase(url: string): Promise<{ manifest: Manifest; located: number; unlocated: number; districts: { adcode: string; name: string }[] }> {
  const dir = url.startsWith('/fixtures/') ? FAR : join(DIST, url.replace(/^\/|plan\.json$/g, ''));
  const json = async (f: string) => JSON.parse(await readFile(join(dir, f), 'utf8'));
  const manifest = (await json('plan.json')) as Manifest;
  const villages = (await json(manifest.files.villages!)) as GeoJSON.FeatureCollection;
  const districts = manifest.files.districts ? ((await json(manifest.files.districts)) as GeoJSON.FeatureCollection).features.map((f) => f.properties as { adcode: string; name: string }) : [];
  const located = villages.features.filter((f) => f.geometry).length;
  return { manifest, located, unlocated: villages.features.length - located, districts };
}

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  const routes: Record<string, string> = {};
  for (const f of await readdir(FAR)) if (/\.(geo)?json$/.test(f)) routes[`/fixtures/far-south/${f}`] = await readFile(join(FAR, f), 'utf8');
  // A broken copy of the synthetic package: one village with a role its manifest does not define.
  const villages = JSON.parse(routes['/fixtures/far-south/villages.geojson']!);
  villages.features[1].properties.role = 'mayor';
  routes['/fixtures/broken/plan.json'] = routes['/fixtures/far-south/plan.json']!;
  routes['/fixtures/broken/villages.geojson'] = JSON.stringify(villages);
  for (const f of ['districts.geojson', 'corridors.geojson']) routes[`/fixtures/broken/${f}`] = routes[`/fixtures/far-south/${f}`]!;
  // The synthetic package with colours set by CSS for a line id and a role id of its own.
  routes['/page/far-styled.html'] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head><body>
<belt-map src="/fixtures/far-south/plan.json" style="height: 600px; --belt-color-line-coast-road: rgb(1, 2, 3); --belt-color-role-hub: rgb(4, 5, 6)"></belt-map></body></html>`;
  routes['/page/broken.html'] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head><body><belt-map src="/fixtures/broken/plan.json"></belt-map></body></html>`;
  for (const c of cases)
    routes[`/page/${c.id}.html`] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head>
<body style="margin:0"><belt-map src="${c.url}" style="height: 720px"></belt-map></body></html>`;
  server = await serveDist(routes);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(cases)('package $id', ({ id, url }) => {
  let page: Page;
  let requests: string[];
  let errors: string[];
  let data: Awaited<ReturnType<typeof readCase>>;

  beforeAll(async () => {
    data = await readCase(url);
    const w = await watchedPage(browser, { width: 1280, height: 800 });
    ({ page, requests, errors } = w);
    await page.goto(`${server.origin}/page/${id}.html`);
    await waitReady(page);
    await waitIdle(page);
    await page.screenshot({ path: join(OUT, `${id}.png`) });
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('loads without errors and stays on its origin', () => {
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });

  it('shows its own name, sample notice and views', async () => {
    await expect(page.locator('belt-map .title').innerText()).resolves.toBe(data.manifest.name.zh);
    // The notice's text after its lead-in ("示例方案："), which is the badge: said once, not "示例方案 示例方案：".
    const notice = await page.locator('belt-map [part=notice]').innerText();
    expect(notice).toContain(data.manifest.notice.zh.slice(data.manifest.notice.zh.indexOf('：') + 1));
    expect(notice.match(/示例方案/g)).toHaveLength(1);
    // The picker names the plan shown, also one that is not in the bundled list.
    const picked = await page.locator('belt-map .plan-picker select').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim());
    expect(picked).toBe(bundled.find((e) => e.id === id)?.name.zh ?? data.manifest.name.zh);
    const views = await page.locator('belt-map [data-view]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-view'), el.textContent?.trim()]));
    expect(views).toEqual(data.manifest.views.map((v) => [v.id, v.label.zh]));
  });

  it('names its plan districts and its own roles in the legend', async () => {
    const legend = await page.locator('belt-map .legend').innerText();
    const focus = data.manifest.focusDistricts.flatMap((code) => data.districts.filter((d) => d.adcode === code).map((d) => d.name));
    if (focus.length) expect(legend).toContain(`规划区（${focus.join('、')}）`);
    const rendered = await page.evaluate(() => {
      const map = document.querySelector('belt-map')!.map!;
      return [...new Set(map.queryRenderedFeatures({ layers: ['villages-circle'] }).map((f) => String(f.properties['role'])))];
    });
    for (const role of data.manifest.roles.filter((r) => rendered.includes(r.id))) expect(legend).toContain(role.label.zh);
  });

  it('draws its located villages and its district boundaries', async () => {
    const counts = await page.evaluate(() => {
      const map = document.querySelector('belt-map')!.map!;
      const ids = map.getStyle().layers.map((l) => l.id);
      const n = (prefix: string) => map.queryRenderedFeatures({ layers: ids.filter((l) => l === prefix || l.startsWith(`${prefix}-`)) }).length;
      return { villages: n('villages'), boundaries: n('boundaries') };
    });
    if (data.located > 0) expect(counts.villages).toBeGreaterThan(0);
    if (data.districts.length > 0) expect(counts.boundaries).toBeGreaterThan(0);
  });

  it('counts the villages it cannot place', async () => {
    if (data.unlocated === 0) return expect(page.locator('belt-map .unlocated').count()).resolves.toBe(0);
    await expect(page.locator('belt-map .unlocated').innerText()).resolves.toContain(String(data.unlocated));
  });

  it('moves to each of its views', async () => {
    for (const v of data.manifest.views) {
      await page.locator(`belt-map [data-view="${v.id}"]`).click();
      await page.waitForFunction(() => !document.querySelector('belt-map')!.map!.isMoving());
    }
    expect(errors).toEqual([]);
  });
});

describe('a package of its own vocabulary (far-south, synthetic)', () => {
  it('takes --belt-color-line-<id> and --belt-color-role-<id> for its own ids, on the map and in the legend', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${server.origin}/page/far-styled.html`);
    await waitReady(page);
    const paint = await page.evaluate(() => {
      const map = document.querySelector('belt-map')!.map!;
      return { line: JSON.stringify(map.getPaintProperty('corridors-schematic', 'line-color')), role: JSON.stringify(map.getPaintProperty('villages-circle', 'circle-color')) };
    });
    expect(paint.line).toContain('rgb(1, 2, 3)');
    expect(paint.role).toContain('rgb(4, 5, 6)');
    // The swatches are SVG; their colours are the shapes' painted fill and stroke.
    const swatches = await page
      .locator('belt-map .legend li .swatch')
      .evaluateAll((els) => els.flatMap((el) => [...el.querySelectorAll('*')].flatMap((shape) => [getComputedStyle(shape).fill, getComputedStyle(shape).stroke])));
    expect(swatches).toContain('rgb(1, 2, 3)');
    expect(swatches).toContain('rgb(4, 5, 6)');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts its statistics as of its own planning years', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${server.origin}/page/far-south.html`);
    await waitReady(page);
    await page.locator('belt-map .list-toggle').click();
    await page.locator('belt-map [data-tab="stats"]').click();
    const years = await page.locator('belt-map .year select option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(years).toEqual(['', '2030', '2031', '2032']);
    // Its reported target shows the reported figure; its own role is a column of the town table.
    await expect(page.locator('belt-map tr[data-target="yards"]').innerText()).resolves.toContain('120');
    await expect(page.locator('belt-map .list').innerText()).resolves.toContain('未来村');
    await page.context().close();
  });
});

describe('a broken package', () => {
  it('is refused with a message in the page language naming file, feature and field, and belt-error lists the problem', async () => {
    const { page } = await watchedPage(browser);
    await page.addInitScript(() => document.addEventListener('belt-error', (e) => ((window as unknown as { __err: unknown }).__err = (e as CustomEvent).detail)));
    await page.goto(`${server.origin}/page/broken.html`);
    await page.locator('belt-map [role=alert]').waitFor();
    const alert = await page.locator('belt-map [role=alert]').innerText();
    expect(alert).toContain('villages.geojson');
    expect(alert).toContain('要素 990001001202');
    expect(alert).toContain('角色 "mayor" 不在 plan.json 的角色表中');
    const detail = (await page.evaluate(() => (window as unknown as { __err: { problems: { file: string; feature: string; field: string; message: string; zh: string }[] } }).__err)) ;
    expect(detail.problems).toHaveLength(1);
    expect(detail.problems[0]).toMatchObject({ file: 'villages.geojson', feature: '990001001202', field: 'role' });
    expect(detail.problems[0]!.message).toContain('role "mayor" is not a role of plan.json');
    await page.context().close();
  });
});

describe('the plan picker', () => {
  it('lists every bundled plan and loads the one chosen', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${server.origin}/index.html`);
    await waitReady(page);
    const select = page.locator('belt-map .plan-picker select');
    const options = await select.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options).toEqual(bundled.map((e) => e.id));
    const other = bundled[1]!;
    const ready = page.evaluate(() => new Promise<string>((r) => document.addEventListener('belt-ready', (e) => r((e as CustomEvent).detail.src), { once: true })));
    await select.selectOption(other.id);
    expect(await ready).toContain(other.url);
    await expect(page.locator('belt-map .title').innerText()).resolves.toBe((await readCase(`/data/${other.url}`)).manifest.name.zh);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
