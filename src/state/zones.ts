import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { lookup } from '../plan/lookup.js';
import { corridorZone } from '../geo/corridorZone.js';
import { villagesAlong } from '../geo/villagesAlong.js';
import type { Plan, VillageProperties } from '../types/plan.js';
import { findLine } from './zoneSettings.js';

// The first load needs only these (url state, zone panel); the zones themselves are `import()`ed.
export { ZONE_KM_DEFAULT, ZONE_KM_MAX, ZONE_KM_MIN, clampKm, findLine } from './zoneSettings.js';

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
