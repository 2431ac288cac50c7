/** Feature properties as plain strings and numbers, what the import's column mapping works on. */
import type { Feature } from 'geojson';
import { RESERVED_KEYS } from '../../plan/jsonGuard.js';
import type { FeatureProperties } from './types.js';

/**
 * Flattens a property bag: strings and finite numbers stay, booleans become 'true'/'false', a
 * togeojson HTML description `{ '@type': 'html', value }` becomes its text, other objects and
 * arrays (styles, coordinate times, links) become JSON unless listed in `drop`; null and undefined are left out.
 * Keys JavaScript reserves (`__proto__`, `constructor`, `prototype`) are left out and added to `reserved`
 * (the reader reports them), so no property bag changes its prototype or confuses MapLibre's worker transfer.
 */
export function plainProperties(props: Record<string, unknown> | null | undefined, drop: readonly string[] = [], reserved?: Set<string>): FeatureProperties {
  const out: FeatureProperties = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (RESERVED_KEYS.includes(k)) {
      reserved?.add(k);
      continue;
    }
    if (v === null || v === undefined || drop.includes(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : String(v);
    else if (typeof v === 'boolean') out[k] = String(v);
    else if (typeof v === 'object' && !Array.isArray(v) && typeof (v as { value?: unknown }).value === 'string' && '@type' in v) {
      out[k] = (v as unknown as { value: string }).value;
    } else out[k] = JSON.stringify(v);
  }
  return out;
}

export function withPlainProperties(f: Feature, drop: readonly string[] = [], extra: FeatureProperties = {}, reserved?: Set<string>): Feature {
  return { type: 'Feature', ...(f.id !== undefined ? { id: f.id } : {}), geometry: f.geometry, properties: { ...plainProperties(f.properties, drop, reserved), ...extra } };
}
