import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { clusterHull } from '../geo/clusterHull.js';
import { proposeClusters, type ClusterWhy, type UnclusteredTown } from '../geo/proposeClusters.js';
import type { Plan, VillageProperties } from '../types/plan.js';
import { CLUSTER_AREA_MARGIN_KM, lookup, roleKind } from '../plan/lookup.js';

/** A proposed cluster as the planner sees it: accept or reject. */
export interface Proposal {
  id: string;
  district: string;
  town: string;
  core: string;
  members: string[];
  /** In English (what an accepted cluster keeps as its `reason`). */
  reason: { core: string; members: string };
  /** The reasons as data, for the interface's language. */
  why: ClusterWhy;
}

/** Distance within which the proposal looks for a core's members, km (the sample plan's clusters span ≤ 5 km). */
export const PROPOSAL_MAX_KM = 5;

/**
 * The engine's proposal: one more cluster per town from the located 村委会 that are in no cluster yet
 * and have no role in the plan (a cluster is of villages, not urban communities; a village the plan
 * already selected is not taken), same town, within `PROPOSAL_MAX_KM`.
 */
export function proposeForPlan(plan: Plan): { proposals: Proposal[]; unclustered: UnclusteredTown[] } {
  const { located, clustersOf } = lookup(plan);
  const candidates = located.features.filter(
    (f) => f.properties.kind === '村委会' && !clustersOf.has(f.properties.code) && roleKind(plan, f.properties.role) === 'none',
  );
  const byCode = new Map(candidates.map((f) => [f.properties.code, f]));
  const result = proposeClusters(candidates, { size: [4, 5], maxKm: PROPOSAL_MAX_KM, perTown: 1 });
  return {
    proposals: result.clusters.map((c) => ({
      id: `proposed-${c.core}`,
      district: byCode.get(c.core)?.properties.district ?? '',
      town: c.town,
      core: c.core,
      members: [...c.members],
      reason: c.reason,
      why: c.why,
    })),
    unclustered: result.unclustered,
  };
}

/** Areas of the pending proposals for the map. */
export function proposalAreas(plan: Plan, proposals: readonly Proposal[]): FeatureCollection<Polygon> {
  const byCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  return {
    type: 'FeatureCollection',
    features: proposals.map((p) => {
      const points = [p.core, ...p.members].map((c) => byCode.get(c)).filter((f): f is Feature<Point, VillageProperties> => !!f?.geometry);
      const area = clusterHull(points, { bufferKm: CLUSTER_AREA_MARGIN_KM });
      return { ...area, properties: { id: p.id, town: p.town } } as Feature<Polygon>;
    }),
  };
}

/** Accepting a proposal is one edit command of the plan model. */
export { acceptProposal } from '../plan/commands.js';
