import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders (in the sidebar and in the map's popup). */
export const styles = css`
  belt-details-panel { display: contents; }
  .details h3 { margin: 0 0 4px; font-size: 14px; }
  .details table { border-collapse: collapse; font-size: 12px; }
  .details th { text-align: start; vertical-align: top; padding: 1px 6px 1px 0; white-space: nowrap; color: #555; font-weight: normal; }
  .details td { padding: 1px 0; overflow-wrap: anywhere; }
  .details ul { margin: 0; padding-left: 16px; }
  .plan-edit { margin-top: 6px; border-top: 1px solid #e3ddd0; padding-top: 4px; font-size: 12px; }
  .plan-edit > summary { cursor: pointer; font-weight: bold; }
  .edit-grid { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 6px; align-items: center; margin: 4px 0; }
  .edit-grid label { display: contents; }
  .plan-edit select, .plan-edit input { font: inherit; min-width: 0; max-width: 100%; }
  .edit-rename { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 6px; align-items: center; margin: 4px 0; }
  .edit-rename label { display: contents; }
  .edit-rename button { grid-column: 2; justify-self: start; }
  .edit-hint { margin: 2px 0; color: #555; }
  .edit-actions { display: flex; flex-wrap: wrap; gap: 4px; align-items: flex-start; margin-top: 4px; }
  .edit-members { margin: 2px 0; padding-left: 16px; max-height: 9em; overflow: auto; }
  .edit-members li button { margin-inline-start: 4px; font-size: 11px; }
  .edit-core, .edit-members-title { margin: 4px 0 0; }
  .edit-delete > summary { cursor: pointer; color: #8e1b1b; list-style: none; border: 1px solid #c9a3a3; border-radius: 3px; padding: 1px 6px; }
  .edit-delete p { margin: 4px 0; }
  .details-panel { border-top: 1px solid #e3ddd0; margin-top: 8px; padding-top: 6px; }
`;
