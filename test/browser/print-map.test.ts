/**
 * The print map renderer (src/map/printMap.ts) on the built component, without the print UI: the
 * Mentougou view drawn in tiles must have the exact size, no visible seams, and match the same extent
 * drawn as one tile (labels included).
 *
 * The page imports `renderPrintMap` from the built `/belt-map.js` (exported by src/index.ts).
 * `PRINT_MAP_A1=1` also times an A1 landscape 300 dpi render (9933 × 7016 px) and reports it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

/**
 * Browser side, plain JS (not transpiled): `window.__printTest(options)` renders with renderPrintMap,
 * optionally assembles the image, and measures every column/row transition of the image tile by tile.
 */
const PRINT_TEST_JS = `
import { renderPrintMap } from '/belt-map.js';

/** Centre and zoom that fit [w, s, e, n] into a CSS box, like map.fitBounds. */
function fit([w, s, e, n], wCss, hCss, pad) {
  const merc = (lng, lat) => [(lng + 180) / 360, 0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI)];
  const [x0, y0] = merc(w, n);
  const [x1, y1] = merc(e, s);
  const zoom = Math.log2(Math.min((wCss - 2 * pad) / ((x1 - x0) * 512), (hCss - 2 * pad) / ((y1 - y0) * 512)));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const lat = (360 / Math.PI) * Math.atan(Math.exp(Math.PI * (1 - 2 * cy))) - 90;
  return { center: [cx * 360 - 180, lat], zoom };
}

/** Sum over rows of the mean |ΔRGB| between each column and the next (and rows), from tiles. */
class SeamStats {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.col = new Float64Array(width - 1);
    this.row = new Float64Array(height - 1);
    this.edges = new Map();
  }
  add(tile, data) {
    const { x: x0, y: y0, width: w, height: h } = tile;
    const col = this.col;
    const stride = w * 4;
    for (let y = 0; y < h; y++) {
      let p = y * stride;
      for (let x = 0; x < w - 1; x++, p += 4) {
        col[x0 + x] += (Math.abs(data[p] - data[p + 4]) + Math.abs(data[p + 1] - data[p + 5]) + Math.abs(data[p + 2] - data[p + 6])) / 3;
      }
    }
    for (let y = 0; y < h - 1; y++) {
      let p = y * stride;
      let acc = 0;
      for (let x = 0; x < w; x++, p += 4) {
        acc += Math.abs(data[p] - data[p + stride]) + Math.abs(data[p + 1] - data[p + stride + 1]) + Math.abs(data[p + 2] - data[p + stride + 2]);
      }
      this.row[y0 + y] += acc / 3;
    }
    const column = (x) => { const c = new Uint8Array(h * 3); for (let y = 0; y < h; y++) for (let k = 0; k < 3; k++) c[y * 3 + k] = data[(y * w + x) * 4 + k]; return c; };
    const rowOf = (y) => { const r = new Uint8Array(w * 3); for (let x = 0; x < w; x++) for (let k = 0; k < 3; k++) r[x * 3 + k] = data[(y * w + x) * 4 + k]; return r; };
    this.edges.set(x0 + ',' + y0, { tile, left: column(0), right: column(w - 1), top: rowOf(0), bottom: rowOf(h - 1) });
  }
  finish() {
    const diff = (a, b) => { let s = 0; for (let i = 0; i < a.length; i += 3) s += (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2])) / 3; return s; };
    const xs = new Set();
    const ys = new Set();
    for (const { tile, right, bottom } of this.edges.values()) {
      const east = this.edges.get(tile.x + tile.width + ',' + tile.y);
      if (east) { this.col[tile.x + tile.width - 1] += diff(right, east.left); xs.add(tile.x + tile.width); }
      const south = this.edges.get(tile.x + ',' + (tile.y + tile.height));
      if (south) { this.row[tile.y + tile.height - 1] += diff(bottom, south.top); ys.add(tile.y + tile.height); }
    }
    const col = Array.from(this.col, (v) => v / this.height);
    const row = Array.from(this.row, (v) => v / this.width);
    const p99 = (a) => { const s = [...a].sort((p, q) => p - q); return s[Math.floor(0.99 * (s.length - 1))]; };
    return {
      colP99: p99(col), rowP99: p99(row),
      columns: [...xs].sort((a, b) => a - b).map((x) => ({ at: x, diff: col[x - 1] })),
      rows: [...ys].sort((a, b) => a - b).map((y) => ({ at: y, diff: row[y - 1] })),
    };
  }
}

window.__printTest = async ({ width, height, dpi, tileCss, assemble, preview, crop }) => {
  const el = document.querySelector('belt-map');
  await el.whenReady();
  const style = el.map.getStyle();
  const pr = dpi / 96;
  const { center, zoom } = fit(el.plan.manifest.views.find((v) => v.id === 'mentougou').bounds, width / pr, height / pr, 16);
  const full = assemble ? Object.assign(document.createElement('canvas'), { width, height }) : null;
  const small = preview ? Object.assign(document.createElement('canvas'), { width: Math.round(width / preview), height: Math.round(height / preview) }) : null;
  const stats = new SeamStats(width, height);
  const cropCanvas = crop ? Object.assign(document.createElement('canvas'), { width: crop.width, height: crop.height }) : null;
  const tiles = [];
  const progress = [];
  const progressMs = [];
  let heap = performance.memory ? performance.memory.usedJSHeapSize : null;
  const sampleHeap = () => { if (performance.memory) heap = Math.max(heap, performance.memory.usedJSHeapSize); };
  let readMs = 0;
  let analysisMs = 0;
  const t0 = performance.now();
  await renderPrintMap({
    style, center, zoom, width, height, dpi, tileCss,
    onProgress: (f) => { progress.push(f); progressMs.push(Math.round(performance.now() - t0)); sampleHeap(); },
    onTile: (tile) => {
      const t = performance.now();
      const data = tile.image.getContext('2d').getImageData(0, 0, tile.width, tile.height).data;
      const t1 = performance.now();
      readMs += t1 - t;
      tiles.push({ x: tile.x, y: tile.y, width: tile.width, height: tile.height, canvas: [tile.image.width, tile.image.height] });
      stats.add(tile, data);
      cropCanvas?.getContext('2d').drawImage(tile.image, tile.x - crop.x, tile.y - crop.y);
      full?.getContext('2d').drawImage(tile.image, tile.x, tile.y);
      small?.getContext('2d').drawImage(tile.image, tile.x / preview, tile.y / preview, tile.width / preview, tile.height / preview);
      sampleHeap();
      analysisMs += performance.now() - t1;
    },
  });
  const total = performance.now() - t0;
  const ms = total - readMs - analysisMs;
  const leftovers = document.querySelectorAll('body > div[aria-hidden="true"]').length;
  const out = { ms: Math.round(ms), readMs: Math.round(readMs), analysisMs: Math.round(analysisMs), totalMs: Math.round(total), progressMs, tiles, progress, seams: stats.finish(), heap, leftovers, zoom };
  if (full) { window.__images = window.__images || {}; window.__images[tileCss] = full; out.png = full.toDataURL('image/png'); }
  if (small) out.preview = small.toDataURL('image/png');
  if (cropCanvas) out.crop = cropCanvas.toDataURL('image/png');
  return out;
};

/** Pixels whose largest RGB difference between two assembled renders exceeds threshold. */
window.__compare = (a, b, threshold) => {
  const ca = window.__images[a], cb = window.__images[b];
  const da = ca.getContext('2d').getImageData(0, 0, ca.width, ca.height).data;
  const db = cb.getContext('2d').getImageData(0, 0, cb.width, cb.height).data;
  let differ = 0;
  for (let i = 0; i < da.length; i += 4) {
    const m = Math.max(Math.abs(da[i] - db[i]), Math.abs(da[i + 1] - db[i + 1]), Math.abs(da[i + 2] - db[i + 2]));
    if (m > threshold) differ++;
  }
  return { differ, total: da.length / 4 };
};

window.__printAbort = async () => {
  const el = document.querySelector('belt-map');
  await el.whenReady();
  const controller = new AbortController();
  const run = renderPrintMap({
    style: el.map.getStyle(), center: [116.0, 39.95], zoom: 10, width: 800, height: 600, dpi: 150, tileCss: 128,
    signal: controller.signal,
    onProgress: (f) => { if (f > 0) controller.abort(); },
    onTile: () => {},
  });
  try { await run; return { name: 'resolved' }; } catch (e) {
    return { name: e.name, isDomException: e instanceof DOMException, leftovers: document.querySelectorAll('body > div[aria-hidden="true"]').length };
  }
};
`;

const PAGE = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script><script type="module" src="/print-test.js"></script></head>
<body style="margin:0"><belt-map view="mentougou" style="height: 600px"></belt-map></body></html>`;

interface Seams {
  colP99: number;
  rowP99: number;
  columns: { at: number; diff: number }[];
  rows: { at: number; diff: number }[];
}
interface RunResult {
  /** renderPrintMap's own time: everything but the test's read-back and analysis of each tile. */
  ms: number;
  readMs: number;
  analysisMs: number;
  totalMs: number;
  /** Time of each progress report since the start, ms (the first is the layout pass). */
  progressMs: number[];
  tiles: { x: number; y: number; width: number; height: number; canvas: [number, number] }[];
  progress: number[];
  seams: Seams;
  heap: number | null;
  leftovers: number;
  zoom: number;
  png?: string;
  preview?: string;
  crop?: string;
}
interface RunOptions {
  width: number;
  height: number;
  dpi: number;
  tileCss?: number;
  assemble?: boolean;
  preview?: number;
  crop?: { x: number; y: number; width: number; height: number };
}

let browser: Browser;
let server: StaticServer;
let w: Watched;

beforeAll(async () => {
  await mkdir(RESULTS, { recursive: true });
  server = await serveDist({ '/print.html': PAGE, '/print-test.js': PRINT_TEST_JS });
  browser = await launch();
  w = await watchedPage(browser, { width: 1100, height: 700 });
  await w.page.goto(`${server.origin}/print.html`);
  await waitReady(w.page);
  await w.page.waitForFunction(() => typeof (window as unknown as { __printTest?: unknown }).__printTest === 'function');
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

function run(options: RunOptions): Promise<RunResult> {
  return w.page.evaluate((o) => (window as unknown as { __printTest(o: RunOptions): Promise<RunResult> }).__printTest(o), options);
}

async function savePng(dataUrl: string, name: string): Promise<void> {
  await writeFile(join(RESULTS, name), Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

/** Every tile border is no more of a jump than the 99th percentile of all column (row) transitions. */
function expectNoSeams(seams: Seams): void {
  for (const c of seams.columns) expect(c.diff, `column border at x=${c.at}`).toBeLessThanOrEqual(seams.colP99);
  for (const r of seams.rows) expect(r.diff, `row border at y=${r.at}`).toBeLessThanOrEqual(seams.rowP99);
}

describe('renderPrintMap (Mentougou, A4-landscape-like frame at 150 dpi)', () => {
  const size = { width: 1600, height: 1100, dpi: 150 };
  let tiled: RunResult;
  let single: RunResult;

  beforeAll(async () => {
    tiled = await run({ ...size, tileCss: 256, assemble: true });
    single = await run({ ...size, tileCss: 4096, assemble: true });
    await savePng(tiled.png!, 'print-map-tiled.png');
    await savePng(single.png!, 'print-map-single.png');
    console.log(
      `print map 1600×1100 @150dpi: ${tiled.tiles.length} tiles in ${tiled.ms} ms, one tile in ${single.ms} ms ` +
        `(renderPrintMap's own time); seams: ` +
        `columns ${JSON.stringify(tiled.seams.columns)} p99 ${tiled.seams.colP99.toFixed(2)}, ` +
        `rows ${JSON.stringify(tiled.seams.rows)} p99 ${tiled.seams.rowP99.toFixed(2)}`,
    );
  });

  it('covers exactly width × height with whole tiles, ≥ 2 × 2 of them, without overlap', () => {
    const { tiles } = tiled;
    const xs = new Set(tiles.map((t) => t.x));
    const ys = new Set(tiles.map((t) => t.y));
    expect(xs.size).toBeGreaterThanOrEqual(2);
    expect(ys.size).toBeGreaterThanOrEqual(2);
    expect(tiles.reduce((s, t) => s + t.width * t.height, 0)).toBe(size.width * size.height);
    for (const t of tiles) {
      expect(t.canvas).toEqual([t.width, t.height]);
      expect(t.x + t.width).toBeLessThanOrEqual(size.width);
      expect(t.y + t.height).toBeLessThanOrEqual(size.height);
      expect(Number.isInteger(t.x) && Number.isInteger(t.y)).toBe(true);
    }
    expect(Math.max(...tiles.map((t) => t.x + t.width))).toBe(size.width);
    expect(Math.max(...tiles.map((t) => t.y + t.height))).toBe(size.height);
    // 256 CSS px at 150 dpi = 400 device px.
    expect(tiles[0]).toMatchObject({ x: 0, y: 0, width: 400, height: 400 });
    expect(single.tiles).toEqual([{ x: 0, y: 0, width: 1600, height: 1100, canvas: [1600, 1100] }]);
  });

  it('reports progress up to 1 and leaves no hidden map behind', () => {
    expect(tiled.progress.at(-1)).toBe(1);
    expect([...tiled.progress]).toEqual([...tiled.progress].sort((a, b) => a - b));
    expect(tiled.leftovers).toBe(0);
    expect(single.leftovers).toBe(0);
  });

  it('shows no seam at any tile border', () => {
    expect(tiled.seams.columns.length).toBe(3);
    expect(tiled.seams.rows.length).toBe(2);
    expectNoSeams(tiled.seams);
  });

  it('draws the same image in tiles as in one piece, labels included', async () => {
    const { differ, total } = await w.page.evaluate(
      () => (window as unknown as { __compare(a: number, b: number, t: number): { differ: number; total: number } }).__compare(256, 4096, 16),
    );
    console.log(`tiled vs single: ${differ} of ${total} px differ by > 16 (${((100 * differ) / total).toFixed(3)} %)`);
    expect(differ / total).toBeLessThanOrEqual(0.005);
  });

  it('rejects with an AbortError when aborted, and cleans up', async () => {
    const result = await w.page.evaluate(() => (window as unknown as { __printAbort(): Promise<{ name: string; isDomException?: boolean; leftovers?: number }> }).__printAbort());
    expect(result).toEqual({ name: 'AbortError', isDomException: true, leftovers: 0 });
  });

  it('logs no errors', () => {
    expect(w.errors).toEqual([]);
  });
});

describe.runIf(process.env['PRINT_MAP_A1'])('renderPrintMap at A1 landscape, 300 dpi (timed, not asserted)', () => {
  it('renders 9933 × 7016 px', { timeout: 900_000 }, async () => {
    // A full-resolution crop around a tile corner where the culture belts cross it, to look at.
    const crop = { x: 5900, y: 2700, width: 1400, height: 1100 };
    const result = await run({ width: 9933, height: 7016, dpi: 300, preview: 8, crop });
    await savePng(result.preview!, 'print-map-a1-preview.png');
    await savePng(result.crop!, 'print-map-a1-crop.png');
    const heap = result.heap === null ? 'n/a' : `${(result.heap / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `A1 300 dpi: ${result.tiles.length} tiles (${result.tiles[0]!.width}×${result.tiles[0]!.height}) in ${(result.ms / 1000).toFixed(1)} s ` +
        `(+ ${(result.readMs / 1000).toFixed(1)} s getImageData, + ${(result.analysisMs / 1000).toFixed(1)} s seam analysis; ` +
        `wall ${(result.totalMs / 1000).toFixed(1)} s), layout pass ${(result.progressMs[0]! / 1000).toFixed(1)} s, peak JS heap ${heap}, zoom ${result.zoom.toFixed(3)}; seams: columns ` +
        `${JSON.stringify(result.seams.columns)} p99 ${result.seams.colP99.toFixed(2)}, rows ${JSON.stringify(result.seams.rows)} p99 ${result.seams.rowP99.toFixed(2)}`,
    );
    expect(result.tiles.reduce((s, t) => s + t.width * t.height, 0)).toBe(9933 * 7016);
  });
});
