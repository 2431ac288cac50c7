/**
 * The bundled plan packages in data/, read from disk for Node tests (no fetch, no DOM).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planFrom } from '../../src/io/loadPlan';
import { PLAN_FILE_KEYS, type Plan, type PlanFileKey } from '../../src/types/plan';

export const DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../data');

/** A file of data/, parsed. */
export function readDataJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(resolve(DATA, file), 'utf8')) as T;
}

/** The parsed contents of the package whose manifest is `manifest` (a path in data/). */
export function readPackageFiles(manifest: string): { manifest: unknown; files: Partial<Record<PlanFileKey, unknown>> } {
  const m = readDataJson<{ files: Partial<Record<PlanFileKey, string>> }>(manifest);
  const dir = dirname(manifest);
  const files: Partial<Record<PlanFileKey, unknown>> = {};
  for (const key of PLAN_FILE_KEYS) if (m.files[key]) files[key] = readDataJson(`${dir}/${m.files[key]}`);
  return { manifest: m, files };
}

/** A package of data/ loaded through `planFrom`; a fresh copy on every call, so tests may modify it. */
export function loadPackage(manifest: string): Plan {
  return planFrom(readPackageFiles(manifest));
}

/** The default bundled plan (`data/plan.json`). */
export function loadBundledPlan(): Plan {
  return loadPackage('plan.json');
}

/** The entries of `data/plans.json`. */
export function bundledPlans(): { id: string; name: { zh: string; en: string }; url: string }[] {
  return readDataJson('plans.json');
}
