/**
 * One colour parser for every painter: MapLibre parses the style's colour strings itself, and the
 * deck.gl overlay and the PDF / PNG painters read them through parseColour, which is MapLibre's own
 * parser, so `hsl(…)`, names and `rgb()` come out the same everywhere.
 */
import { Color } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { paintColour } from '../print/painter';
import { colourOr, parseColour } from './colour';

describe('parseColour', () => {
  it.each([
    ['#c62828', [198, 40, 40, 1]],
    ['#fff', [255, 255, 255, 1]],
    ['rgb(0 128 0 / 50%)', [0, 128, 0, 0.5]],
    ['rgba(10, 20, 30, 0.25)', [10, 20, 30, 0.25]],
    ['hsl(120, 100%, 25%)', [0, 128, 0, 1]],
    ['hsl(280, 60%, 40%)', [122, 41, 163, 1]],
    ['teal', [0, 128, 128, 1]],
  ])('reads %s', (css, rgba) => {
    expect(parseColour(css)).toEqual(rgba);
  });

  it('agrees with the colour MapLibre draws for the same string', () => {
    for (const css of ['hsl(200, 50%, 50%)', 'rebeccapurple', '#00897b80']) {
      const c = Color.parse(css)!.rgb;
      expect(parseColour(css)).toEqual([Math.round(c[0] * 255), Math.round(c[1] * 255), Math.round(c[2] * 255), c[3]]);
    }
  });

  it('returns null for what is not a colour, and colourOr falls back', () => {
    expect(parseColour('url(javascript:alert(1))')).toBeNull();
    expect(parseColour('')).toBeNull();
    expect(colourOr('red;background:url(x)', 'gray')).toBe('gray');
    expect(colourOr('hsl(1, 2%, 3%)', 'gray')).toBe('hsl(1, 2%, 3%)');
  });

  it('is what the PDF painter paints with', () => {
    expect(paintColour('hsl(120, 100%, 25%)')).toEqual({ r: 0, g: 128, b: 0, a: 1 });
    expect(paintColour('not a colour')).toEqual({ r: 0, g: 0, b: 0, a: 1 });
  });
});
