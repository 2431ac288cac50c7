/**
 * Turf's sphere, and the reading of village points, for the functions of `src/geo/`. Internal: not
 * exported from index.ts.
 */
import { earthRadius } from '@turf/helpers';
import type { Feature, Point, Position } from 'geojson';

/** Turf's mean Earth radius in kilometres (6371.0088), so distances agree with `@turf/distance`. */
export const R_KM = earthRadius / 1000;
/** Radians per degree. */
export const RAD = Math.PI / 180;
/** Degrees per radian. */
export const DEG = 180 / Math.PI;

/** The unit vector of (lon, lat) in degrees: x towards (0, 0), y towards (90E, 0), z towards the north pole. */
export function toVector(lon: number, lat: number): [number, number, number] {
  const phi = lat * RAD;
  const lam = lon * RAD;
  const c = Math.cos(phi);
  return [c * Math.cos(lam), c * Math.sin(lam), Math.sin(phi)];
}

/** Haversine, written as `@turf/distance` writes it; in kilometres. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  return haversineToKm(Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD));
}

/** The distance in kilometres of haversine's `h` (sin²(Δφ/2) + sin²(Δλ/2)·cos φ1·cos φ2), as `@turf/distance`. */
export function haversineToKm(h: number): number {
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * R_KM;
}

/** The features of a FeatureCollection or an array, or a TypeError naming `name`. */
export function featureList<F>(name: string, input: { type: 'FeatureCollection'; features: F[] } | readonly F[]): readonly F[] {
  if (Array.isArray(input)) return input as readonly F[];
  const fc = input as { type?: unknown; features?: unknown } | null | undefined;
  if (fc?.type === 'FeatureCollection' && Array.isArray(fc.features)) return fc.features as F[];
  throw new TypeError(`${name} must be a FeatureCollection or an array of Point features, got ${describeInput(input)}`);
}

/** What `x` is, for an error message: `null`, `undefined`, `a <type>` for an object with a string `type`, else its typeof. */
export function describeInput(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  const t = (x as { type?: unknown }).type;
  return typeof t === 'string' ? `a ${t}` : typeof x;
}

/**
 * The coordinates of `villages[i]` (the feature's own array, not a copy), or a TypeError unless it is a
 * Point feature, a RangeError unless its lon/lat are within WGS84 ranges.
 */
export function readPoint(f: Feature<Point, unknown> | null | undefined, i: number): Position {
  const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
  if (!c) throw new TypeError(`villages[${i}] is not a Point feature (geometry ${f?.geometry?.type ?? 'missing'})`);
  if (!(Math.abs(c[0]!) <= 180 && Math.abs(c[1]!) <= 90)) {
    throw new RangeError(`villages[${i}] has coordinates ${JSON.stringify(c)} outside WGS84 ranges`);
  }
  return c;
}
