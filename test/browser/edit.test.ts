/**
 * Editing the plan in the built app (dist/) in headless Chromium, as a planner would: a village's
 * role, year and cluster from its popup on the map, a new cluster around it, a cluster's name, core,
 * members and deletion from its details, a proposal's accept shown before it is made, a rejected
 * proposal not proposed again; `belt-change` on each user edit and on none made by code. The plans are
 * the bundled samples (data/plan.json, data/plans/miyun/: sample scenarios, not official plans).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

let browser: Browser;
let server: StaticServer;
let w: Watched;
let recorded: () => Promise<Recorded>;

interface Change {
  type: string;
  label: { en: string; zh: string };
  command?: { type: string };
  villages: { code: string; role?: { from: string; to: string }; year?: { from: number | null; to: number | null }; joined?: string[]; left?: string[] }[];
  clusters: { added: string[]; removed: string[]; changed: string[] };
}

/** The `belt-change` events so far. */
const changes = async (): Promise<Change[]> => (await recorded())['belt-change'] as Change[];

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  recorded = await recordEvents(w.page, ['belt-change']);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

/** A located village of no role in no cluster, in the current view, and where to click it. */
async function freeVillage(page: Page, skip: readonly string[] = []): Promise<{ code: string; name: string; x: number; y: number }> {
  return page.evaluate((skip) => {
    const el = document.querySelector('belt-map')!;
    const map = el.map!;
    const plan = el.plan!;
    const listed = new Set(plan.clusters.flatMap((c) => [c.core, ...c.members]));
    const rendered = map.queryRenderedFeatures({ layers: ['villages-circle'] });
    const rect = map.getCanvas().getBoundingClientRect();
    const f = rendered.find((f) => {
      const p = f.properties as { code: string; role: string; kind: string };
      if (p.role !== 'other' || p.kind !== '村委会' || listed.has(p.code) || skip.includes(p.code)) return false;
      const { x, y } = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      // Away from the edges and the controls, not under a popup, and the only village under the pointer.
      return x > 120 && y > 120 && x < rect.width - 120 && y < rect.height - 60 && map.queryRenderedFeatures([x, y], { layers: ['villages-circle'] }).length === 1 &&
        el.shadowRoot!.elementFromPoint(rect.left + x, rect.top + y) === map.getCanvas();
    })!;
    const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
    return { code: String(f.properties['code']), name: String(f.properties['short_name']), x: rect.left + p.x, y: rect.top + p.y };
  }, skip);
}

const village = (page: Page, code: string) =>
  page.evaluate((code) => {
    const plan = document.querySelector('belt-map')!.plan!;
    const p = plan.villages.features.find((f) => f.properties.code === code)!.properties;
    return { role: p.role, year: p.year, clusters: plan.clusters.filter((c) => c.core === code || c.members.includes(code)).map((c) => c.id) };
  }, code);

const popup = (page: Page) => page.locator('belt-map .maplibregl-popup');

/** Unfolds the popup's edit section when it is folded (the element keeps it unfolded once it was). */
async function unfold(page: Page): Promise<void> {
  const section = popup(page).locator('details.plan-edit');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) await section.locator('> summary').click();
}

describe('editing a village from its popup', () => {
  let code = '';

  it('sets its role and year: the plan, the popup and belt-change follow; the select keeps the focus', async () => {
    const v = await freeVillage(w.page);
    code = v.code;
    await w.page.mouse.click(v.x, v.y);
    await popup(w.page).waitFor();
    // The edit section is folded at first; unfolded, it stays so for the next feature.
    await popup(w.page).locator('details.plan-edit > summary').click();
    const role = popup(w.page).locator('select.edit-role');
    await role.focus();
    await role.selectOption('poetic');
    await expect.poll(() => village(w.page, code)).toMatchObject({ role: 'poetic', year: null });
    await expect.poll(() => popup(w.page).innerText()).toContain('诗画乡村');
    expect(await w.page.evaluate(() => document.querySelector('belt-map')!.shadowRoot!.activeElement?.className)).toBe('edit-role');
    await popup(w.page).locator('select.edit-year').selectOption('2026');
    await expect.poll(() => village(w.page, code)).toMatchObject({ role: 'poetic', year: 2026 });
    const got = await changes();
    expect(got.map((c) => c.command?.type)).toEqual(['set-village-role', 'set-village-year']);
    expect(got[0]!.villages).toEqual([{ code, name: v.name, role: { from: 'other', to: 'poetic' } }]);
    expect(got[1]!.villages).toEqual([{ code, name: v.name, year: { from: null, to: 2026 } }]);
  });

  it('makes a new cluster around it: it becomes its 示范村; the cluster is in the feature list', async () => {
    await popup(w.page).locator('button.edit-new-cluster').click();
    await expect.poll(() => village(w.page, code)).toMatchObject({ role: 'demonstration', year: 2026 });
    const cluster = (await village(w.page, code)).clusters[0]!;
    expect(cluster).toMatch(/^cluster-\d+$/);
    const last = (await changes()).at(-1)!;
    expect(last.clusters.added).toEqual([cluster]);
    expect(last.label.zh).toBe('新建片区');
    // The core's cluster select is locked (a cluster keeps its core).
    await expect.poll(() => popup(w.page).locator('select.edit-cluster').isDisabled()).toBe(true);
  });

  it('another free village joins that cluster by its select, as 提升村 of the cluster\'s year', async () => {
    const cluster = (await village(w.page, code)).clusters[0]!;
    const v = await freeVillage(w.page, [code]);
    await w.page.mouse.click(v.x, v.y);
    await expect.poll(() => popup(w.page).innerText()).toContain(v.name);
    await popup(w.page).locator('select.edit-cluster').selectOption(cluster);
    await expect.poll(() => village(w.page, v.code)).toMatchObject({ role: 'upgrade', year: 2026, clusters: [cluster] });
    const last = (await changes()).at(-1)!;
    expect(last.villages).toEqual([{ code: v.code, name: v.name, role: { from: 'other', to: 'upgrade' }, year: { from: null, to: 2026 }, joined: [cluster] }]);
    // Made its core instead: the old core stays as a member.
    await popup(w.page).locator('button.edit-make-core').click();
    await expect.poll(() => village(w.page, v.code)).toMatchObject({ role: 'demonstration' });
    expect(await village(w.page, code)).toMatchObject({ role: 'upgrade', clusters: [cluster] });
    await w.page.screenshot({ path: join(RESULTS, 'edit-village.png') });
  });

  it('undo by key fires belt-change (undo); el.undo() and el.redo() by code fire none', async () => {
    const before = (await changes()).length;
    await w.page.locator('belt-map .map canvas').focus();
    await w.page.keyboard.press('Control+z');
    await expect.poll(async () => (await changes()).length).toBe(before + 1);
    expect((await changes()).at(-1)).toMatchObject({ type: 'undo', label: { zh: '设为示范村' } });
    expect(await w.page.evaluate(() => document.querySelector('belt-map')!.redo())).toBe(true);
    expect(await w.page.evaluate(() => document.querySelector('belt-map')!.undo())).toBe(true);
    await waitIdle(w.page);
    expect((await changes()).length).toBe(before + 1);
  });
});

describe('editing a cluster from its details', () => {
  /** Opens the details of a cluster through the feature list's clusters tab. */
  async function openCluster(page: Page, id: string): Promise<void> {
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('belt-map [data-tab="clusters"]').click();
    const name = await page.evaluate((id) => document.querySelector('belt-map')!.plan!.clusters.find((c) => c.id === id)!.name, id);
    await page.locator('belt-map .list button.link', { hasText: name }).first().click();
    await unfold(page);
    await popup(page).locator('form.edit-rename').waitFor();
  }

  it('renames it, sets its year, removes a member; deletes it after a confirmation', async () => {
    const id = await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters[0]!.id);
    await openCluster(w.page, id);
    const form = popup(w.page).locator('form.edit-rename');
    await form.locator('input[name=name]').fill('试改名片区');
    await form.locator('button[type=submit]').click();
    const cluster = () => w.page.evaluate((id) => document.querySelector('belt-map')!.plan!.clusters.find((c) => c.id === id) ?? null, id);
    await expect.poll(async () => (await cluster())?.name).toBe('试改名片区');
    await expect.poll(() => popup(w.page).locator('h3').innerText()).toBe('试改名片区');
    await popup(w.page).locator('select.edit-cluster-year').selectOption('2027');
    await expect.poll(async () => (await cluster())?.year).toBe(2027);
    const first = (await cluster())!.members[0]!;
    await popup(w.page).locator(`li[data-code="${first}"] button.edit-member-remove`).click();
    await expect.poll(async () => (await cluster())?.members.includes(first)).toBe(false);
    await popup(w.page).locator('details.edit-delete summary').click();
    await popup(w.page).locator('button.edit-delete-confirm').click();
    await expect.poll(cluster).toBeNull();
    // Deleted: its popup closes with it.
    await expect.poll(() => popup(w.page).count()).toBe(0);
    await w.page.locator('belt-map .map canvas').focus();
    const types = (await changes()).slice(-4).map((c) => c.command?.type);
    expect(types).toEqual(['rename-cluster', 'set-cluster-year', 'remove-members', 'delete-cluster']);
    await w.page.keyboard.press('Control+z');
    await expect.poll(async () => (await cluster())?.name).toBe('试改名片区');
  });
});

describe('the lasso', () => {
  it('adds the free villages drawn round on the map to the selected cluster, as 提升村, in one edit', async () => {
    // A cluster's details from the feature list (the map flies to it), the list closed again, then a
    // free village in view: the lasso is a square of 40 px round it.
    const id = await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters[0]!.id);
    const toggle = w.page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await w.page.locator('belt-map [data-tab="clusters"]').click();
    const name = await w.page.evaluate((id) => document.querySelector('belt-map')!.plan!.clusters.find((c) => c.id === id)!.name, id);
    await w.page.locator('belt-map .list button.link', { hasText: name }).first().click();
    await unfold(w.page);
    await popup(w.page).locator('button.edit-lasso').waitFor();
    await toggle.click();
    // Back to the whole plan (the popup stays on the cluster), where free villages are in view.
    await w.page.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      el.map!.fitBounds(el.plan!.manifest.views[0]!.bounds, { animate: false });
    });
    await waitIdle(w.page);
    const v = await freeVillage(w.page);
    const at = { x: v.x, y: v.y };
    await popup(w.page).locator('button.edit-lasso').click();
    // terra-draw is loaded on first use: the lasso starts when its layers are on the map.
    await w.page.waitForFunction(() => (document.querySelector('belt-map')!.map!.getStyle().layers ?? []).some((l) => l.id.startsWith('td-')));
    const inside = await w.page.evaluate(({ x, y }) => {
      const map = document.querySelector('belt-map')!.map!;
      const rect = map.getCanvas().getBoundingClientRect();
      return map.queryRenderedFeatures([[x - rect.left - 20, y - rect.top - 20], [x - rect.left + 20, y - rect.top + 20]], { layers: ['villages-circle'] }).map((f) => String(f.properties['code']));
    }, at);
    expect(inside).toContain(v.code);
    const before = (await changes()).length;
    await w.page.mouse.click(at.x - 20, at.y - 20);
    for (const [dx, dy] of [[20, -20], [20, 20], [-20, 20], [-20, -18]] as const) await w.page.mouse.move(at.x + dx, at.y + dy, { steps: 6 });
    await w.page.mouse.click(at.x - 20, at.y - 18);
    await expect.poll(() => village(w.page, v.code)).toMatchObject({ role: 'upgrade', clusters: [id] });
    await expect.poll(async () => (await changes()).length).toBe(before + 1);
    expect((await changes()).at(-1)!.label.zh).toBe('圈选加入片区');
    // The cluster's details come back, listing the village.
    await expect.poll(() => popup(w.page).locator(`li[data-code="${v.code}"]`).count()).toBe(1);
    await w.page.screenshot({ path: join(RESULTS, 'edit-lasso.png') });
  });
});

describe('proposals', () => {
  // The Miyun sample (data/plans/miyun/) has towns with villages left to propose clusters from.
  beforeAll(async () => {
    await w.page.evaluate(async () => {
      const el = document.querySelector('belt-map')!;
      const ready = new Promise((r) => el.addEventListener('belt-ready', r, { once: true }));
      el.src = 'data/plans/miyun/plan.json';
      await ready;
    });
    await waitIdle(w.page);
  });

  async function propose(page: Page): Promise<string[]> {
    const toggle = page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('belt-map [data-tab="proposals"]').click();
    await page.locator('belt-map button.propose').click();
    await page.locator('belt-map .list tr[data-proposal]').first().waitFor();
    return page.locator('belt-map .list tr[data-proposal]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-proposal')!));
  }

  it('accept shows what will change first; nothing changes until confirmed, with the year chosen', async () => {
    const ids = await propose(w.page);
    const id = ids[0]!;
    const clustersBefore = await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters.length);
    await w.page.locator(`belt-map tr[data-proposal="${id}"] button.accept`).click();
    const preview = w.page.locator('belt-map dialog.accept-preview');
    await preview.waitFor();
    expect(await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters.length)).toBe(clustersBefore);
    const listed = await preview.locator('.accept-changes li[data-code]').count();
    expect(listed).toBeGreaterThanOrEqual(1);
    expect(await preview.innerText()).toContain('→');
    // The Miyun sample plans one year only; the first of the plan's years is chosen either way.
    const years = await preview.locator('select.accept-year option').allTextContents();
    await preview.locator('select.accept-year').selectOption(years[0]!);
    await w.page.screenshot({ path: join(RESULTS, 'edit-accept-preview.png') });
    await preview.locator('button.accept-confirm').click();
    const made = await w.page.evaluate((id) => document.querySelector('belt-map')!.plan!.clusters.find((c) => c.id === id) ?? null, id);
    expect(made).toMatchObject({ id, year: Number(years[0]) });
    const last = (await changes()).at(-1)!;
    expect(last.command?.type).toBe('accept-proposal');
    expect(last.villages.filter((v) => v.role).length).toBe(listed);
  });

  it('cancel changes nothing; a rejected proposal is not proposed again', async () => {
    const ids = await propose(w.page);
    const before = await w.page.evaluate(() => document.querySelector('belt-map')!.plan);
    await w.page.locator(`belt-map tr[data-proposal="${ids[0]}"] button.accept`).click();
    await w.page.locator('belt-map dialog.accept-preview button.accept-cancel').click();
    expect(await w.page.evaluate((before) => JSON.stringify(document.querySelector('belt-map')!.plan) === JSON.stringify(before), before)).toBe(true);
    await w.page.locator(`belt-map tr[data-proposal="${ids[0]}"] button.reject`).click();
    const again = await propose(w.page);
    expect(again).not.toContain(ids[0]);
  });
});
