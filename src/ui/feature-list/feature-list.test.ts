import { describe, expect, it } from 'vitest';
import type { VillageFeature } from '../../types/plan.js';
import { matches, villageShown } from './filter.js';

const village = (properties: Partial<VillageFeature['properties']>, located = true): VillageFeature =>
  ({
    type: 'Feature',
    geometry: located ? { type: 'Point', coordinates: [116, 40] } : null,
    properties: { code: '110109001001', name: '东胡林村', short_name: '东胡林', name_en: 'Donghulin', town: '斋堂镇', district: '门头沟区', role: 'other', ...properties },
  }) as VillageFeature;

describe('the feature list filter', () => {
  it('keeps everything for a blank filter', () => {
    expect(matches('', 'a')).toBe(true);
    expect(matches('   ')).toBe(true);
  });

  it('finds text in any value, ignoring case and surrounding space', () => {
    expect(matches(' DONG ', 'x', 'Donghulin')).toBe(true);
    expect(matches('zhai', 'Donghulin', null, undefined)).toBe(false);
  });

  it('reads markup as text', () => {
    expect(matches('<img', '<img src=x onerror="1">')).toBe(true);
  });

  it('keeps villages by name, town or code', () => {
    const state = { filter: '', onlyUnlocated: false, onlyPlan: false };
    expect(villageShown(village({}), { ...state, filter: '斋堂' }, 'other')).toBe(true);
    expect(villageShown(village({}), { ...state, filter: '110109001' }, 'other')).toBe(true);
    expect(villageShown(village({}), { ...state, filter: 'huairou' }, 'other')).toBe(false);
  });

  it('keeps only unlocated villages, and only villages with a plan role, when asked', () => {
    const state = { filter: '', onlyUnlocated: false, onlyPlan: false };
    expect(villageShown(village({}, true), { ...state, onlyUnlocated: true }, 'other')).toBe(false);
    expect(villageShown(village({}, false), { ...state, onlyUnlocated: true }, 'other')).toBe(true);
    expect(villageShown(village({ role: 'other' }), { ...state, onlyPlan: true }, 'other')).toBe(false);
    expect(villageShown(village({ role: 'demonstration' }), { ...state, onlyPlan: true }, 'other')).toBe(true);
    // A plan whose none-kind role has another id.
    expect(villageShown(village({ role: 'rest' }), { ...state, onlyPlan: true }, 'rest')).toBe(false);
    expect(villageShown(village({ role: 'other' }), { ...state, onlyPlan: true }, 'rest')).toBe(true);
  });
});
