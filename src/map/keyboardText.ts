/**
 * What the map's keyboard (./keyboard.ts) says and shows, in the UI language: the focused feature
 * ("village 上庄村, 3 of 41 …"), nothing in view, the view a key left (zoom level and the village
 * nearest its centre) and the keys' hint.
 */
import { localName, strings, type Lang } from '../state/i18n.js';
import { nearestTo } from '../state/keyboardOrder.js';
import type { Plan } from '../types/plan.js';
import type { MapKeyboardOptions } from './keyboard.js';

/**
 * The text options of a {@link MapKeyboardOptions}, read when said (a language or plan change needs no new map).
 *
 * @param lang - the UI language now
 * @param plan - the plan now (null before it is loaded)
 */
export function keyboardText(lang: () => Lang, plan: () => Plan | null): Pick<MapKeyboardOptions, 'describe' | 'none' | 'moved' | 'hint'> {
  const t = () => strings(lang()).a11y;
  return {
    describe: (pick, n, of) => {
      const kind = pick.layer === 'villages' || pick.layer === 'clusters' || pick.layer === 'corridors' || pick.layer === 'culture-belts' ? t().kind[pick.layer] : '';
      const p = pick.properties as { name?: string; name_en?: string; short_name?: string; id?: string; code?: string };
      const name = typeof p.name === 'string' ? localName(lang(), { ...p, name: p.name }) : String(p.id ?? p.code ?? '');
      return t().focused(`${kind} ${name}`.trim(), n, of);
    },
    none: () => t().noFeatures,
    moved: (zoom, center) => {
      const villages = plan()?.villages.features ?? [];
      const i = nearestTo(villages.map((v) => (v.geometry ? [v.geometry.coordinates[0]!, v.geometry.coordinates[1]!] : null)), center);
      return t().moved(zoom, i >= 0 ? localName(lang(), villages[i]!.properties) : '');
    },
    hint: () => t().mapHint,
  };
}
