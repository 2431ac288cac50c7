/**
 * Packages of format `belt-map-plan/1` keep loading: this turns their parsed contents into format 2,
 * which the schema then checks as usual. Nothing is guessed that format 1 did not say; what format 1
 * fixed in the program (its role vocabulary, its rules, a default view) is written out explicitly.
 */
import { PLAN_FORMAT, type PlanFileKey } from '../types/plan.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const features = (fc: unknown): Obj[] => (isObj(fc) ? list(fc.features).filter(isObj) : []);

/** Format 1's fixed role vocabulary. */
const V1_ROLES = [
  { id: 'demonstration', kind: 'core', label: { zh: '示范村', en: 'Demonstration village' } },
  { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade village' } },
  { id: 'poetic', kind: 'selected', label: { zh: '诗画乡村', en: 'Poetic village' } },
  { id: 'other', kind: 'none', label: { zh: '其他村庄/社区', en: 'Other village / community' } },
];
const V1_SOURCE = 'belt-map-plan/1: the rules format 1 applied to every plan';

/** How format 1's target metrics read in format 2. */
const V1_METRICS: Record<string, { count: string; roles: string[]; per: string }> = {
  clusters: { count: 'clusters', roles: [], per: 'plan' },
  'clusters-per-year': { count: 'clusters', roles: [], per: 'year' },
  'demonstration-villages': { count: 'villages', roles: ['demonstration'], per: 'plan' },
  // Format 1 counted demonstration villages among the poetic ones.
  'poetic-villages': { count: 'villages', roles: ['poetic', 'demonstration'], per: 'plan' },
  'poetic-villages-per-year': { count: 'villages', roles: ['poetic', 'demonstration'], per: 'year' },
};

/**
 * Migrates a format-1 package (manifest and files as parsed JSON) to format 2. Inputs are not changed.
 *
 * - views: the record becomes a list (`plan` first); a view is labelled by the district whose English
 *   name matches its id, else by its id.
 * - focus districts: those with `focus: true`; the print inset: the extent of all districts.
 * - years: every year a village, cluster or target names (format 1 had no list).
 * - roles: format 1's four; rules: its 4–5 members per cluster (or the district's
 *   `upgrade-villages-per-cluster` target), 10 km, a demonstration village per town.
 * - villages lose `located` (the geometry says it) and `cluster` (the clusters say it); clusters and
 *   belts lose `district`/`town` (their core village says it); targets name districts by code.
 */
export function migrateV1(manifest: Obj, files: Partial<Record<PlanFileKey, unknown>>): { manifest: Obj; files: Partial<Record<PlanFileKey, unknown>> } {
  const districts = features(files.districts);
  const villages = features(files.villages);
  const codeOfDistrict = new Map<string, string>();
  for (const f of villages) {
    const p = f.properties as Obj;
    if (typeof p?.district === 'string' && typeof p.district_code === 'string') codeOfDistrict.set(p.district, p.district_code);
  }
  for (const f of districts) {
    const p = f.properties as Obj;
    if (typeof p?.name === 'string' && typeof p.adcode === 'string') codeOfDistrict.set(p.name, p.adcode);
  }
  const districtCode = (name: unknown) => (typeof name === 'string' && name !== '' ? (codeOfDistrict.get(name) ?? name) : null);

  // Views
  const viewRecord = isObj(manifest.views) ? manifest.views : {};
  const ids = Object.keys(viewRecord).sort((a, b) => (a === 'plan' ? -1 : b === 'plan' ? 1 : 0));
  const views = ids.map((viewId) => {
    const d = districts.find((f) => String((f.properties as Obj)?.name_en ?? '').toLowerCase() === viewId.toLowerCase());
    const dp = d?.properties as Obj | undefined;
    const title = viewId.charAt(0).toUpperCase() + viewId.slice(1);
    const label = viewId === 'plan' ? { zh: '全部规划', en: 'Whole plan' } : dp ? { zh: String(dp.name), en: String(dp.name_en) } : { zh: title, en: title };
    return { id: viewId, label, bounds: viewRecord[viewId] };
  });

  // Years
  const years = new Set<number>();
  const addYear = (y: unknown) => typeof y === 'number' && Number.isInteger(y) && years.add(y);
  for (const f of villages) addYear((f.properties as Obj)?.year);
  for (const c of list(manifest.clusters)) addYear((c as Obj)?.year);
  for (const t of list(manifest.targets)) addYear((t as Obj)?.year);
  const sorted = [...years].sort((a, b) => a - b);
  const span = sorted.length ? Array.from({ length: sorted.at(-1)! - sorted[0]! + 1 }, (_, i) => sorted[0]! + i) : [];

  // Rules and targets
  const rules: Obj[] = [];
  const targets: Obj[] = [];
  const perClusterDistricts = new Set<string | null>();
  for (const raw of list(manifest.targets)) {
    const t = isObj(raw) ? raw : {};
    if (t.metric === 'upgrade-villages-per-cluster') {
      const district = districtCode(t.district);
      perClusterDistricts.add(district);
      rules.push({ rule: 'cluster-size', min: t.min ?? null, max: t.max ?? null, district, source: t.source });
      continue;
    }
    const metric = V1_METRICS[String(t.metric)];
    const { metric: _metric, district, ...rest } = t;
    targets.push({ ...rest, district: districtCode(district), ...(metric ?? { count: t.metric }) });
  }
  if (!perClusterDistricts.has(null)) {
    // Format 1 applied 4–5 members to every district without a target of its own.
    for (const district of new Set(list(manifest.clusters).map((c) => districtCode((c as Obj)?.district)))) {
      if (!perClusterDistricts.has(district)) rules.push({ rule: 'cluster-size', min: 4, max: 5, district, source: V1_SOURCE });
    }
  }
  rules.push({ rule: 'member-distance', maxKm: 10, district: null, source: V1_SOURCE });
  rules.push({ rule: 'core-per-town', min: 1, district: null, source: V1_SOURCE });

  const strip = (o: unknown, keys: string[]) => (isObj(o) ? Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) : o);
  const { views: _views, ...rest } = manifest;
  const next: Obj = {
    ...rest,
    format: PLAN_FORMAT,
    views,
    focusDistricts: districts.filter((f) => (f.properties as Obj)?.focus === true).map((f) => String((f.properties as Obj).adcode)),
    years: span.length ? span : [new Date().getFullYear()],
    roles: V1_ROLES,
    rules,
    targets,
    clusters: list(manifest.clusters).map((c) => strip(c, ['district', 'town'])),
    belts: list(manifest.belts).map((b) => strip(b, ['district'])),
  };
  const withProps = (fc: unknown, keys: string[]) =>
    isObj(fc) ? { ...fc, features: list(fc.features).map((f) => (isObj(f) ? { ...f, properties: strip(f.properties, keys) } : f)) } : fc;
  return {
    manifest: next,
    files: { ...files, villages: withProps(files.villages, ['located', 'cluster']), districts: withProps(files.districts, ['focus']) },
  };
}
