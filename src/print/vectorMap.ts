/**
 * The print's map as vectors: the scene's own MapLibre style (the one the screen draws) evaluated
 * feature by feature with MapLibre's style-spec (filters, data-driven paint, zoom functions) and drawn
 * through a {@link Painter} in page millimetres — fills and lines as paths, circles as circles, labels
 * as real text with halos. The same drawing makes the PDF (vector, editable), the PNG (the canvas
 * painter) and the dialog's preview. Pure but for the painter: no DOM, no MapLibre map.
 *
 * Labels are placed as a map engine does, more simply: symbol layers from the top down (a higher layer
 * wins), within a layer by `symbol-sort-key`; a label that overlaps one already placed, or does not fit
 * inside the frame, is left out. Each point feature is labelled once, an area once at its pole of
 * inaccessibility ({@link labelPoint}), a line along its longest visible stretch (`line`: every
 * `symbol-spacing`; `line-center`: once) — never once per tile.
 */
import { featureFilter, latest, normalizePropertyExpression, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { labelPoint } from '../geo/labelPoint.js';
import { MM_PER_PT, type Painter, type ShapeStyle } from './painter.js';
import type { Box } from './types.js';

/** Where and how big the map is drawn on the page. */
export interface MapFrame {
  /** The map frame on the page, mm. */
  box: Box;
  /** Centre of the frame [lon, lat]. */
  center: [number, number];
  /** The zoom the style is evaluated at (its zoom functions, minzoom / maxzoom). */
  zoom: number;
  /** Millimetres on paper per style pixel (line widths, radii, text sizes are style pixels). */
  mmPerPx: number;
}

/** Points drawn besides the style's layers (the screen draws them with deck.gl): a large imported village set. */
export interface ExtraPoints {
  /** lon, lat pairs. */
  positions: Float32Array;
  color: string;
  /** Style px. */
  radius: number;
}

/** What the map frame shows: per style layer, the features it drew there (and the labels placed). */
export type DrawnFeatures = Map<string, Feature[]>;

/** Distance below which consecutive vertices are merged, mm (far below what a print shows). */
const SIMPLIFY_MM = 0.05;
/**
 * Geometry is cut this far outside the frame (mm): wider than any stroke, so the cut edges lie under
 * the frame's clip and never show, while a sheet of a small area does not carry whole districts.
 */
const CUT_MARGIN_MM = 20;
/** How much room a label keeps from its neighbours, mm. */
const LABEL_PADDING_MM = 0.4;

type Pt = [number, number];
interface Projected {
  feature: Feature;
  /** Parts in page mm: rings (polygons: ring lists), lines, or single points. */
  polygons: Pt[][][];
  lines: Pt[][];
  points: Pt[];
  bbox: [number, number, number, number];
}

/** An evaluator of one property of a layer: constant or per feature. */
type Evaluate = (feature: EvalFeature) => unknown;
interface EvalFeature {
  type: string;
  properties: Record<string, unknown>;
  id?: string | number;
}

/**
 * Draws `style`'s layers (sources must hold GeoJSON objects) into `frame.box` through `painter`,
 * clipped to the frame, and returns what each layer drew there.
 *
 * @param painter - a PDF or canvas painter
 * @param style - the print style (printStyle(scene))
 * @param frame - where and at what zoom ({@link MapFrame})
 * @param options - `skip(layerId)`: layers not to draw (e.g. the basemap layers under an online basemap's image); `extra`: imported points
 * @returns per style-layer id, the features drawn in the frame (symbol layers: those whose label was placed)
 */
export async function drawVectorMap(
  painter: Painter,
  style: StyleSpecification,
  frame: MapFrame,
  options: { skip?: (layerId: string) => boolean; extra?: ExtraPoints | null; extraLayerId?: string } = {},
): Promise<DrawnFeatures> {
  const drawn: DrawnFeatures = new Map();
  const project = projector(frame);
  const cut: Box = { x: frame.box.x - CUT_MARGIN_MM, y: frame.box.y - CUT_MARGIN_MM, w: frame.box.w + 2 * CUT_MARGIN_MM, h: frame.box.h + 2 * CUT_MARGIN_MM };
  const cache = new Map<string, Projected[]>();
  const projected = (sourceId: string): Projected[] => {
    let list = cache.get(sourceId);
    if (!list) {
      const source = style.sources[sourceId];
      const data = source && source.type === 'geojson' && typeof source.data === 'object' ? (source.data as FeatureCollection | Feature) : null;
      const features = !data ? [] : data.type === 'FeatureCollection' ? data.features : data.type === 'Feature' ? [data] : [];
      list = features.flatMap((f) => (f.geometry ? [projectFeature(f, project, cut)] : []));
      cache.set(sourceId, list);
    }
    return list;
  };
  const box = frame.box;
  const inFrame = (b: [number, number, number, number], margin = 0) => b[0] <= box.x + box.w + margin && b[2] >= box.x - margin && b[1] <= box.y + box.h + margin && b[3] >= box.y - margin;

  const layers = style.layers.filter((l) => !options.skip?.(l.id) && (l.layout as { visibility?: string } | undefined)?.visibility !== 'none' && inZoom(l, frame.zoom));
  const labels = placeLabels(painter, layers, projected, frame, inFrame);
  const extraAt = options.extraLayerId ? layers.findIndex((l) => l.id === options.extraLayerId) : -1;

  await painter.clip(box, () => {
    layers.forEach((layer, index) => {
      if (layer.type === 'background') {
        const color = evaluator(layer, 'paint', 'background-color')({ type: 'Unknown', properties: {} });
        painter.rect(box, { fill: colour(color) });
        return;
      }
      if (layer.type === 'symbol') {
        const placed = labels.get(layer.id) ?? [];
        for (const label of placed) drawLabel(painter, label);
        if (placed.length) drawn.set(layer.id, placed.map((l) => l.feature));
        return;
      }
      if (!('source' in layer) || typeof layer.source !== 'string') return;
      const filter = compileFilter(layer);
      const features = projected(layer.source).filter((p) => inFrame(p.bbox, 2) && filter(evalFeature(p.feature)));
      if (features.length === 0) return;
      const shown: Feature[] = [];
      if (layer.type === 'fill') for (const p of features) drawFill(painter, layer, p) && shown.push(p.feature);
      else if (layer.type === 'line') for (const p of features) drawLine(painter, layer, p, frame) && shown.push(p.feature);
      else if (layer.type === 'circle') for (const p of features) drawCircles(painter, layer, p, frame) && shown.push(p.feature);
      if (shown.length) drawn.set(layer.id, shown);
      if (index === extraAt) drawExtra(painter, options.extra, project, frame, drawn);
    });
    if (extraAt < 0) drawExtra(painter, options.extra, project, frame, drawn);
  });
  return drawn;
}

/** The imported points inside the frame, as small circles; recorded under `imported`. */
function drawExtra(painter: Painter, extra: ExtraPoints | null | undefined, project: (p: Position) => Pt, frame: MapFrame, drawn: DrawnFeatures): void {
  if (!extra || drawn.has('imported')) return;
  const r = extra.radius * frame.mmPerPx;
  const box = frame.box;
  let count = 0;
  for (let i = 0; i + 1 < extra.positions.length; i += 2) {
    const [x, y] = project([extra.positions[i]!, extra.positions[i + 1]!]);
    if (x < box.x - r || x > box.x + box.w + r || y < box.y - r || y > box.y + box.h + r) continue;
    painter.circle(x, y, r, { fill: extra.color });
    count++;
  }
  if (count) drawn.set('imported', [{ type: 'Feature', properties: { count }, geometry: null as unknown as Geometry }]);
}

/** lon/lat → page mm of the frame (Web Mercator, as the screen). */
export function projector(frame: MapFrame): (p: Position) => Pt {
  const ws = 512 * 2 ** frame.zoom;
  const [cx, cy] = mercator(frame.center, ws);
  const ox = frame.box.x + frame.box.w / 2;
  const oy = frame.box.y + frame.box.h / 2;
  const k = frame.mmPerPx;
  return (p) => {
    const [x, y] = mercator(p, ws);
    return [ox + (x - cx) * k, oy + (y - cy) * k];
  };
}

function mercator(p: Position | readonly [number, number], ws: number): Pt {
  const lat = Math.max(-85.051129, Math.min(85.051129, p[1]!));
  const phi = (lat * Math.PI) / 180;
  return [((p[0]! + 180) / 360) * ws, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * ws];
}

function projectFeature(feature: Feature, project: (p: Position) => Pt, cut: Box): Projected {
  const out: Projected = { feature, polygons: [], lines: [], points: [], bbox: [Infinity, Infinity, -Infinity, -Infinity] };
  const line = (coords: Position[]): Pt[] => {
    const pts: Pt[] = [];
    for (const c of coords) {
      const p = project(c);
      const last = pts[pts.length - 1];
      if (last && Math.abs(p[0] - last[0]) < SIMPLIFY_MM && Math.abs(p[1] - last[1]) < SIMPLIFY_MM) continue;
      pts.push(p);
      grow(out.bbox, p);
    }
    // Keep a line's true end.
    if (coords.length > 1) {
      const end = project(coords[coords.length - 1]!);
      const last = pts[pts.length - 1]!;
      if (last[0] !== end[0] || last[1] !== end[1]) pts.push(end);
    }
    return pts;
  };
  const visit = (g: Geometry) => {
    switch (g.type) {
      case 'Point':
        out.points.push(project(g.coordinates));
        grow(out.bbox, out.points[out.points.length - 1]!);
        return;
      case 'MultiPoint':
        for (const c of g.coordinates) {
          out.points.push(project(c));
          grow(out.bbox, out.points[out.points.length - 1]!);
        }
        return;
      case 'LineString':
        out.lines.push(...clipLine(line(g.coordinates), cut));
        return;
      case 'MultiLineString':
        for (const l of g.coordinates) out.lines.push(...clipLine(line(l), cut));
        return;
      case 'Polygon':
        out.polygons.push(clipPolygon(g.coordinates.map(line), cut));
        return;
      case 'MultiPolygon':
        for (const poly of g.coordinates) out.polygons.push(clipPolygon(poly.map(line), cut));
        return;
      case 'GeometryCollection':
        for (const child of g.geometries) visit(child);
        return;
    }
  };
  visit(feature.geometry);
  return out;
}

/** A polygon's rings cut to `box` (Sutherland–Hodgman per ring; rings left empty are dropped). */
function clipPolygon(rings: Pt[][], box: Box): Pt[][] {
  return rings.map((r) => clipRing(r, box)).filter((r) => r.length >= 3);
}

/**
 * A ring cut to a rectangle (Sutherland–Hodgman). Where the ring runs outside, the result runs along
 * the rectangle's edge: with the rectangle beyond the frame those edges are never seen.
 */
export function clipRing(ring: Pt[], box: Box): Pt[] {
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= box.x, (a, b) => at(a, b, (box.x - a[0]) / (b[0] - a[0]))],
    [(p) => p[0] <= box.x + box.w, (a, b) => at(a, b, (box.x + box.w - a[0]) / (b[0] - a[0]))],
    [(p) => p[1] >= box.y, (a, b) => at(a, b, (box.y - a[1]) / (b[1] - a[1]))],
    [(p) => p[1] <= box.y + box.h, (a, b) => at(a, b, (box.y + box.h - a[1]) / (b[1] - a[1]))],
  ];
  let out = ring;
  for (const [inside, cross] of edges) {
    if (out.length === 0) break;
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
  }
  return out;
}

function at(a: Pt, b: Pt, t: number): Pt {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

function grow(b: [number, number, number, number], [x, y]: Pt): void {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (x > b[2]) b[2] = x;
  if (y > b[3]) b[3] = y;
}

function inZoom(layer: LayerSpecification, zoom: number): boolean {
  return (layer.minzoom === undefined || zoom >= layer.minzoom) && (layer.maxzoom === undefined || zoom < layer.maxzoom);
}

function evalFeature(f: Feature): EvalFeature {
  return { type: f.geometry?.type ?? 'Unknown', properties: (f.properties ?? {}) as Record<string, unknown>, ...(f.id !== undefined ? { id: f.id } : {}) };
}

const filterMemo = new WeakMap<LayerSpecification, (f: EvalFeature) => boolean>();
function compileFilter(layer: LayerSpecification): (f: EvalFeature) => boolean {
  let fn = filterMemo.get(layer);
  if (!fn) {
    const filter = 'filter' in layer ? layer.filter : undefined;
    const compiled = featureFilter(filter, `layers.${layer.id}.filter`);
    fn = (f) => compiled.filter({ zoom: currentZoom }, f as never);
    filterMemo.set(layer, fn);
  }
  return fn;
}

/** The zoom expressions are evaluated at (set per drawing; evaluation is synchronous). */
let currentZoom = 0;

const evaluatorMemo = new WeakMap<LayerSpecification, Map<string, Evaluate>>();
/** The evaluator of a paint or layout property of `layer`, with the spec's default. */
function evaluator(layer: LayerSpecification, kind: 'paint' | 'layout', name: string): Evaluate {
  let memo = evaluatorMemo.get(layer);
  if (!memo) evaluatorMemo.set(layer, (memo = new Map()));
  const key = `${kind}:${name}`;
  let fn = memo.get(key);
  if (!fn) {
    const spec = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`${kind}_${layer.type}`]?.[name];
    const value = (layer[kind] as Record<string, unknown> | undefined)?.[name];
    if (!spec) fn = () => value;
    else {
      const expr = normalizePropertyExpression((value ?? spec.default) as never, `layers.${layer.id}.${kind}.${name}`, spec);
      fn = (f) => expr.evaluate({ zoom: currentZoom } as never, f as never);
    }
    memo.set(key, fn);
  }
  return fn;
}

/** A style-spec colour (or CSS string) → a CSS colour a painter takes. */
function colour(value: unknown): string {
  if (value && typeof value === 'object' && 'toString' in value) return String(value);
  return typeof value === 'string' ? value : '#000000';
}
function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function drawFill(painter: Painter, layer: LayerSpecification, p: Projected): boolean {
  if (p.polygons.length === 0) return false;
  const f = evalFeature(p.feature);
  const opacity = num(evaluator(layer, 'paint', 'fill-opacity')(f), 1);
  if (opacity <= 0) return false;
  const style: ShapeStyle = { fill: colour(evaluator(layer, 'paint', 'fill-color')(f)), fillOpacity: opacity };
  // All parts in one path: where parts of one feature meet, a translucent fill does not darken.
  const rings = p.polygons.flat().filter((r) => r.length >= 3);
  if (rings.length === 0) return false;
  painter.polygon(rings, style);
  return true;
}

function drawLine(painter: Painter, layer: LayerSpecification, p: Projected, frame: MapFrame): boolean {
  const parts = p.lines.length ? p.lines : p.polygons.flat();
  if (parts.length === 0) return false;
  const f = evalFeature(p.feature);
  const widthPx = num(evaluator(layer, 'paint', 'line-width')(f), 1);
  const opacity = num(evaluator(layer, 'paint', 'line-opacity')(f), 1);
  if (widthPx <= 0 || opacity <= 0) return false;
  const widthMm = widthPx * frame.mmPerPx;
  const dash = evaluator(layer, 'paint', 'line-dasharray')(f);
  const cap = evaluator(layer, 'layout', 'line-cap')(f) as ShapeStyle['lineCap'];
  const join = evaluator(layer, 'layout', 'line-join')(f) as string;
  const style: ShapeStyle = {
    stroke: colour(evaluator(layer, 'paint', 'line-color')(f)),
    lineWidthMm: widthMm,
    strokeOpacity: opacity,
    lineCap: cap ?? 'butt',
    lineJoin: join === 'round' ? 'round' : join === 'bevel' ? 'bevel' : 'miter',
    // MapLibre's dashes are in line widths.
    ...(Array.isArray(dash) && dash.length ? { dash: (dash as number[]).map((d) => d * widthMm) } : {}),
  };
  for (const part of parts) if (part.length >= 2) painter.line(part, style);
  return true;
}

function drawCircles(painter: Painter, layer: LayerSpecification, p: Projected, frame: MapFrame): boolean {
  if (p.points.length === 0) return false;
  const f = evalFeature(p.feature);
  const k = frame.mmPerPx;
  const r = num(evaluator(layer, 'paint', 'circle-radius')(f), 5) * k;
  const sw = num(evaluator(layer, 'paint', 'circle-stroke-width')(f), 0) * k;
  const fill = paintOf(colour(evaluator(layer, 'paint', 'circle-color')(f)), num(evaluator(layer, 'paint', 'circle-opacity')(f), 1));
  const stroke = paintOf(colour(evaluator(layer, 'paint', 'circle-stroke-color')(f)), num(evaluator(layer, 'paint', 'circle-stroke-opacity')(f), 1));
  let any = false;
  for (const [x, y] of p.points) {
    const b = frame.box;
    if (x < b.x - r - sw || x > b.x + b.w + r + sw || y < b.y - r - sw || y > b.y + b.h + r + sw) continue;
    // MapLibre's stroke lies outside the radius.
    if (fill) painter.circle(x, y, r, { fill: fill.color, fillOpacity: fill.opacity });
    if (stroke && sw > 0) painter.circle(x, y, r + sw / 2, { stroke: stroke.color, strokeOpacity: stroke.opacity, lineWidthMm: sw });
    any = true;
  }
  return any;
}

/** A colour and opacity to paint with, or null when nothing would show. */
function paintOf(color: string, opacity: number): { color: string; opacity: number } | null {
  if (opacity <= 0 || /^rgba\([^)]*,\s*0\s*\)$/.test(color.replace(/\s+/g, ' '))) return null;
  return { color, opacity };
}

interface Label {
  feature: Feature;
  text: string;
  x: number;
  y: number;
  angle: number;
  sizePt: number;
  align: 'left' | 'center' | 'right';
  baseline: 'top' | 'middle' | 'bottom';
  color: string;
  halo: { color: string; widthMm: number } | null;
}

const ANCHOR: Record<string, [Label['align'], Label['baseline']]> = {
  center: ['center', 'middle'], top: ['center', 'top'], bottom: ['center', 'bottom'], left: ['left', 'middle'], right: ['right', 'middle'],
  'top-left': ['left', 'top'], 'top-right': ['right', 'top'], 'bottom-left': ['left', 'bottom'], 'bottom-right': ['right', 'bottom'],
};

/** Chooses the labels of every symbol layer (top layer first) and where they go. */
function placeLabels(
  painter: Painter,
  layers: LayerSpecification[],
  projected: (source: string) => Projected[],
  frame: MapFrame,
  inFrame: (b: [number, number, number, number], margin?: number) => boolean,
): Map<string, Label[]> {
  currentZoom = frame.zoom;
  const placedBoxes: [number, number, number, number][] = [];
  const result = new Map<string, Label[]>();
  const box = frame.box;
  const k = frame.mmPerPx;
  for (const layer of [...layers].reverse()) {
    if (layer.type !== 'symbol' || typeof layer.source !== 'string') continue;
    const filter = compileFilter(layer);
    const get = (name: string, kind: 'paint' | 'layout' = 'layout') => evaluator(layer, kind, name);
    const candidates = projected(layer.source)
      .filter((p) => inFrame(p.bbox, 50) && filter(evalFeature(p.feature)))
      .map((p) => ({ p, f: evalFeature(p.feature), key: num(get('symbol-sort-key')(evalFeature(p.feature)), 0) }))
      .sort((a, b) => a.key - b.key);
    const placement = String(get('symbol-placement')({ type: 'Unknown', properties: {} }) ?? 'point');
    const overlap = get('text-allow-overlap')({ type: 'Unknown', properties: {} }) === true;
    const labels: Label[] = [];
    for (const { p, f } of candidates) {
      const text = String(get('text-field')(f) ?? '').trim();
      if (!text) continue;
      const sizePx = num(get('text-size')(f), 16);
      const sizePt = (sizePx * k) / MM_PER_PT;
      const emMm = sizePx * k;
      const haloW = num(get('text-halo-width', 'paint')(f), 0) * k;
      const common = {
        feature: p.feature,
        text,
        sizePt,
        color: colour(get('text-color', 'paint')(f)),
        halo: haloW > 0 ? { color: colour(get('text-halo-color', 'paint')(f)), widthMm: haloW } : null,
      };
      const width = painter.measureText(text, { sizePt });
      const anchors: { x: number; y: number; angle: number; align: Label['align']; baseline: Label['baseline'] }[] = [];
      if (placement === 'point') {
        const [align, baseline] = ANCHOR[String(get('text-anchor')(f) ?? 'center')] ?? ANCHOR.center!;
        const offset = get('text-offset')(f);
        const [ox, oy] = Array.isArray(offset) ? (offset as number[]) : [0, 0];
        const at = pointAnchor(p, frame);
        if (at) anchors.push({ x: at[0] + (ox ?? 0) * emMm, y: at[1] + (oy ?? 0) * emMm, angle: 0, align, baseline });
      } else {
        const spacing = placement === 'line' ? num(get('symbol-spacing')(f), 250) * k : Infinity;
        for (const a of lineAnchors(p, box, width, spacing)) anchors.push({ ...a, align: 'center', baseline: 'middle' });
      }
      for (const a of anchors) {
        const bounds = labelBounds(a, width, emMm);
        const fits = bounds[0] >= box.x && bounds[2] <= box.x + box.w && bounds[1] >= box.y && bounds[3] <= box.y + box.h;
        if (!fits) continue;
        if (!overlap && placedBoxes.some((b) => b[0] < bounds[2] && bounds[0] < b[2] && b[1] < bounds[3] && bounds[1] < b[3])) continue;
        placedBoxes.push(bounds);
        labels.push({ ...common, ...a });
      }
    }
    result.set(layer.id, labels);
  }
  return result;
}

/** Where a point label hangs: the point itself, or an area's pole of inaccessibility (once per feature). */
function pointAnchor(p: Projected, frame: MapFrame): Pt | null {
  if (p.points.length) return p.points[0]!;
  const g = p.feature.geometry;
  if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    const at = labelPoint(g);
    return at ? projector(frame)(at) : null;
  }
  if (p.lines.length) return middleOf(longest(p.lines));
  return null;
}

/** The padded axis-aligned box of a (possibly turned) label, mm. */
function labelBounds(a: { x: number; y: number; angle: number; align: Label['align']; baseline: Label['baseline'] }, width: number, em: number): [number, number, number, number] {
  const left = a.align === 'left' ? 0 : a.align === 'center' ? -width / 2 : -width;
  const top = a.baseline === 'top' ? 0 : a.baseline === 'middle' ? -em / 2 : -em;
  const corners: Pt[] = [[left, top], [left + width, top], [left, top + em], [left + width, top + em]];
  const r = (a.angle * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of corners) grow(b, [a.x + x * c - y * s, a.y + x * s + y * c]);
  return [b[0] - LABEL_PADDING_MM, b[1] - LABEL_PADDING_MM, b[2] + LABEL_PADDING_MM, b[3] + LABEL_PADDING_MM];
}

/**
 * Anchors along a line's longest stretch inside the frame: every `spacing` mm (centred), or its middle
 * when the spacing is infinite; the text turned along the line and kept upright.
 */
function lineAnchors(p: Projected, box: Box, labelMm: number, spacing: number): { x: number; y: number; angle: number }[] {
  const stretches = p.lines.flatMap((l) => clipLine(l, box));
  if (stretches.length === 0) return [];
  const path = longest(stretches);
  const total = pathLength(path);
  if (total < labelMm * 1.1) return [];
  const at = Number.isFinite(spacing) && total > spacing ? Array.from({ length: Math.floor(total / spacing) }, (_, i) => (total - Math.floor(total / spacing) * spacing) / 2 + spacing * (i + 0.5)) : [total / 2];
  return at.map((d) => pointAlong(path, d));
}

function pathLength(path: Pt[]): number {
  let len = 0;
  for (let i = 1; i < path.length; i++) len += Math.hypot(path[i]![0] - path[i - 1]![0], path[i]![1] - path[i - 1]![1]);
  return len;
}

function longest(paths: Pt[][]): Pt[] {
  let best = paths[0]!;
  let bestLen = -1;
  for (const p of paths) {
    const len = pathLength(p);
    if (len > bestLen) [best, bestLen] = [p, len];
  }
  return best;
}

function middleOf(path: Pt[]): Pt {
  const a = pointAlong(path, pathLength(path) / 2);
  return [a.x, a.y];
}

/** The point `d` mm along `path`, and the upright angle of the text there (degrees, clockwise). */
function pointAlong(path: Pt[], d: number): { x: number; y: number; angle: number } {
  let rest = d;
  for (let i = 1; i < path.length; i++) {
    const [x0, y0] = path[i - 1]!;
    const [x1, y1] = path[i]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (rest <= len || i === path.length - 1) {
      const t = len > 0 ? Math.min(1, rest / len) : 0;
      let angle = (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      if (angle < -90) angle += 180;
      return { x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t, angle };
    }
    rest -= len;
  }
  const [x, y] = path[0]!;
  return { x, y, angle: 0 };
}

/** The stretches of a polyline inside `box` (Liang–Barsky per segment, joined where they continue). */
export function clipLine(line: Pt[], box: Box): Pt[][] {
  const out: Pt[][] = [];
  let current: Pt[] | null = null;
  const [xmin, ymin, xmax, ymax] = [box.x, box.y, box.x + box.w, box.y + box.h];
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const dx = x1 - x0;
    const dy = y1 - y0;
    let t0 = 0;
    let t1 = 1;
    let inside = true;
    for (const [pk, qk] of [[-dx, x0 - xmin], [dx, xmax - x0], [-dy, y0 - ymin], [dy, ymax - y0]] as const) {
      if (pk === 0) {
        if (qk < 0) inside = false;
      } else {
        const r = qk / pk;
        if (pk < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
      }
    }
    if (!inside || t0 > t1) {
      current = null;
      continue;
    }
    const a: Pt = [x0 + t0 * dx, y0 + t0 * dy];
    const b: Pt = [x0 + t1 * dx, y0 + t1 * dy];
    if (!current || t0 > 0) {
      current = [a];
      out.push(current);
    }
    current.push(b);
    if (t1 < 1) current = null;
  }
  return out;
}

function drawLabel(painter: Painter, l: Label): void {
  painter.text(l.text, l.x, l.y, {
    sizePt: l.sizePt,
    color: l.color,
    align: l.align,
    baseline: l.baseline,
    ...(l.angle ? { angle: l.angle } : {}),
    ...(l.halo ? { halo: l.halo } : {}),
  });
}
