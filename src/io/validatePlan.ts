/**
 * Checks a plan package (plan.json + its GeoJSON files, already parsed) against the format of
 * src/types/plan.ts and data/README.md. Pure: no DOM, no fetch. Returns the problems found, each
 * in words a person understands; an empty list means the package is valid.
 */
import * as GJVns from 'geojson-validation';
import { PLAN_FORMAT } from '../types/plan';

export interface PlanProblem {
  /** File the problem is in, e.g. "villages.geojson" or "plan.json". */
  file: string;
  /** Feature (code, adcode, line id or "#index") or manifest entry the problem is about. */
  feature?: string;
  /** Full sentence: "villages.geojson: feature 110116001002: coordinates [200, 40] are outside WGS84 longitude range". */
  message: string;
}

export interface PlanInput {
  manifest: unknown;
  districts: unknown;
  townSeats: unknown;
  villages: unknown;
  corridors: unknown;
  cultureBelts: unknown;
  water: unknown;
}

/** The GeoJSON files of a package, by manifest key (`files.<key>`). */
export const PLAN_FILE_KEYS = ['districts', 'townSeats', 'villages', 'corridors', 'cultureBelts', 'water'] as const;
type FileKey = (typeof PLAN_FILE_KEYS)[number];

const DEFAULT_FILES: Record<FileKey, string> = {
  districts: 'districts.geojson',
  townSeats: 'town-seats.geojson',
  villages: 'villages.geojson',
  corridors: 'corridors.geojson',
  cultureBelts: 'culture-belts.geojson',
  water: 'water.geojson',
};
const MANIFEST_FILE = 'plan.json';

// geojson-validation is CommonJS; depending on the bundler the functions sit on the namespace or on `default`.
const GJV: typeof GJVns = ((GJVns as unknown as { default?: typeof GJVns }).default ?? GJVns) as typeof GJVns;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const fmtPos = (p: unknown[]): string => `[${p.map((x) => String(x)).join(', ')}]`;

// ---------------------------------------------------------------------------------------------
// Property checks: each returns what was expected, or null when the value is fine.

type Check = (v: unknown) => string | null;
const str: Check = (v) => (typeof v === 'string' ? null : 'a string');
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'a non-empty string');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a number');
const int: Check = (v) => (typeof v === 'number' && Number.isInteger(v) ? null : 'a whole number');
const code12: Check = (v) => (typeof v === 'string' && /^\d{12}$/.test(v) ? null : 'a 12-digit code (string)');
const code6: Check = (v) => (typeof v === 'string' && /^\d{6}$/.test(v) ? null : 'a 6-digit code (string)');
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null ? null : c(v) === null ? null : `${c(v)} or null`;
const oneOf =
  (...vals: string[]): Check =>
  (v) =>
    typeof v === 'string' && vals.includes(v) ? null : `one of ${vals.map((x) => `"${x}"`).join(', ')}`;
const strArray: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'a list of strings');
const bilingual: Check = (v) => (isObj(v) && typeof v.zh === 'string' && typeof v.en === 'string' ? null : 'an object { zh, en } of strings');
const arr: Check = (v) => (Array.isArray(v) ? null : 'a list');

const SOURCED: Record<string, Check> = { source: text, accuracy: text };

const VILLAGE_PROPS: Record<string, Check> = {
  code: code12,
  name: text,
  short_name: text,
  name_en: str,
  kind: oneOf('村委会', '居委会'),
  town: text,
  town_code: code12,
  district: text,
  district_code: code6,
  located: bool,
  role: oneOf('demonstration', 'upgrade', 'poetic', 'other'),
  year: nullable(int),
  cluster: nullable(text),
  ...SOURCED,
};
const TOWN_SEAT_PROPS: Record<string, Check> = {
  code: code12,
  name: text,
  name_en: str,
  district: text,
  district_code: code6,
  ...SOURCED,
};
const DISTRICT_PROPS: Record<string, Check> = { adcode: code6, name: text, name_en: str, focus: bool, ...SOURCED };
const LINE_PROPS: Record<string, Check> = {
  id: text,
  kind: oneOf('road', 'river', 'culture-belt'),
  name: text,
  name_en: str,
  district: str,
  geometry_source: oneOf('surveyed', 'schematic'),
  via: arr,
  citations: arr,
  ...SOURCED,
};
const WATER_PROPS: Record<string, Check> = { kind: oneOf('river', 'lake'), name: str, name_en: str, ...SOURCED };

interface FileSpec {
  props: Record<string, Check>;
  geometries: string[];
  nullGeometry: boolean;
  /** Property that names a feature in messages. */
  idProp?: string;
}
const SPECS: Record<FileKey, FileSpec> = {
  districts: { props: DISTRICT_PROPS, geometries: ['Polygon', 'MultiPolygon'], nullGeometry: false, idProp: 'adcode' },
  townSeats: { props: TOWN_SEAT_PROPS, geometries: ['Point'], nullGeometry: false, idProp: 'code' },
  villages: { props: VILLAGE_PROPS, geometries: ['Point'], nullGeometry: true, idProp: 'code' },
  corridors: { props: LINE_PROPS, geometries: ['LineString', 'MultiLineString'], nullGeometry: false, idProp: 'id' },
  cultureBelts: { props: LINE_PROPS, geometries: ['LineString', 'MultiLineString'], nullGeometry: false, idProp: 'id' },
  water: {
    props: WATER_PROPS,
    geometries: ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
    nullGeometry: false,
  },
};

// ---------------------------------------------------------------------------------------------
// Geometry helpers

/** First position outside WGS84 ranges, with which range. */
function badPosition(coords: unknown, depth: number): { pos: unknown[]; what: string } | null {
  if (!Array.isArray(coords)) return null;
  if (depth === 0) {
    const [x, y] = coords as number[];
    if (typeof x === 'number' && (x < -180 || x > 180)) return { pos: coords, what: 'longitude range (−180 … 180)' };
    if (typeof y === 'number' && (y < -90 || y > 90)) return { pos: coords, what: 'latitude range (−90 … 90)' };
    return null;
  }
  for (const c of coords) {
    const b = badPosition(c, depth - 1);
    if (b) return b;
  }
  return null;
}
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Twice the signed area (shoelace); > 0 for counter-clockwise rings in lon/lat. */
function ringArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------

interface Located {
  coordinates: [number, number];
  file: string;
}

class Ctx {
  problems: PlanProblem[] = [];
  /** `feature` is "feature <id>" for GeoJSON features, or e.g. "cluster <id>" for manifest entries. */
  add(file: string, feature: string | undefined, message: string): void {
    this.problems.push(
      feature === undefined
        ? { file, message: `${file}: ${message}` }
        : { file, feature: feature.replace(/^feature /, ''), message: `${file}: ${feature}: ${message}` },
    );
  }
}

/** Checks a FeatureCollection's structure, geometries and properties; returns its valid-looking features. */
function checkCollection(ctx: Ctx, key: FileKey, file: string, input: unknown): { f: Obj; label: string }[] {
  const spec = SPECS[key];
  if (!isObj(input)) {
    ctx.add(file, undefined, `is not a GeoJSON FeatureCollection (got ${input === undefined ? 'nothing' : typeof input})`);
    return [];
  }
  if (input.type !== 'FeatureCollection') ctx.add(file, undefined, `"type" must be "FeatureCollection" (got ${show(input.type)})`);
  if ('crs' in input) ctx.add(file, undefined, 'has a "crs" member: RFC 7946 GeoJSON is always WGS84 longitude/latitude and has none');
  if (!Array.isArray(input.features)) {
    ctx.add(file, undefined, '"features" must be a list');
    return [];
  }
  const out: { f: Obj; label: string }[] = [];
  input.features.forEach((f: unknown, i: number) => {
    let label = `#${i}`;
    if (isObj(f) && isObj(f.properties) && spec.idProp) {
      const id = f.properties[spec.idProp];
      if (typeof id === 'string' && id !== '') label = id;
    }
    const where = `feature ${label}`;
    const gjvErrors = GJV.isFeature(f, true);
    if (gjvErrors.length > 0) {
      ctx.add(file, where, `is not a valid GeoJSON Feature (RFC 7946): ${gjvErrors.join('; ')}`);
      return;
    }
    const feat = f as Obj;
    if (!isObj(feat.properties)) {
      ctx.add(file, where, 'has no properties object');
      return;
    }
    // Geometry
    const g = feat.geometry as Obj | null;
    if (g === null) {
      if (!spec.nullGeometry) ctx.add(file, where, 'has no geometry (null); only villages may be listed without a position');
    } else if (!spec.geometries.includes(String(g.type))) {
      ctx.add(file, where, `geometry type ${show(g.type)} is not allowed here (expected ${spec.geometries.join(' or ')})`);
    } else {
      const bad = badPosition(g.coordinates, DEPTH[String(g.type)] ?? 0);
      if (bad) ctx.add(file, where, `coordinates ${fmtPos(bad.pos)} are outside WGS84 ${bad.what}`);
      if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
        const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
        polys.forEach((poly, pi) =>
          poly.forEach((ring, ri) => {
            const a = ringArea2(ring);
            if (ri === 0 && a < 0)
              ctx.add(file, where, `polygon ${pi}: outer ring is clockwise; RFC 7946 wants counter-clockwise outer rings (turf.rewind)`);
            if (ri > 0 && a > 0)
              ctx.add(file, where, `polygon ${pi}: hole ${ri} is counter-clockwise; RFC 7946 wants clockwise holes (turf.rewind)`);
          }),
        );
      }
    }
    // Properties
    const p = feat.properties;
    for (const [name, check] of Object.entries(spec.props)) {
      if (!(name in p)) {
        ctx.add(
          file,
          where,
          name === 'source' || name === 'accuracy'
            ? `property "${name}" is missing: every feature needs a source and an accuracy`
            : `property "${name}" is missing`,
        );
        continue;
      }
      const expected = check(p[name]);
      if (expected) ctx.add(file, where, `property "${name}" must be ${expected} (got ${show(p[name])})`);
    }
    out.push({ f: feat, label });
  });
  return out;
}

function checkBbox(v: unknown): string | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return 'must be [west, south, east, north] (4 numbers)';
  const [w, s, e, n] = v as number[];
  if (w! < -180 || e! > 180 || s! < -90 || n! > 90) return `${fmtPos(v)} is outside WGS84 ranges`;
  if (w! >= e! || s! >= n!) return `${fmtPos(v)}: west must be < east and south < north`;
  return null;
}

export function validatePlan(input: PlanInput): PlanProblem[] {
  const ctx = new Ctx();
  const m = input.manifest;
  const M = MANIFEST_FILE;

  // File names, as the manifest gives them (for messages).
  const files: Record<FileKey, string> = { ...DEFAULT_FILES };
  if (isObj(m) && isObj(m.files)) {
    for (const k of Object.keys(DEFAULT_FILES) as FileKey[]) {
      const v = m.files[k];
      if (typeof v === 'string' && v !== '') files[k] = v.split('/').pop() ?? v;
    }
  }

  // ---- the GeoJSON files
  const districts = checkCollection(ctx, 'districts', files.districts, input.districts);
  const townSeats = checkCollection(ctx, 'townSeats', files.townSeats, input.townSeats);
  const villages = checkCollection(ctx, 'villages', files.villages, input.villages);
  const corridors = checkCollection(ctx, 'corridors', files.corridors, input.corridors);
  const cultureBelts = checkCollection(ctx, 'cultureBelts', files.cultureBelts, input.cultureBelts);
  checkCollection(ctx, 'water', files.water, input.water);

  const uniq = (list: { f: Obj; label: string }[], prop: string, file: string, seen = new Map<string, string>()) => {
    for (const { f, label } of list) {
      const v = (f.properties as Obj)[prop];
      if (typeof v !== 'string' || v === '') continue;
      const first = seen.get(v);
      if (first !== undefined) ctx.add(file, `feature ${label}`, `${prop} ${v} is used twice (also in ${first})`);
      else seen.set(v, file);
    }
    return seen;
  };
  uniq(districts, 'adcode', files.districts);
  // Village and town-seat codes share one namespace: via places refer to either by code.
  const codeSeen = uniq(villages, 'code', files.villages);
  uniq(townSeats, 'code', files.townSeats, codeSeen);

  // Located places (villages + town seats) by code.
  const located = new Map<string, Located>();
  const villageByCode = new Map<string, Obj>();
  for (const { f, label } of villages) {
    const p = f.properties as Obj;
    const g = f.geometry as Obj | null;
    const hasPoint = isObj(g) && g.type === 'Point';
    if (p.located === true && !hasPoint) ctx.add(files.villages, `feature ${label}`, 'located is true but the geometry is null');
    if (p.located === false && g !== null) ctx.add(files.villages, `feature ${label}`, 'located is false but the feature has a geometry');
    if (typeof p.code === 'string') {
      villageByCode.set(p.code, p);
      if (hasPoint && p.located === true) located.set(p.code, { coordinates: g.coordinates as [number, number], file: files.villages });
    }
  }
  for (const { f } of townSeats) {
    const p = f.properties as Obj;
    const g = f.geometry as Obj | null;
    if (typeof p.code === 'string' && isObj(g) && g.type === 'Point')
      located.set(p.code, { coordinates: g.coordinates as [number, number], file: files.townSeats });
  }

  // ---- lines: ids, via places, citations
  const lineIds = new Set<string>();
  const lineSeen = new Map<string, string>();
  for (const [list, file] of [
    [corridors, files.corridors],
    [cultureBelts, files.cultureBelts],
  ] as const) {
    uniq(list, 'id', file, lineSeen);
    for (const { f, label } of list) {
      const p = f.properties as Obj;
      const where = `feature ${label}`;
      if (typeof p.id === 'string') lineIds.add(p.id);
      if (Array.isArray(p.citations))
        p.citations.forEach((c: unknown, i: number) => {
          if (!isObj(c) || typeof c.title !== 'string' || typeof c.url !== 'string' || typeof c.quote !== 'string')
            ctx.add(file, where, `citation #${i} must be { title, url, quote } (strings)`);
        });
      if (!Array.isArray(p.via)) continue;
      const vias: [number, number][] = [];
      p.via.forEach((v: unknown, i: number) => {
        if (!isObj(v) || typeof v.name !== 'string' || typeof v.code !== 'string' || !Array.isArray(v.coordinates)) {
          ctx.add(file, where, `via #${i} must be { name, code, coordinates }`);
          return;
        }
        const c = v.coordinates as number[];
        const pos: [number, number] = [Number(c[0]), Number(c[1])];
        vias.push(pos);
        const place = located.get(v.code);
        if (!place) {
          ctx.add(
            file,
            where,
            `via #${i} (${v.name}): code ${v.code} is not a located village or town seat of this package`,
          );
        } else if (place.coordinates[0] !== pos[0] || place.coordinates[1] !== pos[1]) {
          ctx.add(
            file,
            where,
            `via #${i} (${v.name}): coordinates ${fmtPos(c)} differ from ${v.code} in ${place.file} ${fmtPos(place.coordinates)}`,
          );
        }
      });
      if (p.geometry_source === 'schematic') {
        if (p.via.length < 2) ctx.add(file, where, 'is schematic but has fewer than 2 via places');
        if (!Array.isArray(p.citations) || p.citations.length === 0) ctx.add(file, where, 'is schematic but cites no source for its route');
        const g = f.geometry as Obj | null;
        const verts = isObj(g) && g.type === 'LineString' ? (g.coordinates as number[][]) : null;
        if (!verts) ctx.add(file, where, 'is schematic, so it must be one LineString through its via places');
        else if (
          vias.length === p.via.length &&
          (verts.length !== vias.length || verts.some((q, i) => q[0] !== vias[i]![0] || q[1] !== vias[i]![1]))
        )
          ctx.add(file, where, 'is schematic, but its vertices are not exactly its via coordinates in order');
      }
    }
  }

  // ---- the manifest
  if (!isObj(m)) {
    ctx.add(M, undefined, 'is not a JSON object');
    return ctx.problems;
  }
  if (m.format !== PLAN_FORMAT) ctx.add(M, undefined, `"format" must be "${PLAN_FORMAT}" (got ${show(m.format)})`);
  for (const [k, c] of [
    ['name', bilingual],
    ['notice', bilingual],
    ['sample', bool],
  ] as const) {
    const e = c(m[k]);
    if (e) ctx.add(M, undefined, `"${k}" must be ${e}`);
  }
  if (!isObj(m.views)) ctx.add(M, undefined, '"views" must be an object with plan, beijing, huairou and mentougou extents');
  else
    for (const k of ['plan', 'beijing', 'huairou', 'mentougou']) {
      const e = checkBbox(m.views[k]);
      if (e) ctx.add(M, `views.${k}`, e);
    }
  if (!isObj(m.files)) ctx.add(M, undefined, '"files" must be an object naming the six GeoJSON files');
  else
    for (const k of Object.keys(DEFAULT_FILES)) {
      if (typeof m.files[k] !== 'string' || m.files[k] === '') ctx.add(M, `files.${k}`, 'must be a file path (string)');
    }

  // clusters
  const clusterIds = new Set<string>();
  const inCluster = new Map<string, string>();
  if (!Array.isArray(m.clusters)) ctx.add(M, undefined, '"clusters" must be a list');
  else
    m.clusters.forEach((c: unknown, i: number) => {
      const where = isObj(c) && typeof c.id === 'string' && c.id ? `cluster ${c.id}` : `cluster #${i}`;
      if (!isObj(c)) return ctx.add(M, where, 'must be an object');
      const spec: Record<string, Check> = {
        id: text,
        name: text,
        name_en: str,
        district: text,
        town: str,
        core: code12,
        members: strArray,
        year: int,
      };
      for (const [k, chk] of Object.entries(spec)) {
        const e = chk(c[k]);
        if (e) ctx.add(M, where, `"${k}" must be ${e} (got ${show(c[k])})`);
      }
      if (typeof c.id === 'string') {
        if (clusterIds.has(c.id)) ctx.add(M, where, `id ${c.id} is used twice`);
        clusterIds.add(c.id);
      }
      const codes: [string, string][] = [];
      if (typeof c.core === 'string') codes.push([c.core, 'core']);
      if (Array.isArray(c.members)) for (const mm of c.members) if (typeof mm === 'string') codes.push([mm, 'member']);
      for (const [code, what] of codes) {
        const v = villageByCode.get(code);
        if (!v) {
          ctx.add(M, where, `${what} ${code} is not a village of ${files.villages}`);
          continue;
        }
        if (v.located !== true) ctx.add(M, where, `${what} ${code} (${String(v.name)}) has no position (located: false)`);
        const other = inCluster.get(code);
        if (other !== undefined) ctx.add(M, where, `${what} ${code} (${String(v.name)}) is already in ${other}`);
        else inCluster.set(code, where);
        if (typeof c.id === 'string' && v.cluster !== c.id)
          ctx.add(files.villages, `feature ${code}`, `is ${what} of cluster ${c.id} in ${M}, but its "cluster" property is ${show(v.cluster)}`);
        const role = what === 'core' ? 'demonstration' : 'upgrade';
        if (v.role !== role)
          ctx.add(files.villages, `feature ${code}`, `is ${what} of cluster ${String(c.id)}, so its role should be "${role}" (got ${show(v.role)})`);
      }
    });
  for (const [code, p] of villageByCode) {
    if (typeof p.cluster === 'string' && !clusterIds.has(p.cluster))
      ctx.add(files.villages, `feature ${code}`, `cluster ${p.cluster} is not a cluster of ${M}`);
    else if (typeof p.cluster === 'string' && !inCluster.has(code))
      ctx.add(files.villages, `feature ${code}`, `says it is in cluster ${p.cluster}, but that cluster does not list it`);
  }

  // belts
  const beltIds = new Set<string>();
  if (!Array.isArray(m.belts)) ctx.add(M, undefined, '"belts" must be a list');
  else
    m.belts.forEach((b: unknown, i: number) => {
      const where = isObj(b) && typeof b.id === 'string' && b.id ? `belt ${b.id}` : `belt #${i}`;
      if (!isObj(b)) return ctx.add(M, where, 'must be an object');
      const spec: Record<string, Check> = { id: text, name: text, name_en: str, district: str, clusters: strArray, along: strArray };
      for (const [k, chk] of Object.entries(spec)) {
        const e = chk(b[k]);
        if (e) ctx.add(M, where, `"${k}" must be ${e} (got ${show(b[k])})`);
      }
      if (typeof b.id === 'string') {
        if (beltIds.has(b.id)) ctx.add(M, where, `id ${b.id} is used twice`);
        beltIds.add(b.id);
      }
      if (Array.isArray(b.clusters))
        for (const c of b.clusters) if (typeof c === 'string' && !clusterIds.has(c)) ctx.add(M, where, `cluster ${c} is not in "clusters"`);
      if (Array.isArray(b.along))
        for (const l of b.along)
          if (typeof l === 'string' && !lineIds.has(l))
            ctx.add(M, where, `runs along ${l}, which is not a line of ${files.corridors} or ${files.cultureBelts}`);
    });

  // targets
  const METRICS = [
    'clusters',
    'demonstration-villages',
    'poetic-villages',
    'poetic-villages-per-year',
    'clusters-per-year',
    'upgrade-villages-per-cluster',
  ];
  if (!Array.isArray(m.targets)) ctx.add(M, undefined, '"targets" must be a list');
  else
    m.targets.forEach((t: unknown, i: number) => {
      const where = isObj(t) && typeof t.id === 'string' && t.id ? `target ${t.id}` : `target #${i}`;
      if (!isObj(t)) return ctx.add(M, where, 'must be an object');
      const spec: Record<string, Check> = {
        id: text,
        district: str,
        metric: oneOf(...METRICS),
        min: nullable(num),
        max: nullable(num),
        year: nullable(int),
        label: bilingual,
        source: text,
      };
      for (const [k, chk] of Object.entries(spec)) {
        const e = chk(t[k]);
        if (e) ctx.add(M, where, `"${k}" must be ${e} (got ${show(t[k])})`);
      }
      if (typeof t.min === 'number' && typeof t.max === 'number' && t.min > t.max) ctx.add(M, where, `min ${t.min} is above max ${t.max}`);
    });

  // attribution
  if (!Array.isArray(m.attribution) || m.attribution.length === 0) ctx.add(M, undefined, '"attribution" must list the data sources');
  else
    m.attribution.forEach((a: unknown, i: number) => {
      if (!isObj(a) || bilingual(a.what) || text(a.text) || text(a.licence) || (a.url !== undefined && typeof a.url !== 'string'))
        ctx.add(M, `attribution #${i}`, 'must be { what: { zh, en }, text, licence, url? }');
    });

  return ctx.problems;
}

/** True when {@link validatePlan} finds no problem. */
export function isPlanValid(input: PlanInput): boolean {
  return validatePlan(input).length === 0;
}
