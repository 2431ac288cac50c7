import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MapView, type MapPick, type MapViewOptions } from '../map/view.js';
import type { Scene } from '../map/scene.js';

/**
 * Owns the {@link MapView} for a host: created on `attach` (once the host has rendered its map
 * container), destroyed on disconnect, so no WebGL context, worker or listener outlives the element.
 */
export class MapController implements ReactiveController {
  view: MapView | null = null;
  #scene: Scene | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Creates the map in `container`, replacing any previous one (e.g. when the basemap changes). */
  async attach(container: HTMLElement, options: MapViewOptions): Promise<MapView> {
    this.detach();
    const view = new MapView(container, options);
    this.view = view;
    await view.loadBasemap();
    if (this.view !== view) return view; // replaced while the basemap style was loading
    if (this.#scene) view.setScene(this.#scene);
    return view;
  }

  /** Hands a scene to the map (kept for a map created later). */
  setScene(scene: Scene): void {
    this.#scene = scene;
    this.view?.setScene(scene);
  }

  detach(): void {
    this.view?.destroy();
    this.view = null;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.detach();
  }
}

export type { MapPick };
