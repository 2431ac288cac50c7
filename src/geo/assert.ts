import type { Feature, Point } from 'geojson';

/** Throws a RangeError naming `name` unless `km` is a finite, non-negative number. */
export function assertKm(name: string, km: number): void {
  if (typeof km !== 'number' || !Number.isFinite(km) || km < 0) {
    throw new RangeError(`${name} must be a finite number of kilometres ≥ 0, got ${String(km)}`);
  }
}

/** Throws a TypeError naming `name` unless every item is a Point feature with finite lon/lat. */
export function assertPoints(name: string, features: readonly Feature<Point>[]): void {
  if (!Array.isArray(features)) throw new TypeError(`${name} must be an array of Point features`);
  features.forEach((f, i) => {
    const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
    if (!c) throw new TypeError(`${name}[${i}] is not a Point feature (geometry ${f?.geometry?.type ?? 'missing'})`);
    const [lon, lat] = c;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon!) > 180 || Math.abs(lat!) > 90) {
      throw new RangeError(`${name}[${i}] has coordinates ${JSON.stringify(c)} outside WGS84 ranges`);
    }
  });
}
