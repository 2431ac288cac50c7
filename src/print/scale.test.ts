/**
 * Web-Mercator scale maths for MapLibre's 512-px tiles, checked against figures worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { extentForScale, metresPerCssPixel, scaleBar, scaleDenominator, viewForExtent, zoomForScale, type Bounds } from './scale';

describe('metresPerCssPixel', () => {
  it('is 78,271.52 m at lat 0, zoom 0 (40,075,016.686 m / 512 px)', () => {
    expect(metresPerCssPixel(0, 0)).toBeCloseTo(78271.517, 3);
  });

  it('halves with every zoom step and shrinks with cos(lat)', () => {
    expect(metresPerCssPixel(0, 1)).toBeCloseTo(78271.517 / 2, 3);
    expect(metresPerCssPixel(60, 0)).toBeCloseTo(78271.517 / 2, 3);
  });
});

describe('scaleDenominator and zoomForScale', () => {
  it('lat 0, zoom 0: 78,271.517 m per px of 0.0254 / 96 m on paper → 1:295,829,355', () => {
    // 78,271.517 × 96 / 0.0254 = 295,829,355.5
    expect(scaleDenominator(0, 0)).toBeCloseTo(295_829_355.5, 0);
  });

  it('1:25,000 at lat 40° is zoom 13.146', () => {
    // cos 40° = 0.766044; 40,075,016.686 × 0.766044 × 96 = 2,947,127,409;
    // 0.0254 × 512 × 25,000 = 325,120; 2,947,127,409 / 325,120 = 9,064.74; log2 9,064.74 = 13.14605
    expect(zoomForScale(25000, 40)).toBeCloseTo(13.14605, 5);
    expect(scaleDenominator(40, 13.14605)).toBeCloseTo(25000, -1);
  });

  it('lat 40°, zoom 10 is 1:221,307', () => {
    // 30,699,243.84 / (512 × 1024) × 96 / 0.0254 = 221,307.06
    expect(scaleDenominator(40, 10)).toBeCloseTo(221_307.06, 1);
  });

  it('round-trips zoom → scale → zoom', () => {
    for (const lat of [0, 39.9, 40.4, 60]) {
      for (const zoom of [3, 8.5, 12.25, 16]) expect(zoomForScale(scaleDenominator(lat, zoom), lat)).toBeCloseTo(zoom, 10);
    }
  });

  it('does not depend on dpi: a map rendered at pixelRatio dpi / 96 has 96 CSS px per paper inch', () => {
    // Rendered at pixelRatio 1 and printed at 192 dpi, a CSS px is half as long on paper: scale × 2.
    expect(scaleDenominator(40, 10, { cssPixelsPerInch: 192 })).toBeCloseTo(2 * scaleDenominator(40, 10), 6);
  });

  it('rejects a denominator that is not a positive number', () => {
    expect(() => zoomForScale(0, 40)).toThrow(RangeError);
    expect(() => zoomForScale(Number.NaN, 40)).toThrow(/denominator/);
  });
});

describe('viewForExtent', () => {
  it('fits a quarter of the world into 128 CSS px at zoom 0', () => {
    // 128 CSS px = 128 × 25.4 / 96 mm = 33.8667 mm; 90° of longitude is ¼ of the 512-px world.
    const v = viewForExtent([0, -0.001, 90, 0.001], { w: (128 * 25.4) / 96, h: 500 });
    expect(v.zoom).toBeCloseTo(0, 9);
    expect(v.center[0]).toBeCloseTo(45, 9);
    expect(v.center[1]).toBeCloseTo(0, 9);
  });

  it('is limited by the tighter side (contain)', () => {
    const wide = viewForExtent([0, -0.001, 90, 0.001], { w: (128 * 25.4) / 96, h: 500 });
    const narrow = viewForExtent([0, -0.001, 90, 0.001], { w: (64 * 25.4) / 96, h: 500 });
    expect(narrow.zoom).toBeCloseTo(wide.zoom - 1, 9);
  });

  it('centres at the Mercator middle, north of the mean latitude', () => {
    const v = viewForExtent([116, 40, 117, 41], { w: 200, h: 200 });
    expect(v.center[0]).toBeCloseTo(116.5, 9);
    expect(v.center[1]).toBeGreaterThan(40.5);
    expect(v.center[1]).toBeLessThan(40.51);
  });

  it('round-trips with extentForScale: the extent at the fitted scale contains the bounds and touches two sides', () => {
    const bounds: Bounds = [115.6, 39.9, 115.8, 40.05];
    const frame = { w: 229.8, h: 171.15 };
    const v = viewForExtent(bounds, frame);
    const ext = extentForScale(v.center, scaleDenominator(v.center[1], v.zoom), frame);
    expect(ext[0]).toBeLessThanOrEqual(bounds[0] + 1e-9);
    expect(ext[1]).toBeLessThanOrEqual(bounds[1] + 1e-9);
    expect(ext[2]).toBeGreaterThanOrEqual(bounds[2] - 1e-9);
    expect(ext[3]).toBeGreaterThanOrEqual(bounds[3] - 1e-9);
    const touchesX = Math.abs(ext[0] - bounds[0]) < 1e-9 && Math.abs(ext[2] - bounds[2]) < 1e-9;
    const touchesY = Math.abs(ext[1] - bounds[1]) < 1e-9 && Math.abs(ext[3] - bounds[3]) < 1e-9;
    expect(touchesX || touchesY).toBe(true);
  });

  it('rejects inverted or empty bounds and a frame without area', () => {
    expect(() => viewForExtent([117, 40, 116, 41], { w: 100, h: 100 })).toThrow(RangeError);
    expect(() => viewForExtent([116, 40, 116, 40], { w: 100, h: 100 })).toThrow(/bounds/);
    expect(() => viewForExtent([116, 40, 117, 41], { w: 0, h: 100 })).toThrow(/mapMm/);
  });
});

describe('extentForScale', () => {
  it('at 1:25,000 a 200 mm frame is 5 km across', () => {
    // 200 mm × 25,000 = 5,000 m; 1° of longitude at lat 40 is 111,319.49 × cos 40° = 85,276.4 m → 0.058633°.
    const [w, , e] = extentForScale([116, 40], 25000, { w: 200, h: 100 });
    expect(e - w).toBeCloseTo(5000 / 85_276.4, 5);
    expect((w + e) / 2).toBeCloseTo(116, 9);
  });

  it('at the equator a 100 mm frame at 1:1,000,000 is 100 km tall', () => {
    // 100 km / 111,319.49 m per degree = 0.898315°, split evenly about the equator.
    const [, s, , n] = extentForScale([0, 0], 1_000_000, { w: 100, h: 100 });
    expect(n - s).toBeCloseTo(0.898315, 4);
    expect(n).toBeCloseTo(-s, 9);
  });
});

describe('scaleBar', () => {
  it('1:50,000, at most 40 mm: 2 km = 40 mm (2,000 m / 50,000 = 40 mm; 5 km would be 100 mm)', () => {
    expect(scaleBar(50000, 40)).toEqual({ metres: 2000, mm: 40, segments: 4, label: '2 km', scaleDenominator: 50000 });
  });

  it('1:100,000, at most 30 mm: 2 km = 20 mm (5 km would be 50 mm)', () => {
    expect(scaleBar(100000, 30)).toEqual({ metres: 2000, mm: 20, segments: 4, label: '2 km', scaleDenominator: 100000 });
  });

  it('1:25,000, at most 30 mm: 500 m = 20 mm in 5 segments, labelled in metres', () => {
    expect(scaleBar(25000, 30)).toEqual({ metres: 500, mm: 20, segments: 5, label: '500 m', scaleDenominator: 25000 });
  });

  it('1:200,000, at most 60 mm: 10 km = 50 mm, labelled "10 km"', () => {
    expect(scaleBar(200000, 60)).toMatchObject({ metres: 10000, mm: 50, segments: 4, label: '10 km' });
  });

  it('rounds the denominator it reports', () => {
    expect(scaleBar(221_307.06, 40).scaleDenominator).toBe(221_307);
  });

  it('takes between maxMm / 2.5 and maxMm of paper, with a 1-2-5 length, for any scale', () => {
    for (let d = 500; d < 5e7; d *= 1.37) {
      for (const maxMm of [20, 33, 50]) {
        const b = scaleBar(d, maxMm);
        expect(b.mm).toBeLessThanOrEqual(maxMm + 1e-9);
        expect(b.mm).toBeGreaterThanOrEqual(maxMm / 2.5 - 1e-9);
        const lead = b.metres / 10 ** Math.floor(Math.log10(b.metres) + 1e-12);
        expect([1, 2, 5]).toContainEqual(Number(lead.toPrecision(6)));
        expect([4, 5]).toContain(b.segments);
      }
    }
  });

  it('rejects a scale or width that is not a positive number', () => {
    expect(() => scaleBar(-1, 40)).toThrow(/denominator/);
    expect(() => scaleBar(50000, 0)).toThrow(/maxMm/);
  });
});
