import { html, nothing, type PropertyValues } from 'lit';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';

/**
 * The "copy link" button of a `<belt-map url-state>`: pressing it asks the host to copy a link to
 * the view. When the clipboard cannot be written, the host hands the link back (`manual`) and it is
 * shown in a read-only field, selected, for copying by hand.
 *
 * @summary Copy a link to the current view.
 *
 * @event belt-share-copy - The button was pressed.
 * @event belt-share-close - The field with the link was dismissed.
 */
export class ShareLink extends PanelElement {
  static override properties = {
    manual: { attribute: false },
  };

  /** The link to copy by hand (null: none shown). */
  declare manual: string | null;

  constructor() {
    super();
    this.manual = null;
  }

  override render() {
    const t = this.t.share;
    return html`
      <button type="button" class="share-copy" title=${t.buttonTitle} @click=${() => emit(this, 'belt-share-copy', {})}>${t.button}</button>
      ${this.manual === null
        ? nothing
        : html`<div class="share-manual" role="group" aria-label=${t.field} @keydown=${this.#onKeyDown}>
            <p class="row">${t.manual}</p>
            <input type="text" readonly .value=${this.manual} aria-label=${t.field} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            <div class="row"><span></span><button type="button" class="share-close" @click=${() => emit(this, 'belt-share-close', {})}>${t.close}</button></div>
          </div>`}
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new link to copy by hand: focused and selected, so Ctrl+C copies it.
    if (changed.has('manual') && this.manual !== null) {
      const input = this.querySelector<HTMLInputElement>('.share-manual input');
      input?.focus();
      input?.select();
    } else if (changed.get('manual')) {
      // Dismissed: the focus goes back to the button it came from.
      this.querySelector<HTMLButtonElement>('.share-copy')?.focus();
    }
  }

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    emit(this, 'belt-share-close', {});
  };
}
