/**
 * proposeClusters (示范片区建议): hand-built towns whose proposal is written out by hand, determinism,
 * and golden fixtures in test/fixtures/geo/proposeClusters/ (regenerate with
 * `REGEN=1 npx vitest run --project unit src/geo/proposeClusters.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { destination, distance, point } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { describeGolden } from '../../test/helpers/golden';
import { proposeClusters, type ProposeClustersOptions } from './proposeClusters';
import { mulberry32 } from './syntheticCountry';

type V = Feature<Point, { code: string; town: string }>;
const off = (from: number[], km: number, bearing: number) => destination(from, km, bearing, { units: 'kilometers' }).geometry.coordinates;

/**
 * A town with a clear centre: `c` and six villages around it at 3.0–4.5 km (bearings 0°, 60°, …, 300°).
 * Neighbours on the ring are 3.2–4.4 km apart, every other pair more than 5 km; two outliers lie 8 and
 * 12 km out. Within 5 km, c has 6 villages of the town, a ring village 3, an outlier 0.
 */
function clearCentre(town: string, centre: number[], prefix: string): V[] {
  const ring = [3.0, 3.3, 3.6, 3.9, 4.2, 4.5].map((km, i) => point(off(centre, km, 60 * i), { code: `${prefix}r${i}`, town }));
  return [
    point(centre, { code: `${prefix}c`, town }),
    ...ring,
    point(off(centre, 8, 90), { code: `${prefix}o1`, town }),
    point(off(centre, 12, 270), { code: `${prefix}o2`, town }),
  ];
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('proposeClusters', () => {
  it('proposes the centre of a town with a clear centre, and its 5 nearest villages', () => {
    const T = clearCentre('斋堂镇', [115.7, 39.97], '');
    expect(proposeClusters(T, { maxKm: 5 })).toEqual({
      clusters: [
        {
          town: '斋堂镇',
          core: 'c',
          members: ['r0', 'r1', 'r2', 'r3', 'r4'],
          reason: {
            core: 'core: 6 villages of 斋堂镇 within 5 km, the most of any village in the town',
            members: 'members: the 5 nearest villages of 斋堂镇 within 5 km (3.0–4.2 km)',
          },
          // The ring lies at 3.0–4.5 km: 22.5 km in all, the nearest five 3.0–4.2 km.
          why: {
            town: '斋堂镇', round: 1, maxKm: 5, near: 6, tied: 0, sumKm: expect.closeTo(22.5, 6), members: 5, fewest: 4,
            nearestKm: expect.closeTo(3.0, 6), farthestKm: expect.closeTo(4.2, 6),
          },
        },
      ],
      unclustered: [],
    });
  });

  it('the construction is as described (independent check with Turf distance)', () => {
    const T = clearCentre('T', [115.7, 39.97], '');
    const near = (v: V) => T.filter((u) => u !== v && distance(u, v) <= 5).length;
    expect(T.map(near)).toEqual([6, 3, 3, 3, 3, 3, 3, 0, 0]);
  });

  it('lists a town with too few villages, and a town too spread out, in unclustered', () => {
    const few = [0, 1, 2].map((i) => point([116 + i * 0.01, 40], { code: `f${i}`, town: 'F' }));
    const spread = [0, 1, 2, 3, 4].map((i) => point([116.5 + i * 0.12, 40], { code: `s${i}`, town: 'S' })); // 10.2 km apart
    const result = proposeClusters([...spread, ...few], { maxKm: 5 });
    expect(result.clusters).toEqual([]);
    expect(result.unclustered).toEqual([
      {
        town: 'F', reason: 'F has 3 located villages; a cluster needs a core and at least 4 members within 5 km',
        why: { code: 'too-few', town: 'F', round: 1, located: 3, fewest: 4, maxKm: 5 },
      },
      {
        town: 'S', reason: 'no village of S has 4 other villages of the town within 5 km (the most is 0, around s0)',
        why: { code: 'too-sparse', town: 'S', round: 1, fewest: 4, maxKm: 5, most: 0, around: 's0' },
      },
    ]);
  });

  it('takes fewer members when size allows, and breaks a tie by total distance', () => {
    // Four villages in a rhombus: q1 (116.00, 40) and q0 (116.02, 40) 1.7 km apart, q2 and q3 0.01° north
    // and south of the middle. Each has the 3 others within 5 km; q0 and q1 are mirror images (equal sums,
    // smaller than q2's and q3's), so the smaller code, q0, wins. With size [2, 3] all three others are members.
    const sq = [point([116, 40], { code: 'q1', town: 'Q' }), point([116.02, 40], { code: 'q0', town: 'Q' }), point([116.01, 40.01], { code: 'q2', town: 'Q' }), point([116.01, 39.99], { code: 'q3', town: 'Q' })];
    const [c] = proposeClusters(sq, { maxKm: 5, size: [2, 3] }).clusters;
    expect(c!.core).toBe('q0');
    expect(c!.members).toHaveLength(3);
    expect(c!.reason.core).toMatch(/^core: 3 villages of Q within 5 km, the most of any village in the town; tied on that count with 3 other villages, it has the smallest total distance to its 3 \(/);
    expect(c!.why).toMatchObject({ near: 3, tied: 3, members: 3, fewest: 2, round: 1 });
  });

  it('proposes a second cluster per town with perTown 2, among the villages not yet used', () => {
    // Town D: a clear centre, and 40 km east a second group, a centre with four at 3.0–3.3 km.
    const c2 = [116.17, 39.97];
    const second = [point(c2, { code: 'd2c', town: 'D' }), ...[3.0, 3.1, 3.2, 3.3].map((km, i) => point(off(c2, km, 90 * i), { code: `d2r${i}`, town: 'D' }))];
    const D = [...clearCentre('D', [115.7, 39.97], 'd1'), ...second];
    const result = proposeClusters(D, { maxKm: 5, perTown: 2 });
    expect(result.clusters.map((c) => [c.core, c.members])).toEqual([
      ['d1c', ['d1r0', 'd1r1', 'd1r2', 'd1r3', 'd1r4']],
      ['d2c', ['d2r0', 'd2r1', 'd2r2', 'd2r3']],
    ]);
    expect(result.clusters[1]!.reason).toEqual({
      core: 'core: 4 villages of D within 5 km not in an earlier cluster, the most of any village in the town not in an earlier cluster',
      members: 'members: the 4 nearest villages of D within 5 km not in an earlier cluster (3.0–3.3 km)',
    });
    expect(result.unclustered).toEqual([]);
    // perTown 2 on a town with one group: one cluster, and why not a second.
    const T = proposeClusters(clearCentre('T', [115.7, 39.97], ''), { maxKm: 5, perTown: 2 });
    expect(T.clusters).toHaveLength(1);
    expect(T.unclustered).toEqual([
      {
        town: 'T', reason: 'a 2nd cluster: T has 3 located villages not in an earlier cluster; a cluster needs a core and at least 4 members within 5 km',
        why: { code: 'too-few', town: 'T', round: 2, located: 3, fewest: 4, maxKm: 5 },
      },
    ]);
  });

  it('is deterministic: the same twice, and with the input shuffled', () => {
    const all = [...clearCentre('A', [115.7, 39.97], 'a'), ...clearCentre('B', [115.9, 40.1], 'b')];
    const rnd = mulberry32(5);
    for (let i = 0; i < 40; i++) all.push(point([115.6 + 0.4 * rnd(), 39.9 + 0.3 * rnd()], { code: `x${i}`, town: rnd() < 0.5 ? 'A' : 'B' }));
    const once = proposeClusters(all, { maxKm: 5, perTown: 2 });
    expect(proposeClusters(all, { maxKm: 5, perTown: 2 })).toEqual(once);
    for (const seed of [1, 2, 3]) expect(proposeClusters(shuffled(all, seed), { maxKm: 5, perTown: 2 })).toEqual(once);
    expect(once.clusters.length).toBeGreaterThanOrEqual(2);
  });

  it('reads only code, town and geometry; does not mutate its input', () => {
    const T = clearCentre('T', [115.7, 39.97], '').map((v, i) => ({ ...v, properties: { ...v.properties, role: i === 3 ? 'demonstration' : 'other', cluster: 'x' } }));
    const before = structuredClone(T);
    expect(proposeClusters(T, { maxKm: 5 }).clusters[0]!.core).toBe('c');
    expect(T).toEqual(before);
  });

  describe('rejects bad input, naming the argument', () => {
    const T = clearCentre('T', [115.7, 39.97], '');
    it('maxKm', () => {
      expect(() => proposeClusters(T, { maxKm: -1 })).toThrow(/maxKm/);
      expect(() => proposeClusters(T, {} as never)).toThrow(/maxKm/);
    });
    it('size', () => {
      expect(() => proposeClusters(T, { maxKm: 5, size: [5, 4] })).toThrow(/size/);
      expect(() => proposeClusters(T, { maxKm: 5, size: [1.5, 4] })).toThrow(/size/);
    });
    it('perTown', () => {
      expect(() => proposeClusters(T, { maxKm: 5, perTown: 0 })).toThrow(/perTown/);
    });
    it('villages: not a Point, a NaN coordinate, no town, a duplicate code', () => {
      const line = { type: 'Feature', properties: { code: 'l', town: 'T' }, geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] } };
      expect(() => proposeClusters([T[0]!, line as never], { maxKm: 5 })).toThrow(/villages\[1\]/);
      const nan = { type: 'Feature', properties: { code: 'n', town: 'T' }, geometry: { type: 'Point', coordinates: [Number.NaN, 40] } } as V;
      expect(() => proposeClusters([nan], { maxKm: 5 })).toThrow(/villages\[0\]/);
      expect(() => proposeClusters([point([116, 40], { code: 'q' }) as never], { maxKm: 5 })).toThrow(/villages\[0\].*town/);
      expect(() => proposeClusters([T[0]!, T[0]!], { maxKm: 5 })).toThrow(/same code c/);
      expect(() => proposeClusters('x' as never, { maxKm: 5 })).toThrow(/villages must be/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Golden fixtures: in/<case>.geojson holds the villages, options in the collection's `properties`;
// out/<case>.geojson holds the villages coloured by proposed cluster (cores large), grey when in none,
// and the proposal itself (clusters, unclustered) in the collection's `properties`.

type InCase = FeatureCollection<Point, { code: string; town: string }> & { properties?: ProposeClustersOptions & Record<string, unknown> };
const PALETTE = ['#e53935', '#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#d81b60', '#3949ab', '#c0ca33'];

function golden(input: InCase): FeatureCollection & { properties: unknown } {
  const { maxKm, size, perTown } = input.properties!;
  const result = proposeClusters(input.features, { maxKm, ...(size ? { size } : {}), ...(perTown ? { perTown } : {}) });
  const colour = new Map<string, [number, 'core' | 'member']>();
  result.clusters.forEach((c, k) => {
    colour.set(c.core, [k, 'core']);
    for (const m of c.members) colour.set(m, [k, 'member']);
  });
  return {
    type: 'FeatureCollection',
    properties: result,
    features: input.features.map((f) => {
      const c = colour.get(f.properties.code);
      return {
        ...f,
        properties: {
          ...f.properties,
          proposed: c ? `${c[1]} of ${result.clusters[c[0]]!.core}` : null,
          'marker-color': c ? PALETTE[c[0] % PALETTE.length]! : '#9e9e9e',
          'marker-size': c?.[1] === 'core' ? 'large' : 'small',
          ...(c?.[1] === 'core' ? { 'marker-symbol': 'star' } : {}),
        },
      };
    }),
  };
}

describeGolden<InCase>('proposeClusters', golden, { tolerance: 1e-6 });
