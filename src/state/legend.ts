import type { Lang } from '../map/scene.js';
import type { Plan, VillageRole } from '../types/plan.js';
import type { DerivedGeometry } from './derive.js';
import { strings } from './i18n.js';
import type { PublicLayerId, Theme } from './theme.js';

export interface LegendEntry {
  layer: PublicLayerId;
  symbol: 'fill' | 'line' | 'dashed-line' | 'circle' | 'band' | 'ring';
  color: string;
  label: string;
}

const ROLES: VillageRole[] = ['demonstration', 'upgrade', 'poetic', 'other'];

/**
 * The legend of what is visible: one entry per class that the visible layers actually draw
 * (a role no village has, a hidden layer, a line kind the plan lacks: not listed).
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
  if (visible.has('boundaries')) {
    entries.push(
      { layer: 'boundaries', symbol: 'fill', color: theme.districtFocus, label: t.legendFocusDistrict },
      { layer: 'boundaries', symbol: 'fill', color: theme.district, label: t.legendDistrict },
    );
    if (plan.townSeats.features.length) entries.push({ layer: 'boundaries', symbol: 'ring', color: theme.townSeat, label: t.legendTownSeat });
  }
  if (visible.has('villages')) {
    const present = new Set(plan.villages.features.filter((v) => v.geometry).map((v) => v.properties.role));
    for (const role of ROLES) if (present.has(role)) entries.push({ layer: 'villages', symbol: 'circle', color: theme.role[role], label: t.role[role] });
  }
  for (const [layer, fc] of [['corridors', plan.corridors], ['culture-belts', plan.cultureBelts]] as const) {
    if (!visible.has(layer)) continue;
    for (const f of fc.features) {
      const p = f.properties;
      const schematic = p.geometry_source === 'schematic';
      entries.push({
        layer,
        symbol: schematic ? 'dashed-line' : 'line',
        color: theme.lineById[p.id] ?? theme.line[p.kind],
        label: `${lang === 'en' ? p.name_en : p.name}${schematic ? t.schematicSuffix : ''}`,
      });
    }
  }
  if (visible.has('clusters') && derived.clusterAreas.features.length) {
    entries.push(
      { layer: 'clusters', symbol: 'fill', color: theme.cluster, label: t.legendClusterArea },
      { layer: 'clusters', symbol: 'line', color: theme.cluster, label: t.legendClusterLink },
    );
  }
  if (visible.has('belt') && derived.belts.features.length) {
    entries.push({ layer: 'belt', symbol: 'band', color: theme.belt, label: t.legendBelt });
  }
  return entries;
}
