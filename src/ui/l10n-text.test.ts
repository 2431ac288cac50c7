import { describe, expect, it } from 'vitest';
import { destination, point } from '@turf/turf';
import { proposeClusters } from '../geo/proposeClusters';
import { PLAN_RULES } from '../plan/checkPlan';
import { strings } from '../state/i18n';
import { commandsPlan } from '../../test/helpers/handPlan';
import { featureName, hasEnglish, mapLocale, proposalReasonText, provenanceText, ruleTitle, severityText, unclusteredText } from './l10n-text';

const zh = strings('zh-CN');
const en = strings('en');
const off = (from: number[], km: number, bearing: number) => destination(from, km, bearing, { units: 'kilometers' }).geometry.coordinates;

describe('rule titles and severities', () => {
  it('every rule of checkPlan has a Chinese title with no English, distinct from the others', () => {
    const titles = PLAN_RULES.map((r) => ruleTitle(zh, r));
    for (const [i, title] of titles.entries()) {
      expect(title, PLAN_RULES[i]).not.toBe(PLAN_RULES[i]);
      expect(hasEnglish(title), title).toBe(false);
    }
    expect(new Set(titles).size).toBe(PLAN_RULES.length);
    expect(PLAN_RULES.map((r) => ruleTitle(en, r)).every((x, i) => x !== PLAN_RULES[i])).toBe(true);
  });

  it('severities in words; an unknown id is shown as it is', () => {
    expect(['error', 'warning', 'info'].map((s) => severityText(zh, s))).toEqual(['错误', '警告', '提示']);
    expect(severityText(en, 'warning')).toBe('Warning');
    expect(ruleTitle(zh, 'some-new-rule')).toBe('some-new-rule');
  });
});

describe('proposal reasons', () => {
  // A centre and five villages at 1.0–2.0 km; a second town of two villages.
  const c = [115.7, 39.97];
  const town = [point(c, { code: 'c', town: '斋堂镇' }), ...[1.0, 1.2, 1.4, 1.6, 2.0].map((km, i) => point(off(c, km, 72 * i), { code: `m${i}`, town: '斋堂镇' }))];
  const small = [0, 1].map((i) => point([116 + i * 0.01, 40], { code: `f${i}`, town: '雁翅镇' }));
  const result = proposeClusters([...town, ...small], { maxKm: 5 });

  it('a proposal says its counts and distances in Chinese, with no English', () => {
    const text = proposalReasonText(zh, result.clusters[0]!.why);
    expect(text).toContain('5 公里内有本镇 5 个村');
    expect(text).toContain('公里）；提升村：5 公里内距离最近的 5 个本镇村（1.0–2.0 公里）');
    expect(hasEnglish(text)).toBe(false);
  });

  it('in English it reads like the engine’s own reason', () => {
    expect(proposalReasonText(en, result.clusters[0]!.why)).toContain('the 5 nearest villages of 斋堂镇 within 5 km (1.0–2.0 km)');
  });

  it('an unclustered town says why in Chinese, naming a village through the given names', () => {
    const [u] = result.unclustered;
    expect(u!.why.code).toBe('too-few');
    const text = unclusteredText(zh, u!.why);
    expect(text).toBe('雁翅镇只有 2 个已定位的村；一个片区需要一个示范村和 5 公里内至少 4 个提升村');
    const sparse = proposeClusters([0, 1, 2, 3, 4].map((i) => point([116.5 + i * 0.12, 40], { code: `s${i}`, town: 'S镇' })), { maxKm: 5 }).unclustered[0]!;
    expect(unclusteredText(zh, sparse.why, (code) => (code === 's0' ? '某村' : code))).toBe('S镇没有一个村在 5 公里内有 4 个本镇的村（最多 0 个，在某村附近）');
    const second = proposeClusters(town, { maxKm: 5, perTown: 2 }).unclustered[0]!;
    expect(unclusteredText(zh, second.why)).toBe('第 2 个片区：斋堂镇已定位的村都已在前面的片区中');
  });
});

describe('MapLibre texts', () => {
  it('Chinese for every control the map shows; English keeps MapLibre’s own', () => {
    const zhLocale = mapLocale(zh);
    for (const id of ['NavigationControl.ZoomIn', 'NavigationControl.ZoomOut', 'NavigationControl.ResetBearing', 'AttributionControl.ToggleAttribution', 'Popup.Close', 'ScaleControl.Kilometers', 'ScaleControl.Meters']) {
      expect(zhLocale[id], id).toBeTruthy();
      expect(hasEnglish(zhLocale[id]!), id).toBe(false);
    }
    expect(mapLocale(en)).toEqual({});
  });
});

describe('provenance', () => {
  const both = { source: 'a survey of 2020', source_zh: '2020 年实测', accuracy: 'about 5 m', accuracy_zh: '约 5 米', reason: 'core: the largest village', reason_zh: '核心村：最大的村' };

  it('Chinese shows the data’s Chinese field, English its English field', () => {
    expect(provenanceText(both, 'source', true)).toEqual({ text: '2020 年实测', original: '', originalLang: 'en' });
    expect(provenanceText(both, 'accuracy', true).text).toBe('约 5 米');
    expect(provenanceText(both, 'reason', true).text).toBe('核心村：最大的村');
    expect(provenanceText(both, 'source', false)).toEqual({ text: 'a survey of 2020', original: '', originalLang: 'zh' });
    expect(provenanceText(both, 'reason', false).text).toBe('core: the largest village');
  });

  it('without a Chinese field (an old or imported package), English text is kept whole as the original in Chinese', () => {
    const old = { source: 'Natural Earth 1:10M, generalised', accuracy: '实测，WGS84', reason: 'EPSG:4326', source_zh: '  ' };
    expect(provenanceText(old, 'source', true)).toEqual({ text: '', original: 'Natural Earth 1:10M, generalised', originalLang: 'en' });
    // Text with no English words (Chinese, technical tokens) is shown as it is.
    expect(provenanceText(old, 'accuracy', true)).toEqual({ text: '实测，WGS84', original: '', originalLang: 'en' });
    expect(provenanceText(old, 'reason', true).text).toBe('EPSG:4326');
    expect(provenanceText(old, 'source', false).text).toBe('Natural Earth 1:10M, generalised');
  });

  it('a text only in Chinese is the original in English; a missing field is empty', () => {
    expect(provenanceText({ reason_zh: '核心村：最大的村' }, 'reason', false)).toEqual({ text: '', original: '核心村：最大的村', originalLang: 'zh' });
    expect(provenanceText({}, 'reason', true)).toEqual({ text: '', original: '', originalLang: 'en' });
    expect(provenanceText({ reason: 42 }, 'reason', false).text).toBe('');
  });

  it('the sample packages carry their provenance and reasons in Chinese (nothing is left to show as the English original)', async () => {
    const { readFileSync } = await import('node:fs');
    const read = (f: string) => JSON.parse(readFileSync(new URL(`../../data/plans/${f}`, import.meta.url), 'utf8')) as { features: { properties: Record<string, unknown> }[]; clusters?: Record<string, unknown>[] };
    const files = ['huairou-mentougou/villages.geojson', 'huairou-mentougou/corridors.geojson', 'huairou-mentougou/culture-belts.geojson', 'huairou-mentougou/town-seats.geojson', 'miyun/town-seats.geojson', 'zhenhai/districts.geojson', 'miyun/water.geojson'];
    for (const f of files) {
      for (const { properties } of read(f).features) {
        for (const field of ['source', 'accuracy'] as const) {
          const { text, original } = provenanceText(properties, field, true);
          expect(original, `${f} ${field}`).toBe('');
          expect(text, `${f} ${field}`).toBe(properties[`${field}_zh`]);
        }
      }
    }
    for (const plan of ['huairou-mentougou', 'miyun']) {
      const clusters = (read(`${plan}/plan.json`) as unknown as { clusters: Record<string, unknown>[] }).clusters;
      expect(clusters.length).toBeGreaterThan(0);
      for (const c of clusters) expect(provenanceText(c, 'reason', true).original, String(c['id'])).toBe('');
    }
  });
});

describe('featureName', () => {
  it('names a rule issue’s features by their names in the language, an unknown one by its id', () => {
    const plan = commandsPlan();
    const v = plan.villages.features[0]!.properties;
    const c = plan.clusters[0]!;
    expect(featureName(plan, 'zh-CN', { layer: 'villages', id: v.code })).toBe(v.short_name ?? v.name);
    expect(featureName(plan, 'zh-CN', { layer: 'clusters', id: c.id })).toBe(c.name);
    expect(featureName(plan, 'en', { layer: 'clusters', id: c.id })).toBe(c.name_en || c.name);
    expect(featureName(plan, 'zh-CN', { layer: 'clusters', id: 'no-such' })).toBe('no-such');
  });
});
