import { LitElement, type PropertyDeclarations } from 'lit';
import { normaliseLang, strings, type Lang, type Strings } from '../state/i18n.js';

/**
 * The base of `<belt-map>`'s panels. A panel renders into the shadow root it is placed in (the
 * host's) rather than one of its own: the host's styles (which adopt each panel's `x.styles.ts`)
 * reach it, its controls stay in one focus and accessibility scope with the map (the print dialog's
 * focus, the labelled regions), and the host's own tests and users can query it from
 * `belt-map.shadowRoot` as before. Panels are laid out with `display: contents`, so the host's grid
 * sees their sections directly.
 */
export class PanelElement extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { attribute: false },
  };

  /** The UI language (`zh-CN` or `en`), as the host normalised it. */
  declare lang: Lang;

  constructor() {
    super();
    this.lang = 'zh-CN';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected get t(): Strings {
    return strings(normaliseLang(this.lang));
  }
}
