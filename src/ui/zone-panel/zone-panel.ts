import { ZonePanel } from './zone-panel.component.js';

export { ZonePanel };

if (!customElements.get('belt-zone-panel')) customElements.define('belt-zone-panel', ZonePanel);

declare global {
  interface HTMLElementTagNameMap {
    'belt-zone-panel': ZonePanel;
  }
}
