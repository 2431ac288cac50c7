import { DownloadMenu } from './download-menu.component.js';

export { DownloadMenu };

if (!customElements.get('belt-download-menu')) customElements.define('belt-download-menu', DownloadMenu);

declare global {
  interface HTMLElementTagNameMap {
    'belt-download-menu': DownloadMenu;
  }
}
