import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the preview renders. */
export const styles = css`
  belt-accept-preview { display: contents; }
  /* Beside the map, not modal: the proposal's area on the map stays in sight. */
  dialog.accept-preview {
    position: absolute; z-index: 5; top: 8px; right: 8px; left: auto; margin: 0;
    width: min(420px, calc(100% - 16px)); max-height: calc(100% - 16px); overflow: auto;
    border: 1px solid #b9b2a5; border-radius: 4px; padding: 10px 14px; font: inherit; font-size: 13px; color: #222; background: #fff;
    box-shadow: 0 4px 18px rgba(0, 0, 0, 0.25);
  }
  dialog.accept-preview h3 { margin: 0 0 6px; font-size: 15px; }
  .accept-changes { margin: 6px 0; padding-left: 18px; }
  .accept-changes li { margin: 1px 0; }
  .accept-keeps { color: #555; }
  .accept-buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 8px; }
`;
