/**
 * legendOfDrawn: the printed legend lists what the vector map drew in the frame, and nothing else.
 * Built from the real plan package in data/, drawn by drawVectorMap through a recording painter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import { buildScene, printStyle, type SceneInput } from '../map/scene';
import { deriveGeometry, type DerivedGeometry } from '../state/derive';
import { strings } from '../state/i18n';
import { planTheme } from '../state/theme';
import { ZoneCalculator } from '../state/zones';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/layers';
import type { Plan } from '../types/plan';
import { legendOfDrawn } from './legend';
import type { Painter } from './painter';
import { viewForExtent, type Bounds } from './scale';
import { drawVectorMap } from './vectorMap';

const defaultTheme = planTheme(loadBundledPlan());
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

/** A painter that draws nothing and measures a character as 1 em. */
const silent: Painter = {
  rect() {}, line() {}, polygon() {}, circle() {}, text() {},
  measureText: (s, st) => [...s].length * st.sizePt * (25.4 / 72),
  image: async () => {},
  clip: async (_box, draw) => void (await draw()),
};

/** The legend of a map frame of `bounds` (its shape, 150 mm tall), drawn as a print draws it. */
async function legendOf(bounds: Bounds, options: { visible?: ReadonlySet<PublicLayerId>; lang?: 'zh-CN' | 'en'; scene?: Partial<SceneInput> } = {}) {
  const { visible = ALL, lang = 'zh-CN' } = options;
  const scene = buildScene({ plan, derived, lang, visible, theme: defaultTheme, ...options.scene });
  const mid = ((bounds[1] + bounds[3]) / 2) * (Math.PI / 180);
  const mm = { w: (150 * (bounds[2] - bounds[0]) * Math.cos(mid)) / (bounds[3] - bounds[1]), h: 150 };
  const { center, zoom } = viewForExtent(bounds, mm);
  const drawn = await drawVectorMap(silent, printStyle(scene), { box: { x: 0, y: 0, ...mm }, center, zoom, mmPerPx: 25.4 / 96 }, scene.imported ? { extra: { positions: scene.imported, color: '#555', radius: 1.5 } } : {});
  return legendOfDrawn(plan, derived, visible, defaultTheme, lang, drawn);
}
const labels = async (bounds: Bounds, options?: Parameters<typeof legendOf>[1]) => (await legendOf(bounds, options)).map((e) => e.label);

describe('legendOfDrawn around 斋堂 (Mentougou)', () => {
  it('lists 109国道 and no culture belt (长城 and 汤河 are in Huairou)', async () => {
    const entries = await legendOf(ZHAITANG);
    expect(entries.map((e) => e.label)).toContain('109国道（门头沟段）（示意）');
    expect(entries.filter((e) => e.layer === 'culture-belts')).toEqual([]);
  });

  it('lists the roles of the villages drawn, the clusters and the belt, and the river of the basemap', async () => {
    const t = strings('zh-CN');
    const l = await labels(ZHAITANG);
    for (const role of ['demonstration', 'upgrade', 'poetic', 'other'] as const) expect(l).toContain(roleZh(role));
    expect(l).toContain(t.legendClusterArea);
    expect(l).toContain(t.legendClusterLink);
    expect(l).toContain(t.legendBelt);
    expect(l).toContain(t.sheet.river);
  });

  it('lists the district fills of the districts drawn: Mentougou, and the others only where one shows', async () => {
    const t = strings('zh-CN');
    expect(await labels(ZHAITANG)).toContain(t.legendFocusDistrict('门头沟区'));
    const inner = await labels([115.65, 39.94, 115.75, 40.0]);
    expect(inner).toContain(t.legendFocusDistrict('门头沟区'));
    expect(inner).not.toContain(t.legendDistrict);
  });

  it('lists town seats only where one is drawn (斋堂镇 at 115.690, 39.971; drawn from zoom 8.5)', async () => {
    const t = strings('zh-CN');
    expect(await labels([115.65, 39.94, 115.75, 40.0])).toContain(t.legendTownSeat);
    expect(await labels([115.72, 39.98, 115.78, 40.0])).not.toContain(t.legendTownSeat);
  });
});

describe('legendOfDrawn of what only the sheet shows', () => {
  it('lists a switched-on zone with its distance, and the villages ringed inside it', async () => {
    const t = strings('zh-CN');
    const g109 = plan.corridors.features.find((f) => f.properties.name.startsWith('109国道'))!.properties;
    const zones = new ZoneCalculator().compute(plan, [{ lineId: g109.id, km: 2 }]);
    const l = await labels(ZHAITANG, { scene: { zones } });
    expect(l).toContain(t.sheet.zone(g109.name, 2));
    expect(l).toContain(t.sheet.inZone);
    // Not switched on: neither.
    const off = await labels(ZHAITANG);
    expect(off.some((x) => x.includes('缓冲区'))).toBe(false);
  });

  it('lists proposed clusters when some are drawn in the frame', async () => {
    const t = strings('zh-CN');
    // Synthetic: one proposed area near 斋堂 (the bundled plan's towns are all clustered).
    const proposals = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { id: 'p1' }, geometry: { type: 'Polygon' as const, coordinates: [[[115.68, 39.95], [115.72, 39.95], [115.72, 39.98], [115.68, 39.95]]] } }] };
    expect(await labels(ZHAITANG, { scene: { proposals } })).toContain(t.sheet.proposal);
    expect(await labels(HUAIROU, { scene: { proposals } })).not.toContain(t.sheet.proposal);
    expect(await labels(ZHAITANG)).not.toContain(t.sheet.proposal);
  });

  it('lists imported points with the number drawn in the frame', async () => {
    // Synthetic: three points in the 斋堂 frame, one far outside it.
    const imported = new Float32Array([115.7, 39.95, 115.71, 39.96, 115.72, 39.97, 110, 30]);
    expect(await labels(ZHAITANG, { scene: { imported } })).toContain(strings('zh-CN').sheet.imported('3'));
  });
});

describe('legendOfDrawn in Huairou', () => {
  it('lists the Great Wall and not 109国道 or 永定河', async () => {
    const l = await labels(HUAIROU);
    expect(l).toContain('长城（怀柔段）（示意）');
    expect(l.some((x) => x.startsWith('109国道'))).toBe(false);
    expect(l).not.toContain('永定河');
  });

  it('lists only the roles drawn: every village in this extent is "other"', async () => {
    const l = await labels(HUAIROU);
    expect(l).toContain(roleZh('other'));
    for (const role of ['demonstration', 'upgrade', 'poetic'] as const) expect(l).not.toContain(roleZh(role));
  });

  it('labels in English with lang="en"', async () => {
    expect(await labels(HUAIROU, { lang: 'en' })).toContain('Great Wall (Huairou section) (schematic)');
  });
});

describe('legendOfDrawn elsewhere', () => {
  it('lists nothing at all over the sea', async () => {
    expect(await legendOf(SEA)).toEqual([]);
  });

  it('leaves hidden layers out (the basemap water is drawn whatever is shown)', async () => {
    const entries = await legendOf(ZHAITANG, { visible: new Set<PublicLayerId>(['villages']) });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !e.key.startsWith('water:')).every((e) => e.layer === 'villages')).toBe(true);
  });

  it('does not change the plan or the derived geometry', async () => {
    const before = JSON.stringify([plan, derived]);
    await legendOf(ZHAITANG);
    expect(JSON.stringify([plan, derived])).toBe(before);
  });
});
