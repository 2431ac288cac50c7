import { ShareLink } from './share-link.component.js';

export { ShareLink };

if (!customElements.get('belt-share-link')) customElements.define('belt-share-link', ShareLink);

declare global {
  interface HTMLElementTagNameMap {
    'belt-share-link': ShareLink;
  }
}
