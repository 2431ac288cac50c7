/**
 * linkPoints (串点成线): a LineString through points, nearest-neighbour from the west, or in
 * order along a given line. Expected orders are worked out by hand from the constructed inputs.
 */
import { describe, expect, it } from 'vitest';
import { featureCollection, lineString, multiLineString, point, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { describeGolden } from '../../test/helpers/golden';
import { linkPoints } from './linkPoints';

const coords = (pts: Feature<Point>[]) => pts.map((p) => p.geometry.coordinates);
/** The points as the FeatureCollection linkPoints takes. */
const fc = (pts: Feature<Point>[]): FeatureCollection<Point> => featureCollection(pts);
const isPermutation = (order: number[], n: number) => [...order].sort((a, b) => a - b).join() === [...Array(n).keys()].join();

describe('linkPoints without along (nearest neighbour from the west)', () => {
  // On one parallel: 116.0, 116.3, 116.1, 116.2 → west to east is indexes 0, 2, 3, 1.
  const ROW = [point([116.0, 40]), point([116.3, 40]), point([116.1, 40]), point([116.2, 40])];

  it('walks a row of points west to east', () => {
    const line = linkPoints(fc(ROW));
    expect(line.geometry.type).toBe('LineString');
    expect(line.properties.order).toEqual([0, 2, 3, 1]);
    expect(line.geometry.coordinates).toEqual([[116.0, 40], [116.1, 40], [116.2, 40], [116.3, 40]]);
  });

  it('starts at the westernmost point even when it is not first', () => {
    // Westernmost is index 2. From it, nearest is index 0 (≈ 8.5 km) not index 1 (≈ 11.2 km north).
    const pts = [point([116.2, 40.0]), point([116.12, 40.1]), point([116.1, 40.0])];
    const line = linkPoints(fc(pts));
    expect(line.properties.order[0]).toBe(2);
    expect(line.properties.order).toEqual([2, 0, 1]);
    expect(line.geometry.coordinates[0]).toEqual([116.1, 40.0]);
  });

  it('follows the nearest unvisited point, not the input order or west-to-east', () => {
    // West to east would be A, C, D, B; input order is A, B, C, D.
    const pts = [point([116.0, 40.0]), point([116.15, 40.0]), point([116.02, 40.1]), point([116.05, 40.3])];
    // From A: C ≈ 11.2 km, B ≈ 12.8 km, D ≈ 33.5 km → C. From C: D ≈ 22.4 km, B ≈ 15.8 km → B. Then D.
    expect(linkPoints(fc(pts)).properties.order).toEqual([0, 2, 1, 3]);
  });

  it('visits every point exactly once and the line has one vertex per point', () => {
    const pts = [
      point([116.691419, 40.2869]),
      point([116.684706, 40.289676]),
      point([116.67875, 40.289082]),
      point([116.704381, 40.274313]),
      point([116.677944, 40.258941]),
      point([116.640866, 40.628597]),
    ];
    const line = linkPoints(fc(pts));
    expect(line.properties.order).toHaveLength(pts.length);
    expect(isPermutation(line.properties.order, pts.length)).toBe(true);
    expect(line.geometry.coordinates).toEqual(line.properties.order.map((i) => pts[i]!.geometry.coordinates));
    // Westernmost of these is 116.640866 (index 5).
    expect(line.properties.order[0]).toBe(5);
  });

  it('links two points', () => {
    const line = linkPoints(fc([point([116.3, 40]), point([116.1, 40])]));
    expect(line.properties.order).toEqual([1, 0]);
  });
});

describe('linkPoints along a line', () => {
  // A west→east zigzag: (116.0,40.0) → (116.1,40.3) → (116.2,40.0) → (116.3,40.3), legs of ≈ 35 km.
  const ZIGZAG = lineString([
    [116.0, 40.0],
    [116.1, 40.3],
    [116.2, 40.0],
    [116.3, 40.3],
  ]);
  // P0 near the 3rd vertex (≈ 70 km along), P1 near the start (≈ 3 km), P2 near the end (≈ 100 km),
  // P3 near the 2nd vertex (≈ 35 km).
  const PTS = [point([116.2, 40.01]), point([116.01, 40.03]), point([116.29, 40.27]), point([116.1, 40.29])];

  it('orders the points by their position along the line', () => {
    const line = linkPoints(fc(PTS), { along: ZIGZAG });
    expect(line.properties.order).toEqual([1, 3, 0, 2]);
    expect(line.geometry.coordinates).toEqual([[116.01, 40.03], [116.1, 40.29], [116.2, 40.01], [116.29, 40.27]]);
  });

  it('differs from both the input order and the nearest-neighbour order for the same points', () => {
    // Nearest neighbour from P1 (westernmost) goes to P0 (≈ 16 km) before P3 (≈ 30 km).
    expect(linkPoints(fc(PTS)).properties.order.slice(0, 2)).toEqual([1, 0]);
    expect(linkPoints(fc(PTS), { along: ZIGZAG }).properties.order).not.toEqual([0, 1, 2, 3]);
  });

  it('reverses when the line runs the other way', () => {
    const backwards = lineString([...ZIGZAG.geometry.coordinates].reverse());
    expect(linkPoints(fc(PTS), { along: backwards }).properties.order).toEqual([2, 0, 3, 1]);
  });

  it('accepts a MultiLineString', () => {
    const parts = multiLineString([
      [[116.0, 40.0], [116.1, 40.3]],
      [[116.1, 40.3], [116.2, 40.0], [116.3, 40.3]],
    ]);
    expect(linkPoints(fc(PTS), { along: parts }).properties.order).toEqual([1, 3, 0, 2]);
  });

  it('rejects an along that is not a line, naming along', () => {
    const notALine = polygon([[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]]);
    expect(() => linkPoints(fc(PTS), { along: notALine as unknown as Feature<LineString> })).toThrow(/along/);
    expect(() => linkPoints(fc(PTS), { along: point([116, 40]) as unknown as Feature<LineString> })).toThrow(/along/);
  });

  it('mutates neither the points nor the line', () => {
    const points = fc(structuredClone(PTS));
    const along = structuredClone(ZIGZAG);
    const before = structuredClone({ points, along });
    const line = linkPoints(points, { along });
    expect({ points, along }).toEqual(before);
    // The result does not share positions with the input.
    line.geometry.coordinates[0]![0] = 0;
    expect(points).toEqual(before.points);
  });
});

describe('linkPoints input checks', () => {
  it('needs at least two points', () => {
    expect(() => linkPoints(fc([]))).toThrow(/points/);
    expect(() => linkPoints(fc([point([116, 40])]))).toThrow(/points/);
  });

  it('rejects a non-Point feature, naming its index', () => {
    const line = lineString([[116, 40], [116.1, 40]]);
    expect(() => linkPoints(fc([point([116, 40]), line as unknown as Feature<Point>]))).toThrow(/points\[1\]/);
  });

  it('rejects out-of-range coordinates', () => {
    expect(() => linkPoints(fc([point([116, 40]), point([200, 40])]))).toThrow(/points\[1\]/);
  });

  it('does not mutate the points without along either', () => {
    const points = fc([point([116.3, 40]), point([116.1, 40]), point([116.2, 40.01])]);
    const before = structuredClone(points);
    linkPoints(points);
    expect(points).toEqual(before);
    expect(coords(points.features)).toEqual([[116.3, 40], [116.1, 40], [116.2, 40.01]]);
  });

  it('takes an array of Point features too, with the same result', () => {
    const pts = [point([116.0, 40]), point([116.3, 40]), point([116.1, 40])];
    expect(linkPoints(pts)).toEqual(linkPoints(fc(pts)));
  });

  it('rejects points that are neither a FeatureCollection nor an array, naming points', () => {
    expect(() => linkPoints(point([116, 40]) as unknown as FeatureCollection<Point>)).toThrow(TypeError);
    expect(() => linkPoints(null as unknown as FeatureCollection<Point>)).toThrow(/points must be a FeatureCollection/);
  });
});

describe('linkPoints order option', () => {
  const pts = [point([116.0, 40]), point([116.3, 40]), point([116.1, 40])];
  it('links the points in the order given', () => {
    const line = linkPoints(fc(pts), { order: [1, 0, 2] });
    expect(line.properties.order).toEqual([1, 0, 2]);
    expect(line.geometry.coordinates).toEqual([[116.3, 40], [116.0, 40], [116.1, 40]]);
  });
  it.each([
    [[0, 1]],
    [[0, 1, 1]],
    [[0, 1, 3]],
    [[0, 1, 1.5]],
  ])('rejects order %j naming the option', (order) => {
    expect(() => linkPoints(fc(pts), { order })).toThrow(/order/);
  });
  it('refuses along and order together', () => {
    expect(() => linkPoints(fc(pts), { order: [0, 1, 2], along: lineString([[116, 40], [117, 40]]) })).toThrow(/along.*order|order.*along/);
  });
});

type LinkCase = FeatureCollection<Point | LineString, Record<string, unknown>> & { properties?: { along?: string } };

/** Golden: the Mentougou cluster cores of data/plan.json linked along the g109 line (串点成线). */
function golden(input: LinkCase) {
  const points = input.features.filter((f): f is Feature<Point, Record<string, unknown>> => f.geometry.type === 'Point');
  const along = input.features.find((f): f is Feature<LineString, Record<string, unknown>> => f.geometry.type === 'LineString' && f.properties['id'] === input.properties?.along);
  const line = linkPoints(featureCollection(points), along ? { along } : {});
  return {
    type: 'FeatureCollection',
    features: [
      ...(along ? [{ ...along, properties: { ...along.properties, stroke: '#b23c17', 'stroke-width': 2 } }] : []),
      { ...line, properties: { ...line.properties, stroke: '#d81b60', 'stroke-width': 4, 'stroke-opacity': 0.6 } },
      ...line.properties.order.map((i, rank) => ({ ...points[i]!, properties: { ...points[i]!.properties, rank, 'marker-color': '#c62828' } })),
    ],
  };
}

describeGolden<LinkCase>('linkPoints', golden, { tolerance: 1e-9 });
