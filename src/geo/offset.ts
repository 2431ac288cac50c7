/**
 * The engine behind {@link corridorZone} and {@link linesToArea}: the zone within `km` of lines on the sphere,
 * built with Clipper2's offsetting in local azimuthal-equidistant projections. Internal to `src/geo/`.
 *
 * Why this method (and not Turf's `buffer`, which projects the whole input once and is slow):
 *
 * 1. Each input segment is read as a great-circle arc (as Turf's `pointToLineDistance(…, { method: 'geodesic' })`
 *    and `nearestPointOnLine` read it), on Turf's sphere (R = 6 371 008.8 m), and densified along that arc, so
 *    that the output's straight lon/lat edges (RFC 7946) stay within 0.2 % of `km` of the true zone edge.
 * 2. The densified lines are cut into chunks of ≤ 300 km, and the chunks are grouped so that every vertex of a
 *    group lies within 300 km of the group's centre (usually one group holds everything).
 * 3. Each group is projected with an azimuthal-equidistant projection centred on it. Its scale error at ρ from
 *    the centre is ρ² / 6R²: 0.04 % at 310 km, 0.26 % at the largest reach allowed (300 km + 500 km), so planar
 *    distances are true distances to well within 1 %.
 * 4. Clipper2 offsets each piece of ≤ 32 vertices on its own (round joins, round ends; the arc tolerance gives
 *    `steps` vertices per full circle, every vertex exactly on the circle); the outlines' long edges are split
 *    again (Clipper drops collinear vertices) and unprojected to lon/lat, scaled to integers (1e-7°).
 * 5. All zones are unioned in one cascade, not pairwise: zones whose boxes cannot touch are kept apart
 *    (Flatbush + union–find), and each overlapping set is merged 8 at a time in Hilbert order, neighbours
 *    first, the last merge giving the PolyTree (outer rings and holes). Clipper's sweep costs about
 *    vertices × edges crossing a scanline, so one big union of 1,000 overlapping zones took ~6 s; this ~1 s
 *    in the densest case measured, ~0.25–0.45 s for scattered or chained zones.
 *
 * Offset vertices are at a true distance in [1 − 0.003, 1] · km from the lines (the projection's scale and 1 cm
 * rounding); edges, and the vertices where two zones' edges cross, lie inside by at most 1 − cos(π / steps) of km
 * more (0.12 % at the default 64 steps, 0.48 % at 32) plus the densification tolerance (0.2 %). Limits: no zone across the antimeridian or over a
 * pole (both throw a RangeError), and km ≤ 500.
 */
import { Clipper, ClipperOffset, ClipType, EndType, FillRule, JoinType, PolyTree64 } from 'clipper2-ts';
import type { Path64, Paths64, PolyPath64 } from 'clipper2-ts';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { R_KM, RAD, toVector } from './sphere.js';

/** Turf's earth radius (`earthRadius` in @turf/helpers), in metres, so results agree with Turf's distances. */
const R = R_KM * 1000;
/** Largest zone width accepted: beyond it the projection's scale error could approach 1 %. */
export const MAX_ZONE_KM = 500;
/** Longest chunk of line offset in one projection. */
const CHUNK_M = 300_000;
/** Largest distance from a projection centre to a line vertex offset in that projection. */
const GROUP_M = 300_000;
/** Largest deviation, as a fraction of km, of a straight lon/lat edge from the true zone edge. */
const EDGE_TOLERANCE = 0.002;
/** Longest input segment kept whole (metres). */
const MAX_SEGMENT_M = 100_000;
/** Integer units per degree for the union: 1e-7° ≈ 1 cm. */
const LONLAT_SCALE = 1e7;
/** Vertices per piece of line offset on its own (pieces are then unioned neighbours-first). */
const PIECE_VERTS = 32;
/** Unions merged per Clipper call in the cascade. */
const FAN = 8;
/** Output coordinates are rounded to this many decimals (≈ 1 cm). */
const DECIMALS = 1e7;

/** Default circle resolution: vertices per full circle of the round joins and ends. */
export const DEFAULT_STEPS = 64;

type Vec = [number, number, number];

interface Chunk {
  /** Unit vectors of the (densified) vertices. */
  verts: Vec[];
  centre: Vec;
  /** Largest angular distance (radians) from `centre` to a vertex. */
  radius: number;
}

// ---------------------------------------------------------------------------------------------
// Input validation

/** A `[lon, lat]`-only copy of every part of a LineString / MultiLineString, validated. */
export function readLineParts(fn: string, name: string, line: unknown): Position[][] {
  const obj = line as { type?: unknown; geometry?: unknown } | null | undefined;
  const geometry = (obj && typeof obj === 'object' && obj.type === 'Feature' ? obj.geometry : obj) as
    | { type?: unknown; coordinates?: unknown }
    | null
    | undefined;
  const type = geometry && typeof geometry === 'object' ? geometry.type : undefined;
  if (type !== 'LineString' && type !== 'MultiLineString') {
    const got = obj && typeof obj === 'object' ? (obj.type === 'Feature' ? `a Feature with geometry ${String(type ?? 'null')}` : String(obj.type ?? 'an object without type')) : String(obj);
    throw new TypeError(`${fn}: ${name} must be a LineString or MultiLineString (Feature or geometry), got ${got}`);
  }
  const coordinates = geometry!.coordinates;
  if (!Array.isArray(coordinates)) throw new TypeError(`${fn}: ${name} has no coordinates array`);
  if (coordinates.length === 0) throw new RangeError(`${fn}: ${name} is empty (no positions)`);
  const parts: unknown[] = type === 'LineString' ? [coordinates] : coordinates;
  return parts.map((part, i) => {
    const partName = type === 'LineString' ? name : `${name}.coordinates[${i}]`;
    if (!Array.isArray(part)) throw new TypeError(`${fn}: ${partName} is not an array of positions`);
    if (part.length < 2) throw new RangeError(`${fn}: ${partName} has ${part.length} position(s); a line needs at least 2`);
    return part.map((pos: unknown, j) => {
      if (!Array.isArray(pos) || pos.length < 2) throw new TypeError(`${fn}: ${partName}[${j}] is not a [lon, lat] position`);
      const [lon, lat] = pos as unknown[];
      if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        throw new RangeError(`${fn}: ${partName}[${j}] is ${JSON.stringify(pos)}, not a finite [lon, lat] within WGS84 ranges`);
      }
      return [lon, lat];
    });
  });
}

/** Throws unless `km` is a finite number of kilometres in (0, {@link MAX_ZONE_KM}]. */
export function assertZoneKm(fn: string, name: string, km: unknown): asserts km is number {
  if (typeof km !== 'number') throw new TypeError(`${fn}: ${name} must be a number of kilometres, got ${typeof km}`);
  if (!Number.isFinite(km) || km <= 0) throw new RangeError(`${fn}: ${name} must be a finite number of kilometres > 0, got ${String(km)}`);
  if (km > MAX_ZONE_KM) throw new RangeError(`${fn}: ${name} must be ≤ ${MAX_ZONE_KM} km (the local projections stay within 1 % only up to there), got ${km}`);
}

/** Throws unless `steps` is an integer in [32, 1024]. */
export function assertSteps(fn: string, steps: unknown): asserts steps is number {
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 32 || steps > 1024) {
    throw new RangeError(`${fn}: steps must be an integer from 32 to 1024 (below 32 the arcs cut more than 0.5 % inside), got ${String(steps)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Sphere helpers

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
function angle(a: Vec, b: Vec): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), dot(a, b));
}
function normalize(v: Vec): Vec {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}
/** The point a fraction `t` of the way along the great-circle arc a→b (angle `theta`). */
function slerp(a: Vec, b: Vec, theta: number, t: number): Vec {
  const s = Math.sin(theta);
  const wa = Math.sin((1 - t) * theta) / s;
  const wb = Math.sin(t * theta) / s;
  return normalize([wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]]);
}

/**
 * The part's vertices as unit vectors, duplicates dropped, segments split along their great circle so that a
 * straight lon/lat chord of a piece deviates from the arc by ≤ EDGE_TOLERANCE·km: the bulge of a chord of
 * length L at latitude φ is about L²·tan φ / 8R.
 */
function densify(part: Position[], km: number): Vec[] {
  const out: Vec[] = [];
  let prev: Vec | undefined;
  let prevLat = 0;
  for (const [lon, lat] of part) {
    const v = toVector(lon!, lat!);
    if (!prev) {
      out.push(v);
    } else {
      const theta = angle(prev, v);
      if (theta === 0) continue;
      const mid = theta < Math.PI ? slerp(prev, v, theta, 0.5) : v;
      const maxLen = maxSegmentMetres(Math.max(Math.abs(prevLat), Math.abs(lat!), Math.abs(Math.asin(mid[2]) / RAD)), km);
      const n = Math.ceil((theta * R) / maxLen);
      for (let k = 1; k < n; k++) out.push(slerp(prev, v, theta, k / n));
      out.push(v);
    }
    prev = v;
    prevLat = lat!;
  }
  return out;
}

/**
 * The longest edge (metres) whose straight lon/lat chord stays within EDGE_TOLERANCE·km of a great circle
 * near latitude `lat` (plus the zone's width): L = √(8·R·tol·km / tan φ).
 */
function maxSegmentMetres(lat: number, km: number): number {
  const maxLat = Math.min(89.9, lat + (km * 1000) / R / RAD);
  return Math.min(MAX_SEGMENT_M, Math.sqrt((8 * R * EDGE_TOLERANCE * km * 1000) / Math.max(Math.tan(maxLat * RAD), 0.05)));
}

/** The closed path's vertices with points inserted so that no edge is longer than `maxEdge`. */
function splitLongEdges(path: Path64, maxEdge: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < path.length; i++) {
    const a = path[i]!;
    const b = path[(i + 1) % path.length]!;
    out.push([a.x, a.y]);
    const n = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / maxEdge);
    for (let k = 1; k < n; k++) out.push([a.x + ((b.x - a.x) * k) / n, a.y + ((b.y - a.y) * k) / n]);
  }
  return out;
}

/** Cuts densified vertices into runs of ≤ CHUNK_M (sharing their end vertices). */
function chunksOf(verts: Vec[]): Chunk[] {
  const chunk = (vs: Vec[], centre: Vec): Chunk => ({ verts: vs, centre, radius: Math.max(...vs.map((v) => angle(centre, v))) });
  if (verts.length === 1) return [chunk(verts, verts[0]!)];
  const chunks: Chunk[] = [];
  const maxAngle = CHUNK_M / R;
  let start = 0;
  while (start < verts.length - 1) {
    let len = 0;
    let end = start + 1;
    const lens = [0];
    len += angle(verts[start]!, verts[end]!);
    lens.push(len);
    while (end + 1 < verts.length) {
      const next = len + angle(verts[end]!, verts[end + 1]!);
      if (next > maxAngle) break;
      len = next;
      end++;
      lens.push(len);
    }
    let mid = 0;
    while (lens[mid]! < len / 2) mid++;
    chunks.push(chunk(verts.slice(start, end + 1), verts[start + mid]!));
    start = end;
  }
  return chunks;
}

/** Groups chunks so that each group's vertices lie within GROUP_M of the group centre. */
function groupChunks(chunks: Chunk[]): { centre: Vec; chunks: Chunk[] }[] {
  const maxAngle = GROUP_M / R;
  const sum: Vec = [0, 0, 0];
  for (const c of chunks) for (let k = 0; k < 3; k++) sum[k]! += c.centre[k]!;
  if (Math.hypot(...sum) > 1e-9) {
    const mean = normalize(sum);
    if (chunks.every((c) => angle(mean, c.centre) + c.radius <= maxAngle)) return [{ centre: mean, chunks }];
  }
  const groups: { centre: Vec; chunks: Chunk[] }[] = [];
  for (const c of chunks) {
    const g = groups.find((gr) => angle(gr.centre, c.centre) + c.radius <= maxAngle);
    if (g) g.chunks.push(c);
    else groups.push({ centre: c.centre, chunks: [c] });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Azimuthal-equidistant projection on the sphere

class Aeqd {
  private readonly e: Vec;
  private readonly n: Vec;
  private readonly lon0: number;
  constructor(
    private readonly c: Vec,
    /** integer units per metre */
    private readonly unit: number,
  ) {
    const lon0 = Math.atan2(c[1], c[0]);
    const lat0 = Math.asin(Math.max(-1, Math.min(1, c[2])));
    this.lon0 = lon0;
    this.e = [-Math.sin(lon0), Math.cos(lon0), 0];
    this.n = [-Math.sin(lat0) * Math.cos(lon0), -Math.sin(lat0) * Math.sin(lon0), Math.cos(lat0)];
  }
  forward(v: Vec): { x: number; y: number } {
    const x = dot(v, this.e);
    const y = dot(v, this.n);
    const s = Math.hypot(x, y);
    if (s === 0) return { x: 0, y: 0 };
    const rho = Math.atan2(s, dot(v, this.c)) * R * this.unit;
    return { x: Math.round((x / s) * rho), y: Math.round((y / s) * rho) };
  }
  /** [lon, lat] in degrees, lon continuous around the centre's longitude (may leave [-180, 180]). */
  inverse(x: number, y: number): [number, number] {
    const rhoUnits = Math.hypot(x, y);
    if (rhoUnits === 0) return [(this.lon0 / RAD), Math.asin(this.c[2]) / RAD];
    const a = rhoUnits / this.unit / R;
    const dx = x / rhoUnits;
    const dy = y / rhoUnits;
    const ca = Math.cos(a);
    const sa = Math.sin(a);
    const p: Vec = [0, 0, 0];
    for (let k = 0; k < 3; k++) p[k] = this.c[k]! * ca + (this.e[k]! * dx + this.n[k]! * dy) * sa;
    const cl = Math.cos(this.lon0);
    const sl = Math.sin(this.lon0);
    const dLon = Math.atan2(-p[0]! * sl + p[1]! * cl, p[0]! * cl + p[1]! * sl);
    return [(this.lon0 + dLon) / RAD, Math.asin(Math.max(-1, Math.min(1, p[2]!))) / RAD];
  }
}

// ---------------------------------------------------------------------------------------------
// Rings and polygons

const round = (v: number): number => Math.round(v * DECIMALS) / DECIMALS;

/** A closed GeoJSON ring from lon/lat positions: rounded, duplicates dropped, wound CCW (outer) or CW (hole). */
function ring(positions: [number, number][], outer: boolean): Position[] | undefined {
  const out: Position[] = [];
  for (const [lon, lat] of positions) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  if (out.length < 3) return undefined;
  let twiceArea = 0;
  for (let i = 0, j = out.length - 1; i < out.length; j = i++) twiceArea += (out[j]![0]! - out[i]![0]!) * (out[j]![1]! + out[i]![1]!);
  // twiceArea > 0 ⇔ counter-clockwise (x = lon east, y = lat north)
  if (twiceArea === 0) return undefined;
  if (twiceArea > 0 !== outer) out.reverse();
  out.push([...out[0]!]);
  return out;
}

/** Polygons (outer ring + holes) from a Clipper PolyTree, converting each integer path with `conv`. */
function treeToPolygons(tree: PolyPath64, conv: (path: Path64) => [number, number][]): Position[][][] {
  const polygons: Position[][][] = [];
  const visit = (node: PolyPath64): void => {
    for (let i = 0; i < node.count; i++) {
      const outerNode = node.child(i);
      const outer = ring(conv(outerNode.poly ?? []), true);
      const rings: Position[][] = outer ? [outer] : [];
      for (let j = 0; j < outerNode.count; j++) {
        const holeNode = outerNode.child(j);
        const hole = ring(conv(holeNode.poly ?? []), false);
        if (hole && outer) rings.push(hole);
        visit(holeNode);
      }
      if (outer) polygons.push(rings);
    }
  };
  visit(tree);
  return polygons;
}

/**
 * The zone within `km` of the given line parts, as polygons (each: outer ring CCW, then holes CW).
 *
 * @param fn - the calling function's name, for error messages
 * @param name - the argument's name, for error messages
 * @param parts - validated line parts (see {@link readLineParts}); each with at least one position
 * @param km - validated width (see {@link assertZoneKm})
 * @param steps - vertices per full circle of the round joins and ends (see {@link assertSteps})
 */
export function zonePolygons(fn: string, name: string, parts: Position[][], km: number, steps: number = DEFAULT_STEPS): Position[][][] {
  const chunks = parts.flatMap((p) => chunksOf(densify(p, km)));
  const groups = groupChunks(chunks);
  // ≥ 1 cm per unit, and ≥ 1e5 units per km of offset (precision 1e-5 of km).
  const unit = Math.max(100, 1e5 / (km * 1000));
  const delta = km * 1000 * unit;
  const arcTolerance = delta * (1 - Math.cos(Math.PI / steps));
  const zoneAngle = (km * 1000) / R;
  // The union runs in integer lon/lat around a whole-degree origin near the lines.
  const mean = normalize(groups.reduce<Vec>((s, g) => [s[0] + g.centre[0], s[1] + g.centre[1], s[2] + g.centre[2]], [0, 0, 0]));
  const lon0 = Math.round(Math.atan2(mean[1], mean[0]) / RAD);
  const lat0 = Math.round(Math.asin(mean[2]) / RAD);

  // Clipper drops collinear vertices, and a great circle through a projection's centre is a straight line:
  // the output's long edges are split again before unprojecting, as the input's were (see densify).
  const maxEdge = maxSegmentMetres(Math.max(...parts.flat().map((p) => Math.abs(p[1]!))), km) * unit;
  const zones: Paths64[] = [];
  for (const g of groups) {
    const reach = Math.max(...g.chunks.map((c) => angle(g.centre, c.centre) + c.radius)) + zoneAngle;
    if (Math.PI / 2 - Math.abs(Math.asin(g.centre[2])) <= reach * 1.01) {
      throw new RangeError(`${fn}: the zone around ${name} would reach a pole, which is not supported`);
    }
    const proj = new Aeqd(g.centre, unit);
    for (const c of g.chunks) {
      for (const piece of piecesOf(c.verts.map((v) => proj.forward(v)))) {
        // Each piece alone: its offset outline only intersects itself, so Clipper's clean-up sweep is cheap.
        const co = new ClipperOffset(2, arcTolerance);
        co.addPath(piece, JoinType.Round, EndType.Round);
        const out: Paths64 = [];
        co.execute(delta, out);
        zones.push(
          out.map((path) =>
            splitLongEdges(path, maxEdge).map(([x, y]) => {
              const [lon, lat] = proj.inverse(x, y);
              if (lon > 180 || lon < -180) throw new RangeError(`${fn}: the zone around ${name} crosses the antimeridian (±180°), which is not supported`);
              return { x: Math.round((lon - lon0) * LONLAT_SCALE), y: Math.round((lat - lat0) * LONLAT_SCALE) };
            }),
          ),
        );
      }
    }
  }
  const toLonLat = (path: Path64): [number, number][] => path.map((pt) => [pt.x / LONLAT_SCALE + lon0, pt.y / LONLAT_SCALE + lat0]);
  return overlapGroups(zones).flatMap((group) => treeToPolygons(cascadeUnion(hilbertOrder(group)), toLonLat));
}

/**
 * The zones in groups whose bounding boxes chain-overlap (union–find over a Flatbush index). Zones in
 * different groups cannot touch, so each group is unioned on its own: Clipper's sweep then never spans
 * hundreds of separate areas side by side, which made one union of scattered lines slow.
 */
function overlapGroups(zones: Paths64[]): Paths64[][] {
  if (zones.length === 1) return [zones];
  const boxes = zones.map((z) => {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const path of z) for (const { x, y } of path) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    return [minX, minY, maxX, maxY] as const;
  });
  const index = new Flatbush(zones.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const parent = zones.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  boxes.forEach((b, i) => {
    for (const j of index.search(b[0], b[1], b[2], b[3])) {
      const [ri, rj] = [root(i), root(j)];
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  });
  const groups = new Map<number, Paths64[]>();
  zones.forEach((z, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(z);
    else groups.set(r, [z]);
  });
  return [...groups.values()];
}

/** Pieces of ≤ PIECE_VERTS vertices (sharing end vertices) of one projected path. */
function piecesOf(path: Path64): Path64[] {
  if (path.length <= PIECE_VERTS) return [path];
  const out: Path64[] = [];
  for (let s = 0; s < path.length - 1; s += PIECE_VERTS - 1) out.push(path.slice(s, s + PIECE_VERTS));
  return out;
}

/** Hilbert index of (x, y) in a 2^16 × 2^16 grid. */
function hilbert(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}

/** The zones sorted along a Hilbert curve (by the first vertex of each), so neighbours follow each other. */
function hilbertOrder(zones: Paths64[]): Paths64[] {
  const firsts = zones.map((z) => z[0]?.[0] ?? { x: 0, y: 0 });
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { x, y } of firsts) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const k = 65535 / Math.max(maxX - minX, maxY - minY, 1);
  const keys = firsts.map(({ x, y }) => hilbert(Math.floor((x - minX) * k), Math.floor((y - minY) * k)));
  return zones.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!).map((i) => zones[i]!);
}

/**
 * The union of the zones, merged FAN at a time in their (spatial) order, neighbours first; the last merge
 * builds the PolyTree (outer rings and their holes). Clipper's sweep costs about (vertices × edges crossing
 * a scanline): one union of a thousand overlapping zones took seconds, merging neighbours first keeps both
 * factors small until the last merge.
 */
function cascadeUnion(zones: Paths64[]): PolyTree64 {
  let level = zones;
  while (level.length > FAN) {
    const next: Paths64[] = [];
    for (let i = 0; i < level.length; i += FAN) next.push(Clipper.union(level.slice(i, i + FAN).flat(), FillRule.NonZero));
    level = next;
  }
  const tree = new PolyTree64();
  Clipper.booleanOpWithPolyTree(ClipType.Union, level.flat(), null, tree, FillRule.NonZero);
  return tree;
}

/** A Polygon for one polygon, a MultiPolygon for several. */
export function zoneGeometry(fn: string, polygons: Position[][][]): Polygon | MultiPolygon {
  if (polygons.length === 0) throw new Error(`${fn}: the offset produced no polygon (this is a bug)`);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}
