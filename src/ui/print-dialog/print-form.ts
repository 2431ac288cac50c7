/**
 * The print dialog's form and what it asks `exportImage` / `exportAtlas` for. Pure: no DOM.
 */
import type { ExportOptions, Orientation, PaperSize, PrintFormat } from '../../print/types.js';

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
}

/** What the dialog exports: this page, or an atlas by cluster or by corridor stretch. */
export type ExportKind = 'page' | 'cluster' | 'corridor';

export const PAPERS: readonly PaperSize[] = ['A4', 'A3', 'A2', 'A1', 'A0'];
/** The scales offered besides "as on screen" and a custom one. */
export const SCALES: readonly number[] = [10_000, 25_000, 50_000, 100_000];

/** The form as the dialog first shows it: A4 landscape at 150 dpi, dated `today` (YYYY-MM-DD). */
export function defaultPrintForm(today: string): PrintForm {
  return { paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', title: '', subtitle: '', date: today, author: '', approval: '', scale: 'view' };
}

/** A typed dpi: whole, 72–300; anything unreadable is 150. */
export function clampDpi(value: string): number {
  return Math.min(300, Math.max(72, Math.round(Number(value) || 150)));
}

/** A typed custom scale denominator: whole, at least 500; anything unreadable is 20,000. */
export function clampScale(value: string): number {
  return Math.max(500, Math.round(Number(value) || 20_000));
}

/** The export options of a form (an atlas is always a PDF); empty text fields are left out. */
export function exportOptions(form: PrintForm, kind: ExportKind): ExportOptions {
  const f = form;
  return {
    paper: f.paper, orientation: f.orientation, dpi: f.dpi, format: kind === 'page' ? f.format : 'pdf', scale: f.scale,
    ...(f.title ? { title: f.title } : {}), ...(f.subtitle ? { subtitle: f.subtitle } : {}), ...(f.date ? { date: f.date } : {}),
    ...(f.author ? { author: f.author } : {}), ...(f.approval ? { approval: f.approval } : {}),
  };
}

/** The downloaded file's name, e.g. `belt-map-A3-150dpi.png`, `belt-map-atlas-cluster-300dpi.pdf`. */
export function exportFileName(form: PrintForm, kind: ExportKind): string {
  return `belt-map-${kind === 'page' ? form.paper : `atlas-${kind}`}-${form.dpi}dpi.${kind === 'page' ? form.format : 'pdf'}`;
}
