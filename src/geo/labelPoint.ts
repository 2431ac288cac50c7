import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface LabelPointOptions {
  /**
   * How close to the best point the search goes, as a share of the part's larger bbox side.
   * @defaultValue 0.01
   */
  precision?: number;
}

/**
 * The one point to label an area at: the pole of inaccessibility (the inside point farthest from the
 * edge, the "polylabel" search of Mapbox) of its largest part. Unlike a centroid it is always inside,
 * also for a crescent or a ring-shaped district; unlike a map engine's per-part, per-tile placement it
 * gives a district one label. Longitudes are scaled by cos(latitude) so "farthest" holds on the ground.
 * Pure: the input is not changed.
 *
 * @param geometry - a Polygon or MultiPolygon (lon, lat)
 * @param options - {@link LabelPointOptions}
 * @returns [lon, lat], or null for an empty geometry
 * @example
 * ```ts
 * labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]] });
 * // a point inside the L's corner square, not its centroid (which is outside the L's arms' middle)
 * ```
 */
export function labelPoint(geometry: Polygon | MultiPolygon, options: LabelPointOptions = {}): Position | null {
  const { precision = 0.01 } = options;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[][] | null = null;
  let bestArea = 0;
  for (const part of parts) {
    const a = part[0] && part[0].length >= 4 ? Math.abs(ringArea(part[0])) - part.slice(1).reduce((s, h) => s + Math.abs(ringArea(h)), 0) : 0;
    if (a > bestArea) [best, bestArea] = [part, a];
  }
  if (!best) return null;
  const lat0 = best[0]!.reduce((s, p) => s + p[1]!, 0) / best[0]!.length;
  const k = Math.cos((lat0 * Math.PI) / 180) || 1;
  // Work in a plane where one unit is the same distance both ways: x = lon·cos(lat0).
  const rings = best.map((r) => r.map(([x, y]) => [x! * k, y!] as [number, number]));
  const [x0, y0, x1, y1] = bounds(rings[0]!);
  const size = Math.max(x1 - x0, y1 - y0);
  const done = (x: number, y: number): Position => [x / k, y];
  if (size === 0) return done(x0, y0);
  const stop = size * precision;

  const cell = (x: number, y: number, h: number): Cell => {
    const d = signedDistance(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue = new MaxHeap();
  const start = Math.min(x1 - x0, y1 - y0) || size;
  for (let x = x0; x < x1; x += start) for (let y = y0; y < y1; y += start) queue.push(cell(x + start / 2, y + start / 2, start / 2));
  // The area's centroid is a good first guess (and the answer for a plain convex shape).
  const c = centroid(rings[0]!);
  let top = cell(c[0], c[1], 0);
  const mid = cell((x0 + x1) / 2, (y0 + y1) / 2, 0);
  if (mid.d > top.d) top = mid;
  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.d > top.d) top = next;
    if (next.max - top.d <= stop) continue;
    const h = next.h / 2;
    queue.push(cell(next.x - h, next.y - h, h));
    queue.push(cell(next.x + h, next.y - h, h));
    queue.push(cell(next.x - h, next.y + h, h));
    queue.push(cell(next.x + h, next.y + h, h));
  }
  return done(top.x, top.y);
}

interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  h: number;
  /** Distance from the centre to the edge: positive inside. */
  d: number;
  /** The most any point of the cell can be from the edge. */
  max: number;
}

/** Cells by their potential (`max`), largest first. */
class MaxHeap {
  private readonly items: Cell[] = [];

  push(c: Cell): void {
    const a = this.items;
    a.push(c);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (a[up]!.max >= a[i]!.max) break;
      [a[up], a[i]] = [a[i]!, a[up]!];
      i = up;
    }
  }

  pop(): Cell | undefined {
    const a = this.items;
    const first = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < a.length && a[l]!.max > a[m]!.max) m = l;
        if (r < a.length && a[r]!.max > a[m]!.max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return first;
  }
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s / 2;
}

function bounds(ring: [number, number][]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [x0, y0, x1, y1];
}

function centroid(ring: [number, number][]): [number, number] {
  let [a, cx, cy] = [0, 0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const f = xi * yj - xj * yi;
    [cx, cy, a] = [cx + (xi + xj) * f, cy + (yi + yj) * f, a + f * 3];
  }
  return a === 0 ? ring[0]! : [cx / a, cy / a];
}

/** Distance from (x, y) to the nearest edge of the rings; negative outside the polygon (holes count as outside). */
function signedDistance(x: number, y: number, rings: [number, number][][]): number {
  let inside = false;
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      min = Math.min(min, segmentDistanceSq(x, y, ax, ay, bx, by));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}

function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let [x, y, dx, dy] = [ax, ay, bx - ax, by - ay];
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = [bx, by];
    else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
  }
  return (px - x) ** 2 + (py - y) ** 2;
}
