/**
 * The order in which the keyboard visits the features in view (issue 10 §2; the MapML viewer is the
 * model): clusters west→east, then the villages cluster by cluster (in the clusters' order, each
 * west→east; villages of no cluster in view last), then the lines west→east. Pure: no DOM, no map.
 */

/** A feature the keyboard can reach; `x`/`y` are where it is on the screen (its anchor), in pixels. */
export interface KeyFeature {
  kind: 'clusters' | 'villages' | 'corridors' | 'culture-belts';
  /** The village's code, or the cluster's or line's id. */
  id: string;
  x: number;
  y: number;
  /** A village's cluster id (null: in none). */
  cluster?: string | null;
}

const westToEast = (a: KeyFeature, b: KeyFeature) => a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Orders the features in view for the keyboard; one entry per kind and id (the first seen is kept).
 *
 * @param features - the features in view, in any order (a feature drawn in several tiles may repeat)
 * @returns a new array; the input is not changed
 * @example
 * orderKeyFeatures([{ kind: 'villages', id: 'b', x: 5, y: 0 }, { kind: 'clusters', id: 'c', x: 9, y: 0 }]);
 * // → the cluster c, then the village b
 */
export function orderKeyFeatures(features: readonly KeyFeature[]): KeyFeature[] {
  const seen = new Map<string, KeyFeature>();
  for (const f of features) if (!seen.has(`${f.kind}:${f.id}`)) seen.set(`${f.kind}:${f.id}`, f);
  const all = [...seen.values()];
  const clusters = all.filter((f) => f.kind === 'clusters').sort(westToEast);
  const rank = new Map(clusters.map((c, i) => [c.id, i]));
  const groupOf = (v: KeyFeature) => (v.cluster != null && rank.has(v.cluster) ? rank.get(v.cluster)! : clusters.length);
  const villages = all.filter((f) => f.kind === 'villages').sort((a, b) => groupOf(a) - groupOf(b) || westToEast(a, b));
  const lines = all.filter((f) => f.kind === 'corridors' || f.kind === 'culture-belts').sort(westToEast);
  return [...clusters, ...villages, ...lines];
}

/**
 * The index the keyboard moves to from `current` (-1: none yet) in a list of `length`, wrapping
 * around; -1 when the list is empty.
 *
 * @example
 * stepIndex(-1, 3, 1); // 0
 * stepIndex(0, 3, -1); // 2
 */
export function stepIndex(current: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  if (current < 0 || current >= length) return step === 1 ? 0 : length - 1;
  return (current + step + length) % length;
}

/**
 * The index of the position nearest to `at` (longitude shrunk by the cosine of the latitude, enough to
 * name the place at the map's centre), or -1 when there is none; null positions (unlocated) are skipped.
 *
 * @example
 * nearestTo([[116, 40], null, [116.2, 40]], [116.15, 40]); // 2
 */
export function nearestTo(positions: readonly ([number, number] | null)[], at: [number, number]): number {
  const k = Math.cos((at[1] * Math.PI) / 180);
  let best = -1;
  let bestD = Infinity;
  positions.forEach((p, i) => {
    if (!p) return;
    const d = ((p[0] - at[0]) * k) ** 2 + (p[1] - at[1]) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  });
  return best;
}
