import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the dialog renders. */
export const styles = css`
  belt-print-dialog { display: contents; }
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
  @media print {
    dialog { display: none !important; }
  }
`;
