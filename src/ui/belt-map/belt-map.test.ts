import { afterEach, describe, expect, it, vi } from 'vitest';
import type { View } from '../../types/plan.js';
import { currentPlanId, parseLayers, parsePlansList, viewBounds } from './options.js';

afterEach(() => vi.restoreAllMocks());

const views = [
  { id: 'plan', label: { zh: '规划', en: 'Plan' }, bounds: [115, 39, 117, 41] },
  { id: 'huairou', label: { zh: '怀柔', en: 'Huairou' }, bounds: [116, 40, 117, 41] },
] as unknown as View[];

describe('<belt-map> declarative input', () => {
  it('shows every layer when `layers` is unset, and only the named ones otherwise', () => {
    expect([...parseLayers(undefined)]).toHaveLength(6);
    expect([...parseLayers(' villages, corridors ')]).toEqual(['villages', 'corridors']);
    expect([...parseLayers('')]).toEqual([]);
  });

  it('ignores an unknown layer id with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect([...parseLayers('villages,roads')]).toEqual(['villages']);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('reads `view` as a view id or as degrees, the first view when unset', () => {
    expect(viewBounds(views, undefined)).toEqual([115, 39, 117, 41]);
    expect(viewBounds(views, 'huairou')).toEqual([116, 40, 117, 41]);
    expect(viewBounds(views, '116.1, 39.9, 116.5, 40.2')).toEqual([116.1, 39.9, 116.5, 40.2]);
  });

  it('shows the first view, with a warning, for a view it cannot read', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(viewBounds(views, 'nowhere')).toEqual([115, 39, 117, 41]);
    expect(viewBounds(views, '117,39,116,41')).toEqual([115, 39, 117, 41]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('reads a plans list, resolving URLs against it and leaving malformed entries out', () => {
    const list = parsePlansList(
      [
        { id: 'a', name: { zh: '甲', en: 'A' }, url: 'plans/a/plan.json' },
        { id: 'b', name: { zh: '乙' }, url: '/b.json' },
        { id: 'c', url: 'c.json' },
        null,
      ],
      'https://example.test/data/plans.json',
    );
    expect(list).toEqual([
      { id: 'a', name: { zh: '甲', en: 'A' }, url: 'https://example.test/data/plans/a/plan.json' },
      { id: 'b', name: { zh: '乙', en: '乙' }, url: 'https://example.test/b.json' },
    ]);
    expect(() => parsePlansList({}, 'https://example.test/')).toThrow(/not a list/);
  });

  it('picks the entry of the plan shown, the first for the default plan', () => {
    const plans = parsePlansList([{ id: 'a', name: { zh: '甲' }, url: 'a.json' }, { id: 'b', name: { zh: '乙' }, url: 'b.json' }], 'https://x.test/');
    expect(currentPlanId(plans, 'https://x.test/b.json', true)).toBe('b');
    expect(currentPlanId(plans, 'https://x.test/other.json', true)).toBeUndefined();
    expect(currentPlanId(plans, 'https://x.test/data/plan.json', false)).toBe('a');
  });
});
