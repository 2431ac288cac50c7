/**
 * deriveGeometry: cluster areas, core→member links and belt lines from the real plan package.
 * Expected values come from the data files read here, not from the code under test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan, readDataJson } from '../../test/helpers/bundledPlan';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Position } from 'geojson';
import type { Plan } from '../types/plan';
import { deriveGeometry, unlocatedVillages } from './derive';


let plan: Plan;
/** Village positions by code, straight from villages.geojson. */
let positionOf: Map<string, Position>;
beforeAll(() => {
  plan = loadBundledPlan();
  const raw = readDataJson('plans/huairou-mentougou/villages.geojson') as GeoJSON.FeatureCollection<GeoJSON.Point | null, { code: string }>;
  positionOf = new Map(raw.features.filter((f) => f.geometry).map((f) => [f.properties.code, f.geometry!.coordinates]));
});

/** A deep copy of the plan with village `code` made unlocated (as a register-only entry would be). */
function withUnlocated(source: Plan, ...codes: string[]): Plan {
  const copy = structuredClone(source);
  for (const v of copy.villages.features) {
    if (codes.includes(v.properties.code)) {
      v.geometry = null;
      v.properties.located = false;
    }
  }
  return copy;
}

describe('deriveGeometry: cluster areas', () => {
  it('has one area per cluster with a located core, in plan order', () => {
    const d = deriveGeometry(plan);
    const expected = plan.clusters.filter((c) => positionOf.has(c.core!)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(d.clusterAreas.features.map((f) => f.properties.id)).toEqual(expected);
  });

  it('memberCount is the number of located members (core not counted)', () => {
    const d = deriveGeometry(plan);
    for (const c of plan.clusters) {
      const area = d.clusterAreas.features.find((f) => f.properties.id === c.id)!;
      expect(area.properties.memberCount, c.id).toBe(c.members.filter((m) => positionOf.has(m)).length);
    }
  });

  it('each area carries the cluster facts and contains its core and members', () => {
    const d = deriveGeometry(plan);
    for (const c of plan.clusters) {
      const area = d.clusterAreas.features.find((f) => f.properties.id === c.id)!;
      const core = plan.villages.features.find((v) => v.properties.code === c.core!)!.properties;
      expect(area.properties).toMatchObject({ name: c.name, name_en: c.name_en, town: core.town, district: core.district, year: c.year, core: c.core! });
      for (const code of [c.core!, ...c.members]) expect(booleanPointInPolygon(point(positionOf.get(code)!), area), `${c.id} ${code}`).toBe(true);
    }
  });

  it('an area does not reach another cluster’s core', () => {
    const d = deriveGeometry(plan);
    for (const area of d.clusterAreas.features)
      for (const other of plan.clusters.filter((c) => c.id !== area.properties.id))
        expect(booleanPointInPolygon(point(positionOf.get(other.core!)!), area), `${area.properties.id} ∌ ${other.id}`).toBe(false);
  });
});

describe('deriveGeometry: links', () => {
  it('links each core to each of its located members', () => {
    const d = deriveGeometry(plan);
    for (const c of plan.clusters) {
      const links = d.clusterLinks.filter((l) => l.cluster === c.id);
      expect(links.map((l) => l.from), c.id).toEqual(c.members.map(() => positionOf.get(c.core!)));
      expect(links.map((l) => l.to), c.id).toEqual(c.members.map((m) => positionOf.get(m)));
    }
    expect(d.clusterLinks).toHaveLength(plan.clusters.reduce((n, c) => n + c.members.length, 0));
  });
});

describe('deriveGeometry: unlocated villages', () => {
  it('a cluster with an unlocated member keeps its area from the others and has one link fewer', () => {
    const c = plan.clusters.find((x) => x.id === 'mentougou-tanzhesi')!;
    const gone = c.members[2]!;
    const modified = withUnlocated(plan, gone);
    const before = deriveGeometry(plan);
    const after = deriveGeometry(modified);

    const area = after.clusterAreas.features.find((f) => f.properties.id === c.id);
    expect(area).toBeDefined();
    expect(area!.properties.memberCount).toBe(c.members.length - 1);
    for (const code of [c.core!, ...c.members.filter((m) => m !== gone)])
      expect(booleanPointInPolygon(point(positionOf.get(code)!), area!), code).toBe(true);

    const links = after.clusterLinks.filter((l) => l.cluster === c.id);
    expect(links).toHaveLength(before.clusterLinks.filter((l) => l.cluster === c.id).length - 1);
    expect(links.map((l) => l.to)).not.toContainEqual(positionOf.get(gone));
    // Other clusters are untouched.
    expect(after.clusterLinks.filter((l) => l.cluster !== c.id)).toEqual(before.clusterLinks.filter((l) => l.cluster !== c.id));
    expect(unlocatedVillages(modified).map((v) => v.properties.code)).toContain(gone);
  });

  it('a cluster with an unlocated core gets no links and drops out of its belt line', () => {
    const belt = plan.belts.find((b) => b.clusters.length >= 3)!;
    const middle = plan.clusters.find((c) => c.id === belt.clusters[1])!;
    const d = deriveGeometry(withUnlocated(plan, middle.core!));
    expect(d.clusterLinks.filter((l) => l.cluster === middle.id)).toEqual([]);
    const line = d.belts.features.find((f) => f.properties.id === belt.id)!;
    const expected = belt.clusters.filter((id) => id !== middle.id).map((id) => positionOf.get(plan.clusters.find((c) => c.id === id)!.core!));
    expect(line.geometry.coordinates).toEqual(expected);
    expect(line.properties.clusterCount).toBe(belt.clusters.length - 1);
  });

  it('a cluster with no located village has no area', () => {
    const c = plan.clusters[0]!;
    const d = deriveGeometry(withUnlocated(plan, c.core!, ...c.members));
    expect(d.clusterAreas.features.map((f) => f.properties.id)).not.toContain(c.id);
    expect(d.clusterAreas.features).toHaveLength(plan.clusters.length - 1);
  });
});

describe('deriveGeometry: belts', () => {
  it('links the cores of each belt in the plan’s order', () => {
    const d = deriveGeometry(plan);
    expect(d.belts.features.map((f) => f.properties.id)).toEqual(plan.belts.map((b) => b.id));
    for (const b of plan.belts) {
      const line = d.belts.features.find((f) => f.properties.id === b.id)!;
      expect(line.geometry.type).toBe('LineString');
      const coreOf = (id: string) => plan.clusters.find((c) => c.id === id)!.core;
      expect(line.geometry.coordinates, b.id).toEqual(b.clusters.map((id) => positionOf.get(coreOf(id)!)));
      expect(line.properties).toMatchObject({ name: b.name, name_en: b.name_en, clusterCount: b.clusters.length });
    }
  });

  it('follows a reordered belt (order comes from the plan, not from geography)', () => {
    const copy = structuredClone(plan);
    const belt = copy.belts.find((b) => b.clusters.length >= 3)!;
    belt.clusters.reverse();
    const line = deriveGeometry(copy).belts.features.find((f) => f.properties.id === belt.id)!;
    const coreOf = (id: string) => plan.clusters.find((c) => c.id === id)!.core;
    expect(line.geometry.coordinates).toEqual(belt.clusters.map((id) => positionOf.get(coreOf(id)!)));
  });
});

describe('deriveGeometry: purity', () => {
  it('does not mutate the plan', () => {
    const before = structuredClone(plan);
    deriveGeometry(plan);
    expect(plan).toEqual(before);
  });
});
