import { AcceptPreview } from './accept-preview.component.js';

export { AcceptPreview };

if (!customElements.get('belt-accept-preview')) customElements.define('belt-accept-preview', AcceptPreview);

declare global {
  interface HTMLElementTagNameMap {
    'belt-accept-preview': AcceptPreview;
  }
}
