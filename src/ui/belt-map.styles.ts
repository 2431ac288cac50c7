import { css, unsafeCSS } from 'lit';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';

/** MapLibre's own CSS must live inside the shadow root, where its elements are. */
export const styles = [
  unsafeCSS(maplibreCss),
  css`
    :host {
      display: block;
      position: relative;
      height: var(--belt-height, 600px);
      min-height: 320px;
      background: #fff;
      border: 1px solid #d6d0c4;
      box-sizing: border-box;
      contain: content;
      --accent: var(--belt-accent, #1565c0);
    }
    :host([hidden]) { display: none; }
    *, *::before, *::after { box-sizing: border-box; }
    /* Inherited text properties are set here, inside the shadow root, so a page's own CSS
       (even "* { color: red !important }", which reaches the host) does not leak in. */
    .frame {
      display: flex; flex-direction: column; height: 100%;
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
    .body { flex: 1; display: flex; min-height: 0; }
    .map { flex: 1; position: relative; min-width: 0; }
    .sidebar { width: 260px; overflow: auto; border-left: 1px solid #e3ddd0; padding: 6px 10px; font-size: 13px; }
    h3 { font-size: 13px; margin: 8px 0 4px; }
    .views { display: flex; flex-wrap: wrap; gap: 4px; }
    button { font: inherit; cursor: pointer; border: 1px solid #b9b2a5; background: #faf8f4; border-radius: 3px; padding: 2px 8px; color: inherit; }
    button:hover { background: #f0ece3; }
    button.link { border: none; background: none; padding: 0; color: var(--accent); text-decoration: underline; text-align: start; }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
    fieldset.layers { border: none; padding: 0; margin: 8px 0 0; }
    fieldset.layers legend { font-weight: bold; padding: 0; margin-bottom: 2px; }
    fieldset.layers label { display: block; padding: 1px 0; }
    .legend ul { list-style: none; margin: 0; padding: 0; }
    .legend li { display: flex; align-items: center; gap: 6px; padding: 1px 0; }
    .swatch { flex: none; width: 22px; height: 12px; display: inline-block; }
    .swatch.fill { background: var(--swatch); border: 1px solid #8c8273; }
    .swatch.circle { width: 12px; border-radius: 50%; background: var(--swatch); border: 1px solid #fff; box-shadow: 0 0 0 1px #999; margin: 0 5px; }
    .swatch.ring { width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--swatch); margin: 0 6px; }
    .swatch.line { height: 0; border-top: 3px solid var(--swatch); }
    .swatch.dashed-line { height: 0; border-top: 3px dashed var(--swatch); }
    .swatch.band { height: 10px; background: var(--swatch); opacity: 0.4; border-radius: 5px; }
    .zones .zone { padding: 3px 0; border-bottom: 1px dotted #e3ddd0; }
    .zones .zone label { display: inline; }
    .zone-count { margin-left: 6px; color: var(--accent); font-weight: bold; }
    .zone-km { display: flex; align-items: center; gap: 6px; margin-top: 2px; }
    .zone-km input[type='range'] { flex: 1; min-width: 0; }
    .zone-km input[type='number'] { width: 4.5em; font: inherit; }
    .zone-imported { margin-left: 6px; color: #555; }
    .import { margin-top: 8px; font-size: 12px; }
    .import label { display: block; }
    .import input[type='file'] { max-width: 100%; margin-top: 2px; }
    .import progress { width: 100%; }
    .unlocated { background: #f4f1ea; padding: 4px 6px; border-radius: 3px; }
    .details h3 { margin: 0 0 4px; font-size: 14px; }
    .details table { border-collapse: collapse; font-size: 12px; }
    .details th { text-align: start; vertical-align: top; padding: 1px 6px 1px 0; white-space: nowrap; color: #555; font-weight: normal; }
    .details td { padding: 1px 0; overflow-wrap: anywhere; }
    .details ul { margin: 0; padding-left: 16px; }
    .details-panel { border-top: 1px solid #e3ddd0; margin-top: 8px; padding-top: 6px; }
    .list { border-top: 1px solid #e3ddd0; font-size: 13px; }
    .list-toggle { margin: 4px 10px; align-self: flex-start; }
    .list.open { display: flex; flex-direction: column; max-height: 45%; min-height: 180px; }
    [role='tablist'] { display: flex; gap: 4px; padding: 0 10px; }
    [role='tab'][aria-selected='true'] { background: var(--accent); color: #fff; border-color: var(--accent); }
    .list-controls { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; padding: 4px 10px; }
    .table-wrap { overflow: auto; padding: 0 10px 6px; flex: 1; }
    .table-wrap table { border-collapse: collapse; width: 100%; }
    .table-wrap th, .table-wrap td { text-align: start; padding: 2px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
    .table-wrap thead th { position: sticky; top: 0; background: #faf8f4; }
    .table-wrap ul { margin: 0; padding-left: 14px; }
    .count { margin: 2px 0; color: #555; }
    .table-wrap h4 { margin: 10px 0 2px; font-size: 13px; }
    .table-wrap .series, .table-wrap .source { color: #666; font-size: 11px; }
    tr.unmet td:nth-child(5), tr.error td:first-child { color: #b71c1c; font-weight: bold; }
    tr.met td:nth-child(5) { color: #2e7d32; font-weight: bold; }
    tr.warning td:first-child { color: #8a5a00; }
    .decide { white-space: nowrap; }
    .year select { font: inherit; margin-left: 4px; }
    .loading { padding: 4px 10px; margin: 0; }
    footer { border-top: 1px solid #e3ddd0; padding: 2px 10px; font-size: 12px; }
    footer ul { margin: 4px 0; padding-left: 18px; max-height: 120px; overflow: auto; }
    .what { font-weight: bold; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .maplibregl-popup-content { font: inherit; padding: 8px 24px 8px 10px; }
    .print-open { margin-left: auto; }
    dialog.print { max-width: min(640px, 95vw); border: 1px solid #b9b2a5; border-radius: 4px; padding: 12px 16px; font: inherit; color: #222; }
    dialog.print::backdrop { background: rgba(0, 0, 0, 0.3); }
    dialog.print h3 { margin: 0 0 8px; font-size: 15px; }
    .print-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 12px; }
    .print-grid label { display: flex; flex-direction: column; font-size: 12px; }
    .print-grid fieldset { border: none; padding: 0; margin: 0; font-size: 12px; }
    .print-grid fieldset label { flex-direction: row; gap: 4px; display: inline-flex; margin-right: 8px; }
    .print-grid input[type='text'], .print-grid input[type='number'], .print-grid select { font: inherit; }
    .print-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
    .print progress { width: 100%; }
    /* The browser's own print of the page: the map and its legend on the sheet, no controls. */
    @media print {
      :host { height: 180mm; border: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .swatch, .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      header button, .views, fieldset.layers, .zones, .import, .unlocated, .list, footer details:not([open]), .maplibregl-ctrl-top-right, dialog { display: none !important; }
      .sidebar { width: 62mm; border-left: 0.3mm solid #999; overflow: visible; }
      .frame { color: #000; }
    }
    @container (max-width: 640px) { .sidebar { width: 200px; } }
    @media (max-width: 640px) { .body { flex-direction: column; } .sidebar { width: auto; max-height: 40%; border-left: none; border-top: 1px solid #e3ddd0; } }
  `,
];
