import type { Plan, PlanManifest } from '../types/plan.js';
import { PLAN_FILE_KEYS as FILE_KEYS, validatePlan, type PlanProblem } from './validatePlan.js';

/** A plan package that could not be loaded or did not validate. `message` is for a person. */
export class PlanLoadError extends Error {
  override readonly name = 'PlanLoadError';
  constructor(
    message: string,
    /** Every problem found, when the package loaded but did not validate. */
    readonly problems: PlanProblem[] = [],
  ) {
    super(message);
  }
}


/**
 * Fetches a plan package: the manifest at `url`, then the GeoJSON files it names (relative to it),
 * and validates the whole. Rejects with a {@link PlanLoadError} that says what is wrong and where.
 */
export async function loadPlan(url: string | URL, { signal }: { signal?: AbortSignal } = {}): Promise<Plan> {
  const base = new URL(url, globalThis.location?.href);
  const manifest = await fetchJson(base, signal);
  const files = (manifest as Partial<PlanManifest>)?.files;
  if (!files || typeof files !== 'object') {
    throw new PlanLoadError(`${base.pathname}: not a belt-map plan manifest (no "files" member)`);
  }
  const loaded = await Promise.all(
    FILE_KEYS.map((key) => {
      const path = files[key];
      if (typeof path !== 'string') throw new PlanLoadError(`${base.pathname}: "files.${key}" is missing`);
      return fetchJson(new URL(path, base), signal);
    }),
  );
  const input = { manifest, ...Object.fromEntries(FILE_KEYS.map((k, i) => [k, loaded[i]])) } as Parameters<typeof validatePlan>[0];
  return planFrom(input);
}

/**
 * Validates already-parsed package contents and returns the {@link Plan}; throws a {@link PlanLoadError}
 * listing the problems otherwise. For packages built in memory (e.g. from a user's files).
 */
export function planFrom(input: Parameters<typeof validatePlan>[0]): Plan {
  const problems = validatePlan(input);
  if (problems.length > 0) {
    const first = problems.slice(0, 3).map(describe).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new PlanLoadError(`The plan package is not valid: ${first}${more}`, problems);
  }
  const manifest = input.manifest as PlanManifest;
  return {
    manifest,
    districts: input.districts,
    townSeats: input.townSeats,
    villages: input.villages,
    corridors: input.corridors,
    cultureBelts: input.cultureBelts,
    water: input.water,
    clusters: manifest.clusters,
    belts: manifest.belts,
    targets: manifest.targets,
  } as Plan;
}

function describe(p: PlanProblem): string {
  return `${p.file}${p.feature ? ` (${p.feature})` : ''}: ${p.message}`;
}

async function fetchJson(url: URL, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new PlanLoadError(`Could not reach ${url.href}: ${(cause as Error).message}`);
  }
  if (!response.ok) throw new PlanLoadError(`Could not load ${url.href}: HTTP ${response.status} ${response.statusText}`.trim());
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PlanLoadError(`${url.pathname} is not valid JSON: ${(cause as Error).message}`);
  }
}
