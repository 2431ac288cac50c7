import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MapView } from '../../map/view.js';
import type { ExhibitContext } from '../../print/exhibit.js';
import { exportOptions, type PrintForm } from '../print-dialog/print-form.js';

type Exhibit = typeof import('../../print/exhibit.js');
type LngLat = [number, number];

/** What the host gives the controller. */
export interface SheetControllerConfig {
  view: () => MapView | null;
  /** What an export of the element now would print (throws before the plan is shown). */
  context: () => ExhibitContext;
  /** The map's keyboard hint while the printed extent is moved (in the element's language). */
  moveHint: () => string;
  /** A move of the printed extent on the map ended: the new centre (Done), or null (Cancel, Escape). */
  onMoveEnd: (center: LngLat | null) => void;
}

/**
 * The sheet before it is printed, for the print dialog: its live preview, the printed extent of a
 * fixed-scale sheet drawn on the map (and moved there), and the lines an atlas can follow. The print
 * code is loaded when the dialog first opens (`load`), never in the first load.
 */
export class SheetController implements ReactiveController {
  /** The lines an atlas by corridor can follow (read when the dialog opens). */
  corridors: { id: string; name: string }[] = [];
  /** The printed extent's centre while it is moved on the map; null otherwise. */
  moving: LngLat | null = null;
  #exhibit: Exhibit | null = null;
  #loading: Promise<Exhibit> | null = null;
  #stopMove: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: SheetControllerConfig,
  ) {
    host.addController(this);
  }

  /** Loads the print code (once) and reads the plan's lines; the host updates when they are there. */
  async load(): Promise<void> {
    const exhibit = (this.#exhibit ??= await (this.#loading ??= import('../../print/exhibit.js')));
    this.corridors = exhibit.atlasCorridors(this.config.context());
    this.host.requestUpdate();
  }

  /** Whether the print code is loaded (the dialog shows its preview once it is). */
  get ready(): boolean {
    return this.#exhibit !== null;
  }

  /** Draws the sheet the form would print into `canvas` (`canvas.width` px wide). */
  async preview(form: PrintForm, canvas: HTMLCanvasElement): Promise<void> {
    if (!this.#exhibit) await this.load();
    await this.#exhibit!.drawPreview(this.config.context(), exportOptions(form), canvas);
  }

  /** The dialog's form changed, or it opened or closed: the frame on the map follows (a fixed scale only, while the dialog is open). */
  follow(form: PrintForm, open: boolean): void {
    if (this.moving) return;
    const view = this.config.view();
    if (!view) return;
    view.printFrame.show(open && form.scale !== 'view' && this.#exhibit ? this.#exhibit.printExtent(this.config.context(), exportOptions(form)).bounds : null);
  }

  /** Lets the user move the form's printed extent on the map, until `endMove` (or Enter / Escape on the map). */
  startMove(form: PrintForm): void {
    const view = this.config.view();
    const exhibit = this.#exhibit;
    if (!view || !exhibit || form.scale === 'view') return;
    const ctx = this.config.context();
    const at = (center: LngLat) => exhibit.printExtent(ctx, { ...exportOptions(form), center });
    const start = at(form.center ?? ctx.view.center).center;
    this.moving = start;
    this.#stopMove = view.printFrame.move(start, {
      boundsAt: (center) => at(center).bounds,
      onMove: (center) => {
        this.moving = center;
        this.host.requestUpdate();
      },
      onEnd: (done) => this.endMove(done),
      hint: this.config.moveHint(),
    });
    view.map.getCanvas().focus();
    this.host.requestUpdate();
  }

  /** Ends a move: Done keeps the new centre, Cancel the old one; the host is told (`onMoveEnd`). */
  endMove(done: boolean): void {
    const center = this.moving;
    if (!center) return;
    this.#stopMove?.();
    this.#stopMove = null;
    this.moving = null;
    this.config.view()?.printFrame.show(null);
    this.host.requestUpdate();
    this.config.onMoveEnd(done ? center : null);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#stopMove?.();
    this.#stopMove = null;
    this.moving = null;
  }
}
