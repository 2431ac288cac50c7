/**
 * The print map image (规划展板的地图): a MapLibre style drawn at print resolution, delivered as tiles.
 *
 * A print at 300 dpi is far larger than any WebGL canvas, so the image is drawn piece by piece with ONE
 * hidden map that is moved from tile to tile. Three rules keep the pieces seamless:
 *
 * - **Whole pixels.** Every tile starts at a whole CSS pixel AND a whole device pixel of the image
 *   (the tile size is a multiple of `96 / gcd(dpi, 96)` CSS px), so every tile samples the world at
 *   the same sub-pixel phase and neighbouring tiles join exactly.
 * - **Margins.** Each tile is drawn with a margin on every side and cropped, so lines, halos and
 *   labels that start beyond a tile's edge are still drawn into it.
 * - **Labels decided once.** Label placement (collision) depends on what is in the viewport, so each
 *   tile on its own would show a different set. A layout pass first draws the whole extent on a
 *   second hidden map at pixel ratio 1 with the same camera and records which labels it placed
 *   ({@link symbolLabelKeys}); the tile map then draws exactly those, with collision switched off
 *   ({@link printLabelStyle}), so every tile draws the same labels at the same places.
 *
 * Only what is in the MapLibre style is drawn: layers added outside it (deck.gl overlays) are not.
 */
import { Map as MapLibreMap, type FilterSpecification, type MapEventType, type LayerSpecification, type StyleSpecification } from 'maplibre-gl';
import type { MapTile } from '../print/types.js';

export interface PrintMapOptions {
  /** The style to draw (e.g. `map.getStyle()` of the on-screen map). Not modified. */
  style: StyleSpecification;
  /** Centre of the printed extent, [lng, lat]. */
  center: [number, number];
  /** Zoom of the map at its CSS size (`width / pr × height / pr`, `pr = dpi / 96`). */
  zoom: number;
  /** Output image width, device px. */
  width: number;
  /** Output image height, device px. */
  height: number;
  /** Print resolution; the pixel ratio is `dpi / 96`. */
  dpi: number;
  /**
   * Tile size, CSS px (rounded down to a multiple of `96 / gcd(dpi, 96)`). Defaults to the largest such
   * size whose device canvas, margins included, stays within 4096 px.
   */
  tileCss?: number;
  /** Cancels the render: the promise rejects with a `DOMException` named `AbortError`. */
  signal?: AbortSignal;
  /** Progress 0–1 (the layout pass counts as one tile). */
  onProgress?: (fraction: number) => void;
  /**
   * Receives each tile, row by row. The tile's canvas is valid until the returned promise settles;
   * its pixels are released afterwards, so copy or encode it within the callback.
   */
  onTile: (tile: MapTile) => void | Promise<void>;
}

/** Margin drawn around each tile and cropped, CSS px (rounded up to the tile unit). */
const MARGIN_CSS = 128;
/** Largest device canvas of the tile map by default, margins included. */
const DEFAULT_MAX_DEVICE = 4096;
/** What MapLibre may allocate; the tile map's canvas is checked against its expected size anyway. */
const MAX_CANVAS: [number, number] = [8192, 8192];
/** Feature properties that identify a label's feature, in order of preference. */
const KEY_PROPERTIES = ['code', 'id', 'adcode', 'name'] as const;

/** The features whose labels a layer placed: values per identifying property, and feature ids. */
export interface LabelKeys {
  /** property name → values of the placed features that carry it (first of `code`, `id`, `adcode`, `name`). */
  properties: Record<string, (string | number | boolean)[]>;
  /** Feature ids of placed features that carry none of those properties. */
  ids: (string | number)[];
}

/**
 * The features each symbol layer has placed (drawn) in the map's current view. MapLibre's
 * `queryRenderedFeatures` returns only placed labels for symbol layers, so after `idle` this is what
 * the map shows. Layers not in the style are skipped.
 */
export function symbolLabelKeys(map: MapLibreMap, layerIds: readonly string[]): Record<string, LabelKeys> {
  const present = layerIds.filter((id) => map.getLayer(id) !== undefined);
  const result: Record<string, LabelKeys> = {};
  for (const id of present) result[id] = { properties: {}, ids: [] };
  if (present.length === 0) return result;
  const seen = new Set<string>();
  for (const f of map.queryRenderedFeatures({ layers: present })) {
    const keys = result[f.layer.id];
    if (!keys) continue;
    const props = f.properties as Record<string, unknown>;
    const name = KEY_PROPERTIES.find((k) => isKeyValue(props[k]));
    if (name) {
      const value = props[name] as string | number | boolean;
      const tag = `${f.layer.id}\u0000${name}\u0000${typeof value}\u0000${String(value)}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      (keys.properties[name] ??= []).push(value);
    } else if (f.id !== undefined && f.id !== null) {
      const tag = `${f.layer.id}\u0000\u0001${typeof f.id}\u0000${String(f.id)}`;
      if (seen.has(tag)) continue;
      seen.add(tag);
      keys.ids.push(f.id);
    }
  }
  return result;
}

function isKeyValue(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * A copy of `style` whose symbol layers draw exactly the labels in `keys` (from {@link symbolLabelKeys}),
 * all of them, whatever the viewport: collision is switched off, and line labels are drawn once at their
 * line's centre. Symbol layers missing from `keys` draw nothing.
 */
export function printLabelStyle(style: StyleSpecification, keys: Record<string, LabelKeys>): StyleSpecification {
  const layers = style.layers.map((layer): LayerSpecification => {
    if (layer.type !== 'symbol') return layer;
    const k = keys[layer.id] ?? { properties: {}, ids: [] };
    const layout = {
      ...layer.layout,
      'text-allow-overlap': true,
      'icon-allow-overlap': true,
      'text-ignore-placement': true,
      'icon-ignore-placement': true,
      ...(layer.layout?.['symbol-placement'] === 'line' ? { 'symbol-placement': 'line-center' as const } : {}),
    };
    return { ...layer, layout, filter: keyFilter(layer.filter, k) };
  });
  return { ...style, layers };
}

function keyFilter(original: FilterSpecification | undefined, keys: LabelKeys): FilterSpecification {
  const props = Object.entries(keys.properties);
  if (original !== undefined && !isExpressionFilter(original)) {
    // A legacy filter cannot be mixed with expressions: say the same in the legacy syntax.
    const any: unknown[] = ['any', ...props.map(([name, values]) => ['in', name, ...values])];
    if (keys.ids.length) any.push(['in', '$id', ...keys.ids]);
    return ['all', original, any] as unknown as FilterSpecification;
  }
  const any: unknown[] = ['any', ...props.map(([name, values]) => ['in', ['get', name], ['literal', values]])];
  if (keys.ids.length) any.push(['in', ['id'], ['literal', keys.ids]]);
  return ['all', original ?? true, any] as unknown as FilterSpecification;
}

/** Whether a filter is an expression rather than legacy syntax (as in the style spec's own test). */
function isExpressionFilter(filter: unknown): boolean {
  if (filter === true || filter === false) return true;
  if (!Array.isArray(filter) || filter.length === 0) return false;
  switch (filter[0]) {
    case 'has':
      return filter.length >= 2 && filter[1] !== '$id' && filter[1] !== '$type';
    case 'in':
      return filter.length >= 3 && (typeof filter[1] !== 'string' || Array.isArray(filter[2]));
    case '!in':
    case '!has':
    case 'none':
      return false;
    case '==':
    case '!=':
    case '>':
    case '>=':
    case '<':
    case '<=':
      return filter.length !== 3 || Array.isArray(filter[1]) || Array.isArray(filter[2]);
    case 'any':
    case 'all':
      return filter.slice(1).every((f: unknown) => typeof f === 'boolean' || isExpressionFilter(f));
    default:
      return true;
  }
}

/** Smallest CSS length that is a whole number of device pixels at `pr` (96 / gcd(dpi, 96) for whole dpi). */
function cssUnit(pr: number): number {
  for (let u = 1; u <= 9600; u++) if (Math.abs(u * pr - Math.round(u * pr)) < 1e-9) return u;
  throw new RangeError(`dpi ${pr * 96} has no whole-pixel tile size`);
}

const roundUp = (v: number, unit: number) => Math.ceil(v / unit - 1e-9) * unit;
const roundDown = (v: number, unit: number) => Math.floor(v / unit + 1e-9) * unit;

/** Web Mercator world pixel ↔ lng/lat at a world size of `ws` px. */
function toWorld([lng, lat]: [number, number], ws: number): [number, number] {
  const phi = (Math.max(-85.051129, Math.min(85.051129, lat)) * Math.PI) / 180;
  return [((lng + 180) / 360) * ws, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * ws];
}
function fromWorld(x: number, y: number, ws: number): [number, number] {
  const lng = (x / ws) * 360 - 180;
  const lat = (360 / Math.PI) * Math.atan(Math.exp(Math.PI * (1 - (2 * y) / ws))) - 90;
  return [lng, lat];
}

function abortError(signal: AbortSignal | undefined): DOMException {
  const reason: unknown = signal?.reason;
  return reason instanceof DOMException && reason.name === 'AbortError' ? reason : new DOMException('The print render was cancelled', 'AbortError');
}

function hiddenContainer(widthCss: number, heightCss: number): HTMLDivElement {
  const div = document.createElement('div');
  div.setAttribute('aria-hidden', 'true');
  // Off screen but laid out (never display:none: the map needs its size).
  div.style.cssText = `position:fixed;left:-100000px;top:0;width:${widthCss}px;height:${heightCss}px;overflow:hidden;pointer-events:none;`;
  document.body.append(div);
  return div;
}

function resizeContainer(div: HTMLElement, widthCss: number, heightCss: number): void {
  div.style.width = `${widthCss}px`;
  div.style.height = `${heightCss}px`;
}

/**
 * Moves `map` to `center` / `zoom` (north up, no pitch) and resolves once it has drawn everything
 * there (`idle`). Rejects on a map error or when `signal` aborts.
 */
function drawAt(map: MapLibreMap, center: [number, number], zoom: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      map.off('idle', onIdle);
      map.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onIdle = () => {
      cleanup();
      resolve();
    };
    const onError = (e: MapEventType['error']) => {
      cleanup();
      reject(e.error ?? new Error('The print map failed to render'));
    };
    const onAbort = () => {
      cleanup();
      reject(abortError(signal));
    };
    if (signal?.aborted) return onAbort();
    // Listen before moving: the idle that follows the move is the one we want.
    map.once('idle', onIdle);
    map.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    map.jumpTo({ center, zoom, bearing: 0, pitch: 0 });
    map.triggerRepaint(); // the camera may not have changed; a frame (and then idle) must still come
  });
}

/** The WebGL drawing buffer's size (it may be smaller than the canvas when the GPU refuses). */
function drawingBufferSize(canvas: HTMLCanvasElement): [number, number] {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  return gl ? [gl.drawingBufferWidth, gl.drawingBufferHeight] : [canvas.width, canvas.height];
}

function hiddenMap(container: HTMLElement, style: StyleSpecification, center: [number, number], zoom: number, pixelRatio: number): MapLibreMap {
  return new MapLibreMap({
    container,
    style,
    center,
    zoom,
    bearing: 0,
    pitch: 0,
    pixelRatio,
    maxCanvasSize: MAX_CANVAS,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    fadeDuration: 0,
    interactive: false,
    trackResize: false,
    attributionControl: false,
    renderWorldCopies: false,
    maxZoom: 24,
  });
}

/**
 * Draws `style` at print resolution: `width × height` device px at `dpi`, centred on `center` at `zoom`
 * (the zoom of the same map shown at CSS size `width / pr × height / pr`, `pr = dpi / 96`), and hands
 * the image to `onTile` piece by piece (row by row, left to right). The tiles cover the image exactly,
 * without overlap.
 *
 * Two hidden maps are created one after the other and removed at the end (also on error or abort):
 * the layout map, at pixel ratio 1, decides the labels; the tile map draws the tiles.
 */
export async function renderPrintMap(options: PrintMapOptions): Promise<void> {
  const { style, center, zoom, width, height, dpi, signal, onProgress, onTile } = options;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new RangeError(`The print map size must be whole positive pixels, got ${width} × ${height}`);
  }
  if (!(Number.isFinite(dpi) && dpi > 0)) throw new RangeError(`dpi must be a positive number, got ${dpi}`);
  if (!Number.isFinite(zoom)) throw new RangeError(`zoom must be a number, got ${zoom}`);
  if (signal?.aborted) throw abortError(signal);

  const pr = dpi / 96;
  const unit = cssUnit(pr);
  const margin = roundUp(MARGIN_CSS, unit);
  const frameCss: [number, number] = [width / pr, height / pr];
  const ws = 512 * 2 ** zoom;
  const [cx, cy] = toWorld(center, ws);
  // The print frame's top-left corner in world px (CSS px at this zoom).
  const fx = cx - frameCss[0] / 2;
  const fy = cy - frameCss[1] / 2;

  let layoutMap: MapLibreMap | null = null;
  let tileMap: MapLibreMap | null = null;
  const containers: HTMLElement[] = [];
  try {
    // 1. Layout pass: which labels does the whole extent show?
    const layoutCss: [number, number] = [Math.ceil(frameCss[0] - 1e-9), Math.ceil(frameCss[1] - 1e-9)];
    const layoutDiv = hiddenContainer(layoutCss[0], layoutCss[1]);
    containers.push(layoutDiv);
    const layoutCenter = fromWorld(fx + layoutCss[0] / 2, fy + layoutCss[1] / 2, ws);
    layoutMap = hiddenMap(layoutDiv, style, layoutCenter, zoom, 1);
    await drawAt(layoutMap, layoutCenter, zoom, signal);
    const symbolIds = style.layers.filter((l) => l.type === 'symbol').map((l) => l.id);
    const keys = symbolLabelKeys(layoutMap, symbolIds);
    layoutMap.remove();
    layoutMap = null;
    layoutDiv.remove();

    // 2. Tile size: whole CSS and device px, the device canvas (margins included) within bounds.
    const requested = options.tileCss ?? (DEFAULT_MAX_DEVICE / pr - 2 * margin);
    let tile = Math.max(unit, roundDown(requested, unit));
    const fit = (t: number): [number, number] => [Math.min(t, roundUp(frameCss[0], unit)), Math.min(t, roundUp(frameCss[1], unit))];
    let [tw, th] = fit(tile);
    const tileDiv = hiddenContainer(tw + 2 * margin, th + 2 * margin);
    containers.push(tileDiv);
    tileMap = hiddenMap(tileDiv, printLabelStyle(style, keys), center, zoom, pr);
    // MapLibre (or the GPU) silently lowers the resolution of a canvas that is too large: shrink the tiles.
    for (;;) {
      const expected = [Math.round((tw + 2 * margin) * pr), Math.round((th + 2 * margin) * pr)];
      const canvas = tileMap.getCanvas();
      const buffer = drawingBufferSize(canvas);
      if (canvas.width === expected[0] && canvas.height === expected[1] && buffer[0] === expected[0] && buffer[1] === expected[1]) break;
      if (tile <= unit) throw new Error(`Cannot allocate a ${expected[0]} × ${expected[1]} px map canvas for printing`);
      tile = Math.max(unit, roundDown(Math.max(tw, th) * 0.75, unit));
      [tw, th] = fit(tile);
      resizeContainer(tileDiv, tw + 2 * margin, th + 2 * margin);
      tileMap.resize();
    }

    // 3. The tiles.
    const tileW = Math.round(tw * pr);
    const tileH = Math.round(th * pr);
    const cols = Math.ceil(width / tileW);
    const rows = Math.ceil(height / tileH);
    const total = 1 + cols * rows;
    let done = 1;
    onProgress?.(done / total);
    const crop = Math.round(margin * pr);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const tileCenter = fromWorld(fx + i * tw + tw / 2, fy + j * th + th / 2, ws);
        await drawAt(tileMap, tileCenter, zoom, signal);
        const w = Math.min(tileW, width - i * tileW);
        const h = Math.min(tileH, height - j * tileH);
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        // CPU-backed: the pixels are copied out of WebGL once, here, and every consumer (PNG and PDF
        // encoders, getImageData) reads them without another GPU read-back.
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx) throw new Error('No 2D canvas for the print tiles');
        ctx.drawImage(tileMap.getCanvas(), crop, crop, w, h, 0, 0, w, h);
        // drawImage is deferred: reading one pixel makes the copy (and the GPU work of the frame, which
        // can take seconds on a software GPU) happen now, so progress and cancellation follow the real work.
        ctx.getImageData(0, 0, 1, 1);
        try {
          await onTile({ x: i * tileW, y: j * tileH, width: w, height: h, image: canvas });
        } finally {
          // Release the pixels now rather than whenever the collector runs.
          canvas.width = 0;
          canvas.height = 0;
        }
        if (signal?.aborted) throw abortError(signal);
        onProgress?.(++done / total);
      }
    }
  } finally {
    layoutMap?.remove();
    tileMap?.remove();
    for (const div of containers) div.remove();
  }
}
