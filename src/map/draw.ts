/**
 * Drawing on the live map: a line (a corridor or culture belt), editing a line's vertices, and a
 * lasso, with terra-draw and its MapLibre adapter. terra-draw is loaded on first use (its own chunk,
 * not in the first load). One drawing at a time; while it runs, clicks on the map pick no feature.
 * Every session cleans up completely when it ends (finished, cancelled, or `destroy`): terra-draw's
 * sources, layers and listeners, our key listener, the map's double-click zoom and the picking.
 *
 * Nothing here loads anything from the network (terra-draw's marker mode, which would fetch a marker
 * image from GitHub, is not used).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapView } from './view.js';
import { cleanLine, exactSnap, nearestWithin } from '../state/drawLine.js';

type TerraDrawModule = typeof import('terra-draw');
type Modules = { td: TerraDrawModule; Adapter: typeof import('terra-draw-maplibre-gl-adapter').TerraDrawMapLibreGLAdapter };
type TerraDraw = InstanceType<TerraDrawModule['TerraDraw']>;
type Position = [number, number];
type HexColor = `#${string}`;

export interface DrawLineOptions {
  /** Positions a vertex snaps to (the located villages, say); none: no snapping. */
  snapTo?: readonly Position[];
  /**
   * Snapping distance on screen, px.
   * @defaultValue 12
   */
  snapPx?: number;
  /**
   * Colour of the line being drawn (`#rrggbb`).
   * @defaultValue '#d81b60'
   */
  colour?: HexColor;
}

export const defaultDrawLineOptions: Required<Omit<DrawLineOptions, 'snapTo'>> = { snapPx: 12, colour: '#d81b60' };

/** What a drawing session is doing. */
export type DrawKind = 'line' | 'edit' | 'lasso';

interface Session {
  kind: DrawKind;
  td: TerraDraw;
  /** Ends the session with its result (null: cancelled). */
  settle: (value: unknown) => void;
  /** Ends it the way its "Done" does. */
  finish: () => void;
}

let modules: Promise<Modules> | null = null;
function loadTerraDraw(): Promise<Modules> {
  modules ??= Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]).then(([td, a]) => ({ td, Adapter: a.TerraDrawMapLibreGLAdapter }));
  return modules;
}

/**
 * The drawing tools of a {@link MapView}'s map.
 *
 * @example
 * ```ts
 * const draw = new LineDraw(view);
 * const coords = await draw.drawLine({ snapTo: villages.map((v) => v.geometry.coordinates) }); // null: Esc
 * ```
 */
export class LineDraw {
  #session: Session | null = null;
  #destroyed = false;
  #dblZoom: boolean | undefined;

  constructor(private readonly view: MapView) {}

  /** What is being drawn now, or null. */
  get active(): DrawKind | null {
    return this.#session?.kind ?? null;
  }

  /**
   * Draws a line: click to add a vertex, double-click (a click on the last vertex) or Enter to finish,
   * Escape to cancel. With `snapTo`, a vertex placed within `snapPx` of one of those positions takes
   * exactly its coordinates.
   *
   * @returns the vertices (WGS84), or null when cancelled
   */
  async drawLine(options: DrawLineOptions = {}): Promise<Position[] | null> {
    const { snapTo, snapPx, colour } = { ...defaultDrawLineOptions, ...options };
    return this.#run<Position[]>('line', async (_m, td, settle) => {
      td.on('finish', (id, context) => {
        if (context.action !== 'draw') return;
        const f = td.getSnapshotFeature(id);
        settle(f?.geometry.type === 'LineString' ? this.#exact(f.geometry.coordinates as Position[], snapTo) : null);
      });
      td.setMode('linestring');
    }, ({ td: T }) => [
      new T.TerraDrawLineStringMode({
        snapping: snapTo?.length ? { toCustom: this.#snapper(snapTo, snapPx) } : {},
        keyEvents: { cancel: null, finish: 'Enter' },
        styles: { lineStringColor: colour, lineStringWidth: 3, closingPointColor: colour, closingPointWidth: 5, closingPointOutlineColor: '#ffffff', closingPointOutlineWidth: 2, snappingPointColor: colour, snappingPointWidth: 7, snappingPointOutlineColor: '#ffffff', snappingPointOutlineWidth: 2 },
      }),
    ], (td, settle) => {
      // "Done": the line being drawn, without its last, provisional vertex (the one under the pointer).
      const f = td.getSnapshot().find((x) => x.properties['mode'] === 'linestring' && x.properties['currentlyDrawing'] && x.geometry.type === 'LineString');
      if (!f) return;
      const coords = f.geometry.coordinates as Position[];
      const n = f.properties['committedCoordinateCount'];
      const committed = typeof n === 'number' ? coords.slice(0, n) : coords.slice(0, -1);
      if (cleanLine(committed)) settle(this.#exact(committed, snapTo));
    });
  }

  /**
   * Edits a line's vertices: drag a vertex to move it, click a midpoint to add one, right-click a
   * vertex to delete it; Enter (or {@link finish}) ends, Escape cancels. Snapping as in {@link drawLine}.
   *
   * @returns the new vertices, or null when cancelled
   */
  async editLine(coordinates: readonly Position[], options: DrawLineOptions = {}): Promise<Position[] | null> {
    const { snapTo, snapPx, colour } = { ...defaultDrawLineOptions, ...options };
    let featureId: string | number | undefined;
    return this.#run<Position[]>('edit', async (_m, td) => {
      featureId = td.getFeatureId();
      const [check] = td.addFeatures([{ id: featureId, type: 'Feature', geometry: { type: 'LineString', coordinates: coordinates.map((c) => [c[0], c[1]]) }, properties: { mode: 'linestring' } }]);
      if (!check?.valid) throw new Error(`editLine: the line cannot be edited (${check?.reason ?? 'invalid'})`);
      td.setMode('select');
      td.selectFeature(featureId);
    }, ({ td: T }) => [
      new T.TerraDrawLineStringMode({ styles: { lineStringColor: colour, lineStringWidth: 3 } }),
      new T.TerraDrawSelectMode({
        allowManualDeselection: false,
        // Every drag event moves the vertex: it ends where the pointer is let go.
        dragEventThrottle: 0,
        keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
        flags: {
          linestring: {
            feature: {
              draggable: false,
              coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapTo?.length ? { toCustom: this.#snapper(snapTo, snapPx) } : false },
            },
          },
        },
        styles: {
          selectedLineStringColor: colour, selectedLineStringWidth: 3,
          selectionPointColor: colour, selectionPointWidth: 6, selectionPointOutlineColor: '#ffffff', selectionPointOutlineWidth: 2,
          midPointColor: '#ffffff', midPointWidth: 4, midPointOutlineColor: colour, midPointOutlineWidth: 2,
        },
      }),
    ], (td, settle) => {
      const f = featureId === undefined ? undefined : td.getSnapshotFeature(featureId);
      settle(f?.geometry.type === 'LineString' ? this.#exact(f.geometry.coordinates as Position[], snapTo) : null);
    });
  }

  /**
   * A lasso: click to start, move the pointer around the area, click again to close it; Escape cancels.
   *
   * @returns the Polygon's rings (the outer one first), or null when cancelled
   */
  async lasso(options: { colour?: HexColor } = {}): Promise<Position[][] | null> {
    const colour = options.colour ?? defaultDrawLineOptions.colour;
    return this.#run<Position[][]>('lasso', async (_m, td, settle) => {
      td.on('finish', (id, context) => {
        if (context.action !== 'draw') return;
        const f = td.getSnapshotFeature(id);
        settle(f?.geometry.type === 'Polygon' ? (f.geometry.coordinates as Position[][]).map((ring) => ring.map((c) => [c[0]!, c[1]!] as Position)) : null);
      });
      td.setMode('freehand');
    }, ({ td: T }) => [
      new T.TerraDrawFreehandMode({ keyEvents: { cancel: null, finish: null }, styles: { fillColor: colour, fillOpacity: 0.15, outlineColor: colour, outlineWidth: 2 } }),
    ], () => {
      // A lasso is closed by its second click; "Done" before that has nothing to give.
    });
  }

  /** Finishes the drawing the way Enter does (a no-op when nothing is drawn). */
  finish(): void {
    const s = this.#session;
    if (s) s.finish();
  }

  /** Cancels the drawing: it resolves with null. */
  cancel(): void {
    this.#session?.settle(null);
  }

  /** Cancels any drawing; the tools cannot be used again. */
  destroy(): void {
    this.cancel();
    this.#destroyed = true;
  }

  /**
   * Runs one session: cancels the previous one, loads terra-draw, starts it on the map with `modes`,
   * lets `begin` set it up, and resolves with what `settle` is given (null: cancelled). Cleans up once.
   */
  async #run<T>(
    kind: DrawKind,
    begin: (m: Modules, td: TerraDraw, settle: (value: T | null) => void) => Promise<void>,
    modes: (m: Modules) => InstanceType<TerraDrawModule['TerraDrawLineStringMode' | 'TerraDrawSelectMode' | 'TerraDrawFreehandMode']>[],
    finish: (td: TerraDraw, settle: (value: T | null) => void) => void,
  ): Promise<T | null> {
    this.cancel();
    if (this.#destroyed) return null;
    const m = await loadTerraDraw();
    if (this.#destroyed) return null;
    this.cancel(); // another session may have started while terra-draw loaded
    const map: MapLibreMap = this.view.map;
    const td = new m.td.TerraDraw({ adapter: new m.Adapter({ map, coordinatePrecision: 9 }), modes: modes(m) });
    const resume = this.view.suspendPicking();
    // Whether the map zooms on double-click when no drawing runs (read before the first session).
    const dblZoom = (this.#dblZoom ??= map.doubleClickZoom.isEnabled());
    map.doubleClickZoom.disable();
    const container = map.getContainer();
    return new Promise<T | null>((resolve, reject) => {
      let done = false;
      const settle = (value: T | null) => {
        if (done) return;
        done = true;
        if (this.#session === session) this.#session = null;
        container.removeEventListener('keydown', onKey, true);
        // Stopped after the event that finished it has run through terra-draw.
        queueMicrotask(() => {
          try {
            td.stop();
          } catch {
            // the map may be gone already (destroyed with the element)
          }
          map.getCanvas().style.cursor = '';
        });
        // The click and dblclick events of the pointer-up that finished it come after: they must
        // neither pick a feature nor zoom the map.
        setTimeout(() => {
          resume();
          try {
            if (dblZoom && !this.#session) map.doubleClickZoom.enable();
          } catch {
            // the map was removed meanwhile
          }
        }, 300);
        resolve(value);
      };
      const session: Session = { kind, td, settle: settle as (v: unknown) => void, finish: () => finish(td, settle) };
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          settle(null);
        } else if (e.key === 'Enter' && kind !== 'line') {
          // terra-draw's line mode takes Enter itself; the other sessions finish here.
          e.preventDefault();
          session.finish();
        }
      };
      this.#session = session;
      container.addEventListener('keydown', onKey, true);
      try {
        td.start();
        void begin(m, td, settle).catch((error: unknown) => {
          settle(null);
          reject(error);
        });
      } catch (error) {
        settle(null);
        reject(error);
        return;
      }
      // Keys reach terra-draw through the canvas.
      map.getCanvas().focus({ preventScroll: true });
    });
  }

  /** terra-draw's custom snapping: the nearest of `targets` within `px` on screen. */
  #snapper(targets: readonly Position[], px: number) {
    return (event: { containerX: number; containerY: number }): Position | undefined => {
      const map = this.view.map;
      const b = map.getBounds();
      const shown: Position[] = targets.filter((t) => b.contains(t));
      const i = nearestWithin(event.containerX, event.containerY, shown.map((t) => map.project(t)), px);
      return i < 0 ? undefined : [shown[i]![0], shown[i]![1]];
    };
  }

  /** Vertices on a snap target get its exact coordinates (terra-draw rounds them to its precision). */
  #exact(coordinates: readonly Position[], snapTo: readonly Position[] | undefined): Position[] {
    if (!snapTo?.length) return coordinates.map((c) => [c[0], c[1]]);
    return exactSnap(coordinates, snapTo.map((c, i) => ({ code: String(i), coordinates: c }))).coordinates;
  }
}
