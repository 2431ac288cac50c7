import type { Plan, PlanFileKey, PlanManifest } from '../types/plan.js';
import { ManifestSchema, PLAN_FILE_KEYS } from '../types/plan.js';

/** A written package: the file names of `plan.manifest.files` (and `plan.json`) → their text. */
export type PackageFiles = Record<string, string>;

/**
 * Writes a plan as package files, the inverse of {@link loadPlan}: `planFrom(readFiles(writePlan(p)))`
 * equals `p`. The manifest is indented for people; the GeoJSON files are compact. Files the plan does
 * not have (absent from `manifest.files`) are not written.
 *
 * @param plan - a loaded plan
 * @returns the package's files by path relative to `plan.json`, `plan.json` included
 * @example
 * ```ts
 * const files = writePlan(plan);
 * files['plan.json']; // '{\n  "format": "belt-map-plan/2", …'
 * ```
 */
export function writePlan(plan: Plan): PackageFiles {
  const { clusters, belts, targets, manifest } = plan;
  const all: PlanManifest = { ...manifest, targets, clusters, belts };
  // The schema's field order (the order data/README.md documents), then any field a planner added.
  const order = Object.keys(ManifestSchema.entries);
  const out = Object.fromEntries([...order.filter((k) => k in all), ...Object.keys(all).filter((k) => !order.includes(k))].map((k) => [k, all[k as keyof PlanManifest]]));
  const files: PackageFiles = { 'plan.json': `${JSON.stringify(out, null, 2)}\n` };
  for (const key of PLAN_FILE_KEYS) {
    const path = manifest.files[key];
    if (path !== undefined) files[path] = `${JSON.stringify(plan[key])}\n`;
  }
  return files;
}

/** The parsed contents of written package files, for {@link planFrom}. */
export function readFiles(files: PackageFiles, manifestPath = 'plan.json'): { manifest: unknown; files: Partial<Record<PlanFileKey, unknown>> } {
  const text = files[manifestPath];
  if (text === undefined) throw new Error(`readFiles: no ${manifestPath}`);
  const manifest = JSON.parse(text) as { files?: Partial<Record<PlanFileKey, string>> };
  const parsed: Partial<Record<PlanFileKey, unknown>> = {};
  for (const key of PLAN_FILE_KEYS) {
    const path = manifest.files?.[key];
    if (path !== undefined && files[path] !== undefined) parsed[key] = JSON.parse(files[path]!);
  }
  return { manifest, files: parsed };
}
