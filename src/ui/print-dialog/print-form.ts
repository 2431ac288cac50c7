/**
 * The print dialog's form and what it asks `exportImage` / `exportAtlas` for. Pure: no DOM.
 */
import type { AtlasBy, AtlasOptions, ExportOptions, Orientation, PaperSize, PrintFormat } from '../../print/types.js';

/** The print dialog's fields (what `exportImage` takes, as the form holds it). */
export interface PrintForm {
  paper: PaperSize;
  orientation: Orientation;
  dpi: number;
  format: PrintFormat;
  title: string;
  subtitle: string;
  date: string;
  author: string;
  approval: string;
  /** 'view' or a denominator. */
  scale: 'view' | number;
  /** Centre [lon, lat] of a fixed-scale page, once the printed extent was moved on the map; unset: the view's centre. */
  center?: [number, number];
  /** What an atlas has a page for. */
  atlasBy: AtlasBy;
  /** The line an atlas by corridor follows (its id); '' for every corridor and culture belt. */
  corridor: string;
}

/** What the dialog exports: this page, or the atlas the form describes. */
export type ExportKind = 'page' | 'atlas';

export const PAPERS: readonly PaperSize[] = ['A4', 'A3', 'A2', 'A1', 'A0'];
/** The scales offered besides "as on screen" and a custom one. */
export const SCALES: readonly number[] = [10_000, 25_000, 50_000, 100_000];

/** The form as the dialog first shows it: A4 landscape at 150 dpi, dated `today` (YYYY-MM-DD). */
export function defaultPrintForm(today: string): PrintForm {
  return { paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', title: '', subtitle: '', date: today, author: '', approval: '', scale: 'view', atlasBy: 'cluster', corridor: '' };
}

/** A typed dpi: whole, 72–300; anything unreadable is 150. */
export function clampDpi(value: string): number {
  return Math.min(300, Math.max(72, Math.round(Number(value) || 150)));
}

/** A typed custom scale denominator: whole, at least 500; anything unreadable is 20,000. */
export function clampScale(value: string): number {
  return Math.max(500, Math.round(Number(value) || 20_000));
}

/**
 * The page's export options of a form; empty text fields are left out, and the moved centre is kept
 * only for a fixed scale (a print of the view frames the view).
 */
export function exportOptions(form: PrintForm): ExportOptions {
  const f = form;
  return {
    paper: f.paper, orientation: f.orientation, dpi: f.dpi, format: f.format, scale: f.scale,
    ...(f.scale !== 'view' && f.center ? { center: f.center } : {}),
    ...(f.title ? { title: f.title } : {}), ...(f.subtitle ? { subtitle: f.subtitle } : {}), ...(f.date ? { date: f.date } : {}),
    ...(f.author ? { author: f.author } : {}), ...(f.approval ? { approval: f.approval } : {}),
  };
}

/** The atlas options of a form: always a PDF; every page has its own centre, so the moved one is not passed. */
export function atlasOptions(form: PrintForm): AtlasOptions {
  const { center: _, ...page } = exportOptions(form);
  return { ...page, format: 'pdf', by: form.atlasBy, ...(form.atlasBy === 'corridor' && form.corridor ? { corridor: form.corridor } : {}) };
}

/** The downloaded file's name, e.g. `belt-map-A3-150dpi.png`, `belt-map-atlas-town-300dpi.pdf`, `belt-map-atlas-corridor-g109-150dpi.pdf`. */
export function exportFileName(form: PrintForm, kind: ExportKind): string {
  if (kind === 'page') return `belt-map-${form.paper}-${form.dpi}dpi.${form.format}`;
  const line = form.atlasBy === 'corridor' && form.corridor ? `-${form.corridor.replace(/[^\w.-]+/g, '_')}` : '';
  return `belt-map-atlas-${form.atlasBy}${line}-${form.dpi}dpi.pdf`;
}
