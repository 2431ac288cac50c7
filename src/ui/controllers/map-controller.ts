import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MapView, type MapPick, type MapViewOptions } from '../../map/view.js';
import type { Scene } from '../../map/scene.js';

/** What the host tells the controller: where the map goes and how it is made. */
export interface MapControllerConfig {
  /** The host's rendered map container (null before the first render). */
  container: () => HTMLElement | null;
  /** The options of a new map view, read when one is made. */
  options: () => MapViewOptions;
  /** Called when a map view has been made (first, after a re-insertion, after `invalidate`). */
  onCreate?: (view: MapView) => void;
  /** A map view could not be made (e.g. its basemap style failed). */
  onError: (message: string) => void;
}

/**
 * Owns the {@link MapView} of a host. It makes one after the host's first render (and again after the
 * host is re-inserted or `invalidate` is called), hands it the latest scene, and destroys it on
 * disconnect, so no WebGL context, worker or listener outlives the element. While connected it also
 * redraws the map when the browser lays the page out for print.
 */
export class MapController implements ReactiveController {
  view: MapView | null = null;
  #scene: Scene | null = null;
  #dirty = true;
  #printQuery: MediaQueryList | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: MapControllerConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeprint', this.#onPrintLayout);
    window.addEventListener('afterprint', this.#onPrintLayout);
    this.#printQuery = window.matchMedia('print');
    this.#printQuery.addEventListener('change', this.#onPrintLayout);
    // Re-inserted after a removal: the map was destroyed on disconnect and is made again.
    if (!this.view) {
      this.#dirty = true;
      this.host.requestUpdate();
    }
  }

  hostUpdated(): void {
    if (this.#dirty) this.#create();
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeprint', this.#onPrintLayout);
    window.removeEventListener('afterprint', this.#onPrintLayout);
    this.#printQuery?.removeEventListener('change', this.#onPrintLayout);
    this.#printQuery = null;
    this.#destroy();
  }

  /** Makes the map anew after the next update (e.g. when the basemap changes). */
  invalidate(): void {
    this.#dirty = true;
    this.host.requestUpdate();
  }

  /** Hands a scene to the map (kept for a map made later). */
  setScene(scene: Scene): void {
    this.#scene = scene;
    this.view?.setScene(scene);
  }

  #create(): void {
    const container = this.config.container();
    if (!container) return;
    this.#dirty = false;
    this.#destroy();
    const view = new MapView(container, this.config.options());
    this.view = view;
    this.#ratio = null;
    this.#sharpen();
    view.map.on('resize', this.#sharpen);
    this.config.onCreate?.(view);
    view
      .loadBasemap()
      .then(() => {
        // Replaced while the basemap style was loading: the newer view has the scene.
        if (this.view === view && this.#scene) view.setScene(this.#scene);
      })
      // A basemap that fails is the view's to report (onBasemapError); an AbortError is a view stopped.
      .catch((error: Error) => {
        if (error.name !== 'AbortError') this.config.onError(error.message);
      });
  }

  /** The pixel ratio set for CSS zoom (null: MapLibre follows devicePixelRatio itself). */
  #ratio: number | null = null;

  /**
   * Under CSS zoom (a page's `body { zoom: 1.5 }`) the canvas is shown larger than its CSS pixels, and
   * MapLibre sizes it by `devicePixelRatio` alone: it would be blurred. One canvas pixel per device
   * pixel keeps it sharp (clicks are unaffected: MapLibre scales the pointer by the element's rect).
   */
  #sharpen = (): void => {
    const map = this.view?.map;
    if (!map) return;
    const zoom = (map.getContainer() as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const ratio = Math.abs(zoom - 1) < 0.01 ? null : devicePixelRatio * zoom;
    if (ratio === this.#ratio) return;
    this.#ratio = ratio;
    // null lifts the override (as MapLibre documents; its type says number).
    map.setPixelRatio(ratio as number);
  };

  #destroy(): void {
    this.view?.destroy();
    this.view = null;
  }

  /** The browser's print lays the element out anew; the map must draw at that size before the sheet is made. */
  #onPrintLayout = (): void => {
    const map = this.view?.map;
    if (!map) return;
    map.resize();
    map.redraw();
  };
}

export type { MapPick };
