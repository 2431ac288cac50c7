import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders. */
export const styles = css`
  belt-zone-panel { display: contents; }
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
  @media print {
    .zones, .import { display: none !important; }
  }
`;
