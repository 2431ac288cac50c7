import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawExhibit, placeMapTiles } from './painter.js';
import { createPdf } from './pdfPainter.js';
import type { ExhibitPage, PrintLayout } from './types.js';
import { collectTexts, loadPrintFonts, type PrintFonts } from './fonts.js';
import { readFaceFile } from '../../test/helpers/printFonts.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = join(ROOT, 'test-results/print');

function has(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const poppler = has('pdftotext') && has('pdfinfo') && has('pdftoppm') && has('pdftocairo');

// --- a minimal PNG encoder (RGB, 8 bit) --------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const raw = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((o, p) => (out.set(p, o), o + p.length), 0);
  return out;
}

/** A stand-in map: pale land, a blue river and a red road. */
const MAP_PNG = png(240, 180, (x, y) => {
  if (Math.abs(y - 60 - 30 * Math.sin(x / 25)) < 4) return [31, 120, 180];
  if (Math.abs(x - y * 1.1 - 20) < 3) return [178, 60, 23];
  return [235, 230, 220];
});

/** A minimal PNG decoder (8-bit grey / RGB / RGBA, no interlace), enough for pdftocairo's output. */
function decodePng(bytes: Uint8Array): { width: number; height: number; red(x: number, y: number): number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let [width, height, channels] = [0, 0, 0];
  for (let o = 8; o < bytes.length; ) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') [width, height, channels] = [v.getUint32(o + 8), v.getUint32(o + 12), ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!]!];
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? out[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      out[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + predictor) & 255;
    }
  }
  return { width, height, red: (x, y) => out[(y * width + x) * channels]! };
}

// --- a hand-made exhibit -----------------------------------------------------------------------

function layoutA1Portrait(): PrintLayout {
  return {
    page: { widthMm: 594, heightMm: 841 },
    title: { x: 20, y: 20, w: 554, h: 52 },
    map: { x: 20, y: 80, w: 554, h: 630 },
    north: { x: 534, y: 90, w: 30, h: 46 },
    legend: { x: 20, y: 720, w: 190, h: 92 },
    inset: { x: 220, y: 720, w: 150, h: 92 },
    scaleBar: { x: 380, y: 720, w: 194, h: 30 },
    credits: { x: 380, y: 756, w: 194, h: 56 },
    approval: { x: 20, y: 818, w: 250, h: 10 },
  };
}

function layoutA4Landscape(): PrintLayout {
  return {
    page: { widthMm: 297, heightMm: 210 },
    title: { x: 10, y: 8, w: 277, h: 16 },
    map: { x: 10, y: 26, w: 200, h: 166 },
    north: { x: 192, y: 30, w: 14, h: 22 },
    legend: { x: 216, y: 26, w: 71, h: 66 },
    inset: { x: 216, y: 96, w: 71, h: 46 },
    scaleBar: { x: 216, y: 146, w: 71, h: 14 },
    credits: { x: 216, y: 163, w: 71, h: 29 },
    approval: { x: 10, y: 196, w: 140, h: 6 },
  };
}

function exhibit(layout: PrintLayout): ExhibitPage {
  const dpi = 150;
  return {
    layout,
    mapPx: { width: Math.round((layout.map.w / 25.4) * dpi), height: Math.round((layout.map.h / 25.4) * dpi) },
    dpi,
    title: '怀柔区乡村振兴示范带',
    subtitle: '雁栖—渤海—九渡河 示范带规划（样例）',
    date: '2026-11',
    author: '某规划设计研究院',
    approval: '京S（2026）001号',
    legendTitle: '图例',
    legend: [
      { layer: 'boundaries', key: 'districts:focus', symbol: 'fill', color: '#fbfaf6', label: '重点区' },
      { layer: 'boundaries', key: 'town-seats', symbol: 'ring', color: '#5b5347', label: '镇政府驻地' },
      { layer: 'corridors', key: 'line:g109', symbol: 'dashed-line', color: '#b23c17', label: '109国道（示意）' },
      { layer: 'corridors', key: 'line:yongding', symbol: 'line', color: '#1f78b4', label: '永定河' },
      { layer: 'villages', key: 'role:demonstration', symbol: 'circle', color: '#c62828', label: '示范村' },
      { layer: 'belt', key: 'belts', symbol: 'band', color: '#d81b60', label: '示范带' },
    ],
    // 1:25,000: 5 km = 200 mm on A1, 1 km = 40 mm on A4.
    scaleBar: layout.page.widthMm > 400 ? { metres: 5000, mm: 200, segments: 4, label: '5 km', scaleDenominator: 25000 } : { metres: 1000, mm: 40, segments: 4, label: '1 km', scaleDenominator: 25000 },
    inset: {
      rings: [
        [[115.4, 39.4], [116.2, 39.45], [116.4, 39.9], [115.9, 40.2], [115.4, 39.9], [115.4, 39.4]],
        [[116.2, 39.45], [117.5, 39.6], [117.4, 40.3], [116.9, 40.3], [116.4, 39.9], [116.2, 39.45]],
        [[115.4, 39.9], [115.9, 40.2], [116.3, 40.3], [116.1, 41.0], [115.5, 40.6], [115.4, 39.9]],
      ],
      focusRings: [[[116.3, 40.3], [116.9, 40.3], [116.8, 41.05], [116.1, 41.0], [116.3, 40.3]]],
      extent: [116.45, 40.35, 116.75, 40.6],
    },
    minTextPt: 6,
    credits: ['底图：天地图（示意）', '数据：北京市规划和自然资源委员会公开资料；OpenStreetMap 贡献者，ODbL', '字体：Noto Sans SC，SIL Open Font License 1.1'],
    notice: '样例方案，仅供演示，不作为规划依据',
    labels: { north: 'N', scale: '1:25,000', approvalPrefix: '审图号：', date: '日期', author: '编制' },
  };
}

async function buildPdf(page: ExhibitPage, fonts: PrintFonts): Promise<Uint8Array> {
  const pdf = createPdf(page.layout.page, fonts);
  await drawExhibit(pdf.painter, page, (painter, box) => painter.image(MAP_PNG, box));
  return new Uint8Array(await pdf.save().arrayBuffer());
}

describe('the legend of a sheet', () => {
  it('gives a label wrapped onto two lines a taller row: no two entries overlap', async () => {
    // Synthetic: long English labels, several wrapped and adjacent, in the A4 legend box at its smallest size.
    const page = exhibit(layoutA4Landscape());
    const long = ['National Road 109 (Mentougou section) (schematic)', 'G109 New Line Expressway (Mentougou section) (schematic)', 'Yongding River', 'Demonstration belt (links the clusters, schematic)', 'Demonstration village'];
    page.legend = long.map((label, i) => ({ layer: 'corridors', key: `line:${i}`, symbol: 'line', color: '#1f78b4', label }));
    const box = page.layout.legend!;
    const lines: { text: string; x: number; top: number; bottom: number }[] = [];
    const recorder = {
      rect() {}, line() {}, polygon() {}, circle() {},
      text(text: string, x: number, y: number, style: { sizePt: number; baseline?: string }) {
        // Legend rows are drawn with a middle baseline inside the legend box; the em box spans ±½ em.
        if (style.baseline !== 'middle' || x < box.x || x > box.x + box.w || y < box.y || y > box.y + box.h) return;
        const em = style.sizePt * (25.4 / 72);
        lines.push({ text, x, top: y - em / 2, bottom: y + em / 2 });
      },
      // Latin letters about 0.7 em wide: every long label wraps.
      measureText: (s: string, st: { sizePt: number }) => [...s].length * st.sizePt * (25.4 / 72) * 0.7,
      image: async () => {},
      clip: async (_b: unknown, draw: () => Promise<void>) => void (await draw()),
    };
    await drawExhibit(recorder as never, page, async () => {});
    // Each drawn line belongs to one entry: the entry whose label contains it, in order.
    const entries: { top: number; bottom: number; x: number }[] = [];
    let i = 0;
    let rest = '';
    for (const l of lines) {
      if (!rest) rest = page.legend[i++]!.label.replace(/\s+/g, '');
      const span = entries[i - 1];
      if (span && rest !== page.legend[i - 1]!.label.replace(/\s+/g, '')) {
        span.top = Math.min(span.top, l.top);
        span.bottom = Math.max(span.bottom, l.bottom);
      } else entries[i - 1] = { top: l.top, bottom: l.bottom, x: l.x };
      rest = rest.slice(l.text.replace(/\s+/g, '').length);
    }
    expect(entries).toHaveLength(long.length);
    expect(lines.length, 'some labels are wrapped').toBeGreaterThan(long.length);
    for (let k = 1; k < entries.length; k++) {
      if (Math.abs(entries[k]!.x - entries[k - 1]!.x) > 0.01) continue; // a new column
      expect(entries[k]!.top, `entry ${k} ("${long[k]}") starts below entry ${k - 1}`).toBeGreaterThanOrEqual(entries[k - 1]!.bottom);
    }
  });
});

describe.skipIf(!poppler)('PDF exhibit (poppler)', () => {
  let fonts: PrintFonts;
  let dir: string;
  beforeAll(async () => {
    fonts = await loadPrintFonts(collectTexts(exhibit(layoutA4Landscape())), readFaceFile);
    dir = mkdtempSync(join(tmpdir(), 'belt-map-pdf-'));
    mkdirSync(RESULTS, { recursive: true });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'a1-portrait', layout: layoutA1Portrait, size: [1683.78, 2383.94] },
    { name: 'a4-landscape', layout: layoutA4Landscape, size: [841.89, 595.28] },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: exact paper size, real text, subset font`, async () => {
      const page = exhibit(c.layout());
      const bytes = await buildPdf(page, fonts);
      const file = join(dir, `${c.name}.pdf`);
      writeFileSync(file, bytes);
      writeFileSync(join(RESULTS, `${c.name}.pdf`), bytes);

      expect(bytes.byteLength).toBeLessThan(1.5e6);

      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      expect(m, info).not.toBeNull();
      expect(Number(m![1])).toBeCloseTo(c.size[0], 1);
      expect(Number(m![2])).toBeCloseTo(c.size[1], 1);
      expect(info).toMatch(/Pages:\s+1\b/);

      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const s of [page.title, page.legendTitle, ...page.legend.map((e) => e.label), '1:25,000', page.scaleBar.label, '审图号：京S（2026）001号', page.notice!, '编制：某规划设计研究院']) {
        expect(text.replace(/\s+/g, ''), s).toContain(s.replace(/\s+/g, ''));
      }

      execFileSync('pdftoppm', ['-r', '40', '-png', '-singlefile', file, join(RESULTS, c.name)]);
    });
  }

  it('addPage adds a page of the same paper size', async () => {
    const page = exhibit(layoutA4Landscape());
    const pdf = createPdf(page.layout.page, fonts);
    await drawExhibit(pdf.painter, page, (painter, box) => painter.image(MAP_PNG, box));
    pdf.addPage();
    await drawExhibit(pdf.painter, { ...page, title: '第二页' }, (painter, box) => painter.image(MAP_PNG, box));
    const file = join(dir, 'two-pages.pdf');
    writeFileSync(file, new Uint8Array(await pdf.save().arrayBuffer()));
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '2', file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2\b/);
    expect(info.match(/Page\s+\d size:\s+841\.89 x 595\.2\d* pts/g)).toHaveLength(2);
    expect(execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' })).toContain('第二页');
  });

  it('map tiles placed by placeMapTiles show no seams in a Cairo render at 150 dpi', async () => {
    // 2 × 2 abutting tiles of one grey on a white page. Poppler's Cairo backend (like most screen
    // viewers) anti-aliases image edges, so an abutting edge lets white through as a lighter line;
    // pdftoppm's Splash backend does not, and would show no seam either way.
    const page = { widthMm: 80, heightMm: 60 };
    const mapPx = { width: 354, height: 236 };
    const grey = 100;
    const tiles = [[0, 0], [177, 0], [0, 118], [177, 118]].map(([x, y]) => ({ x: x!, y: y!, width: 177, height: 118, image: png(177, 118, () => [grey, grey, grey]) }));

    const lightestSeamPixel = async (overlapPx: number, offsetMm: number) => {
      const box = { x: 10 + offsetMm, y: 10 + offsetMm * 0.7, w: 60, h: 40 };
      const pdf = createPdf(page, fonts);
      await placeMapTiles(pdf.painter, box, mapPx, tiles, overlapPx);
      const file = join(dir, `seams-${overlapPx}-${offsetMm}.pdf`);
      writeFileSync(file, new Uint8Array(await pdf.save().arrayBuffer()));
      execFileSync('pdftocairo', ['-r', '150', '-png', '-singlefile', file, file]);
      const img = decodePng(readFileSync(`${file}.png`));
      const px = (mm: number) => (mm / 25.4) * 150;
      const [sx, sy] = [px(box.x + box.w / 2), px(box.y + box.h / 2)];
      let max = 0;
      for (let y = Math.ceil(px(box.y)) + 3; y < px(box.y + box.h) - 3; y++) for (const x of [Math.floor(sx), Math.ceil(sx)]) max = Math.max(max, img.red(x, y));
      for (let x = Math.ceil(px(box.x)) + 3; x < px(box.x + box.w) - 3; x++) for (const y of [Math.floor(sy), Math.ceil(sy)]) max = Math.max(max, img.red(x, y));
      return max;
    };

    for (const offset of [0.13, 0.5]) {
      expect(await lightestSeamPixel(0, offset), 'abutting tiles: the test sees the seam').toBeGreaterThan(grey + 20);
      expect(await lightestSeamPixel(1, offset), 'default 1 px overlap: no seam').toBeLessThanOrEqual(grey + 2);
    }
  });
});
