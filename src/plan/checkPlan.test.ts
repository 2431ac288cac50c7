/**
 * checkPlan: a hand-worked plan (one district, two towns, 14 villages placed with turf `destination` at
 * known km from the two cores) that keeps every rule, then one change per rule that breaks exactly it;
 * and the bundled sample plan.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster, Plan, VillageFeature } from '../types/plan';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import { DISTRICT, T2, CORE1, CORE2, at, village, D1, U1, U2, U3, U4, P1, D2, U5, U6, U7, U8, P2, handPlan } from '../../test/helpers/handPlan';
import { PLAN_RULES, checkPlan, type PlanIssue } from './checkPlan';

// The hand-worked plan (the same one as in planMetrics.test.ts): test/helpers/handPlan.ts.

/** A copy of the hand plan changed by `change` (clusters/targets are shared by plan and manifest, as planFrom makes them). */
function changed(change: (p: Plan, v: (code: string) => VillageFeature) => void): Plan {
  const p = handPlan();
  change(p, (code) => p.villages.features.find((f) => f.properties.code === code)!);
  return p;
}

/** The parts of an issue a test pins exactly (the message is checked separately). */
function shape(i: PlanIssue) {
  return { rule: i.rule, severity: i.severity, features: i.features, source: i.source };
}

const V = (id: string) => ({ layer: 'villages' as const, id });
const C = (id: string) => ({ layer: 'clusters' as const, id });
const T = (id: string) => ({ layer: 'targets' as const, id });

describe('checkPlan on a hand-worked plan', () => {
  it('finds nothing wrong with the clean plan', () => {
    expect(checkPlan(handPlan())).toEqual([]);
    expect(checkPlan(handPlan(), { year: 2024 })).toEqual([]);
    expect(checkPlan(handPlan(), { year: 2027, maxKm: 6 })).toEqual([]);
  });

  it("cluster-size: 3 members against the plan's 4–5 rule, citing the rule", () => {
    const plan = changed((p, v) => {
      p.clusters[0]!.members = [U1, U2, U3];
      Object.assign(v(U4).properties, { role: 'other', year: null });
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'cluster-size', severity: 'error', features: [C('c1')], source: 'test: size' }]);
    expect(issues[0]!.message.en).toBe('c1 has 3 member villages; the plan asks for 4–5');
    expect(issues[0]!.message.zh).toBe('甲镇示范片区有 3 个成员村，规划要求 4–5 个' /* by its name, not its id (c1) */);
  });

  it('cluster-size: a plan without the rule checks no size', () => {
    const plan = changed((p, v) => {
      p.clusters[0]!.members = [U1, U2, U3];
      Object.assign(v(U4).properties, { role: 'other', year: null });
      p.manifest.rules = p.manifest.rules.filter((r) => r.rule !== 'cluster-size');
    });
    expect(checkPlan(plan)).toEqual([]);
  });

  it('cluster-size: a rule applies only to the clusters of its district', () => {
    const stricter = (district: string | null) =>
      changed((p) => {
        p.manifest.rules = [...p.manifest.rules, { rule: 'cluster-size', min: 5, max: 6, district, source: 'test: stricter' }];
      });
    expect(checkPlan(stricter(DISTRICT.district_code)).map(shape)).toEqual([
      { rule: 'cluster-size', severity: 'error', features: [C('c1')], source: 'test: stricter' },
      { rule: 'cluster-size', severity: 'error', features: [C('c2')], source: 'test: stricter' },
    ]);
    expect(checkPlan(stricter('999999'))).toEqual([]);
    expect(checkPlan(stricter(null))).toHaveLength(2);
  });

  it('cluster-core: a cluster without a core is reported, and loads', () => {
    const plan = changed((p, v) => {
      p.clusters[0]!.core = null;
      v(D1).properties.role = 'other';
      v(D1).properties.year = null;
    });
    const issues = checkPlan(plan);
    expect(issues.map((i) => i.rule)).toContain('cluster-core');
    expect(issues.find((i) => i.rule === 'cluster-core')!.message.en).toBe('c1 has no core village yet');
  });

  it('member-distance: a member 12 km from its core (maxKm 10)', () => {
    const plan = changed((_, v) => {
      v(U4).geometry = { type: 'Point', coordinates: at(CORE1, 12, 270) };
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'member-distance', severity: 'error', features: [C('c1'), V(D1), V(U4)], source: 'test: distance' }]);
    expect(issues[0]!.message.en).toBe(`c1: member ${U4} is 12.0 km from the core ${D1}, more than 10 km`);
    // maxKm 12.5 lets it pass; in the clean plan, maxKm 5 catches U4 (6 km) and nothing else (U3 is 4 km).
    expect(checkPlan(plan, { maxKm: 12.5 })).toEqual([]);
    expect(checkPlan(handPlan(), { maxKm: 5 }).map(shape)).toEqual([
      { rule: 'member-distance', severity: 'error', features: [C('c1'), V(D1), V(U4)], source: undefined },
    ]);
  });

  it('member-distance: an unlocated member gives a warning that the distance is unknown', () => {
    const plan = changed((_, v) => {
      v(U3).geometry = null;
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'member-distance', severity: 'warning', features: [C('c1'), V(D1), V(U3)], source: undefined }]);
    expect(issues[0]!.message.en).toContain('unknown');
    expect(issues[0]!.message.en).toContain(U3);
  });

  it('core-per-town: a third town with 村委会 only; a town of 居委会 only is not listed', () => {
    const T3 = { town: '丙镇', town_code: '110001003000' };
    const T4 = { town: '丁街道', town_code: '110001004000' };
    const plan = changed((p) => {
      p.villages.features.push(
        village('110001003202', '丙二村', T3, 'other', null, null, null),
        village('110001003201', '丙一村', T3, 'other', null, null, [116.5, 40]),
        village('110001003001', '丙社区', T3, 'other', null, null, null, '居委会'),
        village('110001004001', '丁社区', T4, 'other', null, null, null, '居委会'),
      );
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([
      { rule: 'core-per-town', severity: 'warning', features: [V('110001003201'), V('110001003202')], source: 'test: town' },
    ]);
    expect(issues[0]!.message.en).toBe('丙镇 (110001003000, 测试区) has 2 village committees and 0 demonstration villages; the plan asks for at least 1');
    // Without the rule, no town is checked.
    const noRule = changed((p) => {
      p.villages.features.push(village('110001003201', '丙一村', T3, 'other', null, null, [116.5, 40]));
      p.manifest.rules = p.manifest.rules.filter((r) => r.rule !== 'core-per-town');
    });
    expect(checkPlan(noRule)).toEqual([]);
  });

  it('yearly-range: one poetic village moved from 2024 to 2025 leaves 2024 with 1 (D1 only)', () => {
    const plan = changed((_, v) => {
      v(P1).properties.year = 2025; // 2024: D1 → 1; 2025: D2, P1, P2 → 3 (in range)
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'yearly-range', severity: 'error', features: [T('t-poetic-year'), V(D1)], source: 'test: poetic' }]);
    expect(issues[0]!.message.en).toBe(
      `测试区 2024: 1 poetic village or demonstration village; target “2–3” asks for 2–3 a year: ${D1}`,
    );
  });

  it('yearly-range: the year option limits the years judged', () => {
    const plan = changed((p) => {
      // Two more poetic villages in 2025: D2, P2, P3, P4 → 4 > 3.
      p.villages.features.push(
        village('110001002208', '乙七村', T2, 'poetic', 2025, null, at(CORE2, 5, 0)),
        village('110001002209', '乙八村', T2, 'poetic', 2025, null, null),
      );
    });
    expect(checkPlan(plan).map(shape)).toEqual([
      {
        rule: 'yearly-range', severity: 'error', source: 'test: poetic',
        features: [T('t-poetic-year'), V(D2), V(P2), V('110001002208'), V('110001002209')],
      },
    ]);
    expect(checkPlan(plan, { year: 2024 })).toEqual([]);
    expect(checkPlan(plan, { year: 2026 })).toHaveLength(1);
  });

  it('yearly-range: a per-year target with its own year judges that year, a count of 0 included', () => {
    const plan = changed((p) => {
      p.targets.push({ id: 't-2026', district: DISTRICT.district_code, count: 'clusters', roles: [], per: 'year', min: 1, max: 1, year: 2026, label: { zh: '', en: '' }, source: 'test: 2026', reported: [] });
    });
    // Default year: the plan's last year, 2027 → 0 clusters pushed in 2026.
    expect(checkPlan(plan).map(shape)).toEqual([{ rule: 'yearly-range', severity: 'error', features: [T('t-2026')], source: 'test: 2026' }]);
    expect(checkPlan(plan, { year: 2025 })).toEqual([]);
  });

  it('target-not-met: c2 pushed in 2026 leaves 1 cluster by 2025; not due as of 2024', () => {
    const plan = changed((p) => {
      p.clusters[1]!.year = 2026;
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'target-not-met', severity: 'error', features: [T('t-clusters'), C('c1')], source: 'test: clusters' }]);
    expect(issues[0]!.message.en).toBe('测试区: 1 cluster by 2025; target “≥2” asks for ≥ 2: c1');
    expect(issues[0]!.message.zh).toBe('测试区截至 2025 年示范片区 1 个，目标“≥2”要求 ≥ 2 个：甲镇示范片区');
    // As of 2024 the target is not due; as of 2026 it is still counted by its own year, 2025.
    expect(checkPlan(plan, { year: 2024 })).toEqual([]);
    expect(checkPlan(plan, { year: 2026 }).map(shape)).toEqual(issues.map(shape));
    // The clean plan with a higher bar.
    const higher = changed((p) => {
      p.targets[0]!.min = 3;
    });
    expect(checkPlan(higher).map((i) => [i.rule, i.features.map((f) => f.id)])).toEqual([['target-not-met', ['t-clusters', 'c1', 'c2']]]);
  });

  it('role-mismatch: a member that is not an upgrade village', () => {
    const plan = changed((_, v) => {
      v(U1).properties.role = 'poetic'; // poetic 2024: D1, P1, U1 → 3, still in range
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'role-mismatch', severity: 'error', features: [C('c1'), V(U1)], source: undefined }]);
    expect(issues[0]!.message.en).toBe(`c1: its member ${U1} has the role Poetic village, not Upgrade village`);
  });

  it('role-mismatch: a village listed by two clusters', () => {
    const plan = changed((p) => {
      p.clusters[1]!.members = [U5, U6, U7, U8, U1]; // c2 has 5 members: still 4–5
    });
    const issues = checkPlan(plan).filter((i) => i.rule === 'role-mismatch');
    expect(issues.map(shape)).toEqual([{ rule: 'role-mismatch', severity: 'error', features: [V(U1), C('c1'), C('c2')], source: undefined }]);
    expect(issues[0]!.message.en).toBe(`Village ${U1} is listed by 2 clusters: c1; c2`);
  });

  it('unknown-reference: a belt naming a missing cluster and a missing line', () => {
    const plan = changed((p) => {
      p.belts[0]!.clusters.push('c9');
      p.belts[0]!.along.push('road-9');
    });
    expect(checkPlan(plan).map((i) => `${i.rule} ${i.message.en}`)).toEqual([
      'unknown-reference b1 names cluster c9, which the plan does not have',
      'unknown-reference b1 names line road-9, which the plan does not have',
    ]);
  });

  it('unknown-village: a member code not in the register', () => {
    const plan = changed((p) => {
      p.clusters[1]!.members.push('110001002999'); // c2 now has 5 members: still 4–5
    });
    const issues = checkPlan(plan);
    expect(issues.map(shape)).toEqual([{ rule: 'unknown-village', severity: 'error', features: [C('c2'), V('110001002999')], source: undefined }]);
    expect(issues[0]!.message.en).toBe('c2: its member 110001002999 is not in the village register');
  });

  it('reports in rule order, then by id', () => {
    const plan = changed((p, v) => {
      p.clusters[1]!.members.push('110001002999'); // unknown-village (c2)
      v(U5).properties.role = 'poetic'; // role-mismatch (c2); poetic 2025 → D2, P2, U5 = 3
      v(U1).properties.role = 'poetic'; // role-mismatch (c1); poetic 2024 → D1, P1, U1 = 3
      p.clusters[1]!.year = 2026; // target-not-met
      p.clusters[0]!.members = [U1, U2, U3, U4, U5, U6]; // cluster-size (c1: 6), and U5, U6 in two clusters
    });
    const got = checkPlan(plan).map((i) => `${i.rule} ${i.features.map((f) => f.id).join(' ')}`);
    expect(got).toEqual([
      'cluster-size c1',
      'member-distance c1 110001001201 110001002202',
      'member-distance c1 110001001201 110001002203',
      'target-not-met t-clusters c1',
      // Ids compare by code unit: village codes (digits) come before cluster ids (letters).
      'role-mismatch 110001002202 c1 c2',
      'role-mismatch 110001002203 c1 c2',
      'role-mismatch c1 110001001202',
      'role-mismatch c1 110001002202',
      'role-mismatch c2 110001002202',
      'unknown-village c2 110001002999',
    ]);
    expect(PLAN_RULES).toEqual([
      'cluster-core', 'cluster-size', 'member-distance', 'core-per-town', 'yearly-range', 'target-not-met', 'role-mismatch', 'unknown-village', 'unknown-reference',
    ]);
  });

  it('does not modify the plan', () => {
    const plan = changed((_, v) => {
      v(U3).geometry = null;
    });
    const before = structuredClone(plan);
    checkPlan(plan, { year: 2024, maxKm: 1 });
    checkPlan(plan);
    expect(plan).toEqual(before);
  });

  it('rejects bad options', () => {
    expect(() => checkPlan(handPlan(), { maxKm: -1 })).toThrow(/maxKm/);
    expect(() => checkPlan(handPlan(), { year: 2025.5 })).toThrow(/year/);
  });
});

describe('checkPlan on the bundled sample plan', () => {
  const plan = loadBundledPlan();
  const issues = checkPlan(plan);

  it('finds the targets the sample does not meet', () => {
    const notMet = issues.filter((i) => i.rule === 'target-not-met');
    expect(notMet.map((i) => i.features[0]!.id)).toEqual(['huairou-clusters-2027', 'mentougou-demonstration-2027', 'mentougou-poetic-2027']);
    const huairou = notMet[0]!;
    // 2 clusters in Huairou (huairou-liulimiao, huairou-yangsong), of ≥ 14.
    expect(huairou.features.slice(1)).toEqual([C('huairou-liulimiao'), C('huairou-yangsong')]);
    expect(huairou.message.en).toContain('Huairou: 2 clusters by 2027');
    expect(huairou.message.en).toContain(": Liulimiao Zhen demonstration cluster (Laogongying Cun), Yangsong Zhen demonstration cluster (Guozhuang Cun)");
    expect(huairou.source).toMatch(/^seeds\/000_e14e3b2b3da5851c\.txt/);
    // 22 poetic + 7 demonstration villages in Mentougou, of ≥ 100.
    expect(notMet[2]!.features).toHaveLength(1 + 29);
    expect(notMet[2]!.source).toMatch(/^seeds\/004_9d72f6cbdece70bd\.txt/);
  });

  it('finds the sample consistent: no unknown villages, no role mismatches, clusters of 4–5', () => {
    expect(issues.filter((i) => ['unknown-village', 'role-mismatch', 'cluster-size', 'cluster-core', 'unknown-reference'].includes(i.rule))).toEqual([]);
  });

  it("applies Huairou's rules to Huairou only", () => {
    const towns = issues.filter((i) => i.rule === 'core-per-town');
    expect(towns.length).toBeGreaterThan(0);
    expect(towns.every((i) => i.message.en.includes(', Huairou) has'))).toBe(true);
    // In English a town is named by its romanisation, and no Chinese is left (#10 §3).
    expect(towns.map((i) => i.message.en)).toContainEqual(expect.stringMatching(/^Baoshan Zhen \(110116\d{6}, Huairou\) has \d+ village committees/));
    expect(issues.filter((i) => /\p{Script=Han}/u.test(i.message.en))).toEqual([]);
  });

  it('does not modify the plan, and is fast', () => {
    const fresh = loadBundledPlan();
    const before = structuredClone(fresh);
    const t0 = performance.now();
    checkPlan(fresh);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(fresh).toEqual(before);
  });
});
