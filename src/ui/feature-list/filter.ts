/**
 * What the feature list's filter keeps. Pure: no DOM, no Lit.
 */
import type { VillageFeature } from '../../types/plan.js';

/** The filter controls of the feature list. */
export interface ListFilter {
  /** Text to find in names, towns, codes (case-insensitive). */
  filter: string;
  /** Villages tab: only villages without a position. */
  onlyUnlocated: boolean;
  /** Villages tab: only villages with a plan role (not the plan's `none`-kind role). */
  onlyPlan: boolean;
}

/** True when `filter` is blank or any of `values` contains it (case-insensitive, trimmed). */
export function matches(filter: string, ...values: unknown[]): boolean {
  const f = filter.trim().toLowerCase();
  return !f || values.some((v) => String(v ?? '').toLowerCase().includes(f));
}

/** Whether the villages tab lists `f` under `state`; `noneRole` is the id of the plan's `none`-kind role. */
export function villageShown(f: VillageFeature, state: ListFilter, noneRole: string): boolean {
  const p = f.properties;
  if (state.onlyUnlocated && f.geometry) return false;
  if (state.onlyPlan && p.role === noneRole) return false;
  return matches(state.filter, p.name, p.short_name, p.name_en, p.town, p.code, p.district);
}
