/**
 * villagesAlong (沿线村): checked against a brute-force reference — every village, Turf 7's
 * `nearestPointOnLine` (great-circle exact on Turf's sphere, see below) — on seeded random sets, plus
 * golden fixtures in test/fixtures/geo/villagesAlong/
 * (regenerate with `REGEN=1 npx vitest run --project unit src/geo/villagesAlong.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { bearing, destination, distance, earthRadius, lineString, multiLineString, nearestPointOnLine, point, pointToLineDistance, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import { describeGolden, readGoldenInput } from '../../test/helpers/golden';
import { villagesAlong } from './villagesAlong';
import { mulberry32 } from './syntheticCountry';

const ONE_METRE = 1e-3; // km

/** A random walk of `n` vertices from (116, lat) heading roughly east, steps of 0.3–4 km. */
function randomWalk(rnd: () => number, lat: number, n: number): number[][] {
  const coords: number[][] = [[116, lat]];
  let heading = 90;
  for (let i = 1; i < n; i++) {
    heading += (rnd() - 0.5) * 120;
    const step = 0.3 + 3.7 * rnd();
    coords.push(destination(coords[i - 1]!, step, heading, { units: 'kilometers' }).geometry.coordinates);
  }
  return coords;
}

/**
 * Villages around the line: mostly uniform offsets up to 2.5·km from a random vertex, and some placed
 * a few metres either side of the zone's edge (perpendicular to a random segment at its middle).
 */
function villagesAround(rnd: () => number, coords: number[][], km: number, count: number): Feature<Point, { code: string; town: string }>[] {
  const out: Feature<Point, { code: string; town: string }>[] = [];
  for (let i = 0; i < count; i++) {
    const props = { code: `v${i}`, town: `t${i % 7}` };
    if (i % 10 === 0) {
      const s = Math.floor(rnd() * (coords.length - 1));
      const a = coords[s]!;
      const b = coords[s + 1]!;
      const mid = destination(a, distance(a, b) / 2, bearing(a, b));
      const side = rnd() < 0.5 ? 90 : -90;
      const edge = km + (rnd() - 0.5) * 0.02; // within ±10 m of the edge
      out.push(point(destination(mid, edge, bearing(mid, b) + side).geometry.coordinates, props));
    } else {
      const v = coords[Math.floor(rnd() * coords.length)]!;
      out.push(point(destination(v, 2.5 * km * Math.sqrt(rnd()), 360 * rnd() - 180).geometry.coordinates, props));
    }
  }
  return out;
}

interface Ref {
  km: number;
  chainageKm: number;
}
/** Brute force: every village against the whole line with Turf's geodesic nearest point. */
function reference(villages: Feature<Point>[], line: Feature<LineString | MultiLineString>): Ref[] {
  return villages.map((v) => {
    const p = nearestPointOnLine(line, v, { units: 'kilometers' }).properties;
    return { km: p.pointDistance, chainageKm: p.totalDistance };
  });
}

/** Compares villagesAlong with the reference; returns the number of membership disagreements. */
function compare(villages: Feature<Point, { code: string }>[], line: Feature<LineString | MultiLineString>, km: number) {
  const ref = reference(villages, line);
  const got = villagesAlong(villages, line, { km });
  const byCode = new Map(got.features.map((f) => [f.properties.code, f.properties]));
  let mismatches = 0;
  let boundary = 0;
  villages.forEach((v, i) => {
    const r = ref[i]!;
    const g = byCode.get(v.properties.code);
    if (Math.abs(r.km - km) < ONE_METRE) boundary++;
    if ((r.km <= km) !== (g !== undefined)) {
      // Tolerated only within 1 m of the boundary.
      expect(Math.abs(r.km - km), `${v.properties.code}: ref ${r.km} km`).toBeLessThan(ONE_METRE);
      mismatches++;
    }
    if (g) {
      expect(Math.abs(g.distanceKm - r.km), `${v.properties.code} distance`).toBeLessThan(ONE_METRE);
      expect(Math.abs(g.chainageKm - r.chainageKm), `${v.properties.code} chainage`).toBeLessThan(ONE_METRE);
    }
  });
  const ch = got.features.map((f) => f.properties.chainageKm);
  for (let i = 1; i < ch.length; i++) expect(ch[i]!).toBeGreaterThanOrEqual(ch[i - 1]!);
  return { got, ref, mismatches, boundary };
}

describe('Turf 7 geodesic nearest point is great-circle exact', () => {
  // Independent spherical formulas (cross-track / along-track distance, Turf's radius): for a point
  // whose foot lies inside a long segment, Turf's pointDistance and location must equal them.
  it('matches the cross-track and along-track distances on a 300 km segment', () => {
    const R = earthRadius / 1000;
    const rnd = mulberry32(7);
    const a = [110, 38];
    const b = [113.3, 40.1];
    const seg = lineString([a, b]);
    for (let i = 0; i < 50; i++) {
      const c = destination(destination(a, 50 + 200 * rnd(), bearing(a, b)), 20 * rnd(), 90 + 180 * rnd());
      const d13 = distance(a, c) / R;
      const t13 = (bearing(a, c) * Math.PI) / 180;
      const t12 = (bearing(a, b) * Math.PI) / 180;
      const xt = Math.asin(Math.sin(d13) * Math.sin(t13 - t12));
      const at = Math.acos(Math.cos(d13) / Math.cos(xt));
      const p = nearestPointOnLine(seg, c, { units: 'kilometers' }).properties;
      expect(Math.abs(p.pointDistance - Math.abs(xt) * R)).toBeLessThan(1e-6);
      expect(Math.abs(p.totalDistance - at * R)).toBeLessThan(1e-6);
      expect(Math.abs(pointToLineDistance(c, seg, { units: 'kilometers', method: 'geodesic' }) - Math.abs(xt) * R)).toBeLessThan(1e-6);
    }
  });
});

describe('villagesAlong', () => {
  it('measures to the great circle, not the parallel (hand-worked)', () => {
    // 0.01° north of the middle of a 0.2° east–west segment at 40°N: 1.11195 km north of the parallel,
    // but the great circle bulges north by L²·tan φ / 8R = 17.036² · 0.8391 / 50968 = 0.00478 km.
    const road = lineString([[116.0, 40.0], [116.2, 40.0]]);
    const got = villagesAlong([point([116.1, 40.01], { code: 'a' }), point([116.1, 40.2], { code: 'b' })], road, { km: 3 });
    expect(got.features.map((f) => f.properties.code)).toEqual(['a']);
    expect(got.features[0]!.properties.distanceKm).toBeCloseTo(1.11195 - 0.00478, 4);
    expect(got.features[0]!.properties.chainageKm).toBeCloseTo(17.036 / 2, 2);
  });

  it.each([
    [20, 101],
    [40, 102],
    [50, 103],
    [65, 104],
  ])('agrees with brute force on a random walk at %i°N (seed %i)', (lat, seed) => {
    const rnd = mulberry32(seed);
    const line = lineString(randomWalk(rnd, lat, 40));
    const km = 1 + 3 * rnd();
    const villages = villagesAround(rnd, line.geometry.coordinates, km, 2500);
    const { got, mismatches } = compare(villages, line, km);
    expect(mismatches).toBe(0);
    // The sets are not trivial: a good share in and out of the zone.
    expect(got.features.length).toBeGreaterThan(500);
    expect(got.features.length).toBeLessThan(2000);
  });

  it('runs chainage on over the parts of a MultiLineString (gaps not counted)', () => {
    const rnd = mulberry32(201);
    const coords = randomWalk(rnd, 40, 46);
    // Three parts, the segments between them dropped: 0–14, 15–29, 30–45.
    const multi = multiLineString([coords.slice(0, 15), coords.slice(15, 30), coords.slice(30)]);
    const villages = villagesAround(rnd, coords, 2, 2000);
    const { got, ref, mismatches } = compare(villages, multi, 2);
    expect(mismatches).toBe(0);
    // Chainage at the start of part 2 is the length of part 1 only.
    const part1 = coords.slice(0, 15).reduce((sum, c, i, a) => (i ? sum + distance(a[i - 1]!, c) : 0), 0);
    const start2 = villagesAlong([point(coords[15]!, { code: 's2' })], multi, { km: 0.001 }).features[0]!;
    expect(start2.properties.chainageKm).toBeCloseTo(part1, 9);
    expect(got.features.length).toBeGreaterThan(300);
    expect(ref.length).toBe(2000);
  });

  it('handles a line across the antimeridian', () => {
    const line = lineString([[179.8, 10], [-179.9, 10.05], [-179.7, 10.1]]);
    const rnd = mulberry32(301);
    const villages = villagesAround(rnd, line.geometry.coordinates, 2, 400).map((v) => {
      const [x, y] = v.geometry.coordinates as [number, number];
      return point([x > 180 ? x - 360 : x < -180 ? x + 360 : x, y], v.properties);
    });
    const { got, mismatches } = compare(villages, line, 2);
    expect(mismatches).toBe(0);
    expect(got.features.some((f) => f.geometry.coordinates[0]! > 0)).toBe(true);
    expect(got.features.some((f) => f.geometry.coordinates[0]! < 0)).toBe(true);
  });

  it('keeps the villages, their properties and id, on new features; does not mutate its input', () => {
    const line = lineString([[116.0, 40.0], [116.1, 40.05]]);
    const input: FeatureCollection<Point, { code: string; town: string; distanceKm?: number }> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { code: 'a', town: 't', distanceKm: 99 }, geometry: { type: 'Point', coordinates: [116.05, 40.03] } },
        { type: 'Feature', properties: { code: 'b', town: 't' }, geometry: { type: 'Point', coordinates: [116.01, 40.0] } },
      ],
    };
    const before = structuredClone(input);
    const lineBefore = structuredClone(line);
    const got = villagesAlong(input, line, { km: 2 });
    expect(input).toEqual(before);
    expect(line).toEqual(lineBefore);
    expect(got.features.map((f) => f.properties.code)).toEqual(['b', 'a']);
    expect(got.features[1]!.id).toBe(7);
    expect(got.features[1]!.properties.town).toBe('t');
    expect(got.features[1]!.properties.distanceKm).toBeLessThan(2);
    for (const f of got.features) expect(input.features).not.toContain(f);
    got.features[0]!.geometry.coordinates[0] = 0;
    got.features[0]!.properties.town = 'changed';
    expect(input).toEqual(before);
  });

  it('takes an array as well as a FeatureCollection, and gives an empty collection when none is near', () => {
    const line = lineString([[116.0, 40.0], [116.1, 40.0]]);
    expect(villagesAlong([], line, { km: 1 }).features).toEqual([]);
    expect(villagesAlong([point([117, 41])], line, { km: 1 })).toEqual({ type: 'FeatureCollection', features: [] });
  });

  describe('rejects bad input, naming the argument', () => {
    const line = lineString([[116.0, 40.0], [116.1, 40.0]]);
    const ok = [point([116.05, 40.01], { code: 'a', town: 't' })];
    it('villages that are not a collection', () => {
      expect(() => villagesAlong({ type: 'Feature' } as never, line, { km: 1 })).toThrow(/villages must be/);
      expect(() => villagesAlong(null as never, line, { km: 1 })).toThrow(/villages/);
    });
    it('a village that is not a Point', () => {
      expect(() => villagesAlong([ok[0]!, line as never], line, { km: 1 })).toThrow(/villages\[1\].*LineString/);
    });
    it('a NaN or out-of-range coordinate', () => {
      const nan = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [Number.NaN, 40] } } as Feature<Point>;
      expect(() => villagesAlong([nan], line, { km: 1 })).toThrow(/villages\[0\]/);
      expect(() => villagesAlong([point([200, 40])], line, { km: 1 })).toThrow(/villages\[0\]/);
    });
    it('a negative, NaN or missing km', () => {
      expect(() => villagesAlong(ok, line, { km: -1 })).toThrow(/km/);
      expect(() => villagesAlong(ok, line, { km: Number.NaN })).toThrow(/km/);
      expect(() => villagesAlong(ok, line, undefined as never)).toThrow(/km/);
    });
    it('a line that is not a (Multi)LineString, too short, or not finite', () => {
      expect(() => villagesAlong(ok, polygon([[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]]) as never, { km: 1 })).toThrow(/line must be.*Polygon/);
      expect(() => villagesAlong(ok, { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116, 40]] } }, { km: 1 })).toThrow(/line needs at least 2/);
      expect(() => villagesAlong(ok, { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116, 40], [Number.NaN, 40]] } }, { km: 1 })).toThrow(/line position 1/);
      expect(() => villagesAlong(ok, multiLineString([[[116, 40], [116.1, 40]], [[117, 40]]]), { km: 1 })).toThrow(/line part 1/);
      expect(() => villagesAlong(ok, point([116, 40]) as never, { km: 1 })).toThrow(/line must be/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the line (the one (Multi)LineString feature) and the villages,
// options in the collection's `properties`; out/<case>.geojson holds the line and every village,
// green with distanceKm/chainageKm when in the zone, grey otherwise (simplestyle-spec).

type InCase = FeatureCollection & { properties?: { km?: number } & Record<string, unknown> };

function golden(input: InCase): FeatureCollection {
  const line = input.features.find((f) => f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') as Feature<
    LineString | MultiLineString
  >;
  const villages = input.features.filter((f) => f.geometry.type === 'Point') as Feature<Point, { code: string }>[];
  const km = input.properties?.km ?? 3;
  const along = villagesAlong(villages, line, { km });
  const inZone = new Set(along.features.map((f) => f.properties.code));
  return {
    type: 'FeatureCollection',
    features: [
      { ...line, properties: { ...line.properties, km, stroke: '#1565c0', 'stroke-width': 3 } },
      ...along.features.map((f) => ({ ...f, properties: { ...f.properties, 'marker-color': '#2e7d32', 'marker-size': 'small' } })),
      ...villages
        .filter((v) => !inZone.has(v.properties.code))
        .map((v) => ({ ...v, properties: { ...v.properties, 'marker-color': '#9e9e9e', 'marker-size': 'small' } })),
    ],
  };
}

describeGolden<InCase>('villagesAlong', golden, {
  tolerance: 1e-6,
  more: () => {
    it('g109-3km: every kept village is within 3 km by plain Turf, every other is not', () => {
      const input = readGoldenInput<InCase>('villagesAlong', 'g109-3km');
      const line = input.features[0] as Feature<LineString>;
      const villages = input.features.slice(1) as Feature<Point, { code: string }>[];
      const kept = new Set(villagesAlong(villages, line, { km: 3 }).features.map((f) => f.properties.code));
      expect(kept.size).toBeGreaterThan(5);
      for (const v of villages) {
        const d = pointToLineDistance(v, line, { units: 'kilometers', method: 'geodesic' });
        if (Math.abs(d - 3) >= ONE_METRE) expect(kept.has(v.properties.code), v.properties.code).toBe(d <= 3);
      }
    });
  },
});
