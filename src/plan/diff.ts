/**
 * What an edit changes: the difference between two plans, as a planner reads it before confirming an
 * edit ("accept this proposal: 5 villages get a role, 1 cluster is added") and as `belt-change`
 * reports it. Plans share what an edit did not touch (./commands.ts), so unchanged features are
 * skipped by identity and the diff of one edit costs little even on a plan of 10,000 villages.
 */
import type { Belt, Cluster, LineFeature, Plan } from '../types/plan.js';
import { lookup } from './lookup.js';

/** A value before and after. */
export type Change<T> = { from: T; to: T };

/** How one village changed: its role, batch year, position, and the clusters that list it. */
export interface VillageChange {
  code: string;
  /** The village's name in the plan after the edit (before, for a removed one). */
  name: string;
  role?: Change<string>;
  year?: Change<number | null>;
  /** True when it was placed, moved or unlocated. */
  moved?: boolean;
  /** Clusters that list it now and did not (as core or member). */
  joined?: string[];
  /** Clusters that listed it and do not now. */
  left?: string[];
  /** True for a village new in the plan; its role and year are then those it came with. */
  added?: boolean;
  removed?: boolean;
}

/** What changed in a list of things with ids (clusters, lines, belts). */
export interface ListChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface PlanChanges {
  villages: VillageChange[];
  clusters: ListChanges;
  lines: ListChanges;
  belts: ListChanges;
  /** True when nothing in the register, clusters, lines or belts differs. */
  empty: boolean;
}

function listChanges<T>(before: readonly T[], after: readonly T[], id: (x: T) => string, same: (a: T, b: T) => boolean): ListChanges {
  const was = new Map(before.map((x) => [id(x), x]));
  const is = new Map(after.map((x) => [id(x), x]));
  const added = [...is.keys()].filter((k) => !was.has(k));
  const removed = [...was.keys()].filter((k) => !is.has(k));
  const changed = [...is].filter(([k, x]) => was.has(k) && !same(was.get(k)!, x)).map(([k]) => k);
  return { added, removed, changed };
}

const sameJson = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The difference between two versions of a plan, village by village and cluster by cluster.
 *
 * @param before - the plan before an edit
 * @param after - the plan after it
 * @returns {@link PlanChanges}; villages in the order of `after`'s register (removed ones last)
 * @example
 * ```ts
 * const c = planChanges(plan, acceptProposal(plan, proposal, 2026));
 * c.clusters.added; // ['proposed-110109108212']
 * c.villages.filter((v) => v.role).length; // villages that get a role
 * ```
 */
export function planChanges(before: Plan, after: Plan): PlanChanges {
  const clustersBefore = lookup(before).clustersOf;
  const clustersAfter = lookup(after).clustersOf;
  const byCodeBefore = lookup(before).villageByCode;
  const villages: VillageChange[] = [];
  const memberCodes = new Set([...clustersBefore.keys(), ...clustersAfter.keys()]);
  const sameFeatures = before.villages.features === after.villages.features;
  for (const f of after.villages.features) {
    const code = f.properties.code;
    const old = byCodeBefore.get(code);
    if (old === f && !memberCodes.has(code)) continue;
    const change: VillageChange = { code, name: f.properties.short_name || f.properties.name };
    if (!old) change.added = true;
    else if (old !== f) {
      if (old.properties.role !== f.properties.role) change.role = { from: old.properties.role, to: f.properties.role };
      if (old.properties.year !== f.properties.year) change.year = { from: old.properties.year, to: f.properties.year };
      if (!sameJson(old.geometry?.coordinates ?? null, f.geometry?.coordinates ?? null)) change.moved = true;
    }
    const was = clustersBefore.get(code) ?? [];
    const is = clustersAfter.get(code) ?? [];
    const joined = is.filter((id) => !was.includes(id));
    const left = was.filter((id) => !is.includes(id));
    if (joined.length) change.joined = joined;
    if (left.length) change.left = left;
    if (Object.keys(change).length > 2) villages.push(change);
  }
  if (!sameFeatures) {
    const codesAfter = lookup(after).villageByCode;
    for (const f of before.villages.features)
      if (!codesAfter.has(f.properties.code)) villages.push({ code: f.properties.code, name: f.properties.short_name || f.properties.name, removed: true });
  }
  const clusters = listChanges<Cluster>(before.clusters, after.clusters, (c) => c.id, sameJson);
  const lineList = (p: Plan): LineFeature[] => [...p.corridors.features, ...p.cultureBelts.features];
  const lines = listChanges<LineFeature>(lineList(before), lineList(after), (f) => f.properties.id, (a, b) => a === b || sameJson(a, b));
  const belts = listChanges<Belt>(before.belts, after.belts, (b) => b.id, sameJson);
  const empty = villages.length === 0 && [clusters, lines, belts].every((l) => l.added.length + l.removed.length + l.changed.length === 0);
  return { villages, clusters, lines, belts, empty };
}
