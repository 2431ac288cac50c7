import { DraftsPanel, formatDraftTime } from './drafts-panel.component.js';

export { DraftsPanel, formatDraftTime };

if (!customElements.get('belt-drafts-panel')) customElements.define('belt-drafts-panel', DraftsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'belt-drafts-panel': DraftsPanel;
  }
}
