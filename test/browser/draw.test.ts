/**
 * Drawing lines in the built app in headless Chromium, as a planner would, with the mouse on the map
 * canvas: a corridor through two cluster cores and a third village (snapping to villages on), named and
 * saved as one undoable edit, drawn on the map; renamed; the clusters along it linked into a belt; its
 * geometry edited by dragging a vertex; deleted and brought back with undo; Escape cancels a drawing
 * and leaves nothing of terra-draw behind. The plan is the bundled sample (data/plan.json: a sample
 * scenario, not the official plan).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesArea } from '../../src/state/linesArea.js';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

let browser: Browser;
let server: StaticServer;
let w: Watched;
let recorded: () => Promise<Recorded>;

type Pos = [number, number];
interface Target {
  code: string;
  coordinates: Pos;
  /** Page pixels. */
  x: number;
  y: number;
  cluster?: string;
}

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  recorded = await recordEvents(w.page, ['belt-select', 'belt-change']);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

/**
 * Two cluster cores A and B, fitted into the view, and a third located village C, each with no other
 * village within 20 px on screen (so the village a click snaps to is the one meant).
 */
async function targets(page: Page): Promise<{ a: Target; b: Target; c: Target }> {
  const pair = await page.evaluate(() => {
    const el = document.querySelector('belt-map')!;
    const plan = el.plan!;
    const at = (code: string | null) => plan.villages.features.find((f) => f.properties.code === code)?.geometry?.coordinates as [number, number] | undefined;
    const cores = plan.clusters.map((c) => ({ id: c.id, core: c.core!, p: at(c.core) })).filter((c) => c.p);
    // Two cores 3–20 km apart (roughly, in degrees), fitted into the map with room around them.
    let pair: (typeof cores)[number][] | null = null;
    for (const x of cores)
      for (const y of cores) {
        const d = Math.hypot(x.p![0] - y.p![0], x.p![1] - y.p![1]);
        if (!pair && x !== y && d > 0.04 && d < 0.2) pair = [x, y];
      }
    const [p, q] = [pair![0]!.p!, pair![1]!.p!];
    el.map!.fitBounds([[Math.min(p[0], q[0]), Math.min(p[1], q[1])], [Math.max(p[0], q[0]), Math.max(p[1], q[1])]], { padding: { top: 130, bottom: 130, left: 200, right: 200 }, animate: false });
    return [pair![0]!.core, pair![1]!.core];
  });
  await waitIdle(page);
  return page.evaluate((pair) => {
    const el = document.querySelector('belt-map')!;
    const map = el.map!;
    const plan = el.plan!;
    const rect = map.getCanvas().getBoundingClientRect();
    const located = plan.villages.features.filter((f) => f.geometry).map((f) => {
      const c = f.geometry!.coordinates as [number, number];
      const s = map.project(c);
      return { code: f.properties.code, coordinates: c, sx: s.x, sy: s.y };
    });
    const clear = (v: (typeof located)[number], px = 12) => located.every((o) => o === v || Math.hypot(o.sx - v.sx, o.sy - v.sy) > px);
    const inside = (v: (typeof located)[number]) => v.sx > 100 && v.sy > 100 && v.sx < rect.width - 100 && v.sy < rect.height - 60;
    const coreOf = new Map(plan.clusters.filter((c) => c.core).map((c) => [c.core!, c.id]));
    const page = (v: (typeof located)[number]) => ({ code: v.code, coordinates: v.coordinates, x: rect.left + v.sx, y: rect.top + v.sy, cluster: coreOf.get(v.code) });
    const a = located.find((v) => v.code === pair[0])!;
    const b = located.find((v) => v.code === pair[1])!;
    const c = located.find((v) => !coreOf.has(v.code) && inside(v) && clear(v, 20) && Math.hypot(v.sx - b.sx, v.sy - b.sy) > 100 && Math.hypot(v.sx - a.sx, v.sy - a.sy) > 100)!;
    const near = (v: (typeof located)[number]) => Math.min(...located.filter((o) => o !== v).map((o) => Math.hypot(o.sx - v.sx, o.sy - v.sy)));
    if (!clear(a) || !clear(b) || !inside(a) || !inside(b))
      throw new Error(`the cores ${pair.join(', ')} are too near another village (${near(a).toFixed(1)}, ${near(b).toFixed(1)} px) or the edge (${[a.sx, a.sy, b.sx, b.sy].map((x) => x.toFixed(0)).join(', ')} in ${rect.width}×${rect.height})`);
    return { a: page(a), b: page(b), c: page(c) };
  }, pair);
}

const plan = (page: Page) => page.evaluate(() => document.querySelector('belt-map')!.plan!);
const drawn = async (page: Page, id = 'drawn-1') => (await plan(page)).corridors.features.find((f) => f.properties.id === id);
const tdLayers = (page: Page) => page.evaluate(() => (document.querySelector('belt-map')!.map!.getStyle().layers ?? []).map((l) => l.id).filter((id) => id.startsWith('td-')));
const waitDrawing = (page: Page) => page.waitForFunction(() => !!document.querySelector('belt-map')!.map!.getLayer('td-linestring'));
const popup = (page: Page) => page.locator('belt-map .maplibregl-popup');

describe('drawing a corridor on the map', () => {
  let t: { a: Target; b: Target; c: Target };

  it('Escape cancels a drawing: nothing is added, terra-draw leaves no layer behind', async () => {
    const { page } = w;
    t = await targets(page);
    const before = (await plan(page)).corridors.features.length;
    // terra-draw is not part of the first load.
    expect(w.requests.filter((u) => u.includes('terra-draw'))).toEqual([]);
    await page.locator('belt-map .draw-corridor').click();
    await waitDrawing(page);
    await page.mouse.click(t.a.x + 4, t.a.y + 3);
    await page.keyboard.press('Escape');
    await page.locator('belt-map .draw-corridor').waitFor();
    expect((await plan(page)).corridors.features.length).toBe(before);
    await page.waitForFunction(() => !(document.querySelector('belt-map')!.map!.getStyle().layers ?? []).some((l) => l.id.startsWith('td-')));
    expect(await tdLayers(page)).toEqual([]);
    expect(await page.locator('belt-map .draw-status').innerText()).toBe('已取消绘制');
  });

  it('draws a line by clicks (a double-click finishes), snapped to the villages, named and saved as one edit', async () => {
    const { page } = w;
    const selectsBefore = (await recorded())['belt-select']!.length;
    const changesBefore = (await recorded())['belt-change']!.length;
    await page.locator('belt-map .draw-corridor').click();
    await waitDrawing(page);
    expect(await page.locator('belt-map .draw-help').innerText()).toContain('双击或按 Enter 结束');
    // A little off each village (no other village is nearer): snapping puts the vertex on it.
    await page.mouse.click(t.a.x + 2, t.a.y + 1);
    await page.mouse.click(t.b.x - 1, t.b.y + 2);
    await page.mouse.move((t.b.x + t.c.x) / 2, (t.b.y + t.c.y) / 2, { steps: 4 });
    await page.mouse.move(t.c.x + 4, t.c.y - 3, { steps: 4 });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(RESULTS, 'draw-drawing.png') });
    await page.mouse.dblclick(t.c.x + 4, t.c.y - 3);
    // Clicking villages while drawing selected none of them.
    expect((await recorded())['belt-select']!.length).toBe(selectsBefore);
    expect(await popup(page).count()).toBe(0);
    const form = page.locator('belt-map .draw-name');
    await form.waitFor();
    expect(await form.locator('.draw-snapped').innerText()).toBe('3 个顶点，其中 3 个吸附到村庄');
    await form.locator('input[name="name"]').fill('测试廊道');
    await form.locator('input[name="name_en"]').fill('Test corridor');
    await form.locator('select[name="kind"]').selectOption('river');
    await form.locator('.draw-save').click();

    const f = await drawn(page);
    expect(f, 'the new line').toBeDefined();
    expect(f!.geometry).toEqual({ type: 'LineString', coordinates: [t.a.coordinates, t.b.coordinates, t.c.coordinates] });
    expect(f!.properties).toMatchObject({ name: '测试廊道', name_en: 'Test corridor', kind: 'river', geometry_source: 'drawn', via: [], citations: [] });
    expect(f!.properties.accuracy_zh).toMatch(/3 个顶点吸附到村庄坐标/);
    expect(f!.properties.accuracy).toMatch(/3 vertices on village positions/);
    // One edit, undoable, a belt-change for it.
    const history = await page.locator('belt-map .undo').getAttribute('title');
    expect(history).toContain('添加线');
    const change = (await recorded())['belt-change']!.slice(changesBefore) as { command?: { type: string } }[];
    expect(change.map((c) => c.command?.type)).toEqual(['add-line']);
    expect(await tdLayers(page)).toEqual([]);

    // Drawn on the map, in the legend, dashed and marked as drawn.
    await waitIdle(page);
    const rendered = await page.evaluate(() => document.querySelector('belt-map')!.map!.queryRenderedFeatures({ layers: ['corridors-drawn'] }).map((r) => r.properties['id']));
    expect(rendered).toContain('drawn-1');
    expect(await page.locator('belt-map .legend').innerText()).toContain('测试廊道（手绘）');
    await page.screenshot({ path: join(RESULTS, 'draw-saved.png') });
  });

  it('renames it from its popup', async () => {
    const { page } = w;
    await popup(page).locator('.line-rename').click();
    const form = page.locator('belt-map .draw-rename');
    expect(await form.locator('input[name="name"]').inputValue()).toBe('测试廊道');
    expect(await form.locator('input[name="name"]').evaluate((i) => i === (i.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await form.locator('input[name="name"]').fill('改名廊道');
    await form.locator('input[name="name"]').press('Enter');
    await page.waitForFunction(() => document.querySelector('belt-map')!.plan!.corridors.features.some((f) => f.properties.name === '改名廊道'));
    const f = await drawn(page);
    expect(f!.properties.name_en).toBe('Test corridor');
    expect(f!.geometry.coordinates).toEqual([t.a.coordinates, t.b.coordinates, t.c.coordinates]);
    expect(await popup(page).locator('h3').innerText()).toBe('改名廊道');
  });

  it('links the clusters along it into a belt, in the order along the line', async () => {
    const { page } = w;
    await popup(page).locator('.line-belt').click();
    const form = page.locator('belt-map .draw-belt');
    const found = await form.locator('.draw-belt-clusters li').evaluateAll((li) => li.map((l) => l.getAttribute('data-cluster')!));
    expect(found).toContain(t.a.cluster);
    expect(found).toContain(t.b.cluster);
    expect(found.indexOf(t.a.cluster!)).toBeLessThan(found.indexOf(t.b.cluster!));
    // The zone it looked in is shown (its buffer engine is loaded on first use).
    await page.waitForFunction(() => !!document.querySelector('belt-map')!.map!.getLayer('analysis-area-fill'), null, { timeout: 10_000 });
    expect(await form.locator('input[name="belt-name"]').inputValue()).toBe('改名廊道示范带');
    // Only the ticked clusters go in; fewer than two is refused with a message.
    const beltsBefore = (await plan(page)).belts.length;
    for (const id of found) if (id !== t.a.cluster) await form.locator(`input[name="cluster"][value="${id}"]`).uncheck();
    await form.locator('.draw-belt-create').click();
    expect(await form.locator('.draw-error[role="alert"]').innerText()).toBe('至少需要两个片区才能成带。');
    expect((await plan(page)).belts.length).toBe(beltsBefore);
    await form.locator(`input[name="cluster"][value="${t.b.cluster}"]`).check();
    await form.locator('.draw-belt-create').click();
    const belt = (await plan(page)).belts.at(-1)!;
    expect(belt).toMatchObject({ name: '改名廊道示范带', clusters: [t.a.cluster, t.b.cluster], along: ['drawn-1'] });
    expect(await page.evaluate(() => !!document.querySelector('belt-map')!.map!.getLayer('analysis-area-fill'))).toBe(false);
  });

  it('edits its geometry by dragging a vertex (snapping off); Enter finishes', async () => {
    const { page } = w;
    await page.locator('belt-map .draw-snap input').uncheck();
    await popup(page).locator('.line-edit').click();
    await page.waitForFunction(() => !!document.querySelector('belt-map')!.map!.getLayer('td-point'));
    await page.waitForTimeout(200);
    await page.mouse.move(t.b.x, t.b.y);
    await page.mouse.down();
    await page.mouse.move(t.b.x + 20, t.b.y + 30, { steps: 8 });
    await page.mouse.move(t.b.x + 40, t.b.y + 60, { steps: 8 });
    await page.mouse.up();
    await page.screenshot({ path: join(RESULTS, 'draw-editing.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('belt-map')!.plan!.corridors.features.find((f) => f.properties.id === 'drawn-1')!.geometry.coordinates.length === 3
      && (document.querySelector('belt-map')!.plan!.corridors.features.find((f) => f.properties.id === 'drawn-1')!.geometry.coordinates[1] as number[])[0] !== undefined
      && document.querySelector('belt-map')!.shadowRoot!.querySelector('.draw-corridor') !== null);
    const f = await drawn(page);
    const moved = await page.evaluate(([x, y]) => {
      const map = document.querySelector('belt-map')!.map!;
      const rect = map.getCanvas().getBoundingClientRect();
      const p = map.unproject([x! - rect.left, y! - rect.top]);
      return [p.lng, p.lat];
    }, [t.b.x + 40, t.b.y + 60]);
    const c = f!.geometry.coordinates as Pos[];
    expect(c[0]).toEqual(t.a.coordinates);
    expect(c[2]).toEqual(t.c.coordinates);
    expect(c[1]![0]).toBeCloseTo(moved[0]!, 3);
    expect(c[1]![1]).toBeCloseTo(moved[1]!, 3);
    expect(c[1]).not.toEqual(t.b.coordinates);
    expect(f!.properties.geometry_source).toBe('drawn');
    // The two vertices still on villages are counted as such (snapping was off: they were not moved).
    expect(f!.properties.accuracy_zh).toMatch(/2 个顶点吸附到村庄坐标/);
    expect(await tdLayers(page)).toEqual([]);
  });

  it('deletes it after a confirmation; undo brings it back', async () => {
    const { page } = w;
    const edited = (await drawn(page))!.geometry;
    await popup(page).locator('.line-delete').click();
    const confirm = page.locator('belt-map .draw-delete');
    expect(await confirm.innerText()).toContain('删除“改名廊道”？');
    await confirm.locator('.draw-delete-yes').click();
    expect(await drawn(page)).toBeUndefined();
    expect((await plan(page)).belts.at(-1)!.along).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('belt-map')!.undo())).toBe(true);
    expect((await drawn(page))!.geometry).toEqual(edited);
    expect((await plan(page)).belts.at(-1)!.along).toEqual(['drawn-1']);
  });

  it('lines into an area: the union of the chosen lines’ zones, its km² as the engine has it, shown and hidden (not stored)', async () => {
    const { page } = w;
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('belt-map [data-tab="lines"]').click();
    await page.locator('belt-map .list tr[data-line="drawn-1"] button').first().click();
    await popup(page).locator('.line-area').click();
    const form = page.locator('belt-map .draw-area');
    expect(await form.locator('input[name="line"]:checked').evaluateAll((i) => i.map((x) => (x as HTMLInputElement).value))).toEqual(['drawn-1']);
    const other = (await plan(page)).corridors.features[0]!.properties.id;
    await form.locator(`input[name="line"][value="${other}"]`).check();
    await form.locator('input[name="km"]').fill('1.5');
    const before = await plan(page);
    await form.locator('.draw-area-show').click();
    const shown = await form.locator('.draw-area-result').innerText();
    const { km2 } = linesArea(before, [other, 'drawn-1'], 1.5);
    expect(shown).toBe(`2 条线两侧范围合计 ${km2.toFixed(2)} 平方公里`);
    expect(await page.evaluate(() => document.querySelector('belt-map')!.map!.getSource('analysis-area') !== undefined)).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'draw-area.png') });
    // An analysis only: the plan is the same object.
    expect(await page.evaluate((p) => JSON.stringify(document.querySelector('belt-map')!.plan) === p, JSON.stringify(before))).toBe(true);
    await form.locator('.draw-discard').click();
    expect(await page.evaluate(() => document.querySelector('belt-map')!.map!.getSource('analysis-area') === undefined)).toBe(true);
  });

  it('speaks English with lang="en": the panel, the line actions and the forms', async () => {
    const { page } = w;
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'en'));
    expect(await page.locator('belt-map .draw-corridor').innerText()).toBe('Draw corridor');
    await page.locator('belt-map .list tr[data-line="drawn-1"] button').first().click();
    expect(await popup(page).locator('.line-actions').innerText()).toContain('Link clusters along it into a belt');
    await popup(page).locator('.line-belt').click();
    expect(await page.locator('belt-map .draw-belt').innerText()).toContain('Clusters along “Test corridor”');
    await page.screenshot({ path: join(RESULTS, 'draw-en.png') });
    await page.keyboard.press('Escape');
    await page.locator('belt-map .draw-corridor').waitFor();
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'zh-CN'));
  });

  it('draws a culture belt without snapping, finished with “Done”', async () => {
    const { page } = w;
    // The feature list (opened above) is closed: two points inside the map as it is now.
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
    await waitIdle(page);
    const rect = await page.evaluate(() => {
      const r = document.querySelector('belt-map')!.map!.getCanvas().getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    });
    await page.locator('belt-map .draw-snap input').uncheck();
    await page.locator('belt-map .draw-culture-belt').click();
    await waitDrawing(page);
    expect(await page.locator('belt-map .draw-title').innerText()).toBe('正在绘制文化带');
    const p1 = { x: rect.left + rect.width * 0.3, y: rect.top + rect.height * 0.4 };
    const p2 = { x: rect.left + rect.width * 0.6, y: rect.top + rect.height * 0.65 };
    await page.mouse.click(p1.x, p1.y);
    await page.mouse.click(p2.x, p2.y);
    await page.screenshot({ path: join(RESULTS, 'draw-culture-belt.png') });
    await page.locator('belt-map .draw-finish').click();
    const form = page.locator('belt-map .draw-name');
    await form.waitFor();
    expect(await form.locator('select').count()).toBe(0); // a culture belt is of kind culture-belt
    await form.locator('input[name="name"]').fill('测试文化带');
    await form.locator('.draw-save').click();
    const f = (await plan(page)).cultureBelts.features.at(-1)!;
    expect(f.properties).toMatchObject({ id: 'drawn-2', name: '测试文化带', kind: 'culture-belt', geometry_source: 'drawn' });
    const expected = await page.evaluate((pts) => {
      const map = document.querySelector('belt-map')!.map!;
      const rect = map.getCanvas().getBoundingClientRect();
      return pts.map(({ x, y }) => map.unproject([x - rect.left, y - rect.top]).toArray());
    }, [p1, p2]);
    const got = f.geometry.coordinates as Pos[];
    expect(got.length).toBe(2);
    got.forEach((c, i) => {
      expect(c[0]).toBeCloseTo(expected[i]![0]!, 6);
      expect(c[1]).toBeCloseTo(expected[i]![1]!, 6);
    });
    await page.locator('belt-map .draw-snap input').check();
  });

  it('made no request off the page’s origin and logged no error', () => {
    expect(w.requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
