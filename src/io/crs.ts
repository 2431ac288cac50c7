/**
 * Coordinate systems a Chinese planner's file may be in, and their conversion to and from the
 * WGS84 longitude/latitude that everything inside belt-map uses. Pure: no DOM, no I/O.
 *
 * - `WGS84` (EPSG:4326): GPS, GeoJSON, KML, GPX.
 * - `CGCS2000` geographic (EPSG:4490): the national datum of 自然资源/规划 offices. It is **treated as
 *   WGS84**: the frames agree to centimetres at CGCS2000's epoch 2000.0; since then a point in China
 *   has drifted 3–4 cm a year against current-epoch WGS84 (under 1 m by the mid-2020s), which is below
 *   what a plan map shows, and PROJ itself converts EPSG:4326 ↔ EPSG:4490 as a no-op (`+proj=noop`).
 * - CGCS2000 Gauss–Krüger (transverse Mercator on the CGCS2000 = GRS80 ellipsoid, k = 1, false easting
 *   500 000 m, with the zone number × 1 000 000 added in front when the system "carries the zone prefix"):
 *   - 3° zones with the prefix, EPSG:4513–4533 = zones 25–45 (CM = 3 × zone: 75°E … 135°E);
 *   - 3° zones by central meridian, no prefix, EPSG:4534–4554 (CM 75°E … 135°E);
 *   - 6° zones with the prefix, EPSG:4491–4501 = zones 13–23 (CM = 6 × zone − 3);
 *   - 6° zones by central meridian, no prefix, EPSG:4502–4512.
 *   Their proj4 definitions are generated from these parameters ({@link proj4Definition}); the test
 *   compares them with PROJ's `projinfo` and the converted positions with PROJ's `cs2cs`.
 * - `GCJ-02` (AMap 高德, Tencent 腾讯, 奥维 Ovital) and `BD-09` (Baidu 百度): the obfuscated systems of
 *   Chinese web maps, about 500 m off WGS84. A file never says it is in one of them; the user says so.
 *   They are converted with **gcoord** (1.0.7). gcoord's GCJ-02 → WGS84 inverse iterates the published
 *   forward formula until the forward residual is below 1e-6° (≈ 0.1 m); measured round trips
 *   WGS84 → GCJ-02 → WGS84 come back within 0.009 m in Beijing, Hangzhou, Ningbo, Kunming and Harbin
 *   and within 0.15 m on a ~0.4° grid over all of China; through BD-09 (whose closed-form inverse is
 *   itself approximate) within 0.13 m at those cities and 0.23 m on the grid — all inside the 0.5 m
 *   the import needs, so no own iteration was written. Outside China's bounding box gcoord (and so this
 *   module) leaves positions unchanged, as the Chinese systems are defined only inside China.
 *
 * Positions are `[x, y]` = `[easting, northing]` or `[longitude, latitude]`, whatever the system's
 * official axis order (EPSG lists northing first for the Gauss–Krüger systems; a column mapping must
 * swap a surveyor's X = northing / Y = easting before calling {@link toWgs84}).
 *
 * @module
 */
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { Converter } from 'proj4';

/** A coordinate system the importer can read: the four named ones, or an EPSG code. */
export type CrsId = 'WGS84' | 'CGCS2000' | 'GCJ-02' | 'BD-09' | `EPSG:${number}`;

/** One position: `[x, y]` (easting/northing in metres, or longitude/latitude in degrees). */
export type XY = [number, number];

/** Parameters of one CGCS2000 Gauss–Krüger system. */
export interface GaussKrugerZone {
  /** EPSG code, 4491–4554. */
  code: number;
  /** Zone width in degrees of longitude. */
  width: 3 | 6;
  /** Zone number (3°: CM / 3, 25–45; 6°: (CM + 3) / 6, 13–23). */
  zone: number;
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** Whether the easting carries the zone number in front (false easting zone × 10⁶ + 500 000). */
  prefixed: boolean;
  /** False easting in metres. */
  falseEasting: number;
}

const FIRST_GK = 4491;
const LAST_GK = 4554;

/**
 * The parameters of a CGCS2000 Gauss–Krüger EPSG code, or null when the code is not one.
 *
 * @param code - an EPSG code (a number)
 * @returns the zone, or null for any other code
 * @example
 * gaussKrugerZone(4527); // { code: 4527, width: 3, zone: 39, centralMeridian: 117, prefixed: true, falseEasting: 39500000 }
 */
export function gaussKrugerZone(code: number): GaussKrugerZone | null {
  if (!Number.isInteger(code) || code < FIRST_GK || code > LAST_GK) return null;
  let width: 3 | 6;
  let cm: number;
  let prefixed: boolean;
  if (code <= 4501) [width, cm, prefixed] = [6, 75 + 6 * (code - 4491), true];
  else if (code <= 4512) [width, cm, prefixed] = [6, 75 + 6 * (code - 4502), false];
  else if (code <= 4533) [width, cm, prefixed] = [3, 75 + 3 * (code - 4513), true];
  else [width, cm, prefixed] = [3, 75 + 3 * (code - 4534), false];
  const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
  return { code, width, zone, centralMeridian: cm, prefixed, falseEasting: prefixed ? zone * 1e6 + 500_000 : 500_000 };
}

/**
 * The EPSG code of the CGCS2000 Gauss–Krüger system with this zone width, central meridian and
 * prefix convention, or null when there is none (e.g. a 6° zone centred on 120°E).
 *
 * @param width - zone width, 3 or 6
 * @param centralMeridian - degrees east
 * @param prefixed - whether the easting carries the zone number
 * @returns the EPSG code or null
 * @example
 * gaussKrugerCode(3, 117, false); // 4548
 */
export function gaussKrugerCode(width: 3 | 6, centralMeridian: number, prefixed: boolean): number | null {
  if (!Number.isInteger(centralMeridian) || centralMeridian < 75 || centralMeridian > 135) return null;
  if (width === 3) {
    if (centralMeridian % 3 !== 0) return null;
    return (prefixed ? 4513 : 4534) + (centralMeridian - 75) / 3;
  }
  if (width === 6) {
    if ((centralMeridian - 75) % 6 !== 0) return null;
    return (prefixed ? 4491 : 4502) + (centralMeridian - 75) / 6;
  }
  return null;
}

type Resolved =
  | { kind: 'wgs84' | 'gcj02' | 'bd09'; id: CrsId }
  | { kind: 'gk'; id: CrsId; gk: GaussKrugerZone };

const describe = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** Parses and checks a CrsId; throws naming `argName` for anything else. */
function resolveCrs(crs: unknown, argName = 'crs'): Resolved {
  if (crs === 'WGS84' || crs === 'CGCS2000') return { kind: 'wgs84', id: crs };
  if (crs === 'GCJ-02') return { kind: 'gcj02', id: crs };
  if (crs === 'BD-09') return { kind: 'bd09', id: crs };
  if (typeof crs === 'string') {
    const m = /^EPSG:(\d+)$/.exec(crs);
    if (m) {
      const code = Number(m[1]);
      if (code === 4326 || code === 4490) return { kind: 'wgs84', id: crs as CrsId };
      const gk = gaussKrugerZone(code);
      if (gk) return { kind: 'gk', id: crs as CrsId, gk };
    }
  }
  throw new Error(
    `${argName}: ${describe(crs)} is not a supported coordinate system ` +
      `(use 'WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4326', 'EPSG:4490' or a CGCS2000 Gauss–Krüger code EPSG:4491–4554)`,
  );
}

/**
 * Whether a value is a {@link CrsId} this module can convert.
 *
 * @param value - anything (e.g. an `options.crs` from a script)
 * @returns true for 'WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4326', 'EPSG:4490', 'EPSG:4491'…'EPSG:4554'
 * @example
 * isCrsId('EPSG:4527'); // true
 * isCrsId('EPSG:3857'); // false
 */
export function isCrsId(value: unknown): value is CrsId {
  try {
    resolveCrs(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The proj4 definition of a coordinate system, generated from its parameters (GK: tmerc on GRS80,
 * the CGCS2000 ellipsoid, k = 1, towgs84 0).
 *
 * @param crs - a {@link CrsId}; GCJ-02 and BD-09 have none (they are not projections)
 * @returns the proj4 string
 * @throws when `crs` is not supported or is GCJ-02/BD-09
 * @example
 * proj4Definition('EPSG:4527');
 * // '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'
 */
export function proj4Definition(crs: CrsId): string {
  const r = resolveCrs(crs);
  if (r.kind === 'gk') {
    const { centralMeridian, falseEasting } = r.gk;
    return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
  }
  if (r.kind === 'wgs84') {
    return r.id === 'CGCS2000' || r.id === 'EPSG:4490'
      ? '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs'
      : '+proj=longlat +datum=WGS84 +no_defs';
  }
  throw new Error(`crs: ${describe(crs)} is not a projection and has no proj4 definition (it is converted with gcoord)`);
}

/** proj4 converters GK code → WGS84, made once per code. */
const converters = new Map<number, Converter>();
function converter(gk: GaussKrugerZone): Converter {
  let c = converters.get(gk.code);
  if (!c) {
    c = proj4(proj4Definition(`EPSG:${gk.code}`), 'WGS84');
    converters.set(gk.code, c);
  }
  return c;
}

/** Checks the positions argument; returns it typed. Throws naming `positions` or `positions[i]`. */
function checkPositions(positions: unknown, argName = 'positions'): XY[] {
  if (!Array.isArray(positions)) throw new Error(`${argName}: expected an array of [x, y] positions, got ${describe(positions)}`);
  for (let i = 0; i < positions.length; i++) {
    const p: unknown = positions[i];
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new Error(`${argName}[${i}]: expected [x, y] with two finite numbers, got ${describe(p)}`);
    }
  }
  return positions as XY[];
}

function checkLonLat(p: XY, i: number, argName: string): void {
  if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
    throw new Error(`${argName}[${i}]: [${p[0]}, ${p[1]}] is not a longitude/latitude (|lon| ≤ 180, |lat| ≤ 90)`);
  }
}

function checkGridPosition(p: XY, i: number, gk: GaussKrugerZone, argName: string): void {
  const [e, n] = p;
  if (Math.abs(n) >= 1e7) throw new Error(`${argName}[${i}]: northing ${n} is out of range for EPSG:${gk.code} (|y| < 10 000 000 m)`);
  if (gk.prefixed) {
    if (Math.floor(e / 1e6) !== gk.zone) {
      const other = gaussKrugerCode(gk.width, gk.centralMeridian, false);
      throw new Error(
        `${argName}[${i}]: easting ${e} does not carry the zone prefix ${gk.zone} of EPSG:${gk.code} ` +
          `(expected ${gk.zone}xxxxxx)${e > 0 && e < 1e6 && other ? `; without the prefix the system is EPSG:${other}` : ''}`,
      );
    }
  } else if (!(e > -1e6 && e < 2e6)) {
    const zone = Math.floor(e / 1e6);
    const hint = zone >= 13 && zone <= 45 ? `; an 8-digit easting carries a zone prefix (${zone}): try EPSG:${zone >= 25 ? 4513 + zone - 25 : 4491 + zone - 13}` : '';
    throw new Error(`${argName}[${i}]: easting ${e} is out of range for EPSG:${gk.code}, which has no zone prefix (expected about 0–1 000 000 m)${hint}`);
  }
}

/**
 * Converts positions from a coordinate system to WGS84 longitude/latitude.
 *
 * @param crs - the system the positions are in
 * @param positions - `[x, y]` pairs: `[easting, northing]` in metres for the Gauss–Krüger codes (easting
 *   with its zone prefix for EPSG:4491–4501 and 4513–4533), `[lon, lat]` in degrees otherwise. A third
 *   value (height) is not kept. Never mutated.
 * @returns new `[lon, lat]` pairs (WGS84), in the same order
 * @throws when `crs` is not supported (the message names `crs`), when `positions` is not an array of
 *   finite pairs, or when a position cannot be in that system (e.g. a 6-digit easting for a prefixed
 *   zone); the message names `positions[i]`
 * @example
 * toWgs84('EPSG:4527', [[39447941.358, 4419347.021]]); // [[116.3912, 39.9067]] (Tiananmen)
 * toWgs84('GCJ-02', [[116.39744, 39.9081]]);           // ≈ [[116.3912, 39.9067]]
 */
export function toWgs84(crs: CrsId, positions: XY[]): XY[] {
  const r = resolveCrs(crs);
  const ps = checkPositions(positions);
  const out: XY[] = new Array(ps.length);
  switch (r.kind) {
    case 'wgs84':
      ps.forEach((p, i) => {
        checkLonLat(p, i, 'positions');
        out[i] = [p[0], p[1]];
      });
      return out;
    case 'gcj02':
    case 'bd09': {
      const from = r.kind === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
      ps.forEach((p, i) => {
        checkLonLat(p, i, 'positions');
        const q = gcoord.transform<[number, number]>([p[0], p[1]], from, gcoord.WGS84);
        out[i] = [q[0], q[1]];
      });
      return out;
    }
    case 'gk': {
      const c = converter(r.gk);
      ps.forEach((p, i) => {
        checkGridPosition(p, i, r.gk, 'positions');
        const q = c.forward([p[0], p[1]]);
        out[i] = [q[0]!, q[1]!];
      });
      return out;
    }
  }
}

/**
 * Converts WGS84 longitude/latitude to a coordinate system (the inverse of {@link toWgs84}, for exports).
 *
 * @param crs - the system to convert to
 * @param positions - `[lon, lat]` pairs in WGS84 degrees; never mutated
 * @returns new `[x, y]` pairs: `[easting, northing]` metres (easting with the zone prefix where the
 *   system carries one) for Gauss–Krüger codes, `[lon, lat]` otherwise
 * @throws when `crs` is not supported (naming `crs`) or a position is not a longitude/latitude (naming `positions[i]`)
 * @example
 * fromWgs84('EPSG:4548', [[116.3912, 39.9067]]); // [[447941.3582, 4419347.0208]]
 * fromWgs84('GCJ-02', [[116.3912, 39.9067]]);    // ≈ [[116.39744, 39.90810]]
 */
export function fromWgs84(crs: CrsId, positions: XY[]): XY[] {
  const r = resolveCrs(crs);
  const ps = checkPositions(positions);
  ps.forEach((p, i) => checkLonLat(p, i, 'positions'));
  switch (r.kind) {
    case 'wgs84':
      return ps.map((p) => [p[0], p[1]]);
    case 'gcj02':
    case 'bd09': {
      const to = r.kind === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
      return ps.map((p) => {
        const q = gcoord.transform<[number, number]>([p[0], p[1]], gcoord.WGS84, to);
        return [q[0], q[1]];
      });
    }
    case 'gk': {
      const c = converter(r.gk);
      return ps.map((p) => {
        const q = c.inverse([p[0], p[1]]);
        return [q[0]!, q[1]!];
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// .prj (WKT) reading
// ---------------------------------------------------------------------------------------------

/** A WKT node: `KEYWORD[arg, arg, …]`; bare words (`north`, `Cartesian`) are nodes without args. */
interface WktNode {
  kw: string;
  args: (string | number | WktNode)[];
}

/** Parses WKT1 (OGC or ESRI) or WKT2 into a tree; throws on malformed text. */
function parseWkt(text: string): WktNode {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`malformed WKT at ${i}: ${what}`);
  };
  const value = (): string | number | WktNode => {
    ws();
    const ch = text[i];
    if (ch === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= n) fail('unterminated string');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          return s;
        }
        s += text[i++];
      }
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 40));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
    if (!word) return fail(`unexpected ${JSON.stringify(ch ?? 'end')}`);
    i += word[0].length;
    const node: WktNode = { kw: word[0].toUpperCase(), args: [] };
    ws();
    const open = text[i];
    if (open === '[' || open === '(') {
      const close = open === '[' ? ']' : ')';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return node;
      }
      for (;;) {
        node.args.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          break;
        }
        fail(`expected ',' or '${close}'`);
      }
    }
    return node;
  };
  const root = value();
  ws();
  if (i < n) fail('text after the end');
  if (typeof root !== 'object') fail('not a WKT node');
  return root as WktNode;
}

const isNode = (v: unknown): v is WktNode => typeof v === 'object' && v !== null && 'kw' in v;
const kids = (node: WktNode, ...kws: string[]): WktNode[] => node.args.filter((a): a is WktNode => isNode(a) && kws.includes(a.kw));
const kid = (node: WktNode, ...kws: string[]): WktNode | undefined => kids(node, ...kws)[0];
const nameOf = (node: WktNode | undefined): string => (node && typeof node.args[0] === 'string' ? node.args[0] : '');
const numArg = (node: WktNode | undefined, k: number): number | undefined => {
  const v = node?.args[k];
  return typeof v === 'number' ? v : undefined;
};
/** Lower case, letters and digits only: 'False_Easting' and 'False easting' → 'falseeasting'. */
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const near = (a: number | undefined, b: number, eps = 1e-9): boolean => a !== undefined && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));

const GEOG_KW = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS', 'BASEGEOGCRS', 'BASEGEODCRS'];
const PROJ_KW = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const DEGREE = Math.PI / 180;

/** 'cgcs2000' | 'wgs84' | null for a geographic node, from its datum name and ellipsoid. */
function datumOf(geog: WktNode): 'cgcs2000' | 'wgs84' | null {
  const datum = kid(geog, 'DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE');
  if (!datum) return null;
  const ell = kid(datum, 'SPHEROID', 'ELLIPSOID');
  const a = numArg(ell, 1);
  const rf = numArg(ell, 2);
  // A TOWGS84 with any non-zero term means a different realisation than the one this module assumes.
  const towgs = kid(datum, 'TOWGS84') ?? kid(geog, 'TOWGS84');
  if (towgs && towgs.args.some((v) => typeof v !== 'number' || v !== 0)) return null;
  // The prime meridian must be Greenwich (0).
  const pm = kid(geog, 'PRIMEM', 'PRIMEMERIDIAN');
  if (pm && !near(numArg(pm, 1), 0)) return null;
  const names = norm(nameOf(datum)) + '|' + norm(nameOf(geog));
  if (/china2000|chinageodeticcoordinatesystem2000|cgcs2000/.test(names)) {
    return near(a, 6378137) && near(rf, 298.257222101) ? 'cgcs2000' : null;
  }
  if (/wgs1984|wgs84|worldgeodeticsystem1984/.test(names)) {
    return near(a, 6378137) && near(rf, 298.257223563) ? 'wgs84' : null;
  }
  return null;
}

/** Whether the angular unit of a geographic node is the degree (absent counts as degree). */
function inDegrees(geog: WktNode): boolean {
  const u = kid(geog, 'UNIT', 'ANGLEUNIT');
  if (u) return near(numArg(u, 1), DEGREE, 1e-9);
  const cs = kids(geog, 'AXIS').flatMap((ax) => kids(ax, 'ANGLEUNIT', 'UNIT'));
  return cs.every((x) => near(numArg(x, 1), DEGREE, 1e-9));
}

/** The EPSG code an AUTHORITY["EPSG","4527"] / ID["EPSG",4527] node directly under `node` gives. */
function epsgOf(node: WktNode): number | null {
  const id = kid(node, 'AUTHORITY', 'ID');
  if (!id || norm(nameOf(id)) !== 'epsg') return null;
  const c = Number(id.args[1]);
  return Number.isInteger(c) ? c : null;
}

function geographicFromWkt(geog: WktNode): CrsId | null {
  if (!inDegrees(geog)) return null;
  const d = datumOf(geog);
  return d === 'cgcs2000' ? 'CGCS2000' : d === 'wgs84' ? 'WGS84' : null;
}

function projectedFromWkt(root: WktNode): CrsId | null {
  const geog = kid(root, ...GEOG_KW);
  if (!geog || datumOf(geog) !== 'cgcs2000' || !inDegrees(geog)) return null;
  // WKT1: PROJECTION + PARAMETERs on the root; WKT2: CONVERSION[METHOD, PARAMETER…].
  const conv = kid(root, 'CONVERSION', 'DERIVINGCONVERSION') ?? root;
  const method = norm(nameOf(kid(conv, 'PROJECTION', 'METHOD')));
  if (!['gausskruger', 'gausskrueger', 'gausskrger', 'transversemercator', 'tmerc'].includes(method)) return null;
  const p: Record<string, number> = {};
  for (const par of kids(conv, 'PARAMETER')) {
    const v = numArg(par, 1);
    if (v === undefined) return null;
    const unit = kid(par, 'LENGTHUNIT', 'ANGLEUNIT', 'SCALEUNIT', 'UNIT');
    const key = norm(nameOf(par));
    const slot =
      key === 'centralmeridian' || key === 'longitudeofnaturalorigin' || key === 'longitudeoforigin' || key === 'longitudeofcenter'
        ? 'cm'
        : key === 'falseeasting'
          ? 'fe'
          : key === 'falsenorthing'
            ? 'fn'
            : key === 'scalefactor' || key === 'scalefactoratnaturalorigin'
              ? 'k'
              : key === 'latitudeoforigin' || key === 'latitudeofnaturalorigin' || key === 'latitudeofcenter'
                ? 'lat0'
                : null;
    if (!slot) return null; // a parameter a plain GK projection does not have
    // WKT2 gives each parameter its unit: only metres, degrees and unity are accepted.
    if (unit && unit.kw === 'LENGTHUNIT' && !near(numArg(unit, 1), 1)) return null;
    if (unit && unit.kw === 'ANGLEUNIT' && !near(numArg(unit, 1), DEGREE)) return null;
    p[slot] = v;
  }
  // Linear unit: WKT1 UNIT on the root, WKT2 LENGTHUNIT on the root or on the axes.
  const units = [...kids(root, 'UNIT', 'LENGTHUNIT'), ...kids(root, 'AXIS').flatMap((ax) => kids(ax, 'LENGTHUNIT', 'UNIT'))];
  const cs = kid(root, 'CS');
  if (cs) units.push(...kids(cs, 'LENGTHUNIT'));
  if (units.some((u) => !near(numArg(u, 1), 1))) return null;
  const { cm, fe } = p;
  const k = p['k'] ?? 1;
  const fn = p['fn'] ?? 0;
  const lat0 = p['lat0'] ?? 0;
  if (cm === undefined || fe === undefined || !near(k, 1, 1e-12) || !near(fn, 0) || !near(lat0, 0)) return null;
  if (!near(cm, Math.round(cm))) return null;
  const cmDeg = Math.round(cm);
  let prefixed: boolean;
  let zone = 0;
  if (near(fe, 500_000)) prefixed = false;
  else {
    zone = (fe - 500_000) / 1e6;
    if (!near(zone, Math.round(zone))) return null;
    zone = Math.round(zone);
    prefixed = true;
  }
  // Prefixed: the zone number itself says the width (25–45 → 3°, 13–23 → 6°) and must fit the CM.
  let code: number | null;
  if (prefixed) {
    if (zone >= 25 && zone <= 45 && cmDeg === 3 * zone) code = gaussKrugerCode(3, cmDeg, true);
    else if (zone >= 13 && zone <= 23 && cmDeg === 6 * zone - 3) code = gaussKrugerCode(6, cmDeg, true);
    else return null;
  } else {
    // No prefix: the 3° and 6° systems on one CM are the same projection; the name or the authority
    // code tells which EPSG code the file means, else the 3° code (the one of large-scale plans).
    const epsg = epsgOf(root);
    const fromAuthority = epsg !== null ? gaussKrugerZone(epsg) : null;
    const name = norm(nameOf(root)) + '|' + norm(nameOf(kid(root, 'CONVERSION')));
    let width: 3 | 6 = 3;
    if (fromAuthority && !fromAuthority.prefixed) width = fromAuthority.width;
    else if (/3degree/.test(name)) width = 3;
    else if (/6degree|(gk|gausskruger)(cm|zone)/.test(name)) width = 6;
    code = gaussKrugerCode(width, cmDeg, false);
  }
  if (code === null) return null;
  // An EPSG authority code that disagrees with the parameters is a contradiction: say nothing.
  const epsg = epsgOf(root);
  const auth = epsg !== null ? gaussKrugerZone(epsg) : null;
  if (epsg !== null && auth && (auth.centralMeridian !== cmDeg || auth.prefixed !== prefixed)) return null;
  return `EPSG:${code}`;
}

/**
 * Reads the coordinate system of a `.prj` file (WKT: ESRI WKT1 as ArcGIS and QGIS write it, OGC WKT1
 * as GDAL writes it, or WKT2). Recognises WGS 84 and CGCS2000 geographic, and CGCS2000
 * Gauss–Krüger / Transverse Mercator systems (k = 1, false northing 0, metres), which it maps to the
 * EPSG code by central meridian, zone width and whether the false easting carries the zone prefix —
 * from the parameters, not the name. For an unprefixed CM the 3° and 6° codes are the same projection;
 * the WKT's name (`3_Degree` / `GK_CM_117E`) or AUTHORITY picks one, else the 3° code.
 *
 * @param wkt - the text of the `.prj` (a UTF-8 BOM and surrounding white space are ignored)
 * @returns the system, or null when the WKT is malformed or describes anything else (Xian 1980,
 *   Beijing 1954, UTM, a local grid, other units…) — it never guesses
 * @throws when `wkt` is not a string
 * @example
 * crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",…],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],…,PARAMETER["Central_Meridian",117.0],…]');
 * // 'EPSG:4527'
 */
export function crsFromPrj(wkt: string): CrsId | null {
  if (typeof wkt !== 'string') throw new Error(`wkt: expected the text of a .prj file (a string), got ${describe(wkt)}`);
  const text = wkt.replace(/^\uFEFF/, '').trim();
  if (!text) return null;
  let root: WktNode;
  try {
    root = parseWkt(text);
  } catch {
    return null;
  }
  if (GEOG_KW.includes(root.kw)) return geographicFromWkt(root);
  if (PROJ_KW.includes(root.kw)) return projectedFromWkt(root);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Guessing from magnitudes
// ---------------------------------------------------------------------------------------------

/** Result of {@link guessCrs}. */
export interface CrsGuess {
  /** The system, or null when the numbers cannot tell (the user must choose). */
  crs: CrsId | null;
  /** Why, in the language asked for — to show the user. */
  why: string;
  /** True when the columns look swapped (latitude first, or X = northing as surveyors write it): swap x and y before {@link toWgs84}. */
  swapXY?: boolean;
}

/** Northing range of China, lat ≈ 3.5°N (曾母暗沙) … 53.6°N (漠河), with some margin. */
const CHINA_NORTHING: [number, number] = [350_000, 6_050_000];
const inNorthing = (y: number): boolean => y >= CHINA_NORTHING[0] && y <= CHINA_NORTHING[1];

/**
 * Guesses the coordinate system of a file that does not say, from the magnitudes of its numbers.
 *
 * - all |x| ≤ 180 and |y| ≤ 90 → longitude/latitude: `WGS84` — but a GCJ-02 or BD-09 file looks
 *   exactly the same (it is ~500 m off), which no file says, so `why` tells the user to choose those;
 * - 8-digit eastings (zone prefix) with northings in China's range → the zone from the prefix:
 *   25–45 → 3° zone (EPSG:4513–4533), 13–23 → 6° zone (EPSG:4491–4501);
 * - 6-digit eastings with northings in China's range → a 3° zone by central meridian, which cannot
 *   be known from the numbers: null, and `why` asks the user to choose — unless `options.hint.lon`
 *   (an approximate longitude, e.g. the plan's centre) picks the nearest 3° CM (EPSG:4534–4554).
 * Latitude-first pairs and surveyors' X = northing / Y = easting are recognised and flagged `swapXY`.
 *
 * @param positions - `[x, y]` pairs as read from the file; never mutated
 * @param options - `hint.lon`: approximate longitude of the data; `lang`: language of `why` (default 'en')
 * @returns `{ crs, why, swapXY? }`
 * @throws when `positions` is not an array of finite pairs (naming `positions[i]`), or `options.hint.lon` is not finite
 * @example
 * guessCrs([[39447941.358, 4419347.021]]).crs;                       // 'EPSG:4527'
 * guessCrs([[447941.358, 4419347.021]]).crs;                         // null (which CM?)
 * guessCrs([[447941.358, 4419347.021]], { hint: { lon: 116.4 } }).crs; // 'EPSG:4548'
 */
export function guessCrs(positions: XY[], options: { hint?: { lon: number }; lang?: 'zh-CN' | 'en' } = {}): CrsGuess {
  const ps = checkPositions(positions);
  if (options === null || typeof options !== 'object') throw new Error(`options: expected an object, got ${describe(options)}`);
  const zh = options.lang === 'zh-CN';
  if (options.lang !== undefined && options.lang !== 'zh-CN' && options.lang !== 'en') {
    throw new Error(`options.lang: expected 'zh-CN' or 'en', got ${describe(options.lang)}`);
  }
  const hintLon = options.hint?.lon;
  if (options.hint !== undefined && !Number.isFinite(hintLon)) {
    throw new Error(`options.hint.lon: expected a finite longitude in degrees, got ${describe(hintLon)}`);
  }
  if (ps.length === 0) {
    return { crs: null, why: zh ? '没有坐标，无法判断坐标系。' : 'There are no coordinates to judge the coordinate system from.' };
  }
  const xs = ps.map((p) => p[0]);
  const ys = ps.map((p) => p[1]);
  const all = (arr: number[], f: (v: number) => boolean): boolean => arr.every(f);

  // 1. Longitude/latitude (possibly latitude first).
  const geoNote = zh
    ? '文件本身不会注明是否为 GCJ-02（高德、腾讯、奥维）或 BD-09（百度）坐标；若数据来自这些地图，请手动选择，否则会偏移约 500 米。'
    : 'A file never says whether it is GCJ-02 (AMap, Tencent, Ovital/奥维) or BD-09 (Baidu); if the data came from one of those maps, choose it, or it lands about 500 m off.';
  if (all(xs, (x) => Math.abs(x) <= 180) && all(ys, (y) => Math.abs(y) <= 90)) {
    return {
      crs: 'WGS84',
      why: zh ? `数值在经纬度范围内（|x| ≤ 180，|y| ≤ 90），按 WGS84 经纬度读取。${geoNote}` : `The numbers are longitudes and latitudes (|x| ≤ 180, |y| ≤ 90): read as WGS84. ${geoNote}`,
    };
  }
  if (all(xs, (x) => Math.abs(x) <= 90) && all(ys, (y) => Math.abs(y) <= 180) && ys.some((y) => Math.abs(y) > 90)) {
    return {
      crs: 'WGS84',
      swapXY: true,
      why: zh ? `第一列像纬度、第二列像经度（有大于 90 的值），已按 WGS84 经纬度互换读取。${geoNote}` : `The first column looks like latitude and the second like longitude (values above 90): read as WGS84 with the two swapped. ${geoNote}`,
    };
  }

  // 2. Projected metres: easting/northing, or a surveyor's X = northing, Y = easting.
  const prefixOf = (e: number): number => Math.floor(e / 1e6);
  const isPrefixed = (e: number): boolean => e >= 10_000_000 && e < 100_000_000;
  const isPlain = (e: number): boolean => e >= 100_000 && e < 1_000_000;
  const classify = (es: number[], ns: number[]): 'prefixed' | 'plain' | null => {
    if (!all(ns, inNorthing)) return null;
    if (all(es, isPrefixed)) return 'prefixed';
    if (all(es, isPlain)) return 'plain';
    return null;
  };
  let kind = classify(xs, ys);
  let swapXY = false;
  if (!kind) {
    kind = classify(ys, xs);
    swapXY = kind !== null;
  }
  const es = swapXY ? ys : xs;
  const swapNote = swapXY
    ? zh
      ? '（X 列为北坐标、Y 列为东坐标，即测量习惯，已互换）'
      : ' (X is the northing and Y the easting, as surveyors write them: swapped)'
    : '';

  if (kind === 'prefixed') {
    const prefixes = [...new Set(es.map(prefixOf))].sort((a, b) => a - b);
    if (prefixes.length > 1) {
      return {
        crs: null,
        swapXY,
        why: zh ? `东坐标带有不同的带号前缀（${prefixes.join('、')}），无法确定一个坐标系，请选择。` : `The eastings carry different zone prefixes (${prefixes.join(', ')}): no single system fits; please choose one.`,
      };
    }
    const zone = prefixes[0]!;
    const code = zone >= 25 && zone <= 45 ? gaussKrugerCode(3, 3 * zone, true) : zone >= 13 && zone <= 23 ? gaussKrugerCode(6, 6 * zone - 3, true) : null;
    if (code === null) {
      return {
        crs: null,
        swapXY,
        why: zh
          ? `东坐标为 8 位，前缀 ${zone} 不是 CGCS2000 的 3° 带（25–45）或 6° 带（13–23）带号，请选择坐标系。`
          : `The eastings have 8 digits, but the prefix ${zone} is not a CGCS2000 3° zone (25–45) or 6° zone (13–23): please choose the system.`,
      };
    }
    const crs = `EPSG:${code}` as CrsId;
    const gk = gaussKrugerZone(code)!;
    const far = hintLon !== undefined && Math.abs(hintLon - gk.centralMeridian) > gk.width;
    const farNote = far
      ? zh
        ? ` 注意：该带中央经线 ${gk.centralMeridian}°E 与提示经度 ${hintLon}° 相距较远，请核对。`
        : ` Note: the zone's CM ${gk.centralMeridian}°E is far from the hinted longitude ${hintLon}°; check.`
      : '';
    return {
      crs,
      swapXY,
      why:
        (zh
          ? `东坐标为 8 位，前缀 ${zone} 为带号${swapNote}：${crsLabel(crs, 'zh-CN')}。请确认数据为 CGCS2000（西安 80、BJ54 坐标系的数值与此相近，但相差数十至上百米）。`
          : `The eastings have 8 digits with zone prefix ${zone}${swapNote}: ${crsLabel(crs, 'en')}. Check that the data is CGCS2000 (Xian 1980 or BJ54 grids look the same but lie tens of metres to over 100 m away).`) + farNote,
    };
  }

  if (kind === 'plain') {
    if (hintLon === undefined) {
      return {
        crs: null,
        swapXY,
        why: zh
          ? `东坐标为 6 位、不带带号${swapNote}：这是按中央经线划分的高斯-克吕格坐标，但数值本身无法确定中央经线。请选择坐标系（如 CGCS2000 3° 中央经线 117°E，EPSG:4548）。`
          : `The eastings have 6 digits and no zone prefix${swapNote}: a Gauss–Krüger grid by central meridian, but the numbers cannot tell which meridian. Please choose the system (e.g. CGCS2000 3° CM 117°E, EPSG:4548).`,
      };
    }
    const cm = Math.round(hintLon / 3) * 3;
    const code = gaussKrugerCode(3, cm, false);
    if (code === null) {
      return {
        crs: null,
        swapXY,
        why: zh
          ? `东坐标为 6 位、不带带号；提示经度 ${hintLon}° 不在 CGCS2000 3° 带范围（中央经线 75°E–135°E）内，请选择坐标系。`
          : `The eastings have 6 digits and no zone prefix; the hinted longitude ${hintLon}° is outside the CGCS2000 3° zones (CM 75°E–135°E): please choose the system.`,
      };
    }
    const crs = `EPSG:${code}` as CrsId;
    return {
      crs,
      swapXY,
      why: zh
        ? `东坐标为 6 位、不带带号${swapNote}；按提示经度 ${hintLon}° 取最近的 3° 中央经线 ${cm}°E：${crsLabel(crs, 'zh-CN')}。若数据用的是相邻的带或 6° 带，请改选。`
        : `The eastings have 6 digits and no zone prefix${swapNote}; the hinted longitude ${hintLon}° gives the nearest 3° central meridian ${cm}°E: ${crsLabel(crs, 'en')}. If the data uses a neighbouring zone or a 6° zone, choose that instead.`,
    };
  }

  return {
    crs: null,
    why: zh
      ? '数值既不是经纬度，也不像 CGCS2000 高斯-克吕格坐标（8 位带号东坐标或 6 位东坐标，北坐标在中国范围内），可能是 Web 墨卡托或地方独立坐标系，请选择或转换后再导入。'
      : 'The numbers are neither longitudes/latitudes nor CGCS2000 Gauss–Krüger metres (an 8-digit zone-prefixed or 6-digit easting with a northing in China’s range); they may be Web Mercator or a local grid: choose the system or convert the file first.',
  };
}

/**
 * A name for a coordinate system, for the UI.
 *
 * @param crs - a {@link CrsId}
 * @param lang - 'zh-CN' or 'en'
 * @returns e.g. 'CGCS2000 3° 高斯-克吕格 39 带（EPSG:4527）' / 'CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527)'
 * @throws when `crs` is not supported or `lang` is neither language (naming the argument)
 * @example
 * crsLabel('EPSG:4548', 'zh-CN'); // 'CGCS2000 3° 高斯-克吕格 中央经线 117°E（EPSG:4548）'
 * crsLabel('GCJ-02', 'en');       // 'GCJ-02 (AMap, Tencent, Ovital)'
 */
export function crsLabel(crs: CrsId, lang: 'zh-CN' | 'en'): string {
  const r = resolveCrs(crs);
  if (lang !== 'zh-CN' && lang !== 'en') throw new Error(`lang: expected 'zh-CN' or 'en', got ${describe(lang)}`);
  const zh = lang === 'zh-CN';
  if (r.kind === 'gcj02') return zh ? 'GCJ-02 火星坐标（高德、腾讯、奥维）' : 'GCJ-02 (AMap, Tencent, Ovital)';
  if (r.kind === 'bd09') return zh ? 'BD-09 百度坐标' : 'BD-09 (Baidu)';
  if (r.kind !== 'gk') {
    if (r.id === 'CGCS2000' || r.id === 'EPSG:4490') return zh ? 'CGCS2000 经纬度（EPSG:4490，按 WGS84 处理）' : 'CGCS2000 longitude/latitude (EPSG:4490, treated as WGS84)';
    return zh ? 'WGS84 经纬度（EPSG:4326）' : 'WGS84 longitude/latitude (EPSG:4326)';
  }
  const { code, width, zone, centralMeridian, prefixed } = r.gk;
  if (zh) return `CGCS2000 ${width}° 高斯-克吕格 ${prefixed ? `${zone} 带` : `中央经线 ${centralMeridian}°E`}（EPSG:${code}）`;
  return `CGCS2000 ${width}° Gauss–Krüger ${prefixed ? `zone ${zone}` : `CM ${centralMeridian}°E`} (EPSG:${code})`;
}
