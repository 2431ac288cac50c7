import { BeltMap } from './belt-map.component.js';

export { BeltMap };

if (!customElements.get('belt-map')) customElements.define('belt-map', BeltMap);

declare global {
  interface HTMLElementTagNameMap {
    'belt-map': BeltMap;
  }
}
