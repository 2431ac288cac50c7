/**
 * A planner's edits as they are made on the map and in the details: each is one step of the
 * history, made of the plan's commands (src/plan/commands.ts), and does what a planner expects of
 * it where the commands leave roles alone: a village of no role that joins a cluster becomes its
 * upgrade village (提升村), the village made a cluster's core becomes its demonstration village (示范村)
 * and the old core stays in the cluster as a member — "each town picks a demonstration village and
 * 4–5 upgrade villages around it" (../shared/DESIGN.md; 怀柔区示范片区实施方案, seeds). No DOM.
 *
 * Each returns the new plan and the history label of the edit (both languages), or the plan itself
 * when nothing changes. Bad input throws as the commands do.
 */
import { applyCommand, type PlanCommand } from '../plan/commands.js';
import { lookup, roleKind } from '../plan/lookup.js';
import { pointsInRing } from '../geo/lasso.js';
import type { Plan } from '../types/plan.js';
import { strings } from './i18n.js';
import type { EditLabel } from './store.js';

export interface PlannerEdit {
  plan: Plan;
  label: Exclude<EditLabel, string>;
}

type LabelKey = keyof ReturnType<typeof strings>['editing']['label'];
const label = (key: LabelKey): PlannerEdit['label'] => ({ en: strings('en').editing.label[key], zh: strings('zh-CN').editing.label[key] });

function run(plan: Plan, commands: readonly PlanCommand[]): Plan {
  return commands.reduce(applyCommand, plan);
}

/** The commands that give a village the member role with `year`, when it has no role (kind none). */
function asMember(plan: Plan, code: string, year: number | null): PlanCommand[] {
  const member = lookup(plan).roleOfKind.member;
  if (!member || roleKind(plan, lookup(plan).villageByCode.get(code)?.properties.role ?? '') !== 'none') return [];
  return [{ type: 'set-village-role', code, role: member.id, year }];
}

/**
 * Puts a village into one cluster as a member, or into none: it leaves the clusters that list it as
 * a member, and a village of no role becomes an upgrade village of the cluster's year. The core of
 * a cluster cannot be moved this way (the cluster would lose its core): make another village the
 * core first.
 *
 * @param plan - a plan
 * @param code - the village's code
 * @param clusterId - the cluster to join, or null for none
 * @returns the edit (the plan itself when it already is exactly there)
 * @throws RangeError for the core of a cluster, an unknown code or cluster
 */
export function moveToCluster(plan: Plan, code: string, clusterId: string | null): PlannerEdit {
  const { clustersOf, clusterById, villageByCode } = lookup(plan);
  if (!villageByCode.has(code)) throw new RangeError(`moveToCluster: code ${code} is not a village of the plan`);
  if (clusterId !== null && !clusterById.has(clusterId)) throw new RangeError(`moveToCluster: clusterId ${clusterId} is not a cluster of the plan`);
  const listing = clustersOf.get(code) ?? [];
  const coreOf = listing.find((id) => clusterById.get(id)!.core === code);
  if (coreOf !== undefined && coreOf !== clusterId) throw new RangeError(`moveToCluster: ${code} is the core of cluster ${coreOf}; make another village its core first`);
  const commands: PlanCommand[] = listing.filter((id) => id !== clusterId && id !== coreOf).map((id) => ({ type: 'remove-members', clusterId: id, codes: [code] }));
  if (clusterId !== null && !listing.includes(clusterId)) {
    commands.push({ type: 'add-members', clusterId, codes: [code] });
    commands.push(...asMember(plan, code, clusterById.get(clusterId)!.year));
  }
  return { plan: run(plan, commands), label: label(clusterId === null ? 'leave' : 'join') };
}

/**
 * Makes a village the core (示范村) of a cluster: it gets the core role (keeping its year, or taking
 * the cluster's when it has none), and the old core stays in the cluster as a member with the member
 * role. A village in another cluster leaves it.
 *
 * @param plan - a plan
 * @param clusterId - the cluster
 * @param code - the new core's code
 * @returns the edit (the plan itself when it already is the core)
 */
export function makeClusterCore(plan: Plan, clusterId: string, code: string): PlannerEdit {
  const { clustersOf, clusterById, villageByCode, roleOfKind } = lookup(plan);
  const cluster = clusterById.get(clusterId);
  if (!cluster) throw new RangeError(`makeClusterCore: clusterId ${clusterId} is not a cluster of the plan`);
  const village = villageByCode.get(code);
  if (!village) throw new RangeError(`makeClusterCore: code ${code} is not a village of the plan`);
  if (cluster.core === code) return { plan, label: label('core') };
  const elsewhere = (clustersOf.get(code) ?? []).filter((id) => id !== clusterId);
  if (elsewhere.some((id) => clusterById.get(id)!.core === code)) throw new RangeError(`makeClusterCore: ${code} is the core of cluster ${elsewhere[0]}`);
  const commands: PlanCommand[] = elsewhere.map((id) => ({ type: 'remove-members', clusterId: id, codes: [code] }));
  commands.push({ type: 'make-core', clusterId, code });
  const old = cluster.core;
  const coreRole = roleOfKind.core;
  const memberRole = roleOfKind.member;
  if (coreRole && village.properties.role !== coreRole.id)
    commands.push({ type: 'set-village-role', code, role: coreRole.id, year: village.properties.year ?? cluster.year });
  if (old !== null) {
    commands.push({ type: 'add-members', clusterId, codes: [old] });
    const oldVillage = villageByCode.get(old);
    if (memberRole && oldVillage && coreRole && oldVillage.properties.role === coreRole.id)
      commands.push({ type: 'set-village-role', code: old, role: memberRole.id });
  }
  return { plan: run(plan, commands), label: label('core') };
}

/**
 * A new cluster with a village as its core, named after it (`<village>示范片区`, numbered when
 * the name is taken): the village gets the core role, and leaves the clusters that list it as a
 * member. The cluster's year is the village's, else `year`.
 *
 * @param plan - a plan
 * @param code - the core's code
 * @param year - the year for a village that has none (e.g. this year, within the plan's years)
 * @returns the edit and the new cluster's id
 */
export function newClusterAround(plan: Plan, code: string, year: number | null): PlannerEdit & { id: string } {
  const { clustersOf, clusterById, villageByCode, roleOfKind } = lookup(plan);
  const village = villageByCode.get(code);
  if (!village) throw new RangeError(`newClusterAround: code ${code} is not a village of the plan`);
  const coreOf = (clustersOf.get(code) ?? []).find((id) => clusterById.get(id)!.core === code);
  if (coreOf !== undefined) throw new RangeError(`newClusterAround: ${code} is the core of cluster ${coreOf} already`);
  const p = village.properties;
  const names = new Set(plan.clusters.map((c) => c.name));
  const base = `${p.short_name || p.name}示范片区`;
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base}（${n}）`;
  const town_en = p.name_en ? `${p.name_en} cluster` : '';
  let n = plan.clusters.length + 1;
  while (clusterById.has(`cluster-${n}`)) n++;
  const id = `cluster-${n}`;
  const y = p.year ?? year;
  const commands: PlanCommand[] = (clustersOf.get(code) ?? []).map((c) => ({ type: 'remove-members', clusterId: c, codes: [code] }));
  commands.push({ type: 'create-cluster', cluster: { id, name, name_en: town_en, core: code, members: [], year: y } });
  if (roleOfKind.core && p.role !== roleOfKind.core.id) commands.push({ type: 'set-village-role', code, role: roleOfKind.core.id, year: y });
  return { plan: run(plan, commands), label: label('newCluster'), id };
}

/**
 * Adds the located villages inside a lasso to a cluster as members. Villages already in a cluster
 * (this one or another) are left where they are and reported as skipped; a village of no role
 * becomes an upgrade village of the cluster's year.
 *
 * @param plan - a plan
 * @param clusterId - the cluster
 * @param ring - the lasso, `[lon, lat]` positions
 * @returns the edit, the codes added and the codes skipped (in a cluster already)
 */
export function lassoIntoCluster(plan: Plan, clusterId: string, ring: readonly (readonly [number, number])[]): PlannerEdit & { added: string[]; skipped: string[] } {
  const { clusterById, clustersOf, located } = lookup(plan);
  const cluster = clusterById.get(clusterId);
  if (!cluster) throw new RangeError(`lassoIntoCluster: clusterId ${clusterId} is not a cluster of the plan`);
  const inside = pointsInRing(located.features, ring).map((f) => f.properties.code);
  const added = inside.filter((code) => !clustersOf.has(code));
  const skipped = inside.filter((code) => clustersOf.has(code) && code !== cluster.core && !cluster.members.includes(code));
  const commands: PlanCommand[] = added.length ? [{ type: 'add-members', clusterId, codes: added }] : [];
  for (const code of added) commands.push(...asMember(plan, code, cluster.year));
  return { plan: run(plan, commands), label: label('lasso'), added, skipped };
}
