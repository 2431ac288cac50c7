import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MapView } from '../../map/view.js';
import { lookup } from '../../plan/lookup.js';
import { derivedGeometry } from '../../state/derive.js';
import type { Lang } from '../../state/i18n.js';
import type { Plan } from '../../types/plan.js';
import type { Selection } from '../panel-events.js';
import { selectionById } from '../plan-text.js';
import { checkState, hrefWithState, ownParts, readHash, writeHash, type UrlState } from '../../state/urlState.js';

/** Wait after the last change before the hash is written (a slider drag writes once). */
const WRITE_DELAY_MS = 250;

/** What the controller needs of its host (`<belt-map>`). */
export interface UrlStateControllerConfig {
  /** The `url-state` attribute is set: only then is the hash read or written. */
  enabled: () => boolean;
  /** The element's id (its keys' namespace; '' for none). */
  elementId: () => string;
  plan: () => Plan | null;
  view: () => MapView | null;
  /** Resolves after the current plan's first complete render. */
  whenReady: () => Promise<void>;
  /** The host's state now, except the camera: layers, zones, selection, year, and the plan (when the element offers several). */
  read: () => Omit<UrlState, 'camera' | 'bounds'>;
  /**
   * Applies a link's state, checked against the plan: layers, zones, selection and year; what the
   * link does not say goes back to the element's default (all of `layers`, no zones, no selection,
   * every year). The camera is the controller's.
   */
  apply: (state: UrlState) => void;
  /** Switches to the plan of this id in the plans list; false when the list has no such plan or it is the one shown. */
  choosePlan: (id: string) => boolean;
  /** Says something in the element's live region. */
  announce: (text: string) => void;
  /** What is announced, in the element's language. */
  strings: () => { copied: string; manual: string };
}

/**
 * Keeps a `<belt-map url-state>`'s view in the page's location hash (see `src/state/urlState.ts` for
 * the format): once the plan is ready the hash's state is applied (a plan named in it is chosen
 * before the first plan loads), every later change is written with `history.replaceState` (no
 * history entry per pan), a little after the map stops moving, and a hash edited or pasted in the
 * same page (`hashchange`) is applied. Without the attribute it never reads or writes the hash.
 * `copyLink()` copies the page's URL with the state.
 */
export class UrlStateController implements ReactiveController {
  /** The link to copy by hand after the clipboard refused it (null: none). */
  manual: string | null = null;

  #active = false;
  /** Writes start once the link's state is applied (so a half-loaded element never overwrites the link). */
  #writable = false;
  /** The first plan load waits while the link names a plan and the plans list is not known yet. */
  #holding = false;
  #plansKnown = false;
  #plansLoaded: (() => void) | null = null;
  /** Each application of a state; a newer one supersedes an older one still waiting for its plan. */
  #run = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The element's parts of the hash as it last wrote or read them. When the hash's differ, someone
   * else changed them and their hashchange is on its way: no write may overwrite that link first.
   */
  #own = '';
  #boundView: MapView | null = null;
  #offMove: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: UrlStateControllerConfig,
  ) {
    host.addController(this);
  }

  /** The host must not load its first plan yet: the link names a plan and the plans list is still loading. */
  get holdsLoad(): boolean {
    return this.#holding;
  }

  /** The host's plans list has been read (or could not be): a plan the link names can be chosen. */
  plansLoaded(): void {
    this.#plansKnown = true;
    this.#plansLoaded?.();
    this.#plansLoaded = null;
  }

  hostUpdate(): void {
    const enabled = this.config.enabled();
    if (enabled && !this.#active) this.#activate();
    else if (!enabled && this.#active) this.#deactivate();
  }

  hostUpdated(): void {
    if (!this.#active) return;
    const view = this.config.view();
    if (view !== this.#boundView) {
      this.#offMove?.();
      this.#boundView = view;
      this.#offMove = view ? view.onMoveEnd(() => this.#schedule()) : null;
    }
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#deactivate();
  }

  /** Call when something the hash keeps changed without an update of the host (the statistics' year). */
  changed(): void {
    if (this.#active) this.#schedule();
  }

  /**
   * Copies the page's URL with the current state to the clipboard and announces it; when the
   * clipboard is unavailable or refuses, the link is offered for copying by hand (`manual`).
   */
  async copyLink(): Promise<void> {
    const state = this.#state();
    if (!state) return;
    this.#write();
    const href = hrefWithState(location.href, state, this.config.elementId());
    const t = this.config.strings();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      this.manual = null;
      this.config.announce(t.copied);
    } catch {
      this.manual = href;
      this.config.announce(t.manual);
    }
    this.host.requestUpdate();
  }

  /** Dismisses the link offered for copying by hand. */
  closeManual(): void {
    this.manual = null;
    this.host.requestUpdate();
  }

  #activate(): void {
    this.#active = true;
    this.#writable = false;
    window.addEventListener('hashchange', this.#onHashChange);
    this.#own = ownParts(location.hash, this.config.elementId());
    const state = readHash(location.hash, this.config.elementId());
    // Before the first plan loads, a plan the link names is loaded instead of the default one.
    if (state?.plan && !this.config.plan() && !this.#plansKnown) this.#holding = true;
    void this.#apply(state);
  }

  #deactivate(): void {
    this.#active = false;
    this.#writable = false;
    this.#run++;
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#offMove?.();
    this.#offMove = null;
    this.#boundView = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#holding) {
      this.#holding = false;
      this.host.requestUpdate();
    }
  }

  /** A hash edited or pasted in this page: applied when it has this element's keys. */
  #onHashChange = (): void => {
    const id = this.config.elementId();
    this.#own = ownParts(location.hash, id);
    const state = readHash(location.hash, id);
    // Without the element's keys (the page changed only its own part, or dropped ours), the view stays; the next change writes it again.
    if (state) void this.#apply(state);
  };

  /** Applies a link's state (null: none, only writes start) once its plan is ready. */
  async #apply(state: UrlState | null): Promise<void> {
    const run = ++this.#run;
    this.#writable = false;
    if (state?.plan) {
      if (!this.#plansKnown) await new Promise<void>((resolve) => (this.#plansLoaded = resolve));
      if (run !== this.#run) return;
      const switching = this.config.choosePlan(state.plan);
      if (this.#holding) {
        this.#holding = false;
        this.host.requestUpdate();
      }
      // The new plan's load starts in the host's update; its whenReady is the one to wait for.
      if (switching) await this.host.updateComplete;
    }
    await this.config.whenReady();
    const plan = this.config.plan();
    if (run !== this.#run || !plan) return;
    if (state) {
      const { state: checked, warnings } = checkState(state, plan);
      for (const w of warnings) console.warn(`<belt-map url-state>: ${w}; ignored`);
      this.config.apply(checked);
      const view = this.config.view();
      if (checked.camera) view?.jumpTo(checked.camera);
      else if (checked.bounds) view?.fitBounds(checked.bounds, false);
    }
    await this.host.updateComplete;
    if (run !== this.#run) return;
    this.#writable = true;
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#writable) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#write();
    }, WRITE_DELAY_MS);
  }

  /** The state now, camera included; null before there is a map and a plan. */
  #state(): UrlState | null {
    const view = this.config.view();
    if (!view || !this.config.plan()) return null;
    return { camera: view.camera(), ...this.config.read() };
  }

  /** Writes the state into the hash, in place (replaceState: no history entry), when it changed. */
  #write(): void {
    if (!this.#writable || !this.config.enabled()) return;
    const state = this.#state();
    if (!state) return;
    const id = this.config.elementId();
    // Someone else set the element's keys (a pasted link) and hashchange has not come yet: it applies them first.
    if (ownParts(location.hash, id) !== this.#own) return;
    const next = writeHash(location.hash, state, id);
    if (next !== location.hash) history.replaceState(history.state, '', next || `${location.pathname}${location.search}`);
    this.#own = ownParts(location.hash, id);
  }
}

/** The hash's name of a selection: its layer and id (a village's code); null for none. */
export function selectionKey(sel: Selection | null): UrlState['selection'] | undefined {
  if (!sel) return undefined;
  const layer = sel.layer;
  if (layer === 'boundaries') return undefined;
  const id = layer === 'villages' ? sel.properties['code'] : sel.properties['id'];
  return id === undefined || id === null || id === '' ? undefined : { layer, id: String(id) };
}

/**
 * The selection a link names, as picking it in the feature list would make it: a village's or
 * cluster's details (`selectionById`), a line's properties at its first vertex, a belt's at its first
 * core; null when the plan draws no such feature.
 */
export function selectionFor(plan: Plan, lang: Lang, { layer, id }: NonNullable<UrlState['selection']>): Selection | null {
  if (layer === 'villages' || layer === 'clusters') return selectionById(plan, lang, layer, id);
  if (layer === 'belt') {
    const belt = derivedGeometry(plan).belts.features.find((f) => f.properties.id === id);
    const first = belt?.geometry.coordinates[0];
    return belt && first ? { layer, properties: { ...belt.properties }, lngLat: [first[0]!, first[1]!] } : null;
  }
  const line = lookup(plan).lineById.get(id);
  if (!line) return null;
  const g = line.feature.geometry;
  const first = g.type === 'LineString' ? g.coordinates[0] : g.coordinates[0]?.[0];
  return { layer, properties: { ...line.feature.properties }, lngLat: first ? [first[0]!, first[1]!] : null };
}
