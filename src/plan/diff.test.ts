/**
 * planChanges on commands.test.ts's synthetic plan (test/helpers/handPlan.ts, `commandsPlan`: made
 * up, not a real place). Each expected change is what the command's contract says it does, written
 * out by hand from the fixture's codes, not read from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { C1, C2, M1, M2, M3, N1, N2, N3, commandsPlan, testLine } from '../../test/helpers/handPlan';
import { acceptProposal, addLine, addMembers, applyCommand, deleteCluster, makeCore, removeMembers, setVillagePosition, setVillageRole } from './commands';
import { planChanges } from './diff';

describe('planChanges', () => {
  it('is empty for the same plan and for an edit that changed nothing', () => {
    const plan = commandsPlan();
    expect(planChanges(plan, plan).empty).toBe(true);
    expect(planChanges(plan, structuredClone(plan)).empty).toBe(true);
  });

  it('lists a role and year change of one village, and nothing else', () => {
    const plan = commandsPlan();
    const c = planChanges(plan, setVillageRole(plan, N1, 'poetic', 2026));
    expect(c.villages).toEqual([{ code: N1, name: expect.any(String), role: { from: 'other', to: 'poetic' }, year: { from: null, to: 2026 } }]);
    expect(c.clusters).toEqual({ added: [], removed: [], changed: [] });
    expect(c.empty).toBe(false);
  });

  it('an accepted proposal: the cluster added, its villages re-roled and joined', () => {
    const plan = commandsPlan();
    const after = acceptProposal(plan, { id: 'p1', core: N1, members: [N2, N3], town: '甲镇', reason: { core: 'a', members: 'b' } }, 2026);
    const c = planChanges(plan, after);
    expect(c.clusters.added).toEqual(['p1']);
    expect(c.villages.map((v) => v.code).sort()).toEqual([N1, N2, N3].sort());
    const n1 = c.villages.find((v) => v.code === N1)!;
    expect(n1).toMatchObject({ role: { from: 'other', to: 'demo' }, year: { from: null, to: 2026 }, joined: ['p1'] });
    expect(c.villages.find((v) => v.code === N2)!.role?.to).not.toBe('demo');
  });

  it('membership moves: removed members left, added ones joined; roles as they were', () => {
    const plan = commandsPlan();
    const after = addMembers(removeMembers(plan, 'c1', [M1]), 'c2', [M1]);
    const c = planChanges(plan, after);
    expect(c.villages).toEqual([{ code: M1, name: expect.any(String), joined: ['c2'], left: ['c1'] }]);
    expect(c.clusters.changed.sort()).toEqual(['c1', 'c2']);
  });

  it('a new core, a deleted cluster, a moved village, a new line', () => {
    const plan = commandsPlan();
    expect(planChanges(plan, makeCore(plan, 'c1', M2)).clusters.changed).toEqual(['c1']);
    const deleted = planChanges(plan, deleteCluster(plan, 'c2'));
    expect(deleted.clusters.removed).toEqual(['c2']);
    expect(deleted.villages.map((v) => [v.code, v.left])).toEqual([[C2, ['c2']], [M3, ['c2']]]);
    expect(planChanges(plan, setVillagePosition(plan, N3, [116.1, 40.1])).villages).toEqual([{ code: N3, name: expect.any(String), moved: true }]);
    const line = testLine('new-road', [[116, 40], [116.1, 40.1]]);
    expect(planChanges(plan, addLine(plan, 'corridors', line)).lines.added).toEqual(['new-road']);
  });

  it('villages added and removed by an import-like edit', () => {
    const plan = commandsPlan();
    const fewer = { ...plan, villages: { ...plan.villages, features: plan.villages.features.filter((f) => f.properties.code !== N2) } };
    expect(planChanges(plan, fewer).villages).toContainEqual({ code: N2, name: expect.any(String), removed: true });
    expect(planChanges(fewer, plan).villages).toContainEqual(expect.objectContaining({ code: N2, added: true }));
    expect(planChanges(plan, applyCommand(plan, { type: 'set-village-year', code: C1, year: 2027 })).villages).toEqual([
      { code: C1, name: expect.any(String), year: { from: 2024, to: 2027 } },
    ]);
  });
});
