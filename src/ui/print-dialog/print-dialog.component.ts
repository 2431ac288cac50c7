import { html, nothing } from 'lit';
import type { PaperSize, PrintFormat } from '../../print/types.js';
import type { ExportStatus } from '../controllers/export-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { PAPERS, SCALES, clampDpi, clampScale, defaultPrintForm, type ExportKind, type PrintForm } from './print-form.js';

/**
 * The print / export dialog: paper, orientation, dpi, format, scale and the title block's texts; an
 * export of this page or an atlas, with its progress and a cancel. A native `<dialog>`: Escape closes
 * it and the focus stays inside while it is open. The form is the dialog's own state.
 *
 * @summary The print and export dialog.
 *
 * @event belt-export - An export was asked for. `detail`: `{ kind: 'page' | 'cluster' | 'corridor', form }`.
 * @event belt-export-cancel - Cancel was pressed while an export ran, or the dialog was closed.
 */
export class PrintDialog extends PanelElement {
  static override properties = {
    busy: { attribute: false },
    status: { attribute: false },
    _form: { state: true },
  };

  /** Progress of the running export; null when none runs. */
  declare busy: { percent: number } | null;
  /** How the last export ended. */
  declare status: ExportStatus | null;
  declare _form: PrintForm;

  constructor() {
    super();
    this.busy = null;
    this.status = null;
    this._form = defaultPrintForm(new Date().toISOString().slice(0, 10));
  }

  /** Opens the dialog (modal). */
  show(): void {
    this.querySelector<HTMLDialogElement>('dialog.print')?.showModal();
  }

  /** Closes the dialog. */
  close(): void {
    this.querySelector<HTMLDialogElement>('dialog.print')?.close();
  }

  override render() {
    const t = this.t;
    const form = this._form;
    const busy = this.busy;
    const change = (next: Partial<PrintForm>) => (this._form = { ...this._form, ...next });
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    const run = (kind: ExportKind) => emit(this, 'belt-export', { kind, form: { ...this._form } });
    const custom = form.scale !== 'view' && !SCALES.includes(form.scale);
    const status = this.status;
    const statusText = !status ? '' : status.state === 'done' ? t.exported(status.kb) : status.state === 'cancelled' ? t.exportCancelled : status.message;
    return html`
      <dialog class="print" aria-labelledby="print-h" @close=${() => emit(this, 'belt-export-cancel', {})}>
        <form method="dialog" @submit=${(e: Event) => e.preventDefault()}>
          <h3 id="print-h">${t.printTitle}</h3>
          <div class="print-grid">
            <label>${t.paper}
              <select name="paper" @change=${(e: Event) => change({ paper: value(e) as PaperSize })}>
                ${PAPERS.map((p) => html`<option value=${p} ?selected=${form.paper === p}>${p}</option>`)}
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
          ${busy ? html`<div role="status"><progress max="100" .value=${busy.percent}></progress> ${t.exporting(busy.percent)}</div>` : nothing}
          <p class="print-status" role="status">${statusText}</p>
          <div class="print-actions">
            <button type="button" class="export-page" ?disabled=${!!busy} @click=${() => run('page')}>${t.exportPage}</button>
            <button type="button" class="export-atlas-clusters" ?disabled=${!!busy} @click=${() => run('cluster')}>${t.exportAtlasClusters}</button>
            <button type="button" class="export-atlas-corridor" ?disabled=${!!busy} @click=${() => run('corridor')}>${t.exportAtlasCorridor}</button>
            <button type="button" class="cancel" @click=${() => (busy ? emit(this, 'belt-export-cancel', {}) : this.close())}>${busy ? t.cancel : t.close}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
