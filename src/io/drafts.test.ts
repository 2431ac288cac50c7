/**
 * The drafts store on a Map-backed fake of IndexedDB (values structured-cloned on the way in and
 * out, as IndexedDB does): the bundled plan, edited, comes back equal through the package reader;
 * revisions, the other tab's newer draft, the list, delete, and damaged drafts that are reported and
 * kept. Every test makes its own store.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyCommand } from '../plan/commands';
import type { Plan } from '../types/plan';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import { DRAFT_FORMAT, DraftError, DraftStore, draftKey, requestPersistence, type DraftBacking } from './drafts';

const KEY = 'https://example.org/map/data/plan.json';

/** A backing on a Map; `atomic` gives it `update` (as idb-keyval has), else the store reads then writes. */
function memoryBacking(atomic = true): DraftBacking & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  const backing: DraftBacking & { map: Map<string, unknown> } = {
    map,
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    entries: async () => [...map].map(([k, v]) => [k, structuredClone(v)] as [string, unknown]),
  };
  if (atomic) backing.update = async (key, updater) => void map.set(key, structuredClone(updater(structuredClone(map.get(key)))));
  return backing;
}

/** `plan` with the year of its `nth` village of a role that has years changed (a user's edit). */
function withYearEdited(plan: Plan, nth = 0, year = 2026): Plan {
  const none = new Set(plan.manifest.roles.filter((r) => r.kind === 'none').map((r) => r.id));
  const village = plan.villages.features.filter((f) => !none.has(f.properties.role) && f.properties.year !== year)[nth]!;
  return applyCommand(plan, { type: 'set-village-year', code: village.properties.code, year });
}

/** The bundled plan with one village's year changed. */
function editedPlan(): Plan {
  return withYearEdited(loadBundledPlan());
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DraftStore', () => {
  it.each([true, false])('round trip (atomic update: %s): the restored plan equals the saved one — villages, clusters, lines, belts, targets', async (atomic) => {
    const plan = editedPlan();
    const drafts = new DraftStore(memoryBacking(atomic));
    const saved = await drafts.saveDraft(KEY, plan, { tabId: 'tab-a', editCount: 1, now: new Date('2026-12-02T08:30:00Z') });
    expect(saved).toEqual({
      saved: true,
      draft: { key: KEY, planName: plan.manifest.name, savedAt: '2026-12-02T08:30:00.000Z', tabId: 'tab-a', revision: 1, editCount: 1 },
    });
    const loaded = await drafts.loadDraft(KEY);
    expect(loaded!.draft).toEqual(saved.saved && saved.draft);
    const back = loaded!.plan;
    expect(back).not.toBe(plan);
    expect(back.villages).toEqual(plan.villages);
    expect(back.clusters).toEqual(plan.clusters);
    expect(back.corridors).toEqual(plan.corridors);
    expect(back.cultureBelts).toEqual(plan.cultureBelts);
    expect(back.belts).toEqual(plan.belts);
    expect(back.targets).toEqual(plan.targets);
    expect(back).toEqual(plan);
    // The edit is in it (not the bundled plan again).
    expect(back).not.toEqual(loadBundledPlan());
  });

  it('stores the plan as package files with the format and meta', async () => {
    const backing = memoryBacking();
    await new DraftStore(backing).saveDraft(KEY, editedPlan(), { tabId: 'tab-a' });
    const stored = backing.map.get(KEY) as Record<string, unknown> & { files: Record<string, string> };
    expect(stored.format).toBe(DRAFT_FORMAT);
    expect(Object.keys(stored.files).sort()).toEqual(
      ['plan.json', ...Object.values(loadBundledPlan().manifest.files)].sort(),
    );
    expect(JSON.parse(stored.files['plan.json']!).format).toBe(loadBundledPlan().manifest.format);
    expect(stored).not.toHaveProperty('editCount');
  });

  it('null for a key without a draft', async () => {
    await expect(new DraftStore(memoryBacking()).loadDraft(KEY)).resolves.toBeNull();
  });

  it('each save is one revision more than the stored one and the one the tab last saw', async () => {
    const drafts = new DraftStore(memoryBacking());
    const plan = editedPlan();
    const r = async (baseRevision: number) => {
      const out = await drafts.saveDraft(KEY, plan, { tabId: 'tab-a', baseRevision });
      return out.saved ? out.draft.revision : null;
    };
    expect(await r(0)).toBe(1);
    expect(await r(1)).toBe(2);
    // The same tab's own newer draft is no conflict.
    expect(await r(0)).toBe(3);
    // A tab that saw a higher revision (of a deleted draft) goes beyond it.
    await drafts.deleteDraft(KEY);
    expect(await r(7)).toBe(8);
  });

  it.each([true, false])("another tab's newer draft is not overwritten (atomic update: %s): the save reports it and writes nothing; force overwrites", async (atomic) => {
    const backing = memoryBacking(atomic);
    const drafts = new DraftStore(backing);
    const theirs = editedPlan();
    const mine = withYearEdited(theirs, 1);
    expect(mine).not.toEqual(theirs);
    await drafts.saveDraft(KEY, theirs, { tabId: 'tab-a', now: new Date('2026-12-02T09:00:00Z') });
    const before = structuredClone(backing.map.get(KEY));

    const clash = await drafts.saveDraft(KEY, mine, { tabId: 'tab-b', baseRevision: 0 });
    expect(clash).toEqual({ saved: false, conflict: expect.objectContaining({ tabId: 'tab-a', revision: 1, savedAt: '2026-12-02T09:00:00.000Z' }) });
    expect(backing.map.get(KEY)).toEqual(before);
    expect((await drafts.loadDraft(KEY))!.plan).toEqual(theirs);

    // Having seen revision 1, tab B may save over it.
    const seen = await drafts.saveDraft(KEY, mine, { tabId: 'tab-b', baseRevision: 1 });
    expect(seen).toMatchObject({ saved: true, draft: { tabId: 'tab-b', revision: 2 } });
    // Tab A has not seen 2: its save is refused, unless it keeps its own.
    expect(await drafts.saveDraft(KEY, theirs, { tabId: 'tab-a', baseRevision: 1 })).toMatchObject({ saved: false, conflict: { tabId: 'tab-b', revision: 2 } });
    expect(await drafts.saveDraft(KEY, theirs, { tabId: 'tab-a', baseRevision: 1, force: true })).toMatchObject({ saved: true, draft: { tabId: 'tab-a', revision: 3 } });
    expect((await drafts.loadDraft(KEY))!.plan).toEqual(theirs);
  });

  it('lists drafts newest first without their files, and deletes one', async () => {
    const drafts = new DraftStore(memoryBacking());
    const plan = editedPlan();
    await drafts.saveDraft('https://example.org/a.json', plan, { tabId: 't', now: new Date('2026-12-01T00:00:00Z') });
    await drafts.saveDraft('https://example.org/b.json', plan, { tabId: 't', now: new Date('2026-12-02T00:00:00Z') });
    const list = await drafts.listDrafts();
    expect(list.map((d) => d.key)).toEqual(['https://example.org/b.json', 'https://example.org/a.json']);
    expect(list[0]).toEqual({ key: 'https://example.org/b.json', planName: plan.manifest.name, savedAt: '2026-12-02T00:00:00.000Z', tabId: 't', revision: 1 });
    expect(list[0]).not.toHaveProperty('files');
    await drafts.deleteDraft('https://example.org/b.json');
    expect((await drafts.listDrafts()).map((d) => d.key)).toEqual(['https://example.org/a.json']);
    await expect(drafts.loadDraft('https://example.org/b.json')).resolves.toBeNull();
    // Deleting what is not there changes nothing.
    await drafts.deleteDraft('https://example.org/b.json');
    expect(await drafts.listDrafts()).toHaveLength(1);
  });

  it('a draft that no longer validates is reported in both languages and kept', async () => {
    const backing = memoryBacking();
    const drafts = new DraftStore(backing);
    await drafts.saveDraft(KEY, editedPlan(), { tabId: 'tab-a', now: new Date('2026-12-02T10:00:00Z') });
    const stored = backing.map.get(KEY) as { files: Record<string, string> };
    const villages = Object.keys(stored.files).find((f) => f.endsWith('villages.geojson'))!;
    // A damaged villages file: a village without its code.
    const fc = JSON.parse(stored.files[villages]!);
    delete fc.features[0].properties.code;
    stored.files[villages] = JSON.stringify(fc);

    const error = await drafts.loadDraft(KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DraftError);
    const e = error as DraftError;
    expect(e.message).toMatch(/no longer reads as a plan: The plan package is not valid: .*; it is kept$/);
    expect(e.zh).toMatch(/^https:.*的已存草稿无法作为方案读取：规划数据包无效：.*；草稿仍保留$/);
    expect(e.draft).toMatchObject({ key: KEY, savedAt: '2026-12-02T10:00:00.000Z', revision: 1 });
    expect(backing.map.has(KEY)).toBe(true);
    expect((await drafts.listDrafts()).map((d) => d.key)).toEqual([KEY]);
  });

  it.each([
    ['truncated JSON', (s: { files: Record<string, string> }) => void (s.files['plan.json'] = s.files['plan.json']!.slice(0, 40))],
    ['a newer format', (s: { format: string }) => void (s.format = 'belt-map-draft/9')],
    ['no files', (s: { files?: unknown }) => void delete s.files],
  ] as const)('a damaged draft (%s) is a DraftError and is kept', async (_what, damage) => {
    const backing = memoryBacking();
    const drafts = new DraftStore(backing);
    await drafts.saveDraft(KEY, editedPlan(), { tabId: 'tab-a' });
    damage(backing.map.get(KEY) as never);
    const e = (await drafts.loadDraft(KEY).catch((x: unknown) => x)) as DraftError;
    expect(e).toBeInstanceOf(DraftError);
    expect(e.message).toMatch(/it is kept$/);
    expect(e.zh).toMatch(/草稿仍保留$/);
    expect(e.draft.key).toBe(KEY);
    expect(backing.map.has(KEY)).toBe(true);
  });

  it('lists an entry that is not a draft by its key, so that it can be deleted', async () => {
    const backing = memoryBacking();
    backing.map.set('junk', 42);
    const drafts = new DraftStore(backing);
    expect(await drafts.listDrafts()).toEqual([{ key: 'junk', invalid: true }]);
    await expect(drafts.loadDraft('junk')).rejects.toThrow(/not a belt-map draft this version can read \(format missing\)/);
    await drafts.deleteDraft('junk');
    expect(await drafts.listDrafts()).toEqual([]);
  });

  it('without IndexedDB (Node) the default store fails at its first call, with a message', async () => {
    const drafts = new DraftStore();
    await expect(drafts.listDrafts()).rejects.toThrow('IndexedDB is not available');
    await expect(drafts.saveDraft(KEY, editedPlan(), { tabId: 't' })).rejects.toThrow('IndexedDB is not available');
  });

  it('rejects a save without a key or tab', async () => {
    const drafts = new DraftStore(memoryBacking());
    await expect(drafts.saveDraft('', editedPlan(), { tabId: 't' })).rejects.toThrow(TypeError);
    await expect(drafts.saveDraft(KEY, editedPlan(), { tabId: '' })).rejects.toThrow(TypeError);
  });
});

describe('draftKey', () => {
  it('makes the source absolute, so that two spellings of one URL are one draft', () => {
    expect(draftKey('data/plan.json', 'https://example.org/map/')).toBe(KEY);
    expect(draftKey('./data/plan.json', 'https://example.org/map/index.html')).toBe(KEY);
    expect(draftKey('/other/plan.json', 'https://example.org/map/')).toBe('https://example.org/other/plan.json');
  });
});

describe('requestPersistence', () => {
  it('asks for persistent storage when it is not granted yet', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
    await expect(requestPersistence()).resolves.toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('does not ask again when already persistent', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    await expect(requestPersistence()).resolves.toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('false when the browser declines, fails or has no storage API', async () => {
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => false } });
    await expect(requestPersistence()).resolves.toBe(false);
    vi.stubGlobal('navigator', { storage: { persist: async () => Promise.reject(new Error('no')) } });
    await expect(requestPersistence()).resolves.toBe(false);
    vi.stubGlobal('navigator', {});
    await expect(requestPersistence()).resolves.toBe(false);
  });
});
