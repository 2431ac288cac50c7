/**
 * Drafts: a user's edited plan kept in the browser (IndexedDB, through idb-keyval) per plan source,
 * so that a reload does not lose it. A draft holds the plan as its package files, written by
 * {@link writePlan}; it is read back through the same reader and validator as a package
 * ({@link readFiles} → {@link planFrom}), so a draft is exactly as trustworthy as a file. The bundled
 * package is never changed: a draft lives beside it.
 *
 * No DOM: the storage is a {@link DraftBacking}, by default idb-keyval's store `belt-map` / `drafts`;
 * Node tests pass a Map-backed one.
 */
import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import type { Bilingual, Plan } from '../types/plan.js';
import { PlanLoadError } from './planLoadError.js';
import { readFiles, writePlan, type PackageFiles } from './writePlan.js';

/** The `format` of a stored draft. */
export const DRAFT_FORMAT = 'belt-map-draft/1';

/** What a draft says about itself (everything but its files): what the drafts list shows. */
export interface DraftMeta {
  /** The plan source it is a draft of: the manifest's absolute URL ({@link draftKey}). */
  key: string;
  /** The plan's name when it was saved. */
  planName: Bilingual;
  /** When it was saved (ISO 8601). */
  savedAt: string;
  /** The tab (page instance) that saved it. */
  tabId: string;
  /** Counts up with each save of this key, in any tab: a higher one is newer. */
  revision: number;
  /** Edits since the package was loaded, when the saving tab knew it. */
  editCount?: number;
}

/** A stored draft: its {@link DraftMeta} and the plan as package files. */
export interface StoredDraft extends DraftMeta {
  format: typeof DRAFT_FORMAT;
  /** The plan's package files (`plan.json` and the GeoJSON it names), as {@link writePlan} writes them. */
  files: PackageFiles;
}

/**
 * Where drafts are kept: a key–value store of structured-cloneable values. idb-keyval's functions
 * bound to one store have this shape; a test passes a Map-backed one. `update`, when given, must run
 * the updater and the write atomically (idb-keyval does, in one IndexedDB transaction): two tabs
 * saving at once then cannot both pass the revision check.
 */
export interface DraftBacking {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  entries(): Promise<[IDBValidKey, unknown][]>;
  update?(key: string, updater: (old: unknown) => unknown): Promise<void>;
}

/** A draft that cannot be used: it could not be read or no longer validates. `message` is English, `zh` Chinese. It is kept. */
export class DraftError extends Error {
  override readonly name = 'DraftError';
  constructor(
    message: string,
    /** The same in Chinese. */
    readonly zh: string,
    /** What the draft says about itself, as far as it could be read. */
    readonly draft: Partial<DraftMeta> & { key: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Who saves, and against which revision they last saw. */
export interface SaveDraftOptions {
  /** The saving tab. */
  tabId: string;
  /**
   * The revision of this key this tab last saw (0 for none). A stored draft of a higher revision
   * saved by another tab is a conflict: it is not overwritten unless `force`.
   * @defaultValue 0
   */
  baseRevision?: number;
  /** Overwrite a newer draft of another tab (the user chose "keep mine"). @defaultValue false */
  force?: boolean;
  /** Edits since the package was loaded. */
  editCount?: number;
  /** The time of the save. @defaultValue now */
  now?: Date;
}

/** A save's outcome: saved with this meta, or not saved because another tab saved a newer draft (its meta). */
export type SaveDraftResult = { saved: true; draft: DraftMeta } | { saved: false; conflict: DraftMeta };

/** An entry of the drafts list: a draft's meta, or the key of a stored value that is not a draft. */
export type DraftListEntry = DraftMeta | { key: string; invalid: true };

/** A restored draft: the plan, read back and validated as a package, and its meta. */
export interface LoadedDraft {
  plan: Plan;
  draft: DraftMeta;
}

/**
 * The key of the drafts of a plan source: its URL made absolute against the page, so that `data/plan.json`
 * and `./data/plan.json` are one plan.
 *
 * @param src - a plan manifest's URL, as in the `src` attribute
 * @param base - the URL it is relative to (default: the page's)
 * @example
 * ```ts
 * draftKey('data/plan.json', 'https://example.org/map/'); // 'https://example.org/map/data/plan.json'
 * ```
 */
export function draftKey(src: string, base: string | URL | undefined = globalThis.location?.href): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

/** idb-keyval's functions on the store `belt-map` / `drafts`. Throws where there is no IndexedDB. */
export function idbBacking(dbName = 'belt-map', storeName = 'drafts'): DraftBacking {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    entries: () => entries(store),
    update: (key, updater) => update(key, updater, store),
  };
}

/**
 * The drafts of plans, in a {@link DraftBacking}.
 *
 * @example
 * ```ts
 * const drafts = new DraftStore(); // IndexedDB
 * const key = draftKey(el.src);
 * await drafts.saveDraft(key, plan, { tabId, baseRevision: 0 });
 * const restored = await drafts.loadDraft(key); // { plan, draft: { savedAt, revision, … } } or null
 * ```
 */
export class DraftStore {
  #backing: DraftBacking | null;
  readonly #open: () => DraftBacking;

  /**
   * @param backing - where drafts are kept; default IndexedDB ({@link idbBacking}), opened on first use so
   *   that a browser without it fails at the first call, with a message, and not when the element is made
   */
  constructor(backing?: DraftBacking) {
    this.#backing = backing ?? null;
    this.#open = () => (this.#backing ??= idbBacking());
  }

  /**
   * Saves `plan` as the draft of `key`, unless another tab saved a newer one since this tab last saw
   * it (`baseRevision`): then nothing is written and the newer draft's meta is returned. The new
   * revision is one more than both the stored one and `baseRevision`.
   *
   * @returns {@link SaveDraftResult}
   * @throws when the storage fails (no IndexedDB, quota): the message is the browser's
   */
  async saveDraft(key: string, plan: Plan, options: SaveDraftOptions): Promise<SaveDraftResult> {
    const { tabId, baseRevision = 0, force = false, editCount, now = new Date() } = options;
    if (typeof key !== 'string' || key === '') throw new TypeError('saveDraft: key must be a non-empty string');
    if (typeof tabId !== 'string' || tabId === '') throw new TypeError('saveDraft: tabId must be a non-empty string');
    // Written before the transaction: IndexedDB commits a transaction that waits on anything else.
    const files = writePlan(plan);
    const backing = this.#open();
    let result: SaveDraftResult | null = null;
    const updater = (old: unknown): unknown => {
      const stored = metaOf(old);
      if (stored && !force && stored.tabId !== tabId && stored.revision > baseRevision) {
        result = { saved: false, conflict: stored };
        return old;
      }
      const draft: DraftMeta = {
        key,
        planName: { zh: plan.manifest.name.zh, en: plan.manifest.name.en },
        savedAt: now.toISOString(),
        tabId,
        revision: Math.max(stored?.revision ?? 0, baseRevision) + 1,
        ...(editCount === undefined ? {} : { editCount }),
      };
      result = { saved: true, draft };
      return { format: DRAFT_FORMAT, ...draft, files } satisfies StoredDraft;
    };
    if (backing.update) await backing.update(key, updater);
    else {
      const next = updater(await backing.get(key));
      if (result!.saved) await backing.set(key, next);
    }
    return result!;
  }

  /**
   * The draft of `key`, read back through the package reader and validator; null when there is none.
   * A draft that cannot be read or no longer validates (a newer format, a damaged store) throws a
   * {@link DraftError} in both languages and is kept: only {@link deleteDraft} removes it.
   */
  async loadDraft(key: string): Promise<LoadedDraft | null> {
    const stored = await this.#open().get(key);
    if (stored === undefined) return null;
    const meta = metaOf(stored);
    const files = (stored as Partial<StoredDraft> | null)?.files;
    if (!meta || (stored as StoredDraft).format !== DRAFT_FORMAT || !files || typeof files !== 'object') {
      throw new DraftError(
        `The saved draft of ${key} is not a belt-map draft this version can read (format ${formatOf(stored, 'missing')}); it is kept`,
        `${key} 的已存草稿不是本版本能读取的 belt-map 草稿（格式 ${formatOf(stored, '缺失')}），草稿仍保留`,
        { ...(meta ?? {}), key },
      );
    }
    try {
      // The package reader and validator are loaded when a draft is read, not in the first load.
      const { planFrom } = await import('./loadPlan.js');
      return { plan: planFrom(readFiles(files)), draft: meta };
    } catch (error) {
      const e = error as Error;
      const zh = error instanceof PlanLoadError ? error.zh : e.message;
      throw new DraftError(`The saved draft of ${key} no longer reads as a plan: ${e.message}; it is kept`, `${key} 的已存草稿无法作为方案读取：${zh}；草稿仍保留`, meta, {
        cause: error,
      });
    }
  }

  /** What the stored draft of `key` says about itself (its files unread); null when there is none or it is not a draft. */
  async draftMeta(key: string): Promise<DraftMeta | null> {
    return metaOf(await this.#open().get(key));
  }

  /** What each stored draft says about itself, newest first. Entries that are not drafts are listed by key alone (so they can be deleted). */
  async listDrafts(): Promise<DraftListEntry[]> {
    const all = await this.#open().entries();
    const list: DraftListEntry[] = all.map(([key, value]) => metaOf(value) ?? { key: String(key), invalid: true as const });
    const time = (d: DraftListEntry) => ('savedAt' in d ? d.savedAt : '');
    return list.sort((a, b) => time(b).localeCompare(time(a)));
  }

  /** Removes the draft of `key` (nothing happens when there is none). */
  async deleteDraft(key: string): Promise<void> {
    await this.#open().del(key);
  }
}

/**
 * Asks the browser to keep this site's storage under storage pressure (`navigator.storage.persist()`),
 * once it is not already granted. Resolves false where the API is missing or the browser declines.
 *
 * @returns whether the storage is persistent now
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

/** A stored value's meta, when it has one (key, name, time, tab, revision); null otherwise. */
function metaOf(value: unknown): DraftMeta | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Partial<StoredDraft>;
  const name = v.planName;
  if (typeof v.key !== 'string' || typeof v.savedAt !== 'string' || typeof v.tabId !== 'string' || typeof v.revision !== 'number') return null;
  if (!name || typeof name.zh !== 'string' || typeof name.en !== 'string') return null;
  return {
    key: v.key,
    planName: { zh: name.zh, en: name.en },
    savedAt: v.savedAt,
    tabId: v.tabId,
    revision: v.revision,
    ...(typeof v.editCount === 'number' ? { editCount: v.editCount } : {}),
  };
}

/** A stored value's `format`, for a message. */
function formatOf(value: unknown, missing: string): string {
  const x = (value as { format?: unknown } | null)?.format;
  return typeof x === 'string' ? `"${x}"` : x === undefined ? missing : typeof x;
}
