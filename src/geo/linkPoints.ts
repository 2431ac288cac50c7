import { distance } from '@turf/distance';
import { lineString } from '@turf/helpers';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import { assertPoints } from './assert.js';
import { featureList } from './sphere.js';

export interface LinkPointsOptions {
  /** Order the points by their position along this line (chainage). */
  along?: Feature<LineString | MultiLineString>;
  /**
   * An explicit order: indexes into the features of `points`, each once (e.g. the order a plan lists a belt's clusters).
   * Not together with `along`. Without either, a short open path.
   */
  order?: readonly number[];
}

/**
 * 串点成线: a LineString through the points. Ordered by chainage along `along`, or as `order` lists
 * them; otherwise a short open path: nearest-neighbour from the westernmost point.
 *
 * @param points - a FeatureCollection of two or more Point features (or an array of them, as the other
 *   geo functions take)
 * @param options - {@link LinkPointsOptions}
 * @returns a LineString feature whose `order` property lists the indexes of the input features in path order
 * @example
 * ```ts
 * const line = linkPoints(featureCollection([point([116.3, 40]), point([116.1, 40]), point([116.2, 40.01])]));
 * line.properties.order; // [1, 2, 0]
 * ```
 */
export function linkPoints(
  points: FeatureCollection<Point> | readonly Feature<Point>[],
  { along, order: given }: LinkPointsOptions = {},
): Feature<LineString, { order: number[] }> {
  const list = featureList('points', points);
  assertPoints('points', list);
  if (list.length < 2) throw new RangeError(`linkPoints: points needs at least 2 Point features, got ${list.length}`);
  if (along && given) throw new RangeError('linkPoints: give options.along or options.order, not both');
  const order = given ? checkedOrder(given, list.length) : along ? orderAlong(list, along) : nearestNeighbourPath(list);
  return lineString(
    order.map((i) => [...list[i]!.geometry.coordinates]),
    { order },
  );
}

function checkedOrder(order: readonly number[], n: number): number[] {
  const seen = new Set<number>();
  if (!Array.isArray(order) || order.length !== n) throw new RangeError(`linkPoints: order must list all ${n} point indexes once, got ${JSON.stringify(order)}`);
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) throw new RangeError(`linkPoints: order must list all ${n} point indexes once; ${String(i)} is out of range or repeated`);
    seen.add(i);
  }
  return [...order];
}

function orderAlong(points: readonly Feature<Point>[], along: Feature<LineString | MultiLineString>): number[] {
  const t = along?.geometry?.type;
  if (t !== 'LineString' && t !== 'MultiLineString') throw new TypeError(`linkPoints: along must be a LineString or MultiLineString feature, got ${t ?? 'nothing'}`);
  const chainage = points.map((p) => nearestPointOnLine(along, p, { units: 'kilometers' }).properties.location ?? 0);
  return points.map((_, i) => i).sort((a, b) => chainage[a]! - chainage[b]! || a - b);
}

function nearestNeighbourPath(points: readonly Feature<Point>[]): number[] {
  const left = new Set(points.map((_, i) => i));
  let current = [...left].reduce((w, i) => (points[i]!.geometry.coordinates[0]! < points[w]!.geometry.coordinates[0]! ? i : w));
  const order = [current];
  left.delete(current);
  while (left.size > 0) {
    let best = -1;
    let bestKm = Infinity;
    for (const i of left) {
      const km = distance(points[current]!, points[i]!, { units: 'kilometers' });
      if (km < bestKm) [best, bestKm] = [i, km];
    }
    order.push(best);
    left.delete(best);
    current = best;
  }
  return order;
}
