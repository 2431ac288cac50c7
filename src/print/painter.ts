/**
 * The exhibit's drawing, independent of the output: `drawExhibit` draws the whole page layout
 * (everything except the map pixels) through a small `Painter` in page millimetres, which
 * pdfPainter.ts (jsPDF, vector + real text) and canvasPainter.ts (canvas 2D, for PNG) implement.
 */
import { parseColour } from '../state/colour.js';
import type { LegendEntry } from '../state/legend.js';
import { defaultTheme } from '../state/theme.js';
import type { Box, ExhibitPage, MapTile } from './types.js';

/** How a shape is filled and stroked. Colours are CSS colours (`#rgb`, `#rrggbb`, `rgb()`, `rgba()`). */
export interface ShapeStyle {
  fill?: string;
  stroke?: string;
  /** @defaultValue 0.25 */
  lineWidthMm?: number;
  /** Dash pattern, mm (on, off, …). */
  dash?: number[];
  /** Opacity of the fill, 0–1 (multiplied with the colour's alpha). @defaultValue 1 */
  fillOpacity?: number;
  /** Opacity of the stroke, 0–1. @defaultValue 1 */
  strokeOpacity?: number;
  /** @defaultValue 'butt' */
  lineCap?: 'butt' | 'round' | 'square';
  /** @defaultValue 'miter' */
  lineJoin?: 'miter' | 'round' | 'bevel';
}

export interface TextStyle {
  sizePt: number;
  bold?: boolean;
  /** @defaultValue '#000000' */
  color?: string;
  /** Which point of the text `x` is. @defaultValue 'left' */
  align?: 'left' | 'center' | 'right';
  /** Which line of the em box `y` is. @defaultValue 'top' */
  baseline?: 'top' | 'middle' | 'bottom';
  /** When the text is wider, the font is made smaller so it fits (one line; never wraps)… */
  maxWidthMm?: number;
  /** …but never smaller than this (it then overruns). */
  minSizePt?: number;
  /** Rotation about (x, y), degrees clockwise on the page (a map label along a line). @defaultValue 0 */
  angle?: number;
  /** An outline of `color` around the glyphs, `widthMm` beyond their edge (a map label's halo). */
  halo?: { color: string; widthMm: number };
}

/** Pixels a painter can place. Uint8Array = encoded PNG or JPEG bytes (e.g. in Node). */
export type ImageSource = HTMLCanvasElement | OffscreenCanvas | ImageBitmap | Uint8Array;

/** Draws on one page in millimetres, origin top-left, y down. */
export interface Painter {
  rect(box: Box, style: ShapeStyle): void;
  /** An open polyline. */
  line(points: readonly (readonly [number, number])[], style: ShapeStyle): void;
  /** Closed rings filled even-odd (holes allowed). */
  polygon(rings: readonly (readonly (readonly [number, number])[])[], style: ShapeStyle): void;
  circle(cx: number, cy: number, r: number, style: ShapeStyle): void;
  text(str: string, x: number, y: number, style: TextStyle): void;
  /** Width of `str` in mm at the given size. */
  measureText(str: string, style: Pick<TextStyle, 'sizePt' | 'bold'>): number;
  /** Places pixels stretched over `box`. */
  image(source: ImageSource, box: Box): Promise<void>;
  /** Draws what `draw` draws clipped to `box` (the map frame). */
  clip(box: Box, draw: () => Promise<void> | void): Promise<void>;
}

export const MM_PER_PT = 25.4 / 72;

/**
 * Em-box geometry shared by both painters, so text sits identically in PDF and PNG: the CJK
 * ideographic em box spans 0.88 em above the alphabetic baseline to 0.12 em below it (Noto CJK).
 */
const EM_ASCENT = 0.88;
const EM_DESCENT = 0.12;

/** Offset from `y` (in the given `baseline`) to the alphabetic baseline, mm. */
export function baselineOffsetMm(sizePt: number, baseline: TextStyle['baseline'] = 'top'): number {
  const em = sizePt * MM_PER_PT;
  switch (baseline) {
    case 'top':
      return EM_ASCENT * em;
    case 'middle':
      return (EM_ASCENT - 0.5) * em;
    case 'bottom':
      return -EM_DESCENT * em;
    default:
      return baseline satisfies never;
  }
}

/**
 * Resolves alignment and `maxWidthMm` for a painter: the font size to use, and the left x.
 */
export function placeText(painter: Pick<Painter, 'measureText'>, str: string, x: number, style: TextStyle): { sizePt: number; left: number; width: number } {
  let sizePt = style.sizePt;
  let width = painter.measureText(str, { sizePt, bold: style.bold });
  if (style.maxWidthMm !== undefined && width > style.maxWidthMm && width > 0) {
    const fitted = sizePt * (style.maxWidthMm / width);
    const size = Math.max(fitted, Math.min(sizePt, style.minSizePt ?? 0));
    width *= size / sizePt;
    sizePt = size;
  }
  const align = style.align ?? 'left';
  const left = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
  return { sizePt, left, width };
}

/**
 * Where a painter starts a text's alphabetic baseline at its left end: `x`/`y` are the anchor
 * (align/baseline), the text is rotated `angle` degrees clockwise about it.
 */
export function textOrigin(x: number, y: number, left: number, sizePt: number, style: Pick<TextStyle, 'baseline' | 'angle'>): { x: number; y: number; cos: number; sin: number } {
  const a = ((style.angle ?? 0) * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const dx = left - x;
  const dy = baselineOffsetMm(sizePt, style.baseline);
  return { x: x + dx * cos - dy * sin, y: y + dx * sin + dy * cos, cos, sin };
}

/** A CSS colour for a painter: the one parser (src/state/colour.ts); anything that is not a colour is black. */
export function paintColour(css: string): { r: number; g: number; b: number; a: number } {
  const [r, g, b, a] = parseColour(css) ?? [0, 0, 0, 1];
  return { r, g, b, a };
}

/**
 * Breaks text into lines no wider than `maxWidthMm`: at spaces for Latin text, between any two
 * characters for CJK (never before closing punctuation such as "，" or "）"). Explicit `\n` is kept.
 */
export function wrapText(painter: Pick<Painter, 'measureText'>, str: string, maxWidthMm: number, style: Pick<TextStyle, 'sizePt' | 'bold'>): string[] {
  const lines: string[] = [];
  for (const paragraph of str.split('\n')) {
    // Tokens: a run of non-space non-CJK characters, a space run, or one CJK character (with any
    // closing punctuation glued to it).
    const tokens = paragraph.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f][\u3001\u3002\uff0c\uff1b\uff1a\uff09\u300d\u300f\u3011\u3015\uff01\uff1f]*|\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g) ?? [''];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line && !/^\s+$/.test(token) && painter.measureText(candidate.trimEnd(), style) > maxWidthMm) {
        lines.push(line.trimEnd());
        line = token;
      } else {
        line = /^\s+$/.test(token) && !line ? '' : candidate;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/**
 * Font sizes of the exhibit, pt, from the page's short side (the title is 2.2 % of it), none under
 * `minPt`, the sheet's small-print size (src/print/legibility.ts: 6 pt on A4).
 */
export function exhibitFontSizes(page: { widthMm: number; heightMm: number }, minPt: number) {
  const unit = (Math.min(page.widthMm, page.heightMm) * 0.022) / MM_PER_PT;
  const at = (k: number) => Math.max(minPt, unit * k);
  return {
    title: Math.max(minPt, unit),
    subtitle: at(0.62),
    meta: at(0.45),
    legendTitle: at(0.5),
    legend: at(0.45),
    scale: at(0.42),
    north: at(0.6),
    credits: at(0.4),
    approval: at(0.42),
  };
}

/**
 * A generous estimate of a text's width without a font at hand (to size a box before drawing): a CJK
 * or full-width character 1 em, anything else 0.62 em (Noto Sans's Latin averages about 0.55).
 */
export function roughTextWidthMm(str: string, sizePt: number): number {
  let em = 0;
  for (const ch of str) em += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u.test(ch) ? 1 : 0.62;
  return em * sizePt * MM_PER_PT;
}

const INK = '#1a1a1a';
const PANEL = '#ffffff';
const PANEL_LINE = '#8c8273';
const EXTENT = '#d32f2f';

/**
 * Draws the exhibit: `drawMap` paints the map into the map frame first (and may return the legend of
 * what it drew, which replaces the page's), then come the frame, title block, legend, scale bar, north
 * arrow, inset, credits and approval number.
 */
export async function drawExhibit(painter: Painter, drawnPage: ExhibitPage, drawMap: (painter: Painter, box: Box) => Promise<LegendEntry[] | void>): Promise<void> {
  const { layout } = drawnPage;
  const sizes = exhibitFontSizes(layout.page, drawnPage.minTextPt);
  const hair = Math.max(0.15, Math.min(layout.page.widthMm, layout.page.heightMm) * 0.0006);

  // The legend of what the map drew, when the map says.
  const legend = await drawMap(painter, layout.map);
  const page = legend ? { ...drawnPage, legend } : drawnPage;
  painter.rect(layout.map, { stroke: INK, lineWidthMm: hair * 2.5 });

  drawTitle(painter, page, layout.title, sizes);
  drawLegend(painter, page, layout.legend, sizes, hair, intersects(layout.legend, layout.map));
  drawScaleBar(painter, page, layout.scaleBar, sizes, hair, intersects(layout.scaleBar, layout.map));
  drawNorthArrow(painter, page, layout.north, sizes, hair, intersects(layout.north, layout.map));
  drawInset(painter, page, layout.inset, hair);
  drawCredits(painter, page, layout.credits, sizes);
  if (page.index) drawIndex(painter, page.index, layout.map, sizes, hair);
  if (page.approval) {
    const text = `${page.labels.approvalPrefix}${page.approval}`;
    const b = layout.approval;
    painter.text(text, b.x, b.y + b.h / 2, { sizePt: Math.min(sizes.approval, fitSize(b.h, 1.2)), color: INK, baseline: 'middle', maxWidthMm: b.w });
  }
}

/** An atlas index: a white panel in the map frame's upper left, one line per page, shrunk to fit. */
function drawIndex(painter: Painter, index: NonNullable<ExhibitPage['index']>, map: Box, sizes: Sizes, hair: number): void {
  const pad = Math.min(map.w, map.h) * 0.02;
  const box: Box = { x: map.x + pad, y: map.y + pad, w: map.w * 0.42, h: map.h - 2 * pad };
  const lines = [index.title, ...index.lines];
  const size = Math.min(sizes.legend * 1.2, fitSize(box.h - 2 * pad, 1.35, lines.length));
  const lineMm = size * MM_PER_PT * 1.35;
  const used: Box = { ...box, h: Math.min(box.h, lines.length * lineMm + 2 * pad) };
  panel(painter, used, hair, true);
  lines.forEach((line, i) =>
    painter.text(line, box.x + pad, box.y + pad + i * lineMm, { sizePt: size, bold: i === 0, color: INK, maxWidthMm: box.w - 2 * pad }),
  );
}

/** The largest font size (pt) whose `lineHeight`-spaced lines fit in `heightMm`. */
function fitSize(heightMm: number, lineHeight: number, lines = 1): number {
  return heightMm / (lines * lineHeight) / MM_PER_PT;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** A white panel behind what sits on the map, so the map does not show through. */
function panel(painter: Painter, box: Box, hair: number, onMap: boolean): void {
  if (onMap) painter.rect(box, { fill: PANEL, fillOpacity: 0.9, stroke: PANEL_LINE, lineWidthMm: hair });
}

function labelled(label: string, value: string): string {
  if (!label) return value;
  if (/[:：]\s*$/.test(label)) return label + value;
  return /[\u2e80-\u9fff]$/.test(label) ? `${label}：${value}` : `${label}: ${value}`;
}

type Sizes = ReturnType<typeof exhibitFontSizes>;

function drawTitle(painter: Painter, page: ExhibitPage, box: Box, sizes: Sizes): void {
  const meta = [page.date && labelled(page.labels.date, page.date), page.author && labelled(page.labels.author, page.author)].filter(Boolean).join('    ');
  const rows: { text: string; size: number; bold?: boolean; color: string }[] = [{ text: page.title, size: sizes.title, bold: true, color: INK }];
  if (page.subtitle) rows.push({ text: page.subtitle, size: sizes.subtitle, color: '#333333' });
  if (meta) rows.push({ text: meta, size: sizes.meta, color: '#555555' });
  // Shrink everything together when the stack is taller than the box.
  const natural = rows.reduce((h, r) => h + r.size * MM_PER_PT * 1.35, 0);
  const k = Math.min(1, box.h / natural);
  let y = box.y;
  for (const r of rows) {
    const size = r.size * k;
    painter.text(r.text, box.x, y, { sizePt: size, bold: r.bold, color: r.color, maxWidthMm: box.w });
    y += size * MM_PER_PT * 1.35;
  }
}

function drawLegend(painter: Painter, page: ExhibitPage, box: Box, sizes: Sizes, hair: number, onMap: boolean): void {
  panel(painter, box, hair, onMap);
  const pad = Math.min(box.w, box.h) * 0.05;
  const inner = { x: box.x + pad, y: box.y + pad, w: box.w - 2 * pad, h: box.h - 2 * pad };
  const n = page.legend.length;
  // Rows 1.7 × the font size, the title 1.5 ×; more rows than fit go into more columns, and only
  // past three columns does the text shrink — never under the sheet's small-print size.
  const min = page.minTextPt;
  let rowSize = sizes.legend;
  let titleSize = sizes.legendTitle;
  const rowsFit = (size: number, title: number) => Math.max(1, Math.floor((inner.h - title * 1.5 * MM_PER_PT) / (size * 1.7 * MM_PER_PT)));
  let columns = Math.min(3, Math.max(1, Math.ceil(n / rowsFit(rowSize, titleSize))));
  if (Math.ceil(n / columns) > rowsFit(rowSize, titleSize)) {
    const k = Math.max(min / rowSize, inner.h / ((titleSize * 1.5 + Math.ceil(n / columns) * rowSize * 1.7) * MM_PER_PT));
    rowSize = Math.max(min, rowSize * k);
    titleSize = Math.max(min, titleSize * k);
    columns = Math.max(columns, Math.ceil(n / rowsFit(rowSize, titleSize)));
  }
  painter.text(page.legendTitle, inner.x, inner.y, { sizePt: titleSize, bold: true, color: INK, maxWidthMm: inner.w });
  const rowH = rowSize * 1.7 * MM_PER_PT;
  const swatchH = rowSize * MM_PER_PT * 0.9;
  const swatchW = swatchH * 2;
  const top = inner.y + titleSize * 1.5 * MM_PER_PT;
  const capacity = rowsFit(rowSize, titleSize);
  // A label too long for its column is wrapped onto two lines rather than shrunk out of legibility; its
  // row is then 1.6 rows high. One more column (up to three) when the taller rows no longer fit.
  const layoutRows = (cols: number) => {
    const room = inner.w / cols - swatchW - swatchH * 1.2;
    const lines = page.legend.map((entry) => (painter.measureText(entry.label, { sizePt: rowSize }) > room ? wrapText(painter, entry.label, room, { sizePt: rowSize }).slice(0, 2) : [entry.label]));
    const units = lines.map((l) => (l.length > 1 ? 1.6 : 1));
    return { lines, units, total: units.reduce((a, b) => a + b, 0) };
  };
  let rows = layoutRows(columns);
  while (columns < 3 && rows.total > columns * capacity) rows = layoutRows(++columns);
  const columnW = inner.w / columns;
  // Columns balanced by height: a column takes rows until it holds its share.
  const share = Math.max(Math.max(...rows.units), Math.min(capacity, rows.total / columns));
  let column = 0;
  let used = 0;
  page.legend.forEach((entry, i) => {
    const u = rows.units[i]!;
    if (used > 0 && used + u > share + 1e-9 && column < columns - 1) {
      column++;
      used = 0;
    }
    const x = inner.x + column * columnW;
    const y = top + used * rowH;
    const h = u * rowH;
    used += u;
    const sw = { x, y: y + (h - swatchH) / 2, w: swatchW, h: swatchH };
    drawSwatch(painter, entry, sw, hair);
    const labelX = sw.x + swatchW + swatchH * 0.6;
    const room = x + columnW - swatchH * 0.6 - labelX;
    const lines = rows.lines[i]!;
    const size = lines.length > 1 ? Math.max(min, rowSize * 0.9) : rowSize;
    lines.forEach((line, j) =>
      painter.text(line, labelX, y + h / 2 + (j - (lines.length - 1) / 2) * size * 1.1 * MM_PER_PT, { sizePt: size, color: INK, baseline: 'middle', maxWidthMm: room, minSizePt: min }),
    );
  });
}

/** A vector legend swatch in `box`, by symbol. */
export function drawSwatch(painter: Painter, entry: Pick<LegendEntry, 'symbol' | 'color' | 'casing' | 'band'>, box: Box, hair: number): void {
  const midY = box.y + box.h / 2;
  const lineW = Math.max(hair * 2, box.h * 0.18);
  const across: [number, number][] = [[box.x, midY], [box.x + box.w, midY]];
  // Under a line, what the map draws under it: a translucent band of its colour, or its casing.
  if (entry.symbol === 'line' || entry.symbol === 'dashed-line') {
    if (entry.band) painter.line(across, { stroke: entry.color, lineWidthMm: box.h * 0.8, strokeOpacity: 0.25, lineCap: 'butt' });
    if (entry.casing) painter.line(across, { stroke: entry.casing, lineWidthMm: lineW * 2.2, lineCap: 'butt' });
  }
  switch (entry.symbol) {
    case 'fill':
      painter.rect(box, { fill: entry.color, stroke: PANEL_LINE, lineWidthMm: hair });
      return;
    case 'line':
      painter.line([[box.x, midY], [box.x + box.w, midY]], { stroke: entry.color, lineWidthMm: lineW, lineCap: 'butt' });
      return;
    case 'dashed-line':
      painter.line([[box.x, midY], [box.x + box.w, midY]], { stroke: entry.color, lineWidthMm: lineW, dash: [box.w / 5, box.w / 10] });
      return;
    case 'circle':
      painter.circle(box.x + box.w / 2, midY, box.h * 0.38, { fill: entry.color, stroke: '#ffffff', lineWidthMm: hair });
      return;
    case 'ring':
      painter.circle(box.x + box.w / 2, midY, box.h * 0.32, { fill: '#ffffff', stroke: entry.color, lineWidthMm: Math.max(hair * 1.5, box.h * 0.12) });
      return;
    case 'zone':
      painter.rect(box, { fill: entry.color, fillOpacity: 0.1, stroke: entry.color, lineWidthMm: Math.max(hair * 1.5, box.h * 0.08), dash: [box.h * 0.35, box.h * 0.18] });
      return;
    case 'proposal': {
      const w = Math.max(hair * 2, box.h * 0.14);
      painter.rect(box, { fill: entry.color, fillOpacity: 0.08, stroke: entry.color, lineWidthMm: w, lineCap: 'round', dash: [w * 0.05, w * 2] });
      return;
    }
    case 'band': {
      const band = { x: box.x, y: box.y + box.h * 0.15, w: box.w, h: box.h * 0.7 };
      painter.rect(band, { fill: entry.color, fillOpacity: 0.3 });
      painter.line([[band.x, band.y], [band.x + band.w, band.y]], { stroke: entry.color, lineWidthMm: hair, strokeOpacity: 0.8 });
      painter.line([[band.x, band.y + band.h], [band.x + band.w, band.y + band.h]], { stroke: entry.color, lineWidthMm: hair, strokeOpacity: 0.8 });
      return;
    }
    default:
      return entry.symbol satisfies never;
  }
}

function drawScaleBar(painter: Painter, page: ExhibitPage, box: Box, sizes: Sizes, hair: number, onMap: boolean): void {
  panel(painter, box, hair, onMap);
  const bar = page.scaleBar;
  const size = Math.min(sizes.scale, fitSize(box.h, 1, 3.2));
  const em = size * MM_PER_PT;
  // Rows: "1:25,000" / the bar / "0 … 5 km".
  const pad = Math.min(box.h * 0.08, em * 0.5);
  const barH = Math.max(em * 0.55, hair * 4);
  // The bar is drawn at its true length even if it overruns the box: a shortened bar would lie.
  const barMm = bar.mm;
  const x0 = box.x + pad + painter.measureText('0', { sizePt: size }) / 2;
  const yScale = box.y + pad;
  const yBar = yScale + em * 1.3;
  painter.text(page.labels.scale, x0, yScale, { sizePt: size, color: INK, maxWidthMm: box.w - 2 * pad });
  const segments = Math.max(1, Math.round(bar.segments));
  const segW = barMm / segments;
  for (let i = 0; i < segments; i++) {
    painter.rect({ x: x0 + i * segW, y: yBar, w: segW, h: barH }, { fill: i % 2 === 0 ? INK : '#ffffff', stroke: INK, lineWidthMm: hair });
  }
  const yLabel = yBar + barH + em * 0.25;
  painter.text('0', x0, yLabel, { sizePt: size, color: INK, align: 'center' });
  painter.text(bar.label, x0 + barMm, yLabel, { sizePt: size, color: INK, align: 'center' });
}

function drawNorthArrow(painter: Painter, page: ExhibitPage, box: Box, sizes: Sizes, hair: number, onMap: boolean): void {
  panel(painter, box, hair, onMap);
  const size = Math.min(sizes.north, fitSize(box.h, 1, 3));
  const em = size * MM_PER_PT;
  const cx = box.x + box.w / 2;
  const top = box.y + box.h * 0.06;
  painter.text(page.labels.north, cx, top, { sizePt: size, bold: true, color: INK, align: 'center' });
  const tipY = top + em * 1.15;
  const baseY = box.y + box.h * 0.94;
  const halfW = Math.min(box.w * 0.3, (baseY - tipY) * 0.35);
  const notchY = baseY - (baseY - tipY) * 0.22;
  // Two halves: left black, right white with a black outline.
  painter.polygon([[[cx, tipY], [cx - halfW, baseY], [cx, notchY]]], { fill: INK, stroke: INK, lineWidthMm: hair });
  painter.polygon([[[cx, tipY], [cx + halfW, baseY], [cx, notchY]]], { fill: '#ffffff', stroke: INK, lineWidthMm: hair });
}

function drawInset(painter: Painter, page: ExhibitPage, box: Box, hair: number): void {
  painter.rect(box, { fill: '#ffffff', stroke: INK, lineWidthMm: hair * 1.5 });
  const { rings, focusRings, extent, bounds } = page.inset;
  let [w, s, e, n] = bounds ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of bounds ? [] : [...rings, ...focusRings]) {
    for (const [lon, lat] of ring) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  if (!(e > w && n > s)) [w, s, e, n] = extent;
  if (!(e > w && n > s)) return;
  // Equirectangular with x shrunk by cos(mid latitude), fitted with a margin and centred.
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const pad = Math.min(box.w, box.h) * 0.06;
  const scale = Math.min((box.w - 2 * pad) / ((e - w) * kx), (box.h - 2 * pad) / (n - s));
  const ox = box.x + (box.w - (e - w) * kx * scale) / 2;
  const oy = box.y + (box.h - (n - s) * scale) / 2;
  // Outlines beyond the inset's extent are pressed onto its edge, so nothing is drawn outside the box.
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  const project = ([lon, lat]: [number, number]): [number, number] => [ox + (clamp(lon, w, e) - w) * kx * scale, oy + (n - clamp(lat, s, n)) * scale];
  const district = { fill: defaultTheme.district, stroke: defaultTheme.districtLine, lineWidthMm: hair * 0.7 };
  // At the inset's size a district's outline needs no vertex closer than a hairline to the last one.
  const outline = (ring: [number, number][]) => {
    const out: [number, number][] = [];
    for (const p of ring.map(project)) {
      const last = out[out.length - 1];
      if (!last || Math.abs(p[0] - last[0]) >= hair || Math.abs(p[1] - last[1]) >= hair) out.push(p);
    }
    return out;
  };
  for (const ring of rings) if (ring.length > 2) painter.polygon([outline(ring)], district);
  for (const ring of focusRings) if (ring.length > 2) painter.polygon([outline(ring)], { ...district, fill: defaultTheme.districtFocus });
  const [a, b] = [project([extent[0], extent[3]]), project([extent[2], extent[1]])];
  painter.rect({ x: a[0], y: a[1], w: b[0] - a[0], h: b[1] - a[1] }, { stroke: EXTENT, lineWidthMm: hair * 2.5 });
}

function drawCredits(painter: Painter, page: ExhibitPage, box: Box, sizes: Sizes): void {
  const items = [...(page.notice ? [{ text: page.notice, bold: true }] : []), ...page.credits.map((text) => ({ text, bold: false }))];
  if (!items.length) return;
  const lineHeight = 1.35;
  // The layout made the strip as tall as these lines need; should they still overflow, shrink them,
  // but never below the sheet's small-print size.
  let size = sizes.credits;
  let lines: { text: string; bold: boolean }[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    lines = items.flatMap((item) => wrapText(painter, item.text, box.w, { sizePt: size, bold: item.bold }).map((text) => ({ text, bold: item.bold })));
    if (lines.length * size * lineHeight * MM_PER_PT <= box.h || size <= page.minTextPt) break;
    size = Math.max(page.minTextPt, size * 0.9);
  }
  let y = box.y;
  for (const line of lines) {
    painter.text(line.text, box.x, y, { sizePt: size, bold: line.bold, color: line.bold ? '#b71c1c' : '#444444', maxWidthMm: box.w, minSizePt: page.minTextPt });
    y += size * lineHeight * MM_PER_PT;
  }
}

/**
 * Places map tiles over `box` (the map image is `mapPx` pixels), in order, so a later tile covers an
 * earlier one where they overlap. Abutting tiles show hairline seams in viewers that anti-alias
 * image edges (poppler's Cairo backend: a 145-grey seam across 100-grey tiles at 150 dpi); so each
 * tile that has a neighbour to its right / below is drawn `overlapPx` larger on that side, under
 * the neighbour (measured with `pdftocairo -r 150`: 0 px → seams, 0.5 px → faint, 1 px → none).
 * Tiles rendered with real overlap (each extending ≥ 16 px into the next) need `overlapPx = 0`.
 */
export async function placeMapTiles(
  painter: Painter,
  box: Box,
  mapPx: { width: number; height: number },
  tiles: readonly (Omit<MapTile, 'image'> & { image: ImageSource })[],
  overlapPx = 1,
): Promise<void> {
  const sx = box.w / mapPx.width;
  const sy = box.h / mapPx.height;
  for (const tile of tiles) {
    const right = tile.x + tile.width < mapPx.width ? overlapPx : 0;
    const bottom = tile.y + tile.height < mapPx.height ? overlapPx : 0;
    await painter.image(tile.image, { x: box.x + tile.x * sx, y: box.y + tile.y * sy, w: (tile.width + right) * sx, h: (tile.height + bottom) * sy });
  }
}
