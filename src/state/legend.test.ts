/**
 * buildLegend: one entry per class the visible layers draw, labelled in the UI language.
 * Built from the real plan package in data/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan, readDataJson } from '../../test/helpers/bundledPlan';
import type { LineProperties, Plan } from '../types/plan';
import { deriveGeometry, type DerivedGeometry } from './derive';
import { buildLegend } from './legend';
import { planTheme } from './theme';
import { PUBLIC_LAYERS, type PublicLayerId } from './layers';

/** The bundled plan's theme: the default colours plus the package's own role and line colours. */
const defaultTheme = planTheme(loadBundledPlan());
/** A role's Chinese label in the bundled plan. */
const roleZh = (id: string) => loadBundledPlan().manifest.roles.find((r) => r.id === id)!.label.zh;


let plan: Plan;
let derived: DerivedGeometry;
/** Line properties straight from the files. */
let corridorLines: LineProperties[];
let cultureLines: LineProperties[];
beforeAll(() => {
  plan = loadBundledPlan();
  derived = deriveGeometry(plan);
  corridorLines = (readDataJson('plans/huairou-mentougou/corridors.geojson') as GeoJSON.FeatureCollection<GeoJSON.Geometry, LineProperties>).features.map((f) => f.properties);
  cultureLines = (readDataJson('plans/huairou-mentougou/culture-belts.geojson') as GeoJSON.FeatureCollection<GeoJSON.Geometry, LineProperties>).features.map((f) => f.properties);
});

const ALL: ReadonlySet<PublicLayerId> = new Set(PUBLIC_LAYERS);
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

describe('buildLegend with every layer visible', () => {
  it('zh: lists the corridors and culture belts by name, schematic ones marked （示意）', () => {
    const labels = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN').map((e) => e.label);
    expect(labels).toContain('永定河');
    expect(labels).toContain('109国道（门头沟段）（示意）');
    expect(labels).toContain('长城（怀柔段）（示意）');
    expect(labels.some((l) => l.startsWith('汤河') && l.endsWith('（示意）'))).toBe(true);
    for (const p of [...corridorLines, ...cultureLines]) {
      expect(labels, p.id).toContain(p.geometry_source === 'schematic' ? `${p.name}（示意）` : p.name);
    }
  });

  it('en: uses name_en, schematic ones marked " (schematic)", the surveyed Yongding not', () => {
    const labels = buildLegend(plan, derived, ALL, defaultTheme, 'en').map((e) => e.label);
    expect(labels).toContain('Yongding River');
    expect(labels).not.toContain('Yongding River (schematic)');
    expect(labels).toContain('National Road 109 (Mentougou section) (schematic)');
    for (const p of [...corridorLines, ...cultureLines]) {
      expect(labels, p.id).toContain(p.geometry_source === 'schematic' ? `${p.name_en} (schematic)` : p.name_en);
    }
  });

  it('draws schematic lines dashed and surveyed ones solid, in the line colours of the theme', () => {
    const entries = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN');
    const yongding = entries.find((e) => e.label === '永定河')!;
    expect(yongding).toMatchObject({ layer: 'corridors', symbol: 'line', color: defaultTheme.line.river });
    const wall = entries.find((e) => e.label.startsWith('长城'))!;
    expect(wall).toMatchObject({ layer: 'culture-belts', symbol: 'dashed-line', color: defaultTheme.lineById['great-wall'] });
    const g109 = entries.find((e) => e.label.startsWith('109国道'))!;
    expect(g109).toMatchObject({ layer: 'corridors', symbol: 'dashed-line', color: defaultTheme.line.road });
  });

  it('gives each line the casing or band the map draws under it, so no two line entries look alike', () => {
    const entries = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN').filter((e) => e.key.startsWith('line:'));
    const by = (id: string) => entries.find((e) => e.key === `line:${id}`)!;
    expect(by('g109').casing).toBe(defaultTheme.casing.road);
    expect(by('g109-expressway').casing).toBe(plan.manifest.lineStyles['g109-expressway']!.casing);
    expect(by('yongding')).not.toHaveProperty('casing');
    expect(by('yongding')).not.toHaveProperty('band');
    expect(by('great-wall')).toMatchObject({ band: true });
    expect(by('great-wall')).not.toHaveProperty('casing');
    const looks = entries.map((e) => JSON.stringify([e.symbol, e.color, e.casing ?? null, e.band ?? false]));
    expect(new Set(looks).size).toBe(entries.length);
  });

  it('has entries for every public layer and a village entry per role the map draws', () => {
    const entries = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN');
    expect(new Set(entries.map((e) => e.layer))).toEqual(new Set(PUBLIC_LAYERS));
    const villageColors = entries.filter((e) => e.layer === 'villages').map((e) => e.color);
    const r = defaultTheme.role;
    expect(villageColors).toEqual([r.demonstration, r.upgrade, r.poetic, r.other]);
  });
});

describe('buildLegend names the plan districts', () => {
  it('from the package\'s focus districts, in its order', () => {
    const label = (p: Plan) => buildLegend(p, derived, ALL, defaultTheme, 'zh-CN').find((e) => e.key === 'districts:focus')?.label;
    expect(label(plan)).toBe('规划区（怀柔区、门头沟区）');
    const reversed = { ...plan, manifest: { ...plan.manifest, focusDistricts: [...plan.manifest.focusDistricts].reverse() } };
    expect(label(reversed)).toBe('规划区（门头沟区、怀柔区）');
    const none = { ...plan, manifest: { ...plan.manifest, focusDistricts: [] } };
    expect(label(none)).toBeUndefined();
    expect(buildLegend(plan, derived, ALL, defaultTheme, 'en').find((e) => e.key === 'districts:focus')?.label).toBe('Plan districts (Huairou, Mentougou)');
  });
});

describe('buildLegend follows visibility', () => {
  it('hiding culture-belts removes exactly the culture-belt entries', () => {
    const all = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN');
    const without = buildLegend(plan, derived, new Set(PUBLIC_LAYERS.filter((p) => p !== 'culture-belts')), defaultTheme, 'zh-CN');
    expect(without).toEqual(all.filter((e) => e.layer !== 'culture-belts'));
    const removed = all.filter((e) => e.layer === 'culture-belts').map((e) => e.label);
    expect(removed).toHaveLength(cultureLines.length);
    expect(removed.some((l) => l.startsWith('长城'))).toBe(true);
    expect(removed.some((l) => l.startsWith('汤河'))).toBe(true);
  });

  it('nothing visible, nothing listed', () => {
    expect(buildLegend(plan, derived, new Set(), defaultTheme, 'en')).toEqual([]);
  });
});

describe('buildLegend lists only what the plan has', () => {
  const poeticLabel = { 'zh-CN': '诗画乡村', en: 'Poetic village' } as const;

  it('the data plan has poetic villages, listed', () => {
    const entries = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN');
    expect(entries.filter((e) => e.label === poeticLabel['zh-CN'])).toHaveLength(1);
  });

  it('a plan with no poetic village lists no poetic entry', () => {
    const copy = structuredClone(plan);
    for (const v of copy.villages.features) if (v.properties.role === 'poetic') v.properties.role = 'other';
    for (const lang of ['zh-CN', 'en'] as const) {
      const entries = buildLegend(copy, derived, ALL, defaultTheme, lang);
      expect(entries.map((e) => e.label), lang).not.toContain(poeticLabel[lang]);
      expect(entries.filter((e) => e.layer === 'villages').map((e) => e.color)).not.toContain(defaultTheme.role.poetic);
      // The other roles are still there.
      expect(entries.filter((e) => e.layer === 'villages')).toHaveLength(3);
    }
  });

  it('a role held only by unlocated villages is not listed (the map does not draw them)', () => {
    const copy = structuredClone(plan);
    for (const v of copy.villages.features)
      if (v.properties.role === 'poetic') {
        v.geometry = null;
        v.properties.located = false;
      }
    const labels = buildLegend(copy, derived, ALL, defaultTheme, 'en').map((e) => e.label);
    expect(labels).not.toContain(poeticLabel.en);
  });

  it('a plan with no cluster area lists no cluster entries', () => {
    const empty: DerivedGeometry = { ...derived, clusterAreas: { type: 'FeatureCollection', features: [] } };
    const entries = buildLegend(plan, empty, ALL, defaultTheme, 'zh-CN');
    expect(entries.filter((e) => e.layer === 'clusters')).toEqual([]);
    expect(entries.filter((e) => e.layer === 'belt')).toHaveLength(1);
  });
});

describe('buildLegend in English', () => {
  it('fixed labels have no Chinese characters; line labels only inside the data’s name_en', () => {
    const entries = buildLegend(plan, derived, ALL, defaultTheme, 'en');
    const names = new Map([...corridorLines, ...cultureLines].map((p) => [p.id, p.name_en]));
    for (const e of entries) {
      if (e.layer === 'corridors' || e.layer === 'culture-belts') {
        const name = [...names.values()].find((n) => e.label.startsWith(n));
        expect(name, e.label).toBeDefined();
        expect(e.label.slice(name!.length), e.label).not.toMatch(CJK);
      } else {
        expect(e.label).not.toMatch(CJK);
        expect(e.label.trim()).not.toBe('');
      }
    }
  });

  it('zh fixed labels differ from the en ones (the language is applied)', () => {
    const zh = buildLegend(plan, derived, ALL, defaultTheme, 'zh-CN').filter((e) => e.layer === 'boundaries').map((e) => e.label);
    expect(zh.every((l) => CJK.test(l))).toBe(true);
  });
});
