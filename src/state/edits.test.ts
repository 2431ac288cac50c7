/**
 * The planner's edits on commands.test.ts's synthetic plan (test/helpers/handPlan.ts, `commandsPlan`:
 * made up, not a real place): 甲镇 with clusters c1 (core C1, members M1 M2, 2024) and c2 (core C2,
 * member M3, 2025); S1 has the poetic role; N1–N3 have none (N3 unlocated). Roles: demo (core),
 * upgrade (member), poetic, other (none).
 */
import { describe, expect, it } from 'vitest';
import { C1, C2, M1, M2, M3, N1, N2, N3, S1, commandsPlan } from '../../test/helpers/handPlan';
import { checkPlan } from '../plan/checkPlan';
import { lookup } from '../plan/lookup';
import type { Plan } from '../types/plan';
import { lassoIntoCluster, makeClusterCore, moveToCluster, newClusterAround } from './edits';

const props = (plan: Plan, code: string) => lookup(plan).villageByCode.get(code)!.properties;
const cluster = (plan: Plan, id: string) => plan.clusters.find((c) => c.id === id)!;

describe('moveToCluster', () => {
  it('moves a member from one cluster to another; its role stays', () => {
    const { plan, label } = moveToCluster(commandsPlan(), M1, 'c2');
    expect(cluster(plan, 'c1').members).toEqual([M2]);
    expect(cluster(plan, 'c2').members).toEqual([M3, M1]);
    expect(props(plan, M1).role).toBe('upgrade');
    expect(label).toEqual({ en: 'move to a cluster', zh: '移至片区' });
  });

  it('a village of no role joins as an upgrade village of the cluster\'s year', () => {
    const { plan } = moveToCluster(commandsPlan(), N1, 'c2');
    expect(props(plan, N1)).toMatchObject({ role: 'upgrade', year: 2025 });
    expect(cluster(plan, 'c2').members).toEqual([M3, N1]);
  });

  it('a poetic village joins and keeps its own role', () => {
    const { plan } = moveToCluster(commandsPlan(), S1, 'c1');
    expect(props(plan, S1).role).toBe('poetic');
  });

  it('to none: leaves every cluster; the same cluster changes nothing', () => {
    const before = commandsPlan();
    expect(moveToCluster(before, M3, null).plan.clusters[1]!.members).toEqual([]);
    expect(moveToCluster(before, M3, 'c2').plan).toBe(before);
    expect(moveToCluster(before, N1, null).plan).toBe(before);
  });

  it('refuses to move a core, an unknown village or cluster', () => {
    expect(() => moveToCluster(commandsPlan(), C1, 'c2')).toThrow(/core of cluster c1/);
    expect(() => moveToCluster(commandsPlan(), '000', 'c2')).toThrow(RangeError);
    expect(() => moveToCluster(commandsPlan(), M1, 'c9')).toThrow(RangeError);
  });
});

describe('makeClusterCore', () => {
  it('swaps the core: the member becomes 示范村, the old core stays as 提升村', () => {
    const before = commandsPlan();
    const { plan } = makeClusterCore(before, 'c1', M2);
    expect(cluster(plan, 'c1')).toMatchObject({ core: M2, members: [M1, C1] });
    expect(props(plan, M2).role).toBe('demo');
    expect(props(plan, C1).role).toBe('upgrade');
    // Sizes and roles stay within the rules: no new problem.
    expect(checkPlan(plan).length).toBe(checkPlan(before).length);
  });

  it('a village of another cluster leaves it; the current core changes nothing', () => {
    const before = commandsPlan();
    const { plan } = makeClusterCore(before, 'c1', M3);
    expect(cluster(plan, 'c2').members).toEqual([]);
    expect(cluster(plan, 'c1').core).toBe(M3);
    expect(makeClusterCore(before, 'c1', C1).plan).toBe(before);
    expect(() => makeClusterCore(before, 'c1', C2)).toThrow(/core of cluster c2/);
  });
});

describe('newClusterAround', () => {
  it('makes a cluster named after the village, the village its 示范村, year the given one for a village without', () => {
    const { plan, id } = newClusterAround(commandsPlan(), N1, 2026);
    expect(id).toBe('cluster-3');
    expect(cluster(plan, id)).toMatchObject({ name: '甲六村示范片区', core: N1, members: [], year: 2026 });
    expect(props(plan, N1)).toMatchObject({ role: 'demo', year: 2026 });
  });

  it('numbers a taken name; a member leaves its cluster; a core is refused', () => {
    // A cluster named after N1 whose core is now N2 (so N1 is free to be a core again).
    const once = newClusterAround(commandsPlan(), N1, 2026).plan;
    const moved = { ...once, clusters: [...once.clusters.slice(0, 2), { ...once.clusters[2]!, core: N2 }] };
    const { plan: twice, id } = newClusterAround(moved, N1, 2026);
    expect(cluster(twice, id).name).toBe('甲六村示范片区（2）');
    const { plan } = newClusterAround(commandsPlan(), M1, null);
    expect(cluster(plan, 'c1').members).toEqual([M2]);
    expect(cluster(plan, 'cluster-3')).toMatchObject({ core: M1, year: 2024 });
    expect(() => newClusterAround(commandsPlan(), C1, 2026)).toThrow(/core of cluster c1/);
  });
});

describe('lassoIntoCluster', () => {
  // N1 [116.15, 40.02], N2 [116.16, 40.03]; M3 (in c2) [116.11, 40.0]; C2 (c2's core) [116.1, 40.0].
  const ring: [number, number][] = [[116.105, 39.99], [116.17, 39.99], [116.17, 40.04], [116.105, 40.04]];

  it('adds the located villages of no cluster inside; those of another cluster are skipped', () => {
    const { plan, added, skipped } = lassoIntoCluster(commandsPlan(), 'c1', ring);
    expect(added).toEqual([N1, N2]);
    expect(skipped).toEqual([M3]);
    expect(cluster(plan, 'c1').members).toEqual([M1, M2, N1, N2]);
    expect(props(plan, N1)).toMatchObject({ role: 'upgrade', year: 2024 });
    expect(props(plan, N3).role).toBe('other');
  });

  it('a lasso round nothing changes nothing; a degenerate ring encloses nothing', () => {
    const before = commandsPlan();
    expect(lassoIntoCluster(before, 'c1', [[120, 30], [120.1, 30], [120.1, 30.1]]).plan).toBe(before);
    expect(lassoIntoCluster(before, 'c1', [[116.1, 40], [116.2, 40]]).added).toEqual([]);
  });
});
