import { css } from 'lit';

/** Adopted by `<belt-map>`'s shadow root, where the list renders (a flex item of the frame). */
export const styles = css`
  belt-feature-list { display: contents; }
  .list { border-top: 1px solid #e3ddd0; font-size: 13px; }
  .list-toggle { margin: 4px 10px; align-self: flex-start; }
  .list.open { display: flex; flex-direction: column; max-height: 45%; min-height: 180px; }
  [role='tablist'] { display: flex; gap: 4px; padding: 0 10px; overflow-x: auto; scrollbar-width: thin; }
  [role='tablist'] [role='tab'] { flex: none; white-space: nowrap; }
  [role='tab'][aria-selected='true'] { background: var(--accent); color: #fff; border-color: var(--accent); }
  .list-controls { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; padding: 4px 10px; }
  .table-wrap { overflow: auto; padding: 0 10px 6px; flex: 1; }
  .table-wrap table { border-collapse: collapse; width: 100%; }
  .table-wrap th, .table-wrap td { text-align: start; padding: 2px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
  .table-wrap thead th { position: sticky; top: 0; background: #faf8f4; }
  /* No column narrower than four CJK characters: a narrow element (a phone) scrolls the table
     sideways rather than wrapping its cells one character a line. */
  .table-wrap th, .table-wrap td { min-width: calc(4em + 12px); }
  .table-wrap ul { margin: 0; padding-left: 14px; }
  .count { margin: 2px 0; color: #555; }
  th button.sort { all: unset; cursor: pointer; font-weight: bold; white-space: nowrap; }
  th button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  .list-controls select { font: inherit; margin-left: 4px; max-width: 12em; }
  .table-bar { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 10px; }
  .table-download { display: inline-flex; gap: 4px; }
  .table-download button { font-size: 12px; padding: 0 6px; }
  .table-wrap h4 { margin: 10px 0 2px; font-size: 13px; }
  .table-wrap .series, .table-wrap .source { color: #666; font-size: 11px; }
  tr.unmet td:nth-child(5), tr.error td:first-child { color: #b71c1c; font-weight: bold; }
  tr.met td:nth-child(5) { color: #2e7d32; font-weight: bold; }
  tr.warning td:first-child { color: #8a5a00; }
  .decide { white-space: nowrap; }
  .year select { font: inherit; margin-left: 4px; }
  @media print {
    .list { display: none !important; }
  }
`;
