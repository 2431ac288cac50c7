/**
 * How `<belt-map>` reads its declarative input: the `layers` and `view` attributes and a plans list.
 * Pure (no DOM): bad input is ignored with a warning, never thrown.
 */
import { isPublicLayerId, PUBLIC_LAYERS, type PublicLayerId } from '../../state/layers.js';
import type { Bounds, View } from '../../types/plan.js';
import type { PlanEntry } from '../layer-panel/layer-panel.js';

/** The layers of a `layers` attribute (all when it is unset); unknown ids are dropped with a warning. */
export function parseLayers(value: string | null | undefined): ReadonlySet<PublicLayerId> {
  if (value === undefined || value === null) return new Set(PUBLIC_LAYERS);
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isPublicLayerId(id));
  if (unknown.length) console.warn(`<belt-map>: unknown layer id(s) ${unknown.join(', ')} ignored; known: ${PUBLIC_LAYERS.join(', ')}`);
  return new Set(ids.filter(isPublicLayerId));
}

/**
 * The bounds of a `view` attribute: one of the plan's views by id (the first when unset) or
 * `west,south,east,north` in degrees; anything else shows the first view, with a warning.
 */
export function viewBounds(views: readonly View[], view: string | null | undefined): Bounds {
  const first = views[0]!;
  const v = (view ?? first.id).trim();
  const named = views.find((x) => x.id === v);
  if (named) return named.bounds;
  const parts = v.split(',').map(Number);
  if (parts.length === 4 && parts.every(Number.isFinite)) {
    const [w, s, e, n] = parts as [number, number, number, number];
    if (w < e && s < n && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90) return [w, s, e, n];
  }
  console.warn(`<belt-map>: view="${v}" is not a view of this plan (${views.map((x) => x.id).join(', ')}) or "west,south,east,north"; showing ${first.id}`);
  return first.bounds;
}

/**
 * The entries of a plans list (`[{ id, name: {zh, en}, url }]`) read from `base`, their URLs
 * resolved against it; malformed entries are left out. Throws when `json` is not a list.
 */
export function parsePlansList(json: unknown, base: URL | string): PlanEntry[] {
  if (!Array.isArray(json)) throw new Error('not a list');
  return json
    .filter((p): p is { id: string; name: { zh: string; en?: unknown }; url: string } => typeof p?.id === 'string' && typeof p?.url === 'string' && typeof p?.name?.zh === 'string')
    .map((p) => ({ id: p.id, name: { zh: p.name.zh, en: String(p.name.en ?? p.name.zh) }, url: new URL(p.url, base).href }));
}

/**
 * The picker's entry for the plan shown: the one whose URL is `src` (absolute); for the default plan
 * (no `src` attribute) the first entry when none matches.
 */
export function currentPlanId(plans: readonly PlanEntry[], src: string, srcSet: boolean): string | undefined {
  return (plans.find((p) => p.url === src) ?? (srcSet ? undefined : plans[0]))?.id;
}
