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
  .swatch { flex: none; width: 22px; height: 12px; display: inline-block; }
  .swatch.fill { background: var(--swatch); border: 1px solid #8c8273; }
  .swatch.circle { width: 12px; border-radius: 50%; background: var(--swatch); border: 1px solid #fff; box-shadow: 0 0 0 1px #999; margin: 0 5px; }
  .swatch.ring { width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--swatch); margin: 0 6px; }
  .swatch.line { height: 0; border-top: 3px solid var(--swatch); }
  .swatch.dashed-line { height: 0; border-top: 3px dashed var(--swatch); }
  .swatch.band { height: 10px; background: var(--swatch); opacity: 0.4; border-radius: 5px; }
  /* The browser's own print: the legend stays, the controls go. */
  @media print {
    .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .plan-picker, .views, fieldset.layers { display: none !important; }
  }
`;
