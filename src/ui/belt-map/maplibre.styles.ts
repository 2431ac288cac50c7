import { css, unsafeCSS } from 'lit';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';

/**
 * MapLibre's CSS without its `data:` images (removed at build, vite.config.ts), and the icons of the controls belt-map shows drawn in
 * CSS instead. MapLibre paints its zoom, compass and attribution buttons with `url("data:image/svg+xml…")`
 * backgrounds; a host page's `default-src 'self'` (no `img-src data:`) refuses each of them — a
 * `securitypolicyviolation` and a blank button. Text glyphs and borders need no image at all.
 * The compass needle is the icon MapLibre rotates (through the CSSOM, which the policy allows).
 */
// The build (vite.config.ts, maplibreCssWithoutImages) has already replaced each url("data:…") by none.
const withoutDataImages = maplibreCss;

export const maplibreStyles = [
  unsafeCSS(withoutDataImages),
  css`
    .maplibregl-ctrl button .maplibregl-ctrl-icon {
      display: flex;
      align-items: center;
      justify-content: center;
      color: #333;
      font: 20px/1 system-ui, sans-serif;
    }
    .maplibregl-ctrl button:disabled .maplibregl-ctrl-icon { color: #aaa; }
    .maplibregl-ctrl button.maplibregl-ctrl-zoom-in .maplibregl-ctrl-icon::before { content: '+'; }
    .maplibregl-ctrl button.maplibregl-ctrl-zoom-out .maplibregl-ctrl-icon::before { content: '\\2212'; }
    /* The needle: a red half pointing north over a grey half pointing south. */
    .maplibregl-ctrl button.maplibregl-ctrl-compass .maplibregl-ctrl-icon { flex-direction: column; }
    .maplibregl-ctrl button.maplibregl-ctrl-compass .maplibregl-ctrl-icon::before,
    .maplibregl-ctrl button.maplibregl-ctrl-compass .maplibregl-ctrl-icon::after {
      content: '';
      width: 0;
      height: 0;
      border-left: 4px solid transparent;
      border-right: 4px solid transparent;
    }
    .maplibregl-ctrl button.maplibregl-ctrl-compass .maplibregl-ctrl-icon::before { border-bottom: 9px solid #e64a19; }
    .maplibregl-ctrl button.maplibregl-ctrl-compass .maplibregl-ctrl-icon::after { border-top: 9px solid #888; }
    .maplibregl-ctrl-attrib-button::before {
      content: 'i';
      display: block;
      font: italic bold 14px/24px Georgia, serif;
      text-align: center;
      color: #333;
    }
    .maplibregl-ctrl-attrib.maplibregl-compact::after { content: none; }
  `,
];
