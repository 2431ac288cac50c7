import { area, length, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Point, Position } from 'geojson';
import type {
  Bilingual,
  LineFeature,
  LineKind,
  Plan,
  Target,
  TargetMetric,
  VillageFeature,
  VillageRole,
} from '../types/plan.js';
import { assertKm } from './assert.js';
import { clusterHull } from './clusterHull.js';

/** The plan years (2024–2027); per-year series always cover them, plus any other year a selection has. */
export const PLAN_YEARS: readonly number[] = [2024, 2025, 2026, 2027];

/** Margin around a cluster's villages for its area, km (the map's CLUSTER_AREA_MARGIN_KM in src/state/derive.ts). */
const CLUSTER_AREA_KM = 0.8;

const ROLES: readonly VillageRole[] = ['demonstration', 'upgrade', 'poetic', 'other'];

export interface PlanMetricsOptions {
  /**
   * Count the plan as of this year: only villages selected (and clusters pushed) in or before it.
   * A village selected later counts as role `other`; a selection without a year always counts.
   * @defaultValue every selection counts
   */
  year?: number;
  /**
   * Width of the zone on either side of each corridor and culture belt, km, for {@link PlanCoverage}.
   * @defaultValue 3
   */
  zoneKm?: number;
}

/** Villages of one role: in the register, and of those, located. */
export interface RoleCount {
  role: VillageRole;
  register: number;
  located: number;
}

export interface TownMetrics {
  district: string;
  district_code: string;
  town: string;
  town_code: string;
  /** Register entries of the town (村委会 and 居委会). */
  villages: number;
  located: number;
  demonstration: number;
  upgrade: number;
  poetic: number;
  /** Clusters whose `district` and `town` name this town. */
  clusters: number;
}

export interface ClusterMetrics {
  id: string;
  name: string;
  name_en: string;
  district: string;
  town: string;
  year: number;
  core: string;
  coreLocated: boolean;
  /** Distinct codes of the `members` list (the core not included). */
  members: number;
  /** Of those, register villages with a position. */
  locatedMembers: number;
  /** Area of the {@link clusterHull} of the located core and members with a 0.8 km margin, km² (3 decimals); null if none is located. */
  areaKm2: number | null;
}

export interface BeltMetrics {
  id: string;
  name: string;
  name_en: string;
  district: string;
  /** Ids of the corridors / culture belts it runs along. */
  along: string[];
  /** Clusters of the belt counted as of `year` that exist in the plan. */
  clusters: number;
  /** Of those, clusters whose core is located. */
  locatedCores: number;
  /** Length of the line through the located cores in belt order (串点成线), km (3 decimals); null under two. */
  lengthKm: number | null;
}

export interface LineMetrics {
  layer: 'corridors' | 'cultureBelts';
  id: string;
  kind: LineKind;
  name: string;
  name_en: string;
  district: string;
  geometry_source: 'surveyed' | 'schematic';
  /** True for a line drawn as straight links between `via` places: its length is a lower bound, not a measure. */
  schematic: boolean;
  /** Length along the line, km (3 decimals). */
  lengthKm: number;
}

/** Coverage of one district (or, with `district: null`, of the whole register). Shares are null when nothing is counted. */
export interface CoverageRow {
  district: string | null;
  register: number;
  /** Register villages that are the core or a member of a counted cluster. */
  registerInCluster: number;
  registerInClusterShare: number | null;
  located: number;
  locatedInCluster: number;
  locatedInClusterShare: number | null;
  /** Located villages within `zoneKm` of any corridor or culture belt (of any district). */
  locatedInZone: number;
  locatedInZoneShare: number | null;
}

export interface PlanCoverage {
  zoneKm: number;
  all: CoverageRow;
  /** One row per district of the register, by district code. */
  byDistrict: CoverageRow[];
}

/** One year of a per-year target. */
export interface YearValue {
  year: number;
  /** Count in that year; null for a year after `year` (not yet). */
  value: number | null;
  /** Within the target's range; null when the year is not judged (after `year`, or no selection that year for a target without a year of its own). */
  met: boolean | null;
}

export interface TargetProgress {
  id: string;
  district: string;
  metric: TargetMetric;
  label: Bilingual;
  source: string;
  min: number | null;
  max: number | null;
  /** The target's own year (null: always, or each year). */
  year: number | null;
  /** `cumulative`: a count by a year; `per-year`: a count in each year; `per-cluster`: a count in each cluster. */
  kind: 'cumulative' | 'per-year' | 'per-cluster';
  /** The target's year has come (it has none, or it is ≤ the `year` option, or no `year` option was given). */
  due: boolean;
  /**
   * cumulative: the count as of `year`; per-year: the count in the target's year (null if after `year`),
   * else in the last judged year (null if none); per-cluster: clusters within the range.
   */
  value: number | null;
  /** per-cluster: clusters judged (counted clusters of the district); else null. */
  outOf: number | null;
  /**
   * cumulative: value within [min, max]; per-year: every judged year within it and at least one judged;
   * per-cluster: every counted cluster within it (and at least one).
   */
  met: boolean;
  /** per-year targets only: the plan years, see {@link YearValue}. */
  series: YearValue[] | null;
}

export interface PlanMetrics {
  /** The `year` option, or null (every selection counts). */
  year: number | null;
  register: { villages: number; located: number };
  /** One row per role, in the order demonstration, upgrade, poetic, other. */
  roles: RoleCount[];
  /** One row per town of the register, by district code then town code. */
  towns: TownMetrics[];
  /** Clusters counted as of `year`, in plan order. */
  clusters: ClusterMetrics[];
  /** Every belt, in plan order. */
  belts: BeltMetrics[];
  /** Corridors, then culture belts, in file order. */
  lines: LineMetrics[];
  coverage: PlanCoverage;
  /** Every target, in plan order. */
  targets: TargetProgress[];
}

/** Something a target counts: a village (by code) or a cluster (by id), with its selection year. */
export interface TargetSelection {
  layer: 'villages' | 'clusters';
  id: string;
  year: number | null;
}

/**
 * What a target counts, in its district (whatever the year; filter by `year` yourself). The counting
 * rules, shared by {@link planMetrics} and `checkPlan`:
 * - `clusters`, `clusters-per-year`, `upgrade-villages-per-cluster`: the plan's clusters of the district.
 * - `demonstration-villages`: villages of role `demonstration`.
 * - `poetic-villages`, `poetic-villages-per-year`: villages of role `poetic` **and** of role `demonstration`.
 *   seeds/004 (Mentougou): “到2027年，建设不少于100个“诗画乡村”，进而培育不少于10个…乡村振兴示范村” and
 *   “以“乡村振兴示范村”为中心村的“诗画乡村”组团”: demonstration villages are grown out of the poetic
 *   villages (进而), so each is a poetic village too. Upgrade villages are not counted: the plan has the
 *   demonstration village “带动周边村庄形成…示范片区”, it does not select them as poetic villages.
 *   The same set counts per year, so the per-year counts add up to the cumulative one.
 *
 * @param plan - the plan
 * @param target - one of its targets
 * @returns the counted villages/clusters with their years, villages by code, clusters in plan order
 * @example
 * ```ts
 * const t = plan.targets.find((t) => t.id === 'huairou-clusters-2027')!;
 * targetSelections(plan, t).filter((s) => (s.year ?? 0) <= 2027).length; // 2 in the bundled sample
 * ```
 */
export function targetSelections(plan: Plan, target: Target): TargetSelection[] {
  const { metric, district } = target;
  switch (metric) {
    case 'clusters':
    case 'clusters-per-year':
    case 'upgrade-villages-per-cluster':
      return plan.clusters.filter((c) => c.district === district).map((c) => ({ layer: 'clusters', id: c.id, year: c.year }));
    case 'demonstration-villages':
    case 'poetic-villages':
    case 'poetic-villages-per-year': {
      const roles: VillageRole[] = metric === 'demonstration-villages' ? ['demonstration'] : ['poetic', 'demonstration'];
      return plan.villages.features
        .filter((v) => v.properties.district === district && roles.includes(v.properties.role))
        .map((v): TargetSelection => ({ layer: 'villages', id: v.properties.code, year: v.properties.year }))
        .sort((a, b) => cmp(a.id, b.id));
    }
    default:
      metric satisfies never;
      throw new TypeError(`targetSelections: unknown target metric ${String(metric)}`);
  }
}

/** How a target is judged: by a year, in each year, or in each cluster. */
export function targetKind(metric: TargetMetric): TargetProgress['kind'] {
  if (metric === 'clusters-per-year' || metric === 'poetic-villages-per-year') return 'per-year';
  if (metric === 'upgrade-villages-per-cluster') return 'per-cluster';
  return 'cumulative';
}

/** True when `n` is within the inclusive range [min, max] (a null bound is open). */
export function inRange(n: number, { min, max }: { min: number | null; max: number | null }): boolean {
  return (min === null || n >= min) && (max === null || n <= max);
}

/**
 * Counts, lengths, areas, coverage and target progress of a plan, as plain serialisable rows for tables
 * (DESIGN.md § The analysis engine: metrics).
 *
 * - Roles and towns: a village counts under its role if it was selected in or before `year` (or has no
 *   year); otherwise it counts as `other`.
 * - Clusters: counted if their `year` ≤ `year`. Area: {@link clusterHull} of the located core and
 *   members with a 0.8 km margin (as drawn on the map), turf `area`. Unlocated villages are left out.
 * - Belts: the counted clusters it lists; length along their located cores in belt order, turf `length`.
 * - Lines: every corridor and culture belt, turf `length`; `schematic` lines are straight links between
 *   cited places, so their length understates the real route.
 * - Coverage: register (and located) villages that are the core or a member of a counted cluster;
 *   located villages within `zoneKm` of a corridor or culture belt (turf `pointToLineDistance`, geodesic).
 * - Targets: see {@link targetSelections} for what each metric counts and {@link TargetProgress} for the values.
 *
 * Lengths and areas are rounded to 3 decimals. The plan is not modified.
 *
 * @param plan - a loaded plan
 * @param options - {@link PlanMetricsOptions}
 * @returns the {@link PlanMetrics}
 * @example
 * ```ts
 * const m = planMetrics(plan, { year: 2025, zoneKm: 2 });
 * m.register.villages;                 // 647 for the bundled plan
 * m.targets.find((t) => t.id === 'huairou-clusters-2027')?.value; // 2
 * m.coverage.all.locatedInZoneShare;   // share of located villages within 2 km of a corridor or culture belt
 * ```
 */
export function planMetrics(plan: Plan, { year, zoneKm = 3 }: PlanMetricsOptions = {}): PlanMetrics {
  if (year !== undefined && !Number.isInteger(year)) throw new RangeError(`planMetrics: year must be an integer, got ${String(year)}`);
  assertKm('zoneKm', zoneKm);
  const asOf = year ?? null;
  const counts = (y: number | null): boolean => asOf === null || y === null || y <= asOf;
  const villages = plan.villages.features;
  const byCode = new Map<string, VillageFeature>(villages.map((v) => [v.properties.code, v]));
  const roleOf = (v: VillageFeature): VillageRole => (v.properties.role !== 'other' && counts(v.properties.year) ? v.properties.role : 'other');
  const clusters = plan.clusters.filter((c) => counts(c.year));

  // Roles.
  const roles = ROLES.map((role): RoleCount => ({ role, register: 0, located: 0 }));
  for (const v of villages) {
    const row = roles[ROLES.indexOf(roleOf(v))]!;
    row.register++;
    if (v.geometry) row.located++;
  }

  // Towns.
  const towns = new Map<string, TownMetrics>();
  for (const v of villages) {
    const p = v.properties;
    let t = towns.get(p.town_code);
    if (!t) {
      t = { district: p.district, district_code: p.district_code, town: p.town, town_code: p.town_code, villages: 0, located: 0, demonstration: 0, upgrade: 0, poetic: 0, clusters: 0 };
      towns.set(p.town_code, t);
    }
    t.villages++;
    if (v.geometry) t.located++;
    const role = roleOf(v);
    if (role !== 'other') t[role]++;
  }
  const townRows = [...towns.values()].sort((a, b) => cmp(a.district_code, b.district_code) || cmp(a.town_code, b.town_code));
  for (const c of clusters) {
    for (const t of townRows) if (t.district === c.district && t.town === c.town) t.clusters++;
  }

  // Clusters.
  const located = (code: string): Feature<Point> | undefined => {
    const v = byCode.get(code);
    return v?.geometry ? (v as Feature<Point>) : undefined;
  };
  const clusterRows = clusters.map((c): ClusterMetrics => {
    const members = [...new Set(c.members)].filter((m) => m !== c.core);
    const core = located(c.core);
    const placed = [core, ...members.map(located)].filter((f): f is Feature<Point> => f !== undefined);
    return {
      id: c.id, name: c.name, name_en: c.name_en, district: c.district, town: c.town, year: c.year, core: c.core,
      coreLocated: core !== undefined,
      members: members.length,
      locatedMembers: members.filter((m) => located(m)).length,
      areaKm2: placed.length > 0 ? round3(area(clusterHull(placed, { bufferKm: CLUSTER_AREA_KM })) / 1e6) : null,
    };
  });

  // Belts.
  const counted = new Map(clusters.map((c) => [c.id, c]));
  const beltRows = plan.belts.map((b): BeltMetrics => {
    const own = b.clusters.map((id) => counted.get(id)).filter((c) => c !== undefined);
    const cores: Position[] = own.map((c) => located(c.core)?.geometry.coordinates).filter((p) => p !== undefined).map((p) => [...p]);
    return {
      id: b.id, name: b.name, name_en: b.name_en, district: b.district, along: [...b.along],
      clusters: own.length,
      locatedCores: cores.length,
      lengthKm: cores.length >= 2 ? round3(length(lineString(cores), { units: 'kilometers' })) : null,
    };
  });

  // Lines.
  const lineRows = [
    ...plan.corridors.features.map((f) => lineRow('corridors', f)),
    ...plan.cultureBelts.features.map((f) => lineRow('cultureBelts', f)),
  ];

  // Coverage.
  const inCluster = new Set(clusters.flatMap((c) => [c.core, ...c.members]));
  const parts = [...plan.corridors.features, ...plan.cultureBelts.features].flatMap(lineParts);
  const inZone = (v: Feature<Point>): boolean => parts.some((l) => pointToLineDistance(v, l, { units: 'kilometers' }) <= zoneKm);
  const rows = new Map<string | null, CoverageRow>();
  const row = (district: string | null): CoverageRow => {
    let r = rows.get(district);
    if (!r) {
      r = { district, register: 0, registerInCluster: 0, registerInClusterShare: null, located: 0, locatedInCluster: 0, locatedInClusterShare: null, locatedInZone: 0, locatedInZoneShare: null };
      rows.set(district, r);
    }
    return r;
  };
  const districtCode = new Map<string, string>();
  for (const v of villages) {
    const p = v.properties;
    districtCode.set(p.district, p.district_code);
    const member = inCluster.has(p.code);
    const zone = v.geometry ? inZone(v as Feature<Point>) : false;
    for (const r of [row(null), row(p.district)]) {
      r.register++;
      if (member) r.registerInCluster++;
      if (v.geometry) {
        r.located++;
        if (member) r.locatedInCluster++;
        if (zone) r.locatedInZone++;
      }
    }
  }
  for (const r of rows.values()) {
    r.registerInClusterShare = share(r.registerInCluster, r.register);
    r.locatedInClusterShare = share(r.locatedInCluster, r.located);
    r.locatedInZoneShare = share(r.locatedInZone, r.located);
  }
  const all = row(null);
  const byDistrict = [...rows.values()]
    .filter((r) => r.district !== null)
    .sort((a, b) => cmp(districtCode.get(a.district!)!, districtCode.get(b.district!)!));

  return {
    year: asOf,
    register: { villages: villages.length, located: villages.filter((v) => v.geometry).length },
    roles,
    towns: townRows,
    clusters: clusterRows,
    belts: beltRows,
    lines: lineRows,
    coverage: { zoneKm, all, byDistrict },
    targets: plan.targets.map((t) => targetProgress(plan, t, asOf)),
  };
}

function targetProgress(plan: Plan, target: Target, asOf: number | null): TargetProgress {
  const kind = targetKind(target.metric);
  const selections = targetSelections(plan, target).filter((s) => asOf === null || s.year === null || s.year <= asOf);
  const due = target.year === null || asOf === null || target.year <= asOf;
  const base = {
    id: target.id, district: target.district, metric: target.metric, label: { ...target.label }, source: target.source,
    min: target.min, max: target.max, year: target.year, kind, due,
  };
  switch (kind) {
    case 'cumulative': {
      const value = selections.length;
      return { ...base, value, outOf: null, met: inRange(value, target), series: null };
    }
    case 'per-cluster': {
      const ids = new Set(selections.map((s) => s.id));
      const sizes = plan.clusters.filter((c) => ids.has(c.id)).map((c) => new Set(c.members.filter((m) => m !== c.core)).size);
      const value = sizes.filter((n) => inRange(n, target)).length;
      return { ...base, value, outOf: sizes.length, met: sizes.length > 0 && value === sizes.length, series: null };
    }
    case 'per-year': {
      const years = [...new Set([...PLAN_YEARS, ...selections.flatMap((s) => (s.year === null ? [] : [s.year]))])].sort((a, b) => a - b);
      const series = years.map((y): YearValue => {
        if (asOf !== null && y > asOf) return { year: y, value: null, met: null };
        const value = selections.filter((s) => s.year === y).length;
        const judged = target.year === null ? value > 0 : y === target.year;
        return { year: y, value, met: judged ? inRange(value, target) : null };
      });
      const judged = series.filter((s) => s.met !== null);
      const valueYear = target.year ?? judged.at(-1)?.year ?? null;
      const value = valueYear === null || (asOf !== null && valueYear > asOf) ? null : selections.filter((s) => s.year === valueYear).length;
      return { ...base, value, outOf: null, met: judged.length > 0 && judged.every((s) => s.met), series };
    }
    default:
      kind satisfies never;
      throw new TypeError(`planMetrics: unknown target kind ${String(kind)}`);
  }
}

function lineRow(layer: LineMetrics['layer'], f: LineFeature): LineMetrics {
  const p = f.properties;
  return {
    layer, id: p.id, kind: p.kind, name: p.name, name_en: p.name_en, district: p.district,
    geometry_source: p.geometry_source,
    schematic: p.geometry_source === 'schematic',
    lengthKm: round3(length(f, { units: 'kilometers' })),
  };
}

/** The LineStrings of a (Multi)LineString feature, as fresh features (pointToLineDistance takes LineStrings only). */
function lineParts(f: Feature<LineString | MultiLineString>): Feature<LineString>[] {
  const g = f.geometry;
  switch (g.type) {
    case 'LineString':
      return [lineString(g.coordinates.map((c) => [...c]))];
    case 'MultiLineString':
      return g.coordinates.filter((c) => c.length >= 2).map((c) => lineString(c.map((p) => [...p])));
    default:
      g satisfies never;
      throw new TypeError(`planMetrics: line ${String(f.properties?.id)} is not a LineString or MultiLineString`);
  }
}

function share(n: number, of: number): number | null {
  return of > 0 ? n / of : null;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Code-unit order: the same in every locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
