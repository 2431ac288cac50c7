/**
 * `el.importFile` in the built app (dist/) in headless Chromium: the GBK CSV fixture
 * (test/fixtures/import/villages-gbk.csv, synthetic) goes into the bundled plan as one edit that the
 * feature list, statistics and rule check show at once; a file that cannot be read changes nothing
 * and shows no error banner.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, recordEvents, serveDist, waitIdle, waitReady, watchedPage, type Recorded, type StaticServer, type Watched } from './harness.js';

const FIX = resolve(import.meta.dirname, '../fixtures/import');
const LIULIQU = '110109007204'; // 琉璃渠村委会: 'other' in the bundled plan, 示范村 in the file
const MALAN = '110109106203'; // 马栏村委会: 'other' → 提升村

let browser: Browser;
let server: StaticServer;
let w: Watched;

type Events = { imports: unknown[]; errors: unknown[] };
let recorded: () => Promise<Recorded>;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  recorded = await recordEvents(w.page, ['belt-import', 'belt-error']);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
});

afterAll(async () => {
  await w?.page.screenshot({ path: join(RESULTS, 'import.png') }).catch(() => undefined);
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

const events = async (_page: Page): Promise<Events> => {
  const r = await recorded();
  return { imports: r['belt-import'], errors: r['belt-error'] } as Events;
};

/** Opens the feature list (if closed) on a tab. */
async function tab(page: Page, id: string): Promise<void> {
  const toggle = page.locator('belt-map .list-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`belt-map [data-tab="${id}"]`).click();
}

/** The statistics' register count of a role, by its Chinese label. */
async function roleCount(page: Page, label: string): Promise<number> {
  await tab(page, 'stats');
  const row = page.locator('belt-map .list tr', { has: page.locator(`td:text-is("${label}")`) }).first();
  return Number(await row.locator('td').nth(1).innerText());
}

describe('el.importFile', () => {
  it('imports the GBK CSV as one edit: report, el.plan, feature list, statistics, rule check, belt-import, no banner', async () => {
    const bytes = [...(await readFile(join(FIX, 'villages-gbk.csv')))];
    await tab(w.page, 'villages');
    const roleCell = w.page.locator(`belt-map .list tr[data-code="${LIULIQU}"] td`).nth(4);
    await expect(roleCell.innerText()).resolves.toBe('其他村庄/社区');
    const demoBefore = await roleCount(w.page, '示范村');
    await tab(w.page, 'rules');
    await expect(w.page.locator('belt-map .list table').innerText()).resolves.not.toContain(LIULIQU);

    const report = await w.page.evaluate(async (bytes) => {
      const el = document.querySelector('belt-map')!;
      (window as unknown as { __before: unknown }).__before = el.plan;
      return el.importFile(new File([new Uint8Array(bytes)], 'x.csv'));
    }, bytes);
    expect(report).toMatchObject({ file: 'x.csv', format: 'csv', encoding: 'GB18030', crs: 'WGS84', crsSource: 'guessed', added: 0, updated: 4, unchanged: 0 });
    expect(report.rejected.map((r) => r.row)).toEqual([7]);
    expect(report.rejected[0]!.zh).toMatch(/爨底下村/);
    expect(report.warnings.some((x) => /GCJ-02/.test(x.en))).toBe(true);

    const plan = await w.page.evaluate(
      ([a, b]) => {
        const el = document.querySelector('belt-map')!;
        const v = (code: string) => el.plan!.villages.features.find((f) => f.properties.code === code)!;
        return { changed: el.plan !== (window as unknown as { __before: unknown }).__before, a: v(a).properties, b: v(b).properties, aAt: v(a).geometry?.coordinates };
      },
      [LIULIQU, MALAN] as const,
    );
    expect(plan.changed).toBe(true);
    expect(plan.a).toMatchObject({ role: 'demonstration', year: 2025 });
    expect(plan.aAt).toEqual([116.0815, 39.9685]);
    expect(plan.b).toMatchObject({ role: 'upgrade', year: 2026 });

    // The screen shows it at once.
    await tab(w.page, 'villages');
    await expect(roleCell.innerText()).resolves.toBe('示范村');
    // 琉璃渠 and 灵水 became 示范村.
    expect(await roleCount(w.page, '示范村')).toBe(demoBefore + 2);
    await tab(w.page, 'rules');
    await expect(w.page.locator('belt-map .list table').innerText()).resolves.toContain(LIULIQU);

    const fired = await events(w.page);
    expect(fired.imports).toHaveLength(1);
    expect(fired.imports[0]).toEqual(report);
    expect(fired.errors).toEqual([]);
    await expect(w.page.locator('belt-map [role=alert]').count()).resolves.toBe(0);
    await waitIdle(w.page);
  });

  it('undo reverts the import whole and redo makes it again: buttons, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, el.undo / el.redo', async () => {
    const roleCell = w.page.locator(`belt-map .list tr[data-code="${LIULIQU}"] td`).nth(4);
    const plans = () =>
      w.page.evaluate(() => {
        const g = window as unknown as { __before: unknown; __after?: unknown };
        const el = document.querySelector('belt-map')!;
        g.__after ??= el.plan;
        return { before: el.plan === g.__before, after: el.plan === g.__after };
      });
    expect(await plans()).toEqual({ before: false, after: true });
    const undo = w.page.locator('belt-map button.undo');
    const redo = w.page.locator('belt-map button.redo');
    await expect(undo.getAttribute('title')).resolves.toBe('撤销：导入 x.csv（Ctrl+Z）');
    await expect(redo.isDisabled()).resolves.toBe(true);

    await undo.click();
    expect(await plans()).toEqual({ before: true, after: false });
    await tab(w.page, 'villages');
    await expect(roleCell.innerText()).resolves.toBe('其他村庄/社区');
    await expect(w.page.locator('belt-map [aria-live]').innerText()).resolves.toBe('已撤销：导入 x.csv');
    await expect(redo.getAttribute('title')).resolves.toBe('重做：导入 x.csv（Ctrl+Shift+Z 或 Ctrl+Y）');

    // The keys, with the focus on the map.
    await w.page.locator('belt-map canvas.maplibregl-canvas').focus();
    await w.page.keyboard.press('Control+Shift+Z');
    expect(await plans()).toEqual({ before: false, after: true });
    await expect(roleCell.innerText()).resolves.toBe('示范村');
    await w.page.keyboard.press('Control+Z');
    expect(await plans()).toEqual({ before: true, after: false });
    await w.page.keyboard.press('Control+Y');
    expect(await plans()).toEqual({ before: false, after: true });
    // Where text is typed, Ctrl+Z is the field's own.
    await w.page.locator('belt-map .list input[type="search"]').first().focus();
    await w.page.keyboard.press('Control+Z');
    expect(await plans()).toEqual({ before: false, after: true });

    // The methods: true when they moved, false with nothing to move over.
    const steps = await w.page.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      return [el.undo(), el.undo(), el.redo(), el.redo()];
    });
    expect(steps).toEqual([true, false, true, false]);
    expect(await plans()).toEqual({ before: false, after: true });
    await expect(w.page.locator('belt-map [aria-live]').innerText()).resolves.toBe('没有可重做的操作');
  });

  it('rejects a file that cannot be read with both languages, and leaves the plan and the screen as they were', async () => {
    const before = await w.page.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      (window as unknown as { __before: unknown }).__before = el.plan;
      return el.shadowRoot!.querySelector('.frame')!.textContent;
    });
    for (const [name, content] of [
      ['broken.kmz', 'not a zip archive'],
      ['empty.csv', ''],
      ['x.geojson', '{"type": "FeatureCollection", "features": ['],
    ] as const) {
      const error = await w.page.evaluate(
        async ([name, content]) => {
          try {
            await document.querySelector('belt-map')!.importFile(new File([content], name));
            return null;
          } catch (e) {
            return { message: (e as Error).message, zh: (e as { zh?: string }).zh };
          }
        },
        [name, content] as const,
      );
      expect(error, name).not.toBeNull();
      expect(error!.message, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
      expect(error!.zh, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}：`));
    }
    const after = await w.page.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      return { same: el.plan === (window as unknown as { __before: unknown }).__before, text: el.shadowRoot!.querySelector('.frame')!.textContent };
    });
    expect(after.same).toBe(true);
    expect(after.text).toBe(before);
    await expect(w.page.locator('belt-map [role=alert]').count()).resolves.toBe(0);
    const fired = await events(w.page);
    expect(fired.imports).toHaveLength(1); // the CSV's, nothing since
    expect(fired.errors).toEqual([]);
  });

  it('logged no console error and stayed on its origin', () => {
    expect(w.errors).toEqual([]);
    expect(w.requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
