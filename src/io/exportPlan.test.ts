/**
 * exportPlan and tableFile, checked by reading every file back with what reads it: the project's own
 * importer (importIntoPlan, readImportFile, crsFromPrj), papaparse and SheetJS. Expected values come
 * from the plans (the bundled packages of data/plans.json and the synthetic plans of
 * test/helpers/handPlan.ts) and the project's converters, never from the exporter itself.
 */
import * as XLSX from '@e965/xlsx';
import { distance } from '@turf/turf';
import { strToU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { bundledPlans, loadBundledPlan, loadPackage } from '../../test/helpers/bundledPlan';
import { commandsPlan, handPlan, importRowsPlan } from '../../test/helpers/handPlan';
import { lookup } from '../plan/lookup';
import { derivedGeometry } from '../state/derive';
import type { Plan } from '../types/plan';
import { crsFromPrj, toWgs84, type CrsId, type XY } from './crs';
import { EXPORT_FORMATS, ExportPlanError, exportPlan, tableFile, type ExportFormat } from './exportPlan';
import { importIntoPlan } from './importFile';
import { readImportFile, type FeaturesRead } from './readers/index';
import { writePlan } from './writePlan';

// ---------------------------------------------------------------------------------------------
// Helpers

/** The plans read through the loader (a package must be valid to round-trip; handPlan is built by hand and is not). */
const loadedPlans = (): [string, () => Plan][] => [
  ...bundledPlans().map(({ id, url }) => [id, () => loadPackage(url)] as [string, () => Plan]),
  ['commandsPlan', commandsPlan],
  ['importRowsPlan', importRowsPlan],
];
/** Every test plan, the hand-built one too. */
const allPlans = (): [string, () => Plan][] => [...loadedPlans(), ['handPlan', handPlan]];

const metres = (a: Position, b: Position) => distance(a as XY, b as XY, { units: 'meters' });
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const located = (plan: Plan) => plan.villages.features.filter((f) => f.geometry !== null);
const positionOf = (plan: Plan, code: string) => lookup(plan).villageByCode.get(code)?.geometry?.coordinates;
/** Each village's position in `next` lies within `tolerance` m of its position in `plan` (and the located ones stay located). */
function expectSamePositions(next: Plan, plan: Plan, tolerance: number): void {
  for (const f of plan.villages.features) {
    const p = positionOf(next, f.properties.code);
    if (f.geometry === null) expect(p, f.properties.code).toBeUndefined();
    else expect(metres(p!, f.geometry.coordinates), f.properties.code).toBeLessThanOrEqual(tolerance);
  }
}
/** All positions of a geometry, in order. */
function positions(g: Geometry | null): Position[] {
  if (g === null) return [];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  const out: Position[] = [];
  const walk = (c: unknown): void => (typeof (c as number[])[0] === 'number' ? void out.push(c as Position) : (c as unknown[]).forEach(walk));
  walk(g.coordinates);
  return out;
}
/** The rings (or line parts) of a geometry. */
function rings(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
    case 'GeometryCollection':
      return g.geometries.flatMap(rings);
    default:
      return [positions(g)];
  }
}
/** Every ring of `original` (WGS84) has a ring in `read` (in `crs`) with the same vertices, in either direction, within `tolerance` m. */
function expectSameRings(read: Geometry, original: Geometry, crs: CrsId, tolerance: number): void {
  const back = rings(read).map((r) => toWgs84(crs, r.map((p) => [p[0]!, p[1]!])));
  expect(back).toHaveLength(rings(original).length);
  for (const ring of rings(original)) {
    const fits = (r: XY[]) => r.length === ring.length && r.every((p, i) => metres(p, ring[i]!) <= tolerance);
    expect(back.some((r) => fits(r) || fits([...r].reverse())), JSON.stringify(ring.slice(0, 2))).toBe(true);
  }
}
/** The ids of the clusters that list a village, from plan.clusters (core or member). */
function clustersListing(plan: Plan, code: string): string[] {
  return plan.clusters.filter((c) => c.core === code || c.members.includes(code)).map((c) => c.id);
}
const roleLabelOf = (plan: Plan, role: string, lang: 'zh' | 'en') => plan.manifest.roles.find((r) => r.id === role)!.label[lang];
/** A GeoJSON export's features of one layer, as a file of its own. */
function layerFile(file: { name: string; bytes: Uint8Array }, layer: string): { name: string; bytes: Uint8Array } {
  const fc = JSON.parse(decode(file.bytes)) as FeatureCollection & Record<string, unknown>;
  return { name: file.name, bytes: strToU8(JSON.stringify({ ...fc, features: fc.features.filter((f) => f.properties?.['layer'] === layer) })) };
}
/** A plan with one village added outside the register (as an import with unmatched: 'add' makes it). */
async function planWithOutsider(): Promise<Plan> {
  const plan = commandsPlan();
  const csv = { name: 'new.csv', bytes: strToU8('名称,乡镇,角色,年度,经度,纬度\n新庄村委会,甲镇,诗画乡村,2025,116.05,40.02\n') };
  const { plan: next, report } = await importIntoPlan(plan, csv, { unmatched: 'add' });
  expect(report.added).toBe(1);
  return next;
}
function thrown(f: () => unknown): ExportPlanError {
  try {
    f();
  } catch (e) {
    return e as ExportPlanError;
  }
  throw new Error('expected an ExportPlanError');
}
const CHINESE = /[\u4e00-\u9fff]/;

// ---------------------------------------------------------------------------------------------

describe('zip: the plan package', () => {
  describe.each(loadedPlans())('%s', (_, make) => {
    it('opens again through importIntoPlan as the same plan (villages, clusters, lines, belts, targets, manifest)', async () => {
      const plan = make();
      const file = exportPlan(plan, { format: 'zip' });
      const { plan: opened, report } = await importIntoPlan(commandsPlan(), file);
      expect(report.replaced).toBe(true);
      expect(opened).toEqual(plan);
    });

    it('holds the files writePlan writes, nothing else', () => {
      const plan = make();
      const entries = unzipSync(exportPlan(plan, { format: 'zip' }).bytes);
      const written = writePlan(plan);
      expect(Object.keys(entries).sort()).toEqual(Object.keys(written).sort());
      for (const [path, text] of Object.entries(written)) expect(decode(entries[path]!)).toBe(text);
    });
  });

  it('keeps a village added outside the register', async () => {
    const plan = await planWithOutsider();
    const { plan: opened } = await importIntoPlan(commandsPlan(), exportPlan(plan, { format: 'zip' }));
    expect(opened).toEqual(plan);
    expect(opened.villages.features.some((f) => f.properties['outside_register'] === true)).toBe(true);
  });

  it('accepts CGCS2000 (the same frame here) and refuses other systems in both languages', async () => {
    const plan = commandsPlan();
    const { plan: opened } = await importIntoPlan(plan, exportPlan(plan, { format: 'zip', crs: 'CGCS2000' }));
    expect(opened).toEqual(plan);
    for (const crs of ['EPSG:4527', 'GCJ-02', 'BD-09'] as CrsId[]) {
      const e = thrown(() => exportPlan(plan, { format: 'zip', crs }));
      expect(e).toBeInstanceOf(ExportPlanError);
      expect(e.message).toMatch(/WGS84/);
      expect(e.zh).toMatch(CHINESE);
      expect(e.zh).toMatch(/WGS84/);
    }
  });
});

describe('csv: the villages', () => {
  describe.each(allPlans())('%s', (_, make) => {
    it.each(['zh-CN', 'en'] as const)('imports back (%s) with nothing rejected and every village unchanged', async (lang) => {
      const plan = make();
      const { plan: next, report } = await importIntoPlan(plan, exportPlan(plan, { format: 'csv', lang }));
      expect(report.rejected).toEqual([]);
      expect(report.unchanged).toBe(plan.villages.features.length);
      expect(report.updated + report.added).toBe(0);
      expect(next).toEqual(plan);
    });
  });

  it('is UTF-8 with a BOM and CRLF, with Chinese headers that papaparse reads with the register intact', () => {
    const plan = loadBundledPlan();
    const file = exportPlan(plan, { format: 'csv' });
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.type).toMatch(/^text\/csv/);
    expect(file.name.endsWith('-villages.csv')).toBe(true);
    const parsed = Papa.parse<string[]>(decode(file.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.meta.linebreak).toBe('\r\n');
    const [header, ...rows] = parsed.data;
    expect(header!.slice(0, 7)).toEqual(['区划代码', '名称', '英文名', '区', '乡镇', '角色', '批次年度']);
    expect(header).toContain('所属片区');
    expect(header).toContain('经度（WGS84）');
    expect(rows).toHaveLength(plan.villages.features.length);
    const at = (h: string) => header!.indexOf(h);
    plan.villages.features.forEach((f, i) => {
      const p = f.properties;
      expect(rows[i]![at('区划代码')]).toBe(p.code);
      expect(rows[i]![at('名称')]).toBe(p.name);
      expect(rows[i]![at('乡镇')]).toBe(p.town);
      expect(rows[i]![at('角色')]).toBe(roleLabelOf(plan, p.role, 'zh'));
      expect(rows[i]![at('批次年度')]).toBe(p.year === null ? '' : String(p.year));
      expect(rows[i]![at('片区编号')]).toBe(clustersListing(plan, p.code).join('、'));
      expect(rows[i]![at('经度（WGS84）')]).toBe(f.geometry ? String(f.geometry.coordinates[0]) : '');
    });
  });

  it('English headers with lang en', () => {
    const header = decode(exportPlan(commandsPlan(), { format: 'csv', lang: 'en' }).bytes).split('\r\n')[0]!.replace(/^\uFEFF/, '');
    expect(header.split(',').slice(0, 7)).toEqual(['Code', 'Name', 'English name', 'District', 'Town', 'Role', 'Year']);
  });

  it('defuses a name a spreadsheet would run as a formula, quotes commas, quotes and line breaks, and still imports back', async () => {
    const plan0 = commandsPlan();
    const evil = '=HYPERLINK("http://example.com","点我")';
    const comma = '甲一村, "老村"\n东';
    const plan: Plan = {
      ...plan0,
      villages: {
        ...plan0.villages,
        features: plan0.villages.features.map((f, i) => (i === 0 ? { ...f, properties: { ...f.properties, name: evil } } : i === 1 ? { ...f, properties: { ...f.properties, name: comma } } : f)),
      },
    };
    const text = decode(exportPlan(plan, { format: 'csv' }).bytes);
    expect(text).toContain(`"'${evil.replace(/"/g, '""')}"`);
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[1]![1]).toBe(`'${evil}`);
    expect(rows[2]![1]).toBe(comma);
    const { report } = await importIntoPlan(plan, exportPlan(plan, { format: 'csv' }));
    expect(report.rejected).toEqual([]);
    expect(report.unchanged).toBe(plan.villages.features.length);
  });

  it('a village outside the register is flagged 名录外 and imports back unchanged', async () => {
    const plan = await planWithOutsider();
    const text = decode(exportPlan(plan, { format: 'csv' }).bytes);
    const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const outsider = plan.villages.features.find((f) => f.properties['outside_register'] === true)!;
    const row = rows.find((r) => r[0] === outsider.properties.code)!;
    expect(row[header!.indexOf('名录外')]).toBe('是');
    expect(rows.filter((r) => r[header!.indexOf('名录外')] === '是')).toHaveLength(1);
    const { report } = await importIntoPlan(plan, exportPlan(plan, { format: 'csv' }));
    expect(report.rejected).toEqual([]);
    expect(report.unchanged).toBe(plan.villages.features.length);
  });

  it.each(['EPSG:4527', 'EPSG:4548'] as CrsId[])('in %s: easting/northing columns that import back within 0.01 m', async (crs) => {
    const plan = loadBundledPlan();
    const file = exportPlan(plan, { format: 'csv', crs });
    expect(file.name).toContain(`-${crs.replace(':', '')}.csv`);
    const header = decode(file.bytes).split('\r\n')[0]!;
    expect(header).toContain(`东坐标（${crs}，米）`);
    expect(header).toContain(`北坐标（${crs}，米）`);
    const { plan: next, report } = await importIntoPlan(plan, file, { crs });
    expect(report.rejected).toEqual([]);
    expect(report.columns.x).toBeDefined();
    expectSamePositions(next, plan, 0.01);
  });

  it('in GCJ-02: imports back with crs GCJ-02 within 0.5 m', async () => {
    const plan = loadBundledPlan();
    const file = exportPlan(plan, { format: 'csv', crs: 'GCJ-02' });
    const rows = Papa.parse<string[]>(decode(file.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const lon = rows[0]!.indexOf('经度（GCJ-02）');
    const f = located(plan)[0]!;
    const row = rows.find((r) => r[0] === f.properties.code)!;
    const lat = rows[0]!.indexOf('纬度（GCJ-02）');
    // Converted: a GCJ-02 position lies hundreds of metres from the WGS84 one.
    expect(metres([Number(row[lon]), Number(row[lat])], f.geometry!.coordinates)).toBeGreaterThan(100);
    const { plan: next, report } = await importIntoPlan(plan, file, { crs: 'GCJ-02' });
    expect(report.rejected).toEqual([]);
    expectSamePositions(next, plan, 0.5);
  });
});

describe('xlsx: the workbook', () => {
  const plan = loadBundledPlan();
  const read = (lang: 'zh-CN' | 'en' = 'zh-CN', crs: CrsId = 'WGS84') => XLSX.read(exportPlan(plan, { format: 'xlsx', lang, crs }).bytes, { type: 'array' });
  const rowsOf = (wb: XLSX.WorkBook, sheet: string) => XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets[sheet]!, { header: 1, defval: null });

  it('has the sheets 村庄, 片区, 示范带, 线路, 目标, 说明 (English names with lang en)', () => {
    expect(read().SheetNames).toEqual(['村庄', '片区', '示范带', '线路', '目标', '说明']);
    expect(read('en').SheetNames).toEqual(['Villages', 'Clusters', 'Belts', 'Lines', 'Targets', 'About']);
  });

  it('has a row per village, cluster, belt, line and target of the plan', () => {
    const wb = read();
    expect(rowsOf(wb, '村庄')).toHaveLength(plan.villages.features.length + 1);
    expect(rowsOf(wb, '片区')).toHaveLength(plan.clusters.length + 1);
    expect(rowsOf(wb, '示范带')).toHaveLength(plan.belts.length + 1);
    expect(rowsOf(wb, '线路')).toHaveLength(plan.corridors.features.length + plan.cultureBelts.features.length + 1);
    expect(rowsOf(wb, '目标')).toHaveLength(plan.targets.length + 1);
  });

  it('a village row: the code as text, the role label, year, cluster and position of the plan', () => {
    const wb = read();
    const [header, ...rows] = rowsOf(wb, '村庄');
    const core = plan.clusters.find((c) => c.core !== null && positionOf(plan, c.core) !== undefined)!;
    const v = lookup(plan).villageByCode.get(core.core!)!;
    const i = plan.villages.features.indexOf(v);
    const row = rows[i]!;
    const col = (h: string) => row[header!.indexOf(h)];
    expect(col('区划代码')).toBe(v.properties.code);
    expect(wb.Sheets['村庄']![XLSX.utils.encode_cell({ r: i + 1, c: 0 })]!.t).toBe('s');
    expect(col('名称')).toBe(v.properties.name);
    expect(col('角色')).toBe(roleLabelOf(plan, v.properties.role, 'zh'));
    expect(col('批次年度')).toBe(v.properties.year);
    expect(col('所属片区')).toBe(clustersListing(plan, v.properties.code).map((id) => plan.clusters.find((c) => c.id === id)!.name).join('、'));
    expect(col('经度（WGS84）')).toBe(v.geometry!.coordinates[0]);
    expect(col('纬度（WGS84）')).toBe(v.geometry!.coordinates[1]);
  });

  it('a cluster row: its core and members; a target row: its label', () => {
    const wb = read();
    const [ch, ...clusters] = rowsOf(wb, '片区');
    plan.clusters.forEach((c, i) => {
      expect(clusters[i]![ch!.indexOf('编号')]).toBe(c.id);
      expect(clusters[i]![ch!.indexOf('核心村代码')]).toBe(c.core);
      expect(clusters[i]![ch!.indexOf('成员村数')]).toBe(c.members.length);
      expect(String(clusters[i]![ch!.indexOf('成员村代码')] ?? '').split('、').filter(Boolean)).toEqual(c.members);
    });
    const [th, ...targets] = rowsOf(wb, '目标');
    plan.targets.forEach((t, i) => expect(targets[i]![th!.indexOf('目标')]).toBe(t.label.zh));
  });

  it('imports back: the villages sheet comes first, nothing rejected', async () => {
    const { report } = await importIntoPlan(plan, exportPlan(plan, { format: 'xlsx' }));
    expect(report.sheet).toBe('村庄');
    expect(report.rejected).toEqual([]);
    expect(report.unchanged).toBe(plan.villages.features.length);
  });

  it('in EPSG:4548: easting and northing that convert back within 0.01 m', () => {
    const [header, ...rows] = rowsOf(read('zh-CN', 'EPSG:4548'), '村庄');
    const e = header!.indexOf('东坐标（EPSG:4548，米）');
    const n = header!.indexOf('北坐标（EPSG:4548，米）');
    plan.villages.features.forEach((f, i) => {
      if (!f.geometry) return expect(rows[i]![e]).toBeNull();
      const [back] = toWgs84('EPSG:4548', [[rows[i]![e] as number, rows[i]![n] as number]]);
      expect(metres(back!, f.geometry.coordinates)).toBeLessThan(0.01);
    });
  });
});

describe('shp: one Shapefile per layer', () => {
  const plan = loadBundledPlan();

  it.each(['WGS84', 'EPSG:4527', 'EPSG:4548'] as CrsId[])('%s: .prj, .cpg, Chinese attributes and positions within 0.01 m', async (crs) => {
    const file = exportPlan(plan, { format: 'shp', crs });
    expect(file.type).toBe('application/zip');
    const entries = unzipSync(file.bytes);
    const layers = ['villages', 'town_seats', 'lines', 'belts', 'clusters', 'districts'];
    for (const l of layers) {
      expect(crsFromPrj(decode(entries[`${l}.prj`]!))).toBe(crs);
      expect(decode(entries[`${l}.cpg`]!)).toBe('UTF-8');
    }
    const villages = (await readImportFile(file.name, file.bytes, { layer: 'villages' })) as FeaturesRead;
    expect(villages.layers).toEqual([...layers].sort());
    expect(villages.encodingSource).toBe('cpg');
    expect(villages.features).toHaveLength(located(plan).length);
    for (const [i, f] of located(plan).entries()) {
      const g = villages.features[i]!;
      expect(g.properties!['CODE']).toBe(f.properties.code);
      expect(g.properties!['NAME']).toBe(f.properties.name);
      expect(g.properties!['TOWN']).toBe(f.properties.town);
      expect(g.properties!['ROLE_LABEL']).toBe(roleLabelOf(plan, f.properties.role, 'zh'));
      expect(g.properties!['CLUSTER']).toBe(clustersListing(plan, f.properties.code).join(';'));
      const [x, y] = (g.geometry as Point).coordinates;
      const [back] = toWgs84(crs, [[x!, y!]]);
      expect(metres(back!, f.geometry!.coordinates)).toBeLessThan(0.01);
    }
    const lines = (await readImportFile(file.name, file.bytes, { layer: 'lines' })) as FeaturesRead;
    const planLines = [...plan.corridors.features, ...plan.cultureBelts.features];
    expect(lines.features.map((f) => f.properties!['ID'])).toEqual(planLines.map((f) => f.properties.id));
    expect(lines.features.map((f) => f.properties!['NAME'])).toEqual(planLines.map((f) => f.properties.name));
    lines.features.forEach((f, i) => expectSameRings(f.geometry!, planLines[i]!.geometry, crs, 0.01));
    const districts = (await readImportFile(file.name, file.bytes, { layer: 'districts' })) as FeaturesRead;
    expect(districts.features.map((f) => f.properties!['NAME'])).toEqual(plan.districts.features.map((f) => f.properties.name));
    districts.features.forEach((f, i) => expectSameRings(f.geometry!, plan.districts.features[i]!.geometry, crs, 0.01));
    const clusters = (await readImportFile(file.name, file.bytes, { layer: 'clusters' })) as FeaturesRead;
    const areas = derivedGeometry(plan).clusterAreas.features;
    expect(clusters.features.map((f) => f.properties!['ID'])).toEqual(areas.map((f) => f.properties.id));
    clusters.features.forEach((f, i) => expectSameRings(f.geometry!, areas[i]!.geometry, crs, 0.01));
  });

  it('field names are at most 10 bytes, in every layer', () => {
    const entries = unzipSync(exportPlan(plan, { format: 'shp' }).bytes);
    const dbfs = Object.keys(entries).filter((p) => p.endsWith('.dbf'));
    expect(dbfs.length).toBeGreaterThan(0);
    for (const p of dbfs) {
      const b = entries[p]!;
      for (let o = 32; b[o] !== 0x0d; o += 32) {
        const name = b.subarray(o, o + 11);
        const end = name.indexOf(0);
        expect(end, p).toBeGreaterThan(0);
        expect(end, p).toBeLessThanOrEqual(10);
      }
    }
  });

  it('imports back as villages (the villages layer) with nothing rejected and every village unchanged', async () => {
    const { report } = await importIntoPlan(plan, exportPlan(plan, { format: 'shp' }), { layer: 'villages' });
    expect(report.crsSource).toBe('prj');
    expect(report.rejected).toEqual([]);
    expect(report.unchanged).toBe(located(plan).length);
  });

  it('a text over 254 bytes is cut at a character boundary', async () => {
    const plan0 = commandsPlan();
    const long = '用户自有数据，来自乡镇的调查表。'.repeat(20);
    const plan1: Plan = { ...plan0, villages: { ...plan0.villages, features: plan0.villages.features.map((f) => ({ ...f, properties: { ...f.properties, source: long } })) } };
    const read = (await readImportFile('x.zip', exportPlan(plan1, { format: 'shp' }).bytes, { layer: 'villages' })) as FeaturesRead;
    const source = String(read.features[0]!.properties!['SOURCE']);
    expect(new TextEncoder().encode(source).length).toBeLessThanOrEqual(254);
    expect(source.endsWith('…')).toBe(true);
    expect(long.startsWith(source.slice(0, -1))).toBe(true);
  });

  it('marks a village outside the register OUTSIDE = 1', async () => {
    const plan1 = await planWithOutsider();
    const read = (await readImportFile('x.zip', exportPlan(plan1, { format: 'shp' }).bytes, { layer: 'villages' })) as FeaturesRead;
    const outsider = plan1.villages.features.find((f) => f.properties['outside_register'] === true)!;
    expect(read.features.filter((f) => f.properties!['OUTSIDE'] === 1).map((f) => f.properties!['CODE'])).toEqual([outsider.properties.code]);
  });

  it('GCJ-02: the WGS84 .prj and a README.txt that says so; positions within 0.5 m once imported as GCJ-02', async () => {
    const file = exportPlan(plan, { format: 'shp', crs: 'GCJ-02' });
    const entries = unzipSync(file.bytes);
    expect(crsFromPrj(decode(entries['villages.prj']!))).toBe('WGS84');
    const readme = decode(entries['README.txt']!);
    expect(readme).toMatch(/GCJ-02（不是 WGS84）|坐标为 GCJ-02/);
    expect(readme).toMatch(/the coordinates are GCJ-02, not WGS84/);
    const { plan: next, report } = await importIntoPlan(plan, file, { layer: 'villages', crs: 'GCJ-02' });
    expect(report.rejected).toEqual([]);
    expectSamePositions(next, plan, 0.5);
  });

  it('README.txt lists every layer and field', () => {
    const entries = unzipSync(exportPlan(plan, { format: 'shp' }).bytes);
    const readme = decode(entries['README.txt']!);
    for (const p of Object.keys(entries).filter((k) => k.endsWith('.shp'))) expect(readme).toContain(p);
    for (const f of ['CODE', 'ROLE_LABEL', 'CLUSTER', 'LENGTH_KM', 'AREA_KM2', 'ADCODE']) expect(readme).toContain(f);
  });
});

describe('geojson: every layer in one FeatureCollection', () => {
  const plan = loadBundledPlan();
  const parse = (crs: CrsId = 'WGS84') => JSON.parse(decode(exportPlan(plan, { format: 'geojson', crs }).bytes)) as FeatureCollection & Record<string, unknown>;
  const ofLayer = (fc: FeatureCollection, layer: string) => fc.features.filter((f) => f.properties?.['layer'] === layer);

  it('has each layer with a layer property; villages with their role label and clusters', () => {
    const fc = parse();
    expect(fc.crs).toBeUndefined();
    const derived = derivedGeometry(plan);
    expect(ofLayer(fc, 'villages')).toHaveLength(plan.villages.features.length);
    expect(ofLayer(fc, 'districts')).toHaveLength(plan.districts.features.length);
    expect(ofLayer(fc, 'town-seats')).toHaveLength(plan.townSeats.features.length);
    expect(ofLayer(fc, 'corridors')).toHaveLength(plan.corridors.features.length);
    expect(ofLayer(fc, 'culture-belts')).toHaveLength(plan.cultureBelts.features.length);
    expect(ofLayer(fc, 'cluster-areas')).toHaveLength(derived.clusterAreas.features.length);
    expect(ofLayer(fc, 'belts')).toHaveLength(derived.belts.features.length);
    expect(fc.features.every((f) => typeof f.properties?.['layer'] === 'string')).toBe(true);
    ofLayer(fc, 'villages').forEach((f, i) => {
      const v = plan.villages.features[i]!;
      expect(f.properties!['code']).toBe(v.properties.code);
      expect(f.properties!['role_label']).toBe(roleLabelOf(plan, v.properties.role, 'zh'));
      expect(f.properties!['clusters']).toEqual(clustersListing(plan, v.properties.code));
      expect(f.geometry).toEqual(v.geometry);
    });
    ofLayer(fc, 'corridors').forEach((f, i) => expect(f.geometry).toEqual(plan.corridors.features[i]!.geometry));
  });

  it('imports back: the villages unchanged', async () => {
    const file = exportPlan(plan, { format: 'geojson' });
    const { plan: next, report } = await importIntoPlan(plan, layerFile(file, 'villages'));
    expect(report.rejected).toEqual([]);
    expect(report.unchanged).toBe(plan.villages.features.length);
    expect(next).toEqual(plan);
  });

  it.each(['EPSG:4527', 'EPSG:4548', 'CGCS2000'] as CrsId[])('%s: named in the crs member, which the importer reads; positions within 0.01 m', async (crs) => {
    const fc = parse(crs);
    const code = crs === 'CGCS2000' ? '4490' : crs.slice(5);
    expect(fc.crs).toEqual({ type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } });
    const file = exportPlan(plan, { format: 'geojson', crs });
    const read = (await readImportFile(file.name, file.bytes)) as FeaturesRead;
    expect(read.crs).toBe(`EPSG:${code}`);
    const derived = derivedGeometry(plan);
    const originals: Record<string, Feature[]> = {
      districts: plan.districts.features, corridors: plan.corridors.features, 'culture-belts': plan.cultureBelts.features,
      'cluster-areas': derived.clusterAreas.features, belts: derived.belts.features, 'town-seats': plan.townSeats.features,
    };
    const asRead = { type: 'FeatureCollection' as const, features: read.features };
    for (const [layer, features] of Object.entries(originals)) {
      ofLayer(asRead, layer).forEach((f, i) => expectSameRings(f.geometry, features[i]!.geometry, crs, 0.01));
    }
    const { plan: next, report } = await importIntoPlan(plan, layerFile(file, 'villages'));
    expect(report.crsSource).toBe('file');
    expect(report.rejected).toEqual([]);
    expectSamePositions(next, plan, 0.01);
  });

  it('GCJ-02: says so in belt_map_crs; imported with crs GCJ-02 within 0.5 m', async () => {
    const fc = parse('GCJ-02');
    expect(fc.crs).toBeUndefined();
    expect(fc['belt_map_crs']).toBe('GCJ-02');
    const file = exportPlan(plan, { format: 'geojson', crs: 'GCJ-02' });
    const { plan: next, report } = await importIntoPlan(plan, layerFile(file, 'villages'), { crs: 'GCJ-02' });
    expect(report.rejected).toEqual([]);
    expectSamePositions(next, plan, 0.5);
  });
});

describe('kml: folders by layer', () => {
  const plan = loadBundledPlan();

  it('reads back: villages in a folder per role, named by their Chinese names, at their positions', async () => {
    const file = exportPlan(plan, { format: 'kml' });
    expect(file.type).toBe('application/vnd.google-earth.kml+xml');
    expect(decode(file.bytes).startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const read = (await readImportFile(file.name, file.bytes)) as FeaturesRead;
    const name = plan.manifest.name.zh;
    const villages = read.features.filter((f) => String(f.properties!['folder']).startsWith(`${name}/村庄/`));
    expect(villages).toHaveLength(located(plan).length);
    for (const f of villages) {
      const v = lookup(plan).villageByCode.get(String(f.properties!['code']))!;
      expect(f.properties!['name']).toBe(v.properties.name);
      expect(f.properties!['folder']).toBe(`${name}/村庄/${roleLabelOf(plan, v.properties.role, 'zh')}`);
      expect(f.geometry).toEqual(v.geometry);
    }
    const corridors = read.features.filter((f) => f.properties!['folder'] === `${name}/廊道`);
    expect(corridors.map((f) => f.properties!['name'])).toEqual(plan.corridors.features.map((f) => f.properties.name));
    corridors.forEach((f, i) => expect(positions(f.geometry)).toEqual(positions(plan.corridors.features[i]!.geometry)));
    expect(read.features.filter((f) => f.properties!['folder'] === `${name}/区界`)).toHaveLength(plan.districts.features.length);
  });

  it('imports back as villages: every located village unchanged, no village row rejected for its values', async () => {
    const file = exportPlan(plan, { format: 'kml' });
    const { report } = await importIntoPlan(plan, file);
    expect(report.unchanged).toBe(located(plan).length);
    expect(report.updated).toBe(0);
    // What is rejected is the other layers' features (lines, areas, town seats), never a village placemark.
    const codes = new Set(plan.villages.features.map((f) => f.properties.code));
    expect(report.rejected.filter((r) => codes.has(r.cells['code'] ?? ''))).toEqual([]);
  });

  it('GCJ-02 (for Ovital / AMap users): imported with crs GCJ-02 within 0.5 m', async () => {
    const file = exportPlan(plan, { format: 'kml', crs: 'GCJ-02' });
    const { plan: next, report } = await importIntoPlan(plan, file, { crs: 'GCJ-02' });
    expect(report.unchanged + report.updated).toBe(located(plan).length);
    expectSamePositions(next, plan, 0.5);
  });

  it('English folders with lang en; the placemarks keep their Chinese names', async () => {
    const file = exportPlan(plan, { format: 'kml', lang: 'en' });
    const read = (await readImportFile(file.name, file.bytes)) as FeaturesRead;
    const v = located(plan)[0]!;
    const f = read.features.find((x) => x.properties!['code'] === v.properties.code)!;
    expect(f.properties!['folder']).toBe(`${plan.manifest.name.en}/Villages/${roleLabelOf(plan, v.properties.role, 'en')}`);
    expect(f.properties!['name']).toBe(v.properties.name);
  });

  it('refuses a projected system in both languages; allows BD-09', () => {
    for (const crs of ['EPSG:4527', 'EPSG:4548'] as CrsId[]) {
      const e = thrown(() => exportPlan(plan, { format: 'kml', crs }));
      expect(e).toBeInstanceOf(ExportPlanError);
      expect(e.message).toMatch(/KML/);
      expect(e.zh).toMatch(CHINESE);
    }
    expect(exportPlan(plan, { format: 'kml', crs: 'BD-09' }).bytes.length).toBeGreaterThan(0);
  });
});

describe('options, file names and purity', () => {
  it('refuses a bad format, system or language in both languages', () => {
    const plan = commandsPlan();
    for (const options of [{ format: 'pdf' }, { format: 'csv', crs: 'EPSG:3857' }, { format: 'csv', lang: 'fr' }]) {
      const e = thrown(() => exportPlan(plan, options as never));
      expect(e).toBeInstanceOf(ExportPlanError);
      expect(e.message).toMatch(/options\./);
      expect(e.zh).toMatch(CHINESE);
    }
  });

  it('names files after the plan, safe for Windows, with what they hold and the system', () => {
    const plan0 = commandsPlan();
    const plan: Plan = { ...plan0, manifest: { ...plan0.manifest, name: { zh: `区/县:规划*方案?"<>|${'很长'.repeat(40)}`, en: 'Test: plan' } } };
    for (const format of EXPORT_FORMATS) {
      const crs: CrsId = format === 'zip' || format === 'kml' ? 'WGS84' : 'EPSG:4527';
      const { name } = exportPlan(plan, { format, crs });
      expect(name, format).not.toMatch(/[\\/:*?"<>|]/);
      expect(name.startsWith('区-县-规划-方案-')).toBe(true);
      expect(Array.from(name.split('…')[0]!).length).toBeLessThanOrEqual(40);
    }
    expect(exportPlan(plan, { format: 'csv', crs: 'EPSG:4527' }).name).toMatch(/…-villages-EPSG4527\.csv$/);
    expect(exportPlan(plan, { format: 'csv', lang: 'en' }).name).toBe('Test- plan-villages.csv');
  });

  it('never changes the plan', () => {
    const plan = loadBundledPlan();
    const before = structuredClone(plan);
    for (const format of EXPORT_FORMATS as readonly ExportFormat[]) exportPlan(plan, { format });
    for (const crs of ['EPSG:4527', 'GCJ-02'] as CrsId[]) for (const format of ['geojson', 'xlsx', 'csv', 'shp'] as const) exportPlan(plan, { format, crs });
    expect(plan).toEqual(before);
  });
});

describe('tableFile', () => {
  const columns = [
    { key: 'name', label: '名称' },
    { key: 'km', label: '距离（km）' },
    { key: 'note', label: '备注' },
  ];
  const rows = [
    { name: '琉璃渠村委会', km: 0.8, note: '=1+1' },
    { name: '三家店村委会', km: 1.25, note: null },
  ];

  it('CSV: the labels, then the rows in column order; BOM, CRLF, formulas defused', () => {
    const file = tableFile('沿线村庄', columns, rows, 'csv');
    expect(file.name).toBe('沿线村庄.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(decode(file.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.meta.linebreak).toBe('\r\n');
    expect(parsed.data).toEqual([columns.map((c) => c.label), ...rows.map((r) => [r.name, String(r.km), r.note === null ? '' : `'${r.note}`])]);
  });

  it('XLSX: one sheet named after the title, numbers as numbers', () => {
    const file = tableFile('规则检查：问题', columns, rows, 'xlsx');
    expect(file.name).toBe('规则检查：问题.xlsx');
    const wb = XLSX.read(file.bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['规则检查：问题']);
    const data = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: null });
    expect(data).toEqual([columns.map((c) => c.label), ...rows.map((r) => [r.name, r.km, r.note])]);
  });

  it('a title with characters a file name or sheet name cannot hold', () => {
    const file = tableFile('a/b:c', columns, rows, 'xlsx');
    expect(file.name).toBe('a-b-c.xlsx');
    expect(XLSX.read(file.bytes, { type: 'array' }).SheetNames).toEqual(['a-b-c']);
  });

  it('refuses another format', () => {
    const e = thrown(() => tableFile('x', columns, rows, 'pdf' as never));
    expect(e.zh).toMatch(CHINESE);
  });
});

describe('the Chinese provenance (source_zh, accuracy_zh, reason_zh)', () => {
  const plan = loadBundledPlan();
  const lines = [...plan.corridors.features, ...plan.cultureBelts.features];

  it('the bundled plan has it (the loader keeps it), and the zip package keeps it', async () => {
    expect(plan.villages.features.every((f) => typeof f.properties.source_zh === 'string' && typeof f.properties.accuracy_zh === 'string')).toBe(true);
    expect(plan.clusters.length).toBeGreaterThan(0);
    expect(plan.clusters.every((c) => typeof c.reason_zh === 'string' && c.reason_zh !== '')).toBe(true);
    const { plan: opened } = await importIntoPlan(commandsPlan(), exportPlan(plan, { format: 'zip' }));
    expect(opened.clusters.map((c) => c.reason_zh)).toEqual(plan.clusters.map((c) => c.reason_zh));
    expect(opened.villages.features.map((f) => f.properties.accuracy_zh)).toEqual(plan.villages.features.map((f) => f.properties.accuracy_zh));
    expect(opened.corridors.features.map((f) => f.properties.source_zh)).toEqual(plan.corridors.features.map((f) => f.properties.source_zh));
    expect(opened.districts.features.map((f) => f.properties.source_zh)).toEqual(plan.districts.features.map((f) => f.properties.source_zh));
  });

  it('CSV: a column each beside the English source and accuracy, in both languages', () => {
    for (const [lang, source, accuracy] of [['zh-CN', '坐标来源（中文）', '坐标精度（中文）'], ['en', 'Position source (Chinese)', 'Position accuracy (Chinese)']] as const) {
      const [header, ...rows] = Papa.parse<string[]>(decode(exportPlan(plan, { format: 'csv', lang }).bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      expect(header!.indexOf(source)).toBeGreaterThan(-1);
      plan.villages.features.forEach((f, i) => {
        expect(rows[i]![header!.indexOf(source)]).toBe(f.properties.source_zh);
        expect(rows[i]![header!.indexOf(accuracy)]).toBe(f.properties.accuracy_zh);
      });
    }
  });

  it('XLSX: the clusters’ Chinese reason and the lines’ Chinese source', () => {
    const wb = XLSX.read(exportPlan(plan, { format: 'xlsx' }).bytes, { type: 'array' });
    const rowsOf = (sheet: string) => XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets[sheet]!, { header: 1, defval: null });
    const [ch, ...clusters] = rowsOf('片区');
    plan.clusters.forEach((c, i) => {
      expect(clusters[i]![ch!.indexOf('理由')]).toBe(c.reason);
      expect(clusters[i]![ch!.indexOf('理由（中文）')]).toBe(c.reason_zh);
    });
    const [lh, ...lineRows] = rowsOf('线路');
    lines.forEach((l, i) => expect(lineRows[i]![lh!.indexOf('来源（中文）')]).toBe(l.properties.source_zh));
  });

  it('GeoJSON and KML: the features keep the fields', async () => {
    const fc = JSON.parse(decode(exportPlan(plan, { format: 'geojson' }).bytes)) as FeatureCollection;
    const villages = fc.features.filter((f) => f.properties?.['layer'] === 'villages');
    villages.forEach((f, i) => expect(f.properties!['accuracy_zh']).toBe(plan.villages.features[i]!.properties.accuracy_zh));
    const seats = fc.features.filter((f) => f.properties?.['layer'] === 'town-seats');
    seats.forEach((f, i) => expect(f.properties!['source_zh']).toBe(plan.townSeats.features[i]!.properties.source_zh));
    const file = exportPlan(plan, { format: 'kml' });
    const read = (await readImportFile(file.name, file.bytes)) as FeaturesRead;
    const placed = read.features.filter((f) => f.properties!['layer'] === 'villages');
    expect(placed).toHaveLength(located(plan).length);
    for (const f of placed) expect(f.properties!['source_zh']).toBe(lookup(plan).villageByCode.get(String(f.properties!['code']))!.properties.source_zh);
  });

  it('Shapefile: SOURCE_ZH and ACCUR_ZH beside SOURCE and ACCURACY (cut at 254 bytes like them, with an ellipsis)', async () => {
    const file = exportPlan(plan, { format: 'shp' });
    // A text over 254 bytes ends in '…' where it was cut.
    const cut = (read: string, full: string | undefined) => {
      expect(read.length).toBeGreaterThan(0);
      if (read !== full) expect(read.endsWith('…') && full!.startsWith(read.slice(0, -1)), read).toBe(true);
    };
    const villages = (await readImportFile(file.name, file.bytes, { layer: 'villages' })) as FeaturesRead;
    located(plan).forEach((f, i) => {
      cut(String(villages.features[i]!.properties!['SOURCE_ZH']), f.properties.source_zh);
      cut(String(villages.features[i]!.properties!['ACCUR_ZH']), f.properties.accuracy_zh);
    });
    const shpLines = (await readImportFile(file.name, file.bytes, { layer: 'lines' })) as FeaturesRead;
    lines.forEach((l, i) => cut(String(shpLines.features[i]!.properties!['SOURCE_ZH']), l.properties.source_zh));
  });
});
