/**
 * `<belt-map>` alone: defines the element, with the bundled plan package next to the built script
 * as its default. The page's first load (dist/index.html, or `<script type="module"
 * src=".../belt-map-element.js">`) needs no more; src/index.ts (dist/belt-map.js) adds the engine
 * API (corridorZone, checkPlan, renderPrintMap, …), whose code the element loads only when used.
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
