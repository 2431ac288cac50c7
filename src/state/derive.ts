import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Plan, VillageFeature } from '../types/plan.js';
import { clusterArea, clusterPlace, lookup } from '../plan/lookup.js';
import { checkPlan, type PlanIssue } from '../plan/checkPlan.js';
import { planMetrics, type PlanMetrics } from '../plan/planMetrics.js';

export interface ClusterAreaProperties {
  id: string;
  name: string;
  name_en: string;
  town: string;
  district: string;
  year: number | null;
  core: string | null;
  memberCount: number;
  /** Area of the drawn cluster area, km² (2 decimals). */
  areaKm2: number;
}

export interface ClusterLink {
  cluster: string;
  from: Position;
  to: Position;
}

export interface BeltProperties {
  id: string;
  name: string;
  name_en: string;
  clusterCount: number;
}

/** Geometry the plan implies but does not store: cluster areas, core→member links, belt lines. */
export interface DerivedGeometry {
  clusterAreas: FeatureCollection<Polygon | MultiPolygon, ClusterAreaProperties>;
  clusterLinks: ClusterLink[];
  belts: FeatureCollection<LineString, BeltProperties>;
}

/**
 * Derives what the map draws for clusters and belts from the plan: a cluster's area is the hull of
 * its located villages (`clusterHull`); a belt links its clusters' cores in the order the plan
 * gives (串点成线). Unlocated members are left out of the geometry, never placed.
 */
export function deriveGeometry(plan: Plan): DerivedGeometry {
  const byCode = new Map<string, Feature<Point>>(lookup(plan).located.features.map((v) => [v.properties.code, v]));

  const clusterAreas: DerivedGeometry['clusterAreas']['features'] = [];
  const clusterLinks: ClusterLink[] = [];
  const coreOf = new Map<string, Position>();
  for (const c of plan.clusters) {
    const core = c.core ? byCode.get(c.core) : undefined;
    const members = c.members.map((m) => byCode.get(m)).filter((m): m is Feature<Point> => m !== undefined);
    const located = core ? [core, ...members] : members;
    if (located.length === 0) continue;
    const { hull, m2 } = clusterArea(c, located);
    clusterAreas.push({
      type: 'Feature',
      properties: {
        id: c.id, name: c.name, name_en: c.name_en, town: clusterPlace(plan, c).town, district: clusterPlace(plan, c).district, year: c.year, core: c.core,
        memberCount: members.length,
        areaKm2: Math.round(m2 / 1e4) / 100,
      },
      geometry: hull.geometry,
    });
    if (core) {
      coreOf.set(c.id, core.geometry.coordinates);
      for (const m of members) clusterLinks.push({ cluster: c.id, from: core.geometry.coordinates, to: m.geometry.coordinates });
    }
  }

  const belts: DerivedGeometry['belts']['features'] = [];
  for (const b of plan.belts) {
    const coords = b.clusters.map((id) => coreOf.get(id)).filter((p): p is Position => p !== undefined);
    if (coords.length < 2) continue;
    belts.push({
      type: 'Feature',
      properties: { id: b.id, name: b.name, name_en: b.name_en, clusterCount: coords.length },
      geometry: { type: 'LineString', coordinates: coords },
    });
  }
  return {
    clusterAreas: { type: 'FeatureCollection', features: clusterAreas },
    clusterLinks,
    belts: { type: 'FeatureCollection', features: belts },
  };
}

/** The register's entries that have no position, in register order. */
export function unlocatedVillages(plan: Plan): VillageFeature[] {
  return plan.villages.features.filter((v) => v.geometry === null);
}

// ---------------------------------------------------------------------------------------------
// Everything derived from a plan is memoised here, per Plan object (plans are immutable: an edit makes
// a new one, and the old one's entries go with it). The lookups of the plan itself are in plan/lookup.

const geometryMemo = new WeakMap<Plan, DerivedGeometry>();
const issuesMemo = new WeakMap<Plan, PlanIssue[]>();
const metricsMemo = new WeakMap<Plan, Map<number | null, PlanMetrics>>();

/** {@link deriveGeometry} of the plan, computed once per plan. */
export function derivedGeometry(plan: Plan): DerivedGeometry {
  let d = geometryMemo.get(plan);
  if (!d) geometryMemo.set(plan, (d = deriveGeometry(plan)));
  return d;
}

/** The rule check of the plan (`checkPlan`), computed once per plan. */
export function planIssues(plan: Plan): PlanIssue[] {
  let issues = issuesMemo.get(plan);
  if (!issues) issuesMemo.set(plan, (issues = checkPlan(plan)));
  return issues;
}

/** The plan's numbers as of `year` (null: every selection), computed once per plan and year. */
export function metricsAsOf(plan: Plan, year: number | null): PlanMetrics {
  let byYear = metricsMemo.get(plan);
  if (!byYear) metricsMemo.set(plan, (byYear = new Map()));
  let m = byYear.get(year);
  if (!m) byYear.set(year, (m = planMetrics(plan, year === null ? {} : { year })));
  return m;
}
