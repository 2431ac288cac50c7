/**
 * `<belt-map src>`'s loading off the page's thread: {@link loadPlanOffThread} has the worker
 * (./loadPlan.worker.ts) fetch, parse and validate the package with {@link loadPlan} and hands back
 * the same {@link Plan} and the same {@link PlanLoadError} (message, Chinese, problems) as `loadPlan`.
 *
 * A structured clone of 500,000 features takes the receiving thread about a second to read, all in
 * one task; so the worker sends the plan with its large feature collections emptied and then their
 * features in slices ({@link splitPlan}), each read in its own short task, and the page joins them
 * ({@link PlanAssembler}), asking for each next slice once it took the last, so that the page's timers,
 * input and frames run between slices.
 *
 * Where there is no Worker, or the worker cannot start (a page whose CSP has no `worker-src 'self'`),
 * the package is loaded on the page's thread as before.
 *
 * @module
 */
import type { LoadPlanOptions } from './loadPlan.js';
import { PlanLoadError } from './planLoadError.js';
import type { Plan } from '../types/plan.js';
import { PlanAssembler, type LoadRequest, type LoadResponse } from './planPieces.js';

type Pending = { assembler: PlanAssembler; resolve: (plan: Plan) => void; reject: (e: unknown) => void };

let worker: Worker | null = null;
/** Set once the worker could not start: later loads stay on the page's thread. */
let unavailable = typeof Worker === 'undefined';

/** The load on the page's thread (no worker): the reader and validator are fetched then, not in the first load. */
const loadPlan = (href: string, options: LoadPlanOptions): Promise<Plan> => import('./loadPlan.js').then((m) => m.loadPlan(href, options));
let next = 1;
const pending = new Map<number, Pending>();

/**
 * {@link loadPlan} in the plan-loading worker: the same result, the same errors (a
 * {@link PlanLoadError} with the same message, Chinese and problems), the same `signal` and
 * `allowedOrigins`; `url` is resolved against the page.
 */
export function loadPlanOffThread(url: string | URL, { signal, allowedOrigins = [] }: LoadPlanOptions = {}): Promise<Plan> {
  const href = new URL(url, globalThis.location?.href).href;
  if (unavailable) return loadPlan(href, { signal, allowedOrigins });
  if (signal?.aborted) return Promise.reject(signal.reason);
  const id = next++;
  let w: Worker;
  try {
    w = ensureWorker();
  } catch {
    // Refused at once (a browser that throws on a blocked worker URL): the page's thread, from now on.
    unavailable = true;
    return loadPlan(href, { signal, allowedOrigins });
  }
  return new Promise<Plan>((resolve, reject) => {
    const done = () => {
      pending.delete(id);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      w.postMessage({ type: 'abort', id } satisfies LoadRequest);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.set(id, {
      assembler: new PlanAssembler(),
      resolve: (plan) => (done(), resolve(plan)),
      // A worker that cannot start: the same load on the page's thread.
      reject: (e) => (done(), e === FALLBACK ? loadPlan(href, { signal, allowedOrigins }).then(resolve, reject) : reject(e)),
    });
    w.postMessage({ type: 'load', id, url: href, allowedOrigins: [...allowedOrigins] } satisfies LoadRequest);
  });
}

const FALLBACK = Symbol('fallback');

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./loadPlan.worker.ts', import.meta.url), { type: 'module', name: 'belt-map-load' });
  w.onmessage = (e: MessageEvent<LoadResponse>) => receive(e.data);
  // A module worker that fails to start (blocked by the page's CSP, its script missing) or breaks:
  // its loads, and every later one, go to the page's thread.
  w.onerror = (e) => {
    e.preventDefault();
    unavailable = true;
    w.terminate();
    worker = null;
    for (const p of [...pending.values()]) p.reject(FALLBACK);
  };
  return (worker = w);
}

function receive(message: LoadResponse): void {
  const p = pending.get(message.id);
  if (!p) return;
  if (message.type === 'error') {
    const error = message.name === 'PlanLoadError' ? new PlanLoadError(message.message, message.zh, message.problems) : Object.assign(new Error(message.message), { name: message.name });
    p.reject(error);
    return;
  }
  try {
    const plan = p.assembler.add(message);
    if (plan) p.resolve(plan);
    else worker?.postMessage({ type: 'next', id: message.id } satisfies LoadRequest);
  } catch (error) {
    worker?.postMessage({ type: 'abort', id: message.id } satisfies LoadRequest);
    p.reject(error);
  }
}
