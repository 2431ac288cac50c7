import { html, nothing } from 'lit';
import { pageMm } from '../../print/paper.js';
import type { AtlasBy, PaperSize, PrintFormat } from '../../print/types.js';
import type { ExportStatus } from '../controllers/export-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { PAPERS, SCALES, clampDpi, clampScale, defaultPrintForm, type ExportKind, type PrintForm } from './print-form.js';

/** Draws the sheet a form would print into a canvas, `canvas.width` px wide (it sets the height). */
export type PreviewDrawer = (form: PrintForm, canvas: HTMLCanvasElement) => Promise<void>;

/** The preview is drawn this long after the last change (the latest form wins). */
const PREVIEW_DELAY_MS = 150;
/** The preview's width in CSS px (it shrinks with a narrow dialog). */
const PREVIEW_CSS_PX = 440;

/**
 * The print / export dialog: paper, orientation, dpi, format, scale and the title block's texts, with
 * a live preview of the sheet; for a fixed scale, the printed extent can be moved on the map; an
 * export of this page or of an atlas (by cluster, by town or along a corridor), with its progress and
 * a cancel. A native `<dialog>`: Escape closes it and the focus stays inside while it is open. The
 * form is the dialog's own state; the host draws the preview (`preview`) and the frame on the map.
 *
 * @summary The print and export dialog.
 *
 * @event belt-export - An export was asked for. `detail`: `{ kind: 'page' | 'atlas', form }`.
 * @event belt-export-cancel - Cancel was pressed while an export ran, or the dialog was closed.
 * @event belt-print-form - The form changed, or the dialog opened or closed. `detail`: `{ form, open }`.
 * @event belt-print-move - "Move on the map" was pressed (the dialog has closed). `detail`: `{ form }`.
 * @event belt-print-move-end - Done or Cancel on the bar shown while the extent is moved. `detail`: `{ done }`.
 */
export class PrintDialog extends PanelElement {
  static override properties = {
    busy: { attribute: false },
    status: { attribute: false },
    preview: { attribute: false },
    corridors: { attribute: false },
    moving: { attribute: false },
    _form: { state: true },
    _previewError: { state: true },
  };

  /** Progress of the running export; null when none runs. */
  declare busy: { percent: number } | null;
  /** How the last export ended. */
  declare status: ExportStatus | null;
  /** Draws the preview; null until the host can (the print code loads when the dialog first opens). */
  declare preview: PreviewDrawer | null;
  /** The lines an atlas by corridor can follow. */
  declare corridors: readonly { id: string; name: string }[];
  /** The printed extent's centre while it is moved on the map (the dialog is closed then); null otherwise. */
  declare moving: [number, number] | null;
  declare _form: PrintForm;
  declare _previewError: string | null;
  #previewTimer: ReturnType<typeof setTimeout> | undefined;
  #previewRun = 0;
  /** The dialog closed to move the extent on the map: not a close of the dialog. */
  #closingToMove = false;

  constructor() {
    super();
    this.busy = null;
    this.status = null;
    this.preview = null;
    this.corridors = [];
    this.moving = null;
    this._previewError = null;
    this._form = defaultPrintForm(new Date().toISOString().slice(0, 10));
  }

  /** The form as it stands. */
  get form(): PrintForm {
    return { ...this._form };
  }

  /** Opens the dialog (modal). */
  show(): void {
    const dialog = this.#dialog();
    if (!dialog || dialog.open) return;
    dialog.showModal();
    emit(this, 'belt-print-form', { form: this.form, open: true });
    this.#schedulePreview(0);
  }

  /** Opens the dialog again after a move on the map; with the new centre when the move was done. */
  resume(center: [number, number] | null): void {
    if (center) this._form = { ...this._form, center };
    this.show();
    this.querySelector<HTMLButtonElement>('button.print-move')?.focus();
  }

  /** Closes the dialog. */
  close(): void {
    this.#dialog()?.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#previewTimer);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // The paper's proportions before the preview is drawn (through the CSSOM: a strict CSP refuses style attributes).
    const page = pageMm(this._form.paper, this._form.orientation);
    const canvas = this.querySelector<HTMLCanvasElement>('canvas.print-preview');
    if (canvas) canvas.style.aspectRatio = `${page.widthMm} / ${page.heightMm}`;
    if (changed.has('_form') || changed.has('preview') || changed.has('lang')) this.#schedulePreview(PREVIEW_DELAY_MS);
  }

  #dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.print');
  }

  #change(next: Partial<PrintForm>): void {
    this._form = { ...this._form, ...next };
    emit(this, 'belt-print-form', { form: this.form, open: !!this.#dialog()?.open });
  }

  #schedulePreview(delay: number): void {
    clearTimeout(this.#previewTimer);
    if (!this.preview || !this.#dialog()?.open) return;
    this.#previewTimer = setTimeout(() => void this.#drawPreview(), delay);
  }

  /** Draws the preview off screen, then shows it if no later change asked for another. */
  async #drawPreview(): Promise<void> {
    const run = ++this.#previewRun;
    const shown = this.querySelector<HTMLCanvasElement>('canvas.print-preview');
    const draw = this.preview;
    if (!shown || !draw) return;
    shown.setAttribute('aria-busy', 'true');
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(PREVIEW_CSS_PX * Math.min(2, Math.max(1, window.devicePixelRatio || 1)));
    try {
      await draw(this.form, canvas);
    } catch (error) {
      if (run === this.#previewRun) {
        this._previewError = (error as Error).message;
        shown.removeAttribute('aria-busy');
      }
      return;
    }
    if (run !== this.#previewRun) return;
    this._previewError = null;
    shown.width = canvas.width;
    shown.height = canvas.height;
    shown.getContext('2d')!.drawImage(canvas, 0, 0);
    shown.removeAttribute('aria-busy');
    shown.dataset['drawn'] = String(run);
  }

  #move(): void {
    // The dialog's close event comes later (a task): it is told apart by this flag.
    this.#closingToMove = true;
    this.close();
    emit(this, 'belt-print-move', { form: this.form });
  }

  #onClose = (): void => {
    if (this.#closingToMove) {
      this.#closingToMove = false;
      return;
    }
    emit(this, 'belt-export-cancel', {});
    emit(this, 'belt-print-form', { form: this.form, open: false });
  };

  override render() {
    return html`${this.#renderDialog()}${this.moving ? this.#renderMoveBar(this.moving) : nothing}`;
  }

  #renderMoveBar(center: [number, number]) {
    const p = this.t.printDialog;
    const end = (done: boolean) => emit(this, 'belt-print-move-end', { done });
    return html`<div class="print-move-bar" role="group" aria-label=${p.moveBar}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            end(false);
          }
        }}>
      <p class="print-move-hint">${p.moveHint}</p>
      <p class="print-move-center" role="status" aria-live="polite">${p.center(center[0], center[1])}</p>
      <button type="button" class="print-move-done" @click=${() => end(true)}>${p.moveDone}</button>
      <button type="button" class="print-move-cancel" @click=${() => end(false)}>${p.moveCancel}</button>
    </div>`;
  }

  #renderDialog() {
    const t = this.t;
    const p = t.printDialog;
    const form = this._form;
    const busy = this.busy;
    const change = (next: Partial<PrintForm>) => this.#change(next);
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    const run = (kind: ExportKind) => emit(this, 'belt-export', { kind, form: this.form });
    const custom = form.scale !== 'view' && !SCALES.includes(form.scale);
    const status = this.status;
    const statusText = !status ? '' : status.state === 'done' ? t.exported(status.kb) : status.state === 'cancelled' ? t.exportCancelled : status.message;
    const fixed = form.scale !== 'view';
    return html`
      <dialog class="print" aria-labelledby="print-h" @close=${this.#onClose}>
        <form method="dialog" @submit=${(e: Event) => e.preventDefault()}>
          <h3 id="print-h">${t.printTitle}</h3>
          <div class="print-body">
          <div class="print-fields">
          <div class="print-grid">
            <label>${t.paper}
              <select name="paper" @change=${(e: Event) => change({ paper: value(e) as PaperSize })}>
                ${PAPERS.map((x) => html`<option value=${x} ?selected=${form.paper === x}>${x}</option>`)}
              </select>
            </label>
            <fieldset><legend>${t.orientation}</legend>
              ${(['portrait', 'landscape'] as const).map(
                (o) => html`<label><input type="radio" name="orientation" value=${o} .checked=${form.orientation === o} @change=${() => change({ orientation: o })} />${t[o]}</label>`,
              )}
            </fieldset>
            <label>${t.dpi}
              <input name="dpi" type="number" min="72" max="300" step="1" .value=${String(form.dpi)}
                @change=${(e: Event) => change({ dpi: clampDpi(value(e)) })} />
            </label>
            <label>${t.format}
              <select name="format" @change=${(e: Event) => change({ format: value(e) as PrintFormat })}>
                ${(['png', 'pdf'] as const).map((f) => html`<option value=${f} ?selected=${form.format === f}>${f.toUpperCase()}</option>`)}
              </select>
            </label>
            <label>${t.scaleField}
              <select name="scale" @change=${(e: Event) => {
                const v = value(e);
                change({ scale: v === 'view' ? 'view' : v === 'custom' ? 20_000 : Number(v) });
              }}>
                <option value="view" ?selected=${form.scale === 'view'}>${t.scaleView}</option>
                ${SCALES.map((s) => html`<option value=${s} ?selected=${form.scale === s}>1:${s.toLocaleString('en')}</option>`)}
                <option value="custom" ?selected=${custom}>${t.scaleCustom}…</option>
              </select>
            </label>
            ${custom
              ? html`<label>${t.scaleCustom}<input name="scale-custom" type="number" min="500" max="5000000" step="500" .value=${String(form.scale)}
                  @change=${(e: Event) => change({ scale: clampScale(value(e)) })} /></label>`
              : nothing}
            ${(['title', 'subtitle', 'date', 'author', 'approval'] as const).map(
              (k) => html`<label>${t[`${k}Field`]}<input name=${k} type="text" .value=${form[k]} @input=${(e: Event) => change({ [k]: value(e) })} /></label>`,
            )}
          </div>
          <div class="print-extent">
            ${fixed
              ? html`<p class="print-center">${form.center ? p.center(form.center[0], form.center[1]) : p.centerView}</p>
                  <button type="button" class="print-move" ?disabled=${!!busy} @click=${() => this.#move()}>${p.move}</button>
                  ${form.center ? html`<button type="button" class="print-center-reset" @click=${() => change({ center: undefined })}>${p.resetCenter}</button>` : nothing}
                  <p class="print-note">${p.frameNote}</p>`
              : html`<p class="print-note">${p.viewNote}</p>`}
          </div>
          </div>
          <figure class="print-preview">
            <canvas class="print-preview" role="img" aria-label=${p.previewLabel(form.paper, t[form.orientation])}></canvas>
            <figcaption>${this._previewError ? p.previewFailed(this._previewError) : this.preview ? p.previewCaption : p.previewLoading}</figcaption>
          </figure>
          </div>
          <div class="print-actions">
            <button type="button" class="export-page" ?disabled=${!!busy} @click=${() => run('page')}>${t.exportPage}</button>
          </div>
          <fieldset class="print-atlas"><legend>${p.atlas}</legend>
            <label>${p.atlasBy}
              <select name="atlas-by" @change=${(e: Event) => change({ atlasBy: value(e) as AtlasBy })}>
                ${(['cluster', 'town', 'corridor'] as const).map((b) => html`<option value=${b} ?selected=${form.atlasBy === b}>${p.by[b]}</option>`)}
              </select>
            </label>
            ${form.atlasBy === 'corridor'
              ? html`<label>${p.corridor}
                  <select name="atlas-corridor" @change=${(e: Event) => change({ corridor: value(e) })}>
                    <option value="" ?selected=${form.corridor === ''}>${p.allCorridors}</option>
                    ${this.corridors.map((c) => html`<option value=${c.id} ?selected=${form.corridor === c.id}>${c.name}</option>`)}
                  </select>
                </label>`
              : nothing}
            <button type="button" class="export-atlas" ?disabled=${!!busy} @click=${() => run('atlas')}>${p.exportAtlas}</button>
          </fieldset>
          ${busy ? html`<div role="status"><progress max="100" .value=${busy.percent}></progress> ${t.exporting(busy.percent)}</div>` : nothing}
          <p class="print-status" role="status">${statusText}</p>
          <div class="print-actions">
            <button type="button" class="cancel" @click=${() => (busy ? emit(this, 'belt-export-cancel', {}) : this.close())}>${busy ? t.cancel : t.close}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
