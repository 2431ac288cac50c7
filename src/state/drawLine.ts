/**
 * The pure side of drawing lines on the map (src/map/draw.ts does the drawing): snapping a vertex to
 * the nearest village on screen, the new line's feature (id, names, `geometry_source: 'drawn'`, where
 * it comes from and how good it is), renaming and reshaping a line, the clusters along a line
 * (串点成线); the area of lines (连线成片) is in ./linesArea.ts. No DOM, no map: Node-tested.
 */
import { villagesAlong } from '../geo/villagesAlong.js';
import { lookup } from '../plan/lookup.js';
import type { LineLayer } from '../plan/commands.js';
import type { Belt, LineFeature, LineKind, Plan } from '../types/plan.js';
import { strings } from './i18n.js';

/** A village a vertex may snap to. */
export interface SnapTarget {
  code: string;
  coordinates: [number, number];
}

/** The located villages of a plan as snap targets, in register order. */
export function snapTargets(plan: Plan): SnapTarget[] {
  return lookup(plan).located.features.map((f) => ({
    code: f.properties.code,
    coordinates: [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!],
  }));
}

/**
 * The index of the screen point nearest to `(x, y)` within `maxPx` pixels (inclusive), or -1.
 * The first of equally near points wins.
 *
 * @param x - pointer x, px
 * @param y - pointer y, px
 * @param points - the candidates' screen positions
 * @param maxPx - the snapping distance, px
 * @example
 * ```ts
 * nearestWithin(10, 10, [{ x: 30, y: 10 }, { x: 14, y: 13 }], 12); // 1
 * ```
 */
export function nearestWithin(x: number, y: number, points: readonly { x: number; y: number }[], maxPx: number): number {
  let best = -1;
  let bestD = maxPx * maxPx;
  points.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestD || (d === bestD && best < 0)) [best, bestD] = [i, d];
  });
  return best;
}

/**
 * Vertices that lie on a snap target (within `tolDeg` degrees: the drawing tool rounds coordinates)
 * take the target's exact coordinates, so a line snapped to villages runs through their very positions.
 *
 * @returns the new coordinates and, per vertex, the code of the village it lies on (or null)
 */
export function exactSnap(
  coordinates: readonly (readonly number[])[],
  targets: readonly SnapTarget[],
  tolDeg = 1e-6,
): { coordinates: [number, number][]; on: (string | null)[] } {
  const on: (string | null)[] = [];
  const out = coordinates.map((c): [number, number] => {
    const t = targets.find((s) => Math.abs(s.coordinates[0] - c[0]!) <= tolDeg && Math.abs(s.coordinates[1] - c[1]!) <= tolDeg);
    on.push(t?.code ?? null);
    return t ? [t.coordinates[0], t.coordinates[1]] : [c[0]!, c[1]!];
  });
  return { coordinates: out, on };
}

/** Consecutive repeated vertices dropped (a double-click can leave one); null when fewer than 2 different points are left. */
export function cleanLine(coordinates: readonly (readonly number[])[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (const c of coordinates) {
    const last = out.at(-1);
    if (!last || last[0] !== c[0] || last[1] !== c[1]) out.push([c[0]!, c[1]!]);
  }
  return out.length >= 2 ? out : null;
}

/** A free id for a drawn line: `drawn-<n>`, the smallest n ≥ 1 no line of the plan has. */
export function newLineId(plan: Plan): string {
  const taken = lookup(plan).lineById;
  let n = 1;
  while (taken.has(`drawn-${n}`)) n++;
  return `drawn-${n}`;
}

/**
 * Ground size of a screen pixel in metres at a MapLibre zoom (512-px world at zoom 0) and latitude.
 */
export function metresPerPixel(zoom: number, lat: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** What a hand-drawn line says about its geometry: how it was made and how good it is. */
export interface DrawnGeometry {
  /** The line's vertices, WGS84. */
  coordinates: readonly (readonly number[])[];
  /** The map's zoom while it was drawn. */
  zoom: number;
  /** Per vertex, the village code it was snapped to, or null. */
  on: readonly (string | null)[];
}

/**
 * The `source` and `accuracy` of a drawn line: drawn, at which zoom, about how many metres (3 px of a hand),
 * snapped vertices; in English, and in Chinese as `source_zh` / `accuracy_zh` (the plan format's provenance fields).
 */
function drawnSourcing({ coordinates, zoom, on }: DrawnGeometry): { source: string; source_zh: string; accuracy: string; accuracy_zh: string } {
  const [en, zh] = [strings('en').draw, strings('zh-CN').draw];
  const lat = coordinates.reduce((s, c) => s + c[1]!, 0) / Math.max(1, coordinates.length);
  const metres = 3 * metresPerPixel(zoom, lat);
  const rounded = Number(metres.toPrecision(2));
  const snapped = on.filter((c) => c !== null).length;
  return { source: en.source, source_zh: zh.source, accuracy: en.accuracy(zoom.toFixed(1), rounded, snapped), accuracy_zh: zh.accuracy(zoom.toFixed(1), rounded, snapped) };
}

/** What the planner typed for a new line. */
export interface NewLineNames {
  name: string;
  name_en?: string;
  kind: LineKind;
}

/**
 * The feature of a line drawn by hand: a new id, the names given, `geometry_source: 'drawn'` (never
 * `surveyed`: nobody measured it; never `schematic`: no source is cited for its route), no `via` and
 * no citations, and a `source` / `accuracy` saying how it was drawn.
 *
 * @example
 * ```ts
 * const f = drawnLineFeature(plan, 'corridors', { name: '新线', kind: 'road' }, { coordinates, zoom: 11, on: [null, null] });
 * f.properties.geometry_source; // 'drawn'
 * ```
 */
export function drawnLineFeature(plan: Plan, layer: LineLayer, names: NewLineNames, geometry: DrawnGeometry): LineFeature {
  const name = names.name.trim();
  if (name === '') throw new RangeError('drawnLineFeature: names.name is empty');
  const kind = layer === 'cultureBelts' ? 'culture-belt' : names.kind === 'culture-belt' ? 'road' : names.kind;
  const coordinates = cleanLine(geometry.coordinates);
  if (!coordinates) throw new RangeError('drawnLineFeature: a line needs at least 2 different points');
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: {
      id: newLineId(plan),
      kind,
      name,
      name_en: (names.name_en ?? '').trim(),
      district: '',
      geometry_source: 'drawn',
      via: [],
      citations: [],
      ...drawnSourcing(geometry),
    },
  };
}

/** The line with new names (its geometry and everything else kept). */
export function renamedLine(line: LineFeature, { name, name_en }: { name: string; name_en?: string }): LineFeature {
  const n = name.trim();
  if (n === '') throw new RangeError('renamedLine: name is empty');
  return { ...line, properties: { ...line.properties, name: n, name_en: name_en === undefined ? line.properties.name_en : name_en.trim() } };
}

/**
 * The line with a geometry edited by hand: it is `drawn` from now on (a surveyed line moved by hand is
 * no survey; a schematic one no longer runs through its `via` places exactly, so they are dropped). Its
 * citations stay (they are about the route), and its `source` says what it was before.
 */
export function reshapedLine(line: LineFeature, geometry: DrawnGeometry): LineFeature {
  const coordinates = cleanLine(geometry.coordinates);
  if (!coordinates) throw new RangeError('reshapedLine: a line needs at least 2 different points');
  const p = line.properties;
  const sourcing = drawnSourcing(geometry);
  const drawn = p.geometry_source === 'drawn';
  const was = drawn ? '' : `; before: ${p.geometry_source}, ${p.source}`;
  // In Chinese, what it was before (its Chinese source, when the package has one).
  const wasZh = p.geometry_source === 'drawn' ? '' : `；修改前：${strings('zh-CN')[p.geometry_source]}${p.source_zh ? `，${p.source_zh}` : ''}`;
  return {
    ...line,
    geometry: { type: 'LineString', coordinates },
    properties: {
      ...p, geometry_source: 'drawn', via: [], ...sourcing, source: `${sourcing.source}${was}`, source_zh: `${sourcing.source_zh}${wasZh}`,
    },
  };
}

/** A cluster near a line, for a belt along it. */
export interface ClusterAlong {
  id: string;
  name: string;
  name_en: string;
  /** Km along the line to the point nearest the cluster's core village. */
  chainageKm: number;
  /** Km from the core village to the line. */
  distanceKm: number;
}

/**
 * 串点成线 along a line: the clusters whose core village lies within `km` of the line, in the order
 * of their chainage (the engine's `villagesAlong` on the located cores). A cluster without a located
 * core is not placed on a belt (the belt line links cores), so it is left out.
 *
 * @example
 * ```ts
 * clustersAlong(plan, lookup(plan).lineById.get('g109')!.feature, 3).map((c) => c.id); // ['c1', 'c2']
 * ```
 */
export function clustersAlong(plan: Plan, line: LineFeature, km: number): ClusterAlong[] {
  const { villageByCode } = lookup(plan);
  const cores = plan.clusters.flatMap((c) => {
    const v = c.core ? villageByCode.get(c.core) : undefined;
    return v?.geometry ? [{ type: 'Feature' as const, geometry: v.geometry, properties: { id: c.id, name: c.name, name_en: c.name_en } }] : [];
  });
  return villagesAlong(cores, line, { km }).features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name,
    name_en: f.properties.name_en,
    chainageKm: f.properties.chainageKm,
    distanceKm: f.properties.distanceKm,
  }));
}

/** A new belt through `clusters` (in belt order) along the line `lineId`, with a free id `belt-<n>`. */
export function beltAlongLine(plan: Plan, lineId: string, clusters: readonly string[], name: string, name_en = ''): Belt {
  const ids = new Set(plan.belts.map((b) => b.id));
  let n = plan.belts.length + 1;
  while (ids.has(`belt-${n}`)) n++;
  return { id: `belt-${n}`, name: name.trim(), name_en: name_en.trim(), clusters: [...clusters], along: [lineId] };
}
