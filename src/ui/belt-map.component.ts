import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { loadPlan, PlanLoadError } from '../io/loadPlan.js';
import { buildScene, type Lang } from '../map/scene.js';
import type { MapPick } from '../map/view.js';
import { deriveGeometry, unlocatedVillages, type DerivedGeometry } from '../state/derive.js';
import { normaliseLang, strings, type Strings } from '../state/i18n.js';
import { buildLegend } from '../state/legend.js';
import { isPublicLayerId, PUBLIC_LAYERS, type PublicLayerId } from '../state/theme.js';
import type { Plan, VillageFeature } from '../types/plan.js';
import { styles } from './belt-map.styles.js';
import { beltEvent, type BeltErrorDetail, type BeltReadyDetail, type BeltSelectDetail } from './events.js';
import { MapController } from './map-controller.js';
import { renderDetails, renderFeatureList, renderLegend, renderLayerPanel, type ListState } from './parts.js';
import { ThemeController } from './theme-controller.js';

type ViewName = 'plan' | 'beijing' | 'huairou' | 'mentougou';
const VIEW_NAMES: ViewName[] = ['plan', 'beijing', 'huairou', 'mentougou'];

/** The selection shown in the details panel. */
interface Selection {
  layer: PublicLayerId;
  properties: Record<string, unknown>;
  lngLat: [number, number] | null;
}

/**
 * An embeddable map of a demonstration-belt plan (示范带 / 示范片区): villages by role, corridors,
 * culture belts, clusters and the belt, with a layer panel, legend, feature list and details.
 *
 * @summary Map of a rural-revitalisation plan; works offline from a bundled plan package.
 *
 * @event belt-ready - The plan is loaded and rendered. `detail`: {@link BeltReadyDetail}.
 * @event belt-select - The user picked a feature. `detail`: {@link BeltSelectDetail}.
 * @event belt-error - The plan could not be loaded or is invalid. `detail`: {@link BeltErrorDetail}.
 *
 * @csspart map - The map area.
 * @csspart sidebar - The panel with views, layers and legend.
 * @csspart notice - The "sample scenario" notice.
 * @csspart list - The feature list.
 *
 * @cssproperty --belt-height - Height of the element. Default 600px.
 * @cssproperty --belt-font - Font family of the controls.
 * @cssproperty --belt-accent - Colour of focus rings and active buttons.
 * @cssproperty --belt-color-* - Map colours, e.g. `--belt-color-role-demonstration`, `--belt-color-line-g109`,
 *   `--belt-color-cluster`, `--belt-color-belt` (see `defaultTheme`).
 */
export class BeltMap extends LitElement {
  static override styles = styles;

  static override properties = {
    src: { type: String },
    lang: { type: String, reflect: true },
    view: { type: String },
    basemap: { type: String },
    layers: { type: String },
    _plan: { state: true },
    _error: { state: true },
    _visible: { state: true },
    _selection: { state: true },
    _list: { state: true },
    _announcement: { state: true },
  };

  /**
   * URL of the plan used when `src` is not set. `src/index.ts` points it at the package shipped
   * next to the script (`data/plan.json`).
   */
  static defaultSrc = 'data/plan.json';

  /** URL of the plan package's manifest (`plan.json`). Default: the bundled plan. */
  declare src: string | undefined;
  /** `zh-CN` (default) or `en`. */
  declare lang: string;
  /** `plan` (default), `beijing`, `huairou`, `mentougou`, or `west,south,east,north`. */
  declare view: string | undefined;
  /** `offline` (default: drawn from the plan's own data, no network) or a MapLibre style URL. */
  declare basemap: string | undefined;
  /** Comma-separated public layer ids to show; default all: boundaries,villages,corridors,culture-belts,clusters,belt. */
  declare layers: string | undefined;

  declare _plan: Plan | null;
  declare _error: string | null;
  declare _visible: ReadonlySet<PublicLayerId>;
  declare _selection: Selection | null;
  declare _list: ListState;
  declare _announcement: string;

  #derived: DerivedGeometry | null = null;
  #internals: ElementInternals;
  #theme = new ThemeController(this);
  #map = new MapController(this);
  #load: AbortController | null = null;
  #ready!: { promise: Promise<void>; resolve: () => void; settled: boolean };
  #loadedSrc: string | null = null;
  #mapDirty = true;

  constructor() {
    super();
    this.lang = 'zh-CN';
    this._plan = null;
    this._error = null;
    this._visible = new Set(PUBLIC_LAYERS);
    this._selection = null;
    this._list = { open: false, tab: 'villages', filter: '', onlyUnlocated: false, onlyPlan: false };
    this._announcement = '';
    this.#internals = this.attachInternals();
    this.#internals.role = 'region';
    this.#newReady();
  }

  /** The underlying MapLibre map (read-only; for advanced use). Null before the first render. */
  get map() {
    return this.#map.view?.map ?? null;
  }

  /** The loaded plan package; null until loaded. */
  get plan(): Plan | null {
    return this._plan;
  }

  /** Resolves after the current plan's first complete render. */
  whenReady(): Promise<void> {
    return this.#ready.promise;
  }

  get #lang(): Lang {
    return normaliseLang(this.lang);
  }

  get #t(): Strings {
    return strings(this.#lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-inserted after a removal: the map was destroyed on disconnect and must be made again.
    if (this.hasUpdated && !this.#map.view) {
      this.#mapDirty = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layers')) this._visible = this.#parseLayers(this.layers);
    if (changed.has('basemap') && changed.get('basemap') !== undefined) this.#mapDirty = true;
    this.#internals.ariaLabel = this._plan ? `${this.#t.appLabel}：${this.#lang === 'en' ? this._plan.manifest.name.en : this._plan.manifest.name.zh}` : this.#t.appLabel;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const src = this.src || BeltMap.defaultSrc;
    if (src !== this.#loadedSrc) void this.#loadPlan(src);
    if (this.#mapDirty) this.#createMap();
    if (['_plan', 'lang', '_visible', '_selection'].some((k) => changed.has(k as keyof BeltMap)) || this.#mapDirty) {
      this.#pushScene();
    }
    if (changed.has('view') && changed.get('view') !== undefined && this._plan) this.#map.view?.fitBounds(this.#viewBounds());
  }

  override render() {
    const t = this.#t;
    const plan = this._plan;
    const unlocated = plan ? unlocatedVillages(plan).length : 0;
    const legend = plan && this.#derived ? buildLegend(plan, this.#derived, this._visible, this.#theme.theme, this.#lang) : [];
    return html`
      <div class="frame" lang=${this.#lang}>
        <header>
          <h2 class="title">${plan ? (this.#lang === 'en' ? plan.manifest.name.en : plan.manifest.name.zh) : t.appLabel}</h2>
          ${plan?.manifest.sample
            ? html`<p class="notice" part="notice" role="note"><strong>${t.sampleBadge}</strong> ${this.#lang === 'en' ? plan.manifest.notice.en : plan.manifest.notice.zh}</p>`
            : nothing}
          ${this._error ? html`<p class="error" role="alert">${t.error}: ${this._error}</p>` : nothing}
        </header>
        <div class="body">
          <div class="map" part="map"></div>
          <aside class="sidebar" part="sidebar" aria-label=${t.layers}>
            <section aria-labelledby="views-h">
              <h3 id="views-h">${t.views}</h3>
              <div class="views">
                ${VIEW_NAMES.map((v) => html`<button type="button" @click=${() => this.#goTo(v)}>${t.view[v]}</button>`)}
              </div>
            </section>
            ${renderLayerPanel(t, this._visible, (id, on) => this.#toggle(id, on))}
            ${renderLegend(t, legend)}
            ${plan && unlocated > 0
              ? html`<p class="unlocated">${t.unlocated(unlocated)}
                  <button type="button" class="link" @click=${() => this.#openList({ tab: 'villages', onlyUnlocated: true })}>${t.showList}</button></p>`
              : nothing}
            ${this._selection && !this._selection.lngLat
              ? html`<section class="details-panel" aria-label=${t.details}>${renderDetails(t, this.#lang, this._selection, () => this.#select(null))}</section>`
              : nothing}
          </aside>
        </div>
        ${plan
          ? renderFeatureList(t, this.#lang, plan, this._list, (next) => (this._list = { ...this._list, ...next }), (sel) => this.#selectFromList(sel))
          : html`<p class="loading" role="status">${this._error ? '' : t.loading}</p>`}
        <footer>
          <details>
            <summary>${t.attribution}</summary>
            <ul>
              ${(plan?.manifest.attribution ?? []).map(
                (a) => html`<li><span class="what">${this.#lang === 'en' ? a.what.en : a.what.zh}</span>: ${a.text} (${a.licence})</li>`,
              )}
            </ul>
          </details>
        </footer>
        <div class="sr-only" aria-live="polite">${this._announcement}</div>
      </div>
    `;
  }

  #newReady(): void {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.#ready = { promise, resolve, settled: false };
  }

  async #loadPlan(src: string): Promise<void> {
    this.#loadedSrc = src;
    this.#load?.abort();
    const abort = (this.#load = new AbortController());
    if (this.#ready.settled) this.#newReady();
    try {
      const plan = await loadPlan(src, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.#derived = deriveGeometry(plan);
      this._error = null;
      this._selection = null;
      this._plan = plan;
      await this.updateComplete;
      this.#map.view?.fitBounds(this.#viewBounds(), false);
      await this.#map.view?.whenIdle();
      if (abort.signal.aborted) return;
      this.#ready.settled = true;
      this.#ready.resolve();
      const located = plan.villages.features.filter((f) => f.geometry).length;
      this.dispatchEvent(beltEvent<BeltReadyDetail>('belt-ready', { src, villages: plan.villages.features.length, located }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // The previous plan (if any) stays on screen: a bad URL loses nothing.
      const message = (error as Error).message;
      this._error = message;
      const problems = error instanceof PlanLoadError ? error.problems : [];
      this.dispatchEvent(beltEvent<BeltErrorDetail>('belt-error', { message, src, problems }));
    }
  }

  #createMap(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!container) return;
    this.#mapDirty = false;
    this.#map
      .attach(container, {
        basemap: this.basemap || 'offline',
        bounds: this._plan ? this.#viewBounds() : [115.4, 39.6, 117.0, 41.1],
        label: this.#t.appLabel,
        onPick: (pick) => this.#onPick(pick),
        onError: (message) => this.#reportMapError(message),
      })
      .catch((error: Error) => this.#reportMapError(error.message));
  }

  #reportMapError(message: string): void {
    this._error = message;
    this.dispatchEvent(beltEvent<BeltErrorDetail>('belt-error', { message, src: this.src || BeltMap.defaultSrc, problems: [] }));
  }

  #pushScene(): void {
    const plan = this._plan;
    if (!plan || !this.#derived) return;
    this.#theme.read();
    const sel = this._selection;
    this.#map.setScene(
      buildScene({
        plan,
        derived: this.#derived,
        lang: this.#lang,
        visible: this._visible,
        theme: this.#theme.theme,
        selectedVillage: sel?.layer === 'villages' ? String(sel.properties['code']) : null,
        selectedCluster: sel?.layer === 'clusters' ? String(sel.properties['id']) : sel?.layer === 'villages' ? (sel.properties['cluster'] as string | null) : null,
      }),
    );
    this.#map.view?.setLabel(this.#t.appLabel);
    this.#showPopup();
  }

  #viewBounds(): [number, number, number, number] {
    const views = this._plan!.manifest.views;
    const v = (this.view ?? 'plan').trim();
    if ((VIEW_NAMES as string[]).includes(v)) return views[v as ViewName];
    const parts = v.split(',').map(Number);
    if (parts.length === 4 && parts.every(Number.isFinite)) {
      const [w, s, e, n] = parts as [number, number, number, number];
      if (w < e && s < n && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90) return [w, s, e, n];
    }
    console.warn(`<belt-map>: view="${v}" is not plan|beijing|huairou|mentougou or "west,south,east,north"; showing the whole plan`);
    return views.plan;
  }

  #parseLayers(value: string | undefined): ReadonlySet<PublicLayerId> {
    if (value === undefined || value === null) return new Set(PUBLIC_LAYERS);
    const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !isPublicLayerId(id));
    if (unknown.length) console.warn(`<belt-map>: unknown layer id(s) ${unknown.join(', ')} ignored; known: ${PUBLIC_LAYERS.join(', ')}`);
    return new Set(ids.filter(isPublicLayerId));
  }

  #goTo(view: ViewName): void {
    if (!this._plan) return;
    this.#map.view?.fitBounds(this._plan.manifest.views[view]);
    this._announcement = this.#t.viewChanged(this.#t.view[view]);
  }

  #toggle(id: PublicLayerId, on: boolean): void {
    const next = new Set(this._visible);
    if (on) next.add(id);
    else next.delete(id);
    this._visible = next;
    this._announcement = (on ? this.#t.layerShown : this.#t.layerHidden)(this.#t.layer[id]);
  }

  #openList(next: Partial<ListState>): void {
    this._list = { ...this._list, ...next, open: true };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.list input[type=search]')?.focus());
  }

  #onPick(pick: MapPick | null): void {
    if (!pick) {
      this.#select(null);
      return;
    }
    // Clicking a village gives its position, not the click's: the popup sits on the village.
    const coords = pick.layer === 'villages' ? this.#villageCoords(String(pick.properties['code'])) : null;
    this.#select({ layer: pick.layer, properties: pick.properties, lngLat: coords ?? pick.lngLat });
  }

  #selectFromList(sel: Selection): void {
    this.#select(sel);
    if (sel.lngLat) this.#map.view?.flyTo(sel.lngLat, sel.layer === 'villages' ? 12 : 10);
  }

  #select(sel: Selection | null): void {
    this._selection = sel;
    if (!sel) return;
    const id = String(sel.properties['code'] ?? sel.properties['id'] ?? '');
    const name = String((this.#lang === 'en' ? sel.properties['name_en'] : sel.properties['short_name'] ?? sel.properties['name']) ?? id);
    this._announcement = this.#t.selected(name);
    this.dispatchEvent(beltEvent<BeltSelectDetail>('belt-select', { layer: sel.layer, id, properties: { ...sel.properties }, lngLat: sel.lngLat }));
  }

  #villageCoords(code: string): [number, number] | null {
    const v = this._plan?.villages.features.find((f) => f.properties.code === code) as VillageFeature | undefined;
    return v?.geometry ? [v.geometry.coordinates[0]!, v.geometry.coordinates[1]!] : null;
  }

  /** The popup's content is rendered by Lit into a detached node: text bindings, never HTML from data. */
  #showPopup(): void {
    const view = this.#map.view;
    if (!view) return;
    const sel = this._selection;
    if (!sel?.lngLat) {
      view.closePopup();
      return;
    }
    const node = document.createElement('div');
    node.className = 'popup';
    render(renderDetails(this.#t, this.#lang, sel, () => this.#select(null)), node);
    view.showPopup(sel.lngLat, node, () => {
      if (this._selection === sel) this._selection = null;
    });
  }
}
