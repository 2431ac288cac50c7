/**
 * The legend of a printed extent: only the classes the map frame actually shows. Pure: no DOM.
 */
import { bbox } from '@turf/bbox';
import { bboxPolygon } from '@turf/bbox-polygon';
import { booleanIntersects } from '@turf/boolean-intersects';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Position } from 'geojson';
import type { Lang } from '../state/i18n.js';
import type { DerivedGeometry } from '../state/derive.js';
import { buildLegend, type LegendEntry } from '../state/legend.js';
import type { Theme } from '../state/theme.js';
import type { PublicLayerId } from '../state/layers.js';
import type { Plan } from '../types/plan.js';
import type { Bounds } from './scale.js';

/**
 * The legend of what a map frame showing `bounds` draws: {@link buildLegend}'s entries, restricted
 * to the classes with at least one feature in the extent —
 *
 * - villages: the roles of the located villages inside `bounds`;
 * - corridors and culture belts: each line that crosses `bounds`;
 * - clusters: when a cluster area intersects `bounds`; belt: when a belt line crosses it;
 * - boundaries: the plan-district and the other-district fills each only when such a district
 *   intersects `bounds`, the town-seat entry only when a town seat lies inside.
 *
 * Hidden layers are left out as in {@link buildLegend}. Entries keep buildLegend's order.
 *
 * @param plan - the plan
 * @param derived - its derived geometry ({@link DerivedGeometry})
 * @param visible - the public layers shown
 * @param theme - colours
 * @param lang - label language
 * @param bounds - the printed extent [west, south, east, north], degrees, west ≤ east
 * @returns the legend entries
 * @throws RangeError for non-finite or inverted bounds
 * @example
 * ```ts
 * legendInExtent(plan, deriveGeometry(plan), new Set(PUBLIC_LAYERS), defaultTheme, 'zh-CN', [115.6, 39.9, 115.8, 40.05]);
 * // […, { layer: 'corridors', symbol: 'dashed-line', label: '109国道（门头沟段）（示意）', … }, …]
 * ```
 */
export function legendInExtent(
  plan: Plan,
  derived: DerivedGeometry,
  visible: ReadonlySet<PublicLayerId>,
  theme: Theme,
  lang: Lang,
  bounds: Bounds,
): LegendEntry[] {
  const [w, s, e, n] = bounds;
  if (!bounds.every(Number.isFinite) || w > e || s > n) {
    throw new RangeError(`legendInExtent: bounds must be finite [west, south, east, north] with west ≤ east and south ≤ north, got [${bounds.join(', ')}]`);
  }
  const frame = bboxPolygon(bounds);
  const areaIn = (f: Feature<Geometry>) => bboxesOverlap(bbox(f), bounds) && booleanIntersects(frame, f);
  const lineIn = (f: Feature<LineString | MultiLineString>) => lineCrossesBounds(f.geometry, bounds);
  const pointIn = (p: Position) => pointInBounds(p, bounds);

  const districts = plan.districts.features.filter(areaIn);
  const inExtent: Plan = {
    ...plan,
    districts: collection(plan.districts, districts),
    townSeats: collection(plan.townSeats, plan.townSeats.features.filter((f) => pointIn(f.geometry.coordinates))),
    villages: collection(plan.villages, plan.villages.features.filter((f) => f.geometry !== null && pointIn(f.geometry.coordinates))),
    corridors: collection(plan.corridors, plan.corridors.features.filter(lineIn)),
    cultureBelts: collection(plan.cultureBelts, plan.cultureBelts.features.filter(lineIn)),
  };
  const clusterAreas = derived.clusterAreas.features.filter(areaIn);
  const shownClusters = new Set(clusterAreas.map((f) => f.properties.id));
  const derivedInExtent: DerivedGeometry = {
    clusterAreas: collection(derived.clusterAreas, clusterAreas),
    clusterLinks: derived.clusterLinks.filter((l) => shownClusters.has(l.cluster)),
    belts: collection(derived.belts, derived.belts.features.filter(lineIn)),
  };

  return buildLegend(inExtent, derivedInExtent, visible, theme, lang);
}

/**
 * Whether a line has a point inside `bounds` or a segment crossing it (Liang–Barsky clipping in
 * lon/lat; edges count as inside).
 *
 * @param line - a LineString or MultiLineString
 * @param bounds - [west, south, east, north]
 * @returns true when some part of the line lies in `bounds`
 * @example
 * ```ts
 * lineCrossesBounds({ type: 'LineString', coordinates: [[0, -1], [0, 1]] }, [-0.5, -0.5, 0.5, 0.5]); // true
 * ```
 */
export function lineCrossesBounds(line: LineString | MultiLineString, bounds: Bounds): boolean {
  const parts = line.type === 'LineString' ? [line.coordinates] : line.coordinates;
  for (const part of parts) {
    if (part.length === 1 && pointInBounds(part[0]!, bounds)) return true;
    for (let i = 1; i < part.length; i++) if (segmentCrossesBounds(part[i - 1]!, part[i]!, bounds)) return true;
  }
  return false;
}

function segmentCrossesBounds(a: Position, b: Position, [w, s, e, n]: Bounds): boolean {
  const [x0, y0] = a as [number, number];
  const dx = b[0]! - x0;
  const dy = b[1]! - y0;
  let t0 = 0;
  let t1 = 1;
  // Each edge: p·t ≤ q keeps the point on the inner side.
  for (const [p, q] of [[-dx, x0 - w], [dx, e - x0], [-dy, y0 - s], [dy, n - y0]] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

function pointInBounds(p: Position, [w, s, e, n]: Bounds): boolean {
  const x = p[0]!;
  const y = p[1]!;
  return x >= w && x <= e && y >= s && y <= n;
}

function bboxesOverlap(b: number[], [w, s, e, n]: Bounds): boolean {
  // A 2-D bbox is [w, s, e, n]; a 3-D one [w, s, lo, e, n, hi].
  const d = b.length / 2;
  return b[0]! <= e && b[d]! >= w && b[1]! <= n && b[d + 1]! >= s;
}

/** The same collection (foreign members and all) with only `features`. */
function collection<G extends Geometry | null, P>(fc: FeatureCollection<G, P>, features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { ...fc, features };
}
