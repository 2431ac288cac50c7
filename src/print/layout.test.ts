/**
 * printLayout: every paper and orientation gives boxes inside the margins, apart from each other,
 * the approval box at the lower left, a map of most of the page, and sizes that scale with the paper.
 */
import { describe, expect, it } from 'vitest';
import { fontSizes, printLayout } from './layout';
import { PAPER_MM } from './paper';
import type { Box, Orientation, PaperSize, PrintLayout } from './types';

const PAPERS = Object.keys(PAPER_MM) as PaperSize[];
const ORIENTATIONS: Orientation[] = ['portrait', 'landscape'];
const CASES = PAPERS.flatMap((paper) => ORIENTATIONS.map((orientation) => [paper, orientation] as const));
const EPS = 1e-9;

/** The boxes of a layout by name (everything but `page`). */
function boxes(l: PrintLayout): [string, Box][] {
  const { page: _page, ...rest } = l;
  return Object.entries(rest);
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;

describe.each(CASES)('printLayout(%s, %s)', (paper, orientation) => {
  const l = printLayout(paper, orientation);
  const { widthMm: W, heightMm: H } = l.page;
  const short = Math.min(W, H);

  it('has the page of the paper in its orientation', () => {
    const [a, b] = PAPER_MM[paper];
    expect(orientation === 'portrait' ? [W, H] : [H, W]).toEqual([a, b]);
  });

  it('keeps every box, with positive size, inside margins of 2.5–3 % of the short side', () => {
    const mins = { x: Infinity, y: Infinity, r: -Infinity, b: -Infinity };
    for (const [name, b] of boxes(l)) {
      expect(b.w, name).toBeGreaterThan(0);
      expect(b.h, name).toBeGreaterThan(0);
      mins.x = Math.min(mins.x, b.x);
      mins.y = Math.min(mins.y, b.y);
      mins.r = Math.max(mins.r, b.x + b.w);
      mins.b = Math.max(mins.b, b.y + b.h);
    }
    for (const margin of [mins.x, mins.y, W - mins.r, H - mins.b]) {
      expect(margin).toBeGreaterThanOrEqual(0.025 * short - EPS);
      expect(margin).toBeLessThanOrEqual(0.03 * short + EPS);
    }
  });

  it('lets no two boxes overlap', () => {
    const list = boxes(l);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [na, a] = list[i]!;
        const [nb, b] = list[j]!;
        expect(overlaps(a, b), `${na} × ${nb}`).toBe(false);
      }
    }
  });

  it('puts the approval box in the lower-left quadrant', () => {
    const a = l.approval;
    expect(a.x + a.w).toBeLessThanOrEqual(W / 2);
    expect(a.y).toBeGreaterThanOrEqual(H / 2);
    // …and at the very bottom left: nothing lies below or left of it.
    for (const [name, b] of boxes(l)) {
      if (name === 'approval') continue;
      expect(b.x >= a.x + a.w || b.y + b.h <= a.y, name).toBe(true);
    }
  });

  it('gives the map frame at least 60 % of the page', () => {
    expect((l.map.w * l.map.h) / (W * H)).toBeGreaterThanOrEqual(0.6);
  });

  it('puts the title across the top and the credits along the bottom', () => {
    for (const [name, b] of boxes(l)) {
      if (name !== 'title') expect(b.y, name).toBeGreaterThan(l.title.y + l.title.h);
      if (name !== 'credits' && name !== 'approval') expect(b.y + b.h, name).toBeLessThan(l.credits.y);
    }
    expect(l.title.w).toBeCloseTo(W - 2 * l.title.x, 9);
  });

  it('places legend, inset, north arrow and scale bar beside the map (landscape) or below it (portrait)', () => {
    for (const b of [l.legend, l.inset, l.north, l.scaleBar]) {
      if (orientation === 'landscape') expect(b.x).toBeGreaterThan(l.map.x + l.map.w);
      else expect(b.y).toBeGreaterThan(l.map.y + l.map.h);
    }
  });
});

describe('printLayout scales with the paper', () => {
  /** Every number of layout `b` divided by the same number of layout `a`. */
  function ratios(a: PrintLayout, b: PrintLayout): number[] {
    const out = [b.page.widthMm / a.page.widthMm, b.page.heightMm / a.page.heightMm];
    const bb = Object.fromEntries(boxes(b));
    for (const [name, box] of boxes(a)) {
      for (const k of ['x', 'y', 'w', 'h'] as const) out.push(bb[name]![k] / box[k]);
    }
    return out;
  }

  it.each(ORIENTATIONS)('%s: A1 boxes are A4 boxes × √8 (≈ 2.83) within 1 %', (o) => {
    for (const r of ratios(printLayout('A4', o), printLayout('A1', o))) expect(Math.abs(r / Math.SQRT2 ** 3 - 1)).toBeLessThan(0.01);
  });

  it.each(ORIENTATIONS)('%s: A0 boxes are A4 boxes × 4 (= √16; A0 is 16 A4 sheets) within 1 %', (o) => {
    for (const r of ratios(printLayout('A4', o), printLayout('A0', o))) expect(Math.abs(r / 4 - 1)).toBeLessThan(0.01);
  });

  it.each(ORIENTATIONS)('%s: A3 boxes are A4 boxes × √2 within 1 %', (o) => {
    for (const r of ratios(printLayout('A4', o), printLayout('A3', o))) expect(Math.abs(r / Math.SQRT2 - 1)).toBeLessThan(0.01);
  });
});

describe('fontSizes', () => {
  it('is 20 / 13 / 9 / 7 pt on A4 in either orientation', () => {
    const want = { title: 20, subtitle: 13, body: 9, small: 7 };
    expect(fontSizes(printLayout('A4', 'portrait'))).toEqual(want);
    expect(fontSizes(printLayout('A4', 'landscape'))).toEqual(want);
  });

  it('scales with the paper: A0 is A4 × 4', () => {
    expect(fontSizes(printLayout('A0', 'landscape'))).toEqual({ title: 80, subtitle: 52, body: 36, small: 28 });
  });

  it('grows with every step up and keeps title > subtitle > body > small', () => {
    let prev = 0;
    for (const p of PAPERS) {
      const f = fontSizes(printLayout(p, 'portrait'));
      expect(f.title).toBeGreaterThan(f.subtitle);
      expect(f.subtitle).toBeGreaterThan(f.body);
      expect(f.body).toBeGreaterThan(f.small);
      expect(f.title).toBeGreaterThan(prev);
      prev = f.title;
    }
  });

  it('fits the title and subtitle lines in the title block (1 pt = 25.4 / 72 mm, line 1.2 em)', () => {
    for (const [p, o] of CASES) {
      const l = printLayout(p, o);
      const f = fontSizes(l);
      expect(((f.title + f.subtitle) * 1.2 * 25.4) / 72).toBeLessThanOrEqual(l.title.h);
      expect((2 * f.small * 1.2 * 25.4) / 72, 'two credit lines').toBeLessThanOrEqual(l.credits.h);
    }
  });
});
