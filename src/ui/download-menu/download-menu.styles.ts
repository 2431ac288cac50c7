import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the menu renders. */
export const styles = css`
  belt-download-menu { display: contents; }
  dialog.download { width: min(520px, 95vw); border: 1px solid #b9b2a5; border-radius: 4px; padding: 12px 16px; font: inherit; color: #222; }
  dialog.download::backdrop { background: rgba(0, 0, 0, 0.3); }
  dialog.download h3 { margin: 0 0 4px; font-size: 15px; }
  .download-intro { margin: 0 0 8px; font-size: 12px; color: #555; }
  .download-formats { border: 1px solid #e3ddd0; border-radius: 3px; margin: 0 0 8px; padding: 4px 8px; }
  .download-formats legend { font-size: 12px; padding: 0 4px; }
  .download-format { display: grid; grid-template-columns: auto 1fr; column-gap: 6px; align-items: baseline; padding: 3px 0; cursor: pointer; }
  .download-format input { grid-row: span 2; margin: 0; }
  .download-label { font-weight: bold; font-size: 13px; }
  .download-hint { font-size: 12px; color: #555; }
  .download-crs { display: flex; flex-direction: column; gap: 2px; font-size: 12px; }
  .download-crs select { font: inherit; font-size: 13px; max-width: 100%; }
  .download-note { min-height: 1.4em; margin: 4px 0; font-size: 12px; color: #8a5a00; }
  .download-status { min-height: 1.4em; font-size: 12px; display: flex; align-items: center; gap: 6px; }
  .download-status progress { width: 120px; }
  .download-error { margin: 4px 0; padding: 2px 6px; background: #fde8e8; border: 1px solid #d32f2f; color: #8e1b1b; border-radius: 3px; font-size: 12px; }
  .download-actions { display: flex; gap: 6px; margin-top: 8px; }
  .download-submit { font-weight: bold; }
  @media print {
    dialog { display: none !important; }
  }
`;
