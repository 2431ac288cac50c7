/**
 * belt-map: the public API. `import 'belt-map'` (or one `<script type="module" src=".../belt-map.js">`)
 * defines `<belt-map>`; the geo functions are pure and usable on their own. A page that only shows the
 * map loads the smaller src/element.ts (dist/belt-map-element.js) instead.
 * @packageDocumentation
 */
// The element (and its default plan) is src/element.ts; this entry adds the engine API to it.
export { BeltMap } from './element.js';
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
export { loadPlan, planFrom, PlanLoadError, type LoadPlanOptions } from './io/loadPlan.js';
export { renderPrintMap, type PrintMapOptions } from './map/printMap.js';
export type { ExportFormat } from './io/exportPlan.js';
export type { ExportOptions, PaperSize, Orientation, PrintFormat } from './print/types.js';
export type { ImportFileOptions, ImportReport, ImportAs } from './io/importFile.js';
export type { CrsId } from './io/crs.js';
export { writePlan, readFiles, type PackageFiles } from './io/writePlan.js';
export { readPackage, validatePlan, type FlatPackageInput, type PackageInput } from './plan/validate.js';
export type { PlanProblem } from './plan/problems.js';
export { checkPlan, type PlanIssue, type PlanRule } from './plan/checkPlan.js';
export { planMetrics, type PlanMetrics, type PlanMetricsOptions } from './plan/planMetrics.js';
export { PUBLIC_LAYERS, type PublicLayerId } from './state/layers.js';
export { defaultTheme, type Theme } from './state/theme.js';
export { registerTranslation, strings, type BeltTranslation, type Lang, type Strings } from './state/i18n.js';
export type * from './types/plan.js';
export { PLAN_FORMAT } from './types/plan.js';
