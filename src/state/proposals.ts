import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { clusterHull } from '../geo/clusterHull.js';
import { proposeClusters } from '../geo/proposeClusters.js';
import type { Cluster, Plan, VillageFeature, VillageProperties } from '../types/plan.js';
import { CLUSTER_AREA_MARGIN_KM } from './derive.js';

/** A proposed cluster as the planner sees it: accept or reject. */
export interface Proposal {
  id: string;
  district: string;
  town: string;
  core: string;
  members: string[];
  reason: { core: string; members: string };
}

/** Distance within which the proposal looks for a core's members, km (the sample plan's clusters span ≤ 5 km). */
export const PROPOSAL_MAX_KM = 5;

/**
 * The engine's proposal: one more cluster per town from the located 村委会 that are in no cluster
 * yet (a cluster is of villages, not urban communities), same town, within `PROPOSAL_MAX_KM`.
 */
export function proposeForPlan(plan: Plan): { proposals: Proposal[]; unclustered: { town: string; reason: string }[] } {
  const candidates = plan.villages.features.filter(
    (f): f is Feature<Point, VillageProperties> => f.geometry !== null && f.properties.kind === '村委会' && f.properties.cluster === null,
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

/**
 * The plan with a proposal accepted: a new cluster, its core a demonstration village and its
 * members upgrade villages. A new Plan object; the old one is untouched (so undo is keeping it).
 */
export function acceptProposal(plan: Plan, proposal: Proposal, year: number): Plan {
  const core = plan.villages.features.find((f) => f.properties.code === proposal.core);
  const coreName = core?.properties.short_name ?? proposal.core;
  const coreNameEn = core?.properties.name_en ?? proposal.core;
  const cluster: Cluster = {
    id: proposal.id,
    name: `${proposal.town}示范片区（${coreName}，建议）`,
    name_en: `${proposal.town} cluster (${coreNameEn}, proposed)`,
    district: proposal.district,
    town: proposal.town,
    core: proposal.core,
    members: proposal.members,
    year,
    reason: `${proposal.reason.core}; ${proposal.reason.members}`,
  };
  const members = new Set(proposal.members);
  const villages = plan.villages.features.map((f): VillageFeature => {
    const code = f.properties.code;
    if (code === proposal.core) return { ...f, properties: { ...f.properties, role: 'demonstration', year, cluster: cluster.id } };
    if (members.has(code)) return { ...f, properties: { ...f.properties, role: 'upgrade', year, cluster: cluster.id } };
    return f;
  });
  const clusters = [...plan.clusters, cluster];
  return {
    ...plan,
    manifest: { ...plan.manifest, clusters },
    villages: { ...plan.villages, features: villages },
    clusters,
  };
}
