import { DrawPanel } from './draw-panel.component.js';

export { DrawPanel };
export type { DrawPanelLine, DrawPanelState } from './draw-panel.component.js';

if (!customElements.get('belt-draw-panel')) customElements.define('belt-draw-panel', DrawPanel);

declare global {
  interface HTMLElementTagNameMap {
    'belt-draw-panel': DrawPanel;
  }
}
