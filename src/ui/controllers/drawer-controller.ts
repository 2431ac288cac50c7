import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the drawer and its toggle are in the host's rendered tree. */
export interface DrawerControllerConfig {
  /** The header button that opens and closes the drawer (shown only in the narrow layout). */
  toggle: () => HTMLElement | null;
  /** The drawer: the sidebar, laid over the map in the narrow layout. */
  drawer: () => HTMLElement | null;
}

/** What can take the focus inside the drawer, in document order. */
const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * The narrow layout's drawer (the sidebar over the map, opened by the header's ☰ toggle), made
 * keyboard-proper: opening moves the focus to the drawer's first control; Escape inside it (or on the
 * toggle) closes it and gives the focus back to the toggle, as does a click on the map beside it;
 * while it is open over the map, {@link DrawerController.modal} is true and the host makes what lies
 * behind inert, so Tab does not wander under it. Whether the layout is narrow is the stylesheet's
 * call (its container query shows the toggle): read from the toggle whenever the element is resized,
 * and a drawer left open when the element widens closes.
 */
export class DrawerController implements ReactiveController {
  /** The drawer is open (in a wide layout the sidebar is beside the map whatever this says). */
  open = false;
  /** The layout is narrow: the sidebar is a drawer. */
  narrow = false;
  #observer: ResizeObserver | null = null;
  #observed: HTMLElement | null = null;
  /** Move the focus into the drawer after the next update (it has just opened). */
  #focusIn = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: DrawerControllerConfig,
  ) {
    host.addController(this);
  }

  /** The drawer lies open over the map: what is behind it should be inert. */
  get modal(): boolean {
    return this.open && this.narrow;
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.#onKeyDown);
    this.host.addEventListener('click', this.#onClick);
    this.#observer = new ResizeObserver(() => this.#measure());
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.#onKeyDown);
    this.host.removeEventListener('click', this.#onClick);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }

  hostUpdated(): void {
    // The drawer's parent is the element's body, which the container query sizes with the element.
    const body = this.config.drawer()?.parentElement ?? null;
    if (body !== this.#observed && this.#observer) {
      this.#observer.disconnect();
      if (body) this.#observer.observe(body);
      this.#observed = body;
    }
    if (this.#focusIn) {
      this.#focusIn = false;
      this.#focusFirst();
    }
  }

  toggle(): void {
    if (this.open) this.close();
    else this.show();
  }

  /** Opens the drawer; its first control gets the focus unless the caller focuses something in it (`focus: false`). */
  show({ focus = true }: { focus?: boolean } = {}): void {
    this.#measure();
    this.open = true;
    this.#focusIn = focus;
    this.host.requestUpdate();
  }

  /** Closes the drawer; the focus goes back to the toggle when it was inside the drawer (or `returnFocus`). */
  close(returnFocus = false): void {
    if (!this.open) return;
    const drawer = this.config.drawer();
    const inside = drawer !== null && drawer.contains(this.#activeElement());
    this.open = false;
    this.host.requestUpdate();
    if (inside || returnFocus) void this.host.updateComplete.then(() => this.config.toggle()?.focus());
  }

  #measure(): void {
    const toggle = this.config.toggle();
    const narrow = toggle !== null && getComputedStyle(toggle).display !== 'none';
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    // Widened with the drawer open: the sidebar is beside the map again, nothing stays inert.
    if (!narrow) this.open = false;
    this.host.requestUpdate();
  }

  #focusFirst(): void {
    const drawer = this.config.drawer();
    if (!drawer || !this.modal) return;
    const first = [...drawer.querySelectorAll<HTMLElement>(FOCUSABLE)].find((e) => !(e as HTMLButtonElement).disabled && e.checkVisibility());
    if (first) first.focus();
    else {
      drawer.tabIndex = -1;
      drawer.focus();
    }
  }

  /** The focused element inside the host's shadow root (or the host's light DOM). */
  #activeElement(): Element | null {
    return this.host.shadowRoot?.activeElement ?? document.activeElement;
  }

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.modal || e.defaultPrevented) return;
    const path = e.composedPath();
    const drawer = this.config.drawer();
    const toggle = this.config.toggle();
    if (!(drawer && path.includes(drawer)) && !(toggle && path.includes(toggle))) return;
    e.preventDefault();
    this.close(true);
  };

  /** A click beside the open drawer lands on the element's body (the map behind it is inert): it closes the drawer. */
  #onClick = (e: MouseEvent): void => {
    if (!this.modal) return;
    const body = this.config.drawer()?.parentElement;
    if (body && e.composedPath()[0] === body) this.close(true);
  };
}
