/**
 * Paper sizes and pixel / point conversions, checked against figures worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { clampDpi, PAPER_MM, pageMm, pagePixels, pixelSize } from './paper';
import type { PaperSize } from './types';

describe('PAPER_MM', () => {
  it('holds the ISO 216 sheets in portrait', () => {
    expect(PAPER_MM).toEqual({ A4: [210, 297], A3: [297, 420], A2: [420, 594], A1: [594, 841], A0: [841, 1189] });
  });

  it('each sheet is the next smaller one doubled (to the mm ISO rounds to)', () => {
    const order: PaperSize[] = ['A4', 'A3', 'A2', 'A1', 'A0'];
    for (let i = 1; i < order.length; i++) {
      const [w, h] = PAPER_MM[order[i]!];
      const [sw, sh] = PAPER_MM[order[i - 1]!];
      expect(w).toBe(sh);
      expect(Math.abs(h - 2 * sw)).toBeLessThanOrEqual(1);
    }
  });
});

describe('pageMm', () => {
  it('portrait puts the short side across', () => {
    expect(pageMm('A3', 'portrait')).toEqual({ widthMm: 297, heightMm: 420 });
  });

  it('landscape puts the long side across', () => {
    expect(pageMm('A3', 'landscape')).toEqual({ widthMm: 420, heightMm: 297 });
  });
});

describe('pixelSize and pagePixels', () => {
  it('A4 portrait at 150 dpi is 1240 × 1754 px (210 / 25.4 × 150 = 1240.16; 297 / 25.4 × 150 = 1753.9)', () => {
    expect(pagePixels('A4', 'portrait', 150)).toEqual({ width: 1240, height: 1754 });
  });

  it('A1 landscape at 300 dpi is 9933 × 7016 px (841 → 9933.07; 594 → 7015.7)', () => {
    expect(pagePixels('A1', 'landscape', 300)).toEqual({ width: 9933, height: 7016 });
  });

  it('A0 portrait at 300 dpi is 9933 × 14043 px (1189 / 25.4 × 300 = 14043.3)', () => {
    expect(pagePixels('A0', 'portrait', 300)).toEqual({ width: 9933, height: 14043 });
  });

  it('at 72 dpi gives PDF points: A1 is 1684 × 2384 pt (594 → 1683.78; 841 → 2383.94)', () => {
    expect(pagePixels('A1', 'portrait', 72)).toEqual({ width: 1684, height: 2384 });
  });

  it('one inch is dpi pixels', () => {
    expect(pixelSize(25.4, 96)).toBe(96);
  });
});

describe('clampDpi', () => {
  it('keeps a resolution inside 72–300', () => {
    expect(clampDpi(150)).toBe(150);
    expect(clampDpi(72)).toBe(72);
    expect(clampDpi(300)).toBe(300);
  });

  it('raises a low resolution to 72 and lowers a high one to 300', () => {
    expect(clampDpi(10)).toBe(72);
    expect(clampDpi(1200)).toBe(300);
    expect(clampDpi(-Infinity)).toBe(72);
    expect(clampDpi(Infinity)).toBe(300);
  });

  it('rejects NaN with a RangeError naming dpi', () => {
    expect(() => clampDpi(Number.NaN)).toThrow(RangeError);
    expect(() => clampDpi(Number.NaN)).toThrow(/dpi/);
  });
});
