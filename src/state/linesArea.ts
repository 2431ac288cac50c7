/**
 * 连线成片 as the drawing tools show it. Apart from src/state/drawLine.ts because it needs the
 * buffer engine (src/geo/offset.ts, clipper2-ts, ~27 KB gzip): the draw controller `import()`s this
 * module when an area is first shown, so the first paint does not load it. No DOM: Node-tested.
 */
import { area as turfArea } from '@turf/area';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { linesToArea } from '../geo/linesToArea.js';
import { lookup } from '../plan/lookup.js';
import type { Plan } from '../types/plan.js';

/**
 * 连线成片: the area within `km` of the plan's lines `ids` (the engine's `linesToArea`) and its size.
 * The plan has no place to store such an area: it is an analysis result.
 */
export function linesArea(plan: Plan, ids: readonly string[], km: number): { area: Feature<Polygon | MultiPolygon, { km: number; lineCount: number }>; km2: number } {
  const { lineById } = lookup(plan);
  const lines = ids.map((id) => {
    const found = lineById.get(id);
    if (!found) throw new RangeError(`linesArea: ${id} is not a line of the plan`);
    return found.feature;
  });
  const area = linesToArea(lines, km);
  return { area, km2: Math.round(turfArea(area) / 1e4) / 100 };
}
