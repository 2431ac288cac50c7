import { distance } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import type { Bilingual, Cluster, Plan, Target, VillageFeature } from '../types/plan.js';
import { assertKm } from './assert.js';
import { inRange, targetKind, targetSelections, type TargetSelection } from './planMetrics.js';

/** The rules {@link checkPlan} checks, in the order it reports them. */
export const PLAN_RULES = [
  'cluster-size',
  'member-distance',
  'town-without-demonstration',
  'yearly-range',
  'target-not-met',
  'role-mismatch',
  'unknown-village',
] as const;

export type PlanRule = (typeof PLAN_RULES)[number];

/** A feature of the plan an issue is about. Villages by `code`; clusters, belts and targets by `id`. */
export interface PlanFeatureRef {
  layer: 'villages' | 'clusters' | 'belts' | 'targets';
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
  /** The target's `source`, or the seed sentence the rule comes from. */
  source?: string;
}

export interface CheckPlanOptions {
  /**
   * Farthest a member may lie from its core, great-circle km.
   * @defaultValue 10
   */
  maxKm?: number;
  /**
   * Check the targets as of this year: targets whose year is later are not due yet, and per-year
   * targets are judged for years up to it.
   * @defaultValue the latest target year (every selection counts when no target has a year)
   */
  year?: number;
}

/** seeds/000 (Huairou): the 4–5 upgrade villages per cluster, used when the district has no such target. */
export const CLUSTER_SIZE_SOURCE = 'seeds/000_e14e3b2b3da5851c.txt: “每个镇乡以示范村为核心，再选取4-5个村庄进行提质升级”';
/** seeds/000 (Huairou): at least one demonstration village per town. */
export const TOWN_DEMONSTRATION_SOURCE =
  'seeds/000_e14e3b2b3da5851c.txt: “每个镇乡至少选择一个党建引领作用强、产业发展基础好、农民参与热情高的具有村庄形态的现状村庄开展乡村振兴示范村创建”';

const DEFAULT_CLUSTER_SIZE = { min: 4, max: 5 };
/** Selections named in a target issue's message (all of them are in its `features`). */
const NAMED_MAX = 8;

/**
 * Checks a plan against the rules of the plans it models (DESIGN.md § What the plans say) and its own
 * consistency. Pure; the plan is not modified.
 *
 * Rules and counting:
 * - `cluster-size` (error): a cluster whose `members` (distinct codes other than the core, whatever their
 *   role or whether they are in the register) number outside the range of every `upgrade-villages-per-cluster`
 *   target of its district, or outside 4–5 when the district has none ({@link CLUSTER_SIZE_SOURCE}).
 * - `member-distance`: a member more than `maxKm` great-circle km from its core (error); a warning, saying
 *   the distance is unknown, for an unlocated member (one per member) or an unlocated core (one per cluster).
 * - `town-without-demonstration` (warning): in a district with a cluster or a demonstration village, a town
 *   with at least one 村委会 in the register and no village of role `demonstration` — the Huairou rule
 *   ({@link TOWN_DEMONSTRATION_SOURCE}), applied to every such district. One issue per town; its features
 *   are the town's 村委会 (the candidates). Looks at the whole plan, whatever `year`.
 * - `yearly-range` (error): a per-year target (`clusters-per-year`, `poetic-villages-per-year`) whose count
 *   in a year falls outside [min, max]. A target with a year is judged in that year only (if ≤ `year`),
 *   a count of 0 included; a target without one in each year ≤ `year` that has selections.
 * - `target-not-met` (error): a cumulative target (`clusters`, `demonstration-villages`, `poetic-villages`)
 *   whose year is ≤ `year` and whose count of selections with year ≤ the target's year is outside
 *   [min, max]; a target without a year is counted as of `year`.
 * - `role-mismatch` (error): a cluster's core not of role `demonstration`, a member not of role `upgrade`,
 *   or a village whose `cluster` property is not the one cluster that lists it (one issue per village).
 * - `unknown-village` (error): a cluster's core or member code that is not in the register.
 *
 * What the targets count (see `targetSelections` in ./planMetrics.ts): clusters of the district;
 * demonstration villages; for poetic villages, villages of role `poetic` plus those of role `demonstration`
 * (seeds/004: “建设不少于100个“诗画乡村”，进而培育不少于10个…示范村” — demonstration villages are grown out
 * of the poetic ones), by their `year`; a selection without a year counts as of any year, in no single year.
 *
 * Messages name the features by id: clusters and targets by id, villages as “name (code)” (target issues
 * name up to 8 of the counted features, town issues name the town; `features` lists them all).
 *
 * Issues come in {@link PLAN_RULES} order, then by the id of their first feature, then (yearly-range,
 * town-without-demonstration) by year or town code, then by the ids of the other features.
 *
 * @param plan - a loaded plan
 * @param options - {@link CheckPlanOptions}
 * @returns the issues found; empty for a plan that keeps every rule
 * @example
 * ```ts
 * const issues = checkPlan(plan, { year: 2027 });
 * issues.filter((i) => i.rule === 'target-not-met').map((i) => i.features[0]!.id);
 * // bundled sample: ['huairou-clusters-2027', 'mentougou-demonstration-2027', 'mentougou-poetic-2027']
 * ```
 */
export function checkPlan(plan: Plan, { maxKm = 10, year }: CheckPlanOptions = {}): PlanIssue[] {
  assertKm('maxKm', maxKm);
  if (year !== undefined && !Number.isInteger(year)) throw new RangeError(`checkPlan: year must be an integer, got ${String(year)}`);
  const targetYears = plan.targets.flatMap((t) => (t.year === null ? [] : [t.year]));
  const asOf = year ?? (targetYears.length > 0 ? Math.max(...targetYears) : Infinity);

  const byCode = new Map<string, VillageFeature>(plan.villages.features.map((v) => [v.properties.code, v]));
  const issues: Keyed[] = [];
  const add = (issue: PlanIssue, ...key: (string | number)[]): void => {
    const [first, ...rest] = issue.features.map((f) => f.id);
    issues.push({ issue, key: [PLAN_RULES.indexOf(issue.rule), first ?? '', ...key, ...rest] });
  };

  for (const c of plan.clusters) {
    checkClusterSize(plan, c, add);
    checkDistances(c, byCode, maxKm, add);
    checkRolesAndCodes(c, byCode, add);
  }
  checkClusterProperties(plan, add);
  checkTowns(plan, add);
  for (const t of plan.targets) checkTarget(plan, t, asOf, byCode, add);

  return issues.sort((a, b) => compareKeys(a.key, b.key)).map((k) => k.issue);
}

type Add = (issue: PlanIssue, ...key: (string | number)[]) => void;
interface Keyed {
  issue: PlanIssue;
  key: (string | number)[];
}

function checkClusterSize(plan: Plan, c: Cluster, add: Add): void {
  const n = new Set(c.members.filter((m) => m !== c.core)).size;
  const targets = plan.targets.filter((t) => t.metric === 'upgrade-villages-per-cluster' && t.district === c.district);
  const bounds: { min: number | null; max: number | null; target?: Target }[] =
    targets.length > 0 ? targets.map((t) => ({ min: t.min, max: t.max, target: t })) : [DEFAULT_CLUSTER_SIZE];
  for (const b of bounds) {
    if (inRange(n, b)) continue;
    const r = rangeText(b);
    const by = b.target ? ` (target ${b.target.id})` : '';
    add({
      rule: 'cluster-size',
      severity: 'error',
      message: {
        zh: `示范片区 ${c.id} 有 ${n} 个提升村，规划要求 ${r} 个${b.target ? `（目标 ${b.target.id}）` : ''}`,
        en: `Cluster ${c.id} has ${n} upgrade village${n === 1 ? '' : 's'}; the plan asks for ${r}${by}`,
      },
      features: [{ layer: 'clusters', id: c.id }, ...(b.target ? [{ layer: 'targets' as const, id: b.target.id }] : [])],
      source: b.target ? b.target.source : CLUSTER_SIZE_SOURCE,
    });
  }
}

function checkDistances(c: Cluster, byCode: Map<string, VillageFeature>, maxKm: number, add: Add): void {
  const core = byCode.get(c.core);
  if (!core) return; // unknown-village
  const members = [...new Set(c.members)].filter((m) => m !== c.core && byCode.has(m)).sort();
  if (!core.geometry) {
    if (members.length === 0) return;
    add({
      rule: 'member-distance',
      severity: 'warning',
      message: {
        zh: `示范片区 ${c.id} 的示范村 ${label(core)} 无位置，其提升村距示范村的距离未知`,
        en: `Cluster ${c.id}: its core ${label(core)} has no position, so the distance of its members is unknown`,
      },
      features: [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: c.core }, ...members.map((id) => ({ layer: 'villages' as const, id }))],
    });
    return;
  }
  for (const code of members) {
    const m = byCode.get(code)!;
    const features: PlanFeatureRef[] = [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: c.core }, { layer: 'villages', id: code }];
    if (!m.geometry) {
      add({
        rule: 'member-distance',
        severity: 'warning',
        message: {
          zh: `示范片区 ${c.id} 的提升村 ${label(m)} 无位置，距示范村 ${label(core)} 的距离未知`,
          en: `Cluster ${c.id}: member ${label(m)} has no position, so its distance from the core ${label(core)} is unknown`,
        },
        features,
      });
      continue;
    }
    const km = distance(core as Feature<Point>, m as Feature<Point>, { units: 'kilometers' });
    if (km <= maxKm) continue;
    add({
      rule: 'member-distance',
      severity: 'error',
      message: {
        zh: `示范片区 ${c.id} 的提升村 ${label(m)} 距示范村 ${label(core)} ${km.toFixed(1)} 公里，超过 ${maxKm} 公里`,
        en: `Cluster ${c.id}: member ${label(m)} is ${km.toFixed(1)} km from the core ${label(core)}, more than ${maxKm} km`,
      },
      features,
    });
  }
}

function checkRolesAndCodes(c: Cluster, byCode: Map<string, VillageFeature>, add: Add): void {
  const parts: [code: string, part: 'core' | 'member'][] = [
    [c.core, 'core'],
    ...[...new Set(c.members)].filter((m) => m !== c.core).map((m): [string, 'member'] => [m, 'member']),
  ];
  for (const [code, part] of parts) {
    const v = byCode.get(code);
    const features: PlanFeatureRef[] = [{ layer: 'clusters', id: c.id }, { layer: 'villages', id: code }];
    if (!v) {
      add({
        rule: 'unknown-village',
        severity: 'error',
        message: {
          zh: `示范片区 ${c.id} 的${part === 'core' ? '示范村' : '提升村'} ${code} 不在村庄名录中`,
          en: `Cluster ${c.id}: its ${part} ${code} is not in the village register`,
        },
        features,
      });
      continue;
    }
    const want = part === 'core' ? 'demonstration' : 'upgrade';
    if (v.properties.role === want) continue;
    add({
      rule: 'role-mismatch',
      severity: 'error',
      message: {
        zh: `示范片区 ${c.id} 的${part === 'core' ? '示范村' : '提升村'} ${label(v)} 的角色是 ${v.properties.role}，应为 ${want}`,
        en: `Cluster ${c.id}: its ${part} ${label(v)} has role ${v.properties.role}, not ${want}`,
      },
      features,
    });
  }
}

/** A village's `cluster` property must name the one cluster that lists it (as core or member), and only then. */
function checkClusterProperties(plan: Plan, add: Add): void {
  const listedIn = new Map<string, string[]>();
  for (const c of plan.clusters) {
    for (const code of new Set([c.core, ...c.members])) listedIn.set(code, [...(listedIn.get(code) ?? []), c.id]);
  }
  const known = new Set(plan.clusters.map((c) => c.id));
  for (const v of plan.villages.features) {
    const code = v.properties.code;
    const said = v.properties.cluster;
    const lists = listedIn.get(code) ?? [];
    if (said === null ? lists.length === 0 : lists.length === 1 && lists[0] === said) continue;
    const clusters = [...new Set([...lists, ...(said !== null && known.has(said) ? [said] : [])])].sort();
    const saidZh = said === null ? '未标注所属示范片区' : `标注属于示范片区 ${said}${known.has(said) ? '' : '（方案中无此片区）'}`;
    const saidEn = said === null ? 'has no cluster' : `says it belongs to cluster ${said}${known.has(said) ? '' : ' (no such cluster in the plan)'}`;
    add({
      rule: 'role-mismatch',
      severity: 'error',
      message: {
        zh: `村庄 ${label(v)} ${saidZh}，${lists.length === 0 ? '但没有示范片区列出它' : `但列出它的示范片区是 ${lists.join('、')}`}`,
        en: `Village ${label(v)} ${saidEn}, but ${lists.length === 0 ? 'no cluster lists it' : `it is listed by cluster${lists.length > 1 ? 's' : ''} ${lists.join(', ')}`}`,
      },
      features: [{ layer: 'villages', id: code }, ...clusters.map((id) => ({ layer: 'clusters' as const, id }))],
    });
  }
}

function checkTowns(plan: Plan, add: Add): void {
  const villages = plan.villages.features;
  const districts = new Set([
    ...plan.clusters.map((c) => c.district),
    ...villages.filter((v) => v.properties.role === 'demonstration').map((v) => v.properties.district),
  ]);
  const towns = new Map<string, { name: string; district: string; committees: string[]; demonstration: boolean }>();
  for (const v of villages) {
    const p = v.properties;
    if (!districts.has(p.district)) continue;
    let t = towns.get(p.town_code);
    if (!t) {
      t = { name: p.town, district: p.district, committees: [], demonstration: false };
      towns.set(p.town_code, t);
    }
    if (p.kind === '村委会') t.committees.push(p.code);
    if (p.role === 'demonstration') t.demonstration = true;
  }
  for (const [townCode, t] of towns) {
    if (t.demonstration || t.committees.length === 0) continue;
    add(
      {
        rule: 'town-without-demonstration',
        severity: 'warning',
        message: {
          zh: `${t.district}${t.name}（${townCode}）有 ${t.committees.length} 个村委会，但没有示范村`,
          en: `Town ${t.name} (${townCode}, ${t.district}) has ${t.committees.length} village committee${t.committees.length === 1 ? '' : 's'} but no demonstration village`,
        },
        features: [...t.committees].sort().map((id) => ({ layer: 'villages' as const, id })),
        source: TOWN_DEMONSTRATION_SOURCE,
      },
      townCode,
    );
  }
}

function checkTarget(plan: Plan, t: Target, asOf: number, byCode: Map<string, VillageFeature>, add: Add): void {
  const kind = targetKind(t.metric);
  if (kind === 'per-cluster') return; // cluster-size
  const selections = targetSelections(plan, t);
  const what = metricText(t);
  const refs = (s: TargetSelection[]): PlanFeatureRef[] => s.map((x) => ({ layer: x.layer, id: x.id }));
  const named = (s: TargetSelection[]): string => {
    if (s.length === 0) return '';
    const shown = s.slice(0, NAMED_MAX).map((x) => (x.layer === 'villages' && byCode.get(x.id) ? label(byCode.get(x.id)!) : x.id));
    return `: ${shown.join(', ')}${s.length > NAMED_MAX ? `, … (${s.length - NAMED_MAX} more)` : ''}`;
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
            zh: `${t.district} ${y} 年${what.zh} ${inYear.length} 个，目标 ${t.id} 要求每年 ${rangeText(t)} 个${named(inYear)}`,
            en: `${t.district} ${y}: ${inYear.length} ${inYear.length === 1 ? what.one : what.en}; target ${t.id} asks for ${rangeText(t)} a year${named(inYear)}`,
          },
          features: [{ layer: 'targets', id: t.id }, ...refs(inYear)],
          source: t.source,
        },
        y,
      );
    }
    return;
  }

  // Cumulative.
  const by = t.year ?? asOf;
  if (by > asOf) return; // not due yet
  const counted = selections.filter((s) => s.year === null || s.year <= by);
  if (inRange(counted.length, t)) return;
  const byText = Number.isFinite(by) ? { zh: `截至 ${by} 年`, en: ` by ${by}` } : { zh: '', en: '' };
  add({
    rule: 'target-not-met',
    severity: 'error',
    message: {
      zh: `${t.district}${byText.zh}${what.zh} ${counted.length} 个，目标 ${t.id} 要求 ${rangeText(t)} 个${named(counted)}`,
      en: `${t.district}: ${counted.length} ${counted.length === 1 ? what.one : what.en}${byText.en}; target ${t.id} asks for ${rangeText(t)}${named(counted)}`,
    },
    features: [{ layer: 'targets', id: t.id }, ...refs(counted)],
    source: t.source,
  });
}

/** What a target counts, in Chinese and in English (`one`: the English singular). */
function metricText(t: Target): Bilingual & { one: string } {
  switch (t.metric) {
    case 'clusters':
    case 'clusters-per-year':
      return { zh: '示范片区', en: 'clusters', one: 'cluster' };
    case 'demonstration-villages':
      return { zh: '示范村', en: 'demonstration villages', one: 'demonstration village' };
    case 'poetic-villages':
    case 'poetic-villages-per-year':
      return { zh: '“诗画乡村”（含示范村）', en: 'poetic villages (demonstration villages included)', one: 'poetic village (demonstration villages included)' };
    case 'upgrade-villages-per-cluster':
      return { zh: '提升村', en: 'upgrade villages', one: 'upgrade village' };
    default:
      t.metric satisfies never;
      return { zh: String(t.metric), en: String(t.metric), one: String(t.metric) };
  }
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
