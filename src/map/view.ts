/**
 * The one class that touches MapLibre and deck.gl. State reaches it through `setScene(scene)`.
 */
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type IControl,
  type LayerSpecification,
  type MapGeoJSONFeature,
  type PositionAnchor,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { IMPORTED_POINTS, LINKS_SOURCE, linksData, overBasemap, publicLayerOf, withLinks, type Scene } from './scene.js';
import { parseColour } from '../state/colour.js';
import type { PublicLayerId } from '../state/layers.js';
import type { Camera } from '../state/urlState.js';
import { MapKeyboard, type MapKeyboardOptions } from './keyboard.js';
import { PRINT_FRAME, PrintFrame } from './printFrame.js';

setWorkerUrl(workerUrl);

/** What the user picked on the map: plain data, safe to put in an event's `detail`. */
export interface MapPick {
  layer: PublicLayerId;
  properties: Record<string, unknown>;
  lngLat: [number, number];
}

export interface MapViewOptions {
  /** `offline` (the scene's own basemap) or the URL of a MapLibre style to draw the plan over. */
  basemap: string;
  bounds: [number, number, number, number];
  onPick: (pick: MapPick | null) => void;
  onError: (message: string) => void;
  /**
   * The online basemap could not be used (its style unreachable, not a style, or its tiles failing):
   * `reason` is the browser's or MapLibre's own words (English). Called once per view; when the
   * `style` failed the map draws the plan on the offline basemap instead; failing `tiles` leave gaps.
   */
  onBasemapError?: (url: string, reason: string, part: 'style' | 'tiles') => void;
  /** Accessible name of the map canvas. */
  label: string;
  /** MapLibre's own control texts in the interface language (its `locale` option); see {@link MapView.setLocale}. */
  locale?: Record<string, string>;
  /** The features from the keyboard (./keyboard.ts): none without. */
  keyboard?: MapKeyboardOptions;
}

/** Ids of style layers that are not the scene's: terra-draw's (`td-…`, src/map/draw.ts) and analysis overlays. */
const OVERLAY_PREFIXES = ['td-', 'analysis-', PRINT_FRAME] as const;
/** The source of the clusters' core→member links (the same id as in printStyle). */

/** Style layers a click can pick, most specific first. */
const PICKABLE = ['villages-circle', 'corridors-', 'culture-belts-', 'belt-band', 'clusters-fill'];

export class MapView {
  readonly map: MapLibreMap;
  /** deck.gl is loaded on first use, after the map's first paint: it is not needed to show the plan. */
  #deck: Promise<DeckModules> | null = null;
  #destroyed = false;
  #scene: Scene | null = null;
  #baseStyle: StyleSpecification | null = null;
  /** The online basemap's own sources (their tile errors are the basemap's, not the plan's). */
  #baseSources = new Set<string>();
  #basemapFailed = false;
  #online: boolean;
  #abort = new AbortController();
  #popup: Popup | null = null;
  /** A popup to open when the camera stops (see {@link MapView.showPopup}). */
  #pendingPopup: (() => void) | null = null;
  /** While above 0, clicks pick nothing (a drawing tool has the map): see {@link MapView.suspendPicking}. */
  #pickSuspended = 0;
  /** `]`/`[`, Enter and the announced keyboard moves on the canvas (null without `options.keyboard`). */
  readonly keyboard: MapKeyboard | null = null;

  constructor(container: HTMLElement, private readonly options: MapViewOptions) {
    this.#online = options.basemap !== 'offline';
    this.map = new MapLibreMap({
      container,
      // No style until the first scene (setScene): a map without one draws no frame, and an empty
      // style's first frame (compiling the sky's shaders, 150–500 ms) would hold the main thread while
      // the plan's files wait to be requested and read; it now comes with the plan's first frame,
      // while the worker tiles the data (issue 10 §4).
      bounds: options.bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      // Prints and screenshots read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxZoom: 17,
    });
    this.#english = { ...this.map._locale };
    this.map._locale = { ...this.#english, ...options.locale };
    this.#locale = JSON.stringify(options.locale ?? {});
    this.#addControls();
    this.map.getCanvas().setAttribute('aria-label', options.label);
    if (options.keyboard) this.keyboard = new MapKeyboard(this, options.keyboard);
    this.map.on('error', (e) => {
      const message = e.error?.message ?? String(e);
      const sourceId = (e as { sourceId?: string }).sourceId;
      if (sourceId !== undefined && this.#baseSources.has(sourceId)) this.#basemapError(message, 'tiles');
      else options.onError(message);
    });
    this.map.on('click', (e) => {
      if (this.#pickSuspended === 0) options.onPick(this.#pickAt(e.point));
    });
    this.map.on('mousemove', (e) => {
      if (this.#pickSuspended === 0) this.map.getCanvas().style.cursor = this.#pickAt(e.point) ? 'pointer' : '';
    });
  }

  /**
   * Loads the online basemap's style (a no-op for the offline one). Call once before `setScene`. A
   * style that cannot be fetched or is not a MapLibre style is reported through `onBasemapError` and
   * the scene's own offline basemap is drawn instead; only a stopped view (AbortError) rejects.
   */
  async loadBasemap(): Promise<void> {
    if (!this.#online) return;
    try {
      const response = await fetch(this.options.basemap, { signal: this.#abort.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const style = (await response.json()) as Partial<StyleSpecification> | null;
      if (!style || typeof style !== 'object' || !Array.isArray(style.layers) || !style.sources || typeof style.sources !== 'object') {
        throw new Error('not a MapLibre style (no layers and sources)');
      }
      this.#baseStyle = style as StyleSpecification;
      this.#baseSources = new Set(Object.keys(style.sources));
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      this.#basemapError((error as Error).message, 'style');
    }
  }

  /** The basemap failed: said once, however many tiles fail. */
  #basemapError(reason: string, part: 'style' | 'tiles'): void {
    if (this.#basemapFailed || this.#destroyed) return;
    this.#basemapFailed = true;
    this.options.onBasemapError?.(this.options.basemap, reason, part);
  }

  /** Applies a scene: changed data through `setData`, changed layers through the style diff. */
  setScene(scene: Scene): void {
    const previous = this.#scene;
    this.#scene = scene;
    // The core→member links as a MapLibre line layer: a plan's first paint and belt-ready need no
    // deck.gl, which is loaded only for an imported village set.
    const style = withLinks(this.#styleFor(scene), scene);
    // The scene's own style is checked against the style spec by its unit tests (src/map/scene.test.ts);
    // checking it again on every load and edit cost the main thread some 30–60 ms before the first
    // paint (issue 10 §4). A basemap's style from a URL is still checked.
    const validate = this.#online && this.#baseStyle !== null;
    if (!previous) {
      this.map.setStyle(style, { validate });
    } else {
      for (const [id, source] of Object.entries(scene.sources)) {
        if (previous.sources[id]?.data !== source.data) (this.map.getSource(id) as GeoJSONSource | undefined)?.setData(source.data as GeoJSON.GeoJSON);
      }
      if (previous.links !== scene.links) (this.map.getSource(LINKS_SOURCE) as GeoJSONSource | undefined)?.setData(linksData(scene));
      // Sources were updated in place above; the diff then only sees layer changes. Layers of a
      // drawing tool or an analysis overlay (not the scene's) stay, on top.
      const overlays = (this.map.getStyle()?.layers ?? []).filter((l) => OVERLAY_PREFIXES.some((p) => l.id.startsWith(p)));
      this.map.setStyle({ ...style, sources: { ...(this.map.getStyle()?.sources ?? style.sources) }, layers: [...style.layers, ...overlays] }, { diff: true, validate });
    }
    if (scene.imported || this.#deck) void this.#updateDeck(scene);
  }


  /** Loads deck.gl once the map has drawn what it has without it, so it never delays the first paint. */
  async #loadDeck(): Promise<DeckModules> {
    await new Promise<void>((resolve) => this.map.once('idle', () => resolve()));
    const [{ MapLibreOverlay }, { ScatterplotLayer }] = await Promise.all([import('@deck.gl/maplibre'), import('@deck.gl/layers')]);
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    if (!this.#destroyed) this.map.addControl(overlay);
    return { overlay, ScatterplotLayer };
  }

  async #updateDeck(scene: Scene): Promise<void> {
    this.#deck ??= this.#loadDeck();
    const deck = await this.#deck;
    if (this.#destroyed || this.#scene !== scene) return;
    deck.overlay.setProps({ layers: [this.#importedLayer(scene, deck.ScatterplotLayer)] });
  }

  /**
   * Stops clicks from picking features (and the pointer cursor over them) while a drawing tool has the
   * map; returns the function that ends the suspension (call it once).
   */
  suspendPicking(): () => void {
    this.#pickSuspended++;
    this.map.getCanvas().style.cursor = '';
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#pickSuspended--;
    };
  }

  /**
   * Shows a feature over the plan, not part of the scene (kept over scene changes until removed with
   * `null`): `area`, an analysis area (a fill and a dashed outline), or `pending`, a line drawn and not
   * saved yet (a dashed line).
   */
  showOverlay(name: 'area' | 'pending', feature: GeoJSON.Feature | null, colour = '#6a1b9a'): void {
    const id = `${OVERLAY_PREFIXES[1]}${name}`;
    const map = this.map;
    const layers = [`${id}-fill`, `${id}-line`];
    if (!feature) {
      for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(id)) map.removeSource(id);
      return;
    }
    const source = map.getSource(id) as GeoJSONSource | undefined;
    if (source) source.setData(feature);
    else map.addSource(id, { type: 'geojson', data: feature });
    if (!map.getLayer(layers[0]!))
      map.addLayer({ id: layers[0]!, type: 'fill', source: id, filter: ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false], paint: { 'fill-color': colour, 'fill-opacity': 0.15 } });
    if (!map.getLayer(layers[1]!))
      map.addLayer({ id: layers[1]!, type: 'line', source: id, paint: { 'line-color': colour, 'line-width': name === 'pending' ? 3 : 2, 'line-dasharray': [3, 2] } });
  }

  #printFrame: PrintFrame | null = null;

  /** The printed extent of a fixed-scale sheet on the map (made on first use; never printed). */
  get printFrame(): PrintFrame {
    return (this.#printFrame ??= new PrintFrame(this));
  }

  #controls: IControl[] = [];
  #locale = '';
  /** MapLibre's own table (English). */
  #english: Record<string, string> = {};

  /** MapLibre reads its texts when a control is added: the controls are added again for a new locale. */
  #addControls(): void {
    const navigation = new NavigationControl({ showCompass: true, visualizePitch: false });
    const scale = new ScaleControl({ unit: 'metric' });
    this.map.addControl(navigation, 'top-right');
    this.map.addControl(scale, 'bottom-left');
    this.#controls = [navigation, scale];
    if (this.#online) {
      const attribution = new AttributionControl({ compact: true });
      this.map.addControl(attribution, 'bottom-right');
      this.#controls.push(attribution);
    }
  }

  /**
   * MapLibre's control texts in another language (on a language change). MapLibre takes `locale` only
   * when a map is made and reads it when a control is added, so the view replaces the map's table (its
   * `_locale`) and adds its controls again. A no-op when unchanged.
   */
  setLocale(locale: Record<string, string>): void {
    const key = JSON.stringify(locale);
    if (key === this.#locale) return;
    this.#locale = key;
    this.map._locale = { ...this.#english, ...locale };
    for (const c of this.#controls) this.map.removeControl(c);
    this.#addControls();
    // An open popup keeps its close button: its name follows the language too.
    const close = this.#popup?.getElement().querySelector('.maplibregl-popup-close-button');
    if (close && this.map._locale['Popup.Close']) close.setAttribute('aria-label', this.map._locale['Popup.Close']);
  }

  /** Updates the map canvas's accessible name (on a language change). */
  setLabel(label: string): void {
    this.map.getCanvas().setAttribute('aria-label', label);
    this.keyboard?.setHint();
  }

  fitBounds(bounds: [number, number, number, number], animate = true): void {
    // The container may have changed size since the last frame (panels opening); fit to its size now.
    this.map.resize();
    this.map.fitBounds(bounds, { padding: 24, animate });
  }

  /** Resolves when the map has drawn everything it has (sources loaded, no transition running). */
  async whenIdle(): Promise<void> {
    await this.#deck; // the links are part of a complete render
    return new Promise((resolve) => {
      if (this.map.loaded() && this.map.isStyleLoaded() && !this.map.isMoving()) {
        // Already idle, but a frame may still be pending for the last change.
        this.map.once('idle', () => resolve());
        this.map.triggerRepaint();
      } else {
        this.map.once('idle', () => resolve());
      }
    });
  }

  /** Rendered features of a public layer in the current view. */
  renderedFeatures(layer: PublicLayerId): MapGeoJSONFeature[] {
    const ids = this.#styleLayers().filter((l) => publicLayerOf(l) === layer);
    return ids.length ? this.map.queryRenderedFeatures({ layers: ids }) : [];
  }

  /** The camera now: centre, zoom, bearing and pitch (what a shared link keeps of the view). */
  camera(): Camera {
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
  }

  /** Puts the camera where `camera` says at once, without animation (a shared link's view). */
  jumpTo(camera: Camera): void {
    this.map.resize();
    this.map.jumpTo({ center: camera.center, zoom: camera.zoom, bearing: camera.bearing ?? 0, pitch: camera.pitch ?? 0 });
  }

  /** Calls `listener` when the map has stopped moving (once per pan, zoom or fly, not per frame); returns the unsubscribe. */
  onMoveEnd(listener: () => void): () => void {
    this.map.on('moveend', listener);
    return () => this.map.off('moveend', listener);
  }

  /** Centre the map on a position (a village from the list, say). */
  flyTo(lngLat: [number, number], zoom = 12): void {
    this.map.flyTo({ center: lngLat, zoom: Math.max(zoom, this.map.getZoom()) });
  }

  /**
   * Shows `content` (a DOM node the caller built; never an HTML string) in a popup at `lngLat`.
   * `onClose` runs when the user closes it.
   */
  showPopup(lngLat: [number, number], content: HTMLElement, onClose: () => void): void {
    this.closePopup();
    // What had the focus (the canvas, a list row) gets it back when Escape closes the popup.
    const opener = deepActiveElement();
    // Picked in the list, the map flies to the feature: the popup is placed where it has landed.
    if (this.map.isMoving()) {
      const open = () => {
        if (this.#pendingPopup !== open) return;
        this.#pendingPopup = null;
        this.#openPopup(lngLat, content, onClose, opener);
      };
      this.#pendingPopup = open;
      this.map.once('moveend', open);
      return;
    }
    this.#openPopup(lngLat, content, onClose, opener);
  }

  #openPopup(lngLat: [number, number], content: HTMLElement, onClose: () => void, opener: HTMLElement | null): void {
    // Away from the feature, on the side with the most room, and no taller than that room: it neither
    // covers what it describes nor runs off the map, and what does not fit scrolls inside it.
    const { anchor, maxHeight } = popupPlacement(this.map.project(lngLat), this.map.getContainer().getBoundingClientRect());
    content.style.maxHeight = `${maxHeight}px`;
    content.style.overflowY = 'auto';
    const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '320px', focusAfterOpen: true, anchor, offset: POPUP_OFFSET })
      .setLngLat(lngLat)
      .setDOMContent(content)
      .addTo(this.map);
    popup.getElement().addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      popup.remove();
      if (opener?.isConnected) opener.focus();
    });
    popup.on('close', () => {
      if (this.#popup !== popup) return; // closed by closePopup(), not by the user
      this.#popup = null;
      onClose();
    });
    this.#popup = popup;
  }

  /** True while a popup opened by {@link showPopup} is open. */
  get popupOpen(): boolean {
    return this.#popup !== null || this.#pendingPopup !== null;
  }

  closePopup(): void {
    this.#pendingPopup = null;
    const popup = this.#popup;
    this.#popup = null;
    popup?.remove();
  }

  destroy(): void {
    this.closePopup();
    this.#printFrame?.destroy();
    this.keyboard?.destroy();
    this.#abort.abort();
    this.#destroyed = true;
    void this.#deck?.then(({ overlay }) => overlay.finalize());
    this.map.remove();
  }

  /** The online basemap's style when one is configured and loaded (a print draws it as an image under the plan); null otherwise. */
  get printBasemap(): StyleSpecification | null {
    return this.#online && !this.#basemapFailed ? this.#baseStyle : null;
  }

  #styleFor(scene: Scene): StyleSpecification {
    if (!this.#online || !this.#baseStyle) return { version: 8, sources: scene.sources, layers: scene.layers };
    // Over an online basemap, our own background, water and district fills would hide it.
    const ours = overBasemap(scene.layers);
    return {
      ...this.#baseStyle,
      sources: { ...this.#baseStyle.sources, ...scene.sources },
      layers: [...this.#baseStyle.layers, ...ours],
    };
  }

  #styleLayers(): string[] {
    return (this.map.getStyle()?.layers ?? []).map((l) => l.id);
  }

  #pickAt(point: { x: number; y: number }): MapPick | null {
    const all = this.#styleLayers();
    const layers = all.filter((id) => PICKABLE.some((p) => id === p || (p.endsWith('-') && id.startsWith(p))));
    if (layers.length === 0) return null;
    const box: [[number, number], [number, number]] = [[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]];
    const hits = this.map.queryRenderedFeatures(box, { layers });
    const rank = (f: MapGeoJSONFeature) => PICKABLE.findIndex((p) => f.layer.id === p || (p.endsWith('-') && f.layer.id.startsWith(p)));
    // Most specific layer first; among points of one layer, the one nearest the pointer.
    const away = (f: MapGeoJSONFeature) => {
      if (f.geometry.type !== 'Point') return 0;
      const p = this.map.project(f.geometry.coordinates as [number, number]);
      return Math.hypot(p.x - point.x, p.y - point.y);
    };
    const hit = hits.map((f) => ({ f, r: rank(f), d: away(f) })).sort((a, b) => a.r - b.r || a.d - b.d)[0]?.f;
    if (!hit) return null;
    const layer = publicLayerOf(hit.layer.id);
    if (!layer) return null;
    const lngLat = this.map.unproject([point.x, point.y]);
    return { layer, properties: { ...hit.properties }, lngLat: [lngLat.lng, lngLat.lat] };
  }

  /** A large imported point set, straight from the worker's Float32Array (no per-point objects). */
  #importedLayer(scene: Scene, ScatterplotLayerClass: typeof ScatterplotLayer): ScatterplotLayer {
    const positions = scene.imported;
    return new ScatterplotLayerClass({
      id: 'villages-imported',
      visible: positions !== null,
      data: { length: positions ? positions.length / 2 : 0, attributes: { getPosition: { value: positions ?? new Float32Array(0), size: 2 } } },
      getFillColor: parseColour(IMPORTED_POINTS.color)!.map((c, i) => (i === 3 ? Math.round(c * 255) : c)) as [number, number, number, number],
      radiusUnits: 'pixels',
      getRadius: IMPORTED_POINTS.radius,
      radiusMinPixels: 1,
    });
  }
}

/** The popup's distance from the point it describes, in pixels. */
const POPUP_OFFSET = 14;

/**
 * Where a popup goes for a feature at `point` in a map of `size`: below it when it is in the upper half,
 * above it otherwise; to its right in the left third, to its left in the right third; and how tall it may
 * be there (the room on that side, less a margin for the tip and the map's edge).
 */
export function popupPlacement(point: { x: number; y: number }, size: { width: number; height: number }): { anchor: PositionAnchor; maxHeight: number } {
  const below = point.y < size.height / 2;
  const side = point.x < size.width / 3 ? '-left' : point.x > (size.width * 2) / 3 ? '-right' : '';
  const room = below ? size.height - point.y : point.y;
  return { anchor: `${below ? 'top' : 'bottom'}${side}` as PositionAnchor, maxHeight: Math.max(80, Math.floor(room - POPUP_OFFSET - 40)) };
}

/** The element that has the focus, inside open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

interface DeckModules {
  overlay: MapLibreOverlay;
  ScatterplotLayer: typeof ScatterplotLayer;
}
