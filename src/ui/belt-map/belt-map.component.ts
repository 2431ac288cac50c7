import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { PlanLoadError } from '../../io/planLoadError.js';
import { loadPlanOffThread } from '../../io/loadPlanClient.js';
import { buildScene, type Scene } from '../../map/scene.js';
import type { ImportFileOptions, ImportReport } from '../../io/importFile.js';
import { bbox } from '@turf/bbox';
import type { AtlasOptions, ExportOptions } from '../../print/types.js';
import { derivedGeometry, unlocatedVillages } from '../../state/derive.js';
import { PlanStore, type PlanChange, type PlanEdit } from '../../state/store.js';
import { lassoIntoCluster, makeClusterCore, moveToCluster, newClusterAround, type PlannerEdit } from '../../state/edits.js';
import { planChanges } from '../../plan/diff.js';
import { editLabel, local, localName, normaliseLang, registerTranslation, strings, type BeltTranslation, type Lang, type Strings, textLang } from '../../state/i18n.js';
import { LocalizeController } from '@shoelace-style/localize';
import { lookup } from '../../plan/lookup.js';
import { clipText } from '../../plan/problemSummary.js';
import { buildLegend } from '../../state/legend.js';
import { sampleNotice } from '../../state/notice.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../../state/layers.js';
import { proposalAreas, proposeForPlan, type Proposal } from '../../state/proposals.js';
import type { Plan } from '../../types/plan.js';
import { AnalysisController } from '../controllers/analysis-controller.js';
import { ExportController } from '../controllers/export-controller.js';
import { SheetController } from '../controllers/sheet-controller.js';
import { DownloadController } from '../controllers/download-controller.js';
import type { CrsId } from '../../io/crs.js';
import type { ExportFormat } from '../../io/exportPlan.js';
import type { DownloadMenu } from '../download-menu/download-menu.js';
import { planBounds } from '../../geo/planBounds.js';
import '../download-menu/download-menu.js';
import { DraftController } from '../controllers/draft-controller.js';
import { ImportController, type ImportOutcome } from '../controllers/import-controller.js';
import { MapController, type MapPick } from '../controllers/map-controller.js';
import { ThemeController } from '../controllers/theme-controller.js';
import { UrlStateController, selectionFor, selectionKey } from '../controllers/url-state-controller.js';
import type { UrlState } from '../../state/urlState.js';
import '../share-link/share-link.js';
import { detailsTemplate } from '../details-panel/details-panel.js';
import type { EditOptions } from '../details-panel/plan-edit.js';
import { beltEvent, type BeltChangeDetail, type BeltErrorDetail, type BeltImportDetail, type BeltReadyDetail, type BeltSelectDetail } from '../events.js';
import type { FeatureList, ProposalState } from '../feature-list/feature-list.js';
import type { PlanEntry } from '../layer-panel/layer-panel.js';
import type { EditRequest, PanelEventDetails, PanelEventType, Selection } from '../panel-events.js';
import { clusterSelection, creditLang, selectionById, townText } from '../plan-text.js';
import { mapLocale, proposalReasonText } from '../l10n-text.js';
import type { PrintDialog, PrintForm } from '../print-dialog/print-dialog.js';
import type { ImportDialog } from '../import-dialog/import-dialog.js';
import { currentPlanId, parseLayers, parsePlansList, viewBounds } from './options.js';
import { styles } from './belt-map.styles.js';
import '../accept-preview/accept-preview.js';
import '../details-panel/details-panel.js';
import { formatDraftTime } from '../drafts-panel/drafts-panel.js';
import '../feature-list/feature-list.js';
import '../import-dialog/import-dialog.js';
import '../layer-panel/layer-panel.js';
import '../print-dialog/print-dialog.js';
import '../zone-panel/zone-panel.js';
import '../draw-panel/draw-panel.js';
import { DrawController } from '../controllers/draw-controller.js';
import { DrawerController } from '../controllers/drawer-controller.js';
import { keyboardText } from '../../map/keyboardText.js';

/**
 * An embeddable map of a demonstration-belt plan (示范带 / 示范片区): villages by role, corridors,
 * culture belts, clusters and the belt, with a layer panel, legend, feature list and details.
 *
 * It loads the plan (`src`, and the `plans` list for the picker), owns the state (plan, visible
 * layers, selection, proposals) and composes the panels: `<belt-layer-panel>`, `<belt-zone-panel>`,
 * `<belt-details-panel>`, `<belt-feature-list>`, `<belt-print-dialog>` and `<belt-download-menu>`
 * (the plan as a package, GeoJSON, KML, XLSX, CSV or Shapefile: `exportPlan`). They render into this
 * element's shadow root and report what the user did by events, which stop here: a page sees only
 * the events below.
 *
 * With the boolean attribute `url-state`, the view (position, layers, zones and their distance, the
 * selected feature, the statistics' year, the plan of the picker) is kept in the page's location
 * hash under `bm.` keys (`bm.<id>.` when the element has an id), beside the page's own hash, and a
 * "copy link" button copies it; opening such a link restores the view (see `src/state/urlState.ts`).
 * Restoring fires no `belt-select`.
 *
 * Edits are kept as a draft in the browser (IndexedDB), one per plan source (`src` made absolute;
 * `<belt-drafts-panel>`, src/ui/controllers/draft-controller.ts): saved ~400 ms after each user edit
 * and when the page is hidden, restored as one edit when the same source loads again (before
 * `belt-ready`, which reports the restored plan; a notice offers Discard), deleted when the history
 * is back at the loaded plan. Two tabs on one source never overwrite each other silently (a notice
 * offers Load theirs / Keep mine). A package opened from a file is not kept. The package itself is
 * never written. Restoring fires no `belt-change`.
 *
 * @summary Map of a rural-revitalisation plan; works offline from a bundled plan package.
 *
 * @event belt-ready - The plan is loaded and rendered. `detail`: {@link BeltReadyDetail}.
 * @event belt-select - The user picked a feature. `detail`: {@link BeltSelectDetail}.
 * @event belt-error - The plan could not be loaded or is invalid. `detail`: {@link BeltErrorDetail}.
 * @event belt-analysis - The worker finished analysing imported villages. `detail`: {@link BeltAnalysisDetail}.
 * @event belt-import - A file was imported into the plan (`importFile`). `detail`: {@link BeltImportDetail}, the report.
 * @event belt-change - The user edited the plan on screen (details, lasso, drawing, proposals, import dialog, undo/redo
 *   by button or key); code that sets properties or calls methods fires none. `detail`: {@link BeltChangeDetail}.
 *
 * @csspart map - The map area.
 * @csspart sidebar - The panel with views, layers and legend.
 * @csspart notice - The "sample scenario" notice.
 * @csspart list - The feature list.
 *
 * @cssproperty --belt-height - Height of the element. Default 600px.
 * @cssproperty --belt-border - The element's border (a page's own `border` on it is overridden). Default `1px solid #d6d0c4`.
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
    urlState: { type: Boolean, attribute: 'url-state' },
    readonly: { type: Boolean, reflect: true },
    _plan: { state: true },
    _plans: { state: true },
    _error: { state: true },
    _basemapFailed: { state: true },
    _visible: { state: true },
    _selection: { state: true },
    _announcement: { state: true },
    _proposals: { state: true },
    _dropping: { state: true },
    _history: { state: true },
    _accepting: { state: true },
    _editOpen: { state: true },
  };

  /**
   * URL of the plan used when `src` is not set. `src/index.ts` points it at the package shipped
   * next to the script (`data/plan.json`).
   */
  static defaultSrc = 'data/plan.json';
  /** URL of the plans list used when `plans` is not set (`src/index.ts`: the bundled `data/plans.json`). */
  static defaultPlans = 'data/plans.json';
  /**
   * Origins (`'https://cdn.example.org'`) a plan's manifest may take its files from besides its own folder.
   * Default none: a package's `files` stay in the manifest's folder on its origin (no other host, no `../`).
   * List the page's own origin (`location.origin`) to allow other folders of it. Set before `src`.
   */
  static allowedOrigins: readonly string[] = [];

  /**
   * Add an interface language (or replace some texts of one) without touching the code: a translation
   * object `{ $code: 'fr', $name: 'Français', $dir: 'ltr', layers: 'Couches', … }` with any subset of the
   * keys of src/locales/en.ts (the rest is shown in English); then `<belt-map lang="fr">`. Elements on the
   * page re-render. `$text: 'zh' | 'en'` picks which of a plan's bilingual names it shows (default `en`).
   */
  static registerTranslation(...translations: BeltTranslation[]): void {
    registerTranslation(...translations);
  }

  /** URL of the plan package's manifest (`plan.json`). Default: the bundled plan. */
  declare src: string | undefined;
  /** `zh-CN` (default), `en`, or a language registered with `BeltMap.registerTranslation`. */
  declare lang: string;
  /** The id of one of the plan's views (default: its first), or `west,south,east,north` in degrees. */
  declare view: string | undefined;
  /** `offline` (default: drawn from the plan's own data, no network) or a MapLibre style URL. */
  declare basemap: string | undefined;
  /** Comma-separated public layer ids to show; default all: boundaries,villages,corridors,culture-belts,clusters,belt. */
  declare layers: string | undefined;
  /** URL of a plans list (`[{ id, name: {zh, en}, url }]`) for the plan picker; `none` hides the picker. Default: the bundled list. */
  declare plans: string | undefined;
  /**
   * Keep the view in the page's location hash and offer "copy link" (attribute `url-state`); off by
   * default: without it the hash is never read or written.
   */
  declare urlState: boolean;
  /** Hide the edit controls of the details and the drawing tools (the plan can still be imported into, undone and exported). */
  declare readonly: boolean;

  declare _plan: Plan | null;
  declare _plans: PlanEntry[];
  /** What went wrong, in both languages (shown in the element's), short; `problems` is the full list, shown on demand. */
  declare _error: { en: string; zh: string; problems?: readonly { message: string; zh: string }[] } | null;
  /** The online basemap that could not be used, and which part of it failed (shown as a message). */
  declare _basemapFailed: { url: string; part: 'style' | 'tiles' } | null;
  declare _visible: ReadonlySet<PublicLayerId>;
  declare _selection: Selection | null;
  declare _announcement: string;
  /** The engine's pending proposal (null until asked for). */
  declare _proposals: ProposalState | null;
  /** A file is being dragged over the map. */
  declare _dropping: boolean;
  /** The edits undo and redo would move over (from the store), for the buttons. */
  declare _history: { undo: PlanEdit | null; redo: PlanEdit | null };
  /** The proposal whose accept is being previewed (null: none). */
  declare _accepting: Proposal | null;
  /** The details' edit section is unfolded (kept from one feature to the next). */
  declare _editOpen: boolean;

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
      locale: mapLocale(this.#t),
      onPick: (pick) => this.#onPick(pick),
      keyboard: {
        ...keyboardText(() => this.#lang, () => this._plan),
        announce: (text) => (this._announcement = text),
        open: (pick) => this.#onPick(pick),
      },
      onError: (message) => this.#reportError(message),
      onBasemapError: (url, reason, part) => {
        this._basemapFailed = { url, part };
        console.warn(`belt-map: the basemap ${url} failed (${part}): ${reason}`);
      },
    }),
    // A new map (after a re-insertion or a basemap change) gets the scene and the popup again.
    onCreate: () => {
      this._basemapFailed = null;
      this.#pushScene();
    },
    onError: (message) => this.#reportError(message),
  });
  #zones = new AnalysisController(this, {
    onAnalysis: (detail) => this.dispatchEvent(beltEvent('belt-analysis', detail)),
    onError: (message) => this.#reportError(message),
  });
  #exports = new ExportController(this);
  /** The print dialog's preview, the printed extent on the map and the atlas's lines (the print code loads when the dialog opens). */
  #sheet = new SheetController(this, {
    view: () => this.#map.view,
    context: () => this.#exhibitContext(),
    moveHint: () => this.#t.printDialog.moveHint,
    onMoveEnd: (center) => this.renderRoot.querySelector<PrintDialog>('belt-print-dialog')?.resume(center),
  });
  #drawPreview = (form: PrintForm, canvas: HTMLCanvasElement) => this.#sheet.preview(form, canvas);
  /** In a narrow element the sidebar is a drawer over the map: open or not, its focus and Escape, what is inert behind it. */
  #drawer = new DrawerController(this, {
    toggle: () => this.renderRoot.querySelector<HTMLElement>('.sidebar-toggle'),
    drawer: () => this.renderRoot.querySelector<HTMLElement>('#belt-sidebar'),
  });
  /** Drawing and editing corridor and culture-belt lines (the draw panel and the line actions of a line's details). */
  #drawing = new DrawController(this, {
    view: () => this.#map.view,
    store: () => this.#store,
    lang: () => this.#lang,
    strings: () => this.#t,
    announce: (text) => (this._announcement = text),
    select: (sel) => this.#select(sel),
    editable: () => !this.readonly,
  });
  /** The download menu's and the tables' files (the export code is loaded on the first download). */
  #downloads = new DownloadController(this);
  #imports = new ImportController(this, {
    plan: () => this.#store?.plan ?? null,
    apply: (outcome, byUser) => (byUser ? this.#applyImport(outcome) : this.#byCode(() => this.#applyImport(outcome))),
    onPreview: (outcome) => this.#showPreview(outcome),
  });
  /** Autosave of the plan's draft per source (IndexedDB), its notice and the list of drafts. */
  #drafts = new DraftController(this, {
    store: () => this.#store,
    open: (src) => (this.src = src),
    change: (act) => {
      // A restored or discarded draft: proposals were made for another plan; made by code, no belt-change.
      this._proposals = null;
      this.#byCode(act);
    },
  });
  #url = new UrlStateController(this, {
    enabled: () => this.urlState,
    elementId: () => this.id,
    plan: () => this._plan,
    view: () => this.#map.view,
    whenReady: () => this.whenReady(),
    read: () => this.#readUrlState(),
    apply: (state) => this.#applyUrlState(state),
    choosePlan: (id) => {
      const known = this._plans.some((p) => p.id === id);
      if (!known) console.warn(`<belt-map url-state>: plan "${id}" is not in the plans list; ignored`);
      if (!known || id === this.#currentPlanId()) return false;
      this.#choosePlan(id);
      return true;
    },
    announce: (text) => (this._announcement = text),
    strings: () => this.#t.share,
  });
  #load: AbortController | null = null;
  #ready!: { promise: Promise<void>; resolve: () => void; settled: boolean };
  #loadedSrc: string | null = null;
  #loadedPlans: string | null = null;
  #scene: Scene | null = null;
  /** What the last scene was built from: a new scene is built only when one of these changed. */
  #sceneInputs: readonly unknown[] = [];
  #areas = new WeakMap<object, ReturnType<typeof proposalAreas>>();
  /** Nesting depth of {@link #byCode}: while above 0, plan changes fire no `belt-change`. */
  #byCodeDepth = 0;
  /** An edit was made and its measure is not taken yet. */
  #editPending = false;
  /** Proposals the planner rejected (by core village), not proposed again for this plan. */
  #rejected = new Set<string>();
  /** The open popup: what it shows and its node (rendered again in place after an edit). */
  #popup: { key: string; node: HTMLElement; sel: Selection } | null = null;

  constructor() {
    super();
    // Registered with the localisation library so a translation registered later re-renders this element.
    new LocalizeController(this);
    this.lang = 'zh-CN';
    this._plan = null;
    this._plans = [];
    this._error = null;
    this._basemapFailed = null;
    this._visible = new Set(PUBLIC_LAYERS);
    this._selection = null;
    this._announcement = '';
    this._proposals = null;
    this._dropping = false;
    this._history = { undo: null, redo: null };
    this.readonly = false;
    this._accepting = null;
    this._editOpen = false;
    this.urlState = false;
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

  /** A PDF atlas: a cover/index page, then one page per cluster, per town or per stretch of a corridor, at a common scale. */
  async exportAtlas(options: AtlasOptions): Promise<Blob> {
    const { exportAtlas } = await import('../../print/exhibit.js');
    return exportAtlas(this.#exhibitContext(), options);
  }

  /**
   * The plan as it is now (with every edit and import since it was loaded) as a file, in the
   * element's language (headers, sheet and folder names, the file name) — see src/io/exportPlan.ts
   * for what each format holds. The download menu ("下载 / Download") saves the same file. The
   * export code (SheetJS, tokml, shp-write) is loaded on the first call.
   *
   * @param options - `format`: `'zip'` (the plan package: `importFile` opens it again as the same
   *   plan; always WGS84), `'geojson'`, `'kml'`, `'xlsx'`, `'csv'` (villages) or `'shp'` (a zip of
   *   Shapefiles); `crs` (default `'WGS84'`): `'CGCS2000'`, `'GCJ-02'`, `'BD-09'`, `'EPSG:4491'`…`'EPSG:4554'`
   * @returns a File (a Blob with its MIME `type` and the suggested file `name`, e.g.
   *   `怀柔区、门头沟区乡村振兴示范带（示例方案）-shp-EPSG4527.zip`)
   * @throws (rejects with) an Error whose `message` is English and `zh` Chinese for a bad option or a
   *   format and system that do not go together (a package in GCJ-02, a KML in Gauss–Krüger), or
   *   before a plan is loaded; nothing changes
   * @example
   * ```js
   * const file = await el.exportPlan({ format: 'shp', crs: 'EPSG:4527' });
   * const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(file), download: file.name });
   * a.click();
   * ```
   */
  async exportPlan(options: { format: ExportFormat; crs?: CrsId }): Promise<File> {
    const fail = (en: string, zh: string): never => {
      throw Object.assign(new Error(en), { zh });
    };
    if (options === null || typeof options !== 'object') fail(`exportPlan: options must be an object { format, crs? }, got ${String(options)}`, 'exportPlan：options 应为对象 { format, crs? }');
    const plan = this.#store?.plan;
    if (!plan) return fail('exportPlan: no plan is loaded yet (wait for whenReady())', 'exportPlan：方案尚未加载（请等待 whenReady()）');
    const { exportPlan } = await import('../../io/exportPlan.js');
    try {
      const file = exportPlan(plan, { format: options.format, ...(options.crs !== undefined ? { crs: options.crs } : {}), lang: this.#lang });
      return new File([file.bytes as BlobPart], file.name, { type: file.type });
    } catch (error) {
      const e = error as Error & { zh?: unknown };
      if (typeof e?.zh === 'string') throw error; // ExportPlanError: both languages already
      return fail(String(e?.message ?? error), String(e?.message ?? error));
    }
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
      // A package from a file has no source to keep its draft under (see DraftController.untrack).
      this.#drafts.untrack(report.file);
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
   * back, the very object. Also Ctrl+Z (⌘Z) inside the element, and the undo button (those fire
   * `belt-change`; a call by code does not).
   *
   * @returns true when there was an edit to undo
   */
  undo(): boolean {
    return this.#byCode(() => this.#step('undo'));
  }

  /**
   * Makes the last undone edit again. Also Ctrl+Shift+Z or Ctrl+Y (⌘⇧Z) inside the element, and the redo button.
   *
   * @returns true when there was an undone edit to redo
   */
  redo(): boolean {
    return this.#byCode(() => this.#step('redo'));
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
    this._accepting = null;
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

  /**
   * The content's direction: the element's own `dir` attribute (`rtl`, `ltr`, `auto`), else its interface
   * language's (`$dir` of the translation), never the page's: a page's `dir="rtl"` (inherited) does not
   * mirror the layout or reorder "4.5 km" and Chinese punctuation.
   */
  get #dir(): 'ltr' | 'rtl' | 'auto' {
    const own = this.getAttribute('dir')?.trim().toLowerCase();
    if (own === 'rtl' || own === 'auto' || own === 'ltr') return own;
    return this.#t.$dir === 'rtl' ? 'rtl' : 'ltr';
  }

  /** `dir` is the native attribute (not a Lit property): observed only to render the frame's direction again. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'dir') this.requestUpdate();
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
    // An announcement made in the previous language is not left in the live region.
    if (changed.has('lang') && changed.get('lang') !== undefined) this._announcement = '';
    this.#internals.ariaLabel = this._plan ? `${this.#t.appLabel}${textLang(this.#lang) === 'en' ? ': ' : '：'}${textLang(this.#lang) === 'en' ? this._plan.manifest.name.en : this._plan.manifest.name.zh}` : this.#t.appLabel;
  }

  protected override update(changed: PropertyValues<this>): void {
    // The requests go out before this update renders and the map is made (the first time, both keep
    // the main thread busy for a while): the manifest and its files arrive meanwhile (issue 10 §4).
    // After the controllers' hostUpdate, so a shared link's hold (url-state) is known.
    this.#startLoads();
    super.update(changed);
  }

  /** Starts loading the plan and the plans list when their URLs changed (a no-op otherwise). */
  #startLoads(): void {
    const src = this.src || BeltMap.defaultSrc;
    // A shared link naming a plan (url-state) holds the first load until the plans list says where that plan is.
    if (src !== this.#loadedSrc && !this.#url.holdsLoad) void this.#loadPlan(src);
    const plans = this.plans || BeltMap.defaultPlans;
    if (plans !== this.#loadedPlans) void this.#loadPlans(plans).then(() => this.#url.plansLoaded());
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A hold released by a controller after this update's start (url-state) loads now.
    this.#startLoads();
    const zones = this.#zones.results;
    const inputs = [this._plan, this.#lang, this._visible, this._selection, zones, this.#zones.imported, this._proposals, this.#imports.preview];
    if (inputs.some((x, i) => x !== this.#sceneInputs[i])) {
      const zonesChanged = zones !== this.#sceneInputs[4];
      this.#sceneInputs = inputs;
      this.#pushScene();
      if (this.#editPending) this.#measureEdit();
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
      <div class="frame" lang=${lang} dir=${this.#dir}>
        <header>
          <h2 class="title">${plan ? (textLang(lang) === 'en' ? plan.manifest.name.en : plan.manifest.name.zh) : t.appLabel}</h2>
          ${plan?.manifest.sample
            ? ((n) => html`<p class="notice" part="notice" role="note"><strong>${n.badge}</strong> ${n.text}</p>`)(
                sampleNotice(textLang(lang) === 'en' ? plan.manifest.notice.en : plan.manifest.notice.zh, t.sampleBadge),
              )
            : nothing}
          ${this._error ? html`<p class="error" role="alert">${t.error}: ${clipText(local(lang, this._error), 1500)}</p>` : nothing}
          ${this._basemapFailed
            ? html`<p class="error basemap-failed" role="alert">${(this._basemapFailed.part === 'style' ? t.basemap.unreachable : t.basemap.tilesFailed)(clipText(this._basemapFailed.url, 200))}</p>`
            : nothing}
          ${this._error?.problems && this._error.problems.length > 1
            ? html`<details class="error-all"><summary>${t.badInput.showAll(this._error.problems.length)}</summary>
                <ol class="error-list" aria-label=${t.badInput.listLabel}>${this._error.problems.map((p) => html`<li>${local(lang, { en: p.message, zh: p.zh })}</li>`)}</ol></details>`
            : nothing}
          <div class="actions">
          <button type="button" class="sidebar-toggle" aria-controls="belt-sidebar" aria-expanded=${this.#drawer.open ? 'true' : 'false'}
            @click=${() => this.#drawer.toggle()}>☰ ${t.layout.panels}</button>
          ${plan
            ? html`<span class="history" role="group" aria-label=${`${t.undo} / ${t.redo}`}>
                  <button type="button" class="undo" ?disabled=${!this._history.undo} @click=${() => this.#step('undo')}
                    title=${this._history.undo ? t.undoTitle(editLabel(lang, this._history.undo)) : t.nothingToUndo}>↶ ${t.undo}</button>
                  <button type="button" class="redo" ?disabled=${!this._history.redo} @click=${() => this.#step('redo')}
                    title=${this._history.redo ? t.redoTitle(editLabel(lang, this._history.redo)) : t.nothingToRedo}>↷ ${t.redo}</button>
                </span>
                <button type="button" class="print-open" @click=${() => this.#openPrint()}>${t.printButton}</button>
                <button type="button" class="download-open" aria-haspopup="dialog" title=${t.download.buttonTitle} @click=${() => void this.#openDownload()}>⤓ ${t.download.button}</button>
                <button type="button" class="import-open" @click=${() => void this.openImport()}>${t.importButton}</button>
                ${this.urlState
                  ? html`<belt-share-link .lang=${lang} .manual=${this.#url.manual}
                      @belt-share-copy=${this.#on('belt-share-copy', () => void this.#url.copyLink())}
                      @belt-share-close=${this.#on('belt-share-close', () => this.#url.closeManual())}></belt-share-link>`
                  : nothing}`
            : nothing}
          </div>
        </header>
        <belt-drafts-panel .section=${'notice'} .lang=${lang} .notice=${this.#drafts.notice}
          @belt-draft-discard=${this.#on('belt-draft-discard', () => void this.#drafts.discard().then(() => (this._announcement = t.drafts.announceDiscarded)))}
          @belt-draft-keep-mine=${this.#on('belt-draft-keep-mine', () => void this.#drafts.keepMine())}
          @belt-draft-load-theirs=${this.#on('belt-draft-load-theirs', () => void this.#drafts.loadTheirs())}
          @belt-draft-dismiss=${this.#on('belt-draft-dismiss', () => this.#drafts.dismiss())}></belt-drafts-panel>
        ${plan
          ? html`<belt-print-dialog .lang=${lang} .busy=${this.#exports.busy} .status=${this.#exports.status}
              .preview=${this.#sheet.ready ? this.#drawPreview : null} .corridors=${this.#sheet.corridors} .moving=${this.#sheet.moving}
              @belt-export=${this.#on('belt-export', ({ kind, form }) => void this.#exports.run(kind, form))}
              @belt-export-cancel=${this.#on('belt-export-cancel', () => this.#exports.cancel())}
              @belt-print-form=${this.#on('belt-print-form', ({ form, open }) => this.#sheet.follow(form, open))}
              @belt-print-move=${this.#on('belt-print-move', ({ form }) => this.#sheet.startMove(form))}
              @belt-print-move-end=${this.#on('belt-print-move-end', ({ done }) => this.#sheet.endMove(done))}></belt-print-dialog>`
          : nothing}
        ${plan
          ? html`<belt-download-menu .lang=${lang} .crsChoices=${this.#downloads.crsChoices} .status=${this.#downloads.status}
              @belt-download=${this.#on('belt-download', ({ format, crs }) => void this.#download(format, crs))}></belt-download-menu>`
          : nothing}
        <div class="body">
          <div class="map" part="map" ?inert=${this.#drawer.modal} @dragover=${this.#onDragOver} @dragleave=${this.#onDragLeave} @drop=${this.#onDrop}></div>
          ${this._dropping ? html`<div class="map-drop" aria-hidden="true">${t.imp.dropHere}</div>` : nothing}
          ${plan
            ? html`<belt-import-dialog .lang=${lang} .session=${this.#imports.session} .crsChoices=${this.#imports.crsChoices}
                @belt-import-file=${this.#on('belt-import-file', ({ file }) => void this.#imports.open(file))}
                @belt-import-options=${this.#on('belt-import-options', ({ options }) => void this.#imports.setOptions(options))}
                @belt-import-apply=${this.#on('belt-import-apply', () => void this.#imports.apply())}
                @belt-import-download=${this.#on('belt-import-download', () => void this.#imports.downloadRejected(lang, t.imp.rejectedFile))}
                @belt-import-close=${this.#on('belt-import-close', () => this.#imports.close())}></belt-import-dialog>`
            : nothing}
          ${plan
            ? html`<belt-accept-preview .lang=${lang} .plan=${plan} .proposal=${this._accepting} .year=${this.#thisYear(plan)}
                @belt-accept-confirm=${this.#on('belt-accept-confirm', ({ id, year }) => this.#confirmAccept(id, year))}
                @belt-accept-cancel=${this.#on('belt-accept-cancel', () => (this._accepting = null))}></belt-accept-preview>`
            : nothing}
          <aside class="sidebar ${this.#drawer.open ? 'open' : ''}" id="belt-sidebar" part="sidebar" aria-label=${t.layers}>
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
            ${plan && !this.readonly
              ? html`<belt-draw-panel .lang=${lang} .state=${this.#drawing.state} .snap=${this.#drawing.snap} .status=${this.#drawing.status} .lines=${this.#drawing.lines(plan)}></belt-draw-panel>`
              : nothing}
            <belt-drafts-panel .section=${'list'} .lang=${lang} .drafts=${this.#drafts.list} .current=${this.#drafts.key} .persisted=${this.#drafts.persisted}
              @belt-draft-open=${this.#on('belt-draft-open', ({ key }) => this.#drafts.open(key))}
              @belt-draft-delete=${this.#on('belt-draft-delete', ({ key }) => {
                const listed = this.#drafts.list.find((d) => d.key === key);
                const name = listed && 'planName' in listed ? local(lang, listed.planName) : key;
                void this.#drafts.remove(key).then(() => (this._announcement = t.drafts.announceDeleted(name)));
              })}></belt-drafts-panel>
            ${plan && unlocated > 0
              ? html`<p class="unlocated">${t.unlocated(unlocated)}
                  <button type="button" class="link" @click=${() => void this.#featureList()?.show({ tab: 'villages', onlyUnlocated: true })}>${t.showList}</button></p>`
              : nothing}
            ${this._selection && !this._selection.lngLat
              ? html`<section class="details-panel" aria-label=${t.details} tabindex="-1" @keydown=${this.#onDetailsKey}>
                  <belt-details-panel .lang=${lang} .plan=${plan} .selection=${this._selection} .editable=${!this.readonly} .editOpen=${this._editOpen}
                    @belt-edit-toggle=${this.#on('belt-edit-toggle', ({ open }) => (this._editOpen = open))}
                    @belt-plan-edit=${this.#on('belt-plan-edit', (r) => this.#edit(r))}
                    @belt-details-close=${this.#on('belt-details-close', () => this.#select(null))}></belt-details-panel>
                </section>`
              : nothing}
          </aside>
        </div>
        ${plan
          ? html`<belt-feature-list .lang=${lang} .plan=${plan} .zones=${zones.results} .proposals=${this._proposals}
              @belt-feature-pick=${this.#on('belt-feature-pick', (sel) => this.#selectFromList(sel))}
              @belt-stats-year=${this.#on('belt-stats-year', () => this.#url.changed())}
              @belt-table-download=${this.#on('belt-table-download', ({ format, ...data }) => void this.#downloadTable(data, format))}
              @belt-propose=${this.#on('belt-propose', () => (this._proposals = this.#propose(plan)))}
              @belt-proposal-decide=${this.#on('belt-proposal-decide', ({ id, accept }) => this.#decide(id, accept))}></belt-feature-list>`
          : html`<p class="loading" role="status">${this._error ? '' : t.loading}</p>`}
        <footer>
          <details>
            <summary>${t.attribution}</summary>
            <ul>
              ${(plan?.manifest.attribution ?? []).map((a) => html`<li><span class="what">${textLang(lang) === 'en' ? a.what.en : a.what.zh}</span>: <span lang=${creditLang(a.text)}>${a.text}</span> (<span lang=${creditLang(a.licence)}>${a.licence}</span>)</li>`)}
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
      basemap: this.#map.view?.printBasemap ?? null,
    };
  }

  #openPrint(): void {
    // While the printed extent is moved on the map, the button ends the move as Done (the dialog reopens).
    if (this.#sheet.moving) return this.#sheet.endMove(true);
    this.#exports.clearStatus();
    const dialog = this.renderRoot.querySelector<PrintDialog>('belt-print-dialog');
    dialog?.show();
    // The preview, the frame and the atlas's lines come with the print code (its own chunk).
    void this.#sheet.load().then(
      () => dialog && this.#sheet.follow(dialog.form, true),
      (error: unknown) => this.#reportError((error as Error).message),
    );
  }

  /** Opens the download menu; its coordinate systems (with the 3° zones over the plan's longitudes) load with it. */
  async #openDownload(): Promise<void> {
    const plan = this._plan;
    if (!plan) return;
    this.#downloads.clearStatus();
    const [west, , east] = planBounds(plan.corridors, plan.cultureBelts, plan.districts) ?? plan.manifest.views[0]!.bounds;
    void this.#downloads.loadCrsChoices(west, east);
    await this.updateComplete;
    this.renderRoot.querySelector<DownloadMenu>('belt-download-menu')?.show();
  }

  /** The menu's download: the file is made from the plan as it is now and saved; the menu shows how it went. */
  async #download(format: ExportFormat, crs: CrsId): Promise<void> {
    await this.#downloads.downloadPlan(format, crs);
  }

  /** A table of the feature list as a file, as shown; announced. */
  async #downloadTable(data: Omit<PanelEventDetails['belt-table-download'], 'format'>, format: 'csv' | 'xlsx'): Promise<void> {
    await this.#downloads.downloadTable(data, format);
    this._announcement = this.#downloads.tableAnnouncement(this.#lang, this.#t.download);
  }

  /** A newly loaded plan: the store starts over with it (no history across plans). */
  #setPlan(plan: Plan): void {
    if (this.#store) {
      this.#store.replace(plan);
      return;
    }
    const store = (this.#store = new PlanStore(plan));
    // The store lives as long as the element; its one listener is the element itself.
    store.subscribe((next, change) => this.#onPlanChange(next, change));
    this._plan = plan;
  }

  /** Every change of the plan: the screen follows it, and a user's edit is told to the page. */
  #onPlanChange(next: Plan, change: PlanChange): void {
    const before = this._plan;
    const store = this.#store!;
    this._plan = next;
    this._history = { undo: store.undoEdit, redo: store.redoEdit };
    if (change.type === 'replace') {
      this.#rejected.clear();
      return;
    }
    this._selection = this.#freshSelection(next, this._selection);
    if (this.#byCodeDepth > 0 || !before) return;
    const edit = change.type === 'undo' || change.type === 'redo' ? change.edit : change;
    const { villages, clusters, lines, belts } = planChanges(before, next);
    const detail: BeltChangeDetail = {
      type: change.type === 'undo' || change.type === 'redo' ? change.type : 'edit',
      label: { en: editLabel('en', edit), zh: editLabel('zh-CN', edit) },
      ...(edit.type === 'dispatch' ? { command: structuredClone(edit.command) } : {}),
      villages: structuredClone(villages),
      clusters,
      lines,
      belts,
      canUndo: store.canUndo,
      canRedo: store.canRedo,
    };
    this.dispatchEvent(beltEvent<BeltChangeDetail>('belt-change', detail));
  }

  /** Changes made by code (a method of the element called by the page, a restored draft) fire no `belt-change`. */
  #byCode<T>(run: () => T): T {
    this.#byCodeDepth++;
    try {
      return run();
    } finally {
      this.#byCodeDepth--;
    }
  }

  /** The selection as the new plan has it (its role, figures, position); null when its feature is gone. */
  #freshSelection(plan: Plan, sel: Selection | null): Selection | null {
    if (!sel) return null;
    const id = String(sel.properties['code'] ?? sel.properties['id'] ?? '');
    if (sel.layer === 'villages' || sel.layer === 'clusters') {
      const fresh = selectionById(plan, this.#lang, sel.layer, id);
      if (!fresh) return null;
      const properties = sel.layer === 'clusters' ? this.#clusterFigures(id, fresh.properties, plan) : fresh.properties;
      // A cluster's popup stays where it was opened; a village's follows the village.
      return { ...fresh, properties, lngLat: sel.layer === 'clusters' ? sel.lngLat : fresh.lngLat };
    }
    if (sel.layer === 'corridors' || sel.layer === 'culture-belts') {
      const line = lookup(plan).lineById.get(id);
      return line ? (line.feature.properties === sel.properties ? sel : { ...sel, properties: { ...line.feature.properties } }) : null;
    }
    return sel;
  }

  /**
   * Makes an edit asked for in the details: one step of the history (undo reverts it whole),
   * announced; one the plan cannot take is announced and changes nothing.
   */
  #edit(request: EditRequest): void {
    const store = this.#store;
    if (!store) return;
    const t = this.#t.editing;
    // Measured (performance marks, not asserted; test/perf/live.ts): see #measureEdit.
    performance.mark('belt-edit-start');
    this.#editPending = true;
    try {
      const plan = store.plan;
      const planner = (e: PlannerEdit) => store.apply(e.plan, e.label);
      switch (request.type) {
        case 'command':
          store.dispatch(request.command);
          break;
        case 'move':
          planner(moveToCluster(plan, request.code, request.clusterId));
          break;
        case 'core':
          planner(makeClusterCore(plan, request.clusterId, request.code));
          break;
        case 'new-cluster': {
          const made = newClusterAround(plan, request.code, this.#thisYear(plan));
          planner(made);
          this._announcement = t.announce.created(localName(this.#lang, lookup(store.plan).clusterById.get(made.id)!));
          return;
        }
        case 'lasso':
          void this.#lasso(request.clusterId);
          return;
      }
      if (store.plan !== plan) this._announcement = t.announce.changed(editLabel(this.#lang, store.undoEdit!));
    } catch (error) {
      this._announcement = t.failed((error as Error).message);
    }
  }

  /** The details' edit controls, unless the element is read-only. */
  #editOptions(): EditOptions | undefined {
    if (this.readonly) return undefined;
    return {
      onEdit: (r) => this.#edit(r),
      open: this._editOpen,
      onToggle: (open) => {
        this._editOpen = open;
      },
    };
  }

  /**
   * Performance measures of an edit (not asserted; test/perf/live.ts reports them): `belt-edit`, from
   * the control's change until the screen holds the new plan — the store, the scene handed to the map
   * (setData), the legend and every panel (statistics, rule check, lists) rendered; `belt-edit-frame`,
   * until the next animation frame (the map's own drawing, on the GPU, comes after).
   */
  #measureEdit(): void {
    this.#editPending = false;
    const panels = [...this.renderRoot.querySelectorAll('*')].filter((e): e is LitElement => e instanceof LitElement);
    void Promise.all(panels.map((p) => p.updateComplete)).then(() => performance.measure('belt-edit', 'belt-edit-start'));
    requestAnimationFrame(() => performance.measure('belt-edit-frame', 'belt-edit-start'));
  }

  /** This year, within the plan's years: the year an edit gives when it needs one. */
  #thisYear(plan: Plan): number {
    const years = plan.manifest.years;
    return Math.min(Math.max(new Date().getFullYear(), years[0]!), years.at(-1)!);
  }

  /** Draws a lasso on the map and adds the villages inside to the cluster (one edit). */
  async #lasso(clusterId: string): Promise<void> {
    const t = this.#t.editing;
    // src/map/draw.ts's lasso (terra-draw, loaded on first use), of the map view shown.
    const tools = this.#drawing.tools;
    if (!tools) {
      this._announcement = t.lassoUnavailable;
      return;
    }
    this._announcement = t.lassoHint;
    // The popup would cover what is lassoed; the cluster is selected again afterwards.
    const sel = this._selection;
    this.#map.view?.closePopup();
    // The draw panel shows the lasso's instructions, with Cancel.
    this.#drawing.state = { step: 'drawing', kind: 'lasso' };
    this.requestUpdate();
    const drawn = await tools.lasso();
    if (this.#drawing.state.step === 'drawing' && this.#drawing.state.kind === 'lasso') this.#drawing.state = { step: 'idle' };
    this.requestUpdate();
    if (sel && this.#store && lookup(this.#store.plan).clusterById.has(clusterId)) this.#select(this.#freshSelection(this.#store.plan, sel));
    const ring = drawn?.[0]?.map((p) => [p[0]!, p[1]!] as [number, number]) ?? null;
    const store = this.#store;
    if (!ring || !store || !lookup(store.plan).clusterById.has(clusterId)) return;
    try {
      const e = lassoIntoCluster(store.plan, clusterId, ring);
      store.apply(e.plan, e.label);
      const cluster = lookup(store.plan).clusterById.get(clusterId)!;
      this._announcement = e.added.length ? t.announce.lassoAdded(e.added.length, localName(this.#lang, cluster), e.skipped.length) : t.announce.lassoNone(e.skipped.length);
    } catch (error) {
      this._announcement = t.failed((error as Error).message);
    }
  }

  /** Areas of the pending proposals, computed once per proposal state (so the map skips setData). */
  #proposalAreas(plan: Plan): ReturnType<typeof proposalAreas> | undefined {
    const state = this._proposals;
    if (!state) return undefined;
    let fc = this.#areas.get(state);
    if (!fc) this.#areas.set(state, (fc = proposalAreas(plan, state.proposals)));
    return fc;
  }

  /**
   * Accepting first shows what it will change (`<belt-accept-preview>`); rejecting drops it for this
   * plan: it is not proposed again. Both are announced.
   */
  #decide(id: string, accept: boolean): void {
    const proposal = this._proposals?.proposals.find((p) => p.id === id);
    if (!this._plan || !this._proposals || !proposal) return;
    if (accept) {
      this._accepting = proposal;
      return;
    }
    this.#rejected.add(proposal.core);
    this._proposals = { ...this._proposals, proposals: this._proposals.proposals.filter((p) => p !== proposal) };
    this._announcement = this.#t.rejected(townText(this._plan, this.#lang, proposal.town));
  }

  /** The preview's confirm: the cluster goes into the plan with the year chosen (one edit). */
  #confirmAccept(id: string, year: number): void {
    const proposal = this._accepting;
    this._accepting = null;
    if (!proposal || proposal.id !== id || !this._proposals || !this.#store) return;
    try {
      // The cluster keeps the engine's reasons in Chinese too (`reason_zh`), worded from its data.
      const zh = proposalReasonText(strings('zh-CN'), proposal.why);
      this.#store.dispatch({ type: 'accept-proposal', proposal: { ...proposal, reason: { ...proposal.reason, zh } }, year });
    } catch (error) {
      this._announcement = this.#t.editing.failed((error as Error).message);
      return;
    }
    this._proposals = { ...this._proposals, proposals: this._proposals.proposals.filter((p) => p.id !== id) };
    this._announcement = this.#t.accepted(this._plan ? townText(this._plan, this.#lang, proposal.town) : proposal.town);
  }

  /** The engine's proposals for the plan, without those the planner rejected. */
  #propose(plan: Plan): ProposalState {
    const state = proposeForPlan(plan);
    return { ...state, proposals: state.proposals.filter((p) => !this.#rejected.has(p.core)) };
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
      // Fetched, parsed and validated in a worker: a 500,000-village package does not freeze the page.
      const plan = await loadPlanOffThread(src, { signal: abort.signal, allowedOrigins: BeltMap.allowedOrigins });
      if (abort.signal.aborted) return;
      this._error = null;
      this._selection = null;
      this._proposals = null;
      this.#setPlan(plan);
      // The user's draft of this source, if any, comes back as one edit before belt-ready (which reports it).
      await this.#drafts.loaded(src);
      if (abort.signal.aborted) return;
      if (this.#drafts.notice?.kind === 'restored') this._announcement = this.#t.drafts.announceRestored(formatDraftTime(this.#drafts.notice.draft.savedAt, this.#lang));
      await this.updateComplete;
      this.#map.view?.fitBounds(this.#viewBounds(), false);
      await this.#map.view?.whenIdle();
      if (abort.signal.aborted) return;
      this.#ready.settled = true;
      this.#ready.resolve();
      const shown = this.#store!.plan;
      const located = shown.villages.features.filter((f) => f.geometry).length;
      this.dispatchEvent(beltEvent<BeltReadyDetail>('belt-ready', { src, villages: shown.villages.features.length, located }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // The previous plan (if any) stays on screen: a bad URL loses nothing.
      const message = (error as Error).message;
      const problems = error instanceof PlanLoadError ? error.problems : [];
      this._error = { en: message, zh: error instanceof PlanLoadError ? error.zh : message, problems };
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
    this.#map.view?.setLocale(mapLocale(this.#t));
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

  /** What a shared link keeps of the state (url-state), besides the camera. */
  #readUrlState(): Omit<UrlState, 'camera' | 'bounds'> {
    const selection = selectionKey(this._selection);
    const year = this.#featureList()?.statsYear ?? null;
    const plan = this._plans.length > 1 ? this.#currentPlanId() : undefined;
    return {
      layers: [...this._visible],
      zones: [...this.#zones.on].map((lineId) => ({ lineId, km: this.#zones.km[lineId] })),
      ...(selection ? { selection } : {}),
      ...(year !== null ? { year } : {}),
      ...(plan ? { plan } : {}),
    };
  }

  /** A shared link's state, checked against the plan (url-state); what it does not say goes back to the defaults. */
  #applyUrlState(state: UrlState): void {
    const plan = this._plan;
    if (!plan) return;
    this._visible = state.layers ? new Set(state.layers) : parseLayers(this.layers);
    for (const lineId of this.#zones.on) if (!state.zones?.some((z) => z.lineId === lineId)) this.#zones.toggle(lineId, false);
    for (const { lineId, km } of state.zones ?? []) {
      if (km !== undefined) this.#zones.setKm(lineId, km);
      this.#zones.toggle(lineId, true);
    }
    const list = this.#featureList();
    if (list) list.statsYear = state.year ?? null;
    // As a pick in the list makes it (the popup opens on a village), but without belt-select: the page did not pick it.
    const sel = state.selection ? selectionFor(plan, this.#lang, state.selection) : null;
    this.#select(sel, false);
    if (sel?.lngLat && !state.camera && !state.bounds) this.#map.view?.flyTo(sel.lngLat, sel.layer === 'villages' ? 12 : 10);
  }

  #selectFromList(sel: Selection): void {
    const row = this.shadowRoot?.activeElement as HTMLElement | null;
    this.#select(sel);
    if (sel.lngLat) this.#map.view?.flyTo(sel.lngLat, sel.layer === 'villages' ? 12 : 10);
    // An unlocated village has no place on the map: its details (in the sidebar; in a narrow element the
    // drawer, opened for them) get the focus, and Escape there gives it back to the row.
    else {
      if (this.#drawer.narrow) this.#drawer.show({ focus: false });
      void this.updateComplete.then(() => {
        this.#detailsOpener = row;
        this.renderRoot.querySelector<HTMLElement>('section.details-panel')?.focus();
      });
    }
  }

  /** What opened the sidebar's details (a list row): Escape in them gives it the focus back. */
  #detailsOpener: HTMLElement | null = null;

  #onDetailsKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    const opener = this.#detailsOpener;
    this.#detailsOpener = null;
    this.#select(null);
    if (opener?.isConnected) opener.focus();
  };

  /** Selects a feature (null: none) and announces it; `belt-select` fires unless `fire` is false (a selection restored from a link). */
  #select(sel: Selection | null, fire = true): void {
    // A cluster picked on the map has its area's properties (the core as a code): named as the lists name it.
    if (sel?.layer === 'clusters' && this._plan) {
      const id = String(sel.properties['id']);
      sel = { ...sel, properties: this.#clusterFigures(id, { ...sel.properties, ...clusterSelection(this._plan, this.#lang, id) }) };
    }
    this._selection = sel;
    if (!sel) return;
    const id = String(sel.properties['code'] ?? sel.properties['id'] ?? '');
    const name = String((textLang(this.#lang) === 'en' ? sel.properties['name_en'] : sel.properties['short_name'] ?? sel.properties['name']) ?? id);
    this._announcement = this.#t.selected(name);
    if (fire) this.dispatchEvent(beltEvent<BeltSelectDetail>('belt-select', { layer: sel.layer, id, properties: { ...sel.properties }, lngLat: sel.lngLat }));
  }

  /** A cluster's figures for its details: area and member count from the drawn area, the plan's reason. */
  #clusterFigures(id: string, properties: Record<string, unknown>, plan = this._plan): Record<string, unknown> {
    const area = plan && derivedGeometry(plan).clusterAreas.features.find((f) => f.properties.id === id)?.properties;
    const cluster = plan?.clusters.find((c) => c.id === id);
    // The figures only: the area's own `core` is a code, and the details name the core.
    return {
      ...properties, ...(area ? { areaKm2: area.areaKm2, memberCount: area.memberCount } : {}),
      reason: cluster?.reason ?? properties['reason'], reason_zh: cluster?.reason_zh ?? properties['reason_zh'],
    };
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
    const template = detailsTemplate(this.#t, this.#lang, this._plan!, sel, () => this.#select(null), this.#editOptions());
    // The same feature at the same place after an edit: its popup is rendered again, not made anew,
    // so the control just used keeps the focus.
    const key = `${sel.layer}:${String(sel.properties['code'] ?? sel.properties['id'] ?? '')}:${sel.lngLat.join(',')}`;
    if (this.#popup && this.#popup.key === key && view.popupOpen) {
      this.#popup.sel = sel;
      render(template, this.#popup.node);
      return;
    }
    const node = document.createElement('div');
    node.className = 'popup';
    render(template, node);
    const popup = (this.#popup = { key, node, sel });
    view.showPopup(sel.lngLat, node, () => {
      if (this._selection === popup.sel) this._selection = null;
    });
  }
}
