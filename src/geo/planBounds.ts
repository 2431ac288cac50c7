import { bbox } from '@turf/bbox';
import type { FeatureCollection } from 'geojson';

/** [west, south, east, north] of every feature with a geometry in the collections; null if none has one. */
export function planBounds(...collections: FeatureCollection[]): [number, number, number, number] | null {
  const features = collections.flatMap((c) => c.features.filter((f) => f.geometry !== null));
  if (features.length === 0) return null;
  const [w, s, e, n] = bbox({ type: 'FeatureCollection', features });
  return [w, s, e, n];
}
