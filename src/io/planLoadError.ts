import type { PlanProblem } from '../plan/problems.js';

// Its own module so that code which only reports a failed load (the element, the worker client, the
// drafts) does not bring the package reader and validator into the first load.
/** A plan package that could not be loaded or did not validate. `message` is English; `zh` is Chinese. */
export class PlanLoadError extends Error {
  override readonly name = 'PlanLoadError';
  constructor(
    message: string,
    /** The same in Chinese. */
    readonly zh: string = message,
    /** Every problem found, when the package loaded but did not validate. */
    readonly problems: PlanProblem[] = [],
  ) {
    super(message);
  }
}
