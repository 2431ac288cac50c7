/** The sheet-size rule: figures follow from the stated distances and the font's cap height. */
import { describe, expect, it } from 'vitest';
import { arcMinutes, CAP_HEIGHT_EM, sheetScale, SMALLEST_MAP_LABEL_PX } from './legibility';
import { PAPERS } from '../ui/print-dialog/print-form';

describe('sheetScale', () => {
  it('gives the smallest map label the same visual angle (≥ 7′) on every sheet', () => {
    const angles = PAPERS.map((p) => {
      const s = sheetScale(p);
      return arcMinutes(SMALLEST_MAP_LABEL_PX * s.mmPerPx * CAP_HEIGHT_EM, s.viewingDistanceM);
    });
    for (const a of angles) {
      expect(a).toBeGreaterThanOrEqual(7);
      expect(a).toBeCloseTo(angles[0]!, 6);
    }
  });

  it('keeps small print at 6 pt on A4 and grows it with the viewing distance', () => {
    expect(sheetScale('A4').minTextPt).toBe(6);
    expect(sheetScale('A0').minTextPt).toBe(12);
    const sizes = PAPERS.map((p) => sheetScale(p).minTextPt);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  it('magnifies A0 twice A4 (2 m against 1 m)', () => {
    expect(sheetScale('A0').mmPerPx / sheetScale('A4').mmPerPx).toBeCloseTo(2, 12);
  });
});
