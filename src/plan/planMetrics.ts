import { area } from '@turf/area';
import { lineString } from '@turf/helpers';
import { length } from '@turf/length';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import type { Feature, LineString, MultiLineString, Point, Position } from 'geojson';
import type { Bilingual, GeometrySource, LineFeature, LineKind, Plan, Target } from '../types/plan.js';
import { assertKm } from '../geo/assert.js';
import type { clusterHull } from '../geo/clusterHull.js'; // for the docs' links
import { clusterArea, clusterPlace, lookup } from './lookup.js';

export interface PlanMetricsOptions {
  /**
   * Count the plan as of this year: only villages selected (and clusters pushed) in or before it.
   * A village selected later counts under the plan's `none` role; a selection without a year always counts.
   * @defaultValue every selection counts
   */
  year?: number;
  /**
   * Width of the zone on either side of each corridor and culture belt, km, for {@link PlanCoverage}.
   * @defaultValue 3
   */
  zoneKm?: number;
}

/** Villages of one role of the plan: in the register, and of those, located. */
export interface RoleCount {
  role: string;
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
  /** Villages by role id (every role of the plan but `none`). */
  roles: Record<string, number>;
  /** Clusters whose core lies in this town. */
  clusters: number;
}

export interface ClusterMetrics {
  id: string;
  name: string;
  name_en: string;
  /** District and town of its core village (empty without a known core). */
  district: string;
  town: string;
  year: number | null;
  core: string | null;
  coreLocated: boolean;
  /** Distinct codes of the `members` list (the core not included). */
  members: number;
  /** Of those, register villages with a position. */
  locatedMembers: number;
  /** Area of the {@link clusterHull} of the located core and members with the drawn margin, km² (3 decimals); null if none is located. */
  areaKm2: number | null;
}

export interface BeltMetrics {
  id: string;
  name: string;
  name_en: string;
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
  geometry_source: GeometrySource;
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
  /** Count (or reported figure) in that year; null for a year after `year` (not yet) or not reported. */
  value: number | null;
  /** Within the target's range; null when the year is not judged. */
  met: boolean | null;
}

export interface TargetProgress {
  id: string;
  /** District code, or null for the whole plan. */
  district: string | null;
  count: Target['count'];
  label: Bilingual;
  source: string;
  min: number | null;
  max: number | null;
  /** The target's own year (null: always, or each year). */
  year: number | null;
  /** `cumulative`: a count by a year; `per-year`: a count in each year; `reported`: figures the package reports. */
  kind: 'cumulative' | 'per-year' | 'reported';
  /** The target's year has come (it has none, or it is ≤ the `year` option, or no `year` option was given). */
  due: boolean;
  /**
   * cumulative: the count as of `year`; per-year: the count in the target's year (null if after `year`),
   * else in the last judged year (null if none); reported: the latest figure (null: none reported).
   */
  value: number | null;
  /** cumulative: value within [min, max]; per-year: every judged year within it and at least one judged; reported: the latest figure within it. */
  met: boolean;
  /** per-year targets (and reported per-year ones): the plan years, see {@link YearValue}. */
  series: YearValue[] | null;
}

export interface PlanMetrics {
  /** The `year` option, or null (every selection counts). */
  year: number | null;
  register: { villages: number; located: number };
  /** One row per role of the plan, in the plan's order. */
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
 * - `clusters`: the plan's clusters whose core lies in the district (all clusters for a plan-wide target).
 * - `villages`: villages of the district whose role is one of the target's `roles` (every role but
 *   `none` when it lists none). A plan says which roles a count includes: Mentougou's 诗画乡村 target
 *   counts its demonstration villages too (seeds/004: “建设不少于100个“诗画乡村”，进而培育不少于10个…示范村”).
 * - `reported`: nothing; the package reports the figures.
 *
 * @param plan - the plan
 * @param target - one of its targets
 * @returns the counted villages/clusters with their years, villages by code, clusters in plan order
 * @example
 * ```ts
 * targetSelections(plan, plan.targets[0]!).filter((s) => (s.year ?? 0) <= 2027).length;
 * ```
 */
export function targetSelections(plan: Plan, target: Target): TargetSelection[] {
  const { district } = target;
  const within = (code: string) => district === null || district === code;
  switch (target.count) {
    case 'clusters':
      return plan.clusters.filter((c) => within(clusterPlace(plan, c).district_code)).map((c) => ({ layer: 'clusters', id: c.id, year: c.year }));
    case 'villages': {
      const { roleById } = lookup(plan);
      const roles = new Set(target.roles.length ? target.roles : plan.manifest.roles.filter((r) => r.kind !== 'none').map((r) => r.id));
      return plan.villages.features
        .filter((v) => within(v.properties.district_code) && roles.has(v.properties.role) && roleById.has(v.properties.role))
        .map((v): TargetSelection => ({ layer: 'villages', id: v.properties.code, year: v.properties.year }))
        .sort((a, b) => cmp(a.id, b.id));
    }
    case 'reported':
      return [];
    default:
      target.count satisfies never;
      throw new TypeError(`targetSelections: unknown target count ${String(target.count)}`);
  }
}

/** How a target is judged: by a year, in each year, or on reported figures. */
export function targetKind(target: Target): TargetProgress['kind'] {
  if (target.count === 'reported') return 'reported';
  return target.per === 'year' ? 'per-year' : 'cumulative';
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
 *   year); otherwise it counts under the plan's `none` role.
 * - Clusters: counted if their `year` ≤ `year` (or they have none). Area: {@link clusterHull} of the
 *   located core and members with the drawn margin, turf `area`. Unlocated villages are left out.
 * - Belts: the counted clusters it lists; length along their located cores in belt order, turf `length`.
 * - Lines: every corridor and culture belt, turf `length`; `schematic` lines are straight links between
 *   cited places, so their length understates the real route.
 * - Coverage: register (and located) villages that are the core or a member of a counted cluster;
 *   located villages within `zoneKm` of a corridor or culture belt (turf `pointToLineDistance`, geodesic).
 * - Targets: see {@link targetSelections} for what each counts and {@link TargetProgress} for the values;
 *   per-year series run over the plan's `years`.
 *
 * Lengths and areas are rounded to 3 decimals. The plan is not modified.
 *
 * @param plan - a loaded plan
 * @param options - {@link PlanMetricsOptions}
 * @returns the {@link PlanMetrics}
 * @example
 * ```ts
 * const m = planMetrics(plan, { year: 2025, zoneKm: 2 });
 * m.register.villages;                 // the register's size
 * m.coverage.all.locatedInZoneShare;   // share of located villages within 2 km of a corridor or culture belt
 * ```
 */
export function planMetrics(plan: Plan, { year, zoneKm = 3 }: PlanMetricsOptions = {}): PlanMetrics {
  if (year !== undefined && !Number.isInteger(year)) throw new RangeError(`planMetrics: year must be an integer, got ${String(year)}`);
  assertKm('zoneKm', zoneKm);
  const asOf = year ?? null;
  const counts = (y: number | null): boolean => asOf === null || y === null || y <= asOf;
  const { villageByCode, roleOfKind, roleById } = lookup(plan);
  const none = roleOfKind.none!.id;
  const villages = plan.villages.features;
  const roleOf = (v: (typeof villages)[number]): string => (v.properties.role !== none && roleById.has(v.properties.role) && counts(v.properties.year) ? v.properties.role : none);
  const clusters = plan.clusters.filter((c) => counts(c.year));
  const selectedRoles = plan.manifest.roles.filter((r) => r.kind !== 'none').map((r) => r.id);

  // Roles.
  const roles = plan.manifest.roles.map((r): RoleCount => ({ role: r.id, register: 0, located: 0 }));
  const roleRow = new Map(roles.map((r) => [r.role, r]));
  for (const v of villages) {
    const row = roleRow.get(roleOf(v))!;
    row.register++;
    if (v.geometry) row.located++;
  }

  // Towns.
  const towns = new Map<string, TownMetrics>();
  for (const v of villages) {
    const p = v.properties;
    const key = p.town_code || `${p.district_code}/${p.town}`;
    let t = towns.get(key);
    if (!t) {
      t = { district: p.district, district_code: p.district_code, town: p.town, town_code: p.town_code, villages: 0, located: 0, roles: Object.fromEntries(selectedRoles.map((r) => [r, 0])), clusters: 0 };
      towns.set(key, t);
    }
    t.villages++;
    if (v.geometry) t.located++;
    const role = roleOf(v);
    if (role !== none) t.roles[role] = (t.roles[role] ?? 0) + 1;
  }
  const townRows = [...towns.values()].sort((a, b) => cmp(a.district_code, b.district_code) || cmp(a.town_code, b.town_code) || cmp(a.town, b.town));
  for (const c of clusters) {
    const at = clusterPlace(plan, c);
    for (const t of townRows) if (at.town_code ? t.town_code === at.town_code : t.district_code === at.district_code && t.town === at.town) t.clusters++;
  }

  // Clusters.
  const located = (code: string | null): Feature<Point> | undefined => {
    const v = code ? villageByCode.get(code) : undefined;
    return v?.geometry ? (v as Feature<Point>) : undefined;
  };
  const clusterRows = clusters.map((c): ClusterMetrics => {
    const members = [...new Set(c.members)].filter((m) => m !== c.core);
    const core = located(c.core);
    const placed = [core, ...members.map(located)].filter((f): f is Feature<Point> => f !== undefined);
    const at = clusterPlace(plan, c);
    return {
      id: c.id, name: c.name, name_en: c.name_en, district: at.district, town: at.town, year: c.year, core: c.core,
      coreLocated: core !== undefined,
      members: members.length,
      locatedMembers: members.filter((m) => located(m)).length,
      areaKm2: placed.length > 0 ? round3(clusterArea(c, placed).m2 / 1e6) : null,
    };
  });

  // Belts.
  const counted = new Map(clusters.map((c) => [c.id, c]));
  const beltRows = plan.belts.map((b): BeltMetrics => {
    const own = b.clusters.map((id) => counted.get(id)).filter((c) => c !== undefined);
    const cores: Position[] = own.map((c) => located(c.core)?.geometry.coordinates).filter((p) => p !== undefined).map((p) => [...p]);
    return {
      id: b.id, name: b.name, name_en: b.name_en, along: [...b.along],
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
  const inCluster = new Set(clusters.flatMap((c) => [...(c.core ? [c.core] : []), ...c.members]));
  const inZone = zoneTest(plan, zoneKm);
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
  const kind = targetKind(target);
  const selections = targetSelections(plan, target).filter((s) => asOf === null || s.year === null || s.year <= asOf);
  const due = target.year === null || asOf === null || target.year <= asOf;
  const base = {
    id: target.id, district: target.district, count: target.count, label: { ...target.label }, source: target.source,
    min: target.min, max: target.max, year: target.year, kind, due,
  };
  const planYears = plan.manifest.years;
  switch (kind) {
    case 'cumulative': {
      const value = selections.length;
      return { ...base, value, met: inRange(value, target), series: null };
    }
    case 'reported': {
      const reported = target.reported.filter((r) => asOf === null || r.year <= asOf).sort((a, b) => a.year - b.year);
      const latest = reported.at(-1) ?? null;
      const series =
        target.per === 'year'
          ? planYears.map((y): YearValue => {
              const r = reported.find((x) => x.year === y);
              return { year: y, value: r?.value ?? null, met: r ? inRange(r.value, target) : null };
            })
          : null;
      const met = target.per === 'year' ? reported.length > 0 && reported.every((r) => inRange(r.value, target)) : latest !== null && inRange(latest.value, target);
      return { ...base, value: latest?.value ?? null, met, series };
    }
    case 'per-year': {
      const years = [...new Set([...planYears, ...selections.flatMap((s) => (s.year === null ? [] : [s.year]))])].sort((a, b) => a - b);
      const series = years.map((y): YearValue => {
        if (asOf !== null && y > asOf) return { year: y, value: null, met: null };
        const value = selections.filter((s) => s.year === y).length;
        const judged = target.year === null ? value > 0 : y === target.year;
        return { year: y, value, met: judged ? inRange(value, target) : null };
      });
      const judged = series.filter((s) => s.met !== null);
      const valueYear = target.year ?? judged.at(-1)?.year ?? null;
      const value = valueYear === null || (asOf !== null && valueYear > asOf) ? null : selections.filter((s) => s.year === valueYear).length;
      return { ...base, value, met: judged.length > 0 && judged.every((s) => s.met), series };
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

/**
 * Whether a located village lies within `km` of any corridor or culture belt, memoised: the answer
 * depends only on the village's position and the lines, and an edit of roles, years or clusters
 * keeps both objects (src/plan/commands.ts shares what it does not change), so the statistics of an
 * edited plan (and of each of its years) measure each village once, not once per edit.
 */
const zoneMemo = new WeakMap<object, WeakMap<object, { parts: Feature<LineString>[]; byGeometry: WeakMap<object, Map<number, boolean>> }>>();
function zoneTest(plan: Plan, km: number): (v: Feature<Point>) => boolean {
  let byBelts = zoneMemo.get(plan.corridors.features);
  if (!byBelts) zoneMemo.set(plan.corridors.features, (byBelts = new WeakMap()));
  let memo = byBelts.get(plan.cultureBelts.features);
  if (!memo) {
    const parts = [...plan.corridors.features, ...plan.cultureBelts.features].flatMap(lineParts);
    byBelts.set(plan.cultureBelts.features, (memo = { parts, byGeometry: new WeakMap() }));
  }
  const { parts, byGeometry } = memo;
  return (v) => {
    let answers = byGeometry.get(v.geometry);
    if (!answers) byGeometry.set(v.geometry, (answers = new Map()));
    let inside = answers.get(km);
    if (inside === undefined) answers.set(km, (inside = parts.some((l) => pointToLineDistance(v, l, { units: 'kilometers' }) <= km)));
    return inside;
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
