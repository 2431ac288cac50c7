import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { romanise } from './romanise';

describe('romanise', () => {
  it('romanises as the bundled data does (data/derive/lib.mjs): every village name_en of a package', () => {
    const fc = JSON.parse(readFileSync(new URL('../../data/plans/zhenhai/villages.geojson', import.meta.url), 'utf8')) as { features: { properties: { short_name: string; name_en: string; town: string; town_en: string } }[] };
    for (const { properties: p } of fc.features) {
      expect(romanise(p.short_name)).toBe(p.name_en);
      expect(romanise(p.town)).toBe(p.town_en);
    }
  });
  it('keeps the suffix as a word, an apostrophe before a/o/e, and a name without Chinese as it is', () => {
    expect(romanise('长哨营满族乡')).toBe('Changshaoying Manzu Xiang');
    expect(romanise('南路二社区')).toBe("Nanlu'er Shequ");
    expect(romanise('Green Valley')).toBe('Green Valley');
  });
});
