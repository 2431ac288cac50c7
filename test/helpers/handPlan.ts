/**
 * The hand-worked plan of checkPlan.test.ts and planMetrics.test.ts: one district, two towns, 14 villages
 * placed with turf `destination` at known km from the two cores.
 *   甲镇 (110001001000): core D1 at 116.0E 40.0N; members U1 2 km N, U2 2.5 km E, U3 4 km S, U4 6 km W
 *     (cluster c1, 2024); poetic P1 1 km NE (2024); 居委会 O1 8 km S.
 *   乙镇 (110001002000): core D2 at 116.3E 40.0N; members U5 1 km N, U6 2 km E, U7 3 km S, U8 4 km W
 *     (cluster c2, 2025); poetic P2 1.5 km SSE (2025); 村委会 O2 without a position.
 *   Rules: 4–5 members per cluster, members within 10 km, a demonstration village per town.
 *   Targets: ≥ 2 clusters by 2025; 2–3 poetic villages (demonstration included) each year.
 * Synthetic: made up for the tests, not a real place.
 */
import { destination, point } from '@turf/turf';
import type { Cluster, Plan, Rule, Target, VillageFeature, VillageProperties } from '../../src/types/plan';
import { PLAN_FORMAT } from '../../src/types/plan';

type VillageRole = 'demonstration' | 'upgrade' | 'poetic' | 'other';
type VillageKind = NonNullable<VillageProperties['kind']>;

export const DISTRICT = { district: '测试区', district_code: '110001' };
export const T1 = { town: '甲镇', town_code: '110001001000' };
export const T2 = { town: '乙镇', town_code: '110001002000' };
export const CORE1: [number, number] = [116.0, 40.0];
export const CORE2: [number, number] = [116.3, 40.0];

/** The point `km` from `from` on `bearing` (0 = north, 90 = east), as [lon, lat]. */
export function at(from: [number, number], km: number, bearing: number): [number, number] {
  const [lon, lat] = destination(point(from), km, bearing, { units: 'kilometers' }).geometry.coordinates;
  return [lon!, lat!];
}

/** A register village of 测试区 (located when it has coordinates). */
export function village(
  code: string,
  short_name: string,
  town: { town: string; town_code: string },
  role: VillageRole,
  year: number | null,
  _cluster: string | null,
  coordinates: [number, number] | null,
  kind: VillageKind = '村委会',
): VillageFeature {
  return {
    type: 'Feature',
    properties: {
      code, name: `${short_name}${kind}`, short_name, name_en: code, kind, ...town, ...DISTRICT,
      role, year, source: 'test', accuracy: 'exact',
    },
    geometry: coordinates ? { type: 'Point', coordinates } : null,
  };
}

/** Village codes: D demonstration (cores), U upgrade (members), P poetic, O other. */
export const D1 = '110001001201', U1 = '110001001202', U2 = '110001001203', U3 = '110001001204', U4 = '110001001205';
export const P1 = '110001001206', O1 = '110001001001';
export const D2 = '110001002201', U5 = '110001002202', U6 = '110001002203', U7 = '110001002204', U8 = '110001002205';
export const P2 = '110001002206', O2 = '110001002207';

/** The hand-worked plan, a fresh copy on every call (tests may modify it). */
export function handPlan(): Plan {
  const villages = [
    village(D1, '甲一村', T1, 'demonstration', 2024, 'c1', CORE1),
    village(U1, '甲二村', T1, 'upgrade', 2024, 'c1', at(CORE1, 2, 0)),
    village(U2, '甲三村', T1, 'upgrade', 2024, 'c1', at(CORE1, 2.5, 90)),
    village(U3, '甲四村', T1, 'upgrade', 2024, 'c1', at(CORE1, 4, 180)),
    village(U4, '甲五村', T1, 'upgrade', 2024, 'c1', at(CORE1, 6, 270)),
    village(P1, '甲诗村', T1, 'poetic', 2024, null, at(CORE1, 1, 45)),
    village(O1, '甲社区', T1, 'other', null, null, at(CORE1, 8, 180), '居委会'),
    village(D2, '乙一村', T2, 'demonstration', 2025, 'c2', CORE2),
    village(U5, '乙二村', T2, 'upgrade', 2025, 'c2', at(CORE2, 1, 0)),
    village(U6, '乙三村', T2, 'upgrade', 2025, 'c2', at(CORE2, 2, 90)),
    village(U7, '乙四村', T2, 'upgrade', 2025, 'c2', at(CORE2, 3, 180)),
    village(U8, '乙五村', T2, 'upgrade', 2025, 'c2', at(CORE2, 4, 270)),
    village(P2, '乙诗村', T2, 'poetic', 2025, null, at(CORE2, 1.5, 150)),
    village(O2, '乙六村', T2, 'other', null, null, null),
  ];
  const clusters: Cluster[] = [
    { id: 'c1', name: '甲镇示范片区', name_en: 'c1', core: D1, members: [U1, U2, U3, U4], year: 2024 },
    { id: 'c2', name: '乙镇示范片区', name_en: 'c2', core: D2, members: [U5, U6, U7, U8], year: 2025 },
  ];
  const targets: Target[] = [
    { id: 't-clusters', district: DISTRICT.district_code, count: 'clusters', roles: [], per: 'plan', min: 2, max: null, year: 2025, label: { zh: '≥2', en: '≥2' }, source: 'test: clusters', reported: [] },
    { id: 't-poetic-year', district: DISTRICT.district_code, count: 'villages', roles: ['poetic', 'demonstration'], per: 'year', min: 2, max: 3, year: null, label: { zh: '2–3', en: '2–3' }, source: 'test: poetic', reported: [] },
  ];
  const rules: Rule[] = [
    { rule: 'cluster-size', min: 4, max: 5, district: DISTRICT.district_code, source: 'test: size' },
    { rule: 'member-distance', maxKm: 10, district: null, source: 'test: distance' },
    { rule: 'core-per-town', min: 1, district: DISTRICT.district_code, source: 'test: town' },
  ];
  const belts = [{ id: 'b1', name: '示范带', name_en: 'b1', clusters: ['c1', 'c2'], along: ['road-1'] }];
  const line = (id: string, kind: 'road' | 'culture-belt', schematic: boolean, coordinates: [number, number][]) => ({
    type: 'Feature' as const,
    properties: {
      id, kind, name: id, name_en: id, district: DISTRICT.district, geometry_source: schematic ? ('schematic' as const) : ('surveyed' as const),
      via: [], citations: [], source: 'test', accuracy: 'exact',
    },
    geometry: { type: 'LineString' as const, coordinates },
  });
  const fc = <T>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
  return {
    manifest: {
      format: PLAN_FORMAT, name: { zh: '测试', en: 'test' }, sample: true, notice: { zh: '', en: '' },
      views: [{ id: 'plan', label: { zh: '全部', en: 'All' }, bounds: [115, 39, 117, 41] }],
      focusDistricts: [DISTRICT.district_code],
      years: [2024, 2025, 2026, 2027],
      roles: [
        { id: 'demonstration', kind: 'core', label: { zh: '示范村', en: 'Demonstration village' } },
        { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade village' } },
        { id: 'poetic', kind: 'selected', label: { zh: '诗画乡村', en: 'Poetic village' } },
        { id: 'other', kind: 'none', label: { zh: '其他', en: 'Other' } },
      ],
      rules,
      lineStyles: {},
      files: { villages: 'villages.geojson', corridors: 'corridors.geojson', cultureBelts: 'culture-belts.geojson' },
      attribution: [{ what: { zh: '测试', en: 'test' }, text: 'synthetic test data', licence: 'n/a' }],
    },
    districts: fc([]),
    townSeats: fc([]),
    villages: fc(villages),
    // Along the meridian of D1, 39.9–40.1N; and along the meridian of D2, 39.95–40.1N.
    corridors: fc([line('road-1', 'road', true, [[116.0, 39.9], [116.0, 40.1]])]),
    cultureBelts: fc([line('belt-1', 'culture-belt', false, [[116.3, 39.95], [116.3, 40.1]])]),
    water: fc([]),
    clusters, belts, targets,
  };
}
