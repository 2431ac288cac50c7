/**
 * The one colour parser of belt-map: MapLibre's own (its style spec's `Color.parse`), so the map, the
 * deck.gl overlay, the PDF and PNG painters and the legend read every CSS colour (`#rgb`, `rgb()`,
 * `hsl()`, a name) the same way.
 */
import { Color } from '@maplibre/maplibre-gl-style-spec';

/** Red, green, blue 0–255 and alpha 0–1. */
export type Rgba = [r: number, g: number, b: number, a: number];

/**
 * Parses a CSS colour.
 *
 * @param css - a CSS colour, e.g. `#c62828`, `rgb(0 128 0)`, `hsl(120, 100%, 25%)`, `teal`
 * @returns the colour as 0–255 channels and a 0–1 alpha, or null when it is not a colour
 * @example
 * ```ts
 * parseColour('hsl(120, 100%, 25%)'); // [0, 128, 0, 1]
 * ```
 */
export function parseColour(css: string): Rgba | null {
  const c = Color.parse(css.trim());
  if (!c) return null;
  const [r, g, b, a] = c.rgb;
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255), a];
}

/** The colour, or `fallback` when `css` is not one (data reaching a style attribute or a painter). */
export function colourOr(css: string, fallback: string): string {
  return parseColour(css) ? css : fallback;
}
