/**
 * The print dialog before a print (#11 §3): the live preview of the sheet, the printed extent of a
 * fixed scale framed on the map and moved there (pointer and keyboard), the atlas's choices (by town:
 * a page per town with located villages after the index page; by a chosen corridor), and the dialog
 * on a phone. Screenshots go to test-results/print-preview-*.png to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { printLayout } from '../../src/print/layout.js';
import { RESULTS, useApp, waitIdle, waitReady, watchedPage } from './harness.js';

const OUT = join(RESULTS, 'print-preview');

const app = useApp(() => mkdir(OUT, { recursive: true }));

const dialog = (page: Page) => page.locator('belt-map dialog.print');
const isOpen = (page: Page) => dialog(page).evaluate((d) => (d as HTMLDialogElement).open);

/** Waits for the preview to be drawn after `change` (its run counter moves on), and reads it back. */
async function previewAfter(page: Page, change: () => Promise<unknown>): Promise<{ width: number; height: number; inked: number; label: string }> {
  const canvas = page.locator('belt-map canvas.print-preview');
  const before = (await canvas.getAttribute('data-drawn')) ?? '0';
  await change();
  await expect.poll(async () => (await canvas.getAttribute('data-drawn')) ?? '0', { timeout: 30_000 }).not.toBe(before);
  await expect.poll(() => canvas.getAttribute('aria-busy')).toBeNull();
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) inked++;
    return { width: c.width, height: c.height, inked: inked / (c.width * c.height), label: c.getAttribute('aria-label') ?? '' };
  });
}

/** The frame on the map: its bounds (from the source's data), or null when there is none. */
function frame(page: Page): Promise<[number, number, number, number] | null> {
  return page.evaluate(async () => {
    const map = document.querySelector('belt-map')!.map!;
    const source = map.getSource('print-frame') as unknown as { getData(): Promise<{ geometry: { coordinates: number[][][] } }> } | undefined;
    const ring = source && (await source.getData()).geometry.coordinates[0];
    if (!ring) return null;
    const lons = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as [number, number, number, number];
  });
}

/** Ground distance in km between two positions (haversine), written here apart from the app's code. */
function km([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const centreOf = (b: [number, number, number, number]): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

/** Chooses `value` in the dialog's select `name`. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`belt-map dialog.print select[name=${name}]`).selectOption(value);
}

describe('the print dialog’s preview', () => {
  it('draws the sheet, and draws it again for another paper and orientation', async () => {
    const { page } = app.w;
    const first = await previewAfter(page, () => page.locator('belt-map .print-open').click());
    expect(await isOpen(page)).toBe(true);
    // A4 landscape: wider than tall in the paper's proportions, with a map, a legend and a title on it.
    expect(first.width / first.height).toBeCloseTo(297 / 210, 1);
    expect(first.inked).toBeGreaterThan(0.1);
    expect(first.label).toBe('图纸预览：A4 横向');
    await dialog(page).screenshot({ path: `${OUT}-dialog-a4-landscape.png` });
    const portrait = await previewAfter(page, () => page.locator('belt-map dialog.print input[name=orientation][value=portrait]').check());
    expect(portrait.width / portrait.height).toBeCloseTo(210 / 297, 1);
    expect(portrait.label).toBe('图纸预览：A4 纵向');
    // The title typed is drawn: the title block differs from the one before.
    const titled = await previewAfter(page, () => page.locator('belt-map dialog.print input[name=title]').fill('测试标题 预览'));
    expect(titled.inked).not.toBe(portrait.inked);
    const a1 = await previewAfter(page, () => choose(page, 'paper', 'A1'));
    expect(a1.label).toBe('图纸预览：A1 纵向');
    await dialog(page).screenshot({ path: `${OUT}-dialog-a1-portrait.png` });
    await page.locator('belt-map dialog.print input[name=orientation][value=landscape]').check();
    await choose(page, 'paper', 'A4');
    await page.locator('belt-map dialog.print input[name=title]').fill('');
    expect(app.w.errors).toEqual([]);
  }, 120_000);
});

describe('the printed extent on the map', () => {
  it('is framed for a fixed scale only, as large on the ground as the sheet’s map at that scale', async () => {
    const { page } = app.w;
    if (!(await isOpen(page))) await page.locator('belt-map .print-open').click();
    expect(await frame(page)).toBeNull();
    await choose(page, 'scale', '25000');
    await expect.poll(() => frame(page)).not.toBeNull();
    const b = (await frame(page))!;
    const [lon, lat] = centreOf(b);
    // The sheet's map frame in mm × 25,000, on the ground (the layout is pure; computed here by the test).
    const mapMm = printLayout('A4', 'landscape').map;
    expect(km([b[0], lat], [b[2], lat])).toBeCloseTo((mapMm.w * 25_000) / 1e6, 0);
    expect(km([lon, b[1]], [lon, b[3]]) / km([b[0], lat], [b[2], lat])).toBeGreaterThan(0.5);
    // Centred on the view.
    const view = await page.evaluate(() => document.querySelector('belt-map')!.map!.getCenter().toArray());
    expect(lon).toBeCloseTo(view[0]!, 3);
    expect(lat).toBeCloseTo(view[1]!, 3);
    // Back to the view: no frame; closing the dialog takes it away too.
    await choose(page, 'scale', 'view');
    await expect.poll(() => frame(page)).toBeNull();
    await choose(page, 'scale', '25000');
    await expect.poll(() => frame(page)).not.toBeNull();
    await page.keyboard.press('Escape');
    await expect.poll(() => frame(page)).toBeNull();
  }, 60_000);

  it('is dragged on the map and moved with the arrow keys; Done keeps the centre, Escape the old one, and the print follows', async () => {
    const { page } = app.w;
    // Where the plan's villages are (the whole plan's centre lies between its two districts): at a demonstration village.
    await page.evaluate(() => {
      const el = document.querySelector('belt-map')!;
      const core = el.plan!.villages.features.find((v) => v.geometry && v.properties.role === 'demonstration')!;
      el.map!.jumpTo({ center: core.geometry!.coordinates as [number, number], zoom: 12 });
    });
    await waitIdle(page);
    await page.locator('belt-map .print-open').click();
    await choose(page, 'scale', '25000');
    await expect.poll(() => frame(page)).not.toBeNull();
    await page.locator('belt-map button.print-move').click();
    expect(await isOpen(page)).toBe(false);
    const bar = page.locator('belt-map .print-move-bar');
    await expect(bar.isVisible()).resolves.toBe(true);
    // The map's keyboard hint says what the keys do now.
    const hint = page.locator('belt-map .belt-map-hint');
    await expect(hint.textContent()).resolves.toContain('拖动红框');
    await waitIdle(page);
    const start = (await frame(page))!;
    const rendered = await page.evaluate(() => document.querySelector('belt-map')!.map!.queryRenderedFeatures({ layers: ['print-frame-line'] }).length);
    expect(rendered).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUT}-moving.png` });
    // A drag from inside the frame by (−300, −150) px (west, into the district) moves its centre as far on the map.
    const canvas = page.locator('belt-map .map canvas');
    const box = (await canvas.boundingBox())!;
    const [cx, cy] = await page.evaluate((c) => {
      const p = document.querySelector('belt-map')!.map!.project(c);
      return [p.x, p.y];
    }, centreOf(start));
    const from = { x: box.x + cx - 20, y: box.y + cy - 20 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(from.x - 50 * i, from.y - 25 * i);
    await page.mouse.up();
    const dragged = (await frame(page))!;
    const expected = await page.evaluate(({ x, y }) => document.querySelector('belt-map')!.map!.unproject([x, y]).toArray(), { x: cx - 300, y: cy - 150 });
    expect(centreOf(dragged)[0]).toBeCloseTo(expected[0]!, 4);
    expect(centreOf(dragged)[1]).toBeCloseTo(expected[1]!, 4);
    // The map itself did not pan: the drag moved the frame.
    const centreNow = await page.evaluate(({ x, y }) => {
      const p = document.querySelector('belt-map')!.map!.project([x, y]);
      return [p.x, p.y];
    }, { x: centreOf(dragged)[0], y: centreOf(dragged)[1] });
    expect(centreNow[0]).toBeCloseTo(cx - 300, 0);
    await expect(page.locator('belt-map .print-move-center').innerText()).resolves.toContain(centreOf(dragged)[0].toFixed(4));
    // The arrow keys on the map: a tenth of the frame's width to the east.
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    const keyed = (await frame(page))!;
    expect(centreOf(keyed)[0] - centreOf(dragged)[0]).toBeCloseTo((dragged[2] - dragged[0]) / 10, 4);
    expect(centreOf(keyed)[1]).toBeCloseTo(centreOf(dragged)[1], 6);
    await page.locator('belt-map .print-move-done').click();
    expect(await isOpen(page)).toBe(true);
    await expect(bar.count()).resolves.toBe(0);
    await expect(hint.textContent()).resolves.not.toContain('拖动红框');
    const kept = centreOf(keyed);
    await expect(page.locator('belt-map .print-center').innerText()).resolves.toContain(kept[0].toFixed(4));
    await expect.poll(async () => centreOf((await frame(page)) ?? [0, 0, 0, 0])[0]).toBeCloseTo(kept[0], 6);
    // A move that is cancelled (Escape on the map) keeps the centre that was done.
    await page.locator('belt-map button.print-move').click();
    await canvas.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Escape');
    await expect.poll(() => isOpen(page)).toBe(true);
    await expect(page.locator('belt-map .print-center').innerText()).resolves.toContain(kept[0].toFixed(4));
    await dialog(page).screenshot({ path: `${OUT}-dialog-moved.png` });
    // The page printed from the dialog is centred there: the villages labelled on it lie in the frame.
    const moved = (await frame(page))!;
    const download = page.waitForEvent('download');
    await choose(page, 'format', 'pdf');
    await page.locator('belt-map button.export-page').click();
    const file = join(OUT, 'moved.pdf');
    await (await download).saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('1:25,000');
    const villages = await page.evaluate(() =>
      document.querySelector('belt-map')!.plan!.villages.features.flatMap((v) => (v.geometry ? [{ name: v.properties.short_name, at: v.geometry.coordinates as [number, number] }] : [])),
    );
    const within = (at: [number, number], b: [number, number, number, number]) => at[0] >= b[0] && at[0] <= b[2] && at[1] >= b[1] && at[1] <= b[3];
    const labelled = villages.filter((v) => v.name.length > 1 && text.includes(v.name));
    // Every village labelled lies in the moved frame (a label's point may sit on its edge), and some of them outside the frame before the move.
    const grown = (b: [number, number, number, number], f: number): [number, number, number, number] => {
      const dx = (b[2] - b[0]) * f;
      const dy = (b[3] - b[1]) * f;
      return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
    };
    expect(labelled.length).toBeGreaterThan(0);
    expect(labelled.filter((v) => !within(v.at, grown(moved, 0.02))).map((v) => v.name)).toEqual([]);
    expect(labelled.filter((v) => !within(v.at, start)).length).toBeGreaterThan(0);
    expect(app.w.errors).toEqual([]);
  }, 120_000);
});

describe('the atlas choices', () => {
  it('by town: a page per town with located villages after the index page; by a chosen corridor: its name on the pages', async () => {
    const { page } = app.w;
    if (!(await isOpen(page))) await page.locator('belt-map .print-open').click();
    await choose(page, 'scale', 'view');
    await choose(page, 'atlas-by', 'town');
    // The towns of the loaded plan with at least one located village, counted here from el.plan.
    const towns = await page.evaluate(() => {
      const seen = new Set<string>();
      for (const v of document.querySelector('belt-map')!.plan!.villages.features) if (v.geometry && v.properties.town) seen.add(v.properties.town_code || v.properties.town);
      return seen.size;
    });
    expect(towns).toBeGreaterThan(1);
    let download = page.waitForEvent('download');
    await page.locator('belt-map button.export-atlas').click();
    let d = await download;
    expect(d.suggestedFilename()).toBe('belt-map-atlas-town-150dpi.pdf');
    const byTown = join(OUT, 'atlas-town.pdf');
    await d.saveAs(byTown);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [byTown], { encoding: 'utf8' }))![1])).toBe(towns + 1);
    // By corridor: the line is chosen from the plan's lines.
    await choose(page, 'atlas-by', 'corridor');
    const lines = page.locator('belt-map dialog.print select[name=atlas-corridor] option');
    const names = await lines.allInnerTexts();
    expect(names[0]).toBe('全部线路');
    expect(names.length).toBeGreaterThan(2);
    const chosen = (await lines.nth(1).getAttribute('value'))!;
    await choose(page, 'atlas-corridor', chosen);
    await dialog(page).screenshot({ path: `${OUT}-dialog-atlas.png` });
    download = page.waitForEvent('download');
    await page.locator('belt-map button.export-atlas').click();
    d = await download;
    expect(d.suggestedFilename()).toBe(`belt-map-atlas-corridor-${chosen}-150dpi.pdf`);
    const byLine = join(OUT, 'atlas-corridor.pdf');
    await d.saveAs(byLine);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [byLine], { encoding: 'utf8' }))![1]);
    const text = execFileSync('pdftotext', ['-f', '2', '-l', String(pages), byLine, '-'], { encoding: 'utf8' });
    // Every page after the index is a stretch of the chosen line, named on it; no other line has a page.
    expect(text.split(names[1]!).length - 1).toBeGreaterThanOrEqual(pages - 1);
    for (const other of names.slice(2)) expect(text).not.toContain(`${other} 1/`);
    await page.keyboard.press('Escape');
    expect(app.w.errors).toEqual([]);
  }, 300_000);
});

describe('the dialog on a phone', () => {
  it('fits a 390 px wide screen: the preview shrinks, nothing scrolls sideways', async () => {
    const phone = await watchedPage(app.browser, { width: 390, height: 760 });
    try {
      await phone.page.goto(`${app.server.origin}/index.html`);
      await waitReady(phone.page);
      const drawn = await previewAfter(phone.page, () => phone.page.locator('belt-map .print-open').click());
      expect(drawn.inked).toBeGreaterThan(0.1);
      const fit = await phone.page.evaluate(() => {
        const root = document.querySelector('belt-map')!.shadowRoot!;
        const d = root.querySelector('dialog.print') as HTMLDialogElement;
        const c = root.querySelector('canvas.print-preview')!.getBoundingClientRect();
        return { right: d.getBoundingClientRect().right, overflow: d.scrollWidth - d.clientWidth, canvasRight: c.right, canvasWidth: c.width };
      });
      expect(fit.right).toBeLessThanOrEqual(390);
      expect(fit.overflow).toBeLessThanOrEqual(0);
      expect(fit.canvasRight).toBeLessThanOrEqual(fit.right);
      expect(fit.canvasWidth).toBeGreaterThan(250);
      await phone.page.locator('belt-map dialog.print canvas.print-preview').scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: `${OUT}-phone.png` });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  }, 60_000);
});
