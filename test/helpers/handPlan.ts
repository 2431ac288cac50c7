/**
 * The hand-made plans of the unit tests, in one place, built from the same parts ({@link fc},
 * {@link testVillage}, {@link testLine}, {@link testRoles}, {@link testManifest}). All synthetic: made
 * up for the tests, not real places. Each function returns a fresh copy (tests may modify it).
 *
 * {@link handPlan} — the hand-worked plan of checkPlan.test.ts, planMetrics.test.ts (and the
 * importRows year check): one district, two towns, 14 villages placed with turf `destination` at known
 * km from the two cores.
 *   甲镇 (110001001000): core D1 at 116.0E 40.0N; members U1 2 km N, U2 2.5 km E, U3 4 km S, U4 6 km W
 *     (cluster c1, 2024); poetic P1 1 km NE (2024); 居委会 O1 8 km S.
 *   乙镇 (110001002000): core D2 at 116.3E 40.0N; members U5 1 km N, U6 2 km E, U7 3 km S, U8 4 km W
 *     (cluster c2, 2025); poetic P2 1.5 km SSE (2025); 村委会 O2 without a position.
 *   Rules: 4–5 members per cluster, members within 10 km, a demonstration village per town.
 *   Targets: ≥ 2 clusters by 2025; 2–3 poetic villages (demonstration included) each year.
 *
 * {@link importRowsPlan} — importRows.test.ts's, for joining a planner's rows: 测试区 (990001) with
 * two towns, 甲镇 and 乙镇, each with a 河口村 (the same short name); a village with an NBS bracketed
 * name, 小（氵甸）村委会; an unlocated 居委会; a cluster; five roles (core, member, two selected, none);
 * town seats.
 *
 * {@link commandsPlan} — commands.test.ts's, for the edit commands: one town, 甲镇, two clusters, a
 * selected village, three villages of the `none` role (N3 unlocated), a town seat, one corridor (with
 * a line style) and two belts; no culture-belt file.
 */
import { destination, point } from '@turf/turf';
import { planFrom } from '../../src/io/loadPlan';
import type { Cluster, LineFeature, LineProperties, Plan, Role, Rule, Target, VillageFeature, VillageProperties } from '../../src/types/plan';
import { PLAN_FORMAT } from '../../src/types/plan';

// ---------------------------------------------------------------------------------------------
// The parts

type VillageKind = NonNullable<VillageProperties['kind']>;
type Town = { town: string; town_code: string; district: string; district_code: string };

export const fc = <T>(features: T[]) => ({ type: 'FeatureCollection' as const, features });

/** A register village: `properties` in the order the plans write them; located when it has coordinates. */
export function testVillage(properties: Partial<VillageProperties> & Pick<VillageProperties, 'code' | 'name' | 'role' | 'year'>, coordinates: [number, number] | null): VillageFeature {
  return { type: 'Feature', properties: properties as VillageProperties, geometry: coordinates ? { type: 'Point', coordinates } : null };
}

/** A surveyed road (by default) named `<id> 路`; `extra` overrides any property. */
export function testLine(id: string, coordinates: [number, number][], extra: Partial<LineProperties> = {}): LineFeature {
  return {
    type: 'Feature' as const,
    properties: { id, kind: 'road' as const, name: `${id} 路`, geometry_source: 'surveyed' as const, source: 'synthetic', accuracy: '10 m', ...extra },
    geometry: { type: 'LineString' as const, coordinates },
  } as LineFeature;
}

/** The roles of the test plans: 示范村 (core, its id `core`), 提升村, 诗画乡村, then `extra`, then 其他. */
export function testRoles(core: string, extra: Role[] = []): Role[] {
  return [
    { id: core, kind: 'core', label: { zh: '示范村', en: 'Demonstration village' } },
    { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade village' } },
    { id: 'poetic', kind: 'selected', label: { zh: '诗画乡村', en: 'Poetic village' } },
    ...extra,
    { id: 'other', kind: 'none', label: { zh: '其他', en: 'Other' } },
  ];
}

/** A manifest as the loader reads it: 测试方案, the view of 115.9–116.2E 39.9–40.1N, years 2024–2027, and `fields`. */
export function testManifest(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    format: PLAN_FORMAT,
    name: { zh: '测试方案', en: 'Test plan' },
    sample: true,
    views: [{ id: 'all', label: { zh: '全域', en: 'All' }, bounds: [115.9, 39.9, 116.2, 40.1] }],
    years: [2024, 2025, 2026, 2027],
    ...fields,
    attribution: [{ what: { zh: '测试', en: 'test' }, text: 'synthetic', licence: 'CC0' }],
  };
}

/** The seat of `town`: its code is the town's code. */
function testSeat({ town, town_code, district, district_code }: Town, coordinates: [number, number]) {
  return {
    type: 'Feature',
    properties: { code: town_code, name: town, district, district_code, source: 'synthetic', accuracy: 'exact' },
    geometry: { type: 'Point', coordinates },
  };
}

// ---------------------------------------------------------------------------------------------
// The hand-worked plan

type VillageRole = 'demonstration' | 'upgrade' | 'poetic' | 'other';

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

/** A register village of the hand-worked plan's 测试区 (located when it has coordinates). */
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
  return testVillage(
    { code, name: `${short_name}${kind}`, short_name, name_en: code, kind, ...town, ...DISTRICT, role, year, source: 'test', accuracy: 'exact' },
    coordinates,
  );
}

/** Village codes: D demonstration (cores), U upgrade (members), P poetic, O other. */
export const D1 = '110001001201', U1 = '110001001202', U2 = '110001001203', U3 = '110001001204', U4 = '110001001205';
export const P1 = '110001001206', O1 = '110001001001';
export const D2 = '110001002201', U5 = '110001002202', U6 = '110001002203', U7 = '110001002204', U8 = '110001002205';
export const P2 = '110001002206', O2 = '110001002207';

/** The hand-worked plan, a fresh copy on every call (tests may modify it). Built as a Plan, not through the loader. */
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
  const line = (id: string, kind: 'road' | 'culture-belt', schematic: boolean, coordinates: [number, number][]) =>
    testLine(id, coordinates, {
      kind, name: id, name_en: id, district: DISTRICT.district, geometry_source: schematic ? 'schematic' : 'surveyed',
      via: [], citations: [], source: 'test', accuracy: 'exact',
    });
  return {
    manifest: {
      format: PLAN_FORMAT, name: { zh: '测试', en: 'test' }, sample: true, notice: { zh: '', en: '' },
      views: [{ id: 'plan', label: { zh: '全部', en: 'All' }, bounds: [115, 39, 117, 41] }],
      focusDistricts: [DISTRICT.district_code],
      years: [2024, 2025, 2026, 2027],
      roles: testRoles('demonstration'),
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

// ---------------------------------------------------------------------------------------------
// The two plans read through the loader: 测试区 (990001)

const SYNTHETIC = { district: '测试区', district_code: '990001' };
export const JIA: Town = { town: '甲镇', town_code: '990001001000', ...SYNTHETIC };
export const YI: Town = { town: '乙镇', town_code: '990001002000', ...SYNTHETIC };

/** importRowsPlan's codes. 甲镇: core, member, none, the bracketed one, 河口; 乙镇: 河口, a 居委会 (selected, unlocated). */
export const A1 = '990001001201', A2 = '990001001202', A3 = '990001001203', A4 = '990001001204', A5 = '990001001205';
export const B1 = '990001002201', B2 = '990001002202';

/** The plan of importRows.test.ts (see the module comment), loaded through `planFrom`; a new one on every call. */
export function importRowsPlan(): Plan {
  const v = (code: string, name: string, short_name: string, town: Town, role: string, year: number | null, coordinates: [number, number] | null, kind: VillageKind = '村委会') =>
    testVillage({ code, name, short_name, kind, ...town, role, year, source: 'synthetic', accuracy: 'exact' }, coordinates);
  const manifest = testManifest({
    roles: testRoles('demo', [{ id: 'future', kind: 'selected', label: { zh: '未来乡村', en: 'Future village' } }]),
    files: { villages: 'villages.geojson', townSeats: 'town-seats.geojson' },
    clusters: [{ id: 'c1', name: '甲一片区', core: A1, members: [A2], year: 2024 }],
  });
  const villages = fc([
    v(A1, '东庄村委会', '东庄村', JIA, 'demo', 2024, [116.0, 40.0]),
    v(A2, '西庄村委会', '西庄村', JIA, 'upgrade', 2024, [116.01, 40.0]),
    v(A3, '南沟村委会', '南沟村', JIA, 'other', null, [116.02, 40.01]),
    v(A4, '小（氵甸）村委会', '小（氵甸）村', JIA, 'other', null, [116.03, 40.02]),
    v(A5, '河口村委会', '河口村', JIA, 'other', null, [116.04, 40.0]),
    v(B1, '河口村委会', '河口村', YI, 'other', null, [116.1, 40.05]),
    v(B2, '北岭社区居委会', '北岭社区', YI, 'poetic', 2025, null, '居委会'),
  ]);
  const townSeats = fc([testSeat(JIA, [116.02, 40.0]), testSeat(YI, [116.1, 40.04])]);
  return planFrom({ manifest, files: { villages, townSeats } });
}

/** commandsPlan's codes: C cores, M members, S selected, N villages of the none role (N3 unlocated); SEAT 甲镇's seat. */
export const C1 = '990001001201', M1 = '990001001202', M2 = '990001001203';
export const C2 = '990001001204', M3 = '990001001205';
export const S1 = '990001001206', N1 = '990001001207', N2 = '990001001208', N3 = '990001001209';
export const SEAT = JIA.town_code;

/** The plan of commands.test.ts (see the module comment), loaded through `planFrom`; a new one on every call. */
export function commandsPlan(): Plan {
  const v = (code: string, short_name: string, role: string, year: number | null, coordinates: [number, number] | null) =>
    testVillage({ code, name: `${short_name}委会`, short_name, name_en: `V${code.slice(-2)}`, kind: '村委会', ...JIA, role, year, source: 'synthetic', accuracy: 'exact' }, coordinates);
  const manifest = testManifest({
    roles: testRoles('demo'),
    rules: [{ rule: 'cluster-size', min: 1, max: 5, source: 'synthetic' }],
    lineStyles: { 'road-1': { color: '#c62828' } },
    files: { villages: 'villages.geojson', townSeats: 'town-seats.geojson', corridors: 'corridors.geojson' },
    clusters: [
      { id: 'c1', name: '甲一片区', name_en: 'Cluster one', core: C1, members: [M1, M2], year: 2024 },
      { id: 'c2', name: '甲二片区', core: C2, members: [M3], year: 2025, reason: 'synthetic' },
    ],
    belts: [
      { id: 'b1', name: '甲示范带', clusters: ['c1', 'c2'], along: ['road-1'] },
      { id: 'b2', name: '乙示范带', clusters: ['c1'], along: [] },
    ],
  });
  const villages = fc([
    v(C1, '甲一村', 'demo', 2024, [116.0, 40.0]),
    v(M1, '甲二村', 'upgrade', 2024, [116.01, 40.0]),
    v(M2, '甲三村', 'upgrade', 2024, [116.0, 40.01]),
    v(C2, '甲四村', 'demo', 2025, [116.1, 40.0]),
    v(M3, '甲五村', 'upgrade', 2025, [116.11, 40.0]),
    v(S1, '甲诗村', 'poetic', 2024, [116.05, 40.05]),
    v(N1, '甲六村', 'other', null, [116.15, 40.02]),
    v(N2, '甲七村', 'other', null, [116.16, 40.03]),
    v(N3, '甲八村', 'other', null, null),
  ]);
  const townSeats = fc([testSeat(JIA, [116.05, 40.0])]);
  const corridors = fc([testLine('road-1', [[116.0, 40.0], [116.1, 40.0]])]);
  return planFrom({ manifest, files: { villages, townSeats, corridors } });
}
