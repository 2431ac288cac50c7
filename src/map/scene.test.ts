/**
 * buildScene: app state → sources and style layers, built from the real plan package in data/.
 * Filters are evaluated and the style validated with MapLibre's own style-spec package.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { loadBundledPlan, readDataJson } from '../../test/helpers/bundledPlan';
import { createExpression, featureFilter, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { deriveGeometry, type DerivedGeometry } from '../state/derive';
import { planTheme } from '../state/theme';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/layers';
import type { Plan, LineProperties } from '../types/plan';
import { buildScene, PREVIEW_LABELS_MAX, PREVIEW_LAYER_PREFIX, printStyle, publicLayerOf, SOURCE, styleLayerIds, type Lang, type Scene } from './scene';

/** The bundled plan's theme: the default colours plus the package's own role and line colours. */
const defaultTheme = planTheme(loadBundledPlan());
/** A role's Chinese label in the bundled plan. */
const roleZh = (id: string) => loadBundledPlan().manifest.roles.find((r) => r.id === id)!.label.zh;


let plan: Plan;
let derived: DerivedGeometry;
beforeAll(() => {
  plan = loadBundledPlan();
  derived = deriveGeometry(plan);
});

const ALL: ReadonlySet<PublicLayerId> = new Set(PUBLIC_LAYERS);
const scene = (over: Partial<Parameters<typeof buildScene>[0]> = {}): Scene =>
  buildScene({ plan, derived, lang: 'zh-CN', visible: ALL, theme: defaultTheme, ...over });

/** The public layers whose prefix the style layer id carries (independent of publicLayerOf). */
const prefixesOf = (id: string) => PUBLIC_LAYERS.filter((p) => id === p || id.startsWith(`${p}-`));
const layout = (l: LayerSpecification) => (('layout' in l ? l.layout : undefined) ?? {}) as Record<string, unknown>;
const paint = (l: LayerSpecification) => (('paint' in l ? l.paint : undefined) ?? {}) as Record<string, unknown>;
const byId = (s: Scene, id: string) => {
  const l = s.layers.find((x) => x.id === id);
  if (!l) throw new Error(`no style layer ${id}`);
  return l;
};

describe('buildScene: layers and public layer ids', () => {
  it('is a valid MapLibre style', () => {
    const s = scene();
    const errors = validateStyleMin({ version: 8, sources: s.sources, layers: s.layers });
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(new Set(s.layers.map((l) => l.id)).size).toBe(s.layers.length);
  });

  it('is a valid style with a theme that has no per-line colours (lineById: {})', () => {
    const s = scene({ theme: { ...defaultTheme, lineById: {} } });
    const errors = validateStyleMin({ version: 8, sources: s.sources, layers: s.layers });
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(PUBLIC_LAYERS)('public layer %s is drawn by style layers named after it', (id) => {
    const s = scene();
    const ids = styleLayerIds(s, id);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids).toEqual(s.layers.map((l) => l.id).filter((x) => x === id || x.startsWith(`${id}-`)));
    for (const x of ids) expect(publicLayerOf(x)).toBe(id);
  });

  it('every other style layer is a basemap- layer, and maps to no public layer', () => {
    const s = scene();
    const others = s.layers.filter((l) => prefixesOf(l.id).length === 0);
    expect(others.length).toBeGreaterThan(0);
    for (const l of others) {
      expect(l.id).toMatch(/^basemap-/);
      expect(publicLayerOf(l.id)).toBeNull();
    }
    // And no style layer carries two public prefixes.
    for (const l of s.layers) expect(prefixesOf(l.id).length).toBeLessThanOrEqual(1);
  });

  it('publicLayerOf reads prefixes whole (not culture-belts as belt, not a bare prefix of a word)', () => {
    expect(publicLayerOf('culture-belts-label')).toBe('culture-belts');
    expect(publicLayerOf('belt-band')).toBe('belt');
    expect(publicLayerOf('belt')).toBe('belt');
    expect(publicLayerOf('beltway')).toBeNull();
    expect(publicLayerOf('clusters2')).toBeNull();
    expect(publicLayerOf('basemap-water-river')).toBeNull();
  });

  it('with every layer visible, no style layer is hidden', () => {
    for (const l of scene().layers) expect(layout(l).visibility ?? 'visible', l.id).toBe('visible');
  });

  it.each(PUBLIC_LAYERS)('hiding %s hides exactly its style layers', (id) => {
    const s = scene({ visible: new Set(PUBLIC_LAYERS.filter((p) => p !== id)) });
    const hidden = s.layers.filter((l) => layout(l).visibility === 'none').map((l) => l.id);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.sort()).toEqual(styleLayerIds(s, id).sort());
  });

  it('hiding everything leaves only basemap layers visible', () => {
    const s = scene({ visible: new Set() });
    const shown = s.layers.filter((l) => layout(l).visibility !== 'none').map((l) => l.id);
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(id).toMatch(/^basemap-/);
  });
});

describe('buildScene: labels follow the language', () => {
  const symbols = (lang: Lang) => scene({ lang }).layers.filter((l) => l.type === 'symbol');
  const textField = (l: LayerSpecification) => JSON.stringify(layout(l)['text-field']);

  it('has symbol layers for every labelled public layer', () => {
    const labelled = new Set(symbols('en').map((l) => publicLayerOf(l.id)));
    expect([...labelled].sort()).toEqual(['belt', 'boundaries', 'clusters', 'corridors', 'culture-belts', 'villages']);
  });

  it('en: every text-field reads name_en and never name or short_name', () => {
    for (const l of symbols('en')) {
      const tf = textField(l);
      expect(tf, l.id).toContain('"name_en"');
      expect(tf, l.id).not.toContain('["get","name"]');
      expect(tf, l.id).not.toContain('short_name');
    }
  });

  it('zh: every text-field reads name or short_name and never name_en', () => {
    for (const l of symbols('zh-CN')) {
      const tf = textField(l);
      expect(tf.includes('["get","name"]') || tf.includes('["get","short_name"]'), `${l.id}: ${tf}`).toBe(true);
      expect(tf, l.id).not.toContain('name_en');
    }
  });

  it('village labels use the everyday name in zh (short_name), not the official one', () => {
    expect(textField(byId(scene({ lang: 'zh-CN' }), 'villages-label'))).toContain('["get","short_name"]');
  });

  it('line labels mark schematic lines in the label language', () => {
    expect(textField(byId(scene({ lang: 'zh-CN' }), 'corridors-label'))).toContain('（示意）');
    expect(textField(byId(scene({ lang: 'en' }), 'culture-belts-label'))).toContain(' (schematic)');
    expect(textField(byId(scene({ lang: 'en' }), 'culture-belts-label'))).not.toContain('示意');
  });
});

describe('buildScene: schematic and surveyed lines', () => {
  const lines = (file: 'corridors' | 'cultureBelts') => plan[file].features;
  const matches = (l: LayerSpecification, props: LineProperties) =>
    featureFilter(('filter' in l ? l.filter : undefined) as never, `layers.${l.id}.filter`).filter(
      { zoom: 10 },
      { type: 2, properties: props as unknown as Record<string, unknown> } as never,
    );

  it.each([
    ['corridors', 'corridors'],
    ['culture-belts', 'cultureBelts'],
  ] as const)('%s: -schematic draws exactly the schematic lines, dashed; -surveyed the others, solid', (id, file) => {
    const s = scene();
    const schematic = byId(s, `${id}-schematic`);
    const surveyed = byId(s, `${id}-surveyed`);
    expect(paint(schematic)['line-dasharray']).toBeDefined();
    expect(paint(surveyed)['line-dasharray']).toBeUndefined();
    expect(JSON.stringify(('filter' in schematic && schematic.filter) || null)).toContain('"geometry_source"');
    for (const f of lines(file)) {
      const isSchematic = f.properties.geometry_source === 'schematic';
      expect(matches(schematic, f.properties), f.properties.id).toBe(isSchematic);
      expect(matches(surveyed, f.properties), f.properties.id).toBe(!isSchematic);
    }
  });

  it('the data has both kinds, so the check above sees each filter match', () => {
    const kinds = new Set(lines('corridors').map((f) => f.properties.geometry_source));
    expect(kinds).toEqual(new Set(['schematic', 'surveyed']));
  });

  it.each([
    ['corridors', 'corridors'],
    ['culture-belts', 'cultureBelts'],
  ] as const)('%s: -drawn draws exactly the lines drawn by hand, with long dashes, labelled as drawn', (id, file) => {
    const s = scene();
    const drawn = byId(s, `${id}-drawn`);
    expect(paint(drawn)['line-dasharray']).toEqual([4, 1]);
    const hand = { ...lines(file)[0]!.properties, geometry_source: 'drawn' as const };
    expect(matches(drawn, hand)).toBe(true);
    expect(matches(byId(s, `${id}-surveyed`), hand)).toBe(false);
    expect(matches(byId(s, `${id}-schematic`), hand)).toBe(false);
    for (const f of lines(file)) expect(matches(drawn, f.properties), f.properties.id).toBe(false);
    const label = (l: LayerSpecification) => JSON.stringify(layout(l)['text-field']);
    expect(label(byId(s, `${id}-label`))).toContain('（手绘）');
    expect(label(byId(scene({ lang: 'en' }), `${id}-label`))).toContain(' (drawn)');
  });
});

describe('buildScene: each kind of line has its own symbol', () => {
  const all = () => [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties);
  const drawnBy = (l: LayerSpecification, props: LineProperties) =>
    featureFilter(('filter' in l ? l.filter : undefined) as never, `layers.${l.id}.filter`).filter(
      { zoom: 10 },
      { type: 2, properties: props as unknown as Record<string, unknown> } as never,
    );
  /** A line layer's colour for one line, as MapLibre's expression evaluates it. */
  const colourOf = (l: LayerSpecification, props: LineProperties): string => {
    const e = createExpression(paint(l)['line-color'], latest.paint_line['line-color'] as never);
    if (e.result !== 'success') throw new Error(JSON.stringify(e.value));
    return String(e.value.evaluate({ zoom: 10 }, { type: 2, properties: props } as never)).toLowerCase();
  };
  /** What a line looks like: its colour, dashes, and the casing or band drawn under it (or none). */
  const look = (s: Scene, p: LineProperties) => {
    const layer = p.kind === 'culture-belt' ? 'culture-belts' : 'corridors';
    const line = byId(s, `${layer}-${p.geometry_source}`);
    const casing = byId(s, `${layer}-casing`);
    const band = byId(s, `${layer}-band`);
    return {
      colour: colourOf(line, p),
      dash: JSON.stringify(paint(line)['line-dasharray'] ?? null),
      casing: drawnBy(casing, p) ? colourOf(casing, p) : null,
      band: drawnBy(band, p) ? colourOf(band, p) : null,
    };
  };

  it('no two lines of the bundled plan look alike (109国道, the expressway and the Great Wall were near-identical dashes)', () => {
    const s = scene();
    const looks = all().map((p) => JSON.stringify(look(s, p)));
    expect(new Set(looks).size).toBe(looks.length);
  });

  it('roads are cased (a package may give its own casing), culture belts banded in their own colour, rivers plain', () => {
    const s = scene();
    const byLine = new Map(all().map((p) => [p.id, look(s, p)]));
    expect(byLine.get('g109')!.casing).toBe(defaultTheme.casing.road);
    // The package's style for the expressway: amber on a brown casing.
    expect(plan.manifest.lineStyles['g109-expressway']).toEqual({ color: '#ffb300', casing: '#795548' });
    expect(byLine.get('g109-expressway')!.casing).toBe('#795548');
    expect(byLine.get('g109-expressway')!.casing).not.toBe(byLine.get('g109')!.casing);
    for (const p of all()) {
      const l = byLine.get(p.id)!;
      expect(l.casing !== null, p.id).toBe(p.kind === 'road');
      expect(l.band !== null, p.id).toBe(p.kind === 'culture-belt');
      if (l.band) expect(l.band, p.id).toBe(l.colour);
    }
  });

  it('a theme without the package\'s casings still casings every road by its kind', () => {
    const s = scene({ theme: { ...defaultTheme, casingById: {} } });
    expect(validateStyleMin({ version: 8, sources: s.sources, layers: s.layers }).map((e) => e.message)).toEqual([]);
    const roads = plan.corridors.features.filter((f) => f.properties.kind === 'road');
    expect(roads.length).toBeGreaterThan(1);
    for (const f of roads) expect(look(s, f.properties).casing, f.properties.id).toBe(defaultTheme.casing.road);
  });

  it('proposals are not drawn in the zones\' style', () => {
    const s = scene();
    const zone = byId(s, 'corridors-zone-outline');
    const proposal = byId(s, 'clusters-proposed-outline');
    expect(paint(proposal)['line-color']).not.toBe(paint(zone)['line-color']);
    expect(paint(proposal)['line-dasharray']).not.toEqual(paint(zone)['line-dasharray']);
    expect(paint(byId(s, 'clusters-proposed-fill'))['fill-color']).not.toBe(paint(byId(s, 'corridors-zone-fill'))['fill-color']);
  });
});

describe('buildScene: one label per district', () => {
  it('labels districts from one point each, inside the district, named as the district; the same object every build', () => {
    const s = scene();
    const label = byId(s, 'boundaries-label');
    expect('source' in label && label.source).toBe(SOURCE.districtLabels);
    const points = s.sources[SOURCE.districtLabels]!.data as GeoJSON.FeatureCollection<GeoJSON.Point>;
    expect(points.features.map((f) => f.properties!.adcode).sort()).toEqual(plan.districts.features.map((d) => d.properties.adcode).sort());
    for (const d of plan.districts.features) {
      const p = points.features.find((f) => f.properties!.adcode === d.properties.adcode)!;
      expect(p.properties).toMatchObject({ name: d.properties.name, name_en: d.properties.name_en });
      expect(booleanPointInPolygon(p.geometry.coordinates, d), d.properties.name).toBe(true);
    }
    // Beijing's 西城区 (small) and 朝阳区 (in two parts in some tiles) are there exactly once.
    for (const name of ['西城区', '朝阳区']) expect(points.features.filter((f) => f.properties!.name === name), name).toHaveLength(1);
    expect(scene().sources[SOURCE.districtLabels]!.data).toBe(points);
  });

  it('the plan districts are placed before their neighbours when labels collide', () => {
    const sort = layout(byId(scene(), 'boundaries-label'))['symbol-sort-key'];
    expect(JSON.stringify(sort)).toContain(JSON.stringify(plan.manifest.focusDistricts));
  });
});

describe('buildScene: sources and links', () => {
  it('the villages source holds only located villages', () => {
    const data = scene().sources[SOURCE.villages]!.data as GeoJSON.FeatureCollection;
    const raw = readDataJson('plans/huairou-mentougou/villages.geojson') as GeoJSON.FeatureCollection;
    const locatedInFile = raw.features.filter((f) => f.geometry !== null).length;
    expect(data.features).toHaveLength(locatedInFile);
    expect(data.features.length).toBeLessThan(647);
    expect(data.features.length).toBeGreaterThan(0);
    for (const f of data.features) expect(f.geometry).not.toBeNull();
  });

  it('draws every other plan file and the derived geometry from their own objects', () => {
    const s = scene();
    expect(s.sources[SOURCE.districts]!.data).toBe(plan.districts);
    expect(s.sources[SOURCE.corridors]!.data).toBe(plan.corridors);
    expect(s.sources[SOURCE.cultureBelts]!.data).toBe(plan.cultureBelts);
    expect(s.sources[SOURCE.clusterAreas]!.data).toBe(derived.clusterAreas);
    expect(s.sources[SOURCE.belts]!.data).toBe(derived.belts);
  });

  it('every layer reads a source the scene defines', () => {
    const s = scene();
    for (const l of s.layers) if ('source' in l) expect(Object.keys(s.sources), l.id).toContain(l.source);
  });

  it('has no links when clusters are hidden', () => {
    expect(scene({ visible: new Set(PUBLIC_LAYERS.filter((p) => p !== 'clusters')) }).links).toEqual([]);
  });

  it('has one link per located member of each cluster when clusters are shown', () => {
    const raw = readDataJson('plans/huairou-mentougou/villages.geojson') as GeoJSON.FeatureCollection<GeoJSON.Point | null, { code: string }>;
    const located = new Set(raw.features.filter((f) => f.geometry !== null).map((f) => f.properties.code));
    const links = scene().links;
    for (const c of plan.clusters) {
      const expected = located.has(c.core!) ? c.members.filter((m) => located.has(m)).length : 0;
      expect(links.filter((l) => l.cluster === c.id), c.id).toHaveLength(expected);
    }
    expect(links.length).toBe(plan.clusters.reduce((n, c) => n + c.members.length, 0));
  });

  it('passes source data through by reference across builds (so the view can skip setData)', () => {
    const a = scene();
    const b = scene();
    const c = scene({ lang: 'en', visible: new Set(['villages']), selectedVillage: '110116103211' });
    for (const key of Object.values(SOURCE)) {
      expect(b.sources[key]!.data, key).toBe(a.sources[key]!.data);
      expect(c.sources[key]!.data, key).toBe(a.sources[key]!.data);
    }
  });

  it('highlights the selected village only', () => {
    const s = scene({ selectedVillage: '110116103211' });
    const sel = byId(s, 'villages-selected');
    const f = featureFilter(('filter' in sel ? sel.filter : undefined) as never, 'layers.villages-selected.filter');
    expect(f.filter({ zoom: 10 }, { type: 1, properties: { code: '110116103211' } } as never)).toBe(true);
    expect(f.filter({ zoom: 10 }, { type: 1, properties: { code: '110116103212' } } as never)).toBe(false);
    const none = byId(scene(), 'villages-selected');
    const g = featureFilter(('filter' in none ? none.filter : undefined) as never, 'layers.villages-selected.filter');
    expect(g.filter({ zoom: 10 }, { type: 1, properties: { code: '110116103211' } } as never)).toBe(false);
  });

  it('does not mutate the plan or the derived geometry', () => {
    const before = structuredClone({ plan, derived });
    scene({ lang: 'en', visible: new Set(['clusters']) });
    expect({ plan, derived }).toEqual(before);
  });
});

describe('buildScene: the import preview', () => {
  // A synthetic preview (not real places): two points, a move and a new line.
  const preview: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { status: 'added', name: '甲' }, geometry: { type: 'Point', coordinates: [116, 40] } },
      { type: 'Feature', properties: { status: 'updated', name: '乙' }, geometry: { type: 'Point', coordinates: [116.1, 40] } },
      { type: 'Feature', properties: { status: 'moved' }, geometry: { type: 'LineString', coordinates: [[116.1, 40.01], [116.1, 40]] } },
      { type: 'Feature', properties: { status: 'line', name: '丙' }, geometry: { type: 'LineString', coordinates: [[116, 40], [116.2, 40.1]] } },
    ],
  };
  const previewLayers = (s: Scene) => s.layers.filter((l) => l.id.startsWith(PREVIEW_LAYER_PREFIX));
  const drawn = (l: LayerSpecification, f: GeoJSON.Feature) =>
    featureFilter(('filter' in l ? l.filter : undefined) as never, `layers.${l.id}.filter`).filter(
      { zoom: 10 },
      { type: f.geometry.type === 'Point' ? 1 : 2, properties: f.properties } as never,
    );

  it('draws the preview data on top of the plan, in a valid style, whatever layers are hidden', () => {
    const s = scene({ preview, visible: new Set() });
    expect(s.sources[SOURCE.preview]!.data).toBe(preview);
    expect(validateStyleMin({ version: 8, sources: s.sources, layers: s.layers }).map((e) => e.message)).toEqual([]);
    const ids = s.layers.map((l) => l.id);
    const first = ids.findIndex((id) => id.startsWith(PREVIEW_LAYER_PREFIX));
    expect(first).toBeGreaterThan(ids.indexOf('villages-label'));
    expect(ids.slice(first).every((id) => id.startsWith(PREVIEW_LAYER_PREFIX))).toBe(true);
    for (const l of previewLayers(s)) {
      expect(publicLayerOf(l.id), l.id).toBeNull();
      expect(layout(l)['visibility'], l.id).toBeUndefined();
    }
  });

  it('every preview feature is drawn by a layer for its kind: points as circles, new lines solid, moves dashed', () => {
    const s = scene({ preview });
    const by = (suffix: string) => byId(s, `${PREVIEW_LAYER_PREFIX}-${suffix}`);
    expect(preview.features.map((f) => drawn(by('circle'), f))).toEqual([true, true, false, false]);
    expect(preview.features.map((f) => drawn(by('line'), f))).toEqual([false, false, false, true]);
    expect(preview.features.map((f) => drawn(by('moved'), f))).toEqual([false, false, true, false]);
    expect(paint(by('moved'))['line-dasharray']).toBeDefined();
  });

  it(`names the preview points only when there are at most ${PREVIEW_LABELS_MAX}`, () => {
    const many = (n: number): GeoJSON.FeatureCollection => ({
      type: 'FeatureCollection',
      features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { status: 'added', name: `${i}` }, geometry: { type: 'Point', coordinates: [116 + i * 1e-4, 40] } })),
    });
    const labelled = (n: number) => scene({ preview: many(n) }).layers.some((l) => l.id === `${PREVIEW_LAYER_PREFIX}-label`);
    expect([labelled(1), labelled(PREVIEW_LABELS_MAX), labelled(PREVIEW_LABELS_MAX + 1)]).toEqual([true, true, false]);
    expect(scene({ preview: many(PREVIEW_LABELS_MAX + 1) }).layers.some((l) => l.id === `${PREVIEW_LAYER_PREFIX}-circle`)).toBe(true);
  });

  it('no preview: an empty source and no preview layers; a print never shows a preview', () => {
    expect((scene().sources[SOURCE.preview]!.data as GeoJSON.FeatureCollection).features).toEqual([]);
    expect(previewLayers(scene())).toEqual([]);
    const style = printStyle(scene({ preview }));
    expect(style.layers.some((l) => l.id.startsWith(PREVIEW_LAYER_PREFIX))).toBe(false);
    expect(style.layers.length).toBe(scene({ preview }).layers.length - previewLayers(scene({ preview })).length + 1);
  });
});
