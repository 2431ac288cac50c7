/**
 * Map scale at print, for MapLibre's Web-Mercator view with 512-px tiles. The map image is rendered
 * at `pixelRatio = dpi / 96` and printed at `dpi`, so one CSS pixel of the map is always
 * 25.4 / 96 mm on paper whatever the dpi: the scale depends on latitude and zoom only. Pure: no DOM.
 */
import type { ScaleBar } from './types.js';

/** Earth's equatorial circumference on the WGS84 sphere MapLibre uses, m. */
export const EARTH_CIRCUMFERENCE_M = 40075016.686;
/** MapLibre's tile size: the world is 512 × 2^zoom CSS px wide. */
export const TILE_SIZE = 512;
/** CSS pixels per inch on paper (CSS's reference pixel). */
export const CSS_PX_PER_INCH = 96;
/** The latitude limit of Web Mercator, degrees. */
export const MAX_LATITUDE = 85.051129;

const MM_PER_INCH = 25.4;
const RAD = Math.PI / 180;

/** [west, south, east, north], degrees. */
export type Bounds = [number, number, number, number];

/** A map frame on paper, mm. */
export interface FrameMm {
  w: number;
  h: number;
}

/** A MapLibre camera: centre [lon, lat] and zoom. */
export interface MapView {
  center: [number, number];
  zoom: number;
}

export interface ScaleDenominatorOptions {
  /**
   * CSS pixels of the map per inch of paper: `dpi / pixelRatio` of the render.
   * @defaultValue 96 (rendered at `pixelRatio = dpi / 96`)
   */
  cssPixelsPerInch?: number;
}

/**
 * Ground length of one CSS pixel of the map: `40075016.686 × cos(lat) / (512 × 2^zoom)`.
 *
 * @param lat - latitude, degrees
 * @param zoom - MapLibre zoom
 * @returns metres per CSS pixel
 * @example
 * ```ts
 * metresPerCssPixel(0, 0); // 78271.517
 * ```
 */
export function metresPerCssPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos(lat * RAD)) / (TILE_SIZE * 2 ** zoom);
}

/**
 * The printed map's scale denominator N (1:N) at latitude `lat`: metres per CSS pixel ÷ the pixel's
 * length on paper (0.0254 / 96 m).
 *
 * @param lat - latitude of the map centre, degrees
 * @param zoom - MapLibre zoom
 * @param options - {@link ScaleDenominatorOptions}
 * @returns N, unrounded
 * @example
 * ```ts
 * scaleDenominator(40, 13.146); // ≈ 25000
 * ```
 */
export function scaleDenominator(lat: number, zoom: number, { cssPixelsPerInch = CSS_PX_PER_INCH }: ScaleDenominatorOptions = {}): number {
  return (metresPerCssPixel(lat, zoom) * cssPixelsPerInch) / (MM_PER_INCH / 1000);
}

/**
 * The zoom at which the printed map has scale 1:`denominator` at latitude `lat` (the inverse of
 * {@link scaleDenominator}).
 *
 * @param denominator - N of 1:N, > 0
 * @param lat - latitude of the map centre, degrees
 * @param options - {@link ScaleDenominatorOptions}
 * @returns MapLibre zoom (may be fractional)
 * @throws RangeError when `denominator` is not a positive finite number
 * @example
 * ```ts
 * zoomForScale(25000, 40); // ≈ 13.146
 * ```
 */
export function zoomForScale(denominator: number, lat: number, { cssPixelsPerInch = CSS_PX_PER_INCH }: ScaleDenominatorOptions = {}): number {
  assertDenominator('zoomForScale', denominator);
  const metresPerPx = (denominator * MM_PER_INCH) / 1000 / cssPixelsPerInch;
  return Math.log2((EARTH_CIRCUMFERENCE_M * Math.cos(lat * RAD)) / (TILE_SIZE * metresPerPx));
}

/**
 * The view that fits `bounds` inside a map frame of `mapMm` (contain: the bounds touch two opposite
 * sides of the frame and lie within the other two), the frame being `mm / 25.4 × 96` CSS px.
 * The centre is the middle of the bounds in Mercator, not the mean of the latitudes.
 *
 * @param bounds - [west, south, east, north], degrees, west ≤ east (no antimeridian crossing)
 * @param mapMm - the map frame, mm
 * @returns `{ center: [lon, lat], zoom }`
 * @throws RangeError for inverted or empty bounds, or a frame without area
 * @example
 * ```ts
 * viewForExtent([115.6, 39.9, 115.8, 40.05], { w: 230, h: 171 });
 * ```
 */
export function viewForExtent(bounds: Bounds, mapMm: FrameMm): MapView {
  const [w, s, e, n] = bounds;
  if (!bounds.every(Number.isFinite) || w > e || s > n || (w === e && s === n)) {
    throw new RangeError(`viewForExtent: bounds must be finite [west, south, east, north] with west ≤ east, south ≤ north and some extent, got [${bounds.join(', ')}]`);
  }
  const { wPx, hPx } = framePx('viewForExtent', mapMm);
  const x0 = mercX(w);
  const x1 = mercX(e);
  const y0 = mercY(n);
  const y1 = mercY(s);
  const fit = Math.min(x1 > x0 ? wPx / (x1 - x0) : Infinity, y1 > y0 ? hPx / (y1 - y0) : Infinity);
  return {
    center: [lonOf((x0 + x1) / 2), latOf((y0 + y1) / 2)],
    zoom: Math.log2(fit / TILE_SIZE),
  };
}

/**
 * The ground extent a map frame of `mapMm` shows at scale 1:`denominator` around `center` (the
 * scale holds at the centre's latitude, as MapLibre's scale does).
 *
 * @param center - [lon, lat], degrees
 * @param denominator - N of 1:N, > 0
 * @param mapMm - the map frame, mm
 * @returns [west, south, east, north], degrees
 * @throws RangeError for a non-positive denominator or a frame without area
 * @example
 * ```ts
 * extentForScale([115.7, 39.97], 25000, { w: 230, h: 171 }); // a frame 5.75 km × 4.3 km
 * ```
 */
export function extentForScale(center: readonly [number, number], denominator: number, mapMm: FrameMm): Bounds {
  const { wPx, hPx } = framePx('extentForScale', mapMm);
  const world = TILE_SIZE * 2 ** zoomForScale(denominator, center[1]);
  const cx = mercX(center[0]);
  const cy = mercY(center[1]);
  const dx = wPx / 2 / world;
  const dy = hPx / 2 / world;
  return [lonOf(cx - dx), latOf(cy + dy), lonOf(cx + dx), latOf(cy - dy)];
}

/**
 * A scale bar for a map at 1:`denominator`: the longest "nice" ground length (1, 2 or 5 × 10^k m)
 * whose length on paper is at most `maxMm` (so at least `maxMm / 2.5`), in 4 segments (1 and 2 ×
 * 10^k) or 5 (5 × 10^k), labelled in m below 1 km and in km from 1 km.
 *
 * @param denominator - N of 1:N, > 0
 * @param maxMm - the most paper the bar may take, mm, > 0
 * @returns the {@link ScaleBar}
 * @throws RangeError when `denominator` or `maxMm` is not a positive finite number
 * @example
 * ```ts
 * scaleBar(50000, 40); // { metres: 2000, mm: 40, segments: 4, label: '2 km', scaleDenominator: 50000 }
 * ```
 */
export function scaleBar(denominator: number, maxMm: number): ScaleBar {
  assertDenominator('scaleBar', denominator);
  if (!(Number.isFinite(maxMm) && maxMm > 0)) throw new RangeError(`scaleBar: maxMm must be a positive number, got ${maxMm}`);
  const maxMetres = (maxMm * denominator) / 1000;
  const k = Math.floor(Math.log10(maxMetres));
  // Candidates from long to short; 10^(k+1) catches log10 rounding just below a power of ten.
  const candidates = [[1, k + 1], [5, k], [2, k], [1, k]] as const;
  let lead = 1;
  let metres = Number(`1e${k}`);
  for (const [d, e] of candidates) {
    const m = d * Number(`1e${e}`);
    if (m <= maxMetres * (1 + 1e-9)) {
      lead = d;
      metres = m;
      break;
    }
  }
  return {
    metres,
    mm: (metres * 1000) / denominator,
    segments: lead === 5 ? 5 : 4,
    label: metres >= 1000 ? `${trim(metres / 1000)} km` : `${trim(metres)} m`,
    scaleDenominator: Math.round(denominator),
  };
}

/** A nice length as text without float noise: 0.5, 2, 100. */
function trim(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function assertDenominator(fn: string, denominator: number): void {
  if (!(Number.isFinite(denominator) && denominator > 0)) throw new RangeError(`${fn}: denominator must be a positive number, got ${denominator}`);
}

function framePx(fn: string, { w, h }: FrameMm): { wPx: number; hPx: number } {
  if (!(Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0)) throw new RangeError(`${fn}: mapMm must have a positive w and h, got ${w} × ${h}`);
  return { wPx: (w / MM_PER_INCH) * CSS_PX_PER_INCH, hPx: (h / MM_PER_INCH) * CSS_PX_PER_INCH };
}

/** Longitude → Mercator x in [0, 1] across the world. */
const mercX = (lon: number) => (lon + 180) / 360;
/** Latitude → Mercator y in [0, 1] from the north limit down (MapLibre's convention). */
function mercY(lat: number): number {
  const phi = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * RAD;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}
const lonOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (2 * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - Math.PI / 2) / RAD;
