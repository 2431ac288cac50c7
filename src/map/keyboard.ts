/**
 * The map's features from the keyboard (issue 10 §2; the MapML viewer is the model). With the map
 * canvas focused (Tab reaches it as any control): `]` moves to the next feature in view and `[` to the
 * previous one (clusters, their villages, then the lines: ../state/keyboardOrder.ts), drawing a focus
 * ring around it and announcing it; Enter opens its details (the same path as a click); Escape takes the
 * ring away. MapLibre's own keys (arrows pan, + and − zoom, Shift+arrows rotate) stay; the view they
 * leave is announced (zoom level, the nearest village), once the camera has stopped.
 */
import type { MapGeoJSONFeature } from 'maplibre-gl';
import { orderKeyFeatures, stepIndex, type KeyFeature } from '../state/keyboardOrder.js';
import { publicLayerOf } from './scene.js';
import type { MapPick, MapView } from './view.js';

export interface MapKeyboardOptions {
  /** Says `text` in the host's live region. */
  announce: (text: string) => void;
  /** Opens the feature's details, as a click on it would. */
  open: (pick: MapPick) => void;
  /** The focused feature's description ("village 1 of 12 …"), in the UI language. */
  describe: (pick: MapPick, n: number, of: number) => string;
  /** What is said when `]` or `[` finds nothing in view. */
  none: () => string;
  /** What is said when the keyboard moved the view, with its zoom level and centre. */
  moved: (zoom: number, center: [number, number]) => string;
  /** The keys' hint, shown while the canvas has the focus and its accessible description. */
  hint: () => string;
}

/** Style layers the keyboard visits (as a click picks them): their public layer is the feature's kind. */
const KEY_LAYERS = ['villages-circle', 'clusters-fill', 'corridors-', 'culture-belts-'];
/** The moveend after a key press within this time is the keyboard's; announced after this calm. */
const KEY_MOVE_MS = 1500;
const ANNOUNCE_AFTER_MS = 400;
let hintCount = 0;

interface Focused {
  key: KeyFeature;
  pick: MapPick;
  /** The feature's outline on screen is recomputed from these positions on every frame. */
  points: [number, number][];
}

export class MapKeyboard {
  #ring: HTMLDivElement;
  #hint: HTMLDivElement;
  #focused: Focused | null = null;
  #index = -1;
  #lastKey = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #off: (() => void)[] = [];

  constructor(private readonly view: MapView, private readonly options: MapKeyboardOptions) {
    const map = view.map;
    const container = map.getContainer();
    const canvas = map.getCanvas();
    this.#ring = document.createElement('div');
    this.#ring.className = 'belt-focus-ring';
    this.#ring.setAttribute('aria-hidden', 'true');
    this.#ring.hidden = true;
    this.#hint = document.createElement('div');
    this.#hint.className = 'belt-map-hint';
    this.#hint.id = `belt-map-hint-${++hintCount}`;
    this.#hint.hidden = true;
    container.append(this.#ring, this.#hint);
    canvas.setAttribute('aria-describedby', this.#hint.id);
    this.setHint();
    const keydown = (e: KeyboardEvent) => this.#onKey(e);
    const focus = () => (this.#hint.hidden = false);
    const blur = () => {
      this.#hint.hidden = true;
      this.#ring.hidden = true;
    };
    const move = () => this.#place();
    const moveend = () => this.#onMoveEnd();
    canvas.addEventListener('keydown', keydown);
    canvas.addEventListener('focus', focus);
    canvas.addEventListener('blur', blur);
    map.on('move', move);
    map.on('moveend', moveend);
    this.#off.push(
      () => canvas.removeEventListener('keydown', keydown),
      () => canvas.removeEventListener('focus', focus),
      () => canvas.removeEventListener('blur', blur),
      () => map.off('move', move),
      () => map.off('moveend', moveend),
    );
  }

  /** Sets the hint's text again (on a language change), or to `text` while a tool has the keys (the print frame's move). */
  setHint(text?: string): void {
    this.#hint.textContent = text ?? this.options.hint();
  }

  /** The feature the keyboard is on (null: none). */
  get focused(): MapPick | null {
    return this.#focused?.pick ?? null;
  }

  destroy(): void {
    clearTimeout(this.#timer);
    for (const off of this.#off) off();
    this.#ring.remove();
    this.#hint.remove();
  }

  #onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    this.#lastKey = performance.now();
    if (e.key === ']' || e.key === '[') {
      e.preventDefault();
      this.#step(e.key === ']' ? 1 : -1);
    } else if (e.key === 'Enter' && this.#focused) {
      e.preventDefault();
      this.options.open(this.#focused.pick);
    } else if (e.key === 'Escape' && this.#focused) {
      this.#focused = null;
      this.#index = -1;
      this.#ring.hidden = true;
    }
  }

  /** Moves to the next (`1`) or previous (`-1`) feature in view, from where the keyboard was. */
  #step(step: 1 | -1): void {
    const found = this.#inView();
    const order = orderKeyFeatures(found.map((f) => f.key));
    const at = this.#focused ? order.findIndex((k) => k.kind === this.#focused!.key.kind && k.id === this.#focused!.key.id) : -1;
    this.#index = stepIndex(at >= 0 ? at : this.#index, order.length, step);
    const key = order[this.#index];
    if (!key) {
      this.#focused = null;
      this.#ring.hidden = true;
      this.options.announce(this.options.none());
      return;
    }
    this.#focused = found.find((f) => f.key === key)!;
    this.#place();
    this.options.announce(this.options.describe(this.#focused.pick, this.#index + 1, order.length));
  }

  /** The features drawn in view now, each with its anchor and outline positions. */
  #inView(): Focused[] {
    const map = this.view.map;
    const layers = (map.getStyle()?.layers ?? []).map((l) => l.id).filter((id) => KEY_LAYERS.some((p) => id === p || (p.endsWith('-') && id.startsWith(p) && !id.includes('zone'))));
    if (layers.length === 0) return [];
    const { width, height } = map.getCanvas().getBoundingClientRect();
    const inside = (p: { x: number; y: number }) => p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
    const byKey = new Map<string, Focused>();
    for (const f of map.queryRenderedFeatures({ layers })) {
      const kind = publicLayerOf(f.layer.id);
      if (kind !== 'villages' && kind !== 'clusters' && kind !== 'corridors' && kind !== 'culture-belts') continue;
      const id = String(f.properties[kind === 'villages' ? 'code' : 'id'] ?? '');
      if (!id) continue;
      const points = positions(f).filter((p) => inside(map.project(p)));
      if (points.length === 0) continue;
      const seen = byKey.get(`${kind}:${id}`);
      if (seen) {
        seen.points.push(...points); // one feature in several tiles
        continue;
      }
      // The anchor: a village's position; the westmost point of a line or area in view.
      const anchor = points.reduce((w, p) => (p[0] < w[0] ? p : w));
      const screen = map.project(anchor);
      const cluster = kind === 'villages' ? ((f.properties['cluster'] as string | null | undefined) ?? null) : undefined;
      byKey.set(`${kind}:${id}`, {
        key: { kind, id, x: screen.x, y: screen.y, ...(cluster !== undefined ? { cluster } : {}) },
        pick: { layer: kind, properties: { ...f.properties }, lngLat: anchor },
        points,
      });
    }
    return [...byKey.values()];
  }

  /** Puts the ring around the focused feature's outline in view (on every frame while the map moves). */
  #place(): void {
    const focused = this.#focused;
    if (!focused) return;
    const map = this.view.map;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const p of focused.points) {
      const s = map.project(p);
      xs.push(s.x);
      ys.push(s.y);
    }
    const pad = 6;
    const { width, height } = map.getCanvas().getBoundingClientRect();
    const left = Math.max(0, Math.min(...xs) - pad);
    const top = Math.max(0, Math.min(...ys) - pad);
    const right = Math.min(width, Math.max(...xs) + pad);
    const bottom = Math.min(height, Math.max(...ys) + pad);
    const ring = this.#ring;
    ring.hidden = right <= left || bottom <= top;
    Object.assign(ring.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`, height: `${bottom - top}px` });
  }

  /** A pan or zoom the keyboard made is announced once the camera has been still for a moment. */
  #onMoveEnd(): void {
    if (performance.now() - this.#lastKey > KEY_MOVE_MS) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const map = this.view.map;
      const c = map.getCenter();
      this.options.announce(this.options.moved(Math.round(map.getZoom() * 10) / 10, [c.lng, c.lat]));
    }, ANNOUNCE_AFTER_MS);
  }
}

/** The positions of a rendered feature's geometry (tile-clipped, as drawn). */
function positions(f: MapGeoJSONFeature): [number, number][] {
  const g = f.geometry;
  switch (g.type) {
    case 'Point':
      return [g.coordinates as [number, number]];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates as [number, number][];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat() as [number, number][];
    case 'MultiPolygon':
      return g.coordinates.flat(2) as [number, number][];
    default:
      return [];
  }
}
