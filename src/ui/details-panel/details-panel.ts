import { DetailsPanel } from './details-panel.component.js';

export { DetailsPanel };
export { detailsTemplate } from './details-panel.component.js';

if (!customElements.get('belt-details-panel')) customElements.define('belt-details-panel', DetailsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'belt-details-panel': DetailsPanel;
  }
}
