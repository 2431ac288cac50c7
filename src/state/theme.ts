import type { LineKind, VillageRole } from '../types/plan.js';

/**
 * Colours of the map. WebGL cannot read CSS, so `<belt-map>` reads its `--belt-color-*` custom
 * properties into a Theme (see ui/theme-controller.ts) and hands it to the scene.
 */
export interface Theme {
  background: string;
  water: string;
  district: string;
  districtFocus: string;
  districtLine: string;
  townSeat: string;
  label: string;
  labelHalo: string;
  role: Record<VillageRole, string>;
  /** Line colour by kind; a line whose id is in `lineById` uses that instead. */
  line: Record<LineKind, string>;
  lineById: Record<string, string>;
  cluster: string;
  belt: string;
  selection: string;
}

/** The default theme; every key has a `--belt-color-<kebab-key>` custom property. */
export const defaultTheme: Theme = {
  background: '#f4f1ea',
  water: '#9ecae1',
  district: '#ebe6dc',
  districtFocus: '#fbfaf6',
  districtLine: '#8c8273',
  townSeat: '#5b5347',
  label: '#2f2a24',
  labelHalo: '#ffffff',
  role: { demonstration: '#c62828', upgrade: '#ef6c00', poetic: '#7b1fa2', other: '#8d8d8d' },
  line: { road: '#b23c17', river: '#1f78b4', 'culture-belt': '#6d4c41' },
  lineById: { 'great-wall': '#6d4c41', tanghe: '#00897b' },
  cluster: '#ef6c00',
  belt: '#d81b60',
  selection: '#1565c0',
};

/** Public layer ids: what a user toggles, and the prefix of every style layer that draws it. */
export const PUBLIC_LAYERS = ['boundaries', 'villages', 'corridors', 'culture-belts', 'clusters', 'belt'] as const;
export type PublicLayerId = (typeof PUBLIC_LAYERS)[number];

export function isPublicLayerId(id: string): id is PublicLayerId {
  return (PUBLIC_LAYERS as readonly string[]).includes(id);
}
