import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ClusterAlong } from '../../state/drawLine.js';
import type { LineLayer } from '../../plan/commands.js';
import type { LineKind } from '../../types/plan.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { textLang } from '../../state/i18n.js';

/** A line as the draw panel lists it. */
export interface DrawPanelLine {
  id: string;
  name: string;
  name_en: string;
}

/** What the draw panel shows: its buttons, a drawing's instructions, or one of its forms. */
export type DrawPanelState =
  | { step: 'idle' }
  | { step: 'drawing'; kind: 'line' | 'edit' | 'lasso'; layer?: LineLayer; name?: string }
  | { step: 'naming'; layer: LineLayer; vertices: number; snapped: number; error?: string }
  | { step: 'rename'; id: string; name: string; name_en: string; error?: string }
  | { step: 'delete'; id: string; name: string; error?: string }
  | { step: 'belt'; id: string; name: string; km: number; beltName: string; found: readonly ClusterAlong[]; error?: string }
  | { step: 'area'; ids: readonly string[]; km: number; result: { km2: number; lines: number } | null; error?: string };

/**
 * Drawing lines on the map: "Draw corridor" and "Draw culture belt" (with "snap to villages"), the
 * instructions while a line is drawn or edited (with Done and Cancel), and the forms of the line
 * actions chosen in a line's details: name a new line, rename, confirm a deletion, link the clusters
 * along a line into a belt, lines into an area. The host owns the state (`state`) and acts on the
 * events. Escape anywhere in the panel cancels.
 *
 * @summary Draw and edit corridor and culture-belt lines.
 *
 * @event belt-draw-start - A draw button was pressed. `detail`: `{ layer }`.
 * @event belt-draw-snap - The snapping box changed. `detail`: `{ on }`.
 * @event belt-draw-finish - "Done" while drawing or editing.
 * @event belt-draw-cancel - Cancel (a button or Escape).
 * @event belt-draw-save - A new line's names. `detail`: `{ name, name_en, kind }`.
 * @event belt-line-rename - `detail`: `{ id, name, name_en }`.
 * @event belt-line-delete - The deletion was confirmed. `detail`: `{ id }`.
 * @event belt-line-belt - `detail`: `{ id, km, name, create }`.
 * @event belt-line-area - `detail`: `{ ids, km, show }`.
 */
export class DrawPanel extends PanelElement {
  static override properties = {
    state: { attribute: false },
    snap: { attribute: false },
    lines: { attribute: false },
    status: { attribute: false },
  };

  declare state: DrawPanelState;
  /** Snapping to villages is on. */
  declare snap: boolean;
  /** The plan's lines (for "lines into an area"). */
  declare lines: readonly DrawPanelLine[];
  /** A message of the last action (shown under the buttons). */
  declare status: string;

  constructor() {
    super();
    this.state = { step: 'idle' };
    this.snap = true;
    this.lines = [];
    this.status = '';
    this.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.state.step !== 'idle') {
        e.preventDefault();
        e.stopPropagation();
        emit(this, 'belt-draw-cancel', {});
      }
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A form that opens takes the focus (it was opened from the map's popup or a button).
    const before = changed.get('state') as DrawPanelState | undefined;
    if (changed.has('state') && before?.step !== this.state.step) this.querySelector<HTMLElement>('.draw-panel [data-focus]')?.focus();
  }

  override render() {
    const t = this.t.draw;
    return html`<section class="draw-panel" aria-labelledby="draw-h">
      <h3 id="draw-h">${t.title}</h3>
      ${this.#body()}
      ${this.status ? html`<p class="draw-status" role="status">${this.status}</p>` : nothing}
    </section>`;
  }

  #body(): TemplateResult {
    const t = this.t.draw;
    const s = this.state;
    switch (s.step) {
      case 'idle':
        return html`<div class="draw-buttons">
            <button type="button" class="draw-corridor" @click=${() => emit(this, 'belt-draw-start', { layer: 'corridors' })}>${t.corridor}</button>
            <button type="button" class="draw-culture-belt" @click=${() => emit(this, 'belt-draw-start', { layer: 'cultureBelts' })}>${t.cultureBelt}</button>
          </div>
          <label class="draw-snap" title=${t.snapHint}><input type="checkbox" .checked=${this.snap}
            @change=${(e: Event) => emit(this, 'belt-draw-snap', { on: (e.target as HTMLInputElement).checked })} /> ${t.snap}</label>`;
      case 'drawing': {
        const what = s.layer === 'cultureBelts' ? this.t.lineKind['culture-belt'] : this.t.layer.corridors;
        const title = s.kind === 'edit' ? t.editing(s.name ?? '') : s.kind === 'lasso' ? t.lassoing : t.drawing(what);
        const help = s.kind === 'edit' ? t.editHelp : s.kind === 'lasso' ? t.lassoHelp : t.drawHelp;
        return html`<div class="draw-active" role="group" aria-label=${title}>
          <p class="draw-title"><strong>${title}</strong></p>
          <p class="draw-help" aria-live="polite">${help}</p>
          ${s.kind === 'lasso' ? nothing : html`<button type="button" class="draw-finish" @click=${() => emit(this, 'belt-draw-finish', {})}>${t.finish}</button>`}
          <button type="button" class="draw-cancel" @click=${() => emit(this, 'belt-draw-cancel', {})}>${t.cancel}</button>
        </div>`;
      }
      case 'naming':
        return html`<form class="draw-form draw-name" @submit=${this.#onSave}>
          <p><strong>${t.newLine}</strong> <span class="draw-snapped">${t.snapped(s.snapped, s.vertices)}</span></p>
          ${this.#names('', '')}
          ${s.layer === 'corridors'
            ? html`<label>${t.kind} <select name="kind">
                ${(['road', 'river'] as const).map((k) => html`<option value=${k}>${this.t.lineKind[k]}</option>`)}
              </select></label>`
            : nothing}
          ${this.#error(s.error)}
          <button type="submit" class="draw-save">${t.save}</button>
          <button type="button" class="draw-discard" @click=${() => emit(this, 'belt-draw-cancel', {})}>${t.discard}</button>
        </form>`;
      case 'rename':
        return html`<form class="draw-form draw-rename" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const { name, name_en } = this.#values(e);
          emit(this, 'belt-line-rename', { id: s.id, name, name_en });
        }}>
          <p><strong>${t.renameTitle(s.name)}</strong></p>
          ${this.#names(s.name, s.name_en)}
          ${this.#error(s.error)}
          <button type="submit" class="draw-save">${t.save}</button>
          <button type="button" class="draw-discard" @click=${() => emit(this, 'belt-draw-cancel', {})}>${t.cancel}</button>
        </form>`;
      case 'delete':
        return html`<div class="draw-form draw-delete" role="alertdialog" aria-labelledby="draw-delete-q">
          <p id="draw-delete-q">${t.deleteConfirm(s.name)}</p>
          ${this.#error(s.error)}
          <button type="button" class="draw-delete-yes" data-focus @click=${() => emit(this, 'belt-line-delete', { id: s.id })}>${t.delete}</button>
          <button type="button" class="draw-discard" @click=${() => emit(this, 'belt-draw-cancel', {})}>${t.cancel}</button>
        </div>`;
      case 'belt':
        return this.#belt(s);
      case 'area':
        return this.#area(s);
      default:
        return s satisfies never;
    }
  }

  #belt(s: Extract<DrawPanelState, { step: 'belt' }>): TemplateResult {
    const t = this.t.draw;
    const name = (c: ClusterAlong) => (textLang(this.lang) === 'en' && c.name_en ? c.name_en : c.name);
    const beltName = () => this.querySelector<HTMLInputElement>('.draw-belt input[name="belt-name"]')?.value ?? s.beltName;
    return html`<form class="draw-form draw-belt" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const clusters = [...(e.target as HTMLFormElement).querySelectorAll<HTMLInputElement>('input[name="cluster"]:checked')].map((i) => i.value);
      emit(this, 'belt-line-belt', { id: s.id, km: s.km, name: beltName(), create: true, clusters });
    }}>
      <p><strong>${t.beltTitle(s.name)}</strong></p>
      <label>${t.beltKm} <input type="number" name="km" min="0.5" max="20" step="0.5" .value=${String(s.km)} data-focus
        @change=${(e: Event) => {
          const km = Number((e.target as HTMLInputElement).value);
          if (Number.isFinite(km) && km > 0) emit(this, 'belt-line-belt', { id: s.id, km, name: beltName(), create: false });
        }} /></label>
      ${s.found.length
        ? html`<p>${t.beltFound(s.found.length)}</p>
            <ol class="draw-belt-clusters">${s.found.map((c) => html`<li data-cluster=${c.id}><label><input type="checkbox" name="cluster" value=${c.id} checked />
              ${name(c)} <small>${t.beltChainage(c.chainageKm.toFixed(1), c.distanceKm.toFixed(1))}</small></label></li>`)}</ol>`
        : html`<p class="draw-belt-none">${t.beltNone}</p>`}
      <label>${t.beltName} <input type="text" name="belt-name" .value=${s.beltName} required /></label>
      ${s.found.length === 1 ? html`<p class="draw-error">${t.beltTooFew}</p>` : nothing}
      ${this.#error(s.error)}
      <button type="submit" class="draw-belt-create" ?disabled=${s.found.length < 2}>${t.beltCreate}</button>
      <button type="button" class="draw-discard" @click=${() => emit(this, 'belt-draw-cancel', {})}>${t.cancel}</button>
    </form>`;
  }

  #area(s: Extract<DrawPanelState, { step: 'area' }>): TemplateResult {
    const t = this.t.draw;
    const read = (): { ids: string[]; km: number } => {
      const form = this.querySelector<HTMLFormElement>('.draw-area')!;
      const ids = [...form.querySelectorAll<HTMLInputElement>('input[name="line"]:checked')].map((i) => i.value);
      return { ids, km: Number(form.querySelector<HTMLInputElement>('input[name="km"]')!.value) };
    };
    return html`<form class="draw-form draw-area" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      emit(this, 'belt-line-area', { ...read(), show: true });
    }}>
      <p><strong>${t.areaTitle}</strong></p>
      <fieldset><legend>${t.areaLines}</legend>
        ${this.lines.map((l, i) => html`<label class="draw-area-line"><input type="checkbox" name="line" value=${l.id} .checked=${s.ids.includes(l.id)} ?data-focus=${i === 0} />
          ${textLang(this.lang) === 'en' && l.name_en ? l.name_en : l.name}</label>`)}
      </fieldset>
      <label>${t.areaKm} <input type="number" name="km" min="0.5" max="20" step="0.5" .value=${String(s.km)} /></label>
      ${s.result ? html`<p class="draw-area-result" role="status">${t.areaResult(s.result.km2.toFixed(2), s.result.lines)}</p>` : nothing}
      <p class="draw-note">${t.areaNote}</p>
      ${this.#error(s.error)}
      <button type="submit" class="draw-area-show">${t.areaShow}</button>
      <button type="button" class="draw-discard" @click=${() => emit(this, 'belt-line-area', { ...read(), show: false })}>${t.areaHide}</button>
    </form>`;
  }

  #names(name: string, nameEn: string): TemplateResult {
    const t = this.t.draw;
    return html`<label>${t.name} <input type="text" name="name" .value=${name} required data-focus autocomplete="off" /></label>
      <label>${t.nameEn} <input type="text" name="name_en" .value=${nameEn} autocomplete="off" /></label>`;
  }

  #error(message: string | undefined): TemplateResult | typeof nothing {
    return message ? html`<p class="draw-error" role="alert">${message}</p>` : nothing;
  }

  #values(e: SubmitEvent): { name: string; name_en: string; kind: string } {
    const data = new FormData(e.target as HTMLFormElement);
    return { name: String(data.get('name') ?? ''), name_en: String(data.get('name_en') ?? ''), kind: String(data.get('kind') ?? '') };
  }

  #onSave = (e: SubmitEvent): void => {
    e.preventDefault();
    const s = this.state;
    if (s.step !== 'naming') return;
    const { name, name_en, kind } = this.#values(e);
    const k: LineKind = s.layer === 'cultureBelts' ? 'culture-belt' : kind === 'river' ? 'river' : 'road';
    emit(this, 'belt-draw-save', { name, name_en, kind: k });
  };
}
