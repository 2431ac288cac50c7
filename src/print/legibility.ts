/**
 * How big a sheet's map symbols and small print are: one cartographic rule for every paper size.
 * Pure: no DOM.
 *
 * The rule. A sheet is read from a distance that grows with it: an A4 handout on a table at about
 * 1 m, an A0 board (规划展板) on a wall at about 2 m — ×2^¼ per ISO size in between. Everything on the
 * map (label sizes, line widths, circle radii, halos; the screen style's pixels) is magnified by that
 * distance ÷ 1 m, so it subtends the same angle on every sheet: the smallest map label (11 style px,
 * Noto Sans SC's cap height 0.733 em) has a cap height of 2.13 mm on A4 and 4.27 mm on A0 — 7.3′ of
 * arc at its distance, about 1.5× the 5′ of a 20/20 Snellen letter, i.e. readable with some reserve.
 * Small print (credits, the sample notice, legend and scale text) is never under 6 pt × the same
 * magnification (6 pt on A4, 12 pt on A0).
 */
import { CSS_PX_PER_INCH } from './scale.js';
import { MM_PER_INCH } from './paper.js';
import type { PaperSize } from './types.js';

/** Viewing distance of each sheet, metres (A4 1 m … A0 2 m, ×2^¼ per size). */
export const VIEWING_DISTANCE_M: Readonly<Record<PaperSize, number>> = {
  A4: 1,
  A3: 2 ** 0.25,
  A2: 2 ** 0.5,
  A1: 2 ** 0.75,
  A0: 2,
};

/** Cap height of the print font (Noto Sans SC: OS/2 sCapHeight 733 of 1000 units per em). */
export const CAP_HEIGHT_EM = 0.733;
/** The smallest text size in the map's style, style px (the labels of upgrade and other villages). */
export const SMALLEST_MAP_LABEL_PX = 11;
/** Small print on A4, pt; scaled with the magnification on larger sheets. */
export const MIN_TEXT_PT_A4 = 6;

/** The sheet's reading distance and what follows from it. */
export interface SheetScale {
  viewingDistanceM: number;
  /** Map symbols relative to the screen's size (1 style px = 1/96 in): distance ÷ 1 m. */
  magnification: number;
  /** Millimetres on paper per style pixel. */
  mmPerPx: number;
  /** The smallest size of any text on the sheet, pt. */
  minTextPt: number;
}

/**
 * @example
 * ```ts
 * sheetScale('A0'); // { viewingDistanceM: 2, magnification: 2, mmPerPx: 0.529…, minTextPt: 12 }
 * ```
 */
export function sheetScale(paper: PaperSize): SheetScale {
  const viewingDistanceM = VIEWING_DISTANCE_M[paper];
  const magnification = viewingDistanceM / 1;
  return { viewingDistanceM, magnification, mmPerPx: (MM_PER_INCH / CSS_PX_PER_INCH) * magnification, minTextPt: MIN_TEXT_PT_A4 * magnification };
}

/** The visual angle of a height `mm` seen from `distanceM`, minutes of arc. */
export function arcMinutes(mm: number, distanceM: number): number {
  return ((Math.atan(mm / (distanceM * 1000)) * 180) / Math.PI) * 60;
}
