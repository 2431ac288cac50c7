import { distance } from '@turf/distance';
import type { Feature, Point } from 'geojson';
import type { Bilingual, Cluster, Plan, Rule, Target, VillageFeature } from '../types/plan.js';
import { assertKm } from '../geo/assert.js';
import { clusterPlace, districtName, inDistrict, lookup, roleKind, townName } from './lookup.js';
import { inRange, targetKind, targetSelections, type TargetSelection } from './planMetrics.js';

/** The rules {@link checkPlan} checks, in the order it reports them. */
export const PLAN_RULES = [
  'cluster-core',
  'cluster-size',
  'member-distance',
  'core-per-town',
  'yearly-range',
  'target-not-met',
  'role-mismatch',
  'unknown-village',
  'unknown-reference',
] as const;

export type PlanRule = (typeof PLAN_RULES)[number];

/** A feature of the plan an issue is about. Villages by `code`; clusters, belts, lines and targets by `id`. */
export interface PlanFeatureRef {
  layer: 'villages' | 'clusters' | 'belts' | 'lines' | 'targets';
  id: string;
}

/** One way the plan breaks its own rules. */
export interface PlanIssue {
  rule: PlanRule;
  severity: 'error' | 'warning';
  /** For a person; names the features by id (villages as “name (code)”). */
  message: Bilingual;
  /** The features involved, the one the issue is about first. */
  features: PlanFeatureRef[];
  /** The rule's or target's `source` (the seed sentence it comes from). */
  source?: string;
}

export interface CheckPlanOptions {
  /**
   * Farthest a member may lie from its core, great-circle km, for every cluster.
   * @defaultValue the plan's `member-distance` rules (none: distances are not checked)
   */
  maxKm?: number;
  /**
   * Check the targets as of this year: targets whose year is later are not due yet, and per-year
   * targets are judged for years up to it.
   * @defaultValue the plan's last year
   */
  year?: number;
}

/** Selections named in a target issue's message (all of them are in its `features`). */
const NAMED_MAX = 8;

/**
 * Checks a plan against its own rules (`manifest.rules`, each citing its seed), its targets and its
 * consistency. Pure; the plan is not modified. Nothing is checked that the plan does not ask for: a
 * plan without a `cluster-size` rule has no cluster size to keep.
 *
 * - `cluster-core` (error): a cluster without a core village.
 * - `cluster-size` (error): a cluster whose members (distinct codes other than the core) number outside
 *   a `cluster-size` rule of its district (the core's district).
 * - `member-distance`: a member farther from its core than a `member-distance` rule (or `maxKm`) allows
 *   (error); a warning that the distance is unknown for an unlocated member or core. Unlocated members
 *   are warned of whether or not there is a distance rule.
 * - `core-per-town` (warning): a town (with at least one 村委会) with fewer villages of the core role than
 *   a `core-per-town` rule asks. A rule without a district covers the districts that have a cluster or a
 *   core village. One issue per town; its features are the town's 村委会 (the candidates).
 * - `yearly-range` (error): a per-year target whose count in a year falls outside [min, max]: in the
 *   target's year if it has one (≤ `year`), else in each year ≤ `year` with selections.
 * - `target-not-met` (error): a cumulative target whose year is ≤ `year` (or that has none) and whose
 *   count by then is outside [min, max]. A `reported` target is judged on its latest reported figure.
 * - `role-mismatch` (error): a core whose role is not of kind `core`, a member whose role is not of kind
 *   `member`, or a village that more than one cluster lists.
 * - `unknown-village` (error): a cluster's core or member code that is not in the register.
 * - `unknown-reference` (error): a belt naming a cluster or line the plan does not have.
 *
 * Issues come in {@link PLAN_RULES} order, then by the id of their first feature, then (yearly-range,
 * core-per-town) by year or town code, then by the ids of the other features.
 *
 * @param plan - a loaded plan
 * @param options - {@link CheckPlanOptions}
 * @returns the issues found; empty for a plan that keeps every rule
 * @example
 * ```ts
 * checkPlan(plan, { year: 2027 }).filter((i) => i.rule === 'target-not-met').map((i) => i.features[0]!.id);
 * ```
 */
export function checkPlan(plan: Plan, { maxKm, year }: CheckPlanOptions = {}): PlanIssue[] {
  if (maxKm !== undefined) assertKm('maxKm', maxKm);
  if (year !== undefined && !Number.isInteger(year)) throw new RangeError(`checkPlan: year must be an integer, got ${String(year)}`);
  const asOf = year ?? Math.max(...plan.manifest.years);

  const issues: Keyed[] = [];
  const add = (issue: PlanIssue, ...key: (string | number)[]): void => {
    const [first, ...rest] = issue.features.map((f) => f.id);
    issues.push({ issue, key: [PLAN_RULES.indexOf(issue.rule), first ?? '', ...key, ...rest] });
  };

  const rules = plan.manifest.rules;
  for (const c of plan.clusters) {
    const district = clusterPlace(plan, c).district_code;
    const applies = <R extends Rule['rule']>(kind: R) =>
      rules.filter((r): r is Extract<Rule, { rule: R }> => r.rule === kind && (c.core === null || inDistrict(r.district, district)));
    if (c.core === null)
      add({
        rule: 'cluster-core',
        severity: 'error',
        message: { zh: `${c.name}尚未确定示范村`, en: `${clusterEn(c)} has no core village yet` },
        features: [{ layer: 'clusters', id: c.id }],
      });
    else for (const r of applies('cluster-size')) checkClusterSize(c, r, add);
    const distanceRules = maxKm !== undefined ? [{ maxKm, source: undefined }] : applies('member-distance');
    checkDistances(plan, c, distanceRules, add);
    checkRolesAndCodes(plan, c, add);
  }
  checkSharedVillages(plan, add);
  for (const r of rules) if (r.rule === 'core-per-town') checkTowns(plan, r, add);
  for (const t of plan.targets) checkTarget(plan, t, asOf, add);
  checkBelts(plan, add);

  return issues.sort((a, b) => compareKeys(a.key, b.key)).map((k) => k.issue);
}

type Add = (issue: PlanIssue, ...key: (string | number)[]) => void;
interface Keyed {
  issue: PlanIssue;
  key: (string | number)[];
}

function checkClusterSize(c: Cluster, r: Extract<Rule, { rule: 'cluster-size' }>, add: Add): void {
  const n = new Set(c.members.filter((m) => m !== c.core)).size;
  if (inRange(n, r)) return;
  const range = rangeText(r);
  add({
    rule: 'cluster-size',
    severity: 'error',
    message: {
      zh: `${c.name}有 ${n} 个成员村，规划要求 ${range} 个`,
      en: `${clusterEn(c)} has ${n} member village${n === 1 ? '' : 's'}; the plan asks for ${range}`,
    },
    features: [{ layer: 'clusters', id: c.id }],
    source: r.source,
  });
}

function checkDistances(plan: Plan, c: Cluster, limits: { maxKm: number; source: string | undefined }[], add: Add): void {
  const { villageByCode } = lookup(plan);
  const core = c.core ? villageByCode.get(c.core) : undefined;
  const members = [...new Set(c.members)].filter((m) => m !== c.core && villageByCode.has(m)).sort();
  if (!core || members.length === 0) return;
  if (!core.geometry) {
    add({
      rule: 'member-distance',
      severity: 'warning',
      message: {
        zh: `${c.name}的示范村 ${label(core)} 无位置，其成员村距示范村的距离未知`,
        en: `${clusterEn(c)}: its core ${labelEn(core)} has no position, so the distance of its members is unknown`,
      },
      features: [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: core.properties.code }, ...members.map((id) => ({ layer: 'villages' as const, id }))],
    });
    return;
  }
  const limit = limits.length ? limits.reduce((a, b) => (b.maxKm < a.maxKm ? b : a)) : null;
  for (const code of members) {
    const m = villageByCode.get(code)!;
    const features: PlanFeatureRef[] = [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: core.properties.code }, { layer: 'villages', id: code }];
    if (!m.geometry) {
      add({
        rule: 'member-distance',
        severity: 'warning',
        message: {
          zh: `${c.name}的成员村 ${label(m)} 无位置，距示范村 ${label(core)} 的距离未知`,
          en: `${clusterEn(c)}: member ${labelEn(m)} has no position, so its distance from the core ${labelEn(core)} is unknown`,
        },
        features,
      });
      continue;
    }
    if (!limit) continue;
    const km = distance(core as Feature<Point>, m as Feature<Point>, { units: 'kilometers' });
    if (km <= limit.maxKm) continue;
    add({
      rule: 'member-distance',
      severity: 'error',
      message: {
        zh: `${c.name}的成员村 ${label(m)} 距示范村 ${label(core)} ${km.toFixed(1)} 公里，超过 ${limit.maxKm} 公里`,
        en: `${clusterEn(c)}: member ${labelEn(m)} is ${km.toFixed(1)} km from the core ${labelEn(core)}, more than ${limit.maxKm} km`,
      },
      features,
      ...(limit.source ? { source: limit.source } : {}),
    });
  }
}

function checkRolesAndCodes(plan: Plan, c: Cluster, add: Add): void {
  const { villageByCode, roleOfKind } = lookup(plan);
  const parts: [code: string, part: 'core' | 'member'][] = [
    ...(c.core ? [[c.core, 'core'] as [string, 'core']] : []),
    ...[...new Set(c.members)].filter((m) => m !== c.core).map((m): [string, 'member'] => [m, 'member']),
  ];
  for (const [code, part] of parts) {
    const v = villageByCode.get(code);
    const features: PlanFeatureRef[] = [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: code }];
    const partZh = part === 'core' ? '示范村' : '成员村';
    if (!v) {
      add({
        rule: 'unknown-village',
        severity: 'error',
        message: { zh: `${c.name}的${partZh} ${code} 不在村庄名录中`, en: `${clusterEn(c)}: its ${part} ${code} is not in the village register` },
        features,
      });
      continue;
    }
    if (roleKind(plan, v.properties.role) === part) continue;
    const want = roleOfKind[part]?.id ?? part;
    add({
      rule: 'role-mismatch',
      severity: 'error',
      message: {
        zh: `${c.name}的${partZh} ${label(v)} 的角色是 ${v.properties.role}，应为 ${want}`,
        en: `${clusterEn(c)}: its ${part} ${labelEn(v)} has the role ${roleEn(plan, v.properties.role)}, not ${roleEn(plan, want)}`,
      },
      features,
    });
  }
}

/** A village belongs to one cluster at most. */
function checkSharedVillages(plan: Plan, add: Add): void {
  const { clustersOf, villageByCode, clusterById } = lookup(plan);
  for (const [code, ids] of clustersOf) {
    if (ids.length < 2) continue;
    const v = villageByCode.get(code);
    const name = v ? label(v) : code;
    add({
      rule: 'role-mismatch',
      severity: 'error',
      message: { zh: `村庄 ${name} 同时被${ids.map((id) => clusterById.get(id)?.name ?? id).join('、')}列入`, en: `Village ${v ? labelEn(v) : code} is listed by ${ids.length} clusters: ${ids.map((id) => { const k = clusterById.get(id); return k ? clusterEn(k) : id; }).join('; ')}` },
      features: [{ layer: 'villages', id: code }, ...[...ids].sort().map((id) => ({ layer: 'clusters' as const, id }))],
    });
  }
}

function checkTowns(plan: Plan, r: Extract<Rule, { rule: 'core-per-town' }>, add: Add): void {
  const villages = plan.villages.features;
  const isCore = (v: VillageFeature) => roleKind(plan, v.properties.role) === 'core';
  // A rule for the whole plan covers the districts the plan works in: with a cluster or a core village.
  const districts =
    r.district !== null && r.district !== undefined
      ? new Set([r.district])
      : new Set([
          ...plan.clusters.map((c) => clusterPlace(plan, c).district_code).filter(Boolean),
          ...villages.filter(isCore).map((v) => v.properties.district_code),
        ]);
  const towns = new Map<string, { name: string; name_en: string; district: string; district_en: string; committees: string[]; cores: number }>();
  for (const v of villages) {
    const p = v.properties;
    if (!districts.has(p.district_code)) continue;
    const key = p.town_code || p.town;
    let t = towns.get(key);
    if (!t) towns.set(key, (t = { name: p.town, name_en: townName(plan, p, true), district: p.district, district_en: p.district_code ? districtName(plan, p.district_code, true) : p.district, committees: [], cores: 0 }));
    if (p.kind === '村委会') t.committees.push(p.code);
    if (isCore(v)) t.cores++;
  }
  const core = lookup(plan).roleOfKind.core;
  const coreZh = core?.label.zh ?? '示范村';
  const coreEn = core?.label.en.toLowerCase() ?? 'core village';
  for (const [townCode, t] of towns) {
    if (t.cores >= r.min || t.committees.length === 0) continue;
    add(
      {
        rule: 'core-per-town',
        severity: 'warning',
        message: {
          zh: `${t.district}${t.name}（${townCode}）有 ${t.committees.length} 个村委会、${t.cores} 个${coreZh}，规划要求至少 ${r.min} 个`,
          en: `${t.name_en} (${townCode}, ${t.district_en}) has ${t.committees.length} village committee${t.committees.length === 1 ? '' : 's'} and ${t.cores} ${coreEn}${t.cores === 1 ? '' : 's'}; the plan asks for at least ${r.min}`,
        },
        features: [...t.committees].sort().map((id) => ({ layer: 'villages' as const, id })),
        source: r.source,
      },
      townCode,
    );
  }
}

function checkTarget(plan: Plan, t: Target, asOf: number, add: Add): void {
  const kind = targetKind(t);
  const what = metricText(plan, t);
  const name = t.district ? districtName(plan, t.district) : '';
  const nameEn = t.district ? districtName(plan, t.district, true) : '';
  const targetEn = `“${t.label.en || t.id}”`;
  if (kind === 'reported') {
    const judged = t.reported.filter((r) => r.year <= asOf && (t.per === 'year' || t.year === null || r.year <= t.year));
    const list = t.per === 'year' ? judged : judged.slice(-1);
    for (const r of list) {
      if (inRange(r.value, t)) continue;
      add(
        {
          rule: t.per === 'year' ? 'yearly-range' : 'target-not-met',
          severity: 'error',
          message: {
            zh: `${name}${r.year} 年报告${what.zh} ${r.value}，目标“${t.label.zh || t.id}”要求 ${rangeText(t)}`,
            en: `${nameEn ? `${nameEn} ` : ''}${r.year}: reported ${r.value} ${what.en}; target ${targetEn} asks for ${rangeText(t)}`,
          },
          features: [{ layer: 'targets', id: t.id }],
          source: t.source,
        },
        r.year,
      );
    }
    return;
  }
  const selections = targetSelections(plan, t);
  const { villageByCode, clusterById } = lookup(plan);
  const refs = (s: TargetSelection[]): PlanFeatureRef[] => s.map((x) => ({ layer: x.layer, id: x.id }));
  const named = (s: TargetSelection[]): string => {
    if (s.length === 0) return '';
    const shownNames = s.slice(0, NAMED_MAX).map((x) => { const v = x.layer === 'villages' ? villageByCode.get(x.id) : undefined; const k = clusterById.get(x.id); return v ? labelEn(v) : k ? clusterEn(k) : x.id; });
    return `: ${shownNames.join(', ')}${s.length > NAMED_MAX ? `, … (${s.length - NAMED_MAX} more)` : ''}`;
  };
  // In Chinese: clusters by name, and the count left out in Chinese.
  const namedZh = (s: TargetSelection[]): string => {
    if (s.length === 0) return '';
    const shownNames = s.slice(0, NAMED_MAX).map((x) => (x.layer === 'villages' && villageByCode.get(x.id) ? label(villageByCode.get(x.id)!) : (clusterById.get(x.id)?.name ?? x.id)));
    return `：${shownNames.join('、')}${s.length > NAMED_MAX ? `……（另 ${s.length - NAMED_MAX} 个）` : ''}`;
  };

  if (kind === 'per-year') {
    const years =
      t.year !== null
        ? t.year <= asOf ? [t.year] : []
        : [...new Set(selections.flatMap((s) => (s.year !== null && s.year <= asOf ? [s.year] : [])))].sort((a, b) => a - b);
    for (const y of years) {
      const inYear = selections.filter((s) => s.year === y);
      if (inRange(inYear.length, t)) continue;
      add(
        {
          rule: 'yearly-range',
          severity: 'error',
          message: {
            zh: `${name} ${y} 年${what.zh} ${inYear.length} 个，目标“${t.label.zh || t.id}”要求每年 ${rangeText(t)} 个${namedZh(inYear)}`,
            en: `${nameEn ? `${nameEn} ` : ''}${y}: ${inYear.length} ${inYear.length === 1 ? what.one : what.en}; target ${targetEn} asks for ${rangeText(t)} a year${named(inYear)}`,
          },
          features: [{ layer: 'targets', id: t.id }, ...refs(inYear)],
          source: t.source,
        },
        y,
      );
    }
    return;
  }

  const by = t.year ?? asOf;
  if (by > asOf) return; // not due yet
  const counted = selections.filter((s) => s.year === null || s.year <= by);
  if (inRange(counted.length, t)) return;
  add({
    rule: 'target-not-met',
    severity: 'error',
    message: {
      zh: `${name}截至 ${by} 年${what.zh} ${counted.length} 个，目标“${t.label.zh || t.id}”要求 ${rangeText(t)} 个${namedZh(counted)}`,
      en: `${nameEn ? `${nameEn}: ` : ''}${counted.length} ${counted.length === 1 ? what.one : what.en} by ${by}; target ${targetEn} asks for ${rangeText(t)}${named(counted)}`,
    },
    features: [{ layer: 'targets', id: t.id }, ...refs(counted)],
    source: t.source,
  });
}

function checkBelts(plan: Plan, add: Add): void {
  const { clusterById, lineById } = lookup(plan);
  for (const b of plan.belts) {
    const missing = [
      ...b.clusters.filter((id) => !clusterById.has(id)).map((id) => ({ id, zh: `示范片区 ${id}`, en: `cluster ${id}` })),
      ...b.along.filter((id) => !lineById.has(id)).map((id) => ({ id, zh: `线路 ${id}`, en: `line ${id}` })),
    ];
    for (const m of missing)
      add({
        rule: 'unknown-reference',
        severity: 'error',
        message: { zh: `${b.name}引用的${m.zh}不存在`, en: `${b.name_en || b.name} names ${m.en}, which the plan does not have` },
        features: [{ layer: 'belts', id: b.id }],
      }, m.id);
  }
}

/** What a target counts, in the plan's words (`one`: the English singular). */
function metricText(plan: Plan, t: Target): Bilingual & { one: string } {
  if (t.count === 'clusters') return { zh: '示范片区', en: 'clusters', one: 'cluster' };
  if (t.count === 'reported') return { zh: t.label.zh, en: t.label.en, one: t.label.en };
  const roles = t.roles.map((r) => lookup(plan).roleById.get(r)).filter((r) => r !== undefined);
  const en = roles.map((r) => r.label.en.toLowerCase()).join(' or ') || 'village of any role';
  return { zh: roles.map((r) => r.label.zh).join('或') || '村庄', en: `${en}s`.replace(/ys$/, 'ies').replace(/ or /g, 's or ').replace(/ys or /g, 'ies or '), one: en };
}

/** "4–5", "≥ 14", "≤ 3", "3", or "any number". */
function rangeText({ min, max }: { min: number | null; max: number | null }): string {
  if (min !== null && max !== null) return min === max ? String(min) : `${min}–${max}`;
  if (min !== null) return `≥ ${min}`;
  if (max !== null) return `≤ ${max}`;
  return 'any number';
}

function label(v: VillageFeature): string {
  return `${v.properties.short_name || v.properties.name} (${v.properties.code})`;
}

/** A village in an English message: its romanised name (the Chinese one when it has none) and code. */
function labelEn(v: VillageFeature): string {
  const name = v.properties.name_en || v.properties.short_name || v.properties.name;
  return name === v.properties.code ? name : `${name} (${v.properties.code})`;
}

/** A cluster in an English message: its English name, else its name. */
function clusterEn(c: Cluster): string {
  return c.name_en || c.name;
}

/** A role in an English message: its English label, else its id. */
function roleEn(plan: Plan, id: string): string {
  return lookup(plan).roleById.get(id)?.label.en ?? id;
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
