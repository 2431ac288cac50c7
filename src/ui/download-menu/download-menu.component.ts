import { html, nothing } from 'lit';
import type { CrsId } from '../../io/crs.js';
import type { ExportFormat } from '../../io/exportPlan.js';
import { local } from '../../state/i18n.js';
import type { DownloadCrsChoice, DownloadStatus } from '../controllers/download-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { DOWNLOAD_FORMATS, crsAllowed, crsLimit, effectiveCrs } from './download-form.js';

const WGS84_CHOICE: DownloadCrsChoice = { id: 'WGS84', group: 'geographic', projected: false, label: { zh: 'WGS84 经纬度（EPSG:4326）', en: 'WGS84 longitude/latitude (EPSG:4326)' } };

/**
 * The download menu: the plan as a package zip, GeoJSON, KML, Excel, CSV or a Shapefile zip, in a
 * coordinate system the format can hold (the choices a format cannot take are disabled, with the
 * reason under the list). A native modal `<dialog>`: Escape closes it, the focus stays inside while
 * it is open and returns to the button that opened it. The host makes the file and reports how it
 * went in `status` (making it, saved, or why it failed, in the UI language).
 *
 * @summary The "download the plan" menu.
 *
 * @event belt-download - "Download" was pressed. `detail`: `{ format, crs }` (crs: the system the file will be in).
 */
export class DownloadMenu extends PanelElement {
  static override properties = {
    crsChoices: { attribute: false },
    status: { attribute: false },
    _format: { state: true },
    _crs: { state: true },
  };

  /** The systems to offer (the host loads them with the crs module); until then WGS84 alone. */
  declare crsChoices: readonly DownloadCrsChoice[];
  /** How the last download went; null before it. */
  declare status: DownloadStatus | null;
  declare _format: ExportFormat;
  /** The system chosen (kept when a format cannot take it, for the next format that can). */
  declare _crs: CrsId;

  constructor() {
    super();
    this.crsChoices = [];
    this.status = null;
    this._format = 'zip';
    this._crs = 'WGS84';
  }

  get #dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.download');
  }

  /** Opens the menu (modal) with the focus on the chosen format. */
  show(): void {
    const d = this.#dialog;
    if (!d) return;
    if (!d.open) d.showModal();
    d.querySelector<HTMLInputElement>('input[name="download-format"]:checked')?.focus();
  }

  /** Closes the menu. */
  close(): void {
    this.#dialog?.close();
  }

  get #choices(): readonly DownloadCrsChoice[] {
    return this.crsChoices.length > 0 ? this.crsChoices : [WGS84_CHOICE];
  }

  override render() {
    const t = this.t;
    const d = t.download;
    const lang = this.lang;
    const format = this._format;
    const choices = this.#choices;
    const chosen = choices.find((c) => c.id === this._crs);
    const crs = effectiveCrs(format, chosen);
    const limit = crsLimit(format);
    const status = this.status;
    const busy = status?.state === 'busy';
    const chinese = crs === 'GCJ-02' || crs === 'BD-09';
    const note = limit === 'fixed' ? d.crsFixedZip : limit === 'geographic' ? d.crsKml : '';
    const groups = (['geographic', 'gk3', 'gk3cm'] as const).map((g) => [g, choices.filter((c) => c.group === g)] as const).filter(([, cs]) => cs.length > 0);
    const download = () => {
      if (!busy) emit(this, 'belt-download', { format, crs });
    };
    return html`
      <dialog class="download" aria-labelledby="download-h" aria-describedby="download-intro">
        <form method="dialog" @submit=${(e: Event) => (e.preventDefault(), download())}>
          <h3 id="download-h">${d.title}</h3>
          <p id="download-intro" class="download-intro">${d.intro}</p>
          <fieldset class="download-formats">
            <legend>${d.format}</legend>
            ${DOWNLOAD_FORMATS.map(
              (f) => html`<label class="download-format">
                <input type="radio" name="download-format" value=${f} .checked=${format === f} aria-describedby=${`download-hint-${f}`}
                  @change=${() => (this._format = f)} />
                <span class="download-label">${d.formats[f].label}</span>
                <span class="download-hint" id=${`download-hint-${f}`}>${d.formats[f].hint}</span>
              </label>`,
            )}
          </fieldset>
          <label class="download-crs">${d.crs}
            <select name="download-crs" ?disabled=${limit === 'fixed'} aria-describedby="download-crs-note"
              @change=${(e: Event) => (this._crs = (e.target as HTMLSelectElement).value as CrsId)}>
              ${groups.map(
                ([g, cs]) => html`<optgroup label=${d.crsGroups[g]}>
                  ${cs.map((c) => html`<option value=${c.id} ?disabled=${!crsAllowed(format, c)} .selected=${c.id === crs}>${local(lang, c.label)}</option>`)}
                </optgroup>`,
              )}
            </select>
          </label>
          <p id="download-crs-note" class="download-note">${note}${note && chinese ? ' ' : ''}${chinese ? d.crsChinese : ''}${this.crsChoices.length === 0 && limit !== 'fixed' ? d.crsLoading : ''}</p>
          <div class="download-status" role="status">
            ${busy ? html`<progress></progress> ${d.preparing}` : status?.state === 'done' ? d.done(status.name, status.kb) : nothing}
          </div>
          ${status?.state === 'failed' ? html`<p class="download-error" role="alert">${d.failed}: ${local(lang, status.error)}</p>` : nothing}
          <div class="download-actions">
            <button type="submit" class="download-submit" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>⤓ ${d.submit}</button>
            <button type="button" class="close" @click=${() => this.close()}>${t.close}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
