import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders. */
export const styles = css`
  belt-draw-panel { display: contents; }
  .draw-panel { margin-top: 8px; }
  .draw-buttons { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 4px; }
  .draw-snap { display: block; }
  .draw-active { border-left: 3px solid #d81b60; padding: 2px 0 4px 6px; background: #fdf3f7; }
  .draw-active p { margin: 2px 0 4px; }
  .draw-form { border-left: 3px solid var(--accent); padding: 2px 0 4px 6px; }
  .draw-form p { margin: 2px 0 4px; }
  .draw-form label { display: block; margin: 3px 0; }
  .draw-form input[type='text'], .draw-form select { display: block; width: 100%; box-sizing: border-box; font: inherit; }
  .draw-form input[type='number'] { width: 5em; font: inherit; }
  .draw-form fieldset { border: 1px solid #e3ddd0; margin: 4px 0; padding: 2px 6px; }
  .draw-form fieldset label { display: block; }
  .draw-belt-clusters { margin: 2px 0 4px; padding-left: 1.4em; }
  .draw-belt-clusters small { color: #666; }
  .draw-snapped, .draw-note { color: #555; font-size: 12px; }
  .draw-error { color: #b71c1c; }
  .draw-status { color: #2e7d32; margin: 4px 0; }
  .line-actions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
  @media print {
    .draw-panel, .line-actions { display: none !important; }
  }
`;
