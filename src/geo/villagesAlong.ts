import type { Feature, FeatureCollection, GeoJsonProperties, LineString, MultiLineString, Point } from 'geojson';
import { assertKm } from './assert.js';
import { DEG, describeInput, featureList, haversineKm, R_KM as R, RAD, readPoint, toVector } from './sphere.js';

/** What {@link villagesAlong} adds to each village it keeps. */
export interface AlongProperties {
  /** Great-circle distance from the village to the nearest point of the line, in kilometres. */
  distanceKm: number;
  /** Distance along the line from its start to that nearest point, in kilometres. */
  chainageKm: number;
}

export interface VillagesAlongOptions {
  /** Keep villages at most this far from the line, in kilometres (inclusive). */
  km: number;
}

/**
 * 沿线村: the villages within `km` of a road, river or culture belt, each with its distance to the
 * line and its chainage (km along the line to the nearest point), ordered by chainage.
 *
 * Distances are great-circle distances on Turf's sphere (R = 6371.0088 km), the same model as
 * `@turf/nearest-point-on-line` and `pointToLineDistance(…, { method: 'geodesic' })` in Turf 7, and the
 * nearest point is the same (the first segment wins a tie). A MultiLineString's chainage runs on over
 * its parts in order, without the gaps between them (as Turf's `totalDistance`).
 *
 * Fast for large registers (one pass over the villages, no index of them to build): each segment's
 * box widened by `km` — exactly: the arc's poleward bulge and the longitude span of a `km` cap at
 * the box's highest latitude are included — is bucketed in a uniform grid; a village outside the
 * union of the boxes costs four comparisons, one inside it a grid look-up and the exact distance to
 * only the segments whose box holds it.
 *
 * @param villages - Point features (a FeatureCollection or an array); any properties are kept
 * @param line - a LineString or MultiLineString feature
 * @param options - {@link VillagesAlongOptions}
 * @returns a new FeatureCollection of new features (the input is not changed), each village's properties
 *   plus `distanceKm` and `chainageKm`, sorted by chainage (then by input order)
 * @example
 * ```ts
 * import { lineString, point } from '@turf/turf';
 * const road = lineString([[116.0, 40.0], [116.2, 40.0]]);
 * const near = villagesAlong([point([116.1, 40.01], { code: 'a', town: 't' }), point([116.1, 40.2], { code: 'b', town: 't' })], road, { km: 3 });
 * near.features.map((f) => f.properties.code); // ['a']
 * near.features[0].properties.distanceKm; // ≈ 1.107
 * near.features[0].properties.chainageKm; // ≈ 8.518
 * ```
 */
export function villagesAlong<P = GeoJsonProperties>(
  villages: FeatureCollection<Point, P> | readonly Feature<Point, P>[],
  line: Feature<LineString | MultiLineString>,
  options: VillagesAlongOptions,
): FeatureCollection<Point, Omit<P, keyof AlongProperties> & AlongProperties> {
  const list = featureList('villages', villages);
  const km = options?.km;
  assertKm('km', km);
  const segs = segments(linePartsOf(line));
  const grid = segmentGrid(segs.map((s) => segmentBox(s, km / R)));
  const { rects, west, south, east, north } = grid;

  // One pass over the villages: validate, and for those in the zone's box, the exact distance to each
  // segment whose widened box holds them, in line order (strict `<` keeps the first nearest, as Turf).
  const keptIds: number[] = [];
  const keptKm: number[] = [];
  const keptChainage: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const f = list[i]!;
    const c = readPoint(f, i);
    const lon = c[0]!;
    const lat = c[1]!;
    if (lon < west || lon > east || lat < south || lat > north) continue;
    const cell = grid.cellOf(lon, lat);
    let bestKm = Infinity;
    let bestChainage = 0;
    let x = NaN;
    let y = 0;
    let z = 0;
    for (let k = grid.start[cell]!, end = grid.start[cell + 1]!; k < end; k++) {
      const r = grid.refs[k]!;
      const o = 5 * r;
      if (lon < rects[o + 1]! || lon > rects[o + 3]! || lat < rects[o + 2]! || lat > rects[o + 4]!) continue;
      if (Number.isNaN(x)) {
        const phi = lat * RAD;
        const lam = lon * RAD;
        x = Math.cos(phi) * Math.cos(lam);
        y = Math.cos(phi) * Math.sin(lam);
        z = Math.sin(phi);
      }
      nearestOnSegment(segs[rects[o]!]!, x, y, z, lon, lat, HIT);
      if (HIT.km < bestKm) {
        bestKm = HIT.km;
        bestChainage = HIT.chainageKm;
      }
    }
    if (bestKm <= km) {
      keptIds.push(i);
      keptKm.push(bestKm);
      keptChainage.push(bestChainage);
    }
  }

  // The villages within km, as new features, by chainage (then input order).
  const order = keptIds.map((_, j) => j).sort((a, b) => keptChainage[a]! - keptChainage[b]! || keptIds[a]! - keptIds[b]!);
  return {
    type: 'FeatureCollection',
    features: order.map((j) => {
      const f = list[keptIds[j]!]!;
      return {
        type: 'Feature' as const,
        ...(f.id === undefined ? {} : { id: f.id }),
        properties: { ...(f.properties ?? {}), distanceKm: keptKm[j]!, chainageKm: keptChainage[j]! } as Omit<P, keyof AlongProperties> &
          AlongProperties,
        geometry: { type: 'Point' as const, coordinates: [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!] },
      };
    }),
  };
}

/** The positions of each part of the line, validated. */
function linePartsOf(line: Feature<LineString | MultiLineString>): number[][][] {
  const g = line?.type === 'Feature' ? line.geometry : undefined;
  if (!g) throw new TypeError(`line must be a LineString or MultiLineString feature, got ${describeInput(line)}`);
  let parts: number[][][];
  switch (g.type) {
    case 'LineString':
      parts = [g.coordinates];
      break;
    case 'MultiLineString':
      parts = g.coordinates;
      break;
    default:
      g satisfies never;
      throw new TypeError(`line must be a LineString or MultiLineString feature, got ${describeInput(g)}`);
  }
  if (!Array.isArray(parts) || parts.length === 0) throw new RangeError('line has no positions');
  parts.forEach((part, p) => {
    const where = g.type === 'MultiLineString' ? `line part ${p}` : 'line';
    if (!Array.isArray(part) || part.length < 2) throw new RangeError(`${where} needs at least 2 positions, got ${Array.isArray(part) ? part.length : 'none'}`);
    part.forEach((c, i) => {
      const [x, y] = Array.isArray(c) ? c : [];
      if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x!) > 180 || Math.abs(y!) > 90) {
        throw new RangeError(`${where} position ${i} is ${JSON.stringify(c)}, outside WGS84 ranges`);
      }
    });
  });
  return parts;
}

/** A segment of the line on the unit sphere, with what the distance test needs precomputed. */
interface Segment {
  /** Endpoints (lon/lat degrees) and unit vectors. */
  a: [number, number];
  b: [number, number];
  A: [number, number, number];
  B: [number, number, number];
  /** Unit normal of the great circle (A×B), and T = N×A, the unit tangent at A towards B; null if A = B. */
  N: [number, number, number] | null;
  T: [number, number, number];
  /** Angle A–B (radians) and chainage of A (km). */
  angle: number;
  startKm: number;
  lengthKm: number;
}

function segments(parts: number[][][]): Segment[] {
  const out: Segment[] = [];
  let total = 0;
  for (const part of parts) {
    for (let i = 0; i + 1 < part.length; i++) {
      const a: [number, number] = [part[i]![0]!, part[i]![1]!];
      const b: [number, number] = [part[i + 1]![0]!, part[i + 1]![1]!];
      const A = toVector(a[0], a[1]);
      const B = toVector(b[0], b[1]);
      const cx = A[1] * B[2] - A[2] * B[1];
      const cy = A[2] * B[0] - A[0] * B[2];
      const cz = A[0] * B[1] - A[1] * B[0];
      const sin = Math.hypot(cx, cy, cz);
      const cos = A[0] * B[0] + A[1] * B[1] + A[2] * B[2];
      const lengthKm = haversineKm(a[0], a[1], b[0], b[1]);
      let N: Segment['N'] = null;
      let T: Segment['T'] = [0, 0, 0];
      if (sin > 0 && lengthKm > 0) {
        N = [cx / sin, cy / sin, cz / sin];
        T = [N[1] * A[2] - N[2] * A[1], N[2] * A[0] - N[0] * A[2], N[0] * A[1] - N[1] * A[0]];
      }
      out.push({ a, b, A, B, N, T, angle: Math.atan2(sin, cos), startKm: total, lengthKm });
      total += lengthKm;
    }
  }
  return out;
}

interface Box {
  south: number;
  north: number;
  /** One or more longitude intervals within [-180, 180] (more than one across the antimeridian). */
  lon: [number, number][];
}

/**
 * A lon/lat box holding every point within the angle `delta` of the segment's arc: the arc's own
 * extent (its latitude may bulge poleward of both endpoints) widened by `delta` in latitude and by the
 * widest longitude span of a `delta` cap at the arc's highest |latitude| (asin(sin δ / cos φ)).
 */
function segmentBox(s: Segment, delta: number): Box {
  let south = Math.min(s.a[1], s.b[1]);
  let north = Math.max(s.a[1], s.b[1]);
  if (s.N) {
    // The great circle's highest point V ∝ ẑ − N_z·N (lowest: −V); does the arc reach it?
    const [nx, ny, nz] = s.N;
    const vx = -nz * nx;
    const vy = -nz * ny;
    const vz = 1 - nz * nz;
    const len = Math.hypot(vx, vy, vz);
    if (len > 0) {
      const along = Math.atan2((vx * s.T[0] + vy * s.T[1] + vz * s.T[2]) / len, (vx * s.A[0] + vy * s.A[1] + vz * s.A[2]) / len);
      const top = Math.asin(Math.min(1, vz / len)) * DEG;
      if (along >= 0 && along <= s.angle) north = Math.max(north, top);
      const alongLow = along > 0 ? along - Math.PI : along + Math.PI; // −V is half a circle away
      if (alongLow >= 0 && alongLow <= s.angle) south = Math.min(south, -top);
    }
  }
  const margin = 1e-6; // relative widening against rounding (≈ 1 mm in 1 km)
  const dLat = delta * DEG * (1 + margin) + 1e-9;
  const phi = Math.max(Math.abs(south), Math.abs(north)) * RAD;
  south = Math.max(-90, south - dLat);
  north = Math.min(90, north + dLat);
  const sinDelta = Math.sin(delta);
  if (north >= 90 || south <= -90 || sinDelta >= Math.cos(phi) * (1 - margin)) return { south, north, lon: [[-180, 180]] };
  const dLon = Math.asin(sinDelta / Math.cos(phi)) * DEG * (1 + margin) + 1e-9;
  // Longitude runs monotonically along a minor arc that misses the poles; across the antimeridian,
  // take the short way round.
  let w = Math.min(s.a[0], s.b[0]);
  let e = Math.max(s.a[0], s.b[0]);
  if (e - w > 180) [w, e] = [e, w + 360];
  w -= dLon;
  e += dLon;
  if (e - w >= 360) return { south, north, lon: [[-180, 180]] };
  const lon: [number, number][] = [];
  for (const shift of [-360, 0, 360]) {
    const lo = Math.max(-180, w + shift);
    const hi = Math.min(180, e + shift);
    if (lo <= hi) lon.push([lo, hi]);
  }
  return { south, north, lon };
}

/** The widened boxes of the segments, bucketed in a uniform lon/lat grid over their union. */
interface SegmentGrid {
  /** Per rectangle, 5 numbers: segment index, west, south, east, north (a segment has 1–3). */
  rects: Float64Array;
  west: number;
  south: number;
  east: number;
  north: number;
  /** Rectangles of cell c: refs[start[c]] … refs[start[c + 1] − 1], in segment order. */
  start: Uint32Array;
  refs: Uint32Array;
  cellOf(lon: number, lat: number): number;
}

/** Grid cells at most about this many times the number of rectangles, and references at most this many. */
const CELLS_PER_RECT = 4;
const MAX_REFS = 4_000_000;

function segmentGrid(boxes: Box[]): SegmentGrid {
  const count = boxes.reduce((sum, b) => sum + b.lon.length, 0);
  const rects = new Float64Array(5 * count);
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let sumW = 0;
  let sumH = 0;
  let r = 0;
  boxes.forEach((b, s) => {
    for (const [w, e] of b.lon) {
      rects.set([s, w, b.south, e, b.north], 5 * r++);
      west = Math.min(west, w);
      east = Math.max(east, e);
      south = Math.min(south, b.south);
      north = Math.max(north, b.north);
      sumW += e - w;
      sumH += b.north - b.south;
    }
  });
  const spanW = Math.max(east - west, 1e-9);
  const spanH = Math.max(north - south, 1e-9);
  // Cells about the size of an average rectangle, but not more than CELLS_PER_RECT per rectangle.
  let cols = Math.max(1, Math.ceil(spanW / Math.max(sumW / count, 1e-9)));
  let rows = Math.max(1, Math.ceil(spanH / Math.max(sumH / count, 1e-9)));
  const maxCells = CELLS_PER_RECT * count + 64;
  if (cols * rows > maxCells) {
    const f = Math.sqrt((cols * rows) / maxCells);
    cols = Math.max(1, Math.floor(cols / f));
    rows = Math.max(1, Math.floor(rows / f));
  }
  for (;;) {
    const col = (lon: number) => Math.min(cols - 1, Math.max(0, Math.floor(((lon - west) / spanW) * cols)));
    const row = (lat: number) => Math.min(rows - 1, Math.max(0, Math.floor(((lat - south) / spanH) * rows)));
    const span = (o: number) => [col(rects[o + 1]!), row(rects[o + 2]!), col(rects[o + 3]!), row(rects[o + 4]!)] as const;
    let total = 0;
    for (let q = 0; q < count; q++) {
      const [c0, r0, c1, r1] = span(5 * q);
      total += (c1 - c0 + 1) * (r1 - r0 + 1);
    }
    if (total > MAX_REFS && cols * rows > 1) {
      // Huge rectangles (e.g. near a pole) cover many cells: coarsen.
      cols = Math.max(1, cols >> 1);
      rows = Math.max(1, rows >> 1);
      continue;
    }
    const start = new Uint32Array(cols * rows + 1);
    for (let q = 0; q < count; q++) {
      const [c0, r0, c1, r1] = span(5 * q);
      for (let y = r0; y <= r1; y++) for (let x = c0; x <= c1; x++) start[y * cols + x + 1] = start[y * cols + x + 1]! + 1;
    }
    for (let c = 0; c < cols * rows; c++) start[c + 1] = start[c + 1]! + start[c]!;
    const fill = start.slice(0, cols * rows);
    const refs = new Uint32Array(total);
    for (let q = 0; q < count; q++) {
      const [c0, r0, c1, r1] = span(5 * q);
      for (let y = r0; y <= r1; y++) {
        for (let x = c0; x <= c1; x++) {
          const at = fill[y * cols + x]!;
          refs[at] = q;
          fill[y * cols + x] = at + 1;
        }
      }
    }
    return { rects, west, south, east, north, start, refs, cellOf: (lon, lat) => row(lat) * cols + col(lon) };
  }
}

/** Scratch result of {@link nearestOnSegment} (no allocation per village). */
const HIT = { km: Infinity, chainageKm: 0 };

/**
 * Great-circle distance from C (unit vector x,y,z; lon/lat) to the segment's arc, and the chainage of
 * the nearest point. As in Turf: the foot of the perpendicular on the great circle if it lies on the
 * arc, else the nearer endpoint.
 */
function nearestOnSegment(s: Segment, x: number, y: number, z: number, lon: number, lat: number, out: typeof HIT): void {
  const [ax, ay, az] = s.A;
  if (s.N) {
    const along = Math.atan2(x * s.T[0] + y * s.T[1] + z * s.T[2], x * ax + y * ay + z * az);
    if (along >= 0 && along <= s.angle) {
      const cn = x * s.N[0] + y * s.N[1] + z * s.N[2];
      out.km = Math.asin(Math.min(1, Math.abs(cn))) * R;
      out.chainageKm = s.startKm + along * R;
      return;
    }
  }
  const [bx, by, bz] = s.B;
  if (x * ax + y * ay + z * az > x * bx + y * by + z * bz) {
    out.km = haversineKm(lon, lat, s.a[0], s.a[1]);
    out.chainageKm = s.startKm;
  } else {
    out.km = haversineKm(lon, lat, s.b[0], s.b[1]);
    out.chainageKm = s.startKm + s.lengthKm;
  }
}
