/**
 * The import dialog in the built app (dist/) in headless Chromium, driven as a planner would: the
 * header's 导入数据 button, choosing or dropping a file (onto the dialog or the map), the detected
 * format / encoding / coordinate system, the column mapping, the system, unmatched rows, the preview
 * on the map (the plan untouched until "apply"), one apply, the report, the rejected rows' CSV, lines
 * from a GPX as a corridor, a plan package, and a file that cannot be imported. The fixtures are the
 * synthetic ones of test/fixtures/import/ (see its README) and a package zipped from data/plans/zhenhai.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

const FIX = resolve(import.meta.dirname, '../fixtures/import');
const ZHENHAI = resolve(import.meta.dirname, '../../data/plans/zhenhai');
const LIULIQU = '110109007204'; // 琉璃渠村委会: no position and no role in the bundled plan; the CSV gives both
const PREVIEW = 'plan-import-preview';

let browser: Browser;
let server: StaticServer;
let w: Watched;

type Events = { imports: { file: string; added: number; updated: number; replaced: boolean }[]; errors: unknown[] };
let recorded: () => Promise<Recorded>;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser, { width: 1400, height: 900 });
  recorded = await recordEvents(w.page, ['belt-import', 'belt-error']);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

const events = async (_page: Page): Promise<Events> => {
  const r = await recorded();
  return { imports: r['belt-import'], errors: r['belt-error'] } as Events;
};
const dialog = (page: Page) => page.locator('belt-map dialog.import-dialog');
const counts = (page: Page) => page.locator('belt-map .import-counts');

/** Marks the plan shown now, to tell later whether it is still the same object. */
const markPlan = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __mark: unknown }).__mark = document.querySelector('belt-map')!.plan;
  });
const samePlan = (page: Page) => page.evaluate(() => document.querySelector('belt-map')!.plan === (window as unknown as { __mark: unknown }).__mark);

/** The preview features the map holds now. */
const previewFeatures = (page: Page) =>
  page.evaluate((id) => {
    const map = document.querySelector('belt-map')!.map!;
    const source = map.getStyle().sources[id] as { data: GeoJSON.FeatureCollection };
    const layers = map.getStyle().layers.filter((l) => l.id.startsWith('import-preview')).map((l) => l.id);
    return { features: source.data.features.map((f) => ({ status: f.properties!['status'], code: f.properties!['code'], coordinates: (f.geometry as GeoJSON.Point).coordinates })), layers };
  }, PREVIEW);

/** Waits for the dialog's summary after a (re)run of the import; `pattern` tells the run wanted apart from the one before. */
async function summary(page: Page, pattern: RegExp): Promise<string> {
  await counts(page).filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
  await page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
  return counts(page).innerText();
}

/** A select of the dialog by its name. */
const select = (page: Page, name: string) => page.locator(`belt-map dialog.import-dialog select[name="${name}"]`);

describe('the import dialog', () => {
  it('opens from the header, reads a GBK CSV and shows what it found, its column guesses and a preview, changing nothing yet', async () => {
    await markPlan(w.page);
    await w.page.locator('belt-map .import-open').click();
    await expect(dialog(w.page).isVisible()).resolves.toBe(true);
    await expect(dialog(w.page).innerText()).resolves.toMatch(/Excel.*CSV.*KML.*GPX.*Shapefile.*GeoJSON/s);
    await w.page.locator('belt-map input.import-input').setInputFiles(join(FIX, 'villages-gbk.csv'));
    expect(await summary(w.page, /将新增 0，更新 4，未变 0，不导入 1/)).toBeTruthy();

    await expect(w.page.locator('belt-map .import-format').innerText()).resolves.toBe('CSV · 共 5 行');
    await expect(w.page.locator('belt-map .import-encoding').innerText()).resolves.toBe('GB18030');
    await expect(w.page.locator('belt-map .import-crs').innerText()).resolves.toMatch(/^WGS84 经纬度.*按数值推断/);
    // The guessed mapping, with an example cell from the file beside each column.
    for (const [field, column] of [['code', '区划代码'], ['name', '村名'], ['town', '乡镇'], ['role', '角色'], ['year', '年度'], ['lon', '经度'], ['lat', '纬度'], ['x', ''], ['district', '']])
      await expect(select(w.page, `column-${field}`).inputValue(), field).resolves.toBe(column);
    await expect(w.page.locator('belt-map .import-column[data-field="name"] .import-example').innerText()).resolves.toBe('例：琉璃渠村');
    // The GCJ-02 warning, the rejected row with its reason.
    await expect(w.page.locator('belt-map .import-warnings').innerText()).resolves.toMatch(/GCJ-02.*BD-09/);
    await expect(w.page.locator('belt-map .import-rejected tbody tr').innerText()).resolves.toMatch(/^7\s+不在村庄名录中.*爨底下村/);

    // The preview: the four villages where the file puts them; nothing applied.
    const preview = await previewFeatures(w.page);
    expect(preview.layers.length).toBeGreaterThan(0);
    const points = preview.features.filter((f) => f.status !== 'moved');
    expect(points).toHaveLength(4);
    expect(points.every((f) => f.status === 'updated')).toBe(true);
    expect(points.find((f) => f.code === LIULIQU)!.coordinates).toEqual([116.0815, 39.9685]);
    expect(await samePlan(w.page)).toBe(true);
    await expect(w.page.locator('belt-map .import-apply').isEnabled()).resolves.toBe(true);
  });

  it('each change runs the import again: unmatched rows added, a column left out, a coordinate system chosen', async () => {
    await w.page.locator('belt-map input[name="unmatched"][value="add"]').check();
    expect(await summary(w.page, /将新增 1，更新 4，未变 0，不导入 0/)).toBeTruthy();
    expect((await previewFeatures(w.page)).features.filter((f) => f.status === 'added')).toHaveLength(1);
    await w.page.locator('belt-map input[name="unmatched"][value="skip"]').check();
    await summary(w.page, /将新增 0，更新 4，未变 0，不导入 1/);

    // Baidu coordinates: the same numbers land where gcoord's BD-09 → WGS84 puts them (about 1.3 km south-west).
    await select(w.page, 'crs').selectOption('BD-09');
    await w.page.locator('belt-map .import-crs').filter({ hasText: /BD-09.*已选择/ }).waitFor();
    const [lon, lat] = (await previewFeatures(w.page)).features.find((f) => f.code === LIULIQU && f.status !== 'moved')!.coordinates as [number, number];
    const [elon, elat] = gcoord.transform([116.0815, 39.9685], gcoord.BD09, gcoord.WGS84) as [number, number];
    expect(Math.abs(lon - elon) * 85_000 + Math.abs(lat - elat) * 111_000).toBeLessThan(1);
    await expect(w.page.locator('belt-map .import-warnings').count()).resolves.toBe(0);
    await select(w.page, 'crs').selectOption({ index: 0 });
    await w.page.locator('belt-map .import-crs').filter({ hasText: /按数值推断/ }).waitFor();

    // The role column left out: no row changes a role.
    await select(w.page, 'column-role').selectOption({ index: 0 });
    await expect.poll(() => counts(w.page).innerText()).not.toMatch(/更新 4，未变 0，不导入 1/);
    await expect(select(w.page, 'column-role').inputValue()).resolves.toBe('');
    await select(w.page, 'column-role').selectOption('角色');
    await summary(w.page, /将新增 0，更新 4，未变 0，不导入 1/);
    expect(await samePlan(w.page)).toBe(true);
    expect((await events(w.page)).imports).toHaveLength(0);
  });

  it('applies in one step: the plan, the feature list and belt-import see it; the rejected rows download with their cells', async () => {
    await w.page.locator('belt-map .import-apply').click();
    expect(await summary(w.page, /已新增 0，更新 4，未变 0，未导入 1/)).toBeTruthy();
    expect(await samePlan(w.page)).toBe(false);
    const village = await w.page.evaluate((code) => document.querySelector('belt-map')!.plan!.villages.features.find((f) => f.properties.code === code)!, LIULIQU);
    expect(village.properties).toMatchObject({ role: 'demonstration', year: 2025 });
    expect(village.geometry?.coordinates).toEqual([116.0815, 39.9685]);
    const fired = await events(w.page);
    expect(fired.imports).toHaveLength(1);
    expect(fired.imports[0]).toMatchObject({ file: 'villages-gbk.csv', added: 0, updated: 4, replaced: false });
    // The feature list shows the new role at once.
    await w.page.locator('belt-map .list-toggle').click();
    await w.page.locator('belt-map [data-tab="villages"]').click();
    await expect(w.page.locator(`belt-map .list tr[data-code="${LIULIQU}"] td`).nth(4).innerText()).resolves.toBe('示范村');
    await w.page.locator('belt-map .list-toggle').click();
    // Applied: no preview any more, no second apply.
    expect((await previewFeatures(w.page)).layers).toEqual([]);
    await expect(w.page.locator('belt-map .import-apply').count()).resolves.toBe(0);

    const download = w.page.waitForEvent('download');
    await w.page.locator('belt-map .import-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('villages-gbk-未导入的行.csv');
    const text = await readFile((await file.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\ufeff行号,原因,区划代码,村名,乡镇,角色,年度,经度,纬度');
    expect(lines[1]).toMatch(/^7,".*爨底下村.*",,"爨底下村（古村落, 明清）",斋堂镇,示范村,2027,115\.6366,39\.9986$/);

    await w.page.locator('belt-map .import-cancel').click();
    await expect(dialog(w.page).isVisible()).resolves.toBe(false);
    await expect(w.page.locator('belt-map [role=alert]').count()).resolves.toBe(0);
  });

  it('a name several villages of the register bear is shown for the user to pick; the pick joins it', async () => {
    // 河北村 is a village of 王平地区 (Mentougou) and of 琉璃庙镇 (Huairou), and 王平 has a 河北社区 too (the same
    // name without 村 / 社区); the row names no town.
    const HEBEI_WANGPING = '110109005206';
    await markPlan(w.page);
    await w.page.locator('belt-map .import-open').click();
    await w.page.locator('belt-map input.import-input').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('村名,角色,年度\r\n河北村,提升村,2026\r\n') });
    await summary(w.page, /将新增 0，更新 0，未变 0，不导入 1/);
    const pick = w.page.locator('belt-map .import-ambiguous label[data-row="2"]');
    await expect(pick.innerText()).resolves.toMatch(/第 2 行“河北村”/);
    const options = await pick.locator('option').allInnerTexts();
    expect(options).toEqual(['不导入', '河北社区居委会（王平地区，110109005002）', '河北村村委会（王平地区，110109005206）', '河北村委会（琉璃庙镇，110116110222）']);
    await pick.locator('select').selectOption(HEBEI_WANGPING);
    await summary(w.page, /将新增 0，更新 1，未变 0，不导入 0/);
    expect(await samePlan(w.page)).toBe(true);
    await w.page.locator('belt-map .import-apply').click();
    await summary(w.page, /已新增 0，更新 1/);
    const role = await w.page.evaluate((code) => document.querySelector('belt-map')!.plan!.villages.features.find((f) => f.properties.code === code)!.properties.role, HEBEI_WANGPING);
    expect(role).toBe('upgrade');
    await w.page.locator('belt-map .import-cancel').click();
  });

  it('a workbook with several sheets: the sheet is chosen in the dialog', async () => {
    await w.page.locator('belt-map .import-open').click();
    await w.page.locator('belt-map input.import-input').setInputFiles(join(FIX, 'villages.xlsx'));
    await w.page.locator('belt-map .import-file-name').filter({ hasText: 'villages.xlsx' }).waitFor();
    await w.page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
    await expect(select(w.page, 'sheet').locator('option').allInnerTexts()).resolves.toEqual(['村庄', '道路']);
    await expect(select(w.page, 'sheet').inputValue()).resolves.toBe('村庄');
    const villages = await w.page.locator('belt-map .import-format').innerText();
    await select(w.page, 'sheet').selectOption('道路');
    await expect.poll(() => select(w.page, 'sheet').inputValue()).toBe('道路');
    await w.page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
    await expect.poll(() => w.page.locator('belt-map .import-format').innerText()).not.toBe(villages);
    // The column mapping now offers the other sheet's headers.
    const columns = await select(w.page, 'column-name').locator('option').allInnerTexts();
    expect(columns).not.toContain('村名');
    await w.page.locator('belt-map .import-cancel').click();
  });

  it('a file dropped on the map opens the dialog; a GPX comes in as a named corridor', async () => {
    const bytes = [...(await readFile(join(FIX, 'survey.gpx')))];
    const overlay = await w.page.evaluate((bytes) => {
      const el = document.querySelector('belt-map')!;
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'survey.gpx', { type: 'application/gpx+xml' }));
      const map = el.shadowRoot!.querySelector('.map')!;
      map.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return new Promise<boolean>((resolve) =>
        requestAnimationFrame(() => {
          const shown = !!el.shadowRoot!.querySelector('.map-drop');
          map.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          resolve(shown);
        }),
      );
    }, bytes);
    expect(overlay).toBe(true);
    await expect(w.page.locator('belt-map .map-drop').count()).resolves.toBe(0);
    await w.page.locator('belt-map .import-file-name').filter({ hasText: 'survey.gpx' }).waitFor();
    await w.page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
    await expect(dialog(w.page).isVisible()).resolves.toBe(true);
    await markPlan(w.page);

    await select(w.page, 'as').selectOption('corridor');
    await w.page.locator('belt-map input[name="line-name"]').waitFor();
    await w.page.locator('belt-map input[name="line-name"]').fill('踏勘道路');
    await w.page.locator('belt-map input[name="line-name"]').press('Tab');
    await summary(w.page, /将新增 2/);
    await expect.poll(async () => (await previewFeatures(w.page)).features.filter((f) => f.status === 'line').length).toBe(2);
    // The two waypoints are not lines: rejected with a reason that says how to import them.
    await expect(w.page.locator('belt-map .import-rejected tbody').innerText()).resolves.toMatch(/是点，不是线：点请按村庄导入/);
    await w.page.locator('belt-map .import-apply').click();
    await summary(w.page, /已新增 2/);
    const lines = await w.page.evaluate(() =>
      document.querySelector('belt-map')!.plan!.corridors.features.filter((f) => f.properties.id.startsWith('import-')).map((f) => f.properties),
    );
    expect(lines.map((p) => [p.name, p.kind, p.geometry_source])).toEqual([
      ['踏勘道路', 'road', 'surveyed'],
      ['踏勘道路 (2)', 'road', 'surveyed'],
    ]);
    // The new corridor gets a buffer control at once.
    await expect(w.page.locator('belt-map .zones').innerText()).resolves.toContain('踏勘道路');
    await w.page.locator('belt-map .import-cancel').click();
  });

  it('a file that cannot be imported says why in the page language inside the dialog, and changes nothing', async () => {
    await markPlan(w.page);
    await w.page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'en'));
    await w.page.locator('belt-map .import-open').click();
    await w.page.locator('belt-map input.import-input').setInputFiles({ name: 'broken.kmz', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip archive') });
    const error = w.page.locator('belt-map .import-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/^This file cannot be imported: broken\.kmz: /);
    await expect(w.page.locator('belt-map .import-apply').isDisabled()).resolves.toBe(true);
    // The element's own error banner stays away: the plan did not fail to load.
    await expect(w.page.locator('belt-map p.error').count()).resolves.toBe(0);
    expect(await samePlan(w.page)).toBe(true);
    expect((await events(w.page)).errors).toEqual([]);
    await w.page.keyboard.press('Escape');
    await expect(dialog(w.page).isVisible()).resolves.toBe(false);
    await w.page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'zh-CN'));
  });

  it('a plan package opens as the plan, after the dialog says it replaces the plan shown', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const name of await readdir(ZHENHAI)) files[name] = await readFile(join(ZHENHAI, name));
    const zip = zipSync(files);
    await w.page.locator('belt-map .import-open').click();
    await w.page.locator('belt-map input.import-input').setInputFiles({ name: 'zhenhai.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await w.page.locator('belt-map .import-package').waitFor();
    await expect(w.page.locator('belt-map .import-package').innerText()).resolves.toMatch(/规划数据包“镇海区.*”：应用后将替换当前方案/);
    await w.page.locator('belt-map .import-apply').click();
    await w.page.locator('belt-map .import-package').filter({ hasText: '已打开规划数据包 zhenhai.zip' }).waitFor();
    await expect(w.page.locator('belt-map .title').innerText()).resolves.toMatch(/^镇海区/);
    const fired = await events(w.page);
    expect(fired.imports.at(-1)).toMatchObject({ file: 'zhenhai.zip', replaced: true });
    await waitIdle(w.page);
  });

  it('logged no console error and stayed on its origin', () => {
    expect(w.errors).toEqual([]);
    expect(w.requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
