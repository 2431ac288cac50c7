/**
 * The plan-loading worker: fetches a package (`src`), parses its JSON and validates it off the page's
 * thread with the same {@link loadPlan} the page would run, so a 500,000-village package does not
 * freeze the page for seconds. The plan goes back in pieces (see ./loadPlanClient.ts): the plan with
 * its large feature collections emptied, then their features a slice at a time (the next when the
 * page asks for it), so that no message takes the page long to receive and none queue up behind it.
 */
/// <reference lib="webworker" />
import { loadPlan } from './loadPlan.js';
import { splitPlan, type LoadRequest, type LoadResponse, type PlanPiece } from './planPieces.js';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<number, AbortController>();
/** Loaded plans whose pieces the page is taking, one per `next`. */
const sending = new Map<number, Iterator<PlanPiece>>();

const post = (id: number, pieces: Iterator<PlanPiece>) => {
  const piece = pieces.next();
  if (piece.done) {
    sending.delete(id);
    return;
  }
  self.postMessage({ id, ...piece.value } satisfies LoadResponse);
  if (piece.value.type === 'done') sending.delete(id);
};

self.onmessage = async (event: MessageEvent<LoadRequest>) => {
  const request = event.data;
  if (request.type === 'abort') {
    running.get(request.id)?.abort();
    running.delete(request.id);
    sending.delete(request.id);
    return;
  }
  if (request.type === 'next') {
    const pieces = sending.get(request.id);
    if (pieces) post(request.id, pieces);
    return;
  }
  const { id, url, allowedOrigins } = request;
  const abort = new AbortController();
  running.set(id, abort);
  try {
    const plan = await loadPlan(url, { signal: abort.signal, allowedOrigins });
    if (abort.signal.aborted) return;
    const pieces = splitPlan(plan);
    sending.set(id, pieces);
    post(id, pieces);
  } catch (error) {
    if (abort.signal.aborted) return;
    const e = error as Error & { zh?: unknown; problems?: unknown };
    const message = String(e?.message ?? error);
    self.postMessage({
      id,
      type: 'error',
      name: typeof e?.name === 'string' ? e.name : 'Error',
      message,
      zh: typeof e?.zh === 'string' ? e.zh : message,
      problems: Array.isArray(e?.problems) ? (e.problems as LoadErrorProblems) : [],
    } satisfies LoadResponse);
  } finally {
    running.delete(id);
  }
};

type LoadErrorProblems = Extract<LoadResponse, { type: 'error' }>['problems'];
