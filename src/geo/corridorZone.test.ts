/**
 * corridorZone: the zone within km of a line. Checked against distances computed independently with Turf
 * (`pointToLineDistance`, geodesic), plus golden fixtures in test/fixtures/geo/corridorZone/
 * (regenerate with `REGEN=1 npx vitest run --project unit src/geo/corridorZone.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { area, bearing, booleanClockwise, booleanPointInPolygon, destination, lineString, midpoint, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describeGolden } from '../../test/helpers/golden';
import { corridorZone } from './corridorZone';

/** Great-circle distance (km) from a position to the nearest part of the line, computed by Turf. */
function kmToLine(p: Position, line: LineString | MultiLineString): number {
  const parts = line.type === 'LineString' ? [line.coordinates] : line.coordinates;
  return Math.min(...parts.map((c) => pointToLineDistance(point(p), lineString(c), { units: 'kilometers', method: 'geodesic' })));
}
function polygonsOf(zone: Feature<Polygon | MultiPolygon>): Position[][][] {
  return zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
}
/** Walks from `from` along the given [km, bearing] legs; returns the positions. */
function legs(from: Position, steps: [km: number, bearing: number][]): Position[] {
  const out = [from];
  for (const [km, b] of steps) out.push(destination(point(out[out.length - 1]!), km, b, { units: 'kilometers' }).geometry.coordinates);
  return out;
}

/** The 1 % rule: every boundary vertex lies within [0.99, 1.01]·km of the line. Returns the worst error. */
function expectBoundaryOnRadius(zone: Feature<Polygon | MultiPolygon>, line: LineString | MultiLineString, km: number): number {
  let worst = 0;
  for (const polygon of polygonsOf(zone)) {
    for (const ring of polygon) {
      for (const p of ring) {
        const d = kmToLine(p, line);
        worst = Math.max(worst, Math.abs(d / km - 1));
        expect(d, `vertex ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(0.99 * km);
        expect(d, `vertex ${JSON.stringify(p)}`).toBeLessThanOrEqual(1.01 * km);
      }
    }
  }
  return worst;
}

/**
 * Points offset perpendicularly from every segment's midpoint and every vertex (and around the ends) by
 * 0.98·km and 1.02·km: each one whose true distance to the line is ≤ 0.98·km must be inside, ≥ 1.02·km outside
 * (a point 1.02·km from one arm of a hairpin may be near the other arm, so the true distance decides).
 */
function expectInsideOutside(zone: Feature<Polygon | MultiPolygon>, line: LineString | MultiLineString, km: number): { inside: number; outside: number } {
  const parts = line.type === 'LineString' ? [line.coordinates] : line.coordinates;
  const probes: Position[] = [];
  for (const c of parts) {
    for (let i = 0; i + 1 < c.length; i++) {
      const a = point(c[i]!);
      const b = point(c[i + 1]!);
      const m = midpoint(a, b);
      const heading = bearing(m, b);
      for (const f of [0.98, 1.02]) for (const side of [-90, 90]) {
        probes.push(destination(m, f * km, heading + side, { units: 'kilometers' }).geometry.coordinates);
        probes.push(destination(a, f * km, bearing(a, b) + side, { units: 'kilometers' }).geometry.coordinates);
      }
    }
    for (const end of [c[0]!, c[c.length - 1]!]) {
      for (let b = 0; b < 360; b += 30) for (const f of [0.98, 1.02]) probes.push(destination(point(end), f * km, b, { units: 'kilometers' }).geometry.coordinates);
    }
  }
  let inside = 0;
  let outside = 0;
  for (const p of probes) {
    const d = kmToLine(p, line);
    if (d <= 0.9801 * km) {
      expect(booleanPointInPolygon(p, zone), `${JSON.stringify(p)} at ${d} km should be inside`).toBe(true);
      inside++;
    } else if (d >= 1.0199 * km) {
      expect(booleanPointInPolygon(p, zone), `${JSON.stringify(p)} at ${d} km should be outside`).toBe(false);
      outside++;
    }
  }
  return { inside, outside };
}

/** Outer rings counter-clockwise, holes clockwise (RFC 7946), every ring closed. */
function expectWinding(zone: Feature<Polygon | MultiPolygon>): void {
  for (const polygon of polygonsOf(zone)) {
    polygon.forEach((ring, i) => {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(booleanClockwise(ring), i === 0 ? 'outer ring' : `hole ${i}`).toBe(i > 0);
    });
  }
}

const CASES: Record<string, (lat: number) => { line: LineString; km: number }> = {
  'short line (3 vertices, km 1)': (lat) => ({ line: lineString([[116.3, lat], [116.32, lat + 0.012], [116.345, lat + 0.004]]).geometry, km: 1 }),
  // ~800 km in two long great-circle segments: the edges must follow the great circles, not lon/lat lines.
  'long line (~800 km, km 10)': (lat) => ({ line: lineString(legs([108, lat], [[420, 75], [390, 100]])).geometry, km: 10 }),
  // A U whose arms are 1.5·km apart: the zones of the arms merge (no gap, no hole between them).
  'hairpin (arms 1.5·km apart, km 1)': (lat) => ({ line: lineString(legs([116.3, lat], [[6, 90], [1.5, 0], [6, 270]])).geometry, km: 1 }),
  // A closed square road, 6 km a side: the zone is a ring with a hole.
  'closed loop road (km 1)': (lat) => ({ line: lineString(legs([116.3, lat], [[6, 90], [6, 0], [6, 270], [6, 180]]).map((p, i, all) => (i === all.length - 1 ? all[0]! : p))).geometry, km: 1 }),
};

describe('corridorZone', () => {
  describe.each([20, 40, 50])('at %i°N', (lat) => {
    it.each(Object.keys(CASES))('%s: boundary within 1 %, 0.98·km inside, 1.02·km outside', (name) => {
      const { line, km } = CASES[name]!(lat);
      const zone = corridorZone(line, km);
      expect(zone.properties.km).toBe(km);
      expectBoundaryOnRadius(zone, line, km);
      const { inside, outside } = expectInsideOutside(zone, line, km);
      expect(inside).toBeGreaterThan(4);
      expect(outside).toBeGreaterThan(4);
      expectWinding(zone);
    });

    it('the hairpin gives one polygon without holes, covering the gap between the arms', () => {
      const { line, km } = CASES['hairpin (arms 1.5·km apart, km 1)']!(lat);
      const zone = corridorZone(line, km);
      expect(zone.geometry.type).toBe('Polygon');
      expect((zone.geometry as Polygon).coordinates).toHaveLength(1);
      const gap = midpoint(point(line.coordinates[1]!), point(line.coordinates[2]!));
      const between = destination(gap, 3, 270, { units: 'kilometers' });
      expect(booleanPointInPolygon(between, zone)).toBe(true);
    });

    it('the closed loop gives one polygon with one hole, the loop centre outside', () => {
      const { line, km } = CASES['closed loop road (km 1)']!(lat);
      const zone = corridorZone(line, km);
      expect(zone.geometry.type).toBe('Polygon');
      expect((zone.geometry as Polygon).coordinates).toHaveLength(2);
      const centre = midpoint(point(line.coordinates[0]!), point(line.coordinates[2]!));
      expect(booleanPointInPolygon(centre, zone)).toBe(false);
      // A 6 km square road with 1 km either side: about 8² − 4² = 48 km² less the rounded outer corners.
      const km2 = area(zone) / 1e6;
      expect(km2).toBeGreaterThan(64 - 4 * (1 - Math.PI / 4) - 16 - 0.3);
      expect(km2).toBeLessThan(64 - 16 + 0.3);
    });
  });

  it('gives a short straight line about the area of a stadium: 2·km·length + π·km²', () => {
    const line = lineString(legs([116.3, 40], [[10, 90]]));
    const km2 = area(corridorZone(line, 1)) / 1e6;
    expect(km2).toBeGreaterThan(20 + Math.PI * 0.995);
    expect(km2).toBeLessThan(20 + Math.PI);
  });

  it('gives a MultiPolygon for a MultiLineString whose parts are far apart, and checks each part', () => {
    const line: MultiLineString = { type: 'MultiLineString', coordinates: [[[116, 40], [116.05, 40.02]], [[117, 40], [117.04, 39.98], [117.08, 40]]] };
    const zone = corridorZone(line, 2);
    expect(zone.geometry.type).toBe('MultiPolygon');
    expect((zone.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expectBoundaryOnRadius(zone, line, 2);
    expectInsideOutside(zone, line, 2);
  });

  it('accepts a Feature or a bare geometry, with the same result', () => {
    const f = lineString([[116.3, 40], [116.32, 40.012], [116.345, 40.004]]);
    expect(corridorZone(f.geometry, 1)).toEqual(corridorZone(f, 1));
  });

  it('more steps give rounder ends (more vertices), same radius', () => {
    const { line, km } = CASES['short line (3 vertices, km 1)']!(40);
    const coarse = corridorZone(line, km, { steps: 32 });
    const fine = corridorZone(line, km, { steps: 256 });
    const count = (z: Feature<Polygon | MultiPolygon>) => polygonsOf(z).flat(1).reduce((s, r) => s + r.length, 0);
    expect(count(fine)).toBeGreaterThan(2 * count(coarse));
    expectBoundaryOnRadius(coarse, line, km);
    expectBoundaryOnRadius(fine, line, km);
    expect(area(fine)).toBeGreaterThan(area(coarse));
  });

  it('tolerates repeated positions (a line of one repeated point is a disc)', () => {
    const disc = corridorZone(lineString([[116.3, 40], [116.3, 40]]), 1);
    const km2 = area(disc) / 1e6;
    expect(km2).toBeGreaterThan(Math.PI * 0.99);
    expect(km2).toBeLessThan(Math.PI);
    expectBoundaryOnRadius(corridorZone(lineString([[116.3, 40], [116.3, 40], [116.31, 40], [116.31, 40]]), 1), lineString([[116.3, 40], [116.31, 40]]).geometry, 1);
  });

  it('does not mutate its input, and shares no arrays with it', () => {
    const input = lineString([[116.3, 40], [116.32, 40.012], [116.345, 40.004]], { name: 'x' });
    const before = structuredClone(input);
    const zone = corridorZone(input, 1, { steps: 64 });
    expect(input).toEqual(before);
    (zone.geometry as Polygon).coordinates[0]![0]![0] = 0;
    expect(input).toEqual(before);
  });

  describe('rejects bad input, naming the argument', () => {
    const ok = lineString([[116.3, 40], [116.32, 40.01]]);
    const raw = (geometry: unknown) => ({ type: 'Feature', properties: {}, geometry }) as unknown as Feature<LineString>;
    it.each<[string, unknown, RegExp, ErrorConstructor]>([
      ['missing', undefined, /line/, TypeError],
      ['a Point feature', point([116, 40]), /line/, TypeError],
      ['a Polygon geometry', { type: 'Polygon', coordinates: [] }, /line/, TypeError],
      ['empty coordinates', raw({ type: 'LineString', coordinates: [] }), /line/, RangeError],
      ['one position', raw({ type: 'LineString', coordinates: [[116, 40]] }), /line/, RangeError],
      ['a NaN coordinate', raw({ type: 'LineString', coordinates: [[116, 40], [Number.NaN, 40]] }), /line\[1\]/, RangeError],
      ['a latitude out of range', raw({ type: 'LineString', coordinates: [[116, 40], [116, 91]] }), /line\[1\]/, RangeError],
      ['a position that is not an array', raw({ type: 'LineString', coordinates: [[116, 40], 5] }), /line\[1\]/, TypeError],
      ['an empty MultiLineString', raw({ type: 'MultiLineString', coordinates: [] }), /line/, RangeError],
      ['a MultiLineString part of one position', raw({ type: 'MultiLineString', coordinates: [[[116, 40], [116.1, 40]], [[116, 41]]] }), /line\.coordinates\[1\]/, RangeError],
    ])('line: %s', (_, line, message, type) => {
      expect(() => corridorZone(line as Feature<LineString>, 1)).toThrow(type);
      expect(() => corridorZone(line as Feature<LineString>, 1)).toThrow(message);
    });
    it.each<[string, unknown, ErrorConstructor]>([
      ['negative', -1, RangeError],
      ['zero', 0, RangeError],
      ['NaN', Number.NaN, RangeError],
      ['Infinity', Number.POSITIVE_INFINITY, RangeError],
      ['over 500 km', 501, RangeError],
      ['a string', '5', TypeError],
    ])('km: %s', (_, km, type) => {
      expect(() => corridorZone(ok, km as number)).toThrow(type);
      expect(() => corridorZone(ok, km as number)).toThrow(/km/);
    });
    it.each([8, 31.5, 2000])('steps: %s', (steps) => {
      expect(() => corridorZone(ok, 1, { steps })).toThrow(/steps/);
    });
    it('a zone across the antimeridian', () => {
      expect(() => corridorZone(lineString([[179.9, 10], [179.99, 10]]), 20)).toThrow(/antimeridian/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the line (options in the collection's `properties`);
// out/<case>.geojson holds the line + the zone, styled (simplestyle-spec) for viewing in geojson.io.

type InCase = FeatureCollection<LineString | MultiLineString> & { properties: { km: number; steps?: number } };

function golden(input: InCase): FeatureCollection {
  const line = input.features[0]!;
  const { km, steps } = input.properties;
  const zone = corridorZone(line, km, steps === undefined ? {} : { steps });
  return {
    type: 'FeatureCollection',
    features: [
      { ...zone, properties: { ...zone.properties, fill: '#1565c0', 'fill-opacity': 0.25, stroke: '#1565c0', 'stroke-width': 1 } },
      { ...line, properties: { ...line.properties, stroke: '#c62828', 'stroke-width': 2 } },
    ],
  };
}

describeGolden<InCase>(
  'corridorZone',
  (input) => {
    const actual = golden(input);
    // The fixtures obey the 1 % rule too.
    expectBoundaryOnRadius(actual.features[0] as Feature<Polygon | MultiPolygon>, input.features[0]!.geometry, input.properties.km);
    return actual;
  },
  { tolerance: 1e-6 },
);
