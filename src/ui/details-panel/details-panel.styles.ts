import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders (in the sidebar and in the map's popup). */
export const styles = css`
  belt-details-panel { display: contents; }
  .details h3 { margin: 0 0 4px; font-size: 14px; }
  .details table { border-collapse: collapse; font-size: 12px; }
  .details th { text-align: start; vertical-align: top; padding: 1px 6px 1px 0; white-space: nowrap; color: #555; font-weight: normal; }
  .details td { padding: 1px 0; overflow-wrap: anywhere; }
  .details ul { margin: 0; padding-left: 16px; }
  .details-panel { border-top: 1px solid #e3ddd0; margin-top: 8px; padding-top: 6px; }
`;
