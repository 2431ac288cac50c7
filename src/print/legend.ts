/**
 * The legend of a printed map: what the map frame drew, and nothing else. Pure: no DOM.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Lang } from '../state/i18n.js';
import type { DerivedGeometry } from '../state/derive.js';
import { localName, strings, textLang } from '../state/i18n.js';
import { buildLegend, type LegendEntry } from '../state/legend.js';
import type { Theme } from '../state/theme.js';
import type { PublicLayerId } from '../state/layers.js';
import type { Plan } from '../types/plan.js';
import type { DrawnFeatures } from './vectorMap.js';

/** Style layer id → the public layer's lines (`corridors-…` / `culture-belts-…`, but not their zones or labels). */
const LINE_LAYER = /^(corridors|culture-belts)-(band|casing|surveyed|schematic|drawn)$/;

/**
 * The legend of what the map frame drew ({@link drawVectorMap}'s record): {@link buildLegend}'s
 * entries for the classes with a drawn feature, in its order, then what the plan's legend on screen
 * does not list but the sheet shows —
 *
 * - a zone per line and distance drawn ("109国道 2 公里缓冲区");
 * - the villages ringed as inside a zone (or as members of the selected cluster);
 * - proposed clusters awaiting a decision;
 * - rivers and lakes of the basemap;
 * - imported points (with their count in the frame).
 *
 * @param drawn - per style layer id, the features it drew (`imported`: the imported points)
 * @example
 * ```ts
 * const drawn = await drawVectorMap(painter, printStyle(scene), frame);
 * legendOfDrawn(plan, derived, visible, theme, 'zh-CN', drawn); // [{ key: 'role:demo', … }, { key: 'zone:g109:2', … }, …]
 * ```
 */
export function legendOfDrawn(
  plan: Plan,
  derived: DerivedGeometry,
  visible: ReadonlySet<PublicLayerId>,
  theme: Theme,
  lang: Lang,
  drawn: DrawnFeatures,
): LegendEntry[] {
  const t = strings(lang);
  const props = (layerId: string) => (drawn.get(layerId) ?? []).map((f) => (f.properties ?? {}) as Record<string, unknown>);
  const drawnLineIds = new Set([...drawn].filter(([id]) => LINE_LAYER.test(id)).flatMap(([, fs]) => fs.map((f) => String(f.properties?.id))));
  const adcodes = new Set([...props('boundaries-fill'), ...props('boundaries-line')].map((p) => String(p.adcode)));
  const roles = new Set(props('villages-circle').map((p) => String(p.role)));
  const seats = drawn.has('boundaries-town-seat');
  const shown: Plan = {
    ...plan,
    districts: collection(plan.districts, plan.districts.features.filter((d) => adcodes.has(String(d.properties.adcode)))),
    townSeats: collection(plan.townSeats, seats ? plan.townSeats.features.slice(0, 1) : []),
    // One located village per role drawn is all buildLegend needs to list the role.
    villages: collection(plan.villages, plan.villages.features.filter((v) => v.geometry !== null && roles.delete(v.properties.role))),
    corridors: collection(plan.corridors, plan.corridors.features.filter((f) => drawnLineIds.has(f.properties.id))),
    cultureBelts: collection(plan.cultureBelts, plan.cultureBelts.features.filter((f) => drawnLineIds.has(f.properties.id))),
  };
  const clusters = drawn.has('clusters-fill') || drawn.has('clusters-outline');
  const shownDerived: DerivedGeometry = {
    clusterAreas: collection(derived.clusterAreas, clusters ? derived.clusterAreas.features.slice(0, 1) : []),
    clusterLinks: [],
    belts: collection(derived.belts, drawn.has('belt-band') ? derived.belts.features.slice(0, 1) : []),
  };
  const entries = buildLegend(shown, shownDerived, visible, theme, lang).filter((e) => e.key !== 'clusters:link' || drawn.has('clusters-links'));
  // A cluster's links without its area (never on the map today) still get their entry.
  if (!clusters && drawn.has('clusters-links')) entries.push({ layer: 'clusters', key: 'clusters:link', symbol: 'line', color: theme.cluster, label: t.legendClusterLink });

  const lines = new Map([...plan.corridors.features, ...plan.cultureBelts.features].map((f) => [f.properties.id, f.properties]));
  const zones = new Map<string, { lineId: string; km: number; layer: PublicLayerId }>();
  for (const id of ['corridors-zone-fill', 'culture-belts-zone-fill', 'corridors-zone-outline', 'culture-belts-zone-outline']) {
    for (const p of props(id)) zones.set(`${p.lineId}:${p.km}`, { lineId: String(p.lineId), km: Number(p.km), layer: p.layer as PublicLayerId });
  }
  for (const [key, z] of [...zones].sort((a, b) => a[1].lineId.localeCompare(b[1].lineId) || a[1].km - b[1].km)) {
    const line = lines.get(z.lineId);
    const name = line ? localName(lang, line) : z.lineId;
    entries.push({ layer: z.layer, key: `zone:${key}`, symbol: 'zone', color: theme.selection, label: t.sheet.zone(name, z.km) });
  }
  if (drawn.has('villages-highlight')) entries.push({ layer: 'villages', key: 'villages:highlight', symbol: 'ring', color: theme.selection, label: zones.size ? t.sheet.inZone : t.sheet.inCluster });
  if (drawn.has('clusters-proposed-fill') || drawn.has('clusters-proposed-outline')) entries.push({ layer: 'clusters', key: 'clusters:proposed', symbol: 'proposal', color: theme.proposal, label: t.sheet.proposal });
  const river = drawn.has('basemap-water-river');
  const lake = drawn.has('basemap-water-lake') || drawn.has('basemap-water-shore');
  if (river) entries.push({ layer: 'boundaries', key: 'water:river', symbol: 'line', color: theme.water, label: t.sheet.river });
  if (lake) entries.push({ layer: 'boundaries', key: 'water:lake', symbol: 'fill', color: theme.water, label: t.sheet.lake });
  const imported = drawn.get('imported')?.[0]?.properties?.count;
  if (typeof imported === 'number') entries.push({ layer: 'villages', key: 'imported', symbol: 'circle', color: '#5a5a5a', label: t.sheet.imported(imported.toLocaleString(textLang(lang) === 'en' ? 'en' : 'zh-CN')) });
  return entries;
}

/** The same collection (foreign members and all) with only `features`. */
function collection<G extends Geometry | null, P>(fc: FeatureCollection<G, P>, features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { ...fc, features };
}
