import { html, nothing, svg, type TemplateResult } from 'lit';
import { colourOr } from '../../state/colour.js';
import type { LegendEntry } from '../../state/legend.js';

/**
 * A legend swatch as a small inline SVG whose colours are SVG presentation attributes (`fill`,
 * `stroke`): under a host page's `style-src 'self'` an inline `style` attribute (or a custom property
 * set in one) is refused and the swatch went transparent; presentation attributes are not styles in
 * the policy's sense.
 */
export function swatch(symbol: LegendEntry['symbol'], colour: string, under: Pick<LegendEntry, 'casing' | 'band'> = {}): TemplateResult {
  const c = colourOr(colour, 'gray');
  return html`<svg class="swatch ${symbol}" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true" focusable="false">${beneath(symbol, c, under)}${shape(symbol, c)}</svg>`;
}

/** What the map draws under a line: a translucent band of its colour (culture belts) or its casing (roads). */
function beneath(symbol: LegendEntry['symbol'], c: string, { casing, band }: Pick<LegendEntry, 'casing' | 'band'>) {
  if (symbol !== 'line' && symbol !== 'dashed-line') return nothing;
  return svg`${band ? svg`<line x1="0" y1="6" x2="22" y2="6" stroke=${c} stroke-opacity="0.25" stroke-width="11" />` : nothing}${
    casing ? svg`<line x1="0" y1="6" x2="22" y2="6" stroke=${colourOr(casing, 'gray')} stroke-width="6" />` : nothing
  }`;
}

function shape(symbol: LegendEntry['symbol'], c: string) {
  switch (symbol) {
    case 'fill':
      return svg`<rect x="0.5" y="0.5" width="21" height="11" fill=${c} stroke="#8c8273" />`;
    case 'circle':
      return svg`<circle cx="11" cy="6" r="6" fill="#999" /><circle cx="11" cy="6" r="5" fill=${c} stroke="#fff" stroke-width="1" />`;
    case 'ring':
      return svg`<circle cx="11" cy="6" r="4" fill="none" stroke=${c} stroke-width="2" />`;
    case 'line':
      return svg`<line x1="0" y1="6" x2="22" y2="6" stroke=${c} stroke-width="3" />`;
    case 'dashed-line':
      return svg`<line x1="0" y1="6" x2="22" y2="6" stroke=${c} stroke-width="3" stroke-dasharray="5 3" />`;
    case 'band':
      return svg`<rect x="0" y="1" width="22" height="10" rx="5" fill=${c} fill-opacity="0.4" />`;
    case 'zone':
      return svg`<rect x="1" y="1" width="20" height="10" fill=${c} fill-opacity="0.1" stroke=${c} stroke-width="1.2" stroke-dasharray="4 2" />`;
    case 'proposal':
      return svg`<rect x="1.5" y="1.5" width="19" height="9" fill=${c} fill-opacity="0.08" stroke=${c} stroke-width="2" stroke-linecap="round" stroke-dasharray="0.1 4" />`;
  }
}
