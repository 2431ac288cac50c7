import { circle } from '@turf/circle';
import { convex } from '@turf/convex';
import { featureCollection, point } from '@turf/helpers';
import type { Feature, Point, Polygon } from 'geojson';
import { assertKm, assertPoints } from './assert.js';

export interface ClusterHullOptions {
  /**
   * Margin around the members, in kilometres.
   * @defaultValue 1
   */
  bufferKm?: number;
  /**
   * Vertices of each member's margin circle; more is rounder.
   * @defaultValue 32
   */
  steps?: number;
}

/**
 * The area of a cluster (示范片区): the convex hull of its villages, widened by `bufferKm` so that a
 * cluster of one to three villages still has an area. 连线成片 at the scale of one cluster.
 *
 * The widened hull is the convex hull of geodesic circles of radius `bufferKm` around the members
 * (the buffer of a convex set is the hull of the disks around its points), so no general polygon
 * buffer is needed and the margin is geodesic.
 *
 * @param members - the cluster's located villages (core included), at least one
 * @param options - {@link ClusterHullOptions}
 * @returns a Polygon feature with `memberCount`
 * @example
 * ```ts
 * const area = clusterHull([point([116.1, 40]), point([116.12, 40.01]), point([116.11, 40.03])], { bufferKm: 0.5 });
 * area.properties.memberCount; // 3
 * ```
 */
export function clusterHull(
  members: readonly Feature<Point>[],
  { bufferKm = 1, steps = 32 }: ClusterHullOptions = {},
): Feature<Polygon, { memberCount: number }> {
  assertPoints('members', members);
  assertKm('bufferKm', bufferKm);
  if (members.length === 0) throw new RangeError('clusterHull: members is empty; a cluster needs at least one located village');
  if (!Number.isInteger(steps) || steps < 8) throw new RangeError(`clusterHull: steps must be an integer ≥ 8, got ${String(steps)}`);
  // Fresh points: Turf must not see (or keep references to) the caller's features.
  const vertices = members.flatMap((m) =>
    bufferKm > 0
      ? circle([...m.geometry.coordinates], bufferKm, { steps, units: 'kilometers' }).geometry.coordinates[0]!.map((c) => point(c))
      : [point([...m.geometry.coordinates])],
  );
  const hull = convex(featureCollection(vertices));
  if (!hull) throw new RangeError('clusterHull: the members span no area; give bufferKm > 0 or three members not on one line');
  return { type: 'Feature', properties: { memberCount: members.length }, geometry: hull.geometry };
}
