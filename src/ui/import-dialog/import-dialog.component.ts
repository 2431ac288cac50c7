import { html, nothing, type TemplateResult } from 'lit';
import type { WorkerImportOptions } from '../../io/importClient.js';
import type { ImportReport } from '../../io/importFile.js';
import { IMPORT_FIELDS, type ImportField } from '../../plan/importRows.js';
import { local, textLang } from '../../state/i18n.js';
import type { CrsChoice, ImportSession } from '../controllers/import-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';

/** How many rejected rows the dialog lists (all of them are in the CSV). */
export const REJECTED_SHOWN = 100;
const COORDINATE_FIELDS: readonly ImportField[] = ['lon', 'lat', 'x', 'y'];
const LINE_FORMATS = new Set<ImportReport['format']>(['geojson', 'kml', 'kmz', 'gpx', 'shapefile']);

/**
 * The import dialog: choose or drop a file, see what was detected (format, encoding, coordinate
 * system), correct the column mapping, the system, what the file becomes, the sheet or layer, the
 * rows the register does not know and the ambiguous names — each change previews again — then apply
 * it in one step and read the report, with the rows not imported to download. It sits beside the map
 * (not modal), so the preview on the map stays in sight; Escape or Close ends it, applying nothing.
 *
 * All state is the host's import session (`session`); the dialog only reports what the user did.
 *
 * @summary The import dialog.
 *
 * @event belt-import-file - A file was chosen or dropped. `detail`: `{ file }`.
 * @event belt-import-options - An option changed. `detail`: `{ options }`, the whole new options.
 * @event belt-import-apply - "Apply" was pressed.
 * @event belt-import-download - The rejected rows' CSV was asked for.
 * @event belt-import-close - The dialog was closed (nothing is applied that was not).
 */
export class ImportDialog extends PanelElement {
  static override properties = {
    session: { attribute: false },
    crsChoices: { attribute: false },
    _dragging: { state: true },
  };

  declare session: ImportSession | null;
  declare crsChoices: readonly CrsChoice[];
  declare _dragging: boolean;

  constructor() {
    super();
    this.session = null;
    this.crsChoices = [];
    this._dragging = false;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('dialog.import-dialog');
  }

  /** Opens the dialog beside the map and moves the focus into it. */
  show(): void {
    const d = this.#dialog;
    if (!d) return;
    if (!d.open) d.show();
    d.querySelector<HTMLElement>('h3')?.focus();
  }

  /** Closes the dialog (the host ends the session through `belt-import-close`). */
  close(): void {
    if (this.#dialog?.open) this.#dialog.close();
  }

  get isOpen(): boolean {
    return !!this.#dialog?.open;
  }

  override render() {
    const t = this.t.imp;
    return html`
      <dialog class="import-dialog" aria-labelledby="import-title"
        @close=${() => emit(this, 'belt-import-close', {})}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            this.close();
          }
        }}>
        <div class="import-head">
          <h3 id="import-title" tabindex="-1">${t.title}</h3>
          <button type="button" class="import-close" aria-label=${this.t.close} @click=${() => this.close()}>×</button>
        </div>
        ${this.#dropZone()}
        ${this.session ? this.#body(this.session) : nothing}
      </dialog>
    `;
  }

  #dropZone(): TemplateResult {
    const t = this.t.imp;
    const s = this.session;
    const pick = (e: Event) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) emit(this, 'belt-import-file', { file });
    };
    return html`
      <div class="import-drop ${this._dragging ? 'dragging' : ''} ${s ? 'compact' : ''}"
        @dragover=${(e: DragEvent) => {
          if (!e.dataTransfer?.types.includes('Files')) return;
          e.preventDefault();
          this._dragging = true;
        }}
        @dragleave=${() => (this._dragging = false)}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          this._dragging = false;
          const file = e.dataTransfer?.files[0];
          if (file) emit(this, 'belt-import-file', { file });
        }}>
        <label>${s ? t.another : t.drop}
          <input type="file" class="import-input"
            accept=".csv,.txt,.tsv,.xlsx,.xls,.kml,.kmz,.gpx,.zip,.geojson,.json,text/csv,application/vnd.google-earth.kml+xml,application/gpx+xml,application/zip,application/geo+json"
            @change=${pick} />
          <span class="import-choose">${t.choose}</span>
        </label>
        ${s ? nothing : html`<p class="import-formats">${t.formats}</p>`}
      </div>
    `;
  }

  #body(s: ImportSession): TemplateResult {
    const t = this.t.imp;
    const lang = this.lang;
    const report = s.outcome?.report ?? null;
    return html`
      ${s.phase === 'reading' ? html`<p class="import-reading" role="status"><progress></progress> ${t.reading(s.source.name)}</p>` : nothing}
      ${s.phase === 'error' && s.error ? html`<p class="import-error" role="alert"><strong>${t.failed}</strong>${textLang(lang) === 'en' ? ': ' : '：'}${local(lang, s.error)}</p>` : nothing}
      ${report ? this.#detected(report, s) : nothing}
      ${report && s.phase !== 'applied' ? this.#form(report, s) : nothing}
      ${report ? this.#summary(report, s) : nothing}
      ${this.#actions(s)}
    `;
  }

  #detected(r: ImportReport, s: ImportSession): TemplateResult {
    const t = this.t.imp;
    const crs = r.crs ? `${this.#crsName(r.crs)}${r.crsSource ? this.#paren(t.crsSource[r.crsSource]) : ''}` : t.noPositions;
    return html`
      <dl class="import-detected">
        <dt>${t.file}</dt><dd class="import-file-name">${s.source.name}</dd>
        <dt>${t.format}</dt><dd class="import-format">${r.format.toUpperCase()} · ${r.format === 'csv' || r.format === 'xlsx' ? t.rows(r.rows) : t.features(r.rows)}</dd>
        ${r.encoding ? html`<dt>${t.encoding}</dt><dd class="import-encoding">${r.encoding}</dd>` : nothing}
        ${r.replaced ? nothing : html`<dt>${t.crs}</dt><dd class="import-crs">${crs}</dd>`}
      </dl>
    `;
  }

  /** " (text)" in English, "（text）" in Chinese. */
  #paren(text: string): string {
    return textLang(this.lang) === 'en' ? ` (${text})` : `（${text}）`;
  }

  #crsName(id: string): string {
    const c = this.crsChoices.find((x) => x.id === id);
    return c ? local(this.lang, c.label) : id;
  }

  /** The whole options with `patch` applied (the dialog always sends all it knows). */
  #change(s: ImportSession, patch: WorkerImportOptions): void {
    const next: WorkerImportOptions = { ...s.options, ...patch };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k as keyof WorkerImportOptions];
    emit(this, 'belt-import-options', { options: next });
  }

  #form(r: ImportReport, s: ImportSession): TemplateResult | typeof nothing {
    if (r.replaced) return nothing;
    const t = this.t.imp;
    const busy = s.phase === 'reading';
    const value = (e: Event) => (e.target as HTMLSelectElement | HTMLInputElement).value;
    const isTable = r.format === 'csv' || r.format === 'xlsx';
    const as = s.options.as ?? 'villages';
    const groups = ['geographic', 'gk3', 'gk3cm', 'gk6'] as const;
    return html`
      <fieldset class="import-form" ?disabled=${busy}>
        ${LINE_FORMATS.has(r.format)
          ? html`<label>${t.as}
              <select name="as" @change=${(e: Event) => {
                const v = value(e) as 'villages' | 'corridor' | 'culture-belt';
                this.#change(s, { as: v === 'villages' ? undefined : v, columns: undefined, picks: undefined });
              }}>
                ${(['villages', 'corridor', 'culture-belt'] as const).map((a) => html`<option value=${a} ?selected=${as === a}>${t.asOption[a]}</option>`)}
              </select></label>`
          : nothing}
        ${as !== 'villages'
          ? html`<label>${t.lineName}<input name="line-name" type="text" placeholder=${t.lineNamePlaceholder} .value=${s.options.lineName ?? ''}
                @change=${(e: Event) => this.#change(s, { lineName: value(e).trim() || undefined })} /></label>
              ${as === 'corridor'
                ? html`<label>${this.t.col.lineKind}<select name="line-kind" @change=${(e: Event) => this.#change(s, { lineKind: value(e) as 'road' | 'river' })}>
                    ${(['road', 'river'] as const).map((k) => html`<option value=${k} ?selected=${(s.options.lineKind ?? 'road') === k}>${this.t.lineKind[k]}</option>`)}
                  </select></label>`
                : nothing}`
          : nothing}
        ${r.sheets && r.sheets.length > 1
          ? html`<label>${t.sheet}<select name="sheet" @change=${(e: Event) => this.#change(s, { sheet: value(e), columns: undefined, picks: undefined })}>
              ${r.sheets.map((n) => html`<option value=${n} ?selected=${r.sheet === n}>${n}</option>`)}</select></label>`
          : nothing}
        ${r.layers && r.layers.length > 1
          ? html`<label>${t.layer}<select name="layer" @change=${(e: Event) => this.#change(s, { layer: value(e), columns: undefined, picks: undefined })}>
              ${r.layers.map((n) => html`<option value=${n} ?selected=${r.layer === n}>${n}</option>`)}</select></label>`
          : nothing}
        <label>${t.crs}
          <select name="crs" @change=${(e: Event) => this.#change(s, { crs: (value(e) || undefined) as WorkerImportOptions['crs'] })}>
            <option value="" ?selected=${!s.options.crs}>${t.crsAuto}${!s.options.crs && r.crs ? this.#paren(this.#crsName(r.crs)) : ''}</option>
            ${groups.map(
              (g) => html`<optgroup label=${t.crsGroups[g]}>
                ${this.crsChoices.filter((c) => c.group === g).map((c) => html`<option value=${c.id} ?selected=${s.options.crs === c.id}>${local(this.lang, c.label)}</option>`)}
              </optgroup>`,
            )}
          </select>
          <small>${t.crsHint}</small>
        </label>
        ${as === 'villages' && r.fileColumns.length > 0 ? this.#columns(r, s, isTable) : nothing}
        ${as === 'villages'
          ? html`<fieldset class="import-unmatched"><legend>${t.unmatched}</legend>
              ${(['skip', 'add'] as const).map(
                (u) => html`<label><input type="radio" name="unmatched" value=${u} .checked=${(s.options.unmatched ?? 'skip') === u}
                  @change=${() => this.#change(s, { unmatched: u === 'skip' ? undefined : u })} />${u === 'skip' ? t.unmatchedSkip : t.unmatchedAdd}</label>`,
              )}
            </fieldset>`
          : nothing}
        ${r.ambiguous.length > 0 ? this.#ambiguous(r, s) : nothing}
      </fieldset>
    `;
  }

  #columns(r: ImportReport, s: ImportSession, isTable: boolean): TemplateResult {
    const t = this.t.imp;
    const fields = IMPORT_FIELDS.filter((f) => isTable || !COORDINATE_FIELDS.includes(f));
    const set = (field: ImportField, column: string) => {
      // The whole mapping goes back, so a field the user cleared is not guessed again; a column holds one field.
      const columns: Partial<Record<ImportField, string>> = {};
      for (const f of fields) columns[f] = f === field ? column : r.columns[f] === column && column !== '' ? '' : (r.columns[f] ?? '');
      this.#change(s, { columns });
    };
    const example = (column: string | undefined) => {
      const v = column ? r.sample.map((row) => row[column]?.trim()).find((x) => x) : undefined;
      return v ? t.example(v.length > 24 ? `${v.slice(0, 24)}…` : v) : '';
    };
    return html`
      <fieldset class="import-columns"><legend>${t.columns}</legend>
        <div class="import-columns-grid">
          ${fields.map(
            (f) => html`<label class="import-column" data-field=${f}><span>${t.field[f]}</span>
              <select name=${`column-${f}`} @change=${(e: Event) => set(f, (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!r.columns[f]}>${t.notMapped}</option>
                ${r.fileColumns.map((c) => html`<option value=${c} ?selected=${r.columns[f] === c}>${c}</option>`)}
              </select>
              <small class="import-example">${example(r.columns[f])}</small></label>`,
          )}
        </div>
      </fieldset>
    `;
  }

  #ambiguous(r: ImportReport, s: ImportSession): TemplateResult {
    const t = this.t.imp;
    return html`
      <fieldset class="import-ambiguous"><legend>${t.ambiguous}</legend>
        ${r.ambiguous.map(
          (a) => html`<label data-row=${a.row}>${t.ambiguousRow(a.row, a.name)}
            <select name=${`pick-${a.row}`} @change=${(e: Event) => {
              const code = (e.target as HTMLSelectElement).value;
              const picks = { ...(s.options.picks ?? {}) };
              if (code) picks[a.row] = code;
              else delete picks[a.row];
              this.#change(s, { picks });
            }}>
              <option value="">${t.leaveOut}</option>
              ${a.candidates.map((c) => html`<option value=${c.code} ?selected=${s.options.picks?.[a.row] === c.code}>${textLang(this.lang) === 'en' ? t.candidate(c.name_en ? `${c.name} ${c.name_en}` : c.name, c.town_en, c.code) : t.candidate(c.name, c.town, c.code)}</option>`)}
            </select></label>`,
        )}
      </fieldset>
    `;
  }

  #summary(r: ImportReport, s: ImportSession): TemplateResult {
    const t = this.t.imp;
    const lang = this.lang;
    const done = s.phase === 'applied';
    const counts = [r.added, r.updated, r.unchanged, r.rejected.length] as const;
    const shown = r.rejected.slice(0, REJECTED_SHOWN);
    return html`
      <section class="import-summary" aria-label=${done ? t.done(s.source.name) : t.title}>
        ${r.replaced
          ? html`<p class="import-package">${done ? t.opened(s.source.name) : t.packageNote(s.outcome!.plan.manifest.name[textLang(lang) === 'en' ? 'en' : 'zh'])}</p>`
          : html`<p class="import-counts" role="status">${done ? t.summaryDone(...counts) : t.summaryPreview(...counts)}</p>
              ${!done && s.outcome && s.outcome.plan === s.outcome.base ? html`<p class="import-nochange">${t.noChange}</p>` : nothing}
              ${!done ? html`<p class="import-preview-note">${t.previewNote}</p>
                  <ul class="import-key">${(['added', 'updated', 'unchanged', 'line', 'moved'] as const).map((k) => html`<li data-status=${k}>${t.legend[k]}</li>`)}</ul>` : nothing}`}
        ${r.warnings.length > 0
          ? html`<div class="import-warnings"><strong>${t.warnings}</strong><ul>${r.warnings.map((w) => html`<li>${local(lang, w)}</li>`)}</ul></div>`
          : nothing}
        ${r.rejected.length > 0
          ? html`<details class="import-rejected" ?open=${r.rejected.length <= 10}>
              <summary>${t.rejected}${this.#paren(r.rejected.length.toLocaleString(lang))}</summary>
              <table>
                <thead><tr><th scope="col">${t.rowCol}</th><th scope="col">${t.reasonCol}</th></tr></thead>
                <tbody>${shown.map((x) => html`<tr><td>${x.row}</td><td>${textLang(lang) === 'en' ? x.reason : x.zh}</td></tr>`)}</tbody>
              </table>
              ${r.rejected.length > shown.length ? html`<p>${t.more(r.rejected.length - shown.length)}</p>` : nothing}
            </details>
            <button type="button" class="import-download" @click=${() => emit(this, 'belt-import-download', {})}>${t.download}</button>`
          : nothing}
      </section>
    `;
  }

  #actions(s: ImportSession): TemplateResult {
    const t = this.t.imp;
    const canApply = s.phase === 'preview' && !!s.outcome && (s.outcome.report.replaced || s.outcome.plan !== s.outcome.base);
    return html`
      <div class="import-actions">
        ${s.phase !== 'applied'
          ? html`<button type="button" class="import-apply" ?disabled=${!canApply} @click=${() => emit(this, 'belt-import-apply', {})}>${t.apply}</button>`
          : nothing}
        <button type="button" class="import-cancel" @click=${() => this.close()}>${s.phase === 'applied' ? this.t.close : this.t.cancel}</button>
      </div>
    `;
  }
}
