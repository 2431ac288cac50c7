/**
 * linesToArea (连线成片): the union of the lines' zones. Checked against distances computed independently with
 * Turf (`pointToLineDistance`, geodesic), plus golden fixtures in test/fixtures/geo/linesToArea/
 * (regenerate with `REGEN=1 npx vitest run --project unit src/geo/linesToArea.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { area, bearing, booleanClockwise, booleanPointInPolygon, destination, featureCollection, lineString, midpoint, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describeGolden } from '../../test/helpers/golden';
import { corridorZone } from './corridorZone';
import { linesToArea } from './linesToArea';

type Line = Feature<LineString | MultiLineString>;

/** The parts of all lines, each as a coordinate list. */
const partsOf = (lines: readonly Line[]): Position[][] => lines.flatMap((l) => (l.geometry.type === 'LineString' ? [l.geometry.coordinates] : l.geometry.coordinates));
/** Great-circle distance (km) from a position to the nearest of the lines, computed by Turf. */
function kmToLines(p: Position, lines: readonly Line[]): number {
  return Math.min(...partsOf(lines).map((c) => pointToLineDistance(point(p), lineString(c), { units: 'kilometers', method: 'geodesic' })));
}
function polygonsOf(zone: Feature<Polygon | MultiPolygon>): Position[][][] {
  return zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
}

/** The 1 % rule: every boundary vertex lies within [0.99, 1.01]·km of the nearest line. */
function expectBoundaryOnRadius(zone: Feature<Polygon | MultiPolygon>, lines: readonly Line[], km: number): void {
  for (const ring of polygonsOf(zone).flat(1)) {
    for (const p of ring) {
      const d = kmToLines(p, lines);
      expect(d, `vertex ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(0.99 * km);
      expect(d, `vertex ${JSON.stringify(p)}`).toBeLessThanOrEqual(1.01 * km);
    }
  }
}

/** Perpendicular probes at 0.98·km and 1.02·km from every segment: the true distance decides inside or outside. */
function expectInsideOutside(zone: Feature<Polygon | MultiPolygon>, lines: readonly Line[], km: number): void {
  let inside = 0;
  let outside = 0;
  for (const c of partsOf(lines)) {
    for (let i = 0; i + 1 < c.length; i++) {
      const a = point(c[i]!);
      const b = point(c[i + 1]!);
      const m = midpoint(a, b);
      for (const f of [0.98, 1.02]) for (const side of [-90, 90]) {
        for (const p of [destination(m, f * km, bearing(m, b) + side, { units: 'kilometers' }), destination(a, f * km, bearing(a, b) + side, { units: 'kilometers' })]) {
          const d = kmToLines(p.geometry.coordinates, lines);
          if (d <= 0.9801 * km) {
            expect(booleanPointInPolygon(p, zone), `${JSON.stringify(p.geometry.coordinates)} at ${d} km`).toBe(true);
            inside++;
          } else if (d >= 1.0199 * km) {
            expect(booleanPointInPolygon(p, zone), `${JSON.stringify(p.geometry.coordinates)} at ${d} km`).toBe(false);
            outside++;
          }
        }
      }
    }
  }
  expect(inside).toBeGreaterThan(4);
  expect(outside).toBeGreaterThan(4);
}

/** Three lines crossing each other near (116.35, 40.0) shifted to latitude `lat`. */
function crossing(lat: number): Feature<LineString>[] {
  const d = lat - 40;
  return [
    lineString([[116.2, 40 + d], [116.35, 40.01 + d], [116.5, 40 + d]], { name: 'east-west' }),
    lineString([[116.35, 39.9 + d], [116.34, 40 + d], [116.36, 40.12 + d]], { name: 'north-south' }),
    lineString([[116.22, 39.92 + d], [116.45, 40.1 + d]], { name: 'diagonal' }),
  ];
}

describe('linesToArea', () => {
  it.each([20, 40, 50])('three crossing lines at %i°N, km 2: one polygon, boundary within 1 %, 0.98·km inside, 1.02·km outside', (lat) => {
    const lines = crossing(lat);
    const zone = linesToArea(lines, 2);
    expect(zone.geometry.type).toBe('Polygon');
    expect(zone.properties).toEqual({ km: 2, lineCount: 3 });
    expectBoundaryOnRadius(zone, lines, 2);
    expectInsideOutside(zone, lines, 2);
    for (const polygon of polygonsOf(zone)) polygon.forEach((ring, i) => expect(booleanClockwise(ring)).toBe(i > 0));
  });

  it('is smaller than the sum of the zones where they overlap, and equals the zone of the same lines as one MultiLineString', () => {
    const lines = crossing(40);
    const together = area(linesToArea(lines, 2));
    const sum = lines.reduce((s, l) => s + area(corridorZone(l, 2)), 0);
    expect(together).toBeLessThan(sum * 0.95);
    const multi: MultiLineString = { type: 'MultiLineString', coordinates: lines.map((l) => l.geometry.coordinates) };
    expect(together / area(corridorZone(multi, 2))).toBeCloseTo(1, 5);
  });

  it('keeps lines far apart as separate polygons (a MultiPolygon), and lineCount counts features', () => {
    const lines = [lineString([[116, 40], [116.05, 40.02]]), lineString([[117, 40], [117.04, 39.98]]), lineString([[118, 40], [118.1, 40.05]])];
    const zone = linesToArea(lines, 2);
    expect(zone.geometry.type).toBe('MultiPolygon');
    expect((zone.geometry as MultiPolygon).coordinates).toHaveLength(3);
    expect(zone.properties.lineCount).toBe(3);
    expectBoundaryOnRadius(zone, lines, 2);
  });

  it('merges lines whose zones just overlap (1.5·km apart) and encloses a hole inside a closed ring of lines', () => {
    // Four separate lines forming a 6 km square (corners touching): one polygon with one hole.
    const corners: Position[] = [[116.3, 40], [116.3703, 40], [116.3703, 40.054], [116.3, 40.054]];
    const sides = corners.map((c, i) => lineString([c, corners[(i + 1) % 4]!]));
    const ring = linesToArea(sides, 1);
    expect(ring.geometry.type).toBe('Polygon');
    expect((ring.geometry as Polygon).coordinates).toHaveLength(2);
    expectBoundaryOnRadius(ring, sides, 1);
    const parallel = [lineString([[116.3, 40], [116.35, 40]]), lineString([[116.3, 40.0135], [116.35, 40.0135]])]; // 1.5 km apart
    expect(linesToArea(parallel, 1).geometry.type).toBe('Polygon');
  });

  it('accepts a FeatureCollection or an array, with the same result', () => {
    const lines = crossing(40);
    expect(linesToArea(featureCollection(lines), 2)).toEqual(linesToArea(lines, 2));
  });

  it('does not mutate its input, and shares no arrays with it', () => {
    const input = featureCollection(crossing(40));
    const before = structuredClone(input);
    const zone = linesToArea(input, 2);
    expect(input).toEqual(before);
    (zone.geometry as Polygon).coordinates[0]![0]![0] = 0;
    expect(input).toEqual(before);
  });

  describe('rejects bad input, naming the argument', () => {
    const ok = crossing(40);
    it.each<[string, unknown, RegExp, ErrorConstructor]>([
      ['missing', undefined, /lines/, TypeError],
      ['a single Feature', ok[0], /lines/, TypeError],
      ['an empty array', [], /lines/, RangeError],
      ['an empty FeatureCollection', featureCollection([]), /lines/, RangeError],
      ['a Point among the lines', [ok[0], point([116, 40])], /lines\[1\]/, TypeError],
      ['a bare geometry among the lines', [ok[0], ok[1]!.geometry], /lines\[1\]/, TypeError],
      ['a NaN coordinate', [ok[0], lineString([[116, 40], [116.1, 40]]), { ...ok[2], geometry: { type: 'LineString', coordinates: [[116, 40], [116, Number.NaN]] } }], /lines\[2\]\[1\]/, RangeError],
      ['a line of one position (in a collection)', featureCollection([ok[0]!, { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116, 40]] } } as Feature<LineString>]), /lines\.features\[1\]/, RangeError],
    ])('lines: %s', (_, lines, message, type) => {
      expect(() => linesToArea(lines as Feature<LineString>[], 2)).toThrow(type);
      expect(() => linesToArea(lines as Feature<LineString>[], 2)).toThrow(message);
    });
    it.each<[string, unknown]>([
      ['negative', -2],
      ['zero', 0],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
    ])('km: %s', (_, km) => {
      expect(() => linesToArea(ok, km as number)).toThrow(RangeError);
      expect(() => linesToArea(ok, km as number)).toThrow(/km/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the lines (options in the collection's `properties`);
// out/<case>.geojson holds the lines + the area, styled (simplestyle-spec) for viewing in geojson.io.

type InCase = FeatureCollection<LineString | MultiLineString> & { properties: { km: number } };

function golden(input: InCase): FeatureCollection {
  const zone = linesToArea(input, input.properties.km);
  return {
    type: 'FeatureCollection',
    features: [
      { ...zone, properties: { ...zone.properties, fill: '#2e7d32', 'fill-opacity': 0.25, stroke: '#2e7d32', 'stroke-width': 1 } },
      ...input.features.map((l) => ({ ...l, properties: { ...l.properties, stroke: '#c62828', 'stroke-width': 2 } })),
    ],
  };
}

describeGolden<InCase>(
  'linesToArea',
  (input) => {
    const actual = golden(input);
    expectBoundaryOnRadius(actual.features[0] as Feature<Polygon | MultiPolygon>, input.features, input.properties.km);
    return actual;
  },
  { tolerance: 1e-6 },
);
