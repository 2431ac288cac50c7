import type { Plan } from '../types/plan.js';
import type { DerivedGeometry } from './derive.js';
import { local, localName, strings, type Lang, textLang } from './i18n.js';
import type { PublicLayerId } from './layers.js';
import { BANDED_KINDS, NO_CASING, type Theme } from './theme.js';

export interface LegendEntry {
  layer: PublicLayerId;
  /** What the entry stands for: `districts:focus`, `districts:other`, `town-seats`, `role:<id>`, `line:<id>`, `clusters:area`, `clusters:link`, `belts`. */
  key: string;
  /** `zone`: a translucent fill with a dashed edge (a buffer zone); `proposal`: a faint fill with a dotted edge. */
  symbol: 'fill' | 'line' | 'dashed-line' | 'circle' | 'band' | 'ring' | 'zone' | 'proposal';
  color: string;
  /** A line's casing colour, drawn wider under it as on the map (roads; a package's own, e.g. an expressway's). */
  casing?: string;
  /** A line drawn over a translucent band of its own colour, as on the map (culture belts). */
  band?: boolean;
  label: string;
}

/**
 * The legend of what is visible: one entry per class that the visible layers actually draw
 * (a role no located village has, a hidden layer, a line the plan lacks: not listed). The plan
 * districts' entry names them (from the package's `focusDistricts`).
 */
export function buildLegend(
  plan: Plan,
  derived: DerivedGeometry,
  visible: ReadonlySet<PublicLayerId>,
  theme: Theme,
  lang: Lang,
): LegendEntry[] {
  const t = strings(lang);
  const entries: LegendEntry[] = [];
  if (visible.has('boundaries') && plan.districts.features.length) {
    // Named in the package's order of its focus districts.
    const named = plan.manifest.focusDistricts.flatMap((code) => plan.districts.features.filter((d) => d.properties.adcode === code));
    if (named.length)
      entries.push({ layer: 'boundaries', key: 'districts:focus', symbol: 'fill', color: theme.districtFocus, label: t.legendFocusDistrict(named.map((d) => localName(lang, d.properties)).join(textLang(lang) === 'en' ? ', ' : '、')) });
    if (named.length < plan.districts.features.length) entries.push({ layer: 'boundaries', key: 'districts:other', symbol: 'fill', color: theme.district, label: t.legendDistrict });
  }
  if (visible.has('boundaries') && plan.townSeats.features.length) entries.push({ layer: 'boundaries', key: 'town-seats', symbol: 'ring', color: theme.townSeat, label: t.legendTownSeat });
  if (visible.has('villages')) {
    const present = new Set(plan.villages.features.filter((v) => v.geometry).map((v) => v.properties.role));
    for (const role of plan.manifest.roles)
      if (present.has(role.id)) entries.push({ layer: 'villages', key: `role:${role.id}`, symbol: 'circle', color: theme.role[role.id] ?? theme.roleKind[role.kind], label: local(lang, role.label) });
  }
  for (const [layer, fc] of [['corridors', plan.corridors], ['culture-belts', plan.cultureBelts]] as const) {
    if (!visible.has(layer)) continue;
    for (const f of fc.features) {
      const p = f.properties;
      const schematic = p.geometry_source === 'schematic';
      const drawn = p.geometry_source === 'drawn';
      const casing = theme.casingById[p.id] ?? theme.casing[p.kind];
      entries.push({
        layer,
        key: `line:${p.id}`,
        symbol: schematic || drawn ? 'dashed-line' : 'line',
        color: theme.lineById[p.id] ?? theme.line[p.kind],
        ...(casing !== NO_CASING ? { casing } : {}),
        ...(BANDED_KINDS.has(p.kind) ? { band: true } : {}),
        label: `${localName(lang, p)}${schematic ? t.schematicSuffix : drawn ? t.draw.drawnSuffix : ''}`,
      });
    }
  }
  if (visible.has('clusters') && derived.clusterAreas.features.length) {
    entries.push(
      { layer: 'clusters', key: 'clusters:area', symbol: 'fill', color: theme.cluster, label: t.legendClusterArea },
      { layer: 'clusters', key: 'clusters:link', symbol: 'line', color: theme.cluster, label: t.legendClusterLink },
    );
  }
  if (visible.has('belt') && derived.belts.features.length) {
    entries.push({ layer: 'belt', key: 'belts', symbol: 'band', color: theme.belt, label: t.legendBelt });
  }
  return entries;
}
