import type { ImportReport } from '../io/importFile.js';
import type { PlanCommand } from '../plan/commands.js';
import type { PlanChanges } from '../plan/diff.js';
import type { PublicLayerId } from '../state/layers.js';

/** `belt-select`: the user picked a feature on the map or in the feature list. Plain data only. */
export interface BeltSelectDetail {
  layer: PublicLayerId;
  /** The village code, cluster id or line id. */
  id: string;
  /** The feature's properties, as plain values. */
  properties: Record<string, unknown>;
  /** Where it was picked (or the village's position); null for an unlocated village. */
  lngLat: [number, number] | null;
}

/** `belt-error`: the plan could not be loaded or is invalid. */
export interface BeltErrorDetail {
  /** What went wrong, for a person. */
  message: string;
  /** The plan URL that failed. */
  src: string;
  /** Each validation problem (`message` in English, `zh` in Chinese), when the package loaded but did not validate. */
  problems: { file: string; feature?: string; field?: string; message: string; zh: string }[];
}

/** `belt-ready`: the plan is loaded and the map has rendered it completely. */
export interface BeltReadyDetail {
  src: string;
  villages: number;
  located: number;
}

/** `belt-analysis`: the worker finished analysing the imported villages against the zones. */
export interface BeltAnalysisDetail {
  imported: number;
  zones: { lineId: string; km: number; count: number }[];
  /** Time the worker spent, ms. */
  ms: number;
}

/**
 * `belt-import`: a file was imported into the plan (`el.importFile`, or "apply" in the import dialog)
 * and the plan on screen now holds it. `detail` is the import's report, plain data: `file`, `format`,
 * `encoding`, `crs` and `crsSource` ('chosen' | 'prj' | 'file' | 'guessed'), `as`, `replaced` (a plan
 * package opened), `columns` (the mapping used), `fileColumns` and `sample` (the file's columns and
 * first rows), `rows`, `added`, `updated`, `unchanged`, `matches` (`{ row, code, how, changes,
 * codeWritten? }`), `lines`, `rejected` (`{ row, reason, zh, cells }`: the row's number, why in English
 * and Chinese, and its original cells), `ambiguous` and `warnings` (`{ en, zh }`). An import that fails
 * fires nothing (the `importFile` promise rejects; the dialog says why) and never sets the element's
 * error banner.
 */
export type BeltImportDetail = ImportReport;

/**
 * `belt-change`: the user edited the plan on screen — a control of the details, the lasso, a drawn
 * line, an accepted proposal, an import applied in the dialog, undo or redo by button or key. Changes
 * made by code (setting `src`, calling `importFile`, `undo()` or `redo()`, a restored draft) fire none.
 * Plain data: what the edit was, and what it changed ({@link PlanChanges}).
 */
export interface BeltChangeDetail {
  /** An edit, or the undo or redo of one. */
  type: 'edit' | 'undo' | 'redo';
  /** What the edit was, in both languages (as the undo button says it). */
  label: { en: string; zh: string };
  /** The command, when the edit was one (src/plan/commands.ts's PlanCommand). */
  command?: PlanCommand;
  villages: PlanChanges['villages'];
  clusters: PlanChanges['clusters'];
  lines: PlanChanges['lines'];
  belts: PlanChanges['belts'];
  canUndo: boolean;
  canRedo: boolean;
}

export type BeltAnalysisEvent = CustomEvent<BeltAnalysisDetail>;
export type BeltSelectEvent = CustomEvent<BeltSelectDetail>;
export type BeltErrorEvent = CustomEvent<BeltErrorDetail>;
export type BeltReadyEvent = CustomEvent<BeltReadyDetail>;
export type BeltImportEvent = CustomEvent<BeltImportDetail>;
export type BeltChangeEvent = CustomEvent<BeltChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'belt-select': BeltSelectEvent;
    'belt-error': BeltErrorEvent;
    'belt-ready': BeltReadyEvent;
    'belt-analysis': BeltAnalysisEvent;
    'belt-import': BeltImportEvent;
    'belt-change': BeltChangeEvent;
  }
}

/** Events bubble and cross the shadow boundary, so a page can listen on any ancestor. */
export function beltEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
