/**
 * Paper sizes (ISO 216) and the conversions between millimetres, pixels at a print resolution
 * and PDF points. Pure: no DOM.
 */
import type { Orientation, PaperSize } from './types.js';

/** ISO 216 sheets in portrait, mm: `[width, height]`. */
export const PAPER_MM: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [210, 297],
  A3: [297, 420],
  A2: [420, 594],
  A1: [594, 841],
  A0: [841, 1189],
};

/** Millimetres in one inch. */
export const MM_PER_INCH = 25.4;

/** The print resolutions an export accepts, dots per inch. */
export const DPI_MIN = 72;
export const DPI_MAX = 300;

/** A page size. */
export interface PageMm {
  widthMm: number;
  heightMm: number;
}

/** A raster size. */
export interface PagePixels {
  width: number;
  height: number;
}

/**
 * The page of a paper size in an orientation, mm (landscape: the long side is the width).
 *
 * @param paper - ISO 216 size, `A4` … `A0`
 * @param orientation - `portrait` or `landscape`
 * @returns `{ widthMm, heightMm }`
 * @example
 * ```ts
 * pageMm('A4', 'landscape'); // { widthMm: 297, heightMm: 210 }
 * ```
 */
export function pageMm(paper: PaperSize, orientation: Orientation): PageMm {
  const [short, long] = PAPER_MM[paper];
  return orientation === 'landscape' ? { widthMm: long, heightMm: short } : { widthMm: short, heightMm: long };
}

/**
 * A length on paper in device pixels at `dpi`: `Math.round(mm / 25.4 × dpi)`. With `dpi = 72` it is
 * the length in PDF points.
 *
 * @param mm - length on paper, mm
 * @param dpi - dots per inch
 * @returns whole pixels
 * @example
 * ```ts
 * pixelSize(210, 150); // 1240
 * ```
 */
export function pixelSize(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

/**
 * The page in device pixels at `dpi`.
 *
 * @param paper - ISO 216 size
 * @param orientation - `portrait` or `landscape`
 * @param dpi - dots per inch (not clamped here; see {@link clampDpi})
 * @returns `{ width, height }`, px
 * @example
 * ```ts
 * pagePixels('A4', 'portrait', 150); // { width: 1240, height: 1754 }
 * ```
 */
export function pagePixels(paper: PaperSize, orientation: Orientation, dpi: number): PagePixels {
  const { widthMm, heightMm } = pageMm(paper, orientation);
  return { width: pixelSize(widthMm, dpi), height: pixelSize(heightMm, dpi) };
}

/**
 * Brings a requested resolution into the accepted range, {@link DPI_MIN}–{@link DPI_MAX}
 * (±Infinity clamps to the nearer end).
 *
 * @param dpi - requested dots per inch
 * @returns `dpi` clamped to 72–300
 * @throws RangeError when `dpi` is NaN
 * @example
 * ```ts
 * clampDpi(600); // 300
 * ```
 */
export function clampDpi(dpi: number): number {
  if (Number.isNaN(dpi)) throw new RangeError(`clampDpi: dpi must be a number between ${DPI_MIN} and ${DPI_MAX}, got NaN`);
  return Math.min(DPI_MAX, Math.max(DPI_MIN, dpi));
}
