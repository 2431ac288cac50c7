import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { assertSteps, assertZoneKm, DEFAULT_STEPS, readLineParts, zoneGeometry, zonePolygons } from './offset.js';

export interface CorridorZoneOptions {
  /**
   * Vertices per full circle of the zone's rounded ends and bends, 32 to 1024. The default keeps the edges
   * between vertices within 0.12 % of `km` of the true circle (1 − cos(π / steps)).
   * @defaultValue 64
   */
  steps?: number;
}

/**
 * The corridor zone of a belt (示范带): everything within `km` kilometres of a road or river line, measured
 * on the sphere, as one Polygon or MultiPolygon (with holes where a road closes a loop).
 *
 * Geodesically correct by construction: every boundary vertex's great-circle distance to the line is within
 * 1 % of `km` (measured ≤ 0.13 % at the default steps; Turf's sphere, segments read as great-circle arcs as
 * Turf's geodesic `pointToLineDistance` reads them), and every point within 0.99·`km` of the line is inside.
 * Turf's `buffer` projects the whole line once (Turf issue #1246); on the ~2,200 km bench corridor it measured
 * 0.14 % too, so the gain there is the guarantee for any line length and the speed of `linesToArea`'s union,
 * not a better radius on that line (`npm run bench` prints both).
 *
 * Method (see `offset.ts`): the line is densified along its great circles, cut into chunks of ≤ 300 km,
 * and each group of chunks is offset by Clipper2 (round joins and ends) in an azimuthal-equidistant
 * projection centred on it, where distances are off by less than 0.3 % (ρ²/6R²); the unprojected groups are
 * unioned once. A local projection per chunk keeps the error small for any line length, which one projection
 * of the whole line (Turf's approach) cannot.
 *
 * Limits: the zone must not cross the antimeridian or reach a pole (RangeError), and km ≤ 500.
 *
 * @param line - a LineString or MultiLineString, as a Feature or a bare geometry; each part at least 2 positions
 * @param km - the zone's half-width in kilometres, > 0 and ≤ 500
 * @param options - {@link CorridorZoneOptions}
 * @returns a Polygon or MultiPolygon feature (RFC 7946 winding: outer rings counter-clockwise) with `km`
 * @throws TypeError or RangeError naming `line`, `km` or `steps` when an argument is invalid
 * @example
 * ```ts
 * import { lineString } from '@turf/turf';
 * const zone = corridorZone(lineString([[116.1, 40], [116.2, 40.05], [116.3, 40]]), 1);
 * zone.geometry.type; // 'Polygon'
 * zone.properties.km; // 1
 * ```
 */
export function corridorZone(
  line: Feature<LineString | MultiLineString> | LineString | MultiLineString,
  km: number,
  { steps = DEFAULT_STEPS }: CorridorZoneOptions = {},
): Feature<Polygon | MultiPolygon, { km: number }> {
  const parts = readLineParts('corridorZone', 'line', line);
  assertZoneKm('corridorZone', 'km', km);
  assertSteps('corridorZone', steps);
  return {
    type: 'Feature',
    properties: { km },
    geometry: zoneGeometry('corridorZone', zonePolygons('corridorZone', 'line', parts, km, steps)),
  };
}
