import { LayerPanel } from './layer-panel.component.js';

export { LayerPanel };
export type { PlanEntry } from './layer-panel.component.js';

if (!customElements.get('belt-layer-panel')) customElements.define('belt-layer-panel', LayerPanel);

declare global {
  interface HTMLElementTagNameMap {
    'belt-layer-panel': LayerPanel;
  }
}
