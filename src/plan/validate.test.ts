/**
 * readPackage on small broken packages. The fixture is cut from the real default package in data/
 * (no coordinate is made up); each test breaks ONE thing and expects a problem that names the file,
 * the feature and the field, in both languages. Each would fail if its check were removed from
 * readPackage. The other side: inconsistencies of the plan itself load, and checkPlan reports them.
 * Last, a synthetic format-1 package (made up here, not real data) is migrated on load.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Point } from 'geojson';
import { planFrom } from '../io/loadPlan';
import { readPackageFiles } from '../../test/helpers/bundledPlan';
import { checkPlan, type PlanRule } from './checkPlan';
import type { PlanProblem } from './problems';
import { readPackage } from './validate';
import type { LineProperties, PlanManifest, TownSeatProperties, VillageProperties } from '../types/plan';

type Obj = Record<string, unknown>;
type Pkg = {
  manifest: PlanManifest;
  files: {
    districts: FeatureCollection;
    townSeats: FeatureCollection<Point, TownSeatProperties>;
    villages: FeatureCollection<Point | null, VillageProperties>;
    corridors: FeatureCollection<LineString, LineProperties>;
    cultureBelts: FeatureCollection<LineString, LineProperties>;
    water: FeatureCollection;
  };
};

const DEFAULT = 'plans/huairou-mentougou/plan.json';

/**
 * A small valid package: Mentougou (110109), one of its clusters, the schematic g109 line and the
 * surveyed yongding line with the villages / seats g109 runs through, one unlocated village, two
 * water features. Everything is taken from the real package as it is.
 */
function fixture(): Pkg {
  const real = readPackageFiles(DEFAULT) as unknown as Pkg;
  const { manifest, files: all } = real;
  const byCode = new Map(all.villages.features.map((f) => [f.properties.code, f]));
  const cluster = manifest.clusters.find((c) => c.core !== null && byCode.get(c.core)?.properties.district_code === '110109')!;
  const g109 = all.corridors.features.find((f) => f.properties.id === 'g109')!;
  const yongding = all.corridors.features.find((f) => f.properties.id === 'yongding')!;
  const viaCodes = new Set(g109.properties.via.map((v) => v.code));
  const clusterCodes = new Set([cluster.core!, ...cluster.members]);
  const unlocated = all.villages.features.find((f) => f.geometry === null && f.properties.district_code === '110109')!;
  return {
    manifest: {
      ...manifest,
      focusDistricts: ['110109'],
      clusters: [cluster],
      belts: [{ id: 'b', name: '示例带', name_en: 'Sample belt', clusters: [cluster.id], along: ['g109'] }],
    },
    files: {
      districts: { type: 'FeatureCollection', features: all.districts.features.filter((f) => f.properties!.adcode === '110109') },
      townSeats: { type: 'FeatureCollection', features: all.townSeats.features.filter((f) => viaCodes.has(f.properties.code)) },
      villages: {
        type: 'FeatureCollection',
        features: [...all.villages.features.filter((f) => clusterCodes.has(f.properties.code) || viaCodes.has(f.properties.code)), unlocated],
      },
      corridors: { type: 'FeatureCollection', features: [g109, yongding] },
      cultureBelts: { type: 'FeatureCollection', features: [] },
      water: { type: 'FeatureCollection', features: all.water.features.slice(0, 2) },
    },
  };
}
const FIXTURE = fixture();

let pkg: Pkg;
beforeEach(() => {
  pkg = structuredClone(FIXTURE);
});
const read = () => readPackage(pkg as unknown as Parameters<typeof readPackage>[0]);
const run = (): PlanProblem[] => read().problems;
const cluster = () => pkg.manifest.clusters[0]!;
const village = (code: string) => pkg.files.villages.features.find((f) => f.properties.code === code)!;
/** A located village that no line runs through (so moving it breaks nothing else). */
const located = () => {
  const via = new Set(pkg.files.corridors.features.flatMap((f) => f.properties.via.map((v) => v.code)));
  return pkg.files.villages.features.find((f) => f.geometry !== null && !via.has(f.properties.code))!;
};
const g109 = () => pkg.files.corridors.features.find((f) => f.properties.id === 'g109')!;
const yongding = () => pkg.files.corridors.features.find((f) => f.properties.id === 'yongding')!;

/**
 * Expects a problem in `file` about `feature` (undefined: none) and `field` (undefined: any) whose
 * message matches; both languages must start with the file name and name the feature.
 */
function expectProblem(file: string, feature: string | undefined, field: string | undefined, message: RegExp): PlanProblem {
  const { plan, problems } = read();
  expect(plan, 'a structural problem rejects the package').toBeNull();
  const hit = problems.find((p) => p.file === file && p.feature === feature && (field === undefined || p.field === field) && message.test(p.message));
  expect(hit, `expected a problem in ${file} ${feature ?? ''} ${field ?? ''} ${message}; got:\n${problems.map((p) => `${p.message} [${p.feature} / ${p.field}]`).join('\n')}`).toBeDefined();
  expect(hit!.message.startsWith(`${file}: `), hit!.message).toBe(true);
  expect(hit!.zh.startsWith(`${file}：`), hit!.zh).toBe(true);
  // The file is named once, at the start (not repeated as a prefix).
  expect(hit!.message.startsWith(`${file}: ${file}`)).toBe(false);
  if (feature) {
    expect(hit!.message).toContain(feature.replace(/^\w+ /, ''));
    expect(hit!.zh).toContain(feature.replace(/^\w+ /, ''));
  }
  // The English message names the field as it is spelled (Chinese may translate it: “角色”, “标识”).
  if (field) expect(hit!.message).toContain(field);
  return hit!;
}

describe('readPackage: the fixture', () => {
  it('is valid (so every problem below comes from the one thing broken) and consistent', () => {
    const { plan, problems } = read();
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(plan).not.toBeNull();
    const rules: PlanRule[] = ['cluster-core', 'role-mismatch', 'member-distance', 'unknown-village', 'unknown-reference'];
    expect(checkPlan(plan!).filter((i) => rules.includes(i.rule))).toEqual([]);
    // The pieces the tests below break are there.
    expect(g109().properties.geometry_source).toBe('schematic');
    expect(g109().properties.via.length).toBeGreaterThanOrEqual(3);
    expect(pkg.files.townSeats.features.length).toBeGreaterThan(0);
    expect(pkg.files.villages.features.some((f) => f.geometry === null)).toBe(true);
  });
});

describe('readPackage: structural problems reject the package', () => {
  it('reports a longitude outside WGS84 (point)', () => {
    const v = located();
    v.geometry = { type: 'Point', coordinates: [200, 40] };
    expectProblem('villages.geojson', v.properties.code, undefined, /coordinates \[200, 40\] are outside WGS84 longitude range/);
  });

  it('reports a latitude outside WGS84 (line)', () => {
    yongding().geometry.coordinates[1] = [116, 95];
    expectProblem('corridors.geojson', 'yongding', undefined, /coordinates \[116, 95\] are outside WGS84 latitude range/);
  });

  it('reports a duplicate village code', () => {
    const v = located();
    pkg.files.villages.features.push(structuredClone(v));
    expectProblem('villages.geojson', v.properties.code, 'code', /code \d{12} is used twice \(also in villages\.geojson\)/);
  });

  it('reports a village code shared with a town seat', () => {
    const v = located();
    const seat = structuredClone(pkg.files.townSeats.features[0]!);
    seat.properties.code = v.properties.code;
    pkg.files.townSeats.features.push(seat);
    expectProblem('town-seats.geojson', v.properties.code, 'code', /used twice \(also in villages\.geojson\)/);
  });

  it('reports a missing source', () => {
    const seat = pkg.files.townSeats.features[0]!;
    delete (seat.properties as Partial<TownSeatProperties>).source;
    const p = expectProblem('town-seats.geojson', seat.properties.code, 'source', /"source" is missing/);
    expect(p.zh).toContain('缺少');
  });

  it('reports a missing accuracy (water features are named by index)', () => {
    delete (pkg.files.water.features[0]!.properties as Obj).accuracy;
    expectProblem('water.geojson', '#0', 'accuracy', /"accuracy" is missing/);
  });

  it('reports a bad village kind', () => {
    const v = located();
    (v.properties as unknown as Obj).kind = 'village';
    expectProblem('villages.geojson', v.properties.code, 'kind', /"kind" must be one of "村委会", "居委会" \(got "village"\)/);
  });

  it('reports a bad geometry_source', () => {
    (g109().properties as unknown as Obj).geometry_source = 'guessed';
    expectProblem('corridors.geojson', 'g109', 'geometry_source', /"geometry_source" must be one of "surveyed", "schematic", "drawn"/);
  });

  it('loads a line drawn by hand (geometry_source "drawn"): no via places or citations needed', () => {
    const p = g109().properties as unknown as Obj;
    p.geometry_source = 'drawn';
    p.via = [];
    p.citations = [];
    const { plan, problems } = read();
    expect(problems.map((x) => x.message)).toEqual([]);
    expect(plan!.corridors.features.find((f) => f.properties.id === 'g109')!.properties.geometry_source).toBe('drawn');
  });

  it('reports a village role that is not in roles', () => {
    const v = located();
    v.properties.role = 'core';
    expectProblem('villages.geojson', v.properties.code, 'role', /role "core" is not a role of plan\.json/);
  });

  it('reports roles without a role of kind none', () => {
    const other = pkg.manifest.roles.find((r) => r.kind === 'none')!;
    other.kind = 'selected';
    expectProblem('plan.json', undefined, 'roles', /exactly one role of kind "none" \(has 0\)/);
  });

  it('reports roles with two roles of kind none', () => {
    pkg.manifest.roles.push({ id: 'also-other', kind: 'none', label: { zh: '其他', en: 'Other' } });
    expectProblem('plan.json', undefined, 'roles', /exactly one role of kind "none" \(has 2\)/);
  });

  it('reports structural GeoJSON errors (geojson-validation): a bad type', () => {
    const v = located();
    (v as unknown as Obj).type = 'feature';
    expectProblem('villages.geojson', v.properties.code, undefined, /is not a valid GeoJSON Feature \(RFC 7946\)/);
  });

  it('reports structural GeoJSON errors (geojson-validation): a position that is not numbers', () => {
    const v = located();
    (v.geometry as unknown as Obj).coordinates = ['116', '40'];
    expectProblem('villages.geojson', v.properties.code, undefined, /is not a valid GeoJSON Feature/);
  });

  it('reports a crs member', () => {
    (pkg.files.districts as unknown as Obj).crs = { type: 'name', properties: { name: 'EPSG:4326' } };
    expectProblem('districts.geojson', undefined, undefined, /has a "crs" member/);
  });

  it('reports a schematic via place whose code is unknown', () => {
    g109().properties.via[1]!.code = '110109999998';
    expectProblem('corridors.geojson', 'g109', undefined, /via #1 .*110109999998 is not a located village or town seat/);
  });

  it('reports via coordinates that differ from the place they name', () => {
    const v = g109().properties.via[0]!;
    v.coordinates = [v.coordinates[0] + 0.01, v.coordinates[1]];
    expectProblem('corridors.geojson', 'g109', undefined, /via #0 .* differ from/);
  });

  it('reports a schematic line whose vertices are not its via places', () => {
    g109().geometry.coordinates.reverse();
    expectProblem('corridors.geojson', 'g109', undefined, /vertices are not exactly its via coordinates/);
  });

  it('reports a schematic line without citations', () => {
    g109().properties.citations = [];
    expectProblem('corridors.geojson', 'g109', undefined, /is schematic but cites no source/);
  });

  it('reports a wrong format tag', () => {
    (pkg.manifest as unknown as Obj).format = 'belt-map-plan/0';
    expectProblem('plan.json', undefined, 'format', /"format" must be "belt-map-plan\/2" or "belt-map-plan\/1" \(got "belt-map-plan\/0"\)/);
  });

  it('reports a manifest that is not an object', () => {
    for (const manifest of [[], 'plan', null]) {
      const { plan, problems } = readPackage({ manifest, files: pkg.files });
      expect(plan).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]!.file).toBe('plan.json');
      expect(problems[0]!.message).toBe('plan.json: is not a JSON object');
      expect(problems[0]!.zh).toBe('plan.json：不是 JSON 对象');
    }
  });

  it('reports empty views', () => {
    pkg.manifest.views = [];
    expectProblem('plan.json', undefined, 'views', /"views" must be a list with at least one entry/);
  });

  it('reports bad bounds (west > east)', () => {
    const b = pkg.manifest.views[0]!.bounds;
    pkg.manifest.views[0]!.bounds = [b[2], b[1], b[0], b[3]];
    expectProblem('plan.json', 'view plan', 'bounds', /"bounds" must be \[west, south, east, north\]/);
  });

  it('reports bad bounds (latitude beyond 90)', () => {
    pkg.manifest.views[1]!.bounds = [115, 39, 117, 91];
    expectProblem('plan.json', `view ${pkg.manifest.views[1]!.id}`, 'bounds', /"bounds" must be/);
  });

  it('reports duplicate view ids', () => {
    pkg.manifest.views.push({ ...structuredClone(pkg.manifest.views[0]!) });
    expectProblem('plan.json', 'view plan', 'id', /id plan is used twice/);
  });

  it('reports duplicate cluster ids', () => {
    pkg.manifest.clusters.push(structuredClone(cluster()));
    expectProblem('plan.json', `cluster ${cluster().id}`, 'id', /is used twice/);
  });

  it('reports duplicate target ids', () => {
    const t = pkg.manifest.targets[0]!;
    pkg.manifest.targets.push(structuredClone(t));
    expectProblem('plan.json', `target ${t.id}`, 'id', new RegExp(`id ${t.id} is used twice`));
  });

  it('reports a target that names an unknown role', () => {
    const t = pkg.manifest.targets.find((x) => x.count === 'villages')!;
    t.roles = [...t.roles, 'nobody'];
    expectProblem('plan.json', `target ${t.id}`, 'roles', /role "nobody" is not in "roles"/);
  });
});

describe('readPackage: inconsistencies of the plan load, and checkPlan reports them', () => {
  /** Loads with no problems and returns checkPlan's issues of `rule`. */
  const loadsAndReports = (rule: PlanRule) => {
    const { plan, problems } = read();
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(plan).not.toBeNull();
    return checkPlan(plan!).filter((i) => i.rule === rule);
  };

  it('a cluster without a core', () => {
    cluster().core = null;
    const issues = loadsAndReports('cluster-core');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.features[0]).toEqual({ layer: 'clusters', id: cluster().id });
  });

  it('a member whose role disagrees', () => {
    const code = cluster().members[0]!;
    village(code).properties.role = 'other';
    const issues = loadsAndReports('role-mismatch');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.features).toContainEqual({ layer: 'villages', id: code });
  });

  it('an unlocated member (a warning)', () => {
    const v = pkg.files.villages.features.find((f) => f.geometry === null)!;
    v.properties.role = 'upgrade';
    cluster().members.push(v.properties.code);
    const issues = loadsAndReports('member-distance');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.severity).toBe('warning');
    expect(issues[0]!.features).toContainEqual({ layer: 'villages', id: v.properties.code });
  });

  it('a member not in the register', () => {
    cluster().members.push('110109999999');
    const issues = loadsAndReports('unknown-village');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.features).toContainEqual({ layer: 'villages', id: '110109999999' });
  });

  it('a belt naming a missing cluster or line', () => {
    pkg.manifest.belts[0]!.clusters.push('nowhere');
    pkg.manifest.belts[0]!.along.push('g999');
    const issues = loadsAndReports('unknown-reference');
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => i.message.en).join('\n')).toMatch(/cluster nowhere/);
    expect(issues.map((i) => i.message.en).join('\n')).toMatch(/line g999/);
    for (const i of issues) expect(i.features[0]).toEqual({ layer: 'belts', id: 'b' });
  });
});

describe('readPackage: only files.villages is required', () => {
  it('loads a package of a manifest and villages; the other collections are empty', () => {
    const { plan, problems } = readPackage({
      manifest: { ...pkg.manifest, files: { villages: 'villages.geojson' } },
      files: { villages: pkg.files.villages },
    });
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(plan!.villages.features).toHaveLength(pkg.files.villages.features.length);
    for (const key of ['districts', 'townSeats', 'corridors', 'cultureBelts', 'water'] as const) {
      expect(plan![key]).toEqual({ type: 'FeatureCollection', features: [] });
      expect(plan!.manifest.files[key]).toBeUndefined();
    }
  });

  it('but not without villages', () => {
    const { files: _f, ...rest } = pkg.manifest;
    const { plan, problems } = readPackage({ manifest: { ...rest, files: {} }, files: {} });
    expect(plan).toBeNull();
    expect(problems.some((p) => p.file === 'plan.json' && p.field === 'files.villages')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Format 1. A SYNTHETIC package written here (made-up district, town, village codes and
// coordinates; not real data), shaped like the belt-map-plan/1 packages data/ used to hold.

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const v1Village = (code: string, role: string, located: [number, number] | null, extra: Obj = {}) => ({
  type: 'Feature',
  properties: {
    code,
    name: `村${code.slice(-2)}村委会`,
    short_name: `村${code.slice(-2)}村`,
    name_en: `Cun ${code.slice(-2)}`,
    kind: '村委会',
    town: '甲镇',
    town_code: '990001001000',
    district: '甲区',
    district_code: '990001',
    role,
    year: null,
    located: located !== null,
    cluster: null,
    source: 'synthetic test data',
    accuracy: located ? 'synthetic point' : 'no position: synthetic',
    ...extra,
  },
  geometry: located ? { type: 'Point', coordinates: located } : null,
});

function v1Package(): { manifest: Obj; files: Obj } {
  const manifest = {
    format: 'belt-map-plan/1',
    name: { zh: '合成测试方案', en: 'Synthetic test plan' },
    sample: true,
    notice: { zh: '合成数据', en: 'Synthetic data' },
    // A record in format 1; `a` comes first on purpose: the plan view must come first after migration.
    views: { a: [100, 30, 100.5, 30.5], plan: [100, 30, 101, 31] },
    files: { districts: 'districts.geojson', villages: 'villages.geojson' },
    clusters: [
      {
        id: 'c1',
        name: '甲镇示范片区',
        district: '甲区',
        town: '甲镇',
        core: '990001001201',
        members: ['990001001202', '990001001203', '990001001204', '990001001205'],
        year: 2024,
      },
    ],
    belts: [{ id: 'b1', name: '甲区示范带', district: '甲区', clusters: ['c1'], along: [] }],
    targets: [
      { id: 't-clusters', district: '甲区', metric: 'clusters', min: 1, max: null, year: 2026, label: { zh: '片区', en: 'Clusters' }, source: 'synthetic' },
      { id: 't-per-year', district: '甲区', metric: 'clusters-per-year', min: 1, max: 1, year: 2024, label: { zh: '每年片区', en: 'Clusters a year' }, source: 'synthetic' },
      { id: 't-demo', district: '甲区', metric: 'demonstration-villages', min: 1, max: null, year: 2026, label: { zh: '示范村', en: 'Demonstration villages' }, source: 'synthetic' },
      { id: 't-poetic', district: '甲区', metric: 'poetic-villages-per-year', min: 1, max: 2, year: null, label: { zh: '诗画乡村', en: 'Poetic villages' }, source: 'synthetic' },
      { id: 't-size', district: '甲区', metric: 'upgrade-villages-per-cluster', min: 4, max: 5, year: null, label: { zh: '每片区', en: 'Per cluster' }, source: 'synthetic: per cluster' },
    ],
    attribution: [{ what: { zh: '合成', en: 'Synthetic' }, text: 'made up for this test', licence: 'none' }],
  };
  const members = ['990001001202', '990001001203', '990001001204', '990001001205'];
  const files = {
    districts: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { adcode: '990001', name: '甲区', name_en: 'A', focus: true, source: 'synthetic', accuracy: 'synthetic' }, geometry: { type: 'Polygon', coordinates: square(100, 30, 1) } },
        { type: 'Feature', properties: { adcode: '990002', name: '乙区', name_en: 'B', focus: false, source: 'synthetic', accuracy: 'synthetic' }, geometry: { type: 'Polygon', coordinates: square(101, 30, 1) } },
      ],
    },
    villages: {
      type: 'FeatureCollection',
      features: [
        v1Village('990001001201', 'demonstration', [100.1, 30.1], { cluster: 'c1', year: 2024 }),
        ...members.map((code, i) => v1Village(code, 'upgrade', [100.11 + i * 0.01, 30.1], { cluster: 'c1', year: 2024 })),
        v1Village('990001001206', 'poetic', [100.3, 30.3], { year: 2025 }),
        v1Village('990001001207', 'other', null),
      ],
    },
  };
  return { manifest, files };
}

describe('format 1 (synthetic package) is migrated on load', () => {
  const plan = planFrom(v1Package() as Parameters<typeof planFrom>[0]);

  it('loads as format 2 with no problems', () => {
    expect(readPackage(v1Package() as Parameters<typeof readPackage>[0]).problems).toEqual([]);
    expect(plan.manifest.format).toBe('belt-map-plan/2');
  });

  it('turns the views record into a list, plan first', () => {
    expect(plan.manifest.views).toEqual([
      { id: 'plan', label: { zh: '全部规划', en: 'Whole plan' }, bounds: [100, 30, 101, 31] },
      // Labelled by the district whose English name is the view id.
      { id: 'a', label: { zh: '甲区', en: 'A' }, bounds: [100, 30, 100.5, 30.5] },
    ]);
  });

  it('takes focusDistricts from `focus` and drops it from the districts', () => {
    expect(plan.manifest.focusDistricts).toEqual(['990001']);
    for (const d of plan.districts.features) expect(d.properties).not.toHaveProperty('focus');
  });

  it('drops `located` and `cluster` from villages (geometry and clusters say it)', () => {
    expect(plan.villages.features).toHaveLength(7);
    for (const f of plan.villages.features) {
      expect(f.properties).not.toHaveProperty('located');
      expect(f.properties).not.toHaveProperty('cluster');
    }
    expect(plan.villages.features.find((f) => f.properties.code === '990001001207')!.geometry).toBeNull();
  });

  it('drops district and town from clusters and belts', () => {
    expect(plan.clusters).toEqual([
      { id: 'c1', name: '甲镇示范片区', name_en: '', core: '990001001201', members: ['990001001202', '990001001203', '990001001204', '990001001205'], year: 2024 },
    ]);
    expect(plan.belts).toEqual([{ id: 'b1', name: '甲区示范带', name_en: '', clusters: ['c1'], along: [] }]);
  });

  it('writes out the v1 roles', () => {
    expect(plan.manifest.roles.map((r) => [r.id, r.kind])).toEqual([
      ['demonstration', 'core'],
      ['upgrade', 'member'],
      ['poetic', 'selected'],
      ['other', 'none'],
    ]);
  });

  it('makes the per-cluster target a cluster-size rule, and writes out v1’s other rules', () => {
    expect(plan.manifest.rules).toEqual([
      { rule: 'cluster-size', min: 4, max: 5, district: '990001', source: 'synthetic: per cluster' },
      { rule: 'member-distance', maxKm: 10, district: null, source: expect.stringContaining('belt-map-plan/1') },
      { rule: 'core-per-town', min: 1, district: null, source: expect.stringContaining('belt-map-plan/1') },
    ]);
  });

  it('gives targets count / roles / per and district codes', () => {
    const base = { district: '990001', reported: [] };
    expect(plan.targets).toEqual([
      { ...base, id: 't-clusters', count: 'clusters', roles: [], per: 'plan', min: 1, max: null, year: 2026, label: { zh: '片区', en: 'Clusters' }, source: 'synthetic' },
      { ...base, id: 't-per-year', count: 'clusters', roles: [], per: 'year', min: 1, max: 1, year: 2024, label: { zh: '每年片区', en: 'Clusters a year' }, source: 'synthetic' },
      { ...base, id: 't-demo', count: 'villages', roles: ['demonstration'], per: 'plan', min: 1, max: null, year: 2026, label: { zh: '示范村', en: 'Demonstration villages' }, source: 'synthetic' },
      { ...base, id: 't-poetic', count: 'villages', roles: ['poetic', 'demonstration'], per: 'year', min: 1, max: 2, year: null, label: { zh: '诗画乡村', en: 'Poetic villages' }, source: 'synthetic' },
    ]);
    for (const t of plan.targets) expect(t).not.toHaveProperty('metric');
  });

  it('spans the years it names', () => {
    expect(plan.manifest.years).toEqual([2024, 2025, 2026]);
  });
});
