/**
 * validatePlan on small broken packages. The fixture is a subset of the real package in data/
 * (no coordinate is made up); each test breaks one thing and expects a problem that names the file
 * and the feature. Each would fail if its check were removed from validatePlan.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { LineProperties, PlanManifest, TownSeatProperties, VillageProperties } from '../../src/types/plan';
import { validatePlan, type PlanInput, type PlanProblem } from '../../src/io/validatePlan';

const DATA = resolve(__dirname, '../../data');
const load = <T>(file: string): T => JSON.parse(readFileSync(resolve(DATA, file), 'utf8')) as T;

type Pkg = {
  manifest: PlanManifest;
  districts: FeatureCollection;
  townSeats: FeatureCollection<Point, TownSeatProperties>;
  villages: FeatureCollection<Point | null, VillageProperties>;
  corridors: FeatureCollection<LineString, LineProperties>;
  cultureBelts: FeatureCollection<LineString, LineProperties>;
  water: FeatureCollection;
};

/** A small valid package: Mentougou, one cluster, the g109 line and the villages / seats it needs. */
function fixture(): Pkg {
  const manifest = load<PlanManifest>('plan.json');
  const all = {
    districts: load<FeatureCollection>(manifest.files.districts),
    townSeats: load<FeatureCollection<Point, TownSeatProperties>>(manifest.files.townSeats),
    villages: load<FeatureCollection<Point | null, VillageProperties>>(manifest.files.villages),
    corridors: load<FeatureCollection<LineString, LineProperties>>(manifest.files.corridors),
    water: load<FeatureCollection>(manifest.files.water),
  };
  const cluster = manifest.clusters.find((c) => c.district === '门头沟区')!;
  const g109 = all.corridors.features.find((f) => f.properties.id === 'g109')!;
  const viaCodes = new Set(g109.properties.via.map((v) => v.code));
  const clusterCodes = new Set([cluster.core, ...cluster.members]);
  const unlocated = all.villages.features.find((f) => !f.properties.located && f.properties.district_code === '110109')!;
  return {
    manifest: {
      ...manifest,
      clusters: [cluster],
      belts: [{ id: 'b', name: '示例带', name_en: 'Sample belt', district: '门头沟区', clusters: [cluster.id], along: ['g109'] }],
    },
    districts: { type: 'FeatureCollection', features: all.districts.features.filter((f) => f.properties!.adcode === '110109') },
    townSeats: { type: 'FeatureCollection', features: all.townSeats.features.filter((f) => viaCodes.has(f.properties.code)) },
    villages: {
      type: 'FeatureCollection',
      features: [
        ...all.villages.features.filter((f) => clusterCodes.has(f.properties.code) || viaCodes.has(f.properties.code)),
        unlocated,
      ],
    },
    corridors: { type: 'FeatureCollection', features: [g109] },
    cultureBelts: { type: 'FeatureCollection', features: [] },
    water: { type: 'FeatureCollection', features: all.water.features.slice(0, 2) },
  };
}

let pkg: Pkg;
beforeEach(() => {
  pkg = structuredClone(fixture());
});
const run = (): PlanProblem[] => validatePlan(pkg as unknown as PlanInput);
const located = () => pkg.villages.features.find((f) => f.geometry !== null)!;
const expectProblem = (file: string, feature: string | undefined, message: RegExp) => {
  const problems = run();
  const hit = problems.find((p) => p.file === file && (feature === undefined || p.feature === feature) && message.test(p.message));
  expect(hit, `expected a problem in ${file} ${feature ?? ''} ${message}; got:\n${problems.map((p) => p.message).join('\n')}`).toBeDefined();
  // The message names the file (and the feature) so a person can find it.
  expect(hit!.message.startsWith(`${file}: `)).toBe(true);
  if (feature) expect(hit!.message).toContain(feature);
};

describe('validatePlan', () => {
  it('accepts the valid fixture (so every problem below comes from the one thing broken)', () => {
    expect(run().map((p) => p.message)).toEqual([]);
  });

  it('reports a longitude outside WGS84', () => {
    const v = located();
    v.geometry = { type: 'Point', coordinates: [200, 40] };
    expectProblem('villages.geojson', v.properties.code, /coordinates \[200, 40\] are outside WGS84 longitude range/);
  });

  it('reports a latitude outside WGS84 in a line', () => {
    const line = pkg.corridors.features[0]!;
    line.geometry.coordinates[1] = [116, 95];
    expectProblem('corridors.geojson', 'g109', /outside WGS84 latitude range/);
  });

  it('reports a duplicate code', () => {
    const v = located();
    pkg.villages.features.push(structuredClone(v));
    expectProblem('villages.geojson', v.properties.code, /used twice/);
  });

  it('reports a missing source', () => {
    const seat = pkg.townSeats.features[0]!;
    delete (seat.properties as Partial<TownSeatProperties>).source;
    expectProblem('town-seats.geojson', seat.properties.code, /"source" is missing/);
  });

  it('reports a missing accuracy on a water feature', () => {
    delete (pkg.water.features[0]!.properties as Record<string, unknown>).accuracy;
    expectProblem('water.geojson', '#0', /"accuracy" is missing/);
  });

  it('reports a cluster member that is not in the register', () => {
    const c = pkg.manifest.clusters[0]!;
    c.members.push('110109999999');
    expectProblem('plan.json', `cluster ${c.id}`, /member 110109999999 is not a village/);
  });

  it('reports a cluster core that has no position', () => {
    const c = pkg.manifest.clusters[0]!;
    const core = pkg.villages.features.find((f) => f.properties.code === c.core)!;
    core.geometry = null;
    core.properties.located = false;
    expectProblem('plan.json', `cluster ${c.id}`, /core \d{12} .* has no position/);
  });

  it('reports a via place whose code is unknown', () => {
    const line = pkg.corridors.features[0]!;
    line.properties.via[1]!.code = '110109999998';
    expectProblem('corridors.geojson', 'g109', /via #1 .*110109999998 is not a located village or town seat/);
  });

  it('reports via coordinates that differ from the place they name', () => {
    const line = pkg.corridors.features[0]!;
    const v = line.properties.via[0]!;
    v.coordinates = [v.coordinates[0] + 0.01, v.coordinates[1]];
    expectProblem('corridors.geojson', 'g109', /via #0 .* differ from/);
  });

  it('reports a schematic line whose vertices are not its via places', () => {
    const line = pkg.corridors.features[0]!;
    line.geometry.coordinates.reverse();
    expectProblem('corridors.geojson', 'g109', /vertices are not exactly its via coordinates/);
  });

  it('reports geometry null with located true', () => {
    const v = located();
    v.geometry = null;
    expectProblem('villages.geojson', v.properties.code, /located is true but the geometry is null/);
  });

  it('reports located false with a geometry', () => {
    const v = located();
    v.properties.located = false;
    expectProblem('villages.geojson', v.properties.code, /located is false but the feature has a geometry/);
  });

  it('reports a bad enum value and a malformed code', () => {
    const v = located();
    (v.properties as unknown as Record<string, unknown>).role = 'core';
    (v.properties as unknown as Record<string, unknown>).town_code = '1101';
    expectProblem('villages.geojson', v.properties.code, /"role" must be one of/);
    expectProblem('villages.geojson', v.properties.code, /"town_code" must be a 12-digit code/);
  });

  it('reports a clockwise outer ring and a crs member', () => {
    const d = pkg.districts.features[0]!;
    (d.geometry as Polygon).coordinates[0]!.reverse();
    (pkg.districts as unknown as Record<string, unknown>).crs = { type: 'name', properties: { name: 'EPSG:4326' } };
    expectProblem('districts.geojson', '110109', /outer ring is clockwise/);
    expectProblem('districts.geojson', undefined, /"crs" member/);
  });

  it('reports structural GeoJSON errors (geojson-validation)', () => {
    (pkg.villages.features[0] as unknown as Record<string, unknown>).type = 'feature';
    expectProblem('villages.geojson', pkg.villages.features[0]!.properties.code, /not a valid GeoJSON Feature/);
  });

  it('reports a belt along an unknown line and with an unknown cluster', () => {
    pkg.manifest.belts[0]!.along.push('g999');
    pkg.manifest.belts[0]!.clusters.push('nowhere');
    expectProblem('plan.json', 'belt b', /runs along g999/);
    expectProblem('plan.json', 'belt b', /cluster nowhere is not in "clusters"/);
  });

  it("reports a village whose cluster property disagrees with the manifest", () => {
    const c = pkg.manifest.clusters[0]!;
    const m = pkg.villages.features.find((f) => f.properties.code === c.members[0])!;
    m.properties.cluster = null;
    expectProblem('villages.geojson', m.properties.code, /is member of cluster .* its "cluster" property is null/);
  });

  it('reports a wrong format tag', () => {
    (pkg.manifest as unknown as Record<string, unknown>).format = 'belt-map-plan/0';
    expectProblem('plan.json', undefined, /"format" must be "belt-map-plan\/1"/);
  });
});
