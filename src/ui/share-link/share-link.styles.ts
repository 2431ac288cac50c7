import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the element renders. */
export const styles = css`
  belt-share-link { display: inline-block; position: relative; }
  .share-manual {
    position: absolute; z-index: 5; top: calc(100% + 4px); right: 0; width: min(420px, 80vw);
    display: flex; flex-direction: column; gap: 4px; padding: 6px 8px;
    background: #fff; border: 1px solid #b9b2a5; border-radius: 3px; box-shadow: 0 2px 6px rgb(0 0 0 / 0.15);
  }
  .share-manual p { margin: 0; }
  .share-manual input { font: inherit; font-size: 12px; width: 100%; }
  .share-manual .row { display: flex; gap: 6px; align-items: center; justify-content: space-between; }
  @media print { belt-share-link { display: none !important; } }
`;
