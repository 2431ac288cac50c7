/**
 * labelPoint: one point per area, inside its largest part and away from its edges.
 */
import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointToLineDistance from '@turf/point-to-line-distance';
import type { MultiPolygon, Polygon } from 'geojson';
import { bundledPlans, loadPackage } from '../../test/helpers/bundledPlan';
import { labelPoint } from './labelPoint';

/** An L: a 1-wide strip along the bottom and one up the left side (its centroid is outside it). */
const L: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]] };
/** A square with a square hole in the middle (its centroid is in the hole). */
const DONUT: Polygon = {
  type: 'Polygon',
  coordinates: [
    [[0, 0], [6, 0], [6, 6], [0, 6], [0, 0]],
    [[1, 1], [1, 5], [5, 5], [5, 1], [1, 1]],
  ],
};

describe('labelPoint', () => {
  it('a square: its centre', () => {
    const p = labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })!;
    expect(p[0]).toBeCloseTo(1, 1);
    expect(p[1]).toBeCloseTo(1, 1);
  });

  it('an L: inside the L, not at its centroid outside it', () => {
    const p = labelPoint(L)!;
    expect(booleanPointInPolygon(p, L)).toBe(true);
  });

  it('a ring-shaped area: in the ring, not in the hole', () => {
    const p = labelPoint(DONUT)!;
    expect(booleanPointInPolygon(p, DONUT)).toBe(true);
    expect(booleanPointInPolygon(p, { type: 'Polygon', coordinates: [DONUT.coordinates[1]!] })).toBe(false);
  });

  it('a MultiPolygon: one point, in its largest part', () => {
    const small: Polygon['coordinates'] = [[[10, 0], [10.5, 0], [10.5, 0.5], [10, 0.5], [10, 0]]];
    const big: Polygon['coordinates'] = [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]];
    const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [small, big] };
    const p = labelPoint(mp)!;
    expect(booleanPointInPolygon(p, { type: 'Polygon', coordinates: big })).toBe(true);
  });

  it('does not change its input, and gives null for an empty geometry', () => {
    const before = JSON.stringify(L);
    labelPoint(L);
    expect(JSON.stringify(L)).toBe(before);
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });

  it('every district of every bundled package: inside it, well away from its edge', () => {
    for (const entry of bundledPlans()) {
      const plan = loadPackage(entry.url);
      for (const d of plan.districts.features) {
        const p = labelPoint(d.geometry)!;
        const name = `${entry.id} ${d.properties.name}`;
        expect(booleanPointInPolygon(p, d), name).toBe(true);
        const rings = d.geometry.type === 'Polygon' ? d.geometry.coordinates : d.geometry.coordinates.flat();
        const km = Math.min(...rings.map((r) => pointToLineDistance(p, { type: 'LineString', coordinates: r })));
        expect(km, name).toBeGreaterThan(0.3);
      }
    }
  });
});
