import type { Feature, FeatureCollection, Point } from 'geojson';
import { assertKm } from './assert.js';
import { featureList, haversineKm, readPoint } from './sphere.js';

export interface ProposeClustersOptions {
  /**
   * Fewest and most members (upgrade villages) of a cluster, core not counted.
   * @defaultValue [4, 5]
   */
  size?: [number, number];
  /** Members are at most this far from the core, in kilometres (inclusive). */
  maxKm: number;
  /**
   * Clusters to propose per town.
   * @defaultValue 1
   */
  perTown?: number;
}

/** A proposed cluster: its core, its members, and why, in words a planner reads. */
export interface ProposedCluster {
  town: string;
  /** Code of the proposed core (demonstration village). */
  core: string;
  /** Codes of the proposed members (upgrade villages), nearest first. */
  members: string[];
  reason: { core: string; members: string };
  /** The same reasons as data, for a text in any language (`reason` is its English). */
  why: ClusterWhy;
}

/** Why a proposed cluster has its core and members, as numbers. */
export interface ClusterWhy {
  town: string;
  /** Which cluster of the town this is: 1 for the first. */
  round: number;
  maxKm: number;
  /** Villages of the town within `maxKm` of the core (not in an earlier cluster). */
  near: number;
  /** Other villages with as many; the core has the smallest total distance to its `near` (`sumKm`). */
  tied: number;
  sumKm: number;
  /** Members chosen, nearest first, and their distances from the core (null without members). */
  members: number;
  nearestKm: number | null;
  farthestKm: number | null;
  /** Fewest members asked for. */
  fewest: number;
}

/**
 * Why a town (or its `round`-th cluster) could not be proposed: `all-used` (every village is in an
 * earlier cluster), `too-few` (only `located` villages left), `too-sparse` (no village has `fewest`
 * others within `maxKm`; the most is `most`, around the village `around`).
 */
export type UnclusteredWhy =
  | { code: 'all-used'; town: string; round: number }
  | { code: 'too-few'; town: string; round: number; located: number; fewest: number; maxKm: number }
  | { code: 'too-sparse'; town: string; round: number; fewest: number; maxKm: number; most: number; around: string };

/** A town (or a further cluster of a town) that could not be proposed, and why. */
export interface UnclusteredTown {
  town: string;
  reason: string;
  /** The same reason as data, for a text in any language (`reason` is its English). */
  why: UnclusteredWhy;
}

export interface ProposeClustersResult {
  clusters: ProposedCluster[];
  unclustered: UnclusteredTown[];
}

/**
 * 示范片区建议: proposes clusters a planner can accept, `perTown` per town. The core is the village
 * with the most other villages of its town within `maxKm` (a tie goes to the smallest total
 * distance to them, then to the smaller code); its members are the `size[1]` nearest of those (nearest
 * first; equal distances by code). A further cluster of the same town is chosen the same way among
 * the villages not yet used. A town whose best core has fewer than `size[0]` such villages is listed in
 * `unclustered` with the reason.
 *
 * Only `code`, `town` and the geometry of each village are read (a role or cluster it already has is
 * ignored: filter the input to leave villages out). Distances are great-circle distances on Turf's
 * sphere (as `@turf/distance`). Deterministic: the result depends neither on input order nor on
 * anything but the input; clusters and unclustered towns are ordered by town name (code-point order).
 *
 * @param villages - Point features with string `code` (unique) and `town` (a FeatureCollection or an array)
 * @param options - {@link ProposeClustersOptions}
 * @returns `clusters` (the proposals) and `unclustered` (towns that fall short, with the reason)
 * @example
 * ```ts
 * import { destination, point } from '@turf/turf';
 * const centre = [115.7, 39.97];
 * const ring = [0, 72, 144, 216, 288].map((b, i) =>
 *   point(destination(centre, 1 + i * 0.2, b).geometry.coordinates, { code: `m${i}`, town: '斋堂镇' }),
 * );
 * const { clusters } = proposeClusters([point(centre, { code: 'c', town: '斋堂镇' }), ...ring], { maxKm: 5 });
 * clusters[0].core; // 'c'
 * clusters[0].members; // ['m0', 'm1', 'm2', 'm3', 'm4']
 * clusters[0].reason.members; // 'members: the 5 nearest villages of 斋堂镇 within 5 km (1.0–1.8 km)'
 * ```
 */
export function proposeClusters<P extends { code: string; town: string }>(
  villages: FeatureCollection<Point, P> | readonly Feature<Point, P>[],
  options: ProposeClustersOptions,
): ProposeClustersResult {
  const list = featureList('villages', villages);
  const { size = [4, 5], maxKm, perTown = 1 } = options ?? ({} as ProposeClustersOptions);
  assertKm('maxKm', maxKm);
  if (!Array.isArray(size) || size.length !== 2 || !size.every((k) => Number.isInteger(k) && k >= 0) || size[0] > size[1] || size[1] < 1) {
    throw new RangeError(`size must be [fewest, most] members, whole numbers with 0 ≤ fewest ≤ most and most ≥ 1, got ${JSON.stringify(size)}`);
  }
  if (!Number.isInteger(perTown) || perTown < 1) throw new RangeError(`perTown must be a whole number ≥ 1, got ${String(perTown)}`);
  const [fewest, most] = size;

  // Validate, and group by town.
  const towns = new Map<string, Village[]>();
  const seen = new Map<string, number>();
  list.forEach((f, i) => {
    const [lon, lat] = readPoint(f, i) as [number, number];
    const p = f.properties as { code?: unknown; town?: unknown } | null;
    if (typeof p?.code !== 'string') throw new TypeError(`villages[${i}] has no string code`);
    if (typeof p.town !== 'string') throw new TypeError(`villages[${i}] (${p.code}) has no string town`);
    if (seen.has(p.code)) throw new RangeError(`villages[${seen.get(p.code)}] and villages[${i}] have the same code ${p.code}`);
    seen.set(p.code, i);
    const town = towns.get(p.town) ?? [];
    town.push({ code: p.code, lon, lat });
    towns.set(p.town, town);
  });

  const clusters: ProposedCluster[] = [];
  const unclustered: UnclusteredTown[] = [];
  for (const town of [...towns.keys()].sort(byCodePoint)) {
    const vs = towns.get(town)!.sort((a, b) => byCodePoint(a.code, b.code));
    const n = vs.length;
    const d = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) d[a * n + b] = d[b * n + a] = haversineKm(vs[a]!.lon, vs[a]!.lat, vs[b]!.lon, vs[b]!.lat);
    const used = new Uint8Array(n);
    for (let round = 1; round <= perTown; round++) {
      const nth = round === 1 ? '' : `a ${ordinal(round)} cluster: `;
      const free = vs.map((_, a) => a).filter((a) => !used[a]);
      // Every free village as a core: its free neighbours within maxKm, their count and total distance.
      const ranked = free
        .map((a) => {
          const near = free.filter((b) => b !== a && d[a * n + b]! <= maxKm);
          return { at: a, near, sum: near.reduce((sum, b) => sum + d[a * n + b]!, 0) };
        })
        .sort((x, y) => y.near.length - x.near.length || x.sum - y.sum || x.at - y.at); // vs is in code order
      const best = ranked[0];
      const tied = ranked.filter((r) => best && r !== best && r.near.length === best.near.length).length;
      const left = round === 1 ? '' : ' not in an earlier cluster';
      if (!best || best.near.length < fewest) {
        const reason =
          free.length === 0
            ? `${nth}every located village of ${town} is in an earlier cluster`
            : free.length - 1 < fewest
              ? `${nth}${town} has ${free.length} located ${plural(free.length, 'village')}${left}; a cluster needs a core and at least ${fewest} ${plural(fewest, 'member')} within ${maxKm} km`
              : `${nth}no village of ${town}${left} has ${fewest} other villages of the town within ${maxKm} km (the most is ${best!.near.length}, around ${vs[best!.at]!.code})`;
        const why: UnclusteredWhy =
          free.length === 0
            ? { code: 'all-used', town, round }
            : free.length - 1 < fewest
              ? { code: 'too-few', town, round, located: free.length, fewest, maxKm }
              : { code: 'too-sparse', town, round, fewest, maxKm, most: best!.near.length, around: vs[best!.at]!.code };
        unclustered.push({ town, reason, why });
        break;
      }
      const count = best.near.length;
      const members = [...best.near].sort((a, b) => d[best.at * n + a]! - d[best.at * n + b]! || byCodePoint(vs[a]!.code, vs[b]!.code)).slice(0, most);
      used[best.at] = 1;
      for (const m of members) used[m] = 1;
      const tie = tied > 0 ? `; tied on that count with ${tied} other ${plural(tied, 'village')}, it has the smallest total distance to its ${count} (${best.sum.toFixed(1)} km)` : '';
      const km = members.map((m) => d[best.at * n + m]!);
      const range = km.length === 0 ? '' : km.length === 1 ? ` (${km[0]!.toFixed(1)} km)` : ` (${km[0]!.toFixed(1)}–${km[km.length - 1]!.toFixed(1)} km)`;
      clusters.push({
        town,
        core: vs[best.at]!.code,
        members: members.map((m) => vs[m]!.code),
        reason: {
          core: `core: ${count} ${plural(count, 'village')} of ${town} within ${maxKm} km${left}, the most of any village in the town${left}${tie}`,
          members:
            members.length === 0
              ? `members: none (a cluster of ${fewest} members was asked for)`
              : `members: the ${members.length === 1 ? 'nearest village' : `${members.length} nearest villages`} of ${town} within ${maxKm} km${left}${range}`,
        },
        why: {
          town, round, maxKm, near: count, tied, sumKm: best.sum, members: members.length, fewest,
          nearestKm: km.length ? km[0]! : null, farthestKm: km.length ? km[km.length - 1]! : null,
        },
      });
    }
  }
  return { clusters, unclustered };
}

interface Village {
  code: string;
  lon: number;
  lat: number;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(k: number, word: string): string {
  return k === 1 ? word : `${word}s`;
}

function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${s}`;
}
