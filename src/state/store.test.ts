/**
 * PlanStore on a tiny synthetic plan (made up for these tests): two villages, roles of each kind, no
 * clusters. Every test makes its own store.
 */
import { describe, expect, it, vi } from 'vitest';
import { planFrom } from '../io/loadPlan';
import { applyCommand, type PlanCommand } from '../plan/commands';
import { PLAN_FORMAT, type Plan } from '../types/plan';
import { PlanStore } from './store';

const A = '990001001201';
const B = '990001001202';

function fixture(): Plan {
  const village = (code: string, role: string, year: number | null) => ({
    type: 'Feature',
    properties: { code, name: `村${code.slice(-1)}`, role, year, source: 'synthetic', accuracy: 'exact' },
    geometry: { type: 'Point', coordinates: [116 + Number(code.slice(-1)) / 100, 40] },
  });
  return planFrom({
    manifest: {
      format: PLAN_FORMAT,
      name: { zh: '测试', en: 'Test' },
      sample: true,
      views: [{ id: 'all', label: { zh: '全域', en: 'All' }, bounds: [115.9, 39.9, 116.2, 40.1] }],
      years: [2025, 2026],
      roles: [
        { id: 'demo', kind: 'core', label: { zh: '示范村', en: 'Demonstration' } },
        { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade' } },
        { id: 'other', kind: 'none', label: { zh: '其他', en: 'Other' } },
      ],
      files: { villages: 'villages.geojson' },
      attribution: [{ what: { zh: '测试', en: 'test' }, text: 'synthetic', licence: 'CC0' }],
    },
    files: { villages: { type: 'FeatureCollection', features: [village(A, 'demo', 2025), village(B, 'other', null)] } },
  });
}

const YEAR: PlanCommand = { type: 'set-village-year', code: A, year: 2026 };
const ROLE: PlanCommand = { type: 'set-village-role', code: B, role: 'upgrade', year: 2026 };
const roleOf = (plan: Plan, code: string) => plan.villages.features.find((f) => f.properties.code === code)!.properties.role;

describe('PlanStore', () => {
  it('starts with the plan and no history', () => {
    const plan = fixture();
    const store = new PlanStore(plan);
    expect(store.plan).toBe(plan);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });

  it('dispatch applies the command and makes it undoable', () => {
    const store = new PlanStore(fixture());
    const next = store.dispatch(ROLE);
    expect(store.plan).toBe(next);
    expect(roleOf(next, B)).toBe('upgrade');
    expect(store.canUndo).toBe(true);
  });

  it('undo returns the identical previous plan object', () => {
    const plan = fixture();
    const store = new PlanStore(plan);
    store.dispatch(YEAR);
    expect(store.undo()).toBe(plan);
    expect(store.plan).toBe(plan);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(true);
  });

  it('redo returns the identical undone plan object', () => {
    const store = new PlanStore(fixture());
    const edited = store.dispatch(YEAR);
    store.undo();
    expect(store.redo()).toBe(edited);
    expect(store.canRedo).toBe(false);
    expect(store.canUndo).toBe(true);
  });

  it('undoes and redoes several edits in order', () => {
    const p0 = fixture();
    const store = new PlanStore(p0);
    const p1 = store.dispatch(YEAR);
    const p2 = store.dispatch(ROLE);
    expect([store.undo(), store.undo(), store.redo(), store.redo()]).toEqual([p1, p0, p1, p2]);
    expect(store.undo()).toBe(p1);
  });

  it('a new dispatch after undo clears the redo stack', () => {
    const store = new PlanStore(fixture());
    store.dispatch(YEAR);
    store.undo();
    store.dispatch(ROLE);
    expect(store.canRedo).toBe(false);
  });

  it('undo and redo with nothing to do keep the plan and tell no one', () => {
    const store = new PlanStore(fixture());
    const listener = vi.fn();
    store.subscribe(listener);
    const plan = store.plan;
    expect(store.undo()).toBe(plan);
    expect(store.redo()).toBe(plan);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a command that changes nothing is not recorded and tells no one', () => {
    const store = new PlanStore(fixture());
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch({ type: 'set-village-year', code: A, year: 2025 });
    expect(store.canUndo).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a command that throws leaves the store as it was', () => {
    const plan = fixture();
    const store = new PlanStore(plan);
    expect(() => store.dispatch({ type: 'set-village-year', code: 'nope', year: 2025 })).toThrow(/code nope/);
    expect(store.plan).toBe(plan);
    expect(store.canUndo).toBe(false);
  });

  it('replace sets a newly loaded plan and clears the history', () => {
    const store = new PlanStore(fixture());
    store.dispatch(YEAR);
    store.dispatch(ROLE);
    store.undo();
    const loaded = fixture();
    expect(store.replace(loaded)).toBe(loaded);
    expect(store.plan).toBe(loaded);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });

  it('apply records a plan made outside the store as one edit: undo gives back the plan before, redo the applied one', () => {
    const store = new PlanStore(fixture());
    const before = store.dispatch(YEAR);
    store.undo();
    store.redo();
    // Two commands made into one plan outside the store (as an import does).
    const made = [ROLE, { type: 'set-village-year', code: A, year: 2025 } as PlanCommand].reduce(applyCommand, before);
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.apply(made, 'import 名单.csv')).toBe(made);
    expect(store.plan).toBe(made);
    expect(store.canRedo).toBe(false);
    expect(listener).toHaveBeenCalledWith(made, { type: 'apply', label: 'import 名单.csv' });
    expect(store.undo()).toBe(before);
    expect(store.redo()).toBe(made);
    // The current plan again: nothing recorded, no one told.
    listener.mockClear();
    expect(store.apply(made, 'again')).toBe(made);
    expect(listener).not.toHaveBeenCalled();
    store.undo();
    expect(store.plan).toBe(before);
  });

  it('the history knows each edit: undoEdit / redoEdit, and undo and redo tell which edit they moved over', () => {
    const store = new PlanStore(fixture());
    expect([store.undoEdit, store.redoEdit]).toEqual([null, null]);
    store.dispatch(YEAR);
    const made = applyCommand(store.plan, ROLE);
    const label = { en: 'import 名单.csv', zh: '导入 名单.csv' };
    store.apply(made, label);
    expect(store.undoEdit).toEqual({ type: 'apply', label });
    const changes: unknown[] = [];
    store.subscribe((_, change) => changes.push(change));
    store.undo();
    expect(store.undoEdit).toEqual({ type: 'dispatch', command: YEAR });
    expect(store.redoEdit).toEqual({ type: 'apply', label });
    store.undo();
    expect([store.undoEdit, store.redoEdit]).toEqual([null, { type: 'dispatch', command: YEAR }]);
    store.redo();
    expect(changes).toEqual([
      { type: 'undo', edit: { type: 'apply', label } },
      { type: 'undo', edit: { type: 'dispatch', command: YEAR } },
      { type: 'redo', edit: { type: 'dispatch', command: YEAR } },
    ]);
    // A bilingual label is kept as given, not by reference.
    label.en = 'changed';
    expect(store.redoEdit).toEqual({ type: 'apply', label: { en: 'import 名单.csv', zh: '导入 名单.csv' } });
  });

  it('apply rejects what is not a plan, and a label that is not a string', () => {
    const store = new PlanStore(fixture());
    expect(() => store.apply(null as unknown as Plan, 'x')).toThrow(/PlanStore\.apply: plan/);
    expect(() => store.apply(fixture(), 1 as unknown as string)).toThrow(/label/);
    expect(() => store.apply(fixture(), { en: 'x' } as unknown as string)).toThrow(/label/);
    expect(store.canUndo).toBe(false);
  });

  it('subscribe: the listener gets the new plan and the change after dispatch, undo, redo and replace', () => {
    const store = new PlanStore(fixture());
    const calls: [Plan, string][] = [];
    store.subscribe((plan, change) => calls.push([plan, change.type]));
    const p1 = store.dispatch(YEAR);
    const p0 = store.undo();
    store.redo();
    const loaded = store.replace(fixture());
    expect(calls).toEqual([
      [p1, 'dispatch'],
      [p0, 'undo'],
      [p1, 'redo'],
      [loaded, 'replace'],
    ]);
  });

  it('subscribe: the dispatch change carries the command', () => {
    const store = new PlanStore(fixture());
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch(ROLE);
    expect(listener).toHaveBeenCalledWith(store.plan, { type: 'dispatch', command: ROLE });
  });

  it('subscribe: the listener is called after the store has changed', () => {
    const store = new PlanStore(fixture());
    let seen: Plan | null = null;
    store.subscribe(() => (seen = store.plan));
    const next = store.dispatch(YEAR);
    expect(seen).toBe(next);
  });

  it('unsubscribe: the listener is not called again', () => {
    const store = new PlanStore(fixture());
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.dispatch(YEAR);
    off();
    store.dispatch(ROLE);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe leaves the other listeners subscribed', () => {
    const store = new PlanStore(fixture());
    const kept = vi.fn();
    const off = store.subscribe(vi.fn());
    store.subscribe(kept);
    off();
    store.dispatch(YEAR);
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it('a listener that unsubscribes another during a change stops it being called', () => {
    const store = new PlanStore(fixture());
    const second = vi.fn();
    let offSecond = (): void => {};
    store.subscribe(() => offSecond());
    offSecond = store.subscribe(second);
    store.dispatch(YEAR);
    expect(second).not.toHaveBeenCalled();
  });

  it('the same function subscribed twice is called twice, and each unsubscribe removes one', () => {
    const store = new PlanStore(fixture());
    const listener = vi.fn();
    const off1 = store.subscribe(listener);
    store.subscribe(listener);
    store.dispatch(YEAR);
    expect(listener).toHaveBeenCalledTimes(2);
    off1();
    store.dispatch(ROLE);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('keeps at most historyLimit previous plans', () => {
    const store = new PlanStore(fixture(), { historyLimit: 1 });
    store.dispatch(YEAR);
    const p1 = store.plan;
    store.dispatch(ROLE);
    expect(store.undo()).toBe(p1);
    expect(store.canUndo).toBe(false);
  });

  it('rejects a bad historyLimit and a listener that is not a function', () => {
    expect(() => new PlanStore(fixture(), { historyLimit: -1 })).toThrow(/historyLimit/);
    expect(() => new PlanStore(fixture()).subscribe(null as unknown as () => void)).toThrow(/listener/);
  });

  it('does not change the plans it holds', () => {
    const plan = fixture();
    const before = structuredClone(plan);
    const store = new PlanStore(plan);
    store.dispatch(YEAR);
    store.dispatch(ROLE);
    store.undo();
    expect(plan).toEqual(before);
  });
});
