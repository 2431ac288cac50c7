/**
 * assignClusters (组团): a hand-worked case whose answer is written out by hand, a brute-force
 * nearest-core loop (Turf `distance`) on a seeded random set, and golden fixtures in
 * test/fixtures/geo/assignClusters/ (regenerate with
 * `REGEN=1 npx vitest run --project unit src/geo/assignClusters.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { destination, distance, point } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { describeGolden, readGoldenInput } from '../../test/helpers/golden';
import { assignClusters, type AssignClustersOptions } from './assignClusters';
import { mulberry32 } from './syntheticCountry';

type V = Feature<Point, { code: string; town: string }>;
const at = (code: string, town: string, coords: number[]): V => point(coords, { code, town });
/** `km` from `from` on `bearing` (0 = north, 90 = east). */
const off = (from: number[], km: number, bearing: number) => destination(from, km, bearing, { units: 'kilometers' }).geometry.coordinates;

// Two towns. X has cores A (116.0, 40.0) and B (116.2, 40.0), 17 km apart; Y has core C (116.1, 40.1),
// about 14 km from both. maxKm 5, so no village is within reach of two of them, except in the tie case.
const A = [116.0, 40.0];
const B = [116.2, 40.0];
const C = [116.1, 40.1];
const SMALL: V[] = [
  at('110000000002', 'X', B), // core B
  at('110000000001', 'X', A), // core A
  at('110000000003', 'Y', C), // core C
  at('a1', 'X', off(A, 1, 90)), // 1 km east of A → A, 1 km
  at('a2', 'X', off(A, 2, 0)), // 2 km north of A → A, 2 km
  at('b1', 'X', off(B, 1.5, 270)), // 1.5 km west of B → B, 1.5 km
  at('b2', 'X', off(B, 4.9, 180)), // 4.9 km south of B → B (just inside 5 km)
  at('b3', 'X', off(B, 5.1, 180)), // 5.1 km south of B → none (just outside)
  at('c1', 'Y', off(C, 1, 180)), // 1 km south of C → C, 1 km
  at('yA', 'Y', off(A, 0.5, 270)), // town Y, 0.5 km west of A: none (C is 14 km away); any town: A, 0.5 km
  at('xC', 'X', off(C, 1, 0)), // town X, 1 km north of C: none (A, B ≥ 14 km); any town: C, 1 km
  at('far', 'X', [117, 41]), // none
];
const CORES = ['110000000001', '110000000002', '110000000003'];

function table(fc: FeatureCollection<Point, { code: string; cluster: string | null; clusterRole: string; distanceKm: number | null }>) {
  return Object.fromEntries(
    fc.features.map((f) => [f.properties.code, [f.properties.cluster, f.properties.clusterRole, f.properties.distanceKm === null ? null : Math.round(f.properties.distanceKm * 1000) / 1000]]),
  );
}

describe('assignClusters', () => {
  it('assigns the hand-worked case (sameTown, the default)', () => {
    expect(table(assignClusters(SMALL, { cores: CORES, maxKm: 5 }))).toEqual({
      '110000000001': ['110000000001', 'core', 0],
      '110000000002': ['110000000002', 'core', 0],
      '110000000003': ['110000000003', 'core', 0],
      a1: ['110000000001', 'member', 1],
      a2: ['110000000001', 'member', 2],
      b1: ['110000000002', 'member', 1.5],
      b2: ['110000000002', 'member', 4.9],
      b3: [null, 'none', null],
      c1: ['110000000003', 'member', 1],
      yA: [null, 'none', null],
      xC: [null, 'none', null],
      far: [null, 'none', null],
    });
  });

  it('with sameTown false, the nearest core of any town', () => {
    const t = table(assignClusters(SMALL, { cores: CORES, maxKm: 5, sameTown: false }));
    expect(t.yA).toEqual(['110000000001', 'member', 0.5]);
    expect(t.xC).toEqual(['110000000003', 'member', 1]);
    // The rest as before.
    expect(t.a1).toEqual(['110000000001', 'member', 1]);
    expect(t.b3).toEqual([null, 'none', null]);
    expect(t.far).toEqual([null, 'none', null]);
  });

  it('cuts off at maxKm', () => {
    const t = table(assignClusters(SMALL, { cores: CORES, maxKm: 1.2 }));
    expect(t.a1).toEqual(['110000000001', 'member', 1]);
    expect(t.a2).toEqual([null, 'none', null]);
    expect(t.b1).toEqual([null, 'none', null]);
    expect(table(assignClusters(SMALL, { cores: CORES, maxKm: 0 })).a1).toEqual([null, 'none', null]);
  });

  it('gives a tie to the core with the smaller code, whatever the order', () => {
    // 40.01 and 39.99 are exactly as far from 40.00 on one meridian.
    const villages = [at('z2', 'Z', [116, 40.01]), at('z1', 'Z', [116, 39.99]), at('v', 'Z', [116, 40])];
    expect(table(assignClusters(villages, { cores: ['z2', 'z1'], maxKm: 5 })).v![0]).toBe('z1');
    expect(table(assignClusters([...villages].reverse(), { cores: ['z1', 'z2'], maxKm: 5 })).v![0]).toBe('z1');
  });

  it('agrees with a brute-force nearest-core loop on a seeded random set', () => {
    const rnd = mulberry32(11);
    const villages: V[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = 115.5 + rnd();
      const y = 39.5 + 0.8 * rnd();
      villages.push(at(`v${String(i).padStart(4, '0')}`, `t${Math.floor(x / 0.2)}-${Math.floor(y / 0.2)}`, [x, y]));
    }
    const cores = villages.filter(() => rnd() < 0.02).map((v) => v.properties.code);
    for (const sameTown of [true, false]) {
      const got = assignClusters(villages, { cores, maxKm: 4, sameTown });
      const coreSet = new Set(cores);
      const coreVs = villages.filter((v) => coreSet.has(v.properties.code));
      villages.forEach((v, i) => {
        const g = got.features[i]!.properties;
        expect(got.features[i]!.properties.code).toBe(v.properties.code);
        if (coreSet.has(v.properties.code)) {
          expect([g.cluster, g.clusterRole, g.distanceKm]).toEqual([v.properties.code, 'core', 0]);
          return;
        }
        let best: string | null = null;
        let bestKm = Infinity;
        for (const c of coreVs) {
          if (sameTown && c.properties.town !== v.properties.town) continue;
          const d = distance(v, c, { units: 'kilometers' });
          if (d <= 4 && (d < bestKm || (d === bestKm && c.properties.code < best!))) [best, bestKm] = [c.properties.code, d];
        }
        expect(g.cluster, v.properties.code).toBe(best);
        expect(g.clusterRole).toBe(best ? 'member' : 'none');
        if (best) expect(Math.abs(g.distanceKm! - bestKm)).toBeLessThan(1e-9);
        else expect(g.distanceKm).toBeNull();
      });
      const members = got.features.filter((f) => f.properties.clusterRole === 'member').length;
      expect(members).toBeGreaterThan(200);
    }
  });

  it('keeps properties and id, on new features; does not mutate its input', () => {
    const input: FeatureCollection<Point, { code: string; town: string; cluster: string | null; name: string }> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'k', properties: { code: 'c', town: 'T', cluster: 'old', name: '核心村' }, geometry: { type: 'Point', coordinates: [116, 40] } },
        { type: 'Feature', properties: { code: 'm', town: 'T', cluster: null, name: '成员村' }, geometry: { type: 'Point', coordinates: [116.01, 40] } },
      ],
    };
    const before = structuredClone(input);
    const got = assignClusters(input, { cores: ['c'], maxKm: 2 });
    expect(input).toEqual(before);
    expect(got.features[0]!.id).toBe('k');
    expect(got.features[0]!.properties).toMatchObject({ name: '核心村', cluster: 'c', clusterRole: 'core', distanceKm: 0 });
    expect(got.features[1]!.properties).toMatchObject({ name: '成员村', cluster: 'c', clusterRole: 'member' });
    got.features[1]!.geometry.coordinates[0] = 0;
    got.features[1]!.properties.name = 'x';
    expect(input).toEqual(before);
  });

  it('with no cores, every village is none', () => {
    const got = assignClusters(SMALL, { cores: [], maxKm: 5 });
    expect(got.features.every((f) => f.properties.clusterRole === 'none' && f.properties.cluster === null)).toBe(true);
  });

  describe('rejects bad input, naming the argument', () => {
    it('an unknown core code', () => {
      expect(() => assignClusters(SMALL, { cores: [...CORES, '119999999999'], maxKm: 5 })).toThrow(/cores.*119999999999/);
    });
    it('a core listed twice, or two villages with a core code', () => {
      expect(() => assignClusters(SMALL, { cores: [CORES[0]!, CORES[0]!], maxKm: 5 })).toThrow(/cores.*twice/);
      expect(() => assignClusters([...SMALL, at(CORES[0]!, 'X', [116, 40])], { cores: CORES, maxKm: 5 })).toThrow(/villages.*110000000001/);
    });
    it('a negative or NaN maxKm', () => {
      expect(() => assignClusters(SMALL, { cores: CORES, maxKm: -1 })).toThrow(/maxKm/);
      expect(() => assignClusters(SMALL, { cores: CORES, maxKm: Number.NaN })).toThrow(/maxKm/);
    });
    it('cores that are not an array of codes', () => {
      expect(() => assignClusters(SMALL, { cores: 'x' as never, maxKm: 5 })).toThrow(/cores/);
      expect(() => assignClusters(SMALL, { cores: [1 as never], maxKm: 5 })).toThrow(/cores\[0\]/);
    });
    it('a village that is not a Point, has NaN coordinates, or lacks code or town', () => {
      const line = { type: 'Feature', properties: { code: 'l', town: 'X' }, geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] } };
      expect(() => assignClusters([SMALL[0]!, line as never], { cores: [], maxKm: 5 })).toThrow(/villages\[1\]/);
      const nan = { type: 'Feature', properties: { code: 'n', town: 'X' }, geometry: { type: 'Point', coordinates: [116, Number.NaN] } } as V;
      expect(() => assignClusters([nan], { cores: [], maxKm: 5 })).toThrow(/villages\[0\]/);
      expect(() => assignClusters([point([116, 40], { town: 'X' }) as never], { cores: [], maxKm: 5 })).toThrow(/villages\[0\].*code/);
      expect(() => assignClusters([point([116, 40], { code: 'q' }) as never], { cores: [], maxKm: 5 })).toThrow(/villages\[0\].*town/);
    });
    it('villages that are not a collection', () => {
      expect(() => assignClusters({ type: 'Feature' } as never, { cores: [], maxKm: 5 })).toThrow(/villages must be/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the villages, options (cores, maxKm, sameTown) in the
// collection's `properties`; out/<case>.geojson holds them with the assignment, one colour per cluster
// (cores large), grey for none.

type InCase = FeatureCollection<Point, { code: string; town: string }> & { properties?: AssignClustersOptions & Record<string, unknown> };
const PALETTE = ['#e53935', '#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#d81b60', '#3949ab', '#c0ca33'];

function golden(input: InCase): FeatureCollection {
  const { cores, maxKm, sameTown } = input.properties!;
  const got = assignClusters(input.features, { cores, maxKm, ...(sameTown === undefined ? {} : { sameTown }) });
  return {
    type: 'FeatureCollection',
    features: got.features.map((f) => {
      const k = f.properties.cluster === null ? -1 : cores.indexOf(f.properties.cluster);
      return {
        ...f,
        properties: {
          ...f.properties,
          'marker-color': k < 0 ? '#9e9e9e' : PALETTE[k % PALETTE.length]!,
          'marker-size': f.properties.clusterRole === 'core' ? 'large' : 'small',
          ...(f.properties.clusterRole === 'core' ? { 'marker-symbol': 'star' } : {}),
        },
      };
    }),
  };
}

describeGolden<InCase>('assignClusters', golden, {
  tolerance: 1e-6,
  more: () => {
    it('mentougou-6km: each plan cluster member of data/plan.json joins its own core', () => {
      const input = readGoldenInput<InCase>('assignClusters', 'mentougou-6km');
      const got = assignClusters(input.features, { cores: input.properties!.cores, maxKm: 6 });
      const roles = got.features.map((f) => f.properties.clusterRole);
      expect(roles.filter((r) => r === 'core')).toHaveLength(input.properties!.cores.length);
      expect(roles.filter((r) => r === 'member').length).toBeGreaterThan(10);
      for (const f of got.features) {
        if (f.properties.cluster) expect(input.features.find((v) => v.properties.code === f.properties.cluster)!.properties.town).toBe(f.properties.town);
      }
    });
  },
});
