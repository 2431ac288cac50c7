/**
 * The plan package in data/ (written by `npm run data`): valid, honest and consistent with the
 * reference counts (../shared/reference/PROVENANCE.md) and the sample scenario's rules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { DistrictProperties, LineProperties, PlanManifest, TownSeatProperties, VillageProperties } from '../../src/types/plan';
import { validatePlan } from '../../src/io/validatePlan';

const DATA = resolve(__dirname, '../../data');
const load = <T>(file: string): T => JSON.parse(readFileSync(resolve(DATA, file), 'utf8')) as T;

const manifest = load<PlanManifest>('plan.json');
const districts = load<FeatureCollection<Polygon | MultiPolygon, DistrictProperties>>(manifest.files.districts);
const townSeats = load<FeatureCollection<Point, TownSeatProperties>>(manifest.files.townSeats);
const villages = load<FeatureCollection<Point | null, VillageProperties>>(manifest.files.villages);
const corridors = load<FeatureCollection<LineString, LineProperties>>(manifest.files.corridors);
const cultureBelts = load<FeatureCollection<LineString, LineProperties>>(manifest.files.cultureBelts);
const water = load<FeatureCollection>(manifest.files.water);

const byCode = new Map(villages.features.map((f) => [f.properties.code, f]));

describe('plan package in data/', () => {
  it('passes validatePlan with no problems', () => {
    const t0 = performance.now();
    const problems = validatePlan({ manifest, districts, townSeats, villages, corridors, cultureBelts, water });
    const ms = performance.now() - t0;
    expect(problems.map((p) => p.message)).toEqual([]);
    // Budget is 50 ms on a normal machine; allow slack for a loaded CI runner.
    expect(ms).toBeLessThan(500);
  });

  it('is a sample and says so', () => {
    expect(manifest.format).toBe('belt-map-plan/1');
    expect(manifest.sample).toBe(true);
    expect(manifest.notice.zh).toMatch(/示例|样例/);
    expect(manifest.notice.en).toMatch(/sample|not the official/i);
  });

  it('has the 16 Beijing districts', () => {
    expect(districts.features).toHaveLength(16);
    expect(districts.features.filter((d) => d.properties.focus).map((d) => d.properties.adcode).sort()).toEqual(['110109', '110116']);
  });

  it('has all 647 register entries with the per-district counts of PROVENANCE.md', () => {
    expect(villages.features).toHaveLength(647);
    const count = (code: string, pred: (p: VillageProperties) => boolean = () => true) =>
      villages.features.filter((f) => f.properties.district_code === code && pred(f.properties)).length;
    // rows | 村委会 | with usable point | 村委会 with point
    expect([count('110116'), count('110116', (p) => p.kind === '村委会')]).toEqual([321, 284]);
    expect([count('110109'), count('110109', (p) => p.kind === '村委会')]).toEqual([304, 178]);
    expect([count('110118'), count('110118', (p) => p.kind === '村委会')]).toEqual([22, 14]);
    expect([count('110116', (p) => p.located), count('110116', (p) => p.located && p.kind === '村委会')]).toEqual([44, 27]);
    expect([count('110109', (p) => p.located), count('110109', (p) => p.located && p.kind === '村委会')]).toEqual([104, 70]);
    expect([count('110118', (p) => p.located), count('110118', (p) => p.located && p.kind === '村委会')]).toEqual([8, 8]);
  });

  it('keeps unlocated villages in the register with geometry null and says why', () => {
    for (const f of villages.features) {
      expect(f.properties.located).toBe(f.geometry !== null);
      if (!f.properties.located) expect(f.properties.accuracy).toMatch(/^no position/);
    }
    // Named in the seeds, but no usable point in the reference: must not be placed.
    expect(villages.features.find((f) => f.properties.name === '琉璃渠村委会')?.geometry).toBeNull();
    expect(villages.features.find((f) => f.properties.name === '苇子水村委会')?.geometry).toBeNull();
  });

  it('places every located village inside its own district polygon', () => {
    const districtBy = new Map(districts.features.map((d) => [d.properties.adcode, d]));
    const outside = villages.features
      .filter((f): f is Feature<Point, VillageProperties> => f.geometry !== null)
      .filter((f) => !booleanPointInPolygon(f.geometry, districtBy.get(f.properties.district_code)!))
      .map((f) => `${f.properties.code} ${f.properties.name}`);
    expect(outside).toEqual([]);
  });

  it('has the corridors and culture belts', () => {
    const ids = (fc: FeatureCollection<LineString, LineProperties>) => fc.features.map((f) => f.properties.id);
    expect(ids(corridors)).toEqual(expect.arrayContaining(['g109', 'yongding']));
    expect(ids(cultureBelts)).toEqual(expect.arrayContaining(['great-wall', 'tanghe']));
    const yd = corridors.features.find((f) => f.properties.id === 'yongding')!;
    expect(yd.properties.geometry_source).toBe('surveyed');
    expect(yd.properties.kind).toBe('river');
  });

  it("draws every schematic line exactly through its via places' coordinates, in order", () => {
    const seats = new Map(townSeats.features.map((f) => [f.properties.code, f.geometry.coordinates]));
    const schematic = [...corridors.features, ...cultureBelts.features].filter((f) => f.properties.geometry_source === 'schematic');
    expect(schematic.length).toBeGreaterThanOrEqual(3);
    for (const f of schematic) {
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates).toEqual(f.properties.via.map((v) => v.coordinates));
      expect(f.properties.citations.length).toBeGreaterThan(0);
      expect(f.properties.accuracy).toMatch(/^schematic/);
      for (const v of f.properties.via) {
        const here = byCode.get(v.code)?.geometry?.coordinates ?? seats.get(v.code);
        expect(here, `${f.properties.id} via ${v.code}`).toEqual(v.coordinates);
      }
    }
  });

  it('follows the cluster rules in the sample: 1 core + 4–5 located members of the same town', () => {
    expect(manifest.clusters.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const c of manifest.clusters) {
      expect(c.members.length).toBeGreaterThanOrEqual(4);
      expect(c.members.length).toBeLessThanOrEqual(5);
      for (const code of [c.core, ...c.members]) {
        const v = byCode.get(code)!;
        expect(v.properties.located).toBe(true);
        expect(v.properties.kind).toBe('村委会');
        expect(v.properties.town).toBe(c.town);
        expect(v.properties.cluster).toBe(c.id);
        expect(seen.has(code)).toBe(false);
        seen.add(code);
      }
      expect(byCode.get(c.core)!.properties.role).toBe('demonstration');
      expect(c.year).toBeGreaterThanOrEqual(2024);
      expect(c.year).toBeLessThanOrEqual(2027);
    }
    // Every village marked demonstration/upgrade belongs to a cluster.
    for (const f of villages.features) {
      if (f.properties.role === 'demonstration' || f.properties.role === 'upgrade') expect(seen.has(f.properties.code)).toBe(true);
      if (f.properties.role === 'other') expect(f.properties.year).toBeNull();
      if (f.properties.role === 'poetic') {
        expect(f.properties.district_code).toBe('110109');
        expect(f.properties.located).toBe(true);
        expect(f.properties.year).toBeGreaterThanOrEqual(2024);
        expect(f.properties.year).toBeLessThanOrEqual(2026);
      }
    }
  });

  it('has one belt per plan district, along existing lines', () => {
    const hr = manifest.belts.find((b) => b.district === '怀柔区')!;
    const mtg = manifest.belts.find((b) => b.district === '门头沟区')!;
    expect(hr.name).toBe('国际会都乡村振兴示范带');
    expect(hr.along).toEqual(['great-wall', 'tanghe']);
    expect(mtg.along).toEqual(expect.arrayContaining(['g109', 'yongding']));
    const clusterDistrict = new Map(manifest.clusters.map((c) => [c.id, c.district]));
    for (const b of manifest.belts) for (const c of b.clusters) expect(clusterDistrict.get(c)).toBe(b.district);
  });

  it('has the targets of the seeds, each with a quoted source', () => {
    const t = new Map(manifest.targets.map((x) => [`${x.district} ${x.metric} ${x.year}`, x]));
    expect(t.get('怀柔区 clusters 2027')?.min).toBe(14);
    expect(t.get('怀柔区 clusters-per-year 2024')?.min).toBe(3);
    expect(t.get('怀柔区 upgrade-villages-per-cluster null')).toMatchObject({ min: 4, max: 5 });
    expect(t.get('门头沟区 poetic-villages 2027')?.min).toBe(100);
    expect(t.get('门头沟区 poetic-villages-per-year null')).toMatchObject({ min: 20, max: 30 });
    expect(t.get('门头沟区 demonstration-villages 2027')?.min).toBe(10);
    for (const x of manifest.targets) expect(x.source).toMatch(/^seeds\/00[034]_[0-9a-f]+\.txt: “.+”$/);
  });

  it('has views inside WGS84 and the plan view covering both districts', () => {
    const [w, s, e, n] = manifest.views.plan;
    for (const code of ['110116', '110109']) {
      const d = districts.features.find((f) => f.properties.adcode === code)!;
      const rings = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      for (const poly of rings)
        for (const [x, y] of poly[0]!) {
          expect(x).toBeGreaterThanOrEqual(w);
          expect(x).toBeLessThanOrEqual(e);
          expect(y).toBeGreaterThanOrEqual(s);
          expect(y).toBeLessThanOrEqual(n);
        }
    }
  });
});
