/**
 * Lookups derived from a plan, computed once per Plan object (plans are immutable: an edit makes a
 * new one). The one place such caches live; everything else asks here.
 */
import area from '@turf/area';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { clusterHull } from '../geo/clusterHull.js';
import type { Cluster, LineFeature, Plan, Role, RoleKind, VillageFeature, VillageProperties } from '../types/plan.js';

/** Margin around a cluster's villages for its drawn area and its area figure, km. */
export const CLUSTER_AREA_MARGIN_KM = 0.8;

export interface PlanLookup {
  villageByCode: ReadonlyMap<string, VillageFeature>;
  /** Located villages only, as one collection (what the map draws and the engine indexes). */
  located: FeatureCollection<Point, VillageProperties>;
  roleById: ReadonlyMap<string, Role>;
  /** The role of each kind (`none` always exists; `core`/`member` when the plan has them). */
  roleOfKind: Readonly<Partial<Record<RoleKind, Role>>>;
  /** Ids of the clusters that list a village (as core or member), by code. */
  clustersOf: ReadonlyMap<string, readonly string[]>;
  clusterById: ReadonlyMap<string, Cluster>;
  /** Corridors and culture belts by id, with their layer. */
  lineById: ReadonlyMap<string, { layer: 'corridors' | 'cultureBelts'; feature: LineFeature }>;
}

const memo = new WeakMap<Plan, PlanLookup>();

/** The plan's lookups (memoised per plan object). */
export function lookup(plan: Plan): PlanLookup {
  let l = memo.get(plan);
  if (l) return l;
  const villageByCode = new Map(plan.villages.features.map((v) => [v.properties.code, v] as const));
  const clustersOf = new Map<string, string[]>();
  for (const c of plan.clusters)
    for (const code of new Set([...(c.core ? [c.core] : []), ...c.members])) clustersOf.set(code, [...(clustersOf.get(code) ?? []), c.id]);
  const roleOfKind: Partial<Record<RoleKind, Role>> = {};
  for (const r of plan.manifest.roles) roleOfKind[r.kind] ??= r;
  const lineById = new Map<string, { layer: 'corridors' | 'cultureBelts'; feature: LineFeature }>();
  for (const f of plan.corridors.features) lineById.set(f.properties.id, { layer: 'corridors', feature: f });
  for (const f of plan.cultureBelts.features) lineById.set(f.properties.id, { layer: 'cultureBelts', feature: f });
  l = {
    villageByCode,
    located: {
      type: 'FeatureCollection',
      features: plan.villages.features.filter((f): f is Feature<Point, VillageProperties> => f.geometry !== null),
    },
    roleById: new Map(plan.manifest.roles.map((r) => [r.id, r])),
    roleOfKind,
    clustersOf,
    clusterById: new Map(plan.clusters.map((c) => [c.id, c])),
    lineById,
  };
  memo.set(plan, l);
  return l;
}

const areaMemo = new WeakMap<Cluster, { geometries: readonly object[]; hull: Feature<Polygon, { memberCount: number }>; m2: number }>();

/**
 * A cluster's drawn area: the {@link clusterHull} of its located villages with the drawn margin
 * ({@link CLUSTER_AREA_MARGIN_KM}), and its area in m² (turf `area`). Memoised per cluster object and
 * the villages' geometry objects: an edit that changes neither (a role, a year, another cluster)
 * keeps both (./commands.ts shares what it does not change), so the hull is not made again. The
 * feature returned is shared: do not modify it.
 *
 * @param cluster - the cluster
 * @param located - its located villages, core first
 */
export function clusterArea(cluster: Cluster, located: readonly Feature<Point>[]): { hull: Feature<Polygon, { memberCount: number }>; m2: number } {
  const memo = areaMemo.get(cluster);
  if (memo && memo.geometries.length === located.length && memo.geometries.every((g, i) => g === located[i]!.geometry)) return memo;
  const hull = clusterHull(located, { bufferKm: CLUSTER_AREA_MARGIN_KM });
  const made = { geometries: located.map((f) => f.geometry), hull, m2: area(hull) };
  areaMemo.set(cluster, made);
  return made;
}

/** The kind of a village's role (`none` for a role the plan does not know). */
export function roleKind(plan: Plan, role: string): RoleKind {
  return lookup(plan).roleById.get(role)?.kind ?? 'none';
}

/** Where a cluster is: its core village's district and town (empty when it has no known core). */
export function clusterPlace(plan: Plan, c: Cluster): { district: string; district_code: string; town: string; town_code: string } {
  const core = c.core ? lookup(plan).villageByCode.get(c.core) : undefined;
  const p = core?.properties;
  return { district: p?.district ?? '', district_code: p?.district_code ?? '', town: p?.town ?? '', town_code: p?.town_code ?? '' };
}

/** True when a rule or target scoped to `district` (a code, or null for the whole plan) covers `code`. */
export function inDistrict(district: string | null | undefined, code: string): boolean {
  return district === null || district === undefined || district === code;
}

/**
 * A district's name by its code: from the districts file, else from the register; the code when neither
 * has it. `english` asks for the districts file's `name_en` where it has one.
 */
export function districtName(plan: Plan, code: string, english = false): string {
  const d = plan.districts.features.find((f) => f.properties.adcode === code)?.properties;
  return (english && d?.name_en) || d?.name || plan.villages.features.find((v) => v.properties.district_code === code)?.properties.district || code;
}

const townEnMemo = new WeakMap<Plan, Map<string, string>>();

/**
 * A town's name: the Chinese `town`, or with `english` its romanised name — the village's `town_en`,
 * else the town seat's `name_en` (by `town_code`), else another village of the town's `town_en`;
 * the Chinese name when none has one (a proper name is never replaced by its code).
 *
 * @param plan - the plan (its town seats and villages)
 * @param p - a village's properties, or any `{ town, town_code, town_en }`
 * @param english - ask for the romanised name
 */
export function townName(plan: Plan, p: { town?: unknown; town_code?: unknown; town_en?: unknown }, english = false): string {
  const town = typeof p.town === 'string' ? p.town : '';
  if (!english) return town;
  if (typeof p.town_en === 'string' && p.town_en) return p.town_en;
  let byCode = townEnMemo.get(plan);
  if (!byCode) {
    byCode = new Map();
    for (const v of plan.villages.features) if (v.properties.town_code && v.properties.town_en) byCode.set(v.properties.town_code, v.properties.town_en);
    for (const s of plan.townSeats.features) if (s.properties.name_en) byCode.set(s.properties.code, s.properties.name_en);
    townEnMemo.set(plan, byCode);
  }
  return (typeof p.town_code === 'string' && byCode.get(p.town_code)) || town;
}
