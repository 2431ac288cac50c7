import { css } from 'lit';
import { styles as acceptPreview } from '../accept-preview/accept-preview.styles.js';
import { styles as detailsPanel } from '../details-panel/details-panel.styles.js';
import { styles as draftsPanel } from '../drafts-panel/drafts-panel.styles.js';
import { styles as downloadMenu } from '../download-menu/download-menu.styles.js';
import { styles as featureList } from '../feature-list/feature-list.styles.js';
import { styles as importDialog } from '../import-dialog/import-dialog.styles.js';
import { styles as layerPanel } from '../layer-panel/layer-panel.styles.js';
import { styles as printDialog } from '../print-dialog/print-dialog.styles.js';
import { styles as shareLink } from '../share-link/share-link.styles.js';
import { styles as zonePanel } from '../zone-panel/zone-panel.styles.js';
import { styles as drawPanel } from '../draw-panel/draw-panel.styles.js';
import { maplibreStyles } from './maplibre.styles.js';

/**
 * MapLibre's own CSS must live inside the shadow root, where its elements are. So must the panels':
 * they render into this shadow root (see `PanelElement`), so it adopts each panel's styles after its own.
 */
export const styles = [
  ...maplibreStyles,
  css`
    /* A page's rules reach the element itself ("* { padding: 20px; border: 3px solid red }") and win
       over :host, unless :host says !important: what the layout needs is kept here. The page sets the
       size (width, height or --belt-height), margins and position; the border through --belt-border.
       display stays the page's to set, so that it can hide the element (display: none in a closed tab
       or a print rule); a page that makes it inline gets what it asked for. */
    :host {
      display: block;
      position: relative;
      height: var(--belt-height, 600px);
      min-height: 300px;
      background: #fff;
      border: var(--belt-border, 1px solid #d6d0c4) !important;
      padding: 0 !important;
      box-sizing: border-box !important;
      contain: content !important;
      writing-mode: horizontal-tb !important;
      /* The template's whitespace beside the frame is text of the host: a page's "white-space: pre"
         would draw it as lines (with the page's text-decoration) over the frame. */
      white-space: normal !important;
      --accent: var(--belt-accent, #1565c0);
    }
    :host([hidden]) { display: none !important; }
    *, *::before, *::after { box-sizing: border-box; }
    /* Inherited properties start over here, inside the shadow root, so a page's own CSS (even
       "* { color: red !important }" or "body { text-shadow: …; letter-spacing: …; font: … }", which reach
       the host) does not leak in: "all: initial" resets every one but direction, which the frame's dir
       attribute sets (ltr unless the element's own dir asks otherwise). Out of flow (absolute), the
       frame also takes none of a page's text-decoration, which would otherwise propagate into it. */
    .frame {
      all: initial;
      display: flex; flex-direction: column; position: absolute; inset: 0; box-sizing: border-box;
      unicode-bidi: isolate;
      font-family: var(--belt-font, system-ui, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif);
      font-size: 14px; font-weight: normal; font-style: normal; line-height: 1.4;
      color: #222; letter-spacing: normal; word-spacing: normal; text-transform: none; text-align: start;
      white-space: normal; text-indent: 0; visibility: visible; cursor: auto;
    }
    header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; padding: 6px 10px; border-bottom: 1px solid #e3ddd0; }
    .title { font-size: 16px; margin: 0; }
    .notice { margin: 0; padding: 2px 8px; background: #fff4d6; border: 1px solid #e0b84c; border-radius: 3px; font-size: 13px; }
    .notice strong { color: #8a5a00; margin-right: 4px; }
    .error { margin: 0; padding: 2px 8px; background: #fde8e8; border: 1px solid #d32f2f; color: #8e1b1b; border-radius: 3px; }
    .error-all { flex-basis: 100%; color: #8e1b1b; }
    .error-list { max-height: 8em; overflow: auto; margin: 2px 0; overflow-wrap: anywhere; }
    .body { flex: 1; display: flex; min-height: 0; }
    .map { flex: 1; position: relative; min-width: 0; }
    .sidebar { width: 260px; overflow: auto; border-left: 1px solid #e3ddd0; padding: 6px 10px; font-size: 13px; }
    h3 { font-size: 13px; margin: 8px 0 4px; }
    button { font: inherit; cursor: pointer; border: 1px solid #b9b2a5; background: #faf8f4; border-radius: 3px; padding: 2px 8px; color: inherit; }
    button:hover { background: #f0ece3; }
    button.link { border: none; background: none; padding: 0; color: var(--accent); text-decoration: underline; text-align: start; }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
    .unlocated { background: #f4f1ea; padding: 4px 6px; border-radius: 3px; }
    .loading { padding: 4px 10px; margin: 0; }
    footer { border-top: 1px solid #e3ddd0; padding: 2px 10px; font-size: 12px; }
    footer ul { margin: 4px 0; padding-left: 18px; max-height: 120px; overflow: auto; }
    .what { font-weight: bold; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    /* A tall popup (a village's details with its edit controls, a line's citations) scrolls inside the map
       rather than running off it: its content gets the room beside the feature as max-height (view.ts popupPlacement). */
    .maplibregl-popup-content { font: inherit; padding: 8px 24px 8px 10px; }
    .popup { max-height: min(420px, 60vh); overflow: auto; }
    /* The keyboard's focused feature on the map (src/map/keyboard.ts) and the keys' hint while the canvas has the focus. */
    .belt-focus-ring { position: absolute; pointer-events: none; box-sizing: border-box; min-width: 16px; min-height: 16px;
      border: 3px solid var(--accent); border-radius: 6px; box-shadow: 0 0 0 2px #fff; z-index: 1; }
    .belt-map-hint { position: absolute; left: 8px; top: 8px; max-width: min(340px, calc(100% - 70px)); z-index: 2; pointer-events: none;
      background: #fff; color: #222; border: 1px solid #888; border-radius: 4px; padding: 4px 8px; font-size: 12px; }
    .belt-focus-ring[hidden], .belt-map-hint[hidden] { display: none; }
    .history { margin-left: auto; display: inline-flex; gap: 4px; }
    button:disabled { opacity: 0.5; cursor: default; }
    .body { position: relative; }
    /* The browser's own print of the page: the map and its legend on the sheet, no controls. */
    @media print {
      :host { height: 180mm; border: none !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      header button, .unlocated, footer details:not([open]), .maplibregl-ctrl-top-right { display: none !important; }
      .sidebar { width: 62mm; border-left: 0.3mm solid #999; overflow: visible; }
      .frame { color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    /* The layout follows the element's size, not the window's: .frame is the container. Narrow, the
       sidebar becomes a drawer over the map (the header's toggle opens it); short, the header and
       the feature list give their height to the map. */
    .frame { container: belt / size; }
    .sidebar-toggle { display: none; }
    /* The header's buttons: flex items of the header when wide, one scrolling row when narrow. */
    .actions { display: contents; }
    @container belt (max-width: 640px) {
      .sidebar-toggle { display: inline-block; }
      .sidebar { display: none; position: absolute; top: 0; right: 0; bottom: 0; width: min(280px, 92%); z-index: 3; background: #fff; box-shadow: -2px 0 6px rgb(0 0 0 / 0.2); }
      .sidebar.open { display: block; }
      header { gap: 2px 6px; padding: 4px 6px; }
      header button { padding: 1px 5px; flex: none; }
      .title { font-size: 14px; }
      .actions { display: flex; gap: 4px; flex: 1 1 100%; min-width: 0; overflow-x: auto; scrollbar-width: thin; }
      .history { margin-left: 0; flex: none; }
    }
    @container belt (max-width: 400px) {
      .title { flex: 1 1 100%; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .list-toggle { margin: 2px 6px; }
    }
    @container belt (max-height: 480px) {
      .notice { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
      .list.open { min-height: 0; max-height: 40%; }
      footer { padding: 0 6px; }
    }
  `,
  layerPanel,
  zonePanel,
  drawPanel,
  acceptPreview,
  detailsPanel,
  featureList,
  printDialog,
  downloadMenu,
  importDialog,
  draftsPanel,
  shareLink,
];
