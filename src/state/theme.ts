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
  /**
   * The casing drawn under a line of a kind (`transparent`: none): a road is a line on a band, the way
   * maps draw roads, so it never reads as a river or a culture belt. A line in `casingById` uses that.
   */
  casing: Record<LineKind, string>;
  /** Casing by line id (`--belt-color-casing-by-id-<id>`), e.g. a package's dark edge for an expressway. */
  casingById: Record<string, string>;
  cluster: string;
  belt: string;
  selection: string;
  /** Proposed cluster areas awaiting a decision (not the zones' selection colour). */
  proposal: string;
}

/** The casing colour meaning "none". */
export const NO_CASING = 'transparent';

/**
 * Line kinds drawn over a translucent band of their own colour (a culture belt is an area of heritage
 * along a line, not a road or a river); the others are drawn as plain or cased lines.
 */
export const BANDED_KINDS: ReadonlySet<LineKind> = new Set(['culture-belt']);

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
  // Three colour families: roads slate on a white casing, rivers blue, culture belts purple on a band.
  line: { road: '#455a64', river: '#1f78b4', 'culture-belt': '#8e24aa' },
  lineById: {},
  casing: { road: '#ffffff', river: NO_CASING, 'culture-belt': NO_CASING },
  casingById: {},
  cluster: '#ef6c00',
  belt: '#d81b60',
  selection: '#1565c0',
  proposal: '#00838f',
};

/**
 * The theme for a plan: a colour for each of its roles (the role's own, else its kind's) and for each
 * line the package styles (and a casing for each line whose style gives one), over `base`. Every role
 * and line id then has a custom property.
 */
export function planTheme(plan: Plan, base: Theme = defaultTheme): Theme {
  const role = Object.fromEntries(plan.manifest.roles.map((r) => [r.id, base.role[r.id] ?? r.color ?? base.roleKind[r.kind]]));
  const lines = [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties);
  const lineById = Object.fromEntries(
    lines.map((p) => [p.id, base.lineById[p.id] ?? plan.manifest.lineStyles[p.id]?.color ?? base.line[p.kind]]),
  );
  const casingById = Object.fromEntries(
    lines.flatMap((p) => {
      const c = base.casingById[p.id] ?? plan.manifest.lineStyles[p.id]?.casing;
      return c ? [[p.id, c]] : [];
    }),
  );
  return { ...base, role, lineById, casingById };
}
