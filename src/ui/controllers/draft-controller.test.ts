/**
 * DraftController in Node: two "tabs" are two controllers with their own PlanStore on one Map-backed
 * drafts store, talking over Node's BroadcastChannel (or not at all, to test the stored-revision
 * check alone). The plan is commandsPlan (test/helpers/handPlan.ts, synthetic). Each test makes its
 * own stores and channel name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftStore, type DraftBacking } from '../../io/drafts';
import { PlanStore } from '../../state/store';
import type { Plan } from '../../types/plan';
import { C1, M1, commandsPlan } from '../../../test/helpers/handPlan';
import { DRAFT_EDITS, DraftController } from './draft-controller';

const SRC = 'https://example.org/map/data/plan.json';
let channelName = '';
const open: { close(): void }[] = [];

function memoryBacking(): DraftBacking & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    entries: async () => [...map].map(([k, v]) => [k, structuredClone(v)] as [string, unknown]),
    update: async (key, updater) => void map.set(key, structuredClone(updater(structuredClone(map.get(key))))),
  };
}

/** A tab: a host, a store with the loaded plan, and its controller (connected). */
function tab(drafts: DraftStore, { channel = true, plan = commandsPlan() }: { channel?: boolean; plan?: Plan } = {}) {
  const controllers: ReactiveController[] = [];
  let updates = 0;
  const host = {
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  } as unknown as ReactiveControllerHost;
  const store = new PlanStore(plan);
  const opened: string[] = [];
  const ctl = new DraftController(host, {
    store: () => store,
    open: (src) => void opened.push(src),
    drafts,
    debounceMs: 0,
    channel: channel ? () => new BroadcastChannel(channelName) : () => null,
  });
  ctl.hostConnected();
  open.push({ close: () => ctl.hostDisconnected() });
  return { store, ctl, opened, base: plan, updates: () => updates };
}

const yearEdit = (year: number) => ({ type: 'set-village-year' as const, code: M1, year });

/** Waits until `check` holds (messages between channels arrive on a later turn). */
async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

afterEach(() => {
  for (const o of open.splice(0)) o.close();
  channelName = `belt-map-drafts-test-${Math.random()}`;
});
channelName = `belt-map-drafts-test-${Math.random()}`;

describe('DraftController', () => {
  it('saves after a user edit, not after a replaced plan; deletes the draft when history is back at the loaded plan', async () => {
    const backing = memoryBacking();
    const drafts = new DraftStore(backing);
    const a = tab(drafts);
    await a.ctl.loaded(SRC);
    expect(a.ctl.key).toBe(SRC);
    expect(a.ctl.notice).toBeNull();

    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    const saved = await drafts.loadDraft(SRC);
    expect(saved!.plan).toEqual(a.store.plan);
    expect(saved!.draft).toMatchObject({ tabId: a.ctl.tabId, revision: 1, editCount: 1 });
    expect(a.ctl.list.map((d) => d.key)).toEqual([SRC]);

    a.store.undo();
    await a.ctl.settled();
    expect(backing.map.has(SRC)).toBe(false);
    expect(a.ctl.list).toEqual([]);

    a.store.redo();
    await a.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft.revision).toBe(2);

    // A plan replaced (another source, a package from a file) is not saved until `loaded` names its source.
    a.store.replace(commandsPlan());
    a.store.dispatch(yearEdit(2026));
    await a.ctl.settled();
    expect(a.ctl.key).toBeNull();
    expect((await drafts.loadDraft(SRC))!.draft.revision).toBe(2);
  });

  it('restores a draft on load as ONE edit: undo goes back to the loaded plan; the restore is not saved again', async () => {
    const drafts = new DraftStore(memoryBacking());
    const edited = new PlanStore(commandsPlan());
    edited.dispatch(yearEdit(2025));
    await drafts.saveDraft(SRC, edited.plan, { tabId: 'earlier-page', editCount: 1, now: new Date('2026-12-02T08:00:00Z') });

    const a = tab(drafts);
    await a.ctl.loaded(SRC);
    expect(a.store.plan).toEqual(edited.plan);
    expect(a.store.undoEdit).toEqual({ type: 'apply', label: DRAFT_EDITS.restore });
    expect(a.ctl.notice).toEqual({ kind: 'restored', draft: expect.objectContaining({ savedAt: '2026-12-02T08:00:00.000Z', revision: 1 }) });
    await a.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: 'earlier-page', revision: 1 });

    // Its next edit is saved over it (it saw revision 1): no conflict with the earlier page.
    a.store.dispatch({ type: 'set-village-year', code: C1, year: 2025 });
    await a.ctl.settled();
    expect(a.ctl.notice?.kind).toBe('restored');
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: a.ctl.tabId, revision: 2 });

    a.store.undo();
    a.store.undo();
    expect(a.store.plan).toBe(a.base);
    expect(a.ctl.notice).toBeNull();
    await a.ctl.settled();
    await expect(drafts.loadDraft(SRC)).resolves.toBeNull();
  });

  it('Discard deletes the draft and goes back to the loaded plan as one edit (undo brings the draft back and saves it)', async () => {
    const drafts = new DraftStore(memoryBacking());
    const edited = new PlanStore(commandsPlan());
    edited.dispatch(yearEdit(2025));
    await drafts.saveDraft(SRC, edited.plan, { tabId: 'earlier-page' });
    const a = tab(drafts);
    await a.ctl.loaded(SRC);
    await a.ctl.discard();
    expect(a.store.plan).toBe(a.base);
    expect(a.store.undoEdit).toEqual({ type: 'apply', label: DRAFT_EDITS.discard });
    expect(a.ctl.notice).toBeNull();
    await expect(drafts.loadDraft(SRC)).resolves.toBeNull();

    a.store.undo();
    await a.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.plan).toEqual(edited.plan);
  });

  it('another tab saving the same plan: a conflict notice, no autosave over theirs until Keep mine or Load theirs', async () => {
    const backing = memoryBacking();
    const drafts = new DraftStore(backing);
    const a = tab(drafts);
    const b = tab(drafts);
    await a.ctl.loaded(SRC);
    await b.ctl.loaded(SRC);

    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    await until(() => b.ctl.notice?.kind === 'conflict');
    expect(b.ctl.notice).toEqual({ kind: 'conflict', draft: expect.objectContaining({ tabId: a.ctl.tabId, revision: 1 }) });

    // B's edits are not saved while it waits.
    b.store.dispatch({ type: 'set-village-year', code: C1, year: 2025 });
    await b.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: a.ctl.tabId, revision: 1 });

    await b.ctl.keepMine();
    expect(b.ctl.notice).toBeNull();
    const mine = await drafts.loadDraft(SRC);
    expect(mine!.draft).toMatchObject({ tabId: b.ctl.tabId, revision: 2 });
    expect(mine!.plan).toEqual(b.store.plan);

    // Now A is told, and takes B's plan as one edit.
    await until(() => a.ctl.notice?.kind === 'conflict');
    const aBefore = a.store.plan;
    await a.ctl.loadTheirs();
    expect(a.ctl.notice).toBeNull();
    expect(a.store.plan).toEqual(b.store.plan);
    expect(a.store.undoEdit).toEqual({ type: 'apply', label: DRAFT_EDITS.loadTheirs });
    a.store.undo();
    expect(a.store.plan).toBe(aBefore);
    // … and A's later edits are saved again (it saw revision 2).
    await a.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: a.ctl.tabId, revision: 3 });
  });

  it('Keep mine in a tab without edits deletes nothing; its next edit is saved over theirs', async () => {
    const drafts = new DraftStore(memoryBacking());
    const a = tab(drafts);
    const b = tab(drafts);
    await a.ctl.loaded(SRC);
    await b.ctl.loaded(SRC);
    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    await until(() => b.ctl.notice?.kind === 'conflict');
    await b.ctl.keepMine();
    await b.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: a.ctl.tabId, revision: 1 });
    b.store.dispatch({ type: 'set-village-year', code: C1, year: 2025 });
    await b.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft).toMatchObject({ tabId: b.ctl.tabId, revision: 2 });
  });

  it('without a channel, the stored revision alone stops a save over another tab’s newer draft', async () => {
    const backing = memoryBacking();
    const drafts = new DraftStore(backing);
    const a = tab(drafts, { channel: false });
    const b = tab(drafts, { channel: false });
    await a.ctl.loaded(SRC);
    await b.ctl.loaded(SRC);
    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    b.store.dispatch({ type: 'set-village-year', code: C1, year: 2025 });
    await b.ctl.settled();
    expect(b.ctl.notice).toMatchObject({ kind: 'conflict', draft: { tabId: a.ctl.tabId, revision: 1 } });
    expect((await drafts.loadDraft(SRC))!.plan).toEqual(a.store.plan);
    // Back at the loaded plan, B does not delete A's draft either.
    b.store.undo();
    await b.ctl.settled();
    expect((await drafts.loadDraft(SRC))!.draft.tabId).toBe(a.ctl.tabId);
  });

  it('a draft that cannot be read is reported and kept: no autosave until it is discarded, then the plan shown is saved', async () => {
    const backing = memoryBacking();
    backing.map.set(SRC, { format: 'belt-map-draft/1', key: SRC, planName: { zh: '测试', en: 'Test' }, savedAt: '2026-12-02T08:00:00Z', tabId: 'x', revision: 4, files: { 'plan.json': '{' } });
    const drafts = new DraftStore(backing);
    const a = tab(drafts);
    await a.ctl.loaded(SRC);
    expect(a.store.plan).toBe(a.base);
    expect(a.ctl.notice).toMatchObject({ kind: 'invalid', draft: { key: SRC, revision: 4 }, error: { en: expect.stringMatching(/it is kept$/), zh: expect.stringMatching(/草稿仍保留$/) } });
    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    expect((backing.map.get(SRC) as { revision: number }).revision).toBe(4);

    // Discarding deletes the unreadable draft; the user's edit stays on screen and is saved now.
    const edited = a.store.plan;
    await a.ctl.discard();
    expect(a.ctl.notice).toBeNull();
    expect(a.store.plan).toBe(edited);
    expect((await drafts.loadDraft(SRC))!.plan).toEqual(edited);
  });

  it('storage that fails (private mode, quota) is reported; the plan stays', async () => {
    const failing: DraftBacking = {
      get: async () => Promise.reject(new Error('QuotaExceededError')),
      set: async () => Promise.reject(new Error('QuotaExceededError')),
      del: async () => Promise.reject(new Error('QuotaExceededError')),
      entries: async () => Promise.reject(new Error('QuotaExceededError')),
    };
    const a = tab(new DraftStore(failing));
    await a.ctl.loaded(SRC);
    expect(a.ctl.notice).toEqual({ kind: 'unavailable', message: 'QuotaExceededError' });
    const edited = a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    expect(a.store.plan).toBe(edited);
    expect(a.ctl.notice?.kind).toBe('unavailable');
  });

  it('a package opened from a file is not kept: untrack says so and nothing is saved', async () => {
    const backing = memoryBacking();
    const a = tab(new DraftStore(backing));
    await a.ctl.loaded(SRC);
    a.store.replace(commandsPlan());
    a.ctl.untrack('mine.zip');
    expect(a.ctl.notice).toEqual({ kind: 'untracked', file: 'mine.zip' });
    a.store.dispatch(yearEdit(2025));
    await a.ctl.settled();
    expect(backing.map.size).toBe(0);
  });

  it('Open asks the host for the draft’s source (not for the plan shown); Delete removes a listed draft', async () => {
    const drafts = new DraftStore(memoryBacking());
    await drafts.saveDraft('https://example.org/other/plan.json', commandsPlan(), { tabId: 'x' });
    const a = tab(drafts);
    await a.ctl.loaded(SRC);
    expect(a.ctl.list.map((d) => d.key)).toEqual(['https://example.org/other/plan.json']);
    a.ctl.open(SRC);
    a.ctl.open('https://example.org/other/plan.json');
    expect(a.opened).toEqual(['https://example.org/other/plan.json']);
    await a.ctl.remove('https://example.org/other/plan.json');
    expect(a.ctl.list).toEqual([]);
  });
});
