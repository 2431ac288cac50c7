import { readPackage, type FlatPackageInput, type PackageInput } from '../plan/validate.js';
import type { PlanProblem } from '../plan/problems.js';
import { summarizeProblems } from '../plan/problemSummary.js';
import { PLAN_FILE_KEYS, type Plan, type PlanFileKey } from '../types/plan.js';

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

/**
 * Fetches a plan package: the manifest at `url`, then the GeoJSON files it names (relative to it),
 * and validates the whole. A format-1 package is migrated. Rejects with a {@link PlanLoadError} that
 * says what is wrong and where.
 */
export async function loadPlan(url: string | URL, { signal }: { signal?: AbortSignal } = {}): Promise<Plan> {
  const base = new URL(url, globalThis.location?.href);
  const manifest = await fetchJson(base, signal);
  const names = (manifest as { files?: unknown } | null)?.files;
  if (!names || typeof names !== 'object') {
    throw new PlanLoadError(`${base.pathname}: not a belt-map plan manifest (no "files" member)`, `${base.pathname}：不是 belt-map 规划数据包清单（缺少 “files”）`);
  }
  const keys = PLAN_FILE_KEYS.filter((k) => typeof (names as Record<string, unknown>)[k] === 'string');
  const loaded = await Promise.all(keys.map((k) => fetchJson(new URL((names as Record<string, string>)[k]!, base), signal)));
  return planFrom({ manifest, files: Object.fromEntries(keys.map((k, i) => [k, loaded[i]])) as Partial<Record<PlanFileKey, unknown>> });
}

/**
 * Validates already-parsed package contents and returns the normalised {@link Plan}; throws a
 * {@link PlanLoadError} listing the problems otherwise. For packages built in memory (a user's files).
 */
export function planFrom(input: PackageInput | FlatPackageInput): Plan {
  const { plan, problems } = readPackage(input);
  if (plan) return plan;
  // Short: the files, the first five problems (each clipped) and a count; the full list is `problems`.
  const { en, zh } = summarizeProblems({ en: 'The plan package is not valid', zh: '规划数据包无效' }, problems);
  throw new PlanLoadError(en, zh, problems);
}

async function fetchJson(url: URL, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new PlanLoadError(`Could not reach ${url.href}: ${(cause as Error).message}`, `无法访问 ${url.href}：${(cause as Error).message}`);
  }
  if (!response.ok)
    throw new PlanLoadError(`Could not load ${url.href}: HTTP ${response.status} ${response.statusText}`.trim(), `无法加载 ${url.href}：HTTP ${response.status}`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PlanLoadError(`${url.pathname} is not valid JSON: ${(cause as Error).message}`, `${url.pathname} 不是有效的 JSON：${(cause as Error).message}`);
  }
}
