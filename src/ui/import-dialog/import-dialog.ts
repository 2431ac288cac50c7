import { ImportDialog } from './import-dialog.component.js';

export { ImportDialog };

if (!customElements.get('belt-import-dialog')) customElements.define('belt-import-dialog', ImportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'belt-import-dialog': ImportDialog;
  }
}
