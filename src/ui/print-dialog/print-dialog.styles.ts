import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the dialog renders. */
export const styles = css`
  belt-print-dialog { display: contents; }
  dialog.print {
    max-width: min(1000px, 95vw); max-height: 92vh; overflow: auto; box-sizing: border-box;
    border: 1px solid #b9b2a5; border-radius: 4px; padding: 12px 16px; font: inherit; color: #222;
  }
  dialog.print::backdrop { background: rgba(0, 0, 0, 0.3); }
  dialog.print h3 { margin: 0 0 8px; font-size: 15px; }
  /* The fields and the preview side by side; stacked on a narrow screen (a phone). */
  .print-body { display: flex; flex-wrap: wrap; gap: 12px 16px; align-items: flex-start; }
  .print-fields { flex: 1 1 300px; min-width: 0; }
  figure.print-preview { flex: 1 1 280px; max-width: 440px; margin: 0; min-width: 0; }
  canvas.print-preview { display: block; width: 100%; height: auto; background: #fff; border: 1px solid #b9b2a5; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2); }
  canvas.print-preview[aria-busy='true'] { opacity: 0.6; }
  figure.print-preview figcaption { font-size: 12px; color: #555; margin-top: 4px; }
  .print-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 12px; }
  .print-grid label, .print-atlas label { display: flex; flex-direction: column; font-size: 12px; }
  .print-grid fieldset { border: none; padding: 0; margin: 0; font-size: 12px; }
  .print-grid fieldset label { flex-direction: row; gap: 4px; display: inline-flex; margin-right: 8px; }
  .print-grid input[type='text'], .print-grid input[type='number'], .print-grid select, .print-atlas select { font: inherit; min-width: 0; }
  .print-extent { margin-top: 8px; font-size: 12px; }
  .print-extent p { margin: 4px 0; }
  .print-note { color: #555; }
  .print-atlas { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: flex-end; border: 1px solid #d6d0c4; border-radius: 4px; margin: 10px 0 0; padding: 6px 10px 8px; }
  .print-atlas legend { font-size: 12px; padding: 0 4px; }
  .print-atlas label { flex: 1 1 160px; }
  .print-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
  .print progress { width: 100%; }
  /* Shown over the map while the printed extent is moved there (the dialog is closed meanwhile). */
  .print-move-bar {
    position: absolute; z-index: 6; bottom: 64px; left: 50%; transform: translateX(-50%);
    width: max-content; max-width: min(560px, calc(100% - 24px)); box-sizing: border-box;
    display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center;
    background: #fff; border: 1px solid #b71c1c; border-radius: 4px; padding: 6px 10px; font-size: 12px;
    box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
  }
  .print-move-bar p { margin: 0; flex: 1 1 100%; }
  .print-move-center { color: #555; }
  @media print {
    dialog, .print-move-bar { display: none !important; }
  }
`;
