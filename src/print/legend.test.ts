/**
 * legendInExtent: the legend of a printed extent lists only what the frame shows.
 * Built from the real plan package in data/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import { deriveGeometry, type DerivedGeometry } from '../state/derive';
import { strings } from '../state/i18n';
import { buildLegend } from '../state/legend';
import { planTheme } from '../state/theme';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/layers';
import type { Plan } from '../types/plan';
import { legendInExtent, lineCrossesBounds } from './legend';
import type { Bounds } from './scale';

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
/** Around 斋堂 in western Mentougou, on the 109 national road. */
const ZHAITANG: Bounds = [115.6, 39.9, 115.8, 40.05];
/** Southern Huairou, over the Great Wall (九渡河—渤海—怀北). */
const HUAIROU: Bounds = [116.4, 40.3, 116.7, 40.5];
/** The Bohai Sea, east of Beijing: no feature of the plan. */
const SEA: Bounds = [119.5, 38.5, 120.5, 39.2];

const labels = (bounds: Bounds, visible = ALL, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  legendInExtent(plan, derived, visible, defaultTheme, lang, bounds).map((e) => e.label);

describe('legendInExtent around 斋堂 (Mentougou)', () => {
  it('lists 109国道 and no culture belt (长城 and 汤河 are in Huairou)', () => {
    const entries = legendInExtent(plan, derived, ALL, defaultTheme, 'zh-CN', ZHAITANG);
    expect(entries.map((e) => e.label)).toContain('109国道（门头沟段）（示意）');
    expect(entries.filter((e) => e.layer === 'culture-belts')).toEqual([]);
  });

  it('lists the roles of the villages in the extent, and the clusters and the belt drawn there', () => {
    const t = strings('zh-CN');
    const l = labels(ZHAITANG);
    for (const role of ['demonstration', 'upgrade', 'poetic', 'other'] as const) expect(l).toContain(roleZh(role));
    expect(l).toContain(t.legendClusterArea);
    expect(l).toContain(t.legendBelt);
  });

  it('lists the district fills of the districts it touches: Mentougou, and Fangshan at its southern edge', () => {
    const t = strings('zh-CN');
    expect(labels(ZHAITANG)).toContain(t.legendFocusDistrict('门头沟区'));
    expect(labels(ZHAITANG)).toContain(t.legendDistrict);
    // Pulled in from Fangshan's boundary: Mentougou alone, no other-district fill.
    const inner = labels([115.65, 39.92, 115.75, 40.02]);
    expect(inner).toContain(t.legendFocusDistrict('门头沟区'));
    expect(inner).not.toContain(t.legendDistrict);
  });

  it('lists the town seats only where one lies inside (斋堂镇 at 115.690, 39.971)', () => {
    const t = strings('zh-CN');
    expect(labels([115.65, 39.92, 115.75, 40.02])).toContain(t.legendTownSeat);
    expect(labels([115.72, 39.98, 115.78, 40.0])).not.toContain(t.legendTownSeat);
  });
});

describe('legendInExtent in Huairou', () => {
  it('lists the Great Wall and not 109国道 or 永定河', () => {
    const l = labels(HUAIROU);
    expect(l).toContain('长城（怀柔段）（示意）');
    expect(l.some((x) => x.startsWith('109国道'))).toBe(false);
    expect(l).not.toContain('永定河');
  });

  it('lists only the roles present: every village in this extent is "other"', () => {
    const t = strings('zh-CN');
    const l = labels(HUAIROU);
    expect(l).toContain(roleZh('other'));
    for (const role of ['demonstration', 'upgrade', 'poetic'] as const) expect(l).not.toContain(roleZh(role));
  });

  it('labels in English with lang="en"', () => {
    expect(labels(HUAIROU, ALL, 'en')).toContain('Great Wall (Huairou section) (schematic)');
  });
});

describe('legendInExtent elsewhere', () => {
  it('lists nothing at all over the sea', () => {
    expect(legendInExtent(plan, derived, ALL, defaultTheme, 'zh-CN', SEA)).toEqual([]);
  });

  it('over the plan view lists what buildLegend lists', () => {
    const whole = plan.manifest.views.find((v) => v.id === 'beijing')!.bounds;
    expect(legendInExtent(plan, derived, ALL, defaultTheme, 'en', whole)).toEqual(buildLegend(plan, derived, ALL, defaultTheme, 'en'));
  });

  it('leaves hidden layers out', () => {
    const visible = new Set<PublicLayerId>(['villages']);
    const entries = legendInExtent(plan, derived, visible, defaultTheme, 'zh-CN', ZHAITANG);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.layer === 'villages')).toBe(true);
  });

  it('does not change the plan or the derived geometry', () => {
    const before = JSON.stringify([plan, derived]);
    legendInExtent(plan, derived, ALL, defaultTheme, 'zh-CN', ZHAITANG);
    expect(JSON.stringify([plan, derived])).toBe(before);
  });

  it('rejects inverted bounds', () => {
    expect(() => legendInExtent(plan, derived, ALL, defaultTheme, 'zh-CN', [116, 40, 115, 41])).toThrow(RangeError);
  });
});

describe('lineCrossesBounds', () => {
  const box: Bounds = [0, 0, 1, 1];
  it('is true for a segment crossing the box with both ends outside', () => {
    expect(lineCrossesBounds({ type: 'LineString', coordinates: [[-1, 0.5], [2, 0.5]] }, box)).toBe(true);
  });

  it('is true for a line with a vertex inside', () => {
    expect(lineCrossesBounds({ type: 'LineString', coordinates: [[0.5, 0.5], [3, 3]] }, box)).toBe(true);
  });

  it('is false for a segment passing by a corner', () => {
    expect(lineCrossesBounds({ type: 'LineString', coordinates: [[-1, 0.5], [0.5, 2]] }, box)).toBe(false);
  });

  it('checks every part of a MultiLineString', () => {
    expect(lineCrossesBounds({ type: 'MultiLineString', coordinates: [[[5, 5], [6, 6]], [[0.5, -1], [0.5, 2]]] }, box)).toBe(true);
    expect(lineCrossesBounds({ type: 'MultiLineString', coordinates: [[[5, 5], [6, 6]]] }, box)).toBe(false);
  });
});
