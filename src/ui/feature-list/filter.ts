/**
 * What the feature list's filter keeps, and in which order. Pure: no DOM, no Lit.
 */
import type { VillageFeature } from '../../types/plan.js';

/** A column to sort by (its key in the table model) and the direction. */
export interface ListSort {
  key: string;
  descending: boolean;
}

/** The filter controls of the feature list. */
export interface ListFilter {
  /** Text to find in names, towns, codes (case-insensitive). */
  filter: string;
  /** Villages tab: only villages without a position. */
  onlyUnlocated: boolean;
  /** Villages tab: only villages with a plan role (not the plan's `none`-kind role). */
  onlyPlan: boolean;
  /** Villages tab: only this role id ('' any). */
  role?: string;
  /** Villages tab: only this selection year ('' any, {@link NONE} no year). */
  year?: string;
  /** Villages tab: only this town ('' any). */
  town?: string;
  /** Villages tab: only villages of this cluster id ('' any, {@link NONE} in no cluster). */
  cluster?: string;
  /** The order of the rows (null: the plan's own order). */
  sort?: ListSort | null;
}

/** The choice "none" of the year and cluster filters (no year / in no cluster). */
export const NONE = '\u0000none';

/** True when `filter` is blank or any of `values` contains it (case-insensitive, trimmed). */
export function matches(filter: string, ...values: unknown[]): boolean {
  const f = filter.trim().toLowerCase();
  return !f || values.some((v) => String(v ?? '').toLowerCase().includes(f));
}

/**
 * Whether the villages tab lists `f` under `state`; `noneRole` is the id of the plan's `none`-kind
 * role, `clustersOf` the ids of the clusters that list a village, by code.
 */
export function villageShown(f: VillageFeature, state: ListFilter, noneRole: string, clustersOf: ReadonlyMap<string, readonly string[]> = new Map()): boolean {
  const p = f.properties;
  if (state.onlyUnlocated && f.geometry) return false;
  if (state.onlyPlan && p.role === noneRole) return false;
  if (state.role && p.role !== state.role) return false;
  if (state.year && (state.year === NONE ? p.year != null : String(p.year ?? '') !== state.year)) return false;
  if (state.town && p.town !== state.town) return false;
  if (state.cluster) {
    const of = clustersOf.get(p.code) ?? [];
    if (state.cluster === NONE ? of.length > 0 : !of.includes(state.cluster)) return false;
  }
  return matches(state.filter, p.name, p.short_name, p.name_en, p.town, p.town_en, p.code, p.district);
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });

/**
 * `rows` ordered by `value` (numbers as numbers, text by the Chinese/English collation, empty cells
 * last in either direction); stable, so equal rows keep the plan's order. A new array.
 */
export function sortRows<R>(rows: readonly R[], value: (row: R) => string | number | null, descending = false): R[] {
  const sign = descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      const ea = a.v === null || a.v === '';
      const eb = b.v === null || b.v === '';
      if (ea || eb) return ea === eb ? a.i - b.i : ea ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}
