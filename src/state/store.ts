/**
 * The one store of the plan state: the current plan, its undo and redo history, and who to tell when
 * it changes. Edits arrive as {@link PlanCommand}s (src/plan/commands.ts); since plans are immutable,
 * history is a stack of previous Plan objects, and undo gives back the very object that was current.
 * No DOM: it runs in Node, and the UI subscribes to it.
 */
import { applyCommand, type PlanCommand } from '../plan/commands.js';
import type { Plan } from '../types/plan.js';

/** A label of an edit made outside the store: one text, or the text in both UI languages. */
export type EditLabel = string | { en: string; zh: string };

/** An edit of the plan, as the history keeps it: a command, or a plan made outside the store. */
export type PlanEdit = { type: 'dispatch'; command: PlanCommand } | { type: 'apply'; label: EditLabel };

/** What made the plan change, as a listener is told: an edit, its undo or redo (with the edit), or a new plan. */
export type PlanChange = PlanEdit | { type: 'undo'; edit: PlanEdit } | { type: 'redo'; edit: PlanEdit } | { type: 'replace' };

/** One step of the history: the plan on the far side of the edit, and the edit. */
interface HistoryEntry {
  plan: Plan;
  edit: PlanEdit;
}

/** Called after each change with the new plan and what changed it. */
export type PlanListener = (plan: Plan, change: PlanChange) => void;

export interface PlanStoreOptions {
  /**
   * Most previous plans kept for undo; the oldest are dropped beyond it.
   * @defaultValue 200
   */
  historyLimit?: number;
}

export const defaultPlanStoreOptions: Required<PlanStoreOptions> = { historyLimit: 200 };

/**
 * The plan, its history and its listeners.
 *
 * @example
 * ```ts
 * const store = new PlanStore(plan);
 * const off = store.subscribe((p) => view.setScene(buildScene(p)));
 * store.dispatch({ type: 'set-village-year', code: '110109108212', year: 2026 });
 * store.undo(); // the plan before, the same object
 * off();
 * ```
 */
export class PlanStore {
  #plan: Plan;
  #undo: HistoryEntry[] = [];
  #redo: HistoryEntry[] = [];
  #listeners = new Set<PlanListener>();
  readonly #historyLimit: number;

  /**
   * @param plan - the plan to start with (history empty)
   * @param options - {@link PlanStoreOptions}
   */
  constructor(plan: Plan, options: PlanStoreOptions = {}) {
    const { historyLimit } = { ...defaultPlanStoreOptions, ...options };
    if (!Number.isInteger(historyLimit) || historyLimit < 0) throw new RangeError(`PlanStore: historyLimit must be a whole number ≥ 0, got ${String(historyLimit)}`);
    this.#plan = plan;
    this.#historyLimit = historyLimit;
  }

  /** The current plan. */
  get plan(): Plan {
    return this.#plan;
  }

  /** True when there is an edit to undo. */
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** True when there is an undone edit to redo. */
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The edit {@link undo} would revert; null when there is none. */
  get undoEdit(): PlanEdit | null {
    return this.#undo.at(-1)?.edit ?? null;
  }

  /** The edit {@link redo} would make again; null when there is none. */
  get redoEdit(): PlanEdit | null {
    return this.#redo.at(-1)?.edit ?? null;
  }

  /**
   * Applies a command to the plan. The previous plan goes on the undo stack and the redo stack is
   * cleared. A command that changes nothing (returns the same plan) is not recorded and tells no one;
   * one that throws leaves the store as it was and the error reaches the caller.
   *
   * @param command - {@link PlanCommand}
   * @returns the plan now current
   */
  dispatch(command: PlanCommand): Plan {
    const next = applyCommand(this.#plan, command);
    if (next === this.#plan) return next;
    const edit: PlanEdit = { type: 'dispatch', command };
    this.#push(this.#undo, { plan: this.#plan, edit });
    this.#redo = [];
    return this.#set(next, edit);
  }

  /**
   * Makes a plan computed outside the store the current one, as ONE edit recorded in the history
   * (for edits that are not one command, e.g. an import: src/io/importFile.ts): the previous plan
   * goes on the undo stack and the redo stack is cleared, as for {@link dispatch}. The same plan
   * object changes nothing and is not recorded.
   *
   * @param plan - the new plan, made from the current one (by commands, never by changing it)
   * @param label - what the edit was, for the history (e.g. `import 名单.csv`, or `{ en, zh }`)
   * @returns the plan now current
   */
  apply(plan: Plan, label: EditLabel): Plan {
    if (plan === null || typeof plan !== 'object' || !Array.isArray((plan as Partial<Plan>).villages?.features))
      throw new TypeError(`PlanStore.apply: plan must be a Plan, got ${plan === null ? 'null' : typeof plan}`);
    const bilingual = label !== null && typeof label === 'object' && typeof label.en === 'string' && typeof label.zh === 'string';
    if (typeof label !== 'string' && !bilingual) throw new TypeError(`PlanStore.apply: label must be a string or { en, zh }, got ${label === null ? 'null' : typeof label}`);
    if (plan === this.#plan) return plan;
    const edit: PlanEdit = { type: 'apply', label: typeof label === 'string' ? label : { en: label.en, zh: label.zh } };
    this.#push(this.#undo, { plan: this.#plan, edit });
    this.#redo = [];
    return this.#set(plan, edit);
  }

  /**
   * Goes back to the plan before the last edit (that very object). Nothing happens when there is none.
   *
   * @returns the plan now current
   */
  undo(): Plan {
    const previous = this.#undo.pop();
    if (!previous) return this.#plan;
    this.#redo.push({ plan: this.#plan, edit: previous.edit });
    return this.#set(previous.plan, { type: 'undo', edit: previous.edit });
  }

  /**
   * Goes forward to the plan the last undo left (that very object). Nothing happens when there is none.
   *
   * @returns the plan now current
   */
  redo(): Plan {
    const next = this.#redo.pop();
    if (!next) return this.#plan;
    this.#push(this.#undo, { plan: this.#plan, edit: next.edit });
    return this.#set(next.plan, { type: 'redo', edit: next.edit });
  }

  /**
   * Replaces the plan by a newly loaded one and clears the history (its edits were of another plan).
   * Listeners are told even when it is the same object.
   *
   * @param plan - the new plan
   * @returns the plan, now current
   */
  replace(plan: Plan): Plan {
    this.#undo = [];
    this.#redo = [];
    return this.#set(plan, { type: 'replace' });
  }

  /**
   * Calls `listener` after each change (not now) with the new plan and what changed it. Listeners are
   * called in the order they subscribed; one that unsubscribes while being told is not called again.
   *
   * @param listener - {@link PlanListener}
   * @returns a function that unsubscribes it
   */
  subscribe(listener: PlanListener): () => void {
    if (typeof listener !== 'function') throw new TypeError(`PlanStore.subscribe: listener must be a function, got ${typeof listener}`);
    // A wrapper per subscription: the same function subscribed twice is two subscriptions.
    const entry: PlanListener = (plan, change) => listener(plan, change);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  #push(stack: HistoryEntry[], entry: HistoryEntry): void {
    stack.push(entry);
    if (stack.length > this.#historyLimit) stack.splice(0, stack.length - this.#historyLimit);
  }

  #set(plan: Plan, change: PlanChange): Plan {
    this.#plan = plan;
    for (const listener of [...this.#listeners]) if (this.#listeners.has(listener)) listener(plan, change);
    return plan;
  }
}
