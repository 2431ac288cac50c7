import { PrintDialog } from './print-dialog.component.js';

export { PrintDialog };
export type { ExportKind, PrintForm } from './print-form.js';

if (!customElements.get('belt-print-dialog')) customElements.define('belt-print-dialog', PrintDialog);

declare global {
  interface HTMLElementTagNameMap {
    'belt-print-dialog': PrintDialog;
  }
}
