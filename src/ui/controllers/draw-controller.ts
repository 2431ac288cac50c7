import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LineDraw } from '../../map/draw.js';
import type { MapView } from '../../map/view.js';
import type { LineLayer } from '../../plan/commands.js';
import { lookup } from '../../plan/lookup.js';
import {
  beltAlongLine,
  clustersAlong,
  drawnLineFeature,
  exactSnap,
  renamedLine,
  reshapedLine,
  snapTargets,
  type DrawnGeometry,
} from '../../state/drawLine.js';
import { localName, type Lang, type Strings } from '../../state/i18n.js';
import type { PlanStore } from '../../state/store.js';
import type { LineFeature, Plan } from '../../types/plan.js';
import type { DrawPanelLine, DrawPanelState } from '../draw-panel/draw-panel.js';
import type { PanelEventDetails, PanelEventType, Selection } from '../panel-events.js';

/** What the host gives the controller. */
export interface DrawControllerConfig {
  /** The live map view (null before it is made). */
  view: () => MapView | null;
  /** The plan's store (null before a plan is loaded). */
  store: () => PlanStore | null;
  lang: () => Lang;
  strings: () => Strings;
  /** Says something in the host's live region. */
  announce: (text: string) => void;
  /** Selects a feature (its details open) or clears the selection. */
  select: (sel: Selection | null) => void;
  /** False while the plan may not be edited (read-only): the line actions are refused. */
  editable?: () => boolean;
}

const BELT_KM = 3;
const AREA_KM = 2;

/** The panel events this controller handles (they stop at the host). */
const EVENTS = ['belt-draw-start', 'belt-draw-snap', 'belt-draw-finish', 'belt-draw-cancel', 'belt-draw-save', 'belt-line-action', 'belt-line-rename', 'belt-line-delete', 'belt-line-belt', 'belt-line-area'] as const satisfies readonly PanelEventType[];

/**
 * Drawing and editing lines for `<belt-map>`: owns the {@link LineDraw} of the map view and the draw
 * panel's state, and turns what the user does into plan edits through the store (`add-line`,
 * `replace-line`, `delete-line`, `add-belt`: each one undoable edit). It listens on the host for the
 * draw panel's events and the line actions of a line's details (the popup's buttons); they stop there.
 */
export class DrawController implements ReactiveController {
  /** What the draw panel shows. */
  state: DrawPanelState = { step: 'idle' };
  /** Snap new vertices to villages. */
  snap = true;
  /** The last action's message. */
  status = '';
  #draw: LineDraw | null = null;
  #drawView: MapView | null = null;
  /** The line drawn and not yet named. */
  #pending: { layer: LineLayer; geometry: DrawnGeometry } | null = null;
  #areaShown = false;
  /** Counts area requests and hides: a late area never replaces a newer one or comes back after a hide. */
  #areaSeq = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: DrawControllerConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of EVENTS) this.host.addEventListener(type, this.#onEvent as EventListener);
  }

  hostDisconnected(): void {
    for (const type of EVENTS) this.host.removeEventListener(type, this.#onEvent as EventListener);
    this.#draw?.destroy();
    this.#draw = null;
    this.#drawView = null;
    this.#pending = null;
    this.#areaShown = false;
    this.state = { step: 'idle' };
  }

  /** The plan's lines for the panel's lists. */
  lines(plan: Plan | null): DrawPanelLine[] {
    if (!plan) return [];
    return [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => ({ id: f.properties.id, name: f.properties.name, name_en: f.properties.name_en }));
  }

  /** The drawing tools of the current map view (made anew with a new view). */
  get tools(): LineDraw | null {
    const view = this.config.view();
    if (!view) return null;
    if (this.#drawView !== view) {
      this.#draw?.destroy();
      this.#draw = new LineDraw(view);
      this.#drawView = view;
    }
    return this.#draw;
  }

  #onEvent = (e: CustomEvent): void => {
    e.stopImmediatePropagation();
    const kind = e.type as (typeof EVENTS)[number];
    const d = e.detail as PanelEventDetails[typeof kind];
    switch (kind) {
      case 'belt-draw-start':
        void this.drawNew((d as PanelEventDetails['belt-draw-start']).layer);
        break;
      case 'belt-draw-snap':
        this.snap = (d as PanelEventDetails['belt-draw-snap']).on;
        this.#update();
        break;
      case 'belt-draw-finish':
        this.#draw?.finish();
        break;
      case 'belt-draw-cancel':
        this.cancel();
        break;
      case 'belt-draw-save':
        this.#saveNew(d as PanelEventDetails['belt-draw-save']);
        break;
      case 'belt-line-action':
        this.#action(d as PanelEventDetails['belt-line-action']);
        break;
      case 'belt-line-rename':
        this.#rename(d as PanelEventDetails['belt-line-rename']);
        break;
      case 'belt-line-delete':
        this.#delete((d as PanelEventDetails['belt-line-delete']).id);
        break;
      case 'belt-line-belt':
        this.#belt(d as PanelEventDetails['belt-line-belt']);
        break;
      case 'belt-line-area':
        void this.#area(d as PanelEventDetails['belt-line-area']);
        break;
      default:
        kind satisfies never;
    }
  };

  /** Cancels a drawing, or closes the open form; the pending line is dropped. */
  cancel(): void {
    const wasDrawing = this.state.step === 'drawing';
    this.#draw?.cancel();
    this.#setPending(null);
    this.state = { step: 'idle' };
    if (wasDrawing) this.#say(this.#t.draw.cancelled);
    this.#update();
  }

  /** Draws a new line of `layer`, then asks for its names. */
  async drawNew(layer: LineLayer): Promise<void> {
    const tools = this.tools;
    const plan = this.#plan;
    if (!tools || !plan || !this.#editable) return;
    this.config.select(null);
    this.#setPending(null);
    this.status = '';
    this.state = { step: 'drawing', kind: 'line', layer };
    this.#update();
    this.config.announce(this.#t.draw.drawHelp);
    // Vertices on a village are counted (and made exact) whether they were snapped or placed there.
    const targets = snapTargets(plan);
    let coords: [number, number][] | null;
    try {
      coords = await tools.drawLine(this.snap ? { snapTo: targets.map((t) => t.coordinates) } : {});
    } catch (error) {
      this.state = { step: 'idle' };
      this.#say(this.#t.draw.failed((error as Error).message));
      return;
    }
    if (this.state.step !== 'drawing') return; // cancelled from the panel
    if (!coords) {
      this.state = { step: 'idle' };
      this.#say(this.#t.draw.cancelled);
      return;
    }
    const { coordinates, on } = exactSnap(coords, targets);
    const geometry: DrawnGeometry = { coordinates, on, zoom: this.config.view()?.map.getZoom() ?? 0 };
    const distinct = new Set(coordinates.map((c) => c.join(','))).size;
    if (distinct < 2) {
      this.state = { step: 'idle' };
      this.#say(this.#t.draw.tooShort);
      return;
    }
    this.#setPending({ layer, geometry });
    this.state = { step: 'naming', layer, vertices: coordinates.length, snapped: on.filter((c) => c !== null).length };
    this.#update();
  }

  #saveNew({ name, name_en, kind }: PanelEventDetails['belt-draw-save']): void {
    const t = this.#t.draw;
    const pending = this.#pending;
    const store = this.config.store();
    if (!pending || !store || this.state.step !== 'naming') return;
    if (name.trim() === '') return this.#fail(t.nameRequired);
    try {
      const feature = drawnLineFeature(store.plan, pending.layer, { name, name_en, kind }, pending.geometry);
      store.dispatch({ type: 'add-line', layer: pending.layer, feature });
      this.#setPending(null);
      this.state = { step: 'idle' };
      this.#say(t.added(feature.properties.name));
      this.#selectLine(feature.properties.id);
    } catch (error) {
      this.#fail(t.failed((error as Error).message));
    }
  }

  #action({ action, id }: PanelEventDetails['belt-line-action']): void {
    const plan = this.#plan;
    const line = plan ? lookup(plan).lineById.get(id) : undefined;
    if (!plan || !line || !this.#editable) return;
    this.#draw?.cancel();
    this.#setPending(null);
    this.status = '';
    const name = localName(this.config.lang(), line.feature.properties);
    switch (action) {
      case 'rename':
        this.state = { step: 'rename', id, name: line.feature.properties.name, name_en: line.feature.properties.name_en };
        break;
      case 'edit':
        void this.#editGeometry(line.feature);
        return;
      case 'delete':
        this.state = { step: 'delete', id, name };
        break;
      case 'belt':
        this.state = { step: 'belt', id, name, km: BELT_KM, beltName: this.#t.draw.beltDefaultName(line.feature.properties.name), found: clustersAlong(plan, line.feature, BELT_KM) };
        void this.#showArea([id], BELT_KM).catch((error: Error) => this.#fail(this.#t.draw.failed(error.message)));
        break;
      case 'area':
        this.state = { step: 'area', ids: [id], km: AREA_KM, result: null };
        break;
      default:
        action satisfies never;
    }
    this.#update();
  }

  #rename({ id, name, name_en }: PanelEventDetails['belt-line-rename']): void {
    const t = this.#t.draw;
    const store = this.config.store();
    const line = store ? lookup(store.plan).lineById.get(id) : undefined;
    if (!store || !line) return;
    if (name.trim() === '') return this.#fail(t.nameRequired);
    try {
      const next = renamedLine(line.feature, { name, name_en });
      store.dispatch({ type: 'replace-line', id, feature: next });
      this.state = { step: 'idle' };
      this.#say(t.renamed(next.properties.name));
      this.#selectLine(id);
    } catch (error) {
      this.#fail(t.failed((error as Error).message));
    }
  }

  async #editGeometry(line: LineFeature): Promise<void> {
    const t = this.#t.draw;
    const tools = this.tools;
    const plan = this.#plan;
    if (!tools || !plan) return;
    const id = line.properties.id;
    if (line.geometry.type !== 'LineString') {
      this.state = { step: 'idle' };
      this.#say(t.failed('MultiLineString'));
      return;
    }
    this.config.select(null);
    this.state = { step: 'drawing', kind: 'edit', name: localName(this.config.lang(), line.properties) };
    this.#update();
    this.config.announce(t.editHelp);
    const targets = snapTargets(plan);
    let coords: [number, number][] | null;
    try {
      coords = await tools.editLine(line.geometry.coordinates as [number, number][], this.snap ? { snapTo: targets.map((x) => x.coordinates) } : {});
    } catch (error) {
      this.state = { step: 'idle' };
      this.#say(t.failed((error as Error).message));
      return;
    }
    if (this.state.step !== 'drawing') return;
    this.state = { step: 'idle' };
    if (!coords) {
      this.#say(t.cancelled);
      return;
    }
    const store = this.config.store();
    const current = store ? lookup(store.plan).lineById.get(id) : undefined;
    if (!store || !current) return this.#say(t.failed(id));
    const { coordinates, on } = exactSnap(coords, targets);
    try {
      const next = reshapedLine(current.feature, { coordinates, on, zoom: this.config.view()?.map.getZoom() ?? 0 });
      store.dispatch({ type: 'replace-line', id, feature: next });
      this.#say(t.edited(localName(this.config.lang(), next.properties)));
      this.#selectLine(id);
    } catch (error) {
      this.#say(t.failed((error as Error).message));
    }
  }

  #delete(id: string): void {
    const t = this.#t.draw;
    const store = this.config.store();
    const line = store ? lookup(store.plan).lineById.get(id) : undefined;
    if (!store || !line) return;
    try {
      store.dispatch({ type: 'delete-line', id });
      this.state = { step: 'idle' };
      this.config.select(null);
      this.#say(t.deleted(localName(this.config.lang(), line.feature.properties)));
    } catch (error) {
      this.#fail(t.failed((error as Error).message));
    }
  }

  #belt({ id, km, name, create, clusters }: PanelEventDetails['belt-line-belt']): void {
    const t = this.#t.draw;
    const store = this.config.store();
    const s = this.state;
    const line = store ? lookup(store.plan).lineById.get(id) : undefined;
    if (!store || !line || s.step !== 'belt') return;
    let found: ReturnType<typeof clustersAlong>;
    try {
      found = clustersAlong(store.plan, line.feature, km);
    } catch (error) {
      return this.#fail(t.failed((error as Error).message));
    }
    if (!create) {
      this.state = { ...s, km, beltName: name, found, error: undefined };
      void this.#showArea([id], km).catch((error: Error) => this.#fail(t.failed(error.message)));
      this.#update();
      return;
    }
    if (name.trim() === '') return this.#fail(t.nameRequired);
    // The ticked clusters, in their order along the line.
    const ticked = clusters ? new Set(clusters) : null;
    const chosen = found.filter((c) => !ticked || ticked.has(c.id));
    if (chosen.length < 2) return this.#fail(t.beltTooFew);
    try {
      const belt = beltAlongLine(store.plan, id, chosen.map((c) => c.id), name);
      store.dispatch({ type: 'add-belt', belt });
      this.state = { step: 'idle' };
      this.#hideArea();
      this.#say(t.beltCreated(belt.name, belt.clusters.length));
    } catch (error) {
      this.#fail(t.failed((error as Error).message));
    }
  }

  async #area({ ids, km, show }: PanelEventDetails['belt-line-area']): Promise<void> {
    const t = this.#t.draw;
    const plan = this.#plan;
    const s = this.state;
    if (!plan || s.step !== 'area') return;
    if (!show) {
      this.#hideArea();
      this.state = { step: 'idle' };
      this.#update();
      return;
    }
    if (ids.length === 0) return this.#fail(t.areaNone);
    try {
      const shown = await this.#showArea(ids, km);
      if (!shown || this.state.step !== 'area') return;
      const { km2 } = shown;
      this.state = { step: 'area', ids, km, result: { km2, lines: ids.length } };
      this.config.announce(t.areaResult(km2.toFixed(2), ids.length));
      this.#update();
    } catch (error) {
      this.#fail(t.failed((error as Error).message));
    }
  }

  /**
   * Draws the area of lines `ids` (连线成片); null when it was hidden or superseded meanwhile. Its
   * module (with the buffer engine) is loaded on the first area shown.
   */
  async #showArea(ids: readonly string[], km: number): Promise<{ km2: number } | null> {
    const seq = ++this.#areaSeq;
    const { linesArea } = await import('../../state/linesArea.js');
    const plan = this.#plan;
    const view = this.config.view();
    if (!plan || !view || seq !== this.#areaSeq) return null;
    const { area, km2 } = linesArea(plan, ids, km);
    view.showOverlay('area', area);
    this.#areaShown = true;
    return { km2 };
  }

  #hideArea(): void {
    this.#areaSeq++;
    if (this.#areaShown) this.config.view()?.showOverlay('area', null);
    this.#areaShown = false;
  }

  #setPending(pending: { layer: LineLayer; geometry: DrawnGeometry } | null): void {
    this.#pending = pending;
    const view = this.config.view();
    if (!view) return;
    const p = this.#pending;
    view.showOverlay('pending', p ? { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: p.geometry.coordinates.map((c) => [c[0]!, c[1]!]) } } : null, '#d81b60');
    if (!p && this.state.step !== 'belt') this.#hideArea();
  }

  #selectLine(id: string): void {
    const plan = this.#plan;
    const line = plan ? lookup(plan).lineById.get(id) : undefined;
    if (!line) return;
    const first = line.feature.geometry.type === 'LineString' ? line.feature.geometry.coordinates[0] : line.feature.geometry.coordinates[0]?.[0];
    this.config.select({
      layer: line.layer === 'corridors' ? 'corridors' : 'culture-belts',
      properties: { ...line.feature.properties },
      lngLat: first ? [first[0]!, first[1]!] : null,
    });
  }

  #fail(message: string): void {
    const s = this.state;
    if (s.step !== 'idle' && s.step !== 'drawing') this.state = { ...s, error: message };
    else this.status = message;
    this.config.announce(message);
    this.#update();
  }

  #say(message: string): void {
    this.status = message;
    this.config.announce(message);
    this.#update();
  }

  #update(): void {
    this.host.requestUpdate();
  }

  get #plan(): Plan | null {
    return this.config.store()?.plan ?? null;
  }

  get #editable(): boolean {
    return this.config.editable?.() ?? true;
  }

  get #t(): Strings {
    return this.config.strings();
  }
}
