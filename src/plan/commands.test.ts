/**
 * The plan's edit commands on a small synthetic plan (made up for these tests, not a real place;
 * test/helpers/handPlan.ts, `commandsPlan`): one town, two clusters, a selected village, three
 * villages of the `none` role (one unlocated), one corridor and two belts. Every edit is checked for
 * its result, for leaving its input as it was, and for surviving the writer:
 * `planFrom(readFiles(writePlan(result)))` equals `result`.
 */
import { describe, expect, it } from 'vitest';
import type { LineString } from 'geojson';
import { planFrom } from '../io/loadPlan';
import { readFiles, writePlan } from '../io/writePlan';
import type { LineFeature, Plan, VillageFeature } from '../types/plan';
import { C1, C2, M1, M2, M3, N1, N2, N3, S1, SEAT, commandsPlan, testLine as line } from '../../test/helpers/handPlan';
import {
  acceptProposal,
  addBelt,
  addLine,
  addMembers,
  addVillages,
  applyCommand,
  createCluster,
  deleteCluster,
  deleteLine,
  makeCore,
  removeMembers,
  renameCluster,
  replaceLine,
  setVillagePosition,
  setVillageRole,
  setClusterYear,
  setVillageYear,
  type ClusterProposal,
  type PlanCommand,
} from './commands';
import { checkPlan } from './checkPlan';
import { lookup } from './lookup';

/** Runs `edit` on a fresh plan; asserts the input is unchanged and the result round-trips the writer. */
function edited(edit: (plan: Plan) => Plan): { before: Plan; after: Plan } {
  const before = commandsPlan();
  const copy = structuredClone(before);
  const after = edit(before);
  expect(before).toEqual(copy);
  expect(planFrom(readFiles(writePlan(after)))).toEqual(after);
  return { before, after };
}

const props = (plan: Plan, code: string) => lookup(plan).villageByCode.get(code)!.properties;
const cluster = (plan: Plan, id: string) => plan.clusters.find((c) => c.id === id)!;

const PROPOSAL: ClusterProposal = {
  id: 'proposed-n1',
  core: N1,
  members: [N2, N3],
  town: '甲镇',
  reason: { core: 'most central', members: 'within 5 km' },
};

// ---- villages

describe('setVillageRole', () => {
  it('gives the village the role and keeps its year when none is given', () => {
    const { after } = edited((p) => setVillageRole(p, S1, 'demo'));
    expect(props(after, S1)).toMatchObject({ role: 'demo', year: 2024 });
  });

  it('sets the year when one is given', () => {
    const { after } = edited((p) => setVillageRole(p, N1, 'poetic', 2026));
    expect(props(after, N1)).toMatchObject({ role: 'poetic', year: 2026 });
  });

  it('clears the year with the none-kind role', () => {
    const { after } = edited((p) => setVillageRole(p, S1, 'other'));
    expect(props(after, S1)).toMatchObject({ role: 'other', year: null });
  });

  it('shares what it does not change', () => {
    const { before, after } = edited((p) => setVillageRole(p, N1, 'poetic', 2026));
    expect(after.villages).not.toBe(before.villages);
    expect(after.villages.features.filter((f, i) => f !== before.villages.features[i]).map((f) => f.properties.code)).toEqual([N1]);
    for (const key of ['manifest', 'clusters', 'belts', 'targets', 'corridors', 'townSeats', 'cultureBelts', 'districts', 'water'] as const)
      expect(after[key]).toBe(before[key]);
  });

  it('returns the same plan when nothing changes', () => {
    const plan = commandsPlan();
    expect(setVillageRole(plan, S1, 'poetic', 2024)).toBe(plan);
  });

  it('rejects an unknown village code, naming code', () => {
    expect(() => setVillageRole(commandsPlan(), '000', 'demo')).toThrow(RangeError);
    expect(() => setVillageRole(commandsPlan(), '000', 'demo')).toThrow(/setVillageRole: code 000/);
  });

  it('rejects an unknown role id, naming role', () => {
    expect(() => setVillageRole(commandsPlan(), N1, 'hero')).toThrow(/setVillageRole: role hero is not a role/);
  });

  it('rejects a year out of range and a year with the none role, naming year', () => {
    expect(() => setVillageRole(commandsPlan(), N1, 'poetic', 1800)).toThrow(/year/);
    expect(() => setVillageRole(commandsPlan(), N1, 'poetic', 2025.5)).toThrow(/year/);
    expect(() => setVillageRole(commandsPlan(), S1, 'other', 2025)).toThrow(/year must be null/);
  });
});

describe('setVillageYear', () => {
  it('sets the year', () => {
    const { after } = edited((p) => setVillageYear(p, S1, 2027));
    expect(props(after, S1)).toMatchObject({ role: 'poetic', year: 2027 });
  });

  it('clears the year with null', () => {
    const { after } = edited((p) => setVillageYear(p, S1, null));
    expect(props(after, S1).year).toBeNull();
  });

  it('rejects a year for a village of the none role, and a bad year', () => {
    expect(() => setVillageYear(commandsPlan(), N1, 2025)).toThrow(RangeError);
    expect(() => setVillageYear(commandsPlan(), S1, 3000)).toThrow(/setVillageYear: year/);
  });

  it('rejects an unknown village code', () => {
    expect(() => setVillageYear(commandsPlan(), 'nope', 2025)).toThrow(/setVillageYear: code nope/);
  });
});

describe('setVillagePosition', () => {
  it('moves a located village, sharing the other villages', () => {
    const { before, after } = edited((p) => setVillagePosition(p, N1, [116.2, 40.04]));
    expect(lookup(after).villageByCode.get(N1)!.geometry).toEqual({ type: 'Point', coordinates: [116.2, 40.04] });
    expect(after.villages.features.filter((f, i) => f !== before.villages.features[i]).map((f) => f.properties.code)).toEqual([N1]);
    expect(after.manifest).toBe(before.manifest);
  });

  it('places an unlocated village, and unlocates one with null', () => {
    const { after } = edited((p) => setVillagePosition(p, N3, [116.17, 40.01]));
    expect(lookup(after).located.features.map((f) => f.properties.code)).toContain(N3);
    const { after: gone } = edited((p) => setVillagePosition(p, N1, null));
    expect(lookup(gone).villageByCode.get(N1)!.geometry).toBeNull();
  });

  it('returns the same plan when the village is already there', () => {
    const plan = commandsPlan();
    expect(setVillagePosition(plan, N1, [116.15, 40.02])).toBe(plan);
    expect(setVillagePosition(plan, N3, null)).toBe(plan);
  });

  it('rejects an unknown code and positions that are not WGS84, naming the argument', () => {
    expect(() => setVillagePosition(commandsPlan(), 'nope', [116, 40])).toThrow(/setVillagePosition: code nope/);
    expect(() => setVillagePosition(commandsPlan(), N1, [500000, 4400000])).toThrow(RangeError);
    expect(() => setVillagePosition(commandsPlan(), N1, [116, Number.NaN])).toThrow(/setVillagePosition: coordinates must be/);
    expect(() => setVillagePosition(commandsPlan(), N1, [116] as unknown as [number, number])).toThrow(TypeError);
  });
});

describe('addVillages', () => {
  const outside = (code: string, coordinates: [number, number] | null, extra: Record<string, unknown> = {}) =>
    ({
      type: 'Feature',
      properties: { code, name: '新庄村', role: 'other', source: 'user file, row 2', accuracy: 'as given', outside_register: true, ...extra },
      geometry: coordinates ? { type: 'Point', coordinates } : null,
    }) as unknown as VillageFeature;

  it('adds villages at the end, filling the schema defaults and keeping extra properties', () => {
    const { before, after } = edited((p) => addVillages(p, [outside('x-2', [116.12, 40.04]), outside('x-3', null, { role: 'poetic', year: 2026 })]));
    expect(after.villages.features.slice(0, -2)).toEqual(before.villages.features);
    expect(props(after, 'x-2')).toMatchObject({ name: '新庄村', short_name: '新庄村', name_en: '', town: '', year: null, outside_register: true });
    expect(props(after, 'x-3')).toMatchObject({ role: 'poetic', year: 2026 });
    expect(lookup(after).villageByCode.get('x-3')!.geometry).toBeNull();
  });

  it('stores a copy', () => {
    const f = outside('x-2', [116.12, 40.04]);
    const after = addVillages(commandsPlan(), [f]);
    (f.properties as { name: string }).name = 'changed';
    f.geometry!.coordinates[0] = 0;
    expect(props(after, 'x-2').name).toBe('新庄村');
    expect(lookup(after).villageByCode.get('x-2')!.geometry!.coordinates).toEqual([116.12, 40.04]);
  });

  it('returns the same plan for no features', () => {
    const plan = commandsPlan();
    expect(addVillages(plan, [])).toBe(plan);
  });

  it('rejects what the loader would reject, naming the feature', () => {
    expect(() => addVillages(commandsPlan(), [outside(N1, null)])).toThrow(/addVillages: features\[0\].properties.code 990001001207 is the code of a village/);
    expect(() => addVillages(commandsPlan(), [outside(SEAT, null)])).toThrow(/town seat/);
    expect(() => addVillages(commandsPlan(), [outside('x-2', null), outside('x-2', null)])).toThrow(/features\[1\].properties.code x-2/);
    expect(() => addVillages(commandsPlan(), [outside('x-2', null, { role: 'hero' })])).toThrow(/role hero is not a role/);
    expect(() => addVillages(commandsPlan(), [outside('x-2', null, { year: 2025 })])).toThrow(/year must be null/);
    expect(() => addVillages(commandsPlan(), [outside('x-2', null, { name: '' })])).toThrow(/addVillages: features\[0\].properties/);
    expect(() => addVillages(commandsPlan(), [outside('x-2', [500000, 4400000])])).toThrow(/outside WGS84/);
    expect(() => addVillages(commandsPlan(), [{ ...outside('x-2', null), geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] } } as unknown as VillageFeature])).toThrow(/Point or null/);
  });
});

// ---- clusters

describe('makeCore', () => {
  it('makes a member the core: it leaves members, the old core leaves the cluster, nobody is re-roled', () => {
    const { before, after } = edited((p) => makeCore(p, 'c1', M1));
    expect(cluster(after, 'c1')).toMatchObject({ core: M1, members: [M2] });
    expect(after.villages).toBe(before.villages);
    expect(props(after, C1).role).toBe('demo');
    expect(props(after, M1).role).toBe('upgrade');
  });

  it('makes a village outside the cluster the core, members unchanged', () => {
    const { before, after } = edited((p) => makeCore(p, 'c2', N1));
    expect(cluster(after, 'c2')).toMatchObject({ core: N1, members: [M3] });
    expect(after.clusters[0]).toBe(before.clusters[0]);
  });

  it('returns the same plan for the present core', () => {
    const plan = commandsPlan();
    expect(makeCore(plan, 'c1', C1)).toBe(plan);
  });

  it('rejects an unknown cluster id and an unknown village code', () => {
    expect(() => makeCore(commandsPlan(), 'c9', N1)).toThrow(/makeCore: clusterId c9 is not a cluster/);
    expect(() => makeCore(commandsPlan(), 'c1', 'x')).toThrow(/makeCore: code x is not a village/);
  });
});

describe('addMembers', () => {
  it('appends the villages in the given order', () => {
    const { after } = edited((p) => addMembers(p, 'c2', [N2, N1]));
    expect(cluster(after, 'c2').members).toEqual([M3, N2, N1]);
  });

  it('does not re-role the villages', () => {
    const { after } = edited((p) => addMembers(p, 'c2', [N1]));
    expect(props(after, N1).role).toBe('other');
  });

  it('rejects unknown codes, the core, present members and repeats, naming codes[i]', () => {
    expect(() => addMembers(commandsPlan(), 'c2', [N1, 'x'])).toThrow(/addMembers: codes\[1\] x is not a village/);
    expect(() => addMembers(commandsPlan(), 'c2', [C2])).toThrow(/codes\[0\] .* is the core/);
    expect(() => addMembers(commandsPlan(), 'c2', [M3])).toThrow(/codes\[0\] .* is a member/);
    expect(() => addMembers(commandsPlan(), 'c2', [N1, N1])).toThrow(/codes\[1\] .* twice/);
    expect(() => addMembers(commandsPlan(), 'c9', [N1])).toThrow(/clusterId c9/);
  });
});

describe('removeMembers', () => {
  it('removes the villages from the members', () => {
    const { after } = edited((p) => removeMembers(p, 'c1', [M1]));
    expect(cluster(after, 'c1').members).toEqual([M2]);
  });

  it('rejects a code that is not a member, naming codes[i]', () => {
    expect(() => removeMembers(commandsPlan(), 'c1', [M2, C1])).toThrow(/removeMembers: codes\[1\] .* is not a member of cluster c1/);
  });
});

describe('createCluster', () => {
  it('adds the cluster with the next free cluster-<n> id and defaults', () => {
    const { before, after } = edited((p) => createCluster(p, { name: '新片区', core: N1, members: [N2], year: 2026 }));
    expect(after.clusters.slice(0, 2)).toEqual(before.clusters);
    expect(after.clusters[2]).toEqual({ id: 'cluster-3', name: '新片区', name_en: '', core: N1, members: [N2], year: 2026 });
  });

  it('skips ids that are taken', () => {
    const plan = createCluster(commandsPlan(), { id: 'cluster-3', name: 'x', core: null, members: [], year: null });
    expect(createCluster(plan, { name: 'y', core: null, members: [], year: null }).clusters[3]!.id).toBe('cluster-4');
  });

  it('keeps a given id, name_en, reason and a null core', () => {
    const { after } = edited((p) => createCluster(p, { id: 'c3', name: '新片区', name_en: 'New', core: null, members: [N1], year: null, reason: 'why' }));
    expect(cluster(after, 'c3')).toEqual({ id: 'c3', name: '新片区', name_en: 'New', core: null, members: [N1], year: null, reason: 'why' });
  });

  it('does not keep the caller’s members array', () => {
    const members = [N1];
    const plan = createCluster(commandsPlan(), { name: 'x', core: null, members, year: null });
    members.push(N2);
    expect(plan.clusters[2]!.members).toEqual([N1]);
  });

  it('rejects a duplicate id, an empty name, unknown codes, the core among members and a bad year', () => {
    const ok = { name: 'x', core: N1, members: [N2], year: 2026 };
    expect(() => createCluster(commandsPlan(), { ...ok, id: 'c1' })).toThrow(/createCluster: cluster.id c1 is the id of a cluster already/);
    expect(() => createCluster(commandsPlan(), { ...ok, name: ' ' })).toThrow(/cluster.name/);
    expect(() => createCluster(commandsPlan(), { ...ok, core: 'x' })).toThrow(/cluster.core x is not a village/);
    expect(() => createCluster(commandsPlan(), { ...ok, members: ['x'] })).toThrow(/cluster.members\[0\] x/);
    expect(() => createCluster(commandsPlan(), { ...ok, members: [N1] })).toThrow(/cluster.members\[0\] .* core/);
    expect(() => createCluster(commandsPlan(), { ...ok, year: 20260 })).toThrow(/cluster.year/);
  });
});

describe('renameCluster', () => {
  it('renames, keeping name_en when none is given', () => {
    const { after } = edited((p) => renameCluster(p, 'c1', { name: '新名' }));
    expect(cluster(after, 'c1')).toMatchObject({ name: '新名', name_en: 'Cluster one' });
  });

  it('renames both names', () => {
    const { after } = edited((p) => renameCluster(p, 'c1', { name: '新名', name_en: 'New name' }));
    expect(cluster(after, 'c1')).toMatchObject({ name: '新名', name_en: 'New name' });
  });

  it('rejects an unknown id and an empty name', () => {
    expect(() => renameCluster(commandsPlan(), 'c9', { name: 'x' })).toThrow(/renameCluster: id c9/);
    expect(() => renameCluster(commandsPlan(), 'c1', { name: '' })).toThrow(/renameCluster: name/);
  });
});

describe('setClusterYear', () => {
  it('sets the year and leaves the villages\' own years', () => {
    const { before, after } = edited((p) => setClusterYear(p, 'c1', 2026));
    expect(cluster(after, 'c1').year).toBe(2026);
    expect(props(after, C1).year).toBe(2024);
    expect(after.villages).toBe(before.villages);
  });

  it('returns the plan itself for the same year; rejects an unknown id and a bad year', () => {
    const plan = commandsPlan();
    expect(setClusterYear(plan, 'c1', 2024)).toBe(plan);
    expect(setClusterYear(plan, 'c1', null).clusters[0]!.year).toBeNull();
    expect(() => setClusterYear(plan, 'c9', 2026)).toThrow(/setClusterYear: id c9/);
    expect(() => setClusterYear(plan, 'c1', 2026.5)).toThrow(/setClusterYear: year/);
  });
});

describe('deleteCluster', () => {
  it('deletes the cluster and drops it from the belts that list it', () => {
    const { before, after } = edited((p) => deleteCluster(p, 'c2'));
    expect(after.clusters.map((c) => c.id)).toEqual(['c1']);
    expect(after.belts[0]!.clusters).toEqual(['c1']);
    expect(after.belts[1]).toBe(before.belts[1]);
  });

  it('keeps the belts array when no belt lists the cluster', () => {
    const plan = createCluster(commandsPlan(), { id: 'c3', name: 'x', core: null, members: [], year: null });
    expect(deleteCluster(plan, 'c3').belts).toBe(plan.belts);
  });

  it('rejects an unknown id', () => {
    expect(() => deleteCluster(commandsPlan(), 'c9')).toThrow(/deleteCluster: id c9/);
  });
});

// ---- lines

describe('addLine', () => {
  it('adds a corridor, filling the schema defaults', () => {
    const { after } = edited((p) => addLine(p, 'corridors', line('road-2', [[116.0, 40.05], [116.1, 40.05]])));
    expect(after.corridors.features.map((f) => f.properties.id)).toEqual(['road-1', 'road-2']);
    expect(after.corridors.features[1]!.properties).toMatchObject({ name_en: '', district: '', via: [], citations: [] });
  });

  it('gives a plan without a culture-belt file one', () => {
    const { after } = edited((p) => addLine(p, 'cultureBelts', line('belt-1', [[116.0, 40.05], [116.1, 40.05]], { kind: 'culture-belt' })));
    expect(after.manifest.files.cultureBelts).toBe('culture-belts.geojson');
    expect(after.cultureBelts.features).toHaveLength(1);
  });

  it('adds a schematic line through located villages and town seats', () => {
    const via = [
      { name: '甲一村', code: C1, coordinates: [116.0, 40.0] as [number, number] },
      { name: '甲镇', code: SEAT, coordinates: [116.05, 40.0] as [number, number] },
    ];
    const citations = [{ title: 'synthetic', url: '', quote: '' }];
    const { after } = edited((p) => addLine(p, 'corridors', line('road-s', [[116.0, 40.0], [116.05, 40.0]], { geometry_source: 'schematic', via, citations })));
    expect(after.corridors.features[1]!.properties.via).toEqual(via);
  });

  it('rejects a line the loader would reject', () => {
    const plan = commandsPlan();
    expect(() => addLine(plan, 'corridors', line('road-1', [[116, 40], [116.1, 40]]))).toThrow(/addLine: feature.properties.id road-1 is the id of a line already/);
    expect(() => addLine(plan, 'corridors', { ...line('x', [[116, 40], [116.1, 40]]), geometry: { type: 'Point', coordinates: [116, 40] } } as unknown as LineFeature)).toThrow(/geometry/);
    expect(() => addLine(plan, 'corridors', line('x', [[116, 40], [196.1, 40]]))).toThrow(/WGS84/);
    expect(() => addLine(plan, 'corridors', line('x', [[116, 40], [116.1, 40]], { name: '' }))).toThrow(/feature.properties: "name"/);
    expect(() => addLine(plan, 'corridors', line('x', [[116, 40], [116.1, 40]], { geometry_source: 'schematic' }))).toThrow(/schematic/);
    expect(() => addLine(plan, 'corridors', line('x', [[116, 40], [116.1, 40]], { via: [{ name: 'n', code: N3, coordinates: [116, 40] }] }))).toThrow(/via\[0\]/);
    expect(() => addLine(plan, 'water' as 'corridors', line('x', [[116, 40], [116.1, 40]]))).toThrow(/addLine: layer/);
  });

  it('stores a copy: changing the caller’s feature later does not change the plan', () => {
    const f = line('road-2', [[116.0, 40.05], [116.1, 40.05]]);
    const plan = addLine(commandsPlan(), 'corridors', f);
    (f.geometry as LineString).coordinates[0]![0] = 0;
    expect(plan.corridors.features[1]!.geometry.coordinates[0]).toEqual([116.0, 40.05]);
  });
});

describe('replaceLine', () => {
  it('replaces the line in its place', () => {
    const { before, after } = edited((p) => replaceLine(p, 'road-1', line('road-1', [[116.0, 40.0], [116.05, 40.02], [116.1, 40.0]])));
    expect(after.corridors.features).toHaveLength(1);
    expect(after.corridors.features[0]!.geometry.coordinates).toHaveLength(3);
    expect(after.belts).toBe(before.belts);
  });

  it('rejects an unknown id and a feature of another id', () => {
    expect(() => replaceLine(commandsPlan(), 'road-9', line('road-9', [[116, 40], [116.1, 40]]))).toThrow(/replaceLine: id road-9/);
    expect(() => replaceLine(commandsPlan(), 'road-1', line('road-2', [[116, 40], [116.1, 40]]))).toThrow(/feature.properties.id must be road-1/);
  });
});

describe('deleteLine', () => {
  it('deletes the line, drops it from belts’ along and drops its style', () => {
    const { before, after } = edited((p) => deleteLine(p, 'road-1'));
    expect(after.corridors.features).toEqual([]);
    expect(after.belts[0]!.along).toEqual([]);
    expect(after.belts[1]).toBe(before.belts[1]);
    expect(after.manifest.lineStyles).toEqual({});
  });

  it('rejects an unknown id', () => {
    expect(() => deleteLine(commandsPlan(), 'road-9')).toThrow(/deleteLine: id road-9/);
  });
});

// ---- belts

describe('addBelt', () => {
  it('adds the belt, filling the schema defaults', () => {
    const { after } = edited((p) => addBelt(p, { id: 'b3', name: '新带', clusters: ['c2', 'c1'], along: ['road-1'] } as Parameters<typeof addBelt>[1]));
    expect(after.belts[2]).toEqual({ id: 'b3', name: '新带', name_en: '', clusters: ['c2', 'c1'], along: ['road-1'] });
  });

  it('rejects a duplicate id, unknown clusters and lines, and a bad shape', () => {
    const ok = { id: 'b3', name: '新带', name_en: '', clusters: ['c1'], along: [] };
    expect(() => addBelt(commandsPlan(), { ...ok, id: 'b1' })).toThrow(/addBelt: belt.id b1/);
    expect(() => addBelt(commandsPlan(), { ...ok, clusters: ['c9'] })).toThrow(/belt.clusters\[0\] c9/);
    expect(() => addBelt(commandsPlan(), { ...ok, clusters: ['c1', 'c1'] })).toThrow(/belt.clusters\[1\] c1 is listed twice/);
    expect(() => addBelt(commandsPlan(), { ...ok, along: ['road-9'] })).toThrow(/belt.along\[0\] road-9/);
    expect(() => addBelt(commandsPlan(), { ...ok, name: 7 } as unknown as typeof ok)).toThrow(TypeError);
  });
});

// ---- proposals

describe('acceptProposal', () => {
  it('creates the named cluster', () => {
    const { after } = edited((p) => acceptProposal(p, PROPOSAL, 2026));
    expect(cluster(after, 'proposed-n1')).toEqual({
      id: 'proposed-n1',
      name: '甲镇示范片区（甲六村，建议）',
      name_en: '甲镇 cluster (V07, proposed)',
      core: N1,
      members: [N2, N3],
      year: 2026,
      reason: 'most central; within 5 km',
    });
  });

  it('keeps the reasons in Chinese as the cluster’s reason_zh when the proposal has them', () => {
    const after = acceptProposal(commandsPlan(), { ...PROPOSAL, reason: { ...PROPOSAL.reason, zh: '最居中；5 公里内' } }, 2026);
    expect(cluster(after, 'proposed-n1')).toMatchObject({ reason: 'most central; within 5 km', reason_zh: '最居中；5 公里内' });
    expect(() => acceptProposal(commandsPlan(), { ...PROPOSAL, reason: { ...PROPOSAL.reason, zh: 7 as unknown as string } }, 2026)).toThrow(TypeError);
    expect(() => createCluster(commandsPlan(), { name: '新片区', core: null, members: [], year: null, reason_zh: 7 as unknown as string })).toThrow(/reason_zh/);
  });

  it('gives villages of the none role the core and member roles, with the year', () => {
    const { after } = edited((p) => acceptProposal(p, PROPOSAL, 2026));
    expect(props(after, N1)).toMatchObject({ role: 'demo', year: 2026 });
    expect(props(after, N2)).toMatchObject({ role: 'upgrade', year: 2026 });
    expect(props(after, N3)).toMatchObject({ role: 'upgrade', year: 2026 });
  });

  it('does not re-role a village that already has a selected role', () => {
    const { after } = edited((p) => acceptProposal(p, { ...PROPOSAL, members: [N2, S1] }, 2026));
    expect(cluster(after, 'proposed-n1').members).toEqual([N2, S1]);
    expect(props(after, S1)).toMatchObject({ role: 'poetic', year: 2024 });
    expect(props(after, N2)).toMatchObject({ role: 'upgrade', year: 2026 });
  });

  it('leaves the kept role for the rule check to report', () => {
    const after = acceptProposal(commandsPlan(), { ...PROPOSAL, members: [N2, S1] }, 2026);
    const mismatches = checkPlan(after).filter((i) => i.rule === 'role-mismatch');
    expect(mismatches.map((i) => i.features.map((f) => f.id))).toEqual([['proposed-n1', S1]]);
  });

  it('does not re-role a core that is a member of another cluster', () => {
    const { after } = edited((p) => acceptProposal(p, { ...PROPOSAL, core: M3 }, 2026));
    expect(cluster(after, 'proposed-n1').core).toBe(M3);
    expect(props(after, M3)).toMatchObject({ role: 'upgrade', year: 2025 });
    expect(props(after, N2)).toMatchObject({ role: 'upgrade', year: 2026 });
  });

  it('rejects a proposal whose id is taken, or whose villages are unknown, naming the field', () => {
    expect(() => acceptProposal(commandsPlan(), { ...PROPOSAL, id: 'c1' }, 2026)).toThrow(/acceptProposal: proposal.id c1/);
    expect(() => acceptProposal(commandsPlan(), { ...PROPOSAL, core: 'x' }, 2026)).toThrow(/acceptProposal: proposal.core x/);
    expect(() => acceptProposal(commandsPlan(), { ...PROPOSAL, members: [N2, 'x'] }, 2026)).toThrow(/acceptProposal: proposal.members\[1\] x/);
    expect(() => acceptProposal(commandsPlan(), PROPOSAL, 1)).toThrow(/acceptProposal: year/);
  });
});

// ---- commands as data

describe('applyCommand', () => {
  const ROAD2 = line('road-2', [[116, 40.05], [116.1, 40.05]]);
  const ROAD1 = line('road-1', [[116, 40.05], [116.1, 40.05]]);
  const NEW = { name: 'x', core: N1, members: [], year: 2026 };
  const BELT = { id: 'b3', name: 'z', name_en: '', clusters: ['c1'], along: [] };
  const NEWV = {
    type: 'Feature',
    properties: { code: 'x-9', name: '新村', role: 'other', source: 'synthetic', accuracy: 'as given', outside_register: true },
    geometry: { type: 'Point', coordinates: [116.12, 40.04] },
  } as unknown as VillageFeature;
  /** Each command with the call it stands for. */
  const cases: [PlanCommand, (p: Plan) => Plan][] = [
    [{ type: 'set-village-role', code: N1, role: 'poetic', year: 2026 }, (p) => setVillageRole(p, N1, 'poetic', 2026)],
    [{ type: 'set-village-role', code: S1, role: 'demo' }, (p) => setVillageRole(p, S1, 'demo')],
    [{ type: 'set-village-year', code: S1, year: 2027 }, (p) => setVillageYear(p, S1, 2027)],
    [{ type: 'set-village-position', code: N3, coordinates: [116.17, 40.01] }, (p) => setVillagePosition(p, N3, [116.17, 40.01])],
    [{ type: 'add-villages', features: [NEWV] }, (p) => addVillages(p, [NEWV])],
    [{ type: 'make-core', clusterId: 'c1', code: M1 }, (p) => makeCore(p, 'c1', M1)],
    [{ type: 'add-members', clusterId: 'c2', codes: [N1] }, (p) => addMembers(p, 'c2', [N1])],
    [{ type: 'remove-members', clusterId: 'c1', codes: [M2] }, (p) => removeMembers(p, 'c1', [M2])],
    [{ type: 'create-cluster', cluster: NEW }, (p) => createCluster(p, NEW)],
    [{ type: 'rename-cluster', id: 'c1', name: 'y' }, (p) => renameCluster(p, 'c1', { name: 'y' })],
    [{ type: 'rename-cluster', id: 'c1', name: 'y', name_en: 'Y' }, (p) => renameCluster(p, 'c1', { name: 'y', name_en: 'Y' })],
    [{ type: 'delete-cluster', id: 'c2' }, (p) => deleteCluster(p, 'c2')],
    [{ type: 'add-line', layer: 'corridors', feature: ROAD2 }, (p) => addLine(p, 'corridors', ROAD2)],
    [{ type: 'replace-line', id: 'road-1', feature: ROAD1 }, (p) => replaceLine(p, 'road-1', ROAD1)],
    [{ type: 'delete-line', id: 'road-1' }, (p) => deleteLine(p, 'road-1')],
    [{ type: 'add-belt', belt: BELT }, (p) => addBelt(p, BELT)],
    [{ type: 'accept-proposal', proposal: PROPOSAL, year: 2026 }, (p) => acceptProposal(p, PROPOSAL, 2026)],
  ];
  const commands = cases.map(([c]) => c);

  it.each(cases.map(([c, call], i) => [`${i} ${c.type}`, c, call] as const))('%s does what its function does', (_, command, call) => {
    const { after } = edited((p) => applyCommand(p, command));
    expect(after).not.toEqual(commandsPlan());
    expect(after).toEqual(call(commandsPlan()));
  });

  it('commands are plain data: a JSON copy applies the same', () => {
    for (const command of commands) {
      const copy = JSON.parse(JSON.stringify(command)) as PlanCommand;
      expect(applyCommand(commandsPlan(), copy)).toEqual(applyCommand(commandsPlan(), command));
    }
  });

  it('rejects an unknown command type', () => {
    expect(() => applyCommand(commandsPlan(), { type: 'explode' } as unknown as PlanCommand)).toThrow(/applyCommand: unknown command type explode/);
  });
});
