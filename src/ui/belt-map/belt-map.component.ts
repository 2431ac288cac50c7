import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { loadPlan, PlanLoadError } from '../../io/loadPlan.js';
import { buildScene, type Scene } from '../../map/scene.js';
import type { ImportFileOptions, ImportReport } from '../../io/importFile.js';
import { bbox } from '@turf/turf';
import type { ExportOptions } from '../../print/types.js';
import { derivedGeometry, unlocatedVillages } from '../../state/derive.js';
import { PlanStore, type PlanEdit } from '../../state/store.js';
import { editLabel, local, normaliseLang, strings, type Lang, type Strings } from '../../state/i18n.js';
import { buildLegend } from '../../state/legend.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../../state/layers.js';
import { proposalAreas, proposeForPlan } from '../../state/proposals.js';
import type { Plan } from '../../types/plan.js';
import { AnalysisController } from '../controllers/analysis-controller.js';
import { ExportController } from '../controllers/export-controller.js';
import { ImportController, type ImportOutcome } from '../controllers/import-controller.js';
import { MapController, type MapPick } from '../controllers/map-controller.js';
import { ThemeController } from '../controllers/theme-controller.js';
import { detailsTemplate } from '../details-panel/details-panel.js';
import { beltEvent, type BeltErrorDetail, type BeltImportDetail, type BeltReadyDetail, type BeltSelectDetail } from '../events.js';
import type { FeatureList, ProposalState } from '../feature-list/feature-list.js';
import type { PlanEntry } from '../layer-panel/layer-panel.js';
import type { PanelEventDetails, PanelEventType, Selection } from '../panel-events.js';
import type { PrintDialog } from '../print-dialog/print-dialog.js';
import type { ImportDialog } from '../import-dialog/import-dialog.js';
import { currentPlanId, parseLayers, parsePlansList, viewBounds } from './options.js';
import { styles } from './belt-map.styles.js';
import '../details-panel/details-panel.js';
import '../feature-list/feature-list.js';
import '../import-dialog/import-dialog.js';
import '../layer-panel/layer-panel.js';
import '../print-dialog/print-dialog.js';
import '../zone-panel/zone-panel.js';

/**
 * An embeddable map of a demonstration-belt plan (示范带 / 示范片区): villages by role, corridors,
 * culture belts, clusters and the belt, with a layer panel, legend, feature list and details.
 *
 * It loads the plan (`src`, and the `plans` list for the picker), owns the state (plan, visible
 * layers, selection, proposals) and composes the panels: `<belt-layer-panel>`, `<belt-zone-panel>`,
 * `<belt-details-panel>`, `<belt-feature-list>` and `<belt-print-dialog>`. They render into this
 * element's shadow root and report what the user did by events, which stop here: a page sees only
 * the events below.
 *
 * @summary Map of a rural-revitalisation plan; works offline from a bundled plan package.
 *
 * @event belt-ready - The plan is loaded and rendered. `detail`: {@link BeltReadyDetail}.
 * @event belt-select - The user picked a feature. `detail`: {@link BeltSelectDetail}.
 * @event belt-error - The plan could not be loaded or is invalid. `detail`: {@link BeltErrorDetail}.
 * @event belt-analysis - The worker finished analysing imported villages. `detail`: {@link BeltAnalysisDetail}.
 * @event belt-import - A file was imported into the plan (`importFile`). `detail`: {@link BeltImportDetail}, the report.
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
    _announcement: { state: true },
    _proposals: { state: true },
    _dropping: { state: true },
    _history: { state: true },
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

  declare _plan: Plan | null;
  declare _plans: PlanEntry[];
  /** What went wrong, in both languages (shown in the element's). */
  declare _error: { en: string; zh: string } | null;
  declare _visible: ReadonlySet<PublicLayerId>;
  declare _selection: Selection | null;
  declare _announcement: string;
  /** The engine's pending proposal (null until asked for). */
  declare _proposals: ProposalState | null;
  /** A file is being dragged over the map. */
  declare _dropping: boolean;
  /** The edits undo and redo would move over (from the store), for the buttons. */
  declare _history: { undo: PlanEdit | null; redo: PlanEdit | null };

  /** The one store of the plan; made with the first plan, replaced by each plan loaded. */
  #store: PlanStore | null = null;
  #internals: ElementInternals;
  #theme = new ThemeController(this);
  #map = new MapController(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.map'),
    options: () => ({
      basemap: this.basemap || 'offline',
      bounds: this._plan ? this.#viewBounds() : [115.4, 39.6, 117.0, 41.1],
      label: this.#t.appLabel,
      onPick: (pick) => this.#onPick(pick),
      onError: (message) => this.#reportError(message),
    }),
    // A new map (after a re-insertion or a basemap change) gets the scene and the popup again.
    onCreate: () => this.#pushScene(),
    onError: (message) => this.#reportError(message),
  });
  #zones = new AnalysisController(this, {
    onAnalysis: (detail) => this.dispatchEvent(beltEvent('belt-analysis', detail)),
    onError: (message) => this.#reportError(message),
  });
  #exports = new ExportController(this);
  #imports = new ImportController(this, {
    plan: () => this.#store?.plan ?? null,
    apply: (outcome) => this.#applyImport(outcome),
    onPreview: (outcome) => this.#showPreview(outcome),
  });
  #load: AbortController | null = null;
  #ready!: { promise: Promise<void>; resolve: () => void; settled: boolean };
  #loadedSrc: string | null = null;
  #loadedPlans: string | null = null;
  #scene: Scene | null = null;
  /** What the last scene was built from: a new scene is built only when one of these changed. */
  #sceneInputs: readonly unknown[] = [];
  #areas = new WeakMap<object, ReturnType<typeof proposalAreas>>();

  constructor() {
    super();
    this.lang = 'zh-CN';
    this._plan = null;
    this._plans = [];
    this._error = null;
    this._visible = new Set(PUBLIC_LAYERS);
    this._selection = null;
    this._announcement = '';
    this._proposals = null;
    this._dropping = false;
    this._history = { undo: null, redo: null };
    this.#internals = this.attachInternals();
    this.addEventListener('keydown', this.#onKeyDown);
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
    const { exportExhibit } = await import('../../print/exhibit.js');
    return exportExhibit(this.#exhibitContext(), options);
  }

  /** A PDF atlas: a cover/index page, then one page per cluster (or per stretch of a corridor) at a common scale. */
  async exportAtlas(options: ExportOptions & { by: 'cluster' | 'corridor'; corridor?: string }): Promise<Blob> {
    const { exportAtlas } = await import('../../print/exhibit.js');
    return exportAtlas(this.#exhibitContext(), options);
  }

  /**
   * Imports a planner's file into the plan shown: a table (CSV/TXT in UTF-8 or GBK, XLSX), points or
   * lines (GeoJSON, KML/KMZ, GPX, a Shapefile .zip) or a plan package .zip — see src/io/importFile.ts.
   * The import is one edit of the plan (the feature list, clusters, rule check, statistics and map
   * see it at once; undo reverts it whole); a plan package without `options.as` opens as the plan
   * instead (history starts over). Resolves with the report and fires `belt-import` with it. A file
   * that cannot be imported rejects with an Error whose `message` is English and `zh` Chinese; the
   * plan and the screen stay as they were (no error banner, no event). The import code (readers,
   * proj4, SheetJS) is loaded on the first call.
   *
   * @param file - a File, or a Blob with a `name` (its extension helps tell the format)
   * @param options - `crs`, `as`, `sheet`, `columns`, `unmatched`, `picks`, `lineName`, `lineKind`, `layer`: {@link ImportFileOptions}
   * @returns the {@link ImportReport}
   */
  async importFile(file: Blob & { name?: string }, options: ImportFileOptions = {}): Promise<ImportReport> {
    const fail = (en: string, zh: string): never => {
      throw Object.assign(new Error(en), { zh });
    };
    if (!file || typeof (file as Blob).arrayBuffer !== 'function') fail('importFile: expected a File (or a Blob with a name)', 'importFile：参数应为文件（File，或带 name 的 Blob）');
    if (!this.#store) fail('importFile: no plan is loaded yet (wait for whenReady())', 'importFile：方案尚未加载（请等待 whenReady()）');
    const name = typeof file.name === 'string' && file.name !== '' ? file.name : 'file';
    try {
      if (options === null || typeof options !== 'object') fail(`importFile: options must be an object, got ${String(options)}`, `importFile：options 应为对象`);
      const { parseXml: _functionsStayHere, ...sent } = options;
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Read and joined in the worker; applied here as one edit (see ImportController.importNow).
      const outcome = await this.#imports.importNow({ name, bytes }, sent);
      return outcome.report;
    } catch (error) {
      const e = error as Error & { zh?: unknown };
      if (typeof e?.zh === 'string') throw error;
      throw Object.assign(new Error(String(e?.message ?? error), { cause: error }), { zh: String(e?.message ?? error) });
    }
  }

  /** Opens the import dialog (with a file, when one was dropped or given). */
  async openImport(file?: File): Promise<void> {
    await this.updateComplete;
    this.#importDialog()?.show();
    if (file) await this.#imports.open(file);
  }

  /**
   * Puts an import's outcome into the plan: a package replaces the plan (history starts over), any
   * other import is one edit. Announced, and `belt-import` fires with the report.
   */
  #applyImport({ plan, report }: ImportOutcome): void {
    const store = this.#store!;
    if (report.replaced) {
      this._selection = null;
      this._proposals = null;
      this.#setPlan(plan);
      void this.updateComplete.then(() => this.#map.view?.fitBounds(this.#viewBounds(), false));
    } else if (plan !== store.plan) {
      // Proposals were made for the plan before; the villages' roles may have changed.
      this._proposals = null;
      store.apply(plan, { en: `import ${report.file}`, zh: `导入 ${report.file}` });
    }
    const t = this.#t.imp;
    this._announcement = report.replaced ? t.opened(report.file) : t.announce(report.file, report.added, report.updated, report.unchanged, report.rejected.length);
    this.dispatchEvent(beltEvent<BeltImportDetail>('belt-import', structuredClone(report)));
  }

  /** A new preview: announced, and the map moves to it when some of it lies outside the view. */
  #showPreview({ report }: ImportOutcome): void {
    const t = this.#t.imp;
    this._announcement = t.previewReady(report.added, report.updated, report.unchanged, report.rejected.length);
    const fc = this.#imports.preview;
    const map = this.#map.view?.map;
    if (!fc || fc.features.length === 0 || !map) return;
    const [w, s, e, n] = bbox(fc);
    const view = map.getBounds();
    if (w < view.getWest() || e > view.getEast() || s < view.getSouth() || n > view.getNorth()) this.#map.view!.fitBounds([w, s, e, n]);
  }

  #importDialog(): ImportDialog | null {
    return this.renderRoot.querySelector('belt-import-dialog');
  }

  /**
   * Reverts the last edit of the plan (an import, an accepted proposal, …): the plan before it comes
   * back, the very object. Also Ctrl+Z (⌘Z) inside the element, and the undo button.
   *
   * @returns true when there was an edit to undo
   */
  undo(): boolean {
    return this.#step('undo');
  }

  /**
   * Makes the last undone edit again. Also Ctrl+Shift+Z or Ctrl+Y (⌘⇧Z) inside the element, and the redo button.
   *
   * @returns true when there was an undone edit to redo
   */
  redo(): boolean {
    return this.#step('redo');
  }

  #step(way: 'undo' | 'redo'): boolean {
    const store = this.#store;
    const edit = way === 'undo' ? store?.undoEdit : store?.redoEdit;
    if (!store || !edit) {
      this._announcement = way === 'undo' ? this.#t.nothingToUndo : this.#t.nothingToRedo;
      return false;
    }
    // Proposals were made for the plan before; the villages' roles may be others now.
    this._proposals = null;
    if (way === 'undo') store.undo();
    else store.redo();
    const what = editLabel(this.#lang, edit);
    this._announcement = way === 'undo' ? this.#t.undone(what) : this.#t.redone(what);
    return true;
  }

  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac) anywhere in the element except where text is typed (which has its own undo). */
  #onKeyDown = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const way = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
    if (!way) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'button', 'file'].includes(target.type)))) return;
    e.preventDefault();
    this.#step(way);
  };

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layers')) this._visible = parseLayers(this.layers);
    if (changed.has('_plan')) this.#theme.read(this._plan);
    if (changed.has('_plan') && this._plan) this.#zones.setPlan(this._plan);
    if (changed.has('basemap') && changed.get('basemap') !== undefined) this.#map.invalidate();
    this.#internals.ariaLabel = this._plan ? `${this.#t.appLabel}：${this.#lang === 'en' ? this._plan.manifest.name.en : this._plan.manifest.name.zh}` : this.#t.appLabel;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const src = this.src || BeltMap.defaultSrc;
    if (src !== this.#loadedSrc) void this.#loadPlan(src);
    const plans = this.plans || BeltMap.defaultPlans;
    if (plans !== this.#loadedPlans) void this.#loadPlans(plans);
    const zones = this.#zones.results;
    const inputs = [this._plan, this.#lang, this._visible, this._selection, zones, this.#zones.imported, this._proposals, this.#imports.preview];
    if (inputs.some((x, i) => x !== this.#sceneInputs[i])) {
      const zonesChanged = zones !== this.#sceneInputs[4];
      this.#sceneInputs = inputs;
      this.#pushScene();
      // Measured (performance marks, not asserted): what a slider move costs, up to the new scene.
      if (zonesChanged && this._plan) performance.measure('belt-zone', 'belt-zone-start');
    }
    // The first fit happens when the plan loads; later changes of `view` move the map.
    if (changed.has('view') && this._plan && this.#ready.settled) this.#map.view?.fitBounds(this.#viewBounds());
  }

  override render() {
    const t = this.#t;
    const lang = this.#lang;
    const plan = this._plan;
    const unlocated = plan ? unlocatedVillages(plan).length : 0;
    const legend = plan ? buildLegend(plan, derivedGeometry(plan), this._visible, this.#theme.theme, lang) : [];
    const zones = this.#zones;
    return html`
      <div class="frame" lang=${lang}>
        <header>
          <h2 class="title">${plan ? (lang === 'en' ? plan.manifest.name.en : plan.manifest.name.zh) : t.appLabel}</h2>
          ${plan?.manifest.sample
            ? html`<p class="notice" part="notice" role="note"><strong>${t.sampleBadge}</strong> ${lang === 'en' ? plan.manifest.notice.en : plan.manifest.notice.zh}</p>`
            : nothing}
          ${this._error ? html`<p class="error" role="alert">${t.error}: ${local(lang, this._error)}</p>` : nothing}
          ${plan
            ? html`<span class="history" role="group" aria-label=${`${t.undo} / ${t.redo}`}>
                  <button type="button" class="undo" ?disabled=${!this._history.undo} @click=${() => this.undo()}
                    title=${this._history.undo ? t.undoTitle(editLabel(lang, this._history.undo)) : t.nothingToUndo}>↶ ${t.undo}</button>
                  <button type="button" class="redo" ?disabled=${!this._history.redo} @click=${() => this.redo()}
                    title=${this._history.redo ? t.redoTitle(editLabel(lang, this._history.redo)) : t.nothingToRedo}>↷ ${t.redo}</button>
                </span>
                <button type="button" class="print-open" @click=${() => this.#openPrint()}>${t.printButton}</button>
                <button type="button" class="import-open" @click=${() => void this.openImport()}>${t.importButton}</button>`
            : nothing}
        </header>
        ${plan
          ? html`<belt-print-dialog .lang=${lang} .busy=${this.#exports.busy} .status=${this.#exports.status}
              @belt-export=${this.#on('belt-export', ({ kind, form }) => void this.#exports.run(kind, form))}
              @belt-export-cancel=${this.#on('belt-export-cancel', () => this.#exports.cancel())}></belt-print-dialog>`
          : nothing}
        <div class="body">
          <div class="map" part="map" @dragover=${this.#onDragOver} @dragleave=${this.#onDragLeave} @drop=${this.#onDrop}></div>
          ${this._dropping ? html`<div class="map-drop" aria-hidden="true">${t.imp.dropHere}</div>` : nothing}
          ${plan
            ? html`<belt-import-dialog .lang=${lang} .session=${this.#imports.session} .crsChoices=${this.#imports.crsChoices}
                @belt-import-file=${this.#on('belt-import-file', ({ file }) => void this.#imports.open(file))}
                @belt-import-options=${this.#on('belt-import-options', ({ options }) => void this.#imports.setOptions(options))}
                @belt-import-apply=${this.#on('belt-import-apply', () => void this.#imports.apply())}
                @belt-import-download=${this.#on('belt-import-download', () => void this.#imports.downloadRejected(lang, t.imp.rejectedFile))}
                @belt-import-close=${this.#on('belt-import-close', () => this.#imports.close())}></belt-import-dialog>`
            : nothing}
          <aside class="sidebar" part="sidebar" aria-label=${t.layers}>
            <belt-layer-panel .lang=${lang} .plans=${this._plans} .currentPlan=${this.#currentPlanId()} .planName=${plan?.manifest.name} .views=${plan?.manifest.views ?? []}
              .visible=${this._visible} .legend=${legend}
              @belt-plan-choose=${this.#on('belt-plan-choose', ({ id }) => this.#choosePlan(id))}
              @belt-view-go=${this.#on('belt-view-go', ({ id }) => this.#goTo(id))}
              @belt-layer-toggle=${this.#on('belt-layer-toggle', ({ layer, on }) => this.#toggle(layer, on))}></belt-layer-panel>
            <belt-zone-panel .lang=${lang} .lines=${plan ? [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties) : null}
              .km=${zones.km} .on=${zones.on} .results=${zones.results} .importedCounts=${zones.importedCounts}
              .imported=${zones.imported} .progress=${zones.progress}
              @belt-zone-toggle=${this.#on('belt-zone-toggle', ({ lineId, on }) => this.#toggleZone(lineId, on))}
              @belt-zone-km=${this.#on('belt-zone-km', ({ lineId, km }) => zones.setKm(lineId, km))}
              @belt-zone-import=${this.#on('belt-zone-import', ({ file }) => void zones.import(file))}></belt-zone-panel>
            ${plan && unlocated > 0
              ? html`<p class="unlocated">${t.unlocated(unlocated)}
                  <button type="button" class="link" @click=${() => void this.#featureList()?.show({ tab: 'villages', onlyUnlocated: true })}>${t.showList}</button></p>`
              : nothing}
            ${this._selection && !this._selection.lngLat
              ? html`<section class="details-panel" aria-label=${t.details}>
                  <belt-details-panel .lang=${lang} .plan=${plan} .selection=${this._selection}
                    @belt-details-close=${this.#on('belt-details-close', () => this.#select(null))}></belt-details-panel>
                </section>`
              : nothing}
          </aside>
        </div>
        ${plan
          ? html`<belt-feature-list .lang=${lang} .plan=${plan} .zones=${zones.results} .proposals=${this._proposals}
              @belt-feature-pick=${this.#on('belt-feature-pick', (sel) => this.#selectFromList(sel))}
              @belt-propose=${this.#on('belt-propose', () => (this._proposals = proposeForPlan(plan)))}
              @belt-proposal-decide=${this.#on('belt-proposal-decide', ({ id, accept }) => this.#decide(id, accept))}></belt-feature-list>`
          : html`<p class="loading" role="status">${this._error ? '' : t.loading}</p>`}
        <footer>
          <details>
            <summary>${t.attribution}</summary>
            <ul>
              ${(plan?.manifest.attribution ?? []).map((a) => html`<li><span class="what">${lang === 'en' ? a.what.en : a.what.zh}</span>: ${a.text} (${a.licence})</li>`)}
            </ul>
          </details>
        </footer>
        <div class="sr-only" aria-live="polite">${this._announcement}</div>
      </div>
    `;
  }

  /** A listener for the panel event `_type` (named for its detail's type): acts on the detail and stops the event here (panel events are internal). */
  #on<K extends PanelEventType>(_type: K, act: (detail: PanelEventDetails[K]) => void): (e: CustomEvent<PanelEventDetails[K]>) => void {
    return (e) => {
      e.stopPropagation();
      act(e.detail);
    };
  }

  /** Dragging a file over the map shows where to drop it; dropping opens the import dialog with it. */
  #onDragOver = (e: DragEvent): void => {
    if (!this._plan || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this._dropping = true;
  };

  #onDragLeave = (e: DragEvent): void => {
    // Leaving for a child of the map (its canvas, a control) is not leaving the map.
    if (e.relatedTarget instanceof Node && (e.currentTarget as HTMLElement).contains(e.relatedTarget)) return;
    this._dropping = false;
  };

  #onDrop = (e: DragEvent): void => {
    if (!this._plan) return;
    e.preventDefault();
    this._dropping = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.openImport(file);
  };

  #featureList(): FeatureList | null {
    return this.renderRoot.querySelector('belt-feature-list');
  }

  #exhibitContext() {
    const plan = this._plan;
    const map = this.#map.view?.map;
    if (!plan || !this.#scene || !map) throw new Error('<belt-map>: nothing to export before the plan is shown');
    const b = map.getBounds();
    const c = map.getCenter();
    return {
      plan,
      derived: derivedGeometry(plan),
      scene: this.#scene,
      visible: this._visible,
      theme: this.#theme.theme,
      lang: this.#lang,
      view: { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number], center: [c.lng, c.lat] as [number, number] },
    };
  }

  #openPrint(): void {
    this.#exports.clearStatus();
    this.renderRoot.querySelector<PrintDialog>('belt-print-dialog')?.show();
  }

  /** A newly loaded plan: the store starts over with it (no history across plans). */
  #setPlan(plan: Plan): void {
    if (this.#store) {
      this.#store.replace(plan);
      return;
    }
    const store = (this.#store = new PlanStore(plan));
    // The store lives as long as the element; its one listener is the element itself.
    store.subscribe((next) => {
      this._plan = next;
      this._history = { undo: store.undoEdit, redo: store.redoEdit };
    });
    this._plan = plan;
  }

  /** Areas of the pending proposals, computed once per proposal state (so the map skips setData). */
  #proposalAreas(plan: Plan): ReturnType<typeof proposalAreas> | undefined {
    const state = this._proposals;
    if (!state) return undefined;
    let fc = this.#areas.get(state);
    if (!fc) this.#areas.set(state, (fc = proposalAreas(plan, state.proposals)));
    return fc;
  }

  /** Accepting adds the cluster to the plan (a new Plan object); rejecting drops it. Both are announced. */
  #decide(id: string, accept: boolean): void {
    const plan = this._plan;
    const proposal = this._proposals?.proposals.find((p) => p.id === id);
    if (!plan || !this._proposals || !proposal) return;
    this._proposals = { ...this._proposals, proposals: this._proposals.proposals.filter((p) => p !== proposal) };
    if (accept) {
      // Pushed in the current year, within the plan's years.
      const years = plan.manifest.years;
      const year = Math.min(Math.max(new Date().getFullYear(), years[0]!), years.at(-1)!);
      this.#store?.dispatch({ type: 'accept-proposal', proposal, year });
    }
    this._announcement = (accept ? this.#t.accepted : this.#t.rejected)(proposal.town);
  }

  #toggleZone(lineId: string, on: boolean): void {
    this.#zones.toggle(lineId, on);
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
      this._error = { en: message, zh: error instanceof PlanLoadError ? error.zh : message };
      const problems = error instanceof PlanLoadError ? error.problems : [];
      this.dispatchEvent(beltEvent<BeltErrorDetail>('belt-error', { message, src, problems }));
    }
  }

  #reportError(message: string): void {
    this._error = { en: message, zh: message };
    this.dispatchEvent(beltEvent<BeltErrorDetail>('belt-error', { message, src: this.src || BeltMap.defaultSrc, problems: [] }));
  }

  #pushScene(): void {
    const plan = this._plan;
    if (!plan) return;
    this.#theme.read(plan);
    const sel = this._selection;
    this.#map.setScene(
      (this.#scene = buildScene({
        plan,
        derived: derivedGeometry(plan),
        lang: this.#lang,
        visible: this._visible,
        theme: this.#theme.theme,
        selectedVillage: sel?.layer === 'villages' ? String(sel.properties['code']) : null,
        selectedCluster: sel?.layer === 'clusters' ? String(sel.properties['id']) : sel?.layer === 'villages' ? (sel.properties['cluster'] as string | null) : null,
        zones: this.#zones.results,
        imported: this.#zones.imported?.positions ?? null,
        proposals: this.#proposalAreas(plan),
        preview: this.#imports.preview,
      })),
    );
    this.#map.view?.setLabel(this.#t.appLabel);
    this.#showPopup();
  }

  #viewBounds(): [number, number, number, number] {
    return viewBounds(this._plan!.manifest.views, this.view);
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
      this._plans = parsePlansList(await response.json(), base);
    } catch (error) {
      if (this.plans) console.warn(`<belt-map>: plans="${url}" could not be read (${(error as Error).message}); no plan picker`);
      this._plans = [];
    }
  }

  /** The picker's entry for the plan shown: the one whose URL is `src` (the first for the default plan). */
  #currentPlanId(): string | undefined {
    return currentPlanId(this._plans, new URL(this.src || BeltMap.defaultSrc, location.href).href, !!this.src);
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
    const area = this._plan && derivedGeometry(this._plan).clusterAreas.features.find((f) => f.properties.id === id)?.properties;
    const cluster = this._plan?.clusters.find((c) => c.id === id);
    return { ...properties, ...(area ?? {}), reason: cluster?.reason ?? properties['reason'] };
  }

  #villageCoords(code: string): [number, number] | null {
    const v = this._plan?.villages.features.find((f) => f.properties.code === code);
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
    render(detailsTemplate(this.#t, this.#lang, this._plan!, sel, () => this.#select(null)), node);
    view.showPopup(sel.lngLat, node, () => {
      if (this._selection === sel) this._selection = null;
    });
  }
}
