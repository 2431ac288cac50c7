import { html, nothing } from 'lit';
import type { AnalysisProgress } from '../../state/analysis-client.js';
import type { ZoneResult } from '../../state/zones.js';
import { ZONE_KM_MAX, ZONE_KM_MIN, clampKm } from '../../state/zoneSettings.js';
import type { LineProperties } from '../../types/plan.js';
import type { ImportedVillages } from '../controllers/analysis-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { textLang } from '../../state/i18n.js';

/**
 * The corridor zones (a checkbox, a slider and a number box per corridor and culture belt; the zone
 * is drawn while its box is ticked) and the import of a large village file with its progress.
 *
 * @summary Corridor zones and the import of many villages.
 *
 * @event belt-zone-toggle - A zone's checkbox changed. `detail`: `{ lineId, on }`.
 * @event belt-zone-km - A zone's distance changed (slider or number box). `detail`: `{ lineId, km }`, km clamped.
 * @event belt-zone-import - A file of many villages was chosen. `detail`: `{ file }`.
 */
export class ZonePanel extends PanelElement {
  static override properties = {
    lines: { attribute: false },
    km: { attribute: false },
    on: { attribute: false },
    results: { attribute: false },
    importedCounts: { attribute: false },
    imported: { attribute: false },
    progress: { attribute: false },
  };

  /** The plan's corridors and culture belts; null before a plan is loaded (no zones section). */
  declare lines: readonly LineProperties[] | null;
  /** Buffer distance per line id, km. */
  declare km: Readonly<Record<string, number>>;
  /** Line ids whose zone is drawn. */
  declare on: ReadonlySet<string>;
  /** The drawn zones, with the villages inside. */
  declare results: readonly ZoneResult[];
  /** Imported villages inside each drawn zone, by line id. */
  declare importedCounts: ReadonlyMap<string, number>;
  declare imported: ImportedVillages | null;
  declare progress: AnalysisProgress | null;

  constructor() {
    super();
    this.lines = null;
    this.km = {};
    this.on = new Set();
    this.results = [];
    this.importedCounts = new Map();
    this.imported = null;
    this.progress = null;
  }

  override render() {
    const t = this.t;
    return html`${this.lines ? this.#zones(this.lines) : nothing}
      <section class="import" aria-labelledby="import-h">
        <label id="import-h">${t.importVillages}
          <input type="file" class="import-file" accept=".geojson,.json,application/geo+json,application/json"
            @change=${(e: Event) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) emit(this, 'belt-zone-import', { file });
            }} />
        </label>
        ${this.progress
          ? html`<div role="status"><progress max="100" .value=${this.progress.percent}></progress> ${t.phase[this.progress.phase]} ${this.progress.percent}%</div>`
          : nothing}
        ${this.imported ? html`<p class="imported" role="status">${t.imported(this.imported.count, this.imported.skipped)}</p>` : nothing}
      </section>`;
  }

  #zones(lines: readonly LineProperties[]) {
    const t = this.t;
    const count = new Map(this.results.map((r) => [r.lineId, r.villages.length]));
    return html`
      <section class="zones" aria-labelledby="zones-h">
        <h3 id="zones-h">${t.zones}</h3>
        ${lines.map((p) => {
          const name = textLang(this.lang) === 'en' ? p.name_en : p.name;
          const km = this.km[p.id]!;
          const on = this.on.has(p.id);
          const input = (e: Event) => emit(this, 'belt-zone-km', { lineId: p.id, km: clampKm((e.target as HTMLInputElement).valueAsNumber) });
          return html`<div class="zone" data-line=${p.id}>
            <label><input type="checkbox" class="zone-on" .checked=${on} @change=${(e: Event) => emit(this, 'belt-zone-toggle', { lineId: p.id, on: (e.target as HTMLInputElement).checked })} />${name}</label>
            ${on ? html`<span class="zone-count" role="status">${t.zoneCount(count.get(p.id) ?? 0)}</span>` : nothing}
            ${on && this.importedCounts.has(p.id) ? html`<span class="zone-imported">${t.importedInZone(this.importedCounts.get(p.id)!)}</span>` : nothing}
            <div class="zone-km">
              <input type="range" min=${ZONE_KM_MIN} max=${ZONE_KM_MAX} step="0.5" .value=${String(km)} aria-label=${`${t.zoneOf(name)}: ${t.zoneKm}`} @input=${input} />
              <input type="number" min=${ZONE_KM_MIN} max=${ZONE_KM_MAX} step="0.1" .value=${String(km)} aria-label=${`${t.zoneOf(name)}: ${t.zoneKm}`} @change=${input} />
            </div>
          </div>`;
        })}
      </section>
    `;
  }
}
