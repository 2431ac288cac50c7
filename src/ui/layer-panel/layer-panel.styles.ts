import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders. */
export const styles = css`
  belt-layer-panel { display: contents; }
  .plan-picker { display: block; }
  .plan-picker select { display: block; width: 100%; max-width: 100%; margin-top: 2px; font: inherit; }
  .views { display: flex; flex-wrap: wrap; gap: 4px; }
  fieldset.layers { border: none; padding: 0; margin: 8px 0 0; }
  fieldset.layers legend { font-weight: bold; padding: 0; margin-bottom: 2px; }
  fieldset.layers label { display: block; padding: 1px 0; }
  .legend ul { list-style: none; margin: 0; padding: 0; }
  .legend li { display: flex; align-items: center; gap: 6px; padding: 1px 0; }
  /* Drawn by swatch.ts as SVG with presentation attributes (no inline style: CSP style-src 'self'). */
  .swatch { flex: none; width: 22px; height: 12px; display: inline-block; }
  /* The browser's own print: the legend stays, the controls go. */
  @media print {
    .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .plan-picker, .views, fieldset.layers { display: none !important; }
  }
`;
