/**
 * The feature list's choice filters and column sort in the built app (the default plan).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launch, serveDist, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

type Village = { properties: { code: string; town: string; year: number | null; role: string } };
let server: StaticServer;
let browser: Browser;
let w: Watched;
let villages: Village['properties'][];

beforeAll(async () => {
  villages = (JSON.parse(await readFile(join(DIST, 'data/plans/huairou-mentougou/villages.geojson'), 'utf8')) as { features: Village[] }).features.map((f) => f.properties);
  server = await serveDist();
  browser = await launch();
  w = await watchedPage(browser);
  await w.page.goto(`${server.origin}/index.html`);
  await waitReady(w.page);
  await w.page.locator('belt-map .list-toggle').click();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const codes = () => w.page.locator('belt-map .list tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

describe('feature list: filters and sort', () => {
  it('filters the villages by town and by role, together', async () => {
    const town = villages.find((v) => v.year !== null)!.town;
    await w.page.locator('belt-map select[data-filter=town]').selectOption(town);
    expect(await codes()).toEqual(villages.filter((v) => v.town === town).map((v) => v.code));
    const role = villages.find((v) => v.town === town && v.year !== null)!.role;
    await w.page.locator('belt-map select[data-filter=role]').selectOption(role);
    const both = villages.filter((v) => v.town === town && v.role === role).map((v) => v.code);
    expect(both.length).toBeGreaterThan(0);
    expect(await codes()).toEqual(both);
    await w.page.locator('belt-map select[data-filter=role]').selectOption('');
    await w.page.locator('belt-map select[data-filter=town]').selectOption('');
    expect((await codes()).length).toBe(villages.length);
  });

  it('sorts by a column from its header: ascending, descending, then the plan order', async () => {
    const year = w.page.locator('belt-map button.sort[data-sort=year]');
    const first = async () => (await codes())[0];
    const byYear = [...villages].filter((v) => v.year !== null).sort((a, b) => a.year! - b.year!);
    await year.click();
    expect(await w.page.locator('belt-map th[aria-sort=ascending] button').getAttribute('data-sort')).toBe('year');
    const lowest = await first();
    expect(villages.find((v) => v.code === lowest)!.year).toBe(byYear[0]!.year);
    await year.click();
    expect(await w.page.locator('belt-map th[aria-sort=descending]').count()).toBe(1);
    const highest = await first();
    expect(villages.find((v) => v.code === highest)!.year).toBe(byYear.at(-1)!.year);
    await year.click();
    expect(await w.page.locator('belt-map th[aria-sort=ascending], belt-map th[aria-sort=descending]').count()).toBe(0);
    expect(await codes()).toEqual(villages.map((v) => v.code));
  });

  it('logged no console error', () => {
    expect(w.errors).toEqual([]);
  });
});
