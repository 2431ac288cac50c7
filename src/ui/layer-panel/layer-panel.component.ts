import { html, nothing } from 'lit';
import { local } from '../../state/i18n.js';
import type { LegendEntry } from '../../state/legend.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../../state/layers.js';
import type { View } from '../../types/plan.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { swatch } from './swatch.js';

/** An entry of a plans list (`data/plans.json`): the plan picker's choices. */
export interface PlanEntry {
  id: string;
  name: { zh: string; en: string };
  /** The manifest's URL, resolved against the list's. */
  url: string;
}

/**
 * The plan picker, the plan's views, the layer checkboxes and the legend of `<belt-map>`'s sidebar.
 *
 * @summary Views, plan picker, layers and legend.
 *
 * @event belt-plan-choose - A plan was chosen in the picker. `detail`: `{ id }`.
 * @event belt-view-go - A view button was pressed. `detail`: `{ id }` (one of `views`).
 * @event belt-layer-toggle - A layer checkbox changed. `detail`: `{ layer, on }`.
 *
 * @cssproperty --swatch - (set per legend entry) The entry's colour.
 */
export class LayerPanel extends PanelElement {
  static override properties = {
    plans: { attribute: false },
    currentPlan: { attribute: false },
    planName: { attribute: false },
    views: { attribute: false },
    visible: { attribute: false },
    legend: { attribute: false },
  };

  /** The plans list; the picker shows when it has more than one. */
  declare plans: readonly PlanEntry[];
  /** The id of the plan shown (its entry is selected in the picker). */
  declare currentPlan: string | undefined;
  /** The name of the plan shown: the picker's first choice when the plan is not one of the list's. */
  declare planName: { zh: string; en: string } | undefined;
  /** The plan's own views. */
  declare views: readonly View[];
  /** The public layers shown. */
  declare visible: ReadonlySet<PublicLayerId>;
  /** The legend's entries (of the visible layers). */
  declare legend: readonly LegendEntry[];

  constructor() {
    super();
    this.plans = [];
    this.currentPlan = undefined;
    this.planName = undefined;
    this.views = [];
    this.visible = new Set(PUBLIC_LAYERS);
    this.legend = [];
  }

  override render() {
    const t = this.t;
    return html`
      ${this.plans.length > 1
        ? html`<label class="plan-picker">${t.planPicker}
            <select @change=${(e: Event) => emit(this, 'belt-plan-choose', { id: (e.target as HTMLSelectElement).value })}>
              ${this.currentPlan === undefined && this.planName
                ? html`<option value="" selected disabled>${local(this.lang, this.planName)}</option>`
                : nothing}
              ${this.plans.map((p) => html`<option value=${p.id} ?selected=${p.id === this.currentPlan}>${local(this.lang, p.name)}</option>`)}
            </select>
          </label>`
        : nothing}
      <section aria-labelledby="views-h">
        <h3 id="views-h">${t.views}</h3>
        <div class="views">
          ${this.views.map((v) => html`<button type="button" data-view=${v.id} @click=${() => emit(this, 'belt-view-go', { id: v.id })}>${local(this.lang, v.label)}</button>`)}
        </div>
      </section>
      <fieldset class="layers">
        <legend>${t.layers}</legend>
        ${PUBLIC_LAYERS.map(
          (id) => html`
            <label>
              <input
                type="checkbox"
                data-layer=${id}
                .checked=${this.visible.has(id)}
                @change=${(e: Event) => emit(this, 'belt-layer-toggle', { layer: id, on: (e.target as HTMLInputElement).checked })}
              />
              ${t.layer[id]}
            </label>
          `,
        )}
      </fieldset>
      <section class="legend" aria-labelledby="legend-h">
        <h3 id="legend-h">${t.legend}</h3>
        <ul>
          ${this.legend.map(
            (e) => html`<li data-layer=${e.layer}>
              ${swatch(e.symbol, e.color, e)}${e.label}
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}
