/**
 * Export in the built app (BELT_DIST or dist/) in headless Chromium: `el.exportPlan` for every format
 * and a sample of coordinate systems after an edit of the plan, the download menu clicked through
 * (Playwright's download event), and the feature list's table downloads. Every file is read back in
 * Node with what reads it — the project's importer (importIntoPlan, readImportFile, crsFromPrj),
 * papaparse and SheetJS — and compared with the plan the page holds and the table the page shows.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../helpers/bundledPlan';
import { crsFromPrj, toWgs84, type CrsId } from '../../src/io/crs';
import { importIntoPlan } from '../../src/io/importFile';
import { readImportFile, type FeaturesRead } from '../../src/io/readers/index';
import { lookup } from '../../src/plan/lookup';
import type { Plan } from '../../src/types/plan';
import { RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

const FIX = resolve(import.meta.dirname, '../fixtures/import');
const LIULIQU = '110109007204'; // 琉璃渠村委会: 'other' in the bundled plan, 示范村 after the import of villages-gbk.csv

let browser: Browser;
let server: StaticServer;
let w: Watched;
/** The plan the page holds after the edit (read from the element). */
let plan: Plan;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
  // An edit first: the export must be the plan as it is now, not as it was loaded.
  const bytes = [...(await readFile(join(FIX, 'villages-gbk.csv')))];
  await w.page.evaluate((bytes) => document.querySelector('belt-map')!.importFile(new File([new Uint8Array(bytes)], 'x.csv')), bytes);
  plan = JSON.parse(await w.page.evaluate(() => JSON.stringify(document.querySelector('belt-map')!.plan))) as Plan;
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

type Exported = { ok: true; name: string; type: string; isFile: boolean; bytes: Uint8Array } | { ok: false; message: string; zh: unknown };

/** `el.exportPlan(options)` in the page, its bytes brought to Node. */
async function exportInPage(page: Page, options: unknown): Promise<Exported> {
  const r = await page.evaluate(async (o) => {
    try {
      const f = await document.querySelector('belt-map')!.exportPlan(o as never);
      const b = new Uint8Array(await f.arrayBuffer());
      let s = '';
      for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
      return { ok: true as const, name: f.name, type: f.type, isFile: f instanceof File, b64: btoa(s) };
    } catch (e) {
      return { ok: false as const, message: String((e as Error).message), zh: (e as { zh?: unknown }).zh };
    }
  }, options);
  if (!r.ok) return r;
  const { b64, ...rest } = r;
  return { ...rest, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
}

async function exported(options: { format: string; crs?: string }): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const r = await exportInPage(w.page, options);
  if (!r.ok) throw new Error(`exportPlan(${JSON.stringify(options)}) rejected: ${r.message}`);
  expect(r.isFile).toBe(true);
  return r;
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const located = (p: Plan) => p.villages.features.filter((f) => f.geometry !== null);
/** The distance in metres between two WGS84 positions (equirectangular: fine below a kilometre). */
const metres = (a: number[], b: number[]) => Math.hypot((a[0]! - b[0]!) * Math.cos((a[1]! * Math.PI) / 180), a[1]! - b[1]!) * 111_320;

/** The checks of a Shapefile zip in `crs`: a .prj naming it and a UTF-8 .cpg per layer, Chinese attributes, positions. */
async function expectShapefileZip(name: string, bytes: Uint8Array, crs: CrsId, prjName: RegExp): Promise<void> {
  const files = unzipSync(bytes);
  const layers = Object.keys(files).filter((f) => f.endsWith('.shp')).map((f) => f.slice(0, -4));
  expect(layers).toEqual(expect.arrayContaining(['villages', 'town_seats', 'lines', 'clusters', 'districts']));
  for (const l of layers) {
    const prj = decode(files[`${l}.prj`]!);
    expect(prj, l).toMatch(prjName);
    expect(crsFromPrj(prj), l).toBe(crs === 'GCJ-02' ? 'WGS84' : crs);
    expect(decode(files[`${l}.cpg`]!).trim(), l).toBe('UTF-8');
  }
  const read = (await readImportFile(name, bytes, { layer: 'villages' })) as FeaturesRead;
  expect(read.features).toHaveLength(located(plan).length);
  const byCode = lookup(plan).villageByCode;
  for (const f of read.features) {
    const v = byCode.get(String(f.properties!['CODE']))!;
    expect(f.properties!['NAME']).toBe(v.properties.name);
    expect(f.properties!['NAME']).toMatch(/[\u4e00-\u9fff]/);
    expect(f.properties!['TOWN']).toBe(v.properties.town);
    const xy = f.geometry!.type === 'Point' ? f.geometry.coordinates : [NaN, NaN];
    if (crs !== 'GCJ-02') expect(metres(toWgs84(crs, [[xy[0]!, xy[1]!]])[0]!, v.geometry!.coordinates)).toBeLessThan(0.01);
  }
  const liuliqu = read.features.find((f) => f.properties!['CODE'] === LIULIQU)!;
  expect(liuliqu.properties!['ROLE_LABEL']).toBe('示范村');
  // And the importer takes it back as the same villages.
  const { report } = await importIntoPlan(plan, { name, bytes }, { layer: 'villages', ...(crs === 'GCJ-02' ? { crs } : {}) });
  expect(report.rejected).toEqual([]);
  expect(report.unchanged + report.updated).toBe(located(plan).length);
  // In WGS84 the positions come back to the bit; a projected round trip moves them by far less than a millimetre (checked above).
  if (crs === 'WGS84') expect(report.unchanged).toBe(located(plan).length);
}

function expectVillagesCsv(bytes: Uint8Array, coordinateHeader: string, lang: 'zh' | 'en' = 'zh'): void {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(decode(bytes).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(plan.villages.features.length);
  const [code, name, role] = lang === 'zh' ? ['区划代码', '名称', '角色'] : ['Code', 'Name', 'Role'];
  expect(parsed.meta.fields).toContain(coordinateHeader);
  parsed.data.forEach((row, i) => {
    const v = plan.villages.features[i]!.properties;
    expect(row[code]).toBe(v.code);
    expect(row[name]).toBe(v.name);
  });
  expect(parsed.data.find((r) => r[code] === LIULIQU)![role]).toBe(lang === 'zh' ? '示范村' : 'Demonstration village');
}

describe('el.exportPlan in the built app', () => {
  it('the plan shown has the edit (the import of villages-gbk.csv)', () => {
    const bundled = loadBundledPlan();
    expect(lookup(bundled).villageByCode.get(LIULIQU)!.properties.role).not.toBe(lookup(plan).villageByCode.get(LIULIQU)!.properties.role);
    expect(lookup(plan).villageByCode.get(LIULIQU)!.properties.role).toBe(plan.manifest.roles.find((r) => r.label.zh === '示范村')!.id);
  });

  it('zip: the package re-imports as the same plan (villages, clusters, lines, belts, targets, manifest)', async () => {
    const file = await exported({ format: 'zip' });
    expect(file.type).toBe('application/zip');
    expect(file.name).toBe(`${plan.manifest.name.zh}-plan.zip`);
    const { plan: opened, report } = await importIntoPlan(loadBundledPlan(), file);
    expect(report.replaced).toBe(true);
    const same = JSON.parse(JSON.stringify(opened)) as Plan;
    expect(same.villages).toEqual(plan.villages);
    expect(same.clusters).toEqual(plan.clusters);
    expect(same.corridors).toEqual(plan.corridors);
    expect(same.cultureBelts).toEqual(plan.cultureBelts);
    expect(same.belts).toEqual(plan.belts);
    expect(same.targets).toEqual(plan.targets);
    expect(same).toEqual(plan);
  });

  it.each([
    ['EPSG:4527', /^PROJCS\["CGCS2000_3_Degree_GK_Zone_39"/],
    ['EPSG:4548', /^PROJCS\["CGCS2000_3_Degree_GK_CM_117E"/],
    ['WGS84', /^GEOGCS\["GCS_WGS_1984"/],
    ['GCJ-02', /^GEOGCS\["GCS_WGS_1984"/],
  ] as [CrsId, RegExp][])('shp in %s: .prj names the system, .cpg UTF-8, Chinese attributes intact', async (crs, prj) => {
    const file = await exported({ format: 'shp', crs });
    expect(file.type).toBe('application/zip');
    expect(file.name).toBe(`${plan.manifest.name.zh}-shp${crs === 'WGS84' ? '' : `-${crs.replace(':', '')}`}.zip`);
    await expectShapefileZip(file.name, file.bytes, crs, prj);
    if (crs === 'GCJ-02') expect(decode(unzipSync(file.bytes)['README.txt']!)).toMatch(/GCJ-02（不是 WGS84）|坐标为 GCJ-02/);
  });

  it.each([
    ['WGS84', '经度（WGS84）'],
    ['CGCS2000', '经度（CGCS2000）'],
    ['EPSG:4527', '东坐标（EPSG:4527，米）'],
  ] as [CrsId, string][])('csv in %s: BOM, papaparse reads every village with Chinese intact', async (crs, header) => {
    const file = await exported({ format: 'csv', crs });
    expect(file.type).toBe('text/csv;charset=utf-8');
    expectVillagesCsv(file.bytes, header);
  });

  it.each(['WGS84', 'EPSG:4548'] as CrsId[])('xlsx in %s: SheetJS opens it, with villages, clusters and targets sheets', async (crs) => {
    const file = await exported({ format: 'xlsx', crs });
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = XLSX.read(file.bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(expect.arrayContaining(['村庄', '片区', '目标']));
    const villages = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['村庄']!);
    expect(villages).toHaveLength(plan.villages.features.length);
    expect(villages.find((r) => r['区划代码'] === LIULIQU)!['角色']).toBe('示范村');
    expect(XLSX.utils.sheet_to_json(wb.Sheets['片区']!)).toHaveLength(plan.clusters.length);
    expect(XLSX.utils.sheet_to_json(wb.Sheets['目标']!)).toHaveLength(plan.targets.length);
  });

  it.each(['WGS84', 'GCJ-02', 'BD-09'] as CrsId[])('kml in %s: parses, villages at their positions with Chinese names', async (crs) => {
    const file = await exported({ format: 'kml', crs });
    expect(file.type).toBe('application/vnd.google-earth.kml+xml');
    const read = (await readImportFile(file.name, file.bytes)) as FeaturesRead;
    const villages = read.features.filter((f) => String(f.properties!['folder']).startsWith(`${plan.manifest.name.zh}/村庄/`));
    expect(villages).toHaveLength(located(plan).length);
    const { report } = await importIntoPlan(plan, file, crs === 'WGS84' ? {} : { crs });
    expect(report.rejected).toEqual([]);
    expect(report.added).toBe(0);
    expect(report.unchanged + report.updated).toBe(located(plan).length);
  });

  it.each(['WGS84', 'EPSG:4527', 'GCJ-02'] as CrsId[])('geojson in %s: parses, every layer, the system said', async (crs) => {
    const file = await exported({ format: 'geojson', crs });
    expect(file.type).toBe('application/geo+json');
    const fc = JSON.parse(decode(file.bytes)) as FeatureCollection & Record<string, unknown>;
    const layers = new Set(fc.features.map((f) => f.properties!['layer']));
    expect([...layers].sort()).toEqual(['belts', 'cluster-areas', 'corridors', 'culture-belts', 'districts', 'town-seats', 'villages']);
    if (crs === 'EPSG:4527') expect(fc['crs']).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } });
    if (crs === 'GCJ-02') expect(fc['belt_map_crs']).toBe('GCJ-02');
    // Our own export, imported again: the villages and nothing else.
    const { report } = await importIntoPlan(plan, file, { unmatched: 'add', ...(crs === 'GCJ-02' ? { crs } : {}) });
    expect(report.added).toBe(0);
    expect(report.rejected).toEqual([]);
    expect(report.unchanged + report.updated).toBe(plan.villages.features.length);
  });

  it('rejects what cannot be done with an English message and a Chinese zh, changing nothing', async () => {
    for (const options of [{ format: 'zip', crs: 'GCJ-02' }, { format: 'kml', crs: 'EPSG:4527' }, { format: 'pdf' }, { format: 'csv', crs: 'EPSG:3857' }, null]) {
      const r = await exportInPage(w.page, options);
      expect(r.ok, JSON.stringify(options)).toBe(false);
      if (r.ok) continue;
      expect(r.message).toMatch(/^(exportPlan: )?options|^A plan package|^KML/);
      expect(r.message).not.toMatch(/[\u4e00-\u9fff]/);
      expect(String(r.zh)).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = JSON.parse(await w.page.evaluate(() => JSON.stringify(document.querySelector('belt-map')!.plan))) as Plan;
    expect(after).toEqual(plan);
  });

  it('the export code is not in the first load', async () => {
    const scripts = w.requests.filter((u) => /\.js$/.test(u));
    expect(scripts.some((u) => /exportPlan-/.test(u))).toBe(true); // loaded by the calls above…
    const fresh = await watchedPage(browser);
    await fresh.page.goto(`${server.origin}/index.html`);
    await waitReady(fresh.page);
    expect(fresh.requests.filter((u) => /exportPlan-/.test(u))).toEqual([]); // …not at start
    await fresh.context.close();
  });
});

/** Clicks `trigger` and returns the download it starts, with its bytes. */
async function download(page: Page, trigger: () => Promise<void>): Promise<{ d: Download; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await d.path();
  return { d, bytes: new Uint8Array(await readFile(path!)) };
}

describe('the download menu', () => {
  const menu = () => w.page.locator('belt-map dialog.download');

  it('opens from the header, says why a package has no system choice, and is screenshotted', async () => {
    await w.page.locator('belt-map .download-open').click();
    await expect(menu().evaluate((d: HTMLDialogElement) => d.open)).resolves.toBe(true);
    // The 3° zones over the plan (Beijing: 114°E and 117°E) are offered once the crs module is in.
    await menu().locator('option[value="EPSG:4527"]').waitFor({ state: 'attached' });
    const codes = await menu().locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(codes).toEqual(['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4526', 'EPSG:4527', 'EPSG:4547', 'EPSG:4548']);
    await expect(menu().locator('input[value="zip"]').isChecked()).resolves.toBe(true);
    await expect(menu().locator('select[name="download-crs"]').isDisabled()).resolves.toBe(true);
    await expect(menu().locator('.download-note').innerText()).resolves.toContain('WGS84');
    await expect(menu().locator('.download-format').filter({ hasText: '规划数据包' }).innerText()).resolves.toContain('可再次导入为同一方案');
    // The focus is in the menu, on the chosen format.
    await expect(w.page.evaluate(() => (document.querySelector('belt-map')!.shadowRoot!.activeElement as HTMLInputElement | null)?.value)).resolves.toBe('zip');
    await w.page.screenshot({ path: join(RESULTS, 'download-menu.png') });
  });

  it('KML: the projected systems are disabled, with the reason', async () => {
    await menu().locator('input[value="kml"]').check();
    await expect(menu().locator('select[name="download-crs"]').isDisabled()).resolves.toBe(false);
    await expect(menu().locator('option[value="EPSG:4527"]').isDisabled()).resolves.toBe(true);
    await expect(menu().locator('option[value="GCJ-02"]').isDisabled()).resolves.toBe(false);
    await expect(menu().locator('.download-note').innerText()).resolves.toMatch(/KML 只能保存经纬度/);
  });

  it('Shapefile in CGCS2000 GK zone 39: the download is the file exportPlan makes, and the menu says it is done', async () => {
    await menu().locator('input[value="shp"]').check();
    await menu().locator('select[name="download-crs"]').selectOption('EPSG:4527');
    const { d, bytes } = await download(w.page, () => menu().locator('.download-submit').click());
    expect(d.suggestedFilename()).toBe(`${plan.manifest.name.zh}-shp-EPSG4527.zip`);
    await expectShapefileZip(d.suggestedFilename(), bytes, 'EPSG:4527', /^PROJCS\["CGCS2000_3_Degree_GK_Zone_39"/);
    await expect(menu().locator('.download-status').innerText()).resolves.toContain(`已下载 ${d.suggestedFilename()}`);
    await w.page.screenshot({ path: join(RESULTS, 'download-menu-done.png') });
  });

  it('the package from the menu re-imports as the plan; Escape closes the menu and the focus returns to its button', async () => {
    await menu().locator('input[value="zip"]').check();
    const { d, bytes } = await download(w.page, () => menu().locator('.download-submit').click());
    const { plan: opened } = await importIntoPlan(loadBundledPlan(), { name: d.suggestedFilename(), bytes });
    expect(JSON.parse(JSON.stringify(opened))).toEqual(plan);
    await w.page.keyboard.press('Escape');
    await expect(menu().evaluate((m: HTMLDialogElement) => m.open)).resolves.toBe(false);
    await expect(w.page.evaluate(() => document.querySelector('belt-map')!.shadowRoot!.activeElement?.className)).resolves.toBe('download-open');
  });

  it('in English: the CSV has English headers, by keyboard alone', async () => {
    await w.page.evaluate(() => (document.querySelector('belt-map')!.lang = 'en'));
    await w.page.locator('belt-map .download-open').focus();
    await w.page.keyboard.press('Enter');
    await expect(menu().locator('h3').innerText()).resolves.toBe('Download the plan');
    // Arrow keys move through the formats: zip → geojson → kml → xlsx → csv.
    for (let i = 0; i < 4; i++) await w.page.keyboard.press('ArrowDown');
    await expect(menu().locator('input[value="csv"]').isChecked()).resolves.toBe(true);
    // The system chosen for the Shapefile above is kept; back to WGS84 (the first) by keyboard.
    await expect(menu().locator('select[name="download-crs"]').inputValue()).resolves.toBe('EPSG:4527');
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Home');
    await expect(menu().locator('select[name="download-crs"]').inputValue()).resolves.toBe('WGS84');
    await menu().locator('.download-submit').focus();
    const { d, bytes } = await download(w.page, () => w.page.keyboard.press('Enter'));
    // The plan's English name, cut to 40 characters (…), then what the file holds.
    expect(plan.manifest.name.en.length).toBeGreaterThan(40);
    expect(d.suggestedFilename()).toBe(`${plan.manifest.name.en.slice(0, 40)}…-villages.csv`);
    expectVillagesCsv(bytes, 'Longitude (WGS84)', 'en');
    await w.page.keyboard.press('Escape');
    await w.page.evaluate(() => (document.querySelector('belt-map')!.lang = 'zh-CN'));
  });
});

/** The cells a table shows: header texts and each row's cell texts. */
async function shownTable(page: Page, table: string): Promise<{ header: string[]; rows: string[][] }> {
  return page.locator(table).evaluate((t) => ({
    header: [...t.querySelectorAll('thead th')].map((th) => (th as HTMLElement).innerText.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())),
  }));
}

/** A cell as shown and as downloaded are the same: the same number (3.0 shown, 3 written) or the same text. */
const sameCell = (shown: string, file: string) => (shown !== '' && !Number.isNaN(Number(shown)) ? Number(file) === Number(shown) : file === shown);

describe('the tables download as shown', () => {
  beforeAll(async () => {
    // The menu is modal: closed before the list is used (also when a test above failed with it open).
    await w.page.evaluate(() => document.querySelector('belt-map')!.shadowRoot!.querySelector<HTMLDialogElement>('dialog.download')?.close());
    await w.page.evaluate(() => (document.querySelector('belt-map')!.lang = 'zh-CN'));
  });

  async function tab(id: string): Promise<void> {
    const toggle = w.page.locator('belt-map .list-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await w.page.locator(`belt-map [data-tab="${id}"]`).click();
  }

  it('statistics: the towns table as CSV, every row and column as shown', async () => {
    await tab('stats');
    const bar = w.page.locator('belt-map .table-bar[data-table="统计-镇乡"]');
    const table = w.page.locator('belt-map .table-bar[data-table="统计-镇乡"] + table');
    const shown = await shownTable(w.page, 'belt-map .table-bar[data-table="统计-镇乡"] + table');
    expect(shown.rows.length).toBeGreaterThan(10);
    expect(await table.count()).toBe(1);
    await bar.scrollIntoViewIfNeeded();
    await w.page.screenshot({ path: join(RESULTS, 'table-download.png') });
    const { d, bytes } = await download(w.page, () => bar.locator('.download-csv').click());
    expect(d.suggestedFilename()).toBe('统计-镇乡.csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(decode(bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(shown.header);
    expect(rows.slice(1)).toHaveLength(shown.rows.length);
    rows.slice(1).forEach((r, i) => shown.rows[i]!.forEach((cell, j) => expect(sameCell(cell, r[j]!), `${i},${j}: ${cell} / ${r[j]}`).toBe(true)));
    expect(rows.slice(1).some((r) => /[\u4e00-\u9fff]/.test(r[0]!))).toBe(true);
  });

  it('villages along the 109 National Road zone: CSV and XLSX as shown (filtered too)', async () => {
    await w.page.locator('belt-map .zone[data-line="g109"] .zone-on').check();
    await waitIdle(w.page);
    await tab('zone');
    await w.page.locator('belt-map .list input[type=search]').fill('斋堂');
    const shown = await shownTable(w.page, 'belt-map .table-wrap table');
    expect(shown.rows.length).toBeGreaterThan(0);
    const total = await w.page.locator('belt-map .table-wrap .count').innerText();
    expect(total).toMatch(new RegExp(`显示 ${shown.rows.length} / \\d+ 条`));
    const csv = await download(w.page, () => w.page.locator('belt-map .table-wrap .download-csv').first().click());
    expect(csv.d.suggestedFilename()).toBe('沿线村庄.csv');
    const rows = Papa.parse<string[]>(decode(csv.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(shown.header);
    expect(rows.slice(1)).toHaveLength(shown.rows.length);
    rows.slice(1).forEach((r, i) => shown.rows[i]!.forEach((cell, j) => expect(sameCell(cell, r[j]!), `${i},${j}`).toBe(true)));
    const xlsx = await download(w.page, () => w.page.locator('belt-map .table-wrap .download-xlsx').first().click());
    expect(xlsx.d.suggestedFilename()).toBe('沿线村庄.xlsx');
    const wb = XLSX.read(xlsx.bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['沿线村庄']);
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['沿线村庄']!, { header: 1 });
    expect(sheet[0]).toEqual(shown.header);
    expect(sheet.slice(1).map((r) => String(r[3]))).toEqual(shown.rows.map((r) => r[3]));
    // The chainage is a number in the workbook.
    expect(typeof sheet[1]![1]).toBe('number');
    await w.page.locator('belt-map .list input[type=search]').fill('');
    await w.page.locator('belt-map .zone[data-line="g109"] .zone-on').uncheck();
  });

  it('the rule check as XLSX, one row per issue shown', async () => {
    await tab('rules');
    const buttons = w.page.locator('belt-map .table-wrap .download-xlsx');
    if ((await buttons.count()) === 0) {
      await expect(w.page.locator('belt-map .table-wrap').innerText()).resolves.toContain('未发现问题');
      return;
    }
    const shown = await shownTable(w.page, 'belt-map .table-wrap table');
    const { d, bytes } = await download(w.page, () => buttons.first().click());
    expect(d.suggestedFilename()).toBe('规则检查.xlsx');
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(bytes, { type: 'array' }).Sheets['规则检查']!, { header: 1 });
    expect(sheet[0]).toEqual(shown.header);
    expect(sheet.slice(1).map((r) => r.slice(0, 2))).toEqual(shown.rows.map((r) => r.slice(0, 2)));
  });

  it('no request left the page origin and nothing was logged as an error', () => {
    expect(w.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
