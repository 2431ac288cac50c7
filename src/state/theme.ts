import type { LineKind, Plan, RoleKind } from '../types/plan.js';

/**
 * Colours of the map. WebGL cannot read CSS, so `<belt-map>` reads its `--belt-color-*` custom
 * properties into a Theme (see ui/controllers/theme-controller.ts) and hands it to the scene.
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
  /** Default colour of a role by its kind (a role may set its own). */
  roleKind: Record<RoleKind, string>;
  /** Colour by role id (`--belt-color-role-<id>`). */
  role: Record<string, string>;
  /** Line colour by kind; a line whose id is in `lineById` uses that instead. */
  line: Record<LineKind, string>;
  /** Colour by line id (`--belt-color-line-<id>`). */
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
  roleKind: { core: '#c62828', member: '#ef6c00', selected: '#7b1fa2', none: '#8d8d8d' },
  role: {},
  line: { road: '#b23c17', river: '#1f78b4', 'culture-belt': '#6d4c41' },
  lineById: {},
  cluster: '#ef6c00',
  belt: '#d81b60',
  selection: '#1565c0',
};

/**
 * The theme for a plan: a colour for each of its roles (the role's own, else its kind's) and for each
 * line the package styles, over `base`. Every role and line id then has a custom property.
 */
export function planTheme(plan: Plan, base: Theme = defaultTheme): Theme {
  const role = Object.fromEntries(plan.manifest.roles.map((r) => [r.id, base.role[r.id] ?? r.color ?? base.roleKind[r.kind]]));
  const lines = [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties);
  const lineById = Object.fromEntries(
    lines.map((p) => [p.id, base.lineById[p.id] ?? plan.manifest.lineStyles[p.id]?.color ?? base.line[p.kind]]),
  );
  return { ...base, role, lineById };
}
