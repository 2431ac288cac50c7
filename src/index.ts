/**
 * belt-map: the public API. `import 'belt-map'` (or one `<script type="module" src=".../belt-map.js">`)
 * defines `<belt-map>`; the geo functions are pure and usable on their own.
 * @packageDocumentation
 */
import { BeltMap } from './ui/belt-map.js';

// The bundled plan package ships next to the built script (dist/data/); in dev it is /data/.
// A variable (not a literal) keeps Vite from trying to bundle the folder as one asset.
const bundledPlan = import.meta.env.DEV ? '../data/plan.json' : './data/plan.json';
BeltMap.defaultSrc = new URL(bundledPlan, import.meta.url).href;
const bundledPlans = import.meta.env.DEV ? '../data/plans.json' : './data/plans.json';
BeltMap.defaultPlans = new URL(bundledPlans, import.meta.url).href;

export { BeltMap };
export type {
  BeltAnalysisDetail,
  BeltAnalysisEvent,
  BeltErrorDetail,
  BeltErrorEvent,
  BeltImportDetail,
  BeltImportEvent,
  BeltReadyDetail,
  BeltReadyEvent,
  BeltSelectDetail,
  BeltSelectEvent,
} from './ui/events.js';
export * from './geo/index.js';
export { loadPlan, planFrom, PlanLoadError } from './io/loadPlan.js';
export { renderPrintMap } from './map/printMap.js';
export type { ExportOptions, PaperSize, Orientation, PrintFormat } from './print/types.js';
export type { ImportFileOptions, ImportReport, ImportAs } from './io/importFile.js';
export type { CrsId } from './io/crs.js';
export { writePlan, readFiles, type PackageFiles } from './io/writePlan.js';
export { readPackage, validatePlan, type PackageInput } from './plan/validate.js';
export type { PlanProblem } from './plan/problems.js';
export { checkPlan, type PlanIssue, type PlanRule } from './plan/checkPlan.js';
export { planMetrics, type PlanMetrics, type PlanMetricsOptions } from './plan/planMetrics.js';
export { PUBLIC_LAYERS, type PublicLayerId } from './state/layers.js';
export { defaultTheme, type Theme } from './state/theme.js';
export type * from './types/plan.js';
export { PLAN_FORMAT } from './types/plan.js';
