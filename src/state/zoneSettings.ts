/**
 * The corridor zones' distances and lines, without the zones themselves: what the first load needs
 * (url state, zone panel, analysis controller). src/state/zones.ts computes the zones with the
 * buffer engine (clipper2-ts, ~27 KB gzip) and is `import()`ed when a zone is first switched on.
 */
import { lookup } from '../plan/lookup.js';
import type { LineFeature, Plan } from '../types/plan.js';
import { lineLayer } from './layers.js';

/** Buffer distances the UI offers, km (issue: 0.5–20 km). */
export const ZONE_KM_MIN = 0.5;
export const ZONE_KM_MAX = 20;
export const ZONE_KM_DEFAULT = 3;

/** Clamps a typed or dragged distance into the offered range; NaN falls back to the default. */
export function clampKm(km: number): number {
  if (!Number.isFinite(km)) return ZONE_KM_DEFAULT;
  return Math.min(ZONE_KM_MAX, Math.max(ZONE_KM_MIN, Math.round(km * 10) / 10));
}

/** A corridor or culture belt by id, with the public layer that draws it. */
export function findLine(plan: Plan, id: string): ['corridors' | 'culture-belts', LineFeature] | null {
  const l = lookup(plan).lineById.get(id);
  return l ? [lineLayer(l.layer), l.feature] : null;
}
