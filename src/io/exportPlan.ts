/**
 * Exporting a plan in the formats planning offices use, and on-screen tables as CSV or XLSX. Pure: no
 * DOM, no I/O; runs in Node, a browser and a worker. The input plan is never changed. It loads SheetJS,
 * tokml and shp-write with it (the API is synchronous): a UI should `import()` this module when the
 * user exports, not at start.
 *
 * What each format holds ({@link exportPlan}):
 * - `zip` — the plan package (plan.json and its GeoJSON files, as ./writePlan.ts writes them) zipped:
 *   opened again (importIntoPlan, the import dialog) it is the same plan. Always WGS84, the package
 *   format's system.
 * - `geojson` — one FeatureCollection of every layer, each feature with a `layer` property:
 *   `districts`, `town-seats`, `cluster-areas` and `belts` (the derived geometry the map draws),
 *   `corridors`, `culture-belts`, `villages` (the whole register; unlocated villages with `geometry:
 *   null`, as RFC 7946 allows). Villages carry their properties plus `role_label` (in `lang`) and
 *   `clusters` (the ids of the clusters that list them); lines `length_km`; cluster areas `members`;
 *   belts `clusters` and `along`. Not WGS84: an EPSG system is named in the old-style (2008)
 *   `crs` member (`urn:ogc:def:crs:EPSG::4527`; CGCS2000 is EPSG:4490), which GDAL/QGIS and the
 *   importer read; GCJ-02 and BD-09 have no EPSG code, so the file says it in a foreign member
 *   `"belt_map_crs": "GCJ-02"` (import it with crs 'GCJ-02'). Top-level `name` (for QGIS's layer name)
 *   and `attribution` (the data's sources and licences).
 * - `kml` — the same layers as folders (the villages in one sub-folder per role), inside a folder
 *   named after the plan; each Placemark's `<name>` is the feature's Chinese `name`, its other
 *   properties ExtendedData, and a village's `<description>` its role, town, year and clusters. KML is
 *   WGS84 by its spec; GCJ-02 and BD-09 are allowed for 奥维 Ovital / AMap users (a GCJ-02 KML is what
 *   Ovital itself exports); projected systems are not. Only located villages (a Placemark without a
 *   place helps no map).
 * - `xlsx` — sheets 村庄, 片区, 示范带, 线路, 目标, 说明 (Villages, Clusters, Belts, Lines, Targets,
 *   About with `lang: 'en'`): see {@link villageTable} for the villages' columns; codes are text cells,
 *   numbers numbers. The villages sheet comes first, so importing the workbook reads it.
 * - `csv` — the villages sheet alone, UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, formulas
 *   defused (./writers/csv.ts). Imported again into the plan, every row is "unchanged". Excel, opening
 *   a CSV by double-click, shows a 12-digit code in scientific notation (and saves it so): for Excel
 *   the XLSX is the file to give.
 * - `shp` — a zip of one Shapefile per layer (a Shapefile holds one geometry type, and the layers'
 *   attributes differ): `villages` and `town_seats` (points), `lines` (corridors and culture belts) and
 *   `belts` (polylines), `clusters` (cluster areas) and `districts` (polygons); each with a `.prj`
 *   (ESRI WKT, ./writers/prj.ts), a `.cpg` saying `UTF-8` and a UTF-8 DBF whose field names are
 *   short ASCII (≤ 10 bytes: see {@link SHAPEFILE_FIELDS}), plus a README.txt (both languages) that
 *   lists the layers and fields. A text value longer than 254 bytes is cut at a character boundary,
 *   ending with `…`. Only located villages. GCJ-02 / BD-09: written, with the WGS84 `.prj` (no WKT
 *   describes them; it says at least that the numbers are degrees) and a README.txt that says which
 *   system the coordinates are in.
 *
 * Table coordinates: geographic systems as 经度 / 纬度 (Longitude / Latitude), projected ones as
 * 东坐标 / 北坐标 (Easting / Northing), the system in brackets in the header (`经度（GCJ-02）`,
 * `东坐标（EPSG:4527，米）`). Not "X / Y": in Chinese surveying X is the northing, in most GIS the
 * easting, and a planner would read them swapped.
 *
 * File names: the plan's name (in `lang`), made safe for Windows and cut to 40 characters, then what
 * the file holds and, when not WGS84, the system: `怀柔区、门头沟区乡村振兴示范带（示例方案）-villages.csv`,
 * `…-shp-EPSG4527.zip`.
 *
 * @module
 */
import { zipSync, type Zippable } from 'fflate';
import { foldersToKML } from '@placemarkio/tokml';
import { length } from '@turf/length';
import type { Root } from '@tmcw/togeojson';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { crsLabel, fromWgs84, isCrsId, type CrsId, type XY } from './crs.js';
import { writePlan } from './writePlan.js';
import { csvText, type CsvCell } from './writers/csv.js';
import type { DbfFieldSpec, DbfValue } from './writers/dbf.js';
import { safeFileStem } from './writers/fileName.js';
import { esriWkt } from './writers/prj.js';
import { shapefileFiles, type ShapefileLayer } from './writers/shapefile.js';
import { workbookBytes, type SheetSpec } from './writers/xlsx.js';
import { clusterPlace, districtName, lookup } from '../plan/lookup.js';
import { derivedGeometry } from '../state/derive.js';
import { isRegistered, local, strings, type Lang, type Strings, textLang } from '../state/i18n.js';
import type { Cluster, LineFeature, Plan, VillageFeature } from '../types/plan.js';

/** The formats {@link exportPlan} writes. */
export const EXPORT_FORMATS = ['zip', 'geojson', 'kml', 'xlsx', 'csv', 'shp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportPlanOptions {
  format: ExportFormat;
  /**
   * The coordinate system of the file's positions.
   * @defaultValue 'WGS84'
   */
  crs?: CrsId;
  /**
   * The language of headers, sheet names, labels and the file name.
   * @defaultValue 'zh-CN'
   */
  lang?: Lang;
}

/** A file to download or save. */
export interface ExportedFile {
  /** A file name safe on every system, e.g. `测试方案-villages.csv`. */
  name: string;
  /** Its MIME type. */
  type: string;
  bytes: Uint8Array;
}

/** The defaults of {@link ExportPlanOptions}. */
export const defaultExportOptions = { crs: 'WGS84', lang: 'zh-CN' } as const satisfies Omit<Required<ExportPlanOptions>, 'format'>;

/** An export that cannot be done (a format and system that do not go together, a bad option): `message` in English, `zh` in Chinese. */
export class ExportPlanError extends Error {
  override name = 'ExportPlanError';
  readonly zh: string;
  constructor(en: string, zh: string) {
    super(en);
    this.zh = zh;
  }
}

const MIME: Record<ExportFormat | 'csv' | 'xlsx', string> = {
  zip: 'application/zip',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  shp: 'application/zip',
};

// ---------------------------------------------------------------------------------------------
// Coordinate systems

type CrsClass = 'wgs84' | 'chinese' | 'projected';
function crsClass(crs: CrsId): CrsClass {
  if (crs === 'GCJ-02' || crs === 'BD-09') return 'chinese';
  if (crs === 'WGS84' || crs === 'CGCS2000' || crs === 'EPSG:4326' || crs === 'EPSG:4490') return 'wgs84';
  return 'projected';
}
const isProjected = (crs: CrsId) => crsClass(crs) === 'projected';
/** The EPSG code of a system, or null (GCJ-02, BD-09). */
function epsgCode(crs: CrsId): number | null {
  if (crs === 'WGS84') return 4326;
  if (crs === 'CGCS2000') return 4490;
  const m = /^EPSG:(\d+)$/.exec(crs);
  return m ? Number(m[1]) : null;
}

/** A geometry with every position converted (a new object; the third value of a position is dropped). */
function converted<G extends Geometry>(g: G, convert: (ps: XY[]) => XY[]): G {
  const flat: XY[] = [];
  const collect = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') flat.push([(c as number[])[0]!, (c as number[])[1]!]);
    else for (const x of c as unknown[]) collect(x);
  };
  const rebuild = (c: unknown, out: { i: number }, all: XY[]): unknown =>
    typeof (c as number[])[0] === 'number' ? all[out.i++] : (c as unknown[]).map((x) => rebuild(x, out, all));
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => converted(x, convert)) };
  collect(g.coordinates);
  const all = convert(flat);
  return { ...g, coordinates: rebuild(g.coordinates, { i: 0 }, all) } as G;
}

// ---------------------------------------------------------------------------------------------
// Words

/** The words of the files (headers, sheet, folder and file names, labels): i18n's `exportWords`, the one localisation source. */
const wordsOf = (lang: Lang): Words => strings(lang).exportWords;
type Words = Strings['exportWords'];

/** The km of a line, 3 decimals. */
const km = (f: Feature): number => Math.round(length(f, { units: 'kilometers' }) * 1000) / 1000;
const nameIn = (lang: Lang, x: { name: string; name_en?: string }) => (textLang(lang) === 'en' && x.name_en ? x.name_en : x.name);
const roleLabel = (plan: Plan, lang: Lang, role: string): string => {
  const r = lookup(plan).roleById.get(role);
  return r ? local(lang, r.label) || r.id : role;
};
const attributionLines = (plan: Plan, lang: Lang): string[] =>
  plan.manifest.attribution.map((a) => `${local(lang, a.what)}: ${a.text} (${a.licence})${a.url ? ` ${a.url}` : ''}`);

/** A village's clusters (ids, in plan order). */
const clusterIdsOf = (plan: Plan, code: string): readonly string[] => lookup(plan).clustersOf.get(code) ?? [];

// ---------------------------------------------------------------------------------------------
// Tables

/** A table: header and rows of cells. */
interface Table {
  header: string[];
  rows: (string | number | null)[][];
}

/** The headers of a table's two coordinate columns in `crs`. */
function coordinateHeaders(crs: CrsId, w: Words, lang: Lang): [string, string] {
  const [open, close, comma] = textLang(lang) === 'en' ? [' (', ')', ', '] : ['（', '）', '，'];
  if (isProjected(crs)) return [`${w.east}${open}${crs}${comma}${w.metres}${close}`, `${w.north}${open}${crs}${comma}${w.metres}${close}`];
  return [`${w.lon}${open}${crs}${close}`, `${w.lat}${open}${crs}${close}`];
}

/**
 * The villages as a table (the CSV, and the XLSX's first sheet): every village of the register, in
 * register order, with the columns 区划代码 (code), 名称 (official name), 英文名, 区, 乡镇, 角色 (the
 * role's label in `lang`), 批次年度, 所属片区 (cluster names), 片区编号 (cluster ids), 经度 / 纬度
 * (or 东坐标 / 北坐标) in `crs`, 坐标来源, 坐标精度 (the village's `source` and `accuracy`), 名录外
 * (是 for a village added outside the register). In English: Code, Name, English name, District,
 * Town, Role, Year, Clusters, Cluster IDs, Longitude / Latitude (Easting / Northing), Position source,
 * Position accuracy, Outside register. Every header is one the importer recognises or ignores, so the
 * table imports back (by code) as the same plan.
 */
function villageTable(plan: Plan, crs: CrsId, lang: Lang): Table {
  const w = wordsOf(lang);
  const { clusterById } = lookup(plan);
  const located = plan.villages.features.filter((v) => v.geometry !== null);
  const positions = fromWgs84(crs, located.map((v) => [v.geometry!.coordinates[0]!, v.geometry!.coordinates[1]!]));
  const at = new Map(located.map((v, i) => [v, positions[i]!]));
  const v = w.village;
  const zh = strings(lang).provenanceFields;
  const header = [
    v.code, v.name, v.nameEn, v.district, v.town, v.role, v.year, v.clusters, v.clusterIds, ...coordinateHeaders(crs, w, lang),
    v.source, v.accuracy, zh.villageSource, zh.villageAccuracy, v.outside,
  ];
  const rows = plan.villages.features.map((f) => {
    const p = f.properties;
    const ids = clusterIdsOf(plan, p.code);
    const xy = at.get(f);
    return [
      p.code, p.name, p.name_en || null, p.district || null, p.town || null, roleLabel(plan, lang, p.role), p.year ?? null,
      ids.map((id) => nameIn(lang, clusterById.get(id)!)).join(w.sep) || null, ids.join(w.sep) || null,
      xy?.[0] ?? null, xy?.[1] ?? null, p.source, p.accuracy, p.source_zh || null, p.accuracy_zh || null, p['outside_register'] === true ? w.yes : null,
    ];
  });
  return { header, rows };
}

function clusterTable(plan: Plan, lang: Lang): Table {
  const w = wordsOf(lang);
  const c = w.cluster;
  const { villageByCode } = lookup(plan);
  const areas = new Map(derivedGeometry(plan).clusterAreas.features.map((f) => [f.properties.id, f.properties.areaKm2]));
  const vname = (code: string) => {
    const p = villageByCode.get(code)?.properties;
    return p ? (textLang(lang) === 'en' && p.name_en ? p.name_en : p.name) : code;
  };
  return {
    header: [c.id, c.name, c.nameEn, c.district, c.town, c.coreCode, c.core, c.memberCodes, c.members, c.count, c.year, c.area, c.reason, strings(lang).provenanceFields.reason],
    rows: plan.clusters.map((k: Cluster) => {
      const place = clusterPlace(plan, k);
      return [
        k.id, k.name, k.name_en || null, place.district || null, place.town || null, k.core, k.core ? vname(k.core) : null,
        k.members.join(w.sep) || null, k.members.map(vname).join(w.sep) || null, k.members.length, k.year, areas.get(k.id) ?? null, k.reason || null,
        k.reason_zh || null,
      ];
    }),
  };
}

function beltTable(plan: Plan, lang: Lang): Table {
  const w = wordsOf(lang);
  const b = w.belt;
  const { clusterById, lineById } = lookup(plan);
  const lengths = new Map(derivedGeometry(plan).belts.features.map((f) => [f.properties.id, km(f)]));
  return {
    header: [b.id, b.name, b.nameEn, b.clusters, b.along, b.length],
    rows: plan.belts.map((belt) => [
      belt.id, belt.name, belt.name_en || null,
      belt.clusters.map((id) => (clusterById.get(id) ? nameIn(lang, clusterById.get(id)!) : id)).join(' → ') || null,
      belt.along.map((id) => (lineById.get(id) ? nameIn(lang, lineById.get(id)!.feature.properties) : id)).join(w.sep) || null,
      lengths.get(belt.id) ?? null,
    ]),
  };
}

function lineTable(plan: Plan, lang: Lang): Table {
  const w = wordsOf(lang);
  const l = w.line;
  const row = (layer: 'corridors' | 'cultureBelts') => (f: LineFeature) => {
    const p = f.properties;
    return [
      p.id, p.name, p.name_en || null, w.lineLayer[layer], w.lineKind[p.kind], p.district || null, km(f), w.geometrySource[p.geometry_source],
      (p.via ?? []).map((x) => x.name).join(' — ') || null, p.source, p.source_zh || null,
    ];
  };
  return {
    header: [l.id, l.name, l.nameEn, l.layer, l.kind, l.district, l.length, l.geometry, l.via, l.source, strings(lang).provenanceFields.lineSource],
    rows: [...plan.corridors.features.map(row('corridors')), ...plan.cultureBelts.features.map(row('cultureBelts'))],
  };
}

function targetTable(plan: Plan, lang: Lang): Table {
  const w = wordsOf(lang);
  const t = w.target;
  return {
    header: [t.id, t.label, t.scope, t.count, t.roles, t.per, t.min, t.max, t.year, t.reported, t.source],
    rows: plan.targets.map((x) => [
      x.id, local(lang, x.label), x.district ? districtName(plan, x.district, textLang(lang) === 'en') : w.whole, w.count[x.count],
      x.roles.map((r) => roleLabel(plan, lang, r)).join(w.sep) || null, w.per[x.per], x.min, x.max, x.year,
      x.reported.map((r) => `${r.year}: ${r.value}`).join(textLang(lang) === 'en' ? '; ' : '；') || null, x.source,
    ]),
  };
}

function aboutTable(plan: Plan, crs: CrsId, lang: Lang): Table {
  const w = wordsOf(lang);
  const a = w.about;
  const m = plan.manifest;
  return {
    header: [a.key, a.value],
    rows: [
      [a.plan, local(lang, m.name)],
      [a.sample, m.sample ? w.yes : w.no],
      ...(local(lang, m.notice ?? { zh: '', en: '' }) ? [[a.notice, local(lang, m.notice!)]] : []),
      [a.crs, crsLabel(crs, textLang(lang) === 'en' ? 'en' : 'zh-CN')],
      [a.years, m.years.join(w.sep)],
      ...attributionLines(plan, lang).map((line, i) => [i === 0 ? a.data : null, line]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// GeoJSON layers

/** A feature of any layer; villages may have no position. */
type AnyFeature = Feature<Geometry | null>;

/** The layers of the GeoJSON, KML and Shapefile exports, in drawing order (bottom first). */
export const EXPORT_LAYERS = ['districts', 'town-seats', 'cluster-areas', 'belts', 'corridors', 'culture-belts', 'villages'] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];

/** Every layer as WGS84 features with the export's properties (`layer` first). */
function layerFeatures(plan: Plan, lang: Lang): Record<ExportLayer, AnyFeature[]> {
  const derived = derivedGeometry(plan);
  const tag = <P extends object>(layer: ExportLayer, f: Feature<Geometry | null, P>, extra: Record<string, unknown> = {}): AnyFeature => ({
    type: 'Feature',
    properties: { layer, ...f.properties, ...extra },
    geometry: f.geometry,
  });
  const { clusterById } = lookup(plan);
  const line = (layer: ExportLayer) => (f: LineFeature) => tag(layer, f, { length_km: km(f) });
  return {
    districts: plan.districts.features.map((f) => tag('districts', f)),
    'town-seats': plan.townSeats.features.map((f) => tag('town-seats', f)),
    'cluster-areas': derived.clusterAreas.features.map((f) => tag('cluster-areas', f, { members: [...(clusterById.get(f.properties.id)?.members ?? [])] })),
    belts: derived.belts.features.map((f) => {
      const b = plan.belts.find((x) => x.id === f.properties.id);
      return tag('belts', f, { clusters: [...(b?.clusters ?? [])], along: [...(b?.along ?? [])], length_km: km(f) });
    }),
    corridors: plan.corridors.features.map(line('corridors')),
    'culture-belts': plan.cultureBelts.features.map(line('culture-belts')),
    villages: plan.villages.features.map((f: VillageFeature) =>
      tag('villages', f, { role_label: roleLabel(plan, lang, f.properties.role), clusters: [...clusterIdsOf(plan, f.properties.code)] }),
    ),
  };
}

/** Features with their positions in `crs` (null geometries stay null). */
function inCrs(features: AnyFeature[], crs: CrsId): AnyFeature[] {
  const convert = (ps: XY[]) => fromWgs84(crs, ps);
  return features.map((f) => ({ ...f, geometry: f.geometry ? converted(f.geometry, convert) : null }));
}

function geojsonFile(plan: Plan, crs: CrsId, lang: Lang): Uint8Array {
  const layers = layerFeatures(plan, lang);
  const code = epsgCode(crs);
  const cls = crsClass(crs);
  const fc: FeatureCollection<Geometry | null> & Record<string, unknown> = {
    type: 'FeatureCollection',
    name: local(lang, plan.manifest.name),
    ...(cls !== 'chinese' && code !== 4326 ? { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } } } : {}),
    ...(cls === 'chinese' ? { belt_map_crs: crs } : {}),
    attribution: attributionLines(plan, lang),
    features: EXPORT_LAYERS.flatMap((l) => inCrs(layers[l], crs)),
  };
  return new TextEncoder().encode(`${JSON.stringify(fc)}\n`);
}

// ---------------------------------------------------------------------------------------------
// KML

function kmlFile(plan: Plan, crs: CrsId, lang: Lang): Uint8Array {
  const w = wordsOf(lang);
  const layers = layerFeatures(plan, lang);
  const { clusterById } = lookup(plan);
  const folder = (name: string, children: Root['children']): Root['children'][number] => ({ type: 'folder', meta: { name }, children });
  // KML data is text: tokml would write a null as "null" (which a reader takes for a value), so empty properties are left out.
  const kmlProperties = (p: Record<string, unknown> | null) => Object.fromEntries(Object.entries(p ?? {}).filter(([, v]) => v !== null && v !== undefined));
  const placemarks = (features: AnyFeature[]): Root['children'] =>
    inCrs(features.filter((f) => f.geometry !== null), crs).map((f) => ({ ...f, properties: kmlProperties(f.properties) }));
  const children: Root['children'] = [];
  for (const layer of EXPORT_LAYERS) {
    if (layer === 'villages') {
      const byRole = plan.manifest.roles
        .map((r) => {
          const features = layers.villages
            .filter((f) => f.geometry !== null && f.properties!['role'] === r.id)
            .map((f) => {
              const p = f.properties as Record<string, unknown>;
              const clusters = (p['clusters'] as string[]).map((id) => nameIn(lang, clusterById.get(id)!));
              const description = [p['role_label'], p['town'], p['year'], clusters.join(w.sep)].filter((x) => x !== null && x !== undefined && x !== '').join(' · ');
              return { ...f, properties: { ...p, description } };
            });
          return features.length ? folder(local(lang, r.label) || r.id, placemarks(features)) : null;
        })
        .filter((x) => x !== null);
      if (byRole.length) children.push(folder(w.layers.villages, byRole));
    } else {
      const features = placemarks(layers[layer]);
      if (features.length) children.push(folder(w.layers[layer], features));
    }
  }
  const text = foldersToKML({ type: 'root', children: [folder(local(lang, plan.manifest.name), children)] });
  return new TextEncoder().encode(text.startsWith('<?xml') ? text : `<?xml version="1.0" encoding="UTF-8"?>\n${text}`);
}

// ---------------------------------------------------------------------------------------------
// Shapefile

/**
 * The Shapefile layers and their DBF fields (ASCII names of at most 10 bytes; the format allows no
 * more, and a Chinese name would take 3 bytes a character). C text, N number.
 */
const PROVENANCE_ZH = { SOURCE_ZH: ['C', '来源（中文）', 'source in Chinese'], ACCUR_ZH: ['C', '精度（中文）', 'accuracy in Chinese'] } as const;
export const SHAPEFILE_FIELDS = {
  villages: {
    CODE: ['C', '区划代码', 'register code'], NAME: ['C', '名称', 'official name'], SHORT_NAME: ['C', '简称', 'everyday name'], NAME_EN: ['C', '英文名', 'English name'],
    KIND: ['C', '村委会 / 居委会', 'village or resident committee'], TOWN: ['C', '乡镇', 'town'], TOWN_CODE: ['C', '乡镇代码', 'town code'],
    DISTRICT: ['C', '区', 'district'], DIST_CODE: ['C', '区代码', 'district code'], ROLE: ['C', '角色编号', 'role id'], ROLE_LABEL: ['C', '角色', 'role label'],
    YEAR: ['N', '批次年度', 'batch year'], CLUSTER: ['C', '所属片区编号（; 分隔）', 'cluster ids (; separated)'], CLUST_NAME: ['C', '所属片区', 'cluster names'],
    OUTSIDE: ['N', '名录外为 1', '1 when outside the register'], SOURCE: ['C', '来源', 'source'], ACCURACY: ['C', '精度', 'accuracy'], ...PROVENANCE_ZH,
  },
  town_seats: {
    CODE: ['C', '乡镇代码', 'town code'], NAME: ['C', '名称', 'name'], NAME_EN: ['C', '英文名', 'English name'], DISTRICT: ['C', '区', 'district'],
    DIST_CODE: ['C', '区代码', 'district code'], SOURCE: ['C', '来源', 'source'], ACCURACY: ['C', '精度', 'accuracy'], ...PROVENANCE_ZH,
  },
  lines: {
    ID: ['C', '编号', 'id'], LAYER: ['C', 'corridor 廊道 / culture-belt 文化带', 'corridor / culture-belt'], KIND: ['C', 'road 道路 / river 河流 / culture-belt 文化带', 'road / river / culture-belt'],
    NAME: ['C', '名称', 'name'], NAME_EN: ['C', '英文名', 'English name'], DISTRICT: ['C', '区', 'district'], GEOM_SRC: ['C', 'surveyed 实测 / schematic 示意 / drawn 手绘', 'surveyed / schematic / drawn'],
    VIA: ['C', '途经', 'via'], LENGTH_KM: ['N', '长度（km）', 'length, km'], SOURCE: ['C', '来源', 'source'], ACCURACY: ['C', '精度', 'accuracy'], ...PROVENANCE_ZH,
  },
  belts: {
    ID: ['C', '编号', 'id'], NAME: ['C', '名称', 'name'], NAME_EN: ['C', '英文名', 'English name'], CLUSTERS: ['C', '串联片区编号（; 分隔）', 'cluster ids (; separated)'],
    ALONG: ['C', '沿线廊道/文化带编号（; 分隔）', 'line ids (; separated)'], N_CLUSTERS: ['N', '片区数', 'clusters'], LENGTH_KM: ['N', '长度（km）', 'length, km'],
  },
  clusters: {
    ID: ['C', '编号', 'id'], NAME: ['C', '名称', 'name'], NAME_EN: ['C', '英文名', 'English name'], TOWN: ['C', '乡镇', 'town'], DISTRICT: ['C', '区', 'district'],
    YEAR: ['N', '年度', 'year'], CORE: ['C', '核心村代码', 'core village code'], CORE_NAME: ['C', '核心村', 'core village'], N_MEMBERS: ['N', '成员村数', 'member villages'],
    AREA_KM2: ['N', '面积（km²）', 'area, km²'],
  },
  districts: { ADCODE: ['C', '区划代码', 'code'], NAME: ['C', '名称', 'name'], NAME_EN: ['C', '英文名', 'English name'], SOURCE: ['C', '来源', 'source'], ACCURACY: ['C', '精度', 'accuracy'], ...PROVENANCE_ZH },
} as const satisfies Record<string, Record<string, readonly ['C' | 'N', string, string]>>;
type ShapefileName = keyof typeof SHAPEFILE_FIELDS;

const DECIMALS: Record<string, number> = { LENGTH_KM: 3, AREA_KM2: 2 };
const fieldSpecs = (layer: ShapefileName): DbfFieldSpec[] =>
  Object.entries(SHAPEFILE_FIELDS[layer]).map(([name, [type]]) => ({ name, type, ...(DECIMALS[name] ? { decimals: DECIMALS[name] } : {}) }));

function shapefileLayers(plan: Plan, lang: Lang): ShapefileLayer[] {
  const layers = layerFeatures(plan, lang);
  const { clusterById } = lookup(plan);
  const str = (v: unknown): DbfValue => (v === null || v === undefined || v === '' ? null : typeof v === 'number' ? v : String(v));
  const sourcing = (p: Record<string, unknown>) => ({ SOURCE: str(p['source']), ACCURACY: str(p['accuracy']), SOURCE_ZH: str(p['source_zh']), ACCUR_ZH: str(p['accuracy_zh']) });
  const make = (name: ShapefileName, type: ShapefileLayer['type'], features: AnyFeature[], record: (p: Record<string, unknown>) => Record<string, DbfValue>): ShapefileLayer => {
    const located = features.filter((f) => f.geometry !== null);
    return { name, type, geometries: located.map((f) => f.geometry!), fields: fieldSpecs(name), records: located.map((f) => record(f.properties ?? {})) };
  };
  const lines = make('lines', 'POLYLINE', [...layers.corridors, ...layers['culture-belts']], (p) => ({
    ID: str(p['id']), LAYER: p['layer'] === 'corridors' ? 'corridor' : 'culture-belt', KIND: str(p['kind']), NAME: str(p['name']), NAME_EN: str(p['name_en']),
    DISTRICT: str(p['district']), GEOM_SRC: str(p['geometry_source']), VIA: str(((p['via'] as { name: string }[] | undefined) ?? []).map((x) => x.name).join(' — ')),
    LENGTH_KM: p['length_km'] as number, ...sourcing(p),
  }));
  return [
    make('villages', 'POINT', layers.villages, (p) => {
      const ids = p['clusters'] as string[];
      return {
        CODE: str(p['code']), NAME: str(p['name']), SHORT_NAME: str(p['short_name']), NAME_EN: str(p['name_en']), KIND: str(p['kind']),
        TOWN: str(p['town']), TOWN_CODE: str(p['town_code']), DISTRICT: str(p['district']), DIST_CODE: str(p['district_code']),
        ROLE: str(p['role']), ROLE_LABEL: str(p['role_label']), YEAR: (p['year'] as number | null) ?? null,
        CLUSTER: str(ids.join(';')), CLUST_NAME: str(ids.map((id) => nameIn(lang, clusterById.get(id)!)).join(';')),
        OUTSIDE: p['outside_register'] === true ? 1 : null, ...sourcing(p),
      };
    }),
    make('town_seats', 'POINT', layers['town-seats'], (p) => ({
      CODE: str(p['code']), NAME: str(p['name']), NAME_EN: str(p['name_en']), DISTRICT: str(p['district']), DIST_CODE: str(p['district_code']), ...sourcing(p),
    })),
    lines,
    make('belts', 'POLYLINE', layers.belts, (p) => ({
      ID: str(p['id']), NAME: str(p['name']), NAME_EN: str(p['name_en']), CLUSTERS: str((p['clusters'] as string[]).join(';')), ALONG: str((p['along'] as string[]).join(';')),
      N_CLUSTERS: p['clusterCount'] as number, LENGTH_KM: p['length_km'] as number,
    })),
    make('clusters', 'POLYGON', layers['cluster-areas'], (p) => ({
      ID: str(p['id']), NAME: str(p['name']), NAME_EN: str(p['name_en']), TOWN: str(p['town']), DISTRICT: str(p['district']), YEAR: (p['year'] as number | null) ?? null,
      CORE: str(p['core']), CORE_NAME: str(p['core'] ? lookup(plan).villageByCode.get(p['core'] as string)?.properties.name : null),
      N_MEMBERS: p['memberCount'] as number, AREA_KM2: p['areaKm2'] as number,
    })),
    make('districts', 'POLYGON', layers.districts, (p) => ({ ADCODE: str(p['adcode']), NAME: str(p['name']), NAME_EN: str(p['name_en']), ...sourcing(p) })),
  ].filter((l) => l.geometries.length > 0);
}

/** README.txt of a Shapefile export: the system, the layers and their fields, the data's sources; in both languages. */
function shapefileReadme(plan: Plan, crs: CrsId, written: readonly ShapefileLayer[]): string {
  const chinese = crsClass(crs) === 'chinese';
  const lines = [
    `${plan.manifest.name.zh} / ${plan.manifest.name.en}`,
    '',
    `坐标系：${crsLabel(crs, 'zh-CN')}`,
    `Coordinate system: ${crsLabel(crs, 'en')}`,
    ...(chinese
      ? [
          '',
          `注意：坐标为 ${crs}（不是 WGS84）。${crs} 没有 WKT 定义，.prj 写的是 WGS84 经纬度，仅表示坐标是经纬度；在 GIS 中叠加 WGS84 数据会偏移约 500 米。`,
          `Note: the coordinates are ${crs}, not WGS84. ${crs} has no WKT, so the .prj says WGS84 longitude/latitude only to tell that they are degrees; over WGS84 data they lie about 500 m off.`,
        ]
      : []),
    '',
    '属性编码为 UTF-8（见 .cpg）；超过 254 字节的文本在字符边界处截断，并以“…”结尾。',
    'Attributes are UTF-8 (see the .cpg); a text longer than 254 bytes is cut at a character boundary and ends with "…".',
    '',
    '图层与字段 / Layers and fields:',
    ...written.flatMap((l) => [
      '',
      `${l.name}.shp (${l.type}, ${l.geometries.length})`,
      ...Object.entries(SHAPEFILE_FIELDS[l.name as ShapefileName]).map(([name, [type, zh, en]]) => `  ${name.padEnd(10)} ${type}  ${zh} / ${en}`),
    ]),
    '',
    '数据来源 / Data sources:',
    ...attributionLines(plan, 'zh-CN').map((l) => `  ${l}`),
    ...attributionLines(plan, 'en').map((l) => `  ${l}`),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function shapefileZip(plan: Plan, crs: CrsId, lang: Lang): Uint8Array {
  const prj = esriWkt(crsClass(crs) === 'chinese' ? 'WGS84' : crs)!;
  const convert = (ps: XY[]) => fromWgs84(crs, ps);
  const layers = shapefileLayers(plan, lang).map((l) => ({ ...l, geometries: l.geometries.map((g) => converted(g, convert)) }));
  const files: Zippable = {};
  for (const l of layers) Object.assign(files, shapefileFiles(l, prj));
  files['README.txt'] = new TextEncoder().encode(shapefileReadme(plan, crs, layers));
  return zipSync(files, { level: 6 });
}

// ---------------------------------------------------------------------------------------------
// The API

const say = (en: string, zh: string) => new ExportPlanError(en, zh);

function checkedOptions(options: ExportPlanOptions): Required<ExportPlanOptions> {
  if (options === null || typeof options !== 'object') throw say(`options: expected an object { format, crs?, lang? }, got ${String(options)}`, `options 应为对象 { format, crs?, lang? }`);
  const { format, crs = defaultExportOptions.crs, lang = defaultExportOptions.lang } = options;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw say(`options.format: expected one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`, `options.format 应为 ${EXPORT_FORMATS.join('、')} 之一，而不是 ${JSON.stringify(format)}`);
  if (!isCrsId(crs))
    throw say(
      `options.crs: ${JSON.stringify(crs)} is not a supported coordinate system (use 'WGS84', 'CGCS2000', 'GCJ-02', 'BD-09' or 'EPSG:4491'…'EPSG:4554')`,
      `options.crs：不支持的坐标系 ${JSON.stringify(crs)}（可用 'WGS84'、'CGCS2000'、'GCJ-02'、'BD-09' 或 'EPSG:4491'…'EPSG:4554'）`,
    );
  if (typeof lang !== 'string' || !isRegistered(lang))
    throw say(`options.lang: expected a registered language such as 'zh-CN' or 'en', got ${JSON.stringify(lang)}`, `options.lang 应为已注册的语言，如 'zh-CN' 或 'en'，而不是 ${JSON.stringify(lang)}`);
  const cls = crsClass(crs);
  if (format === 'zip' && cls !== 'wgs84')
    throw say(
      `A plan package is always WGS84 (its format's system): it cannot be exported in ${crsLabel(crs, 'en')}. Export GeoJSON, XLSX, CSV or a Shapefile for that system.`,
      `规划数据包的坐标系固定为 WGS84（数据包格式的规定），不能导出为 ${crsLabel(crs, 'zh-CN')}。如需该坐标系，请导出 GeoJSON、XLSX、CSV 或 Shapefile。`,
    );
  if (format === 'kml' && cls === 'projected')
    throw say(
      `KML holds longitudes and latitudes only (WGS84 by its spec; GCJ-02 or BD-09 for Ovital and AMap): it cannot be in ${crsLabel(crs, 'en')}. Export GeoJSON, XLSX, CSV or a Shapefile for that system.`,
      `KML 只能保存经纬度（规范规定为 WGS84；奥维、高德用户可选 GCJ-02 或 BD-09），不能使用 ${crsLabel(crs, 'zh-CN')}。如需该坐标系，请导出 GeoJSON、XLSX、CSV 或 Shapefile。`,
    );
  return { format, crs, lang };
}

/** `<plan name>-<what>[-<system>].<ext>`: the system (its colon dropped) when it is not WGS84. */
const fileName = (stem: string, crs: CrsId, ext: string): string => `${stem}${crs === 'WGS84' ? '' : `-${crs.replace(/:/g, '')}`}.${ext}`;

/**
 * Exports a plan as a file (see the module comment for what each format holds).
 *
 * @param plan - the plan (never changed)
 * @param options - {@link ExportPlanOptions}: `format`; `crs` (default 'WGS84'); `lang` (default 'zh-CN')
 * @returns `{ name, type, bytes }`: a safe file name, the MIME type and the file's bytes
 * @throws {@link ExportPlanError} (English `message`, Chinese `zh`) for a bad option or a format and
 *   system that do not go together: a package (`zip`) in anything but WGS84/CGCS2000, a KML in a
 *   projected system
 * @example
 * ```ts
 * const file = exportPlan(plan, { format: 'csv', crs: 'EPSG:4527' });
 * file.name; // '怀柔区、门头沟区乡村振兴示范带（示例方案）-villages-EPSG4527.csv'
 * const { plan: same, report } = await importIntoPlan(plan, file, { crs: 'EPSG:4527' }); // report.unchanged ≈ every village
 * ```
 */
export function exportPlan(plan: Plan, options: ExportPlanOptions): ExportedFile {
  const { format, crs, lang } = checkedOptions(options);
  const w = wordsOf(lang);
  const stem = `${safeFileStem(local(lang, plan.manifest.name))}-${w.file[format]}`;
  const name = (ext: string, system: CrsId = crs) => fileName(stem, system, ext);
  const text = new TextEncoder();
  switch (format) {
    case 'zip': {
      const files = writePlan(plan);
      const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([path, t]) => [path, text.encode(t)])), { level: 6 });
      return { name: name('zip', 'WGS84'), type: MIME.zip, bytes };
    }
    case 'geojson':
      return { name: name('geojson'), type: MIME.geojson, bytes: geojsonFile(plan, crs, lang) };
    case 'kml':
      return { name: name('kml'), type: MIME.kml, bytes: kmlFile(plan, crs, lang) };
    case 'xlsx': {
      const s = w.sheets;
      const sheets: SheetSpec[] = [
        { name: s.villages, ...villageTable(plan, crs, lang) },
        { name: s.clusters, ...clusterTable(plan, lang) },
        { name: s.belts, ...beltTable(plan, lang) },
        { name: s.lines, ...lineTable(plan, lang) },
        { name: s.targets, ...targetTable(plan, lang) },
        { name: s.about, ...aboutTable(plan, crs, lang) },
      ];
      return { name: name('xlsx'), type: MIME.xlsx, bytes: workbookBytes(sheets) };
    }
    case 'csv': {
      const t = villageTable(plan, crs, lang);
      return { name: name('csv'), type: MIME.csv, bytes: text.encode(csvText([t.header, ...t.rows])) };
    }
    case 'shp':
      return { name: name('zip'), type: MIME.shp, bytes: shapefileZip(plan, crs, lang) };
    default:
      return format satisfies never;
  }
}

/** A column of {@link tableFile}: the row key and the header shown. */
export interface TableColumn {
  key: string;
  label: string;
}

/**
 * An on-screen table (villages along a corridor, the statistics, the rule check) as a CSV or XLSX file:
 * the header row of the columns' labels, then one row per record in column order; a missing or null
 * value is an empty cell. CSV: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, formulas
 * defused. XLSX: one sheet named after the title; text stays text, numbers are numbers.
 *
 * @param title - the table's title: the file's name and the sheet's
 * @param columns - {@link TableColumn}s, in order
 * @param rows - the records, values by column key
 * @param format - `'csv'` or `'xlsx'`
 * @returns `{ name, type, bytes }`
 * @throws {@link ExportPlanError} for another format or columns that are not a list
 * @example
 * ```ts
 * tableFile('沿线村庄', [{ key: 'name', label: '名称' }, { key: 'km', label: '距离（km）' }], [{ name: '琉璃渠村委会', km: 0.8 }], 'csv');
 * // { name: '沿线村庄.csv', type: 'text/csv;charset=utf-8', bytes: … }
 * ```
 */
export function tableFile(
  title: string,
  columns: readonly TableColumn[],
  rows: readonly Record<string, string | number | null>[],
  format: 'csv' | 'xlsx',
): ExportedFile {
  if (format !== 'csv' && format !== 'xlsx') throw say(`format: expected 'csv' or 'xlsx', got ${JSON.stringify(format)}`, `format 应为 'csv' 或 'xlsx'，而不是 ${JSON.stringify(format)}`);
  if (!Array.isArray(columns) || !Array.isArray(rows)) throw say('columns and rows: expected lists', 'columns 与 rows 应为列表');
  const header = columns.map((c) => c.label);
  const cells = rows.map((r) => columns.map((c) => r[c.key] ?? null));
  const name = `${safeFileStem(title, { fallback: 'table' })}.${format}`;
  if (format === 'csv') return { name, type: MIME.csv, bytes: new TextEncoder().encode(csvText([header, ...(cells as CsvCell[][])])) };
  return { name, type: MIME.xlsx, bytes: workbookBytes([{ name: title, header, rows: cells }]) };
}
