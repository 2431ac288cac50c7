/** `<belt-map>`: the element is defined in `belt-map/`; this path is the one `src/index.ts` imports. */
export { BeltMap } from './belt-map/belt-map.js';
