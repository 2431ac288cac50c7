import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { lookup } from '../plan/lookup.js';
import { corridorZone } from '../geo/corridorZone.js';
import { villagesAlong } from '../geo/villagesAlong.js';
import type { LineFeature, Plan, VillageProperties } from '../types/plan.js';
import { lineLayer } from './layers.js';

/** Buffer distances the UI offers, km (issue: 0.5–20 km). */
export const ZONE_KM_MIN = 0.5;
export const ZONE_KM_MAX = 20;
export const ZONE_KM_DEFAULT = 3;

/** One corridor's or culture belt's zone as the planner set it. */
export interface ZoneSetting {
  lineId: string;
  km: number;
}

export type ZoneVillage = Feature<Point, VillageProperties & { distanceKm: number; chainageKm: number }>;

export interface ZoneResult {
  lineId: string;
  layer: 'corridors' | 'culture-belts';
  name: string;
  name_en: string;
  km: number;
  zone: Feature<Polygon | MultiPolygon>;
  /** Located villages within `km` of the line, by chainage. */
  villages: ZoneVillage[];
}

/** Clamps a typed or dragged distance into the offered range; NaN falls back to the default. */
export function clampKm(km: number): number {
  if (!Number.isFinite(km)) return ZONE_KM_DEFAULT;
  return Math.min(ZONE_KM_MAX, Math.max(ZONE_KM_MIN, Math.round(km * 10) / 10));
}

/**
 * The zones of the lines the planner switched on, with the villages inside each, by chainage.
 * Results are memoised per plan, line and distance, so moving one slider recomputes one zone.
 */
export class ZoneCalculator {
  #cache = new WeakMap<Plan, Map<string, ZoneResult>>();

  compute(plan: Plan, settings: readonly ZoneSetting[]): ZoneResult[] {
    let cache = this.#cache.get(plan);
    if (!cache) this.#cache.set(plan, (cache = new Map()));
    const { located } = lookup(plan);
    return settings.flatMap((s) => {
      const key = `${s.lineId}@${s.km}`;
      const hit = cache.get(key);
      if (hit) return [hit];
      const found = findLine(plan, s.lineId);
      if (!found) return [];
      const [layer, line] = found;
      const result: ZoneResult = {
        lineId: s.lineId,
        layer,
        name: line.properties.name,
        name_en: line.properties.name_en,
        km: s.km,
        zone: corridorZone(line, s.km),
        villages: villagesAlong(located, line, { km: s.km }).features as ZoneVillage[],
      };
      cache.set(key, result);
      return [result];
    });
  }
}

/** A corridor or culture belt by id, with the public layer that draws it. */
export function findLine(plan: Plan, id: string): ['corridors' | 'culture-belts', LineFeature] | null {
  const l = lookup(plan).lineById.get(id);
  return l ? [lineLayer(l.layer), l.feature] : null;
}
