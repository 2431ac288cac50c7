/**
 * Print exhibits (规划展板): the contract between the pure layout (paper, boxes in mm, scale bar),
 * the map-image renderer and the painters (PDF and PNG). Sizes are millimetres from the page's
 * top-left corner unless a name says px.
 */
import type { LegendEntry } from '../state/legend.js';

export type PaperSize = 'A4' | 'A3' | 'A2' | 'A1' | 'A0';
export type Orientation = 'portrait' | 'landscape';
export type PrintFormat = 'png' | 'pdf';

/** A rectangle on the page, mm. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where everything sits on the page, mm. */
export interface PrintLayout {
  page: { widthMm: number; heightMm: number };
  /** The map frame. */
  map: Box;
  /** Title, subtitle, date, author / organisation. */
  title: Box;
  legend: Box;
  scaleBar: Box;
  north: Box;
  /** Inset map locating the printed extent within the plan's inset extent. */
  inset: Box;
  /** Data sources and the sample-scenario notice. */
  credits: Box;
  /** 审图号 (map approval number), lower left. */
  approval: Box;
}

/** What the user asks for (`el.exportImage(options)` and the print dialog). */
export interface ExportOptions {
  /** @defaultValue 'A4' */
  paper?: PaperSize;
  /** @defaultValue 'landscape' */
  orientation?: Orientation;
  /** 72–300. @defaultValue 150 */
  dpi?: number;
  /** @defaultValue 'png' */
  format?: PrintFormat;
  title?: string;
  subtitle?: string;
  /** Shown as given, e.g. "2026-11". @defaultValue today's date, YYYY-MM-DD */
  date?: string;
  /** Author / organisation. */
  author?: string;
  /** 审图号 text, placed at the lower left. */
  approval?: string;
  /** `view` (the current view; the default) or a fixed scale denominator, e.g. 25000 for 1:25,000. */
  scale?: 'view' | number;
  /**
   * Centre [lon, lat] of a fixed-scale print (the printed extent moved on the map before printing).
   * @defaultValue the view's centre
   */
  center?: [number, number];
  /** Progress 0–1 of a long export. */
  onProgress?: (fraction: number) => void;
  /** Cancels the export (the promise rejects with an AbortError). */
  signal?: AbortSignal;
}

/** A scale bar: its length on the ground and on paper, and its label. */
export interface ScaleBar {
  /** Ground length, metres. */
  metres: number;
  /** Length on paper, mm. */
  mm: number;
  /** Number of alternating segments. */
  segments: number;
  /** e.g. "0 — 5 km" style label text: "5 km" */
  label: string;
  /** The map's scale denominator (1:N), rounded. */
  scaleDenominator: number;
}

/** Everything a painter needs to draw one page; the map image comes as tiles. */
export interface ExhibitPage {
  layout: PrintLayout;
  /** Map image size, px (= map frame mm / 25.4 × dpi). */
  mapPx: { width: number; height: number };
  dpi: number;
  title: string;
  subtitle?: string;
  date: string;
  author?: string;
  approval?: string;
  legendTitle: string;
  legend: LegendEntry[];
  scaleBar: ScaleBar;
  /** Inset: the district outlines (lon/lat rings), the inset's own extent (default: the rings') and the printed extent [w, s, e, n]. */
  inset: { rings: [number, number][][]; focusRings: [number, number][][]; bounds?: [number, number, number, number]; extent: [number, number, number, number] };
  /** The smallest text size on the sheet, pt (src/print/legibility.ts). */
  minTextPt: number;
  /** Credit lines (data sources), and the sample notice when the plan is a sample. */
  credits: string[];
  notice?: string;
  /** An atlas cover's index: its title and one line per page ("2  琉璃庙镇示范片区"), drawn on the map. */
  index?: { title: string; lines: string[] };
  /** Labels in the page's language: "N" for the arrow, "1:25,000" for the scale. */
  labels: { north: string; scale: string; approvalPrefix: string; date: string; author: string };
}

/** A piece of the map image, placed at (x, y) px within the map image. */
export interface MapTile {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The pixels: a canvas (PNG assembly) or encoded bytes (PDF). */
  image: HTMLCanvasElement | OffscreenCanvas | ImageBitmap;
}

/** What an atlas has a page for: each cluster, each town with located villages, or stretches of corridors. */
export type AtlasBy = 'cluster' | 'town' | 'corridor';

/** An atlas export: its pages' subject, and (by corridor) which line; all lines when left out. */
export interface AtlasOptions extends ExportOptions {
  by: AtlasBy;
  /** Id of the corridor or culture belt whose stretches are the pages (`by: 'corridor'`). */
  corridor?: string;
}

/** Where a page prints: its extent [w, s, e, n], centre and scale denominator (1:N). */
export interface PrintExtent {
  bounds: [number, number, number, number];
  center: [number, number];
  scale: number;
}
