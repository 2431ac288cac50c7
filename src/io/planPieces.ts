/**
 * A loaded plan in messages (the plan-loading worker's side and the page's): {@link splitPlan} cuts it
 * into pieces no larger than {@link SLICE} features, {@link PlanAssembler} joins them back. See
 * ./loadPlanClient.ts for why.
 *
 * @module
 */
import type { PlanProblem } from '../plan/problems.js';
import type { Plan } from '../types/plan.js';

/** Features per message: ~10–25 ms for the page to read (village points with their properties). */
export const SLICE = 2_500;

/**
 * The page's messages: load a package; send the next piece (after the page took the last, so that
 * timers, input and frames get their turn between pieces instead of 100 queued messages in a row);
 * abort.
 */
export type LoadRequest = { type: 'load'; id: number; url: string; allowedOrigins: string[] } | { type: 'next'; id: number } | { type: 'abort'; id: number };

/** One piece of a loaded plan: the plan (large collections empty), features of one of them, or the end. */
export type PlanPiece =
  | { type: 'plan'; plan: Plan; pending: Partial<Record<keyof Plan, number>> }
  | { type: 'features'; key: keyof Plan; features: unknown[] }
  | { type: 'done' };

export type LoadResponse =
  | ({ id: number } & PlanPiece)
  | { id: number; type: 'error'; name: string; message: string; zh: string; problems: PlanProblem[] };

type Collection = { type: 'FeatureCollection'; features: unknown[] };
const isCollection = (v: unknown): v is Collection => !!v && typeof v === 'object' && Array.isArray((v as Collection).features);

/**
 * The messages that carry `plan`: first the plan with every feature collection of more than `slice`
 * features emptied (and how many each will get), then those features `slice` at a time, then `done`.
 * A small plan is one `plan` message and `done`. `plan` itself is not changed.
 */
export function* splitPlan(plan: Plan, slice = SLICE): Generator<PlanPiece> {
  const large = (Object.keys(plan) as (keyof Plan)[]).filter((k) => isCollection(plan[k]) && (plan[k] as Collection).features.length > slice);
  const head = { ...plan } as Record<keyof Plan, unknown>;
  const pending: Partial<Record<keyof Plan, number>> = {};
  for (const k of large) {
    head[k] = { ...(plan[k] as Collection), features: [] };
    pending[k] = (plan[k] as Collection).features.length;
  }
  yield { type: 'plan', plan: head as unknown as Plan, pending };
  for (const k of large) {
    const features = (plan[k] as Collection).features;
    for (let i = 0; i < features.length; i += slice) yield { type: 'features', key: k, features: features.slice(i, i + slice) };
  }
  yield { type: 'done' };
}

/** Joins {@link splitPlan}'s pieces back into the plan; `add` returns it on `done`. */
export class PlanAssembler {
  #plan: Plan | null = null;
  #pending: Partial<Record<keyof Plan, number>> = {};

  add(piece: PlanPiece): Plan | null {
    if (piece.type === 'plan') {
      this.#plan = piece.plan;
      this.#pending = piece.pending;
      return null;
    }
    const plan = this.#plan;
    if (!plan) throw new Error('PlanAssembler: a piece came before the plan');
    if (piece.type === 'features') {
      const into = (plan[piece.key] as unknown as Collection).features;
      for (const f of piece.features) into.push(f);
      return null;
    }
    for (const [k, n] of Object.entries(this.#pending)) {
      const got = (plan[k as keyof Plan] as unknown as Collection).features.length;
      if (got !== n) throw new Error(`PlanAssembler: ${k} has ${got} of ${n} features`);
    }
    return plan;
  }
}
