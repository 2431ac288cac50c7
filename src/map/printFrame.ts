/**
 * The printed extent of a fixed-scale sheet, drawn on the live map as a frame, and moved there before
 * printing: dragged with the pointer (a drag that starts inside the frame moves it; one outside pans
 * the map) or with the arrow keys while the map has the focus (Shift: finer steps); Enter ends the move
 * as done, Escape as cancelled.
 *
 * The frame is an overlay of the live map only: its source and layers (`print-frame*`) are not the
 * scene's, so a print (drawn from the scene's style) never contains it.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent, MapTouchEvent } from 'maplibre-gl';
import type { MapView } from './view.js';

type Bounds = [number, number, number, number];
type LngLat = [number, number];

/** Id of the frame's source; its layers' ids start with it (see OVERLAY_PREFIXES in view.ts). */
export const PRINT_FRAME = 'print-frame';
const FRAME_COLOUR = '#b71c1c';

/** How a move of the frame is told what it does. */
export interface FrameMove {
  /** The printed extent around a centre (its size on the ground is fixed; in degrees it depends on the latitude). */
  boundsAt(center: LngLat): Bounds;
  /** Every move, with the new centre. */
  onMove(center: LngLat): void;
  /** Enter (done) or Escape (cancelled) on the map. */
  onEnd(done: boolean): void;
  /** The map's keyboard hint meanwhile (what the keys do now). */
  hint?: string;
}

/** A rectangle [w, s, e, n] as a polygon. */
export function boundsPolygon([w, s, e, n]: Bounds): GeoJSON.Feature<GeoJSON.Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
}

/** The arrow keys' moves as fractions of the frame's size: a tenth, or a fiftieth with Shift. */
export function keyStep(key: string, shift: boolean): [number, number] | null {
  const f = shift ? 0.02 : 0.1;
  switch (key) {
    case 'ArrowLeft': return [-f, 0];
    case 'ArrowRight': return [f, 0];
    case 'ArrowUp': return [0, -f];
    case 'ArrowDown': return [0, f];
    default: return null;
  }
}

export class PrintFrame {
  #bounds: Bounds | null = null;
  #stopMove: (() => void) | null = null;

  constructor(private readonly view: MapView) {}

  get #map(): MapLibreMap {
    return this.view.map;
  }

  /** The frame's extent on the map; null when none is shown. */
  get bounds(): Bounds | null {
    return this.#bounds;
  }

  /** Whether the frame is being moved. */
  get moving(): boolean {
    return this.#stopMove !== null;
  }

  /** Shows the frame at `bounds`, or removes it (`null`). */
  show(bounds: Bounds | null): void {
    this.#bounds = bounds;
    const map = this.#map;
    const layers = [`${PRINT_FRAME}-fill`, `${PRINT_FRAME}-line`];
    if (!bounds) {
      for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(PRINT_FRAME)) map.removeSource(PRINT_FRAME);
      return;
    }
    const data = boundsPolygon(bounds);
    const source = map.getSource(PRINT_FRAME) as GeoJSONSource | undefined;
    if (source) source.setData(data);
    else map.addSource(PRINT_FRAME, { type: 'geojson', data });
    if (!map.getLayer(layers[0]!)) map.addLayer({ id: layers[0]!, type: 'fill', source: PRINT_FRAME, paint: { 'fill-color': FRAME_COLOUR, 'fill-opacity': 0.06 } });
    if (!map.getLayer(layers[1]!))
      map.addLayer({ id: layers[1]!, type: 'line', source: PRINT_FRAME, paint: { 'line-color': FRAME_COLOUR, 'line-width': 2.5, 'line-dasharray': [4, 2] } });
  }

  /**
   * Lets the user move the frame from `center` until the returned function is called (or `destroy`).
   * Clicks pick no feature meanwhile. The map is fitted to the frame first.
   */
  move(center: LngLat, how: FrameMove): () => void {
    this.#stopMove?.();
    const map = this.#map;
    const canvas = map.getCanvas();
    const container = map.getCanvasContainer();
    let current: LngLat = center;
    const place = (next: LngLat) => {
      current = next;
      this.show(how.boundsAt(current));
      how.onMove(current);
    };
    place(center);
    const inside = (lngLat: { lng: number; lat: number }) => {
      const b = this.#bounds;
      return !!b && lngLat.lng >= b[0] && lngLat.lng <= b[2] && lngLat.lat >= b[1] && lngLat.lat <= b[3];
    };
    // A drag: the centre moves with the pointer, in screen pixels (exact in Web Mercator).
    let drag: { from: { x: number; y: number }; center: { x: number; y: number } } | null = null;
    const down = (e: MapMouseEvent | MapTouchEvent) => {
      if ((e as MapTouchEvent).points?.length > 1 || !inside(e.lngLat)) return;
      // Stops the map's own drag-pan for this gesture.
      e.preventDefault();
      drag = { from: e.point, center: map.project(current) };
    };
    const moveTo = (e: MapMouseEvent | MapTouchEvent) => {
      if (!drag) {
        canvas.style.cursor = inside(e.lngLat) ? 'move' : '';
        return;
      }
      const p = map.unproject([drag.center.x + e.point.x - drag.from.x, drag.center.y + e.point.y - drag.from.y]);
      place([p.lng, p.lat]);
    };
    const up = () => (drag = null);
    const key = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        how.onEnd(e.key === 'Enter');
        return;
      }
      const step = keyStep(e.key, e.shiftKey);
      const b = this.#bounds;
      if (!step || !b) return;
      // Before the map's own keyboard handlers (which would pan the map).
      e.preventDefault();
      e.stopPropagation();
      const sw = map.project([b[0], b[1]]);
      const ne = map.project([b[2], b[3]]);
      const c = map.project(current);
      const p = map.unproject([c.x + step[0] * (ne.x - sw.x), c.y + step[1] * (sw.y - ne.y)]);
      place([p.lng, p.lat]);
      const view = map.getBounds();
      if (!view.contains(p)) map.easeTo({ center: p, duration: 0 });
    };
    const resume = this.view.suspendPicking();
    const listeners = [['mousedown', down], ['touchstart', down], ['mousemove', moveTo], ['touchmove', moveTo], ['mouseup', up], ['touchend', up]] as const;
    for (const [type, listener] of listeners) map.on(type, listener);
    container.addEventListener('keydown', key, { capture: true });
    if (how.hint) this.view.keyboard?.setHint(how.hint);
    const b = this.#bounds;
    if (b) map.fitBounds(b, { padding: 48, duration: 0 });
    const stop = () => {
      if (this.#stopMove !== stop) return;
      this.#stopMove = null;
      for (const [type, listener] of listeners) map.off(type, listener);
      container.removeEventListener('keydown', key, { capture: true });
      this.view.keyboard?.setHint();
      canvas.style.cursor = '';
      resume();
    };
    this.#stopMove = stop;
    return stop;
  }

  /** Ends a move and removes the frame. */
  destroy(): void {
    this.#stopMove?.();
    if (this.#map.style) this.show(null);
  }
}
