/**
 * Engine benchmark: our geo functions against plain Turf on a synthetic country of 490,000 villages
 * (see syntheticCountry.ts). Run with `npm run bench`.
 *
 * stdout: exactly four lines, one per function (`bench <name> … key=value …`); everything else
 * (machine, build time, progress, notes) goes to stderr.
 *
 * Plain Turf's villagesAlong (pointToLineDistance, geodesic, per village) costs ~10 ms per village on
 * a 2,000-vertex line, so it is timed on a seeded random sample and extrapolated linearly
 * (`turf_extrapolated_from=N`); the sample is as large as fits the time budget, at most 20,000.
 * Membership is also checked over all villages against Turf's exact distances (`mismatches_all`),
 * found cheaply by running Turf's own per-segment distance on just the segments near each village:
 * pointToLineDistance is the minimum of exactly that over all segments, so the result is identical.
 */
import os from 'node:os';
import {
  area,
  buffer,
  distance,
  featureCollection,
  lineString,
  nearestPointOnLine,
  pointToLineDistance,
  union,
} from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { assignClusters } from './assignClusters.js';
import { corridorZone } from './corridorZone.js';
import { linesToArea } from './linesToArea.js';
import { villagesAlong } from './villagesAlong.js';
import { mulberry32, syntheticCountry } from './syntheticCountry.js';

const SEED = 20240601;
const ALONG_KM = 5;
const ZONE_KM = 5;
const AREA_KM = 2;
/** Upper bound on the Turf villagesAlong sample, and the budget it may take. */
const TURF_SAMPLE_MAX = 20_000;
const TURF_FULL_BUDGET_MS = 60_000;
const TURF_SAMPLE_BUDGET_MS = 90_000;
/** Boundary vertices checked for radius error. */
const RADIUS_SAMPLES = 3_000;
const TIE_KM = 0.001;

type Village = Feature<Point, { code: string; town: string }>;

const log = (...a: unknown[]): void => console.error(...a);
const now = (): number => performance.now();
const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `n` times; returns the median wall time in ms and the last result. */
function timeMedian<T>(n: number, fn: () => T): { ms: number; result: T; runs: number[] } {
  const runs: number[] = [];
  let result!: T;
  for (let i = 0; i < n; i++) {
    const t = now();
    result = fn();
    runs.push(now() - t);
  }
  return { ms: median(runs), result, runs };
}

function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const t = now();
  const result = fn();
  return { ms: now() - t, result };
}

/** Seeded sample of `k` distinct indexes out of 0..n-1 (partial Fisher–Yates), in ascending order. */
function sampleIndexes(n: number, k: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
}

/**
 * Exact Turf geodesic point-to-line distance (and Turf's chainage), computed only over the segments
 * whose box, widened by `reachKm`, holds the point. Identical to `pointToLineDistance(…, geodesic)` /
 * `nearestPointOnLine` whenever the true distance is ≤ `reachKm`; otherwise returns Infinity
 * (the caller falls back to plain Turf when it needs the value).
 */
class NearSegments {
  private readonly index: Flatbush;
  private readonly coords: Position[];
  /** Turf `distance` from the start to each vertex (as nearestPointOnLine sums it). */
  private readonly cum: Float64Array;

  constructor(line: Feature<LineString>, readonly reachKm: number) {
    this.coords = line.geometry.coordinates;
    const n = this.coords.length - 1;
    this.index = new Flatbush(n);
    this.cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const [x0, y0] = this.coords[i] as [number, number];
      const [x1, y1] = this.coords[i + 1] as [number, number];
      // generous: 1° of latitude ≥ 110.5 km; longitude widened at the box's most poleward latitude + 1°
      const dLat = reachKm / 110 + 1e-6;
      const maxLat = Math.min(89, Math.max(Math.abs(y0), Math.abs(y1)) + dLat + 1);
      const dLon = reachKm / (110 * Math.cos((maxLat * Math.PI) / 180)) + 1e-6;
      this.index.add(Math.min(x0, x1) - dLon, Math.min(y0, y1) - dLat, Math.max(x0, x1) + dLon, Math.max(y0, y1) + dLat);
      this.cum[i + 1] = this.cum[i]! + distance(this.coords[i]!, this.coords[i + 1]!, { units: 'kilometers' });
    }
    this.index.finish();
  }

  /** Turf's distance (km) and chainage (km), or Infinity when no segment is within reach. */
  measure(p: Position): { km: number; chainageKm: number } {
    const hits = this.index.search(p[0]!, p[1]!, p[0]!, p[1]!).sort((a, b) => a - b);
    let best = Infinity;
    let chainageKm = NaN;
    for (const i of hits) {
      // Turf's own per-segment geodesic distance (what pointToLineDistance minimises over segments)
      const near = nearestPointOnLine(lineString([this.coords[i]!, this.coords[i + 1]!]), p, { units: 'kilometers' });
      const d = near.properties.pointDistance;
      if (d < best) {
        best = d;
        chainageKm = this.cum[i]! + near.properties.segmentDistance;
      }
    }
    return best <= this.reachKm ? { km: best, chainageKm } : { km: Infinity, chainageKm: NaN };
  }
}

/** Every vertex of every ring of a (Multi)Polygon. */
function boundaryVertices(f: Feature<Polygon | MultiPolygon>): Position[] {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[] = [];
  for (const poly of polys) for (const ring of poly) for (let i = 0; i < ring.length - 1; i++) out.push(ring[i]!);
  return out;
}

/**
 * Max and mean of |d − km| / km × 100 over ≤ RADIUS_SAMPLES evenly spaced boundary vertices, where
 * d = Turf geodesic pointToLineDistance to the line (via NearSegments; plain Turf for far vertices).
 */
function radiusError(
  zone: Feature<Polygon | MultiPolygon>,
  line: Feature<LineString>,
  near: NearSegments,
  km: number,
): { maxPct: number; meanPct: number; checked: number; vertices: number } {
  const verts = boundaryVertices(zone);
  const count = Math.min(verts.length, RADIUS_SAMPLES);
  let maxPct = 0;
  let sum = 0;
  let checked = 0;
  for (let k = 0; k < count; k++) {
    const p = verts[Math.floor((k * verts.length) / count)]!;
    let d = near.measure(p).km;
    if (!Number.isFinite(d)) d = pointToLineDistance(p, line, { units: 'kilometers', method: 'geodesic' });
    const pct = (Math.abs(d - km) / km) * 100;
    maxPct = Math.max(maxPct, pct);
    sum += pct;
    checked++;
  }
  return { maxPct, meanPct: sum / checked, checked, vertices: verts.length };
}

/** Plain Turf villagesAlong over the given villages: distance filter, then chainage for those within. */
function turfVillagesAlong(villages: Village[], line: Feature<LineString>, km: number): Map<string, { km: number; chainageKm: number }> {
  const out = new Map<string, { km: number; chainageKm: number }>();
  for (const v of villages) {
    const d = pointToLineDistance(v, line, { units: 'kilometers', method: 'geodesic' });
    if (d <= km) {
      const chainageKm = nearestPointOnLine(line, v, { units: 'kilometers' }).properties.location;
      out.set(v.properties.code, { km: d, chainageKm });
    } else {
      out.set(v.properties.code, { km: d, chainageKm: NaN });
    }
  }
  return out;
}

/** Turf's distance and chainage of each village (code → km, chainage), measured as they are read. */
function* measuredAlong(villages: Village[], near: NearSegments): Generator<[string, { km: number; chainageKm: number }]> {
  for (const v of villages) yield [v.properties.code, near.measure(v.geometry.coordinates)];
}

/**
 * How our villagesAlong (`ours`: code → its properties, the villages it kept) agrees with Turf's
 * distances (`turf`: code → km and chainage) at `km`: villages within by Turf, boundary ties (within
 * TIE_KM of `km`, not judged), mismatches of membership, and the largest distance and chainage errors
 * over the villages both keep.
 */
function alongAgreement(
  turf: Iterable<[string, { km: number; chainageKm: number }]>,
  ours: ReadonlyMap<string, { distanceKm: number; chainageKm: number }>,
  km: number,
): { within: number; ties: number; mismatches: number; maxDistErr: number; maxChainErr: number } {
  let mismatches = 0;
  let ties = 0;
  let within = 0;
  let maxChainErr = 0;
  let maxDistErr = 0;
  for (const [code, r] of turf) {
    const inTurf = r.km <= km;
    const o = ours.get(code);
    if (inTurf) within++;
    if (Math.abs(r.km - km) <= TIE_KM) {
      ties++;
      continue;
    }
    if (inTurf !== (o !== undefined)) mismatches++;
    else if (o && inTurf) {
      maxDistErr = Math.max(maxDistErr, Math.abs(o.distanceKm - r.km));
      maxChainErr = Math.max(maxChainErr, Math.abs(o.chainageKm - r.chainageKm));
    }
  }
  return { within, ties, mismatches, maxDistErr, maxChainErr };
}

function main(): void {
  log(
    `node ${process.version} · os.cpus().length=${os.cpus().length} (${os.cpus()[0]?.model ?? '?'}) · ${os.platform()} ${os.arch()} · ` +
      `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );

  // ---- the synthetic country ------------------------------------------------------------------
  const built = timeOnce(() => syntheticCountry({ seed: SEED }));
  const country = built.result;
  const villages = country.villages.features;
  const corridor = country.corridors[0]!;
  const vertCount = country.corridors.reduce((s, c) => s + c.geometry.coordinates.length, 0);
  log(
    `syntheticCountry seed=${SEED}: ${villages.length} villages, ${country.towns.length} towns, ` +
      `${country.corridors.length} corridors (${vertCount} vertices; corridor 0 ${fmt(turfLength(corridor), 0)} km) ` +
      `built in ${fmt(built.ms, 0)} ms; heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20, 0)} MiB`,
  );
  const n = villages.length;

  // ---- inputs for each function -----------------------------------------------------------------
  // assignClusters: one core per town for ~1 in 3 towns (seeded)
  const byTown = new Map<string, number[]>();
  villages.forEach((v, i) => {
    const list = byTown.get(v.properties.town);
    if (list) list.push(i);
    else byTown.set(v.properties.town, [i]);
  });
  const coreRand = mulberry32(SEED ^ 0x5eed);
  const cores: string[] = [];
  for (const town of country.towns) {
    const members = byTown.get(town)!;
    if (coreRand() < 1 / 3) cores.push(villages[members[Math.floor(coreRand() * members.length)]!]!.properties.code);
  }
  // linesToArea: corridors 0..3 cut into 250 pieces of 8 vertices each → 1,000 overlapping zones
  const pieces: Feature<LineString>[] = [];
  for (const c of country.corridors.slice(0, 4)) {
    const cs = c.geometry.coordinates;
    const per = Math.floor(cs.length / 250);
    for (let k = 0; k < 250; k++) pieces.push(lineString(cs.slice(k * per, k * per + 8)));
  }
  const pieceCollection = featureCollection(pieces);
  log(`inputs: ${cores.length} cluster cores of ${country.towns.length} towns; ${pieces.length} line pieces for linesToArea`);

  // ---- warm-up (each function once; Turf on a small input) ---------------------------------------
  let t = now();
  villagesAlong(country.villages, corridor, { km: ALONG_KM });
  assignClusters(country.villages, { cores, maxKm: 10, sameTown: true });
  corridorZone(corridor, ZONE_KM);
  linesToArea(pieceCollection, AREA_KM);
  turfVillagesAlong(villages.slice(0, 50), corridor, ALONG_KM);
  union(featureCollection(pieces.slice(0, 10).map((l) => buffer(l, AREA_KM, { units: 'kilometers' })!)));
  log(`warm-up ${fmt(now() - t, 0)} ms`);

  // ---- villagesAlong ----------------------------------------------------------------------------
  const along = timeMedian(5, () => villagesAlong(country.villages, corridor, { km: ALONG_KM }));
  const ours = new Map(along.result.features.map((f) => [f.properties.code, f.properties]));
  log(`villagesAlong ours: ${ours.size} villages within ${ALONG_KM} km; runs ${along.runs.map((x) => fmt(x)).join(', ')} ms`);

  // Plain Turf: probe the cost per village, then run over everything if it fits ~60 s, else a sample.
  const probe = sampleIndexes(n, 200, SEED + 1).map((i) => villages[i]!);
  const probeMs = timeOnce(() => turfVillagesAlong(probe, corridor, ALONG_KM)).ms;
  const perVillage = probeMs / probe.length;
  let turfSet: Village[];
  let extrapolatedFrom = 0;
  if (perVillage * n <= TURF_FULL_BUDGET_MS) {
    turfSet = villages;
  } else {
    const k = Math.min(TURF_SAMPLE_MAX, n, Math.max(1000, Math.floor(TURF_SAMPLE_BUDGET_MS / perVillage / 1000) * 1000));
    turfSet = sampleIndexes(n, k, SEED + 2).map((i) => villages[i]!);
    extrapolatedFrom = k;
  }
  log(`villagesAlong turf: probe ${fmt(perVillage, 2)} ms/village → running on ${turfSet.length} villages`);
  const turfRun = timeOnce(() => turfVillagesAlong(turfSet, corridor, ALONG_KM));
  const turfMs = extrapolatedFrom ? (turfRun.ms * n) / extrapolatedFrom : turfRun.ms;
  const { mismatches, ties, within: turfWithin, maxDistErr, maxChainErr } = alongAgreement(turfRun.result, ours, ALONG_KM);
  log(
    `villagesAlong turf: ${fmt(turfRun.ms, 0)} ms on ${turfSet.length} (${turfWithin} within)` +
      (extrapolatedFrom ? ` → ${fmt(turfMs / 1000, 1)} s extrapolated to ${n}` : ''),
  );

  // Exact check over all villages: Turf's distance via NearSegments (identical within reach).
  t = now();
  const alongNear = new NearSegments(corridor, ALONG_KM + 1);
  const {
    mismatches: mismatchesAll,
    ties: tiesAll,
    within: withinAll,
    maxDistErr: maxDistErrAll,
    maxChainErr: maxChainErrAll,
  } = alongAgreement(measuredAlong(villages, alongNear), ours, ALONG_KM);
  log(
    `villagesAlong exact check over all ${n}: Turf has ${withinAll} within, ours ${ours.size}; ` +
      `max |Δdistance| ${maxDistErrAll.toExponential(2)} km, max |Δchainage| ${maxChainErrAll.toExponential(2)} km (${fmt(now() - t, 0)} ms)`,
  );
  console.log(
    `bench villagesAlong n=${n} ours_ms=${fmt(along.ms)} turf_ms=${fmt(turfMs, 0)} speedup=${fmt(turfMs / along.ms, 0)}x ` +
      `mismatches=${mismatches} boundary_ties=${ties}` +
      (extrapolatedFrom ? ` turf_extrapolated_from=${extrapolatedFrom}` : '') +
      ` within=${ours.size} mismatches_all=${mismatchesAll} boundary_ties_all=${tiesAll}` +
      ` max_dist_err_km=${Math.max(maxDistErr, maxDistErrAll).toExponential(1)}` +
      ` max_chainage_err_km=${Math.max(maxChainErr, maxChainErrAll).toExponential(1)}`,
  );

  // ---- assignClusters ---------------------------------------------------------------------------
  const clusters = timeMedian(3, () => assignClusters(country.villages, { cores, maxKm: 10, sameTown: true }));
  const assignedList = clusters.result.features;
  let assigned = 0;
  let coresSeen = 0;
  for (const f of assignedList) {
    if (f.properties.cluster != null) assigned++;
    if (f.properties.clusterRole === 'core') coresSeen++;
  }
  log(`assignClusters: runs ${clusters.runs.map((x) => fmt(x)).join(', ')} ms; ${assignedList.length} features out, ${coresSeen} with clusterRole 'core'`);
  console.log(`bench assignClusters n=${n} ours_ms=${fmt(clusters.ms)} assigned=${assigned} cores=${cores.length}`);

  // ---- corridorZone -----------------------------------------------------------------------------
  const zone = timeMedian(5, () => corridorZone(corridor, ZONE_KM));
  const turfZone = timeOnce(() => buffer(corridor, ZONE_KM, { units: 'kilometers' }) as Feature<Polygon | MultiPolygon>);
  t = now();
  const zoneNear = new NearSegments(corridor, 2 * ZONE_KM + 5);
  const errOurs = radiusError(zone.result, corridor, zoneNear, ZONE_KM);
  const errTurf = radiusError(turfZone.result, corridor, zoneNear, ZONE_KM);
  const areaOurs = area(zone.result) / 1e6;
  const areaTurf = area(turfZone.result) / 1e6;
  log(
    `corridorZone: runs ${zone.runs.map((x) => fmt(x)).join(', ')} ms; ours ${zone.result.geometry.type} ${errOurs.vertices} vertices, ` +
      `${fmt(areaOurs, 0)} km²; turf ${turfZone.result.geometry.type} ${errTurf.vertices} vertices, ${fmt(areaTurf, 0)} km² ` +
      `(radius check on ${errOurs.checked} + ${errTurf.checked} vertices, ${fmt(now() - t, 0)} ms)`,
  );
  console.log(
    `bench corridorZone vertices=${corridor.geometry.coordinates.length} ours_ms=${fmt(zone.ms)} turf_ms=${fmt(turfZone.ms)} ` +
      `max_radius_err_pct=${fmt(errOurs.maxPct, 3)} turf_max_radius_err_pct=${fmt(errTurf.maxPct, 3)} ` +
      `mean_radius_err_pct=${fmt(errOurs.meanPct, 3)} turf_mean_radius_err_pct=${fmt(errTurf.meanPct, 3)} ` +
      `area_ratio=${fmt(areaOurs / areaTurf, 4)}`,
  );

  // ---- linesToArea ------------------------------------------------------------------------------
  const areaRun = timeMedian(3, () => linesToArea(pieceCollection, AREA_KM));
  const turfArea = timeOnce(() =>
    union(featureCollection(pieces.map((l) => buffer(l, AREA_KM, { units: 'kilometers' }) as Feature<Polygon>))),
  );
  const a1 = area(areaRun.result) / 1e6;
  const a2 = turfArea.result ? area(turfArea.result) / 1e6 : NaN;
  log(
    `linesToArea: runs ${areaRun.runs.map((x) => fmt(x)).join(', ')} ms; ours ${areaRun.result.geometry.type} ${fmt(a1, 0)} km², ` +
      `turf ${turfArea.result?.geometry.type ?? 'null'} ${fmt(a2, 0)} km²`,
  );
  console.log(
    `bench linesToArea zones=${pieces.length} ours_ms=${fmt(areaRun.ms)} turf_ms=${fmt(turfArea.ms, 0)} area_ratio=${fmt(a1 / a2, 4)}`,
  );
  log(`load average at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  log(`peak rss ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
}

function turfLength(line: Feature<LineString>): number {
  const cs = line.geometry.coordinates;
  let s = 0;
  for (let i = 1; i < cs.length; i++) s += distance(cs[i - 1]!, cs[i]!, { units: 'kilometers' });
  return s;
}

main();
