/**
 * Planning exhibits from the built app: exact pixel sizes, PDF page sizes and text (read back with
 * poppler's pdfinfo/pdftotext), the atlas's pages, the legend of a print, cancel, the dialog and the
 * browser's own print. Outputs are saved under test-results/print-exhibits/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RESULTS, useApp, waitReady, watchedPage } from './harness.js';

const OUT = join(RESULTS, 'print-exhibits');
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const app = useApp(() => mkdir(OUT, { recursive: true }));

type Call = { method: 'exportImage' | 'exportAtlas'; options: Record<string, unknown>; view?: string };

/** Runs an export in the page; returns the file's bytes (or only its PNG size for big images), time and heap peak. */
async function exportIn(page: Page, call: Call, { headerOnly = false } = {}) {
  return page.evaluate(
    async ({ call, headerOnly }) => {
      const el = document.querySelector('belt-map')!;
      if (call.view) {
        el.view = call.view;
        await new Promise((r) => setTimeout(r, 1500));
        await new Promise<void>((r) => {
          el.map!.once('idle', () => r());
          el.map!.triggerRepaint();
        });
      }
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      let peak = memory?.usedJSHeapSize ?? 0;
      const t0 = performance.now();
      const options = { ...call.options, onProgress: () => (peak = Math.max(peak, memory?.usedJSHeapSize ?? 0)) };
      const blob = call.method === 'exportImage' ? await el.exportImage(options) : await el.exportAtlas(options as never);
      const ms = performance.now() - t0;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const view = new DataView(bytes.buffer);
      const png = bytes[1] === 0x50 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
      let b64 = '';
      if (!headerOnly) for (let i = 0; i < bytes.length; i += 0x8000) b64 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { ms, size: bytes.length, png, peakHeapMB: peak / 2 ** 20, data: headerOnly ? '' : btoa(b64) };
    },
    { call, headerOnly },
  );
}

async function saved(name: string, data: string): Promise<string> {
  const file = join(OUT, name);
  await writeFile(file, Buffer.from(data, 'base64'));
  return file;
}

const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pdftext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('exportImage', () => {
  it('makes an A4 @ 150 dpi landscape PNG of exactly 1754 × 1240 px', async () => {
    const r = await exportIn(app.w.page, { method: 'exportImage', options: { paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', approval: '京S（2026）001号' } });
    expect(r.png).toEqual({ width: 1754, height: 1240 });
    await saved('a4-150dpi.png', r.data);
    console.log(`A4 150 dpi PNG: ${r.ms.toFixed(0)} ms, ${(r.size / 1024).toFixed(0)} KB, peak JS heap ${r.peakHeapMB.toFixed(0)} MB`);
  });

  it('makes an A1 @ 300 dpi landscape PNG of exactly 9933 × 7016 px', async () => {
    const r = await exportIn(app.w.page, { method: 'exportImage', options: { paper: 'A1', orientation: 'landscape', dpi: 300, format: 'png' } }, { headerOnly: true });
    expect(r.png).toEqual({ width: 9933, height: 7016 });
    console.log(`A1 300 dpi PNG: ${r.ms.toFixed(0)} ms, ${(r.size / 2 ** 20).toFixed(1)} MB, peak JS heap ${r.peakHeapMB.toFixed(0)} MB`);
  }, 600_000);

  it.skipIf(!hasPoppler)('makes a PDF of the exact paper size with the title and legend as text', async () => {
    const title = '门头沟区示范片区规划展板';
    const r = await exportIn(app.w.page, {
      method: 'exportImage',
      view: 'mentougou',
      options: { paper: 'A1', orientation: 'portrait', dpi: 72, format: 'pdf', title, approval: '京S（2026）001号' },
    });
    const file = await saved('a1-portrait-72dpi.pdf', r.data);
    expect(pdfinfo(file)).toMatch(/Page size:\s+1683\.78 x 2383\.94 pts/);
    const text = pdftext(file);
    for (const s of [title, '图例', '109国道', '永定河', '示范村', '审图号', '京S（2026）001号', '示例方案']) expect(text).toContain(s);
    // The Mentougou extent holds no culture belt: the legend does not list one.
    expect(text).not.toContain('长城');
    expect(text).not.toContain('汤河');
    execFileSync('pdftoppm', ['-r', '30', '-png', '-singlefile', file, join(OUT, 'a1-portrait-72dpi')]);
  });

  it.skipIf(!hasPoppler)('lists the culture belts when the printed extent holds them', async () => {
    const r = await exportIn(app.w.page, { method: 'exportImage', view: 'huairou', options: { paper: 'A4', dpi: 72, format: 'pdf' } });
    const text = pdftext(await saved('a4-huairou.pdf', r.data));
    expect(text).toContain('长城');
    expect(text).not.toContain('109国道');
  });

  it('rejects with an AbortError when cancelled, and leaves no hidden map behind', async () => {
    const outcome = await app.w.page.evaluate(async () => {
      const el = document.querySelector('belt-map')!;
      const abort = new AbortController();
      const before = document.querySelectorAll('canvas').length;
      try {
        await el.exportImage({ paper: 'A1', dpi: 300, format: 'png', signal: abort.signal, onProgress: (f) => f > 0 && abort.abort() });
        return { name: 'resolved', left: 0 };
      } catch (e) {
        await new Promise((r) => setTimeout(r, 200));
        return { name: (e as Error).name, left: document.querySelectorAll('canvas').length - before };
      }
    });
    expect(outcome).toEqual({ name: 'AbortError', left: 0 });
  }, 300_000);
});

describe.skipIf(!hasPoppler)('exhibits of packages outside Beijing', () => {
  it.each([
    ['xihu', '西湖区和美乡村', ['规划区（西湖区）', '镇乡驻地']],
    ['zhenhai', '镇海区千村示范万村行动', ['规划区（镇海区）', '镇乡驻地']],
  ])('prints the %s package with its own inset and legend', async (id, title, legend) => {
    const { page } = await watchedPage(app.browser);
    await page.goto(`${app.server.origin}/index.html`);
    await waitReady(page);
    await page.evaluate((id) => document.querySelector('belt-map')!.setAttribute('src', `data/plans/${id}/plan.json`), id);
    await page.waitForFunction((t) => document.querySelector('belt-map')!.plan?.manifest.name.zh.startsWith(t), title);
    await waitReady(page);
    const r = await exportIn(page, { method: 'exportImage', options: { paper: 'A4', dpi: 100, format: 'pdf' } });
    const file = await saved(`a4-${id}.pdf`, r.data);
    const text = pdftext(file);
    for (const s of [title, ...legend, '示例方案']) expect(text).toContain(s);
    // Nothing of the Beijing sample leaks into another plan's sheet.
    for (const s of ['门头沟', '怀柔', '109国道']) expect(text).not.toContain(s);
    execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', file, join(OUT, `a4-${id}`)]);
    await page.context().close();
  });
});

describe.skipIf(!hasPoppler)('exportAtlas', () => {
  it('has a cover/index page and one page per cluster, at one scale', async () => {
    const clusters = await app.w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters.length);
    const r = await exportIn(app.w.page, { method: 'exportAtlas', options: { by: 'cluster', paper: 'A4', dpi: 72 } }, {});
    const file = await saved('atlas-clusters.pdf', r.data);
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))![1]);
    expect(pages).toBe(clusters + 1);
    const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    // Every cluster page is at one scale; the cover's index lists every cluster.
    const scales = new Set(Array.from({ length: clusters }, (_, i) => /1:([\d,]+)/.exec(pageText(i + 2))?.[1]));
    expect([...scales]).toHaveLength(1);
    const names = await app.w.page.evaluate(() => document.querySelector('belt-map')!.plan!.clusters.map((c) => c.name));
    const cover = pageText(1).replace(/\s+/g, '');
    for (const name of names) expect(cover).toContain(name.replace(/\s+/g, ''));
    console.log(`atlas: ${pages} pages (${clusters} clusters + index), ${(r.size / 1024).toFixed(0)} KB, ${r.ms.toFixed(0)} ms`);
    execFileSync('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '2', file, join(OUT, 'atlas')]);
  }, 300_000);
});

describe.skipIf(!hasPoppler)('exportAtlas by corridor', () => {
  it('prints a corridor in stretches at one scale after the index page', async () => {
    const r = await exportIn(app.w.page, { method: 'exportAtlas', options: { by: 'corridor', corridor: 'g109', paper: 'A4', dpi: 72 } });
    const file = await saved('atlas-g109.pdf', r.data);
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))![1]);
    expect(pages).toBeGreaterThan(2);
    const perPage = Array.from({ length: pages - 1 }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 2), '-l', String(i + 2), file, '-'], { encoding: 'utf8' }),
    );
    const scales = new Set(perPage.map((text) => /1:([\d,]+)/.exec(text)?.[1]));
    expect([...scales]).toHaveLength(1);
    for (const [i, text] of perPage.entries()) expect(text).toContain(`${i + 1}/${pages - 1}`);
  }, 300_000);
});

describe('the print dialog and the browser’s print', () => {
  it('opens from its button, works from the keyboard and closes with Escape', async () => {
    await app.w.page.locator('belt-map .print-open').click();
    const dialog = app.w.page.locator('belt-map dialog.print');
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await app.w.page.keyboard.press('Tab');
    const focusedInside = await app.w.page.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      return root.querySelector('dialog.print')!.contains(root.activeElement);
    });
    expect(focusedInside).toBe(true);
    await app.w.page.keyboard.press('Escape');
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(false);
  });

  it('prints the page as a clean A4 map with its legend and no controls', async () => {
    await app.w.page.emulateMedia({ media: 'print' });
    const shown = await app.w.page.evaluate(() => {
      const root = document.querySelector('belt-map')!.shadowRoot!;
      const visible = (sel: string) => {
        const e = root.querySelector(sel) as HTMLElement | null;
        return !!e && getComputedStyle(e).display !== 'none';
      };
      return { legend: visible('.legend'), layers: visible('fieldset.layers'), zones: visible('.zones'), list: visible('.list'), map: visible('.map') };
    });
    expect(shown).toEqual({ legend: true, layers: false, zones: false, list: false, map: true });
    // The map redraws at the print layout's size (it listens to the print media query).
    await app.w.page.waitForTimeout(500);
    const sizes = await app.w.page.evaluate(() => {
      const map = document.querySelector('belt-map')!.map!;
      const box = map.getContainer().getBoundingClientRect();
      return { container: [Math.round(box.width), Math.round(box.height)], canvas: [Math.round(map.getCanvas().clientWidth), Math.round(map.getCanvas().clientHeight)] };
    });
    expect(sizes.canvas).toEqual(sizes.container);
    await app.w.page.pdf({ path: join(OUT, 'browser-print.pdf'), format: 'A4' });
    await app.w.page.emulateMedia({ media: 'screen' });
  });
});
