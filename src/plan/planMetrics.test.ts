/**
 * planMetrics: counts, lengths, areas, coverage and target progress of a hand-worked plan, checked against
 * numbers worked out by hand; and the bundled plan, with a golden file
 * test/fixtures/geo/planMetrics/out/bundled-plan.json (regenerate with
 * `REGEN=1 npx vitest run --project unit src/plan/planMetrics.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPlan, readDataJson } from '../../test/helpers/bundledPlan';
import { expectGolden } from '../../test/helpers/golden';
import { DISTRICT, T1, T2, village, D1, U1, U2, U3, U4, P1, O1, D2, U5, U6, U7, U8, P2, O2, handPlan } from '../../test/helpers/handPlan';
import { planMetrics } from './planMetrics';

// The hand-worked plan (the same one as in checkPlan.test.ts): test/helpers/handPlan.ts.

/** Great-circle length of 0.2° and 0.15° of a meridian, and of D1→D2 (haversine, 40°N, 0.3° apart), R = 6371.0088 km. */
const ROAD_KM = 22.239; // 0.2 · π/180 · 6371.0088 = 22.23902
const BELT1_KM = 16.679; // 0.15 · π/180 · 6371.0088 = 16.67926
const B1_KM = 25.554; // 2R·asin(cos 40° · sin 0.15°) = 25.55410

describe('planMetrics on a hand-worked plan', () => {
  it('counts villages by role', () => {
    const m = planMetrics(handPlan());
    expect(m.year).toBeNull();
    expect(m.register).toEqual({ villages: 14, located: 13 });
    expect(m.roles).toEqual([
      { role: 'demonstration', register: 2, located: 2 },
      { role: 'upgrade', register: 8, located: 8 },
      { role: 'poetic', register: 2, located: 2 },
      { role: 'other', register: 2, located: 1 },
    ]);
  });

  it('counts by town', () => {
    const row = { district: '测试区', district_code: '110001' };
    expect(planMetrics(handPlan()).towns).toEqual([
      { ...row, ...T1, villages: 7, located: 7, roles: { demonstration: 1, upgrade: 4, poetic: 1 }, clusters: 1 },
      { ...row, ...T2, villages: 7, located: 6, roles: { demonstration: 1, upgrade: 4, poetic: 1 }, clusters: 1 },
    ]);
  });

  it('counts by cluster and by belt; lengths of lines, schematic ones flagged', () => {
    const m = planMetrics(handPlan());
    expect(m.clusters.map(({ id, core, coreLocated, members, locatedMembers, year }) => ({ id, core, coreLocated, members, locatedMembers, year }))).toEqual([
      { id: 'c1', core: D1, coreLocated: true, members: 4, locatedMembers: 4, year: 2024 },
      { id: 'c2', core: D2, coreLocated: true, members: 4, locatedMembers: 4, year: 2025 },
    ]);
    // c1 spans 2 + 4 km N–S and 2.5 + 6 km E–W; with the 0.8 km margin its area lies between the bare
    // quadrilateral (½·6·8.5 = 25.5 km²) and the widened box ((6 + 1.6)·(8.5 + 1.6) = 76.76 km²).
    expect(m.clusters[0]!.areaKm2).toBeGreaterThan(25.5);
    expect(m.clusters[0]!.areaKm2).toBeLessThan(76.76);
    expect(m.belts).toEqual([
      { id: 'b1', name: '示范带', name_en: 'b1', along: ['road-1'], clusters: 2, locatedCores: 2, lengthKm: B1_KM },
    ]);
    expect(m.lines.map(({ layer, id, schematic, geometry_source, lengthKm }) => ({ layer, id, schematic, geometry_source, lengthKm }))).toEqual([
      { layer: 'corridors', id: 'road-1', schematic: true, geometry_source: 'schematic', lengthKm: ROAD_KM },
      { layer: 'cultureBelts', id: 'belt-1', schematic: false, geometry_source: 'surveyed', lengthKm: BELT1_KM },
    ]);
  });

  it('gives a cluster of one village about π·0.8² km²', () => {
    const plan = handPlan();
    plan.clusters.push({ id: 'c3', name: 'one', name_en: 'one', core: O1, members: [], year: 2026 });
    const c3 = planMetrics(plan).clusters.find((c) => c.id === 'c3')!;
    expect(c3.members).toBe(0);
    expect(Math.abs(c3.areaKm2! - Math.PI * 0.8 ** 2) / (Math.PI * 0.8 ** 2)).toBeLessThan(0.01);
    // Pushed in 2026: not there as of 2025.
    expect(planMetrics(plan, { year: 2025 }).clusters.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('measures coverage: in a cluster, and within zoneKm of a corridor or culture belt', () => {
    // In a cluster: D1, U1–U4, D2, U5–U8 = 10 of 14 (register) and of 13 (located; O2 has no position).
    // Within 3 km: 甲镇 D1 0, U1 0, U2 2.5, U3 0, P1 0.71, O1 0 (U4 6 km out); 乙镇 D2 0, U5 0, U6 2, U7 0,
    // P2 0.75 (U8 4 km out) → 11 of 13. Within 1 km: also without U2 and U6 → 9.
    const all = {
      district: null, register: 14, registerInCluster: 10, registerInClusterShare: 10 / 14,
      located: 13, locatedInCluster: 10, locatedInClusterShare: 10 / 13, locatedInZone: 11, locatedInZoneShare: 11 / 13,
    };
    const m = planMetrics(handPlan());
    expect(m.coverage).toEqual({ zoneKm: 3, all, byDistrict: [{ ...all, district: '测试区' }] });
    const narrow = planMetrics(handPlan(), { zoneKm: 1 }).coverage.all;
    expect([narrow.locatedInZone, narrow.locatedInZoneShare]).toEqual([9, 9 / 13]);
  });

  it('counts the zone anew for a plan whose village moved or whose lines changed (the distances are memoised per position and lines)', () => {
    const plan = handPlan();
    expect(planMetrics(plan).coverage.all.locatedInZone).toBe(11);
    // U4 (6 km out) moved onto D1's position: in the zone now; the first plan's figure is unchanged.
    const d1 = plan.villages.features.find((f) => f.properties.code === D1)!;
    const moved = { ...plan, villages: { ...plan.villages, features: plan.villages.features.map((f) => (f.properties.code === U4 ? { ...f, geometry: { ...d1.geometry! } } : f)) } };
    expect(planMetrics(moved).coverage.all.locatedInZone).toBe(12);
    expect(planMetrics(plan).coverage.all.locatedInZone).toBe(11);
    // Without lines, nothing is in a zone.
    const bare = { ...plan, corridors: { ...plan.corridors, features: [] }, cultureBelts: { ...plan.cultureBelts, features: [] } };
    expect(planMetrics(bare).coverage.all.locatedInZone).toBe(0);
  });

  it('reports progress against the targets', () => {
    const [clusters, poetic] = planMetrics(handPlan()).targets;
    expect(clusters).toMatchObject({ id: 't-clusters', kind: 'cumulative', due: true, value: 2, met: true, min: 2, max: null, year: 2025, series: null, count: 'clusters', district: DISTRICT.district_code, source: 'test: clusters' });
    expect(poetic).toMatchObject({ id: 't-poetic-year', kind: 'per-year', due: true, value: 2, met: true, min: 2, max: 3, year: null, source: 'test: poetic' });
    // Poetic + demonstration villages by year: 2024 P1, D1; 2025 P2, D2; none after (not judged).
    expect(poetic!.series).toEqual([
      { year: 2024, value: 2, met: true },
      { year: 2025, value: 2, met: true },
      { year: 2026, value: 0, met: null },
      { year: 2027, value: 0, met: null },
    ]);
  });

  it('counts only selections up to the year option', () => {
    const m = planMetrics(handPlan(), { year: 2024 });
    expect(m.year).toBe(2024);
    // D2, U5–U8 and P2 (2025) count as other.
    expect(m.roles).toEqual([
      { role: 'demonstration', register: 1, located: 1 },
      { role: 'upgrade', register: 4, located: 4 },
      { role: 'poetic', register: 1, located: 1 },
      { role: 'other', register: 8, located: 7 },
    ]);
    expect(m.towns[1]).toMatchObject({ villages: 7, located: 6, roles: { demonstration: 0, upgrade: 0, poetic: 0 }, clusters: 0 });
    expect(m.clusters.map((c) => c.id)).toEqual(['c1']);
    expect(m.belts[0]).toMatchObject({ clusters: 1, locatedCores: 1, lengthKm: null });
    expect(m.coverage.all).toMatchObject({ registerInCluster: 5, registerInClusterShare: 5 / 14, locatedInCluster: 5, locatedInClusterShare: 5 / 13, locatedInZone: 11 });
    const [clusters, poetic] = m.targets;
    expect(clusters).toMatchObject({ value: 1, due: false, met: false });
    expect(poetic).toMatchObject({ value: 2, due: true, met: true });
    expect(poetic!.series).toEqual([
      { year: 2024, value: 2, met: true },
      { year: 2025, value: null, met: null },
      { year: 2026, value: null, met: null },
      { year: 2027, value: null, met: null },
    ]);
    // A per-year target out of range in a year is not met.
    const more = handPlan();
    more.villages.features.push(village('110001002208', '乙七村', T2, 'poetic', 2025, null, null), village('110001002209', '乙八村', T2, 'poetic', 2025, null, null));
    const p = planMetrics(more).targets[1]!;
    expect([p.met, p.value, p.series![1]]).toEqual([false, 4, { year: 2025, value: 4, met: false }]);
    expect(planMetrics(more, { year: 2024 }).targets[1]!.met).toBe(true);
  });

  it('reports the figures of a reported target: the latest, and per year', () => {
    const plan = handPlan();
    const reported = { district: null, count: 'reported' as const, roles: [], min: 500, max: null, year: null, label: { zh: '美丽庭院', en: 'courtyards' }, source: 'test: courtyards' };
    plan.targets.push(
      { ...reported, id: 't-yards', per: 'year', reported: [{ year: 2024, value: 520 }, { year: 2025, value: 480 }] },
      { ...reported, id: 't-none', per: 'plan', reported: [] },
    );
    const [, , yards, none] = planMetrics(plan).targets;
    expect(yards).toMatchObject({ kind: 'reported', value: 480, met: false });
    expect(yards!.series).toEqual([
      { year: 2024, value: 520, met: true },
      { year: 2025, value: 480, met: false },
      { year: 2026, value: null, met: null },
      { year: 2027, value: null, met: null },
    ]);
    expect(planMetrics(plan, { year: 2024 }).targets[2]).toMatchObject({ value: 520, met: true });
    // Nothing reported: no value, not met.
    expect(none).toMatchObject({ kind: 'reported', value: null, met: false, series: null });
  });

  it('counts a role the plan defines itself', () => {
    const plan = handPlan();
    plan.manifest.roles = [...plan.manifest.roles, { id: 'future', kind: 'selected', label: { zh: '未来乡村', en: 'Future village' } }];
    plan.villages.features.find((v) => v.properties.code === O1)!.properties.role = 'future';
    const m = planMetrics(plan);
    expect(m.roles.map((r) => r.role)).toEqual(['demonstration', 'upgrade', 'poetic', 'other', 'future']);
    expect(m.roles.find((r) => r.role === 'future')).toEqual({ role: 'future', register: 1, located: 1 });
    expect(m.towns[0]!.roles).toMatchObject({ future: 1 });
  });

  it('returns plain data and does not modify the plan', () => {
    const plan = handPlan();
    const before = structuredClone(plan);
    const m = planMetrics(plan, { year: 2025, zoneKm: 2.2 });
    expect(plan).toEqual(before);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('rejects bad options', () => {
    expect(() => planMetrics(handPlan(), { zoneKm: -1 })).toThrow(/zoneKm/);
    expect(() => planMetrics(handPlan(), { year: Number.NaN })).toThrow(/year/);
  });
});

describe('planMetrics on the bundled plan', () => {
  it('counts the register as the data has it', () => {
    const raw = readDataJson<{ features: { geometry: unknown }[] }>('plans/huairou-mentougou/villages.geojson').features;
    const m = planMetrics(loadBundledPlan());
    expect(m.register).toEqual({ villages: raw.length, located: raw.filter((f) => f.geometry !== null).length });
    expect(m.roles.reduce((n, r) => n + r.register, 0)).toBe(raw.length);
    expect(m.towns.reduce((n, t) => n + t.villages, 0)).toBe(raw.length);
    expect(m.coverage.all.register).toBe(raw.length);
  });

  it('does not modify the plan, and is fast', () => {
    const plan = loadBundledPlan();
    const before = structuredClone(plan);
    const t0 = performance.now();
    planMetrics(plan, { year: 2027 });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(plan).toEqual(before);
  });

  it('matches the golden file for 2027', () => {
    const actual = JSON.parse(JSON.stringify(planMetrics(loadBundledPlan(), { year: 2027 }))) as unknown;
    expectGolden('planMetrics', 'bundled-plan.json', actual);
  });
});
