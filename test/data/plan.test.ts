/**
 * Every bundled plan package in data/ (written by `npm run data`, listed by data/plans.json): valid,
 * honest about being a sample, and consistent with itself, with the seed texts and with the counts
 * data/README.md states. Then the facts of the default package (huairou-mentougou) that the sample
 * scenario's rules promise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { readPackage } from '../../src/plan/validate';
import type { Plan, VillageProperties } from '../../src/types/plan';
import { DATA, bundledPlans, loadPackage, readPackageFiles } from '../helpers/bundledPlan';

const SEEDS = process.env.BELT_SEEDS ?? resolve(DATA, '../../shared/seeds');
const README = readFileSync(resolve(DATA, 'README.md'), 'utf8');
const PACKAGES = bundledPlans();

/** The section of data/README.md about package `id` ("## Package `id`" up to the next "## "). */
function readmeSection(id: string): string {
  const start = README.search(new RegExp(`^## Package \`${id}\``, 'm'));
  if (start < 0) throw new Error(`data/README.md has no section for package ${id}`);
  const next = README.slice(start + 3).search(/^## /m);
  return next < 0 ? README.slice(start) : README.slice(start, start + 3 + next);
}

/** Feature counts of the section's file table: `| \`villages.geojson\` | 625 (148 located) | …`. */
function readmeCounts(id: string): Map<string, { features: number; located?: number }> {
  const out = new Map<string, { features: number; located?: number }>();
  for (const m of readmeSection(id).matchAll(/^\| `([\w-]+\.geojson)` \| (\d+)(?: \((\d+) located\))? \|/gm))
    out.set(m[1]!, { features: Number(m[2]), ...(m[3] ? { located: Number(m[3]) } : {}) });
  return out;
}

const isLocated = (f: { geometry: Point | null }): f is { geometry: Point } & Feature<Point, VillageProperties> => f.geometry !== null;
/** Slack for a point on a simplified district border (simplification tolerance 0.0005° ≈ 50 m). */
const BORDER_KM = 0.05;

describe.each(PACKAGES)('bundled package $id', ({ id, url, name }) => {
  const plan: Plan = loadPackage(url);
  const file = (key: keyof Plan['manifest']['files']) => plan.manifest.files[key];

  it('loads with no problems', () => {
    const { plan: loaded, problems } = readPackage(readPackageFiles(url));
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(loaded).not.toBeNull();
    expect(plan.manifest.format).toBe('belt-map-plan/2');
    expect(plan.manifest.name).toEqual(name);
  });

  it('is a sample and its notice says so in both languages', () => {
    expect(plan.manifest.sample).toBe(true);
    expect(plan.manifest.notice.zh).toMatch(/^示例方案/);
    expect(plan.manifest.notice.zh).toMatch(/并非官方规划/);
    expect(plan.manifest.notice.en).toMatch(/^Sample plan/);
    expect(plan.manifest.notice.en).toMatch(/not the official plan/i);
  });

  it('has views inside WGS84; the first is the default (plan) view and covers the focus districts', () => {
    expect(plan.manifest.views.length).toBeGreaterThan(0);
    for (const v of plan.manifest.views) {
      const [w, s, e, n] = v.bounds;
      expect(w, v.id).toBeGreaterThanOrEqual(-180);
      expect(e, v.id).toBeLessThanOrEqual(180);
      expect(s, v.id).toBeGreaterThanOrEqual(-90);
      expect(n, v.id).toBeLessThanOrEqual(90);
      expect(w < e && s < n, v.id).toBe(true);
    }
    const first = plan.manifest.views[0]!;
    expect(first.id).toBe('plan');
    const [w, s, e, n] = first.bounds;
    for (const code of plan.manifest.focusDistricts) {
      const d = plan.districts.features.find((f) => f.properties.adcode === code)!;
      const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      for (const poly of polys)
        for (const [x, y] of poly[0]!) {
          expect(x).toBeGreaterThanOrEqual(w);
          expect(x).toBeLessThanOrEqual(e);
          expect(y).toBeGreaterThanOrEqual(s);
          expect(y).toBeLessThanOrEqual(n);
        }
    }
  });

  it('names focus districts that its districts file has', () => {
    expect(plan.manifest.focusDistricts.length).toBeGreaterThan(0);
    if (!file('districts')) return;
    const codes = new Set(plan.districts.features.map((d) => d.properties.adcode));
    for (const code of plan.manifest.focusDistricts) expect(codes.has(code), code).toBe(true);
  });

  it('places every located village inside its own district polygon', () => {
    const districtBy = new Map(plan.districts.features.map((d) => [d.properties.adcode, d]));
    const located = plan.villages.features.filter(isLocated);
    expect(located.length).toBeGreaterThan(0);
    const outside = located
      .filter((f) => {
        const d = districtBy.get(f.properties.district_code);
        if (!d) return true;
        return !booleanPointInPolygon(f.geometry, d) && pointToPolygonDistance(f.geometry, d, { units: 'kilometers' }) > BORDER_KM;
      })
      .map((f) => `${f.properties.code} ${f.properties.name}`);
    expect(outside).toEqual([]);
  });

  it('keeps unlocated villages in the register with geometry null and an accuracy that says why', () => {
    const unlocated = plan.villages.features.filter((f) => f.geometry === null);
    expect(unlocated.length).toBeGreaterThan(0);
    for (const f of unlocated) expect(f.properties.accuracy, f.properties.code).toMatch(/^no position: .{10,}/);
    for (const f of plan.villages.features.filter(isLocated)) expect(f.properties.accuracy).not.toMatch(/^no position/);
  });

  it('draws every schematic line exactly through its via places, located places of this package, citing a url', () => {
    const places = new Map<string, [number, number]>();
    for (const f of plan.villages.features.filter(isLocated)) places.set(f.properties.code, f.geometry.coordinates as [number, number]);
    for (const f of plan.townSeats.features) places.set(f.properties.code, f.geometry.coordinates as [number, number]);
    const lines = [...plan.corridors.features, ...plan.cultureBelts.features];
    for (const f of lines.filter((l) => l.properties.geometry_source === 'schematic')) {
      const p = f.properties;
      expect(f.geometry.type, p.id).toBe('LineString');
      expect(f.geometry.coordinates, p.id).toEqual(p.via.map((v) => v.coordinates));
      expect(p.via.length, p.id).toBeGreaterThanOrEqual(2);
      for (const v of p.via) expect(places.get(v.code), `${p.id} via ${v.code} ${v.name}`).toEqual(v.coordinates);
      expect(p.citations.length, p.id).toBeGreaterThanOrEqual(1);
      for (const c of p.citations) expect(c.url, p.id).toMatch(/^https?:\/\/\S+$/);
      expect(p.accuracy, p.id).toMatch(/^schematic/);
    }
  });

  describe.skipIf(!existsSync(SEEDS))('sources quoted from the seeds', () => {
    const seed = (f: string) => readFileSync(resolve(SEEDS, f), 'utf8');
    const sources = [
      ...plan.targets.map((t) => [`target ${t.id}`, t.source] as const),
      ...plan.manifest.rules.map((r, i) => [`rule #${i} ${r.rule}`, r.source] as const),
      ...plan.manifest.roles.filter((r) => r.source !== undefined).map((r) => [`role ${r.id}`, r.source!] as const),
    ];
    it.each(sources)('%s is `seeds/FILE: “quote”` and the quote is in the seed', (_what, source) => {
      const m = source.match(/^seeds\/([^:/]+): “(.+)”$/su);
      expect(m, source).not.toBeNull();
      expect(existsSync(resolve(SEEDS, m![1]!)), m![1]).toBe(true);
      expect(seed(m![1]!).includes(m![2]!), source).toBe(true);
    });
    it('has sources to check', () => {
      expect(plan.targets.length).toBeGreaterThan(0);
    });
  });

  it('gives every village a role of its roles', () => {
    const roles = new Set(plan.manifest.roles.map((r) => r.id));
    for (const f of plan.villages.features) expect(roles.has(f.properties.role), `${f.properties.code} ${f.properties.role}`).toBe(true);
    expect(plan.manifest.roles.filter((r) => r.kind === 'none')).toHaveLength(1);
  });

  it('builds clusters of villages in the register, each village in one cluster at most', () => {
    const villageByCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
    const seen = new Set<string>();
    for (const c of plan.clusters) {
      for (const code of [...(c.core ? [c.core] : []), ...c.members]) {
        expect(villageByCode.has(code), `${c.id} ${code}`).toBe(true);
        expect(seen.has(code), `${c.id} ${code} twice`).toBe(false);
        seen.add(code);
      }
    }
  });

  it('has the feature counts data/README.md states', () => {
    const stated = readmeCounts(id);
    expect(stated.get('villages.geojson'), 'README states the villages').toBeDefined();
    const keyOf: Record<string, keyof Plan['manifest']['files']> = {
      'districts.geojson': 'districts',
      'town-seats.geojson': 'townSeats',
      'villages.geojson': 'villages',
      'corridors.geojson': 'corridors',
      'culture-belts.geojson': 'cultureBelts',
      'water.geojson': 'water',
    };
    // The files the README lists are exactly the files of the package.
    expect([...stated.keys()].map((f) => keyOf[f]).sort()).toEqual(Object.keys(plan.manifest.files).sort());
    for (const [f, { features, located }] of stated) {
      const fc = plan[keyOf[f]!];
      expect(fc.features.length, f).toBe(features);
      if (located !== undefined) expect(fc.features.filter((x) => x.geometry !== null).length, `${f} located`).toBe(located);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Per-package facts of data/README.md (register kinds, roles, clusters).

const count = (plan: Plan, pred: (p: VillageProperties, located: boolean) => boolean) => plan.villages.features.filter((f) => pred(f.properties, f.geometry !== null)).length;
const roleCounts = (plan: Plan) => {
  const out: Record<string, number> = {};
  for (const f of plan.villages.features) out[f.properties.role] = (out[f.properties.role] ?? 0) + 1;
  return out;
};

describe('README facts of the other packages', () => {
  it('miyun: 330 村委会 (120 located), 99 居委会 (28 located); 1 cluster of core + 5; roles', () => {
    const plan = loadPackage('plans/miyun/plan.json');
    expect([count(plan, (p) => p.kind === '村委会'), count(plan, (p, l) => l && p.kind === '村委会')]).toEqual([330, 120]);
    expect([count(plan, (p) => p.kind === '居委会'), count(plan, (p, l) => l && p.kind === '居委会')]).toEqual([99, 28]);
    expect(roleCounts(plan)).toEqual({ demonstration: 1, upgrade: 5, pilot: 1, other: 422 });
    expect(plan.clusters.map((c) => [c.id, c.members.length])).toEqual([['miyun-xiwengzhuang', 5]]);
    expect(plan.manifest.rules).toEqual([]);
    const pilot = plan.villages.features.find((f) => f.properties.role === 'pilot')!;
    expect([pilot.properties.code, pilot.properties.short_name, pilot.geometry !== null, pilot.properties.year]).toEqual(['110118104222', '圣水头村', true, null]);
  });

  it('xihu: 41 村委会 (5 located), 181 社区 (62 located); 7 future villages, none located', () => {
    const plan = loadPackage('plans/xihu/plan.json');
    expect([count(plan, (p) => p.kind === '村委会'), count(plan, (p, l) => l && p.kind === '村委会')]).toEqual([41, 5]);
    expect([count(plan, (p) => p.kind !== '村委会'), count(plan, (p, l) => l && p.kind !== '村委会')]).toEqual([181, 62]);
    expect(roleCounts(plan)).toEqual({ future: 7, other: 215 });
    expect(count(plan, (p, l) => l && p.role === 'future')).toBe(0);
    expect([plan.clusters, plan.belts, plan.manifest.rules]).toEqual([[], [], []]);
  });

  it('zhenhai: 43 村委会 (1 located), 56 社区 (10 located); one liveable-demo village, unlocated', () => {
    const plan = loadPackage('plans/zhenhai/plan.json');
    expect([count(plan, (p) => p.kind === '村委会'), count(plan, (p, l) => l && p.kind === '村委会')]).toEqual([43, 1]);
    expect([count(plan, (p) => p.kind !== '村委会'), count(plan, (p, l) => l && p.kind !== '村委会')]).toEqual([56, 10]);
    expect(roleCounts(plan)).toEqual({ 'liveable-demo': 1, other: 98 });
    const v = plan.villages.features.find((f) => f.properties.role === 'liveable-demo')!;
    expect([v.properties.code, v.geometry, v.properties.year]).toEqual(['330211004209', null, 2021]);
    expect([plan.clusters, plan.belts, plan.manifest.rules]).toEqual([[], [], []]);
  });
});

// ---------------------------------------------------------------------------------------------
// The default package.

describe('the default package huairou-mentougou', () => {
  const plan = loadPackage('plans/huairou-mentougou/plan.json');
  const villageByCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  const districtOfCluster = (id: string) => villageByCode.get(plan.clusters.find((c) => c.id === id)!.core!)!.properties.district_code;

  it('is the first of plans.json, and data/plan.json loads and equals it apart from its file paths', () => {
    expect(PACKAGES[0]!.id).toBe('huairou-mentougou');
    const old = loadPackage('plan.json');
    const prefixed = Object.fromEntries(Object.entries(plan.manifest.files).map(([k, f]) => [k, `plans/huairou-mentougou/${f}`]));
    expect(old.manifest.files).toEqual(prefixed);
    expect({ ...old, manifest: { ...old.manifest, files: plan.manifest.files } }).toEqual(plan);
  });

  it('has the 16 Beijing districts, Huairou and Mentougou the focus', () => {
    expect(plan.districts.features).toHaveLength(16);
    expect(plan.districts.features.every((d) => d.properties.adcode.startsWith('11'))).toBe(true);
    expect(plan.manifest.focusDistricts).toEqual(['110116', '110109']);
  });

  it('has 321 Huairou + 304 Mentougou = 625 register entries, with the per-district counts of data/README.md', () => {
    expect(plan.villages.features).toHaveLength(625);
    const by = (code: string) => [
      count(plan, (p) => p.district_code === code),
      count(plan, (p, l) => p.district_code === code && l),
      count(plan, (p) => p.district_code === code && p.kind === '村委会'),
      count(plan, (p, l) => p.district_code === code && l && p.kind === '村委会'),
    ];
    // entries | located | 村委会 | 村委会 located
    expect(by('110116')).toEqual([321, 44, 284, 27]);
    expect(by('110109')).toEqual([304, 104, 178, 70]);
    // The 溪翁庄镇 entries moved to miyun.
    expect(count(plan, (p) => p.district_code === '110118')).toBe(0);
  });

  it('keeps the villages the seeds name but no source places unlocated', () => {
    for (const name of ['琉璃渠村委会', '苇子水村委会']) {
      const f = plan.villages.features.find((x) => x.properties.name === name);
      expect(f, name).toBeDefined();
      expect(f!.geometry, name).toBeNull();
    }
  });

  it('has the corridors and culture belts', () => {
    expect(plan.corridors.features.map((f) => f.properties.id)).toEqual(['g109', 'g109-expressway', 'yongding']);
    expect(plan.cultureBelts.features.map((f) => f.properties.id)).toEqual(['great-wall', 'tanghe']);
    const yd = plan.corridors.features.find((f) => f.properties.id === 'yongding')!;
    expect([yd.properties.geometry_source, yd.properties.kind]).toEqual(['surveyed', 'river']);
    const schematic = [...plan.corridors.features, ...plan.cultureBelts.features].filter((f) => f.properties.geometry_source === 'schematic');
    expect(schematic).toHaveLength(4);
  });

  it('follows the sample rules: 1 core + 4–5 located 村委会 of the same town; Huairou’s rule says 4–5', () => {
    expect(plan.manifest.rules).toContainEqual(expect.objectContaining({ rule: 'cluster-size', min: 4, max: 5, district: '110116' }));
    expect(plan.clusters).toHaveLength(9);
    for (const c of plan.clusters) {
      expect(c.members.length, c.id).toBeGreaterThanOrEqual(4);
      expect(c.members.length, c.id).toBeLessThanOrEqual(5);
      const core = villageByCode.get(c.core!)!;
      expect(core.properties.role, c.id).toBe('demonstration');
      for (const code of [c.core!, ...c.members]) {
        const v = villageByCode.get(code)!;
        expect(v.geometry, code).not.toBeNull();
        expect(v.properties.kind, code).toBe('村委会');
        expect(v.properties.town_code, code).toBe(core.properties.town_code);
      }
      for (const code of c.members) expect(villageByCode.get(code)!.properties.role, code).toBe('upgrade');
      expect(c.year, c.id).toBeGreaterThanOrEqual(2024);
      expect(c.year, c.id).toBeLessThanOrEqual(2027);
    }
    expect(plan.clusters.filter((c) => districtOfCluster(c.id) === '110116')).toHaveLength(2);
    expect(plan.clusters.filter((c) => districtOfCluster(c.id) === '110109')).toHaveLength(7);
  });

  it('has the roles of the sample: 9 demonstration, 43 upgrade, 22 poetic (located, Mentougou, 2024–2026), 551 other', () => {
    expect(roleCounts(plan)).toEqual({ demonstration: 9, upgrade: 43, poetic: 22, other: 551 });
    const clustered = new Set(plan.clusters.flatMap((c) => [c.core!, ...c.members]));
    for (const f of plan.villages.features) {
      const p = f.properties;
      if (p.role === 'demonstration' || p.role === 'upgrade') expect(clustered.has(p.code), p.code).toBe(true);
      if (p.role === 'other') expect(p.year, p.code).toBeNull();
      if (p.role === 'poetic') {
        expect(p.district_code).toBe('110109');
        expect(f.geometry).not.toBeNull();
        expect(p.year).toBeGreaterThanOrEqual(2024);
        expect(p.year).toBeLessThanOrEqual(2026);
      }
    }
  });

  it('has one belt per plan district, along existing lines', () => {
    expect(plan.belts).toHaveLength(2);
    const lines = new Set([...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties.id));
    const districtOf = (b: (typeof plan.belts)[number]) => {
      const ds = new Set(b.clusters.map(districtOfCluster));
      expect(ds.size, b.id).toBe(1);
      return [...ds][0];
    };
    const hr = plan.belts.find((b) => districtOf(b) === '110116')!;
    const mtg = plan.belts.find((b) => districtOf(b) === '110109')!;
    expect(hr.name).toBe('国际会都乡村振兴示范带');
    expect(hr.along).toEqual(['great-wall', 'tanghe']);
    expect(mtg.along).toEqual(['g109', 'g109-expressway', 'yongding']);
    for (const b of plan.belts) for (const l of b.along) expect(lines.has(l), `${b.id} along ${l}`).toBe(true);
    // Every cluster is on its district's belt.
    expect(plan.belts.flatMap((b) => b.clusters).sort()).toEqual(plan.clusters.map((c) => c.id).sort());
  });

  it('has the targets of the seeds', () => {
    const t = new Map(plan.targets.map((x) => [x.id, x]));
    expect(t.get('huairou-clusters-2027')).toMatchObject({ district: '110116', count: 'clusters', per: 'plan', min: 14, year: 2027 });
    expect(t.get('huairou-clusters-2024')).toMatchObject({ district: '110116', count: 'clusters', per: 'year', min: 3, max: 3, year: 2024 });
    expect(t.get('mentougou-poetic-2027')).toMatchObject({ district: '110109', count: 'villages', roles: ['poetic', 'demonstration'], per: 'plan', min: 100, year: 2027 });
    expect(t.get('mentougou-poetic-per-year')).toMatchObject({ district: '110109', count: 'villages', per: 'year', min: 20, max: 30, year: null });
    expect(t.get('mentougou-demonstration-2027')).toMatchObject({ district: '110109', count: 'villages', roles: ['demonstration'], min: 10, year: 2027 });
    expect(plan.targets).toHaveLength(5);
  });
});
