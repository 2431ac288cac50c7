import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { loadPlan, PlanLoadError } from '../io/loadPlan.js';
import { buildScene, type Scene } from '../map/scene.js';
import type { ExportOptions } from '../print/types.js';
import type { MapPick } from '../map/view.js';
import { deriveGeometry, unlocatedVillages, type DerivedGeometry } from '../state/derive.js';
import { local, normaliseLang, strings, type Lang, type Strings } from '../state/i18n.js';
import { buildLegend } from '../state/legend.js';
import { isPublicLayerId, PUBLIC_LAYERS, type PublicLayerId } from '../state/layers.js';
import type { Plan, VillageFeature } from '../types/plan.js';
import { styles } from './belt-map.styles.js';
import { beltEvent, type BeltAnalysisDetail, type BeltErrorDetail, type BeltReadyDetail, type BeltSelectDetail } from './events.js';
import { MapController } from './map-controller.js';
import {
  clusterSelection,
  clusterTable,
  lineTable,
  renderDetails,
  renderFeatureList,
  renderLayerPanel,
  renderLegend,
  renderZonePanel,
  proposalsTable,
  renderPrintDialog,
  rulesTable,
  statsTables,
  type PrintForm,
  villageTable,
  zoneTable,
  type ListState,
  type ListTabSpec,
} from './parts.js';
import { ZoneCalculator, ZONE_KM_DEFAULT, findLine, type ZoneResult } from '../state/zones.js';
import { AnalysisClient, type AnalysisProgress } from '../state/analysis-client.js';
import { acceptProposal, proposalAreas, proposeForPlan, type Proposal } from '../state/proposals.js';
import { checkPlan, type PlanIssue } from '../plan/checkPlan.js';
import { planMetrics, type PlanMetrics } from '../plan/planMetrics.js';
import { lookup } from '../plan/lookup.js';
import { ThemeController } from './theme-controller.js';

/** An entry of a plans list (`data/plans.json`): the plan picker's choices. */
interface PlanEntry {
  id: string;
  name: { zh: string; en: string };
  /** The manifest's URL, resolved against the list's. */
  url: string;
}

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
 * @event belt-analysis - The worker finished analysing imported villages. `detail`: {@link BeltAnalysisDetail}.
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
    plans: { type: String },
    _plan: { state: true },
    _plans: { state: true },
    _error: { state: true },
    _visible: { state: true },
    _selection: { state: true },
    _list: { state: true },
    _announcement: { state: true },
    _zoneKm: { state: true },
    _zoneOn: { state: true },
    _imported: { state: true },
    _progress: { state: true },
    _importedCounts: { state: true },
    _proposals: { state: true },
    _statsYear: { state: true },
    _printForm: { state: true },
    _printBusy: { state: true },
    _printStatus: { state: true },
  };

  /**
   * URL of the plan used when `src` is not set. `src/index.ts` points it at the package shipped
   * next to the script (`data/plan.json`).
   */
  static defaultSrc = 'data/plan.json';
  /** URL of the plans list used when `plans` is not set (`src/index.ts`: the bundled `data/plans.json`). */
  static defaultPlans = 'data/plans.json';

  /** URL of the plan package's manifest (`plan.json`). Default: the bundled plan. */
  declare src: string | undefined;
  /** `zh-CN` (default) or `en`. */
  declare lang: string;
  /** The id of one of the plan's views (default: its first), or `west,south,east,north` in degrees. */
  declare view: string | undefined;
  /** `offline` (default: drawn from the plan's own data, no network) or a MapLibre style URL. */
  declare basemap: string | undefined;
  /** Comma-separated public layer ids to show; default all: boundaries,villages,corridors,culture-belts,clusters,belt. */
  declare layers: string | undefined;
  /** URL of a plans list (`[{ id, name: {zh, en}, url }]`) for the plan picker; `none` hides the picker. Default: the bundled list. */
  declare plans: string | undefined;
  declare _plans: PlanEntry[];

  declare _plan: Plan | null;
  declare _error: string | null;
  declare _visible: ReadonlySet<PublicLayerId>;
  declare _selection: Selection | null;
  declare _list: ListState;
  declare _announcement: string;
  /** Buffer distance per line id, km (kept while a zone is off). */
  declare _zoneKm: Readonly<Record<string, number>>;
  /** Line ids whose zone is drawn. */
  declare _zoneOn: ReadonlySet<string>;
  /** A large village set imported into the analysis worker. */
  declare _imported: { count: number; skipped: number; positions: Float32Array } | null;
  declare _progress: AnalysisProgress | null;
  /** Imported villages inside each switched-on zone, by line id. */
  declare _importedCounts: ReadonlyMap<string, number>;
  /** The engine's pending proposal (null until asked for). */
  declare _printForm: PrintForm;
  declare _printBusy: { percent: number } | null;
  declare _printStatus: string;
  /** The year the statistics are counted as of (null: every selection). */
  declare _statsYear: number | null;
  declare _proposals: { proposals: Proposal[]; unclustered: { town: string; reason: string }[] } | null;

  #derived: DerivedGeometry | null = null;
  #internals: ElementInternals;
  #theme = new ThemeController(this);
  #map = new MapController(this);
  #load: AbortController | null = null;
  #ready!: { promise: Promise<void>; resolve: () => void; settled: boolean };
  #loadedSrc: string | null = null;
  #loadedPlans: string | null = null;
  #mapDirty = true;
  #zoneCalc = new ZoneCalculator();
  #zoneResults: ZoneResult[] = [];
  #zonesDirty = false;
  #analysis: AnalysisClient | null = null;
  #issues = new WeakMap<Plan, PlanIssue[]>();
  #metrics = new WeakMap<Plan, Map<number | null, PlanMetrics>>();
  #scene: Scene | null = null;
  #printAbort: AbortController | null = null;

  constructor() {
    super();
    this.lang = 'zh-CN';
    this._plan = null;
    this._plans = [];
    this._error = null;
    this._visible = new Set(PUBLIC_LAYERS);
    this._selection = null;
    this._list = { open: false, tab: 'villages', filter: '', onlyUnlocated: false, onlyPlan: false };
    this._announcement = '';
    this._zoneKm = {};
    this._zoneOn = new Set();
    this._imported = null;
    this._progress = null;
    this._importedCounts = new Map();
    this._proposals = null;
    this._statsYear = null;
    this._printForm = { paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', title: '', subtitle: '', date: new Date().toISOString().slice(0, 10), author: '', approval: '', scale: 'view' };
    this._printBusy = null;
    this._printStatus = '';
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

  /**
   * A planning exhibit of the current view (or at a fixed scale) as a PNG or PDF Blob: title block,
   * legend of what lies in the printed extent, scale bar, north arrow, inset, credits, 审图号 slot.
   * Rejects with an AbortError when `options.signal` aborts.
   */
  async exportImage(options: ExportOptions = {}): Promise<Blob> {
    const { exportExhibit } = await import('../print/exhibit.js');
    return exportExhibit(this.#exhibitContext(), options);
  }

  /** A PDF atlas: a cover/index page, then one page per cluster (or per stretch of a corridor) at a common scale. */
  async exportAtlas(options: ExportOptions & { by: 'cluster' | 'corridor'; corridor?: string }): Promise<Blob> {
    const { exportAtlas } = await import('../print/exhibit.js');
    return exportAtlas(this.#exhibitContext(), options);
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

  /** The browser's print lays the element out anew; the map must draw at that size before the sheet is made. */
  #onPrintLayout = () => {
    const map = this.#map.view?.map;
    if (!map) return;
    map.resize();
    map.redraw();
  };
  #printQuery: MediaQueryList | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#onPrintLayout);
    window.addEventListener('afterprint', this.#onPrintLayout);
    this.#printQuery = window.matchMedia('print');
    this.#printQuery.addEventListener('change', this.#onPrintLayout);
    // Re-inserted after a removal: the map was destroyed on disconnect and must be made again.
    if (this.hasUpdated && !this.#map.view) {
      this.#mapDirty = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#onPrintLayout);
    window.removeEventListener('afterprint', this.#onPrintLayout);
    this.#printQuery?.removeEventListener('change', this.#onPrintLayout);
    this.#load?.abort();
    this.#analysis?.terminate();
    this.#analysis = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layers')) this._visible = this.#parseLayers(this.layers);
    if (changed.has('_plan')) this.#theme.read(this._plan);
    if (changed.has('_plan') && this._plan) {
      const lines = [...this._plan.corridors.features, ...this._plan.cultureBelts.features];
      this._zoneKm = Object.fromEntries(lines.map((f) => [f.properties.id, this._zoneKm[f.properties.id] ?? ZONE_KM_DEFAULT]));
    }
    if ((changed.has('_plan') || changed.has('_zoneKm') || changed.has('_zoneOn')) && this._plan) {
      // Measured (performance marks, not asserted): the recompute a slider move costs.
      performance.mark('belt-zone-start');
      this.#zoneResults = this.#zoneCalc.compute(
        this._plan,
        [...this._zoneOn].map((lineId) => ({ lineId, km: this._zoneKm[lineId] ?? ZONE_KM_DEFAULT })),
      );
      this.#zonesDirty = true;
    }
    if (changed.has('basemap') && changed.get('basemap') !== undefined) this.#mapDirty = true;
    this.#internals.ariaLabel = this._plan ? `${this.#t.appLabel}：${this.#lang === 'en' ? this._plan.manifest.name.en : this._plan.manifest.name.zh}` : this.#t.appLabel;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const src = this.src || BeltMap.defaultSrc;
    if (src !== this.#loadedSrc) void this.#loadPlan(src);
    const plans = this.plans || BeltMap.defaultPlans;
    if (plans !== this.#loadedPlans) void this.#loadPlans(plans);
    if (this.#mapDirty) this.#createMap();
    if (['_plan', 'lang', '_visible', '_selection', '_imported', '_proposals'].some((k) => changed.has(k as keyof BeltMap)) || this.#mapDirty || this.#zonesDirty) {
      this.#pushScene();
    }
    if (this.#zonesDirty) {
      this.#zonesDirty = false;
      performance.measure('belt-zone', 'belt-zone-start');
      if (this._imported) void this.#analyseImported();
    }
    // The first fit happens when the plan loads; later changes of `view` move the map.
    if (changed.has('view') && this._plan && this.#ready.settled) this.#map.view?.fitBounds(this.#viewBounds());
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
          ${plan ? html`<button type="button" class="print-open" @click=${() => this.#openPrint()}>${t.printButton}</button>` : nothing}
        </header>
        ${plan
          ? renderPrintDialog(t, this._printForm, this._printBusy, this._printStatus, {
              change: (next) => (this._printForm = { ...this._printForm, ...next }),
              exportPage: () => void this.#runExport('page'),
              exportAtlas: (by) => void this.#runExport(by),
              cancel: () => (this._printBusy ? this.#printAbort?.abort() : this.renderRoot.querySelector<HTMLDialogElement>('dialog.print')?.close()),
              close: () => this.#printAbort?.abort(),
            })
          : nothing}
        <div class="body">
          <div class="map" part="map"></div>
          <aside class="sidebar" part="sidebar" aria-label=${t.layers}>
            ${this._plans.length > 1
              ? html`<label class="plan-picker">${t.planPicker}
                  <select @change=${(e: Event) => this.#choosePlan((e.target as HTMLSelectElement).value)}>
                    ${this._plans.map((p) => html`<option value=${p.id} ?selected=${p.id === this.#currentPlanId()}>${local(this.#lang, p.name)}</option>`)}
                  </select>
                </label>`
              : nothing}
            <section aria-labelledby="views-h">
              <h3 id="views-h">${t.views}</h3>
              <div class="views">
                ${(plan?.manifest.views ?? []).map((v) => html`<button type="button" data-view=${v.id} @click=${() => this.#goTo(v.id)}>${local(this.#lang, v.label)}</button>`)}
              </div>
            </section>
            ${renderLayerPanel(t, this._visible, (id, on) => this.#toggle(id, on))}
            ${renderLegend(t, legend)}
            ${plan
              ? renderZonePanel(t, this.#lang, plan, this._zoneKm, this._zoneOn, this.#zoneResults,
                  (id, on) => this.#toggleZone(id, on), (id, km) => (this._zoneKm = { ...this._zoneKm, [id]: km }), this._importedCounts)
              : nothing}
            <section class="import" aria-labelledby="import-h">
              <label id="import-h">${t.importVillages}
                <input type="file" class="import-file" accept=".geojson,.json,application/geo+json,application/json"
                  @change=${(e: Event) => this.#import((e.target as HTMLInputElement).files?.[0])} />
              </label>
              ${this._progress
                ? html`<div role="status"><progress max="100" .value=${this._progress.percent}></progress> ${t.phase[this._progress.phase]} ${this._progress.percent}%</div>`
                : nothing}
              ${this._imported ? html`<p class="imported" role="status">${t.imported(this._imported.count, this._imported.skipped)}</p>` : nothing}
            </section>
            ${plan && unlocated > 0
              ? html`<p class="unlocated">${t.unlocated(unlocated)}
                  <button type="button" class="link" @click=${() => this.#openList({ tab: 'villages', onlyUnlocated: true })}>${t.showList}</button></p>`
              : nothing}
            ${this._selection && !this._selection.lngLat
              ? html`<section class="details-panel" aria-label=${t.details}>${renderDetails(t, this.#lang, plan!, this._selection, () => this.#select(null))}</section>`
              : nothing}
          </aside>
        </div>
        ${plan
          ? renderFeatureList(t, this._list, this.#listTabs(plan), (next) => (this._list = { ...this._list, ...next }))
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

  #exhibitContext() {
    const plan = this._plan;
    const map = this.#map.view?.map;
    if (!plan || !this.#derived || !this.#scene || !map) throw new Error('<belt-map>: nothing to export before the plan is shown');
    const b = map.getBounds();
    const c = map.getCenter();
    return {
      plan,
      derived: this.#derived,
      scene: this.#scene,
      visible: this._visible,
      theme: this.#theme.theme,
      lang: this.#lang,
      view: { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number], center: [c.lng, c.lat] as [number, number] },
    };
  }

  #openPrint(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.print');
    this._printStatus = '';
    dialog?.showModal();
  }

  /** Runs an export from the dialog: progress, cancel, and a download of the result. */
  async #runExport(kind: 'page' | 'cluster' | 'corridor'): Promise<void> {
    const f = this._printForm;
    const abort = (this.#printAbort = new AbortController());
    this._printBusy = { percent: 0 };
    this._printStatus = '';
    const options: ExportOptions = {
      paper: f.paper, orientation: f.orientation, dpi: f.dpi, format: kind === 'page' ? f.format : 'pdf', scale: f.scale,
      ...(f.title ? { title: f.title } : {}), ...(f.subtitle ? { subtitle: f.subtitle } : {}), ...(f.date ? { date: f.date } : {}),
      ...(f.author ? { author: f.author } : {}), ...(f.approval ? { approval: f.approval } : {}),
      signal: abort.signal,
      onProgress: (fraction) => (this._printBusy = { percent: Math.round(fraction * 100) }),
    };
    try {
      const blob = kind === 'page' ? await this.exportImage(options) : await this.exportAtlas({ ...options, by: kind });
      const name = `belt-map-${kind === 'page' ? f.paper : `atlas-${kind}`}-${f.dpi}dpi.${kind === 'page' ? f.format : 'pdf'}`;
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this._printStatus = this.#t.exported(Math.round(blob.size / 1024));
    } catch (error) {
      this._printStatus = (error as DOMException).name === 'AbortError' ? this.#t.exportCancelled : (error as Error).message;
    } finally {
      this._printBusy = null;
      this.#printAbort = null;
    }
  }

  #listTabs(plan: Plan): ListTabSpec[] {
    const t = this.#t;
    const lang = this.#lang;
    const list = this._list;
    const select = (sel: Selection) => this.#selectFromList(sel);
    return [
      { id: 'villages', label: t.tabVillages, render: () => villageTable(t, lang, plan, list, select) },
      { id: 'clusters', label: t.tabClusters, render: () => clusterTable(t, lang, plan, list, select) },
      { id: 'lines', label: t.tabLines, render: () => lineTable(t, lang, plan, list, select) },
      { id: 'zone', label: t.tabZone, render: () => zoneTable(t, lang, plan, this.#zoneResults, list.filter, select) },
      {
        id: 'stats',
        label: t.tabStats,
        render: () => statsTables(t, lang, plan, this.#metricsOf(plan, this._statsYear), this._statsYear, (y) => (this._statsYear = y), (layer, id) => this.#selectById(layer, id)),
      },
      { id: 'rules', label: t.tabRules, render: () => rulesTable(t, lang, this.#issuesOf(plan), (layer, id) => this.#selectById(layer, id)) },
      {
        id: 'proposals',
        label: t.tabProposals,
        render: () =>
          proposalsTable(t, lang, plan, this._proposals, {
            propose: () => (this._proposals = proposeForPlan(plan)),
            accept: (p) => this.#decide(p, true),
            reject: (p) => this.#decide(p, false),
            select,
          }),
      },
    ];
  }

  #setPlan(plan: Plan): void {
    this.#derived = deriveGeometry(plan);
    this._plan = plan;
  }

  #metricsOf(plan: Plan, year: number | null): PlanMetrics {
    let byYear = this.#metrics.get(plan);
    if (!byYear) this.#metrics.set(plan, (byYear = new Map()));
    let m = byYear.get(year);
    if (!m) byYear.set(year, (m = planMetrics(plan, year === null ? {} : { year })));
    return m;
  }

  #areas = new WeakMap<object, ReturnType<typeof proposalAreas>>();
  /** Areas of the pending proposals, computed once per proposal state (so the map skips setData). */
  #proposalAreas(plan: Plan): ReturnType<typeof proposalAreas> | undefined {
    const state = this._proposals;
    if (!state) return undefined;
    let fc = this.#areas.get(state);
    if (!fc) this.#areas.set(state, (fc = proposalAreas(plan, state.proposals)));
    return fc;
  }

  #issuesOf(plan: Plan): PlanIssue[] {
    let issues = this.#issues.get(plan);
    if (!issues) this.#issues.set(plan, (issues = checkPlan(plan)));
    return issues;
  }

  /** Accepting adds the cluster to the plan (a new Plan object); rejecting drops it. Both are announced. */
  #decide(proposal: Proposal, accept: boolean): void {
    const plan = this._plan;
    if (!plan || !this._proposals) return;
    this._proposals = { ...this._proposals, proposals: this._proposals.proposals.filter((p) => p !== proposal) };
    if (accept) {
      // Pushed in the current year, within the plan's years.
      const years = plan.manifest.years;
      const year = Math.min(Math.max(new Date().getFullYear(), years[0]!), years.at(-1)!);
      this.#setPlan(acceptProposal(plan, proposal, year));
    }
    this._announcement = (accept ? this.#t.accepted : this.#t.rejected)(proposal.town);
  }

  /** Selects a village (by code) or cluster (by id) named in a table. */
  #selectById(layer: string, id: string): void {
    const plan = this._plan;
    if (!plan) return;
    if (layer === 'villages') {
      const v = plan.villages.features.find((f) => f.properties.code === id);
      if (v) this.#selectFromList({ layer: 'villages', properties: { ...v.properties }, lngLat: v.geometry ? [v.geometry.coordinates[0]!, v.geometry.coordinates[1]!] : null });
    } else if (layer === 'clusters') {
      const c = lookup(plan).clusterById.get(id);
      const core = c?.core ? lookup(plan).villageByCode.get(c.core) : undefined;
      if (c) {
        const lngLat = core?.geometry ? ([core.geometry.coordinates[0]!, core.geometry.coordinates[1]!] as [number, number]) : null;
        this.#selectFromList({ layer: 'clusters', properties: clusterSelection(plan, this.#lang, c.id), lngLat });
      }
    }
  }

  async #import(file: File | undefined): Promise<void> {
    if (!file) return;
    this.#analysis ??= new AnalysisClient();
    this._progress = { phase: 'read', percent: 0 };
    try {
      const r = await this.#analysis.importVillages(file, (p) => (this._progress = p));
      this._imported = { count: r.count, skipped: r.skipped, positions: r.positions };
      this._progress = null;
      await this.#analyseImported();
    } catch (error) {
      this._progress = null;
      // The plan and anything imported before stay as they were.
      this.#reportMapError((error as Error).message);
    }
  }

  /** Zones of the imported set, computed in the worker; a newer request supersedes this one. */
  async #analyseImported(): Promise<void> {
    const plan = this._plan;
    if (!plan || !this.#analysis || !this._imported) return;
    const zones = [...this._zoneOn].flatMap((id) => {
      const found = findLine(plan, id);
      return found ? [{ line: found[1], km: this._zoneKm[id] ?? ZONE_KM_DEFAULT }] : [];
    });
    try {
      const r = await this.#analysis.zones(zones, (p) => (this._progress = p));
      this._importedCounts = new Map(r.results.map((z) => [z.lineId, z.count]));
      this._progress = null;
      this.dispatchEvent(beltEvent<BeltAnalysisDetail>('belt-analysis', { imported: this._imported.count, zones: r.results.map(({ lineId, km, count }) => ({ lineId, km, count })), ms: r.ms }));
    } catch (error) {
      if ((error as DOMException).name === 'AbortError') return;
      this._progress = null;
      this.#reportMapError((error as Error).message);
    }
  }

  #toggleZone(lineId: string, on: boolean): void {
    const next = new Set(this._zoneOn);
    if (on) next.add(lineId);
    else next.delete(lineId);
    this._zoneOn = next;
    // Showing a zone whose layer is hidden would show nothing: switch the layer on with it.
    const layer = this._plan?.corridors.features.some((f) => f.properties.id === lineId) ? 'corridors' : 'culture-belts';
    if (on && !this._visible.has(layer)) this.#toggle(layer, true);
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
      this._error = null;
      this._selection = null;
      this._proposals = null;
      this.#setPlan(plan);
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
    this.#theme.read(plan);
    const sel = this._selection;
    this.#map.setScene(
      (this.#scene = buildScene({
        plan,
        derived: this.#derived,
        lang: this.#lang,
        visible: this._visible,
        theme: this.#theme.theme,
        selectedVillage: sel?.layer === 'villages' ? String(sel.properties['code']) : null,
        selectedCluster: sel?.layer === 'clusters' ? String(sel.properties['id']) : sel?.layer === 'villages' ? (sel.properties['cluster'] as string | null) : null,
        zones: this.#zoneResults,
        imported: this._imported?.positions ?? null,
        proposals: this.#proposalAreas(plan),
      })),
    );
    this.#map.view?.setLabel(this.#t.appLabel);
    this.#showPopup();
  }

  #viewBounds(): [number, number, number, number] {
    const views = this._plan!.manifest.views;
    const v = (this.view ?? views[0]!.id).trim();
    const named = views.find((x) => x.id === v);
    if (named) return named.bounds;
    const parts = v.split(',').map(Number);
    if (parts.length === 4 && parts.every(Number.isFinite)) {
      const [w, s, e, n] = parts as [number, number, number, number];
      if (w < e && s < n && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90) return [w, s, e, n];
    }
    console.warn(`<belt-map>: view="${v}" is not a view of this plan (${views.map((x) => x.id).join(', ')}) or "west,south,east,north"; showing ${views[0]!.id}`);
    return views[0]!.bounds;
  }

  #parseLayers(value: string | undefined): ReadonlySet<PublicLayerId> {
    if (value === undefined || value === null) return new Set(PUBLIC_LAYERS);
    const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !isPublicLayerId(id));
    if (unknown.length) console.warn(`<belt-map>: unknown layer id(s) ${unknown.join(', ')} ignored; known: ${PUBLIC_LAYERS.join(', ')}`);
    return new Set(ids.filter(isPublicLayerId));
  }

  #goTo(id: string): void {
    const view = this._plan?.manifest.views.find((v) => v.id === id);
    if (!view) return;
    this.#map.view?.fitBounds(view.bounds);
    this._announcement = this.#t.viewChanged(local(this.#lang, view.label));
  }

  /** Loads the plans list for the picker; a list that cannot be read just leaves the picker out. */
  async #loadPlans(url: string): Promise<void> {
    this.#loadedPlans = url;
    if (url === 'none') {
      this._plans = [];
      return;
    }
    try {
      const base = new URL(url, location.href);
      const response = await fetch(base);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const list = (await response.json()) as unknown;
      if (!Array.isArray(list)) throw new Error('not a list');
      this._plans = list
        .filter((p): p is { id: string; name: { zh: string; en: string }; url: string } => typeof p?.id === 'string' && typeof p?.url === 'string' && typeof p?.name?.zh === 'string')
        .map((p) => ({ id: p.id, name: { zh: p.name.zh, en: String(p.name.en ?? p.name.zh) }, url: new URL(p.url, base).href }));
    } catch (error) {
      if (this.plans) console.warn(`<belt-map>: plans="${url}" could not be read (${(error as Error).message}); no plan picker`);
      this._plans = [];
    }
  }

  /** The picker's entry for the plan shown: the one whose URL is `src` (the first for the default plan). */
  #currentPlanId(): string | undefined {
    const src = new URL(this.src || BeltMap.defaultSrc, location.href).href;
    return (this._plans.find((p) => p.url === src) ?? (this.src ? undefined : this._plans[0]))?.id;
  }

  /** The user picked a plan: load it (the map keeps showing the current one until it has loaded). */
  #choosePlan(id: string): void {
    const entry = this._plans.find((p) => p.id === id);
    if (!entry) return;
    this.src = entry.url;
    this._announcement = this.#t.planChosen(local(this.#lang, entry.name));
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
    if (sel?.layer === 'clusters') sel = { ...sel, properties: this.#clusterFigures(String(sel.properties['id']), sel.properties) };
    this._selection = sel;
    if (!sel) return;
    const id = String(sel.properties['code'] ?? sel.properties['id'] ?? '');
    const name = String((this.#lang === 'en' ? sel.properties['name_en'] : sel.properties['short_name'] ?? sel.properties['name']) ?? id);
    this._announcement = this.#t.selected(name);
    this.dispatchEvent(beltEvent<BeltSelectDetail>('belt-select', { layer: sel.layer, id, properties: { ...sel.properties }, lngLat: sel.lngLat }));
  }

  /** A cluster's figures for its details: area and member count from the drawn area, the plan's reason. */
  #clusterFigures(id: string, properties: Record<string, unknown>): Record<string, unknown> {
    const area = this.#derived?.clusterAreas.features.find((f) => f.properties.id === id)?.properties;
    const cluster = this._plan?.clusters.find((c) => c.id === id);
    return { ...properties, ...(area ?? {}), reason: cluster?.reason ?? properties['reason'] };
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
    render(renderDetails(this.#t, this.#lang, this._plan!, sel, () => this.#select(null)), node);
    view.showPopup(sel.lngLat, node, () => {
      if (this._selection === sel) this._selection = null;
    });
  }
}
