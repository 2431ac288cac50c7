/**
 * Drafts in the built app, in headless Chromium: an edit (the GBK CSV fixture through `el.importFile`)
 * is kept in IndexedDB and comes back after a reload with a notice and its time; Discard goes back to
 * the bundled plan and a reload shows no notice; two tabs of one browser on the same plan do not
 * overwrite each other (conflict notice, Keep mine / Load theirs); the drafts list shows the draft.
 * Each test that needs fresh storage has its own browser context.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitReady, type StaticServer } from './harness.js';

const FIX = resolve(import.meta.dirname, '../fixtures/import');
const LIULIQU = '110109007204'; // 'other' in the bundled plan, 示范村 in the GBK fixture
const MALAN = '110109106203'; // 'other' → 提升村 in the fixture
const LINGSHUI = '110109106224'; // 'other' → 示范村 in the fixture

let browser: Browser;
let server: StaticServer;
let gbk: number[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
  gbk = [...(await readFile(join(FIX, 'villages-gbk.csv')))];
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  contexts.push(context);
  return context;
}

/** A tab of `context` showing the app, ready; page errors fail the test at the end. */
async function openTab(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.origin}/index.html`);
  await waitReady(page);
  return page;
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await waitReady(page);
}

/** Imports a file through the public API (one edit of the plan). */
async function importBytes(page: Page, bytes: number[], name: string): Promise<void> {
  await page.evaluate(async ([bytes, name]) => {
    await document.querySelector('belt-map')!.importFile(new File([new Uint8Array(bytes as number[])], name as string));
  }, [bytes, name] as const);
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/** The role of a village in `el.plan`. */
function role(page: Page, code: string): Promise<string | undefined> {
  return page.evaluate((code) => document.querySelector('belt-map')!.plan?.villages.features.find((f) => f.properties.code === code)?.properties.role, code);
}

type Stored = { key: string; revision: number; tabId: string; savedAt: string };

/** What IndexedDB holds (read with the browser's own API, not the app's code): each draft's meta. */
function stored(page: Page): Promise<Stored[]> {
  return page.evaluate(
    () =>
      new Promise<Stored[]>((resolve, reject) => {
        const open = indexedDB.open('belt-map');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as Stored[]).map(({ key, revision, tabId, savedAt }) => ({ key, revision, tabId, savedAt })));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Polls `check` until it is true (saves are debounced by ~400 ms and run in IndexedDB). */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const notice = (page: Page) => page.locator('belt-map .draft-notice');

describe('drafts (autosave in IndexedDB)', () => {
  it('an edit survives a reload: restored with a notice and its time, one edit to undo; Discard brings the bundled plan back for good', async () => {
    const errors: string[] = [];
    const context = await newContext();
    const page = await openTab(context, errors);
    expect(await role(page, LIULIQU)).toBe('other');
    expect(await stored(page)).toEqual([]);
    await expect(notice(page).count()).resolves.toBe(0);

    await importBytes(page, gbk, 'x.csv');
    expect(await role(page, LIULIQU)).toBe('demonstration');
    await until(async () => (await stored(page)).length === 1);
    const [draft] = await stored(page);
    const key = await page.evaluate(() => new URL('data/plan.json', location.href).href);
    expect(draft).toMatchObject({ key, revision: 1 });

    // The drafts list in the sidebar shows it, marked as the plan shown.
    const list = page.locator('belt-map details.drafts');
    await list.locator('summary').click();
    await expect(list.locator('li').count()).resolves.toBe(1);
    const item = await list.locator('li').innerText();
    expect(item).toContain('怀柔');
    expect(item).toContain('当前方案');

    await reload(page);
    expect(await role(page, LIULIQU)).toBe('demonstration');
    expect(await role(page, MALAN)).toBe('upgrade');
    const time = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      draft!.savedAt,
    );
    await expect(notice(page).locator('.text').innerText()).resolves.toBe(`已恢复您 ${time} 的草稿。`);
    await expect(page.locator('belt-map button.undo').getAttribute('title')).resolves.toBe('撤销：恢复草稿（Ctrl+Z）');
    // Restoring is not a new save.
    expect((await stored(page))[0]!.revision).toBe(1);
    await page.locator('belt-map header').screenshot({ path: join(RESULTS, 'drafts-header.png') });
    await page.screenshot({ path: join(RESULTS, 'drafts-restored.png') });

    // In English too.
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'en'));
    await expect(notice(page).locator('.text').innerText()).resolves.toMatch(/^Restored your draft of \d+ \w+ \d{4}, \d\d:\d\d\.$/);
    await expect(notice(page).locator('button.discard').innerText()).resolves.toBe('Discard');
    await page.evaluate(() => document.querySelector('belt-map')!.setAttribute('lang', 'zh-CN'));

    await notice(page).locator('button.discard').click();
    await until(async () => (await stored(page)).length === 0);
    expect(await role(page, LIULIQU)).toBe('other');
    await expect(notice(page).count()).resolves.toBe(0);

    await reload(page);
    expect(await role(page, LIULIQU)).toBe('other');
    await expect(notice(page).count()).resolves.toBe(0);
    expect(await stored(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('undoing back to the bundled plan deletes the draft', async () => {
    const errors: string[] = [];
    const page = await openTab(await newContext(), errors);
    await importBytes(page, gbk, 'x.csv');
    await until(async () => (await stored(page)).length === 1);
    await page.evaluate(() => document.querySelector('belt-map')!.undo());
    await until(async () => (await stored(page)).length === 0);
    await reload(page);
    expect(await role(page, LIULIQU)).toBe('other');
    await expect(notice(page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('two tabs on the same plan: the other sees the conflict, nothing is overwritten silently; Keep mine and Load theirs', async () => {
    const errors: string[] = [];
    const context = await newContext();
    const one = await openTab(context, errors);
    await importBytes(one, gbk, 'x.csv');
    await until(async () => (await stored(one)).length === 1);
    const first = (await stored(one))[0]!;

    // The second tab opens the same plan: the draft comes back in it too.
    const two = await openTab(context, errors);
    expect(await role(two, LIULIQU)).toBe('demonstration');
    await expect(notice(two).getAttribute('class')).resolves.toContain('restored');

    // Tab one edits again: tab two is told, and its own edits are not saved over tab one's.
    await importBytes(one, utf8(`区划代码,村名,角色,年度\n${MALAN},马栏村,示范村,2026\n`), 'one.csv');
    await until(async () => (await stored(one))[0]!.revision === 2);
    const second = (await stored(one))[0]!;
    expect(second.tabId).toBe(first.tabId);
    await expect(notice(two).getAttribute('class')).resolves.toContain('conflict');
    await expect(notice(two).locator('.text').innerText()).resolves.toMatch(/^此方案已于 .+ 在另一个标签页中修改。$/);
    await notice(two).screenshot({ path: join(RESULTS, 'drafts-conflict.png') });

    await importBytes(two, utf8(`区划代码,村名,角色,年度\n${LINGSHUI},灵水村,提升村,2026\n`), 'two.csv');
    expect(await role(two, LINGSHUI)).toBe('upgrade');
    await new Promise((r) => setTimeout(r, 1200));
    expect((await stored(two))[0]).toEqual(second);

    // Keep mine: tab two's plan is saved as a newer revision, and now tab one is told.
    await notice(two).locator('button.keep-mine').click();
    await until(async () => (await stored(two))[0]!.revision === 3);
    const third = (await stored(two))[0]!;
    expect(third.tabId).not.toBe(first.tabId);
    await expect(notice(two).count()).resolves.toBe(0);
    await until(async () => ((await notice(one).getAttribute('class').catch(() => '')) ?? '').includes('conflict'));
    // Tab one's plan is as it left it until it chooses.
    expect(await role(one, MALAN)).toBe('demonstration');
    expect(await role(one, LINGSHUI)).toBe('demonstration');

    // Load theirs: tab one gets tab two's plan as one edit.
    await notice(one).locator('button.load-theirs').click();
    await until(async () => (await role(one, LINGSHUI)) === 'upgrade');
    expect(await role(one, MALAN)).toBe('upgrade');
    await expect(one.locator('belt-map button.undo').getAttribute('title')).resolves.toBe('撤销：载入另一标签页的草稿（Ctrl+Z）');
    await expect(notice(one).count()).resolves.toBe(0);
    // Nothing was saved by loading it.
    await new Promise((r) => setTimeout(r, 800));
    expect((await stored(one))[0]).toEqual(third);
    expect(errors).toEqual([]);
  });

  it('without storage (IndexedDB refused, as in some private modes) the notice says so; the plan and its edits stay', async () => {
    const errors: string[] = [];
    const context = await newContext();
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const page = await openTab(context, errors);
    await expect(notice(page).getAttribute('class')).resolves.toContain('unavailable');
    await expect(notice(page).innerText()).resolves.toMatch(/无法在本浏览器中保存草稿（.*denied permission.*）.*方案仍显示在屏幕上，导出仍可使用。/s);
    await notice(page).screenshot({ path: join(RESULTS, 'drafts-unavailable.png') });
    await importBytes(page, gbk, 'x.csv');
    expect(await role(page, LIULIQU)).toBe('demonstration');
    await page.evaluate(() => document.querySelector('belt-map')!.undo());
    expect(await role(page, LIULIQU)).toBe('other');
    expect(errors).toEqual([]);
  });

  it('the list opens another plan with its draft, and deletes a draft', async () => {
    const errors: string[] = [];
    const page = await openTab(await newContext(), errors);
    await importBytes(page, gbk, 'x.csv');
    await until(async () => (await stored(page)).length === 1);
    // Another plan of the picker: the Mentougou draft is listed, not shown.
    const miyun = await page.evaluate(() => new URL('data/plans/miyun/plan.json', location.href).href);
    await page.evaluate((src) => {
      document.querySelector('belt-map')!.src = src;
    }, miyun);
    await page.waitForFunction((src) => document.querySelector('belt-map')!.plan?.manifest.name.zh.includes('密云') && src, miyun);
    await waitReady(page);
    await expect(notice(page).count()).resolves.toBe(0);
    const list = page.locator('belt-map details.drafts');
    await list.locator('summary').click();
    await expect(list.locator('li').count()).resolves.toBe(1);
    await list.screenshot({ path: join(RESULTS, 'drafts-list.png') });
    await list.locator('li button.open').click();
    await until(async () => (await role(page, LIULIQU)) === 'demonstration');
    await expect(notice(page).getAttribute('class')).resolves.toContain('restored');
    await list.locator('li button.delete').click();
    await until(async () => (await stored(page)).length === 0);
    // The list is read again after the deletion, so it empties a moment after the store does.
    await until(async () => (await list.locator('li').count()) === 0);
    // The plan on screen stays as it is.
    expect(await role(page, LIULIQU)).toBe('demonstration');
    expect(errors).toEqual([]);
  });
});
