/**
 * clusterHull: the drawn area of a cluster (示范片区). Checked against geometry facts computed with
 * independent Turf functions, plus golden fixtures in test/fixtures/geo/clusterHull/
 * (regenerate with `REGEN=1 npx vitest run --project unit src/geo/clusterHull.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, booleanValid, lineString, point, pointToLineDistance, polygonToLine } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { describeGolden } from '../../test/helpers/golden';
import { clusterHull, type ClusterHullOptions } from './clusterHull';

/** Real located villages: cluster huairou-yangsong of data/plan.json (core first). */
const YANGSONG: Feature<Point>[] = [
  point([116.691419, 40.2869], { name: '郭庄村' }),
  point([116.684706, 40.289676], { name: '安乐庄村' }),
  point([116.67875, 40.289082], { name: '杨宋庄村' }),
  point([116.704381, 40.274313], { name: '太平庄满族村' }),
  point([116.677944, 40.258941], { name: '南年丰村' }),
];

/** Every ring of a (Multi)Polygon as a LineString, for distance-to-boundary checks. */
function boundaryLines(hull: Feature<Polygon | MultiPolygon>): Feature<LineString>[] {
  const lines = polygonToLine(hull);
  const parts = lines.type === 'FeatureCollection' ? lines.features : [lines];
  return parts.flatMap((l) =>
    l.geometry.type === 'LineString' ? [l as Feature<LineString>] : l.geometry.coordinates.map((c) => lineString(c)),
  );
}
function kmToBoundary(p: Feature<Point>, hull: Feature<Polygon | MultiPolygon>): number {
  return Math.min(...boundaryLines(hull).map((l) => pointToLineDistance(p, l, { units: 'kilometers' })));
}

describe('clusterHull', () => {
  it('contains every member of a real cluster', () => {
    const hull = clusterHull(YANGSONG, { bufferKm: 0.8 });
    expect(['Polygon', 'MultiPolygon']).toContain(hull.geometry.type);
    for (const m of YANGSONG) expect(booleanPointInPolygon(m, hull), String(m.properties?.name)).toBe(true);
    expect(hull.properties.memberCount).toBe(5);
  });

  it('with bufferKm = 1 keeps every member about 1 km inside the boundary', () => {
    const hull = clusterHull(YANGSONG, { bufferKm: 1 });
    for (const m of YANGSONG) expect(kmToBoundary(m, hull), String(m.properties?.name)).toBeGreaterThanOrEqual(0.99);
  });

  it('the margin grows with bufferKm (0 km is the bare convex hull: a hull vertex lies on the boundary)', () => {
    const bare = clusterHull(YANGSONG, { bufferKm: 0 });
    const wide = clusterHull(YANGSONG, { bufferKm: 2 });
    // 南年丰村 is the southernmost member, so a vertex of the convex hull.
    expect(kmToBoundary(YANGSONG[4]!, bare)).toBeLessThan(1e-3);
    expect(kmToBoundary(YANGSONG[4]!, wide)).toBeGreaterThan(1.98);
    expect(area(wide)).toBeGreaterThan(area(bare));
  });

  it('defaults to a 1 km margin', () => {
    const hull = clusterHull(YANGSONG);
    const d = kmToBoundary(YANGSONG[0]!, clusterHull([YANGSONG[0]!]));
    expect(d).toBeGreaterThan(0.99);
    expect(d).toBeLessThan(1.01);
    for (const m of YANGSONG) expect(kmToBoundary(m, hull)).toBeGreaterThanOrEqual(0.99);
  });

  it('gives one village an area of about π·r² around it', () => {
    const one = clusterHull([YANGSONG[0]!], { bufferKm: 1 });
    expect(one.properties.memberCount).toBe(1);
    expect(booleanPointInPolygon(YANGSONG[0]!, one)).toBe(true);
    // A polygonal approximation of a circle of radius 1 km: a little under π km².
    const km2 = area(one) / 1e6;
    expect(km2).toBeGreaterThan(3.0);
    expect(km2).toBeLessThanOrEqual(Math.PI);
  });

  it('gives two villages an area containing both', () => {
    const two = clusterHull(YANGSONG.slice(0, 2), { bufferKm: 0.5 });
    expect(two.properties.memberCount).toBe(2);
    expect(area(two)).toBeGreaterThan(0);
    for (const m of YANGSONG.slice(0, 2)) expect(booleanPointInPolygon(m, two)).toBe(true);
  });

  // Two villages (or three in a row) have no convex hull of their own; their margins overlap, and the
  // result must still be one valid area, not e.g. a MultiPolygon of overlapping discs.
  it.each([
    ['two villages 0.6 km apart', YANGSONG.slice(1, 3)],
    ['three villages in a row', [point([116.1, 40]), point([116.11, 40]), point([116.12, 40])]],
  ])('%s closer than 2·bufferKm give one valid polygon', (_, members) => {
    const hull = clusterHull(members, { bufferKm: 1 });
    expect(booleanValid(hull)).toBe(true);
    for (const m of members) expect(kmToBoundary(m, hull)).toBeGreaterThanOrEqual(0.99);
  });

  it('does not mutate its input', () => {
    const input = structuredClone(YANGSONG);
    const before = structuredClone(input);
    const hull = clusterHull(input, { bufferKm: 0.8 });
    expect(input).toEqual(before);
    // Nor does the result share coordinate arrays with the input.
    const g = hull.geometry as Polygon | MultiPolygon;
    const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
    ring[0]![0] = 0;
    expect(input).toEqual(before);
  });

  describe('rejects bad input, naming the argument', () => {
    it('an empty list of members', () => {
      expect(() => clusterHull([])).toThrow(/members/);
    });
    it('a feature that is not a Point', () => {
      const line = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] } };
      expect(() => clusterHull([YANGSONG[0]!, line as unknown as Feature<Point>])).toThrow(/members\[1\]/);
    });
    it('a NaN coordinate', () => {
      // Built by hand: turf.point() itself refuses NaN.
      const bad = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [Number.NaN, 40] } } as Feature<Point>;
      expect(() => clusterHull([YANGSONG[0]!, bad])).toThrow(/members\[1\]/);
    });
    it('a negative bufferKm', () => {
      expect(() => clusterHull(YANGSONG, { bufferKm: -1 })).toThrow(/bufferKm/);
    });
    it('a NaN bufferKm', () => {
      expect(() => clusterHull(YANGSONG, { bufferKm: Number.NaN })).toThrow(/bufferKm/);
    });
    it('too few circle steps', () => {
      expect(() => clusterHull(YANGSONG, { steps: 3 })).toThrow(/steps/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the points (options in the collection's `properties`);
// out/<case>.geojson holds the points + the hull, styled (simplestyle-spec) for viewing in geojson.io.

type InCase = FeatureCollection<Point> & { properties?: ClusterHullOptions & Record<string, unknown> };

function golden(input: InCase): FeatureCollection {
  const opts: ClusterHullOptions = {};
  if (typeof input.properties?.bufferKm === 'number') opts.bufferKm = input.properties.bufferKm;
  const hull = clusterHull(input.features, opts);
  return {
    type: 'FeatureCollection',
    features: [
      {
        ...hull,
        properties: { ...hull.properties, ...opts, fill: '#ef6c00', 'fill-opacity': 0.25, stroke: '#ef6c00', 'stroke-width': 2 },
      },
      ...input.features.map((f, i) => ({
        ...f,
        properties: { ...f.properties, 'marker-color': i === 0 ? '#c62828' : '#ef6c00', 'marker-size': 'small' },
      })),
    ],
  };
}

describeGolden<InCase>('clusterHull', golden, { tolerance: 1e-6 });
