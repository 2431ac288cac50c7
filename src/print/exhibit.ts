/**
 * Planning exhibits (规划展板): one page (PNG or PDF) or an atlas (PDF, a page per cluster or per
 * stretch of a corridor), composed from the pure layout, the tiled map image and a painter.
 */
import { along } from '@turf/along';
import { bbox as turfBbox } from '@turf/bbox';
import { lineString } from '@turf/helpers';
import { length as turfLength } from '@turf/length';
import type { Position } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { renderPrintMap } from '../map/printMap.js';
import { IMPORTED_POINTS, overBasemap, printStyle, type Scene } from '../map/scene.js';
import type { Lang } from '../state/i18n.js';
import type { DerivedGeometry } from '../state/derive.js';
import { strings, textLang } from '../state/i18n.js';
import type { Theme } from '../state/theme.js';
import type { PublicLayerId } from '../state/layers.js';
import type { Plan } from '../types/plan.js';
import { planBounds } from '../geo/planBounds.js';
import { createCanvasPainter } from './canvasPainter.js';
import { collectTexts, loadPrintFonts, useCanvasFonts, type PrintFonts } from './fonts.js';
import { printLayout } from './layout.js';
import { legendOfDrawn } from './legend.js';
import { sheetScale, type SheetScale } from './legibility.js';
import type { Painter } from './painter.js';
import { drawExhibit, exhibitFontSizes, roughTextWidthMm, MM_PER_PT } from './painter.js';
import { pageMm, pixelSize, clampDpi } from './paper.js';
import { createPdf, placeMapTiles } from './pdfPainter.js';
import { extentForScale, scaleBar, scaleDenominator, viewForExtent, zoomForScale } from './scale.js';
import type { AtlasBy, AtlasOptions, Box, ExhibitPage, ExportOptions, PrintExtent, PrintLayout } from './types.js';
import { drawVectorMap, type MapFrame } from './vectorMap.js';

/** What an export needs from the element: the plan, what is shown, and how. */
export interface ExhibitContext {
  plan: Plan;
  derived: DerivedGeometry;
  scene: Scene;
  visible: ReadonlySet<PublicLayerId>;
  theme: Theme;
  lang: Lang;
  /** The current view: its bounds [w, s, e, n] and centre. */
  view: { bounds: [number, number, number, number]; center: [number, number] };
  /** The online basemap's style when one is configured and loaded (printed as an image under the plan); null: the offline one. */
  basemap?: StyleSpecification | null;
}

/** Default options of an export (`ExportOptions`). */
export const defaultExportOptions = {
  paper: 'A4',
  orientation: 'landscape',
  dpi: 150,
  format: 'png',
  scale: 'view',
} as const satisfies ExportOptions;

const FONT_FAMILY = 'BeltMapPrint';

/** The distinct characters a sheet of a scene may print, per language (walking a big plan's texts again for every preview would hold up typing). */
const sheetChars = new WeakMap<Scene, { plan: Plan; byLang: Map<Lang, string> }>();
/** Characters already reported as having no glyph (a preview is drawn again on every change). */
const reported = new Set<string>();

function charsOf(ctx: ExhibitContext): string {
  let memo = sheetChars.get(ctx.scene);
  if (!memo || memo.plan !== ctx.plan) sheetChars.set(ctx.scene, (memo = { plan: ctx.plan, byLang: new Map() }));
  let chars = memo.byLang.get(ctx.lang);
  if (chars === undefined) {
    const texts = collectTexts([ctx.plan, strings(ctx.lang), ctx.theme]);
    for (const source of Object.values(ctx.scene.sources)) collectTexts(source.data, texts);
    const set = new Set<string>();
    for (const text of texts) for (const c of text) set.add(c);
    memo.byLang.set(ctx.lang, (chars = [...set].join('')));
  }
  return chars;
}

/**
 * The print faces for everything a sheet of `ctx` may print — the plan's names and notices, the map's
 * labels, the interface strings of the language, the title — fetched only when a sheet is made.
 */
async function sheetFonts(ctx: ExhibitContext, title?: string): Promise<PrintFonts> {
  const fonts = await loadPrintFonts([charsOf(ctx), title ?? '']);
  const missing = fonts.missing.filter((c) => !reported.has(c));
  for (const c of missing) reported.add(c);
  if (missing.length) console.warn(`belt-map print: no glyph for ${missing.map((c) => `"${c}" U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(', ')}`);
  return fonts;
}

/** The same faces for canvas text (PNG exports, the preview). */
async function canvasFonts(ctx: ExhibitContext, title?: string): Promise<void> {
  await useCanvasFonts(await sheetFonts(ctx, title), FONT_FAMILY);
}

interface PagePlan {
  layout: PrintLayout;
  page: ExhibitPage;
  center: [number, number];
  zoom: number;
  /** The printed extent [w, s, e, n]. */
  extent: [number, number, number, number];
  /** The map frame as the vector map draws it (magnified zoom and style px in mm). */
  frame: MapFrame;
  sheet: SheetScale;
}

/** Works out one page: layout, camera, scale bar, legend of what lies in the printed extent. */
function planPage(ctx: ExhibitContext, o: Required<Pick<ExportOptions, 'paper' | 'orientation' | 'dpi'>> & ExportOptions, target: { bounds?: [number, number, number, number]; center?: [number, number]; scale?: number }): PagePlan {
  const t = strings(ctx.lang);
  const sheet = sheetScale(o.paper);
  const manifest = ctx.plan.manifest;
  const en = textLang(ctx.lang) === 'en';
  const credits = manifest.attribution.map((a) => `${en ? a.what.en : a.what.zh}: ${a.text} (${a.licence})`);
  const notice = manifest.sample ? (en ? manifest.notice.en : manifest.notice.zh) : undefined;
  // The credits strip is as tall as the credits need at their size (never shrunk below the small-print size).
  const creditsPt = exhibitFontSizes(pageMm(o.paper, o.orientation), sheet.minTextPt).credits;
  const creditsHeight = (widthMm: number) =>
    [...(notice ? [notice] : []), ...credits].reduce((lines, text) => lines + Math.max(1, Math.ceil(roughTextWidthMm(text, creditsPt) / widthMm)), 0) * creditsPt * 1.35 * MM_PER_PT;
  const layout = printLayout(o.paper, o.orientation, { creditsHeight });
  const mapMm = { w: layout.map.w, h: layout.map.h };
  let center: [number, number];
  let zoom: number;
  if (target.scale !== undefined) {
    center = target.center ?? ctx.view.center;
    zoom = zoomForScale(target.scale, center[1]);
  } else {
    ({ center, zoom } = viewForExtent(target.bounds ?? ctx.view.bounds, mapMm));
  }
  const denominator = scaleDenominator(center[1], zoom);
  const extent = extentForScale(center, denominator, mapMm);
  const districts = ctx.plan.districts.features;
  const focusCodes = new Set(manifest.focusDistricts);
  const rings = (focus: boolean) =>
    districts
      .filter((d) => focusCodes.has(d.properties.adcode) === focus)
      .flatMap((d) => (d.geometry.type === 'Polygon' ? [d.geometry.coordinates[0]!] : d.geometry.coordinates.map((p) => p[0]!)))
      .map((ring) => ring.map((p) => [p[0]!, p[1]!] as [number, number]));
  const page: ExhibitPage = {
    layout,
    mapPx: { width: pixelSize(layout.map.w, o.dpi), height: pixelSize(layout.map.h, o.dpi) },
    dpi: o.dpi,
    title: o.title ?? (textLang(ctx.lang) === 'en' ? manifest.name.en : manifest.name.zh),
    ...(o.subtitle ? { subtitle: o.subtitle } : {}),
    date: o.date ?? new Date().toISOString().slice(0, 10),
    ...(o.author ? { author: o.author } : {}),
    ...(o.approval ? { approval: o.approval } : {}),
    legendTitle: t.legend,
    // Filled in from what the map frame draws (drawPage).
    legend: [],
    scaleBar: scaleBar(denominator, layout.scaleBar.w * 0.8),
    // The inset locates the print within the package's inset extent (default: its districts' extent).
    inset: { rings: rings(false), focusRings: rings(true), bounds: insetBounds(ctx.plan), extent: clip(extent, insetBounds(ctx.plan)) },
    credits,
    ...(notice ? { notice } : {}),
    minTextPt: sheet.minTextPt,
    labels: { ...t.print, scale: `1:${Math.round(denominator).toLocaleString('en')}` },
  };
  // Style px are magnified on larger sheets; the style's zoom drops by as much, so the extent is the same.
  const frame: MapFrame = { box: layout.map, center, zoom: zoom - Math.log2(sheet.magnification), mmPerPx: sheet.mmPerPx };
  return { layout, page, center, zoom, extent, frame, sheet };
}

/** Style layers the print leaves out: the selected village's ring (a selection is the screen's, not the plan's). */
const NOT_PRINTED = new Set(['villages-selected']);

/**
 * Draws one page: the online basemap's image when one is configured, the plan's layers as vectors over
 * it, then the sheet around the map with the legend of what the map drew.
 */
async function drawPage(painter: Painter, ctx: ExhibitContext, p: PagePlan, o: ExportOptions, progress: (f: number) => void): Promise<void> {
  const base = ctx.basemap ?? null;
  const style = printStyle(ctx.scene);
  const plan = base ? { ...style, layers: overBasemap(style.layers) } : style;
  await drawExhibit(painter, p.page, async (pt, box) => {
    if (base) {
      await renderPrintMap({
        style: base,
        center: p.center,
        zoom: p.frame.zoom,
        width: p.page.mapPx.width,
        height: p.page.mapPx.height,
        // The basemap's labels magnified as the plan's are.
        dpi: p.page.dpi * p.sheet.magnification,
        ...(o.signal ? { signal: o.signal } : {}),
        onProgress: (f) => progress(f * 0.9),
        onTile: (tile) => placeMapTiles(pt, box, p.page.mapPx, [tile]),
      });
    }
    throwIfAborted(o.signal);
    const extra = ctx.scene.imported ? { positions: ctx.scene.imported, ...IMPORTED_POINTS } : null;
    const drawn = await drawVectorMap(pt, plan, p.frame, { skip: (id) => NOT_PRINTED.has(id), extra });
    progress(0.95);
    return legendOfDrawn(ctx.plan, ctx.derived, ctx.visible, ctx.theme, ctx.lang, drawn);
  });
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
}

/**
 * One exhibit page as PNG or PDF. Output pixel size = paper mm ÷ 25.4 × dpi; the map is rendered in
 * tiles (each released once placed), so an A0 at 300 dpi stays within GPU limits.
 */
export async function exportExhibit(ctx: ExhibitContext, options: ExportOptions = {}): Promise<Blob> {
  const o = { ...defaultExportOptions, ...options, dpi: clampDpi(options.dpi ?? defaultExportOptions.dpi) };
  const progress = (f: number) => o.onProgress?.(Math.max(0, Math.min(1, f)));
  const p = planPage(ctx, o, pageTarget(ctx, o));
  throwIfAborted(o.signal);
  progress(0);
  if (o.format === 'pdf') {
    const pdf = createPdf(p.layout.page, await sheetFonts(ctx, o.title));
    await drawPage(pdf.painter, ctx, p, o, progress);
    progress(1);
    return pdf.save();
  }
  await canvasFonts(ctx, o.title);
  const width = pixelSize(p.layout.page.widthMm, o.dpi);
  const height = pixelSize(p.layout.page.heightMm, o.dpi);
  const canvas = new OffscreenCanvas(width, height);
  // Rasterised on the CPU: the sheet is drawn in many small strokes and then read back whole for the PNG.
  const ctx2d = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx2d.fillStyle = '#ffffff';
  ctx2d.fillRect(0, 0, width, height);
  const painter = createCanvasPainter(ctx2d, o.dpi / 25.4, FONT_FAMILY);
  await drawPage(painter, ctx, p, o, progress);
  throwIfAborted(o.signal);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  progress(1);
  return blob;
}

/** What a single page frames: the view, or a fixed scale around `center` (default the view's). */
function pageTarget(ctx: ExhibitContext, o: ExportOptions): { scale?: number; center?: [number, number] } {
  return o.scale === undefined || o.scale === 'view' ? {} : { scale: o.scale, center: o.center ?? ctx.view.center };
}

/**
 * Where a page with `options` prints: its extent, centre and scale (for the printed-extent frame on the
 * map and the dialog's preview).
 */
export function printExtent(ctx: ExhibitContext, options: ExportOptions = {}): PrintExtent {
  const o = { ...defaultExportOptions, ...options, dpi: clampDpi(options.dpi ?? defaultExportOptions.dpi) };
  const p = planPage(ctx, o, pageTarget(ctx, o));
  return { bounds: p.extent, center: p.center, scale: p.page.scaleBar.scaleDenominator };
}

/**
 * Draws the whole sheet `options` would print (layout, map, legend, scale bar) into `canvas`,
 * `canvas.width` px wide (its height is set from the paper's proportions): the print dialog's preview.
 */
export async function drawPreview(ctx: ExhibitContext, options: ExportOptions, canvas: HTMLCanvasElement | OffscreenCanvas): Promise<void> {
  const o = { ...defaultExportOptions, ...options, dpi: 72 };
  const p = planPage(ctx, o, pageTarget(ctx, o));
  await canvasFonts(ctx, o.title);
  const pxPerMm = canvas.width / p.layout.page.widthMm;
  canvas.height = Math.round(p.layout.page.heightMm * pxPerMm);
  // A small canvas drawn in many small strokes: rasterised on the CPU (willReadFrequently), not
  // uploaded to the GPU in thousands of draw calls.
  const ctx2d = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx2d) throw new Error('No 2D canvas for the print preview');
  ctx2d.fillStyle = '#ffffff';
  ctx2d.fillRect(0, 0, canvas.width, canvas.height);
  const painter = createCanvasPainter(ctx2d as OffscreenCanvasRenderingContext2D, pxPerMm, FONT_FAMILY);
  // The preview has no basemap image (it would take seconds); the plan's layers are as printed.
  await drawPage(painter, { ...ctx, basemap: null }, p, o, () => {});
}

/** The lines an atlas by corridor can follow: id and name in the page's language. */
export function atlasCorridors(ctx: ExhibitContext): { id: string; name: string }[] {
  const en = textLang(ctx.lang) === 'en';
  return [...ctx.plan.corridors.features, ...ctx.plan.cultureBelts.features].map((f) => ({ id: f.properties.id, name: en ? f.properties.name_en : f.properties.name }));
}

/** One page per cluster, town or stretch of a corridor, at a common scale, after a cover/index page. */
export async function exportAtlas(ctx: ExhibitContext, options: AtlasOptions): Promise<Blob> {
  const o = { ...defaultExportOptions, ...options, format: 'pdf' as const, dpi: clampDpi(options.dpi ?? defaultExportOptions.dpi) };
  const t = strings(ctx.lang);
  const layout = printLayout(o.paper, o.orientation);
  const mapMm = { w: layout.map.w, h: layout.map.h };
  const targets = atlasTargets(ctx, o.by, o.corridor, mapMm);
  if (targets.length === 0) throw new Error(o.by === 'cluster' ? 'The plan has no cluster with a located village' : o.by === 'town' ? 'The plan has no town with a located village' : 'No corridor to print');
  // The common scale: the smallest map scale (largest denominator) at which every page's extent fits.
  const scale = o.scale !== 'view' ? o.scale : Math.max(...targets.map((x) => roundScale(scaleDenominator(x.center[1], viewForExtent(x.bounds, mapMm).zoom))));
  const pdf = createPdf(layout.page, await sheetFonts(ctx, o.title));
  // Cover / index page.
  const cover = planPage(ctx, o, { bounds: unionBounds(targets.map((x) => x.bounds)) });
  cover.page.title = o.title ?? `${cover.page.title} · ${o.by === 'cluster' ? t.atlasByCluster : o.by === 'town' ? t.sheet.atlasByTown : t.atlasByCorridor}`;
  cover.page.subtitle = `1:${scale.toLocaleString('en')} · ${t.atlasPage(1, targets.length + 1)}`;
  cover.page.index = { title: t.atlasIndex, lines: targets.map((x, i) => `${i + 2}  ${x.name}`) };
  await drawPage(pdf.painter, ctx, cover, o, () => {});
  for (const [i, x] of targets.entries()) {
    throwIfAborted(o.signal);
    pdf.addPage();
    const p = planPage(ctx, o, { center: x.center, scale });
    p.page.title = x.name;
    p.page.subtitle = `${o.title ?? (textLang(ctx.lang) === 'en' ? ctx.plan.manifest.name.en : ctx.plan.manifest.name.zh)} · ${t.atlasPage(i + 2, targets.length + 1)}`;
    await drawPage(pdf.painter, ctx, p, o, (f) => o.onProgress?.((i + f) / targets.length));
  }
  o.onProgress?.(1);
  return pdf.save();
}

interface AtlasTarget {
  name: string;
  bounds: [number, number, number, number];
  center: [number, number];
}

function atlasTargets(ctx: ExhibitContext, by: AtlasBy, corridorId: string | undefined, mapMm: { w: number; h: number }): AtlasTarget[] {
  const en = textLang(ctx.lang) === 'en';
  if (by === 'town') {
    // Towns in the register's order of first appearance, framed on their located villages.
    const towns = new Map<string, { name: string; points: Position[] }>();
    for (const v of ctx.plan.villages.features) {
      if (!v.geometry || !v.properties.town) continue;
      const key = v.properties.town_code || v.properties.town;
      let t = towns.get(key);
      if (!t) towns.set(key, (t = { name: en ? (v.properties.town_en ?? v.properties.town) : v.properties.town, points: [] }));
      t.points.push(v.geometry.coordinates);
    }
    return [...towns.values()].map(({ name, points }) => {
      const lons = points.map((p) => p[0]!);
      const lats = points.map((p) => p[1]!);
      const [w, s, e, n] = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
      // A lone village still gets a frame of about 2 km.
      const padX = Math.max((e - w) * 0.15, 0.012);
      const padY = Math.max((n - s) * 0.15, 0.009);
      return { name, bounds: [w - padX, s - padY, e + padX, n + padY], center: [(w + e) / 2, (s + n) / 2] };
    });
  }
  if (by === 'cluster') {
    return ctx.derived.clusterAreas.features.map((f) => {
      const [w, s, e, n] = turfBbox(f) as [number, number, number, number];
      const padX = (e - w) * 0.15;
      const padY = (n - s) * 0.15;
      return { name: en ? f.properties.name_en : f.properties.name, bounds: [w - padX, s - padY, e + padX, n + padY], center: [(w + e) / 2, (s + n) / 2] };
    });
  }
  const lines = [...ctx.plan.corridors.features, ...ctx.plan.cultureBelts.features].filter((f) => !corridorId || f.properties.id === corridorId);
  return lines.flatMap((line) => {
    // Stretches as long as 80 % of the frame's width at 1:50,000 (km), centred along the line.
    const stretchKm = (mapMm.w * 0.8 * 50_000) / 1e6;
    const total = turfLength(line, { units: 'kilometers' });
    const count = Math.max(1, Math.ceil(total / stretchKm));
    // A MultiLineString's parts are walked in order, as one path.
    const path = lineString(line.geometry.type === 'LineString' ? line.geometry.coordinates : line.geometry.coordinates.flat());
    return Array.from({ length: count }, (_, k) => {
      const from = along(path, k * stretchKm, { units: 'kilometers' }).geometry.coordinates as Position;
      const to = along(path, Math.min(total, (k + 1) * stretchKm), { units: 'kilometers' }).geometry.coordinates as Position;
      const bounds: [number, number, number, number] = [Math.min(from[0]!, to[0]!), Math.min(from[1]!, to[1]!), Math.max(from[0]!, to[0]!), Math.max(from[1]!, to[1]!)];
      const name = `${en ? line.properties.name_en : line.properties.name} ${k + 1}/${count}`;
      return { name, bounds, center: [(from[0]! + to[0]!) / 2, (from[1]! + to[1]!) / 2] as [number, number] };
    });
  });
}

/** Rounds a scale denominator up to a tidy value (1, 2, 2.5, 5 × 10^k), so every page fits. */
function roundScale(d: number): number {
  const k = 10 ** Math.floor(Math.log10(d));
  return ([1, 2, 2.5, 5, 10].map((m) => m * k).find((v) => v >= d) ?? 10 * k);
}

/** The inset's extent: the package's, else its districts', else the whole plan's first view. */
function insetBounds(plan: Plan): [number, number, number, number] {
  return plan.manifest.inset?.bounds ?? planBounds(plan.districts) ?? plan.manifest.views[0]!.bounds;
}

function clip(a: [number, number, number, number], b: [number, number, number, number]): [number, number, number, number] {
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}

function unionBounds(all: [number, number, number, number][]): [number, number, number, number] {
  return [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
}
