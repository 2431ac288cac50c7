import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftError, DraftStore, draftKey, requestPersistence, type DraftListEntry, type DraftMeta } from '../../io/drafts.js';
import type { PlanChange, PlanStore } from '../../state/store.js';
import type { Plan } from '../../types/plan.js';

/** The name of the channel on which the tabs of one origin tell each other of saved and deleted drafts. */
export const DRAFT_CHANNEL = 'belt-map-drafts';

/** What one tab tells the others. */
export type DraftMessage = { type: 'saved'; key: string; tabId: string; revision: number; draft: DraftMeta } | { type: 'deleted'; key: string; tabId: string };

/**
 * What the drafts notice says.
 * - `restored`: the plan's draft was restored on load (Discard goes back to the package);
 * - `conflict`: another tab saved a newer draft of this plan (`draft`, theirs); autosave waits for Load theirs / Keep mine;
 * - `invalid`: the stored draft cannot be read (`error`); it is kept, autosave waits until it is discarded;
 * - `unavailable`: the browser's storage failed (`message`, the browser's): nothing is saved, the plan stays on screen;
 * - `untracked`: the plan is a package opened from a file (`file`): it has no source to keep a draft for.
 */
export type DraftNotice =
  | { kind: 'restored'; draft: DraftMeta }
  | { kind: 'conflict'; draft: DraftMeta }
  | { kind: 'invalid'; draft: Partial<DraftMeta> & { key: string }; error: { en: string; zh: string } }
  | { kind: 'unavailable'; message: string }
  | { kind: 'untracked'; file: string };

export interface DraftControllerConfig {
  /** The host's plan store (null before the first plan). */
  store: () => PlanStore | null;
  /** Shows another plan source (the drafts list's Open): the host sets its `src` to it. */
  open: (src: string) => void;
  /**
   * Runs the controller's own changes of the plan (restore, discard, load theirs): the host drops what it
   * made for the plan before and marks the change as made by code (no `belt-change`). @defaultValue runs it
   */
  change?: (act: () => void) => void;
  /** Where drafts are kept. @defaultValue a {@link DraftStore} on IndexedDB */
  drafts?: DraftStore;
  /** Wait after the last edit before saving, ms. @defaultValue 400 */
  debounceMs?: number;
  /** The channel between tabs (null: none). @defaultValue `new BroadcastChannel('belt-map-drafts')` where there is one */
  channel?: () => BroadcastChannel | null;
}

/** The labels of the edits the controller makes (the undo button says them). */
export const DRAFT_EDITS = {
  restore: { en: 'restore draft', zh: '恢复草稿' },
  discard: { en: 'discard draft', zh: '放弃草稿' },
  loadTheirs: { en: 'load the draft of another tab', zh: '载入另一标签页的草稿' },
} as const;

/**
 * Autosave of a plan's draft for a host (`<belt-map>`), per plan source (src/io/drafts.ts):
 *
 * - after a plan arrives from `src` ({@link loaded}), a draft of it is restored as ONE edit (undo goes
 *   back to the package), with a `restored` notice; Discard deletes the draft and returns to the package;
 * - user edits (dispatch, apply, undo, redo — never a replaced plan) are saved ~400 ms after the last
 *   one and when the page is hidden; back at the unedited package, the draft is deleted;
 * - the first save asks for persistent storage;
 * - tabs tell each other of saves (BroadcastChannel `belt-map-drafts`), and every save checks the
 *   stored revision: another tab's newer draft is never overwritten unasked — a `conflict` notice,
 *   and no autosave until Load theirs or Keep mine;
 * - {@link list} is every stored draft, for Open and Delete.
 *
 * The bundled package is never written; a plan opened from a package file ({@link untrack}) has no
 * draft.
 */
export class DraftController implements ReactiveController {
  /** What the notice says; null for none. */
  notice: DraftNotice | null = null;
  /** Every stored draft, newest first. */
  list: DraftListEntry[] = [];
  /** The key of the plan shown ({@link draftKey} of its source); null when its changes are not kept. */
  key: string | null = null;
  /** Whether the browser granted persistent storage (null until asked). */
  persisted: boolean | null = null;
  /** This tab (this element in this page). */
  readonly tabId = newTabId();

  readonly #drafts: DraftStore;
  readonly #debounceMs: number;
  /** The plan as loaded from the source: at it, there is no draft. */
  #base: Plan | null = null;
  /** The revision of this key this tab last saw (restored, saved or loaded). */
  #seen = 0;
  #edits = 0;
  /** Autosave waits for the user (a conflict, an unreadable draft). */
  #suspended = false;
  /** The controller's own change of the plan is under way: not an edit to save. */
  #quiet = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Saves and deletions run one after another, in order. */
  #queue: Promise<void> = Promise.resolve();
  #askedPersistence = false;
  #subscribed: { store: PlanStore; off: () => void } | null = null;
  #channel: BroadcastChannel | null = null;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: DraftControllerConfig,
  ) {
    this.#drafts = config.drafts ?? new DraftStore();
    this.#debounceMs = config.debounceMs ?? 400;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    const make = this.config.channel ?? (() => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(DRAFT_CHANNEL) : null));
    this.#channel = make();
    this.#channel?.addEventListener('message', this.#onMessage);
    globalThis.addEventListener?.('pagehide', this.#flushNow);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisibility);
    this.#subscribe();
    void this.refreshList();
  }

  hostDisconnected(): void {
    this.#flushNow();
    this.#connected = false;
    this.#channel?.removeEventListener('message', this.#onMessage);
    this.#channel?.close();
    this.#channel = null;
    globalThis.removeEventListener?.('pagehide', this.#flushNow);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#subscribed?.off();
    this.#subscribed = null;
  }

  /**
   * A plan has arrived from `src` and is the store's (replaced, history empty): from now on its edits
   * are kept under `src`'s key. A draft of it is restored as one edit. Resolves when that is done.
   */
  async loaded(src: string): Promise<void> {
    const store = this.config.store();
    if (!store) return;
    this.#subscribe();
    this.#cancelTimer();
    const key = (this.key = draftKey(src));
    const base = (this.#base = store.plan);
    this.#seen = 0;
    this.#edits = 0;
    this.#suspended = false;
    this.#setNotice(this.notice?.kind === 'unavailable' ? this.notice : null);
    try {
      const found = await this.#drafts.loadDraft(key);
      // Another plan came meanwhile, or the user has edited this one: theirs wins.
      if (this.key !== key || this.#base !== base || store.plan !== base || !found) return;
      this.#seen = found.draft.revision;
      this.#edits = found.draft.editCount ?? 1;
      this.#change(() => store.apply(found.plan, DRAFT_EDITS.restore));
      this.#setNotice({ kind: 'restored', draft: found.draft });
    } catch (error) {
      if (this.key !== key) return;
      this.#fail(error);
    } finally {
      void this.refreshList();
    }
  }

  /** The plan shown is a package opened from the file `file`: it has no source, and its changes are not kept. */
  untrack(file: string): void {
    this.#cancelTimer();
    this.key = null;
    this.#base = null;
    this.#suspended = false;
    this.#setNotice({ kind: 'untracked', file });
  }

  /**
   * Deletes the draft of the plan shown and goes back to the plan as loaded (one edit, so undo brings
   * the draft back — and saves it again). For an unreadable draft: deletes it and autosave resumes
   * (the plan on screen stays, and is saved when it is not the loaded one).
   */
  async discard(): Promise<void> {
    const store = this.config.store();
    const key = this.key;
    if (!store || !key) return;
    const unreadable = this.notice?.kind === 'invalid';
    this.#cancelTimer();
    this.#suspended = false;
    this.#setNotice(null);
    if (unreadable) {
      await this.#enqueue(() => this.#delete(key));
      if (store.plan !== this.#base) await this.#enqueue(() => this.#save({ force: false }));
      return;
    }
    if (this.#base && store.plan !== this.#base) {
      const base = this.#base;
      this.#change(() => store.apply(base, DRAFT_EDITS.discard));
    }
    await this.#enqueue(() => this.#delete(key));
  }

  /**
   * The user keeps this tab's plan over the other tab's newer draft: saved now, as a newer revision.
   * A tab without edits (the loaded plan) deletes nothing: its next edit is saved over theirs.
   */
  async keepMine(): Promise<void> {
    const store = this.config.store();
    if (this.notice?.kind !== 'conflict' || !this.key || !store) return;
    this.#seen = Math.max(this.#seen, this.notice.draft.revision);
    this.#suspended = false;
    this.#setNotice(null);
    this.#cancelTimer();
    if (store.plan !== this.#base) await this.#enqueue(() => this.#save({ force: true }));
  }

  /** The user takes the other tab's newer draft: restored as one edit (undo goes back to this tab's plan). */
  async loadTheirs(): Promise<void> {
    const store = this.config.store();
    const key = this.key;
    if (this.notice?.kind !== 'conflict' || !store || !key) return;
    this.#cancelTimer();
    try {
      const found = await this.#drafts.loadDraft(key);
      if (this.key !== key) return;
      this.#suspended = false;
      this.#setNotice(null);
      if (!found) return; // deleted meanwhile: this tab's plan stays, and is saved at its next edit
      this.#seen = found.draft.revision;
      this.#edits = found.draft.editCount ?? 1;
      this.#change(() => store.apply(found.plan, DRAFT_EDITS.loadTheirs));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Hides the notice (a restored draft stays restored). */
  dismiss(): void {
    if (this.notice?.kind === 'restored' || this.notice?.kind === 'untracked') this.#setNotice(null);
  }

  /** Shows the plan a listed draft is of (its source; the draft is restored when it loads). */
  open(key: string): void {
    if (key === this.key) return;
    this.config.open(key);
  }

  /** Deletes a listed draft. For the plan shown, its plan stays on screen (and its next edit is saved again). */
  async remove(key: string): Promise<void> {
    if (key === this.key) {
      this.#cancelTimer();
      if (this.notice?.kind === 'restored' || this.notice?.kind === 'invalid' || this.notice?.kind === 'conflict') {
        this.#suspended = false;
        this.#setNotice(null);
      }
    }
    await this.#enqueue(() => this.#delete(key));
  }

  /** Reads the list of stored drafts again. */
  async refreshList(): Promise<void> {
    try {
      this.list = await this.#drafts.listDrafts();
    } catch (error) {
      this.list = [];
      this.#fail(error);
    }
    this.host.requestUpdate();
  }

  /** Resolves when the saves and deletions asked for so far are done (a pending debounced save is made now). */
  async settled(): Promise<void> {
    this.#flushNow();
    await this.#queue;
  }

  #subscribe(): void {
    const store = this.config.store();
    if (!store || !this.#connected || this.#subscribed?.store === store) return;
    this.#subscribed?.off();
    this.#subscribed = { store, off: store.subscribe((plan, change) => this.#onChange(plan, change)) };
  }

  #onChange(plan: Plan, change: PlanChange): void {
    if (this.#quiet) return;
    if (change.type === 'replace') {
      // A plan from elsewhere: kept only once `loaded` says under which source.
      this.#cancelTimer();
      this.key = null;
      this.#base = null;
      return;
    }
    this.#edits += change.type === 'undo' ? -1 : 1;
    if (!this.key) return;
    if (plan === this.#base && this.notice?.kind === 'restored') this.#setNotice(null);
    if (this.#suspended) return;
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#enqueue(() => this.#flush());
    }, this.#debounceMs);
  }

  /** Saves the plan, or deletes the draft when the plan is the unedited package. */
  async #flush(): Promise<void> {
    const store = this.config.store();
    if (!store || !this.key || this.#suspended) return;
    if (store.plan === this.#base) {
      // Not over another tab's newer draft.
      const stored = await this.#drafts.draftMeta(this.key).catch(() => null);
      if (stored && stored.tabId !== this.tabId && stored.revision > this.#seen) return this.#conflict(stored);
      await this.#delete(this.key);
    } else await this.#save({ force: false });
  }

  async #save({ force }: { force: boolean }): Promise<void> {
    const store = this.config.store();
    const key = this.key;
    if (!store || !key) return;
    if (store.plan === this.#base) return this.#delete(key);
    try {
      const result = await this.#drafts.saveDraft(key, store.plan, { tabId: this.tabId, baseRevision: this.#seen, force, editCount: Math.max(this.#edits, 1) });
      if (!result.saved) return this.#conflict(result.conflict);
      if (this.key === key) this.#seen = result.draft.revision;
      if (this.notice?.kind === 'unavailable') this.#setNotice(null);
      this.#post({ type: 'saved', key, tabId: this.tabId, revision: result.draft.revision, draft: result.draft });
      if (!this.#askedPersistence) {
        this.#askedPersistence = true;
        void requestPersistence().then((p) => {
          this.persisted = p;
          this.host.requestUpdate();
        });
      }
    } catch (error) {
      this.#fail(error);
    }
    await this.refreshList();
  }

  async #delete(key: string): Promise<void> {
    try {
      await this.#drafts.deleteDraft(key);
      this.#post({ type: 'deleted', key, tabId: this.tabId });
    } catch (error) {
      this.#fail(error);
    }
    await this.refreshList();
  }

  #conflict(theirs: DraftMeta): void {
    this.#cancelTimer();
    this.#suspended = true;
    this.#setNotice({ kind: 'conflict', draft: theirs });
  }

  #onMessage = (e: MessageEvent<DraftMessage>): void => {
    const m = e.data;
    if (!m || typeof m !== 'object' || m.tabId === this.tabId) return;
    if (m.type === 'saved' && m.key === this.key && m.revision > this.#seen) this.#conflict(m.draft);
    void this.refreshList();
  };

  #onVisibility = (): void => {
    if (globalThis.document?.visibilityState === 'hidden') this.#flushNow();
  };

  /** A pending save is made now (the page is hidden or the element leaves it). */
  #flushNow = (): void => {
    if (!this.#timer) return;
    this.#cancelTimer();
    void this.#enqueue(() => this.#flush());
  };

  #enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(job, job);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #cancelTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Changes the plan without it counting as an edit to save (the draft already holds it). */
  #change(act: () => void): void {
    this.#quiet = true;
    try {
      (this.config.change ?? ((f: () => void) => f()))(act);
    } finally {
      this.#quiet = false;
    }
  }

  #post(message: DraftMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel: the other tabs still check the stored revision before they save.
    }
  }

  #fail(error: unknown): void {
    if (error instanceof DraftError) {
      this.#suspended = true;
      this.#setNotice({ kind: 'invalid', draft: error.draft, error: { en: error.message, zh: error.zh } });
    } else this.#setNotice({ kind: 'unavailable', message: String((error as Error)?.message ?? error) });
  }

  #setNotice(notice: DraftNotice | null): void {
    this.notice = notice;
    this.host.requestUpdate();
  }
}

function newTabId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
