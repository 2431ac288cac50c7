import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the dialog renders. */
export const styles = css`
  belt-import-dialog { display: contents; }
  /* Beside the map, not modal: the preview on the map stays in sight and the map can be moved. */
  dialog.import-dialog {
    position: absolute; z-index: 5; top: 8px; right: 8px; left: auto; margin: 0;
    width: min(460px, calc(100% - 16px)); max-height: calc(100% - 16px); overflow: auto;
    border: 1px solid #b9b2a5; border-radius: 4px; padding: 10px 14px; font: inherit; color: #222; background: #fff;
    box-shadow: 0 4px 18px rgba(0, 0, 0, 0.25);
  }
  .import-head { display: flex; align-items: center; justify-content: space-between; }
  dialog.import-dialog h3 { margin: 0; font-size: 15px; }
  .import-close { border: none; background: none; font-size: 18px; line-height: 1; padding: 0 4px; }
  .import-drop { margin: 8px 0; padding: 14px 10px; border: 2px dashed #b9b2a5; border-radius: 4px; text-align: center; background: #faf8f4; }
  .import-drop.compact { padding: 4px 8px; text-align: start; }
  .import-drop.dragging { border-color: var(--accent); background: #e8f0fb; }
  .import-drop label { cursor: pointer; }
  .import-drop input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; }
  .import-drop input[type='file']:focus-visible + .import-choose { outline: 3px solid var(--accent); outline-offset: 1px; }
  .import-choose { color: var(--accent); text-decoration: underline; margin-left: 4px; }
  .import-formats { margin: 6px 0 0; font-size: 12px; color: #555; }
  .import-reading progress { vertical-align: middle; width: 80px; }
  .import-error { margin: 6px 0; padding: 4px 8px; background: #fde8e8; border: 1px solid #d32f2f; color: #8e1b1b; border-radius: 3px; }
  .import-detected { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0; font-size: 13px; }
  .import-detected dt { color: #555; }
  .import-detected dd { margin: 0; overflow-wrap: anywhere; }
  .import-form { border: none; padding: 0; margin: 0; min-width: 0; display: flex; flex-direction: column; gap: 6px; font-size: 13px; }
  .import-form > label { display: flex; flex-direction: column; }
  .import-form small { color: #555; font-size: 11px; }
  .import-form select, .import-form input[type='text'] { font: inherit; max-width: 100%; }
  .import-form fieldset { border: 1px solid #e3ddd0; border-radius: 3px; padding: 4px 8px; margin: 0; min-width: 0; }
  .import-form legend { font-weight: bold; font-size: 12px; }
  .import-columns-grid { display: grid; grid-template-columns: max-content minmax(0, 11em) minmax(0, 1fr); gap: 3px 8px; align-items: center; }
  .import-column { display: contents; font-size: 12px; }
  .import-example { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .import-unmatched label { display: block; }
  .import-ambiguous label { display: flex; flex-direction: column; margin-bottom: 4px; }
  .import-summary { margin-top: 8px; font-size: 13px; }
  .import-counts { font-weight: bold; margin: 4px 0; }
  .import-preview-note, .import-nochange, .import-package { margin: 4px 0; color: #444; }
  .import-key { display: flex; flex-wrap: wrap; gap: 2px 10px; list-style: none; padding: 0; margin: 2px 0 6px; font-size: 12px; }
  .import-key li::before { content: ''; display: inline-block; width: 9px; height: 9px; border-radius: 50%; border: 3px solid; margin-right: 4px; vertical-align: -2px; }
  .import-key li[data-status='added']::before, .import-key li[data-status='line']::before { border-color: #d81b60; }
  .import-key li[data-status='updated']::before, .import-key li[data-status='moved']::before { border-color: #00897b; }
  .import-key li[data-status='unchanged']::before { border-color: #757575; }
  .import-key li[data-status='line']::before { border-radius: 0; height: 0; border-width: 2px 6px; }
  .import-key li[data-status='moved']::before { border-radius: 0; height: 0; border-width: 1px 6px; border-style: dashed; }
  .import-warnings { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 3px; padding: 4px 8px; margin: 6px 0; }
  .import-warnings ul { margin: 2px 0; padding-left: 18px; }
  .import-rejected table { border-collapse: collapse; width: 100%; font-size: 12px; }
  .import-rejected th, .import-rejected td { border-bottom: 1px solid #eee; text-align: start; vertical-align: top; padding: 2px 4px; }
  .import-rejected th, .import-rejected td:first-child { white-space: nowrap; }
  .import-rejected td:first-child { font-variant-numeric: tabular-nums; }
  .import-download { margin-top: 4px; }
  .import-actions { display: flex; gap: 6px; margin-top: 10px; justify-content: flex-end; position: sticky; bottom: -10px; background: #fff; padding: 6px 0; }
  .import-apply:not(:disabled) { background: var(--accent); color: #fff; border-color: var(--accent); }
  .import-apply:disabled { opacity: 0.5; cursor: default; }
  /* Dropping a file on the map. */
  .map-drop { position: absolute; inset: 0; z-index: 4; display: flex; align-items: center; justify-content: center; pointer-events: none;
    background: rgba(21, 101, 192, 0.12); border: 3px dashed var(--accent); font-size: 16px; font-weight: bold; color: #0d47a1; }
  @media print {
    dialog.import-dialog, .map-drop { display: none !important; }
  }
`;
