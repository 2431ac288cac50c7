import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the panel renders. */
export const styles = css`
  belt-drafts-panel { display: contents; }
  .draft-notice {
    display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px;
    margin: 0; padding: 4px 10px; font-size: 13px;
    background: #e8f1fb; border-bottom: 1px solid #9dbbe0;
  }
  .draft-notice.conflict, .draft-notice.invalid { background: #fff4d6; border-bottom-color: #e0b84c; }
  .draft-notice.unavailable { background: #fde8e8; border-bottom-color: #d32f2f; color: #8e1b1b; }
  .draft-notice .hint { color: #555; }
  .draft-notice.unavailable .hint { color: inherit; }
  .draft-notice .actions { display: inline-flex; gap: 4px; margin-left: auto; }
  .draft-notice button.close { border: none; background: none; padding: 0 4px; font-size: 16px; line-height: 1; }
  .drafts { margin-top: 8px; }
  .drafts summary { cursor: pointer; font-weight: bold; font-size: 13px; }
  .drafts p { margin: 4px 0; color: #555; font-size: 12px; }
  .drafts ul { list-style: none; margin: 4px 0; padding: 0; }
  .drafts li { padding: 3px 0; border-bottom: 1px dotted #e3ddd0; }
  .drafts .name { display: block; font-weight: bold; }
  .drafts .meta, .drafts .src { display: block; color: #555; font-size: 12px; overflow-wrap: anywhere; }
  .drafts .current { color: var(--accent); }
  .drafts .row-actions { display: flex; gap: 4px; margin-top: 2px; }
  @media print {
    .draft-notice, .drafts { display: none !important; }
  }
`;
