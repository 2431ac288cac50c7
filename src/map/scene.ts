/**
 * The pure step from app state to what the map draws (the Placemark pattern): sources, style layers
 * and deck.gl data. No DOM, no MapLibre instance: it runs and is tested in Node.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { DerivedGeometry, ClusterLink } from '../state/derive.js';
import type { ZoneResult } from '../state/zones.js';
import { BANDED_KINDS, NO_CASING, type Theme } from '../state/theme.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/layers.js';
import type { GeometrySource, Plan, RoleKind } from '../types/plan.js';
import { lookup } from '../plan/lookup.js';
import { labelPoint } from '../geo/labelPoint.js';

/** Village circle radius at zoom 8 and 13, by role kind. */
const RADIUS: Record<RoleKind, [number, number]> = { core: [5, 9], member: [4, 7], selected: [3.5, 6], none: [2, 4.5] };
/** Label priority by role kind (lower first). */
const KIND_ORDER: Record<RoleKind, number> = { core: 0, member: 1, selected: 2, none: 3 };

import { strings, type Lang, textLang } from '../state/i18n.js';
export type { Lang };

export interface SceneInput {
  plan: Plan;
  derived: DerivedGeometry;
  lang: Lang;
  /** Public layers to show. */
  visible: ReadonlySet<PublicLayerId>;
  theme: Theme;
  /** Code of the selected village, highlighted on the map. */
  selectedVillage?: string | null;
  /** Id of the selected cluster: its area, members and links are drawn emphasised. */
  selectedCluster?: string | null;
  /** Corridor / culture-belt zones switched on, with the villages inside them. */
  zones?: readonly ZoneResult[];
  /** Proposed clusters awaiting the planner's decision (areas, drawn dashed). */
  proposals?: FeatureCollection;
  /** Positions (lon, lat pairs) of a large imported village set, drawn by deck.gl. */
  imported?: Float32Array | null;
  /**
   * Where an import being previewed would put things (nothing of it is in the plan yet): points with
   * `status` 'added' | 'updated' | 'unchanged' and a `name`; lines with `status` 'line' (a new line)
   * or 'moved' (a village's old position → its new one). Drawn on top, whatever layers are shown,
   * by layers that exist only while there is a preview; never printed.
   */
  preview?: FeatureCollection | null;
}

export interface Scene {
  sources: Record<string, SourceSpecification & { type: 'geojson' }>;
  /** Style layers in draw order. Ids of those drawing a public layer start with its id. */
  layers: LayerSpecification[];
  /** Core→member links, drawn as a MapLibre line layer ({@link withLinks}; empty when clusters are hidden). */
  links: ClusterLink[];
  theme: Theme;
  selectedCluster: string | null;
  /** Imported points for deck.gl, or null (hidden with the villages layer). */
  imported: Float32Array | null;
}

/** Source ids; `plan-` keeps them apart from an online basemap's own sources. */
export const SOURCE = {
  districts: 'plan-districts',
  districtLabels: 'plan-district-labels',
  townSeats: 'plan-town-seats',
  water: 'plan-water',
  villages: 'plan-villages',
  corridors: 'plan-corridors',
  cultureBelts: 'plan-culture-belts',
  clusterAreas: 'plan-cluster-areas',
  belts: 'plan-belts',
  zones: 'plan-zones',
  proposals: 'plan-proposals',
  preview: 'plan-import-preview',
} as const;

/** Style layer ids of the import preview start with this (they draw no public layer and are not printed). */
export const PREVIEW_LAYER_PREFIX = 'import-preview';

/** Colours of the import preview by status: distinct from every role colour of the default theme. */
const PREVIEW_COLOUR = { added: '#d81b60', updated: '#00897b', unchanged: '#757575', line: '#d81b60', moved: '#00897b' } as const;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** One shared "no zones" value, so the memo below hands out the same (empty) data every build. */
const NO_ZONES: readonly ZoneResult[] = [];
const zoneMemo = new WeakMap<readonly ZoneResult[], { fc: FeatureCollection; codes: string[] }>();
/** Zone polygons as one collection, and the codes of the villages inside any zone (memoised per zones array). */
function zoneData(zones: readonly ZoneResult[]): { fc: FeatureCollection; codes: string[] } {
  let d = zoneMemo.get(zones);
  if (!d) {
    d = {
      fc: {
        type: 'FeatureCollection',
        features: zones.map((z) => ({ ...z.zone, properties: { lineId: z.lineId, layer: z.layer, km: z.km, count: z.villages.length } })),
      },
      codes: [...new Set(zones.flatMap((z) => z.villages.map((v) => v.properties.code)))].sort(),
    };
    zoneMemo.set(zones, d);
  }
  return d;
}

const districtLabelMemo = new WeakMap<Plan['districts'], FeatureCollection<Point>>();
/**
 * One label point per district (the pole of inaccessibility of its largest part), computed once per
 * districts collection: labelling the polygons themselves let MapLibre label every part in every tile
 * (朝阳区 twice) and drop others when a part's label collided (西城区 none).
 */
export function districtLabelPoints(districts: Plan['districts']): FeatureCollection<Point> {
  let fc = districtLabelMemo.get(districts);
  if (!fc) {
    fc = {
      type: 'FeatureCollection',
      features: districts.features.flatMap((d) => {
        const at = labelPoint(d.geometry);
        const { adcode, name, name_en } = d.properties;
        return at ? [{ type: 'Feature' as const, properties: { adcode, name, name_en }, geometry: { type: 'Point' as const, coordinates: at } }] : [];
      }),
    };
    districtLabelMemo.set(districts, fc);
  }
  return fc;
}

/** The style layer ids that draw each public layer (for visibility and for queryRenderedFeatures). */
export function styleLayerIds(scene: Scene, id: PublicLayerId): string[] {
  return scene.layers.filter((l) => publicLayerOf(l.id) === id).map((l) => l.id);
}

/** The public layer a style layer draws, or null for basemap layers. */
export function publicLayerOf(styleLayerId: string): PublicLayerId | null {
  // Longest first: `culture-belts-…` must not be read as `c…`; `belt-…` must not match `belt` inside others.
  for (const id of [...PUBLIC_LAYERS].sort((a, b) => b.length - a.length)) {
    if (styleLayerId === id || styleLayerId.startsWith(`${id}-`)) return id;
  }
  return null;
}

/** Builds the scene. Data objects are passed through by reference so the view can skip unchanged ones. */
export function buildScene(input: SceneInput): Scene {
  const { plan, derived, lang, visible, theme } = input;
  const nameField: ExpressionSpecification = textLang(lang) === 'en' ? ['get', 'name_en'] : ['get', 'name'];
  const villageName: ExpressionSpecification = textLang(lang) === 'en' ? ['get', 'name_en'] : ['get', 'short_name'];
  const vis = (id: PublicLayerId) => ({ visibility: visible.has(id) ? ('visible' as const) : ('none' as const) });
  const byKind: ExpressionSpecification = ['match', ['get', 'kind'], 'road', theme.line.road, 'river', theme.line.river, theme.line['culture-belt']];
  const byId = Object.entries(theme.lineById).flat();
  // A `match` needs at least one label/output pair; with no per-line colours, colour by kind alone.
  const lineColor = (byId.length ? ['match', ['get', 'id'], ...byId, byKind] : byKind) as ExpressionSpecification;
  const casingByKind: ExpressionSpecification = ['match', ['get', 'kind'], 'road', theme.casing.road, 'river', theme.casing.river, theme.casing['culture-belt']];
  const casingById = Object.entries(theme.casingById).flat();
  const casingColor = (casingById.length ? ['match', ['get', 'id'], ...casingById, casingByKind] : casingByKind) as ExpressionSpecification;
  const banded = ['literal', [...BANDED_KINDS]] as ExpressionSpecification;
  const roles = plan.manifest.roles;
  /** A `match` on the village's role id: the value for each role (by its kind), `fallback` for others. */
  const byRole = <T extends string | number>(value: (kind: RoleKind, id: string) => T, fallback: T): ExpressionSpecification =>
    ['match', ['get', 'role'], ...roles.flatMap((r) => [r.id, value(r.kind, r.id)]), fallback] as unknown as ExpressionSpecification;
  const roleColor = byRole((kind, id) => theme.role[id] ?? theme.roleKind[kind], theme.roleKind.none);
  const selectedRoles = roles.filter((r) => r.kind !== 'none').map((r) => r.id);
  const focus = plan.manifest.focusDistricts;
  const isFocus: ExpressionSpecification = ['in', ['get', 'adcode'], ['literal', focus]];
  const clusterMembers = (() => {
    const c = input.selectedCluster ? lookup(plan).clusterById.get(input.selectedCluster) : undefined;
    return c ? [...(c.core ? [c.core] : []), ...c.members] : [];
  })();
  const halo = { 'text-halo-color': theme.labelHalo, 'text-halo-width': 1.5, 'text-color': theme.label };
  const font = ['sans-serif'];

  const zones = zoneData(input.zones ?? NO_ZONES);
  const selectedCluster = input.selectedCluster ?? '';
  const sources: Scene['sources'] = {
    [SOURCE.districts]: { type: 'geojson', data: plan.districts },
    [SOURCE.districtLabels]: { type: 'geojson', data: districtLabelPoints(plan.districts) },
    [SOURCE.townSeats]: { type: 'geojson', data: plan.townSeats },
    [SOURCE.water]: { type: 'geojson', data: plan.water },
    [SOURCE.villages]: { type: 'geojson', data: lookup(plan).located },
    [SOURCE.corridors]: { type: 'geojson', data: plan.corridors },
    [SOURCE.cultureBelts]: { type: 'geojson', data: plan.cultureBelts },
    [SOURCE.clusterAreas]: { type: 'geojson', data: derived.clusterAreas },
    [SOURCE.belts]: { type: 'geojson', data: derived.belts },
    [SOURCE.zones]: { type: 'geojson', data: zones.fc },
    [SOURCE.proposals]: { type: 'geojson', data: input.proposals ?? EMPTY },
    [SOURCE.preview]: { type: 'geojson', data: input.preview ?? EMPTY },
  };
  const zoneLayers = (id: 'corridors' | 'culture-belts'): LayerSpecification[] => [
    {
      id: `${id}-zone-fill`, type: 'fill', source: SOURCE.zones, filter: ['==', ['get', 'layer'], id], layout: vis(id),
      paint: { 'fill-color': theme.selection, 'fill-opacity': 0.1 },
    },
    {
      id: `${id}-zone-outline`, type: 'line', source: SOURCE.zones, filter: ['==', ['get', 'layer'], id], layout: vis(id),
      paint: { 'line-color': theme.selection, 'line-width': 1.2, 'line-dasharray': [4, 2] },
    },
  ];

  // Line width by kind at zoom 7 and 12: rivers thinner than roads; the casing and band are wider still.
  const width = (add: number): ExpressionSpecification => [
    'interpolate', ['linear'], ['zoom'],
    7, ['match', ['get', 'kind'], 'river', 1.6 + add, 2 + add],
    12, ['match', ['get', 'kind'], 'river', 3.2 + add, 4.5 + add],
  ];
  /** The line itself, dashed by where its geometry comes from (surveyed solid, schematic short dashes, drawn long). */
  const lineOf = (id: 'corridors' | 'culture-belts', source: string, geometrySource: GeometrySource, cap: 'round' | 'butt', dash?: number[]): LayerSpecification => ({
    id: `${id}-${geometrySource}`, type: 'line', source, filter: ['==', ['get', 'geometry_source'], geometrySource],
    layout: { ...vis(id), 'line-join': 'round', 'line-cap': cap },
    paint: { 'line-color': lineColor, 'line-width': width(0), ...(dash ? { 'line-dasharray': dash } : {}) },
  });
  const lineLayers = (id: 'corridors' | 'culture-belts', source: string): LayerSpecification[] => [
    {
      // A translucent band of the line's own colour under a banded kind (culture belts).
      id: `${id}-band`, type: 'line', source, filter: ['in', ['get', 'kind'], banded],
      layout: { ...vis(id), 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': lineColor, 'line-opacity': 0.25, 'line-width': width(8) },
    },
    {
      // The casing (roads; a package may give a line its own, e.g. an expressway's dark edge), never dashed.
      id: `${id}-casing`, type: 'line', source, filter: ['!=', casingColor, NO_CASING],
      layout: { ...vis(id), 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': casingColor, 'line-width': width(3) },
    },
    lineOf(id, source, 'surveyed', 'round'),
    lineOf(id, source, 'schematic', 'butt', [2, 1.5]),
    // Drawn by hand on the map: long dashes, neither a survey nor a cited sketch.
    lineOf(id, source, 'drawn', 'round', [4, 1]),
    {
      id: `${id}-label`, type: 'symbol', source,
      layout: {
        ...vis(id), 'symbol-placement': 'line', 'text-field': lineLabel(lang), 'text-font': font, 'text-size': 13,
        'symbol-spacing': 320, 'text-max-angle': 30,
      },
      paint: { ...halo, 'text-color': lineColor },
    },
  ];

  const villageLabels = (id: string, filter: ExpressionSpecification, minzoom: number): LayerSpecification => ({
    id, type: 'symbol', source: SOURCE.villages, filter, minzoom,
    layout: {
      ...vis('villages'), 'text-field': villageName, 'text-font': font,
      'text-size': byRole((kind) => (kind === 'core' ? 13 : 11), 11),
      'text-offset': [0, 0.8], 'text-anchor': 'top', 'text-optional': true,
      'symbol-sort-key': byRole((kind) => KIND_ORDER[kind], KIND_ORDER.none),
    },
    paint: halo,
  });

  const layers: LayerSpecification[] = [
    { id: 'basemap-background', type: 'background', paint: { 'background-color': theme.background } },
    {
      id: 'boundaries-fill', type: 'fill', source: SOURCE.districts, layout: vis('boundaries'),
      paint: { 'fill-color': ['case', isFocus, theme.districtFocus, theme.district], 'fill-opacity': 1 },
    },
    {
      // Only closed shorelines are areas; a shoreline cut at the data's edge stays a line (filling it would draw a wedge).
      id: 'basemap-water-lake', type: 'fill', source: SOURCE.water,
      filter: ['all', ['==', ['get', 'kind'], 'lake'], ['==', ['geometry-type'], 'Polygon']],
      paint: { 'fill-color': theme.water },
    },
    {
      id: 'basemap-water-shore', type: 'line', source: SOURCE.water,
      filter: ['all', ['==', ['get', 'kind'], 'lake'], ['==', ['geometry-type'], 'LineString']],
      paint: { 'line-color': theme.water, 'line-width': 1.5 },
    },
    {
      id: 'basemap-water-river', type: 'line', source: SOURCE.water, filter: ['==', ['get', 'kind'], 'river'],
      paint: { 'line-color': theme.water, 'line-width': 1.2 },
    },
    {
      id: 'boundaries-line', type: 'line', source: SOURCE.districts, layout: vis('boundaries'),
      paint: {
        'line-color': theme.districtLine,
        'line-width': ['case', isFocus, 2, 0.8],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'belt-band', type: 'line', source: SOURCE.belts, layout: { ...vis('belt'), 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': theme.belt, 'line-opacity': 0.28,
        'line-width': ['interpolate', ['exponential', 2], ['zoom'], 8, 14, 12, 60],
      },
    },
    ...zoneLayers('corridors'),
    ...zoneLayers('culture-belts'),
    {
      id: 'clusters-fill', type: 'fill', source: SOURCE.clusterAreas, layout: vis('clusters'),
      paint: { 'fill-color': theme.cluster, 'fill-opacity': ['case', ['==', ['get', 'id'], selectedCluster], 0.3, 0.16] },
    },
    {
      id: 'clusters-outline', type: 'line', source: SOURCE.clusterAreas, layout: vis('clusters'),
      paint: { 'line-color': theme.cluster, 'line-width': ['case', ['==', ['get', 'id'], selectedCluster], 3.5, 1.5] },
    },
    {
      // Proposals have their own colour and a dotted edge: never the zones' (selection-blue, long dashes).
      id: 'clusters-proposed-fill', type: 'fill', source: SOURCE.proposals, layout: vis('clusters'),
      paint: { 'fill-color': theme.proposal, 'fill-opacity': 0.08 },
    },
    {
      id: 'clusters-proposed-outline', type: 'line', source: SOURCE.proposals, layout: { ...vis('clusters'), 'line-cap': 'round' },
      paint: { 'line-color': theme.proposal, 'line-width': 2.5, 'line-dasharray': [0.1, 2] },
    },
    ...lineLayers('corridors', SOURCE.corridors),
    ...lineLayers('culture-belts', SOURCE.cultureBelts),
    {
      id: 'boundaries-town-seat', type: 'circle', source: SOURCE.townSeats, layout: vis('boundaries'), minzoom: 8.5,
      paint: { 'circle-radius': 3, 'circle-color': '#ffffff', 'circle-stroke-color': theme.townSeat, 'circle-stroke-width': 1.5 },
    },
    {
      id: 'villages-circle', type: 'circle', source: SOURCE.villages, layout: vis('villages'),
      paint: {
        'circle-color': roleColor,
        'circle-radius': [
          'interpolate', ['linear'], ['zoom'],
          8, byRole((kind) => RADIUS[kind][0], RADIUS.none[0]),
          13, byRole((kind) => RADIUS[kind][1], RADIUS.none[1]),
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      // Villages inside a switched-on corridor zone, and the members of the selected cluster.
      id: 'villages-highlight', type: 'circle', source: SOURCE.villages, layout: vis('villages'),
      filter: ['in', ['get', 'code'], ['literal', [...new Set([...zones.codes, ...clusterMembers])]]],
      paint: {
        'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': theme.selection, 'circle-stroke-width': 2, 'circle-stroke-opacity': 0.85,
      },
    },
    {
      id: 'villages-selected', type: 'circle', source: SOURCE.villages, layout: vis('villages'),
      filter: ['==', ['get', 'code'], input.selectedVillage ?? ''],
      paint: {
        'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': theme.selection, 'circle-stroke-width': 3,
      },
    },
    {
      id: 'boundaries-label', type: 'symbol', source: SOURCE.districtLabels, layout: {
        ...vis('boundaries'), 'text-field': nameField, 'text-font': font,
        'text-size': ['case', isFocus, 17, 13], 'symbol-placement': 'point',
        // The plan's districts win a collision over their neighbours.
        'symbol-sort-key': ['case', isFocus, 0, 1],
      },
      paint: { ...halo, 'text-color': theme.districtLine },
    },
    {
      id: 'boundaries-town-label', type: 'symbol', source: SOURCE.townSeats, minzoom: 8.5,
      layout: {
        ...vis('boundaries'), 'text-field': nameField, 'text-font': font, 'text-size': 12,
        'text-offset': [0, 0.9], 'text-anchor': 'top',
      },
      paint: { ...halo, 'text-color': theme.townSeat },
    },
    {
      id: 'clusters-label', type: 'symbol', source: SOURCE.clusterAreas, layout: {
        ...vis('clusters'), 'text-field': nameField, 'text-font': font, 'text-size': 12,
        'text-anchor': 'bottom', 'text-offset': [0, -1.2],
      },
      paint: { ...halo, 'text-color': theme.cluster },
    },
    villageLabels('villages-label', ['in', ['get', 'role'], ['literal', selectedRoles]], 0),
    // Villages outside the plan get their names once there is room for them.
    villageLabels('villages-label-other', ['!', ['in', ['get', 'role'], ['literal', selectedRoles]]], 10.5),
    {
      id: 'belt-label', type: 'symbol', source: SOURCE.belts, layout: {
        ...vis('belt'), 'symbol-placement': 'line-center', 'text-field': nameField, 'text-font': font, 'text-size': 14,
      },
      paint: { ...halo, 'text-color': theme.belt },
    },
    ...(input.preview ? previewLayers(input.preview, font, halo) : []),
  ];

  return {
    sources,
    layers,
    links: visible.has('clusters') ? derived.clusterLinks : [],
    theme,
    selectedCluster: input.selectedCluster ?? null,
    imported: visible.has('villages') ? (input.imported ?? null) : null,
  };
}

/** How the imported village set (deck.gl on screen) is drawn: a small grey dot, style px. */
export const IMPORTED_POINTS = { color: 'rgba(90,90,90,0.59)', radius: 1.5 } as const;

/**
 * The scene's layers over an online basemap: without our own background, water and district fills
 * (they would hide it), the districts' fill kept faint.
 */
export function overBasemap(layers: readonly LayerSpecification[]): LayerSpecification[] {
  return layers
    .filter((l) => !l.id.startsWith('basemap-'))
    .map((l) => (l.id === 'boundaries-fill' ? ({ ...l, paint: { ...l.paint, 'fill-opacity': 0.12 } } as LayerSpecification) : l));
}

/** Up to this many preview points are named on the map; more would be unreadable, and slow to place. */
export const PREVIEW_LABELS_MAX = 500;

/** The import preview, on top of everything: new lines, moves, then the points and (when few) their names. */
function previewLayers(preview: FeatureCollection, font: string[], halo: { 'text-halo-color': string; 'text-halo-width': number }): LayerSpecification[] {
  const points = preview.features.filter((f) => f.geometry?.type === 'Point').length;
  const status: ExpressionSpecification = ['match', ['get', 'status'], ...Object.entries(PREVIEW_COLOUR).flat(), '#757575'] as unknown as ExpressionSpecification;
  const src = SOURCE.preview;
  return [
    {
      id: `${PREVIEW_LAYER_PREFIX}-line`, type: 'line', source: src, filter: ['==', ['get', 'status'], 'line'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': status, 'line-width': 4, 'line-opacity': 0.9 },
    },
    {
      id: `${PREVIEW_LAYER_PREFIX}-moved`, type: 'line', source: src, filter: ['==', ['get', 'status'], 'moved'],
      paint: { 'line-color': status, 'line-width': 1.5, 'line-dasharray': [2, 2] },
    },
    {
      id: `${PREVIEW_LAYER_PREFIX}-circle`, type: 'circle', source: src, filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 13, 9],
        'circle-color': '#ffffff', 'circle-stroke-color': status, 'circle-stroke-width': 3,
      },
    },
    ...(points <= PREVIEW_LABELS_MAX
      ? [
          {
            id: `${PREVIEW_LAYER_PREFIX}-label`, type: 'symbol', source: src, filter: ['==', ['geometry-type'], 'Point'],
            layout: { 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 12, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-optional': true },
            paint: { ...halo, 'text-color': status },
          } satisfies LayerSpecification,
        ]
      : []),
    {
      // A new line's name, in the file's own words whatever the language.
      id: `${PREVIEW_LAYER_PREFIX}-line-label`, type: 'symbol', source: src, filter: ['==', ['get', 'status'], 'line'],
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': font, 'text-size': 13, 'symbol-spacing': 320 },
      paint: { ...halo, 'text-color': status },
    },
  ];
}

/** "109国道（示意）" for schematic lines and "…（手绘）" for drawn ones, so the map never passes a sketch off as a survey. */
function lineLabel(lang: Lang): ExpressionSpecification {
  const name: ExpressionSpecification = textLang(lang) === 'en' ? ['get', 'name_en'] : ['get', 'name'];
  const mark = textLang(lang) === 'en' ? ' (schematic)' : '（示意）';
  const drawn = strings(lang).draw.drawnSuffix;
  return ['case', ['==', ['get', 'geometry_source'], 'schematic'], ['concat', name, mark], ['==', ['get', 'geometry_source'], 'drawn'], ['concat', name, drawn], name];
}

/** Source of the core→member links that {@link withLinks} adds. */
export const LINKS_SOURCE = 'plan-links';

const linksMemo = new WeakMap<readonly ClusterLink[], FeatureCollection>();

/** The scene's core→member links as GeoJSON lines, made once per links array. */
export function linksData(scene: Scene): FeatureCollection {
  let fc = linksMemo.get(scene.links);
  if (!fc) {
    fc = {
      type: 'FeatureCollection',
      features: scene.links.map((l) => ({ type: 'Feature', properties: { cluster: l.cluster }, geometry: { type: 'LineString', coordinates: [l.from, l.to] } })),
    };
    linksMemo.set(scene.links, fc);
  }
  return fc;
}

/**
 * A style with the scene's core→member links as a MapLibre line layer (`clusters-links`) just above
 * the clusters' outline: the screen's (src/map/view.ts) and the print's ({@link printStyle}) one way.
 *
 * @param style - sources and layers to add them to
 * @param scene - the scene whose links and selected cluster are drawn
 * @param opacity - of the links of the clusters not selected (a selected one's are opaque on screen)
 */
export function withLinks(style: StyleSpecification, scene: Scene, { opacity = 0.75, selectedOpaque = true } = {}): StyleSpecification {
  const selected = scene.selectedCluster ?? '';
  const layer: LayerSpecification = {
    id: 'clusters-links', type: 'line', source: LINKS_SOURCE,
    paint: {
      'line-color': scene.theme.cluster,
      'line-width': ['case', ['==', ['get', 'cluster'], selected], 3.5, 1.8],
      'line-opacity': selectedOpaque ? ['case', ['==', ['get', 'cluster'], selected], 1, opacity] : opacity,
    },
  };
  const outline = style.layers.findIndex((l) => l.id === 'clusters-outline');
  const at = outline < 0 ? style.layers.length : outline + 1;
  return {
    ...style,
    sources: { ...style.sources, [LINKS_SOURCE]: { type: 'geojson', data: linksData(scene) } },
    layers: [...style.layers.slice(0, at), layer, ...style.layers.slice(at)],
  };
}

/** The style a print renders: the scene's own sources and layers (offline basemap) with its links. */
export function printStyle(scene: Scene): StyleSpecification {
  // An import being previewed is not part of the plan: it is never printed.
  const style: StyleSpecification = { version: 8, sources: scene.sources, layers: scene.layers.filter((l) => !l.id.startsWith(PREVIEW_LAYER_PREFIX)) };
  return withLinks(style, scene, { opacity: 0.8, selectedOpaque: false });
}
