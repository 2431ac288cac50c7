/**
 * The url-state hash: reading is total (bad values are left out, never thrown), writing keeps the
 * host page's own hash parts, two elements keep apart by id, and a state survives a round trip.
 * The plan checks use the bundled plan's own ids, read from its files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import type { Plan } from '../types/plan';
import { checkState, hashPrefix, hrefWithState, ownParts, readHash, writeHash, type UrlState } from './urlState';

describe('readHash', () => {
  it('is null for a hash that is only the host page\'s', () => {
    expect(readHash('')).toBeNull();
    expect(readHash('#')).toBeNull();
    expect(readHash('#intro')).toBeNull();
    expect(readHash('#tab=2&q=x')).toBeNull();
    expect(readHash('#bm.unknown=1')).toBeNull();
  });

  it('reads every field', () => {
    expect(readHash('#bm.view=116.1,40.2,9.5,30,45&bm.layers=villages,clusters&bm.zones=g109:3,great-wall:5.5,tanghe&bm.sel=villages:110109106203&bm.year=2025&bm.plan=miyun')).toEqual({
      camera: { center: [116.1, 40.2], zoom: 9.5, bearing: 30, pitch: 45 },
      layers: ['villages', 'clusters'],
      zones: [{ lineId: 'g109', km: 3 }, { lineId: 'great-wall', km: 5.5 }, { lineId: 'tanghe' }],
      selection: { layer: 'villages', id: '110109106203' },
      year: 2025,
      plan: 'miyun',
    });
    expect(readHash('bm.bounds=115.4,39.6,117,41.1')).toEqual({ bounds: [115.4, 39.6, 117, 41.1] });
  });

  it('leaves out malformed and out-of-range values, and never throws', () => {
    const bad = [
      'bm.view=abc', 'bm.view=116,40', 'bm.view=200,40,9', 'bm.view=116,89,9', 'bm.view=116,40,30', 'bm.view=116,40,', 'bm.view=116,40,9,1,2,3',
      'bm.bounds=117,39,116,40', 'bm.bounds=1,2,3', 'bm.layers=nope', 'bm.sel=villages', 'bm.sel=nope:1', 'bm.sel=villages:',
      'bm.year=25', 'bm.year=2025.5', 'bm.year=%E0%A4%A', 'bm.plan=', 'bm.zones=', 'bm.sel=%E0%A4%A:1',
    ];
    for (const part of bad) {
      const state = readHash(`#${part}`);
      expect(state, part).not.toBeNull();
      const { zones, ...rest } = state!;
      expect(rest, part).toEqual({});
      expect(zones ?? [], part).toEqual([]);
    }
  });

  it('keeps what is good beside what is bad', () => {
    expect(readHash('#bm.view=116.1,40.2,9.5,nope,99&bm.layers=villages,nope&bm.zones=g109:99,tanghe:abc,g109:4,:3')).toEqual({
      camera: { center: [116.1, 40.2], zoom: 9.5 },
      layers: ['villages'],
      zones: [{ lineId: 'g109' }, { lineId: 'tanghe' }],
    });
  });

  it('reads an empty layer list as no layers', () => {
    expect(readHash('#bm.layers=')).toEqual({ layers: [] });
  });

  it('keeps elements apart by id', () => {
    const hash = '#bm.view=1,2,3&bm.east.view=4,5,6&bm.a.b.view=7,8,9';
    expect(readHash(hash)?.camera?.center).toEqual([1, 2]);
    expect(readHash(hash, 'east')?.camera?.center).toEqual([4, 5]);
    expect(readHash(hash, 'a.b')?.camera?.center).toEqual([7, 8]);
    expect(readHash(hash, 'west')).toBeNull();
    expect(hashPrefix('east')).toBe('bm.east.');
    expect(hashPrefix(null)).toBe('bm.');
  });

  it('decodes percent-encoded ids', () => {
    expect(readHash('#bm.sel=clusters:%E6%B8%85%E6%B0%B4%2C1')?.selection).toEqual({ layer: 'clusters', id: '清水,1' });
    expect(readHash('#bm.%E5%9C%B0%E5%9B%BE.year=2026', '地图')?.year).toBe(2026);
  });
});

describe('writeHash', () => {
  const state: UrlState = {
    camera: { center: [116.1234567, 40.000001], zoom: 9.516, bearing: 0, pitch: 0 },
    layers: ['clusters', 'villages'],
    zones: [{ lineId: 'g109', km: 3 }, { lineId: 'great-wall', km: 5.5 }],
    selection: { layer: 'villages', id: '110109106203' },
    year: 2025,
    plan: 'miyun',
  };

  it('writes rounded values; bearing and pitch only when not 0; layers in their order', () => {
    expect(writeHash('', state)).toBe('#bm.view=116.12346,40,9.52&bm.layers=villages,clusters&bm.zones=g109:3,great-wall:5.5&bm.sel=villages:110109106203&bm.year=2025&bm.plan=miyun');
    expect(writeHash('', { camera: { center: [1, 2], zoom: 3, bearing: -12.34 } })).toBe('#bm.view=1,2,3,-12.3');
    expect(writeHash('', { camera: { center: [1, 2], zoom: 3, pitch: 40 } })).toBe('#bm.view=1,2,3,0,40');
    expect(writeHash('', { camera: { center: [-0.000001, 2], zoom: 3 } })).toBe('#bm.view=0,2,3');
    expect(writeHash('', { layers: [] })).toBe('#bm.layers=');
    expect(writeHash('', {})).toBe('');
  });

  it('keeps the host page\'s parts in their order and replaces only its own keys', () => {
    expect(writeHash('#intro', { year: 2026 })).toBe('#intro&bm.year=2026');
    expect(writeHash('#tab=2&bm.year=2024&bm.view=1,2,3&q=x', { year: 2026 })).toBe('#tab=2&q=x&bm.year=2026');
    expect(writeHash('#intro&bm.year=2024', {})).toBe('#intro');
    expect(writeHash('#bm.year=2024', {})).toBe('');
    // Another element's keys and unknown keys of the namespace are not this element's.
    expect(writeHash('#bm.east.year=2024&bm.future=1', { year: 2025 })).toBe('#bm.east.year=2024&bm.future=1&bm.year=2025');
    expect(writeHash('#bm.east.year=2024&bm.year=2027', { year: 2025 }, 'east')).toBe('#bm.year=2027&bm.east.year=2025');
  });

  it('encodes ids so that separators in them survive', () => {
    const odd: UrlState = { selection: { layer: 'clusters', id: 'a,b:c&d=e #f' }, zones: [{ lineId: '线,1', km: 2 }], plan: 'x&y' };
    const hash = writeHash('#intro', odd, 'm&1');
    expect(hash.startsWith('#intro&')).toBe(true);
    expect(hash.split('&')).toHaveLength(4);
    expect(readHash(hash, 'm&1')).toEqual(odd);
    expect(readHash(hash)).toBeNull();
  });

  it('round-trips a state', () => {
    const hash = writeHash('#x', state);
    expect(readHash(hash)).toEqual({ ...state, camera: { center: [116.12346, 40], zoom: 9.52 }, layers: ['villages', 'clusters'] });
    expect(writeHash(hash, readHash(hash)!)).toBe(hash);
  });

  it('ownParts is the element\'s parts only, as written', () => {
    expect(ownParts('#intro&bm.view=1,2,3&bm.east.year=2024&bm.year=2025&x=1')).toBe('bm.view=1,2,3&bm.year=2025');
    expect(ownParts('#intro&bm.view=1,2,3&bm.east.year=2024', 'east')).toBe('bm.east.year=2024');
    expect(ownParts('#intro')).toBe('');
  });

  it('hrefWithState replaces the hash of a URL', () => {
    expect(hrefWithState('http://h/p?q=1', { year: 2025 })).toBe('http://h/p?q=1#bm.year=2025');
    expect(hrefWithState('http://h/p#intro&bm.year=2024', { year: 2025 })).toBe('http://h/p#intro&bm.year=2025');
    expect(hrefWithState('http://h/p#bm.year=2024', {})).toBe('http://h/p');
  });
});

describe('checkState', () => {
  let plan: Plan;
  beforeAll(() => {
    plan = loadBundledPlan();
  });

  it('keeps what the plan has', () => {
    const state: UrlState = {
      zones: [{ lineId: 'g109', km: 3 }, { lineId: 'great-wall' }],
      selection: { layer: 'villages', id: '110109106203' },
      year: plan.manifest.years[0]!,
    };
    expect(checkState(state, plan)).toEqual({ state, warnings: [] });
    for (const selection of [
      { layer: 'clusters', id: plan.clusters[0]!.id },
      { layer: 'corridors', id: 'yongding' },
      { layer: 'culture-belts', id: 'tanghe' },
      { layer: 'belt', id: plan.belts[0]!.id },
    ] as const) expect(checkState({ selection }, plan).warnings, selection.id).toEqual([]);
  });

  it('drops lines, features and years the plan lacks, with a warning each', () => {
    const { state, warnings } = checkState(
      { zones: [{ lineId: 'nowhere', km: 3 }, { lineId: 'g109' }], selection: { layer: 'culture-belts', id: 'g109' }, year: 1990, layers: ['villages'] },
      plan,
    );
    expect(state).toEqual({ zones: [{ lineId: 'g109' }], layers: ['villages'] });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/nowhere[\s\S]*g109[\s\S]*1990/);
    expect(checkState({ selection: { layer: 'villages', id: '999999999999' } }, plan).state).toEqual({});
  });
});
