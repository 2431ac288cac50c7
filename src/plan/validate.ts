/**
 * Reads a plan package's parsed contents into a {@link Plan}: the manifest and each feature's
 * properties through the schema (./schema.ts), geometry through geojson-validation, then the checks
 * that span files (unique codes and ids, known roles, honest schematic lines). A package of format 1
 * is migrated first (./migrate.ts).
 *
 * Structural problems reject the package. Inconsistencies of the plan itself (a core whose role
 * disagrees, a cluster without a core, an unlocated or unknown member, a belt naming a missing
 * cluster) do not: the package loads and the rule check (./checkPlan.ts) reports them, so a
 * half-finished plan still opens.
 */
import * as GJVns from 'geojson-validation';
import * as v from 'valibot';
import { hostileFeature, jsonDepthExceeds, MAX_JSON_DEPTH, reservedKeyPath } from './jsonGuard.js';
import { migrateV1 } from './migrate.js';
import { featureEntry, issueProblems, manifestEntry, problem, shown, type PlanProblem } from './problems.js';
import {
  DistrictPropertiesSchema,
  LinePropertiesSchema,
  ManifestSchema,
  PLAN_FILE_KEYS,
  PLAN_FORMAT,
  PLAN_FORMAT_V1,
  TownSeatPropertiesSchema,
  VillagePropertiesSchema,
  WaterPropertiesSchema,
  type Plan,
  type PlanCollections,
  type PlanFileKey,
  type PlanManifest,
} from '../types/plan.js';

// geojson-validation is CommonJS; depending on the bundler the functions sit on the namespace or on `default`.
const GJV: typeof GJVns = ((GJVns as unknown as { default?: typeof GJVns }).default ?? GJVns) as typeof GJVns;

export const MANIFEST_FILE = 'plan.json';

/** A package's contents, parsed: the manifest and the GeoJSON of each file it names. */
export interface PackageInput {
  manifest: unknown;
  files: Partial<Record<PlanFileKey, unknown>>;
}

/** The shape format-1 callers passed: the manifest beside the six collections. Still accepted. */
export type FlatPackageInput = { manifest: unknown } & Partial<Record<PlanFileKey, unknown>>;

/** Either input shape as a {@link PackageInput}. */
export function packageInput(input: PackageInput | FlatPackageInput): PackageInput {
  if ('files' in input && typeof input.files === 'object' && input.files !== null) return input as PackageInput;
  const flat = input as FlatPackageInput;
  return { manifest: flat.manifest, files: Object.fromEntries(PLAN_FILE_KEYS.filter((k) => flat[k] !== undefined).map((k) => [k, flat[k]])) };
}

/**
 * The problems of a package (empty when it is valid), the check of the 0.1 API.
 * @param input - the parsed manifest and files, in either shape
 * @returns every structural problem found
 */
export function validatePlan(input: PackageInput | FlatPackageInput): PlanProblem[] {
  return readPackage(packageInput(input)).problems;
}

interface FileSpec {
  props: v.GenericSchema;
  geometries: readonly string[];
  nullGeometry: boolean;
  /** Property naming a feature in messages. */
  idProp?: string;
}

const SPECS: Record<PlanFileKey, FileSpec> = {
  districts: { props: DistrictPropertiesSchema, geometries: ['Polygon', 'MultiPolygon'], nullGeometry: false, idProp: 'adcode' },
  townSeats: { props: TownSeatPropertiesSchema, geometries: ['Point'], nullGeometry: false, idProp: 'code' },
  villages: { props: VillagePropertiesSchema, geometries: ['Point'], nullGeometry: true, idProp: 'code' },
  corridors: { props: LinePropertiesSchema, geometries: ['LineString', 'MultiLineString'], nullGeometry: false, idProp: 'id' },
  cultureBelts: { props: LinePropertiesSchema, geometries: ['LineString', 'MultiLineString'], nullGeometry: false, idProp: 'id' },
  water: { props: WaterPropertiesSchema, geometries: ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'], nullGeometry: false },
};

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const fmtPos = (p: readonly unknown[]): string => `[${p.map(String).join(', ')}]`;

/** The file name a problem names: the last part of the manifest's path. */
function fileName(path: string | undefined, key: PlanFileKey): string {
  return path?.split('/').pop() || `${key}.geojson`;
}

/** First position outside WGS84 ranges. */
function badPosition(coords: unknown, depth: number): { pos: unknown[]; range: 'longitude' | 'latitude' } | null {
  if (!Array.isArray(coords)) return null;
  if (depth === 0) {
    const [x, y] = coords as number[];
    if (typeof x === 'number' && (x < -180 || x > 180)) return { pos: coords, range: 'longitude' };
    if (typeof y === 'number' && (y < -90 || y > 90)) return { pos: coords, range: 'latitude' };
    return null;
  }
  for (const c of coords) {
    const b = badPosition(c, depth - 1);
    if (b) return b;
  }
  return null;
}

/**
 * Validates a package and returns the normalised {@link Plan}, or null with the problems.
 *
 * @param input - the parsed manifest and files
 * @returns `{ plan, problems }`; `plan` is null when any problem was found
 */
export function readPackage(input: PackageInput | FlatPackageInput): { plan: Plan | null; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  let { manifest, files } = packageInput(input);
  const M = MANIFEST_FILE;
  if (!isObj(manifest)) {
    problems.push(problem({ file: M }, { en: 'is not a JSON object', zh: '不是 JSON 对象' }));
    return { plan: null, problems };
  }
  if (jsonDepthExceeds(manifest)) {
    problems.push(problem({ file: M }, { en: `is nested more than ${MAX_JSON_DEPTH} levels deep`, zh: `嵌套超过 ${MAX_JSON_DEPTH} 层` }));
    return { plan: null, problems };
  }
  const reserved = reservedKeyPath(manifest);
  if (reserved !== null) {
    const key = reserved.split('.').pop();
    problems.push(problem({ file: M }, { en: `has the key "${key}" (at ${reserved}), which JavaScript reserves; rename it`, zh: `含有 JavaScript 保留的键 “${key}”（位于 ${reserved}），请改名` }));
    return { plan: null, problems };
  }
  if (manifest.format === PLAN_FORMAT_V1) ({ manifest, files } = migrateV1(manifest, files));
  else if (manifest.format !== PLAN_FORMAT) {
    problems.push(
      problem({ file: M, field: 'format' }, {
        en: `"format" must be "${PLAN_FORMAT}" or "${PLAN_FORMAT_V1}" (got ${shown(manifest.format)})`,
        zh: `“format” 应为 "${PLAN_FORMAT}" 或 "${PLAN_FORMAT_V1}"（实际为 ${shown(manifest.format)}）`,
      }),
    );
    return { plan: null, problems };
  }

  // ---- the manifest
  const parsed = v.safeParse(ManifestSchema, manifest, { abortPipeEarly: false });
  if (!parsed.success) {
    problems.push(
      ...issueProblems(parsed.issues, M, (path) => {
        const [list, index, ...rest] = path;
        if (typeof list === 'string' && typeof index === 'number' && Array.isArray((manifest as Obj)[list]))
          return { entry: manifestEntry(list, index, ((manifest as Obj)[list] as unknown[])[index]), rest };
        return { rest: path };
      }),
    );
  }
  const m = parsed.success ? parsed.output : null;
  const names = (m?.files ?? (isObj((manifest as Obj).files) ? ((manifest as Obj).files as Record<string, string>) : {})) as Partial<Record<PlanFileKey, string>>;

  // ---- the GeoJSON files
  const collections = {} as Record<PlanFileKey, { type: 'FeatureCollection'; features: Obj[] }>;
  for (const key of PLAN_FILE_KEYS) {
    const named = names[key] !== undefined;
    const data = files[key];
    if (!named) {
      collections[key] = { type: 'FeatureCollection', features: [] };
      continue;
    }
    collections[key] = readCollection(key, fileName(names[key], key), data, problems);
  }

  if (m) crossCheck(m, collections, names, problems);
  if (problems.length > 0 || !m) return { plan: null, problems };

  const { clusters, belts, targets, ...meta } = m;
  const plan = { manifest: meta, clusters, belts, targets, ...(collections as unknown as PlanCollections) } satisfies Plan;
  return { plan, problems };
}

/** A FeatureCollection's features, each with properties parsed (defaults filled) and geometry checked. */
function readCollection(key: PlanFileKey, file: string, input: unknown, problems: PlanProblem[]): { type: 'FeatureCollection'; features: Obj[] } {
  const spec = SPECS[key];
  const out: Obj[] = [];
  const fail = (en: string, zh: string) => problems.push(problem({ file }, { en, zh }));
  if (!isObj(input) || input.type !== 'FeatureCollection') {
    fail(`is not a GeoJSON FeatureCollection (got ${input === undefined ? 'nothing' : shown(isObj(input) ? input.type : input)})`, `不是 GeoJSON FeatureCollection（实际为 ${input === undefined ? '空' : shown(isObj(input) ? input.type : input)}）`);
    return { type: 'FeatureCollection', features: out };
  }
  if ('crs' in input) fail('has a "crs" member: RFC 7946 GeoJSON is always WGS84 longitude/latitude and has none', '含有 “crs” 成员：RFC 7946 GeoJSON 一律为 WGS84 经纬度，不应有 crs');
  if (!Array.isArray(input.features)) {
    fail('"features" must be a list', '“features” 应为列表');
    return { type: 'FeatureCollection', features: out };
  }
  input.features.forEach((f: unknown, i: number) => {
    let label = `#${i}`;
    if (isObj(f) && isObj(f.properties) && spec.idProp) {
      const fid = f.properties[spec.idProp];
      if (typeof fid === 'string' && fid !== '') label = fid;
    }
    const entry = featureEntry(label);
    const say = (en: string, zh: string, field?: string) => problems.push(problem({ file, entry, ...(field ? { field } : {}) }, { en, zh }));
    // Before any recursive check: hostile keys and nesting refuse the package whole (never half loaded).
    const hostile = hostileFeature(f);
    if (hostile) return say(hostile.en, hostile.zh);
    const gjv = GJV.isFeature(f, true);
    if (gjv.length > 0) return say(`is not a valid GeoJSON Feature (RFC 7946): ${gjv.join('; ')}`, `不是有效的 GeoJSON 要素（RFC 7946）：${gjv.join('；')}`);
    const feat = f as Obj;
    const g = feat.geometry as Obj | null;
    if (g === null) {
      if (!spec.nullGeometry) say('has no geometry (null); only villages may be listed without a position', '没有几何（null）；只有村庄可以无位置列出');
    } else if (!spec.geometries.includes(String(g.type))) {
      say(`geometry type ${shown(g.type)} is not allowed here (expected ${spec.geometries.join(' or ')})`, `几何类型 ${shown(g.type)} 不允许（应为 ${spec.geometries.join(' 或 ')}）`);
    } else {
      const bad = badPosition(g.coordinates, DEPTH[String(g.type)] ?? 0);
      if (bad)
        say(
          `coordinates ${fmtPos(bad.pos)} are outside WGS84 ${bad.range} range (${bad.range === 'longitude' ? '−180 … 180' : '−90 … 90'})`,
          `坐标 ${fmtPos(bad.pos)} 超出 WGS84 ${bad.range === 'longitude' ? '经度范围（−180 … 180）' : '纬度范围（−90 … 90）'}`,
        );
    }
    const props = v.safeParse(spec.props, feat.properties, { abortPipeEarly: false });
    if (!props.success) {
      problems.push(...issueProblems(props.issues, file, (path) => ({ entry, rest: path })));
      return;
    }
    const p = props.output as Obj;
    if (key === 'villages' && p.short_name === undefined) p.short_name = p.name;
    out.push({ ...feat, properties: p });
  });
  return { type: 'FeatureCollection', features: out };
}

/** Checks that span the manifest and the files. */
function crossCheck(
  m: PlanManifest,
  c: Record<PlanFileKey, { features: Obj[] }>,
  names: Partial<Record<PlanFileKey, string>>,
  problems: PlanProblem[],
): void {
  const M = MANIFEST_FILE;
  const file = (k: PlanFileKey) => fileName(names[k], k);
  const props = (f: Obj) => f.properties as Obj;

  /** Reports values of `prop` used twice; `seen` may carry values of other files (shared namespace). */
  const unique = (key: PlanFileKey, prop: string, seen = new Map<string, string>()) => {
    for (const f of c[key].features) {
      const value = props(f)[prop];
      if (typeof value !== 'string') continue;
      const first = seen.get(value);
      if (first !== undefined)
        problems.push(problem({ file: file(key), entry: featureEntry(value), field: prop }, { en: `${prop} ${value} is used twice (also in ${first})`, zh: `${prop} ${value} 重复（另见 ${first}）` }));
      else seen.set(value, file(key));
    }
    return seen;
  };
  unique('districts', 'adcode');
  // Village and town-seat codes share one namespace: via places refer to either by code.
  unique('townSeats', 'code', unique('villages', 'code'));
  unique('cultureBelts', 'id', unique('corridors', 'id'));

  const dupes = (list: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((x, i) => {
      if (seen.has(x)) problems.push(problem({ file: M, entry: manifestEntry(list, i, { id: x }), field: 'id' }, { en: `id ${x} is used twice`, zh: `标识 ${x} 重复` }));
      seen.add(x);
    });
  };
  dupes('views', m.views.map((x) => x.id));
  dupes('roles', m.roles.map((x) => x.id));
  dupes('targets', m.targets.map((x) => x.id));
  dupes('clusters', m.clusters.map((x) => x.id));
  dupes('belts', m.belts.map((x) => x.id));

  // Roles: one `none` (the register's other villages), at most one `core` and one `member`.
  const kinds = (k: string) => m.roles.filter((r) => r.kind === k).length;
  if (kinds('none') !== 1)
    problems.push(problem({ file: M, field: 'roles' }, { en: `"roles" must have exactly one role of kind "none" (has ${kinds('none')})`, zh: `“roles” 必须恰有一个 kind 为 "none" 的角色（现有 ${kinds('none')} 个）` }));
  for (const k of ['core', 'member'])
    if (kinds(k) > 1) problems.push(problem({ file: M, field: 'roles' }, { en: `"roles" may have at most one role of kind "${k}" (has ${kinds(k)})`, zh: `“roles” 最多只能有一个 kind 为 "${k}" 的角色（现有 ${kinds(k)} 个）` }));
  const roleIds = new Set(m.roles.map((r) => r.id));
  const known = [...roleIds].map((r) => `"${r}"`).join(', ');
  for (const f of c.villages.features) {
    const p = props(f);
    if (!roleIds.has(String(p.role)))
      problems.push(problem({ file: file('villages'), entry: featureEntry(String(p.code)), field: 'role' }, { en: `role ${shown(p.role)} is not a role of ${M} (${known})`, zh: `角色 ${shown(p.role)} 不在 ${M} 的角色表中（${known}）` }));
  }
  m.targets.forEach((t, i) => {
    for (const r of t.roles)
      if (!roleIds.has(r)) problems.push(problem({ file: M, entry: manifestEntry('targets', i, t), field: 'roles' }, { en: `role "${r}" is not in "roles"`, zh: `角色 "${r}" 不在 “roles” 中` }));
  });
  if (m.clusters.length > 0 && (kinds('core') === 0 || kinds('member') === 0))
    problems.push(problem({ file: M, field: 'roles' }, { en: 'the plan has clusters, so "roles" needs a role of kind "core" and one of kind "member"', zh: '方案含示范片区，“roles” 需要 kind 为 "core" 和 "member" 的角色各一个' }));

  // Schematic lines: linked only through located places of this package, exactly.
  const located = new Map<string, { coordinates: number[]; file: string }>();
  for (const key of ['villages', 'townSeats'] as const)
    for (const f of c[key].features) {
      const g = f.geometry as Obj | null;
      if (g?.type === 'Point') located.set(String(props(f).code), { coordinates: g.coordinates as number[], file: file(key) });
    }
  for (const key of ['corridors', 'cultureBelts'] as const)
    for (const f of c[key].features) {
      const p = props(f);
      const entry = featureEntry(String(p.id));
      const say = (en: string, zh: string) => problems.push(problem({ file: file(key), entry }, { en, zh }));
      const via = p.via as { name: string; code: string; coordinates: [number, number] }[];
      via.forEach((place, i) => {
        const at = located.get(place.code);
        if (!at) say(`via #${i} (${place.name}): code ${place.code} is not a located village or town seat of this package`, `途经点 #${i}（${place.name}）：代码 ${place.code} 不是本数据包中已定位的村庄或镇乡驻地`);
        else if (at.coordinates[0] !== place.coordinates[0] || at.coordinates[1] !== place.coordinates[1])
          say(`via #${i} (${place.name}): coordinates ${fmtPos(place.coordinates)} differ from ${place.code} in ${at.file} ${fmtPos(at.coordinates)}`, `途经点 #${i}（${place.name}）：坐标 ${fmtPos(place.coordinates)} 与 ${at.file} 中 ${place.code} 的 ${fmtPos(at.coordinates)} 不同`);
      });
      if (p.geometry_source !== 'schematic') continue;
      if (via.length < 2) say('is schematic but has fewer than 2 via places', '是示意线，但途经点少于 2 个');
      if ((p.citations as unknown[]).length === 0) say('is schematic but cites no source for its route', '是示意线，但没有引用线路出处');
      const g = f.geometry as Obj;
      const verts = g.type === 'LineString' ? (g.coordinates as number[][]) : null;
      if (!verts) say('is schematic, so it must be one LineString through its via places', '是示意线，应为经过其途经点的单条 LineString');
      else if (verts.length !== via.length || verts.some((q, i) => q[0] !== via[i]!.coordinates[0] || q[1] !== via[i]!.coordinates[1]))
        say('is schematic, but its vertices are not exactly its via coordinates in order', '是示意线，但其顶点与途经点坐标不一致');
    }
}
