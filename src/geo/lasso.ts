/**
 * Which points a drawn shape encloses: the lasso a planner draws round villages to add them to a cluster.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, Point, Polygon } from 'geojson';

/**
 * The points inside a ring (the ring closed if it is not; a point on its edge counts as inside).
 *
 * @param points - located features
 * @param ring - `[lon, lat]` positions of the lasso, at least three distinct ones
 * @returns the features inside, in their input order; none for a ring of fewer than three positions
 * @example
 * ```ts
 * pointsInRing(villages, [[116, 40], [116.1, 40], [116.1, 40.1]]).map((f) => f.properties.code);
 * ```
 */
export function pointsInRing<P>(points: readonly Feature<Point, P>[], ring: readonly (readonly [number, number])[]): Feature<Point, P>[] {
  const open = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  if (new Set(open.map((p) => `${p[0]},${p[1]}`)).size < 3) return [];
  const polygon: Polygon = { type: 'Polygon', coordinates: [[...open.map((p) => [p[0], p[1]]), [open[0]![0], open[0]![1]]]] };
  const [w, s, e, n] = open.reduce(([w, s, e, n], [x, y]) => [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)], [Infinity, Infinity, -Infinity, -Infinity]);
  return points.filter((f) => {
    const [x, y] = f.geometry.coordinates as [number, number];
    return x >= w && x <= e && y >= s && y <= n && booleanPointInPolygon([x, y], polygon);
  });
}
