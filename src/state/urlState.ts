/**
 * A shareable view of a `<belt-map>` in the page's location hash (the `url-state` attribute).
 * Pure: strings in, strings and plain data out; no DOM, no `location`.
 *
 * The element's keys sit beside whatever the host page keeps in its hash, as `&`-separated
 * `key=value` pairs under the namespace `bm.` (`bm.<element id>.` for an element with an id, so two
 * maps on one page keep apart):
 *
 * ```
 * #intro&bm.view=116.05123,40.01234,10.5,30,45&bm.layers=villages,clusters&bm.zones=g109:3,greatwall:5.5
 *       &bm.sel=villages:110109007204&bm.year=2025&bm.plan=miyun
 * ```
 *
 * - `view`: `lon,lat,zoom[,bearing[,pitch]]` (degrees, MapLibre zoom); or `bounds`: `west,south,east,north`
 * - `layers`: the public layer ids shown (empty: none)
 * - `zones`: the lines whose zone is on, each `lineId[:km]`
 * - `sel`: the selected feature, `layer:id` (a village's code, a cluster's, line's or belt's id)
 * - `year`: the year the statistics are counted as of
 * - `plan`: the id of the plan in the plans list
 *
 * Every part of the host's hash that is not one of these keys is kept as it was, in its place.
 * Reading is total: a malformed, unknown or out-of-range value is left out, never thrown.
 */
import { lookup } from '../plan/lookup.js';
import type { Bounds, Plan } from '../types/plan.js';
import { isPublicLayerId, PUBLIC_LAYERS, type PublicLayerId } from './layers.js';
import { ZONE_KM_MAX, ZONE_KM_MIN } from './zoneSettings.js';

/** The layers whose features can be selected (boundaries cannot). */
export const SELECTABLE_LAYERS = ['villages', 'clusters', 'corridors', 'culture-belts', 'belt'] as const;
export type SelectableLayerId = (typeof SELECTABLE_LAYERS)[number];

/** The map camera: centre in degrees, MapLibre zoom; bearing and pitch in degrees (0 when absent). */
export interface Camera {
  center: [number, number];
  zoom: number;
  bearing?: number;
  pitch?: number;
}

/** What a link keeps of a view. Every field is optional: a link may say only some of it. */
export interface UrlState {
  camera?: Camera;
  /** West, south, east, north (read only; the element writes `camera`, which does not depend on the screen's size). */
  bounds?: Bounds;
  /** The public layers shown, in {@link PUBLIC_LAYERS} order. */
  layers?: PublicLayerId[];
  /** Lines whose zone is on; `km` absent: the line's current (or default) distance. */
  zones?: { lineId: string; km?: number }[];
  selection?: { layer: SelectableLayerId; id: string };
  /** The year the statistics are counted as of. */
  year?: number;
  /** The plan's id in the plans list. */
  plan?: string;
}

/** The hash keys' names after the namespace. */
const FIELDS = ['view', 'bounds', 'layers', 'zones', 'sel', 'year', 'plan'] as const;
type Field = (typeof FIELDS)[number];

const MAX_ZOOM = 24;
/** Web Mercator's latitude limit. */
const MAX_LAT = 85.051129;

/** The namespace of an element's keys: `bm.`, or `bm.<id>.` for an element with an id. */
export function hashPrefix(elementId?: string | null): string {
  return elementId ? `bm.${elementId}.` : 'bm.';
}

/**
 * The state an element's keys in `hash` describe; null when the hash has none of them (a hash that
 * is only the host page's). Bad values are left out.
 *
 * @param hash - `location.hash`, with or without its `#`
 * @param elementId - the element's id, if it has one
 * @example
 * readHash('#intro&bm.view=116.1,40.2,9.5&bm.sel=villages:110109007204')
 * // { camera: { center: [116.1, 40.2], zoom: 9.5 }, selection: { layer: 'villages', id: '110109007204' } }
 */
export function readHash(hash: string, elementId?: string | null): UrlState | null {
  const values = new Map<Field, string>();
  for (const part of splitHash(hash)) {
    const field = fieldOf(part, elementId);
    if (field) values.set(field, part.slice(part.indexOf('=') + 1));
  }
  if (values.size === 0) return null;
  const state: UrlState = {};
  const get = (f: Field) => values.get(f);
  const camera = parseCamera(get('view'));
  if (camera) state.camera = camera;
  const bounds = parseBounds(get('bounds'));
  if (bounds) state.bounds = bounds;
  const layers = parseLayerList(get('layers'));
  if (layers) state.layers = layers;
  const zones = parseZones(get('zones'));
  if (zones) state.zones = zones;
  const selection = parseSelection(get('sel'));
  if (selection) state.selection = selection;
  const year = parseYear(get('year'));
  if (year !== undefined) state.year = year;
  const plan = get('plan') === undefined ? undefined : decode(get('plan')!);
  if (plan) state.plan = plan;
  return state;
}

/**
 * `hash` with the element's keys set to `state` (replacing the ones it had; the host's own parts
 * kept, in their order). Returns the new hash with its `#`, or `''` when nothing is left.
 *
 * @example
 * writeHash('#intro', { camera: { center: [116.123456, 40.2], zoom: 9.512 } })
 * // '#intro&bm.view=116.12346,40.2,9.51'
 */
export function writeHash(hash: string, state: UrlState, elementId?: string | null): string {
  const kept = splitHash(hash).filter((part) => !fieldOf(part, elementId));
  const prefix = encode(hashPrefix(elementId));
  const ours = encodeState(state).map(([field, value]) => `${prefix}${field}=${value}`);
  const parts = [...kept, ...ours];
  return parts.length ? `#${parts.join('&')}` : '';
}

/**
 * The element's own parts of `hash`, as written (`''` when it has none): to tell whether someone else
 * changed them since the element last wrote or read them.
 */
export function ownParts(hash: string, elementId?: string | null): string {
  return splitHash(hash).filter((part) => fieldOf(part, elementId)).join('&');
}

/** `href` with its hash replaced by {@link writeHash} of its own hash and `state`. */
export function hrefWithState(href: string, state: UrlState, elementId?: string | null): string {
  const at = href.indexOf('#');
  const base = at < 0 ? href : href.slice(0, at);
  return base + writeHash(at < 0 ? '' : href.slice(at), state, elementId);
}

/** The element's fields of `state` as hash values (rounded: ~1 m for positions, 0.01 for zoom). */
function encodeState(state: UrlState): [Field, string][] {
  const out: [Field, string][] = [];
  const c = state.camera;
  if (c) {
    const bearing = round(c.bearing ?? 0, 1);
    const pitch = round(c.pitch ?? 0, 1);
    const tail = pitch !== '0' ? [bearing, pitch] : bearing !== '0' ? [bearing] : [];
    out.push(['view', [round(c.center[0], 5), round(c.center[1], 5), round(c.zoom, 2), ...tail].join(',')]);
  } else if (state.bounds) {
    out.push(['bounds', state.bounds.map((x) => round(x, 5)).join(',')]);
  }
  if (state.layers) out.push(['layers', PUBLIC_LAYERS.filter((l) => state.layers!.includes(l)).join(',')]);
  if (state.zones?.length) out.push(['zones', state.zones.map((z) => (z.km === undefined ? encode(z.lineId) : `${encode(z.lineId)}:${round(z.km, 2)}`)).join(',')]);
  if (state.selection) out.push(['sel', `${state.selection.layer}:${encode(state.selection.id)}`]);
  if (state.year !== undefined) out.push(['year', String(state.year)]);
  if (state.plan) out.push(['plan', encode(state.plan)]);
  return out;
}

/** A state checked against a plan: what it names that the plan lacks is dropped, with a warning each. */
export interface CheckedState {
  state: UrlState;
  warnings: string[];
}

/**
 * Drops from `state` the lines, selection and year that `plan` does not have, saying why for each.
 *
 * @example
 * checkState({ zones: [{ lineId: 'nowhere', km: 3 }], year: 1990 }, plan)
 * // { state: { zones: [] }, warnings: ['zone line "nowhere" is not in this plan', 'year 1990 is not one of this plan\'s years (…)'] }
 */
export function checkState(state: UrlState, plan: Plan): CheckedState {
  const warnings: string[] = [];
  const out: UrlState = { ...state };
  const { lineById, villageByCode, clusterById } = lookup(plan);
  if (state.zones) {
    out.zones = state.zones.filter((z) => {
      const ok = lineById.has(z.lineId);
      if (!ok) warnings.push(`zone line "${z.lineId}" is not in this plan`);
      return ok;
    });
  }
  if (state.selection) {
    const { layer, id } = state.selection;
    const line = lineById.get(id);
    const found =
      layer === 'villages' ? villageByCode.has(id)
      : layer === 'clusters' ? clusterById.has(id)
      : layer === 'corridors' ? line?.layer === 'corridors'
      : layer === 'culture-belts' ? line?.layer === 'cultureBelts'
      : plan.belts.some((b) => b.id === id);
    if (!found) {
      warnings.push(`selected ${layer} "${id}" is not in this plan`);
      delete out.selection;
    }
  }
  if (state.year !== undefined && !plan.manifest.years.includes(state.year)) {
    warnings.push(`year ${state.year} is not one of this plan's years (${plan.manifest.years.join(', ')})`);
    delete out.year;
  }
  return { state: out, warnings };
}

/** The `&`-separated parts of a hash (empty ones dropped). */
function splitHash(hash: string): string[] {
  return (hash.startsWith('#') ? hash.slice(1) : hash).split('&').filter((p) => p !== '');
}

/** The element's field a hash part sets, or null when the part is not the element's. */
function fieldOf(part: string, elementId?: string | null): Field | null {
  const eq = part.indexOf('=');
  if (eq < 0) return null;
  const key = decode(part.slice(0, eq));
  const prefix = hashPrefix(elementId);
  if (!key.startsWith(prefix)) return null;
  const field = key.slice(prefix.length);
  return (FIELDS as readonly string[]).includes(field) ? (field as Field) : null;
}

function parseCamera(value: string | undefined): Camera | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',');
  if (parts.length < 3 || parts.length > 5) return undefined;
  const n = numbers(parts.slice(0, 3).join(','), 3, 3);
  if (!n) return undefined;
  const [lon, lat, zoom] = n as [number, number, number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > MAX_LAT || zoom < 0 || zoom > MAX_ZOOM) return undefined;
  const camera: Camera = { center: [lon, lat], zoom };
  // A bad bearing or pitch is left out on its own: the place and zoom still stand.
  const [bearing, pitch] = [parts[3], parts[4]].map((p) => (p === undefined || p.trim() === '' ? NaN : Number(p)));
  if (Number.isFinite(bearing) && Math.abs(bearing!) <= 360 && bearing !== 0) camera.bearing = bearing!;
  if (Number.isFinite(pitch) && pitch! > 0 && pitch! <= 85) camera.pitch = pitch!;
  return camera;
}

function parseBounds(value: string | undefined): Bounds | undefined {
  const n = numbers(value, 4, 4);
  if (!n) return undefined;
  const [w, s, e, north] = n as [number, number, number, number];
  const ok = w < e && s < north && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(north) <= 90;
  return ok ? [w, s, e, north] : undefined;
}

/** Empty: no layers; a list with no known id at all is no list (a typo hides nothing). */
function parseLayerList(value: string | undefined): PublicLayerId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map(decode).filter((s) => s !== '');
  const known = ids.filter(isPublicLayerId);
  if (ids.length > 0 && known.length === 0) return undefined;
  return PUBLIC_LAYERS.filter((l) => known.includes(l));
}

function parseZones(value: string | undefined): UrlState['zones'] {
  if (value === undefined) return undefined;
  const zones: NonNullable<UrlState['zones']> = [];
  for (const item of value.split(',')) {
    const [rawId = '', rawKm] = item.split(':');
    const lineId = decode(rawId);
    if (!lineId || zones.some((z) => z.lineId === lineId)) continue;
    const km = rawKm === undefined || rawKm === '' ? NaN : Number(rawKm);
    zones.push(Number.isFinite(km) && km >= ZONE_KM_MIN && km <= ZONE_KM_MAX ? { lineId, km } : { lineId });
  }
  return zones;
}

function parseSelection(value: string | undefined): UrlState['selection'] {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const layer = decode(value.slice(0, colon));
  const id = decode(value.slice(colon + 1));
  if (!(SELECTABLE_LAYERS as readonly string[]).includes(layer) || !id) return undefined;
  return { layer: layer as SelectableLayerId, id };
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{4}$/.test(value)) return undefined;
  return Number(value);
}

/** `count` (min…max) finite numbers separated by commas, or undefined. */
function numbers(value: string | undefined, min: number, max: number): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',');
  if (parts.length < min || parts.length > max || parts.some((p) => p.trim() === '')) return undefined;
  const n = parts.map(Number);
  return n.every(Number.isFinite) ? n : undefined;
}

/** `x` with at most `digits` decimals, no trailing zeros, no exponent, no `-0`. */
function round(x: number, digits: number): string {
  const r = Number(x.toFixed(digits));
  return r === 0 ? '0' : String(r);
}

/** An id as a hash atom: everything but letters, digits and `-_.!~*'()` percent-encoded (so `,` `:` `&` `=` are never literal). */
function encode(s: string): string {
  return encodeURIComponent(s);
}

/** Percent-decoding that never throws (a malformed escape is kept as written). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
