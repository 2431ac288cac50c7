/**
 * The events `<belt-map>`'s panels fire to report what the user did. They are internal: the host
 * listens on each panel, acts, and stops them there, so a page sees only the public events
 * (`events.ts`). Every detail is plain data.
 */
import type { PlanCommand } from '../plan/commands.js';
import type { PublicLayerId } from '../state/layers.js';
import type { ExportKind, PrintForm } from './print-dialog/print-form.js';
import type { WorkerImportOptions } from '../io/importClient.js';
import type { CrsId } from '../io/crs.js';
import type { ExportFormat } from '../io/exportPlan.js';
import type { TableFileData } from './feature-list/table-models.js';

/** A feature as the details panel shows it (and as `belt-select` reports it). */
export interface Selection {
  layer: PublicLayerId;
  properties: Record<string, unknown>;
  /** The feature's position (a village's own, a line's first vertex); null for an unlocated village. */
  lngLat: [number, number] | null;
}

/**
 * An edit of the plan asked for in the details (src/ui/details-panel/plan-edit.ts): one command, or
 * one of the planner's edits of src/state/edits.ts, or the lasso (drawn on the map, then an edit).
 */
export type EditRequest =
  | { type: 'command'; command: PlanCommand }
  | { type: 'move'; code: string; clusterId: string | null }
  | { type: 'core'; clusterId: string; code: string }
  | { type: 'new-cluster'; code: string }
  | { type: 'lasso'; clusterId: string };

export interface PanelEventDetails {
  /** A layer checkbox was ticked or cleared. */
  'belt-layer-toggle': { layer: PublicLayerId; on: boolean };
  /** A view button was pressed: the id of one of the plan's views. */
  'belt-view-go': { id: string };
  /** A plan was chosen in the plan picker: its id in the plans list. */
  'belt-plan-choose': { id: string };
  /** A corridor zone was switched on or off. */
  'belt-zone-toggle': { lineId: string; on: boolean };
  /** A zone's buffer distance was changed (already clamped to the allowed range). */
  'belt-zone-km': { lineId: string; km: number };
  /** A file of many villages was chosen for the zone analysis (drawn by deck.gl, analysed in the worker; not the plan import). */
  'belt-zone-import': { file: File };
  /** A feature was chosen in the feature list (or a table naming it). */
  'belt-feature-pick': Selection;
  /** The proposal engine was asked for proposals. */
  'belt-propose': Record<string, never>;
  /** A proposal was accepted or rejected. */
  'belt-proposal-decide': { id: string; accept: boolean };
  /** A proposal's accept was confirmed after its preview, with the batch year chosen. */
  'belt-accept-confirm': { id: string; year: number };
  /** A proposal's accept preview was cancelled. */
  'belt-accept-cancel': Record<string, never>;
  /** The details' edit section was folded or unfolded (the host keeps it so for the next feature). */
  'belt-edit-toggle': { open: boolean };
  /** An edit of the plan was asked for in the details. */
  'belt-plan-edit': EditRequest;
  /** The details panel's close button was pressed. */
  'belt-details-close': Record<string, never>;
  /** An export was asked for from the print dialog. */
  'belt-export': { kind: ExportKind; form: PrintForm };
  /** The print form changed (or the dialog opened): the whole form, for the printed-extent frame on the map. */
  'belt-print-form': { form: PrintForm; open: boolean };
  /** "Move on the map" was pressed: the dialog closed, and the form's printed extent is to be moved on the map. */
  'belt-print-move': { form: PrintForm };
  /** The move on the map ended: Done (true) keeps the new centre, Cancel or Escape (false) the old one. */
  'belt-print-move-end': { done: boolean };
  /** The running export was cancelled (or the dialog closed while it ran). */
  'belt-export-cancel': Record<string, never>;
  /** A file was chosen or dropped in the import dialog. */
  'belt-import-file': { file: File };
  /** An import option changed in the dialog: the whole new options. */
  'belt-import-options': { options: WorkerImportOptions };
  /** "Apply" was pressed in the import dialog. */
  'belt-import-apply': Record<string, never>;
  /** The rows not imported were asked for as a CSV. */
  'belt-import-download': Record<string, never>;
  /** The import dialog was closed. */
  'belt-import-close': Record<string, never>;
  /** "Draw corridor" / "Draw culture belt" was pressed. */
  'belt-draw-start': { layer: 'corridors' | 'cultureBelts' };
  /** The "snap to villages" box changed. */
  'belt-draw-snap': { on: boolean };
  /** "Done" was pressed while drawing or editing a line. */
  'belt-draw-finish': Record<string, never>;
  /** The drawing, or the line form open in the draw panel, was cancelled (a button or Escape). */
  'belt-draw-cancel': Record<string, never>;
  /** A newly drawn line was named and saved. */
  'belt-draw-save': { name: string; name_en: string; kind: 'road' | 'river' | 'culture-belt' };
  /** An action on a line was chosen in its details. */
  'belt-line-action': { action: 'rename' | 'edit' | 'delete' | 'belt' | 'area'; id: string };
  /** New names for a line were saved. */
  'belt-line-rename': { id: string; name: string; name_en: string };
  /** Deleting a line was confirmed. */
  'belt-line-delete': { id: string };
  /** The belt along a line: its distance changed (`create` false) or it was created of the ticked `clusters` (ids). */
  'belt-line-belt': { id: string; km: number; name: string; create: boolean; clusters?: string[] };
  /** Lines into an area: shown for these lines and distance, or hidden. */
  'belt-line-area': { ids: string[]; km: number; show: boolean };
  /** "Discard" was pressed on the drafts notice: delete the draft, back to the plan as loaded. */
  'belt-draft-discard': Record<string, never>;
  /** "Keep mine" was pressed on the conflict notice: this tab's plan is saved over the other tab's draft. */
  'belt-draft-keep-mine': Record<string, never>;
  /** "Load theirs" was pressed on the conflict notice: the other tab's draft is restored. */
  'belt-draft-load-theirs': Record<string, never>;
  /** The drafts notice was closed. */
  'belt-draft-dismiss': Record<string, never>;
  /** "Open" was pressed on a listed draft: its key (the plan source). */
  'belt-draft-open': { key: string };
  /** "Delete" was pressed on a listed draft: its key. */
  'belt-draft-delete': { key: string };
  /** The statistics' year was chosen in the feature list (null: every selection). */
  'belt-stats-year': { year: number | null };
  /** "Copy link" was pressed (url-state). */
  'belt-share-copy': Record<string, never>;
  /** The link shown for copying by hand was dismissed. */
  'belt-share-close': Record<string, never>;
  /** "Download" was pressed in the download menu: the format and coordinate system chosen. */
  'belt-download': { format: ExportFormat; crs: CrsId };
  /** A table of the feature list was asked for as a file: its title, columns and rows as shown, and the format. */
  'belt-table-download': TableFileData & { format: 'csv' | 'xlsx' };
}

export type PanelEventType = keyof PanelEventDetails;

declare global {
  interface GlobalEventHandlersEventMap {
    'belt-layer-toggle': CustomEvent<PanelEventDetails['belt-layer-toggle']>;
    'belt-view-go': CustomEvent<PanelEventDetails['belt-view-go']>;
    'belt-plan-choose': CustomEvent<PanelEventDetails['belt-plan-choose']>;
    'belt-zone-toggle': CustomEvent<PanelEventDetails['belt-zone-toggle']>;
    'belt-zone-km': CustomEvent<PanelEventDetails['belt-zone-km']>;
    'belt-zone-import': CustomEvent<PanelEventDetails['belt-zone-import']>;
    'belt-feature-pick': CustomEvent<PanelEventDetails['belt-feature-pick']>;
    'belt-propose': CustomEvent<PanelEventDetails['belt-propose']>;
    'belt-proposal-decide': CustomEvent<PanelEventDetails['belt-proposal-decide']>;
    'belt-details-close': CustomEvent<PanelEventDetails['belt-details-close']>;
    'belt-plan-edit': CustomEvent<PanelEventDetails['belt-plan-edit']>;
    'belt-edit-toggle': CustomEvent<PanelEventDetails['belt-edit-toggle']>;
    'belt-accept-confirm': CustomEvent<PanelEventDetails['belt-accept-confirm']>;
    'belt-accept-cancel': CustomEvent<PanelEventDetails['belt-accept-cancel']>;
    'belt-export': CustomEvent<PanelEventDetails['belt-export']>;
    'belt-export-cancel': CustomEvent<PanelEventDetails['belt-export-cancel']>;
    'belt-print-form': CustomEvent<PanelEventDetails['belt-print-form']>;
    'belt-print-move': CustomEvent<PanelEventDetails['belt-print-move']>;
    'belt-print-move-end': CustomEvent<PanelEventDetails['belt-print-move-end']>;
    'belt-import-file': CustomEvent<PanelEventDetails['belt-import-file']>;
    'belt-import-options': CustomEvent<PanelEventDetails['belt-import-options']>;
    'belt-import-apply': CustomEvent<PanelEventDetails['belt-import-apply']>;
    'belt-import-download': CustomEvent<PanelEventDetails['belt-import-download']>;
    'belt-import-close': CustomEvent<PanelEventDetails['belt-import-close']>;
    'belt-draw-start': CustomEvent<PanelEventDetails['belt-draw-start']>;
    'belt-draw-snap': CustomEvent<PanelEventDetails['belt-draw-snap']>;
    'belt-draw-finish': CustomEvent<PanelEventDetails['belt-draw-finish']>;
    'belt-draw-cancel': CustomEvent<PanelEventDetails['belt-draw-cancel']>;
    'belt-draw-save': CustomEvent<PanelEventDetails['belt-draw-save']>;
    'belt-line-action': CustomEvent<PanelEventDetails['belt-line-action']>;
    'belt-line-rename': CustomEvent<PanelEventDetails['belt-line-rename']>;
    'belt-line-delete': CustomEvent<PanelEventDetails['belt-line-delete']>;
    'belt-line-belt': CustomEvent<PanelEventDetails['belt-line-belt']>;
    'belt-line-area': CustomEvent<PanelEventDetails['belt-line-area']>;
    'belt-draft-discard': CustomEvent<PanelEventDetails['belt-draft-discard']>;
    'belt-draft-keep-mine': CustomEvent<PanelEventDetails['belt-draft-keep-mine']>;
    'belt-draft-load-theirs': CustomEvent<PanelEventDetails['belt-draft-load-theirs']>;
    'belt-draft-dismiss': CustomEvent<PanelEventDetails['belt-draft-dismiss']>;
    'belt-draft-open': CustomEvent<PanelEventDetails['belt-draft-open']>;
    'belt-draft-delete': CustomEvent<PanelEventDetails['belt-draft-delete']>;
    'belt-stats-year': CustomEvent<PanelEventDetails['belt-stats-year']>;
    'belt-share-copy': CustomEvent<PanelEventDetails['belt-share-copy']>;
    'belt-share-close': CustomEvent<PanelEventDetails['belt-share-close']>;
    'belt-download': CustomEvent<PanelEventDetails['belt-download']>;
    'belt-table-download': CustomEvent<PanelEventDetails['belt-table-download']>;
  }
}

/** Fires a panel event from `target` (bubbling, composed, plain detail). Call it from user-action handlers only. */
export function emit<K extends PanelEventType>(target: EventTarget, type: K, detail: PanelEventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
