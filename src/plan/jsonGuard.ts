/**
 * Guards for parsed JSON from outside (plan packages, imported files) before any recursive code sees it:
 * property keys that JavaScript treats specially (`__proto__`, `constructor`, `prototype`) and nesting
 * too deep for recursive code (geojson-validation, Turf, MapLibre's worker transfer). Both walks are
 * iterative, so hostile data cannot overflow the stack here either.
 */
import type { Bilingual } from '../types/plan.js';

/**
 * Keys that change an object's prototype when assigned (`__proto__`) or that MapLibre's worker
 * transfer reads as the object's class (`constructor`; "can't serialize object of unregistered class").
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Most GeometryCollections nested in one another that a geometry may have (RFC 7946 advises none). */
export const MAX_GEOMETRY_NESTING = 32;

/** Most levels of arrays and objects in one feature (a MultiPolygon's positions sit 6 deep). */
export const MAX_JSON_DEPTH = 100;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * The path of the first reserved key (see {@link RESERVED_KEYS}) anywhere in `value`, e.g.
 * `properties.constructor`; null when there is none.
 * @param value - parsed JSON
 * @param maxDepth - levels walked (deeper parts are not looked at: {@link jsonDepthExceeds} rejects them)
 * @param skip - top-level members not to look into (e.g. `properties`, when the caller drops such keys itself)
 * @example
 * reservedKeyPath(JSON.parse('{"properties":{"__proto__":{}}}')); // 'properties.__proto__'
 */
export function reservedKeyPath(value: unknown, maxDepth = MAX_JSON_DEPTH, skip: readonly string[] = []): string | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [x, path, depth] = stack.pop()!;
    if (!isObj(x) || depth >= maxDepth) continue;
    const keys = Object.keys(x);
    for (const k of keys) {
      const at = Array.isArray(x) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (!Array.isArray(x) && RESERVED_KEYS.includes(k)) return at;
      if (depth === 0 && skip.includes(k)) continue;
      stack.push([(x as Record<string, unknown>)[k], at, depth + 1]);
    }
  }
  return null;
}

/** True when `value` has more than `limit` levels of arrays and objects. */
export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (!isObj(x)) continue;
    if (depth >= limit) return true;
    for (const v of Object.values(x)) if (isObj(v)) stack.push([v, depth + 1]);
  }
  return false;
}

/** True when a geometry has more than `limit` GeometryCollections nested in one another. */
export function geometryNestingExceeds(geometry: unknown, limit = MAX_GEOMETRY_NESTING): boolean {
  const stack: [unknown, number][] = [[geometry, 0]];
  while (stack.length > 0) {
    const [g, depth] = stack.pop()!;
    if (!isObj(g) || g.type !== 'GeometryCollection') continue;
    if (depth >= limit) return true;
    if (Array.isArray(g.geometries)) for (const c of g.geometries) stack.push([c, depth + 1]);
  }
  return false;
}

/**
 * What is wrong with one parsed feature before it is validated, as a sentence tail in both languages;
 * null when nothing is.
 * @param feature - a parsed GeoJSON Feature (or bare geometry)
 * @param skip - top-level members not searched for reserved keys (still depth-checked)
 * @example
 * hostileFeature({ type: 'Feature', geometry: null, properties: { constructor: 'x' } });
 * // { en: 'has the property key "constructor" (at properties.constructor), which …', zh: '…' }
 */
export function hostileFeature(feature: unknown, skip: readonly string[] = []): Bilingual | null {
  if (isObj(feature) && geometryNestingExceeds(feature.geometry))
    return {
      en: `its geometry nests GeometryCollections more than ${MAX_GEOMETRY_NESTING} deep; it is not read`,
      zh: `几何中 GeometryCollection 嵌套超过 ${MAX_GEOMETRY_NESTING} 层，无法读取`,
    };
  if (jsonDepthExceeds(feature))
    return { en: `is nested more than ${MAX_JSON_DEPTH} levels deep; it is not read`, zh: `嵌套超过 ${MAX_JSON_DEPTH} 层，无法读取` };
  const at = reservedKeyPath(feature, MAX_JSON_DEPTH, skip);
  if (at !== null) {
    const key = at.split('.').pop()!;
    return {
      en: `has the key "${key}" (at ${at}), which JavaScript reserves; rename it`,
      zh: `含有 JavaScript 保留的键 “${key}”（位于 ${at}），请改名`,
    };
  }
  return null;
}
