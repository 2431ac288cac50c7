/**
 * Importing a planner's own file into a plan, end to end and without UI: the bytes are read
 * (./readers/), the positions converted to WGS84 (./crs.ts), the rows joined to the register
 * (../plan/importRows.ts) or the lines made into corridors / culture belts, and the whole applied as
 * ONE new Plan, with a report of what was added, updated, left unchanged and rejected (with reasons in
 * English and Chinese). Pure: no DOM, no I/O beyond the bytes given; the input plan is never changed.
 *
 * What a file becomes:
 * - a table (CSV/TXT, XLSX) or point features (GeoJSON, KML/KMZ, GPX waypoints, Shapefile points) →
 *   rows joined to the register (`as: 'villages'`, the default); a feature's properties are its
 *   columns (a KML/GPX `name` is the name column) and its geometry its position; when no header
 *   names the role, a column whose values are the plan's roles is the role column (an 奥维 KML's
 *   `folder`, 村庄/示范村);
 * - line features with `as: 'corridor' | 'culture-belt'` → one new line each (`add-line`), marked
 *   `geometry_source: 'surveyed'` and sourced to the user's file; lines in a villages import, and
 *   points in a lines import, are rejected with a reason that says which `as` takes them;
 * - a plan package (.zip holding plan.json) with no `as` → the package itself: opening a package
 *   REPLACES the plan (`report.replaced` is true) rather than editing it.
 *
 * Coordinate systems: `options.crs` when given ('chosen'); else a Shapefile's `.prj` ('prj'); else what
 * the file says (KML, GPX and GeoJSON are WGS84 by their specs, an old GeoJSON `crs` member names an
 * EPSG code: 'file'); else guessed from the numbers' magnitudes ('guessed'), the plan's centre
 * deciding the central meridian of a Gauss–Krüger grid without zone prefix. A GCJ-02 (AMap, Tencent,
 * 奥维) or BD-09 (Baidu) file cannot be told from WGS84 by its numbers: when the file is geographic and
 * no `crs` was chosen, the report always carries a warning saying so. When the system cannot be
 * decided, the positions are not imported (a warning names the choice to make) and the other columns'
 * changes still are.
 *
 * @module
 */
import { packageText, planFrom, PlanLoadError } from './loadPlan.js';
import { summarizeProblems } from '../plan/problemSummary.js';
import { crsFromPrj, crsLabel, guessCrs, isCrsId, toWgs84, type CrsId, type XY } from './crs.js';
import { csvText } from './writers/csv.js';
import { readImportFile, ImportReadError, type FeaturesRead, type ImportRead, type ParseXml, type TableRead } from './readers/index.js';
import { applyCommand, type PlanCommand } from '../plan/commands.js';
import { applyImport, guessColumns, IMPORT_FIELDS, joinRows, parseRole, type ColumnMapping, type ImportField, type ImportRow } from '../plan/importRows.js';
import { lookup, roleKind, townName } from '../plan/lookup.js';
import { romanise } from './romanise.js';
import { PLAN_FILE_KEYS, type Bilingual, type LineFeature, type LineKind, type Plan, type PlanFileKey } from '../types/plan.js';
import type { Feature, Geometry, Position } from 'geojson';

/** What the file is imported as: villages joined to the register (default), or lines. */
export type ImportAs = 'villages' | 'corridor' | 'culture-belt';

export interface ImportFileOptions {
  /** The file's coordinate system, when the user knows it (the only way to import GCJ-02 or BD-09 correctly). */
  crs?: CrsId;
  /** What the file's features become. Default `'villages'`; a plan package only opens without it. */
  as?: ImportAs;
  /** XLSX: the sheet to read (default: the first that holds data; `report.sheets` lists them). */
  sheet?: string;
  /** Shapefile zip with several layers: the one to read (its name without `.shp`). */
  layer?: string;
  /**
   * Which column holds what, overriding the guess: field (`code`, `name`, `town`, `district`, `role`,
   * `year`, `lon`, `lat`, `x`, `y`) → column header (for features: property name). `''` unmaps a field
   * (and a `role` given, `''` too, is never guessed from the values).
   */
  columns?: Partial<Record<ImportField, string>>;
  /** A row that matches no village of the register: `'add'` it outside the register, or `'skip'` it (rejected). Default `'skip'`. */
  unmatched?: 'add' | 'skip';
  /** The user's picks for ambiguous names: row number → village code. */
  picks?: Readonly<Record<number, string>>;
  /** Lines: the name of the new line (several lines: `name`, `name (2)`, …). Default: each feature's name. */
  lineName?: string;
  /** `as: 'corridor'`: a road or a river. Default `'road'`. */
  lineKind?: 'road' | 'river';
  /** XML parser for KML/GPX (default: the platform's DOMParser, else the built-in one). */
  parseXml?: ParseXml;
}

/** What an import did (plain data: it is the `belt-import` event's detail too). */
export interface ImportReport {
  /** The file's name. */
  file: string;
  format: 'csv' | 'xlsx' | 'geojson' | 'kml' | 'kmz' | 'gpx' | 'shapefile' | 'package';
  /** Text encoding found (CSV/TXT, KML, GPX, GeoJSON, a Shapefile's DBF); null when none applies. */
  encoding: string | null;
  /** The coordinate system the positions were read in; null when the file has no positions, or it could not be decided (then none were imported). */
  crs: CrsId | null;
  /** Where `crs` came from: the user's choice, the `.prj`, the file itself, or a guess from the numbers; null with `crs`. */
  crsSource: 'chosen' | 'prj' | 'file' | 'guessed' | null;
  /** What the file was imported as; `'package'` for an opened plan package. */
  as: ImportAs | 'package';
  /** True when the file was a plan package and the returned plan replaces the plan. */
  replaced: boolean;
  /** XLSX: the sheet read, and all sheets with data when there are several. */
  sheet?: string;
  sheets?: string[];
  /** Shapefile: the layer read, and all layers when there are several. */
  layer?: string;
  layers?: string[];
  /** The column mapping used (villages): field → column. */
  columns: Partial<Record<ImportField, string>>;
  /**
   * Every column the file has, in file order: a table's headers; the features' property names in
   * first-seen order (a villages import: of its point features, what `options.columns` may name; a
   * lines import: of all its features). `[]` for a plan package.
   */
  fileColumns: string[];
  /** The first rows' cells (at most {@link SAMPLE_ROWS}; a lines import: the first features' properties), to show beside a column mapping. */
  sample: Record<string, string>[];
  /** Rows (tables) or features (the rest) read from the file. */
  rows: number;
  /** Villages added outside the register, or lines added. */
  added: number;
  /** Villages of the register the import changed. */
  updated: number;
  /** Rows that matched a village and changed nothing. */
  unchanged: number;
  /**
   * Every accepted row: the village it went to, how it was joined, and what it changed; `codeWritten`
   * when the row gave a code that is not in the register and was joined by its name (a warning says so).
   */
  matches: { row: number; code: string; how: 'code' | 'name' | 'name+town' | 'added'; codeWritten?: string; changes: { role?: string; year?: number | null; position?: [number, number] } }[];
  /** The lines added. */
  lines: { id: string; name: string; layer: 'corridors' | 'cultureBelts'; feature: number }[];
  /**
   * Every row or feature not applied: its number in the file (row of a table, 1-based feature index),
   * why, in English and Chinese, and its original `cells` (a table row's values, a feature's
   * properties, by column; `{}` when it has none), so it can be fixed and imported again ({@link rejectedRowsCsv}).
   */
  rejected: { row: number; reason: string; zh: string; cells: Record<string, string> }[];
  /** Rows whose name fits several villages (they are in `rejected` too); pass `picks` to choose. */
  ambiguous: { row: number; name: string; candidates: { code: string; name: string; town: string; name_en: string; town_en: string }[] }[];
  /** What the user should know (a possible GCJ-02/BD-09 file, a guessed system, positions not imported, other sheets; then the rows': a year outside the plan's years …). */
  warnings: Bilingual[];
}

/** An import that cannot be done at all: `message` in English, `zh` in Chinese, both naming the file. */
export { ImportReadError as ImportFileError };

/** How many rows `report.sample` holds. */
export const SAMPLE_ROWS = 3;

const FORMATS_WITH_NAMES = new Set(['kml', 'kmz', 'gpx']);
const GEOGRAPHIC: readonly string[] = ['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4326', 'EPSG:4490'];
const isGeographic = (crs: CrsId): boolean => GEOGRAPHIC.includes(crs);
const AS: readonly ImportAs[] = ['villages', 'corridor', 'culture-belt'];

const say = (en: string, zh: string): Bilingual => ({ en, zh });
/** A row or feature that is not applied, before it goes into the report. */
type Rejection = { row: number; reason: Bilingual; cells: Record<string, string> };
/** A feature's properties as the cells of a row (a copy). */
const propertyCells = (f: Feature): Record<string, string> => Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, String(v)]));
/** The columns of rows of cells (a table's rows, features' properties): every key, in first-seen order. */
function columnsOf(rows: readonly Record<string, string>[]): string[] {
  const columns = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) columns.add(k);
  return [...columns];
}
const fmt = (p: readonly number[]) => `[${p.map((x) => Number(x.toFixed(6))).join(', ')}]`;

/** A number as a planner writes it in a cell: full-width digits, spaces, a comma as decimal separator. */
function cellNumber(s: string | undefined): number | null {
  if (s === undefined) return null;
  const t = s.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
}

/** The plan's centre longitude: the middle of its first view. */
function planCentreLon(plan: Plan): number {
  const b = plan.manifest.views[0]?.bounds;
  return b ? (b[0] + b[2]) / 2 : 116.4;
}

function checkOptions(name: string, options: ImportFileOptions): void {
  const bad = (en: string, zh: string): never => {
    throw new ImportReadError(name, en, zh);
  };
  if (options === null || typeof options !== 'object') bad(`options: expected an object, got ${String(options)}`, `options 应为对象`);
  if (options.crs !== undefined && !isCrsId(options.crs))
    bad(
      `options.crs: ${JSON.stringify(options.crs)} is not a supported coordinate system (use 'WGS84', 'CGCS2000', 'GCJ-02', 'BD-09' or 'EPSG:4491'…'EPSG:4554')`,
      `options.crs：不支持的坐标系 ${JSON.stringify(options.crs)}（可用 'WGS84'、'CGCS2000'、'GCJ-02'、'BD-09' 或 'EPSG:4491'…'EPSG:4554'）`,
    );
  if (options.as !== undefined && !AS.includes(options.as))
    bad(`options.as: expected 'villages', 'corridor' or 'culture-belt', got ${JSON.stringify(options.as)}`, `options.as 应为 'villages'、'corridor' 或 'culture-belt'，而不是 ${JSON.stringify(options.as)}`);
  if (options.unmatched !== undefined && options.unmatched !== 'add' && options.unmatched !== 'skip')
    bad(`options.unmatched: expected 'add' or 'skip', got ${JSON.stringify(options.unmatched)}`, `options.unmatched 应为 'add' 或 'skip'`);
  if (options.lineKind !== undefined && options.lineKind !== 'road' && options.lineKind !== 'river')
    bad(`options.lineKind: expected 'road' or 'river', got ${JSON.stringify(options.lineKind)}`, `options.lineKind 应为 'road' 或 'river'`);
  if (options.lineName !== undefined && (typeof options.lineName !== 'string' || options.lineName.trim() === ''))
    bad('options.lineName: expected a non-empty name', 'options.lineName 应为非空名称');
  if (options.columns !== undefined) {
    if (options.columns === null || typeof options.columns !== 'object') bad('options.columns: expected an object { field: column }', 'options.columns 应为 { 字段: 列名 } 对象');
    for (const [k, v] of Object.entries(options.columns)) {
      if (!(IMPORT_FIELDS as readonly string[]).includes(k))
        bad(`options.columns: unknown field ${JSON.stringify(k)} (fields: ${IMPORT_FIELDS.join(', ')})`, `options.columns：未知字段 ${JSON.stringify(k)}（可用字段：${IMPORT_FIELDS.join('、')}）`);
      if (typeof v !== 'string') bad(`options.columns.${k}: expected a column name (a string)`, `options.columns.${k} 应为列名（字符串）`);
    }
  }
}

/** Headers of a column that holds a category (奥维's folder path, 村庄/示范村): preferred when several columns' values are roles. */
const CATEGORY_HEADERS: readonly string[] = ['folder', '文件夹', '分类', '类别', '类型'];

/**
 * A column whose values are roles of the plan, for a file whose headers name no role column (an 奥维
 * KML keeps the role only as the folder): every non-empty sample value (at least one) parses as a
 * role ({@link parseRole}) and one at least is a role of the plan's (not of the none kind); a column
 * named as {@link CATEGORY_HEADERS} first, else the first in file order.
 */
function roleColumnByValues(plan: Plan, columns: readonly string[], sample: readonly Record<string, string>[], taken: ReadonlySet<string>): string | undefined {
  const fitting = columns.filter((c) => {
    if (taken.has(c)) return false;
    const values = sample.map((r) => String(r[c] ?? '').trim()).filter((v) => v !== '');
    const roles = values.map((v) => parseRole(v, plan));
    // A column of only 其他 / 无 (the plan's none-kind roles) says nothing about the plan: not taken.
    return roles.length > 0 && roles.every((r) => r !== null) && roles.some((r) => roleKind(plan, r!) !== 'none');
  });
  return fitting.find((c) => CATEGORY_HEADERS.includes(c.trim().toLowerCase())) ?? fitting[0];
}

/**
 * The guessed mapping, overridden by the user's; a named column must exist. When no column is
 * guessed as the role and the user gave none (`''` included), a column whose values are roles is
 * ({@link roleColumnByValues}), among the columns no other field holds or the user named.
 */
function mappingFor(plan: Plan, name: string, columns: string[], sample: Record<string, string>[], given: ImportFileOptions['columns'], format: string): ColumnMapping {
  const mapping = guessColumns(columns, sample);
  if (FORMATS_WITH_NAMES.has(format) && columns.includes('name')) {
    for (const f of IMPORT_FIELDS) if (mapping[f] === 'name') delete mapping[f];
    mapping.name = 'name';
  }
  if (mapping.role === undefined && given?.role === undefined) {
    const taken = new Set([...Object.values(mapping), ...Object.values(given ?? {})]);
    const role = roleColumnByValues(plan, columns, sample, taken);
    if (role !== undefined) mapping.role = role;
  }
  for (const [field, column] of Object.entries(given ?? {}) as [ImportField, string][]) {
    if (column === '') {
      delete mapping[field];
      continue;
    }
    if (!columns.includes(column)) {
      const list = columns.slice(0, 30).join(', ');
      throw new ImportReadError(name, `options.columns.${field}: the file has no column ${JSON.stringify(column)} (it has ${list})`, `options.columns.${field}：文件中没有列 “${column}”（现有列：${list}）`);
    }
    // A column holds one field: the user's choice takes it from the guess.
    for (const f of IMPORT_FIELDS) if (mapping[f] === column) delete mapping[f];
    mapping[field] = column;
  }
  return mapping;
}

interface Converted {
  positions: (XY | null)[];
  /** Per index: why the position could not be converted. */
  bad: Map<number, Bilingual>;
  crs: CrsId | null;
  crsSource: ImportReport['crsSource'];
  warnings: Bilingual[];
}

/**
 * Decides the system and converts raw positions (null: none) to WGS84.
 * `declared` is what the file says (prj or file), with its source.
 */
function convertPositions(plan: Plan, raw: (XY | null)[], chosen: CrsId | undefined, declared: { crs: CrsId; source: 'prj' | 'file' } | null, undecided: Bilingual | null): Converted {
  const warnings: Bilingual[] = [];
  const present = raw.filter((p): p is XY => p !== null);
  const none: Converted = { positions: raw.map(() => null), bad: new Map(), crs: null, crsSource: null, warnings };
  if (present.length === 0) return none;
  const hint = { lon: planCentreLon(plan) };
  let crs: CrsId | null = null;
  let source: ImportReport['crsSource'] = null;
  let swap = false;
  const guess = () => {
    const en = guessCrs(present, { lang: 'en' });
    if (en.crs !== null) return { g: en, zh: guessCrs(present, { lang: 'zh-CN' }) };
    const hinted = guessCrs(present, { hint, lang: 'en' });
    if (hinted.crs !== null || present.length < 5) return { g: hinted, zh: guessCrs(present, { hint, lang: 'zh-CN' }) };
    // A few wrong rows (a typo, a row in another zone) should not leave the whole file undecided: when
    // at least 90 % of the positions fit one system, it is taken, and the others fail their conversion
    // (or the plan's extent) and are rejected with their reasons.
    const key = (p: XY) => {
      const g = guessCrs([p], { hint });
      return g.crs === null ? '' : `${g.crs}|${g.swapXY ? 1 : 0}`;
    };
    const keys = present.map(key);
    const tally = new Map<string, number>();
    for (const k of keys) if (k !== '') tally.set(k, (tally.get(k) ?? 0) + 1);
    const [top, count] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (top === '' || count < 0.9 * present.length) return { g: hinted, zh: guessCrs(present, { hint, lang: 'zh-CN' }) };
    const fitting = present.filter((_, i) => keys[i] === top);
    const g = guessCrs(fitting, { hint, lang: 'en' });
    const zh = guessCrs(fitting, { hint, lang: 'zh-CN' });
    const others = present.length - count;
    warnings.push(say(`${count} of ${present.length} positions fit one coordinate system; the other ${others} do not and are rejected.`, `${present.length} 个位置中 ${count} 个符合同一坐标系；其余 ${others} 个不符合，已拒绝。`));
    return { g, zh };
  };
  if (chosen) {
    crs = chosen;
    source = 'chosen';
    // Latitude first, or a surveyor's X = northing: swapped when the numbers say so and fit the system chosen.
    const { g } = guess();
    swap = !!g.swapXY && g.crs !== null && isGeographic(g.crs) === isGeographic(chosen);
  } else if (declared) {
    const inRange = present.every((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
    if (declared.source === 'file' && isGeographic(declared.crs) && !inRange) {
      // A GeoJSON says WGS84 by its spec, but the numbers are metres: guess instead.
      const { g, zh } = guess();
      warnings.push(say(`The file does not say its coordinate system and its numbers are not longitudes/latitudes. ${g.why}`, `文件未注明坐标系，且数值不是经纬度。${zh.why}`));
      crs = g.crs;
      source = g.crs ? 'guessed' : null;
      swap = !!g.swapXY;
    } else {
      crs = declared.crs;
      source = declared.source;
    }
  } else {
    if (undecided) warnings.push(undecided);
    const { g, zh } = guess();
    crs = g.crs;
    source = g.crs ? 'guessed' : null;
    swap = !!g.swapXY;
    if (g.crs === null || !isGeographic(g.crs)) warnings.push(say(g.why, zh.why));
    else if (g.swapXY) warnings.push(say('The first coordinate column looks like latitude and the second like longitude: read with the two swapped.', '第一列坐标像纬度、第二列像经度：已互换读取。'));
  }
  if (crs === null) {
    warnings.push(
      say(
        `Positions were not imported: choose the coordinate system (options.crs), then import again. The rows' other columns were applied.`,
        `未导入位置：请选择坐标系（options.crs）后重新导入。各行的其他列已导入。`,
      ),
    );
    return { ...none, warnings };
  }
  if (!chosen && isGeographic(crs))
    warnings.push(
      say(
        `Read as ${crsLabel(crs, 'en')}. A file never says whether it is GCJ-02 (AMap 高德, Tencent 腾讯, Ovital 奥维) or BD-09 (Baidu 百度): an export from those maps must be imported with crs 'GCJ-02' or 'BD-09', or its points land about 500 m off.`,
        `按 ${crsLabel(crs, 'zh-CN')} 读取。文件本身不会注明是否为 GCJ-02（高德、腾讯、奥维）或 BD-09（百度）坐标：从这些地图导出的数据须选择坐标系 'GCJ-02' 或 'BD-09' 导入，否则位置会偏移约 500 米。`,
      ),
    );
  const ordered = raw.map((p) => (p && swap ? ([p[1], p[0]] as XY) : p));
  const positions: (XY | null)[] = new Array(raw.length).fill(null);
  const bad = new Map<number, Bilingual>();
  const index = ordered.flatMap((p, i) => (p ? [i] : []));
  const list = index.map((i) => ordered[i]!);
  try {
    toWgs84(crs, list).forEach((q, k) => (positions[index[k]!] = q));
  } catch {
    // One bad position fails the batch: convert one by one to say which and why.
    for (const i of index) {
      try {
        positions[i] = toWgs84(crs, [ordered[i]!])[0]!;
      } catch (error) {
        const detail = (error as Error).message.replace(/^positions\[\d+\]: /, '');
        bad.set(i, say(`the position ${fmt(raw[i]!)} is not in ${crsLabel(crs, 'en')}: ${detail}`, `位置 ${fmt(raw[i]!)} 不符合 ${crsLabel(crs, 'zh-CN')}：${detail}`));
      }
    }
  }
  return { positions, bad, crs, crsSource: source, warnings };
}

/** What the file declares about its system (`.prj` or the format), or why it cannot be used. */
function declaredCrs(read: FeaturesRead): { declared: { crs: CrsId; source: 'prj' | 'file' } | null; undecided: Bilingual | null } {
  if (read.prj !== undefined) {
    const crs = crsFromPrj(read.prj);
    if (crs) return { declared: { crs, source: 'prj' }, undecided: null };
    const name = /^\s*\w+\[\s*"([^"]*)"/.exec(read.prj)?.[1] ?? read.prj.slice(0, 60);
    return {
      declared: null,
      undecided: say(
        `The .prj describes a coordinate system belt-map cannot convert (${name}); only WGS84/CGCS2000 and CGCS2000 Gauss–Krüger are supported.`,
        `.prj 描述的坐标系无法转换（${name}）；仅支持 WGS84/CGCS2000 经纬度与 CGCS2000 高斯-克吕格投影。`,
      ),
    };
  }
  if (read.crs !== undefined) {
    const c = read.crs.replace(/^urn:ogc:def:crs:/i, '');
    const id = /CRS84$/i.test(c) ? 'WGS84' : /^EPSG::?(\d+)$/i.test(c) ? `EPSG:${/(\d+)$/.exec(c)![1]}` : c;
    if (isCrsId(id)) return { declared: { crs: id, source: 'file' }, undecided: null };
    return {
      declared: null,
      undecided: say(`The file names its coordinate system ${read.crs}, which belt-map cannot convert.`, `文件注明的坐标系 ${read.crs} 无法转换。`),
    };
  }
  return { declared: null, undecided: null };
}

const describeFeature = (f: Feature, n: number): Bilingual => {
  const name = String(f.properties?.['name'] ?? '').trim();
  return say(`feature ${n}${name ? ` (${name})` : ''}`, `第 ${n} 个要素${name ? `（${name}）` : ''}`);
};

const GEOMETRY_TYPES: ReadonlySet<unknown> = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
/**
 * Whether a feature's `geometry` is one the import can look at: null (no position), or an object of a
 * GeoJSON geometry type. A missing member, a string or an unknown type is not (geojsonhint's
 * bad-duplicate-properties, geojson-invalid-geometry's invalid_feature_wrong_geometry_key: they used to
 * throw a TypeError with no message in Chinese).
 */
const isGeometry = (g: unknown): g is Geometry | null => g === null || (typeof g === 'object' && !Array.isArray(g) && GEOMETRY_TYPES.has((g as { type?: unknown }).type));
const noGeometry = (what: Bilingual): Bilingual =>
  say(`${what.en} has no GeoJSON geometry ("geometry" is missing or not a geometry object)`, `${what.zh}没有有效的 GeoJSON 几何对象（“geometry” 缺失或不是几何对象）`);
/** A GeoJSON position: an array of at least two finite numbers. */
const isPosition = (p: unknown): p is Position => Array.isArray(p) && p.length >= 2 && p.every((c) => typeof c === 'number' && Number.isFinite(c));
const isPointLike = (g: Geometry | null): boolean => g === null || g.type === 'Point' || (g.type === 'MultiPoint' && g.coordinates.length === 1);
const isLine = (g: Geometry | null): g is Extract<Geometry, { type: 'LineString' | 'MultiLineString' }> => g?.type === 'LineString' || g?.type === 'MultiLineString';

/** A rejection as the report holds it. */
const reported = (r: Rejection): ImportReport['rejected'][number] => ({ row: r.row, reason: r.reason.en, zh: r.reason.zh, cells: { ...r.cells } });

type Part = Pick<ImportReport, 'added' | 'updated' | 'unchanged' | 'matches' | 'rejected' | 'ambiguous'>;

/** Join rows and their raw positions → the report's village part and the new plan. */
function importRows(
  plan: Plan,
  fileName: string,
  rows: ImportRow[],
  raw: (XY | null)[] | undefined,
  mapping: ColumnMapping,
  conv: Converted | null,
  preRejected: Rejection[],
  options: ImportFileOptions,
): { plan: Plan; part: Part; rowWarnings: Bilingual[] } {
  // Rows whose position could not be converted are rejected here with the conversion's reason.
  const keep: number[] = [];
  const rejected = [...preRejected];
  rows.forEach((r, i) => {
    const why = conv?.bad.get(i);
    if (why) rejected.push({ row: r.row, reason: why, cells: { ...r.values } });
    else keep.push(i);
  });
  const usePositions = raw !== undefined && conv !== null && conv.crs !== null;
  // Positions not imported (system undecided): the coordinate columns are left out, the rest applies.
  const joinMapping: ColumnMapping = { ...mapping };
  if (!usePositions) for (const f of ['lon', 'lat', 'x', 'y'] as const) delete joinMapping[f];
  const result = joinRows(
    plan,
    keep.map((i) => rows[i]!),
    joinMapping,
    {
      ...(usePositions ? { positions: keep.map((i) => conv.positions[i] ?? null) } : {}),
      unmatched: options.unmatched ?? 'skip',
      ...(options.picks ? { picks: options.picks } : {}),
      file: fileName,
    },
  );
  const all = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row);
  return {
    plan: applyImport(plan, result),
    part: {
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      matches: result.matches.map((m) => ({ row: m.row, code: m.code, how: m.how, ...(m.codeWritten !== undefined ? { codeWritten: m.codeWritten } : {}), changes: { ...m.changes } })),
      rejected: all.map(reported),
      // A candidate with its romanised name and town, for the dialog in English.
      ambiguous: result.ambiguous.map((a) => ({
        row: a.row,
        name: a.name,
        candidates: a.candidates.map((c) => {
          const v = lookup(plan).villageByCode.get(c.code)?.properties;
          return { ...c, name_en: v?.name_en ?? '', town_en: v ? townName(plan, v, true) : c.town };
        }),
      })),
    },
    rowWarnings: result.warnings.map((w) => ({ ...w })),
  };
}

function tableImport(plan: Plan, fileName: string, read: TableRead, options: ImportFileOptions) {
  const rows: ImportRow[] = read.rows;
  const mapping = mappingFor(plan, fileName, read.columns, rows.slice(0, 20).map((r) => r.values), options.columns, read.format);
  // One pair of columns gives the positions: lon/lat when mapped and written, else x/y.
  const pair = (a: ImportField, b: ImportField) => (mapping[a] !== undefined && mapping[b] !== undefined ? ([mapping[a], mapping[b]] as const) : null);
  const geo = pair('lon', 'lat');
  const proj = pair('x', 'y');
  const written = (cols: readonly [string, string] | null) => !!cols && rows.some((r) => (r.values[cols[0]] ?? '').trim() !== '' && (r.values[cols[1]] ?? '').trim() !== '');
  const cols = written(geo) ? geo : written(proj) ? proj : null;
  let raw: (XY | null)[] | undefined;
  let conv: Converted | null = null;
  if (cols) {
    raw = rows.map((r) => {
      const x = cellNumber(r.values[cols[0]]);
      const y = cellNumber(r.values[cols[1]]);
      return x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
    });
    conv = convertPositions(plan, raw, options.crs, null, null);
    // The pair not used does not make joinRows reject rows.
    for (const f of cols === geo ? (['x', 'y'] as const) : (['lon', 'lat'] as const)) delete mapping[f];
  }
  const shown = { fileColumns: [...read.columns], sample: rows.slice(0, SAMPLE_ROWS).map((r) => ({ ...r.values })) };
  return { mapping, ...shown, ...importRows(plan, fileName, rows, raw, mapping, conv, [], options), conv };
}

/** The `layer` values of belt-map's GeoJSON and KML exports (`EXPORT_LAYERS` of ./exportPlan.ts, which this worker-side module does not load). */
const OWN_EXPORT_LAYERS: ReadonlySet<unknown> = new Set(['districts', 'town-seats', 'cluster-areas', 'belts', 'corridors', 'culture-belts', 'villages']);

/** Whether features come from belt-map's own export: every one has a `layer` of the export's, and some are villages. */
function ownExportLayers(features: readonly Feature[]): boolean {
  return features.some((f) => f.properties?.['layer'] === 'villages') && features.every((f) => OWN_EXPORT_LAYERS.has(f.properties?.['layer']));
}

function featuresImport(plan: Plan, fileName: string, read: FeaturesRead, options: ImportFileOptions) {
  const as = options.as ?? 'villages';
  const { declared, undecided } = declaredCrs(read);
  const features = read.features;
  const preRejected: Rejection[] = [];

  if (as === 'villages') {
    const rows: ImportRow[] = [];
    const raw: (XY | null)[] = [];
    const ours = ownExportLayers(features);
    features.forEach((f, i) => {
      const n = i + 1;
      // belt-map's own GeoJSON/KML export: its other layers (town seats, lines, areas) are not villages.
      if (ours && f.properties?.['layer'] !== 'villages') return;
      const what = describeFeature(f, n);
      if (!isGeometry(f.geometry)) {
        preRejected.push({ row: n, cells: propertyCells(f), reason: noGeometry(what) });
        return;
      }
      if (!isPointLike(f.geometry)) {
        const kind = f.geometry!.type;
        const line = /LineString/.test(kind);
        preRejected.push({
          row: n,
          cells: propertyCells(f),
          reason: line
            ? say(
                `${what.en} is a line (${kind}): import the file as a corridor or a culture belt ("Import as"; as: 'corridor' | 'culture-belt') to add it as a line`,
                `${what.zh}是线（${kind}）：请将文件导入为“廊道”或“文化带”（“导入为”；as: 'corridor' | 'culture-belt'），作为线加入`,
              )
            : say(`${what.en} is a ${kind}, not a point: only points become villages`, `${what.zh}是 ${kind}，不是点：只有点可作为村庄导入`),
        });
        return;
      }
      const g = f.geometry as Extract<Geometry, { type: 'Point' | 'MultiPoint' }> | null;
      const c = g === null ? null : g.type === 'Point' ? g.coordinates : g.coordinates[0]!;
      rows.push({ row: n, values: propertyCells(f) });
      raw.push(c && Number.isFinite(c[0]) && Number.isFinite(c[1]) ? [c[0]!, c[1]!] : null);
    });
    const columns = columnsOf(rows.map((r) => r.values));
    const mapping = mappingFor(plan, fileName, columns, rows.slice(0, 20).map((r) => r.values), options.columns, read.format);
    // A feature's position is its geometry: coordinate columns (a Shapefile's lon/lat attributes) are not read.
    for (const f of ['lon', 'lat', 'x', 'y'] as const) delete mapping[f];
    const conv = convertPositions(plan, raw, options.crs, declared, undecided);
    const shown = { fileColumns: columns, sample: rows.slice(0, SAMPLE_ROWS).map((r) => ({ ...r.values })) };
    const left = ours ? features.length - rows.length - preRejected.length : 0;
    const ownWarnings = left
      ? [say(`This is a belt-map export: only its ${rows.length + preRejected.length} features of the layer "villages" were read as villages; ${left} features of its other layers (districts, town seats, lines, areas) were left out.`, `这是 belt-map 导出的文件：只把 “villages”（村庄）图层的 ${rows.length + preRejected.length} 个要素作为村庄读取，其他图层（区界、乡镇驻地、线、片区范围）的 ${left} 个要素未导入。`)]
      : [];
    const joined = importRows(plan, fileName, rows, raw, mapping, conv, preRejected, options);
    return { mapping, ...shown, ...joined, conv, lines: [] as ImportReport['lines'], rowWarnings: [...ownWarnings, ...joined.rowWarnings] };
  }

  // ---- lines
  const layer = as === 'corridor' ? ('corridors' as const) : ('cultureBelts' as const);
  const kind: LineKind = as === 'corridor' ? (options.lineKind ?? 'road') : 'culture-belt';
  const lineFeatures: { n: number; f: Feature; parts: Position[][] }[] = [];
  features.forEach((f, i) => {
    const n = i + 1;
    const what = describeFeature(f, n);
    if (!isGeometry(f.geometry)) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: noGeometry(what) });
      return;
    }
    if (!isLine(f.geometry)) {
      const point = f.geometry === null || /Point/.test(f.geometry.type);
      preRejected.push({
        row: n,
        cells: propertyCells(f),
        reason: point
          ? say(`${what.en} is a point${f.properties?.['gpxType'] === 'waypoint' ? ' (a waypoint)' : ''}, not a line: import the file as villages for its points`, `${what.zh}是点，不是线：点请按村庄导入`)
          : say(`${what.en} is a ${f.geometry!.type}, not a line`, `${what.zh}是 ${f.geometry!.type}，不是线`),
      });
      return;
    }
    const all: unknown = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    // Every position two finite numbers, else the line is rejected: a LineString whose "coordinates" is one
    // position (geojson-invalid-geometry's invalid_geometry_depth_shallow_linestring) used to reach the
    // conversion as [undefined, undefined] and throw a plain Error, English only.
    if (!Array.isArray(all) || !all.every((p) => Array.isArray(p) && p.every(isPosition))) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: say(`${what.en} has a position that is not a pair of numbers`, `${what.zh}有的位置不是一对数字`) });
      return;
    }
    const parts = (all as Position[][]).filter((p) => p.length >= 2);
    if (parts.length === 0) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: say(`${what.en} has fewer than two positions`, `${what.zh}少于两个点`) });
      return;
    }
    lineFeatures.push({ n, f, parts });
  });
  // One system for all the file's vertices.
  const raw: XY[] = lineFeatures.flatMap(({ parts }) => parts.flat().map((c) => [c[0]!, c[1]!] as XY));
  const conv = convertPositions(plan, raw, options.crs, declared, undecided);
  let next = plan;
  const lines: ImportReport['lines'] = [];
  const ids = new Set(lookup(plan).lineById.keys());
  let k = 0;
  const base = fileName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '') || fileName;
  const label = conv.crs ? crsLabel(conv.crs, 'en') : '';
  const labelZh = conv.crs ? crsLabel(conv.crs, 'zh-CN') : '';
  for (const { n, f, parts } of lineFeatures) {
    const what = describeFeature(f, n);
    const converted: XY[][] = [];
    let why: Bilingual | undefined;
    for (const part of parts) {
      const out: XY[] = [];
      for (const _ of part) {
        const i = k++;
        why ??= conv.bad.get(i);
        const q = conv.positions[i];
        if (q) out.push(q);
      }
      converted.push(out);
    }
    if (conv.crs === null) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: say(`${what.en}: its coordinate system could not be decided (choose options.crs)`, `${what.zh}：无法确定坐标系（请选择 options.crs）`) });
      continue;
    }
    if (why) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: say(`${what.en}: ${why.en}`, `${what.zh}：${why.zh}`) });
      continue;
    }
    const count = lines.length + 1;
    const featureName = String(f.properties?.['name'] ?? f.properties?.['名称'] ?? f.properties?.['NAME'] ?? '').trim();
    const name = options.lineName ? (count === 1 ? options.lineName.trim() : `${options.lineName.trim()} (${count})`) : featureName || `${base} ${count}`;
    let id = `import-${count}`;
    for (let m = count; ids.has(id); m++) id = `import-${m + 1}`;
    ids.add(id);
    const geometry = converted.length === 1 ? { type: 'LineString' as const, coordinates: converted[0]! } : { type: 'MultiLineString' as const, coordinates: converted };
    const feature: LineFeature = {
      type: 'Feature',
      geometry,
      properties: {
        id,
        kind,
        name,
        name_en: '',
        district: '',
        geometry_source: 'surveyed',
        via: [],
        citations: [],
        source: `the user's own data, imported from the file ${fileName} (feature ${n})`,
        source_zh: `用户自有数据，导入自文件 ${fileName}（第 ${n} 个要素）`,
        accuracy: `as surveyed in the user's file (${label})`,
        accuracy_zh: `按用户文件的测量（${labelZh}）`,
      },
    };
    const command: PlanCommand = { type: 'add-line', layer, feature };
    try {
      next = applyCommand(next, command);
    } catch (error) {
      preRejected.push({ row: n, cells: propertyCells(f), reason: say(`${what.en}: ${(error as Error).message}`, `${what.zh}：${(error as Error).message}`) });
      ids.delete(id);
      continue;
    }
    lines.push({ id, name, layer, feature: n });
  }
  const rejected = preRejected.sort((a, b) => a.row - b.row).map(reported);
  const cells = features.map(propertyCells);
  return {
    mapping: {} as ColumnMapping,
    fileColumns: columnsOf(cells),
    sample: cells.slice(0, SAMPLE_ROWS),
    plan: next,
    part: { added: lines.length, updated: 0, unchanged: 0, matches: [], rejected, ambiguous: [] },
    conv,
    lines,
  };
}

/** A plan package: plan.json and the files it names → a validated Plan. */
function packagePlan(fileName: string, files: Record<string, Uint8Array>): Plan {
  const json = (path: string): unknown => {
    const bytes = files[path];
    if (!bytes) throw new ImportReadError(fileName, `the package has no ${path}`, `数据包中没有 ${path}`);
    let text: string;
    try {
      text = packageText(path, bytes);
    } catch (error) {
      const e = error as Error & { zh: string };
      throw new ImportReadError(fileName, e.message, e.zh);
    }
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ImportReadError(fileName, `${path} is not valid JSON: ${(error as Error).message}`, `${path} 不是有效的 JSON：${(error as Error).message}`);
    }
  };
  const manifest = json('plan.json') as { files?: Record<string, unknown> } | null;
  const names = manifest?.files;
  if (!names || typeof names !== 'object')
    throw new ImportReadError(fileName, 'plan.json is not a belt-map plan manifest (no "files" member)', 'plan.json 不是 belt-map 规划数据包清单（缺少 “files”）');
  const parsed: Partial<Record<PlanFileKey, unknown>> = {};
  for (const key of PLAN_FILE_KEYS) {
    const path = names[key];
    if (typeof path === 'string') parsed[key] = json(path.replace(/^\.\//, ''));
  }
  try {
    return planFrom({ manifest, files: parsed });
  } catch (error) {
    const e = error as Error & { zh?: string };
    // The import dialog shows one line: the first problem, clipped, and a count (a package with a bad
    // villages file used to give ~750 characters, every line's vias listed); planFrom's own summary stays as it is.
    if (error instanceof PlanLoadError && error.problems.length) {
      const short = summarizeProblems({ en: 'The plan package is not valid', zh: '规划数据包无效' }, error.problems, { shown: 1, maxChars: 110 });
      throw new ImportReadError(fileName, short.en, short.zh);
    }
    throw new ImportReadError(fileName, e.message, e.zh ?? e.message);
  }
}

/**
 * Imports a planner's file into a plan: reads it, converts its positions to WGS84, joins its rows to
 * the register or makes its lines, and applies the whole as ONE new Plan (see the module comment).
 *
 * @param plan - the plan to import into (never changed)
 * @param file - `{ name, bytes }`: the file's name (its extension helps tell the format) and contents
 * @param options - {@link ImportFileOptions}
 * @returns `{ plan, report }`: the new plan (the input plan itself when nothing changed; a package's own
 *   plan when `report.replaced`) and the {@link ImportReport}
 * @throws (rejects with) an Error with `message` (English) and `zh` (Chinese), both naming the file,
 *   when the file cannot be read at all (empty, not what its name says, no usable content), an option
 *   is wrong, a table is imported as lines, or a plan package is imported with `as` or does not validate
 * @example
 * ```ts
 * const { plan: next, report } = await importIntoPlan(plan, { name: '名单.csv', bytes }, { crs: 'BD-09', unmatched: 'add' });
 * report.rejected; // [{ row: 7, reason: 'unknown role "重点村" (…)', zh: '未知角色 “重点村”（…）', cells: { 村名: '灵水村', 角色: '重点村', … } }]
 * const download = rejectedRowsCsv(report, 'zh'); // to fix and import again
 * ```
 */
export async function importIntoPlan(plan: Plan, file: { name: string; bytes: Uint8Array }, options: ImportFileOptions = {}): Promise<{ plan: Plan; report: ImportReport }> {
  const name = String(file?.name ?? '') || 'file';
  checkOptions(name, options ?? {});
  if (!(file?.bytes instanceof Uint8Array)) throw new ImportReadError(name, 'file.bytes: expected the file contents as a Uint8Array', 'file.bytes 应为 Uint8Array 文件内容');
  const read: ImportRead = await readImportFile(name, file.bytes, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.layer !== undefined ? { layer: options.layer } : {}),
    ...(options.parseXml ? { parseXml: options.parseXml } : {}),
  });
  const empty: Part & { lines: ImportReport['lines'] } = { added: 0, updated: 0, unchanged: 0, matches: [], lines: [], rejected: [], ambiguous: [] };

  if (read.kind === 'package') {
    if (options.as !== undefined)
      throw new ImportReadError(
        name,
        `this is a plan package (plan.json inside): it opens as a whole plan, without options.as (got as '${options.as}')`,
        `这是规划数据包（内含 plan.json）：应作为完整方案打开，不能指定 options.as（'${options.as}'）`,
      );
    const opened = packagePlan(name, read.files);
    const report: ImportReport = {
      file: name,
      format: 'package',
      encoding: null,
      crs: null,
      crsSource: null,
      as: 'package',
      replaced: true,
      columns: {},
      fileColumns: [],
      sample: [],
      rows: 0,
      ...empty,
      warnings: [say(`The plan package ${opened.manifest.name.en} replaces the plan.`, `规划数据包 ${opened.manifest.name.zh} 替换了当前方案。`)],
    };
    return { plan: opened, report };
  }

  const as = options.as ?? 'villages';
  const warnings: Bilingual[] = [];
  if (read.undecodable) {
    const { count, line } = read.undecodable;
    const enc = read.encoding ?? 'UTF-8';
    warnings.push(
      say(
        `The file is not valid ${enc}: ${count} byte${count === 1 ? '' : 's'} could not be read and show as "\uFFFD" (first ${read.format === 'shapefile' ? 'in record' : 'on line'} ${line}). Names with "\uFFFD" are not as in the file: save it as UTF-8 and import it again.`,
        `文件不是有效的 ${enc} 编码：${count} 处字节无法读取，显示为 “\uFFFD”（首处在第 ${line} ${read.format === 'shapefile' ? '条记录' : '行'}）。含 “\uFFFD” 的名称与文件不符：请将文件另存为 UTF-8 后重新导入。`,
      ),
    );
  }
  let result: { mapping: ColumnMapping; fileColumns: string[]; sample: Record<string, string>[]; plan: Plan; part: Part; conv: Converted | null; lines?: ImportReport['lines']; rowWarnings?: Bilingual[] };
  if (read.kind === 'table') {
    if (as !== 'villages')
      throw new ImportReadError(
        name,
        `a table (${read.format.toUpperCase()}) holds no lines: import it as villages (a line comes from a GPX, KML, GeoJSON or Shapefile)`,
        `表格（${read.format.toUpperCase()}）中没有线：请按村庄导入（线可来自 GPX、KML、GeoJSON 或 Shapefile）`,
      );
    if (read.sheets && read.sheets.length > 1 && options.sheet === undefined)
      warnings.push(
        say(`The workbook has ${read.sheets.length} sheets with data (${read.sheets.join(', ')}); read "${read.sheet}". Choose another with options.sheet.`, `工作簿有 ${read.sheets.length} 个含数据的工作表（${read.sheets.join('、')}），已读取 “${read.sheet}”；可用 options.sheet 选择其他工作表。`),
      );
    result = tableImport(plan, name, read, options);
  } else {
    if (read.layers && read.layers.length > 1 && options.layer === undefined)
      warnings.push(say(`The archive has ${read.layers.length} layers (${read.layers.join(', ')}); read "${read.layer}". Choose another with options.layer.`, `压缩包有 ${read.layers.length} 个图层（${read.layers.join('、')}），已读取 “${read.layer}”；可用 options.layer 选择其他图层。`));
    if (read.reservedKeys?.length) {
      const keys = read.reservedKeys.map((k) => `"${k}"`);
      warnings.push(say(`The properties ${keys.join(', ')} were left out: JavaScript reserves these names. Rename them in the file to keep them.`, `属性 ${keys.join('、')} 未读取：这些是 JavaScript 保留的名称。如需保留，请在文件中改名。`));
    }
    result = featuresImport(plan, name, read, options);
  }
  const conv = result.conv;
  const named = romaniseAdded(plan, result.plan);
  if (named.count > 0)
    warnings.push(
      say(
        `${named.count} ${named.count === 1 ? 'name had' : 'names had'} no English name: machine pinyin was added (e.g. ${named.example}); nobody checked it, and polyphonic characters may be wrong.`,
        `${named.count} 个名称没有英文名，已自动生成拼音（如 ${named.example}），未经核对，多音字可能有误。`,
      ),
    );
  const report: ImportReport = {
    file: name,
    format: read.format,
    encoding: read.encoding ?? null,
    crs: conv?.crs ?? null,
    crsSource: conv?.crsSource ?? null,
    as,
    replaced: false,
    ...(read.kind === 'table' && read.sheet !== undefined ? { sheet: read.sheet } : {}),
    ...(read.kind === 'table' && read.sheets ? { sheets: [...read.sheets] } : {}),
    ...(read.kind === 'features' && read.layer !== undefined ? { layer: read.layer } : {}),
    ...(read.kind === 'features' && read.layers ? { layers: [...read.layers] } : {}),
    columns: { ...result.mapping },
    fileColumns: result.fileColumns,
    sample: result.sample,
    rows: read.kind === 'table' ? read.rows.length : read.features.length,
    ...result.part,
    lines: result.lines ?? [],
    warnings: [...warnings, ...(conv?.warnings ?? []), ...(result.rowWarnings ?? [])],
  };
  return { plan: named.plan, report };
}

/**
 * The villages and lines an import added (not in `before`) get a machine-pinyin `name_en` where they
 * have none and their name is Chinese, and a village its `town_en` where the plan cannot romanise its
 * town (#10 §3: in English a proper name is shown with its pinyin). `count` names changed, `example` one of them.
 */
function romaniseAdded(before: Plan, after: Plan): { plan: Plan; count: number; example: string } {
  const han = /\p{Script=Han}/u;
  let count = 0;
  let changed = false;
  let example = '';
  const { villageByCode, lineById } = lookup(before);
  const villages = after.villages.features.map((v) => {
    const p = v.properties;
    if (villageByCode.has(p.code)) return v;
    const name = p.short_name || p.name;
    const nameEn = !p.name_en && han.test(name) ? romanise(name) : '';
    const townEn = !p.town_en && han.test(p.town) && townName(before, p, true) === p.town ? romanise(p.town) : '';
    if (!nameEn && !townEn) return v;
    changed = true;
    if (nameEn) {
      count++;
      example ||= `${name} → ${nameEn}`;
    }
    return { ...v, properties: { ...p, ...(nameEn ? { name_en: nameEn } : {}), ...(townEn ? { town_en: townEn } : {}) } };
  });
  const line = <F extends LineFeature>(f: F): F => {
    const p = f.properties;
    if (lineById.has(p.id) || p.name_en || !han.test(p.name)) return f;
    const en = romanise(p.name);
    changed = true;
    count++;
    example ||= `${p.name} → ${en}`;
    return { ...f, properties: { ...p, name_en: en } };
  };
  const corridors = after.corridors.features.map(line);
  const cultureBelts = after.cultureBelts.features.map(line);
  if (!changed) return { plan: after, count, example };
  const plan: Plan = {
    ...after,
    villages: { ...after.villages, features: villages },
    corridors: { ...after.corridors, features: corridors },
    cultureBelts: { ...after.cultureBelts, features: cultureBelts },
  };
  return { plan, count, example };
}

/**
 * The report's rejected rows as a CSV file a planner can fix and import again: the row's number and
 * why it was rejected (in the language asked), then every column of the file — `report.fileColumns`
 * in file order, then any other property a rejected feature has — holding the row's original cells.
 * A re-import reads the original columns as before; the two added ones have headers that name no field
 * and that no column of the file has (`row (import)` when the file has a `row`).
 *
 * UTF-8 with a byte-order mark and CRLF line ends, so Chinese Excel and WPS open it as UTF-8; fields
 * quoted as RFC 4180 says (a comma, quote or line break); a text cell that begins with =, +, -, @, a tab
 * or a carriage return gets a leading ' and quotes, so a spreadsheet shows it instead of running it as a
 * formula (plain numbers such as -3.5 are left as they are). That ' stays in the cell on a re-import.
 *
 * @param report - {@link ImportReport} (its `rejected` and `fileColumns`)
 * @param lang - `'zh'` or `'en'`: the header of the two added columns and the reasons
 * @returns the CSV text
 * @example
 * ```ts
 * rejectedRowsCsv(report, 'zh'); // '\ufeff行号,原因,区划代码,村名,…\r\n7,不在村庄名录中：…,,"爨底下村（古村落, 明清）",…\r\n'
 * ```
 */
export function rejectedRowsCsv(report: Pick<ImportReport, 'rejected' | 'fileColumns'>, lang: 'zh' | 'en'): string {
  const columns = [...report.fileColumns];
  const known = new Set(columns);
  for (const r of report.rejected) for (const c of Object.keys(r.cells)) if (!known.has(c)) known.add(c), columns.push(c);
  const own = (lang === 'zh' ? ['行号', '原因'] : ['row', 'reason']).map((h) => {
    let name = h;
    while (known.has(name)) name = lang === 'zh' ? `${name}（导入）` : `${name} (import)`;
    return name;
  });
  return csvText([
    [...own, ...columns],
    ...report.rejected.map((r) => [String(r.row), lang === 'zh' ? r.zh : r.reason, ...columns.map((c) => r.cells[c] ?? '')]),
  ]);
}
