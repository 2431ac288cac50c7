/**
 * How the panels name a feature's town and district (#10 §3): Chinese in Chinese; in English the
 * data's romanisation (a village's town_en, the town seat's and the districts file's name_en), and the
 * Chinese proper name, never a code, where the data has none.
 */
import { describe, expect, it } from 'vitest';
import { fc, handPlan, DISTRICT, T1, T2 } from '../../test/helpers/handPlan';
import type { Plan } from '../types/plan';
import { nothing } from 'lit';
import { placeText, quoteLang, townText, viaText } from './plan-text';

/** The hand plan with a seat for 甲镇 only, an outline for its district, and 乙镇's town_en on one village. */
function plan(): Plan {
  const p = handPlan();
  const seat = { type: 'Feature' as const, properties: { code: T1.town_code, name: T1.town, name_en: 'Jia Zhen', ...DISTRICT, source: 's', accuracy: 'a' }, geometry: { type: 'Point' as const, coordinates: [116, 40] } };
  const outline = { type: 'Feature' as const, properties: { adcode: DISTRICT.district_code, name: DISTRICT.district, name_en: 'Ceshi', source: 's', accuracy: 'a' }, geometry: { type: 'Polygon' as const, coordinates: [[[115, 39], [117, 39], [117, 41], [115, 39]]] } };
  const villages = p.villages.features.map((v, i) => (v.properties.town === T2.town && i === p.villages.features.length - 1 ? { ...v, properties: { ...v.properties, town_en: 'Yi Zhen' } } : v));
  return { ...p, townSeats: fc([seat]) as Plan['townSeats'], districts: fc([outline]) as Plan['districts'], villages: fc(villages) };
}

describe('placeText', () => {
  it('in Chinese: the data\'s Chinese names', () => {
    expect(placeText(plan(), 'zh-CN', { ...T1, ...DISTRICT })).toEqual({ town: '甲镇', district: '测试区' });
  });
  it('in English: town_en first, then the town seat\'s name_en; the district from the districts file', () => {
    const p = plan();
    expect(placeText(p, 'en', { ...T1, ...DISTRICT, town_en: 'Jia Town' })).toEqual({ town: 'Jia Town', district: 'Ceshi' });
    expect(placeText(p, 'en', { ...T1, ...DISTRICT })).toEqual({ town: 'Jia Zhen', district: 'Ceshi' });
    // No seat for 乙镇: another village of the town carries its town_en.
    expect(placeText(p, 'en', { ...T2, ...DISTRICT }).town).toBe('Yi Zhen');
  });
  it('in English, a name the data cannot romanise stays the Chinese proper name (not a code)', () => {
    const p = plan();
    expect(placeText(p, 'en', { town: '丙镇', town_code: '110001003000', district: '外区', district_code: '990099' })).toEqual({ town: '丙镇', district: '外区' });
  });
  it('townText names a town by its Chinese name, as the proposals do', () => {
    expect(townText(plan(), 'en', T1.town)).toBe('Jia Zhen');
    expect(townText(plan(), 'en', T2.town)).toBe('Yi Zhen');
    expect(townText(plan(), 'zh-CN', T2.town)).toBe(T2.town);
  });
  it('viaText: the cited names in Chinese, the places\' romanised names in English (the cited name when none)', () => {
    const p = plan();
    const v = p.villages.features[0]!.properties;
    const via = [{ name: '甲', code: T1.town_code }, { name: '某村', code: v.code }, { name: '无码地', code: '990000000000' }];
    expect(viaText(p, 'zh-CN', via)).toBe('甲 → 某村 → 无码地');
    expect(viaText(p, 'en', via)).toBe(`Jia Zhen → ${v.name_en} → 无码地`);
  });
});

describe('quoteLang', () => {
  it('marks a quoted original by its script', () => {
    expect(quoteLang('seeds/000.txt: “每个镇乡以示范村为核心”')).toBe('zh');
    expect(quoteLang('The Great Wall at Huanghuacheng')).toBe('en');
    expect(quoteLang('2024-07-19')).toBe(nothing);
  });
});
